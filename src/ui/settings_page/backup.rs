//! 设置 → 备份与恢复: where automatic backups go and how many are kept, 立即备份, and
//! 从备份恢复 with a preview of what the backup holds.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use eframe::egui::{self, RichText, Ui};

use crate::domain::format_date_time;
use crate::store::{
    BackupKind, BackupOptions, BackupPreview, BackupReport, Ledger, StoreError, inspect_backup,
};
use crate::ui::app::{Status, now};
use crate::ui::export_flow::Picker;
use crate::ui::{theme, widgets};

/// What a background task of the backup section sends back.
enum Done {
    Backup(Result<BackupReport, StoreError>),
    Folder(Option<PathBuf>),
    File(Option<PathBuf>),
    Preview(Result<BackupPreview, StoreError>),
}

/// What the section asks of the app, which holds the ledger, after the frame.
enum Request {
    Load,
    SaveOptions(BackupOptions),
    BackupNow(PathBuf),
    Restore(PathBuf),
}

/// 备份与恢复: the backup folder and options, 立即备份, and 从备份恢复 with a preview. Dialogs,
/// backups and checks run on their own threads; the ledger is touched only in `after_frame`.
pub struct BackupSection {
    picker: Picker,
    /// The options being edited; read from the ledger on the first frame.
    options: Option<BackupOptions>,
    last_note: Option<String>,
    job: Option<(&'static str, Receiver<Done>)>,
    requests: Vec<Request>,
    restore_path: String,
    preview: Option<BackupPreview>,
    /// The backup just made, shown with its full path and counts.
    made: Option<BackupReport>,
    /// A backup finished, for `after_frame` to note in the ledger and the status bar.
    finished: Option<Result<BackupReport, StoreError>>,
}

impl Default for BackupSection {
    fn default() -> Self {
        Self {
            picker: Picker::Never,
            options: None,
            last_note: None,
            job: None,
            requests: vec![Request::Load],
            restore_path: String::new(),
            preview: None,
            made: None,
            finished: None,
        }
    }
}

impl BackupSection {
    pub fn set_picker(&mut self, picker: Picker) {
        self.picker = picker;
    }

    pub fn ui(&mut self, ui: &mut Ui) {
        ui.heading("备份与恢复");
        self.poll(ui.ctx());
        let busy = self.job.is_some();
        let Some(options) = &mut self.options else {
            ui.label(RichText::new("正在读取备份设置…").color(theme::MUTED));
            return;
        };
        let mut save = false;
        widgets::labelled(ui, "备份文件夹", None, |ui, label| {
            let mut dir = options.dir.display().to_string();
            if ui.text_edit_singleline(&mut dir).labelled_by(label).changed() {
                options.dir = PathBuf::from(dir);
            }
            if self.picker == Picker::Native
                && ui.add_enabled(!busy, egui::Button::new("选择文件夹…")).clicked()
            {
                let dir = options.dir.clone();
                self.job = Some((
                    "请在对话框中选择文件夹…",
                    spawn(move || {
                        Done::Folder(rfd::FileDialog::new().set_directory(dir).pick_folder())
                    }),
                ));
            }
        });
        widgets::labelled(ui, "自动备份", None, |ui, _| {
            save |= ui.checkbox(&mut options.on_exit, "退出时").changed();
            save |= ui.checkbox(&mut options.daily, "每天一次（启动时）").changed();
            let label = ui.label("保留最近");
            let keep = ui.add(egui::DragValue::new(&mut options.keep).range(1..=999));
            save |= keep.labelled_by(label.id).changed();
            ui.label("份");
        });
        ui.horizontal(|ui| {
            ui.add_space(theme::LABEL_WIDTH);
            if ui.button("保存备份设置").clicked() {
                save = true;
            }
            if ui.add_enabled(!busy, egui::Button::new("立即备份")).clicked() {
                self.requests.push(Request::BackupNow(options.dir.clone()));
            }
        });
        if save {
            self.requests.push(Request::SaveOptions(options.clone()));
        }
        if let Some(note) = &self.last_note {
            widgets::labelled(ui, "上次备份", None, |ui, _| {
                let failed = note.contains("失败");
                ui.label(RichText::new(note).color(if failed {
                    theme::ERROR
                } else {
                    theme::MUTED
                }));
            });
        }
        if let Some(made) = &self.made {
            widgets::labelled(ui, "刚才的备份", None, |ui, _| {
                ui.label(RichText::new(made.path.display().to_string()).strong());
                ui.label(format!("已核对：{}", made.counts.summary()));
            });
        }
        if let Some((what, _)) = &self.job {
            ui.horizontal(|ui| {
                ui.add_space(theme::LABEL_WIDTH);
                ui.spinner();
                ui.label(*what);
            });
        }
        ui.add_space(8.0);
        self.restore_ui(ui, busy);
    }

    fn restore_ui(&mut self, ui: &mut Ui, busy: bool) {
        widgets::labelled(ui, "从备份恢复", None, |ui, label| {
            ui.text_edit_singleline(&mut self.restore_path).labelled_by(label);
            if self.picker == Picker::Native
                && ui.add_enabled(!busy, egui::Button::new("选择备份文件…")).clicked()
            {
                let dir = self.options.as_ref().map(|o| o.dir.clone()).unwrap_or_default();
                self.job = Some((
                    "请在对话框中选择备份文件…",
                    spawn(move || {
                        let dialog = rfd::FileDialog::new().set_directory(dir);
                        Done::File(dialog.add_filter("台账备份", &["redb"]).pick_file())
                    }),
                ));
            }
            let ready = !busy && !self.restore_path.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("查看备份")).clicked() {
                self.inspect(PathBuf::from(self.restore_path.trim()));
            }
        });
        let Some(preview) = &self.preview else { return };
        let time =
            |t: Option<chrono::NaiveDateTime>| t.map_or_else(|| "无".into(), format_date_time);
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("备份已通过校验，其中有：").strong());
            ui.label(format!("单位：{}", preview.unit_name));
            ui.label(format!("备份时间：{}", time(preview.created_at)));
            ui.label(preview.counts.summary());
            ui.label(format!(
                "指导时间：{} 至 {}",
                time(preview.first_guidance),
                time(preview.last_guidance)
            ));
            ui.label(format!("最后修改：{}", time(preview.last_change)));
            ui.label(
                RichText::new("恢复将整体替换现有的全部记录；当前数据会先自动备份到备份文件夹。")
                    .color(theme::ERROR),
            );
            ui.horizontal(|ui| {
                if ui.add_enabled(!busy, egui::Button::new("恢复此备份")).clicked() {
                    self.requests.push(Request::Restore(preview.path.clone()));
                }
                if ui.button("取消").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.preview = None;
        }
    }

    /// Carries out what the section asked for, with the ledger, after the frame. True when a
    /// restore replaced the ledger's records, so the app must reload what it shows.
    pub fn after_frame(&mut self, ledger: &Ledger, status: &mut Option<Status>) -> bool {
        let mut restored = false;
        if let Some(result) = self.finished.take() {
            if let Err(e) = ledger.note_backup(&result, now()) {
                log::warn!("未能记下备份结果：{e}");
            }
            *status = Some(match &result {
                Ok(r) => Status {
                    text: format!("已备份并核对：{}（{}）", r.path.display(), r.counts.summary()),
                    is_error: false,
                },
                Err(e) => failed(format!("备份失败：{e}")),
            });
        }
        for request in std::mem::take(&mut self.requests) {
            match request {
                Request::Load => {
                    if self.options.is_none() {
                        self.options = ledger.backup_options().ok();
                    }
                    self.last_note = ledger.last_backup_note().ok().flatten();
                }
                Request::SaveOptions(options) => {
                    *status = Some(match ledger.save_backup_options(&options) {
                        Ok(()) => Status { text: "备份设置已保存".into(), is_error: false },
                        Err(e) => failed(format!("备份设置未保存：{e}")),
                    });
                }
                Request::BackupNow(dir) => self.start_backup(ledger, dir, status),
                Request::Restore(path) => match ledger.restore_from(&path, now()) {
                    Ok(report) => {
                        let before = report.before.map_or(String::new(), |b| {
                            format!("；恢复前的数据已备份到 {}", b.path.display())
                        });
                        *status = Some(Status {
                            text: format!(
                                "已从备份恢复：{}{before}",
                                report.preview.counts.summary()
                            ),
                            is_error: false,
                        });
                        self.preview = None;
                        self.last_note = ledger.last_backup_note().ok().flatten();
                        restored = true;
                    }
                    Err(e) => *status = Some(failed(format!("未恢复，台账保持原样：{e}"))),
                },
            }
        }
        restored
    }

    /// Takes the snapshot here and writes it on a background thread.
    fn start_backup(&mut self, ledger: &Ledger, dir: PathBuf, status: &mut Option<Status>) {
        if dir == crate::store::default_backup_dir(ledger.path())
            && let Err(e) = std::fs::create_dir_all(&dir)
        {
            *status = Some(failed(format!("无法创建备份文件夹 {}：{e}", dir.display())));
            return;
        }
        match ledger.begin_backup() {
            Ok(source) => {
                let when = now();
                self.made = None;
                self.job = Some((
                    "正在备份并核对…",
                    spawn(move || Done::Backup(source.write_to(&dir, when, BackupKind::Manual))),
                ));
            }
            Err(e) => *status = Some(failed(format!("备份失败：{e}"))),
        }
    }

    fn inspect(&mut self, path: PathBuf) {
        self.preview = None;
        self.job = Some(("正在核对备份…", spawn(move || Done::Preview(inspect_backup(&path)))));
    }

    /// Takes in what a background task sent.
    fn poll(&mut self, ctx: &egui::Context) {
        let Some((_, rx)) = &self.job else { return };
        ctx.request_repaint_after(Duration::from_millis(100));
        let Ok(done) = rx.try_recv() else { return };
        self.job = None;
        match done {
            Done::Folder(Some(dir)) => {
                if let Some(options) = &mut self.options {
                    options.dir = dir;
                    self.requests.push(Request::SaveOptions(options.clone()));
                }
            }
            Done::File(Some(file)) => {
                self.restore_path = file.display().to_string();
                self.inspect(file);
            }
            Done::Folder(None) | Done::File(None) => {}
            Done::Preview(Ok(preview)) => self.preview = Some(preview),
            Done::Preview(Err(e)) => self.last_note = Some(format!("无法恢复：{e}")),
            Done::Backup(result) => {
                self.made = result.as_ref().ok().cloned();
                self.requests.push(Request::Load);
                self.finished = Some(result);
            }
        }
    }
}

fn failed(text: String) -> Status {
    log::warn!("{text}");
    Status { text, is_error: true }
}

/// Runs `task` on its own thread; its result arrives on the returned channel. If no thread
/// can be started, the task runs here.
fn spawn(task: impl FnOnce() -> Done + Send + 'static) -> Receiver<Done> {
    let (tx, rx) = channel();
    let task = std::sync::Arc::new(std::sync::Mutex::new(Some(task)));
    let spawned = std::thread::Builder::new().name("backup".into()).spawn({
        let (tx, task) = (tx.clone(), task.clone());
        move || {
            if let Some(task) = task.lock().ok().and_then(|mut t| t.take()) {
                let _ = tx.send(task());
            }
        }
    });
    if spawned.is_err()
        && let Some(task) = task.lock().ok().and_then(|mut t| t.take())
    {
        let _ = tx.send(task());
    }
    rx
}
