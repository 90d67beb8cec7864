//! 意见书: opinion letters; a list, and a form for a new letter or an edit.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::{theme, widgets};
use crate::domain::date::parse_date;
use crate::domain::fold::fold;
use crate::domain::letter::DELIVERY_METHODS;
use crate::domain::validation::{Field, FieldError, error_for, message_for};
use crate::domain::{
    DocNumber, Guidance, OpinionLetter, OpinionLetterDraft, RecordId, Settings, format_date,
};
use crate::export::{Format, ListKind, Table};
use crate::search::data::LedgerData;

/// A letter being typed.
struct LetterForm {
    draft: OpinionLetterDraft,
    editing: Option<(RecordId, String)>,
    date_text: String,
    delivery_text: String,
    /// The guidance record's number as typed, to link and carry over.
    guidance_text: String,
}

impl LetterForm {
    fn new(settings: &Settings) -> Self {
        let today = super::app::now().date();
        Self {
            draft: OpinionLetterDraft::new(
                today,
                &settings.default_contact,
                &settings.default_phone,
            ),
            editing: None,
            date_text: format_date(today),
            delivery_text: String::new(),
            guidance_text: String::new(),
        }
    }

    fn problems(&self) -> Vec<FieldError> {
        let mut errors = self.draft.validate();
        if parse_date(&self.date_text).is_none() {
            errors.push(FieldError::new(Field::Date, "成文日期看不懂，请写成 2026-12-3"));
        }
        if !self.delivery_text.trim().is_empty() && parse_date(&self.delivery_text).is_none() {
            errors.push(FieldError::new(Field::DeliveryDate, "送达日期看不懂，请写成 2026-12-3"));
        }
        if !self.guidance_text.trim().is_empty() && self.draft.guidance.is_none() {
            errors.push(FieldError::new(Field::Item, "找不到这个文号的指导记录，请核对或清空"));
        }
        errors
    }
}

#[derive(Default)]
pub struct LettersTab {
    text: String,
    form: Option<LetterForm>,
    /// Positions in `LedgerData::letters` of the letters listed, newest first, and the data
    /// generation and filter they were computed for: recomputed on change, not every frame.
    view: Vec<usize>,
    view_key: Option<(u64, String)>,
}

impl LettersTab {
    pub fn saved(&mut self, _letter: &OpinionLetter) {
        self.form = None;
    }

    /// Starts a letter for a guidance record, carrying over its subject and content.
    pub fn start_from(&mut self, g: &Guidance, data: &LedgerData) {
        let mut form = LetterForm::new(&data.settings);
        let d = &g.details;
        form.draft.guidance = Some(g.id);
        form.guidance_text = g.number.to_string();
        form.draft.addressee.clone_from(&d.subject.name);
        form.draft.problems.clone_from(&d.content);
        self.form = Some(form);
    }

    fn edit(&mut self, l: &OpinionLetter, data: &LedgerData) {
        let mut form = LetterForm::new(&data.settings);
        form.draft = l.details.clone();
        form.editing = Some((l.id, l.number.to_string()));
        form.date_text = format_date(l.details.date);
        form.delivery_text = l.details.delivery.date.map(format_date).unwrap_or_default();
        form.guidance_text = l
            .details
            .guidance
            .and_then(|id| data.guidance(id))
            .map(|g| g.number.to_string())
            .unwrap_or_default();
        self.form = Some(form);
    }

    fn refresh(&mut self, data: &LedgerData) {
        let key = (data.generation, self.text.clone());
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        let text = fold(self.text.trim());
        let letters = &data.letters;
        let mut view: Vec<usize> = (0..letters.len())
            .filter(|&i| {
                let l = &letters[i];
                text.is_empty()
                    || [&l.number.to_string(), &l.details.addressee, &l.details.problems]
                        .iter()
                        .any(|f| fold(f).contains(&text))
            })
            .collect();
        view.sort_by(|&a, &b| {
            let (a, b) = (&letters[a], &letters[b]);
            b.details.date.cmp(&a.details.date).then(b.number.cmp(&a.number))
        });
        self.view = view;
        self.view_key = Some(key);
    }

    fn shown<'a>(&mut self, data: &'a LedgerData) -> Vec<&'a OpinionLetter> {
        self.refresh(data);
        self.view.iter().map(|&i| &data.letters[i]).collect()
    }

    pub fn table(&mut self, data: &LedgerData) -> Table {
        let letters: Vec<OpinionLetter> = self.shown(data).into_iter().cloned().collect();
        let number_of = |id: u64| data.guidance(id).map(|g| g.number.to_string());
        crate::export::letters_table(&letters, &number_of)
    }

    pub fn ui(&mut self, ui: &mut Ui, data: &LedgerData, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.form {
            let title = match &form.editing {
                Some((_, n)) => format!("修改意见书 {n}"),
                None => "新建行政指导意见书".to_string(),
            };
            ui.heading(title);
            ui.separator();
            let mut cancel = false;
            egui::ScrollArea::vertical().id_salt("letter_form").show(ui, |ui| {
                cancel = letter_form_ui(ui, form, data, commands);
            });
            if cancel {
                self.form = None;
            }
            return;
        }
        ui.horizontal(|ui| {
            ui.heading("行政指导意见书");
            if ui.button("＋ 新建意见书").clicked() {
                self.form = Some(LetterForm::new(&data.settings));
            }
            let label = ui.label("筛选");
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(180.0))
                .labelled_by(label.id);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("导出 CSV").clicked() {
                    commands.push(Command::Export { kind: ListKind::Letters, format: Format::Csv });
                }
                if ui.button("导出 Excel").clicked() {
                    commands
                        .push(Command::Export { kind: ListKind::Letters, format: Format::Xlsx });
                }
            });
        });
        ui.separator();
        let shown = self.shown(data);
        if data.letters.is_empty() {
            ui.label(
                RichText::new("还没有意见书。点击“新建意见书”，或在登记簿中打开一条指导记录后“据此出具意见书”。")
                    .color(theme::MUTED),
            );
        } else {
            ui.label(format!("共 {} 份；单击一行修改，双击查看详情", shown.len()));
            self.list_ui(ui, &shown, data, commands);
        }
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        shown: &[&OpinionLetter],
        data: &LedgerData,
        commands: &mut Vec<Command>,
    ) {
        let mut to_edit = None;
        TableBuilder::new(ui)
            .id_salt("letters_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::initial(200.0))
            .column(Column::initial(200.0))
            .column(Column::initial(120.0))
            .column(Column::initial(260.0).at_least(100.0))
            .column(Column::initial(200.0))
            .column(Column::remainder())
            .header(theme::ROW_HEIGHT, |mut header| {
                for h in ["文号", "收件对象", "成文日期", "存在问题", "送达", "关联指导文书"]
                {
                    header.col(|ui| {
                        ui.strong(h);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, shown.len(), |mut row| {
                    let l = shown[row.index()];
                    let mut number = l.number.to_string();
                    if l.voided.is_some() {
                        number.push_str("（作废）");
                    }
                    let linked = l.details.guidance.and_then(|id| data.guidance(id));
                    let cells = [
                        number,
                        l.details.addressee.clone(),
                        format_date(l.details.date),
                        l.details.problems.replace('\n', " "),
                        l.delivery_text(),
                        linked.map(|g| g.number.to_string()).unwrap_or_default(),
                    ];
                    for cell in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(cell).truncate().selectable(false));
                        });
                    }
                    let response = row.response();
                    if response.double_clicked() {
                        commands.push(Command::OpenLetter(l.id));
                    } else if response.clicked() && l.voided.is_none() {
                        to_edit = Some(l.id);
                    }
                });
            });
        if let Some(l) = to_edit.and_then(|id| data.letter(id)) {
            self.edit(l, data);
        }
    }
}

/// The fields of a letter; returns true when the clerk cancels.
fn letter_form_ui(
    ui: &mut Ui,
    form: &mut LetterForm,
    data: &LedgerData,
    commands: &mut Vec<Command>,
) -> bool {
    if let Some(d) = parse_date(&form.date_text) {
        form.draft.date = d;
    }
    form.draft.delivery.date = parse_date(&form.delivery_text);
    form.draft.guidance = DocNumber::parse(&form.guidance_text)
        .and_then(|n| data.guidance.iter().find(|g| g.number == n))
        .map(|g| g.id);
    let errors = form.problems();
    let d = &mut form.draft;
    widgets::labelled(ui, "关联指导文书", error_for(&errors, Field::Item), |ui, id| {
        ui.add(
            egui::TextEdit::singleline(&mut form.guidance_text)
                .desired_width(220.0)
                .hint_text("可不填；填文号"),
        )
        .labelled_by(id);
        if let Some(g) = d.guidance.and_then(|id| data.guidance(id))
            && ui.button("带入对象和内容").clicked()
        {
            d.addressee.clone_from(&g.details.subject.name);
            d.problems.clone_from(&g.details.content);
        }
    });
    widgets::line(ui, "收件对象", &mut d.addressee, &errors, Some(Field::Addressee));
    widgets::text(ui, "存在问题", &mut d.problems, &errors, Field::Problems, 4);
    widgets::text(ui, "指导意见", &mut d.opinion, &errors, Field::Opinion, 4);
    widgets::line(ui, "指导联系人", &mut d.contact, &errors, Some(Field::Contact));
    widgets::line(ui, "联系电话", &mut d.phone, &errors, Some(Field::Phone));
    widgets::date(ui, "成文日期", &mut form.date_text, "letter_date");
    ui.separator();
    ui.label(RichText::new("送达（送达后填写）").strong());
    widgets::labelled(ui, "送达方式", None, |ui, id| {
        ui.add(egui::TextEdit::singleline(&mut d.delivery.method).desired_width(160.0))
            .labelled_by(id);
        let combo = egui::ComboBox::from_id_salt("delivery_method")
            .selected_text("常用方式")
            .show_ui(ui, |ui| {
                for m in DELIVERY_METHODS {
                    if ui.selectable_label(d.delivery.method == m, m).clicked() {
                        d.delivery.method = m.to_string();
                    }
                }
            });
        combo.response.accessible_name("常用送达方式");
    });
    widgets::date(ui, "送达日期", &mut form.delivery_text, "delivery_date");
    if let Some(message) = message_for(&errors, Field::DeliveryDate) {
        widgets::error(ui, message);
    }
    widgets::line(ui, "签收人", &mut d.delivery.signer, &errors, Some(Field::Signer));
    widgets::text(ui, "对象反馈", &mut d.feedback, &errors, Field::Feedback, 2);
    let mut cancel = false;
    ui.horizontal(|ui| {
        ui.add_space(theme::LABEL_WIDTH);
        let label = if form.editing.is_some() { "保存修改" } else { "保存并编号" };
        if ui.add_enabled(errors.is_empty() && !data.read_only, egui::Button::new(label)).clicked()
        {
            let id = form.editing.as_ref().map(|(id, _)| *id);
            commands.push(Command::SaveLetter { id, draft: form.draft.clone() });
        }
        if ui.button("返回列表").clicked() {
            cancel = true;
        }
        if !errors.is_empty() {
            ui.label(
                RichText::new(format!("还有{}处需要填写或更正", errors.len())).color(theme::MUTED),
            );
        }
    });
    cancel
}
