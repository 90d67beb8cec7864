//! Exports written to real files and read back with real parsers: `csv` and calamine.

use std::fs;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::register::REGISTER_HEADERS;
use guidance_ledger::domain::{
    Acceptance, CatalogueItem, DocNumber, Guidance, GuidanceDraft, Method, Officer, RegisterFilter,
    RegisterSort,
};
use guidance_ledger::export::{
    ExportError, Format, ListKind, Table, default_file_name, register_table, to_csv_bytes,
    write_atomically, write_table,
};
use guidance_ledger::search::SearchIndex;
use guidance_ledger::search::register::{build_rows, view};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The header row and the data rows of a file read back.
type ReadBack<T> = (Vec<String>, Vec<Vec<T>>);

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(hour, 30, 0))
        .unwrap_or_default()
}

fn guidance(seq: u32, subject: &str, effect: &str, time: NaiveDateTime) -> Guidance {
    let mut details = GuidanceDraft::new(time);
    details.subject.name = subject.into();
    details.place = "金岭回族镇中心街".into();
    details.content = "提醒规范明码标价，张贴价目表".into();
    details.effect = effect.into();
    details.officers = vec![1, 2];
    details.item = Some(1);
    details.method = Method::Reminder;
    Guidance {
        id: u64::from(seq),
        number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq },
        details,
        voided: None,
        created_at: time,
        updated_at: time,
    }
}

fn catalogue() -> Vec<CatalogueItem> {
    vec![CatalogueItem { id: 1, name: "价格行为规范指导".into(), ..Default::default() }]
}

fn officers() -> Vec<Officer> {
    vec![
        Officer { id: 1, name: "马国强".into(), active: true, ..Default::default() },
        Officer { id: 2, name: "李娜".into(), active: true, ..Default::default() },
    ]
}

/// The register of 2026 as the clerk sees it, sorted by time, as an export table.
fn register_of(records: &[Guidance]) -> Table {
    let rows = build_rows(records, &catalogue(), &officers());
    let filter = RegisterFilter { year: Some(2026), ..Default::default() };
    let index = SearchIndex::build(records, &[], &officers(), &catalogue());
    let positions = view(&rows, &filter, RegisterSort::default(), &index);
    let shown: Vec<_> = positions.iter().map(|&i| &rows[i]).collect();
    register_table(&shown, "金岭回族镇人民政府", &filter.period_label())
}

/// Three records entered out of order; one result looks like a formula, one has a comma.
fn small_register() -> Table {
    let mut refused = guidance(3, "淄博ABC机械有限公司", "已整改，消防通道畅通", at(3, 9, 14));
    refused.details.acceptance = Acceptance::Refused;
    register_of(&[
        guidance(2, "某某食品店", "=1+2", at(2, 1, 9)),
        refused,
        guidance(1, "张三（个体户）", "价格公示，已张贴, 对象满意\n次日回访", at(1, 15, 10)),
    ])
}

/// Reads a CSV export, checking its byte-order mark.
fn read_csv(path: &Path) -> TestResult<ReadBack<String>> {
    let bytes = fs::read(path)?;
    assert!(bytes.starts_with(BOM), "CSV must start with a UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let headers = reader.headers()?.iter().map(str::to_owned).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record?.iter().map(str::to_owned).collect());
    }
    Ok((headers, rows))
}

/// Reads the register sheet, checking its title, merged title cell, print titles and that
/// no cell is a formula.
fn read_xlsx(path: &Path) -> TestResult<ReadBack<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path)?;
    assert_eq!(workbook.sheet_names(), ["登记簿"]);
    let merged = workbook.merge_cells_by_sheet_name("登记簿")?;
    assert_eq!(merged.len(), 1, "the title is merged across the columns");
    assert_eq!((merged[0].start, merged[0].end.0), ((0, 0), 0));
    let print_titles = workbook.defined_names().iter().find(|(n, _)| n == "_xlnm.Print_Titles");
    assert_eq!(print_titles.map(|(_, r)| r.as_str()), Some("登记簿!$2:$2"));
    let formulas = workbook.worksheet_formula("登记簿")?;
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell may be a formula");
    let range = workbook.worksheet_range("登记簿")?;
    let mut rows = range.rows();
    let title = rows.next().map(|r| r[0].clone());
    assert_eq!(title, Some(Data::String("金岭回族镇人民政府行政指导事项登记簿（2026年）".into())));
    let headers = rows.next().map(|r| r.iter().map(ToString::to_string).collect());
    Ok((headers.unwrap_or_default(), rows.map(<[Data]>::to_vec).collect()))
}

#[test]
fn csv_reads_back_with_headers_rows_and_guarded_formulas() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(default_file_name(ListKind::Register, Format::Csv, 2026));
    write_table(&small_register(), Format::Csv, &path)?;

    let (headers, rows) = read_csv(&path)?;
    assert_eq!(headers, REGISTER_HEADERS);
    assert_eq!(rows.len(), 3);
    let column = |name: &str| REGISTER_HEADERS.iter().position(|h| *h == name).unwrap_or(99);
    let subjects: Vec<&str> = rows.iter().map(|r| r[column("指导对象")].as_str()).collect();
    assert_eq!(subjects, ["张三（个体户）", "某某食品店", "淄博ABC机械有限公司"]);
    assert_eq!(rows[0][column("序号")], "1");
    assert_eq!(rows[2][column("序号")], "3");
    assert_eq!(rows[0][column("时间")], "2026年1月15日 10:30");
    assert_eq!(rows[0][column("文号")], "金岭指导书〔2026〕1号");
    assert_eq!(rows[0][column("指导结果")], "价格公示，已张贴, 对象满意\n次日回访");
    assert_eq!(rows[1][column("指导结果")], "'=1+2");
    assert_eq!(rows[2][column("指导结果")], "对象拒绝指导；已整改，消防通道畅通");
    assert_eq!(rows[0][column("指导人员")], "马国强、李娜");
    assert_eq!(rows[0][column("指导方式")], "提示提醒");

    assert_eq!(fs::read(&path)?, to_csv_bytes(&small_register()));
    Ok(())
}

#[test]
fn xlsx_reads_back_with_headers_rows_and_formulas_as_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(default_file_name(ListKind::Register, Format::Xlsx, 2026));
    write_table(&small_register(), Format::Xlsx, &path)?;

    let (headers, rows) = read_xlsx(&path)?;
    assert_eq!(headers, REGISTER_HEADERS);
    assert_eq!(rows.len(), 3);
    let text = |row: usize, col: usize| match &rows[row][col] {
        Data::String(s) => s.clone(),
        other => format!("not a string: {other:?}"),
    };
    assert_eq!(text(0, 0), "1");
    assert_eq!(text(0, 3), "张三（个体户）");
    assert_eq!(text(1, 3), "某某食品店");
    assert_eq!(text(1, 6), "=1+2", "a formula-like result stays a plain string");
    assert_eq!(text(2, 2), "金岭指导书〔2026〕3号");
    assert_eq!(text(0, 6), "价格公示，已张贴, 对象满意\n次日回访");
    Ok(())
}

#[test]
fn ten_thousand_rows_round_trip_in_both_formats() -> TestResult {
    let records: Vec<Guidance> = (1..=10_000u32)
        .map(|seq| {
            let time = at(1 + seq % 12, 1 + seq % 28, 8 + seq % 9);
            guidance(seq, &format!("第{seq}号商户"), &format!("已整改{seq}"), time)
        })
        .collect();
    let table = register_of(&records);
    assert_eq!(table.rows.len(), 10_000);
    let dir = tempfile::tempdir()?;

    let csv_path = dir.path().join("登记簿.csv");
    write_table(&table, Format::Csv, &csv_path)?;
    let (_, csv_rows) = read_csv(&csv_path)?;
    assert_eq!(csv_rows, table.rows);

    let xlsx_path = dir.path().join("登记簿.xlsx");
    write_table(&table, Format::Xlsx, &xlsx_path)?;
    let (_, xlsx_rows) = read_xlsx(&xlsx_path)?;
    let xlsx_text: Vec<Vec<String>> =
        xlsx_rows.iter().map(|r| r.iter().map(ToString::to_string).collect()).collect();
    assert_eq!(xlsx_text, table.rows);
    Ok(())
}

/// Whether this process may write into a folder whose permission bits forbid it (root may).
#[cfg(unix)]
fn ignores_permissions(folder: &Path) -> bool {
    let probe = folder.join("probe");
    let created = fs::write(&probe, b"").is_ok();
    let _ = fs::remove_file(&probe);
    created
}

fn assert_chinese(error: &ExportError) {
    let message = error.to_string();
    assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{message}");
    assert!(message.contains('请'), "the message says what to do: {message}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_chinese_error_and_no_file() -> TestResult {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir()?;
    let locked = dir.path().join("只读");
    fs::create_dir(&locked)?;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555))?;

    // Root writes through permission bits; the missing-folder test below covers that case.
    if ignores_permissions(&locked) {
        eprintln!("permission bits are not enforced for this user; skipped the read-only case");
    } else {
        let error = write_table(&small_register(), Format::Xlsx, &locked.join("登记簿.xlsx"));
        let error = error.err().ok_or("writing into a read-only folder must fail")?;
        assert!(matches!(error, ExportError::PermissionDenied { .. }), "{error:?}");
        assert!(error.to_string().contains("没有写入权限"), "{error}");
        assert_chinese(&error);
        assert_eq!(fs::read_dir(&locked)?.count(), 0);
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755))?;
    Ok(())
}

#[test]
fn a_missing_folder_gives_a_chinese_error_and_no_file() -> TestResult {
    let dir = tempfile::tempdir()?;

    // A folder that does not exist, and a "folder" that is really a file.
    let missing = dir.path().join("没有这个文件夹").join("登记簿.csv");
    let error = write_table(&small_register(), Format::Csv, &missing).err();
    let error = error.ok_or("writing into a missing folder must fail")?;
    assert!(matches!(error, ExportError::FolderMissing { .. }), "{error:?}");
    assert!(error.to_string().contains("没有这个文件夹"), "{error}");
    assert_chinese(&error);

    let file = dir.path().join("备注.txt");
    fs::write(&file, "不是文件夹")?;
    let error = write_table(&small_register(), Format::Xlsx, &file.join("登记簿.xlsx")).err();
    let error = error.ok_or("writing under a file must fail")?;
    assert!(matches!(error, ExportError::FolderMissing { .. }), "{error:?}");
    assert_chinese(&error);

    assert_eq!(fs::read_to_string(&file)?, "不是文件夹");
    let mut left: Vec<_> = fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
    left.sort();
    assert_eq!(left, ["备注.txt"]);
    Ok(())
}

#[test]
fn a_failed_write_leaves_the_existing_target_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;

    // The chosen path is a folder holding the clerk's files: refused, nothing moved.
    let folder = dir.path().join("登记簿.xlsx");
    fs::create_dir(&folder)?;
    fs::write(folder.join("旧台账.xlsx"), "旧")?;
    let error = write_table(&small_register(), Format::Xlsx, &folder).err();
    let error = error.ok_or("a folder cannot be overwritten by an export")?;
    assert!(matches!(error, ExportError::TargetIsFolder { .. }), "{error:?}");
    assert_chinese(&error);
    assert_eq!(fs::read_to_string(folder.join("旧台账.xlsx"))?, "旧");

    // An existing export, and a writer that fails halfway through the new one.
    let target = dir.path().join("登记簿.csv");
    write_table(&small_register(), Format::Csv, &target)?;
    let before = fs::read(&target)?;
    let result = write_atomically(&target, |out| {
        out.write_all(&to_csv_bytes(&small_register())[..10])?;
        Err(std::io::Error::other("磁盘突然拔出"))
    });
    let error = result.err().ok_or("the failing writer's error must come back")?;
    assert_chinese(&error);
    assert_eq!(fs::read(&target)?, before);

    let mut left: Vec<_> = fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
    left.sort();
    assert_eq!(left, ["登记簿.csv", "登记簿.xlsx"], "no temporary file is left behind");
    Ok(())
}

/// The height (`ht`, points) of each row of the first sheet that has one, by row number.
fn row_heights(path: &Path) -> TestResult<Vec<(u32, f64)>> {
    let mut archive = zip::ZipArchive::new(fs::File::open(path)?)?;
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/worksheets/sheet1.xml")?, &mut xml)?;
    let doc = roxmltree::Document::parse(&xml)?;
    let mut heights = Vec::new();
    for row in doc.descendants().filter(|n| n.has_tag_name("row")) {
        if let (Some(r), Some(ht)) = (row.attribute("r"), row.attribute("ht")) {
            heights.push((r.parse()?, ht.parse()?));
        }
    }
    Ok(heights)
}

#[test]
fn a_row_with_a_long_result_is_made_tall_enough_to_show_it_when_opened() -> TestResult {
    let long = "对象已按要求完成整改，".repeat(8);
    let table = register_of(&[
        guidance(1, "某某食品店", "当场整改", at(2, 1, 9)),
        guidance(2, "淄博ABC机械有限公司", &long, at(2, 2, 9)),
    ]);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("登记簿.xlsx");
    write_table(&table, Format::Xlsx, &path)?;
    let heights = row_heights(&path)?;
    // Row 1 is the title, 2 the header, 3 the short record: only the long one grows.
    assert!(!heights.iter().any(|&(r, _)| r == 3), "{heights:?}");
    let (_, tall) = heights.iter().find(|&&(r, _)| r == 4).copied().ok_or("row 4 has no height")?;
    assert!((45.0..=90.0).contains(&tall), "{tall}");
    Ok(())
}
