//! Sentences of the demo records, built from templates.

use fastrand::Rng;

use crate::domain::Method;

use super::names::pick;

/// Problems an officer may find under a catalogue item, falling back to its domain.
pub fn problems(item: &str, domain: &str) -> &'static [&'static str] {
    match item {
        "安全生产主体责任落实提示" => &[
            "安全生产责任制未张贴公示",
            "主要负责人未组织制定年度安全教育培训计划",
            "安全生产管理台账记录不全",
        ],
        "从业人员安全教育培训建议" => {
            &["部分新入职员工未参加安全教育培训", "安全培训记录不完整"]
        }
        "危险化学品储存使用安全提醒" => {
            &["危险化学品出入库台账记录不完整", "危险化学品与其他物品混存"]
        }
        "安全生产轻微违法行为劝导警示" => {
            &["车间安全警示标志设置不规范", "应急预案未按要求组织演练"]
        }
        "明码标价规范提示" => {
            &["部分商品未明码标价", "价签标示内容不全", "服务项目价目表未公示"]
        }
        "食品经营场所卫生规范建议" => {
            &["食品原料进货查验记录不完整", "个别从业人员健康证明已过期", "后厨生熟食品未分开存放"]
        }
        "企业年度报告公示提醒" => &["上一年度年度报告尚未报送公示"],
        "广告用语轻微违法劝导警示" => &["店外宣传用语存在“最佳”“第一”等绝对化用语"],
        "餐饮油烟净化设施提示" => &["油烟净化设施未定期清洗", "油烟净化设施未正常使用"],
        "企业污染防治措施建议" => {
            &["露天堆放物料未采取覆盖措施", "危险废物贮存场所标识不全"]
        }
        "农药规范使用提示" => &["农药未分类存放，销售台账记录不全", "农药使用记录不完整"],
        "农民专业合作社规范运营建议" => {
            &["成员账户和财务记录不规范", "未按章程召开成员大会"]
        }
        "建筑施工扬尘防治提示" => {
            &["施工工地未设置围挡、裸土未覆盖", "运输车辆未密闭，沿途撒漏"]
        }
        "消防安全责任落实提示" => {
            &["灭火器压力不足未及时更换", "消防安全检查记录不全", "电动自行车在室内停放充电"]
        }
        "占用疏散通道劝导警示" => &["疏散通道堆放杂物", "安全出口被锁闭"],
        "禁止接纳未成年人提示" => {
            &["未在显著位置悬挂禁止未成年人进入标志", "未落实上网人员身份核验"]
        }
        "旅馆住宿登记规范建议" => &["住宿登记信息不完整"],
        "公共场所卫生管理提示" => {
            &["卫生许可证未在显著位置悬挂", "公共用品用具消毒记录不全"]
        }
        _ => domain_problems(domain),
    }
}

/// Problems found in a domain, for items without a list of their own.
fn domain_problems(domain: &str) -> &'static [&'static str] {
    match domain {
        "安全生产" => &["安全生产责任制未张贴公示", "安全警示标志设置不规范"],
        "市场监管" => &["部分商品未明码标价", "营业执照未在显著位置悬挂"],
        "生态环境" => &["露天堆放物料未采取覆盖措施", "田间地头存在焚烧秸秆隐患"],
        "农业农村" => &["农业投入品使用记录不完整", "在耕地上堆放建筑材料"],
        "城乡建设" => &["自建房开工前未办理乡村建设规划许可"],
        "消防" => &["疏散通道堆放杂物", "家中私拉乱接电线"],
        "文化旅游" => &["未在显著位置悬挂禁止未成年人进入标志"],
        "卫生健康" => &["公共用品用具消毒记录不全"],
        _ => &["店外占道经营", "沿街堆放杂物影响通行"],
    }
}

/// 指导内容 of a record.
pub fn content(
    rng: &mut Rng,
    method: Method,
    subject: &str,
    item: &str,
    basis: &str,
    problem: &str,
) -> String {
    match (method, rng.bool()) {
        (Method::Policy, true) => {
            format!("向{subject}宣传讲解{basis}等规定，发放宣传资料，告知相关政策要求和办理渠道。")
        }
        (Method::Policy, false) => {
            format!("围绕“{item}”，向{subject}解读{basis}的主要内容，解答其提出的疑问。")
        }
        (Method::Advice, true) => format!(
            "针对{subject}{problem}的情况，依据{basis}建议其完善内部管理制度，明确专人负责。"
        ),
        (Method::Advice, false) => {
            format!("就“{item}”向{subject}提出意见建议：建立工作台账，定期自查，规范经营行为。")
        }
        (Method::Reminder, true) => {
            format!("检查中发现{subject}{problem}，依据{basis}提示其及时整改，避免发生违法行为。")
        }
        (Method::Reminder, false) => {
            format!("提醒{subject}注意“{item}”相关要求，告知{basis}的规定及违反规定的法律后果。")
        }
        (Method::Warning, true) => format!(
            "{subject}{problem}，属首次轻微违法且危害后果轻微，依据{basis}责令当场改正，\
             签订承诺书，不予行政处罚。"
        ),
        (Method::Warning, false) => format!(
            "对{subject}进行劝导教育，指出其{problem}，告知可能承担的法律责任，\
             督促限期改正并签署承诺书。"
        ),
        (Method::Example, _) => {
            format!("对{subject}在“{item}”方面的良好做法予以肯定，组织周边经营者现场观摩学习。")
        }
        (Method::Revisit, _) => {
            format!("对{subject}进行回访，了解整改落实情况和对执法工作的满意度，听取意见建议。")
        }
    }
}

/// 指导取得的效益、效果 of an accepted act of guidance.
pub fn effect(rng: &mut Rng, method: Method) -> String {
    let options: &[&str] = match method {
        Method::Policy => {
            &["对象已了解相关政策，表示将依法经营", "对象已掌握办理渠道，已按要求申请"]
        }
        Method::Advice => &["对象采纳建议，已建立相关管理台账", "对象表示认可，正在完善内部制度"],
        Method::Reminder => {
            &["对象当场整改完毕", "已按要求完成整改，经复查合格", "对象限期整改，已复查"]
        }
        Method::Warning => &["对象签署承诺书，已改正，不予处罚", "当场改正，签订承诺书，复查合格"],
        Method::Example => &["周边经营者参加观摩，反响良好", "对象做法在全镇推广"],
        Method::Revisit => {
            &["整改措施落实到位，对象表示满意", "对象无新的违法行为，对执法工作满意"]
        }
    };
    pick(rng, options).to_string()
}

/// 指导取得的效益、效果 when the subject refused; sometimes left empty.
pub fn refusal(rng: &mut Rng) -> String {
    let options =
        ["", "对象表示暂不接受，已告知其自主决定不影响其合法权益", "对象未采纳，已记录在案"];
    pick(rng, &options).to_string()
}

/// Why a record was voided.
pub fn void_reason(rng: &mut Rng) -> &'static str {
    pick(rng, &["指导对象名称录入有误，已重新登记", "重复登记", "指导事项选择错误，已重新登记"])
}

/// 指导意见 of a letter.
pub fn opinion(rng: &mut Rng, basis: &str) -> String {
    let days = pick(rng, &[3, 5, 7, 10, 15]);
    match rng.u8(..3) {
        0 => format!("请依据{basis}，于{days}日内对上述问题进行整改，并将整改情况反馈我单位。"),
        1 => format!("建议对照{basis}开展自查，{days}日内完成整改；如有困难，可向我单位咨询。"),
        _ => format!("请于{days}日内整改到位，建立长效管理制度，防止问题反复。"),
    }
}

/// 对象反馈 on a letter; often empty.
pub fn feedback(rng: &mut Rng) -> String {
    let options = ["", "", "已收到，将按要求整改", "已整改完毕，请予复查", "对指导意见无异议"];
    pick(rng, &options).to_string()
}
