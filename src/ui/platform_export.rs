//! 导出到涉企平台: the catalogue in the columns the city's enterprise-inspection platform takes,
//! chosen, renamed and ordered by the office; and, once uploaded, the upload date recorded on
//! each published item.

use chrono::NaiveDate;
use eframe::egui::{self, RichText, Ui};

use super::app::LedgerApp;
use super::command::Command;
use super::{theme, widgets};
use crate::domain::review::ReviewState;
use crate::domain::{CatalogueItem, RecordId, format_date};
use crate::export::platform::{
    DateStyle, PLATFORM_LAYOUT_KEY, PlatformLayout, platform_items, platform_table,
};
use crate::export::{Format, ListKind};
use crate::search::data::LedgerData;

/// The window, open over the 事项目录 tab.
pub struct PlatformWindow {
    layout: PlatformLayout,
    /// 上传日期 as typed.
    uploaded_text: String,
}

impl PlatformWindow {
    /// Opens with the layout last used, and today as the upload date.
    pub fn new(layout: PlatformLayout, today: NaiveDate) -> Self {
        Self { layout, uploaded_text: format_date(today) }
    }

    /// Draws the window over `shown`, the catalogue as filtered in the tab. Returns false
    /// when closed.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        shown: &[&CatalogueItem],
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut close = false;
        let room = (ctx.content_rect().height() - 260.0).max(200.0);
        egui::Window::new("导出到涉企平台")
            .open(&mut open)
            .default_width(560.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(
                        "涉企平台的上传格式以平台要求为准：勾选要导出的列，按平台模板改列名、调顺序。\
                         设置会保存在本台账中，下次导出照此办理。",
                    )
                    .color(theme::MUTED),
                );
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| self.columns_ui(ui));
                ui.separator();
                self.options_ui(ui);
                let items = platform_items(shown.iter().copied(), &data.reviews, &self.layout);
                ui.label(format!("将导出 {} 个事项（按“事项目录”当前的筛选）", items.len()));
                let problem = self.layout.problem();
                if let Some(problem) = &problem {
                    ui.colored_label(theme::ERROR, problem);
                }
                ui.horizontal(|ui| {
                    for format in [Format::Xlsx, Format::Csv] {
                        let label = match format {
                            Format::Xlsx => "导出 Excel（涉企平台）",
                            Format::Csv => "导出 CSV（涉企平台）",
                        };
                        let button = egui::Button::new(label);
                        if ui.add_enabled(problem.is_none(), button).clicked() {
                            commands.push(Command::ExportPlatform {
                                format,
                                layout: self.layout.clone(),
                            });
                        }
                    }
                    if ui.button("恢复默认列").clicked() {
                        self.layout = PlatformLayout::default();
                    }
                    if ui.button("完成").clicked() {
                        close = true;
                    }
                });
                ui.separator();
                self.upload_ui(ui, data, &items, commands);
            });
        open && !close
    }

    fn columns_ui(&mut self, ui: &mut Ui) {
        let mut shift = None;
        let last = self.layout.fields.len().saturating_sub(1);
        egui::Grid::new("platform_columns").striped(true).num_columns(3).show(ui, |ui| {
            ui.strong("导出的内容");
            ui.strong("列名（平台模板中的名称）");
            ui.strong("顺序");
            ui.end_row();
            for (i, field) in self.layout.fields.iter_mut().enumerate() {
                let what = ui.checkbox(&mut field.include, field.column.label());
                let edit = egui::TextEdit::singleline(&mut field.header).desired_width(200.0);
                ui.add_enabled(field.include, edit).labelled_by(what.id);
                ui.horizontal(|ui| {
                    if ui.add_enabled(i > 0, egui::Button::new("上移").small()).clicked() {
                        shift = Some((i, -1));
                    }
                    if ui.add_enabled(i < last, egui::Button::new("下移").small()).clicked() {
                        shift = Some((i, 1));
                    }
                });
                ui.end_row();
            }
        });
        if let Some((i, by)) = shift {
            self.layout.shift(i, by);
        }
    }

    fn options_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("日期写法");
            let combo = egui::ComboBox::from_id_salt("platform_dates")
                .selected_text(self.layout.dates.label())
                .show_ui(ui, |ui| {
                    for style in DateStyle::ALL {
                        ui.selectable_value(&mut self.layout.dates, style, style.label());
                    }
                });
            combo.response.labelled_by(label.id);
            ui.checkbox(&mut self.layout.only_in_force, "只导出有效事项（已公布、未停用）");
        });
    }

    /// The published items of this export not yet known to be on the platform, and a date to
    /// record for them once the file is uploaded.
    fn upload_ui(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        items: &[&CatalogueItem],
        commands: &mut Vec<Command>,
    ) {
        let waiting: Vec<RecordId> = items
            .iter()
            .filter(|item| {
                data.reviews.get(&item.id).is_some_and(|r| {
                    r.state == ReviewState::Published
                        && r.publication.as_ref().is_some_and(|p| p.platform_date.is_none())
                })
            })
            .map(|item| item.id)
            .collect();
        if waiting.is_empty() {
            ui.label(
                RichText::new("本次导出的已公布事项都已记录上传涉企平台日期。").color(theme::MUTED),
            );
            return;
        }
        ui.label(format!(
            "本次导出的事项中有 {} 项已公布、尚未记录上传涉企平台日期。上传成功后在此记录：",
            waiting.len()
        ));
        let uploaded = widgets::date(ui, "上传日期", &mut self.uploaded_text, "platform_uploaded");
        let button = egui::Button::new(format!("记录上传涉企平台（{}项）", waiting.len()));
        if ui.add_enabled(uploaded.is_some() && !data.read_only, button).clicked()
            && let Some(date) = uploaded
        {
            commands.push(Command::RecordPlatformUpload { ids: waiting, date });
        }
    }
}

impl LedgerApp {
    /// Opens the window, exports under a layout (kept for next time), or records an upload.
    pub(super) fn apply_platform(&mut self, command: Command) {
        match command {
            Command::OpenPlatformExport => {
                let layout = match self.ledger.preference(PLATFORM_LAYOUT_KEY) {
                    Ok(Some(text)) => PlatformLayout::from_text(&text),
                    Ok(None) => PlatformLayout::default(),
                    Err(e) => {
                        log::warn!("读取涉企平台列设置失败：{e}");
                        PlatformLayout::default()
                    }
                };
                let today = super::app::now().date();
                self.catalogue.platform = Some(PlatformWindow::new(layout, today));
            }
            Command::ExportPlatform { format, layout } => {
                if !self.data.read_only
                    && let Err(e) =
                        self.ledger.set_preference(PLATFORM_LAYOUT_KEY, &layout.to_text())
                {
                    log::warn!("未能保存涉企平台列设置：{e}");
                }
                let shown = self.catalogue.shown(&self.data);
                let items = platform_items(&shown, &self.data.reviews, &layout);
                let mut table = platform_table(&items, &self.data.reviews, &layout);
                table.title = format!("{}{}", self.data.settings.unit_name.trim(), table.title);
                let year = chrono::Datelike::year(&super::app::now());
                let payload =
                    super::export_flow::Payload::table(ListKind::Platform, format, table, year);
                self.export.start(payload);
            }
            Command::RecordPlatformUpload { ids, date } => {
                let by = self.actor_name();
                match self.ledger.record_platform_upload(&ids, date, super::app::now(), &by) {
                    Ok(reviews) => {
                        self.done(format!(
                            "已记录 {} 个事项于{}上传涉企平台",
                            reviews.len(),
                            format_date(date)
                        ));
                        for review in reviews {
                            self.data.put_review(review);
                        }
                    }
                    Err(e) => self.failed(format!("未能记录上传：{e}")),
                }
            }
            _ => {}
        }
    }
}
