//! The review record of each catalogue item, kept under the item's id; and the rule that a
//! change to a filed or published item makes a new version.

use chrono::{NaiveDate, NaiveDateTime};
use redb::{ReadableDatabase, ReadableTable, WriteTransaction};

use crate::domain::audit::FieldChange;
use crate::domain::review::{ItemReview, ReviewMove, ReviewState};
use crate::domain::{CatalogueItem, ItemStatus};

use super::Ledger;
use super::codec;
use super::error::{Result, StoreError};
use super::ledger::{load_all, next_id};
use super::records::encode;
use super::tables::{CATALOGUE, ITEM_REVIEWS};

const WHAT: &str = "事项审查记录";
const ITEM: &str = "目录事项";

impl Ledger {
    /// Adds a newly drafted item (id 0) that must pass review before it is in force.
    pub fn draft_item(
        &self,
        item: &CatalogueItem,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<(CatalogueItem, ItemReview)> {
        let errors = item.validate();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let txn = self.write()?;
        let saved = {
            let mut items = txn.open_table(CATALOGUE)?;
            let mut saved = item.clone();
            saved.id = next_id(&items)?;
            saved.status = ItemStatus::InForce;
            items.insert(saved.id, encode(&saved, ITEM, saved.id)?.as_slice())?;
            let mut review = ItemReview::new(saved.id);
            review.history.push(crate::domain::review::ReviewEntry {
                state: ReviewState::Draft,
                version: 1,
                at: now,
                by: by.to_owned(),
                note: String::new(),
            });
            put_review(&txn, &review)?;
            let change =
                super::audit::Change::created(&saved, &super::audit::TxnNames::new(&txn), now)
                    .with_action(crate::domain::Action::Step("草拟".into()));
            super::audit::append(&txn, self.actor(), change)?;
            (saved, review)
        };
        txn.commit()?;
        log::info!("草拟目录事项 {}", saved.0.name);
        Ok(saved)
    }

    /// Makes one review move on item `id`. Retiring an item also marks it 停用.
    pub fn review_item(
        &self,
        id: u64,
        step: ReviewMove,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<(CatalogueItem, ItemReview)> {
        let txn = self.write()?;
        let saved = {
            let mut item = load_item(&txn, id)?;
            let mut review = load_review(&txn, id)?
                .ok_or_else(|| StoreError::Course("该事项录入时已公布，没有审查流程".into()))?;
            let (item_before, review_before) = (item.clone(), review.clone());
            let label = ReviewMove::label(step.target());
            let comment = step.comment().map(|(field, text)| FieldChange::added(field, text));
            review.apply(step, now, by).map_err(StoreError::Course)?;
            if review.state == ReviewState::Retired {
                item.status = ItemStatus::Deactivated;
                txn.open_table(CATALOGUE)?.insert(id, encode(&item, ITEM, id)?.as_slice())?;
            }
            put_review(&txn, &review)?;
            let names = super::audit::TxnNames::new(&txn);
            let mut change = super::audit::Change::updated(&review_before, &review, &names, now)
                .with_action(crate::domain::Action::Step(label.into()));
            let item_change = super::audit::Change::updated(&item_before, &item, &names, now);
            change.changes.extend(item_change.changes.into_iter().chain(comment));
            super::audit::append(&txn, self.actor(), change)?;
            (item, review)
        };
        txn.commit()?;
        log::info!("目录事项 {} 审查：{}", saved.0.name, saved.1.state.label());
        Ok(saved)
    }

    /// Records that the published items `ids` were uploaded to the city's
    /// enterprise-inspection platform on `date`: all of them in one transaction, or none
    /// when one cannot be (not published, or published after `date`).
    pub fn record_platform_upload(
        &self,
        ids: &[u64],
        date: NaiveDate,
        now: NaiveDateTime,
        by: &str,
    ) -> Result<Vec<ItemReview>> {
        let txn = self.write()?;
        let mut saved = Vec::with_capacity(ids.len());
        for &id in ids {
            let item = load_item(&txn, id)?;
            let mut review = load_review(&txn, id)?.ok_or_else(|| {
                StoreError::Course(format!("事项“{}”录入时已公布，没有审查流程", item.name))
            })?;
            let before = review.clone();
            review
                .record_upload(date, now, by)
                .map_err(|why| StoreError::Course(format!("事项“{}”：{why}", item.name)))?;
            put_review(&txn, &review)?;
            let names = super::audit::TxnNames::new(&txn);
            let change = super::audit::Change::updated(&before, &review, &names, now)
                .with_action(crate::domain::Action::Step("上传涉企平台".into()));
            super::audit::append(&txn, self.actor(), change)?;
            saved.push(review);
        }
        txn.commit()?;
        log::info!("{} 个目录事项记录上传涉企平台", saved.len());
        Ok(saved)
    }

    pub fn item_reviews(&self) -> Result<Vec<ItemReview>> {
        let txn = self.db.begin_read()?;
        load_all(&txn, ITEM_REVIEWS, WHAT)
    }
}

/// Checks a change to an existing item against its review, inside the saving transaction:
/// in 草拟 or 退回修改 it is saved as it is; a filed or published item starts a new version
/// (returned, to be saved); under review, rejected or retired it is refused.
pub(super) fn on_item_change(
    txn: &WriteTransaction,
    old: &CatalogueItem,
    now: NaiveDateTime,
    by: &str,
) -> Result<Option<ItemReview>> {
    let Some(mut review) = load_review(txn, old.id)? else { return Ok(None) };
    match review.state {
        ReviewState::Draft | ReviewState::Returned => Ok(None),
        ReviewState::Filed | ReviewState::Published => {
            review.new_version(old.clone(), now, by);
            put_review(txn, &review)?;
            Ok(Some(review))
        }
        state => Err(StoreError::Course(format!(
            "事项“{}”{}，不能修改{}",
            old.name,
            state.label(),
            if state == ReviewState::Submitted || state == ReviewState::Approved {
                "；如需修改，请由审查人员退回"
            } else {
                "；如需要，请新增事项"
            }
        ))),
    }
}

fn put_review(txn: &WriteTransaction, review: &ItemReview) -> Result<()> {
    let bytes = encode(review, WHAT, review.item)?;
    txn.open_table(ITEM_REVIEWS)?.insert(review.item, bytes.as_slice())?;
    Ok(())
}

fn load_item(txn: &WriteTransaction, id: u64) -> Result<CatalogueItem> {
    match txn.open_table(CATALOGUE)?.get(id)? {
        Some(bytes) => codec::decode(bytes.value()).map_err(|source| StoreError::Decode {
            what: ITEM,
            id,
            source,
        }),
        None => Err(StoreError::NotFound { what: ITEM, id }),
    }
}

fn load_review(txn: &WriteTransaction, id: u64) -> Result<Option<ItemReview>> {
    match txn.open_table(ITEM_REVIEWS)?.get(id)? {
        Some(bytes) => codec::decode(bytes.value())
            .map(Some)
            .map_err(|source| StoreError::Decode { what: WHAT, id, source }),
        None => Ok(None),
    }
}

/// The item as stored before a change, for [`on_item_change`].
pub(super) fn stored_item(txn: &WriteTransaction, id: u64) -> Result<CatalogueItem> {
    load_item(txn, id)
}
