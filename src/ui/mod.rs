//! The eframe window. The only layer that knows egui, and the only one that calls `rfd`.

pub mod actor_picker;
pub mod app;
mod apply;
mod apply_print;
pub mod archive_dialog;
pub mod attachments_panel;
pub mod batch;
pub mod catalogue;
pub mod command;
pub mod course_panel;
pub mod export_flow;
pub mod follow_up;
pub mod fonts;
pub mod guidance_form;
pub mod history;
pub mod import;
pub mod letters;
pub mod lookup;
pub mod new_guidance;
pub mod no_penalty;
mod platform_export;
pub mod preview;
pub mod print;
pub mod record_dialog;
pub mod register;
pub mod review_panel;
pub mod settings_page;
pub mod startup;
pub mod system;
pub mod theme;
pub mod todo;
pub mod typical;
pub mod warning_panel;
pub mod widgets;
mod working;

use std::path::Path;
use std::process::ExitCode;

use eframe::egui;

pub use app::LedgerApp;
pub use command::{Command, Tab};
pub use export_flow::Picker;

use crate::store::Ledger;

const APP_TITLE: &str = "行政指导台账";

/// Prepares a context as the window does: our fonts and our theme.
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    theme::apply(ctx);
}

/// Opens the window on the ledger at `db_path`. A ledger that cannot be opened (already
/// open in another window, too new) is explained in a small window, and the program ends
/// without touching the file; a damaged one is explained with the backups found beside it.
/// A file that cannot be written opens read-only.
pub fn run(db_path: &Path) -> ExitCode {
    let app = Ledger::open(db_path).and_then(|ledger| LedgerApp::new(ledger, Picker::Native));
    let mut app = match app {
        Ok(app) => app,
        Err(e) => {
            let message = e.to_string();
            eprintln!("{message}");
            log::error!("{message}");
            if startup::is_damage(&e) {
                return startup::show_damaged(db_path, &e);
            }
            show_message(&message);
            return ExitCode::FAILURE;
        }
    };
    if !app.is_read_only() {
        app.start_daily_backup();
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(APP_TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_TITLE,
        options,
        Box::new(move |cc| {
            setup_context(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("无法打开窗口：{e}");
            ExitCode::FAILURE
        }
    }
}

/// A small window with one message and an OK button; stderr already has the message.
fn show_message(message: &str) {
    let message = message.to_string();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(APP_TITLE)
            .with_inner_size([520.0, 180.0])
            .with_resizable(false),
        ..Default::default()
    };
    let shown = eframe::run_ui_native(APP_TITLE, options, {
        let mut ready = false;
        move |ui, _frame| {
            if !ready {
                setup_context(ui.ctx());
                ready = true;
            }
            egui::CentralPanel::default().show(ui, |ui| {
                ui.add_space(12.0);
                ui.label(egui::RichText::new(&message).size(16.0));
                ui.add_space(12.0);
                if ui.button("确定").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        }
    });
    if let Err(e) = shown {
        log::warn!("无法显示提示窗口：{e}");
    }
}
