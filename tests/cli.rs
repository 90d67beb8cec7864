//! The real binary run on temporary ledgers, as a scheduled job or a clerk at a prompt would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Reader, Xlsx, open_workbook};
use chrono::Datelike;
use guidance_ledger::domain::SubjectKind;
use guidance_ledger::store::{Ledger, Snapshot};

/// Runs the program with `args` and returns what it did.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidance-ledger"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn text(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// A ledger filled by `demo --records 300` in a temporary folder.
struct DemoLedger {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl DemoLedger {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("演示台账.redb");
        let output = run(&["demo", "--db", text(&db), "--records", "300", "--seed", "11"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stderr(&output).contains("已生成 300/300 条"), "{}", stderr(&output));
        assert!(stdout(&output).contains("指导记录300份"), "{}", stdout(&output));
        DemoLedger { dir, db }
    }

    /// Reads the ledger in this process; the handle is closed again before returning.
    fn snapshot(&self) -> Snapshot {
        Ledger::open(&self.db).unwrap().snapshot().unwrap()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `export` and returns the number of rows it reports.
    fn export(&self, args: &[&str]) -> usize {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        all.extend(["--db", text(&self.db)]);
        let output = run(&all);
        assert!(output.status.success(), "{}", stderr(&output));
        let said = stdout(&output);
        let count = said.strip_prefix("已导出 ").and_then(|rest| rest.split(' ').next());
        count.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("unexpected output: {said}"))
    }
}

fn csv_rows(path: &Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().map(Result::unwrap).count()
}

/// Data rows of the first sheet, below the title and the header.
fn xlsx_rows(path: &Path) -> usize {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    range.height() - 2
}

#[test]
fn demo_fills_a_new_ledger_and_refuses_one_with_data() {
    let demo = DemoLedger::new();
    let s = demo.snapshot();
    assert_eq!(s.guidance.len(), 300);
    assert!(!s.letters.is_empty() && !s.officers.is_empty() && !s.catalogue.is_empty());

    let again = run(&["demo", "--db", text(&demo.db), "--records", "10"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("错误：") && stderr(&again).contains("已有数据"));
    assert_eq!(demo.snapshot().guidance.len(), 300, "nothing was added");
}

#[test]
fn register_exports_to_csv_and_xlsx_and_filters_by_year() {
    let demo = DemoLedger::new();
    let s = demo.snapshot();
    let year = s.guidance[s.guidance.len() / 2].details.time.year();
    let in_year = s.guidance.iter().filter(|g| g.details.time.year() == year).count();
    assert!(in_year > 0 && in_year < 300);
    let year_text = year.to_string();

    let all = demo.out("登记簿.csv");
    assert_eq!(demo.export(&["register", "--format", "csv", "--out", text(&all)]), 300);
    assert_eq!(csv_rows(&all), 300);

    let csv = demo.out("登记簿年.csv");
    let args = ["register", "--format", "csv", "--out", text(&csv), "--year", &year_text];
    assert_eq!(demo.export(&args), in_year);
    assert_eq!(csv_rows(&csv), in_year);

    let xlsx = demo.out("登记簿.xlsx");
    let args = ["register", "--format", "xlsx", "--out", text(&xlsx), "--year", &year_text];
    assert_eq!(demo.export(&args), in_year);
    assert_eq!(xlsx_rows(&xlsx), in_year);
}

#[test]
fn catalogue_and_letters_export_every_row() {
    let demo = DemoLedger::new();
    let s = demo.snapshot();

    let catalogue = demo.out("目录.xlsx");
    assert_eq!(demo.export(&["catalogue", "--out", text(&catalogue)]), s.catalogue.len());
    assert_eq!(xlsx_rows(&catalogue), s.catalogue.len());

    let letters = demo.out("意见书.csv");
    assert_eq!(
        demo.export(&["letters", "--format", "csv", "--out", text(&letters)]),
        s.letters.len()
    );
    assert_eq!(csv_rows(&letters), s.letters.len());

    let year = s.letters[0].details.date.year();
    let in_year = s.letters.iter().filter(|l| l.details.date.year() == year).count();
    let letters_year = demo.out("意见书年.xlsx");
    let args = ["letters", "--out", text(&letters_year), "--year", &year.to_string()];
    assert_eq!(demo.export(&args), in_year);
    assert_eq!(xlsx_rows(&letters_year), in_year);
}

#[test]
fn search_finds_a_subject_of_the_generated_data() {
    let demo = DemoLedger::new();
    let s = demo.snapshot();
    let subject = s
        .guidance
        .iter()
        .map(|g| &g.details.subject)
        .find(|subject| subject.kind == SubjectKind::Enterprise)
        .expect("the demo has enterprises");
    let guided = s.guidance.iter().filter(|g| g.details.subject.name == subject.name).count();

    let output = run(&["search", "--db", text(&demo.db), &subject.name]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    let lines: Vec<&str> = said.lines().collect();
    assert!(lines[0].starts_with("序号\t时间\t文号\t指导对象"), "{said}");
    let register = lines.iter().take_while(|l| !l.is_empty() && !l.starts_with("共 "));
    let rows = register.filter(|l| l.split('\t').nth(3) == Some(subject.name.as_str()));
    assert_eq!(rows.count(), guided, "{said}");
    let count = lines.last().unwrap();
    assert!(count.starts_with("共 ") && count.contains(&format!("指导记录 {guided} 条")), "{said}");

    let nothing = run(&["search", "--db", text(&demo.db), "查无此字样"]);
    assert!(nothing.status.success());
    assert_eq!(stdout(&nothing).trim(), "共 0 条（指导记录 0 条，意见书 0 条）");
}

#[test]
fn bad_arguments_fail_with_a_chinese_message() {
    let demo = DemoLedger::new();
    let out = demo.out("登记簿.doc");

    let output = run(&[
        "export",
        "register",
        "--format",
        "doc",
        "--out",
        text(&out),
        "--db",
        text(&demo.db),
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("错误：不支持的导出格式“doc”"), "{}", stderr(&output));
    assert!(!out.exists());

    let csv = demo.out("登记簿.csv");
    let output =
        run(&["export", "register", "--out", text(&csv), "--year", "25", "--db", text(&demo.db)]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("年份“25”无效"), "{}", stderr(&output));
    assert!(!csv.exists());
}

#[test]
fn export_from_a_missing_ledger_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("没有这个台账.redb");
    let out = dir.path().join("登记簿.csv");

    let output = run(&["export", "register", "--out", text(&out), "--db", text(&db)]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("找不到台账数据库"), "{}", stderr(&output));
    assert!(!db.exists() && !out.exists());

    let output = run(&["search", "--db", text(&db), "金岭"]);
    assert!(!output.status.success());
    assert!(!db.exists());
}

#[test]
fn a_ledger_open_in_another_window_is_read_from_a_checked_copy() {
    let demo = DemoLedger::new();
    let window = Ledger::open(&demo.db).unwrap();
    let expected = window.snapshot().unwrap().guidance.len();
    let before = std::fs::read(&demo.db).unwrap();

    let out = demo.out("登记簿.csv");
    let output = run(&["export", "register", "--out", text(&out), "--db", text(&demo.db)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows = csv::Reader::from_path(&out).unwrap().records().count();
    assert_eq!(rows, expected);
    let output = run(&["search", "--db", text(&demo.db), "金岭"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read(&demo.db).unwrap(), before, "the open file is only read");

    // The window goes on saving.
    let mut settings = window.settings().unwrap();
    settings.default_phone = "0533-7654321".into();
    window.save_settings(&settings).unwrap();
}

#[test]
fn a_document_and_the_register_are_exported_as_pdf_and_word() {
    let demo = DemoLedger::new();
    let snapshot = demo.snapshot();
    let record = snapshot.guidance.iter().find(|g| g.voided.is_none()).unwrap();
    let number = record.number.to_string();

    let pdf = demo.out("文书.pdf");
    let output = run(&[
        "export",
        "document",
        "--number",
        &number,
        "--out",
        text(&pdf),
        "--db",
        text(&demo.db),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("已导出到"), "{}", stdout(&output));
    let doc = lopdf::Document::load(&pdf).unwrap();
    assert_eq!(doc.get_pages().len(), 1);

    let docx = demo.out("文书.docx");
    let output = run(&[
        "export",
        "document",
        "--number",
        &number,
        "--format",
        "docx",
        "--out",
        text(&docx),
        "--db",
        text(&demo.db),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(body.contains(&record.details.place), "the record's place is in the Word file");

    let year = record.number.year.to_string();
    let register = demo.out("登记簿.pdf");
    let output = run(&[
        "export",
        "register",
        "--year",
        &year,
        "--out",
        text(&register),
        "--db",
        text(&demo.db),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = lopdf::Document::load(&register).unwrap();
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
    let width = media[2].as_float().unwrap();
    assert!((width - 841.9).abs() < 1.0, "landscape A4: {width}");

    let missing = demo.out("无.pdf");
    let output = run(&[
        "export",
        "document",
        "--number",
        "金岭指导书〔1999〕1号",
        "--out",
        text(&missing),
        "--db",
        text(&demo.db),
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("没有文号为“金岭指导书〔1999〕1号”"), "{}", stderr(&output));
    assert!(!missing.exists());
}

#[test]
fn the_catalogue_goes_to_the_platform_in_the_columns_chosen_in_the_window() {
    use guidance_ledger::export::platform::{PLATFORM_LAYOUT_KEY, PlatformColumn, PlatformLayout};
    use guidance_ledger::search::data::LedgerData;

    let demo = DemoLedger::new();
    let in_force: Vec<String> = {
        let ledger = Ledger::open(&demo.db).unwrap();
        let data = LedgerData::load(&ledger).unwrap();
        data.catalogue.iter().filter(|i| data.item_in_force(i)).map(|i| i.name.clone()).collect()
    };
    assert!(!in_force.is_empty() && in_force.len() < demo.snapshot().catalogue.len());

    let first = demo.out("涉企平台.xlsx");
    assert_eq!(demo.export(&["platform", "--out", text(&first)]), in_force.len());
    assert_eq!(xlsx_rows(&first), in_force.len());

    // The office's template: 事项名称 first as 指导事项, 备案号 and ISO dates, nothing else.
    let mut layout = PlatformLayout {
        dates: guidance_ledger::export::platform::DateStyle::Iso,
        ..PlatformLayout::default()
    };
    for field in &mut layout.fields {
        field.include = matches!(
            field.column,
            PlatformColumn::Name | PlatformColumn::FilingNumber | PlatformColumn::PublishedOn
        );
    }
    layout.fields[1].header = "指导事项".into();
    layout.shift(1, -1);
    Ledger::open(&demo.db).unwrap().set_preference(PLATFORM_LAYOUT_KEY, &layout.to_text()).unwrap();
    let csv_path = demo.out("涉企平台.csv");
    assert_eq!(demo.export(&["platform", "--out", text(&csv_path)]), in_force.len());
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap());
    assert_eq!(reader.headers().unwrap(), vec!["指导事项", "备案号", "公布日期"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(names, in_force);
    for row in &rows {
        let published = &row[2];
        assert!(
            published.is_empty()
                || chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").is_ok(),
            "{published}"
        );
    }
    assert!(
        rows.iter().any(|r| r[1].contains("备") && !r[2].is_empty()),
        "reviewed items carry their filing"
    );

    // Two columns under one name: refused with the way out, and no file.
    layout.fields[2].include = true;
    layout.fields[2].header = "指导事项".into();
    Ledger::open(&demo.db).unwrap().set_preference(PLATFORM_LAYOUT_KEY, &layout.to_text()).unwrap();
    let refused = demo.out("不应写出.csv");
    let output = run(&["export", "platform", "--out", text(&refused), "--db", text(&demo.db)]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("列名都是“指导事项”"), "{}", stderr(&output));
    assert!(stderr(&output).contains("导出到涉企平台"), "{}", stderr(&output));
    assert!(!refused.exists());
}
