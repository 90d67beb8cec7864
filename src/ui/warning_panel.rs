//! The no-penalty part of a 劝导警示 record in its window: whether it is a first violation,
//! the subject's commitment and the re-check.

use chrono::Local;
use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::warning::{Commitment, Recheck, RecheckResult, WarningCase, earlier_violations};
use crate::domain::{Field, Guidance, NoPenaltyEntry, RecordId, format_date};
use crate::search::data::LedgerData;

/// The case being edited, with its dates as typed.
#[derive(Default)]
pub struct WarningPanel {
    case: Option<WarningCase>,
    signed: String,
    deadline: String,
    recheck_date: String,
    /// Earlier violations, found once per data generation.
    earlier: Option<(u64, Vec<u64>)>,
}

/// Says whether there are earlier violations (by record id), and lists them.
pub fn show_earlier(ui: &mut Ui, data: &LedgerData, earlier: &[u64]) {
    let earlier: Vec<&Guidance> = earlier.iter().filter_map(|&id| data.guidance(id)).collect();
    let window = data.violation_window.label();
    if earlier.is_empty() {
        ui.label(
            RichText::new(format!("首次违法：该对象{window}没有劝导警示记录。")).color(theme::OK),
        );
    } else {
        ui.label(
            RichText::new(format!(
                "非首次违法：该对象{window}已有{}次劝导警示，请核实是否仍适用不罚清单：",
                earlier.len()
            ))
            .color(theme::WARNING),
        );
        for g in &earlier {
            ui.label(format!(
                "　{}　{}　{}",
                format_date(g.details.time.date()),
                g.number,
                g.details.content
            ));
        }
    }
}

impl WarningPanel {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        record: &Guidance,
        commands: &mut Vec<Command>,
    ) {
        if self.earlier.as_ref().is_none_or(|(g, _)| *g != data.generation) {
            let found = earlier_violations(record, &data.guidance, data.violation_window);
            self.earlier = Some((data.generation, found.iter().map(|g| g.id).collect()));
        }
        let earlier = self.earlier.as_ref().map(|(_, ids)| ids.clone()).unwrap_or_default();
        show_earlier(ui, data, &earlier);
        let first = earlier.is_empty();
        if data.read_only || record.voided.is_some() {
            if let Some(case) = data.warnings.get(&record.id) {
                summary(ui, data, case);
            }
            return;
        }
        let today = format_date(Local::now().date_naive());
        let case = self.case.get_or_insert_with(|| {
            data.warnings.get(&record.id).cloned().unwrap_or(WarningCase {
                guidance: record.id,
                entry: None,
                first_violation: first,
                earlier: earlier.clone(),
                commitment: None,
                recheck: None,
                updated_at: record.updated_at,
            })
        });
        case.first_violation = first;
        case.earlier = earlier;
        entry_picker(ui, data, &mut case.entry);
        match &mut case.commitment {
            None => {
                if ui.button("登记承诺书…").clicked() {
                    let day = Local::now().date_naive();
                    case.commitment =
                        Some(Commitment { content: String::new(), signed: day, deadline: day });
                    self.signed.clone_from(&today);
                    self.deadline.clone_from(&today);
                }
            }
            Some(c) => {
                if self.signed.is_empty() {
                    self.signed = format_date(c.signed);
                    self.deadline = format_date(c.deadline);
                }
                widgets::text(ui, "承诺内容", &mut c.content, &[], Field::Content, 2);
                if let Some(d) = widgets::date(ui, "签署日期", &mut self.signed, "commit_signed")
                {
                    c.signed = d;
                }
                if let Some(d) =
                    widgets::date(ui, "整改期限", &mut self.deadline, "commit_deadline")
                {
                    c.deadline = d;
                }
            }
        }
        if case.commitment.is_some() {
            match &mut case.recheck {
                None => {
                    if ui.button("登记复查…").clicked() {
                        case.recheck = Some(Recheck {
                            date: Local::now().date_naive(),
                            result: RecheckResult::Corrected,
                            note: String::new(),
                        });
                        self.recheck_date.clone_from(&today);
                    }
                }
                Some(r) => {
                    if self.recheck_date.is_empty() {
                        self.recheck_date = format_date(r.date);
                    }
                    if let Some(d) =
                        widgets::date(ui, "复查日期", &mut self.recheck_date, "recheck_date")
                    {
                        r.date = d;
                    }
                    widgets::labelled(ui, "复查结果", None, |ui, _| {
                        for result in RecheckResult::ALL {
                            ui.radio_value(&mut r.result, result, result.label());
                        }
                    });
                    widgets::line(ui, "复查说明", &mut r.note, &[], Some(Field::Feedback));
                }
            }
        }
        let errors = case.validate(record);
        for e in &errors {
            widgets::error(ui, &e.message);
        }
        if ui.add_enabled(errors.is_empty(), egui::Button::new("保存不罚清单登记")).clicked()
        {
            commands.push(Command::SaveWarning(case.clone()));
        }
    }
}

/// 「适用的不罚清单事项」: the entry of the list the violation falls under, with its
/// conditions shown so the clerk can check them against the case.
fn entry_picker(ui: &mut Ui, data: &LedgerData, entry: &mut Option<RecordId>) {
    let chosen = entry.and_then(|id| data.no_penalty.iter().find(|e| e.id == id));
    widgets::labelled(ui, "不罚清单事项", None, |ui, label| {
        if data.no_penalty.is_empty() {
            ui.label(
                RichText::new("不罚清单还没有条目，请先到「不罚清单」页添加。").color(theme::MUTED),
            );
            return;
        }
        let shown = match (chosen, *entry) {
            (Some(e), _) => e.label(),
            (None, Some(_)) => "（所选条目已不在清单中）".into(),
            (None, None) => "（请选择）".into(),
        };
        let combo = egui::ComboBox::from_id_salt("no_penalty_entry")
            .width(360.0)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(entry, None, "（不关联）");
                for e in &data.no_penalty {
                    ui.selectable_value(entry, Some(e.id), e.label())
                        .on_hover_text(format!("{}\n不予处罚条件：{}", e.basis, e.conditions));
                }
            });
        combo.response.labelled_by(label);
    });
    if let Some(e) = chosen {
        ui.label(
            RichText::new(format!("不予处罚条件：{}（{}）", e.conditions, e.implementer))
                .color(theme::MUTED),
        );
    }
}

fn summary(ui: &mut Ui, data: &LedgerData, case: &WarningCase) {
    if let Some(id) = case.entry {
        let name = data
            .no_penalty
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| "（所选条目已不在清单中）".to_string(), NoPenaltyEntry::label);
        ui.label(format!("不罚清单事项：{name}"));
    }
    if let Some(c) = &case.commitment {
        ui.label(format!(
            "承诺书：{}（{}签署，整改期限{}）",
            c.content,
            format_date(c.signed),
            format_date(c.deadline)
        ));
    }
    if let Some(r) = &case.recheck {
        ui.label(format!("复查：{}　{}　{}", format_date(r.date), r.result.label(), r.note));
    }
}
