//! Field-level problems of a draft, shown beside the field in Chinese.

/// The form fields a problem can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    Time,
    Place,
    Officers,
    SubjectName,
    CreditCode,
    Phone,
    Item,
    Content,
    Addressee,
    Problems,
    Opinion,
    Contact,
    Name,
    Domain,
    Basis,
    DeliveryDate,
    Address,
    SubjectContact,
    Badge,
    Station,
    UnitName,
    GuidancePrefix,
    LetterPrefix,
    Applicable,
    Implementer,
    Effect,
    Feedback,
    Signer,
    /// 序号 of a no-penalty entry.
    Serial,
    /// 违法行为
    Violation,
    /// 不予处罚条件
    Conditions,
}

/// One problem with a draft: where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
    /// Nothing typed yet, as opposed to something typed wrong. Forms show the first
    /// quietly and the second in red.
    pub missing: bool,
}

impl FieldError {
    /// Something was typed, and it is wrong.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Self { field, message: message.into(), missing: false }
    }

    /// A required field is still empty.
    pub fn missing(field: Field, message: impl Into<String>) -> Self {
        Self { field, message: message.into(), missing: true }
    }
}

/// Finds the problem with one field among a draft's problems.
pub fn error_for(errors: &[FieldError], field: Field) -> Option<&FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// Finds the message for one field among a draft's problems.
pub fn message_for(errors: &[FieldError], field: Field) -> Option<&str> {
    error_for(errors, field).map(|e| e.message.as_str())
}

/// Longest text a single-line field accepts; longer input is refused, not cut.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest text a multi-line field accepts.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Checks a required single-line field.
pub fn require_line(errors: &mut Vec<FieldError>, field: Field, text: &str, what: &str) {
    if text.trim().is_empty() {
        errors.push(FieldError::missing(field, format!("请填写{what}")));
    } else {
        check_line(errors, field, text, what);
    }
}

/// Checks an optional single-line field's length.
pub fn check_line(errors: &mut Vec<FieldError>, field: Field, text: &str, what: &str) {
    if text.chars().count() > MAX_LINE_CHARS {
        errors.push(FieldError::new(field, format!("{what}过长，请控制在{MAX_LINE_CHARS}字以内")));
    }
}

/// Checks a required multi-line field.
pub fn require_text(errors: &mut Vec<FieldError>, field: Field, text: &str, what: &str) {
    if text.trim().is_empty() {
        errors.push(FieldError::missing(field, format!("请填写{what}")));
    } else if text.chars().count() > MAX_TEXT_CHARS {
        errors.push(FieldError::new(field, format!("{what}过长，请控制在{MAX_TEXT_CHARS}字以内")));
    }
}

/// Checks a phone number: digits, spaces, hyphens and a leading +, 5 to 20 of them.
pub fn check_phone(errors: &mut Vec<FieldError>, field: Field, phone: &str) {
    let phone = phone.trim();
    if phone.is_empty() {
        return;
    }
    let ok = phone.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || c == '-' || c == ' ' || (i == 0 && c == '+') || c == '转'
    });
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !ok || !(5..=20).contains(&digits) {
        errors.push(FieldError::new(
            field,
            "电话号码只能包含数字和“-”，如 0533-1234567 或 13812345678",
        ));
    }
}
