//! CSV (RFC 4180, via the `csv` crate) with a header row:
//! `ko,en,score,type,doc,ko_index,en_index`. `type` is the bead shape (`2-1`),
//! the index columns list sentence indices separated by spaces.
//!
//! With `excel` set, the file starts with a UTF-8 byte-order mark and uses
//! CRLF line ends, which is what makes Excel open Korean text correctly, and
//! a text cell (the texts and the document id) starting with `= + - @`, a
//! tab or a CR gets a leading `'` so that Excel does not run it as a formula.

use std::io::{self, Write};

use super::{ExportOptions, Row};

/// The header row.
pub(super) const HEADER: [&str; 7] = ["ko", "en", "score", "type", "doc", "ko_index", "en_index"];

fn indices(r: &std::ops::Range<usize>) -> String {
    r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
}

pub(super) fn write<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opts.excel && opts.standalone {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let terminator =
        if opts.excel { ::csv::Terminator::CRLF } else { ::csv::Terminator::Any(b'\n') };
    let mut w = ::csv::WriterBuilder::new().terminator(terminator).from_writer(&mut *out);
    let guard = |s: &str| -> String {
        if opts.excel && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.to_string()
        }
    };
    if opts.standalone {
        w.write_record(HEADER)?;
    }
    for r in rows {
        w.write_record([
            &guard(&r.ko_text),
            &guard(&r.en_text),
            &format!("{:.4}", r.bead.score),
            &r.bead.kind(),
            &guard(&opts.doc_id),
            &indices(&r.bead.ko),
            &indices(&r.bead.en),
        ])?;
    }
    w.flush()?;
    drop(w);
    out.flush()
}
