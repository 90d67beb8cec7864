//! What widgets ask for. The app applies commands after the frame, in one place.

use crate::domain::audit::AuditFilter;
use crate::domain::{
    Actor, CatalogueItem, GuidanceDraft, Officer, OpinionLetterDraft, RecordId, Settings,
};
use crate::export::{Format, ListKind};

/// The four tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Catalogue,
    NewGuidance,
    Letters,
    Register,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Catalogue, Tab::NewGuidance, Tab::Letters, Tab::Register];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Catalogue => "事项目录",
            Tab::NewGuidance => "新建指导",
            Tab::Letters => "意见书",
            Tab::Register => "登记簿",
        }
    }
}

#[derive(Clone, Debug)]
pub enum Command {
    /// Save a new guidance record (`id` None) or an edit of one.
    SaveGuidance {
        id: Option<RecordId>,
        draft: GuidanceDraft,
    },
    VoidGuidance {
        id: RecordId,
        reason: String,
    },
    SaveLetter {
        id: Option<RecordId>,
        draft: OpinionLetterDraft,
    },
    VoidLetter {
        id: RecordId,
        reason: String,
    },
    SaveItem(CatalogueItem),
    SaveOfficer(Officer),
    DeleteOfficer(RecordId),
    SaveSettings(Settings),
    /// Show a guidance record's details.
    OpenGuidance(RecordId),
    OpenLetter(RecordId),
    /// Load a guidance record into the 新建指导 form for editing.
    EditGuidance(RecordId),
    /// Reset the 新建指导 form to an empty draft.
    NewGuidanceForm,
    /// Start a letter in the 意见书 tab with the record's fields carried over.
    LetterFromGuidance(RecordId),
    /// Export a list: the register as currently filtered, the catalogue or the letters.
    Export {
        kind: ListKind,
        format: Format,
    },
    ShowTab(Tab),
    /// Work as this person from now on (chosen at start or by 切换人员).
    ChooseActor(Actor),
    /// Ask again who is working.
    SwitchActor,
    /// Replace the names of the office's reviewers.
    SaveReviewers(Vec<String>),
    /// Open the whole ledger's 修改记录 window.
    OpenHistory,
    /// Read the entries the history window shows.
    LoadHistory(AuditFilter),
    /// Check the audit trail (and what later checks cover) and show the result.
    VerifyAudit,
}

impl Command {
    /// Whether applying the command may change what the ledger holds, so shown 修改记录
    /// must be read again.
    pub fn changes_ledger(&self) -> bool {
        matches!(
            self,
            Command::SaveGuidance { .. }
                | Command::VoidGuidance { .. }
                | Command::SaveLetter { .. }
                | Command::VoidLetter { .. }
                | Command::SaveItem(_)
                | Command::SaveOfficer(_)
                | Command::DeleteOfficer(_)
                | Command::SaveSettings(_)
                | Command::SaveReviewers(_)
        )
    }
}
