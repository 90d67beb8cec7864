//! The parts of the package around the body: content types, relationships, settings, styles,
//! the font table, the document properties and the two page-number footers.

use super::geometry::Geometry;
use super::run;
use super::xml::{NS_R, NS_W, Xml};
use crate::export::paper::Face;

/// The font of the page numbers: GB/T 9704 asks for half-width 宋体 digits at size 4.
pub(super) const FOLIO_FONT: &str = "宋体";
/// Relationship id of the odd-page (default) footer in `document.xml.rels`.
pub(super) const ODD_FOOTER_ID: &str = "rIdFooterOdd";
/// Relationship id of the even-page footer.
pub(super) const EVEN_FOOTER_ID: &str = "rIdFooterEven";
/// Part names of the two footers.
pub(super) const ODD_FOOTER: &str = "word/footer1.xml";
pub(super) const EVEN_FOOTER: &str = "word/footer2.xml";

/// Punctuation that may not begin a line of Chinese text (closing marks, stops, pauses).
const NO_BREAK_BEFORE: &str =
    "!%),.:;?]}¢°·’”‰′″℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～￠…—";
/// Punctuation that may not end a line (opening marks).
const NO_BREAK_AFTER: &str = "([{£¥‘“〈《「『【〔〖〝﹙﹛﹝（［｛￡￥";

const CT_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_PREFIX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
const REL_PREFIX: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// `[Content_Types].xml`.
pub(super) fn content_types() -> String {
    let mut x = Xml::new();
    x.open("Types", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/content-types")]);
    x.empty(
        "Default",
        &[
            ("Extension", &"rels"),
            ("ContentType", &"application/vnd.openxmlformats-package.relationships+xml"),
        ],
    );
    x.empty("Default", &[("Extension", &"xml"), ("ContentType", &"application/xml")]);
    x.empty("Override", &[("PartName", &"/word/document.xml"), ("ContentType", &CT_MAIN)]);
    for (part, kind) in [
        ("/word/styles.xml", "styles+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footer1.xml", "footer+xml"),
        ("/word/footer2.xml", "footer+xml"),
    ] {
        let content_type = format!("{CT_PREFIX}{kind}");
        x.empty("Override", &[("PartName", &part), ("ContentType", &content_type)]);
    }
    x.empty(
        "Override",
        &[
            ("PartName", &"/docProps/core.xml"),
            ("ContentType", &"application/vnd.openxmlformats-package.core-properties+xml"),
        ],
    );
    x.empty(
        "Override",
        &[
            ("PartName", &"/docProps/app.xml"),
            (
                "ContentType",
                &"application/vnd.openxmlformats-officedocument.extended-properties+xml",
            ),
        ],
    );
    x.finish()
}

/// `_rels/.rels`: where the document and its properties are.
pub(super) fn package_rels() -> String {
    relationships(&[
        ("rIdDocument", "officeDocument", "word/document.xml"),
        (
            "rIdCore",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rIdApp", "extended-properties", "docProps/app.xml"),
    ])
}

/// `word/_rels/document.xml.rels`.
pub(super) fn document_rels() -> String {
    relationships(&[
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        (ODD_FOOTER_ID, "footer", "footer1.xml"),
        (EVEN_FOOTER_ID, "footer", "footer2.xml"),
    ])
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut x = Xml::new();
    x.open(
        "Relationships",
        &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/relationships")],
    );
    for &(id, kind, target) in rels {
        let kind =
            if kind.contains("://") { kind.to_owned() } else { format!("{REL_PREFIX}{kind}") };
        x.empty("Relationship", &[("Id", &id), ("Type", &kind), ("Target", &target)]);
    }
    x.finish()
}

/// `word/settings.xml`: different odd and even footers, full-width punctuation on the grid,
/// and the Chinese line-breaking rules spelled out. Elements follow the schema's order.
pub(super) fn settings() -> String {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", &NS_W)]);
    x.empty("w:zoom", &[("w:percent", &100)]);
    x.empty("w:defaultTabStop", &[("w:val", &420)]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty("w:characterSpacingControl", &[("w:val", &"doNotCompress")]);
    x.empty("w:noLineBreaksAfter", &[("w:lang", &"zh-CN"), ("w:val", &NO_BREAK_AFTER)]);
    x.empty("w:noLineBreaksBefore", &[("w:lang", &"zh-CN"), ("w:val", &NO_BREAK_BEFORE)]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", &"compatibilityMode"),
            ("w:uri", &"http://schemas.microsoft.com/office/word"),
            ("w:val", &15),
        ],
    );
    x.close();
    x.empty("w:themeFontLang", &[("w:val", &"en-US"), ("w:eastAsia", &"zh-CN")]);
    x.finish()
}

/// `word/styles.xml`: the defaults every paragraph inherits — body `FangSong` on the grid's
/// lines, justified, line-breaking rules on, no widow control so every page holds all its
/// lines.
pub(super) fn styles(g: &Geometry) -> String {
    let body_font = Face::FangSong.official_name();
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", &NS_W)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    run::props(&mut x, body_font, g.body, 0);
    x.close();
    x.open("w:pPrDefault", &[]).open("w:pPr", &[]);
    x.empty("w:widowControl", &[("w:val", &0)]);
    x.empty("w:kinsoku", &[("w:val", &1)]);
    x.empty("w:overflowPunct", &[("w:val", &0)]);
    x.empty("w:autoSpaceDE", &[("w:val", &0)]);
    x.empty("w:autoSpaceDN", &[("w:val", &0)]);
    x.empty("w:adjustRightInd", &[("w:val", &0)]);
    // Characters are not snapped to the grid's cells: LibreOffice gives a 16 pt character two
    // cells of 15.8 pt, and Word spreads a 22 pt title. Body runs are narrowed instead (see
    // `Geometry::tracking`), and exact line spacing keeps every line on the grid.
    x.empty("w:snapToGrid", &[("w:val", &0)]);
    x.empty(
        "w:spacing",
        &[("w:before", &0), ("w:after", &0), ("w:line", &g.line_pitch), ("w:lineRule", &"exact")],
    );
    x.empty("w:jc", &[("w:val", &"both")]);
    x.close().close().close();

    x.open("w:style", &[("w:type", &"paragraph"), ("w:default", &1), ("w:styleId", &"Normal")]);
    x.empty("w:name", &[("w:val", &"Normal")]);
    x.empty("w:qFormat", &[]);
    x.close();

    x.open("w:style", &[("w:type", &"table"), ("w:default", &1), ("w:styleId", &"TableNormal")]);
    x.empty("w:name", &[("w:val", &"Normal Table")]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", &0), ("w:type", &"dxa")]);
    cell_margins(&mut x);
    x.close().close();
    x.finish()
}

/// Cell margins of every table: none above and below (rows sit on the grid), a little at
/// the sides.
pub(super) fn cell_margins(x: &mut Xml) {
    x.open("w:tblCellMar", &[]);
    x.empty("w:top", &[("w:w", &0), ("w:type", &"dxa")]);
    x.empty("w:left", &[("w:w", &CELL_SIDE), ("w:type", &"dxa")]);
    x.empty("w:bottom", &[("w:w", &0), ("w:type", &"dxa")]);
    x.empty("w:right", &[("w:w", &CELL_SIDE), ("w:type", &"dxa")]);
    x.close();
}

/// Left and right cell margin in twips (Word's own default, 1.9 mm).
pub(super) const CELL_SIDE: i32 = 108;

/// `word/fontTable.xml`: the official fonts, marked GB2312, with the names Windows itself
/// ships (仿宋, 楷体) as alternatives for a PC without the `_GB2312` versions.
pub(super) fn font_table() -> String {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", &NS_W)]);
    let alternatives = [
        (Face::FangSong.official_name(), Some("仿宋")),
        (Face::XiaoBiaoSong.official_name(), None),
        (Face::HeiTi.official_name(), None),
        (Face::KaiTi.official_name(), Some("楷体")),
        (FOLIO_FONT, None),
    ];
    for (name, alternative) in alternatives {
        x.open("w:font", &[("w:name", &name)]);
        if let Some(alt) = alternative {
            x.empty("w:altName", &[("w:val", &alt)]);
        }
        x.empty("w:charset", &[("w:val", &86)]);
        x.close();
    }
    x.finish()
}

/// `docProps/core.xml`: the title shown in the file's properties.
pub(super) fn core(title: &str) -> String {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
        ],
    );
    x.leaf("dc:title", &[], title);
    x.leaf("dc:creator", &[], "行政指导台账");
    x.leaf("dc:language", &[], "zh-CN");
    x.finish()
}

/// `docProps/app.xml`: the program that wrote the file.
pub(super) fn app() -> String {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[("xmlns", &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")],
    );
    x.leaf("Application", &[], concat!("guidance-ledger ", env!("CARGO_PKG_VERSION")));
    x.finish()
}

/// A footer holding "— n —": on odd pages at the right, one character in from the margin,
/// on even pages at the left, as GB/T 9704 places them.
pub(super) fn footer(g: &Geometry, odd: bool) -> String {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", &NS_W), ("xmlns:r", &NS_R)]);
    x.open("w:p", &[]).open("w:pPr", &[]);
    x.empty("w:snapToGrid", &[("w:val", &0)]);
    x.empty("w:spacing", &[("w:line", &g.folio_line), ("w:lineRule", &"exact")]);
    let (side, jc) = if odd { ("w:right", "right") } else { ("w:left", "left") };
    x.empty("w:ind", &[(side, &g.folio_line)]);
    x.empty("w:jc", &[("w:val", &jc)]);
    x.close();

    run::text(&mut x, "— ", FOLIO_FONT, g.folio, 0);
    field_char(&mut x, g, "begin");
    x.open("w:r", &[]);
    run::props(&mut x, FOLIO_FONT, g.folio, 0);
    x.leaf("w:instrText", &[("xml:space", &"preserve")], " PAGE ");
    x.close();
    field_char(&mut x, g, "separate");
    run::text(&mut x, "1", FOLIO_FONT, g.folio, 0);
    field_char(&mut x, g, "end");
    run::text(&mut x, " —", FOLIO_FONT, g.folio, 0);
    x.finish()
}

fn field_char(x: &mut Xml, g: &Geometry, kind: &str) {
    x.open("w:r", &[]);
    run::props(x, FOLIO_FONT, g.folio, 0);
    x.empty("w:fldChar", &[("w:fldCharType", &kind)]);
    x.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_breaking_rules_cover_what_the_issue_names() {
        for c in "，。、；：？！）」』》〕".chars() {
            assert!(NO_BREAK_BEFORE.contains(c), "{c} may begin a line");
        }
        for c in "（「『《〔".chars() {
            assert!(NO_BREAK_AFTER.contains(c), "{c} may end a line");
        }
    }
}
