//! The one place where commands change the ledger: store first, then what is in memory.

use chrono::NaiveDateTime;

use super::app::{LedgerApp, now};
use super::command::{Command, Tab};
use super::new_guidance::NewGuidanceTab;
use super::record_dialog::RecordDialog;
use crate::export::ListKind;

impl LedgerApp {
    /// Applies one command after the frame that asked for it.
    pub fn apply(&mut self, command: Command) {
        let now = now();
        match command {
            Command::SaveGuidance { .. }
            | Command::VoidGuidance { .. }
            | Command::SaveLetter { .. }
            | Command::VoidLetter { .. } => self.apply_document(command, now),
            Command::SaveItem(_)
            | Command::SaveOfficer(_)
            | Command::DeleteOfficer(_)
            | Command::SaveSettings(_) => self.apply_setup(command),
            Command::SaveNoPenalty(_) | Command::OpenImport(_) | Command::CommitImport(_) => {
                self.apply_import(command, now);
            }
            Command::OpenGuidance(id) => self.record = Some(RecordDialog::guidance(id)),
            Command::OpenLetter(id) => self.record = Some(RecordDialog::letter(id)),
            Command::EditGuidance(id) => {
                if let Some(g) = self.data.guidance(id) {
                    self.new_guidance.edit(g);
                    self.tab = Tab::NewGuidance;
                    self.record = None;
                }
            }
            Command::NewGuidanceForm => self.new_guidance = NewGuidanceTab::new(now),
            Command::LetterFromGuidance(id) => {
                if let Some(g) = self.data.guidance(id) {
                    self.letters.start_from(g, &self.data);
                    self.tab = Tab::Letters;
                    self.record = None;
                }
            }
            Command::Export { kind, format } => {
                let table = match kind {
                    ListKind::Register => self.register.table(&self.data),
                    ListKind::Catalogue => self.catalogue.table(&self.data),
                    ListKind::Letters => self.letters.table(&self.data),
                };
                let this_year = chrono::Datelike::year(&now);
                let year = match kind {
                    ListKind::Register => self.register.filter_year().unwrap_or(this_year),
                    _ => this_year,
                };
                self.export.start(kind, format, table, year);
            }
            Command::ShowTab(tab) => self.tab = tab,
        }
    }

    /// Saving and voiding guidance records and letters.
    fn apply_document(&mut self, command: Command, now: NaiveDateTime) {
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
            _ => {}
        }
    }

    /// The catalogue, officers and settings.
    fn apply_setup(&mut self, command: Command) {
        match command {
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
                    if let Some(page) = &mut self.settings {
                        page.officer_saved(&saved);
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
            _ => {}
        }
    }
}
