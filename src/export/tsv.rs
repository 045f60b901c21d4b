//! TSV: `ko<TAB>en`, one bead a line, no header. Tabs and line breaks inside
//! a text become single spaces so that every line has exactly two fields,
//! for any line reader.

use std::io::{self, Write};

use super::Row;

/// Replaces tabs and line breaks (any of [`super::LINE_BREAKS`]) with
/// spaces.
pub(super) fn flatten(s: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| c == '\t' || super::LINE_BREAKS.contains(&c);
    if s.contains(odd) {
        s.replace(odd, " ").into()
    } else {
        s.into()
    }
}

pub(super) fn write<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for r in rows {
        writeln!(out, "{}\t{}", flatten(&r.ko_text), flatten(&r.en_text))?;
    }
    out.flush()
}
