//! 新建指导: the guidance form, and what was saved last.

use chrono::NaiveDateTime;
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::guidance_form::GuidanceForm;
use super::theme;
use crate::domain::{Guidance, RecordId};
use crate::search::data::LedgerData;

pub struct NewGuidanceTab {
    form: GuidanceForm,
    /// The record saved last, offered for a letter or a second look.
    last_saved: Option<(RecordId, String)>,
}

impl NewGuidanceTab {
    pub fn new(now: NaiveDateTime) -> Self {
        Self { form: GuidanceForm::new(now), last_saved: None }
    }

    pub fn edit(&mut self, g: &Guidance) {
        self.form = GuidanceForm::edit(g);
    }

    /// Loads an archived record for a correction with a reason.
    pub fn amend(&mut self, g: &Guidance) {
        self.form = GuidanceForm::amend(g);
    }

    /// After a save: an empty draft for the next record.
    pub fn saved(&mut self, g: &Guidance, now: NaiveDateTime) {
        self.form = GuidanceForm::new(now);
        self.last_saved = Some((g.id, g.number.to_string()));
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        if let Some((id, number)) = &self.last_saved {
            let id = *id;
            egui::Frame::new().fill(theme::BANNER).inner_margin(6.0).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("已保存：{number}")).color(theme::OK).strong());
                    if ui.button("查看").clicked() {
                        commands.push(Command::OpenGuidance(id));
                    }
                    if ui.button("据此出具意见书").clicked() {
                        commands.push(Command::LetterFromGuidance(id));
                    }
                });
            });
        }
        if let (Some((_, number)), Some(_)) = (&self.form.editing, &self.form.amend_reason) {
            ui.heading(RichText::new(format!("更正已归档的记录 {number}")).color(theme::ACCENT));
            ui.label(
                RichText::new("文号不变；更正前的内容和更正原因一并保留在办理过程中。")
                    .color(theme::MUTED),
            );
        } else if let Some((_, number)) = &self.form.editing {
            ui.heading(RichText::new(format!("修改指导记录 {number}")).color(theme::ACCENT));
            ui.label(RichText::new("文号不变。").color(theme::MUTED));
        } else {
            ui.heading("新建行政指导记录");
            ui.label(
                RichText::new("保存时自动编号：下一个文号按指导日期所在年份顺序编排。")
                    .color(theme::MUTED),
            );
        }
        ui.add_space(4.0);
        self.form.ui(ui, data, commands);
    }
}
