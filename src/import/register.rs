//! Rows of an old register (登记簿) as guidance records that keep their numbers.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDateTime;

use crate::domain::{
    Acceptance, CatalogueItem, DocNumber, GuidanceDraft, ItemStatus, Method, Officer, RecordId,
    Subject, SubjectKind, Voided,
};
use crate::store::ImportedGuidance;

use super::ImportKind;
use super::columns::Mapping;
use super::plan::{Known, Plan};
use super::row::{RowReader, quoted};
use super::sheet::Sheet;
use super::value::parse_cell_datetime;

/// 指导地点 of a record whose register had no such column.
pub const NO_PLACE: &str = "（原登记簿未记载）";
/// 所属领域 of an item made up for a name the catalogue lacks.
pub const NEW_ITEM_DOMAIN: &str = "未分类";
/// 指导依据 of such an item, asking the clerk to complete it.
pub const NEW_ITEM_BASIS: &str = "（导入登记簿时自动建立，原表未载明依据，请补充）";
/// Words that mark a subject's name as a business rather than a person.
const BUSINESS_WORDS: [&str; 16] = [
    "公司",
    "厂",
    "店",
    "超市",
    "合作社",
    "饭店",
    "酒店",
    "餐馆",
    "商行",
    "经营部",
    "门市",
    "中心",
    "农场",
    "养殖场",
    "诊所",
    "加油站",
];

/// Officers and items by name, as the ledger has them and as this import adds them.
struct Names {
    officers: HashMap<String, RecordId>,
    items: HashMap<String, (RecordId, Method)>,
    next_officer: RecordId,
    next_item: RecordId,
}

impl Names {
    fn new(known: Known<'_>) -> Self {
        let mut officers = HashMap::new();
        // An active officer wins over an inactive one of the same name.
        for o in known.officers.iter().filter(|o| o.active).chain(known.officers) {
            officers.entry(o.name.trim().to_owned()).or_insert(o.id);
        }
        let mut items = HashMap::new();
        for i in known.catalogue.iter().filter(|i| i.in_force()).chain(known.catalogue) {
            items.entry(i.name.trim().to_owned()).or_insert((i.id, i.method));
        }
        Self {
            officers,
            items,
            next_officer: known.officers.iter().map(|o| o.id).max().unwrap_or(0) + 1,
            next_item: known.catalogue.iter().map(|i| i.id).max().unwrap_or(0) + 1,
        }
    }

    fn officer(&mut self, name: &str, plan: &mut Plan) -> RecordId {
        if let Some(&id) = self.officers.get(name) {
            return id;
        }
        let id = self.next_officer;
        self.next_officer += 1;
        self.officers.insert(name.to_owned(), id);
        plan.new_officers.push(name.to_owned());
        plan.write.officers.push(Officer {
            id,
            name: name.to_owned(),
            active: true,
            ..Default::default()
        });
        id
    }

    fn item(&mut self, name: &str, method: Method, plan: &mut Plan) -> (RecordId, Method) {
        if let Some(&found) = self.items.get(name) {
            return found;
        }
        let id = self.next_item;
        self.next_item += 1;
        self.items.insert(name.to_owned(), (id, method));
        plan.new_items.push(name.to_owned());
        plan.write.items.push(CatalogueItem {
            id,
            name: name.to_owned(),
            domain: NEW_ITEM_DOMAIN.to_owned(),
            method,
            basis: NEW_ITEM_BASIS.to_owned(),
            status: ItemStatus::Deactivated,
            ..Default::default()
        });
        (id, method)
    }
}

/// One register row, read and checked but not yet tied to officers and items.
struct Parsed {
    number: DocNumber,
    draft: GuidanceDraft,
    officer_names: Vec<String>,
    item_name: String,
    method: Option<Method>,
    void_reason: Option<String>,
}

pub(super) fn plan(
    sheet: &Sheet,
    mapping: &Mapping,
    rows: Range<usize>,
    known: Known<'_>,
    now: NaiveDateTime,
) -> Plan {
    let mut plan = Plan::new(ImportKind::Register);
    let mut names = Names::new(known);
    let taken: HashSet<String> = known
        .guidance
        .iter()
        .map(|g| g.number.to_string())
        .chain(known.letters.iter().map(|l| l.number.to_string()))
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for index in rows {
        let mut row = RowReader::new(sheet, mapping, index);
        if row.is_blank() {
            continue;
        }
        plan.rows_read += 1;
        let parsed = read_row(&mut row);
        if let Some(p) = &parsed {
            let text = p.number.to_string();
            if taken.contains(&text) {
                row.bad(format!("文号“{text}”已在台账中，不能重复导入"));
            } else if let Some(first) = seen.get(&text) {
                row.bad(format!("文号“{text}”与本表第{first}行重复"));
            } else {
                seen.insert(text, row.number());
            }
        }
        match (parsed, row.reason()) {
            (Some(p), None) => {
                plan.good += 1;
                let record = resolve(p, &mut names, &mut plan, now);
                plan.write.guidance.push(record);
            }
            (_, reason) => {
                let reason = reason.unwrap_or_else(|| "无法读取".to_owned());
                plan.push_bad(row.number(), reason);
            }
        }
    }
    plan
}

/// Reads and checks one row; problems go to `row.errors`.
fn read_row(row: &mut RowReader<'_>) -> Option<Parsed> {
    let time = parse_cell_datetime(row.cell("时间")).map_err(|e| row.bad(e)).ok();
    let number_text = row.text("文号");
    let (number_text, voided_mark) = strip_void_mark(&number_text);
    let number = if number_text.is_empty() {
        row.bad("文号为空".to_owned());
        None
    } else {
        let number = DocNumber::parse(number_text);
        if number.is_none() {
            row.bad(format!("文号{}无法识别，应写成如 金岭指导书〔2026〕7号", quoted(number_text)));
        }
        number
    };
    let subject_name = row.text("指导对象");
    let item_name = row.text("指导事项").trim().to_owned();
    let method_text = row.text("指导方式");
    let method = parse_method(&method_text);
    if method.is_none() && !method_text.is_empty() {
        row.bad(format!(
            "指导方式{}不是六种方式之一（政策指引、意见建议、提示提醒、劝导警示、示范引领、案件回访）",
            quoted(&method_text)
        ));
    }
    let (acceptance, effect, void_reason) = parse_result(&row.text("指导结果"));
    let officer_names = split_names(&row.text("指导人员"));
    if officer_names.is_empty() {
        row.bad("指导人员为空".to_owned());
    }
    for name in &officer_names {
        let probe = Officer { name: name.clone(), ..Default::default() };
        row.invalid(&probe.validate());
    }
    if item_name.is_empty() {
        row.bad("指导事项为空".to_owned());
    }
    let place = row.text("指导地点");
    let content = row.text("指导内容");
    let credit_code = row.text("统一社会信用代码");
    let subject = Subject {
        kind: subject_kind(&subject_name, &credit_code),
        name: subject_name,
        credit_code,
        ..Default::default()
    };
    let draft = GuidanceDraft {
        place: if place.is_empty() { NO_PLACE.to_owned() } else { place },
        // Checked with stand-ins for officers and item; the real ids come after.
        officers: vec![0],
        subject,
        item: Some(0),
        method: method.unwrap_or(Method::Reminder),
        content: if content.is_empty() {
            format!("{item_name}（据原登记簿导入）")
        } else {
            content
        },
        effect,
        acceptance,
        ..GuidanceDraft::new(time.unwrap_or_default())
    };
    row.invalid(&draft.validate());
    let void_reason = void_reason.or(voided_mark.then(|| "原登记簿标记作废".to_owned()));
    if !row.errors.is_empty() {
        return None;
    }
    Some(Parsed { number: number?, draft, officer_names, item_name, method, void_reason })
}

/// Ties a checked row to officers and an item, adding those the ledger lacks.
fn resolve(p: Parsed, names: &mut Names, plan: &mut Plan, now: NaiveDateTime) -> ImportedGuidance {
    let officers = p.officer_names.iter().map(|n| names.officer(n, plan)).collect();
    let (item, item_method) = names.item(&p.item_name, p.method.unwrap_or(Method::Reminder), plan);
    let details = GuidanceDraft {
        officers,
        item: Some(item),
        method: p.method.unwrap_or(item_method),
        ..p.draft
    };
    let voided = p.void_reason.map(|reason| Voided { reason, at: now });
    ImportedGuidance { number: p.number, details, voided }
}

/// Takes a trailing （作废） off a number, as our register export writes it.
fn strip_void_mark(text: &str) -> (&str, bool) {
    let text = text.trim();
    for mark in ["（作废）", "(作废)", "作废"] {
        if let Some(rest) = text.strip_suffix(mark) {
            return (rest.trim(), true);
        }
    }
    (text, false)
}

/// A method by its name or code, or a name inside a longer text (e.g. 提示提醒类).
pub(super) fn parse_method(text: &str) -> Option<Method> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Method::parse(text).or_else(|| Method::ALL.into_iter().find(|m| text.contains(m.label())))
}

/// 指导结果 as our register writes it: accepted or refused, an effect, or 作废 with a reason.
fn parse_result(text: &str) -> (Acceptance, String, Option<String>) {
    let text = text.trim();
    if let Some(reason) = text.strip_prefix("作废：") {
        return (Acceptance::Accepted, String::new(), Some(reason.trim().to_owned()));
    }
    match text {
        "对象接受指导" => (Acceptance::Accepted, String::new(), None),
        "对象拒绝指导" => (Acceptance::Refused, String::new(), None),
        _ => match text.strip_prefix("对象拒绝指导；") {
            Some(effect) => (Acceptance::Refused, effect.trim().to_owned(), None),
            None => (Acceptance::Accepted, text.to_owned(), None),
        },
    }
}

/// Officer names split at 、，,；;/ and spaces.
fn split_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split(['、', '，', ',', '；', ';', '/', '\n', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// A business when a credit code is given or the name reads like a shop; else a person.
fn subject_kind(name: &str, credit_code: &str) -> SubjectKind {
    if !credit_code.trim().is_empty() {
        SubjectKind::Enterprise
    } else if BUSINESS_WORDS.iter().any(|w| name.contains(w)) {
        SubjectKind::IndividualBusiness
    } else {
        SubjectKind::NaturalPerson
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_back_as_the_register_writes_them() {
        assert_eq!(parse_result("对象接受指导"), (Acceptance::Accepted, String::new(), None));
        assert_eq!(parse_result("对象拒绝指导"), (Acceptance::Refused, String::new(), None));
        assert_eq!(
            parse_result("对象拒绝指导；已移交执法"),
            (Acceptance::Refused, "已移交执法".into(), None)
        );
        assert_eq!(parse_result("已整改"), (Acceptance::Accepted, "已整改".into(), None));
        assert_eq!(parse_result("作废：填错对象").2.as_deref(), Some("填错对象"));
    }

    #[test]
    fn names_methods_and_void_marks() {
        assert_eq!(split_names("马国强、李娜，王五 / 马国强"), ["马国强", "李娜", "王五"]);
        assert_eq!(parse_method("提示提醒类"), Some(Method::Reminder));
        assert_eq!(parse_method("warning"), Some(Method::Warning));
        assert_eq!(parse_method("随便"), None);
        assert_eq!(
            strip_void_mark("金岭指导书〔2026〕3号（作废）"),
            ("金岭指导书〔2026〕3号", true)
        );
        assert_eq!(subject_kind("王记饭店", ""), SubjectKind::IndividualBusiness);
        assert_eq!(subject_kind("张三", ""), SubjectKind::NaturalPerson);
    }
}
