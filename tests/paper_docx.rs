//! Word files of the printed papers, written to disk and read back with `zip` and a real XML
//! parser: page, margins, grid, fonts, the text in order, footers and the register's table.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use chrono::{NaiveDate, NaiveDateTime};
use guidance_ledger::domain::{
    CatalogueItem, DocNumber, Guidance, GuidanceDraft, Method, Officer, OpinionLetter,
    OpinionLetterDraft, SubjectKind,
};
use guidance_ledger::export::paper::{
    Block, Paper, RegisterPaper, guidance_paper, letter_paper, paper_docx, register_docx,
    register_paper,
};
use guidance_ledger::export::{ExportError, write_bytes_atomically};
use guidance_ledger::search::register::build_rows;
use roxmltree::{Document, Node};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const UNIT: &str = "金岭回族镇人民政府";

// ---- records -------------------------------------------------------------------------------

fn at(month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default()
}

fn guidance(seq: u32, subject: &str, content: &str, effect: &str) -> Guidance {
    let mut details = GuidanceDraft::new(at(3, seq.clamp(1, 28)));
    details.subject.kind = SubjectKind::IndividualBusiness;
    details.subject.name = subject.into();
    details.subject.credit_code = "92370303MA3C123456".into();
    details.subject.address = "金岭回族镇中心街 8 号".into();
    details.place = "对象经营场所".into();
    details.content = content.into();
    details.effect = effect.into();
    details.officers = vec![1];
    details.item = Some(1);
    details.method = Method::Reminder;
    Guidance {
        id: u64::from(seq),
        number: DocNumber { prefix: "金岭指导书".into(), year: 2026, seq },
        details,
        voided: None,
        created_at: at(3, 1),
        updated_at: at(3, 1),
    }
}

fn letter(problems: &str) -> OpinionLetter {
    let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let mut details = OpinionLetterDraft::new(date, "马国强", "0533-7480001");
    details.addressee = "张𠮷（个体户）".into();
    details.problems = problems.into();
    details.opinion = "一、规范明码标价。\n二、建立进货台账。".into();
    OpinionLetter {
        id: 1,
        number: DocNumber { prefix: "金岭指导意见".into(), year: 2026, seq: 2 },
        details,
        voided: None,
        created_at: at(12, 3),
        updated_at: at(12, 3),
    }
}

/// A content far longer than a page, so that the form must run onto a second page.
fn long_text() -> String {
    "经现场查看，该店存在价格标签不全、商品标价与结算价格不一致等情况，执法人员当场讲解了《明码标价和禁止价格欺诈规定》的有关条款。"
        .repeat(12)
}

/// Keeps a copy in the folder named by `PAPER_DOCX_OUT`, to open or render by hand.
fn keep(name: &str, bytes: &[u8]) -> TestResult {
    if let Some(folder) = std::env::var_os("PAPER_DOCX_OUT") {
        write_bytes_atomically(&std::path::Path::new(&folder).join(name), bytes)?;
    }
    Ok(())
}

// ---- reading a DOCX back -------------------------------------------------------------------

/// Every part of the archive by name, as text.
fn unpack(bytes: &[u8]) -> TestResult<BTreeMap<String, String>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        parts.insert(file.name()?.into_owned(), text);
    }
    Ok(parts)
}

fn part<'a>(parts: &'a BTreeMap<String, String>, name: &str) -> TestResult<&'a str> {
    Ok(parts.get(name).ok_or_else(|| format!("no part {name}"))?.as_str())
}

fn elements<'a, 'i>(doc: &'a Document<'i>, name: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| n.has_tag_name((W, name))).collect()
}

fn first<'a, 'i>(doc: &'a Document<'i>, name: &str) -> TestResult<Node<'a, 'i>> {
    Ok(doc
        .descendants()
        .find(|n| n.has_tag_name((W, name)))
        .ok_or_else(|| format!("no w:{name}"))?)
}

fn attr(node: Node<'_, '_>, name: &str) -> String {
    node.attribute((W, name)).unwrap_or_default().to_owned()
}

fn num(node: Node<'_, '_>, name: &str) -> i64 {
    attr(node, name).parse().unwrap_or(i64::MIN)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// The text of a node as a reader sees it: runs joined, breaks as `\n`, tabs as `\t`.
fn text_of(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if n.has_tag_name((W, "t")) {
            out.push_str(n.text().unwrap_or_default());
        } else if n.has_tag_name((W, "br")) {
            out.push('\n');
        } else if n.has_tag_name((W, "tab")) {
            out.push('\t');
        }
    }
    out
}

/// The paragraphs of the body in reading order (table cells included), as text.
fn paragraphs(doc: &Document<'_>) -> Vec<String> {
    elements(doc, "p").into_iter().map(text_of).collect()
}

/// Asserts that `needles` occur in `haystack` in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let Some(found) = haystack[from..].find(needle) else {
            panic!("{needle:?} missing or out of order in {haystack:?}");
        };
        from += found + needle.len();
    }
}

/// The East Asian font and size of the run holding `needle`.
fn font_of(doc: &Document<'_>, needle: &str) -> TestResult<(String, i64)> {
    let run = elements(doc, "r")
        .into_iter()
        .find(|r| text_of(*r).contains(needle))
        .ok_or_else(|| format!("no run with {needle}"))?;
    let props = child(run, "rPr").ok_or("run without rPr")?;
    let fonts = child(props, "rFonts").ok_or("run without rFonts")?;
    let size = child(props, "sz").map_or(0, |s| num(s, "val"));
    Ok((attr(fonts, "eastAsia"), size))
}

/// The paragraph properties of the paragraph holding `needle`.
fn para_props<'a, 'i>(doc: &'a Document<'i>, needle: &str) -> TestResult<Node<'a, 'i>> {
    let p = elements(doc, "p")
        .into_iter()
        .find(|p| text_of(*p) == needle)
        .ok_or_else(|| format!("no paragraph {needle:?}"))?;
    Ok(child(p, "pPr").ok_or("paragraph without pPr")?)
}

/// Checks what every paper shares: A4 in the given orientation, margins, footers with a PAGE
/// field, odd and even, and line-breaking rules that nothing turns off.
fn assert_frame(parts: &BTreeMap<String, String>, landscape: bool) -> TestResult {
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/fontTable.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        Document::parse(part(parts, name)?)?;
    }
    let doc = Document::parse(part(parts, "word/document.xml")?)?;
    let size = first(&doc, "pgSz")?;
    let margins = first(&doc, "pgMar")?;
    if landscape {
        assert_eq!((num(size, "w"), num(size, "h")), (16838, 11906));
        assert_eq!(attr(size, "orient"), "landscape");
    } else {
        assert_eq!((num(size, "w"), num(size, "h")), (11906, 16838));
        // 37 mm top, 26 mm right, 35 mm bottom, 28 mm left.
        let sides = ["top", "right", "bottom", "left"].map(|s| num(margins, s));
        assert_eq!(sides, [2098, 1474, 1984, 1587]);
    }

    let rels = Document::parse(part(parts, "word/_rels/document.xml.rels")?)?;
    let mut kinds = Vec::new();
    for reference in elements(&doc, "footerReference") {
        let id = reference.attribute((R, "id")).ok_or("footer without r:id")?;
        let target = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .ok_or("footer id not in the relationships")?;
        let footer = Document::parse(part(parts, &format!("word/{target}"))?)?;
        let instruction = first(&footer, "instrText")?.text().unwrap_or_default().trim().to_owned();
        assert_eq!(instruction, "PAGE");
        let marks: Vec<String> =
            elements(&footer, "fldChar").into_iter().map(|f| attr(f, "fldCharType")).collect();
        assert_eq!(marks, ["begin", "separate", "end"]);
        assert_eq!(text_of(footer.root_element()), "— 1 —");
        assert_eq!(font_of(&footer, "—")?.1, 28, "page numbers at 14 pt");
        let jc = attr(first(&footer, "jc")?, "val");
        kinds.push((attr(reference, "type"), jc));
    }
    kinds.sort();
    assert_eq!(kinds, [("default".into(), "right".into()), ("even".into(), "left".into())]);
    // Footer distance: the page number sits below the text block, inside the bottom margin.
    assert!(num(margins, "footer") > 0 && num(margins, "footer") < num(margins, "bottom"));

    let settings = Document::parse(part(parts, "word/settings.xml")?)?;
    first(&settings, "evenAndOddHeaders")?;
    let styles = Document::parse(part(parts, "word/styles.xml")?)?;
    assert_eq!(attr(first(&styles, "kinsoku")?, "val"), "1");
    for (name, xml) in parts {
        let parsed = Document::parse(xml)?;
        let off = elements(&parsed, "kinsoku")
            .into_iter()
            .any(|k| matches!(k.attribute((W, "val")), Some("0" | "false" | "off")));
        assert!(!off, "{name} turns the line-breaking rules off");
    }
    Ok(())
}

// ---- the stories ---------------------------------------------------------------------------

#[test]
fn a_guidance_record_reads_back_as_attachment_1() -> TestResult {
    let record = guidance(7, "张𠮷䶮便利店", &long_text(), "");
    let paper = guidance_paper(&record, "马国强、李娜", "价格行为规范指导", UNIT);
    let bytes = paper_docx(&paper)?;

    let folder = tempfile::tempdir()?;
    let path = folder.path().join(format!("{}.docx", paper.file_stem));
    write_bytes_atomically(&path, &bytes)?;
    keep("guidance.docx", &bytes)?;
    let parts = unpack(&std::fs::read(&path)?)?;
    assert_frame(&parts, false)?;

    let doc = Document::parse(part(&parts, "word/document.xml")?)?;
    let grid = first(&doc, "docGrid")?;
    assert_eq!(attr(grid, "type"), "linesAndChars");
    assert_eq!((num(grid, "linePitch"), num(grid, "charSpace")), (579, -842));

    let all = paragraphs(&doc).join("|");
    assert_in_order(
        &all,
        &[
            "行政指导文书",
            "金岭指导书〔2026〕7号",
            "指导时间",
            "2026年3月7日",
            "指导对象",
            "张𠮷䶮便利店|统一社会信用代码：92370303MA3C123456|地址：金岭回族镇中心街 8 号",
            "指导内容（事项）",
            &long_text(),
            "指导取得的效益、效果",
            "单位：金岭回族镇人民政府（公章）",
        ],
    );

    assert_eq!(font_of(&doc, "行政指导文书")?, ("方正小标宋简体".into(), 44));
    assert_eq!(font_of(&doc, "指导地点")?, ("仿宋_GB2312".into(), 32));
    let tracking = elements(&doc, "r")
        .into_iter()
        .find(|r| text_of(*r) == "对象经营场所")
        .and_then(|r| r.descendants().find(|n| n.has_tag_name((W, "spacing"))))
        .map(|s| num(s, "val"));
    assert_eq!(tracking, Some(-5), "body characters narrowed so that 28 fill a line");
    assert_eq!(attr(first(&doc, "jc")?, "val"), "center", "the title is centred");

    let table = first(&doc, "tbl")?;
    let rows: Vec<_> = table.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
    assert_eq!(rows.len(), 6);
    for row in &rows {
        assert_eq!(row.children().filter(|n| n.has_tag_name((W, "tc"))).count(), 2);
    }
    let heights: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.descendants().find(|n| n.has_tag_name((W, "trHeight"))))
        .map(|h| num(h, "val"))
        .collect();
    assert_eq!(heights, [579, 579, 579, 579, 6 * 579, 4 * 579]);
    let borders = first(&doc, "tblBorders")?;
    let sides: Vec<String> =
        borders.children().filter(Node::is_element).map(|b| attr(b, "val")).collect();
    assert_eq!(sides, ["single"; 6]);
    let columns: Vec<i64> = elements(&doc, "gridCol").into_iter().map(|c| num(c, "w")).collect();
    assert_eq!(columns.iter().sum::<i64>(), 8845, "the table is as wide as the text block");
    assert!(columns[0] > 6 * 315 && columns[0] < 7 * 315, "label column of six characters");

    let core = Document::parse(part(&parts, "docProps/core.xml")?)?;
    let title = core.descendants().find(|n| n.tag_name().name() == "title").ok_or("no title")?;
    assert_eq!(title.text(), Some("行政指导文书 金岭指导书〔2026〕7号"));
    Ok(())
}

#[test]
fn an_opinion_letter_signs_off_four_characters_from_the_right() -> TestResult {
    let letter = letter("价格标签不全 & 标价<不实>，\"消费者\"投诉\u{7}\u{0}；'夜间'经营。");
    let bytes = paper_docx(&letter_paper(&letter, UNIT))?;
    keep("letter.docx", &bytes)?;
    let parts = unpack(&bytes)?;
    assert_frame(&parts, false)?;
    let doc = Document::parse(part(&parts, "word/document.xml")?)?;

    let shown = paragraphs(&doc);
    assert_in_order(
        &shown.join("|"),
        &[
            "行政指导意见书",
            "金岭指导意见〔2026〕2号",
            "张𠮷（个体户）：",
            "一、存在问题",
            "价格标签不全 & 标价<不实>，\"消费者\"投诉；'夜间'经营。",
            "二、指导意见",
            "一、规范明码标价。|二、建立进货台账。",
            "指导联系人：马国强　　联系电话：0533-7480001",
            "金岭回族镇人民政府（公章）|2026年12月3日",
        ],
    );
    assert_eq!(font_of(&doc, "一、存在问题")?.0, "黑体");

    let problem = para_props(&doc, "一、规范明码标价。")?;
    let indent = child(problem, "ind").ok_or("body paragraph without indent")?;
    assert_eq!(num(indent, "firstLineChars"), 200);

    let date = para_props(&doc, "2026年12月3日")?;
    assert_eq!(attr(child(date, "jc").ok_or("date without jc")?, "val"), "right");
    assert_eq!(num(child(date, "ind").ok_or("date without indent")?, "rightChars"), 400);
    // The unit (13 cells) is centred over the date (6.5 cells): its right edge 0.75 cells in.
    let unit = para_props(&doc, "金岭回族镇人民政府（公章）")?;
    assert_eq!(num(child(unit, "ind").ok_or("unit without indent")?, "rightChars"), 75);
    Ok(())
}

#[test]
fn the_register_repeats_its_header_on_every_page() -> TestResult {
    let records: Vec<Guidance> = (1..=40)
        .map(|seq| {
            let effect = if seq % 3 == 0 { long_text() } else { String::new() };
            guidance(seq, &format!("第{seq}号商户䶮"), "提醒规范明码标价", &effect)
        })
        .collect();
    let catalogue =
        [CatalogueItem { id: 1, name: "价格行为规范指导".into(), ..Default::default() }];
    let officers =
        [Officer { id: 1, name: "马国强".into(), active: true, ..Default::default() }];
    let rows = build_rows(&records, &catalogue, &officers);
    let shown: Vec<_> = rows.iter().collect();
    let paper = register_paper(&shown, UNIT, "2026年");
    let bytes = register_docx(&paper)?;
    keep("register.docx", &bytes)?;
    let parts = unpack(&bytes)?;
    assert_frame(&parts, true)?;
    let doc = Document::parse(part(&parts, "word/document.xml")?)?;

    let all = paragraphs(&doc);
    assert_eq!(all[0], "金岭回族镇人民政府行政指导事项登记簿");
    assert_eq!(all[1], "2026年");
    assert_eq!(font_of(&doc, &all[0])?.0, "方正小标宋简体");

    let table_rows = elements(&doc, "tr");
    assert_eq!(table_rows.len(), 41);
    for (i, row) in table_rows.iter().enumerate() {
        let props = child(*row, "trPr").ok_or("row without trPr")?;
        assert!(child(props, "cantSplit").is_some(), "row {i} may split");
        assert_eq!(child(props, "tblHeader").is_some(), i == 0, "row {i}");
    }
    let header: Vec<String> =
        table_rows[0].children().filter(|n| n.has_tag_name((W, "tc"))).map(text_of).collect();
    assert_eq!(header[0], "序号");
    assert_eq!(header.len(), 8);
    assert_eq!(font_of(&doc, "指导对象")?.0, "黑体");
    assert!(all.iter().any(|p| p == "第13号商户䶮"), "{all:?}");
    assert!(all.iter().any(|p| p == &long_text()), "a long cell is kept whole");

    let columns: Vec<i64> = elements(&doc, "gridCol").into_iter().map(|c| num(c, "w")).collect();
    assert_eq!(columns.len(), 8);
    let margins = first(&doc, "pgMar")?;
    assert_eq!(columns.iter().sum::<i64>(), 16838 - num(margins, "left") - num(margins, "right"));
    assert!(columns[4] > columns[0] * 3, "指导事项 is wider than 序号: {columns:?}");
    Ok(())
}

#[test]
fn empty_fields_still_make_a_valid_file() -> TestResult {
    let record = guidance(1, "", "", "");
    let parts = unpack(&paper_docx(&guidance_paper(&record, "", "", ""))?)?;
    assert_frame(&parts, false)?;
    let doc = Document::parse(part(&parts, "word/document.xml")?)?;
    assert_eq!(elements(&doc, "tr").len(), 6);

    let bare = Paper {
        page: guidance_ledger::export::paper::PageSpec::OFFICIAL,
        blocks: vec![Block::Form { label_chars: 6, rows: Vec::new() }],
        file_stem: "空白".into(),
    };
    let parts = unpack(&paper_docx(&bare)?)?;
    let doc = Document::parse(part(&parts, "word/document.xml")?)?;
    assert!(elements(&doc, "tbl").is_empty(), "a form without rows prints nothing");

    let no_rows = register_paper(&[], UNIT, "");
    let parts = unpack(&register_docx(&no_rows)?)?;
    let doc = Document::parse(part(&parts, "word/document.xml")?)?;
    assert_eq!(elements(&doc, "tr").len(), 1, "the header row alone");
    Ok(())
}

#[test]
fn a_register_that_makes_no_table_is_refused_in_chinese() {
    let mut paper: RegisterPaper = register_paper(&[], UNIT, "2026年");
    paper.rows = vec![vec!["多".into(); 9]];
    let err = register_docx(&paper).expect_err("nine cells under eight headers");
    assert!(matches!(err, ExportError::PaperLayout(_)));
    assert!(err.to_string().contains("表头只有 8 列"), "{err}");

    paper.headers.clear();
    let err = register_docx(&paper).expect_err("no columns");
    assert!(err.to_string().contains("没有任何列"), "{err}");

    let mut page = guidance_paper(&guidance(1, "甲", "乙", "丙"), "丁", "戊", UNIT);
    page.page.text_width_mm = 500.0;
    let err = paper_docx(&page).expect_err("a text block wider than the page");
    assert!(err.to_string().contains("文书版面有误"), "{err}");
}
