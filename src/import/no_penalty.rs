//! Rows of a published no-penalty list (不罚清单) as new entries.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::domain::NoPenaltyEntry;
use crate::domain::no_penalty::next_serial;

use super::ImportKind;
use super::columns::Mapping;
use super::plan::{Known, Plan};
use super::row::{RowReader, quoted};
use super::sheet::Sheet;

pub(super) fn plan(sheet: &Sheet, mapping: &Mapping, rows: Range<usize>, known: Known<'_>) -> Plan {
    let mut plan = Plan::new(ImportKind::NoPenalty);
    let existing: HashSet<u32> = known.no_penalty.iter().map(|e| e.serial).collect();
    let mut seen: HashMap<u32, u32> = HashMap::new();
    // Rows without a 序号 are numbered after everything else, in file order.
    let mut unnumbered = Vec::new();
    for index in rows {
        let mut row = RowReader::new(sheet, mapping, index);
        if row.is_blank() {
            continue;
        }
        plan.rows_read += 1;
        let serial_text = row.text("序号");
        let serial = if serial_text.is_empty() {
            None
        } else {
            match serial_text.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    row.bad(format!("序号{}应为从1开始的整数", quoted(&serial_text)));
                    None
                }
            }
        };
        if let Some(n) = serial {
            if existing.contains(&n) {
                row.bad(format!("序号{n}已在不罚清单中"));
            } else if let Some(first) = seen.get(&n) {
                row.bad(format!("序号{n}与本表第{first}行重复"));
            } else {
                seen.insert(n, row.number());
            }
        }
        let entry = NoPenaltyEntry {
            serial: serial.unwrap_or(1),
            domain: row.text("执法领域"),
            violation: row.text("违法行为"),
            basis: row.text("法律依据"),
            conditions: row.text("不予处罚条件"),
            implementer: row.text("实施主体"),
            ..Default::default()
        };
        row.invalid(&entry.validate());
        match row.reason() {
            None => {
                plan.good += 1;
                if serial.is_none() {
                    unnumbered.push(plan.write.entries.len());
                }
                plan.write.entries.push(entry);
            }
            Some(reason) => plan.push_bad(row.number(), reason),
        }
    }
    let first = next_serial(known.no_penalty).max(seen.keys().max().map_or(1, |m| m + 1));
    for (serial, i) in (first..).zip(unnumbered) {
        plan.write.entries[i].serial = serial;
    }
    plan
}
