//! A record's attachments in its window: each checked against its hash when the window
//! opens, opened with the system viewer, and new ones added from a file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::export_flow::Picker;
use super::{system, theme};
use crate::domain::attachment::{Attachment, AttachmentKind, Owner};
use crate::domain::{RecordId, format_date};
use crate::search::data::LedgerData;
use crate::store::{AttachmentFault, check_attachment, stored_path};

pub struct AttachmentsPanel {
    /// The check of each attachment shown, made once per window.
    checked: HashMap<RecordId, Result<(), AttachmentFault>>,
    kind: AttachmentKind,
    path: String,
    picking: Option<Receiver<Option<PathBuf>>>,
    message: Option<(String, bool)>,
}

impl Default for AttachmentsPanel {
    fn default() -> Self {
        Self {
            checked: HashMap::new(),
            kind: AttachmentKind::Receipt,
            path: String::new(),
            picking: None,
            message: None,
        }
    }
}

impl AttachmentsPanel {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        dir: &std::path::Path,
        owner: Owner,
        picker: Picker,
        commands: &mut Vec<Command>,
    ) {
        let list: Vec<&Attachment> = data.attachments_of(owner).collect();
        if list.is_empty() {
            ui.label(RichText::new("暂无附件。").color(theme::MUTED));
        }
        for a in list {
            let check = self.checked.entry(a.id).or_insert_with(|| check_attachment(dir, a));
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{}　{}　{} KB　{}",
                    a.kind.label(),
                    a.original_name,
                    a.bytes.div_ceil(1024),
                    format_date(a.added_at.date())
                ));
                match check {
                    Ok(()) => {
                        ui.label(RichText::new("√ 校验一致").color(theme::OK));
                    }
                    Err(fault) => {
                        ui.label(RichText::new(format!("× {fault}")).color(theme::ERROR));
                    }
                }
                if ui.button("打开").clicked() {
                    let path = stored_path(dir, a);
                    self.message = Some(match system::open_with_viewer(&path) {
                        Ok(()) => (format!("已用系统程序打开：{}", path.display()), false),
                        Err(e) => (e, true),
                    });
                }
            });
        }
        if data.read_only {
            return;
        }
        self.add_ui(ui, owner, picker, commands);
        if let Some((text, is_error)) = &self.message {
            let color = if *is_error { theme::ERROR } else { theme::MUTED };
            ui.label(RichText::new(text).color(color));
        }
    }

    fn add_ui(&mut self, ui: &mut Ui, owner: Owner, picker: Picker, commands: &mut Vec<Command>) {
        if let Some(rx) = &self.picking {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(200));
            if let Ok(picked) = rx.try_recv() {
                self.picking = None;
                match picked {
                    Some(path) => self.path = path.display().to_string(),
                    None => {
                        self.message = Some((
                            "没有选择文件（或本机无法显示选择窗口）：可在下面直接粘贴文件的完整路径。".into(),
                            false,
                        ));
                    }
                }
            }
        }
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("attachment_kind")
                .selected_text(self.kind.label())
                .show_ui(ui, |ui| {
                    for kind in AttachmentKind::ALL {
                        ui.selectable_value(&mut self.kind, kind, kind.label());
                    }
                })
                .response
                .accessible_name("附件类别");
            let label = ui.label("文件路径");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(260.0))
                .labelled_by(label.id);
            let can_pick = picker == Picker::Native && self.picking.is_none();
            if ui.add_enabled(can_pick, egui::Button::new("选择文件…")).clicked() {
                let (tx, rx) = channel();
                let spawned =
                    std::thread::Builder::new().name("attach-dialog".into()).spawn(move || {
                        let chosen = rfd::FileDialog::new().set_title("选择附件").pick_file();
                        let _ = tx.send(chosen);
                    });
                if spawned.is_ok() {
                    self.picking = Some(rx);
                }
            }
            let path = self.path.trim().trim_matches('"');
            if ui.add_enabled(!path.is_empty(), egui::Button::new("添加附件")).clicked() {
                commands.push(Command::Attach {
                    owner,
                    path: PathBuf::from(path),
                    kind: self.kind,
                });
                self.path.clear();
                self.message = None;
            }
        });
    }
}
