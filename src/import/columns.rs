//! Which column holds which field: the header row found below any title rows, columns
//! mapped by header name (with the synonyms old spreadsheets use), changeable by the clerk.

use super::sheet::Sheet;
use super::value::cell_text;
use super::{ImportError, ImportKind};

/// How many rows from the top are searched for the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// A field an import fills, with the header names it is known by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// The field's name as our own exports write it.
    pub name: &'static str,
    /// Other names old spreadsheets use for it.
    pub synonyms: &'static [&'static str],
    pub required: bool,
}

const fn target(name: &'static str, synonyms: &'static [&'static str], required: bool) -> Target {
    Target { name, synonyms, required }
}

/// Fields of an old register (登记簿), in the order of our export, then the optional ones.
pub const REGISTER: [Target; 11] = [
    target("序号", &["顺序号", "编号序号", "No"], false),
    target("时间", &["日期", "指导时间", "指导日期", "登记时间", "登记日期", "时间日期"], true),
    target("文号", &["文书编号", "文书文号", "指导文书文号", "文书号", "指导书文号"], true),
    target("指导对象", &["行政相对人", "相对人", "对象", "对象名称", "当事人", "被指导对象"], true),
    target("指导事项", &["事项", "指导事项名称", "事项名称"], true),
    target("指导方式", &["方式", "指导类型", "指导形式"], false),
    target("指导结果", &["结果", "指导效果", "效果", "处理结果", "指导取得的效益、效果"], false),
    target("指导人员", &["执法人员", "经办人", "承办人", "指导人", "经办人员"], true),
    target("指导地点", &["地点"], false),
    target("指导内容", &["内容", "主要内容"], false),
    target("统一社会信用代码", &["信用代码", "社会信用代码"], false),
];

/// Fields of the catalogue, as our catalogue export writes them.
pub const CATALOGUE: [Target; 10] = [
    target("序号", &["顺序号"], false),
    target("事项名称", &["指导事项", "事项", "名称"], true),
    target("所属领域", &["领域", "执法领域", "行业领域"], true),
    target("指导方式", &["方式"], true),
    target("指导依据", &["依据", "法律依据", "设定依据"], true),
    target("适用对象", &["对象", "指导对象"], false),
    target("实施主体", &["承办机构", "实施机关", "责任单位", "实施主体/承办机构"], false),
    target("咨询电话", &["电话", "联系电话"], false),
    target("是否涉企", &["涉企"], false),
    target("状态", &["事项状态"], false),
];

/// Fields of the no-penalty list (不罚清单).
pub const NO_PENALTY: [Target; 6] = [
    target("序号", &["顺序号"], false),
    target("执法领域", &["领域", "所属领域", "行业领域"], true),
    target("违法行为", &["违法事项", "违法行为名称", "行为"], true),
    target("法律依据", &["依据", "处罚依据", "法律法规依据"], true),
    target("不予处罚条件", &["不予处罚的条件", "免罚条件", "适用条件", "条件"], true),
    target("实施主体", &["实施机关", "执法主体", "责任单位"], false),
];

impl ImportKind {
    /// The fields this kind of import fills.
    pub fn targets(self) -> &'static [Target] {
        match self {
            ImportKind::Register => &REGISTER,
            ImportKind::Catalogue => &CATALOGUE,
            ImportKind::NoPenalty => &NO_PENALTY,
        }
    }
}

/// A header as compared: no spaces, no line breaks, no `*`, nothing in brackets.
fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in header.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '*' || c == '＊' => {}
            c => out.push(c),
        }
    }
    out
}

fn matches(target: &Target, header: &str) -> bool {
    let header = normalise(header);
    !header.is_empty() && (header == target.name || target.synonyms.contains(&header.as_str()))
}

/// Which column feeds each target field, and which row is the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub kind: ImportKind,
    /// Index into [`Sheet::rows`] of the header row; data starts below it.
    pub header_row: usize,
    /// One entry per target of `kind`: the source column, if any.
    pub columns: Vec<Option<usize>>,
}

impl Mapping {
    /// Finds the header row (the first with at least two known names) and maps each field
    /// to the first column whose header names it.
    pub fn detect(kind: ImportKind, sheet: &Sheet) -> Result<Mapping, ImportError> {
        let targets = kind.targets();
        let header_row = sheet
            .rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|row| {
                let known = row
                    .cells
                    .iter()
                    .filter(|c| targets.iter().any(|t| matches(t, &cell_text(c))))
                    .count();
                known >= 2
            })
            .ok_or(ImportError::NoHeader(kind))?;
        let headers: Vec<String> = sheet.rows[header_row].cells.iter().map(cell_text).collect();
        let mut taken = vec![false; headers.len()];
        let mut columns = Vec::with_capacity(targets.len());
        for t in targets {
            // The field's own name first, so 事项名称 in a register does not beat 指导事项.
            let by_name = headers.iter().position(|h| normalise(h) == t.name);
            let found = by_name
                .filter(|&c| !taken[c])
                .or_else(|| (0..headers.len()).find(|&c| !taken[c] && matches(t, &headers[c])));
            if let Some(c) = found {
                taken[c] = true;
            }
            columns.push(found);
        }
        Ok(Mapping { kind, header_row, columns })
    }

    /// The header names of the sheet's columns, for the mapping row of the preview.
    pub fn headers(&self, sheet: &Sheet) -> Vec<String> {
        (0..sheet.width())
            .map(|c| {
                let text = cell_text(sheet.cell(self.header_row, c));
                if text.is_empty() { format!("第{}列", c + 1) } else { text }
            })
            .collect()
    }

    /// The required fields that no column feeds.
    pub fn missing(&self) -> Vec<&'static str> {
        self.kind
            .targets()
            .iter()
            .zip(&self.columns)
            .filter(|(t, c)| t.required && c.is_none())
            .map(|(t, _)| t.name)
            .collect()
    }

    /// The source column of the field named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        let i = self.kind.targets().iter().position(|t| t.name == name)?;
        self.columns.get(i).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::read_bytes;

    #[test]
    fn the_header_is_found_below_a_title_and_synonyms_are_mapped() {
        let text = "金岭回族镇行政指导事项登记簿,,,,\n,,,,\n编号序号,日期, 文书编号 ,行政相对人,指导事项（名称）,执法人员\n";
        let sheet = read_bytes(text.as_bytes(), "t.csv").unwrap();
        let mapping = Mapping::detect(ImportKind::Register, &sheet).unwrap();
        assert_eq!(mapping.header_row, 2);
        assert_eq!(mapping.column("时间"), Some(1));
        assert_eq!(mapping.column("文号"), Some(2));
        assert_eq!(mapping.column("指导对象"), Some(3));
        assert_eq!(mapping.column("指导事项"), Some(4));
        assert_eq!(mapping.column("指导人员"), Some(5));
        assert_eq!(mapping.column("指导地点"), None);
        assert!(mapping.missing().is_empty());
    }

    #[test]
    fn a_sheet_without_known_headers_says_so() {
        let sheet = read_bytes("甲,乙\n1,2\n".as_bytes(), "t.csv").unwrap();
        let error = Mapping::detect(ImportKind::NoPenalty, &sheet).unwrap_err();
        assert!(error.to_string().contains("表头"), "{error}");
    }
}
