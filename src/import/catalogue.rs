//! Rows of a catalogue spreadsheet (the columns our catalogue export writes) as new items.

use std::collections::HashMap;
use std::ops::Range;

use crate::domain::{CatalogueItem, ItemStatus, Method};

use super::ImportKind;
use super::columns::Mapping;
use super::plan::{Known, Plan};
use super::register::parse_method;
use super::row::{RowReader, quoted};
use super::sheet::Sheet;

pub(super) fn plan(sheet: &Sheet, mapping: &Mapping, rows: Range<usize>, known: Known<'_>) -> Plan {
    let mut plan = Plan::new(ImportKind::Catalogue);
    let existing: std::collections::HashSet<&str> =
        known.catalogue.iter().map(|i| i.name.trim()).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut next_id = known.catalogue.iter().map(|i| i.id).max().unwrap_or(0) + 1;
    for index in rows {
        let mut row = RowReader::new(sheet, mapping, index);
        if row.is_blank() {
            continue;
        }
        plan.rows_read += 1;
        let item = read_row(&mut row);
        let name = item.name.trim().to_owned();
        if existing.contains(name.as_str()) {
            row.bad(format!("事项{}已在目录中", quoted(&name)));
        } else if let Some(first) = seen.get(&name) {
            row.bad(format!("事项{}与本表第{first}行重复", quoted(&name)));
        } else if !name.is_empty() {
            seen.insert(name, row.number());
        }
        match row.reason() {
            None => {
                plan.good += 1;
                plan.write.items.push(CatalogueItem { id: next_id, ..item });
                next_id += 1;
            }
            Some(reason) => plan.push_bad(row.number(), reason),
        }
    }
    plan
}

fn read_row(row: &mut RowReader<'_>) -> CatalogueItem {
    let method_text = row.text("指导方式");
    let method = parse_method(&method_text);
    if method.is_none() {
        row.bad(if method_text.is_empty() {
            "指导方式为空".to_owned()
        } else {
            format!("指导方式{}不是六种方式之一", quoted(&method_text))
        });
    }
    let enterprise_text = row.text("是否涉企");
    let involves_enterprise = match enterprise_text.as_str() {
        "" | "是" | "涉企" | "Y" | "y" | "1" | "TRUE" | "true" => true,
        "否" | "不涉企" | "N" | "n" | "0" | "FALSE" | "false" => false,
        other => {
            row.bad(format!("是否涉企应写“是”或“否”，不能写{}", quoted(other)));
            true
        }
    };
    let status_text = row.text("状态");
    let status = match status_text.as_str() {
        "" | "有效" | "在用" | "启用" | "现行有效" => ItemStatus::InForce,
        "停用" | "废止" | "失效" | "暂停" => ItemStatus::Deactivated,
        other => {
            row.bad(format!("状态应写“有效”或“停用”，不能写{}", quoted(other)));
            ItemStatus::InForce
        }
    };
    let item = CatalogueItem {
        id: 0,
        name: row.text("事项名称"),
        domain: row.text("所属领域"),
        // A row without a method is bad; the stand-in only lets the other fields be checked.
        method: method.unwrap_or(Method::Reminder),
        basis: row.text("指导依据"),
        applicable_to: row.text("适用对象"),
        implementer: row.text("实施主体"),
        phone: row.text("咨询电话"),
        involves_enterprise,
        status,
    };
    row.invalid(&item.validate());
    item
}
