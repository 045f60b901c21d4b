//! JSONL: one JSON object per bead, every bead, in order (or, with
//! `--jsonl-style hf`, the Hugging Face translation shape).
//!
//! `{"ko":[0],"en":[0,1],"score":0.93,"ko_text":"…","en_text":"…"}` — `ko`
//! and `en` are 0-based sentence indices (empty for a 1-0 or 0-1 bead),
//! `score` the bead's confidence rounded to four decimals, the texts in the
//! original characters joined by one space (empty for an empty side). This
//! shape is a contract with evaluation tools: the keys never change. Batch
//! output adds a `doc` key first.

use std::io::{self, Write};

use serde::Serialize;

use super::Row;

#[derive(Serialize)]
struct JsonBead<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a str>,
    ko: Vec<usize>,
    en: Vec<usize>,
    score: f64,
    ko_text: &'a str,
    en_text: &'a str,
}

/// The Hugging Face `datasets` translation shape, one object a line:
/// `{"translation":{"ko":"…","en":"…"}}`.
pub(super) fn write_hf<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Pair<'a> {
        ko: &'a str,
        en: &'a str,
    }
    #[derive(Serialize)]
    struct Hf<'a> {
        translation: Pair<'a>,
    }
    for r in rows {
        serde_json::to_writer(
            &mut *out,
            &Hf { translation: Pair { ko: &r.ko_text, en: &r.en_text } },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

pub(super) fn write<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    doc: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for r in rows {
        let obj = JsonBead {
            doc,
            ko: r.bead.ko.clone().collect(),
            en: r.bead.en.clone().collect(),
            score: (r.bead.score * 10_000.0).round() / 10_000.0,
            ko_text: &r.ko_text,
            en_text: &r.en_text,
        };
        serde_json::to_writer(&mut *out, &obj)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
