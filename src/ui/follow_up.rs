//! The follow-up window of one guidance record: its planned and made visits, a new plan, and
//! the visit's findings once made.

use chrono::NaiveDateTime;
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::theme;
use super::widgets;
use crate::domain::follow_up::{FollowUp, Satisfaction, Visit, VisitMethod};
use crate::domain::validation::{Field, error_for};
use crate::domain::{Guidance, RecordId, format_date};
use crate::search::data::LedgerData;

pub struct FollowUpWindow {
    guidance: RecordId,
    /// The follow-up being planned or filled in.
    editing: FollowUp,
    planned_text: String,
    /// The visit's findings, when the clerk is recording a visit.
    visit: Option<(Visit, String)>,
}

impl FollowUpWindow {
    /// Opens on the record's first open follow-up, or a new plan 30 days after the record.
    pub fn open(data: &LedgerData, id: RecordId, now: NaiveDateTime) -> Option<Self> {
        let record = data.guidance(id)?;
        let editing = data
            .follow_ups_of(id)
            .find(|f| f.visit.is_none())
            .cloned()
            .unwrap_or_else(|| FollowUp::plan(record, now));
        Some(Self {
            guidance: id,
            planned_text: format_date(editing.planned),
            editing,
            visit: None,
        })
    }

    /// Draws the window; false once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some(record) = data.guidance(self.guidance) else { return false };
        let mut open = true;
        egui::Window::new(format!("回访 {}", record.number))
            .id(egui::Id::unique("follow_up"))
            .open(&mut open)
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| {
                Self::history(ui, data, record);
                ui.separator();
                if data.read_only {
                    ui.label(RichText::new("只读台账：不能安排或记录回访。").color(theme::MUTED));
                } else if record.voided.is_some() {
                    ui.label(RichText::new("此记录已作废，不再回访。").color(theme::MUTED));
                } else {
                    self.form(ui, data, record, commands);
                }
            });
        open
    }

    fn history(ui: &mut Ui, data: &LedgerData, record: &Guidance) {
        let today = chrono::Local::now().date_naive();
        let mut any = false;
        for f in data.follow_ups_of(record.id) {
            any = true;
            let state = f.state(today);
            let line = match &f.visit {
                Some(v) => format!(
                    "{}　{}　回访人：{}　{}　整改情况：{}{}",
                    format_date(v.date),
                    v.method.label(),
                    data.officer_names(&v.visitors),
                    v.satisfaction.label(),
                    v.correction,
                    if v.more_guidance { "　需进一步指导" } else { "" },
                ),
                None => format!("计划 {}　{}", format_date(f.planned), state.label()),
            };
            let color = match state {
                crate::domain::follow_up::FollowUpState::Overdue => theme::ERROR,
                _ => ui.visuals().text_color(),
            };
            ui.label(RichText::new(line).color(color));
        }
        if !any {
            ui.label(RichText::new("尚未安排回访。").color(theme::MUTED));
        }
    }

    fn form(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        record: &Guidance,
        commands: &mut Vec<Command>,
    ) {
        let heading = if self.editing.id == 0 { "安排回访" } else { "修改回访计划" };
        ui.label(RichText::new(heading).strong());
        if let Some(day) =
            widgets::date(ui, "计划回访日期", &mut self.planned_text, "follow_up_planned")
        {
            self.editing.planned = day;
        }
        let mut candidate = self.editing.clone();
        match &mut self.visit {
            None => {
                if ui.button("记录回访结果…").clicked() {
                    let today = chrono::Local::now().date_naive();
                    let visit = Visit {
                        date: today,
                        method: VisitMethod::default(),
                        visitors: Vec::new(),
                        correction: String::new(),
                        satisfaction: Satisfaction::default(),
                        more_guidance: false,
                        notes: String::new(),
                    };
                    self.visit = Some((visit, format_date(today)));
                }
            }
            Some((visit, date_text)) => {
                visit_form(ui, data, visit, date_text, &candidate.validate(record));
                candidate.visit = Some(visit.clone());
            }
        }
        let errors = candidate.validate(record);
        if let Some(warning) = candidate.handler_warning(record, |id| {
            data.officer(id).map_or_else(|| format!("人员{id}"), |o| o.name.clone())
        }) {
            ui.label(RichText::new(warning).color(theme::WARNING));
        }
        if let Some(e) = error_for(&errors, Field::Date) {
            widgets::error(ui, &e.message);
        }
        let label =
            if candidate.visit.is_some() { "保存回访结果" } else { "保存回访计划" };
        if ui.add_enabled(errors.is_empty(), egui::Button::new(label)).clicked() {
            commands.push(Command::SaveFollowUp(candidate));
        }
    }

    /// After a save: the saved follow-up, and the form ready for the next.
    pub fn saved(&mut self, saved: &FollowUp, data: &LedgerData, now: NaiveDateTime) {
        if saved.guidance != self.guidance {
            return;
        }
        if let Some(next) = FollowUpWindow::open(data, self.guidance, now) {
            *self = next;
        }
    }
}

fn visit_form(
    ui: &mut Ui,
    data: &LedgerData,
    visit: &mut Visit,
    date_text: &mut String,
    errors: &[crate::domain::FieldError],
) {
    if let Some(day) = widgets::date(ui, "回访日期", date_text, "follow_up_visit") {
        visit.date = day;
    }
    widgets::labelled(ui, "回访方式", None, |ui, _| {
        for method in VisitMethod::ALL {
            ui.radio_value(&mut visit.method, method, method.label());
        }
    });
    widgets::labelled(ui, "回访人", error_for(errors, Field::Officers), |ui, _| {
        ui.horizontal_wrapped(|ui| {
            for officer in &data.officers {
                let mut on = visit.visitors.contains(&officer.id);
                if !officer.active && !on {
                    continue;
                }
                if ui.checkbox(&mut on, &officer.name).changed() {
                    if on {
                        visit.visitors.push(officer.id);
                    } else {
                        visit.visitors.retain(|id| *id != officer.id);
                    }
                }
            }
        });
    });
    widgets::text(ui, "整改情况", &mut visit.correction, errors, Field::Content, 3);
    widgets::labelled(ui, "满意度", None, |ui, _| {
        for s in Satisfaction::ALL {
            ui.radio_value(&mut visit.satisfaction, s, s.label());
        }
    });
    widgets::labelled(ui, "进一步指导", None, |ui, _| {
        ui.checkbox(&mut visit.more_guidance, "需要进一步指导");
    });
    widgets::line(ui, "备注", &mut visit.notes, errors, Some(Field::Feedback));
}
