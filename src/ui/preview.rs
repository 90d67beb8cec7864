//! A page preview of a paper, drawn from the same layout the PDF is written from, so the
//! lines break exactly where they will on paper.

use eframe::egui::{self, Color32, FontId, Pos2, RichText, Sense, Stroke, Vec2};

use crate::export::paper::{LaidOut, Paper, lay_out};

pub struct PreviewWindow {
    laid: LaidOut,
    page: usize,
}

impl PreviewWindow {
    pub fn new(paper: &Paper) -> Self {
        Self { laid: lay_out(paper), page: 0 }
    }

    /// Draws the window; false once it is closed.
    pub fn show(&mut self, ctx: &egui::Context) -> bool {
        let mut open = true;
        let pages = self.laid.pages.len();
        egui::Window::new(format!("预览：{}", self.laid.title))
            .id(egui::Id::unique("paper_preview"))
            .open(&mut open)
            .default_size([520.0, 760.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.add_enabled(self.page > 0, egui::Button::new("上一页")).clicked() {
                        self.page -= 1;
                    }
                    ui.label(format!("第 {} 页 / 共 {pages} 页", self.page + 1));
                    if ui.add_enabled(self.page + 1 < pages, egui::Button::new("下一页")).clicked()
                    {
                        self.page += 1;
                    }
                    ui.label(RichText::new("（预览用屏幕字体，版面与打印一致）").small());
                });
                let Some(page) = self.laid.pages.get(self.page) else { return };
                let width = ui.available_width().clamp(200.0, 900.0);
                let scale = width / page.width_mm;
                let size = Vec2::new(width, page.height_mm * scale);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
                    let painter = ui.painter_at(rect);
                    painter.rect_filled(rect, 0.0, Color32::WHITE);
                    painter.rect_stroke(
                        rect,
                        0.0,
                        Stroke::new(1.0, Color32::GRAY),
                        egui::StrokeKind::Inside,
                    );
                    let at =
                        |x: f32, y: f32| Pos2::new(rect.left() + x * scale, rect.top() + y * scale);
                    for rule in &page.rules {
                        let stroke =
                            Stroke::new((rule.width_pt * 0.35 * scale).max(0.5), Color32::BLACK);
                        painter.line_segment(
                            [at(rule.x1_mm, rule.y1_mm), at(rule.x2_mm, rule.y2_mm)],
                            stroke,
                        );
                    }
                    for item in &page.items {
                        let px = item.size_pt * 25.4 / 72.0 * scale;
                        let font = FontId::proportional(px.max(1.0));
                        for (ch, x, w) in item.slots() {
                            let centre = at(x + w / 2.0, item.baseline_mm);
                            painter.text(
                                centre,
                                egui::Align2::CENTER_BOTTOM,
                                ch,
                                font.clone(),
                                Color32::BLACK,
                            );
                        }
                    }
                });
            });
        open
    }
}
