//! TMX 1.4b, the translation-memory format CAT tools import.
//!
//! The header carries `creationtool`, `creationtoolversion`,
//! `segtype="sentence"`, `o-tmf`, `adminlang`, `srclang` (the Korean tag),
//! `datatype="plaintext"` and `creationdate` (`YYYYMMDDThhmmssZ`). Each bead
//! is a `<tu>` with a unique `tuid` (`doc-N`), three properties (`x-doc`,
//! `x-score`, `x-bead`) and one `<tuv xml:lang=…><seg>` per language. Text is
//! escaped (`& < >` and quotes in attributes) and characters that XML 1.0
//! forbids are removed.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{ExportOptions, Row};

pub(super) fn write<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opts.standalone {
        write_header(opts, out)?;
    }
    for (n, r) in rows.enumerate() {
        write_unit(&r, n + 1, opts, out)?;
    }
    if opts.standalone {
        write_footer(out)?;
    }
    out.flush()
}

/// The XML declaration, `<tmx>`, the header and `<body>`.
pub(super) fn write_header(opts: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    writeln!(
        out,
        r#"  <header creationtool="hanalign" creationtoolversion="{}" segtype="sentence" o-tmf="hanalign" adminlang="en-US" srclang="{}" datatype="plaintext" creationdate="{}"/>"#,
        env!("CARGO_PKG_VERSION"),
        xml_escape(&opts.ko_tag),
        xml_escape(&opts.creation_date)
    )?;
    writeln!(out, "  <body>")
}

/// The end of the body and of the file.
pub(super) fn write_footer(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")?;
    out.flush()
}

/// One `<tu>`: its id is the document id and the bead's number `n`.
fn write_unit(r: &Row, n: usize, opts: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    {
        writeln!(out, r#"    <tu tuid="{}-{}">"#, xml_escape(&opts.doc_id), n)?;
        writeln!(out, r#"      <prop type="x-doc">{}</prop>"#, xml_escape(&opts.doc_id))?;
        writeln!(out, r#"      <prop type="x-score">{:.4}</prop>"#, r.bead.score)?;
        writeln!(out, r#"      <prop type="x-bead">{}</prop>"#, r.bead.kind())?;
        for (tag, text) in [(&opts.ko_tag, &r.ko_text), (&opts.en_tag, &r.en_text)] {
            writeln!(
                out,
                r#"      <tuv xml:lang="{}"><seg>{}</seg></tuv>"#,
                xml_escape(tag),
                xml_escape(text)
            )?;
        }
        writeln!(out, "    </tu>")?;
    }
    Ok(())
}

/// Escapes text for XML content or a double-quoted attribute, dropping
/// characters XML 1.0 does not allow.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Formats a time as TMX wants it: `YYYYMMDDThhmmssZ` in UTC.
pub fn utc_timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian
/// calendar (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamp_format() {
        assert_eq!(utc_timestamp(UNIX_EPOCH), "19700101T000000Z");
        // 2026-12-01 11:44:51 UTC
        assert_eq!(
            utc_timestamp(UNIX_EPOCH + Duration::from_secs(1_796_125_491)),
            "20261201T114451Z"
        );
        // A leap day.
        assert_eq!(
            utc_timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "20000229T000000Z"
        );
    }

    #[test]
    fn escape_removes_invalid_chars() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}\u{FFFF}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
