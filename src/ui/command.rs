//! What widgets ask for. The app applies commands after the frame, in one place.

use crate::domain::attachment::{AttachmentKind, Owner};
use crate::domain::audit::AuditFilter;
use crate::domain::course::Step;
use crate::domain::follow_up::FollowUp;
use crate::domain::review::ReviewMove;
use crate::domain::typical::TypicalCase;
use crate::domain::warning::{ViolationWindow, WarningCase};
use crate::domain::{
    Actor, CatalogueItem, GuidanceDraft, NoPenaltyEntry, Officer, OpinionLetterDraft, RecordId,
    Settings,
};
use crate::export::paper::PaperFormat;
use crate::export::platform::PlatformLayout;
use crate::export::{Format, ListKind};
use crate::import::{ImportKind, Plan};
use crate::search::DocRef;
use crate::search::papers::BatchKinds;

/// The tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Catalogue,
    NewGuidance,
    Letters,
    Register,
    NoPenalty,
}

impl Tab {
    pub const ALL: [Tab; 5] =
        [Tab::Catalogue, Tab::NewGuidance, Tab::Letters, Tab::Register, Tab::NoPenalty];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Catalogue => "事项目录",
            Tab::NewGuidance => "新建指导",
            Tab::Letters => "意见书",
            Tab::Register => "登记簿",
            Tab::NoPenalty => "不罚清单",
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
    /// Correct an archived record, keeping its old fields with the reason.
    AmendGuidance {
        id: RecordId,
        draft: GuidanceDraft,
        reason: String,
    },
    /// One move along a record's course.
    AdvanceCourse {
        id: RecordId,
        step: Step,
    },
    /// Archive these concluded records together, in one transaction.
    ArchiveConcluded(Vec<RecordId>),
    SaveLetter {
        id: Option<RecordId>,
        draft: OpinionLetterDraft,
    },
    VoidLetter {
        id: RecordId,
        reason: String,
    },
    SaveItem(CatalogueItem),
    /// A new catalogue item drafted for legality review.
    DraftItem(CatalogueItem),
    /// Show a catalogue item in the catalogue tab's window.
    OpenItem(RecordId),
    /// One review move on a catalogue item.
    ReviewItem {
        id: RecordId,
        step: ReviewMove,
    },
    SaveNoPenalty(NoPenaltyEntry),
    /// Open the 导入表格 window for a kind of list.
    OpenImport(ImportKind),
    /// Write a checked import (a dry run without bad rows) in one transaction.
    CommitImport(Box<Plan>),
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
    /// Open the 导出到涉企平台 window with the columns last chosen.
    OpenPlatformExport,
    /// Export the filtered catalogue for the platform under `layout`, kept for next time.
    ExportPlatform {
        format: Format,
        layout: PlatformLayout,
    },
    /// Record that these published items were uploaded to the platform on `date`.
    RecordPlatformUpload {
        ids: Vec<RecordId>,
        date: chrono::NaiveDate,
    },
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
    /// Open the typical-case window of a guidance record (its saved case, or a new draft).
    OpenTypical(RecordId),
    SaveTypical(TypicalCase),
    UnmarkTypical(RecordId),
    /// Copy a file into the attachment folder for a record.
    Attach {
        owner: Owner,
        path: std::path::PathBuf,
        kind: AttachmentKind,
    },
    /// Save the no-penalty part of a 劝导警示 record.
    SaveWarning(WarningCase),
    /// Which earlier violations make one not a first.
    SetViolationWindow(ViolationWindow),
    /// A record's or letter's paper as PDF or Word, through the file dialog.
    PrintDocument {
        doc: DocRef,
        format: PaperFormat,
    },
    /// A page preview of a record's or letter's paper.
    PreviewDocument(DocRef),
    /// The register as filtered now, as PDF or Word.
    PrintRegister(PaperFormat),
    /// Open the batch window.
    OpenBatch,
    /// Every record and letter of a period, as one PDF or a folder of Word files.
    PrintBatch {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        kinds: BatchKinds,
        format: PaperFormat,
    },
    /// A typical case's text as PDF or Word.
    PrintTypical {
        guidance: RecordId,
        format: PaperFormat,
    },
    /// Open the follow-up window of a guidance record.
    OpenFollowUp(RecordId),
    SaveFollowUp(FollowUp),
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
                | Command::SaveNoPenalty(_)
                | Command::CommitImport(_)
                | Command::DraftItem(_)
                | Command::ReviewItem { .. }
                | Command::AmendGuidance { .. }
                | Command::AdvanceCourse { .. }
                | Command::ArchiveConcluded(_)
                | Command::SaveTypical(_)
                | Command::UnmarkTypical(_)
                | Command::SaveFollowUp(_)
                | Command::Attach { .. }
                | Command::SaveWarning(_)
                | Command::SetViolationWindow(_)
                | Command::RecordPlatformUpload { .. }
        )
    }
}
