//! Domain records turned into papers: which words go where on attachment 1, 2 and 3.

use crate::domain::register::REGISTER_HEADERS;
use crate::domain::{Guidance, OpinionLetter, RegisterRow, format_date, format_date_time};
use crate::export::Table;

use super::{Align, Block, Face, FormRow, PageSpec, Paper, RegisterPaper};

/// Title of attachment 1.
pub const GUIDANCE_TITLE: &str = "行政指导文书";
/// Title of attachment 2.
pub const LETTER_TITLE: &str = "行政指导意见书";

/// The guidance record as attachment 1: title, 文号, the six-row form, and the unit with its
/// seal at the foot. `officers` and `item` are the names to print (the caller resolves ids).
pub fn guidance_paper(record: &Guidance, officers: &str, item: &str, unit: &str) -> Paper {
    let d = &record.details;
    let mut subject = d.subject.name.trim().to_owned();
    let mut extra = Vec::new();
    if d.subject.kind.has_credit_code() && !d.subject.credit_code.trim().is_empty() {
        extra.push(format!("统一社会信用代码：{}", d.subject.credit_code.trim()));
    }
    if !d.subject.address.trim().is_empty() {
        extra.push(format!("地址：{}", d.subject.address.trim()));
    }
    for line in extra {
        subject.push('\n');
        subject.push_str(&line);
    }
    let mut content = String::new();
    if !item.trim().is_empty() {
        content = format!("指导事项：{}\n", item.trim());
    }
    content.extend(["指导方式：", d.method.label(), "\n", d.content.trim()]);
    let rows = vec![
        row("指导时间", format_date_time(d.time), 1),
        row("指导地点", d.place.trim().to_owned(), 1),
        row("指导人员", officers.trim().to_owned(), 1),
        row("指导对象", subject, 1),
        row("指导内容（事项）", content, 6),
        row("指导取得的效益、效果", d.effect.trim().to_owned(), 4),
    ];
    let mut blocks = vec![Block::Title(GUIDANCE_TITLE.to_owned()), number_line(record)];
    blocks.push(Block::Blank);
    blocks.push(Block::Form { label_chars: 6, rows });
    blocks.push(Block::Blank);
    blocks.push(Block::Paragraph {
        text: format!("单位：{}（公章）", unit.trim()),
        face: Face::FangSong,
        align: Align::Right,
        indent: false,
    });
    Paper {
        page: PageSpec::OFFICIAL,
        blocks,
        file_stem: format!("{GUIDANCE_TITLE}_{}", record.number),
    }
}

/// The opinion letter as attachment 2: title, 文号, addressee with a full-width colon, the
/// opening sentence, 存在问题, 指导意见, the closing sentence with contact and phone, and the
/// unit over the date.
pub fn letter_paper(letter: &OpinionLetter, unit: &str) -> Paper {
    let d = &letter.details;
    let mut blocks = vec![
        Block::Title(LETTER_TITLE.to_owned()),
        Block::Number(numbered(&letter.number.to_string(), letter.voided.is_some())),
        Block::Blank,
        Block::Paragraph {
            text: format!("{}：", d.addressee.trim()),
            face: Face::FangSong,
            align: Align::Left,
            indent: false,
        },
        body(
            "为帮助你（单位）依法依规开展生产经营活动，防范违法风险，本机关在工作中发现你（单位）\
             存在以下问题，现依法提出行政指导意见如下："
                .to_owned(),
        ),
        heading("一、存在问题"),
    ];
    blocks.extend(paragraphs(&d.problems));
    blocks.push(heading("二、指导意见"));
    blocks.extend(paragraphs(&d.opinion));
    blocks.push(body(
        "本意见书为行政指导，不具有强制性，请你（单位）结合实际参照执行。如有疑问，请与本机关联系。"
            .to_owned(),
    ));
    blocks.push(body(format!("指导联系人：{}　　联系电话：{}", d.contact.trim(), d.phone.trim())));
    blocks.push(Block::Blank);
    blocks.push(Block::Blank);
    blocks.push(Block::Signature {
        unit: format!("{}（公章）", unit.trim()),
        date: Some(format_date(d.date)),
    });
    Paper {
        page: PageSpec::OFFICIAL,
        blocks,
        file_stem: format!("{LETTER_TITLE}_{}", letter.number),
    }
}

/// The register rows in the given order as attachment 3, 序号 counting from 1.
pub fn register_paper(rows: &[&RegisterRow], unit: &str, period: &str) -> RegisterPaper {
    let table: Table = crate::export::register_table(rows, "", "");
    let title = format!("{}{}", unit.trim(), table.title);
    RegisterPaper {
        page: PageSpec::REGISTER,
        file_stem: if period.trim().is_empty() {
            title.clone()
        } else {
            format!("{title}_{}", period.trim())
        },
        title,
        period: period.trim().to_owned(),
        headers: REGISTER_HEADERS.iter().map(|&h| h.to_owned()).collect(),
        // 序号 时间 文号 指导对象 指导事项 指导方式 指导结果 指导人员
        widths: vec![2.5, 6.0, 9.5, 6.5, 8.0, 4.5, 6.0, 5.0],
        rows: table.rows,
    }
}

fn row(label: &str, value: String, min_lines: u32) -> FormRow {
    FormRow { label: label.to_owned(), value, min_lines }
}

fn numbered(number: &str, voided: bool) -> String {
    if voided { format!("{number}（作废）") } else { number.to_owned() }
}

fn number_line(record: &Guidance) -> Block {
    Block::Number(numbered(&record.number.to_string(), record.voided.is_some()))
}

fn body(text: String) -> Block {
    Block::Paragraph { text, face: Face::FangSong, align: Align::Left, indent: true }
}

fn heading(text: &str) -> Block {
    Block::Paragraph { text: text.to_owned(), face: Face::HeiTi, align: Align::Left, indent: true }
}

/// A clerk's text, one indented paragraph per non-empty line.
fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| body(l.to_owned()))
}

/// A typical case (典型案例) as a plain paper: its title and its text, one paragraph per line;
/// lines such as 一、基本情况 are set as headings.
pub fn typical_paper(case: &crate::domain::typical::TypicalCase, unit: &str) -> Paper {
    let mut blocks = vec![Block::Title(case.title.trim().to_owned()), Block::Blank];
    for line in case.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_heading = ["一、", "二、", "三、", "四、", "五、", "六、"]
            .iter()
            .any(|h| line.starts_with(h) && line.chars().count() <= 12);
        blocks.push(if is_heading { heading(line) } else { body(line.to_owned()) });
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Signature { unit: unit.trim().to_owned(), date: None });
    Paper {
        page: PageSpec::OFFICIAL, blocks, file_stem: format!("典型案例_{}", case.title.trim())
    }
}
