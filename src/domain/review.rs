//! Legality review and filing of catalogue items (合法性审查与备案): 草拟 → 提交审查 →
//! 通过 / 退回修改 / 不予通过 → 备案 → 公布 → 停用. A change to a filed or published item
//! makes a new version that goes through review again; the old versions stay readable, and the
//! last published one stays in force meanwhile.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{CatalogueItem, RecordId};

/// Where an item stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ReviewState {
    #[default]
    Draft,
    Submitted,
    Approved,
    Returned,
    Rejected,
    Filed,
    Published,
    Retired,
}

impl ReviewState {
    pub const ALL: [ReviewState; 8] = [
        ReviewState::Draft,
        ReviewState::Submitted,
        ReviewState::Approved,
        ReviewState::Returned,
        ReviewState::Rejected,
        ReviewState::Filed,
        ReviewState::Published,
        ReviewState::Retired,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Draft => "草拟",
            ReviewState::Submitted => "待审查",
            ReviewState::Approved => "审查通过",
            ReviewState::Returned => "退回修改",
            ReviewState::Rejected => "不予通过",
            ReviewState::Filed => "已备案",
            ReviewState::Published => "已公布",
            ReviewState::Retired => "已停用",
        }
    }

    /// Whether the item's text may be changed in place (no new version).
    pub fn editable(self) -> bool {
        matches!(self, ReviewState::Draft | ReviewState::Returned)
    }
}

/// 备案
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filing {
    /// 备案号
    pub number: String,
    pub date: NaiveDate,
}

/// 公布
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub date: NaiveDate,
    /// Where on the district website.
    pub url: String,
    /// When it was uploaded to the city's enterprise-inspection platform, if it was.
    pub platform_date: Option<NaiveDate>,
}

/// A move asked for by the clerk or the reviewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewMove {
    Submit,
    Approve { comment: String },
    Return { comment: String },
    Reject { comment: String },
    File(Filing),
    Publish(Publication),
    Retire { reason: String },
}

impl ReviewMove {
    /// The state the move leads to.
    pub fn target(&self) -> ReviewState {
        match self {
            ReviewMove::Submit => ReviewState::Submitted,
            ReviewMove::Approve { .. } => ReviewState::Approved,
            ReviewMove::Return { .. } => ReviewState::Returned,
            ReviewMove::Reject { .. } => ReviewState::Rejected,
            ReviewMove::File(_) => ReviewState::Filed,
            ReviewMove::Publish(_) => ReviewState::Published,
            ReviewMove::Retire { .. } => ReviewState::Retired,
        }
    }

    /// What the reviewer wrote with the move, under its name on the form: the move's own,
    /// kept with the entry that records it.
    pub fn comment(&self) -> Option<(&'static str, &str)> {
        let (field, text) = match self {
            ReviewMove::Approve { comment }
            | ReviewMove::Return { comment }
            | ReviewMove::Reject { comment } => ("审查意见", comment),
            ReviewMove::Retire { reason } => ("停用理由", reason),
            ReviewMove::Submit | ReviewMove::File(_) | ReviewMove::Publish(_) => return None,
        };
        Some((field, text.trim())).filter(|(_, text)| !text.is_empty())
    }

    /// The move's label on its button.
    pub fn label(state: ReviewState) -> &'static str {
        match state {
            ReviewState::Submitted => "提交审查",
            ReviewState::Approved => "审查通过",
            ReviewState::Returned => "退回修改",
            ReviewState::Rejected => "不予通过",
            ReviewState::Filed => "备案",
            ReviewState::Published => "公布",
            ReviewState::Retired => "停用",
            ReviewState::Draft => "草拟",
        }
    }
}

/// One step of the review, as made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub state: ReviewState,
    pub version: u32,
    pub at: NaiveDateTime,
    pub by: String,
    /// The reviewer's comments, a reason, or what was filed or published.
    pub note: String,
}

/// An earlier version of an item, as it was filed and published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemVersion {
    pub version: u32,
    pub item: CatalogueItem,
    pub filing: Option<Filing>,
    pub publication: Option<Publication>,
    /// When the next version replaced it in the review.
    pub replaced_at: NaiveDateTime,
}

/// One version of an item with its filing and publication, as [`ItemReview::version_in_force`]
/// finds it.
#[derive(Clone, Copy, Debug)]
pub struct InForce<'a> {
    pub version: u32,
    pub item: &'a CatalogueItem,
    pub filing: Option<&'a Filing>,
    pub publication: Option<&'a Publication>,
}

/// The review record of one catalogue item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemReview {
    pub item: RecordId,
    /// 1 for the first version.
    pub version: u32,
    pub state: ReviewState,
    pub filing: Option<Filing>,
    pub publication: Option<Publication>,
    pub history: Vec<ReviewEntry>,
    /// Earlier versions, oldest first.
    pub versions: Vec<ItemVersion>,
}

impl ItemReview {
    /// A new item's review, at 草拟.
    pub fn new(item: RecordId) -> Self {
        Self {
            item,
            version: 1,
            state: ReviewState::Draft,
            filing: None,
            publication: None,
            history: Vec::new(),
            versions: Vec::new(),
        }
    }

    /// The states the item may move to next.
    pub fn next_states(&self) -> &'static [ReviewState] {
        use ReviewState::{
            Approved, Draft, Filed, Published, Rejected, Retired, Returned, Submitted,
        };
        match self.state {
            Draft | Returned => &[Submitted],
            Submitted => &[Approved, Returned, Rejected],
            Approved => &[Filed],
            Filed => &[Published],
            Published => &[Retired],
            Rejected | Retired => &[],
        }
    }

    /// Whether guidance may be given under the item now: published, or an earlier version
    /// was and the new one is still in review.
    pub fn in_force(&self) -> bool {
        match self.state {
            ReviewState::Published => true,
            ReviewState::Retired | ReviewState::Rejected => false,
            _ => self.versions.last().is_some_and(|v| v.publication.is_some()),
        }
    }

    /// Makes `step`, or says in Chinese why not.
    pub fn apply(&mut self, step: ReviewMove, at: NaiveDateTime, by: &str) -> Result<(), String> {
        let to = step.target();
        if !self.next_states().contains(&to) {
            return Err(format!(
                "事项当前为“{}”，不能“{}”",
                self.state.label(),
                ReviewMove::label(to)
            ));
        }
        let note = match step {
            ReviewMove::Submit => String::new(),
            ReviewMove::Approve { comment } => comment.trim().to_owned(),
            ReviewMove::Return { comment } | ReviewMove::Reject { comment } => {
                if comment.trim().is_empty() {
                    return Err("退回修改或不予通过，须写明审查意见".into());
                }
                comment.trim().to_owned()
            }
            ReviewMove::File(filing) => {
                if filing.number.trim().is_empty() {
                    return Err("备案须填写备案号".into());
                }
                let note = format!("备案号：{}", filing.number.trim());
                self.filing = Some(Filing { number: filing.number.trim().to_owned(), ..filing });
                note
            }
            ReviewMove::Publish(publication) => {
                if publication.url.trim().is_empty() {
                    return Err("公布须填写公布网址".into());
                }
                if let Some(filed) = &self.filing
                    && publication.date < filed.date
                {
                    return Err("公布日期不能早于备案日期".into());
                }
                let note = format!("公布于{}", publication.url.trim());
                self.publication = Some(publication);
                note
            }
            ReviewMove::Retire { reason } => reason.trim().to_owned(),
        };
        self.state = to;
        self.history.push(ReviewEntry {
            state: to,
            version: self.version,
            at,
            by: by.to_owned(),
            note,
        });
        Ok(())
    }

    /// Records that the published text was uploaded to the city's enterprise-inspection
    /// platform on `date`, when that was not known at publication. The state stays 已公布.
    ///
    /// # Errors
    /// In Chinese, when the item is not published or the date is before its publication.
    pub fn record_upload(
        &mut self,
        date: NaiveDate,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), String> {
        let Some(publication) =
            self.publication.as_mut().filter(|_| self.state == ReviewState::Published)
        else {
            return Err(format!("事项当前为“{}”，公布后才能记录上传涉企平台", self.state.label()));
        };
        if date < publication.date {
            return Err(format!(
                "上传涉企平台日期不能早于公布日期（{}）",
                super::format_date(publication.date)
            ));
        }
        publication.platform_date = Some(date);
        self.history.push(ReviewEntry {
            state: ReviewState::Published,
            version: self.version,
            at,
            by: by.to_owned(),
            note: format!("{}上传涉企平台", super::format_date(date)),
        });
        Ok(())
    }

    /// The text, filing and publication in force now: the current version when it is
    /// published, else the last published earlier version while a new one is in review,
    /// else the current version as it stands. The number is the version's.
    pub fn version_in_force<'a>(&'a self, current: &'a CatalogueItem) -> InForce<'a> {
        let earlier = self.versions.last().filter(|v| v.publication.is_some());
        match earlier {
            Some(v)
                if !matches!(
                    self.state,
                    ReviewState::Published | ReviewState::Retired | ReviewState::Rejected
                ) =>
            {
                InForce {
                    version: v.version,
                    item: &v.item,
                    filing: v.filing.as_ref(),
                    publication: v.publication.as_ref(),
                }
            }
            _ => InForce {
                version: self.version,
                item: current,
                filing: self.filing.as_ref(),
                publication: self.publication.as_ref(),
            },
        }
    }

    /// Starts a new version after a change to a filed or published item: the old text and its
    /// filing and publication are kept, and the new version begins at 草拟.
    pub fn new_version(&mut self, old: CatalogueItem, at: NaiveDateTime, by: &str) {
        self.versions.push(ItemVersion {
            version: self.version,
            item: old,
            filing: self.filing.take(),
            publication: self.publication.take(),
            replaced_at: at,
        });
        self.version += 1;
        self.state = ReviewState::Draft;
        self.history.push(ReviewEntry {
            state: ReviewState::Draft,
            version: self.version,
            at,
            by: by.to_owned(),
            note: format!("修改已备案的事项，形成第{}版", self.version),
        });
    }
}

#[cfg(test)]
mod tests;
