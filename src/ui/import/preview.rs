//! The parts of the import window that show the file: the mapping of fields to columns,
//! the first rows, and the dry run with its bad rows.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::import::{Mapping, Plan, Sheet, cell_text};
use crate::ui::theme;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 20;

/// One combo box per field: which source column feeds it. True when the clerk changed one.
pub fn mapping_ui(ui: &mut Ui, sheet: &Sheet, mapping: &mut Mapping) -> bool {
    let headers = mapping.headers(sheet);
    let header_number = sheet.rows.get(mapping.header_row).map_or(0, |r| r.number);
    ui.label(
        RichText::new(format!(
            "{}，表头在第{header_number}行。对应关系（带 * 的必须有对应的列）：",
            sheet.source
        ))
        .strong(),
    );
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        for (i, target) in mapping.kind.targets().iter().enumerate() {
            let star = if target.required { "*" } else { "" };
            let label = ui.label(format!("{}{star} ←", target.name));
            let Some(column) = mapping.columns.get_mut(i) else { continue };
            let shown = column.and_then(|c| headers.get(c)).map_or("（不导入）", String::as_str);
            let combo = egui::ComboBox::from_id_salt(("import_map", i))
                .selected_text(shown)
                .width(110.0)
                .show_ui(ui, |ui| {
                    changed |= ui.selectable_value(column, None, "（不导入）").changed();
                    for (c, header) in headers.iter().enumerate() {
                        changed |= ui.selectable_value(column, Some(c), header).changed();
                    }
                });
            combo.response.labelled_by(label.id);
            ui.add_space(8.0);
        }
    });
    changed
}

/// The first data rows under the header, with their row numbers.
pub fn rows_ui(ui: &mut Ui, sheet: &Sheet, mapping: &Mapping) {
    let headers = mapping.headers(sheet);
    let first = mapping.header_row + 1;
    let shown = sheet.rows.len().saturating_sub(first).min(PREVIEW_ROWS);
    ui.label(format!("前{shown}行数据（共{}行）：", sheet.rows.len().saturating_sub(first)));
    egui::ScrollArea::horizontal().id_salt("import_preview_scroll").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("import_preview")
            .striped(true)
            .max_scroll_height(220.0)
            .column(Column::exact(48.0));
        for _ in &headers {
            table = table.column(Column::initial(120.0).clip(true));
        }
        table
            .header(theme::ROW_HEIGHT, |mut header| {
                header.col(|ui| {
                    ui.strong("行号");
                });
                for h in &headers {
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, shown, |mut row| {
                    let index = first + row.index();
                    let number = sheet.rows.get(index).map_or(0, |r| r.number);
                    row.col(|ui| {
                        ui.label(RichText::new(number.to_string()).color(theme::MUTED));
                    });
                    for c in 0..headers.len() {
                        let text = cell_text(sheet.cell(index, c));
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).truncate());
                        });
                    }
                });
            });
    });
}

/// The dry run: counts, what would be created, and every bad row.
pub fn result_ui(ui: &mut Ui, plan: &Result<Plan, String>) {
    let plan = match plan {
        Ok(plan) => plan,
        Err(message) => {
            ui.label(RichText::new(message).color(theme::ERROR));
            return;
        }
    };
    ui.label(RichText::new("试运行结果").strong());
    let lines = plan.report_lines(0);
    for line in &lines {
        ui.label(line);
    }
    if plan.bad.is_empty() {
        if plan.good > 0 {
            ui.label(RichText::new("没有发现问题，可以导入。").color(theme::OK));
        }
        return;
    }
    ui.label(
        RichText::new(format!("以下{}行有问题，改正前整个文件都不能导入：", plan.bad.len()))
            .color(theme::ERROR),
    );
    egui::ScrollArea::vertical().id_salt("import_bad_rows").max_height(160.0).show_rows(
        ui,
        theme::ROW_HEIGHT,
        plan.bad.len(),
        |ui, range| {
            for bad in &plan.bad[range] {
                ui.label(
                    RichText::new(format!("第{}行：{}", bad.row, bad.reason)).color(theme::ERROR),
                );
            }
        },
    );
}
