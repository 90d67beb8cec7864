//! The course of a guidance record in its window: the stage, what was done when and by whom,
//! the application and its deadline, the outcome, amendments with the original fields, and
//! buttons for exactly the moves allowed next.

use chrono::Local;
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::theme;
use super::widgets;
use crate::domain::course::{Course, Outcome, Stage, Step};
use crate::domain::letter::DELIVERY_METHODS;
use crate::domain::{Delivery, Guidance, GuidanceDraft, Initiative, format_date, format_date_time};
use crate::search::data::LedgerData;

/// A small form open under the buttons.
enum Form {
    Apply,
    Deliver,
    Evaluate,
    End(Outcome),
}

#[derive(Default)]
pub struct CoursePanel {
    form: Option<Form>,
    date_text: String,
    text: String,
    delivery: Delivery,
}

impl CoursePanel {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        record: &Guidance,
        commands: &mut Vec<Command>,
    ) {
        let course = data.course(record.id);
        stages(ui, &course);
        facts(ui, &course);
        if data.read_only || record.voided.is_some() || course.is_locked() {
            if course.is_locked() && !data.read_only {
                ui.label(
                    RichText::new("已归档：内容如需更正，请点“更正…”并写明原因，原内容会保留。")
                        .color(theme::MUTED),
                );
            }
            return;
        }
        self.actions(ui, record, &course, commands);
    }

    fn actions(
        &mut self,
        ui: &mut Ui,
        record: &Guidance,
        course: &Course,
        commands: &mut Vec<Command>,
    ) {
        let id = record.id;
        let today = Local::now().date_naive();
        ui.horizontal_wrapped(|ui| {
            let on_application = record.details.initiative == Initiative::OnApplication;
            if on_application
                && course.application.is_none()
                && course.stage == Stage::Registered
                && ui.button("登记申请日期…").clicked()
            {
                self.open(Form::Apply, format_date(today));
            }
            if course.reply_deadline().is_some() {
                if ui.button("受理申请").clicked() {
                    commands.push(Command::AdvanceCourse {
                        id,
                        step: Step::Decide { accept: true, date: today },
                    });
                }
                if ui.button("不予受理").clicked() {
                    commands.push(Command::AdvanceCourse {
                        id,
                        step: Step::Decide { accept: false, date: today },
                    });
                }
            }
            for stage in course.next_stages(record.details.form) {
                let label = format!("转为“{}”", stage.label());
                if !ui.button(label).clicked() {
                    continue;
                }
                match stage {
                    Stage::Delivered => {
                        self.delivery =
                            Delivery { method: DELIVERY_METHODS[0].into(), ..Delivery::default() };
                        self.open(Form::Deliver, format_date(today));
                    }
                    Stage::Evaluated => self.open(Form::Evaluate, String::new()),
                    _ => commands.push(Command::AdvanceCourse {
                        id,
                        step: Step::Advance { to: stage, note: String::new() },
                    }),
                }
            }
            if course.stage < Stage::Concluded && course.outcome.is_none() {
                for outcome in Outcome::ALL {
                    if ui.button(format!("{}…", outcome.label())).clicked() {
                        self.open(Form::End(outcome), format_date(today));
                    }
                }
            }
        });
        self.form_ui(ui, id, commands);
    }

    fn open(&mut self, form: Form, date_text: String) {
        self.form = Some(form);
        self.date_text = date_text;
        self.text.clear();
    }

    fn form_ui(&mut self, ui: &mut Ui, id: u64, commands: &mut Vec<Command>) {
        let Some(form) = &self.form else { return };
        ui.separator();
        let date = widgets::date(ui, "日期", &mut self.date_text, "course_date");
        let step = match form {
            Form::Apply => date.map(Step::Applied),
            Form::Deliver => {
                widgets::labelled(ui, "送达方式", None, |ui, _| {
                    for method in DELIVERY_METHODS {
                        ui.radio_value(&mut self.delivery.method, method.to_owned(), method);
                    }
                });
                widgets::line(ui, "签收人", &mut self.delivery.signer, &[], None);
                self.delivery.date = date;
                date.map(|_| Step::Deliver(self.delivery.clone()))
            }
            Form::Evaluate => {
                widgets::text(ui, "评估意见", &mut self.text, &[], crate::domain::Field::Effect, 3);
                (!self.text.trim().is_empty()).then(|| Step::Evaluate(self.text.clone()))
            }
            Form::End(outcome) => {
                widgets::line(ui, "情况说明", &mut self.text, &[], None);
                date.map(|date| Step::End { outcome: *outcome, date, note: self.text.clone() })
            }
        };
        ui.horizontal(|ui| {
            if ui.add_enabled(step.is_some(), egui::Button::new("确定")).clicked()
                && let Some(step) = step
            {
                commands.push(Command::AdvanceCourse { id, step });
                self.form = None;
            }
            if ui.button("取消").clicked() {
                self.form = None;
            }
        });
    }
}

/// The stages in a row, the current one marked.
fn stages(ui: &mut Ui, course: &Course) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("办理阶段").color(theme::MUTED));
        for stage in Stage::ALL {
            let text = RichText::new(stage.label());
            let text = match stage.cmp(&course.stage) {
                std::cmp::Ordering::Equal => text.strong().color(theme::ACCENT),
                std::cmp::Ordering::Less => text.color(ui.visuals().text_color()),
                std::cmp::Ordering::Greater => text.color(theme::VOIDED),
            };
            ui.label(text);
            if stage != Stage::Archived {
                ui.label(RichText::new("→").color(theme::VOIDED));
            }
        }
    });
}

/// Application, history, outcome and amendments.
fn facts(ui: &mut Ui, course: &Course) {
    if let Some(application) = &course.application {
        let line = match application.decided {
            None => format!(
                "申请日期：{}；应于{}前答复（5个工作日，未计节假日）",
                format_date(application.received),
                course.reply_deadline().map(format_date).unwrap_or_default()
            ),
            Some((date, accepted)) => format!(
                "申请日期：{}；{}于{}",
                format_date(application.received),
                if accepted { "受理" } else { "不予受理" },
                format_date(date)
            ),
        };
        ui.label(line);
    }
    for entry in &course.history {
        let by = if entry.by.is_empty() { String::new() } else { format!("　{}", entry.by) };
        let note = if entry.note.is_empty() { String::new() } else { format!("　{}", entry.note) };
        ui.label(format!("{}　{}{by}{note}", format_date_time(entry.at), entry.stage.label()));
    }
    if let Some(outcome) = &course.outcome {
        ui.label(
            RichText::new(format!(
                "结果：{}（{}）{}",
                outcome.outcome.label(),
                format_date(outcome.date),
                outcome.note
            ))
            .color(theme::WARNING),
        );
    }
    for (i, amendment) in course.amendments.iter().enumerate() {
        let by =
            if amendment.by.is_empty() { String::new() } else { format!("　{}", amendment.by) };
        egui::CollapsingHeader::new(format!(
            "{}{by}　更正：{}",
            format_date_time(amendment.at),
            amendment.reason
        ))
        .id_salt(("amendment", i))
        .show(ui, |ui| original(ui, &amendment.before));
    }
}

/// A record's fields as they were before an amendment.
fn original(ui: &mut Ui, d: &GuidanceDraft) {
    ui.label(RichText::new("更正前的内容：").color(theme::MUTED));
    for (label, value) in [
        ("指导时间", format_date_time(d.time)),
        ("指导地点", d.place.clone()),
        ("指导对象", d.subject.name.clone()),
        ("指导方式", d.method.label().to_owned()),
        ("指导内容", d.content.clone()),
        ("效益、效果", d.effect.clone()),
    ] {
        ui.label(format!("{label}：{value}"));
    }
}
