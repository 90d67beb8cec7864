//! The office's workflow: who works, history, typical cases, visits, the to-do list, the
//! course, the review of items, attachments and 劝导警示 with the no-penalty list.

use super::*;

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
    // A click anywhere on the row opens the visit.
    click(&mut harness, "回访已逾期");
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

#[test]
fn the_concluded_records_of_the_register_are_archived_together() {
    use guidance_ledger::domain::course::{Stage, Step};
    let office = office(true);
    let mut harness = open_window(&office);
    for name in ["金岭镇老马烧饼铺", "金岭镇清真牛肉面馆", "金岭镇小李超市"]
    {
        record_guidance(&mut harness, name, "提醒落实进货查验记录制度");
    }
    drop(harness);
    {
        // Two records concluded, the third still being carried out.
        let ledger = Ledger::open(&office.path).unwrap();
        for (id, to) in [(1, Stage::Concluded), (2, Stage::Concluded), (3, Stage::Implemented)] {
            ledger
                .advance_course(
                    id,
                    Step::Advance { to: Stage::Implemented, note: String::new() },
                    now(),
                    "马国强",
                )
                .unwrap();
            if to == Stage::Concluded {
                ledger
                    .advance_course(id, Step::Advance { to, note: String::new() }, now(), "马国强")
                    .unwrap();
            }
        }
    }
    let mut harness = open_window(&office);
    click(&mut harness, "登记簿");
    click(&mut harness, "办理阶段");
    click(&mut harness, "办结");
    assert!(harness.query_by_label("金岭镇小李超市").is_none(), "the filter keeps 办结 only");
    click(&mut harness, "归档已办结（2）…");
    harness.get_by_label_contains("将登记簿当前筛选出的 2 份已办结记录归档");
    click(&mut harness, "归档 2 份记录");
    assert_eq!(status(&harness), "已归档 2 份记录");
    harness.get_by_label_contains("共 0 条");
    click(&mut harness, "办理阶段");
    click(&mut harness, "归档");
    harness.get_by_label("金岭镇老马烧饼铺");
    harness.get_by_label("金岭镇清真牛肉面馆");
    drop(harness);

    let ledger = Ledger::open(&office.path).unwrap();
    let stages: Vec<Stage> = (1..=3).map(|id| ledger.course(id).unwrap().stage).collect();
    assert_eq!(stages, [Stage::Archived, Stage::Archived, Stage::Implemented]);
    let archived = ledger.course(1).unwrap();
    let last = archived.history.last().unwrap();
    assert_eq!((last.by.as_str(), last.note.as_str()), ("李明（司法所审查人员）", "批量归档"));
    assert!(ledger.verify().unwrap().passed(), "the batch left a sound trail");
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
