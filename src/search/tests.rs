use chrono::NaiveDate;

use super::*;
use crate::domain::{DocNumber, GuidanceDraft, Method, OpinionLetterDraft};

fn guidance(id: u64, name: &str, place: &str, content: &str) -> Guidance {
    let now = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let mut details = GuidanceDraft::new(now);
    details.subject.name = name.into();
    details.place = place.into();
    details.content = content.into();
    details.officers = vec![1];
    details.item = Some(1);
    details.method = Method::Reminder;
    Guidance {
        id,
        number: DocNumber {
            prefix: "金岭指导书".into(),
            year: 2026,
            seq: u32::try_from(id).unwrap(),
        },
        details,
        voided: None,
        created_at: now,
        updated_at: now,
    }
}

fn officers() -> Vec<Officer> {
    vec![Officer { id: 1, name: "马国强".into(), active: true, ..Default::default() }]
}

#[test]
fn finds_by_any_field_and_by_initials() {
    let gs = vec![
        guidance(1, "某某食品店", "金岭镇中心街", "提醒规范标价"),
        guidance(2, "淄博ABC机械有限公司", "工业园", "安全生产培训"),
    ];
    let index = SearchIndex::build(&gs, &[], &officers(), &[]);
    assert_eq!(index.search("食品店"), vec![DocRef::Guidance(1)]);
    assert_eq!(index.search("abc"), vec![DocRef::Guidance(2)]);
    assert_eq!(index.search("ＡＢＣ"), vec![DocRef::Guidance(2)]);
    assert_eq!(index.search("jlz"), vec![DocRef::Guidance(1)]);
    assert_eq!(index.search("〔2026〕2号"), vec![DocRef::Guidance(2)]);
    assert_eq!(index.search("马国强").len(), 2);
    assert_eq!(index.search("安全 培训"), vec![DocRef::Guidance(2)]);
    assert!(index.search("安全 食品").is_empty());
    assert_eq!(index.search("  ").len(), 2);
}

#[test]
fn an_edited_record_is_found_by_its_new_text_only() {
    let mut gs = vec![guidance(1, "旧名称商店", "金岭", "内容")];
    let mut index = SearchIndex::build(&gs, &[], &officers(), &[]);
    gs[0].details.subject.name = "新名称超市".into();
    index.upsert_guidance(&gs[0], &Names::new(&officers(), &[]));
    assert!(index.search("旧名称").is_empty());
    assert_eq!(index.search("新名称"), vec![DocRef::Guidance(1)]);
    assert_eq!(index.len(), 1);
}

#[test]
fn letters_are_indexed_and_compaction_keeps_results() {
    let day = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap();
    let mut draft = OpinionLetterDraft::new(day, "司法所", "0533-1234567");
    draft.addressee = "张三".into();
    draft.problems = "消防通道堵塞".into();
    draft.opinion = "立即清理".into();
    let letter = OpinionLetter {
        id: 1,
        number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq: 9 },
        details: draft,
        voided: None,
        created_at: day.and_hms_opt(0, 0, 0).unwrap(),
        updated_at: day.and_hms_opt(0, 0, 0).unwrap(),
    };
    let mut index = SearchIndex::build(&[], std::slice::from_ref(&letter), &[], &[]);
    assert_eq!(index.search("消防通道"), vec![DocRef::Letter(1)]);
    for _ in 0..3000 {
        index.upsert_letter(&letter);
    }
    assert_eq!(index.search("消防通道"), vec![DocRef::Letter(1)]);
    assert_eq!(index.search("zs"), vec![DocRef::Letter(1)]);
    assert!(index.entries.len() <= 1026, "compaction drops dead text");
}

#[test]
fn a_large_ledger_is_indexed_on_two_threads_and_still_found_and_updated() {
    let mut gs: Vec<Guidance> =
        (1..=20_001).map(|id| guidance(id, &format!("商户{id}号"), "金岭", "提醒")).collect();
    let mut index = SearchIndex::build(&gs, &[], &officers(), &[]);
    assert_eq!(index.len(), 20_001);
    assert_eq!(index.search("商户19999号"), vec![DocRef::Guidance(19_999)]);
    assert_eq!(index.search("商户3号"), vec![DocRef::Guidance(3)]);
    gs[19_998].details.subject.name = "改名后的商户".into();
    index.upsert_guidance(&gs[19_998], &Names::new(&officers(), &[]));
    assert!(index.search("商户19999号").is_empty());
    assert_eq!(index.search("改名后"), vec![DocRef::Guidance(19_999)]);
}
