//! Records, letters, the register, settings and backups.

use super::*;

#[test]
fn an_empty_ledger_opens_on_the_catalogue_with_a_hint_and_takes_a_first_item() {
    let office = office(false);
    let mut harness = open_window(&office);
    assert_eq!(harness.state().tab, Tab::Catalogue);
    harness.get_by_label_contains("目录还是空的");

    click(&mut harness, "＋ 新增事项");
    type_into(&mut harness, "事项名称", "安全生产主体责任提示");
    type_into(&mut harness, "所属领域", "安全生产");
    type_into(&mut harness, "指导依据", "《中华人民共和国安全生产法》第四条");
    click(&mut harness, "保存事项");

    assert_eq!(status(&harness), "已保存事项：安全生产主体责任提示");
    harness.get_by_label("安全生产主体责任提示");
    drop(harness);
    let ledger = Ledger::open(&office.path).unwrap();
    assert_eq!(ledger.catalogue().unwrap()[0].domain, "安全生产");
}

#[test]
fn a_guidance_record_typed_in_chinese_is_numbered_and_shows_in_the_register() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");

    let number = format!("金岭指导书〔{}〕1号", this_year());
    assert_eq!(status(&harness), format!("已保存：{number}"));

    click(&mut harness, "登记簿");
    harness.get_by_label("金岭镇清真牛肉面馆");
    harness.get_by_label(&number);
    harness.get_by_label("马国强");

    record_guidance(&mut harness, "金岭回族镇好运来超市", "提醒规范明码标价");
    assert_eq!(status(&harness), format!("已保存：金岭指导书〔{}〕2号", this_year()));
}

#[test]
fn save_stays_disabled_while_the_credit_code_is_wrong() {
    let office = office(true);
    let mut harness = open_window(&office);
    click(&mut harness, "新建指导");
    type_into(&mut harness, "指导地点", "工业园");
    harness.get_by_label("马国强（安监站）").click();
    harness.run_steps(2);
    type_into(&mut harness, "名称", "淄博金岭化工有限公司");
    type_into(&mut harness, "统一社会信用代码", "91370303MA3C9Y1X2A");
    click(&mut harness, "指导事项");
    click(&mut harness, "食品经营规范提示（市场监管·提示提醒）");
    type_into(&mut harness, "指导内容", "安全培训");

    harness.get_by_label_contains("校验位应为");
    assert!(harness.get_by_label("保存并编号").accesskit_node().is_disabled());
    click(&mut harness, "保存并编号");
    assert!(harness.state().data.guidance.is_empty());
}

#[test]
fn ctrl_f_finds_a_record_from_any_tab_as_the_clerk_types() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    record_guidance(&mut harness, "好运来超市", "提醒规范明码标价");
    click(&mut harness, "事项目录");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(3);
    harness.get_by_label("查找").type_text("牛肉");
    harness.run_steps(3);
    harness.get_by_label_contains("找到 1 条");
    harness.get_by_label(&format!("金岭指导书〔{}〕1号", this_year())).click();
    harness.run_steps(3);
    harness.get_by_label_contains("指导记录 金岭指导书");
    harness.get_by_label("提醒落实进货查验记录制度");
}

#[test]
fn a_voided_record_keeps_its_number_in_the_register() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    click(&mut harness, "作废…");
    type_into(&mut harness, "作废原因", "对象名称录错");
    click(&mut harness, "确认作废");
    assert!(status(&harness).starts_with("已作废"), "{}", status(&harness));

    click(&mut harness, "登记簿");
    harness.get_by_label(&format!("金岭指导书〔{}〕1号（作废）", this_year()));
    harness.get_by_label("作废：对象名称录错");

    record_guidance(&mut harness, "好运来超市", "提醒规范明码标价");
    assert_eq!(status(&harness), format!("已保存：金岭指导书〔{}〕2号", this_year()));
}

#[test]
fn an_opinion_letter_is_made_from_a_guidance_record_and_numbered_in_the_shared_sequence() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "后厨未落实生熟分开");
    click(&mut harness, "据此出具意见书");
    assert_eq!(harness.state().tab, Tab::Letters);
    type_into(&mut harness, "指导意见", "请于7日内整改，配备生熟分开的刀具和案板");
    click(&mut harness, "保存并编号");

    let number = format!("金岭指导书〔{}〕2号", this_year());
    assert_eq!(status(&harness), format!("已保存意见书：{number}"));
    harness.get_by_label(&number);
    let letter = &harness.state().data.letters[0];
    assert_eq!(letter.details.addressee, "金岭镇清真牛肉面馆");
    assert_eq!(letter.details.problems, "后厨未落实生熟分开");
    assert_eq!(letter.details.contact, "金岭回族镇司法所");
}

#[test]
fn a_new_letter_typed_by_hand_is_saved_and_listed() {
    let office = office(true);
    let mut harness = open_window(&office);
    click(&mut harness, "意见书");
    click(&mut harness, "＋ 新建意见书");
    type_into(&mut harness, "收件对象", "金岭二村村民委员会");
    type_into(&mut harness, "存在问题", "秸秆露天焚烧");
    type_into(&mut harness, "指导意见", "加强宣传，落实禁烧网格责任");
    click(&mut harness, "保存并编号");
    harness.get_by_label("金岭二村村民委员会");
    assert_eq!(harness.state().data.letters.len(), 1);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(3);
    harness.get_by_label("查找").type_text("秸秆");
    harness.run_steps(3);
    harness.get_by_label_contains("找到 1 条");
    // Once in the letters list behind, once among the hits.
    assert_eq!(harness.query_all_by_label("金岭二村村民委员会").count(), 2);
}

#[test]
fn the_register_exports_to_the_remembered_folder_when_no_dialog_can_be_shown() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "=危险公式商店", "提醒规范明码标价");
    click(&mut harness, "登记簿");
    click(&mut harness, "导出 CSV");
    harness.get_by_label("未选择保存位置");
    // The file is written in the background, which keeps the window repainting: step, not run.
    harness.get_by_label("保存到此处").click();
    for _ in 0..500 {
        harness.run_steps(1);
        if status(&harness).starts_with("已导出") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let expected = office.dir.path().join(format!("行政指导事项登记簿_{}.csv", this_year()));
    assert_eq!(status(&harness), format!("已导出：{}", expected.display()));
    harness.run_steps(2);
    let bytes = std::fs::read(&expected).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][3], "'=危险公式商店");
    harness.get_by_role_and_label(Role::Button, "打开所在文件夹");
}

#[test]
fn an_edited_record_keeps_its_number() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "登记簿");
    // Let the earlier clicks age, so these two count as a double click and not a triple.
    harness.run_steps(12);
    harness.get_by_label("金岭镇清真牛肉面馆").click();
    harness.step();
    harness.get_by_label("金岭镇清真牛肉面馆").click();
    harness.run();
    click(&mut harness, "修改");
    assert_eq!(harness.state().tab, Tab::NewGuidance);
    type_into(&mut harness, "效益、效果", "已建立进货台账");
    click(&mut harness, "保存修改");

    let number = format!("金岭指导书〔{}〕1号", this_year());
    assert_eq!(status(&harness), format!("已保存修改：{number}"));
    let g = &harness.state().data.guidance[0];
    assert_eq!(g.number.to_string(), number);
    assert_eq!(g.details.effect, "已建立进货台账");
    assert_eq!(harness.state().data.guidance.len(), 1);
}

#[test]
fn the_register_filters_by_keyword_and_sorts_by_a_column() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "乙字号超市", "提醒规范明码标价");
    record_guidance(&mut harness, "甲字号面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "登记簿");
    harness.get_by_label_contains("共 2 条");

    type_into(&mut harness, "关键字", "进货查验");
    harness.get_by_label_contains("共 1 条");
    harness.get_by_label("甲字号面馆");
    assert!(harness.query_by_label("乙字号超市").is_none());

    click(&mut harness, "清除筛选");
    harness.get_by_label_contains("共 2 条");
    click(&mut harness, "文号");
    click(&mut harness, "文号 ▲");
    harness.get_by_label("文号 ▼");
    let first_row_y = |label: &str| harness.get_by_label(label).rect().top();
    assert!(first_row_y("甲字号面馆") < first_row_y("乙字号超市"));
}

#[test]
fn officers_are_added_in_settings_and_offered_in_the_form() {
    let office = office(false);
    let mut harness = open_window(&office);
    click(&mut harness, "设置");
    click(&mut harness, "＋ 添加人员");
    type_into(&mut harness, "姓名", "金玉华");
    type_into(&mut harness, "执法证号", "鲁淄37039876");
    type_into(&mut harness, "所属站所", "司法所");
    click(&mut harness, "保存人员");
    assert_eq!(status(&harness), "已保存指导人员：金玉华");
    assert_eq!(harness.state().data.officers.len(), 1);
    click(&mut harness, "新建指导");
    harness.get_by_label("金玉华（司法所）");
}

#[test]
fn a_backup_made_from_settings_is_restored_over_later_changes() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");

    click(&mut harness, "设置");
    harness.run_steps(3);
    harness.get_by_label("立即备份").click();
    wait_for_status(&mut harness, "已备份并核对");
    let backups: Vec<_> = std::fs::read_dir(office.dir.path().join("备份"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");

    record_guidance(&mut harness, "好运来超市", "提醒规范明码标价");
    assert_eq!(harness.state().data.guidance.len(), 2);

    click(&mut harness, "设置");
    harness.run_steps(3);
    type_into(&mut harness, "从备份恢复", &backups[0].to_string_lossy());
    harness.get_by_label("查看备份").click();
    for _ in 0..300 {
        harness.run_steps(1);
        if harness.query_by_label("恢复此备份").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.get_by_label_contains("备份已通过校验");
    harness.get_by_label("恢复此备份").click();
    wait_for_status(&mut harness, "已从备份恢复");

    let data = &harness.state().data;
    assert_eq!(data.guidance.len(), 1);
    assert_eq!(data.guidance[0].details.subject.name, "金岭镇清真牛肉面馆");
    click(&mut harness, "登记簿");
    harness.get_by_label("金岭镇清真牛肉面馆");
    assert!(harness.query_by_label("好运来超市").is_none());
}
