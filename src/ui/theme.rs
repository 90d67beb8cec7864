//! Colours, sizes and spacing, in one place.

use eframe::egui::{self, Color32, FontId, TextStyle};

pub const ERROR: Color32 = Color32::from_rgb(0xC0, 0x2B, 0x2B);
pub const OK: Color32 = Color32::from_rgb(0x1E, 0x7A, 0x3C);
pub const MUTED: Color32 = Color32::from_rgb(0x6B, 0x6B, 0x6B);
/// A warning that does not stop a save (e.g. a handler visiting their own case).
pub const WARNING: Color32 = Color32::from_rgb(0xB3, 0x6B, 0x00);
pub const VOIDED: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);
pub const ACCENT: Color32 = Color32::from_rgb(0xA3, 0x1F, 0x24);
pub const BANNER: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xD6);

/// Height of one table row.
pub const ROW_HEIGHT: f32 = 24.0;
/// Width of the label column of forms.
pub const LABEL_WIDTH: f32 = 130.0;
/// Width of single-line inputs in forms.
pub const FIELD_WIDTH: f32 = 360.0;

/// Larger text than egui's default: the clerks read Chinese at arm's length.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.global_style_mut(|style| {
        style.text_styles.insert(TextStyle::Body, FontId::proportional(15.0));
        style.text_styles.insert(TextStyle::Button, FontId::proportional(15.0));
        style.text_styles.insert(TextStyle::Heading, FontId::proportional(20.0));
        style.text_styles.insert(TextStyle::Small, FontId::proportional(12.0));
        style.text_styles.insert(TextStyle::Monospace, FontId::monospace(14.0));
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
    });
}
