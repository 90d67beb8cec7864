//! The workflow's records as the audit trail describes them. Each belongs to a guidance
//! record (or a letter) and its label names that record's 文号, so the whole-ledger history
//! says which record a visit or an attachment was about.

use super::{Audited, NameLookup, yes_no};
use crate::domain::attachment::{Attachment, Owner};
use crate::domain::audit::{Fields, RecordKind};
use crate::domain::follow_up::FollowUp;
use crate::domain::typical::TypicalCase;
use crate::domain::warning::WarningCase;
use crate::domain::{NoPenaltyEntry, RecordId, format_date};

/// Characters of a long text kept in a label.
const LABEL_CHARS: usize = 24;

/// The first line of `text`, cut to [`LABEL_CHARS`] characters.
pub(crate) fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() > LABEL_CHARS {
        let kept: String = line.chars().take(LABEL_CHARS).collect();
        format!("{kept}…")
    } else {
        line.to_string()
    }
}

impl Audited for FollowUp {
    const RECORD_KIND: RecordKind = RecordKind::FollowUp;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        format!("{} 回访", names.guidance_number(self.guidance))
    }

    fn audit_fields(&self, names: &dyn NameLookup) -> Fields {
        let mut fields = vec![("计划回访日期", format_date(self.planned))];
        let visit = self.visit.as_ref();
        let visitors = visit.map_or_else(Vec::new, |v| {
            v.visitors.iter().map(|id| names.officer(*id)).collect::<Vec<_>>()
        });
        fields.extend([
            ("回访日期", visit.map(|v| format_date(v.date)).unwrap_or_default()),
            ("回访方式", visit.map(|v| v.method.label().to_string()).unwrap_or_default()),
            ("回访人", visitors.join("、")),
            ("整改情况", visit.map(|v| v.correction.clone()).unwrap_or_default()),
            ("满意度", visit.map(|v| v.satisfaction.label().to_string()).unwrap_or_default()),
            ("需要继续指导", visit.map(|v| yes_no(v.more_guidance)).unwrap_or_default()),
            ("备注", visit.map(|v| v.notes.clone()).unwrap_or_default()),
        ]);
        fields
    }
}

impl Audited for WarningCase {
    const RECORD_KIND: RecordKind = RecordKind::WarningCase;

    fn audit_id(&self) -> RecordId {
        self.guidance
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        format!("{} 不罚清单登记", names.guidance_number(self.guidance))
    }

    fn audit_fields(&self, names: &dyn NameLookup) -> Fields {
        let earlier: Vec<String> =
            self.earlier.iter().map(|id| names.guidance_number(*id)).collect();
        let c = self.commitment.as_ref();
        let r = self.recheck.as_ref();
        vec![
            ("不罚清单事项", self.entry.map(|id| names.no_penalty_entry(id)).unwrap_or_default()),
            ("首次违法", yes_no(self.first_violation)),
            ("此前的劝导警示", earlier.join("、")),
            ("承诺内容", c.map(|c| c.content.clone()).unwrap_or_default()),
            ("签署日期", c.map(|c| format_date(c.signed)).unwrap_or_default()),
            ("整改期限", c.map(|c| format_date(c.deadline)).unwrap_or_default()),
            ("复查日期", r.map(|r| format_date(r.date)).unwrap_or_default()),
            ("复查结果", r.map(|r| r.result.label().to_string()).unwrap_or_default()),
            ("复查说明", r.map(|r| r.note.clone()).unwrap_or_default()),
        ]
    }
}

impl Audited for TypicalCase {
    const RECORD_KIND: RecordKind = RecordKind::TypicalCase;

    fn audit_id(&self) -> RecordId {
        self.guidance
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        format!("{} 典型案例", names.guidance_number(self.guidance))
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        vec![("案例标题", self.title.clone()), ("案例正文", self.text.clone())]
    }
}

fn owner_number(owner: Owner, names: &dyn NameLookup) -> String {
    match owner {
        Owner::Guidance(id) => names.guidance_number(id),
        Owner::Letter(id) => names.letter_number(id),
    }
}

impl Audited for Attachment {
    const RECORD_KIND: RecordKind = RecordKind::Attachment;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        format!("{} 附件：{}", owner_number(self.owner, names), short(&self.original_name))
    }

    fn audit_fields(&self, names: &dyn NameLookup) -> Fields {
        vec![
            ("所属文书", owner_number(self.owner, names)),
            ("材料类别", self.kind.label().into()),
            ("文件名", self.original_name.clone()),
            ("保存位置", format!("附件/{}", self.stored)),
            ("文件大小", format!("{}字节", self.bytes)),
            ("SHA-256", self.sha256.clone()),
        ]
    }
}

impl Audited for NoPenaltyEntry {
    const RECORD_KIND: RecordKind = RecordKind::NoPenaltyEntry;

    fn audit_id(&self) -> RecordId {
        self.id
    }

    fn audit_label(&self, _names: &dyn NameLookup) -> String {
        self.label()
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        vec![
            ("序号", self.serial.to_string()),
            ("执法领域", self.domain.clone()),
            ("违法行为", self.violation.clone()),
            ("法律依据", self.basis.clone()),
            ("不予处罚条件", self.conditions.clone()),
            ("实施主体", self.implementer.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::audit::all_fields;
    use crate::domain::audit_fields::test_support::Names;
    use crate::domain::follow_up::{Satisfaction, Visit, VisitMethod};
    use crate::domain::warning::{Commitment, Recheck, RecheckResult};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn a_visit_names_its_record_and_visitors() {
        let mut follow_up = FollowUp {
            id: 4,
            guidance: 7,
            planned: day(20),
            visit: None,
            created_at: day(1).and_hms_opt(9, 0, 0).unwrap(),
            updated_at: day(1).and_hms_opt(9, 0, 0).unwrap(),
        };
        assert_eq!(follow_up.audit_label(&Names), "金岭指导书〔2026〕7号 回访");
        let planned = all_fields(&follow_up.audit_fields(&Names), true);
        assert_eq!(planned.len(), 1, "only the plan is filled: {planned:?}");
        follow_up.visit = Some(Visit {
            date: day(21),
            method: VisitMethod::OnSite,
            visitors: vec![2, 3],
            correction: "已整改".into(),
            satisfaction: Satisfaction::Satisfied,
            more_guidance: false,
            notes: String::new(),
        });
        let fields = follow_up.audit_fields(&Names);
        assert!(fields.contains(&("回访人", "人员2、人员3".into())));
        assert!(fields.contains(&("回访日期", "2026年3月21日".into())));
    }

    #[test]
    fn a_warning_case_lists_commitment_and_recheck() {
        let case = WarningCase {
            guidance: 9,
            entry: Some(3),
            first_violation: false,
            earlier: vec![1, 2],
            commitment: Some(Commitment {
                content: "七日内整改".into(),
                signed: day(2),
                deadline: day(9),
            }),
            recheck: Some(Recheck {
                date: day(10),
                result: RecheckResult::Corrected,
                note: String::new(),
            }),
            updated_at: day(10).and_hms_opt(9, 0, 0).unwrap(),
        };
        let fields = case.audit_fields(&Names);
        assert!(fields.contains(&("不罚清单事项", "第3项".into())));
        assert!(
            fields.contains(&(
                "此前的劝导警示",
                "金岭指导书〔2026〕1号、金岭指导书〔2026〕2号".into()
            ))
        );
        assert!(fields.contains(&("复查结果", "已整改，不予处罚".into())));
        assert_eq!(case.audit_id(), 9);
    }

    #[test]
    fn long_names_are_shortened_in_labels() {
        let entry = NoPenaltyEntry {
            serial: 12,
            violation: "未按规定在经营场所醒目位置公示营业执照且经责令改正后仍未公示的情形".into(),
            ..NoPenaltyEntry::default()
        };
        let label = entry.label();
        assert!(label.starts_with("第12项 未按规定"));
        assert!(label.ends_with('…'));
    }
}
