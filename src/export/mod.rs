//! Writing an aligned pair in the formats people use.
//!
//! Every writer streams to any [`std::io::Write`] and takes the sentence text
//! in the author's original characters; a bead's sentences are joined with
//! one space. [`Format::Jsonl`] is the contract format read by evaluation
//! tools: it always lists every bead, whatever [`ExportOptions`] say. The
//! other formats leave out beads below `min_score` and, unless
//! `include_null` is set, beads with an empty side.

mod csv;
pub mod explain;
mod html;
mod jsonl;
mod tmx;
mod tsv;

use std::borrow::Cow;
use std::io::Write;

use crate::align::Bead;
use crate::error::{Error, Result};
use crate::pipeline::AlignedPair;

pub use self::tmx::{utc_timestamp, xml_escape};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `ko<TAB>en`, one bead a line.
    Tsv,
    /// One JSON object per bead: `ko`, `en`, `score`, `ko_text`, `en_text`.
    Jsonl,
    /// TMX 1.4b translation memory.
    Tmx,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Moses/OPUS: two files with one sentence a line, `NAME.ko` and `NAME.en`
    /// (see [`write_moses`]).
    Moses,
    /// A self-contained HTML page to review the alignment.
    Html,
}

impl Format {
    /// All formats, for help texts.
    pub const ALL: [Format; 5] =
        [Format::Tsv, Format::Jsonl, Format::Tmx, Format::Csv, Format::Moses];

    /// The format's name as used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Moses => "moses",
            Format::Html => "html",
        }
    }

    /// The format named by a file extension (`pair.tmx` → TMX), if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tsv" | "tab" | "txt" => Some(Format::Tsv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "tmx" => Some(Format::Tmx),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
            Error::Config(format!("unknown format {s:?} (expected tsv, jsonl, tmx or csv)"))
        })
    }
}

/// Options shared by the writers.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Leave out beads scored below this (not in JSONL). Default: 0.
    pub min_score: f64,
    /// Keep beads with an empty side (1-0, 0-1). Default: false (not in JSONL,
    /// which always keeps them).
    pub include_null: bool,
    /// An identifier of the document pair, written in TMX and CSV. Default: "doc".
    pub doc_id: String,
    /// Language tag of the Korean side in TMX. Default: `ko-KR`.
    pub ko_tag: String,
    /// Language tag of the English side in TMX. Default: `en-US`.
    pub en_tag: String,
    /// Creation time in TMX, as `YYYYMMDDThhmmssZ`. Default: now.
    pub creation_date: String,
    /// CSV for Excel: byte-order mark, CRLF, formula cells guarded. Default: false.
    pub excel: bool,
    /// JSONL in the Hugging Face translation shape instead of beads (then
    /// filtered like the other exports). Default: false.
    pub jsonl_hf: bool,
    /// Write a whole file (TMX header and footer, CSV header row). False
    /// when several documents go into one file between [`write_header`] and
    /// [`write_footer`]. Default: true.
    pub standalone: bool,
    /// JSONL beads carry a `"doc"` key with `doc_id` (batch output). Default: false.
    pub jsonl_doc: bool,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            min_score: 0.0,
            include_null: false,
            doc_id: "doc".to_string(),
            ko_tag: "ko-KR".to_string(),
            en_tag: "en-US".to_string(),
            creation_date: utc_timestamp(std::time::SystemTime::now()),
            excel: false,
            jsonl_hf: false,
            standalone: true,
            jsonl_doc: false,
        }
    }
}

impl ExportOptions {
    /// Checks the options, e.g. that `min_score` lies in [0, 1].
    pub fn validate(&self) -> Result<()> {
        check_score("min score", self.min_score)?;
        for tag in [&self.ko_tag, &self.en_tag] {
            let ok = !tag.is_empty()
                && tag
                    .split('-')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !ok {
                return Err(Error::Config(format!("{tag:?} is not a language tag such as ko-KR")));
            }
        }
        Ok(())
    }

    /// Whether a bead goes into a filtered export.
    fn keeps(&self, bead: &Bead) -> bool {
        (self.include_null || (!bead.ko.is_empty() && !bead.en.is_empty()))
            && bead.score >= self.min_score
    }
}

/// One bead ready to write: indices, texts in original characters, score.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// The bead.
    pub bead: &'a Bead,
    /// Korean text, sentences joined with one space.
    pub ko_text: Cow<'a, str>,
    /// English text, sentences joined with one space.
    pub en_text: Cow<'a, str>,
}

/// The rows of an aligned pair, every bead.
pub fn rows<'a>(pair: &'a AlignedPair) -> impl Iterator<Item = Row<'a>> + 'a {
    pair.alignment.beads.iter().map(move |bead| Row {
        bead,
        ko_text: pair.ko.joined_original(bead.ko.clone()),
        en_text: pair.en.joined_original(bead.en.clone()),
    })
}

/// Writes `pair` in `format` to `out`.
pub fn write(
    format: Format,
    pair: &AlignedPair,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> Result<()> {
    if format == Format::Html {
        opts.validate()?;
        return html::write(pair, &opts.doc_id, out).map_err(Error::Export);
    }
    write_rows(format, rows(pair), opts, out)
}

/// Writes beads given with their texts (e.g. an alignment read back from
/// JSONL by `hanalign convert`) in `format` (not HTML or Moses, which need
/// more than rows).
pub fn write_rows<'a>(
    format: Format,
    rows: impl Iterator<Item = Row<'a>>,
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> Result<()> {
    opts.validate()?;
    let res = match format {
        Format::Jsonl if opts.jsonl_hf => jsonl::write_hf(rows.filter(|r| opts.keeps(r.bead)), out),
        Format::Jsonl => jsonl::write(rows, opts.jsonl_doc.then_some(opts.doc_id.as_str()), out),
        Format::Html | Format::Moses => {
            return Err(Error::Config(format!(
                "{} cannot be written from bead rows alone",
                format.name()
            )));
        }
        Format::Tsv => tsv::write(rows.filter(|r| opts.keeps(r.bead)), out),
        Format::Csv => csv::write(rows.filter(|r| opts.keeps(r.bead)), opts, out),
        Format::Tmx => tmx::write(rows.filter(|r| opts.keeps(r.bead)), opts, out),
    };
    res.map_err(Error::Export)
}

/// Checks a score setting: a number from 0 to 1 (NaN is not), else an
/// error naming the setting (`min score 1.5 is not in [0, 1]`).
pub fn check_score(setting: &str, value: f64) -> Result<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::Config(format!("{setting} {value} is not in [0, 1]")))
    }
}

/// The characters some line reader ends a line at: LF and CR, and also VT,
/// FF, the information separators FS, GS and RS, NEL, LS and PS (Python's
/// `str.splitlines`). Line formats (TSV, Moses, `segment`) write them as
/// spaces, so that one record is one line for every reader.
pub const LINE_BREAKS: [char; 10] =
    ['\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}', '\u{2029}'];

/// Reads a TMX back into beads (for `hanalign convert`): each `<tu>` gives a
/// bead with the `<seg>` text of the `ko_tag` and `en_tag` languages (matched
/// on the primary language subtag, so `ko` finds `ko-KR`), its score from an
/// `x-score` property and its shape from `x-bead`. Sentence indices are
/// rebuilt by counting shapes in order, so they are right only when the
/// TMX holds every bead (exported with `--include-null`). A file that is not
/// XML, whose root is not `<tmx>`, or that ends before its elements close
/// (cut short) is an error naming the line.
pub fn read_tmx(name: &str, text: &str) -> Result<Vec<(Bead, String, String)>> {
    use quick_xml::events::Event;
    let line_at = |pos: u64| crate::document::line_at(text.as_bytes(), pos as usize);
    let mut r = quick_xml::Reader::from_str(text);
    let bad = |pos: u64, message: String| Error::BadLine {
        name: name.to_string(),
        line: line_at(pos),
        message: format!("not valid TMX: {message}"),
    };
    // The elements open, outermost first, and whether a root was seen.
    let mut open: Vec<String> = Vec::new();
    let mut had_root = false;
    let mut out = Vec::new();
    let (mut ko, mut en) = (0usize, 0usize);
    let (mut lang, mut prop) = (String::new(), String::new());
    let (mut ko_text, mut en_text, mut score, mut shape) =
        (String::new(), String::new(), 0.0, String::new());
    let mut buf = String::new();
    loop {
        let ev = r.read_event().map_err(|e| bad(r.buffer_position(), e.to_string()))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if open.is_empty() && (had_root || tag != "tmx") {
                    let what = if had_root { "a second root element" } else { "a root element" };
                    return Err(bad(r.buffer_position(), format!("{what} <{tag}>, not <tmx>")));
                }
                had_root = true;
                if matches!(ev, Event::Start(_)) {
                    open.push(tag);
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) if open.is_empty() && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(bad(r.buffer_position(), "text outside the <tmx> element".into()));
            }
            _ => {}
        }
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"tu" => {
                    ko_text.clear();
                    en_text.clear();
                    score = 0.0;
                    shape.clear();
                }
                b"tuv" => {
                    lang = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"xml:lang" || a.key.as_ref() == b"lang")
                        .map(|a| String::from_utf8_lossy(&a.value).to_ascii_lowercase())
                        .unwrap_or_default();
                }
                b"prop" => {
                    prop = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"type")
                        .map(|a| String::from_utf8_lossy(&a.value).to_string())
                        .unwrap_or_default();
                    buf.clear();
                }
                b"seg" => buf.clear(),
                _ => {}
            },
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| bad(r.buffer_position(), e.to_string()))?;
                buf.push_str(&t);
            }
            Event::End(e) => match e.name().as_ref() {
                b"seg" => {
                    let primary = lang.split('-').next().unwrap_or("").to_string();
                    if primary == "ko" {
                        ko_text = buf.clone();
                    } else if primary == "en" {
                        en_text = buf.clone();
                    }
                }
                b"prop" if prop == "x-score" => score = buf.trim().parse().unwrap_or(0.0),
                b"prop" if prop == "x-bead" => shape = buf.trim().to_string(),
                b"tu" => {
                    let parse =
                        |k: usize| shape.split('-').nth(k).and_then(|n| n.parse::<usize>().ok());
                    let a = parse(0).unwrap_or(usize::from(!ko_text.is_empty()));
                    let b = parse(1).unwrap_or(usize::from(!en_text.is_empty()));
                    let (Some(ko_end), Some(en_end)) = (ko.checked_add(a), en.checked_add(b))
                    else {
                        let line = line_at(r.buffer_position());
                        let message = "sentence indices overflow at this bead".to_string();
                        return Err(Error::BadLine { name: name.to_string(), line, message });
                    };
                    out.push((
                        Bead { ko: ko..ko_end, en: en..en_end, score },
                        ko_text.clone(),
                        en_text.clone(),
                    ));
                    ko = ko_end;
                    en = en_end;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(tag) = open.last() {
        return Err(bad(text.len() as u64, format!("the file ends inside <{tag}> (cut short?)")));
    }
    if !had_root {
        return Err(bad(text.len() as u64, "no <tmx> element".into()));
    }
    Ok(out)
}

/// Starts a file that several documents are written into (with
/// `standalone: false`): the TMX header, the CSV header row (and BOM).
pub fn write_header(format: Format, opts: &ExportOptions, out: &mut dyn Write) -> Result<()> {
    let res = match format {
        Format::Tmx => tmx::write_header(opts, out),
        Format::Csv => {
            let bom = if opts.excel { "\u{feff}" } else { "" };
            let end = if opts.excel { "\r\n" } else { "\n" };
            write!(out, "{bom}{}{end}", csv::HEADER.join(","))
        }
        _ => Ok(()),
    };
    res.map_err(Error::Export)
}

/// Ends a file started with [`write_header`].
pub fn write_footer(format: Format, out: &mut dyn Write) -> Result<()> {
    let res = match format {
        Format::Tmx => tmx::write_footer(out),
        _ => out.flush(),
    };
    res.map_err(Error::Export)
}

/// Reads the bead JSONL of `hanalign align --format jsonl` back: beads with
/// their scores and texts; the empty side of a 1-0 or 0-1 bead is placed
/// where the previous bead ended. Errors name the file and line: a line
/// that is not a bead, a side with indices and no text, a score outside
/// [0, 1], indices that go back, and a file with no bead at all.
pub fn read_jsonl(name: &str, text: &str) -> Result<Vec<(Bead, String, String)>> {
    #[derive(serde::Deserialize)]
    struct In {
        ko: Vec<usize>,
        en: Vec<usize>,
        #[serde(default)]
        score: f64,
        ko_text: Option<String>,
        en_text: Option<String>,
    }
    let mut out = Vec::new();
    // Where the next bead starts on each side: an empty side (a 1-0 or 0-1
    // bead) sits there, as in the alignment that was written.
    let (mut ko_at, mut en_at) = (0usize, 0usize);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::BadLine { name: name.to_string(), line: n + 1, message };
        let b: In = serde_json::from_str(line).map_err(|e| bad(format!("not a bead: {e}")))?;
        let range = |v: &[usize], at: usize| -> Result<std::ops::Range<usize>> {
            match (v.first(), v.last()) {
                (None, _) | (_, None) => Ok(at..at),
                (Some(&a), Some(&z)) if v.windows(2).all(|w| w[0].checked_add(1) == Some(w[1])) => {
                    z.checked_add(1)
                        .map(|end| a..end)
                        .ok_or_else(|| bad(format!("sentence index {z} is too large")))
                }
                _ => Err(bad("sentence indices must be consecutive".into())),
            }
        };
        let bead = Bead { ko: range(&b.ko, ko_at)?, en: range(&b.en, en_at)?, score: b.score };
        if !(0.0..=1.0).contains(&bead.score) {
            return Err(bad(format!("score {} is not in [0, 1]", bead.score)));
        }
        // A filtered export leaves gaps, but never goes back.
        for (side, range, at) in [("ko", &bead.ko, ko_at), ("en", &bead.en, en_at)] {
            if range.start < at {
                return Err(bad(format!(
                    "{side} index {} comes after {}: beads must be in order",
                    range.start,
                    at - 1
                )));
            }
        }
        let text_of = |side: &str, range: &std::ops::Range<usize>, t: Option<String>| match t {
            Some(t) => Ok(t),
            None if range.is_empty() => Ok(String::new()),
            None => Err(bad(format!("no {side}_text for {side} sentences {range:?}"))),
        };
        let ko_text = text_of("ko", &bead.ko, b.ko_text)?;
        let en_text = text_of("en", &bead.en, b.en_text)?;
        (ko_at, en_at) = (bead.ko.end, bead.en.end);
        out.push((bead, ko_text, en_text));
    }
    if out.is_empty() {
        return Err(Error::Empty { name: name.to_string(), what: "no beads" });
    }
    Ok(out)
}

/// Writes the Moses/OPUS two-file form: line *k* of `ko` and line *k* of `en`
/// are the two sides of the *k*-th kept bead (tabs and line breaks inside a
/// text become spaces), so both files always have the same number of lines.
pub fn write_moses(
    pair: &AlignedPair,
    opts: &ExportOptions,
    ko: &mut dyn Write,
    en: &mut dyn Write,
) -> Result<()> {
    opts.validate()?;
    let res = (|| -> std::io::Result<()> {
        for r in rows(pair).filter(|r| opts.keeps(r.bead)) {
            writeln!(ko, "{}", tsv::flatten(&r.ko_text))?;
            writeln!(en, "{}", tsv::flatten(&r.en_text))?;
        }
        ko.flush()?;
        en.flush()
    })();
    res.map_err(Error::Export)
}
