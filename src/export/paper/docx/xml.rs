//! A small writer of well-formed XML: elements opened and closed in order, attribute values
//! and text escaped, and characters XML cannot carry dropped instead of breaking the file.

use std::fmt::{Display, Write as _};

/// The `WordprocessingML` namespace, on the root of every `word/*.xml` part.
pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace, for `r:id` on footer references.
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An attribute: its qualified name and a value written with `Display`.
pub(super) type Attr<'a> = (&'a str, &'a dyn Display);

/// An XML part being written. Every element opened is closed by [`Xml::finish`] at the
/// latest, so the result is always well-formed.
pub(super) struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// Starts a part with the XML declaration Word writes.
    pub(super) fn new() -> Self {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        Self { out, open: Vec::new() }
    }

    /// Opens `<tag attrs…>`; its children follow until [`Xml::close`].
    pub(super) fn open(&mut self, tag: &'static str, attrs: &[Attr<'_>]) -> &mut Self {
        self.start_tag(tag, attrs);
        self.out.push('>');
        self.open.push(tag);
        self
    }

    /// Writes `<tag attrs…/>`.
    pub(super) fn empty(&mut self, tag: &str, attrs: &[Attr<'_>]) -> &mut Self {
        self.start_tag(tag, attrs);
        self.out.push_str("/>");
        self
    }

    /// Writes `<tag attrs…>text</tag>` with the text escaped.
    pub(super) fn leaf(&mut self, tag: &'static str, attrs: &[Attr<'_>], text: &str) -> &mut Self {
        self.open(tag, attrs);
        self.text(text);
        self.close()
    }

    /// Closes the innermost open element; does nothing when none is open.
    pub(super) fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self
    }

    /// Escaped character data. Line breaks and tabs are kept; the caller decides what they mean.
    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text, false);
        self
    }

    /// Closes whatever is still open and returns the part.
    pub(super) fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }

    fn start_tag(&mut self, tag: &str, attrs: &[Attr<'_>]) {
        self.out.push('<');
        self.out.push_str(tag);
        let mut value = String::new();
        for (name, shown) in attrs {
            value.clear();
            // Writing into a String cannot fail.
            let _ = write!(value, "{shown}");
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, &value, true);
            self.out.push('"');
        }
    }
}

/// Whether a character may stand in a document at all. XML 1.0 forbids most C0 controls and
/// U+FFFE/U+FFFF; we also drop DEL and the C1 controls, which no printer shows.
pub(super) fn printable(c: char) -> bool {
    matches!(c, '\n' | '\t') || !(c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

fn escape_into(out: &mut String, text: &str, in_attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // In an attribute a raw line break would be read back as a space.
            '\n' | '\t' if in_attribute => out.push(' '),
            c if printable(c) => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_controls_dropped() {
        let mut x = Xml::new();
        x.open("w:t", &[("a", &"\"<&>'\n")])
            .text("A&B <c> \"q\" 'x'\u{0}\u{7}\u{1b}\u{7f}\u{85}\u{FFFF}𠮷");
        let part = x.finish();
        assert!(part.ends_with(
            "<w:t a=\"&quot;&lt;&amp;&gt;&apos; \">\
             A&amp;B &lt;c&gt; &quot;q&quot; &apos;x&apos;𠮷</w:t>"
        ));
    }

    #[test]
    fn finish_closes_every_open_element_in_order() {
        let mut x = Xml::new();
        x.open("a", &[]).open("b", &[("n", &3)]).empty("c", &[]);
        assert!(x.finish().ends_with("<a><b n=\"3\"><c/></b></a>"));
    }

    #[test]
    fn tabs_and_line_breaks_count_as_printable() {
        assert!(printable('\n') && printable('\t') && printable('䶮'));
        assert!(!printable('\r') && !printable('\u{8}') && !printable('\u{9f}'));
    }
}
