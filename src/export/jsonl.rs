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

/// A bead as serde_json writes it (what [`write`] writes by hand).
#[cfg(test)]
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
    // Written by hand, byte for byte what serde_json writes for `JsonBead`
    // (a test compares them): the bead texts are most of a corpus's output,
    // and a string is scanned eight bytes at a time for what needs escaping.
    let mut line = Vec::with_capacity(512);
    let mut num = itoa::Buffer::new();
    let mut float = ryu::Buffer::new();
    for r in rows {
        line.clear();
        line.push(b'{');
        if let Some(doc) = doc {
            line.extend_from_slice(b"\"doc\":");
            push_str(&mut line, doc);
            line.push(b',');
        }
        for (key, range) in
            [(&b"\"ko\":["[..], r.bead.ko.clone()), (b",\"en\":[", r.bead.en.clone())]
        {
            line.extend_from_slice(key);
            for (n, k) in range.enumerate() {
                if n > 0 {
                    line.push(b',');
                }
                line.extend_from_slice(num.format(k).as_bytes());
            }
            line.push(b']');
        }
        line.extend_from_slice(b",\"score\":");
        let score = (r.bead.score * 10_000.0).round() / 10_000.0;
        if score.is_finite() {
            line.extend_from_slice(float.format_finite(score).as_bytes());
        } else {
            line.extend_from_slice(b"null");
        }
        line.extend_from_slice(b",\"ko_text\":");
        push_str(&mut line, &r.ko_text);
        line.extend_from_slice(b",\"en_text\":");
        push_str(&mut line, &r.en_text);
        line.extend_from_slice(b"}\n");
        out.write_all(&line)?;
    }
    out.flush()
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"`, `\`
/// and control characters below U+0020 (`\n`, `\t` … or `\u00XX`).
fn push_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `x` is zero (exact for the word as a whole).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let b = s.as_bytes();
    out.push(b'"');
    let (mut i, mut plain) = (0, 0);
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // No byte below 0x20, no quote, no backslash: nothing to escape.
            let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
            if !below_space
                && !zero_byte(x ^ (ONES * u64::from(b'"')))
                && !zero_byte(x ^ (ONES * u64::from(b'\\')))
            {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let escape: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..0x20 => {
                out.extend_from_slice(&b[plain..i]);
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&[HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xf)]]);
                i += 1;
                plain = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[plain..i]);
        out.extend_from_slice(escape);
        i += 1;
        plain = i;
    }
    out.extend_from_slice(&b[plain..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_lines_are_serde_json_lines() {
        let texts = [
            "",
            "plain",
            "부산항 “quoted” \\ back\\slash",
            "ctrl \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f} end",
            "eight!!!\"quote at nine and more text after it",
            "\"\"\"\"\"\"\"\"\"",
            "emoji 😀 and é",
        ];
        for (k, text) in texts.iter().enumerate() {
            for score in [0.0, 1.0, 0.93125, 0.5, 1e-5, 0.123456, f64::NAN] {
                let bead = crate::align::Bead { ko: 0..k, en: k..k + 1, score };
                let row = || Row { bead: &bead, ko_text: (*text).into(), en_text: texts[0].into() };
                for doc in [None, Some("d\"1\n")] {
                    let mut ours = Vec::new();
                    write(std::iter::once(row()), doc, &mut ours).unwrap();
                    let r = row();
                    let theirs = serde_json::to_string(&JsonBead {
                        doc,
                        ko: r.bead.ko.clone().collect(),
                        en: r.bead.en.clone().collect(),
                        score: (r.bead.score * 10_000.0).round() / 10_000.0,
                        ko_text: &r.ko_text,
                        en_text: &r.en_text,
                    })
                    .unwrap()
                        + "\n";
                    assert_eq!(String::from_utf8(ours).unwrap(), theirs);
                }
            }
        }
    }
}
