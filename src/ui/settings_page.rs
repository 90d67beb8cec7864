//! 设置: the office's settings and its officers, shown in place of the tabs while open.

mod backup;

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::export_flow::Picker;
use super::{theme, widgets};
use crate::domain::validation::Field;
use crate::domain::{Officer, Settings};
use crate::search::data::LedgerData;

pub use backup::BackupSection;

pub struct SettingsPage {
    settings: Settings,
    /// The officer being added (id 0) or edited.
    officer: Option<Officer>,
    pub backup: BackupSection,
}

impl SettingsPage {
    pub fn new(settings: &Settings) -> Self {
        Self { settings: settings.clone(), officer: None, backup: BackupSection::default() }
    }

    /// Lets the backup section show native file dialogs (off the UI thread).
    #[must_use]
    pub fn with_picker(mut self, picker: Picker) -> Self {
        self.backup.set_picker(picker);
        self
    }

    pub fn officer_saved(&mut self, _officer: &Officer) {
        self.officer = None;
    }

    /// Draws the page; false once the clerk closes it.
    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) -> bool {
        let mut open = true;
        ui.horizontal(|ui| {
            ui.heading(RichText::new("设置").color(theme::ACCENT));
            if ui.button("关闭设置").clicked() {
                open = false;
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("settings_page").show(ui, |ui| {
            self.settings_ui(ui, data.read_only, commands);
            ui.separator();
            self.backup.ui(ui);
            ui.separator();
            no_penalty_ui(ui, data, commands);
            ui.separator();
            super::import::settings_section(ui, data.read_only, commands);
            ui.separator();
            self.officers_ui(ui, data, commands);
        });
        open
    }

    fn settings_ui(&mut self, ui: &mut Ui, read_only: bool, commands: &mut Vec<Command>) {
        ui.heading("单位与文号");
        let s = &mut self.settings;
        let errors = s.validate();
        widgets::line(ui, "单位名称", &mut s.unit_name, &errors, Some(Field::UnitName));
        widgets::line(ui, "文号前缀", &mut s.guidance_prefix, &errors, Some(Field::GuidancePrefix));
        widgets::labelled(ui, "意见书编号", None, |ui, _| {
            ui.checkbox(&mut s.letters_share_sequence, "与指导文书共用同一文号序列（默认）");
        });
        if !s.letters_share_sequence {
            widgets::line(
                ui,
                "意见书前缀",
                &mut s.letter_prefix,
                &errors,
                Some(Field::LetterPrefix),
            );
        }
        widgets::line(ui, "默认联系人", &mut s.default_contact, &errors, None);
        widgets::line(ui, "默认联系电话", &mut s.default_phone, &errors, Some(Field::Phone));
        let example =
            crate::domain::DocNumber { prefix: s.guidance_prefix.clone(), year: 2026, seq: 7 };
        widgets::labelled(ui, "文号示例", None, |ui, _| {
            ui.label(RichText::new(example.to_string()).color(theme::MUTED));
        });
        ui.horizontal(|ui| {
            ui.add_space(theme::LABEL_WIDTH);
            if ui
                .add_enabled(errors.is_empty() && !read_only, egui::Button::new("保存设置"))
                .clicked()
            {
                commands.push(Command::SaveSettings(s.clone()));
            }
        });
    }

    fn officers_ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("指导人员");
            if ui.button("＋ 添加人员").clicked() {
                self.officer = Some(Officer { active: true, ..Default::default() });
            }
        });
        if let Some(officer) = &mut self.officer {
            ui.separator();
            ui.label(
                RichText::new(if officer.id == 0 {
                    "添加指导人员"
                } else {
                    "修改指导人员"
                })
                .strong(),
            );
            let errors = officer.validate();
            widgets::line(ui, "姓名", &mut officer.name, &errors, Some(Field::Name));
            widgets::line(ui, "执法证号", &mut officer.badge, &errors, Some(Field::Badge));
            widgets::line(ui, "所属站所", &mut officer.station, &errors, Some(Field::Station));
            widgets::line(ui, "电话", &mut officer.phone, &errors, Some(Field::Phone));
            let mut cancel = false;
            ui.horizontal(|ui| {
                ui.add_space(theme::LABEL_WIDTH);
                if ui
                    .add_enabled(
                        errors.is_empty() && !data.read_only,
                        egui::Button::new("保存人员"),
                    )
                    .clicked()
                {
                    commands.push(Command::SaveOfficer(officer.clone()));
                }
                if ui.button("取消").clicked() {
                    cancel = true;
                }
            });
            if cancel {
                self.officer = None;
            }
        }
        egui::Grid::new("officers").num_columns(6).striped(true).show(ui, |ui| {
            for h in ["姓名", "执法证号", "所属站所", "电话", "状态", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for o in &data.officers {
                ui.label(&o.name);
                ui.label(&o.badge);
                ui.label(&o.station);
                ui.label(&o.phone);
                ui.label(if o.active { "在岗" } else { "停用" });
                ui.horizontal(|ui| {
                    if ui.small_button("修改").clicked() {
                        self.officer = Some(o.clone());
                    }
                    let toggle = if o.active { "停用" } else { "启用" };
                    if ui.small_button(toggle).clicked() {
                        commands
                            .push(Command::SaveOfficer(Officer { active: !o.active, ..o.clone() }));
                    }
                    if ui.small_button("删除").clicked() {
                        commands.push(Command::DeleteOfficer(o.id));
                    }
                });
                ui.end_row();
            }
        });
    }
}

/// How 劝导警示 decides a first violation.
fn no_penalty_ui(ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
    use crate::domain::warning::ViolationWindow;
    ui.heading("不罚清单");
    ui.add_enabled_ui(!data.read_only, |ui| {
        super::widgets::labelled(ui, "首次违法的认定", None, |ui, _| {
            for window in ViolationWindow::ALL {
                let text = format!("{}无劝导警示记录", window.label());
                if ui.radio(data.violation_window == window, text).clicked()
                    && data.violation_window != window
                {
                    commands.push(Command::SetViolationWindow(window));
                }
            }
        });
    });
}
