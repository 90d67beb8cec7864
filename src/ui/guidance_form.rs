//! The form of a guidance record (attachment 1), for a new record or an edit.

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::validation::{Field, FieldError, error_for};
use crate::domain::{
    Acceptance, Guidance, GuidanceDraft, Initiative, RecordId, SubjectKind, WrittenForm,
    format_date,
};
use crate::search::data::LedgerData;

/// A draft being typed, and which saved record it edits, if any.
pub struct GuidanceForm {
    pub draft: GuidanceDraft,
    date_text: String,
    /// The record being edited and its number; `None` for a new record.
    pub editing: Option<(RecordId, String)>,
    /// For an archived record: the correction's reason being typed. Saving then amends the
    /// record, keeping its old fields beside it.
    pub amend_reason: Option<String>,
    /// Earlier violations of the draft's subject, and what they were found for: the data
    /// generation, the subject's name and code, the time and the window.
    earlier: Option<(ProbeKey, Vec<RecordId>)>,
}

type ProbeKey =
    (u64, String, String, chrono::NaiveDateTime, crate::domain::warning::ViolationWindow);

impl GuidanceForm {
    pub fn new(now: NaiveDateTime) -> Self {
        let now = now.with_second(0).unwrap_or(now);
        Self {
            date_text: format_date(now.date()),
            draft: GuidanceDraft::new(now),
            editing: None,
            amend_reason: None,
            earlier: None,
        }
    }

    /// Loads a saved record for editing; its number does not change.
    pub fn edit(g: &Guidance) -> Self {
        Self {
            date_text: format_date(g.details.time.date()),
            draft: g.details.clone(),
            editing: Some((g.id, g.number.to_string())),
            amend_reason: None,
            earlier: None,
        }
    }

    /// Loads an archived record for a correction with a reason.
    pub fn amend(g: &Guidance) -> Self {
        Self { amend_reason: Some(String::new()), ..Self::edit(g) }
    }

    /// The draft's problems, including a date that cannot be read.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = self.draft.validate();
        if crate::domain::date::parse_date(&self.date_text).is_none() {
            errors.push(FieldError::new(Field::Date, "指导日期看不懂，请写成 2026-12-3"));
        }
        errors
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        let errors = self.problems();
        egui::ScrollArea::vertical().id_salt("guidance_form").show(ui, |ui| {
            self.when_and_who(ui, data, &errors);
            ui.separator();
            self.subject_ui(ui, &errors);
            ui.separator();
            self.item_and_content(ui, data, &errors);
            ui.separator();
            self.outcome(ui, &errors);
            ui.add_space(8.0);
            self.buttons(ui, &errors, data.read_only, commands);
        });
    }

    fn when_and_who(&mut self, ui: &mut Ui, data: &LedgerData, errors: &[FieldError]) {
        ui.heading("指导时间、地点和人员");
        if let Some(date) = widgets::date(ui, "指导日期", &mut self.date_text, "guidance_date")
        {
            self.draft.time = date.and_time(self.draft.time.time());
        }
        widgets::labelled(ui, "指导时间", None, |ui, _| {
            let mut hour = self.draft.time.hour();
            let mut minute = self.draft.time.minute();
            ui.add(egui::DragValue::new(&mut hour).range(0..=23).suffix(" 时"));
            ui.add(egui::DragValue::new(&mut minute).range(0..=59).suffix(" 分"));
            if let Some(t) = NaiveTime::from_hms_opt(hour, minute, 0) {
                self.draft.time = self.draft.time.date().and_time(t);
            }
        });
        widgets::line(ui, "指导地点", &mut self.draft.place, errors, Some(Field::Place));
        widgets::labelled(ui, "指导人员", error_for(errors, Field::Officers), |ui, _| {
            ui.horizontal_wrapped(|ui| {
                ui.set_max_width(theme::FIELD_WIDTH * 1.6);
                if data.officers.iter().all(|o| !o.active) {
                    ui.label(RichText::new("尚无指导人员，请先在“设置”中添加").color(theme::MUTED));
                }
                for officer in &data.officers {
                    let chosen = self.draft.officers.contains(&officer.id);
                    if !officer.active && !chosen {
                        continue;
                    }
                    let mut on = chosen;
                    let label = if officer.station.is_empty() {
                        officer.name.clone()
                    } else {
                        format!("{}（{}）", officer.name, officer.station)
                    };
                    if ui.checkbox(&mut on, label).changed() {
                        if on {
                            self.draft.officers.push(officer.id);
                        } else {
                            self.draft.officers.retain(|id| *id != officer.id);
                        }
                    }
                }
            });
        });
    }

    fn subject_ui(&mut self, ui: &mut Ui, errors: &[FieldError]) {
        ui.heading("指导对象");
        let s = &mut self.draft.subject;
        widgets::labelled(ui, "对象类型", None, |ui, _| {
            for kind in SubjectKind::ALL {
                ui.radio_value(&mut s.kind, kind, kind.label());
            }
        });
        let name_label = match s.kind {
            SubjectKind::NaturalPerson => "姓名",
            _ => "名称",
        };
        widgets::line(ui, name_label, &mut s.name, errors, Some(Field::SubjectName));
        if s.kind.has_credit_code() {
            widgets::line(
                ui,
                "统一社会信用代码",
                &mut s.credit_code,
                errors,
                Some(Field::CreditCode),
            );
        }
        widgets::line(ui, "联系人", &mut s.contact, errors, Some(Field::SubjectContact));
        widgets::line(ui, "联系电话", &mut s.phone, errors, Some(Field::Phone));
        widgets::line(ui, "地址", &mut s.address, errors, Some(Field::Address));
    }

    fn item_and_content(&mut self, ui: &mut Ui, data: &LedgerData, errors: &[FieldError]) {
        ui.heading("指导事项和内容");
        let current = self.draft.item.and_then(|id| data.item(id));
        let shown = current.map_or("请选择…".to_string(), |i| i.name.clone());
        widgets::labelled(ui, "指导事项", error_for(errors, Field::Item), |ui, label_id| {
            let combo = egui::ComboBox::from_id_salt("guidance_item")
                .selected_text(shown)
                .width(theme::FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for item in data.catalogue.iter().filter(|i| data.item_in_force(i)) {
                        let text = format!("{}（{}·{}）", item.name, item.domain, item.method);
                        if ui.selectable_label(self.draft.item == Some(item.id), text).clicked() {
                            self.draft.item = Some(item.id);
                            self.draft.method = item.method;
                        }
                    }
                });
            combo.response.labelled_by(label_id);
        });
        if data.catalogue.iter().all(|i| !data.item_in_force(i)) {
            widgets::labelled(ui, "", None, |ui, _| {
                ui.label(
                    RichText::new("事项目录中还没有有效事项，请先到“事项目录”添加")
                        .color(theme::MUTED),
                );
            });
        }
        widgets::labelled(ui, "指导方式", None, |ui, _| {
            for method in crate::domain::Method::ALL {
                ui.radio_value(&mut self.draft.method, method, method.label());
            }
        });
        if self.draft.method == crate::domain::Method::Warning
            && !self.draft.subject.name.trim().is_empty()
        {
            // Before saving: is this a first violation of the subject? Found again only when
            // the subject, the time or the data change, not every frame.
            let s = &self.draft.subject;
            let key: ProbeKey = (
                data.generation,
                s.name.clone(),
                s.credit_code.clone(),
                self.draft.time,
                data.violation_window,
            );
            if self.earlier.as_ref().is_none_or(|(k, _)| *k != key) {
                let probe = Guidance {
                    id: self.editing.as_ref().map_or(0, |(id, _)| *id),
                    number: crate::domain::DocNumber { prefix: String::new(), year: 0, seq: 0 },
                    details: self.draft.clone(),
                    voided: None,
                    created_at: self.draft.time,
                    updated_at: self.draft.time,
                };
                let found = crate::domain::warning::earlier_violations(
                    &probe,
                    &data.guidance,
                    data.violation_window,
                );
                self.earlier = Some((key, found.iter().map(|g| g.id).collect()));
            }
            let earlier = self.earlier.as_ref().map_or(&[][..], |(_, ids)| ids.as_slice());
            widgets::labelled(ui, "首次违法", None, |ui, _| {
                ui.vertical(|ui| super::warning_panel::show_earlier(ui, data, earlier));
            });
        }
        widgets::text(ui, "指导内容", &mut self.draft.content, errors, Field::Content, 4);
    }

    fn outcome(&mut self, ui: &mut Ui, errors: &[FieldError]) {
        ui.heading("方式和结果");
        let d = &mut self.draft;
        widgets::labelled(ui, "启动方式", None, |ui, _| {
            for v in Initiative::ALL {
                ui.radio_value(&mut d.initiative, v, v.label());
            }
        });
        widgets::labelled(ui, "指导形式", None, |ui, _| {
            for v in WrittenForm::ALL {
                ui.radio_value(&mut d.form, v, v.label());
            }
        });
        widgets::labelled(ui, "对象意见", None, |ui, _| {
            for v in Acceptance::ALL {
                ui.radio_value(&mut d.acceptance, v, v.label());
            }
        });
        widgets::text(ui, "效益、效果", &mut d.effect, errors, Field::Effect, 2);
    }

    fn buttons(
        &mut self,
        ui: &mut Ui,
        errors: &[FieldError],
        read_only: bool,
        commands: &mut Vec<Command>,
    ) {
        if let Some(reason) = &mut self.amend_reason {
            super::widgets::labelled(ui, "更正原因", None, |ui, label| {
                ui.add(egui::TextEdit::singleline(reason).desired_width(theme::FIELD_WIDTH))
                    .labelled_by(label);
            });
        }
        let reason_missing = self.amend_reason.as_ref().is_some_and(|r| r.trim().is_empty());
        ui.horizontal(|ui| {
            ui.add_space(theme::LABEL_WIDTH);
            let label = match (&self.editing, &self.amend_reason) {
                (_, Some(_)) => "保存更正",
                (Some(_), None) => "保存修改",
                (None, None) => "保存并编号",
            };
            let ok = errors.is_empty() && !read_only && !reason_missing;
            let save = ui.add_enabled(ok, egui::Button::new(label));
            if save.clicked() {
                let id = self.editing.as_ref().map(|(id, _)| *id);
                let draft = self.draft.clone();
                commands.push(match (id, &self.amend_reason) {
                    (Some(id), Some(reason)) => {
                        Command::AmendGuidance { id, draft, reason: reason.trim().to_owned() }
                    }
                    _ => Command::SaveGuidance { id, draft },
                });
            }
            if self.editing.is_some() && ui.button("放弃修改").clicked() {
                commands.push(Command::NewGuidanceForm);
            }
            if !errors.is_empty() {
                ui.label(
                    RichText::new(format!("还有{}处需要填写或更正，见各栏右侧提示", errors.len()))
                        .color(theme::MUTED),
                );
            }
        });
    }
}
