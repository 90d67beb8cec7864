//! The bundled CJK font, installed in front of egui's own fonts.
//!
//! `fonts/NotoSansSC-GB2312.ttf` covers GB 2312; rarer characters in names (𠮷, 䶮)
//! come from the system font fallback that eframe's `system_fonts` feature adds.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

const UI_FONT: &[u8] = include_bytes!("../../fonts/NotoSansSC-GB2312.ttf");
const UI_FONT_NAME: &str = "NotoSansSC-GB2312";

/// Makes the bundled Chinese font the first choice for both proportional and monospace text.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(UI_FONT_NAME.to_owned(), Arc::new(FontData::from_static(UI_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, UI_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}
