//! Printed papers written as PDF and read back: the structure with lopdf, the text and where
//! it stands with poppler's `pdftotext` (package poppler-utils).

use std::path::PathBuf;
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{
    CatalogueItem, DocNumber, Guidance, GuidanceDraft, Method, Officer, OpinionLetter,
    OpinionLetterDraft,
};
use guidance_ledger::export::ExportError;
use guidance_ledger::export::paper::{
    FontSet, Paper, Printed, guidance_paper, letter_paper, paper_pdf, papers_pdf, register_paper,
    register_pdf,
};
use guidance_ledger::search::register::build_rows;

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

const UNIT: &str = "金岭回族镇人民政府";
const PT_PER_MM: f32 = 72.0 / 25.4;

fn at(month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default()
}

fn guidance(seq: u32, subject: &str, content: &str, effect: &str) -> Guidance {
    let mut details = GuidanceDraft::new(at(3, 5));
    details.subject.name = subject.into();
    details.subject.credit_code = "91640100MA76XQ2K3B".into();
    details.subject.address = "金岭回族镇中心街18号".into();
    details.place = "金岭回族镇中心街".into();
    details.content = content.into();
    details.effect = effect.into();
    details.officers = vec![1, 2];
    details.item = Some(1);
    details.method = Method::Reminder;
    Guidance {
        id: u64::from(seq),
        number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq },
        details,
        voided: None,
        created_at: at(3, 5),
        updated_at: at(3, 5),
    }
}

fn letter(problems: &str, opinion: &str) -> OpinionLetter {
    let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let mut details = OpinionLetterDraft::new(date, "马䶮", "0951-5012345");
    details.addressee = "宁夏金岭𠮷祥农产品有限公司".into();
    details.problems = problems.into();
    details.opinion = opinion.into();
    OpinionLetter {
        id: 9,
        number: DocNumber { prefix: "金岭指导意见书".into(), year: 2026, seq: 1 },
        details,
        voided: None,
        created_at: at(12, 3),
        updated_at: at(12, 3),
    }
}

fn guidance_of(record: &Guidance) -> Paper {
    guidance_paper(record, "马国强、李娜", "价格行为规范指导", UNIT)
}

/// A PDF on disk, for poppler.
fn saved(printed: &Printed) -> TestResult<tempfile::NamedTempFile> {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile()?;
    std::fs::write(file.path(), &printed.bytes)?;
    Ok(file)
}

fn poppler(tool: &str, args: &[&str], file: &tempfile::NamedTempFile) -> TestResult<String> {
    let out = Command::new(tool)
        .args(args)
        .arg(file.path())
        .arg("-")
        .output()
        .map_err(|e| format!("{tool} (poppler-utils) is needed by this test: {e}"))?;
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout)?)
}

/// The text of the PDF in reading order, spaces removed.
fn text_of(printed: &Printed) -> TestResult<String> {
    let file = saved(printed)?;
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &file)?;
    Ok(text.chars().filter(|c| !c.is_whitespace()).collect())
}

/// A word and its box in millimetres from the page's top-left corner.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

fn words_of(printed: &Printed) -> TestResult<Vec<Word>> {
    let file = saved(printed)?;
    let html = poppler("pdftotext", &["-enc", "UTF-8", "-bbox"], &file)?;
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else { continue };
        let attr = |name: &str| -> f32 {
            rest.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse::<f32>().ok())
                .map_or(f32::NAN, |pt| pt / PT_PER_MM)
        };
        let text = rest.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("");
        words.push(Word {
            page,
            text: text.to_owned(),
            x_min: attr("xMin"),
            y_min: attr("yMin"),
            x_max: attr("xMax"),
            y_max: attr("yMax"),
        });
    }
    Ok(words)
}

/// Page sizes in points, the number of fonts embedded, and the title.
type Structure = (Vec<(f32, f32)>, usize, String);

/// The [`Structure`] of a PDF, read with lopdf.
fn structure(printed: &Printed) -> TestResult<Structure> {
    let doc = lopdf::Document::load_mem(&printed.bytes)?;
    let mut sizes = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id)?;
        let media = page.get(b"MediaBox")?.as_array()?;
        let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap_or(f32::NAN)).collect();
        sizes.push((n[2] - n[0], n[3] - n[1]));
    }
    let embedded = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
        .count();
    let info = doc.trailer.get(b"Info")?.as_reference()?;
    let title = doc.get_dictionary(info)?.get(b"Title")?.as_str()?.to_vec();
    let title = if title.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = title[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units)?
    } else {
        String::from_utf8(title)?
    };
    Ok((sizes, embedded, title))
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1.0
}

/// Asserts that `parts` appear in `text` in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let found = text[from..].find(part);
        assert!(found.is_some(), "{part:?} missing or out of order in {text}");
        from += found.unwrap_or(0) + part.len();
    }
}

#[test]
fn a_guidance_record_prints_on_a4_with_its_form_in_order() -> TestResult {
    let record = guidance(7, "张𠮷（个体户）", "提醒规范明码标价，张贴价目表。", "");
    let printed = paper_pdf(&guidance_of(&record), &FontSet::bundled())?;

    let (sizes, embedded, title) = structure(&printed)?;
    assert_eq!(sizes.len(), 1);
    assert!(near(sizes[0].0 / PT_PER_MM, 210.0) && near(sizes[0].1 / PT_PER_MM, 297.0));
    assert!(embedded >= 2, "fonts embedded: {embedded}");
    assert_eq!(title, "行政指导文书");

    let text = text_of(&printed)?;
    // Labels in order down the form; a wrapped label interleaves with its value's lines.
    in_order(
        &text,
        &[
            "行政指导文书",
            "金岭指导书〔2026〕7号",
            "指导时间",
            "指导地点",
            "指导人员",
            "指导对象",
            "指导内容",
            "（事项）",
            "指导取得的",
            "效益、效果",
            "单位：金岭回族镇人民政府（公章）",
        ],
    );
    for value in [
        "2026年3月5日9:30",
        "马国强、李娜",
        "张（个体户）",
        "统一社会信用代码：91640100MA76XQ2K3B",
        "地址：金岭回族镇中心街18号",
        "指导方式：提示提醒",
        "提醒规范明码标价，张贴价目表。",
    ] {
        assert!(text.contains(value), "{value} missing from {text}");
    }
    assert!(
        printed
            .notes
            .iter()
            .any(|n| n == "以下字符无法打印：𠮷（本机没有含这些字的字体，打印后请手写补上）"),
        "{:?}",
        printed.notes
    );
    assert!(printed.notes.iter().any(|n| n.contains("本机未安装仿宋_GB2312")));
    assert!(printed.notes.iter().any(|n| n.contains("本机未安装方正小标宋简体")));
    Ok(())
}

#[test]
fn the_text_block_starts_37_mm_down_and_28_mm_in() -> TestResult {
    let paper = letter_paper(&letter("未按规定明码标价。", "立即整改。"), UNIT);
    let printed = paper_pdf(&paper, &FontSet::bundled())?;
    let words = words_of(&printed)?;
    let pitch = 225.0 / 22.0;

    let top = words.iter().map(|w| w.y_min).fold(f32::INFINITY, f32::min);
    let first = words.iter().find(|w| (w.y_min - top).abs() < 0.1).ok_or("no text")?;
    assert!(first.y_min >= 37.0 - 1.0, "first line starts above the block: {first:?}");
    let middle = f32::midpoint(first.y_min, first.y_max);
    assert!((37.0..37.0 + pitch).contains(&middle), "first line not on grid line 1: {first:?}");

    let addressee = words.iter().find(|w| w.text.starts_with("宁夏金岭")).ok_or("no addressee")?;
    assert!(near(addressee.x_min, 28.0), "{addressee:?}");
    let date = words.iter().find(|w| w.text == "2026年12月3日").ok_or("no date")?;
    let four_in = 28.0 + 156.0 - 4.0 * 156.0 / 28.0;
    assert!(near(date.x_max, four_in), "{date:?}");
    let unit = words.iter().find(|w| w.text.starts_with(UNIT)).ok_or("no unit")?;
    assert!(near(f32::midpoint(unit.x_min, unit.x_max), f32::midpoint(date.x_min, date.x_max)));
    assert!(words.iter().all(|w| w.x_min >= 27.0 && w.x_max <= 28.0 + 156.0 + 1.0), "{words:?}");
    Ok(())
}

#[test]
fn a_long_letter_runs_over_pages_numbered_right_then_left() -> TestResult {
    let problems = "经营场所未按规定明码标价，部分商品价签与实际售价不符；".repeat(60);
    let paper = letter_paper(&letter(&problems, "立即整改，七日内完成。"), UNIT);
    let printed = paper_pdf(&paper, &FontSet::bundled())?;
    let (sizes, _, title) = structure(&printed)?;
    assert!(sizes.len() >= 3, "{} pages", sizes.len());
    assert_eq!(title, "行政指导意见书");

    let text = text_of(&printed)?;
    in_order(
        &text,
        &[
            "行政指导意见书",
            "金岭指导意见书〔2026〕1号",
            "宁夏金岭",
            "祥农产品有限公司：",
            "一、存在问题",
            "经营场所未按规定明码标价",
            "二、指导意见",
            "立即整改，七日内完成。",
            "指导联系人：马",
            "联系电话：0951-5012345",
            "金岭回族镇人民政府（公章）",
            "2026年12月3日",
        ],
    );
    assert!(
        printed.notes.iter().any(|n| n.contains('𠮷') && n.contains('䶮')),
        "{:?}",
        printed.notes
    );

    let words = words_of(&printed)?;
    let block_bottom = 37.0 + 225.0;
    for page in 1..=sizes.len() {
        let folio: Vec<&Word> =
            words.iter().filter(|w| w.page == page && w.y_min > block_bottom).collect();
        assert!(folio.iter().any(|w| w.text == page.to_string()), "page {page}: {folio:?}");
        let left = folio.iter().map(|w| w.x_min).fold(f32::INFINITY, f32::min);
        let right = folio.iter().map(|w| w.x_max).fold(f32::NEG_INFINITY, f32::max);
        let one_char = 14.0 / PT_PER_MM;
        if page % 2 == 1 {
            assert!(near(right, 28.0 + 156.0 - one_char), "page {page}: {folio:?}");
        } else {
            assert!(near(left, 28.0 + one_char), "page {page}: {folio:?}");
        }
        assert!(folio.iter().all(|w| w.y_min >= block_bottom + 7.0 - 1.0), "{folio:?}");
    }
    Ok(())
}

#[test]
fn empty_and_huge_fields_still_print() -> TestResult {
    let empty = guidance(1, "", "", "");
    let printed = paper_pdf(&guidance_of(&empty), &FontSet::bundled())?;
    assert!(text_of(&printed)?.contains("指导取得的效益、效果"));

    let huge = "检查\u{7}发现，\t问题（一）：".repeat(3000);
    let record = guidance(2, "某某公司", &huge, &huge);
    let printed = paper_pdf(&guidance_of(&record), &FontSet::bundled())?;
    let (sizes, _, _) = structure(&printed)?;
    assert!(sizes.len() > 10, "{} pages", sizes.len());
    Ok(())
}

#[test]
fn a_font_folder_with_the_rare_character_lets_it_print() -> TestResult {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    let fonts = FontSet::with_dirs(vec![dir]);
    let printed = paper_pdf(&letter_paper(&letter("无。", "无。"), UNIT), &fonts)?;
    assert!(text_of(&printed)?.contains("马䶮"));
    let missing = printed.notes.iter().find(|n| n.starts_with("以下字符无法打印"));
    assert!(missing.is_some_and(|n| n.contains('𠮷') && !n.contains('䶮')), "{missing:?}");
    Ok(())
}

#[test]
fn a_batch_counts_its_progress_and_can_be_cancelled() -> TestResult {
    let papers: Vec<Paper> =
        (1..=3).map(|i| guidance_of(&guidance(i, "某某商店", "提醒。", "已整改。"))).collect();
    let mut seen = Vec::new();
    let printed = papers_pdf(&papers, &FontSet::bundled(), &mut |done| {
        seen.push(done);
        true
    })?;
    assert_eq!(seen, [1, 2, 3]);
    let (sizes, _, _) = structure(&printed)?;
    assert_eq!(sizes.len(), 3);
    in_order(&text_of(&printed)?, &["〔2026〕1号", "〔2026〕2号", "〔2026〕3号"]);

    let cancelled = papers_pdf(&papers, &FontSet::bundled(), &mut |done| done < 2);
    assert!(matches!(cancelled, Err(ExportError::Cancelled)));
    Ok(())
}

#[test]
fn a_register_of_300_rows_is_landscape_with_the_header_on_every_page() -> TestResult {
    let records: Vec<Guidance> = (1..=300)
        .map(|i| {
            let name = if i % 9 == 0 {
                "宁夏金岭回族镇某某农产品加工有限责任公司第二分公司"
            } else {
                "张三"
            };
            guidance(i, name, "提醒。", "已整改，并于次日回访。")
        })
        .collect();
    let catalogue =
        [CatalogueItem { id: 1, name: "价格行为规范指导".into(), ..Default::default() }];
    let officers = [
        Officer { id: 1, name: "马国强".into(), active: true, ..Default::default() },
        Officer { id: 2, name: "李娜".into(), active: true, ..Default::default() },
    ];
    let rows = build_rows(&records, &catalogue, &officers);
    let shown: Vec<_> = rows.iter().collect();
    let paper = register_paper(&shown, UNIT, "2026年");
    let printed = register_pdf(&paper, &FontSet::bundled())?;

    let (sizes, embedded, title) = structure(&printed)?;
    assert!(sizes.len() >= 5, "{} pages", sizes.len());
    for (w, h) in &sizes {
        assert!(near(w / PT_PER_MM, 297.0) && near(h / PT_PER_MM, 210.0), "{w}×{h}");
    }
    assert!(embedded >= 2);
    assert!(title.contains("登记簿") && title.contains("2026年"), "{title}");

    let words = words_of(&printed)?;
    for page in 1..=sizes.len() {
        let on_page: String =
            words.iter().filter(|w| w.page == page).map(|w| w.text.as_str()).collect();
        assert!(on_page.contains("指导对象") && on_page.contains("指导人员"), "page {page}");
        assert!(
            words.iter().any(|w| w.page == page && w.text == page.to_string() && w.y_min > 178.0)
        );
    }
    let text = text_of(&printed)?;
    in_order(
        &text,
        &[
            "行政指导事项登记簿",
            "2026年",
            "序号",
            "金岭指导书〔2026〕1号",
            "金岭指导书〔2026〕300号",
        ],
    );
    Ok(())
}

/// With `PAPER_PDF_OUT=folder`, writes one paper of each kind there, to render and look at
/// (`pdftoppm -png -r 60`); the README's pictures in `assets/` are made this way.
#[test]
fn samples_for_looking_at() -> TestResult {
    let Some(out) = std::env::var_os("PAPER_PDF_OUT").map(PathBuf::from) else { return Ok(()) };
    let fonts = FontSet::system();
    let record = guidance(
        7,
        "宁夏金岭𠮷祥农产品有限公司",
        "检查发现店内部分商品未标示价格，价签信息不全。现场提醒经营者依照《明码标价和禁止价格欺诈规定》\
         规范标价，张贴价目表，并于三日内完成整改。",
        "经营者当场接受指导，已补齐价签，次日回访核实整改到位。",
    );
    let record_pdf = paper_pdf(&guidance_of(&record), &fonts)?;
    std::fs::write(out.join("guidance.pdf"), &record_pdf.bytes)?;
    let problems = "经营场所未按规定明码标价，部分商品价签与实际售价不符。\n\
                    未建立进货查验记录，无法提供部分商品的供货凭证。";
    let opinion = "一是立即对全部商品重新核对价签，做到一货一签、货签对位。\n\
                   二是建立并落实进货查验制度，留存供货商资质和票据，保存期限不少于二年。";
    let letter_pdf = paper_pdf(&letter_paper(&letter(problems, opinion), UNIT), &fonts)?;
    std::fs::write(out.join("letter.pdf"), &letter_pdf.bytes)?;
    let records: Vec<Guidance> = (1..=60)
        .map(|i| {
            let name = if i % 4 == 0 {
                "宁夏金岭回族镇某某农产品加工有限责任公司"
            } else {
                "张三（个体户）"
            };
            guidance(i, name, "提醒。", "已整改，并于次日回访。")
        })
        .collect();
    let catalogue =
        [CatalogueItem { id: 1, name: "价格行为规范指导".into(), ..Default::default() }];
    let officers = [
        Officer { id: 1, name: "马国强".into(), active: true, ..Default::default() },
        Officer { id: 2, name: "李娜".into(), active: true, ..Default::default() },
    ];
    let rows = build_rows(&records, &catalogue, &officers);
    let shown: Vec<_> = rows.iter().collect();
    let register = register_pdf(&register_paper(&shown, UNIT, "2026年"), &fonts)?;
    std::fs::write(out.join("register.pdf"), &register.bytes)?;
    for note in record_pdf.notes.iter().chain(&letter_pdf.notes).chain(&register.notes) {
        eprintln!("note: {note}");
    }
    Ok(())
}
