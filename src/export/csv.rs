//! CSV (RFC 4180, via the `csv` crate) with a header row:
//! `ko,en,score,type,doc,ko_index,en_index`. `type` is the bead shape (`2-1`),
//! the index columns list sentence indices separated by spaces.

use std::io::{self, Write};

use super::{ExportOptions, Row};

fn indices(r: &std::ops::Range<usize>) -> String {
    r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
}

pub(super) fn write<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new().from_writer(&mut *out);
    w.write_record(["ko", "en", "score", "type", "doc", "ko_index", "en_index"])?;
    for r in rows {
        w.write_record([
            r.ko_text.as_str(),
            r.en_text.as_str(),
            &format!("{:.4}", r.bead.score),
            &r.bead.kind(),
            &opts.doc_id,
            &indices(&r.bead.ko),
            &indices(&r.bead.en),
        ])?;
    }
    w.flush()?;
    drop(w);
    out.flush()
}
