//! The demo's stations, officers and catalogue. Items and their bases are generic
//! examples of what a township may guide, not the town's published catalogue.

use fastrand::Rng;

use crate::domain::{CatalogueItem, ItemStatus, Method, Officer};

use super::names;

/// A town station (站所) whose staff give guidance.
pub struct Station {
    pub name: &'static str,
    /// Staff of the station in the demo.
    pub staff: usize,
}

/// Stations and how many officers each has; 综合执法中队 also does 城乡建设 work.
pub const STATIONS: &[Station] = &[
    Station { name: "安监站", staff: 2 },
    Station { name: "市场监管所", staff: 2 },
    Station { name: "综合执法中队", staff: 2 },
    Station { name: "农业综合服务中心", staff: 1 },
    Station { name: "环保所", staff: 1 },
    Station { name: "消防站", staff: 1 },
    Station { name: "文化站", staff: 1 },
    Station { name: "司法所", staff: 1 },
];

/// The station that carries out items of a domain.
pub fn station_for(domain: &str) -> &'static str {
    match domain {
        "安全生产" => "安监站",
        "市场监管" | "卫生健康" => "市场监管所",
        "生态环境" => "环保所",
        "农业农村" => "农业综合服务中心",
        "消防" => "消防站",
        "文化旅游" => "文化站",
        _ => "综合执法中队",
    }
}

/// Officers of every station, ids still 0. The last of the 安监站 staff has since left
/// (inactive); the generator only names him in the first two years.
pub fn officers(rng: &mut Rng) -> Vec<Officer> {
    let mut out = Vec::new();
    for station in STATIONS {
        for i in 0..station.staff {
            let active = !(station.name == "安监站" && i + 1 == station.staff);
            out.push(Officer {
                id: 0,
                name: names::person(rng),
                badge: format!("鲁淄3701{:04}", rng.u32(1..10_000)),
                station: station.name.to_string(),
                phone: names::mobile(rng),
                active,
            });
        }
    }
    out
}

/// One demo catalogue item before it is saved.
#[derive(Clone, Copy)]
pub struct ItemSpec {
    pub domain: &'static str,
    pub method: Method,
    pub name: &'static str,
    pub basis: &'static str,
    pub applicable_to: &'static str,
    pub involves_enterprise: bool,
    /// A deactivated item is used only in the first two years of the demo.
    pub deactivated: bool,
}

const fn item(
    domain: &'static str,
    method: Method,
    name: &'static str,
    basis: &'static str,
    applicable_to: &'static str,
) -> ItemSpec {
    ItemSpec {
        domain,
        method,
        name,
        basis,
        applicable_to,
        involves_enterprise: true,
        deactivated: false,
    }
}

const fn for_people(spec: ItemSpec) -> ItemSpec {
    ItemSpec { involves_enterprise: false, ..spec }
}

const fn deactivated(spec: ItemSpec) -> ItemSpec {
    ItemSpec { deactivated: true, ..spec }
}

const UNITS: &str = "辖区生产经营单位";
const SHOPS: &str = "辖区企业、个体工商户";
const VILLAGERS: &str = "辖区村（居）民";
const FARMS: &str = "农业生产经营主体、村（居）民";
const PLAN: &str = "《法治政府建设实施纲要（2021－2025年）》";
const MINOR: &str = "《中华人民共和国行政处罚法》第三十三条";

/// The demo catalogue: every domain of the duty list and all six methods.
pub const ITEMS: &[ItemSpec] = &[
    item(
        "安全生产",
        Method::Reminder,
        "安全生产主体责任落实提示",
        "《中华人民共和国安全生产法》第四条、第二十一条",
        UNITS,
    ),
    item(
        "安全生产",
        Method::Policy,
        "安全生产法律法规政策宣传",
        "《中华人民共和国安全生产法》第十三条",
        UNITS,
    ),
    item(
        "安全生产",
        Method::Advice,
        "从业人员安全教育培训建议",
        "《中华人民共和国安全生产法》第二十八条",
        UNITS,
    ),
    item(
        "安全生产",
        Method::Reminder,
        "危险化学品储存使用安全提醒",
        "《危险化学品安全管理条例》第二十四条",
        "辖区危险化学品生产、储存、使用单位",
    ),
    item("安全生产", Method::Warning, "安全生产轻微违法行为劝导警示", MINOR, UNITS),
    item(
        "安全生产",
        Method::Example,
        "安全生产标准化建设示范引领",
        "《中华人民共和国安全生产法》第四条",
        UNITS,
    ),
    item("安全生产", Method::Revisit, "生产安全事故案件回访", PLAN, UNITS),
    item(
        "市场监管",
        Method::Reminder,
        "明码标价规范提示",
        "《中华人民共和国价格法》第十三条",
        SHOPS,
    ),
    item(
        "市场监管",
        Method::Policy,
        "食品经营许可政策指引",
        "《中华人民共和国食品安全法》第三十五条",
        SHOPS,
    ),
    item(
        "市场监管",
        Method::Advice,
        "食品经营场所卫生规范建议",
        "《中华人民共和国食品安全法》第三十三条",
        SHOPS,
    ),
    item(
        "市场监管",
        Method::Reminder,
        "企业年度报告公示提醒",
        "《企业信息公示暂行条例》第八条",
        "辖区企业",
    ),
    item(
        "市场监管",
        Method::Warning,
        "广告用语轻微违法劝导警示",
        "《中华人民共和国广告法》第九条；《中华人民共和国行政处罚法》第三十三条",
        SHOPS,
    ),
    item("市场监管", Method::Example, "诚信经营示范引领", "《优化营商环境条例》", SHOPS),
    deactivated(item("市场监管", Method::Revisit, "价格违法案件回访", PLAN, SHOPS)),
    item(
        "生态环境",
        Method::Reminder,
        "餐饮油烟净化设施提示",
        "《中华人民共和国大气污染防治法》第八十一条",
        "辖区餐饮服务经营者",
    ),
    for_people(item(
        "生态环境",
        Method::Policy,
        "秸秆禁烧政策宣传",
        "《中华人民共和国大气污染防治法》第七十七条",
        FARMS,
    )),
    item(
        "生态环境",
        Method::Advice,
        "企业污染防治措施建议",
        "《中华人民共和国环境保护法》第四十二条",
        "辖区排污单位",
    ),
    for_people(item(
        "农业农村",
        Method::Reminder,
        "农药规范使用提示",
        "《农药管理条例》有关规定",
        FARMS,
    )),
    for_people(item(
        "农业农村",
        Method::Policy,
        "耕地保护政策指引",
        "《中华人民共和国土地管理法》第三十七条",
        FARMS,
    )),
    item(
        "农业农村",
        Method::Advice,
        "农民专业合作社规范运营建议",
        "《中华人民共和国农民专业合作社法》有关规定",
        "辖区农民专业合作社",
    ),
    for_people(item(
        "城乡建设",
        Method::Policy,
        "农村自建房规划许可政策指引",
        "《中华人民共和国城乡规划法》第四十一条",
        VILLAGERS,
    )),
    item(
        "城乡建设",
        Method::Reminder,
        "建筑施工扬尘防治提示",
        "《中华人民共和国大气污染防治法》第六十九条",
        "辖区建设、施工单位",
    ),
    item(
        "消防",
        Method::Reminder,
        "消防安全责任落实提示",
        "《中华人民共和国消防法》第十六条",
        SHOPS,
    ),
    item(
        "消防",
        Method::Warning,
        "占用疏散通道劝导警示",
        "《中华人民共和国消防法》第二十八条",
        SHOPS,
    ),
    for_people(item(
        "消防",
        Method::Policy,
        "消防安全知识宣传",
        "《中华人民共和国消防法》第六条",
        "辖区单位和村（居）民",
    )),
    item(
        "消防",
        Method::Example,
        "“九小场所”消防安全示范引领",
        "《中华人民共和国消防法》第十六条",
        "辖区小型经营场所",
    ),
    item(
        "文化旅游",
        Method::Reminder,
        "禁止接纳未成年人提示",
        "《互联网上网服务营业场所管理条例》第二十一条",
        "辖区互联网上网服务营业场所",
    ),
    item(
        "文化旅游",
        Method::Advice,
        "旅馆住宿登记规范建议",
        "《旅馆业治安管理办法》第六条",
        "辖区旅馆",
    ),
    for_people(item(
        "综合执法",
        Method::Warning,
        "占道经营劝导警示",
        "《城市市容和环境卫生管理条例》第十四条",
        "辖区经营者和村（居）民",
    )),
    for_people(item(
        "综合执法",
        Method::Revisit,
        "违法建设案件回访",
        "《中华人民共和国城乡规划法》第六十五条",
        VILLAGERS,
    )),
    deactivated(item(
        "卫生健康",
        Method::Reminder,
        "公共场所卫生管理提示",
        "《公共场所卫生管理条例》有关规定",
        "辖区公共场所经营者",
    )),
];

/// The catalogue items to save, ids still 0, with the consultation phone of each station.
pub fn items(rng: &mut Rng) -> Vec<CatalogueItem> {
    let phones: Vec<(&str, String)> =
        STATIONS.iter().map(|s| (s.name, names::landline(rng))).collect();
    ITEMS
        .iter()
        .map(|spec| {
            let station = station_for(spec.domain);
            let phone = phones.iter().find(|(name, _)| *name == station).map(|(_, p)| p.clone());
            CatalogueItem {
                id: 0,
                name: spec.name.to_string(),
                domain: spec.domain.to_string(),
                method: spec.method,
                basis: spec.basis.to_string(),
                applicable_to: spec.applicable_to.to_string(),
                implementer: format!("金岭回族镇{station}"),
                phone: phone.unwrap_or_default(),
                involves_enterprise: spec.involves_enterprise,
                status: if spec.deactivated {
                    ItemStatus::Deactivated
                } else {
                    ItemStatus::InForce
                },
            }
        })
        .collect()
}

/// How often items of a method are chosen, relative to each other.
pub fn weight(method: Method) -> u32 {
    match method {
        Method::Reminder => 6,
        Method::Policy | Method::Advice | Method::Warning => 3,
        Method::Example | Method::Revisit => 1,
    }
}
