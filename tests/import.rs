//! Importing the office's old spreadsheets: registers, catalogues and the no-penalty list,
//! from XLSX and from CSV in UTF-8 and GBK, checked row by row, written all or nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{
    Acceptance, CatalogueItem, DocNumber, GuidanceDraft, ItemStatus, Method, NoPenaltyEntry,
    Officer, Subject, SubjectKind,
};
use guidance_ledger::export::{
    Table, catalogue_table, register_table, to_csv_bytes, to_xlsx_bytes,
};
use guidance_ledger::import::{ImportError, ImportKind, Known, Mapping, Plan, plan, read_bytes};
use guidance_ledger::search::register::build_rows;
use guidance_ledger::store::{Ledger, StoreError};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

fn now() -> NaiveDateTime {
    at(2026, 12, 3, 10, 0)
}

/// A ledger in a temporary folder.
struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Office {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("台账.redb");
        drop(Ledger::open(&db).unwrap());
        Office { dir, db }
    }

    fn ledger(&self) -> Ledger {
        Ledger::open(&self.db).unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Reads `bytes` as `kind` and makes the dry run against `ledger`.
fn dry_run(ledger: &Ledger, kind: ImportKind, bytes: &[u8]) -> Plan {
    let sheet = read_bytes(bytes, "测试表格").unwrap();
    let mapping = Mapping::detect(kind, &sheet).unwrap();
    let snapshot = ledger.snapshot().unwrap();
    plan(&sheet, &mapping, Known::of(&snapshot), now()).unwrap()
}

/// An old register as Excel holds it: a merged title row, an empty row, the header on
/// row 3, then dates as date cells, as serial numbers and as text.
fn register_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let title = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 7, "金岭回族镇行政指导事项登记簿（2025年）", &title).unwrap();
    let headers =
        ["序号", "日期", "文书编号", "行政相对人", "指导事项", "指导方式", "结果", "执法人员"];
    for (c, h) in (0u16..).zip(headers) {
        sheet.write_string(2, c, h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let when = ExcelDateTime::from_ymd(2025, 3, 5).unwrap().and_hms(9, 30, 0).unwrap();
    let rows: [(&str, &str, &str, &str, &str, &str); 3] = [
        (
            "金岭指导书〔2025〕1号",
            "王记饭店",
            "食品经营规范提示",
            "提示提醒",
            "对象接受指导",
            "马国强、李娜",
        ),
        ("金岭指导书〔2025〕2号", "张三", "安全生产主体责任提示", "", "对象拒绝指导", "马国强"),
        ("金岭指导书〔2025〕5号", "好运来超市", "食品经营规范提示", "劝导警示", "已整改", "赵六"),
    ];
    for (r, row) in (3u32..).zip(rows) {
        sheet.write_number(r, 0, f64::from(r - 2)).unwrap();
        sheet.write_string(r, 2, row.0).unwrap();
        sheet.write_string(r, 3, row.1).unwrap();
        sheet.write_string(r, 4, row.2).unwrap();
        sheet.write_string(r, 5, row.3).unwrap();
        sheet.write_string(r, 6, row.4).unwrap();
        sheet.write_string(r, 7, row.5).unwrap();
    }
    sheet.write_datetime_with_format(3, 1, &when, &date).unwrap();
    // 2025-04-01 as a plain serial number, and a date typed as text.
    sheet.write_number(4, 1, 45_748.0).unwrap();
    sheet.write_string(5, 1, "2025年5月20日 14:05").unwrap();
    book.save_to_buffer().unwrap()
}

/// A ledger with one officer and one catalogue item the register names.
fn staffed() -> Office {
    let office = Office::new();
    let ledger = office.ledger();
    let officer = Officer { name: "马国强".into(), active: true, ..Default::default() };
    ledger.save_officer(&officer).unwrap();
    ledger.save_item(&item("食品经营规范提示", Method::Reminder)).unwrap();
    office
}

fn item(name: &str, method: Method) -> CatalogueItem {
    CatalogueItem {
        name: name.into(),
        domain: "市场监管".into(),
        method,
        basis: "《中华人民共和国食品安全法》第三十三条".into(),
        ..Default::default()
    }
}

#[test]
fn an_old_register_in_excel_is_read_below_its_title_with_dates_in_every_form() {
    let office = staffed();
    let ledger = office.ledger();
    let plan = dry_run(&ledger, ImportKind::Register, &register_xlsx());
    assert_eq!((plan.rows_read, plan.good), (3, 3), "{:?}", plan.bad);
    assert_eq!(plan.new_officers, ["李娜", "赵六"]);
    assert_eq!(plan.new_items, ["安全生产主体责任提示"]);
    let lines = plan.report_lines(10).join("\n");
    assert!(lines.contains("将新建：李娜、赵六"), "{lines}");
    assert!(lines.contains("“停用”"), "{lines}");
    assert_eq!(ledger.snapshot().unwrap().guidance.len(), 0, "a dry run writes nothing");

    let counts = guidance_ledger::import::commit(&ledger, &plan, now()).unwrap();
    assert_eq!((counts.guidance, counts.officers, counts.items), (3, 2, 1));
    let snap = ledger.snapshot().unwrap();
    let times: Vec<NaiveDateTime> = snap.guidance.iter().map(|g| g.details.time).collect();
    assert_eq!(times, [at(2025, 3, 5, 9, 30), at(2025, 4, 1, 0, 0), at(2025, 5, 20, 14, 5)]);
    let numbers: Vec<String> = snap.guidance.iter().map(|g| g.number.to_string()).collect();
    assert_eq!(
        numbers,
        ["金岭指导书〔2025〕1号", "金岭指导书〔2025〕2号", "金岭指导书〔2025〕5号"]
    );
    // The method falls back to the item's; the refusal is kept; the effect is kept.
    let second = &snap.guidance[1].details;
    assert_eq!(second.method, Method::Reminder);
    assert_eq!(second.acceptance, Acceptance::Refused);
    assert_eq!(second.subject.kind, SubjectKind::NaturalPerson);
    assert_eq!(snap.guidance[2].details.effect, "已整改");
    assert_eq!(snap.guidance[2].details.subject.kind, SubjectKind::IndividualBusiness);
    let new_item = snap.catalogue.iter().find(|i| i.name == "安全生产主体责任提示").unwrap();
    assert_eq!(new_item.status, ItemStatus::Deactivated);
    let ma = snap.officers.iter().filter(|o| o.name == "马国强").count();
    assert_eq!(ma, 1, "an officer already in the ledger is matched, not added");
}

#[test]
fn new_numbers_continue_after_the_highest_imported() {
    let office = staffed();
    let ledger = office.ledger();
    let plan = dry_run(&ledger, ImportKind::Register, &register_xlsx());
    guidance_ledger::import::commit(&ledger, &plan, now()).unwrap();

    let snap = ledger.snapshot().unwrap();
    let template = &snap.guidance[0].details;
    let draft = GuidanceDraft { time: at(2025, 6, 1, 9, 0), ..template.clone() };
    let next = ledger.create_guidance(&draft, now()).unwrap();
    assert_eq!(next.number.to_string(), "金岭指导书〔2025〕6号");
    let other_year = GuidanceDraft { time: at(2026, 1, 2, 9, 0), ..template.clone() };
    assert_eq!(ledger.create_guidance(&other_year, now()).unwrap().number.seq, 1);
}

#[test]
fn duplicate_numbers_in_the_file_or_the_ledger_are_bad_rows_and_nothing_is_written() {
    let office = staffed();
    let ledger = office.ledger();
    let first = dry_run(&ledger, ImportKind::Register, &register_xlsx());
    guidance_ledger::import::commit(&ledger, &first, now()).unwrap();
    let before = ledger.snapshot().unwrap();

    let csv = "序号,时间,文号,指导对象,指导事项,指导方式,指导结果,指导人员\n\
               1,2025-7-1,金岭指导书〔2025〕2号,甲,食品经营规范提示,,,马国强\n\
               2,2025-7-2,金岭指导书〔2025〕8号,乙,食品经营规范提示,,,马国强\n\
               3,2025-7-3,金岭指导书〔2025〕8号,丙,食品经营规范提示,,,马国强\n\
               4,2025-7-4,金岭指导书〔2025〕9号,丁,新事项,,,新人\n";
    let plan = dry_run(&ledger, ImportKind::Register, csv.as_bytes());
    let bad: Vec<(u32, &str)> = plan.bad.iter().map(|b| (b.row, b.reason.as_str())).collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert_eq!(bad[0].0, 2);
    assert!(bad[0].1.contains("已在台账中"), "{}", bad[0].1);
    assert_eq!(bad[1].0, 4);
    assert!(bad[1].1.contains("与本表第3行重复"), "{}", bad[1].1);
    assert!(!plan.can_commit());

    let refused = guidance_ledger::import::commit(&ledger, &plan, now()).unwrap_err();
    assert!(matches!(refused, ImportError::HasBadRows(2)), "{refused}");
    let after = ledger.snapshot().unwrap();
    assert_eq!(after.guidance, before.guidance);
    assert_eq!(after.officers, before.officers, "the good row's new officer is not written");
    assert_eq!(after.catalogue, before.catalogue);
}

#[test]
fn a_write_that_fails_halfway_leaves_nothing_behind() {
    let office = staffed();
    let ledger = office.ledger();
    let mut plan = dry_run(&ledger, ImportKind::Register, &register_xlsx());
    let before = ledger.snapshot().unwrap();
    // A number given away after the preview: the store refuses it and undoes everything.
    let mut last = plan.write.guidance.last().unwrap().clone();
    last.number = plan.write.guidance[0].number.clone();
    plan.write.guidance.push(last);
    let error = ledger.commit_import(&plan.write, now()).unwrap_err();
    assert!(matches!(error, StoreError::NumberTaken(_)), "{error}");
    let after = ledger.snapshot().unwrap();
    assert_eq!((after.guidance.len(), after.officers.len()), (0, before.officers.len()));
    assert_eq!(after.catalogue.len(), before.catalogue.len());
    let next = DocNumber { prefix: "金岭指导书".into(), year: 2025, seq: 1 };
    assert_eq!(ledger.find_number(&next).unwrap(), None);
}

#[test]
fn bad_rows_are_reported_with_the_row_number_excel_shows_and_a_reason() {
    let office = staffed();
    let ledger = office.ledger();
    let long = "很".repeat(300);
    let csv = format!(
        "金岭回族镇行政指导事项登记簿\n\
         \n\
         序号,时间,文号,指导对象,指导事项,指导方式,指导结果,指导人员\n\
         1,2025-2-30,金岭指导书〔2025〕1号,甲,食品经营规范提示,,,马国强\n\
         2,2025-3-1,金岭指导书2025-2,乙,食品经营规范提示,,,马国强\n\
         3,2025-3-2,金岭指导书〔2025〕3号,{long},食品经营规范提示,,,马国强\n\
         4,2025-3-3,金岭指导书〔2025〕4号,丁,食品经营规范提示,罚款,,马国强\n\
         5,2025-3-4,金岭指导书〔2025〕5号,戊,食品经营规范提示,,,\n\
         6,2025-3-5,金岭指导书〔2025〕6号,己\u{1}己,食品经营规范提示,,,马国强\n\
         7,2025-3-6,金岭指导书〔2025〕7号,庚,食品经营规范提示,,,马国强\n"
    );
    let plan = dry_run(&ledger, ImportKind::Register, csv.as_bytes());
    let rows: Vec<u32> = plan.bad.iter().map(|b| b.row).collect();
    assert_eq!(rows, [4, 5, 6, 7, 8, 9]);
    let reasons: Vec<&str> = plan.bad.iter().map(|b| b.reason.as_str()).collect();
    assert!(reasons[0].contains("无法识别的日期“2025-2-30”"), "{}", reasons[0]);
    assert!(reasons[1].contains("文号“金岭指导书2025-2”无法识别"), "{}", reasons[1]);
    assert!(reasons[2].contains("指导对象名称过长"), "{}", reasons[2]);
    assert!(reasons[3].contains("指导方式“罚款”不是六种方式之一"), "{}", reasons[3]);
    assert!(reasons[4].contains("指导人员为空"), "{}", reasons[4]);
    assert!(reasons[5].contains("控制字符"), "{}", reasons[5]);
    assert_eq!(plan.good, 1);
    let lines = plan.report_lines(10).join("\n");
    assert!(lines.contains("第4行：无法识别的日期"), "{lines}");
}

#[test]
fn a_file_that_is_not_a_spreadsheet_gets_one_clear_message() {
    let junk: Vec<u8> = (0..2000u32).map(|i| u8::try_from(i * 37 % 256).unwrap_or(0)).collect();
    let error = read_bytes(&junk, "照片.jpg").unwrap_err();
    assert!(error.to_string().contains("不是表格文件"), "{error}");
    let mut fake_zip = b"PK\x03\x04".to_vec();
    fake_zip.extend(&junk);
    let error = read_bytes(&fake_zip, "坏.xlsx").unwrap_err();
    assert!(error.to_string().contains("无法读取"), "{error}");
    let sheet = read_bytes("随便写的一段话，没有表头。".as_bytes(), "说明.txt").unwrap();
    let error = Mapping::detect(ImportKind::Register, &sheet).unwrap_err();
    assert!(error.to_string().contains("找不到登记簿的表头"), "{error}");
}

/// The register of a ledger with records of every kind: refused, voided, two officers.
fn ledger_with_records(office: &Office) -> Ledger {
    let ledger = office.ledger();
    let ma = ledger
        .save_officer(&Officer { name: "马国强".into(), active: true, ..Default::default() })
        .unwrap();
    let li = ledger
        .save_officer(&Officer { name: "李娜".into(), active: true, ..Default::default() })
        .unwrap();
    let food = ledger.save_item(&item("食品经营规范提示", Method::Reminder)).unwrap();
    let fire = ledger.save_item(&item("消防安全提示", Method::Warning)).unwrap();
    let draft = |day: u32, name: &str, refused: bool, effect: &str| GuidanceDraft {
        place: "金岭一村".into(),
        officers: if day.is_multiple_of(2) { vec![ma.id, li.id] } else { vec![li.id] },
        subject: Subject {
            kind: SubjectKind::IndividualBusiness,
            name: name.into(),
            ..Default::default()
        },
        item: Some(if day.is_multiple_of(3) { fire.id } else { food.id }),
        method: if day.is_multiple_of(3) { Method::Warning } else { Method::Reminder },
        content: "提醒落实进货查验记录制度".into(),
        effect: effect.into(),
        acceptance: if refused { Acceptance::Refused } else { Acceptance::Accepted },
        ..GuidanceDraft::new(at(2026, 3, day, 9, 5))
    };
    let drafts = [
        draft(1, "王记饭店", false, ""),
        draft(2, "好运来超市", true, ""),
        draft(3, "清真牛肉面馆", true, "已移交执法"),
        draft(4, "张三", false, "已整改到位"),
    ];
    let saved = ledger.create_guidance_batch(&drafts, now()).unwrap();
    ledger.void_guidance(saved[1].id, "对象填错", now()).unwrap();
    ledger
}

/// The register's cells as exported, without 序号.
fn register_cells(ledger: &Ledger) -> Vec<Vec<String>> {
    let snap = ledger.snapshot().unwrap();
    let rows = build_rows(&snap.guidance, &snap.catalogue, &snap.officers);
    let refs: Vec<_> = rows.iter().collect();
    register_table(&refs, "", "").rows.into_iter().map(|r| r[1..].to_vec()).collect()
}

#[test]
fn our_own_register_and_catalogue_exports_import_into_a_fresh_ledger_unchanged() {
    let source = Office::new();
    let ledger = ledger_with_records(&source);
    let snap = ledger.snapshot().unwrap();
    let rows = build_rows(&snap.guidance, &snap.catalogue, &snap.officers);
    let refs: Vec<_> = rows.iter().collect();
    let register = register_table(&refs, "金岭回族镇人民政府", "2026年");
    let catalogue = catalogue_table(&snap.catalogue);

    for (format, to_bytes) in [
        ("xlsx", (|t: &Table| to_xlsx_bytes(t).unwrap()) as fn(&Table) -> Vec<u8>),
        ("csv", |t: &Table| to_csv_bytes(t)),
    ] {
        let target = Office::new();
        let fresh = target.ledger();
        let items = dry_run(&fresh, ImportKind::Catalogue, &to_bytes(&catalogue));
        assert!(items.can_commit(), "{format}: {:?}", items.bad);
        guidance_ledger::import::commit(&fresh, &items, now()).unwrap();
        let plan = dry_run(&fresh, ImportKind::Register, &to_bytes(&register));
        assert!(plan.can_commit(), "{format}: {:?}", plan.bad);
        assert!(plan.new_items.is_empty(), "{format}: items come from the catalogue");
        guidance_ledger::import::commit(&fresh, &plan, now()).unwrap();

        assert_eq!(register_cells(&fresh), register_cells(&ledger), "{format}");
        let copied: Vec<CatalogueItem> =
            fresh.catalogue().unwrap().into_iter().map(|i| CatalogueItem { id: 0, ..i }).collect();
        let original: Vec<CatalogueItem> =
            snap.catalogue.iter().cloned().map(|i| CatalogueItem { id: 0, ..i }).collect();
        assert_eq!(copied, original, "{format}");
    }
}

fn no_penalty_csv() -> String {
    "某县市场监管领域不予处罚清单\n\
     序号,执法领域,违法行为,法律依据,不予处罚条件,实施主体\n\
     1,市场监管,未按规定公示营业执照,《市场主体登记管理条例》第三十六条,首次违法且及时改正,县市场监管局\n\
     ,市场监管,未在显著位置悬挂食品经营许可证,《食品经营许可管理办法》第二十六条,首次违法，及时改正，没有造成危害后果,县市场监管局\n\
     5,生态环境,未按规定设置危险废物识别标志,《固体废物污染环境防治法》第七十七条,\"首次违法；\n改正及时\",县生态环境分局\n"
        .to_owned()
}

#[test]
fn the_no_penalty_list_imports_from_utf8_bom_and_gbk_alike() {
    let text = no_penalty_csv();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut results = Vec::new();
    for bytes in [text.as_bytes().to_vec(), bom, gbk.into_owned()] {
        let office = Office::new();
        let ledger = office.ledger();
        let plan = dry_run(&ledger, ImportKind::NoPenalty, &bytes);
        assert!(plan.can_commit(), "{:?}", plan.bad);
        guidance_ledger::import::commit(&ledger, &plan, now()).unwrap();
        let list: Vec<NoPenaltyEntry> = ledger
            .no_penalty_list()
            .unwrap()
            .into_iter()
            .map(|e| NoPenaltyEntry { id: 0, created_at: now(), updated_at: now(), ..e })
            .collect();
        results.push(list);
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0], results[2]);
    let serials: Vec<u32> = results[0].iter().map(|e| e.serial).collect();
    assert_eq!(serials, [1, 6, 5], "an empty 序号 is numbered after the largest");
    assert_eq!(results[0][2].conditions, "首次违法；\n改正及时");
}

#[test]
fn the_no_penalty_list_imports_from_excel_with_a_title_and_number_cells() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 1, 5, "金岭回族镇轻微违法行为不予处罚清单", &Format::new()).unwrap();
    let headers = ["序号", "执法领域", "违法行为", "法律依据", "不予处罚的条件", "实施主体"];
    for (c, h) in (0u16..).zip(headers) {
        sheet.write_string(2, c, h).unwrap();
    }
    let rows = [
        ("消防", "占用消防车通道", "《消防法》第二十八条", "首次违法，当场改正"),
        ("城乡建设", "擅自占道堆放建材", "《城市道路管理条例》第二十七条", "首次违法，及时清理"),
    ];
    for (r, row) in (3u32..).zip(rows) {
        sheet.write_number(r, 0, f64::from(r + 7)).unwrap();
        sheet.write_string(r, 1, row.0).unwrap();
        sheet.write_string(r, 2, row.1).unwrap();
        sheet.write_string(r, 3, row.2).unwrap();
        sheet.write_string(r, 4, row.3).unwrap();
    }
    let office = Office::new();
    let ledger = office.ledger();
    let plan = dry_run(&ledger, ImportKind::NoPenalty, &book.save_to_buffer().unwrap());
    assert!(plan.can_commit(), "{:?}", plan.bad);
    guidance_ledger::import::commit(&ledger, &plan, now()).unwrap();
    let list = ledger.snapshot().unwrap().no_penalty;
    let serials: Vec<u32> = list.iter().map(|e| e.serial).collect();
    assert_eq!(serials, [10, 11]);
    assert_eq!(list[1].conditions, "首次违法，及时清理");
    assert_eq!(list[0].created_at, now());

    // A second import of the same list: every 序号 is taken, nothing is added.
    let again = dry_run(&ledger, ImportKind::NoPenalty, &book.save_to_buffer().unwrap());
    let rows: Vec<u32> = again.bad.iter().map(|b| b.row).collect();
    assert_eq!(rows, [4, 5]);
    assert!(again.bad[0].reason.contains("序号10已在不罚清单中"), "{}", again.bad[0].reason);
}

#[test]
fn a_no_penalty_entry_is_saved_edited_and_kept_with_its_first_save_time() {
    let office = Office::new();
    let ledger = office.ledger();
    let entry = NoPenaltyEntry {
        serial: 1,
        domain: "市场监管".into(),
        violation: "未按规定公示营业执照".into(),
        basis: "《市场主体登记管理条例》第三十六条".into(),
        conditions: "首次违法且及时改正".into(),
        ..Default::default()
    };
    let saved = ledger.save_no_penalty(&entry, at(2026, 1, 5, 9, 0)).unwrap();
    assert_eq!(saved.id, 1);
    let edited = NoPenaltyEntry { implementer: "市场监管所".into(), ..saved.clone() };
    let edited = ledger.save_no_penalty(&edited, at(2026, 2, 1, 9, 0)).unwrap();
    assert_eq!(edited.created_at, at(2026, 1, 5, 9, 0));
    assert_eq!(edited.updated_at, at(2026, 2, 1, 9, 0));
    assert_eq!(ledger.snapshot().unwrap().no_penalty, std::slice::from_ref(&edited));

    let invalid = NoPenaltyEntry { violation: String::new(), ..edited.clone() };
    let error = ledger.save_no_penalty(&invalid, now()).unwrap_err();
    assert!(error.to_string().contains("请填写违法行为"), "{error}");
    let missing = NoPenaltyEntry { id: 99, ..edited };
    assert!(matches!(ledger.save_no_penalty(&missing, now()), Err(StoreError::NotFound { .. })));
    drop(ledger);
    let read_only = Ledger::open_read_only(&office.db).unwrap();
    assert!(matches!(read_only.save_no_penalty(&entry, now()), Err(StoreError::ReadOnly(_))));
}

#[test]
fn catalogues_in_gbk_and_xlsx_read_the_same_and_bad_values_are_named() {
    let csv = "序号,事项名称,所属领域,指导方式,指导依据,适用对象,实施主体,咨询电话,是否涉企,状态\n\
               1,燃气安全提示,安全生产,提示提醒,《城镇燃气管理条例》,餐饮单位,安监站,0533-1234567,是,有效\n\
               2,秸秆禁烧劝导,生态环境,劝导警示,《大气污染防治法》第七十七条,农户,环保所,,否,停用\n\
               3,燃气安全提示,安全生产,提示提醒,重复的,,,,是,有效\n\
               4,乱写的事项,安全生产,罚款,依据,,,123,也许,作废\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let office = Office::new();
    let ledger = office.ledger();
    let plan = dry_run(&ledger, ImportKind::Catalogue, &gbk);
    assert_eq!(plan.good, 2);
    let bad: Vec<u32> = plan.bad.iter().map(|b| b.row).collect();
    assert_eq!(bad, [4, 5]);
    assert!(plan.bad[0].reason.contains("与本表第2行重复"));
    let reason = &plan.bad[1].reason;
    for part in ["指导方式“罚款”", "是否涉企", "状态应写", "电话号码"] {
        assert!(reason.contains(part), "{reason}");
    }
    let items = &plan.write.items;
    assert_eq!(items[1].status, ItemStatus::Deactivated);
    assert!(!items[1].involves_enterprise);
}

#[test]
fn a_read_only_ledger_refuses_an_import_with_its_own_message() {
    let office = staffed();
    let plan = dry_run(&office.ledger(), ImportKind::Register, &register_xlsx());
    let read_only = Ledger::open_read_only(&office.db).unwrap();
    let error = guidance_ledger::import::commit(&read_only, &plan, now()).unwrap_err();
    assert!(matches!(error, ImportError::Store(StoreError::ReadOnly(_))), "{error}");
}

#[test]
fn hostile_input_never_panics() {
    let office = staffed();
    let ledger = office.ledger();
    let snapshot = ledger.snapshot().unwrap();
    let mut rng = fastrand::Rng::with_seed(20_261_203);
    let register_csv = "序号,时间,文号,指导对象,指导事项,指导方式,指导结果,指导人员\n\
                        1,2025-7-1,金岭指导书〔2025〕2号,甲,食品经营规范提示,提示提醒,,马国强\n";
    let valid: Vec<Vec<u8>> = vec![
        register_xlsx(),
        register_csv.as_bytes().to_vec(),
        no_penalty_csv().into_bytes(),
        encoding_rs::GBK.encode(&no_penalty_csv()).0.into_owned(),
    ];
    let mut read = 0;
    for round in 0..3000 {
        let bytes: Vec<u8> = if round % 3 == 0 {
            let len = rng.usize(0..600);
            (0..len).map(|_| rng.u8(..)).collect()
        } else {
            let mut bytes = valid[rng.usize(..valid.len())].clone();
            for _ in 0..rng.usize(1..8) {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.usize(..bytes.len());
                match rng.u8(..3) {
                    0 => bytes[at] = rng.u8(..),
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.truncate(at),
                }
            }
            bytes
        };
        let Ok(sheet) = read_bytes(&bytes, "fuzz") else { continue };
        for kind in ImportKind::ALL {
            if let Ok(mapping) = Mapping::detect(kind, &sheet) {
                let _ = plan(&sheet, &mapping, Known::of(&snapshot), now());
                read += 1;
            }
        }
    }
    assert!(read > 100, "the mutated files should mostly still read: {read}");
}

// --- The command line -------------------------------------------------------------------

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidance-ledger"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_cli_dry_runs_by_default_and_leaves_the_file_untouched() {
    let office = staffed();
    let file = office.file("登记簿.xlsx", &register_xlsx());
    let before = std::fs::read(&office.db).unwrap();
    let output = run(&["import", "register", "--db", text(&office.db), "--from", text(&file)]);
    assert!(output.status.success(), "{}", err(&output));
    let said = out(&output);
    for part in ["表头在第3行", "可导入3行", "将新建：李娜、赵六", "试运行", "--commit"]
    {
        assert!(said.contains(part), "{said}");
    }
    assert_eq!(std::fs::read(&office.db).unwrap(), before, "a dry run changes no byte");

    let output =
        run(&["import", "register", "--db", text(&office.db), "--from", text(&file), "--commit"]);
    assert!(output.status.success(), "{}", err(&output));
    assert!(out(&output).contains("已导入：指导记录3"), "{}", out(&output));
    assert_eq!(office.ledger().snapshot().unwrap().guidance.len(), 3);
}

#[test]
fn the_cli_refuses_a_commit_with_bad_rows_and_writes_nothing() {
    let office = staffed();
    let csv = "时间,文号,指导对象,指导事项,指导人员\n\
               2025-3-1,金岭指导书〔2025〕1号,甲,食品经营规范提示,马国强\n\
               昨天,金岭指导书〔2025〕2号,乙,食品经营规范提示,马国强\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let file = office.file("旧登记簿.csv", &gbk);
    let output =
        run(&["import", "register", "--db", text(&office.db), "--from", text(&file), "--commit"]);
    assert!(!output.status.success());
    assert!(out(&output).contains("第3行：无法识别的日期“昨天”"), "{}", out(&output));
    assert!(err(&output).contains("整个文件都没有导入"), "{}", err(&output));
    assert!(office.ledger().snapshot().unwrap().guidance.is_empty());

    let junk = office.file("照片.csv", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46]);
    let output = run(&["import", "catalogue", "--db", text(&office.db), "--from", text(&junk)]);
    assert!(!output.status.success());
    assert!(err(&output).contains("不是表格文件"), "{}", err(&output));
    let output = run(&["import", "letters", "--db", text(&office.db), "--from", text(&junk)]);
    assert!(err(&output).contains("no-penalty"), "{}", err(&output));
}

// --- The window -------------------------------------------------------------------------

mod window {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use guidance_ledger::ui::{LedgerApp, Picker, setup_context};

    use eframe::egui;

    use super::{Office, staffed};

    fn open(office: &Office) -> Harness<'static, LedgerApp> {
        let app = LedgerApp::new(office.ledger(), Picker::Never)
            .unwrap()
            .with_actor(guidance_ledger::domain::Actor::Reviewer { name: "李明".into() });
        let mut harness = Harness::builder()
            .with_size([1400.0, 1000.0])
            .with_max_steps(32)
            .with_step_dt(1.0 / 30.0)
            .with_context_setup(setup_context)
            .build_ui_state(|ui, app: &mut LedgerApp| app.ui(ui), app);
        harness.run_steps(3);
        harness
    }

    fn click(harness: &mut Harness<'_, LedgerApp>, label: &str) {
        harness.get_by_label(label).scroll_to_me();
        harness.run_steps(2);
        harness.get_by_label(label).click();
        harness.run_steps(4);
    }

    /// Steps until a label containing `text` shows; reading runs on its own thread.
    fn wait_for(harness: &mut Harness<'_, LedgerApp>, text: &str) {
        for _ in 0..500 {
            harness.run_steps(1);
            if harness.query_by_label_contains(text).is_some() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("窗口中没有出现“{text}”");
    }

    fn status(harness: &Harness<'_, LedgerApp>) -> String {
        harness.state().status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    #[test]
    fn a_csv_typed_into_the_import_window_is_previewed_confirmed_and_registered() {
        let office = staffed();
        let csv = "金岭回族镇行政指导事项登记簿（旧）\n\
                   序号,日期,文号,指导对象,指导事项,指导人员\n\
                   1,2025年3月5日,金岭指导书〔2025〕1号,王记饭店,食品经营规范提示,马国强\n\
                   2,2025/3/9,金岭指导书〔2025〕2号,好运来超市,食品经营规范提示,马国强\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(csv);
        let file = office.file("旧登记簿.csv", &gbk);
        let mut harness = open(&office);

        click(&mut harness, "设置");
        click(&mut harness, "导入登记簿…");
        let path = file.to_string_lossy().into_owned();
        let field = || harness.query_by_role_and_label(Role::TextInput, "文件路径");
        assert!(field().is_some(), "the window has a path field");
        harness.get_by_role_and_label(Role::TextInput, "文件路径").click();
        harness.run_steps(2);
        harness.get_by_role_and_label(Role::TextInput, "文件路径").type_text(&path);
        harness.run_steps(2);
        click(&mut harness, "读取");
        wait_for(&mut harness, "可导入2行");
        harness.get_by_label_contains("CSV文本（GBK 编码），表头在第2行");
        harness.get_by_label("好运来超市");
        assert!(harness.state().data.guidance.is_empty(), "nothing is written before confirming");

        click(&mut harness, "确认导入");
        assert!(status(&harness).starts_with("已导入：指导记录2份"), "{}", status(&harness));
        assert_eq!(harness.state().data.guidance.len(), 2);
        click(&mut harness, "登记簿");
        harness.get_by_label("王记饭店");
        harness.get_by_label("金岭指导书〔2025〕2号");
    }

    #[test]
    fn a_no_penalty_entry_is_added_by_hand_and_listed() {
        let office = staffed();
        let mut harness = open(&office);
        click(&mut harness, "不罚清单");
        harness.get_by_label_contains("不罚清单还是空的");
        click(&mut harness, "＋ 新增条目");
        for (label, text) in [
            ("执法领域", "市场监管"),
            ("违法行为", "未按规定公示营业执照"),
            ("法律依据", "《市场主体登记管理条例》第三十六条"),
            ("不予处罚条件", "首次违法且及时改正"),
        ] {
            let node = harness
                .query_by_role_and_label(Role::TextInput, label)
                .or_else(|| harness.query_by_role_and_label(Role::MultilineTextInput, label))
                .unwrap_or_else(|| panic!("没有名为“{label}”的输入框"));
            node.click();
            harness.run_steps(2);
            let node = harness
                .query_by_role_and_label(Role::TextInput, label)
                .or_else(|| harness.query_by_role_and_label(Role::MultilineTextInput, label))
                .unwrap();
            node.type_text(text);
            harness.run_steps(2);
        }
        click(&mut harness, "保存条目");
        assert_eq!(status(&harness), "已保存不罚清单第1项");
        harness.get_by_label("未按规定公示营业执照");
        drop(harness);
        let list = office.ledger().no_penalty_list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].domain, "市场监管");
    }
}

#[test]
fn a_dry_run_on_a_ledger_not_yet_made_creates_no_file_and_a_commit_makes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("新台账.redb");
    let file = dir.path().join("不罚清单.csv");
    std::fs::write(&file, no_penalty_csv()).unwrap();
    let output = run(&["import", "no-penalty", "--db", text(&db), "--from", text(&file)]);
    assert!(output.status.success(), "{}", err(&output));
    assert!(out(&output).contains("将新增不罚清单条目3项"), "{}", out(&output));
    assert!(!db.exists(), "a dry run makes no ledger");

    let output =
        run(&["import", "no-penalty", "--db", text(&db), "--from", text(&file), "--commit"]);
    assert!(output.status.success(), "{}", err(&output));
    assert!(out(&output).contains("已导入：不罚清单条目3"), "{}", out(&output));
    assert_eq!(Ledger::open(&db).unwrap().no_penalty_list().unwrap().len(), 3);

    let help = run(&["import", "--help"]);
    let said = out(&help);
    assert!(said.contains("试运行") && said.contains("--commit"), "{said}");
}
