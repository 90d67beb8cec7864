//! The review of a catalogue item in its window: state, history, earlier versions, and
//! buttons for the moves allowed next, with what each needs (comments, 备案号, 网址).

use chrono::Local;
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::format_date;
use crate::domain::format_date_time;
use crate::domain::review::{Filing, ItemReview, Publication, ReviewMove, ReviewState};

#[derive(Default)]
pub struct ReviewPanel {
    /// The move whose inputs are open.
    open: Option<ReviewState>,
    text: String,
    date_text: String,
    url: String,
    platform_text: String,
}

impl ReviewPanel {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        review: &ItemReview,
        read_only: bool,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("审查状态").color(theme::MUTED));
            ui.label(
                RichText::new(format!("{}（第{}版）", review.state.label(), review.version))
                    .strong(),
            );
            if review.in_force() {
                ui.label(RichText::new("有效，可用于指导").color(theme::OK));
            } else {
                ui.label(RichText::new("尚未生效，不能用于指导").color(theme::WARNING));
            }
        });
        if let Some(f) = &review.filing {
            ui.label(format!("备案号：{}（{}）", f.number, format_date(f.date)));
        }
        if let Some(p) = &review.publication {
            let platform = p.platform_date.map_or("未上传涉企平台".into(), |d| {
                format!("{}上传涉企平台", format_date(d))
            });
            ui.label(format!("公布：{}　{}　{platform}", format_date(p.date), p.url));
        }
        for e in &review.history {
            let by = if e.by.is_empty() { String::new() } else { format!("　{}", e.by) };
            let note = if e.note.is_empty() { String::new() } else { format!("　{}", e.note) };
            ui.label(format!(
                "{}　第{}版　{}{by}{note}",
                format_date_time(e.at),
                e.version,
                e.state.label()
            ));
        }
        for v in review.versions.iter().rev() {
            egui::CollapsingHeader::new(format!(
                "第{}版（{}被新版本取代）",
                v.version,
                format_date(v.replaced_at.date())
            ))
            .id_salt(("item_version", v.version))
            .show(ui, |ui| {
                for (label, value) in [
                    ("事项名称", v.item.name.as_str()),
                    ("所属领域", v.item.domain.as_str()),
                    ("指导方式", v.item.method.label()),
                    ("指导依据", v.item.basis.as_str()),
                    ("适用对象", v.item.applicable_to.as_str()),
                    ("实施主体", v.item.implementer.as_str()),
                ] {
                    ui.label(format!("{label}：{value}"));
                }
                if let Some(f) = &v.filing {
                    ui.label(format!("备案号：{}", f.number));
                }
            });
        }
        if read_only {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for &state in review.next_states() {
                if ui.button(ReviewMove::label(state)).clicked() {
                    if state == ReviewState::Submitted {
                        commands.push(Command::ReviewItem {
                            id: review.item,
                            step: ReviewMove::Submit,
                        });
                    } else {
                        self.open = Some(state);
                        self.text.clear();
                        self.url.clear();
                        self.platform_text.clear();
                        self.date_text = format_date(Local::now().date_naive());
                    }
                }
            }
        });
        self.inputs(ui, review.item, commands);
    }

    fn inputs(&mut self, ui: &mut Ui, id: u64, commands: &mut Vec<Command>) {
        let Some(state) = self.open else { return };
        ui.separator();
        let step = match state {
            ReviewState::Approved | ReviewState::Returned | ReviewState::Rejected => {
                let label = if state == ReviewState::Approved {
                    "审查意见（可不填）"
                } else {
                    "审查意见"
                };
                widgets::text(ui, label, &mut self.text, &[], crate::domain::Field::Content, 3);
                let comment = self.text.clone();
                match state {
                    ReviewState::Approved => Some(ReviewMove::Approve { comment }),
                    _ if comment.trim().is_empty() => None,
                    ReviewState::Returned => Some(ReviewMove::Return { comment }),
                    _ => Some(ReviewMove::Reject { comment }),
                }
            }
            ReviewState::Filed => {
                widgets::line(ui, "备案号", &mut self.text, &[], None);
                let date = widgets::date(ui, "备案日期", &mut self.date_text, "filing_date");
                date.filter(|_| !self.text.trim().is_empty())
                    .map(|date| ReviewMove::File(Filing { number: self.text.clone(), date }))
            }
            ReviewState::Published => {
                let date = widgets::date(ui, "公布日期", &mut self.date_text, "publish_date");
                widgets::line(ui, "公布网址", &mut self.url, &[], None);
                let platform =
                    widgets::date(ui, "上传涉企平台日期", &mut self.platform_text, "platform_date");
                let platform_ok = self.platform_text.trim().is_empty() || platform.is_some();
                date.filter(|_| platform_ok && !self.url.trim().is_empty()).map(|date| {
                    ReviewMove::Publish(Publication {
                        date,
                        url: self.url.trim().to_owned(),
                        platform_date: platform,
                    })
                })
            }
            ReviewState::Retired => {
                widgets::line(ui, "停用原因", &mut self.text, &[], None);
                Some(ReviewMove::Retire { reason: self.text.clone() })
            }
            ReviewState::Draft | ReviewState::Submitted => None,
        };
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    step.is_some(),
                    egui::Button::new(format!("确认{}", ReviewMove::label(state))),
                )
                .clicked()
                && let Some(step) = step
            {
                commands.push(Command::ReviewItem { id, step });
                self.open = None;
            }
            if ui.button("取消").clicked() {
                self.open = None;
            }
        });
    }
}
