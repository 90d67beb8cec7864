//! Who is working and what they changed: the commands of the actor picker and of the
//! 修改记录 views, applied after the frame like every other command.

use super::actor_picker::ActorPicker;
use super::app::LedgerApp;
use super::command::Command;
use super::history::{HistoryWindow, PAGE_LIMIT};
use super::record_dialog::RecordDialog;
use crate::domain::Actor;
use crate::store::audit::verify::CheckReport;

impl LedgerApp {
    /// Works as `actor` from the first frame, without asking: for tests and benchmarks.
    #[must_use]
    pub fn with_actor(mut self, actor: Actor) -> Self {
        self.choose_actor(actor);
        self
    }

    /// Who is working, once chosen.
    pub fn actor(&self) -> Option<&Actor> {
        Some(self.ledger.actor()).filter(|a| **a != Actor::Unspecified)
    }

    /// Whether the window is asking who is working (the tabs are not shown meanwhile).
    pub fn is_asking_who(&self) -> bool {
        self.actor_picker.is_some()
    }

    pub(super) fn apply_working(&mut self, command: Command) {
        match command {
            Command::ChooseActor(actor) => self.choose_actor(actor),
            Command::SwitchActor => {
                self.actor_picker = Some(ActorPicker::new(self.actor().cloned()));
            }
            Command::SaveReviewers(names) => match self.ledger.save_reviewers(&names) {
                Ok(kept) => {
                    self.done(format!("已保存司法所审查人员：{}", kept.join("、")));
                    self.reviewers = kept;
                }
                Err(e) => self.failed(format!("审查人员未保存：{e}")),
            },
            Command::OpenHistory => {
                self.history.get_or_insert_with(HistoryWindow::default);
            }
            Command::LoadHistory(filter) => {
                let Some(window) = &mut self.history else { return };
                match self.ledger.audit_entries(&filter, PAGE_LIMIT) {
                    Ok(page) => window.set_page(filter, page),
                    Err(e) => self.failed(format!("读取修改记录失败：{e}")),
                }
            }
            Command::VerifyAudit => self.verify_audit(),
            _ => {}
        }
    }

    fn choose_actor(&mut self, actor: Actor) {
        if let Err(e) = self.ledger.remember_actor(&actor) {
            log::warn!("未能记下当前操作人员：{e}");
        }
        self.done(format!("当前操作人员：{actor}"));
        self.ledger.set_actor(actor);
        self.actor_picker = None;
    }

    fn verify_audit(&mut self) {
        let result = self.ledger.verify();
        let (passed, lines) = match result {
            Ok(v) => (v.passed(), v.reports.iter().map(CheckReport::line).collect()),
            Err(e) => (false, vec![format!("无法校验：{e}")]),
        };
        if passed {
            self.done("修改记录校验通过".into());
        } else {
            self.failed(format!("修改记录校验未通过：{}", lines.join("；")));
        }
        if let Some(window) = &mut self.history {
            window.set_verification(passed, lines);
        }
    }

    /// Opens a record's window with its 修改记录.
    pub(super) fn open_record(&mut self, mut dialog: RecordDialog) {
        let (kind, id) = dialog.record();
        match self.ledger.history_with_related(kind, id) {
            Ok(history) => dialog.set_history(history),
            Err(e) => self.failed(format!("读取修改记录失败：{e}")),
        }
        self.record = Some(dialog);
    }

    /// The ledger changed: shown 修改记录 are read again.
    pub(super) fn history_changed(&mut self) {
        if let Some(window) = &mut self.history {
            window.invalidate();
        }
        if let Some(dialog) = &self.record {
            let (kind, id) = dialog.record();
            if let Ok(history) = self.ledger.history_with_related(kind, id)
                && let Some(dialog) = &mut self.record
            {
                dialog.set_history(history);
            }
        }
    }
}
