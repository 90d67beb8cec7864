//! 导入表格: the import window. The file is chosen (native dialog off the UI thread, or a
//! path typed or pasted) and read in the background; the clerk sees the first rows, can
//! change which column feeds which field, reads the dry run, and confirms only when no row
//! is bad. The app commits the plan after the frame.

mod apply;
mod preview;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use eframe::egui::{self, RichText, Ui};

use super::app::now;
use super::command::Command;
use super::export_flow::Picker;
use super::theme;
use crate::import::{ImportKind, Known, Mapping, Plan, Sheet, plan, read_path};
use crate::search::data::LedgerData;

/// What the background threads send back.
enum Event {
    Picked(Option<PathBuf>),
    Read(Result<(Sheet, Mapping), String>),
}

/// A file read and its columns mapped.
struct Loaded {
    sheet: Sheet,
    mapping: Mapping,
    /// The dry run for the current mapping; recomputed whenever the mapping changes.
    plan: Option<Result<Plan, String>>,
}

pub struct ImportWindow {
    kind: ImportKind,
    picker: Picker,
    path: String,
    job: Option<(&'static str, Receiver<Event>)>,
    loaded: Option<Loaded>,
    error: Option<String>,
    /// The data generation the dry run was made against.
    planned_at: Option<u64>,
}

impl ImportWindow {
    pub fn new(kind: ImportKind, picker: Picker) -> Self {
        Self {
            kind,
            picker,
            path: String::new(),
            job: None,
            loaded: None,
            error: None,
            planned_at: None,
        }
    }

    pub fn kind(&self) -> ImportKind {
        self.kind
    }

    /// Whether a file is being chosen or read.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// After a refused commit: show why, and keep the window open.
    pub fn commit_failed(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Draws the window; false once the clerk closes it.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        data: &LedgerData,
        commands: &mut Vec<Command>,
    ) -> bool {
        self.poll(ctx);
        self.replan(data);
        let mut open = true;
        let mut cancel = false;
        egui::Window::new("导入表格")
            .open(&mut open)
            .default_width(900.0)
            .default_height(640.0)
            .collapsible(false)
            .show(ctx, |ui| {
                self.choose_ui(ui);
                if let Some((what, _)) = &self.job {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(*what);
                    });
                }
                if let Some(error) = &self.error {
                    ui.label(RichText::new(error).color(theme::ERROR));
                }
                if let Some(loaded) = &mut self.loaded {
                    ui.separator();
                    if preview::mapping_ui(ui, &loaded.sheet, &mut loaded.mapping) {
                        loaded.plan = None;
                    }
                    preview::rows_ui(ui, &loaded.sheet, &loaded.mapping);
                    ui.separator();
                    if let Some(plan) = &loaded.plan {
                        preview::result_ui(ui, plan);
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let plan = self.loaded.as_ref().and_then(|l| l.plan.as_ref());
                    let ready = plan.is_some_and(|p| p.as_ref().is_ok_and(Plan::can_commit));
                    let confirm = egui::Button::new("确认导入");
                    if ui
                        .add_enabled(ready && !data.read_only && !self.is_busy(), confirm)
                        .clicked()
                        && let Some(Ok(plan)) = plan
                    {
                        self.error = None;
                        commands.push(Command::CommitImport(Box::new(plan.clone())));
                    }
                    if ui.button("取消").clicked() {
                        cancel = true;
                    }
                    if data.read_only {
                        ui.label(RichText::new("台账为只读，不能导入。").color(theme::ERROR));
                    } else if !ready {
                        ui.label(
                            RichText::new("试运行：确认前不会写入台账；有问题的行改正后才能导入。")
                                .color(theme::MUTED),
                        );
                    }
                });
            });
        open && !cancel
    }

    fn choose_ui(&mut self, ui: &mut Ui) {
        let busy = self.is_busy();
        ui.horizontal(|ui| {
            let label = ui.label("导入类型");
            let combo = egui::ComboBox::from_id_salt("import_kind")
                .selected_text(self.kind.label())
                .show_ui(ui, |ui| {
                    for kind in ImportKind::ALL {
                        if ui.selectable_label(self.kind == kind, kind.label()).clicked()
                            && self.kind != kind
                        {
                            self.kind = kind;
                            self.remap();
                        }
                    }
                });
            combo.response.labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("文件路径");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(520.0))
                .labelled_by(label.id);
            if ui
                .add_enabled(!busy && self.picker == Picker::Native, egui::Button::new("选择文件…"))
                .clicked()
            {
                self.pick();
            }
            let can_read = !busy && !self.path.trim().is_empty();
            if ui.add_enabled(can_read, egui::Button::new("读取")).clicked() {
                self.read(PathBuf::from(self.path.trim()));
            }
        });
        ui.label(
            RichText::new(
                "支持 Excel 表格（.xlsx、.xls）和 CSV 文本（UTF-8 或 GBK 编码）。\
                 如未弹出选择窗口，可把文件路径粘贴到上面的输入框，再点“读取”。",
            )
            .color(theme::MUTED)
            .small(),
        );
    }

    /// Maps the file already read again, for the kind just chosen.
    fn remap(&mut self) {
        let Some(loaded) = self.loaded.take() else { return };
        match Mapping::detect(self.kind, &loaded.sheet) {
            Ok(mapping) => {
                self.error = None;
                self.loaded = Some(Loaded { sheet: loaded.sheet, mapping, plan: None });
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Opens the native dialog on its own thread; with none, the typed path is the way.
    fn pick(&mut self) {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new().name("import-dialog".into()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("选择要导入的表格")
                .add_filter("表格文件", &["xlsx", "xls", "csv", "txt"])
                .pick_file();
            let _ = tx.send(Event::Picked(picked));
        });
        match spawned {
            Ok(_) => self.job = Some(("请在文件对话框中选择表格…", rx)),
            Err(e) => self.error = Some(format!("无法显示文件对话框（{e}），请直接输入文件路径。")),
        }
    }

    /// Reads and maps the file on its own thread; a long file takes a while.
    fn read(&mut self, path: PathBuf) {
        self.error = None;
        self.loaded = None;
        let kind = self.kind;
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new().name("import-read".into()).spawn(move || {
            let result = read_path(&path).and_then(|sheet| {
                let mapping = Mapping::detect(kind, &sheet)?;
                Ok((sheet, mapping))
            });
            let _ = tx.send(Event::Read(result.map_err(|e| e.to_string())));
        });
        match spawned {
            Ok(_) => self.job = Some(("正在读取表格，文件较大时需要一些时间…", rx)),
            Err(e) => self.error = Some(format!("无法开始读取（{e}），请重试。")),
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some((_, rx)) = &self.job else { return };
        ctx.request_repaint_after(Duration::from_millis(100));
        let Ok(event) = rx.try_recv() else { return };
        self.job = None;
        match event {
            Event::Picked(Some(path)) => {
                self.path = path.display().to_string();
                self.read(path);
            }
            Event::Picked(None) => {
                self.error = Some(
                    "没有选择文件（已取消，或本机无法显示文件对话框）。可直接输入文件路径。".into(),
                );
            }
            Event::Read(Ok((sheet, mapping))) => {
                self.loaded = Some(Loaded { sheet, mapping, plan: None });
            }
            Event::Read(Err(message)) => self.error = Some(message),
        }
    }

    /// Makes the dry run again when the mapping or the ledger changed.
    fn replan(&mut self, data: &LedgerData) {
        let Some(loaded) = &mut self.loaded else { return };
        if loaded.plan.is_some() && self.planned_at == Some(data.generation) {
            return;
        }
        let known = Known {
            officers: &data.officers,
            catalogue: &data.catalogue,
            guidance: &data.guidance,
            letters: &data.letters,
            no_penalty: &data.no_penalty,
        };
        loaded.plan =
            Some(plan(&loaded.sheet, &loaded.mapping, known, now()).map_err(|e| e.to_string()));
        self.planned_at = Some(data.generation);
    }
}

/// 设置 → 导入表格: one button per kind of list.
pub fn settings_section(ui: &mut Ui, read_only: bool, commands: &mut Vec<Command>) {
    ui.heading("导入表格");
    ui.label(
        RichText::new(
            "把以前用 Excel 或 WPS 记的登记簿、事项目录或不罚清单导入台账。\
             先预览并试运行，确认无误后才写入；有任何一行有问题，整个文件都不会导入。",
        )
        .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        for kind in ImportKind::ALL {
            let button = egui::Button::new(format!("导入{}…", kind.label()));
            if ui.add_enabled(!read_only, button).clicked() {
                commands.push(Command::OpenImport(kind));
            }
        }
    });
}
