//! Typical cases (典型案例): a guidance record marked for publication, told in a text whose
//! private data is masked. The program drafts the text; the clerk edits it before export.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::redact::redact;
use super::validation::{Field, FieldError, MAX_TEXT_CHARS};
use super::{Guidance, RecordId, SubjectKind, format_date};

/// A record marked as typical, with the text to publish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypicalCase {
    /// The guidance record the case tells of; also its key in the store.
    pub guidance: RecordId,
    /// 案例标题
    pub title: String,
    /// The text to publish, as the clerk last edited it.
    pub text: String,
    pub marked_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TypicalCase {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(FieldError::missing(Field::Content, "请填写案例标题"));
        }
        if self.text.trim().is_empty() {
            errors.push(FieldError::missing(Field::Content, "请填写案例内容"));
        }
        if self.text.chars().count() > MAX_TEXT_CHARS * 4 {
            errors.push(FieldError::new(Field::Content, "案例内容过长，请删减"));
        }
        errors
    }
}

/// The names a published case must not show: the subject when a natural person, the contact
/// person, and whoever else the caller adds (e.g. who signed for a letter).
pub fn private_names(record: &Guidance) -> Vec<String> {
    let subject = &record.details.subject;
    let mut names = Vec::new();
    if subject.kind != SubjectKind::Enterprise {
        // A 个体工商户 often trades under the owner's name; a person is a person.
        names.push(subject.name.trim().to_owned());
    }
    names.push(subject.contact.trim().to_owned());
    names.retain(|n| !n.is_empty());
    names
}

/// The program's draft of a typical case: title and a text in four parts, with private data
/// masked. `item` is the catalogue item's name; `unit` the issuing unit.
pub fn draft_case(record: &Guidance, item: &str, unit: &str, now: NaiveDateTime) -> TypicalCase {
    let d = &record.details;
    let names = private_names(record);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let subject = if d.subject.kind == SubjectKind::NaturalPerson {
        format!("当事人{}", d.subject.name.trim())
    } else {
        d.subject.name.trim().to_owned()
    };
    let item = item.trim();
    let title = if item.is_empty() {
        format!("{}典型案例", d.method.label())
    } else {
        format!("{item}（{}）典型案例", d.method.label())
    };
    let effect = if d.effect.trim().is_empty() {
        "（请填写指导取得的效果。）"
    } else {
        d.effect.trim()
    };
    let text = format!(
        "一、基本情况\n{}，{}工作人员在{}对{}开展行政指导，指导方式为{}。\n\n\
         二、指导经过\n{}\n\n\
         三、指导效果\n{}\n\n\
         四、典型意义\n（请填写本案例对同类经营者或群众的示范、警示意义。）",
        format_date(d.time.date()),
        unit.trim(),
        d.place.trim(),
        subject,
        d.method.label(),
        d.content.trim(),
        effect,
    );
    TypicalCase {
        guidance: record.id,
        title: redact(&title, &names),
        text: redact(&text, &names),
        marked_at: now,
        updated_at: now,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{DocNumber, GuidanceDraft, Method, Subject};

    fn record(kind: SubjectKind, name: &str) -> Guidance {
        let time = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap().and_hms_opt(9, 30, 0).unwrap();
        let mut details = GuidanceDraft::new(time);
        details.place = "金岭回族镇中心街".into();
        details.method = Method::Warning;
        details.subject = Subject {
            kind,
            name: name.into(),
            credit_code: "92370303MA3C4XKE8B".into(),
            contact: "李四梅".into(),
            phone: "13812345678".into(),
            address: String::new(),
        };
        details.content = format!("{name}在店外占道经营，联系电话13812345678，经劝导当场整改。");
        Guidance {
            id: 7,
            number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 7 },
            details,
            voided: None,
            created_at: time,
            updated_at: time,
        }
    }

    #[test]
    fn a_persons_case_hides_the_person_the_contact_and_the_phone() {
        let g = record(SubjectKind::NaturalPerson, "张三");
        let case = draft_case(&g, "占道经营劝导", "金岭回族镇人民政府", g.created_at);
        assert_eq!(case.title, "占道经营劝导（劝导警示）典型案例");
        assert!(case.text.contains("2026年3月5日，金岭回族镇人民政府工作人员在金岭回族镇中心街"));
        assert!(case.text.contains("当事人张＊"), "{}", case.text);
        assert!(case.text.contains("张＊在店外占道经营，联系电话138＊＊＊＊5678"), "{}", case.text);
        for private in ["张三", "13812345678"] {
            assert!(!case.text.contains(private), "{private} leaked: {}", case.text);
        }
        assert!(case.text.contains("三、指导效果\n（请填写"));
        assert!(case.validate().is_empty());
    }

    #[test]
    fn a_business_keeps_its_name_but_not_its_people() {
        let g = record(SubjectKind::Enterprise, "金岭清真食品有限公司");
        assert_eq!(private_names(&g), ["李四梅"]);
        let case = draft_case(&g, "", "金岭回族镇人民政府", g.created_at);
        assert_eq!(case.title, "劝导警示典型案例");
        assert!(case.text.contains("对金岭清真食品有限公司开展行政指导"));
    }

    #[test]
    fn an_emptied_case_cannot_be_saved() {
        let g = record(SubjectKind::NaturalPerson, "张三");
        let mut case = draft_case(&g, "", "镇政府", g.created_at);
        case.text = " \n".into();
        case.title.clear();
        assert_eq!(case.validate().len(), 2);
    }
}
