//! A window with one guidance record or letter: its fields, and what can be done with it.

use eframe::egui::{self, RichText, Ui};

use super::attachments_panel::AttachmentsPanel;
use super::command::Command;
use super::course_panel::CoursePanel;
use super::export_flow::Picker;
use super::theme;
use super::warning_panel::WarningPanel;
use crate::domain::Method;
use crate::domain::attachment::Owner;
use crate::domain::{Action, AuditEntry, RecordId, RecordKind, format_date, format_date_time};
use crate::export::paper::PaperFormat;
use crate::search::DocRef;
use crate::search::data::LedgerData;

enum Showing {
    Guidance(RecordId),
    Letter(RecordId),
}

pub struct RecordDialog {
    showing: Showing,
    course: CoursePanel,
    attachments: AttachmentsPanel,
    warning: WarningPanel,
    /// The reason being typed when the clerk voids the record.
    void_reason: Option<String>,
    /// The record's 修改记录, oldest first, read by the app when the dialog opens.
    history: Vec<AuditEntry>,
}

impl RecordDialog {
    pub fn guidance(id: RecordId) -> Self {
        Self {
            showing: Showing::Guidance(id),
            course: CoursePanel::default(),
            attachments: AttachmentsPanel::default(),
            warning: WarningPanel::default(),
            void_reason: None,
            history: Vec::new(),
        }
    }

    pub fn letter(id: RecordId) -> Self {
        Self {
            showing: Showing::Letter(id),
            course: CoursePanel::default(),
            attachments: AttachmentsPanel::default(),
            warning: WarningPanel::default(),
            void_reason: None,
            history: Vec::new(),
        }
    }

    /// The record shown, as the audit trail names it.
    pub fn record(&self) -> (RecordKind, RecordId) {
        match self.showing {
            Showing::Guidance(id) => (RecordKind::Guidance, id),
            Showing::Letter(id) => (RecordKind::Letter, id),
        }
    }

    pub fn set_history(&mut self, history: Vec<AuditEntry>) {
        self.history = history;
    }

    /// Draws the window; false once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        attachments_dir: &std::path::Path,
        picker: Picker,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let (title, fields, voided, id) = match self.showing {
            Showing::Guidance(id) => match guidance_fields(data, id) {
                Some((t, f, v)) => (t, f, v, id),
                None => return false,
            },
            Showing::Letter(id) => match letter_fields(data, id) {
                Some((t, f, v)) => (t, f, v, id),
                None => return false,
            },
        };
        let mut close = false;
        egui::Window::new(title)
            .id(egui::Id::unique("record_dialog"))
            .open(&mut open)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_width(640.0)
            .collapsible(false)
            .show(ctx, |ui| {
                // Everything but the buttons scrolls, so the window fits a 1366 × 768 screen.
                let room = (ctx.content_rect().height() - 230.0).max(240.0);
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                    egui::Grid::new("record_fields").num_columns(2).striped(true).show(ui, |ui| {
                        for (label, value) in &fields {
                            ui.label(RichText::new(*label).color(theme::MUTED));
                            ui.add(egui::Label::new(value.as_str()).wrap());
                            ui.end_row();
                        }
                    });
                    self.workflow_ui(ui, data, attachments_dir, picker, commands);
                    history_ui(ui, self.record().0, &self.history);
                });
                ui.separator();
                let doc = match self.showing {
                    Showing::Guidance(id) => DocRef::Guidance(id),
                    Showing::Letter(id) => DocRef::Letter(id),
                };
                ui.horizontal(|ui| {
                    ui.label(RichText::new("文书").color(theme::MUTED));
                    if ui.button("预览").clicked() {
                        commands.push(Command::PreviewDocument(doc));
                    }
                    if ui.button("导出 PDF").clicked() {
                        commands.push(Command::PrintDocument { doc, format: PaperFormat::Pdf });
                    }
                    if ui.button("导出 Word").clicked() {
                        commands.push(Command::PrintDocument { doc, format: PaperFormat::Docx });
                    }
                });
                ui.separator();
                if data.read_only {
                    ui.label(RichText::new("只读台账：不能修改或作废。").color(theme::MUTED));
                } else if voided {
                    ui.label(
                        RichText::new("此文书已作废，文号保留，不能修改。").color(theme::ERROR),
                    );
                } else {
                    let locked =
                        matches!(self.showing, Showing::Guidance(g) if data.course(g).is_locked());
                    close = self.actions(ui, id, locked, commands);
                }
            });
        open && !close
    }

    /// 附件, and for a guidance record 办理过程 and (劝导警示) the no-penalty registration.
    fn workflow_ui(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        attachments_dir: &std::path::Path,
        picker: Picker,
        commands: &mut Vec<Command>,
    ) {
        let owner = match self.showing {
            Showing::Guidance(id) => Owner::Guidance(id),
            Showing::Letter(id) => Owner::Letter(id),
        };
        ui.separator();
        egui::CollapsingHeader::new("附件").default_open(true).show(ui, |ui| {
            self.attachments.show(ui, data, attachments_dir, owner, picker, commands);
        });
        if let Showing::Guidance(id) = self.showing
            && let Some(record) = data.guidance(id)
        {
            ui.separator();
            egui::CollapsingHeader::new("办理过程")
                .default_open(true)
                .show(ui, |ui| self.course.show(ui, data, record, commands));
            if record.details.method == Method::Warning {
                egui::CollapsingHeader::new("不罚清单：首次违法、承诺与复查")
                    .default_open(true)
                    .show(ui, |ui| self.warning.show(ui, data, record, commands));
            }
        }
        ui.separator();
    }

    fn actions(
        &mut self,
        ui: &mut Ui,
        id: RecordId,
        locked: bool,
        commands: &mut Vec<Command>,
    ) -> bool {
        let is_guidance = matches!(self.showing, Showing::Guidance(_));
        if let Some(reason) = &mut self.void_reason {
            let mut done = false;
            let mut voided = false;
            ui.horizontal(|ui| {
                let label = ui.label("作废原因");
                ui.add(egui::TextEdit::singleline(reason).desired_width(300.0))
                    .labelled_by(label.id);
                let ok = !reason.trim().is_empty();
                if ui.add_enabled(ok, egui::Button::new("确认作废")).clicked() {
                    let reason = reason.trim().to_string();
                    commands.push(if is_guidance {
                        Command::VoidGuidance { id, reason }
                    } else {
                        Command::VoidLetter { id, reason }
                    });
                    done = true;
                    voided = true;
                }
                if ui.button("不作废").clicked() {
                    done = true;
                }
            });
            if done {
                self.void_reason = None;
            }
            return voided;
        }
        let mut close = false;
        ui.horizontal(|ui| {
            if is_guidance {
                let label = if locked { "更正…" } else { "修改" };
                if ui.button(label).clicked() {
                    commands.push(Command::EditGuidance(id));
                    close = true;
                }
                if ui.button("据此出具意见书").clicked() {
                    commands.push(Command::LetterFromGuidance(id));
                    close = true;
                }
                if ui.button("回访…").clicked() {
                    commands.push(Command::OpenFollowUp(id));
                    close = true;
                }
                if ui.button("典型案例…").clicked() {
                    commands.push(Command::OpenTypical(id));
                    close = true;
                }
            }
            if !locked && ui.button("作废…").clicked() {
                self.void_reason = Some(String::new());
            }
        });
        close
    }
}

/// 「修改记录」: one line per entry (time, person, action), then what changed. Entries about
/// what belongs to the record (a visit, an attachment …) say which kind they are about.
fn history_ui(ui: &mut Ui, own: RecordKind, history: &[AuditEntry]) {
    ui.add_space(8.0);
    ui.strong("修改记录");
    if history.is_empty() {
        ui.label(RichText::new("（没有修改记录）").color(theme::MUTED));
    }
    for entry in history {
        let about =
            if entry.kind == own { String::new() } else { format!("［{}］", entry.kind.label()) };
        ui.label(format!(
            "{}　{}　{about}{}",
            entry.time_text(),
            entry.actor.label(),
            entry.action.label()
        ));
        let changes = match entry.action {
            Action::Create if entry.kind == own => continue,
            _ => entry.changes_text(),
        };
        ui.indent(entry.seq, |ui| {
            ui.add(egui::Label::new(RichText::new(changes).color(theme::MUTED)).wrap());
        });
    }
}

type Fields = Vec<(&'static str, String)>;

fn guidance_fields(data: &LedgerData, id: RecordId) -> Option<(String, Fields, bool)> {
    let g = data.guidance(id)?;
    let d = &g.details;
    let s = &d.subject;
    let item = d
        .item
        .and_then(|i| data.item(i))
        .map_or("（事项已删除）".into(), |i| i.name.clone());
    let mut fields: Fields = vec![
        ("文号", g.number.to_string()),
        ("指导时间", format_date_time(d.time)),
        ("指导地点", d.place.clone()),
        ("指导人员", data.officer_names(&d.officers)),
        ("指导对象", format!("{}（{}）", s.name, s.kind.label())),
    ];
    if !s.credit_code.is_empty() {
        fields.push(("统一社会信用代码", s.credit_code.clone()));
    }
    fields.extend([
        ("联系人", s.contact.clone()),
        ("联系电话", s.phone.clone()),
        ("地址", s.address.clone()),
        ("指导事项", item),
        ("指导方式", d.method.label().to_string()),
        ("指导内容", d.content.clone()),
        ("效益、效果", d.effect.clone()),
        ("启动方式", d.initiative.label().to_string()),
        ("指导形式", d.form.label().to_string()),
        ("对象意见", d.acceptance.label().to_string()),
        ("登记时间", format_date_time(g.created_at)),
        ("最后修改", format_date_time(g.updated_at)),
    ]);
    let letters: Vec<String> = data
        .letters
        .iter()
        .filter(|l| l.details.guidance == Some(id))
        .map(|l| l.number.to_string())
        .collect();
    if !letters.is_empty() {
        fields.push(("意见书", letters.join("、")));
    }
    let today = chrono::Local::now().date_naive();
    let visits: Vec<String> = data
        .follow_ups_of(id)
        .map(|f| match &f.visit {
            Some(v) => format!("{}已回访（{}）", format_date(v.date), v.satisfaction.label()),
            None => format!("计划{}回访（{}）", format_date(f.planned), f.state(today).label()),
        })
        .collect();
    if !visits.is_empty() {
        fields.push(("回访", visits.join("；")));
    }
    if let Some(case) = data.typical.get(&id) {
        fields.push((
            "典型案例",
            format!("{}（{}标记）", case.title, format_date(case.marked_at.date())),
        ));
    }
    if let Some(v) = &g.voided {
        fields.push(("作废", format!("{}（{}）", v.reason, format_date_time(v.at))));
    }
    Some((format!("指导记录 {}", g.number), fields, g.voided.is_some()))
}

fn letter_fields(data: &LedgerData, id: RecordId) -> Option<(String, Fields, bool)> {
    let l = data.letter(id)?;
    let d = &l.details;
    let linked = d.guidance.and_then(|g| data.guidance(g)).map(|g| g.number.to_string());
    let mut fields: Fields = vec![
        ("文号", l.number.to_string()),
        ("收件对象", d.addressee.clone()),
        ("存在问题", d.problems.clone()),
        ("指导意见", d.opinion.clone()),
        ("指导联系人", d.contact.clone()),
        ("联系电话", d.phone.clone()),
        ("成文日期", format_date(d.date)),
        ("关联指导文书", linked.unwrap_or_default()),
        ("送达方式", d.delivery.method.clone()),
        ("送达日期", d.delivery.date.map(format_date).unwrap_or_default()),
        ("签收人", d.delivery.signer.clone()),
        ("对象反馈", d.feedback.clone()),
    ];
    if let Some(v) = &l.voided {
        fields.push(("作废", format!("{}（{}）", v.reason, format_date_time(v.at))));
    }
    Some((format!("意见书 {}", l.number), fields, l.voided.is_some()))
}
