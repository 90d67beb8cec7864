//! 「修改记录」: the whole ledger's audit trail, newest first, filtered by person, kind and
//! date, with 「校验修改记录」. Entries come from the app, read in one short transaction
//! whenever the filter or the ledger changes; this window never touches the store.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::audit::AuditFilter;
use crate::domain::date::parse_date;
use crate::domain::{Actor, RecordKind};
use crate::search::data::LedgerData;
use crate::store::audit::AuditPage;

/// How many entries are read at most; a narrower filter shows older ones.
pub const PAGE_LIMIT: usize = 5000;

#[derive(Default)]
pub struct HistoryWindow {
    actor: Option<Actor>,
    kind: Option<RecordKind>,
    from: String,
    to: String,
    page: AuditPage,
    /// The filter `page` was read for; `None` once the ledger changed.
    loaded_for: Option<AuditFilter>,
    /// The last check's lines, and whether it passed.
    verification: Option<(bool, Vec<String>)>,
}

impl HistoryWindow {
    /// Takes in entries read for `filter`.
    pub fn set_page(&mut self, filter: AuditFilter, page: AuditPage) {
        self.loaded_for = Some(filter);
        self.page = page;
    }

    /// The ledger changed: read the entries again.
    pub fn invalidate(&mut self) {
        self.loaded_for = None;
    }

    pub fn set_verification(&mut self, passed: bool, lines: Vec<String>) {
        self.verification = Some((passed, lines));
    }

    fn filter(&self) -> AuditFilter {
        AuditFilter {
            actor: self.actor.clone(),
            kind: self.kind,
            from: parse_date(&self.from),
            to: parse_date(&self.to),
        }
    }

    /// Draws the window; false once it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        reviewers: &[String],
        commands: &mut Vec<Command>,
    ) -> bool {
        let filter = self.filter();
        if self.loaded_for.as_ref() != Some(&filter) {
            // Asked once: the app reads the entries after this frame and hands them back.
            self.loaded_for = Some(filter.clone());
            commands.push(Command::LoadHistory(filter));
        }
        let mut open = true;
        egui::Window::new("修改记录")
            .id(egui::Id::unique("history_window"))
            .open(&mut open)
            .default_size([1000.0, 560.0])
            .collapsible(false)
            .show(ctx, |ui| {
                self.filters_ui(ui, data, reviewers);
                self.verify_ui(ui, commands);
                ui.separator();
                entries_table(ui, &self.page);
            });
        open
    }

    fn filters_ui(&mut self, ui: &mut Ui, data: &LedgerData, reviewers: &[String]) {
        ui.horizontal(|ui| {
            let people = data
                .officers
                .iter()
                .map(|o| Actor::Officer { id: o.id, name: o.name.clone() })
                .chain(reviewers.iter().map(|n| Actor::Reviewer { name: n.clone() }))
                .chain([Actor::CommandLine, Actor::Unspecified]);
            // The label before its list, as in the register's filters.
            let label = ui.label("操作人员");
            let shown = self.actor.as_ref().map_or("全部人员".into(), Actor::label);
            let combo = egui::ComboBox::from_id_salt("history_actor").selected_text(shown);
            let combo = combo.show_ui(ui, |ui| {
                ui.selectable_value(&mut self.actor, None, "全部人员");
                for person in people {
                    let label = person.label();
                    ui.selectable_value(&mut self.actor, Some(person), label);
                }
            });
            combo.response.labelled_by(label.id);
            let label = ui.label("类别");
            let shown = self.kind.map_or("全部类别", RecordKind::label);
            let combo = egui::ComboBox::from_id_salt("history_kind").selected_text(shown);
            let combo = combo.show_ui(ui, |ui| {
                ui.selectable_value(&mut self.kind, None, "全部类别");
                for kind in RecordKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(kind), kind.label());
                }
            });
            combo.response.labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            widgets::date(ui, "起始日期", &mut self.from, "history_from");
            widgets::date(ui, "截止日期", &mut self.to, "history_to");
            if ui.button("清除筛选").clicked() {
                *self = HistoryWindow { page: std::mem::take(&mut self.page), ..Self::default() };
            }
        });
    }

    fn verify_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let count = self.page.entries.len();
            let more =
                if self.page.truncated { "（只显示最近的，请缩小范围）" } else { "" };
            ui.label(format!("共 {count} 条{more}"));
            if ui.button("校验修改记录").clicked() {
                commands.push(Command::VerifyAudit);
            }
        });
        if let Some((passed, lines)) = &self.verification {
            for line in lines {
                if *passed {
                    widgets::success(ui, line);
                } else {
                    widgets::error(ui, line);
                }
            }
        }
    }
}

/// The entries, newest first; only the visible rows are laid out.
fn entries_table(ui: &mut Ui, page: &AuditPage) {
    let entries = &page.entries;
    TableBuilder::new(ui)
        .id_salt("history_entries")
        .striped(true)
        .column(Column::exact(56.0))
        .column(Column::initial(150.0))
        .column(Column::initial(150.0))
        // 上传涉企平台 and 不罚清单登记 are the longest.
        .column(Column::initial(96.0))
        .column(Column::initial(100.0))
        .column(Column::initial(190.0))
        .column(Column::remainder())
        .header(theme::ROW_HEIGHT, |mut header| {
            for h in ["序号", "时间", "操作人员", "操作", "类别", "文号或名称", "改动"]
            {
                header.col(|ui| {
                    ui.strong(h);
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, entries.len(), |mut row| {
                let e = &entries[row.index()];
                let cells = [
                    e.seq.to_string(),
                    e.time_text(),
                    e.actor.label(),
                    e.action.label().to_string(),
                    e.kind.label().to_string(),
                    e.label.clone(),
                ];
                for cell in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(cell).truncate());
                    });
                }
                row.col(|ui| {
                    ui.add(egui::Label::new(RichText::new(e.summary())).truncate())
                        .on_hover_text(e.changes_text());
                });
            });
        });
}
