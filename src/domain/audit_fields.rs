//! Each kind of record as named, readable fields: what the audit trail compares and shows.
//! The workflow's records (visits, warning cases, typical cases, attachments, the no-penalty
//! list) are in `workflow`; a record's course and an item's review in `course` and `review`.

mod course;
mod review;
mod workflow;

pub(crate) use workflow::short;

use super::audit::{Fields, RecordKind};
use super::date::{format_date, format_date_time};
use super::{CatalogueItem, Guidance, Officer, OpinionLetter, RecordId, Settings, Voided};

/// Names of the records a record points at, as the trail writes them.
pub trait NameLookup {
    fn officer(&self, id: RecordId) -> String;
    fn item(&self, id: RecordId) -> String;
    /// The 文号 of a guidance record.
    fn guidance_number(&self, id: RecordId) -> String;
    /// The 文号 of an opinion letter.
    fn letter_number(&self, id: RecordId) -> String;
    /// A no-penalty list entry as `第N项 违法行为`.
    fn no_penalty_entry(&self, id: RecordId) -> String;
}

/// A record the audit trail can describe.
pub trait Audited {
    const RECORD_KIND: RecordKind;

    /// The record's id; 0 for a record of which there is only one, such as the settings.
    fn audit_id(&self) -> RecordId;
    /// Its 文号, or its name; a record that belongs to a guidance record names that one.
    fn audit_label(&self, names: &dyn NameLookup) -> String;
    /// Every field the clerk can change, by its name on the form, as text.
    fn audit_fields(&self, names: &dyn NameLookup) -> Fields;
}

pub(super) fn yes_no(value: bool) -> String {
    if value { "是" } else { "否" }.into()
}

fn voided_text(voided: Option<&Voided>) -> String {
    voided.map_or_else(String::new, |v| v.reason.clone())
}

impl Audited for Guidance {
    const RECORD_KIND: RecordKind = RecordKind::Guidance;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        self.number.to_string()
    }

    fn audit_fields(&self, names: &dyn NameLookup) -> Fields {
        let d = &self.details;
        let s = &d.subject;
        let officers: Vec<String> = d.officers.iter().map(|id| names.officer(*id)).collect();
        vec![
            ("指导时间", format_date_time(d.time)),
            ("指导地点", d.place.clone()),
            ("指导人员", officers.join("、")),
            ("指导对象", s.name.clone()),
            ("对象类别", s.kind.label().into()),
            ("统一社会信用代码", s.credit_code.clone()),
            ("联系人", s.contact.clone()),
            ("联系电话", s.phone.clone()),
            ("地址", s.address.clone()),
            ("指导事项", d.item.map(|id| names.item(id)).unwrap_or_default()),
            ("指导方式", d.method.label().into()),
            ("指导内容", d.content.clone()),
            ("效益、效果", d.effect.clone()),
            ("启动方式", d.initiative.label().into()),
            ("指导形式", d.form.label().into()),
            ("对象意见", d.acceptance.label().into()),
            ("作废原因", voided_text(self.voided.as_ref())),
        ]
    }
}

impl Audited for OpinionLetter {
    const RECORD_KIND: RecordKind = RecordKind::Letter;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        self.number.to_string()
    }

    fn audit_fields(&self, names: &dyn NameLookup) -> Fields {
        let d = &self.details;
        vec![
            ("收件对象", d.addressee.clone()),
            ("存在问题", d.problems.clone()),
            ("指导意见", d.opinion.clone()),
            ("指导联系人", d.contact.clone()),
            ("联系电话", d.phone.clone()),
            ("成文日期", format_date(d.date)),
            ("关联指导文书", d.guidance.map(|id| names.guidance_number(id)).unwrap_or_default()),
            ("送达方式", d.delivery.method.clone()),
            ("送达日期", d.delivery.date.map(format_date).unwrap_or_default()),
            ("签收人", d.delivery.signer.clone()),
            ("对象反馈", d.feedback.clone()),
            ("作废原因", voided_text(self.voided.as_ref())),
        ]
    }
}

impl Audited for Officer {
    const RECORD_KIND: RecordKind = RecordKind::Officer;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        self.name.clone()
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        vec![
            ("姓名", self.name.clone()),
            ("执法证号", self.badge.clone()),
            ("所属站所", self.station.clone()),
            ("电话", self.phone.clone()),
            ("状态", if self.active { "在岗" } else { "停用" }.into()),
        ]
    }
}

impl Audited for CatalogueItem {
    const RECORD_KIND: RecordKind = RecordKind::CatalogueItem;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        self.name.clone()
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        vec![
            ("事项名称", self.name.clone()),
            ("所属领域", self.domain.clone()),
            ("指导方式", self.method.label().into()),
            ("指导依据", self.basis.clone()),
            ("适用对象", self.applicable_to.clone()),
            ("实施主体", self.implementer.clone()),
            ("咨询电话", self.phone.clone()),
            ("是否涉企", yes_no(self.involves_enterprise)),
            ("状态", self.status.label().into()),
        ]
    }
}

impl Audited for Settings {
    const RECORD_KIND: RecordKind = RecordKind::Settings;

    fn audit_id(&self) -> RecordId {
        0
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        "设置".into()
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        vec![
            ("单位名称", self.unit_name.clone()),
            ("文号前缀", self.guidance_prefix.clone()),
            ("意见书文号前缀", self.letter_prefix.clone()),
            ("意见书与指导文书共用编号", yes_no(self.letters_share_sequence)),
            ("默认指导联系人", self.default_contact.clone()),
            ("默认联系电话", self.default_phone.clone()),
        ]
    }
}

/// What the tests of each kind's fields share: names for the records a record points at,
/// and the lines an entry shows.
#[cfg(test)]
pub(crate) mod test_support {
    use super::NameLookup;
    use crate::domain::RecordId;
    use crate::domain::audit::{Action, Fields, diff};

    pub(crate) struct Names;

    impl NameLookup for Names {
        fn officer(&self, id: RecordId) -> String {
            format!("人员{id}")
        }
        fn item(&self, id: RecordId) -> String {
            format!("事项{id}")
        }
        fn guidance_number(&self, id: RecordId) -> String {
            format!("金岭指导书〔2026〕{id}号")
        }
        fn letter_number(&self, id: RecordId) -> String {
            format!("金岭意见书〔2026〕{id}号")
        }
        fn no_penalty_entry(&self, id: RecordId) -> String {
            format!("第{id}项")
        }
    }

    /// The lines an entry shows for a change from `before` to `after` made as `action`.
    pub(crate) fn lines(before: &Fields, after: &Fields, action: &Action) -> Vec<String> {
        diff(before, after).iter().map(|c| c.text(action)).collect()
    }
}
