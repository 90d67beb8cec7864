use super::*;
use crate::export::paper::{FormRow, RegisterPaper};

const SPEC: PageSpec = PageSpec::OFFICIAL;

fn paper(blocks: Vec<Block>) -> Paper {
    Paper { page: SPEC, blocks, file_stem: "测试".into() }
}

fn body(text: &str) -> Block {
    Block::Paragraph { text: text.into(), face: Face::FangSong, align: Align::Left, indent: true }
}

/// Every item but the page number.
fn text_items(page: &LaidPage) -> Vec<&Placed> {
    page.items.iter().filter(|p| p.size_pt != SPEC.folio_pt).collect()
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn body_lines_sit_on_the_grid_inside_the_text_block() {
    let text = "为帮助你（单位）依法依规开展生产经营活动，防范违法风险。".repeat(30);
    let laid = lay_out(&paper(vec![body(&text)]));
    assert!(laid.pages.len() >= 2, "{} pages", laid.pages.len());
    let em = SPEC.body_pt * MM_PER_PT;
    let right = SPEC.left_mm + SPEC.text_width_mm;
    for page in &laid.pages {
        let items = text_items(page);
        assert!(items.len() <= 22, "{} lines on a page", items.len());
        for (i, item) in items.iter().enumerate() {
            let band_top =
                SPEC.top_mm + f32::from(u16::try_from(i).unwrap_or(0)) * SPEC.line_pitch_mm();
            assert!(item.baseline_mm - 0.88 * em >= band_top - 0.01, "{item:?}");
            assert!(item.baseline_mm + EM_DESCENT * em <= band_top + SPEC.line_pitch_mm());
            assert!(item.x_mm >= SPEC.left_mm - 0.01);
            assert!(item.x_mm + item.width_mm() <= right + 0.01 + item.cell_mm, "{item:?}");
        }
    }
    let first = text_items(&laid.pages[0])[0];
    assert!(near(first.x_mm, SPEC.left_mm + 2.0 * SPEC.cell_mm()), "two-character indent");
    let second = text_items(&laid.pages[0])[1];
    assert!(near(second.x_mm, SPEC.left_mm));
    assert_eq!(second.text.chars().count(), 28);
}

#[test]
fn page_numbers_stand_right_on_odd_pages_and_left_on_even() {
    let laid = lay_out(&paper(vec![body(&"字".repeat(28 * 50))]));
    assert!(laid.pages.len() >= 3);
    let cell = SPEC.folio_pt * MM_PER_PT;
    let right = SPEC.left_mm + SPEC.text_width_mm;
    for (i, page) in laid.pages.iter().enumerate() {
        let folio = page.items.iter().find(|p| p.size_pt == SPEC.folio_pt);
        let folio = folio.expect("every page has a number");
        assert_eq!(folio.text, format!("— {} —", i + 1));
        let top = folio.baseline_mm - cell * (1.0 - EM_DESCENT);
        assert!(near(top, SPEC.top_mm + SPEC.text_height_mm + 7.0));
        if i % 2 == 0 {
            assert!(near(folio.x_mm + folio.width_mm(), right - cell), "{folio:?}");
        } else {
            assert!(near(folio.x_mm, SPEC.left_mm + cell), "{folio:?}");
        }
    }
}

#[test]
fn the_date_ends_four_characters_in_and_the_unit_is_centred_over_it() {
    let laid = lay_out(&paper(vec![Block::Signature {
        unit: "金岭回族镇人民政府（公章）".into(),
        date: Some("2026年12月3日".into()),
    }]));
    let items = text_items(&laid.pages[0]);
    let (unit, date) = (items[0], items[1]);
    let right = SPEC.left_mm + SPEC.text_width_mm - 4.0 * SPEC.cell_mm();
    assert!(near(date.x_mm + date.width_mm(), right), "{date:?}");
    let centre = |p: &Placed| p.x_mm + p.width_mm() / 2.0;
    assert!(near(centre(unit), centre(date)));
    assert!(date.baseline_mm > unit.baseline_mm);
}

#[test]
fn a_form_row_grows_with_its_text_and_splits_across_pages() {
    let long = "企业应当建立健全安全生产责任制，落实全员岗位责任。".repeat(40);
    let rows = vec![
        FormRow { label: "指导时间".into(), value: "2026年12月3日".into(), min_lines: 1 },
        FormRow {
            label: "指导取得的效益、效果".into(), value: long.clone(), min_lines: 4
        },
        FormRow { label: "指导地点".into(), value: String::new(), min_lines: 1 },
    ];
    let laid = lay_out(&paper(vec![Block::Form { label_chars: 6, rows }]));
    assert!(laid.pages.len() >= 2);
    let right = SPEC.left_mm + SPEC.text_width_mm;
    let bottom = SPEC.top_mm + SPEC.text_height_mm;
    let mut value = String::new();
    for page in &laid.pages {
        assert!(!page.rules.is_empty());
        for rule in &page.rules {
            assert!(rule.x1_mm >= SPEC.left_mm - 0.01 && rule.x2_mm <= right + 0.01);
            assert!(rule.y1_mm >= SPEC.top_mm - 0.01 && rule.y2_mm <= bottom + 0.01, "{rule:?}");
        }
        for item in text_items(page) {
            assert!(item.x_mm + item.width_mm() <= right - SPEC.cell_mm() / 2.0 + 0.01);
            if item.x_mm > SPEC.left_mm + 7.0 * SPEC.cell_mm() - 0.01
                && item.text != "2026年12月3日"
            {
                value.push_str(&item.text);
            }
        }
    }
    assert_eq!(value, long, "the value's text comes back whole and in order");
    let labels: String = text_items(&laid.pages[0])
        .iter()
        .filter(|p| p.x_mm < SPEC.left_mm + 7.0 * SPEC.cell_mm())
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(labels, "指导时间指导取得的效益、效果");
}

#[test]
fn nonsense_input_lays_out_without_panicking() {
    let mut spec = SPEC;
    spec.lines = 0;
    spec.text_width_mm = f32::NAN;
    let weird = Paper {
        page: spec,
        blocks: vec![
            Block::Title(String::new()),
            body("\u{0}\u{7}\r\n\t"),
            Block::Form {
                label_chars: 900,
                rows: vec![FormRow {
                    label: String::new(),
                    value: "x".into(),
                    min_lines: u32::MAX,
                }],
            },
            Block::Signature { unit: String::new(), date: None },
        ],
        file_stem: String::new(),
    };
    let laid = lay_out(&weird);
    assert!(!laid.pages.is_empty());
    let empty = lay_out(&paper(Vec::new()));
    assert_eq!(empty.pages.len(), 1);
}

fn register(rows: usize) -> RegisterPaper {
    RegisterPaper {
        page: PageSpec::REGISTER,
        title: "金岭回族镇人民政府行政指导事项登记簿".into(),
        period: "2026年".into(),
        headers: [
            "序号",
            "时间",
            "文号",
            "指导对象",
            "指导事项",
            "指导方式",
            "指导结果",
            "指导人员",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![2.5, 6.5, 8.0, 7.0, 9.0, 4.5, 4.0, 5.5],
        rows: (1..=rows)
            .map(|i| {
                vec![
                    i.to_string(),
                    "2026年3月5日 9:30".into(),
                    format!("金岭指导书〔2026〕{i}号"),
                    if i % 7 == 0 {
                        "宁夏金岭某某农产品加工有限责任公司第二分公司".into()
                    } else {
                        "张三".into()
                    },
                    "价格行为规范指导".into(),
                    "提醒".into(),
                    "接受".into(),
                    "马国强、李娜".into(),
                ]
            })
            .collect(),
        file_stem: "登记簿".into(),
    }
}

#[test]
fn the_register_repeats_its_header_on_every_page() {
    let paper = register(300);
    let laid = lay_out_register(&paper);
    assert!(laid.pages.len() >= 5, "{} pages", laid.pages.len());
    let bottom = paper.page.top_mm + paper.page.text_height_mm;
    let mut numbers = Vec::new();
    for (i, page) in laid.pages.iter().enumerate() {
        assert!(near(page.width_mm, 297.0) && near(page.height_mm, 210.0));
        let header = page.items.iter().find(|p| p.face == Face::HeiTi && p.text == "指导对象");
        assert!(header.is_some(), "page {} has the header", i + 1);
        for rule in &page.rules {
            assert!(rule.y2_mm <= bottom + 0.01, "page {}: {rule:?}", i + 1);
        }
        numbers.extend(
            page.items
                .iter()
                .filter(|p| p.face == Face::FangSong && p.x_mm < 40.0 && p.size_pt < 12.0)
                .filter_map(|p| p.text.parse::<usize>().ok()),
        );
    }
    assert_eq!(numbers, (1..=300).collect::<Vec<_>>(), "every row once, in order");
    assert!(laid.title.contains("2026年"));
}

#[test]
fn a_register_row_taller_than_a_page_splits() {
    let mut paper = register(1);
    paper.rows[0][3] = "很长的名称".repeat(400);
    let laid = lay_out_register(&paper);
    assert!(laid.pages.len() >= 2);
    let empty = lay_out_register(&RegisterPaper { headers: Vec::new(), ..register(0) });
    assert_eq!(empty.pages.len(), 1);
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    // Twenty lines of text and two blank lines leave no room for unit and date.
    let mut blocks: Vec<Block> = (0..20).map(|i| body(&format!("第{i}段"))).collect();
    blocks.extend([Block::Blank, Block::Blank]);
    blocks.push(Block::Signature {
        unit: "金岭回族镇人民政府".into(),
        date: Some("2026年12月3日".into()),
    });
    let laid = lay_out(&paper(blocks.clone()));
    assert_eq!(laid.pages.len(), 1, "the blank lines close up");

    // Twenty-two lines of text: the last two go over with the signature.
    blocks.splice(0..0, [body("甲"), body("乙")]);
    let laid = lay_out(&paper(blocks));
    assert_eq!(laid.pages.len(), 2);
    let second: Vec<&str> = text_items(&laid.pages[1]).iter().map(|p| p.text.as_str()).collect();
    assert_eq!(second, ["第18段", "第19段", "金岭回族镇人民政府", "2026年12月3日"]);
    let first_line = |page: &LaidPage| text_items(page)[0].baseline_mm;
    assert!(near(first_line(&laid.pages[1]), first_line(&laid.pages[0])));
}
