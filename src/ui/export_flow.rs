//! Exporting a file: the native save dialog off the UI thread, a way out when no dialog
//! can be shown, the writing itself in the background with progress and a way to cancel, and
//! the result with its full path.
//!
//! What is written is a [`Payload`]: a default name, and a function that writes to the chosen
//! path on a background thread. Lists, printed papers and batches of papers are all payloads.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
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

/// Writes the export to the chosen path, reporting progress; returns notes for the clerk
/// (e.g. a font that was replaced) or a Chinese message saying what went wrong.
pub type WriteFn = Box<dyn FnOnce(&Path, &Progress) -> Result<Vec<String>, String> + Send>;

/// One thing to export.
pub struct Payload {
    /// The name offered, with its extension (or the folder's name, for a folder).
    pub file_name: String,
    /// The extension the file must have; empty for a folder.
    pub extension: &'static str,
    /// The file type's name in the dialog, e.g. `PDF 文件（.pdf）`.
    pub filter: &'static str,
    pub write: WriteFn,
}

impl Payload {
    /// A list (register, catalogue, letters) as CSV or XLSX.
    pub fn table(kind: ListKind, format: Format, table: Table, year: i32) -> Self {
        Payload {
            file_name: default_file_name(kind, format, year),
            extension: format.extension(),
            filter: format.label(),
            write: Box::new(move |path, _| {
                write_table(&table, format, path)
                    .map(|()| Vec::new())
                    .map_err(|e| format!("导出失败：{e}"))
            }),
        }
    }

    fn is_folder(&self) -> bool {
        self.extension.is_empty()
    }
}

/// Progress of a background write, and the clerk's wish to cancel it.
pub struct Progress {
    tx: Sender<Event>,
    cancel: Arc<AtomicBool>,
}

impl Progress {
    /// Reports `done` of `total`; false once the clerk has asked to cancel.
    pub fn report(&self, done: usize, total: usize) -> bool {
        let _ = self.tx.send(Event::Progress(done, total));
        !self.cancel.load(Ordering::Relaxed)
    }
}

enum Event {
    /// The dialog closed: a path, or nothing (cancelled, or no dialog could be shown).
    Picked(Option<PathBuf>),
    Progress(usize, usize),
    Written(Result<(PathBuf, Vec<String>), String>),
}

/// One export on its way.
struct Job {
    payload: Option<Payload>,
    events: Receiver<Event>,
    writing: bool,
    progress: Option<(usize, usize)>,
    cancel: Arc<AtomicBool>,
}

pub struct ExportFlow {
    picker: Picker,
    last_dir: PathBuf,
    job: Option<Job>,
    /// Asked when no path came back: save into `last_dir` instead?
    fallback: Option<(Payload, PathBuf)>,
    /// The file just written and its notes, offered to open its folder.
    written: Option<(PathBuf, Vec<String>)>,
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
        self.job.is_some() || self.fallback.is_some()
    }

    /// Begins an export of `payload`; the dialog runs on its own thread.
    pub fn start(&mut self, payload: Payload) {
        if self.is_busy() {
            return;
        }
        if self.picker == Picker::Never {
            let path = free_path(&self.last_dir, &payload.file_name);
            self.fallback = Some((payload, path));
            return;
        }
        let (tx, rx) = channel();
        let dir = self.last_dir.clone();
        let (name, extension, filter) =
            (payload.file_name.clone(), payload.extension, payload.filter);
        let folder = payload.is_folder();
        let spawned = std::thread::Builder::new().name("save-dialog".into()).spawn(move || {
            let dialog = rfd::FileDialog::new().set_title("导出到").set_directory(&dir);
            let picked = if folder {
                dialog.pick_folder().map(|parent| parent.join(&name))
            } else {
                dialog.set_file_name(&name).add_filter(filter, &[extension]).save_file()
            };
            let _ = tx.send(Event::Picked(picked));
        });
        if spawned.is_err() {
            let path = free_path(&self.last_dir, &payload.file_name);
            self.fallback = Some((payload, path));
            return;
        }
        self.job = Some(Job {
            payload: Some(payload),
            events: rx,
            writing: false,
            progress: None,
            cancel: Arc::new(AtomicBool::new(false)),
        });
    }

    /// Takes in what the background threads report.
    pub fn poll(&mut self, ctx: &egui::Context, status: &mut Option<Status>) {
        let Some(job) = &mut self.job else { return };
        ctx.request_repaint_after(Duration::from_millis(100));
        while let Ok(event) = job.events.try_recv() {
            match event {
                Event::Picked(Some(path)) => {
                    if let Some(payload) = job.payload.take() {
                        let path = with_extension(path, payload.extension);
                        job.writing = true;
                        job.events = write_in_background(payload, &path, job.cancel.clone());
                    }
                    return;
                }
                Event::Picked(None) => {
                    if let Some(payload) = job.payload.take() {
                        let path = free_path(&self.last_dir, &payload.file_name);
                        self.fallback = Some((payload, path));
                    }
                    self.job = None;
                    return;
                }
                Event::Progress(done, total) => job.progress = Some((done, total)),
                Event::Written(result) => {
                    self.job = None;
                    self.finish(result, status);
                    return;
                }
            }
        }
    }

    fn finish(
        &mut self,
        result: Result<(PathBuf, Vec<String>), String>,
        status: &mut Option<Status>,
    ) {
        match result {
            Ok((path, notes)) => {
                *status = Some(Status {
                    text: format!("已导出：{}", path.display()),
                    is_error: false,
                });
                if let Some(dir) = path.parent() {
                    self.last_dir = dir.to_path_buf();
                    self.remember = Some(dir.to_path_buf());
                }
                self.written = Some((path, notes));
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
                    ui.label(match (job.writing, job.progress) {
                        (false, _) => "请在文件对话框中选择保存位置…".to_owned(),
                        (true, None) => "正在写入文件…".to_owned(),
                        (true, Some((done, total))) => format!("正在导出：{done} / {total}"),
                    });
                });
                if let Some((done, total)) = job.progress {
                    #[allow(clippy::cast_precision_loss, reason = "a progress bar")]
                    let part = if total == 0 { 0.0 } else { done as f32 / total as f32 };
                    ui.add(egui::ProgressBar::new(part).show_percentage());
                }
                if job.writing {
                    let cancelled = job.cancel.load(Ordering::Relaxed);
                    if ui.add_enabled(!cancelled, egui::Button::new("取消导出")).clicked() {
                        job.cancel.store(true, Ordering::Relaxed);
                    }
                }
            });
        }
        self.fallback_window(ctx, status);
        self.written_window(ctx);
    }

    fn fallback_window(&mut self, ctx: &egui::Context, status: &mut Option<Status>) {
        let Some((_, path)) = &self.fallback else { return };
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
                if let Some((payload, path)) = self.fallback.take() {
                    let cancel = Arc::new(AtomicBool::new(false));
                    self.job = Some(Job {
                        payload: None,
                        events: write_in_background(payload, &path, cancel.clone()),
                        writing: true,
                        progress: None,
                        cancel,
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
        let Some((path, notes)) = &self.written else { return };
        let mut close = false;
        egui::Window::new("导出完成").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label("文件已保存到：");
            ui.label(RichText::new(path.display().to_string()).strong());
            for note in notes {
                ui.label(RichText::new(note).color(theme::WARNING));
            }
            ui.horizontal(|ui| {
                if ui.button("打开所在文件夹").clicked() {
                    if let Err(e) = super::system::show_in_folder(path) {
                        ui.label(RichText::new(e).color(theme::ERROR));
                    }
                    close = true;
                }
                if path.is_file() && ui.button("打开文件").clicked() {
                    if let Err(e) = super::system::open_with_viewer(path) {
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

fn write_in_background(payload: Payload, path: &Path, cancel: Arc<AtomicBool>) -> Receiver<Event> {
    let (tx, rx) = channel();
    let progress = Progress { tx: tx.clone(), cancel };
    let path = path.to_path_buf();
    let spawn = std::thread::Builder::new().name("export".into()).spawn(move || {
        let result = (payload.write)(&path, &progress).map(|notes| (path, notes));
        let _ = progress.tx.send(Event::Written(result));
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
    let (stem, ext) =
        name.rsplit_once('.').map_or((name, String::new()), |(s, e)| (s, format!(".{e}")));
    (2..1000)
        .map(|n| dir.join(format!("{stem}（{n}）{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if extension.is_empty() {
        return path;
    }
    let ok = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if ok { path } else { path.with_extension(extension) }
}
