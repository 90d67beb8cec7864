//! Word lists for made-up names. Every name they build is fictitious; any likeness to a
//! real person or business is chance.

use fastrand::Rng;

/// Surnames, weighted by repetition; 马, 金, 丁, 杨, 白, 米, 沙 are common among Hui families.
pub const SURNAMES: &[&str] = &[
    "马", "马", "马", "马", "金", "金", "金", "丁", "丁", "杨", "杨", "白", "米", "沙", "海", "哈",
    "王", "王", "王", "张", "张", "李", "李", "刘", "刘", "陈", "赵", "孙", "周", "吴", "徐", "孟",
    "崔", "韩", "高", "冯", "于", "宋", "毕", "翟", "边", "穆", "纳", "铁",
];

/// Characters for given names; a given name is one or two of them.
pub const GIVEN: &[&str] = &[
    "建", "国", "军", "红", "玉", "兰", "秀", "英", "明", "华", "志", "强", "伟", "芳", "静", "丽",
    "勇", "杰", "涛", "磊", "敏", "燕", "霞", "平", "刚", "桂", "凤", "荣", "文", "斌", "海", "波",
    "鹏", "宁", "婷", "雪", "浩", "宇", "晨", "欣", "悦", "瑞", "晓", "德", "福", "振", "学", "成",
];

/// Villages and communities of the town, used in addresses and places; generic names.
pub const VILLAGES: &[&str] = &[
    "金岭一村",
    "金岭二村",
    "金岭三村",
    "金岭四村",
    "铁冶村",
    "东金村",
    "西金村",
    "南金村",
    "北金村",
    "金岭社区",
];

/// Streets and roads for addresses.
pub const STREETS: &[&str] =
    &["中心街", "金岭大道", "清真寺街", "工业路", "民族路", "兴业路", "商贸街", "南环路", "北环路"];

/// Trade names (字号) of businesses.
pub const TRADE_NAMES: &[&str] = &[
    "鑫源", "金泰", "华岳", "瑞丰", "恒通", "德润", "宏达", "永盛", "聚福", "祥和", "隆昌", "兴业",
    "顺达", "嘉禾", "汇通", "正阳", "锦程", "天元", "广益", "同信", "泰和", "金川", "岭东", "齐鲁",
    "晨光", "新元", "安康", "裕丰", "明远", "富华", "中岭", "金石", "宏远", "佳诚", "益民", "海润",
];

/// A trade of an enterprise: the words in its name and what it is usually guided about.
#[derive(Clone, Copy)]
pub struct Trade {
    pub words: &'static str,
    pub domains: &'static [&'static str],
}

/// Trades of enterprises in a town inside a chemical industry park.
pub const ENTERPRISE_TRADES: &[Trade] = &[
    Trade { words: "化工", domains: &["安全生产", "生态环境", "消防"] },
    Trade { words: "精细化工", domains: &["安全生产", "生态环境", "消防"] },
    Trade { words: "新材料", domains: &["安全生产", "生态环境", "消防"] },
    Trade { words: "机械制造", domains: &["安全生产", "消防"] },
    Trade { words: "食品", domains: &["市场监管", "安全生产", "消防"] },
    Trade { words: "清真食品", domains: &["市场监管", "安全生产"] },
    Trade { words: "物流", domains: &["安全生产", "消防", "综合执法"] },
    Trade { words: "建材", domains: &["安全生产", "生态环境", "城乡建设"] },
    Trade { words: "建筑工程", domains: &["城乡建设", "安全生产"] },
    Trade { words: "商贸", domains: &["市场监管", "消防"] },
    Trade { words: "餐饮管理", domains: &["市场监管", "消防", "生态环境"] },
    Trade { words: "文化传媒", domains: &["文化旅游", "市场监管"] },
    Trade { words: "畜牧养殖", domains: &["农业农村", "生态环境"] },
];

/// Legal forms of enterprises.
pub const ENTERPRISE_FORMS: &[&str] = &["有限公司", "有限公司", "有限公司", "有限责任公司"];

/// Kinds of individual businesses (个体工商户) and what they are guided about.
pub const SHOP_TRADES: &[Trade] = &[
    Trade { words: "小吃部", domains: &["市场监管", "消防"] },
    Trade { words: "清真牛肉馆", domains: &["市场监管", "消防", "生态环境"] },
    Trade { words: "清真糕点坊", domains: &["市场监管"] },
    Trade { words: "烧烤店", domains: &["市场监管", "生态环境", "消防"] },
    Trade { words: "便利店", domains: &["市场监管", "消防"] },
    Trade { words: "超市", domains: &["市场监管", "消防"] },
    Trade { words: "五金店", domains: &["市场监管", "消防"] },
    Trade { words: "汽修部", domains: &["生态环境", "消防", "安全生产"] },
    Trade { words: "理发店", domains: &["市场监管", "卫生健康"] },
    Trade { words: "网吧", domains: &["文化旅游", "消防"] },
    Trade { words: "农资店", domains: &["农业农村", "市场监管"] },
    Trade { words: "药店", domains: &["市场监管", "卫生健康"] },
    Trade { words: "废品收购站", domains: &["生态环境", "消防", "综合执法"] },
    Trade { words: "宾馆", domains: &["消防", "文化旅游", "市场监管"] },
];

/// What natural persons are usually guided about.
pub const PERSON_DOMAINS: &[&str] = &["农业农村", "城乡建设", "生态环境", "消防", "综合执法"];

/// Picks one entry of a list; the lists are never empty.
pub fn pick<T: Copy>(rng: &mut Rng, list: &[T]) -> T {
    list[rng.usize(..list.len())]
}

/// A person's name: a surname and one or two given-name characters.
pub fn person(rng: &mut Rng) -> String {
    let mut name = pick(rng, SURNAMES).to_string();
    name.push_str(pick(rng, GIVEN));
    if rng.u8(..10) < 7 {
        name.push_str(pick(rng, GIVEN));
    }
    name
}

/// A mobile number such as 13905331234.
pub fn mobile(rng: &mut Rng) -> String {
    const PREFIXES: [&str; 8] = ["133", "135", "138", "139", "150", "153", "158", "186"];
    format!("{}{:08}", pick(rng, &PREFIXES), rng.u32(..100_000_000))
}

/// A Zibo landline such as 0533-7461234.
pub fn landline(rng: &mut Rng) -> String {
    format!("0533-{}", rng.u32(7_000_000..7_999_999))
}

/// An address in the town.
pub fn address(rng: &mut Rng) -> String {
    if rng.bool() {
        format!("金岭回族镇{}{}号", pick(rng, STREETS), rng.u32(1..300))
    } else {
        format!("金岭回族镇{}{}号", pick(rng, VILLAGES), rng.u32(1..200))
    }
}
