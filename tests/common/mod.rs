//! Helpers shared by the integration tests; each test binary uses some of them.
#![allow(dead_code, reason = "each test binary compiles this module and uses a part of it")]

use guidance_ledger::domain::AuditEntry;
use guidance_ledger::domain::audit::AuditFilter;
use guidance_ledger::store::Ledger;

/// Every entry of the ledger's audit trail, oldest first.
pub fn trail(ledger: &Ledger) -> Vec<AuditEntry> {
    let mut page = ledger.audit_entries(&AuditFilter::default(), usize::MAX).unwrap();
    page.entries.reverse();
    page.entries
}

/// The newest entry of the trail.
pub fn last_entry(ledger: &Ledger) -> AuditEntry {
    trail(ledger).pop().expect("the trail has no entries")
}

/// How many entries the trail has, as its head says.
pub fn entry_count(ledger: &Ledger) -> u64 {
    ledger.audit_head().unwrap().count
}
