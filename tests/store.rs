//! The store, told as a clerk's day with the ledger: numbers, voiding, edits, restarts,
//! refused drafts, damaged files and a second window. Every story runs on a temp file.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::credit_code::with_check_character;
use guidance_ledger::domain::{
    Acceptance, CatalogueItem, Delivery, DocKind, DocNumber, Field, Guidance, GuidanceDraft,
    Initiative, ItemStatus, Method, Officer, OpinionLetterDraft, Settings, Subject, SubjectKind,
    WrittenForm,
};
use guidance_ledger::store::{CodecError, Ledger, StoreError};
use redb::{Database, TableDefinition};
use tempfile::TempDir;

const GUIDANCE_TABLE: TableDefinition<u64, &[u8]> = TableDefinition::new("guidance");
const META_TABLE: TableDefinition<&str, u64> = TableDefinition::new("meta");

// ---- small helpers -------------------------------------------------------------------------

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(9, 30, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The clock on the office PC while the clerk types: always mid-2026.
fn now() -> NaiveDateTime {
    at(2026, 6, 15)
}

/// A fresh ledger file in a temp folder that lives as long as the returned guard.
fn new_ledger() -> (TempDir, PathBuf, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账").join("ledger.redb");
    let ledger = Ledger::open(&path).unwrap();
    (dir, path, ledger)
}

fn reopen(ledger: Ledger, path: &Path) -> Ledger {
    drop(ledger);
    Ledger::open(path).unwrap()
}

fn add_officer(ledger: &Ledger, name: &str) -> Officer {
    let officer = Officer { name: name.into(), active: true, ..Default::default() };
    ledger.save_officer(&officer).unwrap()
}

fn add_item(ledger: &Ledger) -> CatalogueItem {
    let item = CatalogueItem {
        name: "安全生产隐患提示".into(),
        domain: "安全生产".into(),
        basis: "《中华人民共和国安全生产法》第四条".into(),
        ..Default::default()
    };
    ledger.save_item(&item).unwrap()
}

/// The officer and catalogue item every guidance record of a story names.
fn staff(ledger: &Ledger) -> (Officer, CatalogueItem) {
    (add_officer(ledger, "王建国"), add_item(ledger))
}

/// A valid guidance draft dated `time`, guiding a natural person.
fn draft(officer: &Officer, item: &CatalogueItem, time: NaiveDateTime) -> GuidanceDraft {
    let mut d = GuidanceDraft::new(time);
    d.place = "金岭回族镇某某村".into();
    d.officers = vec![officer.id];
    d.subject =
        Subject { kind: SubjectKind::NaturalPerson, name: "张三".into(), ..Default::default() };
    d.item = Some(item.id);
    d.content = "提醒液化气罐不得存放在地下室。".into();
    d
}

fn letter_draft(date: NaiveDate) -> OpinionLetterDraft {
    let mut d = OpinionLetterDraft::new(date, "金岭回族镇司法所", "0533-1234567");
    d.addressee = "某某食品店".into();
    d.problems = "进货台账不全。".into();
    d.opinion = "建议七日内补齐进货台账。".into();
    d
}

fn create(
    ledger: &Ledger,
    officer: &Officer,
    item: &CatalogueItem,
    time: NaiveDateTime,
) -> Guidance {
    ledger.create_guidance(&draft(officer, item, time), now()).unwrap()
}

/// The printed number of a new guidance record dated `time`.
fn number_of_new(
    ledger: &Ledger,
    officer: &Officer,
    item: &CatalogueItem,
    time: NaiveDateTime,
) -> String {
    create(ledger, officer, item, time).number.to_string()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// Writes raw bytes straight into the file's guidance table, as a damaged disk or a bad tool would.
fn write_raw_guidance(path: &Path, id: u64, bytes: &[u8]) {
    let db = Database::create(path).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(GUIDANCE_TABLE).unwrap().insert(id, bytes).unwrap();
    txn.commit().unwrap();
}

// ---- numbering -----------------------------------------------------------------------------

#[test]
fn numbers_run_by_the_year_of_the_guidance_not_of_today() {
    let (_dir, _path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);

    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 1, 5)), "金岭指导书〔2026〕1号");
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 3, 7)), "金岭指导书〔2026〕2号");
    // Typed in mid-2026, but the guidance happened in 2027: a new year's sequence.
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2027, 1, 2)), "金岭指导书〔2027〕1号");
    // A late entry for 2026 carries on where 2026 stopped.
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 12, 31)), "金岭指导书〔2026〕3号");
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2027, 2, 1)), "金岭指导书〔2027〕2号");
}

#[test]
fn letters_share_the_guidance_sequence_by_default() {
    let (_dir, _path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);
    create(&ledger, &officer, &item, at(2026, 2, 1));
    create(&ledger, &officer, &item, at(2026, 2, 2));

    let letter = ledger.create_letter(&letter_draft(day(2026, 2, 3)), now()).unwrap();
    assert_eq!(letter.number.to_string(), "金岭指导书〔2026〕3号");
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 2, 4)), "金岭指导书〔2026〕4号");
}

#[test]
fn letters_get_their_own_sequence_when_the_office_splits_it() {
    let (_dir, path, ledger) = new_ledger();
    let settings = Settings {
        letters_share_sequence: false,
        letter_prefix: "金岭指导意见书".into(),
        ..Settings::default()
    };
    ledger.save_settings(&settings).unwrap();
    let (officer, item) = staff(&ledger);
    create(&ledger, &officer, &item, at(2026, 2, 1));
    create(&ledger, &officer, &item, at(2026, 2, 2));

    let first = ledger.create_letter(&letter_draft(day(2026, 2, 3)), now()).unwrap();
    assert_eq!(first.number.to_string(), "金岭指导意见书〔2026〕1号");
    let ledger = reopen(ledger, &path);
    let second = ledger.create_letter(&letter_draft(day(2026, 2, 4)), now()).unwrap();
    assert_eq!(second.number.to_string(), "金岭指导意见书〔2026〕2号");
    // The guidance sequence did not move for the letters.
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 2, 5)), "金岭指导书〔2026〕3号");
}

#[test]
fn a_voided_record_keeps_its_number_and_the_number_is_never_reused() {
    let (_dir, path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);
    let first = create(&ledger, &officer, &item, at(2026, 4, 1));

    let err = ledger.void_guidance(first.id, "  ", now()).unwrap_err();
    assert!(matches!(err, StoreError::NoVoidReason), "{err:?}");
    assert!(ledger.guidance(first.id).unwrap().voided.is_none());

    let voided = ledger.void_guidance(first.id, " 对象名称录入错误 ", at(2026, 6, 16)).unwrap();
    assert_eq!(voided.number, first.number);

    let ledger = reopen(ledger, &path);
    let reread = ledger.guidance(first.id).unwrap();
    assert_eq!(reread.number.to_string(), "金岭指导书〔2026〕1号");
    let mark = reread.voided.as_ref().expect("still voided after a restart");
    assert_eq!(mark.reason, "对象名称录入错误");
    assert_eq!(mark.at, at(2026, 6, 16));
    assert_eq!(reread.result_text(), "作废：对象名称录入错误");

    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 4, 2)), "金岭指导书〔2026〕2号");

    // A voided record is closed: no edit, no second voiding.
    let edit = ledger.update_guidance(first.id, &draft(&officer, &item, at(2026, 4, 1)), now());
    assert!(
        matches!(&edit, Err(StoreError::Voided(n)) if n == "金岭指导书〔2026〕1号"),
        "{edit:?}"
    );
    assert!(has_chinese(&edit.unwrap_err().to_string()));
    let again = ledger.void_guidance(first.id, "再次作废", now());
    assert!(matches!(again, Err(StoreError::Voided(_))), "{again:?}");
    assert_eq!(ledger.guidance(first.id).unwrap(), reread);
}

#[test]
fn voiding_a_letter_works_the_same_way() {
    let (_dir, path, ledger) = new_ledger();
    let letter = ledger.create_letter(&letter_draft(day(2026, 5, 1)), now()).unwrap();
    assert!(matches!(ledger.void_letter(letter.id, "", now()), Err(StoreError::NoVoidReason)));
    ledger.void_letter(letter.id, "重复开具", now()).unwrap();

    let ledger = reopen(ledger, &path);
    let reread = ledger.letter(letter.id).unwrap();
    assert_eq!(reread.voided.unwrap().reason, "重复开具");
    let edit = ledger.update_letter(letter.id, &letter_draft(day(2026, 5, 1)), now());
    assert!(matches!(edit, Err(StoreError::Voided(_))), "{edit:?}");
    let next = ledger.create_letter(&letter_draft(day(2026, 5, 2)), now()).unwrap();
    assert_eq!(next.number.to_string(), "金岭指导书〔2026〕2号");
}

#[test]
fn editing_keeps_the_number_even_when_the_date_moves_to_another_year() {
    let (_dir, path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);
    let original = create(&ledger, &officer, &item, at(2026, 12, 30));

    let mut corrected = draft(&officer, &item, at(2027, 1, 3));
    corrected.effect = "已整改".into();
    let edited = ledger.update_guidance(original.id, &corrected, at(2026, 12, 31)).unwrap();
    assert_eq!(edited.number, original.number);
    assert_eq!(edited.created_at, original.created_at);
    assert_eq!(edited.updated_at, at(2026, 12, 31));

    let ledger = reopen(ledger, &path);
    let reread = ledger.guidance(original.id).unwrap();
    assert_eq!(reread, edited);
    assert_eq!(reread.number.to_string(), "金岭指导书〔2026〕1号");
    // The edit neither used up a 2027 number nor freed the 2026 one.
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2027, 1, 4)), "金岭指导书〔2027〕1号");
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 12, 31)), "金岭指导书〔2026〕2号");

    let missing = ledger.update_guidance(99, &corrected, now());
    assert!(matches!(missing, Err(StoreError::NotFound { id: 99, .. })), "{missing:?}");
}

#[test]
fn restarts_leave_no_duplicate_and_no_gap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let years = [2025, 2026, 2027];
    for round in 0..4u32 {
        let ledger = Ledger::open(&path).unwrap();
        let (officer, item) = match round {
            0 => staff(&ledger),
            _ => (ledger.officers().unwrap()[0].clone(), ledger.catalogue().unwrap()[0].clone()),
        };
        for i in 0..(3 + round) {
            let year = years[((round + i) % 3) as usize];
            create(&ledger, &officer, &item, at(year, 1 + i, 10));
            if i % 2 == 0 {
                ledger.create_letter(&letter_draft(day(year, 2, 1 + i)), now()).unwrap();
            }
        }
        drop(ledger);
    }

    let ledger = Ledger::open(&path).unwrap();
    let snap = ledger.snapshot().unwrap();
    let numbers: Vec<&DocNumber> = snap
        .guidance
        .iter()
        .map(|g| &g.number)
        .chain(snap.letters.iter().map(|l| &l.number))
        .collect();
    assert_eq!(numbers.len(), 18 + 10);
    for year in years {
        let mut seqs: Vec<u32> = numbers.iter().filter(|n| n.year == year).map(|n| n.seq).collect();
        seqs.sort_unstable();
        let expected: Vec<u32> = (1..=u32::try_from(seqs.len()).unwrap()).collect();
        assert_eq!(seqs, expected, "numbers of {year}");
        assert!(!seqs.is_empty());
    }
    for number in numbers {
        assert_eq!(number.prefix, "金岭指导书");
        assert!(ledger.find_number(number).unwrap().is_some(), "{number}");
    }
}

// ---- refused drafts ------------------------------------------------------------------------

fn messages(err: StoreError) -> Vec<(Field, String)> {
    match err {
        StoreError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn an_incomplete_guidance_draft_is_refused_and_uses_no_number() {
    let (_dir, path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);

    let empty = GuidanceDraft::new(at(2026, 3, 1));
    let err = ledger.create_guidance(&empty, now()).unwrap_err();
    assert!(err.to_string().starts_with("内容不完整，未保存："), "{err}");
    let found = messages(err);
    for field in [Field::Place, Field::Officers, Field::SubjectName, Field::Item, Field::Content] {
        let (_, message) = found.iter().find(|(f, _)| *f == field).expect("a message per field");
        assert!(has_chinese(message), "{field:?}: {message}");
    }

    let mut bad_code = draft(&officer, &item, at(2026, 3, 1));
    bad_code.subject.kind = SubjectKind::Enterprise;
    bad_code.subject.credit_code = "91370303MA3C9Y1X2A".into();
    let found = messages(ledger.create_guidance(&bad_code, now()).unwrap_err());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Field::CreditCode);
    assert!(found[0].1.contains("校验位"), "{}", found[0].1);

    let mut no_code = bad_code.clone();
    no_code.subject.credit_code.clear();
    let found = messages(ledger.create_guidance(&no_code, now()).unwrap_err());
    assert_eq!(found[0].1, "企业须填写18位统一社会信用代码");

    let mut bad_phone = draft(&officer, &item, at(2026, 3, 1));
    bad_phone.subject.phone = "打电话".into();
    let found = messages(ledger.create_guidance(&bad_phone, now()).unwrap_err());
    assert_eq!(found[0].0, Field::Phone);

    let bad_letter = OpinionLetterDraft::new(day(2026, 3, 1), "", "");
    let found = messages(ledger.create_letter(&bad_letter, now()).unwrap_err());
    assert!(
        found.iter().any(|(f, m)| *f == Field::Addressee && m == "请填写收件对象"),
        "{found:?}"
    );

    // An edit with a bad draft changes nothing either.
    let saved = create(&ledger, &officer, &item, at(2026, 3, 1));
    assert_eq!(saved.number.to_string(), "金岭指导书〔2026〕1号");
    assert!(matches!(ledger.update_guidance(saved.id, &empty, now()), Err(StoreError::Invalid(_))));
    assert_eq!(ledger.guidance(saved.id).unwrap(), saved);

    let ledger = reopen(ledger, &path);
    let snap = ledger.snapshot().unwrap();
    assert_eq!(snap.guidance, vec![saved]);
    assert!(snap.letters.is_empty());
    assert_eq!(number_of_new(&ledger, &officer, &item, at(2026, 3, 2)), "金岭指导书〔2026〕2号");
}

#[test]
fn invalid_settings_officers_and_items_are_refused_and_nothing_is_written() {
    let (_dir, path, ledger) = new_ledger();

    let bracket = Settings { guidance_prefix: "金岭指导书〔".into(), ..Settings::default() };
    let found = messages(ledger.save_settings(&bracket).unwrap_err());
    assert!(found.iter().all(|(_, m)| has_chinese(m)), "{found:?}");
    let same = Settings {
        letters_share_sequence: false,
        letter_prefix: "金岭指导书".into(),
        ..Settings::default()
    };
    let found = messages(ledger.save_settings(&same).unwrap_err());
    assert_eq!(found[0].0, Field::LetterPrefix);

    let nameless = Officer { active: true, ..Default::default() };
    let found = messages(ledger.save_officer(&nameless).unwrap_err());
    assert_eq!(found, vec![(Field::Name, "请填写姓名".to_string())]);
    let found = messages(ledger.save_item(&CatalogueItem::default()).unwrap_err());
    assert!(found.iter().any(|(f, m)| *f == Field::Basis && m == "请填写指导依据"), "{found:?}");

    let ledger = reopen(ledger, &path);
    let snap = ledger.snapshot().unwrap();
    assert_eq!(snap.settings, Settings::default());
    assert!(snap.officers.is_empty() && snap.catalogue.is_empty());
    // The first officer still gets id 1: the refused one took nothing.
    assert_eq!(add_officer(&ledger, "李四").id, 1);
}

// ---- every record type survives a restart --------------------------------------------------

fn full_settings() -> Settings {
    Settings {
        unit_name: "淄博市某某区𠮷祥镇人民政府".into(),
        guidance_prefix: "𠮷祥指导书".into(),
        letter_prefix: "𠮷祥意见书".into(),
        letters_share_sequence: false,
        default_contact: "䶮司法所".into(),
        default_phone: "0533-7654321".into(),
    }
}

fn full_officer() -> Officer {
    Officer {
        id: 0,
        name: "吉𠮷".into(),
        badge: "鲁执A-0370301".into(),
        station: "安全生产监督管理站".into(),
        phone: "13812345678".into(),
        active: true,
    }
}

fn full_item() -> CatalogueItem {
    CatalogueItem {
        id: 0,
        name: "不罚清单内轻微违法行为劝导".into(),
        domain: "市场监管".into(),
        method: Method::Warning,
        basis: "《中华人民共和国行政处罚法》第三十三条第一款\n《山东省不予处罚清单》第5项".into(),
        applicable_to: "个体工商户、企业".into(),
        implementer: "金岭回族镇市场监督管理所".into(),
        phone: "0533-1234567转8".into(),
        involves_enterprise: true,
        status: ItemStatus::Deactivated,
    }
}

fn full_guidance(officers: Vec<u64>, item: u64) -> GuidanceDraft {
    let mut d = GuidanceDraft::new(
        NaiveDate::from_ymd_opt(2026, 11, 8).unwrap().and_hms_milli_opt(14, 5, 9, 250).unwrap(),
    );
    d.place = "金岭回族镇䶮记食品店门市部（东门）".into();
    d.officers = officers;
    d.subject = Subject {
        kind: SubjectKind::Enterprise,
        name: "淄博𠮷䶮食品有限公司".into(),
        credit_code: with_check_character("91370303MA3C9Y1X2").unwrap(),
        contact: "马𠮷".into(),
        phone: "+86 533-1234567".into(),
        address: "山东省淄博市金岭回族镇中心路1号".into(),
    };
    d.item = Some(item);
    d.method = Method::Warning;
    d.content =
        "一、现场发现过期食品3件；\n二、责令当场下架并签订承诺书。\t“引号”《书名号》".into();
    d.effect = "当场整改，签署承诺书".into();
    d.initiative = Initiative::OnApplication;
    d.form = WrittenForm::Oral;
    d.acceptance = Acceptance::Refused;
    d
}

fn full_letter(guidance: u64) -> OpinionLetterDraft {
    let mut d = OpinionLetterDraft::new(day(2026, 11, 9), "䶮司法所", "0533-7654321");
    d.addressee = "淄博𠮷䶮食品有限公司".into();
    d.problems = "食品贮存不规范，存在过期食品。".into();
    d.opinion = "建立进货查验记录制度，定期清理过期食品。".into();
    d.guidance = Some(guidance);
    d.delivery = Delivery {
        method: "直接送达".into(),
        date: Some(day(2026, 11, 10)),
        signer: "马𠮷".into(),
    };
    d.feedback = "已按意见整改。".into();
    d
}

#[test]
fn every_record_type_round_trips_across_a_restart() {
    let (_dir, path, ledger) = new_ledger();
    ledger.save_settings(&full_settings()).unwrap();
    let officer = ledger.save_officer(&full_officer()).unwrap();
    let second = add_officer(&ledger, "䶮");
    let item = ledger.save_item(&full_item()).unwrap();
    let guidance = ledger
        .create_guidance(&full_guidance(vec![officer.id, second.id], item.id), now())
        .unwrap();
    let letter = ledger.create_letter(&full_letter(guidance.id), now()).unwrap();
    assert_eq!(guidance.number.to_string(), "𠮷祥指导书〔2026〕1号");
    assert_eq!(letter.number.to_string(), "𠮷祥意见书〔2026〕1号");

    let ledger = reopen(ledger, &path);
    let snap = ledger.snapshot().unwrap();
    assert_eq!(snap.settings, full_settings());
    assert_eq!(ledger.settings().unwrap(), full_settings());
    assert_eq!(snap.officers, vec![officer.clone(), second]);
    assert_eq!(ledger.officers().unwrap(), snap.officers);
    assert_eq!(snap.catalogue, vec![item.clone()]);
    assert_eq!(ledger.catalogue().unwrap(), snap.catalogue);
    assert_eq!(snap.guidance, vec![guidance.clone()]);
    assert_eq!(ledger.guidance(guidance.id).unwrap(), guidance);
    assert_eq!(snap.letters, vec![letter.clone()]);
    assert_eq!(ledger.letter(letter.id).unwrap(), letter);
    assert_eq!(snap.guidance[0].details.subject.name, "淄博𠮷䶮食品有限公司");

    // Replacing an officer and an item keeps their ids and survives a restart too.
    let renamed = Officer { station: "综合执法办公室".into(), ..officer };
    let renamed = ledger.save_officer(&renamed).unwrap();
    let reopened_item = CatalogueItem { status: ItemStatus::InForce, ..item };
    let reopened_item = ledger.save_item(&reopened_item).unwrap();
    let ledger = reopen(ledger, &path);
    assert_eq!(ledger.officers().unwrap()[0], renamed);
    assert_eq!(ledger.catalogue().unwrap(), vec![reopened_item]);
    let ghost = Officer { id: 42, ..full_officer() };
    assert!(matches!(ledger.save_officer(&ghost), Err(StoreError::NotFound { id: 42, .. })));
}

#[test]
fn a_new_file_starts_with_the_town_defaults() {
    let (_dir, _path, ledger) = new_ledger();
    let snap = ledger.snapshot().unwrap();
    assert_eq!(snap.settings, Settings::default());
    assert_eq!(snap.settings.unit_name, "金岭回族镇人民政府");
    assert!(snap.officers.is_empty() && snap.guidance.is_empty() && snap.letters.is_empty());
}

// ---- damaged values and files --------------------------------------------------------------

/// A ledger with one guidance record (id 1), closed, at the returned path.
fn closed_ledger_with_one_record() -> (TempDir, PathBuf) {
    let (dir, path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);
    create(&ledger, &officer, &item, at(2026, 3, 1));
    drop(ledger);
    (dir, path)
}

#[test]
fn a_value_that_fails_to_decode_is_an_error_not_a_panic() {
    let (_dir, path) = closed_ledger_with_one_record();
    let mut junk = 1u16.to_le_bytes().to_vec();
    junk.extend(*b"\xFF\xFE\xFDnot a guidance record");
    write_raw_guidance(&path, 1, &junk);

    let ledger = Ledger::open(&path).unwrap();
    let err = ledger.snapshot().unwrap_err();
    assert!(
        matches!(err, StoreError::Decode { id: 1, source: CodecError::Damaged(_), .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.starts_with("记录无法读取（指导记录，编号1）"), "{message}");
    assert!(message.contains("记录内容损坏"), "{message}");
    assert!(matches!(ledger.guidance(1), Err(StoreError::Decode { id: 1, .. })));

    // Bytes too short to hold a version are refused the same way.
    drop(ledger);
    write_raw_guidance(&path, 1, &[7]);
    let ledger = Ledger::open(&path).unwrap();
    let err = ledger.snapshot().unwrap_err();
    assert!(matches!(err, StoreError::Decode { source: CodecError::Truncated(1), .. }), "{err:?}");
    assert!(has_chinese(&err.to_string()));
}

#[test]
fn a_value_of_an_unknown_schema_version_is_an_error() {
    let (_dir, path) = closed_ledger_with_one_record();
    let good = {
        let ledger = Ledger::open(&path).unwrap();
        guidance_ledger::store::encode(&ledger.guidance(1).unwrap()).unwrap()
    };
    let mut future = 99u16.to_le_bytes().to_vec();
    future.extend_from_slice(&good[2..]);
    write_raw_guidance(&path, 1, &future);

    let ledger = Ledger::open(&path).unwrap();
    let err = ledger.snapshot().unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Decode { id: 1, source: CodecError::UnknownVersion { found: 99 }, .. }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("版本号99") && message.contains("新版程序"), "{message}");
}

#[test]
fn a_database_from_a_newer_program_is_refused_on_open() {
    let (_dir, path) = closed_ledger_with_one_record();
    {
        let db = Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META_TABLE).unwrap().insert("schema_version", 99).unwrap();
        txn.commit().unwrap();
    }
    for _ in 0..2 {
        let err = Ledger::open(&path).err().expect("a newer file must not open");
        assert!(matches!(&err, StoreError::TooNew { found: 99, path: p } if *p == path), "{err:?}");
        assert!(err.to_string().contains("更新版本的程序"), "{err}");
    }
}

#[test]
fn garbage_files_are_reported_as_damaged_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(20_260_615);
    for (i, len) in [1usize, 100, 512, 4096, 70_000].into_iter().enumerate() {
        let path = dir.path().join(format!("random{i}.redb"));
        let bytes: Vec<u8> = std::iter::repeat_with(|| rng.u8(..)).take(len).collect();
        std::fs::write(&path, bytes).unwrap();
        assert_damaged(&path);
    }
}

#[test]
fn a_truncated_copy_of_a_real_ledger_is_reported_as_damaged() {
    let (dir, path) = closed_ledger_with_one_record();
    let whole = std::fs::read(&path).unwrap();
    for keep in [whole.len() - 1, whole.len() / 2, 4096, 700, 64, 10] {
        let copy = dir.path().join(format!("cut{keep}.redb"));
        std::fs::write(&copy, &whole[..keep]).unwrap();
        assert_damaged(&copy);
    }
}

/// Opening `path` fails with [`StoreError::Corrupt`] and a Chinese message, without a panic.
fn assert_damaged(path: &Path) {
    match open_and_read(path) {
        Some(Err(err @ StoreError::Corrupt { .. })) => {
            assert!(err.to_string().contains("请从备份恢复"), "{err}");
        }
        other => panic!("{}: expected Corrupt, got {other:?}", path.display()),
    }
}

/// Opens and reads a whole ledger; `None` if that panicked.
fn open_and_read(path: &Path) -> Option<Result<usize, StoreError>> {
    let read = || Ledger::open(path)?.snapshot().map(|s| s.guidance.len());
    std::panic::catch_unwind(read).ok()
}

#[test]
fn a_byte_damaged_on_disk_is_an_error_or_harmless_never_a_panic() {
    let (dir, path) = closed_ledger_with_one_record();
    let whole = std::fs::read(&path).unwrap();
    let (mut refused, mut panicked) = (0, Vec::new());
    for offset in (0..whole.len()).step_by(89) {
        let mut bytes = whole.clone();
        bytes[offset] ^= 0x5A;
        let copy = dir.path().join(format!("flip{offset}.redb"));
        std::fs::write(&copy, &bytes).unwrap();
        match open_and_read(&copy) {
            None => panicked.push(offset),
            Some(Ok(records)) => assert!(records <= 1),
            Some(Err(err)) => {
                assert!(has_chinese(&err.to_string()), "{err}");
                refused += 1;
            }
        }
        std::fs::remove_file(&copy).unwrap();
    }
    assert!(panicked.is_empty(), "a flipped byte at these offsets panicked: {panicked:?}");
    assert!(refused > 0, "no damage was noticed at all");
}

// ---- a second window -----------------------------------------------------------------------

#[test]
fn a_second_open_is_refused_and_the_first_keeps_working() {
    let (_dir, path, first) = new_ledger();
    let (officer, item) = staff(&first);

    let err = Ledger::open(&path).err().expect("the ledger is already open");
    assert!(matches!(&err, StoreError::AlreadyOpen(p) if *p == path), "{err:?}");
    assert!(err.to_string().contains("已在另一个窗口中打开"), "{err}");

    let saved = create(&first, &officer, &item, at(2026, 7, 1));
    first
        .save_officer(&Officer { name: "赵六".into(), active: true, ..Default::default() })
        .unwrap();
    assert_eq!(first.snapshot().unwrap().guidance, vec![saved.clone()]);

    drop(first);
    let second = Ledger::open(&path).unwrap();
    assert_eq!(second.guidance(saved.id).unwrap(), saved);
    assert_eq!(second.officers().unwrap().len(), 2);
}

// ---- officers ------------------------------------------------------------------------------

#[test]
fn an_officer_named_in_a_record_stays_and_can_only_be_deactivated() {
    let (_dir, path, ledger) = new_ledger();
    let (named, item) = staff(&ledger);
    let unnamed = add_officer(&ledger, "孙𠮷");
    let record = create(&ledger, &named, &item, at(2026, 8, 1));
    ledger.void_guidance(record.id, "录入错误", now()).unwrap();

    // Even a voided record still names him.
    let err = ledger.delete_officer(named.id).unwrap_err();
    assert!(matches!(&err, StoreError::OfficerInUse(name) if name == "王建国"), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("王建国") && message.contains("停用"), "{message}");

    ledger.delete_officer(unnamed.id).unwrap();
    assert!(matches!(ledger.delete_officer(unnamed.id), Err(StoreError::NotFound { .. })));

    let retired = Officer { active: false, ..named.clone() };
    ledger.save_officer(&retired).unwrap();

    let ledger = reopen(ledger, &path);
    assert_eq!(ledger.officers().unwrap(), vec![retired]);
    assert_eq!(ledger.guidance(record.id).unwrap().details.officers, vec![named.id]);
}

// ---- finding a printed number --------------------------------------------------------------

#[test]
fn a_record_is_found_by_its_printed_number() {
    let (_dir, path, ledger) = new_ledger();
    let (officer, item) = staff(&ledger);
    create(&ledger, &officer, &item, at(2026, 1, 1));
    let second = create(&ledger, &officer, &item, at(2026, 1, 2));
    let letter = ledger.create_letter(&letter_draft(day(2026, 1, 3)), now()).unwrap();
    let next_year = create(&ledger, &officer, &item, at(2027, 1, 2));

    let ledger = reopen(ledger, &path);
    let find = |text: &str| ledger.find_number(&DocNumber::parse(text).unwrap()).unwrap();
    assert_eq!(find("金岭指导书〔2026〕2号"), Some((DocKind::Guidance, second.id)));
    // A clerk typing the wrong brackets still finds it.
    assert_eq!(find("金岭指导书【2026】2号"), Some((DocKind::Guidance, second.id)));
    assert_eq!(find("金岭指导书〔2026〕3号"), Some((DocKind::Letter, letter.id)));
    assert_eq!(find("金岭指导书〔2027〕1号"), Some((DocKind::Guidance, next_year.id)));
    assert_eq!(find("金岭指导书〔2026〕4号"), None);
    assert_eq!(find("别的镇指导书〔2026〕2号"), None);
}
