//! The window shown instead of the ledger when its file is damaged: what is wrong, the
//! backups found beside it, newest first, and a way to restore one. It never loops: after
//! a restore, or on 退出, the program ends and the clerk starts it again.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDateTime;
use eframe::egui::{self, RichText, Ui};

use super::app::now;
use super::{APP_TITLE, setup_context, theme};
use crate::store::{self, StoreError};

/// Backups in the default backup folder beside the ledger at `db_path`, newest first: the
/// automatic ones and any other `.redb` there (manual, before a restore). The time is the
/// one in the file name, or the file's modification time when the name has none.
pub fn backups_for(db_path: &Path) -> Vec<(PathBuf, NaiveDateTime)> {
    let dir = store::default_backup_dir(db_path);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut found: Vec<(PathBuf, NaiveDateTime)> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "redb"))
        .filter_map(|p| {
            let made = time_in_name(&p).or_else(|| modified(&p))?;
            Some((p, made))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    found
}

/// `…_20261203_153000.redb` or `…_20261203_153000_2.redb`: the time in a backup's name.
fn time_in_name(path: &Path) -> Option<NaiveDateTime> {
    let stem = path.file_stem()?.to_str()?;
    let parts: Vec<&str> = stem.split('_').collect();
    parts.windows(2).rev().find_map(|w| {
        NaiveDateTime::parse_from_str(&format!("{}_{}", w[0], w[1]), "%Y%m%d_%H%M%S").ok()
    })
}

fn modified(path: &Path) -> Option<NaiveDateTime> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(time).naive_local())
}

/// Whether an error opening the ledger means its file is damaged, so a backup may help.
pub fn is_damage(error: &StoreError) -> bool {
    matches!(error, StoreError::Corrupt { .. } | StoreError::Decode { .. })
}

/// The state of the damaged-ledger window.
pub struct Startup {
    db_path: PathBuf,
    problem: String,
    pub backups: Vec<(PathBuf, NaiveDateTime)>,
    chosen: usize,
    /// What the last restore did: a success ends with 退出, a failure may be retried.
    pub outcome: Option<Result<String, String>>,
}

impl Startup {
    pub fn new(db_path: &Path, error: &StoreError) -> Self {
        Self {
            db_path: db_path.to_path_buf(),
            problem: error.to_string(),
            backups: backups_for(db_path),
            chosen: 0,
            outcome: None,
        }
    }

    pub fn restored(&self) -> bool {
        matches!(self.outcome, Some(Ok(_)))
    }

    /// Restores the chosen backup over the damaged file, which is kept aside.
    pub fn restore_chosen(&mut self, now: NaiveDateTime) {
        let Some((from, _)) = self.backups.get(self.chosen) else { return };
        self.outcome = Some(match store::restore(&self.db_path, from, now) {
            Ok(report) => {
                let kept = report
                    .damaged_moved_to
                    .map_or(String::new(), |p| format!("损坏的文件已保留为“{}”。", p.display()));
                log::info!("已从备份 {} 恢复台账 {}", from.display(), self.db_path.display());
                Ok(format!(
                    "已从备份恢复（{}）。{kept}请点“退出”，然后重新启动本程序。",
                    report.preview.counts.summary()
                ))
            }
            Err(e) => {
                log::error!("从备份 {} 恢复失败：{e}", from.display());
                Err(format!("恢复失败：{e}"))
            }
        });
    }

    /// Draws the window; returns false when the clerk chose 退出.
    pub fn ui(&mut self, ui: &mut Ui) -> bool {
        let mut keep_open = true;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("台账文件无法打开");
            ui.add_space(8.0);
            ui.label(RichText::new(&self.problem).color(theme::ERROR));
            ui.add_space(12.0);
            if !self.restored() {
                self.backups_ui(ui);
            }
            match &self.outcome {
                Some(Ok(text)) => {
                    ui.label(RichText::new(text).color(theme::OK).strong());
                }
                Some(Err(text)) => {
                    ui.label(RichText::new(text).color(theme::ERROR));
                }
                None => {}
            }
            ui.add_space(12.0);
            if ui.button("退出").clicked() {
                keep_open = false;
            }
        });
        keep_open
    }

    fn backups_ui(&mut self, ui: &mut Ui) {
        if self.backups.is_empty() {
            let dir = store::default_backup_dir(&self.db_path);
            ui.label(format!(
                "在备份文件夹“{}”中没有找到备份。如备份存放在别处（如共享盘），\
                 请用命令 guidance-ledger restore --from 备份文件 恢复。",
                dir.display()
            ));
            return;
        }
        ui.label("找到以下备份（最新的在最前）。恢复时损坏的文件会保留，不会删除：");
        egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
            for (i, (path, made)) in self.backups.iter().enumerate() {
                let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                let text = format!("{}　{name}", made.format("%Y年%-m月%-d日 %H:%M"));
                ui.radio_value(&mut self.chosen, i, text);
            }
        });
        ui.add_space(8.0);
        let label =
            if self.chosen == 0 { "从最新备份恢复" } else { "从所选备份恢复" };
        if ui.button(label).clicked() {
            self.restore_chosen(now());
        }
    }
}

/// Shows the damaged-ledger window until the clerk closes it. Success when a backup was
/// restored, so the next start opens the restored ledger.
pub fn show_damaged(db_path: &Path, error: &StoreError) -> ExitCode {
    let mut startup = Startup::new(db_path, error);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(APP_TITLE)
            .with_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    let restored = std::rc::Rc::new(std::cell::Cell::new(false));
    let shown = eframe::run_ui_native(APP_TITLE, options, {
        let mut ready = false;
        let restored = restored.clone();
        move |ui, _frame| {
            if !ready {
                setup_context(ui.ctx());
                ready = true;
            }
            if !startup.ui(ui) {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            restored.set(startup.restored());
        }
    });
    if let Err(e) = shown {
        log::warn!("无法显示提示窗口：{e}");
    }
    if restored.get() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
