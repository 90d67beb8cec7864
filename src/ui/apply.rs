//! The one place where commands change the ledger: store first, then what is in memory.

use chrono::NaiveDateTime;

use super::app::{LedgerApp, now};
use super::command::{Command, Tab};
use super::follow_up::FollowUpWindow;
use super::new_guidance::NewGuidanceTab;
use super::record_dialog::RecordDialog;
use super::typical::TypicalWindow;
use crate::domain::RecordId;
use crate::domain::course::{Stage, Step};
use crate::export::ListKind;

impl LedgerApp {
    /// Applies one command after the frame that asked for it.
    pub fn apply(&mut self, command: Command) {
        let now = now();
        let changes = command.changes_ledger();
        match command {
            Command::SaveGuidance { .. }
            | Command::VoidGuidance { .. }
            | Command::SaveLetter { .. }
            | Command::VoidLetter { .. } => self.apply_document(command, now),
            Command::SaveItem(_)
            | Command::DraftItem(_)
            | Command::ReviewItem { .. }
            | Command::SaveOfficer(_)
            | Command::DeleteOfficer(_)
            | Command::SaveSettings(_) => self.apply_setup(command),
            Command::SaveNoPenalty(_) | Command::OpenImport(_) | Command::CommitImport(_) => {
                self.apply_import(command, now);
            }
            Command::OpenGuidance(id) => self.open_record(RecordDialog::guidance(id)),
            Command::OpenLetter(id) => self.open_record(RecordDialog::letter(id)),
            Command::EditGuidance(id) => {
                if let Some(g) = self.data.guidance(id) {
                    if self.data.course(id).is_locked() {
                        self.new_guidance.amend(g);
                    } else {
                        self.new_guidance.edit(g);
                    }
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
                    ListKind::Platform => return self.apply_platform(Command::OpenPlatformExport),
                };
                let this_year = chrono::Datelike::year(&now);
                let year = match kind {
                    ListKind::Register => self.register.filter_year().unwrap_or(this_year),
                    _ => this_year,
                };
                self.export.start(super::export_flow::Payload::table(kind, format, table, year));
            }
            Command::ShowTab(tab) => self.tab = tab,
            Command::OpenPlatformExport
            | Command::ExportPlatform { .. }
            | Command::RecordPlatformUpload { .. } => self.apply_platform(command),
            Command::OpenItem(id) => {
                if let Some(item) = self.data.item(id) {
                    self.catalogue.open_item(item);
                    self.tab = Tab::Catalogue;
                    self.settings = None;
                }
            }
            Command::PrintDocument { .. }
            | Command::PreviewDocument(_)
            | Command::PrintRegister(_)
            | Command::OpenBatch
            | Command::PrintBatch { .. }
            | Command::PrintTypical { .. } => self.apply_print(&command),
            Command::AmendGuidance { .. }
            | Command::AdvanceCourse { .. }
            | Command::ArchiveConcluded(_)
            | Command::OpenTypical(_)
            | Command::SaveTypical(_)
            | Command::UnmarkTypical(_)
            | Command::OpenFollowUp(_)
            | Command::SaveFollowUp(_)
            | Command::Attach { .. }
            | Command::SaveWarning(_)
            | Command::SetViolationWindow(_) => self.apply_workflow(command, now),
            Command::ChooseActor(_)
            | Command::SwitchActor
            | Command::SaveReviewers(_)
            | Command::OpenHistory
            | Command::LoadHistory(_)
            | Command::VerifyAudit => self.apply_working(command),
        }
        if changes {
            self.history_changed();
        }
    }

    /// The course of a record, corrections, follow-up visits and typical cases.
    fn apply_workflow(&mut self, command: Command, now: NaiveDateTime) {
        match command {
            Command::AmendGuidance { id, draft, reason } => {
                let by = self.actor_name();
                match self.ledger.amend_guidance(id, &draft, &reason, now, &by) {
                    Ok((g, course)) => {
                        self.done(format!("已保存更正：{}（原内容已保留）", g.number));
                        self.new_guidance.saved(&g, now);
                        self.data.put_guidance(g);
                        self.data.put_course(course);
                    }
                    Err(e) => self.failed(format!("更正失败：{e}")),
                }
            }
            Command::AdvanceCourse { id, step } => {
                let by = self.actor_name();
                match self.ledger.advance_course(id, step, now, &by) {
                    Ok(course) => {
                        self.done(format!("办理过程已更新：{}", course.stage.label()));
                        self.data.put_course(course);
                    }
                    Err(e) => self.failed(format!("未能更新办理过程：{e}")),
                }
            }
            Command::ArchiveConcluded(ids) => self.archive_concluded(&ids, now),
            Command::SaveWarning(mut case) => {
                case.updated_at = now;
                match self.ledger.save_warning_case(&case) {
                    Ok(saved) => {
                        self.done("已保存不罚清单登记".into());
                        self.data.put_warning(saved);
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::SetViolationWindow(window) => match self.ledger.set_violation_window(window) {
                Ok(()) => {
                    self.done(format!("首次违法按“{}”判断", window.label()));
                    self.data.violation_window = window;
                    self.data.generation += 1;
                }
                Err(e) => self.failed(format!("保存失败：{e}")),
            },
            Command::Attach { owner, path, kind } => {
                match self.ledger.attach(owner, &path, kind, now) {
                    Ok(a) => {
                        self.done(format!("已添加附件：{}（已记录校验值）", a.original_name));
                        self.data.put_attachment(a);
                    }
                    Err(e) => self.failed(format!("添加附件失败：{e}")),
                }
            }
            Command::OpenTypical(id) => {
                self.typical = TypicalWindow::open(&self.data, id, now);
                self.record = None;
            }
            Command::SaveTypical(mut case) => {
                case.updated_at = now;
                match self.ledger.save_typical_case(&case) {
                    Ok(saved) => {
                        self.done(format!("已保存典型案例：{}", saved.title));
                        self.data.put_typical(saved);
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::OpenFollowUp(id) => {
                self.follow_up = FollowUpWindow::open(&self.data, id, now);
                self.record = None;
            }
            Command::SaveFollowUp(mut follow_up) => {
                follow_up.updated_at = now;
                match self.ledger.save_follow_up(&follow_up) {
                    Ok(saved) => {
                        let what =
                            if saved.visit.is_some() { "回访结果" } else { "回访计划" };
                        self.done(format!("已保存{what}"));
                        self.data.put_follow_up(saved.clone());
                        if let Some(window) = &mut self.follow_up {
                            window.saved(&saved, &self.data, now);
                        }
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::UnmarkTypical(id) => match self.ledger.unmark_typical(id) {
                Ok(()) => {
                    self.done("已取消典型案例标记".into());
                    self.data.remove_typical(id);
                }
                Err(e) => self.failed(format!("取消失败：{e}")),
            },
            _ => {}
        }
    }

    /// Archives concluded records together: all of them, or none if one cannot be.
    fn archive_concluded(&mut self, ids: &[RecordId], now: NaiveDateTime) {
        let by = self.actor_name();
        let archived = self.ledger.batch(|batch| {
            ids.iter()
                .map(|&id| {
                    let step = Step::Advance { to: Stage::Archived, note: "批量归档".into() };
                    batch.advance_course(id, step, now, &by)
                })
                .collect::<Result<Vec<_>, _>>()
        });
        match archived {
            Ok(courses) => {
                self.done(format!("已归档 {} 份记录", courses.len()));
                for course in courses {
                    self.data.put_course(course);
                }
            }
            Err(e) => self.failed(format!("未能归档，所有记录保持原样：{e}")),
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
            Command::SaveItem(item) => {
                let by = self.actor_name();
                match self.ledger.save_item_by(&item, super::app::now(), &by) {
                    Ok((saved, review)) => {
                        match &review {
                            Some(r) => self.done(format!(
                                "已保存事项：{}（形成第{}版，须重新审查；原版本继续有效）",
                                saved.name, r.version
                            )),
                            None => self.done(format!("已保存事项：{}", saved.name)),
                        }
                        self.catalogue.saved(&saved);
                        self.data.put_item(saved);
                        if let Some(review) = review {
                            self.data.put_review(review);
                        }
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::DraftItem(item) => {
                let by = self.actor_name();
                match self.ledger.draft_item(&item, super::app::now(), &by) {
                    Ok((saved, review)) => {
                        self.done(format!(
                            "已草拟事项：{}（提交审查并公布后方可使用）",
                            saved.name
                        ));
                        self.catalogue.saved(&saved);
                        self.data.put_item(saved);
                        self.data.put_review(review);
                    }
                    Err(e) => self.failed(format!("保存失败：{e}")),
                }
            }
            Command::ReviewItem { id, step } => {
                let by = self.actor_name();
                match self.ledger.review_item(id, step, super::app::now(), &by) {
                    Ok((item, review)) => {
                        self.done(format!("事项“{}”：{}", item.name, review.state.label()));
                        self.data.put_item(item);
                        self.data.put_review(review);
                    }
                    Err(e) => self.failed(format!("未能完成：{e}")),
                }
            }
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
