//! Small form widgets shared by the tabs: a labelled field with its problem beside it.

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, Response, RichText, TextEdit, Ui};

use super::theme;
use crate::domain::date::parse_date;
use crate::domain::validation::{Field, FieldError, error_for};

/// A row of a form: the label, the widget, and the field's problem beside it: in grey while
/// the field is still empty, in red when what was typed is wrong.
pub fn labelled<R>(
    ui: &mut Ui,
    label: &str,
    error: Option<&FieldError>,
    add: impl FnOnce(&mut Ui, egui::Id) -> R,
) -> R {
    ui.horizontal(|ui| {
        let label = ui.add_sized(
            [theme::LABEL_WIDTH, 22.0],
            egui::Label::new(label).wrap_mode(egui::TextWrapMode::Truncate),
        );
        let out = add(ui, label.id);
        if let Some(error) = error {
            let color = if error.missing { theme::MUTED } else { theme::ERROR };
            ui.label(RichText::new(&error.message).color(color));
        }
        out
    })
    .inner
}

/// A labelled single-line text field; `errors` are the draft's problems.
pub fn line(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    errors: &[FieldError],
    field: Option<Field>,
) -> Response {
    let error = field.and_then(|f| error_for(errors, f));
    labelled(ui, label, error, |ui, label_id| {
        ui.add(TextEdit::singleline(value).desired_width(theme::FIELD_WIDTH)).labelled_by(label_id)
    })
}

/// A labelled multi-line text field.
pub fn text(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    errors: &[FieldError],
    field: Field,
    rows: usize,
) -> Response {
    let error = error_for(errors, field);
    labelled(ui, label, error, |ui, label_id| {
        ui.add(
            TextEdit::multiline(value).desired_width(theme::FIELD_WIDTH * 1.6).desired_rows(rows),
        )
        .labelled_by(label_id)
    })
}

/// A date typed as text (2026-12-3, 2026年12月3日 …) with a calendar button beside it.
/// Returns the parsed date, or `None` while the text is not a date.
pub fn date(ui: &mut Ui, label: &str, text: &mut String, id_salt: &str) -> Option<NaiveDate> {
    let parsed = parse_date(text);
    let error = (!text.trim().is_empty() && parsed.is_none())
        .then(|| FieldError::new(Field::Date, "日期格式不对，请写成 2026-12-3 或 2026年12月3日"));
    labelled(ui, label, error.as_ref(), |ui, label_id| {
        ui.add(TextEdit::singleline(text).desired_width(140.0)).labelled_by(label_id);
        let mut picked = parsed.and_then(to_jiff).unwrap_or_else(|| {
            to_jiff(chrono::Local::now().date_naive()).unwrap_or(jiff::civil::date(2026, 1, 1))
        });
        let before = picked;
        ui.push_id(id_salt, |ui| {
            ui.add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt(id_salt)
                    .show_icon(false)
                    .calendar_week(false)
                    .format("日历"),
            );
        });
        if picked != before
            && let Some(d) = from_jiff(picked)
        {
            *text = crate::domain::format_date(d);
        }
    });
    parse_date(text)
}

/// A problem that is not tied to one field, or the outcome of an action.
pub fn error(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).color(theme::ERROR));
}

pub fn success(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).color(theme::OK));
}

fn to_jiff(d: NaiveDate) -> Option<jiff::civil::Date> {
    let year = i16::try_from(d.year()).ok()?;
    let month = i8::try_from(d.month()).ok()?;
    let day = i8::try_from(d.day()).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

fn from_jiff(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )
}
