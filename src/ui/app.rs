//! The window: tabs, dialogs, and the one place where commands change the ledger.

use chrono::{Local, NaiveDateTime};
use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::command::{Command, Tab};
use super::export_flow::{ExportFlow, Picker};
use super::lookup::QuickLookup;
use super::record_dialog::RecordDialog;
use super::settings_page::SettingsPage;
use super::{catalogue, letters, new_guidance, register, theme};
use crate::search::data::LedgerData;
use crate::store::{Ledger, StoreError};

/// A line in the status bar: what the last action did.
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct LedgerApp {
    pub(super) ledger: Ledger,
    pub data: LedgerData,
    pub tab: Tab,
    catalogue: catalogue::CatalogueTab,
    new_guidance: new_guidance::NewGuidanceTab,
    letters: letters::LettersTab,
    register: register::RegisterTab,
    lookup: QuickLookup,
    record: Option<RecordDialog>,
    settings: Option<SettingsPage>,
    export: ExportFlow,
    pub status: Option<Status>,
    commands: Vec<Command>,
}

/// The clerk's clock, to the minute.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

impl LedgerApp {
    /// Loads the ledger. `picker` says whether native file dialogs may be shown.
    pub fn new(ledger: Ledger, picker: Picker) -> Result<Self, StoreError> {
        let data = LedgerData::load(&ledger)?;
        let export = ExportFlow::new(&ledger, picker);
        Ok(Self {
            tab: if data.catalogue.is_empty() { Tab::Catalogue } else { Tab::Register },
            catalogue: catalogue::CatalogueTab::default(),
            new_guidance: new_guidance::NewGuidanceTab::new(now()),
            letters: letters::LettersTab::default(),
            register: register::RegisterTab::default(),
            lookup: QuickLookup::default(),
            record: None,
            settings: None,
            export,
            status: None,
            commands: Vec::new(),
            ledger,
            data,
        })
    }

    /// Draws one frame, then applies what the widgets asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)))
        {
            self.lookup.open();
        }
        self.export.poll(&ctx, &mut self.status);
        super::export_flow::remember_folder(&mut self.export, &self.ledger);

        egui::Panel::top("tabs").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            let commands = &mut self.commands;
            if let Some(page) = &mut self.settings {
                if !page.ui(ui, &self.data, commands) {
                    self.settings = None;
                }
                return;
            }
            match self.tab {
                Tab::Catalogue => self.catalogue.ui(ui, &self.data, commands),
                Tab::NewGuidance => self.new_guidance.ui(ui, &self.data, commands),
                Tab::Letters => self.letters.ui(ui, &self.data, commands),
                Tab::Register => self.register.ui(ui, &self.data, commands),
            }
        });

        self.lookup.show(&ctx, &self.data, &mut self.commands);
        if let Some(dialog) = &mut self.record
            && !dialog.show(&ctx, &self.data, &mut self.commands)
        {
            self.record = None;
        }
        self.export.show(&ctx, &mut self.status);

        for command in std::mem::take(&mut self.commands) {
            self.apply(command);
        }
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("行政指导台账").strong().size(18.0).color(theme::ACCENT));
            ui.label(RichText::new(&self.data.settings.unit_name).color(theme::MUTED));
            ui.separator();
            for tab in Tab::ALL {
                let shown = self.tab == tab && self.settings.is_none();
                if ui.selectable_label(shown, RichText::new(tab.label()).size(16.0)).clicked() {
                    self.tab = tab;
                    self.settings = None;
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.selectable_label(self.settings.is_some(), "设置").clicked() {
                    self.settings = Some(SettingsPage::new(&self.data.settings));
                }
                if ui.button("快速查找 (Ctrl+F)").clicked() {
                    self.lookup.open();
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(status) = &self.status {
                let color = if status.is_error { theme::ERROR } else { theme::OK };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!(
                        "指导记录 {} 条 · 意见书 {} 份 · {}",
                        self.data.guidance.len(),
                        self.data.letters.len(),
                        self.ledger.path().display()
                    ))
                    .color(theme::MUTED)
                    .small(),
                );
            });
        });
    }

    fn done(&mut self, text: String) {
        self.status = Some(Status { text, is_error: false });
    }

    fn failed(&mut self, text: String) {
        log::warn!("{text}");
        self.status = Some(Status { text, is_error: true });
    }

    /// Applies one command: writes to the store, then updates what is in memory.
    pub fn apply(&mut self, command: Command) {
        let now = now();
        match command {
            Command::SaveGuidance { id, draft } => {
                let result = match id {
                    Some(id) => self.ledger.update_guidance(id, &draft, now),
                    None => self.ledger.create_guidance(&draft, now),
                };
                match result {
                    Ok(g) => {
                        let verb = if id.is_some() { "已保存修改" } else { "已保存" };
                        self.done(format!("{verb}：{}", g.number));
                        self.new_guidance.saved(&g, now);
                        self.data.put_guidance(g);
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::VoidGuidance { id, reason } => {
                match self.ledger.void_guidance(id, &reason, now) {
                    Ok(g) => {
                        self.done(format!("已作废：{}（文号保留，不再使用）", g.number));
                        self.data.put_guidance(g);
                    }
                    Err(e) => self.failed(format!("作废失败：{e}")),
                }
            }
            Command::SaveLetter { id, draft } => {
                let result = match id {
                    Some(id) => self.ledger.update_letter(id, &draft, now),
                    None => self.ledger.create_letter(&draft, now),
                };
                match result {
                    Ok(l) => {
                        self.done(format!("已保存意见书：{}", l.number));
                        self.letters.saved(&l);
                        self.data.put_letter(l);
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::VoidLetter { id, reason } => match self.ledger.void_letter(id, &reason, now) {
                Ok(l) => {
                    self.done(format!("已作废意见书：{}", l.number));
                    self.data.put_letter(l);
                }
                Err(e) => self.failed(format!("作废失败：{e}")),
            },
            Command::SaveItem(item) => match self.ledger.save_item(&item) {
                Ok(saved) => {
                    self.done(format!("已保存事项：{}", saved.name));
                    self.catalogue.saved(&saved);
                    self.data.put_item(saved);
                }
                Err(e) => self.failed(format!("保存失败：{e}")),
            },
            Command::SaveOfficer(officer) => match self.ledger.save_officer(&officer) {
                Ok(saved) => {
                    self.done(format!("已保存指导人员：{}", saved.name));
                    if let Some(d) = &mut self.settings {
                        d.officer_saved(&saved);
                    }
                    self.data.put_officer(saved);
                }
                Err(e) => self.failed(format!("保存失败：{e}")),
            },
            Command::DeleteOfficer(id) => match self.ledger.delete_officer(id) {
                Ok(()) => {
                    self.done("已删除指导人员".into());
                    self.data.remove_officer(id);
                }
                Err(e) => self.failed(e.to_string()),
            },
            Command::SaveSettings(settings) => match self.ledger.save_settings(&settings) {
                Ok(()) => {
                    self.done("设置已保存".into());
                    self.data.settings = settings;
                    self.data.generation += 1;
                }
                Err(e) => self.failed(format!("设置未保存：{e}")),
            },
            Command::OpenGuidance(id) => self.record = Some(RecordDialog::guidance(id)),
            Command::OpenLetter(id) => self.record = Some(RecordDialog::letter(id)),
            Command::EditGuidance(id) => {
                if let Some(g) = self.data.guidance(id) {
                    self.new_guidance.edit(g);
                    self.tab = Tab::NewGuidance;
                    self.record = None;
                }
            }
            Command::NewGuidanceForm => self.new_guidance = new_guidance::NewGuidanceTab::new(now),
            Command::LetterFromGuidance(id) => {
                if let Some(g) = self.data.guidance(id) {
                    self.letters.start_from(g, &self.data);
                    self.tab = Tab::Letters;
                    self.record = None;
                }
            }
            Command::Export { kind, format } => {
                let table = match kind {
                    crate::export::ListKind::Register => self.register.table(&self.data),
                    crate::export::ListKind::Catalogue => self.catalogue.table(&self.data),
                    crate::export::ListKind::Letters => self.letters.table(&self.data),
                };
                let year = chrono::Datelike::year(&now);
                let is_register = matches!(kind, crate::export::ListKind::Register);
                let year = self.register.filter_year().filter(|_| is_register).unwrap_or(year);
                self.export.start(kind, format, table, year);
            }
            Command::ShowTab(tab) => self.tab = tab,
        }
    }
}

impl eframe::App for LedgerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        LedgerApp::ui(self, ui);
    }
}
