//! The window driven as a clerk would: type Chinese into forms, click Save, read the register.

use chrono::{Datelike, Local};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use guidance_ledger::domain::{Actor, CatalogueItem, Method, NoPenaltyEntry, Officer};
use guidance_ledger::store::Ledger;
use guidance_ledger::ui::{LedgerApp, Picker, Tab, setup_context};
use tempfile::TempDir;

use eframe::egui;

struct Office {
    dir: TempDir,
    path: std::path::PathBuf,
}

/// A fresh ledger on disk, optionally with two officers and one catalogue item.
fn office(with_staff: bool) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let ledger = Ledger::open(&path).unwrap();
    if with_staff {
        for (name, station) in [("马国强", "安监站"), ("丁秀兰", "市场监管所")] {
            let officer = Officer {
                name: name.into(),
                station: station.into(),
                badge: "鲁淄37010001".into(),
                active: true,
                ..Default::default()
            };
            ledger.save_officer(&officer).unwrap();
        }
        let item = CatalogueItem {
            name: "食品经营规范提示".into(),
            domain: "市场监管".into(),
            method: Method::Reminder,
            basis: "《中华人民共和国食品安全法》第三十三条".into(),
            ..Default::default()
        };
        ledger.save_item(&item).unwrap();
    }
    ledger.set_preference("last_export_dir", &dir.path().to_string_lossy()).unwrap();
    Office { dir, path }
}

/// The window with the reviewer 李明 already chosen as the one working.
fn open_window(office: &Office) -> Harness<'static, LedgerApp> {
    let ledger = Ledger::open(&office.path).unwrap();
    let app = LedgerApp::new(ledger, Picker::Never).unwrap();
    harness_for(app.with_actor(Actor::Reviewer { name: "李明".into() }))
}

/// The window as it starts for the clerk: asking who is working.
fn open_window_asking(office: &Office) -> Harness<'static, LedgerApp> {
    let ledger = Ledger::open(&office.path).unwrap();
    harness_for(LedgerApp::new(ledger, Picker::Never).unwrap())
}

fn harness_for(app: LedgerApp) -> Harness<'static, LedgerApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(32)
        .with_step_dt(1.0 / 30.0)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut LedgerApp| app.ui(ui), app);
    harness.run_steps(3);
    harness
}

/// The text field named `label`; a column header with the same words is passed over.
fn field<'h>(harness: &'h Harness<'_, LedgerApp>, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .query_by_role_and_label(Role::TextInput, label)
        .or_else(|| harness.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("没有名为“{label}”的输入框"))
}

fn type_into(harness: &mut Harness<'_, LedgerApp>, label: &str, text: &str) {
    field(harness, label).click();
    harness.run_steps(2);
    field(harness, label).type_text(text);
    harness.run_steps(2);
}

fn click(harness: &mut Harness<'_, LedgerApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label(label).click();
    harness.run();
}

fn status(harness: &Harness<'_, LedgerApp>) -> String {
    harness.state().status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn now() -> chrono::NaiveDateTime {
    Local::now().naive_local()
}

fn this_year() -> i32 {
    Local::now().year()
}

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

/// Fills the 新建指导 form for a 个体工商户 and saves it.
fn record_guidance(harness: &mut Harness<'_, LedgerApp>, name: &str, content: &str) {
    click(harness, "新建指导");
    type_into(harness, "指导地点", "金岭一村");
    harness.get_by_label("马国强（安监站）").click();
    harness.run_steps(2);
    click(harness, "个体工商户");
    type_into(harness, "名称", name);
    type_into(harness, "联系电话", "13905331234");
    click(harness, "指导事项");
    click(harness, "食品经营规范提示（市场监管·提示提醒）");
    type_into(harness, "指导内容", content);
    click(harness, "保存并编号");
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

/// Steps the window until the status line starts with `prefix` (background work keeps the
/// window repainting, so `run` would not settle).
fn wait_for_status(harness: &mut Harness<'_, LedgerApp>, prefix: &str) {
    for _ in 0..600 {
        harness.run_steps(1);
        if status(harness).starts_with(prefix) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("状态栏没有出现“{prefix}”，而是“{}”", status(harness));
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

/// Double-clicks a row of the register, which opens its record.
fn open_from_register(harness: &mut Harness<'_, LedgerApp>, name: &str) {
    // Let the earlier clicks age, so these two count as a double click and not a triple.
    harness.run_steps(12);
    harness.get_by_label(name).click();
    harness.step();
    harness.get_by_label(name).click();
    harness.run();
}

#[test]
fn the_person_chosen_at_start_is_named_in_the_records_history() {
    let office = office(true);
    let mut harness = open_window_asking(&office);
    harness.get_by_label("请选择当前操作人员");
    assert!(harness.query_by_label("登记簿").is_none(), "no tabs before someone is chosen");
    assert!(harness.get_by_label("开始工作").accesskit_node().is_disabled());

    click(&mut harness, "马国强");
    click(&mut harness, "以“马国强”身份开始工作");
    harness.get_by_label("当前人员：马国强");
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");

    click(&mut harness, "登记簿");
    open_from_register(&mut harness, "金岭镇清真牛肉面馆");
    harness.get_by_label_contains("马国强　新建");

    click(&mut harness, "作废…");
    type_into(&mut harness, "作废原因", "对象名称录错");
    click(&mut harness, "确认作废");
    open_from_register(&mut harness, "金岭镇清真牛肉面馆");
    harness.get_by_label_contains("马国强　作废");
    harness.get_by_label("作废原因：（空） → 对象名称录错");
    drop(harness);

    // The next start offers the same person first.
    let mut harness = open_window_asking(&office);
    click(&mut harness, "以“马国强”身份开始工作");
    assert_eq!(harness.state().actor().map(Actor::label).as_deref(), Some("马国强"));
}

#[test]
fn a_reviewer_added_at_start_works_and_the_history_window_checks_the_trail() {
    let office = office(false);
    let mut harness = open_window_asking(&office);
    type_into(&mut harness, "添加审查人员", "李明");
    click(&mut harness, "添加");
    click(&mut harness, "以“李明（司法所审查人员）”身份开始工作");
    harness.get_by_label("当前人员：李明（司法所审查人员）");

    click(&mut harness, "修改记录");
    harness.get_by_label_contains("共 1 条");
    harness.get_by_label("司法所审查人员：（空） → 李明");
    click(&mut harness, "校验修改记录");
    harness.get_by_label_contains("修改记录：1条，校验通过");
}

#[test]
fn a_record_marked_typical_is_saved_with_its_private_data_masked() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(
        &mut harness,
        "张三牛肉面馆",
        "提醒张三牛肉面馆落实进货查验，店主电话13905331234",
    );
    click(&mut harness, "查看");
    click(&mut harness, "典型案例…");
    harness.get_by_label_contains("已自动遮盖");
    type_into(&mut harness, "案例内容", "（已在全镇通报）");
    click(&mut harness, "标记为典型案例并保存");
    assert!(
        status(&harness).starts_with("已保存典型案例：食品经营规范提示"),
        "{}",
        status(&harness)
    );
    harness.get_by_label("取消典型案例标记");
    drop(harness);

    let cases = Ledger::open(&office.path).unwrap().typical_cases().unwrap();
    assert_eq!(cases.len(), 1);
    let text = &cases[0].text;
    assert!(text.contains("（已在全镇通报）"), "{text}");
    assert!(text.contains("提醒张＊＊＊＊＊落实进货查验，店主电话139＊＊＊＊1234"), "{text}");
    for private in ["张三", "13905331234"] {
        assert!(!text.contains(private), "{private} must not be published: {text}");
    }
}

#[test]
fn a_follow_up_is_planned_then_recorded_with_a_warning_when_the_handler_visits() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    click(&mut harness, "回访…");
    harness.get_by_label("尚未安排回访。");
    click(&mut harness, "保存回访计划");
    assert_eq!(status(&harness), "已保存回访计划");
    harness.get_by_label_contains("待回访");

    click(&mut harness, "记录回访结果…");
    harness.get_by_role_and_label(Role::CheckBox, "马国强").click();
    harness.run_steps(2);
    harness.get_by_label_contains("马国强也是本案的指导人员");
    type_into(&mut harness, "整改情况", "进货查验记录已建立");
    click(&mut harness, "保存回访结果");
    assert_eq!(status(&harness), "已保存回访结果");
    harness.get_by_label_contains("电话回访　回访人：马国强　满意");
    drop(harness);

    let follow_ups = Ledger::open(&office.path).unwrap().follow_ups().unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].visit.as_ref().unwrap().correction, "进货查验记录已建立");
}

#[test]
fn overdue_visits_are_shown_at_start_and_open_their_record() {
    use guidance_ledger::domain::follow_up::FollowUp;
    use guidance_ledger::domain::{GuidanceDraft, Subject, SubjectKind};
    let office = office(true);
    {
        let ledger = Ledger::open(&office.path).unwrap();
        let when = Local::now().naive_local() - chrono::Days::new(45);
        let mut draft = GuidanceDraft::new(when);
        draft.place = "金岭二村".into();
        draft.officers = vec![1];
        draft.subject = Subject {
            kind: SubjectKind::NaturalPerson,
            name: "回访对象甲".into(),
            ..Default::default()
        };
        draft.item = Some(1);
        draft.content = "提醒燃气安全".into();
        let g = ledger.create_guidance(&draft, when).unwrap();
        ledger.save_follow_up(&FollowUp::plan(&g, when)).unwrap();
    }
    let mut harness = open_window(&office);
    harness.get_by_label_contains("待办事项（1）");
    harness.get_by_label("回访已逾期");
    click(&mut harness, "打开");
    harness.get_by_label_contains("　已逾期");
    harness.get_by_label("记录回访结果…");
}

#[test]
fn a_record_is_moved_along_its_course_archived_and_then_corrected_with_a_reason() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    assert!(harness.query_by_label("转为“归档”").is_none(), "only the next moves are offered");
    click(&mut harness, "转为“实施”");
    assert_eq!(status(&harness), "办理过程已更新：实施");
    click(&mut harness, "转为“办结”");
    click(&mut harness, "转为“归档”");
    assert_eq!(status(&harness), "办理过程已更新：归档");
    harness.get_by_label_contains("已归档：内容如需更正");
    assert!(harness.query_by_label("作废…").is_none(), "an archived record is not voided");

    click(&mut harness, "更正…");
    harness.get_by_label_contains("更正已归档的记录");
    type_into(&mut harness, "指导内容", "，并张贴索证索票公示");
    type_into(&mut harness, "更正原因", "补记现场要求");
    click(&mut harness, "保存更正");
    assert!(status(&harness).starts_with("已保存更正"), "{}", status(&harness));
    click(&mut harness, "查看");
    assert!(harness.query_all_by_label_contains("更正：补记现场要求").next().is_some());
    drop(harness);

    let ledger = Ledger::open(&office.path).unwrap();
    let course = ledger.course(1).unwrap();
    assert_eq!(course.amendments[0].before.content, "提醒落实进货查验记录制度");
    assert!(ledger.guidance(1).unwrap().details.content.ends_with("并张贴索证索票公示"));
}

/// Whether the 新建指导 form's item list offers `name`.
fn item_offered(harness: &mut Harness<'_, LedgerApp>, name: &str) -> bool {
    click(harness, "新建指导");
    click(harness, "指导事项");
    let offered = harness.query_by_label_contains(name).is_some();
    harness.key_press(egui::Key::Escape);
    harness.run();
    offered
}

#[test]
fn a_new_item_is_reviewed_filed_and_published_before_it_can_be_used() {
    let office = office(true);
    let mut harness = open_window(&office);
    click(&mut harness, "事项目录");
    click(&mut harness, "＋ 新增事项");
    type_into(&mut harness, "事项名称", "禁止焚烧秸秆提示");
    type_into(&mut harness, "所属领域", "生态环境");
    type_into(&mut harness, "指导依据", "《中华人民共和国大气污染防治法》第七十七条");
    click(&mut harness, "保存为草拟事项");
    assert!(status(&harness).starts_with("已草拟事项：禁止焚烧秸秆提示"), "{}", status(&harness));
    assert!(!item_offered(&mut harness, "禁止焚烧秸秆提示（生态环境"), "a draft is not offered");

    click(&mut harness, "事项目录");
    click(&mut harness, "禁止焚烧秸秆提示");
    assert!(harness.query_by_label("公布").is_none(), "only the next move is offered");
    click(&mut harness, "提交审查");
    assert_eq!(status(&harness), "事项“禁止焚烧秸秆提示”：待审查");
    harness.get_by_label("待办（1）");

    click(&mut harness, "退回修改");
    type_into(&mut harness, "审查意见", "请写明条款项");
    click(&mut harness, "确认退回修改");
    assert_eq!(status(&harness), "事项“禁止焚烧秸秆提示”：退回修改");
    click(&mut harness, "提交审查");
    click(&mut harness, "审查通过");
    click(&mut harness, "确认审查通过");
    click(&mut harness, "备案");
    type_into(&mut harness, "备案号", "金司备〔2026〕12号");
    click(&mut harness, "确认备案");
    click(&mut harness, "公布");
    type_into(&mut harness, "公布网址", "http://www.example.gov.cn/zdml/12");
    click(&mut harness, "确认公布");
    assert_eq!(status(&harness), "事项“禁止焚烧秸秆提示”：已公布");
    harness.get_by_label("有效，可用于指导");
    harness.get_by_label_contains("备案号：金司备〔2026〕12号（");
    click(&mut harness, "取消");
    assert!(item_offered(&mut harness, "禁止焚烧秸秆提示（生态环境"), "published: offered");
}

#[test]
fn a_scan_is_attached_to_a_record_and_shown_as_checked() {
    let office = office(true);
    let scan = office.dir.path().join("签收回执.png");
    std::fs::write(&scan, b"\x89PNG scanned receipt").unwrap();
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    harness.get_by_label("暂无附件。");
    type_into(&mut harness, "文件路径", &scan.display().to_string());
    click(&mut harness, "添加附件");
    assert_eq!(status(&harness), "已添加附件：签收回执.png（已记录校验值）");
    harness.get_by_label_contains("送达回证　签收回执.png");
    harness.get_by_label("√ 校验一致");
}

/// Fills the form for a 劝导警示 of `name`, then checks the first-violation line before saving.
fn record_warning(harness: &mut Harness<'_, LedgerApp>, name: &str, expect: &str) {
    click(harness, "新建指导");
    type_into(harness, "指导地点", "金岭一村");
    harness.get_by_label("马国强（安监站）").click();
    harness.run_steps(2);
    click(harness, "个体工商户");
    type_into(harness, "名称", name);
    click(harness, "指导事项");
    click(harness, "食品经营规范提示（市场监管·提示提醒）");
    click(harness, "劝导警示");
    harness.get_by_label_contains(expect);
    type_into(harness, "指导内容", "占道经营，责令当场整改");
    click(harness, "保存并编号");
}

#[test]
fn a_second_warning_within_twelve_months_is_flagged_before_saving_and_the_commitment_kept() {
    let office = office(true);
    let entry = NoPenaltyEntry {
        serial: 3,
        domain: "市容环境".into(),
        violation: "占道经营".into(),
        basis: "《城市市容和环境卫生管理条例》第十七条".into(),
        conditions: "首次违法且当场改正".into(),
        implementer: "镇综合行政执法队".into(),
        ..Default::default()
    };
    let entry = Ledger::open(&office.path).unwrap().save_no_penalty(&entry, now()).unwrap();
    let mut harness = open_window(&office);
    record_warning(&mut harness, "老王烧烤", "首次违法：该对象前12个月内没有劝导警示记录");
    record_warning(&mut harness, "老王烧烤", "非首次违法：该对象前12个月内已有1次劝导警示");
    click(&mut harness, "查看");
    click(&mut harness, "不罚清单事项");
    click(&mut harness, "第3项 占道经营");
    harness.get_by_label("不予处罚条件：首次违法且当场改正（镇综合行政执法队）");
    click(&mut harness, "登记承诺书…");
    type_into(&mut harness, "承诺内容", "三日内清理占道物品，今后不再占道");
    click(&mut harness, "保存不罚清单登记");
    assert_eq!(status(&harness), "已保存不罚清单登记");
    harness.get_by_label_contains("李明（司法所审查人员）　［不罚清单登记］新建");
    harness.get_by_label_contains("不罚清单事项：第3项 占道经营");
    drop(harness);
    let cases = Ledger::open(&office.path).unwrap().warning_cases().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].guidance, 2);
    assert_eq!(cases[0].entry, Some(entry.id));
    assert!(!cases[0].first_violation);
    assert_eq!(cases[0].earlier, [1]);
    assert_eq!(cases[0].commitment.as_ref().unwrap().content, "三日内清理占道物品，今后不再占道");
}

/// Saves the pending export into the remembered folder and waits until it is written.
fn save_here(harness: &mut Harness<'_, LedgerApp>) {
    harness.get_by_label("未选择保存位置");
    harness.get_by_label("保存到此处").click();
    wait_for_status(harness, "已导出");
    harness.run_steps(2);
}

#[test]
fn a_record_is_previewed_and_exported_as_pdf_and_word() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    click(&mut harness, "预览");
    harness.get_by_label_contains("预览：行政指导文书");
    harness.get_by_label("第 1 页 / 共 1 页");

    let number = format!("金岭指导书〔{}〕1号", this_year());
    click(&mut harness, "导出 PDF");
    save_here(&mut harness);
    let pdf = office.dir.path().join(format!("行政指导文书_{number}.pdf"));
    assert_eq!(status(&harness), format!("已导出：{}", pdf.display()));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");
    harness.get_by_label_contains("本机未安装仿宋_GB2312，已改用");
    click(&mut harness, "关闭");

    click(&mut harness, "导出 Word");
    harness.get_by_label("保存到此处").click();
    let docx = office.dir.path().join(format!("行政指导文书_{number}.docx"));
    let written = format!("已导出：{}", docx.display());
    for _ in 0..600 {
        harness.run_steps(1);
        if status(&harness) == written {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(status(&harness), written);
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word file is a zip archive");
}

#[test]
fn the_documents_of_a_period_are_exported_in_one_pdf() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    record_guidance(&mut harness, "金岭回族镇好运来超市", "提醒规范明码标价");
    click(&mut harness, "登记簿");
    click(&mut harness, "批量导出文书…");
    harness.get_by_label("共2份（已作废的不导出）");
    click(&mut harness, "开始导出");
    save_here(&mut harness);
    harness.get_by_label_contains("共2份文书，写入1个文件");
    let written = std::fs::read_dir(office.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the batch PDF");
    assert!(written.file_name().unwrap().to_string_lossy().starts_with("行政指导文书_"));
    let pdf = lopdf::Document::load(&written).unwrap();
    assert_eq!(pdf.get_pages().len(), 2, "one page for each record");
}
