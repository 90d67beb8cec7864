//! Exporting a list: the native save dialog off the UI thread, a way out when no dialog
//! can be shown, the write itself in the background, and the result with its full path.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use eframe::egui::{self, RichText};

use super::app::Status;
use super::theme;
use crate::export::{Format, ListKind, Table, default_file_name, write_table};
use crate::store::Ledger;

/// Whether native file dialogs may be shown. Tests and machines without a desktop use `Never`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picker {
    Native,
    Never,
}

const LAST_DIR_KEY: &str = "last_export_dir";

enum Event {
    /// The dialog closed: a path, or nothing (cancelled, or no dialog could be shown).
    Picked(Option<PathBuf>),
    Written(Result<PathBuf, String>),
}

/// One export on its way.
struct Job {
    table: Option<Table>,
    format: Format,
    file_name: String,
    events: Receiver<Event>,
    writing: bool,
}

pub struct ExportFlow {
    picker: Picker,
    last_dir: PathBuf,
    job: Option<Job>,
    /// Asked when no path came back: save into `last_dir` instead?
    fallback: Option<(Table, Format, PathBuf)>,
    /// The file just written, offered to open its folder.
    written: Option<PathBuf>,
    /// A folder to remember, for the app to store.
    pub remember: Option<PathBuf>,
}

impl ExportFlow {
    pub fn new(ledger: &Ledger, picker: Picker) -> Self {
        let stored = ledger.preference(LAST_DIR_KEY).ok().flatten().map(PathBuf::from);
        let last_dir = stored.filter(|p| p.is_dir()).unwrap_or_else(default_dir);
        Self { picker, last_dir, job: None, fallback: None, written: None, remember: None }
    }

    /// The folder offered when no dialog is shown.
    pub fn last_dir(&self) -> &Path {
        &self.last_dir
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Begins an export of `table`; the dialog runs on its own thread.
    pub fn start(&mut self, kind: ListKind, format: Format, table: Table, year: i32) {
        if self.job.is_some() {
            return;
        }
        let file_name = default_file_name(kind, format, year);
        if self.picker == Picker::Never {
            let path = free_path(&self.last_dir, &file_name);
            self.fallback = Some((table, format, path));
            return;
        }
        let (tx, rx) = channel();
        let dir = self.last_dir.clone();
        let name = file_name.clone();
        let spawned = std::thread::Builder::new().name("save-dialog".into()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("导出到")
                .set_directory(&dir)
                .set_file_name(&name)
                .add_filter(format.label(), &[format.extension()])
                .save_file();
            let _ = tx.send(Event::Picked(picked));
        });
        if spawned.is_err() {
            let path = free_path(&self.last_dir, &file_name);
            self.fallback = Some((table, format, path));
            return;
        }
        self.job = Some(Job { table: Some(table), format, file_name, events: rx, writing: false });
    }

    /// Takes in what the background threads report.
    pub fn poll(&mut self, ctx: &egui::Context, status: &mut Option<Status>) {
        let Some(job) = &mut self.job else { return };
        ctx.request_repaint_after(Duration::from_millis(100));
        let Ok(event) = job.events.try_recv() else { return };
        match event {
            Event::Picked(Some(path)) => {
                let path = with_extension(path, job.format);
                if let Some(table) = job.table.take() {
                    job.writing = true;
                    job.events = write_in_background(table, job.format, &path);
                }
            }
            Event::Picked(None) => {
                let path = free_path(&self.last_dir, &job.file_name);
                if let Some(table) = job.table.take() {
                    self.fallback = Some((table, job.format, path));
                }
                self.job = None;
            }
            Event::Written(result) => {
                self.job = None;
                self.finish(result, status);
            }
        }
    }

    fn finish(&mut self, result: Result<PathBuf, String>, status: &mut Option<Status>) {
        match result {
            Ok(path) => {
                *status = Some(Status {
                    text: format!("已导出：{}", path.display()),
                    is_error: false,
                });
                if let Some(dir) = path.parent() {
                    self.last_dir = dir.to_path_buf();
                    self.remember = Some(dir.to_path_buf());
                }
                self.written = Some(path);
            }
            Err(message) => *status = Some(Status { text: message, is_error: true }),
        }
    }

    /// Draws the export's windows: progress, the way out, and the result.
    pub fn show(&mut self, ctx: &egui::Context, status: &mut Option<Status>) {
        if let Some(job) = &self.job {
            egui::Window::new("导出").collapsible(false).resizable(false).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(if job.writing {
                        "正在写入文件…"
                    } else {
                        "请在文件对话框中选择保存位置…"
                    });
                });
            });
        }
        self.fallback_window(ctx, status);
        self.written_window(ctx);
    }

    fn fallback_window(&mut self, ctx: &egui::Context, status: &mut Option<Status>) {
        let Some((_, _, path)) = &self.fallback else { return };
        let mut choice = None;
        egui::Window::new("未选择保存位置").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label("没有选择保存位置（已取消，或本机无法显示文件对话框）。");
            ui.label("可以保存到下面的位置：");
            ui.label(RichText::new(path.display().to_string()).strong());
            ui.horizontal(|ui| {
                if ui.button("保存到此处").clicked() {
                    choice = Some(true);
                }
                if ui.button("取消导出").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some((table, format, path)) = self.fallback.take() {
                    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                    self.job = Some(Job {
                        table: None,
                        format,
                        file_name: file_name.unwrap_or_default(),
                        events: write_in_background(table, format, &path),
                        writing: true,
                    });
                }
            }
            Some(false) => {
                self.fallback = None;
                *status = Some(Status { text: "已取消导出".into(), is_error: false });
            }
            None => {}
        }
    }

    fn written_window(&mut self, ctx: &egui::Context) {
        let Some(path) = &self.written else { return };
        let mut close = false;
        egui::Window::new("导出完成").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label("文件已保存到：");
            ui.label(RichText::new(path.display().to_string()).strong());
            ui.horizontal(|ui| {
                if ui.button("打开所在文件夹").clicked() {
                    if let Err(e) = super::system::show_in_folder(path) {
                        ui.label(RichText::new(e).color(theme::ERROR));
                    }
                    close = true;
                }
                if ui.button("关闭").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.written = None;
        }
    }
}

fn write_in_background(table: Table, format: Format, path: &Path) -> Receiver<Event> {
    let (tx, rx) = channel();
    let spawn = std::thread::Builder::new().name("export".into()).spawn({
        let tx = tx.clone();
        let path = path.to_path_buf();
        move || {
            let result = write_table(&table, format, &path)
                .map(|()| path)
                .map_err(|e| format!("导出失败：{e}"));
            let _ = tx.send(Event::Written(result));
        }
    });
    if spawn.is_err() {
        let _ = tx.send(Event::Written(Err("导出失败：无法启动后台任务，请重试".into())));
    }
    rx
}

/// Saves the remembered folder, when there is one to remember.
pub fn remember_folder(flow: &mut ExportFlow, ledger: &Ledger) {
    if let Some(dir) = flow.remember.take()
        && let Err(e) = ledger.set_preference(LAST_DIR_KEY, &dir.to_string_lossy())
    {
        log::warn!("未能记住导出文件夹：{e}");
    }
}

/// The user's documents folder, or home, or the working folder.
fn default_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir().map(Path::to_path_buf).or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `dir/name`, or `dir/name（2）.ext` and so on when that file exists already.
fn free_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..1000)
        .map(|n| dir.join(format!("{stem}（{n}）.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn with_extension(path: PathBuf, format: Format) -> PathBuf {
    let ok = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(format.extension()));
    if ok { path } else { path.with_extension(format.extension()) }
}
