//! Reading the office's old spreadsheets into the ledger: registers (登记簿), catalogues
//! (事项目录) and the no-penalty list (不罚清单), from XLSX/XLS or CSV (UTF-8 or GBK).
//!
//! Like `export`, a layer between files and domain data, with no egui and no dialogs:
//! [`read_path`] reads a file into a [`Sheet`], [`Mapping::detect`] finds the header row and
//! which column feeds which field, and [`plan`] checks every row against the ledger as it is
//! and says what an import would write (a dry run). Only [`commit`] writes, all or nothing,
//! and only a plan without bad rows.

mod catalogue;
mod columns;
mod no_penalty;
mod plan;
mod register;
mod row;
mod sheet;
mod value;

use chrono::NaiveDateTime;

use crate::store::{ImportedCounts, Ledger, StoreError};

pub use columns::{Mapping, Target};
pub use plan::{BadRow, Known, Plan, plan};
pub use sheet::{Cell, MAX_FILE_BYTES, Sheet, SheetRow, read_bytes, read_path};
pub use value::{cell_text, parse_cell_datetime, parse_datetime_text, serial_to_datetime};

/// The three kinds of list that can be imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// 行政指导事项登记簿: old guidance records, keeping their numbers.
    Register,
    /// 行政指导事项目录: catalogue items.
    Catalogue,
    /// 不罚清单: the no-penalty list.
    NoPenalty,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] =
        [ImportKind::Register, ImportKind::Catalogue, ImportKind::NoPenalty];

    /// The list's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Register => "登记簿",
            ImportKind::Catalogue => "事项目录",
            ImportKind::NoPenalty => "不罚清单",
        }
    }

    /// The name on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Register => "register",
            ImportKind::Catalogue => "catalogue",
            ImportKind::NoPenalty => "no-penalty",
        }
    }

    /// Reads a kind from its code or its Chinese name.
    pub fn parse(text: &str) -> Option<ImportKind> {
        let text = text.trim();
        ImportKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(text) || k.label() == text)
    }

    fn header_examples(self) -> String {
        let names: Vec<&str> =
            self.targets().iter().filter(|t| t.required).map(|t| t.name).collect();
        names.join("、")
    }
}

/// Why a file cannot be imported, said so the clerk knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("无法打开文件“{path}”：{detail}。请检查路径是否正确、文件是否被其他程序占用。")]
    Open { path: String, detail: String },
    #[error("文件“{0}”超过64MB，不像是台账表格，未读取。请只把需要的工作表另存为一个文件再导入。")]
    TooLarge(String),
    #[error("文件“{0}”的行数超过20万行，未读取。请分成几个文件分别导入。")]
    TooManyRows(String),
    #[error(
        "“{0}”不是表格文件（既不是 Excel 表格，也不是 CSV 文本），无法导入。\
         请在 Excel 或 WPS 中打开后另存为 .xlsx 或 .csv 再试。"
    )]
    NotASheet(String),
    #[error(
        "“{path}”像是 Excel 文件，但无法读取（{detail}）。文件可能已损坏或设有密码，\
         请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。"
    )]
    BadWorkbook { path: String, detail: String },
    #[error("CSV 文件“{path}”无法读取：{detail}。请在 Excel 或 WPS 中打开后重新另存为 CSV。")]
    BadCsv { path: String, detail: String },
    #[error(
        "在表格的前30行中找不到{}的表头（应有“{}”等列名）。请检查导入类型是否选对。",
        .0.label(),
        .0.header_examples()
    )]
    NoHeader(ImportKind),
    #[error("以下必填项没有对应的列：{}。请在预览的“对应关系”中为它们选择列。", .0.join("、"))]
    MissingColumns(Vec<&'static str>),
    #[error("有{0}行数据有问题，整个文件都没有导入，台账未作任何改动。请改正这些行后重新导入。")]
    HasBadRows(usize),
    #[error("表格中没有可导入的数据行。")]
    Empty,
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Writes a checked plan into the ledger in one transaction. A plan with any bad row, or
/// with nothing in it, is refused and nothing is written.
pub fn commit(
    ledger: &Ledger,
    plan: &Plan,
    now: NaiveDateTime,
) -> Result<ImportedCounts, ImportError> {
    if !plan.bad.is_empty() {
        return Err(ImportError::HasBadRows(plan.bad.len()));
    }
    if plan.good == 0 {
        return Err(ImportError::Empty);
    }
    Ok(ledger.commit_import(&plan.write, now)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_code_or_name() {
        for kind in ImportKind::ALL {
            assert_eq!(ImportKind::parse(kind.code()), Some(kind));
            assert_eq!(ImportKind::parse(kind.label()), Some(kind));
        }
        assert_eq!(ImportKind::parse("letters"), None);
    }
}
