//! Applying the no-penalty list's and the import window's commands after the frame.

use chrono::NaiveDateTime;

use super::ImportWindow;
use crate::search::data::LedgerData;
use crate::store::ImportedCounts;
use crate::ui::app::LedgerApp;
use crate::ui::command::Command;

impl LedgerApp {
    /// Saves a no-penalty entry, opens the import window, or commits an import.
    pub(in crate::ui) fn apply_import(&mut self, command: Command, now: NaiveDateTime) {
        match command {
            Command::SaveNoPenalty(entry) => match self.ledger.save_no_penalty(&entry, now) {
                Ok(saved) => {
                    self.done(format!("已保存不罚清单第{}项", saved.serial));
                    self.no_penalty.saved(&saved);
                    self.data.put_no_penalty(saved);
                }
                Err(e) => self.failed(format!("保存失败：{e}")),
            },
            Command::OpenImport(kind) => {
                self.settings = None;
                self.import = Some(ImportWindow::new(kind, self.picker));
            }
            Command::CommitImport(plan) => match crate::import::commit(&self.ledger, &plan, now) {
                Ok(counts) => {
                    self.import = None;
                    self.reload_data();
                    self.done(done_text(&counts));
                }
                Err(e) => {
                    let message = format!("导入未进行：{e}");
                    if let Some(window) = &mut self.import {
                        window.commit_failed(message.clone());
                    }
                    self.failed(message);
                }
            },
            _ => {}
        }
    }

    /// Reads the ledger again after an import added many records at once.
    fn reload_data(&mut self) {
        match LedgerData::load(&self.ledger) {
            Ok(mut data) => {
                data.generation = self.data.generation + 1;
                data.read_only = self.ledger.is_read_only();
                self.data = data;
            }
            Err(e) => self.failed(format!("导入后重新读取台账失败：{e}")),
        }
    }
}

/// `已导入：指导记录12份，新建指导人员2名、目录事项1项` and the like.
fn done_text(counts: &ImportedCounts) -> String {
    let mut main = Vec::new();
    if counts.guidance > 0 {
        main.push(format!("指导记录{}份", counts.guidance));
    }
    if counts.entries > 0 {
        main.push(format!("不罚清单条目{}项", counts.entries));
    }
    let mut created = Vec::new();
    if counts.officers > 0 {
        created.push(format!("指导人员{}名", counts.officers));
    }
    if counts.items > 0 {
        if counts.guidance > 0 {
            created.push(format!("目录事项{}项（停用）", counts.items));
        } else {
            main.push(format!("目录事项{}项", counts.items));
        }
    }
    let text = format!("已导入：{}", main.join("，"));
    if created.is_empty() { text } else { format!("{text}；新建{}", created.join("、")) }
}
