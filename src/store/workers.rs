//! Who may work at this PC: the office's reviewers (a setting kept among the preferences, so
//! no stored layout changes) and the last person chosen, offered first at the next start.

use redb::ReadableTable;

use crate::domain::Actor;

use super::Ledger;
use super::audit::{self, Change};
use super::error::Result;
use super::ledger::clock;
use super::tables::PREFERENCES;

/// The reviewers' names, one a line.
const REVIEWERS_KEY: &str = "reviewers";
/// The last person chosen, as [`Actor::to_key`] writes it.
const LAST_ACTOR_KEY: &str = "last_actor";

impl Ledger {
    /// The names of the office's reviewers (司法所审查人员), in the order they were added.
    pub fn reviewers(&self) -> Result<Vec<String>> {
        Ok(self.preference(REVIEWERS_KEY)?.map(|text| clean(text.lines())).unwrap_or_default())
    }

    /// Replaces the reviewers' names (blank and repeated names left out), recording the
    /// change in the audit trail. Returns the names kept.
    pub fn save_reviewers(&self, names: &[String]) -> Result<Vec<String>> {
        let names = clean(names.iter().map(String::as_str));
        let txn = self.write()?;
        {
            let mut table = txn.open_table(PREFERENCES)?;
            let before =
                table.get(REVIEWERS_KEY)?.map(|v| clean(v.value().lines())).unwrap_or_default();
            table.insert(REVIEWERS_KEY, names.join("\n").as_str())?;
            drop(table);
            let change =
                Change::setting("司法所审查人员", before.join("、"), names.join("、"), clock());
            audit::append(&txn, self.actor(), change)?;
        }
        txn.commit()?;
        log::info!("保存司法所审查人员：{}", names.join("、"));
        Ok(names)
    }

    /// The person chosen at the last start, if they can still be chosen: an officer still on
    /// the list and active, or a reviewer still named.
    pub fn last_actor(&self) -> Result<Option<Actor>> {
        let Some(key) = self.preference(LAST_ACTOR_KEY)? else { return Ok(None) };
        let officers = self.officers()?;
        let reviewers = self.reviewers()?;
        let actor = Actor::from_key(&key, |id| {
            officers.iter().find(|o| o.id == id && o.active).map(|o| o.name.clone())
        });
        Ok(actor.filter(|a| match a {
            Actor::Reviewer { name } => reviewers.contains(name),
            _ => true,
        }))
    }

    /// Remembers `actor` as the default of the next start.
    pub fn remember_actor(&self, actor: &Actor) -> Result<()> {
        self.set_preference(LAST_ACTOR_KEY, &actor.to_key())
    }
}

/// Trimmed, non-empty names, each once.
fn clean<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in names.map(str::trim).filter(|n| !n.is_empty()) {
        if !kept.iter().any(|k| k == name) {
            kept.push(name.to_string());
        }
    }
    kept
}
