//! A guidance record's course (办理过程) as the audit trail describes it: each move along it
//! is an entry on the record itself, saying which stage it reached and what was recorded on
//! the way (the application and its answer, the delivery, the evaluation, an outcome). A
//! note the clerk writes with a move belongs to that move, not to the course, so the store
//! adds it to the move's entry.

use super::{Audited, NameLookup};
use crate::domain::audit::{Fields, RecordKind};
use crate::domain::course::Course;
use crate::domain::{RecordId, format_date};

impl Audited for Course {
    /// Kept under the record it belongs to, so its history shows every move.
    const RECORD_KIND: RecordKind = RecordKind::Guidance;

    fn audit_id(&self) -> RecordId {
        self.guidance
    }

    fn audit_label(&self, names: &dyn NameLookup) -> String {
        names.guidance_number(self.guidance)
    }

    fn audit_fields(&self, _names: &dyn NameLookup) -> Fields {
        let application = self.application.as_ref();
        let answer = application.and_then(|a| a.decided).map(|(date, accepted)| {
            format!("{} {}", format_date(date), if accepted { "受理" } else { "不予受理" })
        });
        let delivery = self.delivery.as_ref();
        let outcome = self.outcome.as_ref().map(|o| {
            let note = if o.note.is_empty() { String::new() } else { format!("（{}）", o.note) };
            format!("{} {}{note}", format_date(o.date), o.outcome.label())
        });
        vec![
            ("办理阶段", self.stage.label().into()),
            ("申请日期", application.map(|a| format_date(a.received)).unwrap_or_default()),
            ("申请答复", answer.unwrap_or_default()),
            ("送达方式", delivery.map(|d| d.method.clone()).unwrap_or_default()),
            ("送达日期", delivery.and_then(|d| d.date).map(format_date).unwrap_or_default()),
            ("签收人", delivery.map(|d| d.signer.clone()).unwrap_or_default()),
            ("评估意见", self.evaluation.clone()),
            ("办理结果", outcome.unwrap_or_default()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;
    use crate::domain::audit_fields::test_support::{Names, lines};
    use crate::domain::course::{Outcome, Stage, Step};
    use crate::domain::{Delivery, WrittenForm};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn at(d: u32) -> NaiveDateTime {
        day(d).and_hms_opt(10, 0, 0).unwrap()
    }

    /// The lines an entry for `step` would show, made on `course`.
    fn step_lines(course: &mut Course, step: Step, d: u32) -> Vec<String> {
        let before = course.audit_fields(&Names);
        course.apply(step, WrittenForm::Written, at(d), "马国强").unwrap();
        let action = crate::domain::Action::Step(course.stage.label().into());
        lines(&before, &course.audit_fields(&Names), &action)
    }

    #[test]
    fn each_move_says_the_stage_reached_and_what_was_recorded() {
        let mut course = Course::new(7);
        assert_eq!(course.audit_label(&Names), "金岭指导书〔2026〕7号");
        assert_eq!(
            step_lines(&mut course, Step::Applied(day(2)), 2),
            ["申请日期：（空） → 2026年3月2日"]
        );
        let answer = step_lines(&mut course, Step::Decide { accept: true, date: day(3) }, 3);
        assert_eq!(answer, ["申请答复：（空） → 2026年3月3日 受理"]);
        let implement = Step::Advance { to: Stage::Implemented, note: String::new() };
        assert_eq!(step_lines(&mut course, implement, 4), ["办理阶段：登记 → 实施"]);
        let issue = Step::Advance { to: Stage::Issued, note: String::new() };
        step_lines(&mut course, issue, 5);
        let delivery =
            Delivery {
                method: "直接送达".into(), date: Some(day(6)), signer: "王经理".into()
            };
        let delivered = step_lines(&mut course, Step::Deliver(delivery), 6);
        assert!(delivered.contains(&"办理阶段：出具文书 → 送达".to_string()), "{delivered:?}");
        assert!(delivered.contains(&"送达方式：（空） → 直接送达".to_string()));
        assert!(delivered.contains(&"送达日期：（空） → 2026年3月6日".to_string()));
        assert!(delivered.contains(&"签收人：（空） → 王经理".to_string()));
        let evaluated = step_lines(&mut course, Step::Evaluate("已整改到位".into()), 7);
        assert!(evaluated.contains(&"评估意见：（空） → 已整改到位".to_string()), "{evaluated:?}");
    }

    #[test]
    fn an_outcome_is_written_with_its_date_and_note() {
        let mut course = Course::new(3);
        let implement = Step::Advance { to: Stage::Implemented, note: String::new() };
        course.apply(implement, WrittenForm::Oral, at(1), "马国强").unwrap();
        let end =
            Step::End { outcome: Outcome::Refused, date: day(2), note: "拒绝签收".into() };
        let lines = step_lines(&mut course, end, 2);
        assert!(
            lines.contains(
                &"办理结果：（空） → 2026年3月2日 对象拒绝接受指导（拒绝签收）".to_string()
            ),
            "{lines:?}"
        );
    }
}
