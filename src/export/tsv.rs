//! TSV: `ko<TAB>en`, one bead a line, no header. Tabs and line breaks inside
//! a text become single spaces so that every line has exactly two fields.

use std::io::{self, Write};

use super::Row;

/// Replaces tabs and line breaks with spaces.
pub(super) fn flatten(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
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
