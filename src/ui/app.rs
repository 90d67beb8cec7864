//! The window: tabs, dialogs, and the one place where commands change the ledger.

use std::sync::mpsc::{Receiver, channel};

use chrono::{Local, NaiveDateTime};
use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::actor_picker::ActorPicker;
use super::batch::BatchWindow;
use super::command::{Command, Tab};
use super::export_flow::{ExportFlow, Picker};
use super::follow_up::FollowUpWindow;
use super::history::HistoryWindow;
use super::import::ImportWindow;
use super::lookup::QuickLookup;
use super::preview::PreviewWindow;
use super::record_dialog::RecordDialog;
use super::settings_page::SettingsPage;
use super::todo::TodoWindow;
use super::typical::TypicalWindow;
use super::{catalogue, letters, new_guidance, no_penalty, register, theme};
use crate::search::data::LedgerData;
use crate::store::{BackupReport, Ledger, StoreError};

/// A line in the status bar: what the last action did.
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct LedgerApp {
    pub(super) ledger: Ledger,
    pub data: LedgerData,
    pub tab: Tab,
    pub(super) catalogue: catalogue::CatalogueTab,
    pub(super) new_guidance: new_guidance::NewGuidanceTab,
    pub(super) letters: letters::LettersTab,
    pub(super) register: register::RegisterTab,
    pub(super) no_penalty: no_penalty::NoPenaltyTab,
    lookup: QuickLookup,
    pub(super) record: Option<RecordDialog>,
    pub(super) typical: Option<TypicalWindow>,
    pub(super) follow_up: Option<FollowUpWindow>,
    pub(super) todo: TodoWindow,
    pub(super) preview: Option<PreviewWindow>,
    pub(super) batch: Option<BatchWindow>,
    pub(super) settings: Option<SettingsPage>,
    pub(super) export: ExportFlow,
    /// The 导入表格 window, while open.
    pub(super) import: Option<ImportWindow>,
    pub status: Option<Status>,
    commands: Vec<Command>,
    pub(super) picker: Picker,
    /// The daily backup, written on its own thread while the clerk works.
    daily_backup: Option<Receiver<Result<BackupReport, StoreError>>>,
    /// Asking who is working: at start, and after 切换人员. The tabs wait meanwhile.
    pub(super) actor_picker: Option<ActorPicker>,
    /// Names of the office's reviewers (司法所审查人员), offered by the picker.
    pub(super) reviewers: Vec<String>,
    /// The whole ledger's 修改记录, when open.
    pub(super) history: Option<HistoryWindow>,
}

/// The clerk's clock, to the minute.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

impl LedgerApp {
    /// Loads the ledger. `picker` says whether native file dialogs may be shown.
    pub fn new(ledger: Ledger, picker: Picker) -> Result<Self, StoreError> {
        let mut data = LedgerData::load(&ledger)?;
        data.read_only = ledger.is_read_only();
        let export = ExportFlow::new(&ledger, picker);
        let reviewers = ledger.reviewers()?;
        // A read-only ledger saves nothing, so nobody needs to say who they are.
        let actor_picker =
            (!ledger.is_read_only()).then(|| ActorPicker::new(ledger.last_actor().ok().flatten()));
        let mut app = Self {
            tab: if data.catalogue.is_empty() { Tab::Catalogue } else { Tab::Register },
            catalogue: catalogue::CatalogueTab::default(),
            new_guidance: new_guidance::NewGuidanceTab::new(now()),
            letters: letters::LettersTab::default(),
            register: register::RegisterTab::default(),
            no_penalty: no_penalty::NoPenaltyTab::default(),
            lookup: QuickLookup::default(),
            record: None,
            typical: None,
            follow_up: None,
            todo: TodoWindow::default(),
            preview: None,
            batch: None,
            settings: None,
            export,
            import: None,
            status: None,
            commands: Vec::new(),
            picker,
            daily_backup: None,
            actor_picker,
            reviewers,
            history: None,
            ledger,
            data,
        };
        // Due and overdue work is the first thing the clerk sees.
        app.todo.open = !app.todo.list(&app.data).is_empty();
        Ok(app)
    }

    /// Starts the daily automatic backup, when one is due, on its own thread.
    pub fn start_daily_backup(&mut self) {
        let now = now();
        match self.ledger.daily_backup_due(now) {
            Ok(Some(due)) => {
                let (tx, rx) = channel();
                let spawned =
                    std::thread::Builder::new().name("daily-backup".into()).spawn(move || {
                        let _ = tx.send(due.run(now));
                    });
                match spawned {
                    Ok(_) => self.daily_backup = Some(rx),
                    Err(e) => self.failed(format!("每日自动备份未能开始：{e}")),
                }
            }
            Ok(None) => {}
            Err(e) => self.failed(format!("每日自动备份未能开始：{e}")),
        }
    }

    /// Takes in the daily backup's result when it arrives.
    fn poll_daily_backup(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.daily_backup else { return };
        ctx.request_repaint_after(std::time::Duration::from_millis(250));
        let Ok(result) = rx.try_recv() else { return };
        self.daily_backup = None;
        if let Err(e) = self.ledger.note_backup(&result, now()) {
            log::warn!("未能记下备份结果：{e}");
        }
        match result {
            Ok(report) => self.done(format!("今日自动备份已完成：{}", report.path.display())),
            Err(e) => self.failed(format!("今日自动备份失败：{e}")),
        }
    }

    /// Draws one frame, then applies what the widgets asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)))
        {
            self.lookup.open();
        }
        self.export.poll(&ctx, &mut self.status);
        self.poll_daily_backup(&ctx);
        super::export_flow::remember_folder(&mut self.export, &self.ledger);

        if self.actor_picker.is_some() {
            egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
            egui::CentralPanel::default().show(ui, |ui| {
                let Some(picker) = &mut self.actor_picker else { return };
                picker.ui(ui, &self.data, &self.reviewers, &mut self.commands);
            });
            for command in std::mem::take(&mut self.commands) {
                self.apply(command);
            }
            return;
        }
        egui::Panel::top("tabs").show(ui, |ui| self.top_bar(ui));
        if self.ledger.is_read_only() {
            egui::Panel::top("read_only").show(ui, read_only_banner);
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            let commands = &mut self.commands;
            if let Some(page) = &mut self.settings {
                if !page.ui(ui, &self.data, commands) {
                    self.settings = None;
                }
                return;
            }
            match self.tab {
                Tab::Catalogue => self.catalogue.ui(ui, &self.data, commands),
                Tab::NewGuidance => self.new_guidance.ui(ui, &self.data, commands),
                Tab::Letters => self.letters.ui(ui, &self.data, commands),
                Tab::Register => self.register.ui(ui, &self.data, commands),
                Tab::NoPenalty => self.no_penalty.ui(ui, &self.data, commands),
            }
        });

        self.lookup.show(&ctx, &self.data, &mut self.commands);
        let attachments_dir = self.ledger.attachments_dir();
        if let Some(dialog) = &mut self.record
            && !dialog.show(&ctx, &self.data, &attachments_dir, self.picker, &mut self.commands)
        {
            self.record = None;
        }
        if let Some(window) = &mut self.typical
            && !window.show(&ctx, &self.data, &mut self.commands)
        {
            self.typical = None;
        }
        if let Some(window) = &mut self.follow_up
            && !window.show(&ctx, &self.data, &mut self.commands)
        {
            self.follow_up = None;
        }
        self.todo.show(&ctx, &self.data, &mut self.commands);
        if let Some(window) = &mut self.preview
            && !window.show(&ctx)
        {
            self.preview = None;
        }
        if let Some(window) = &mut self.batch
            && !window.show(&ctx, &self.data, &mut self.commands)
        {
            self.batch = None;
        }
        self.export.show(&ctx, &mut self.status);
        if let Some(window) = &mut self.history
            && !window.show(&ctx, &self.data, &self.reviewers, &mut self.commands)
        {
            self.history = None;
        }
        if let Some(window) = &mut self.import
            && !window.show(&ctx, &self.data, &mut self.commands)
        {
            self.import = None;
        }

        for command in std::mem::take(&mut self.commands) {
            self.apply(command);
        }
        if let Some(page) = &mut self.settings
            && page.backup.after_frame(&self.ledger, &mut self.status)
        {
            self.reload_after_restore();
        }
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("行政指导台账").strong().size(18.0).color(theme::ACCENT));
            ui.label(RichText::new(&self.data.settings.unit_name).color(theme::MUTED));
            ui.separator();
            for tab in Tab::ALL {
                let shown = self.tab == tab && self.settings.is_none();
                if ui.selectable_label(shown, RichText::new(tab.label()).size(16.0)).clicked() {
                    self.tab = tab;
                    self.settings = None;
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.selectable_label(self.settings.is_some(), "设置").clicked() {
                    self.settings =
                        Some(SettingsPage::new(&self.data.settings).with_picker(self.picker));
                }
                if ui.button("快速查找 (Ctrl+F)").clicked() {
                    self.lookup.open();
                }
                if ui.selectable_label(self.history.is_some(), "修改记录").clicked() {
                    self.commands.push(Command::OpenHistory);
                }
                let count = self.todo.list(&self.data).len();
                let label =
                    if count == 0 { "待办".to_owned() } else { format!("待办（{count}）") };
                if ui.selectable_label(self.todo.open, label).clicked() {
                    self.todo.open = !self.todo.open;
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if self.actor_picker.is_none()
                && let Some(actor) = self.actor()
            {
                ui.label(RichText::new(format!("当前人员：{actor}")).strong());
                if ui.small_button("切换人员").clicked() {
                    self.commands.push(Command::SwitchActor);
                }
                ui.separator();
            }
            if let Some(status) = &self.status {
                let color = if status.is_error { theme::ERROR } else { theme::OK };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!(
                        "指导记录 {} 条 · 意见书 {} 份 · {}",
                        self.data.guidance.len(),
                        self.data.letters.len(),
                        self.ledger.path().display()
                    ))
                    .color(theme::MUTED)
                    .small(),
                );
            });
        });
    }

    /// After a restore the ledger holds other records: drop what was on screen and reload.
    fn reload_after_restore(&mut self) {
        self.record = None;
        self.new_guidance = new_guidance::NewGuidanceTab::new(now());
        self.letters = letters::LettersTab::default();
        self.register = register::RegisterTab::default();
        match LedgerData::load(&self.ledger) {
            Ok(mut data) => {
                // Views cache by generation: the new data must not look like the old.
                data.generation = self.data.generation + 1;
                data.read_only = self.ledger.is_read_only();
                self.data = data;
            }
            Err(e) => self.failed(format!("恢复后重新读取台账失败：{e}")),
        }
    }

    /// Whether the ledger was opened read-only: nothing can be saved, search and export work.
    pub fn is_read_only(&self) -> bool {
        self.ledger.is_read_only()
    }

    /// The name of whoever is working, written into courses, reviews and amendments.
    pub(super) fn actor_name(&self) -> String {
        self.ledger.actor().label()
    }

    pub(super) fn done(&mut self, text: String) {
        self.status = Some(Status { text, is_error: false });
    }

    pub(super) fn failed(&mut self, text: String) {
        log::warn!("{text}");
        self.status = Some(Status { text, is_error: true });
    }
}

/// The yellow line under the tabs of a read-only ledger.
fn read_only_banner(ui: &mut Ui) {
    egui::Frame::new().fill(theme::BANNER).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(READ_ONLY_BANNER).strong().color(theme::ACCENT));
    });
}

/// What the banner of a read-only ledger says.
pub const READ_ONLY_BANNER: &str = "只读：台账文件不可写（光盘、只读共享盘或没有写入权限），\
不能保存修改；查找和导出仍可使用。";

impl eframe::App for LedgerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        LedgerApp::ui(self, ui);
    }

    /// The automatic backup on exit, when switched on in 设置 → 备份与恢复.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if self.ledger.is_read_only() {
            return;
        }
        if let Err(e) = self.ledger.backup_on_exit(now()) {
            log::error!("退出时自动备份失败：{e}");
        }
    }
}
