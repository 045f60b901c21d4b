//! The shared vocabulary of the pipeline: languages, spans and documents.
//!
//! A [`Document`] holds the author's text exactly as decoded from the input
//! (a byte-order mark removed, nothing else changed). Every later stage points
//! back into it with a [`Span`], so exports can carry the original characters.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The two languages hanalign aligns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Korean.
    Ko,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `ko` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "ko" | "kor" | "korean" => Ok(Lang::Ko),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(Error::Config(format!("unknown language {s:?} (expected ko or en)"))),
        }
    }
}

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The spanned slice of `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One input text: its name, its language and its original characters.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where it came from (a path as given, or `<stdin>`); used in messages.
    pub name: String,
    /// The language it is expected to be in.
    pub lang: Lang,
    /// The decoded text, byte-order mark removed, otherwise untouched.
    pub text: String,
}

impl Document {
    /// A document from text already in memory.
    pub fn new(name: impl Into<String>, lang: Lang, text: impl Into<String>) -> Document {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Document { name: name.into(), lang, text }
    }

    /// Decodes raw bytes: UTF-8 (with or without a byte-order mark) or UTF-16
    /// with a byte-order mark. Invalid UTF-8 is an error naming the byte offset;
    /// text that is empty or only whitespace is an error too.
    pub fn from_bytes(name: impl Into<String>, lang: Lang, bytes: &[u8]) -> Result<Document> {
        let name = name.into();
        let text = decode(&name, bytes)?;
        if text.trim().is_empty() {
            let what =
                if bytes.is_empty() { "file is empty" } else { "file holds only whitespace" };
            return Err(Error::Empty { name, what });
        }
        Ok(Document { name, lang, text })
    }

    /// Reads and decodes a file; `-` reads standard input.
    pub fn from_path(path: &Path, lang: Lang) -> Result<Document> {
        let name = path.display().to_string();
        let bytes = read_input(path)?;
        Document::from_bytes(name, lang, &bytes)
    }
}

/// Reads all bytes of a file, or of standard input when the path is `-`.
/// The error names the file and says what went wrong in plain words.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("<stdin>", e))?;
        return Ok(buf);
    }
    let name = path.display().to_string();
    if path.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory");
        return Err(Error::io(name, e));
    }
    std::fs::read(path).map_err(|e| Error::io(name, e))
}

/// Decodes UTF-8 (BOM optional) or UTF-16LE/BE with a BOM.
fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(name, rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(name, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(name, rest, u16::from_be_bytes);
    }
    decode_utf8(name, bytes, 0)
}

fn decode_utf8(name: &str, bytes: &[u8], skipped: usize) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::Decode {
            name: name.to_string(),
            encoding: "UTF-8",
            offset: skipped + e.valid_up_to(),
        }),
    }
}

fn decode_utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let bad = |offset| Error::Decode { name: name.to_string(), encoding: "UTF-16", offset };
    if bytes.len() % 2 != 0 {
        return Err(bad(bytes.len() + 1));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    for (i, r) in char::decode_utf16(units).enumerate() {
        // Offsets count the 2-byte BOM; `i` counts code units, not chars, only
        // up to the first error, which is all we report.
        out.push(r.map_err(|_| bad(2 + 2 * i))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = Document::from_bytes("t", Lang::Ko, b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn utf16_le_and_be_decode() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("한a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("한a".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(Document::from_bytes("t", Lang::Ko, &le).unwrap().text, "한a");
        assert_eq!(Document::from_bytes("t", Lang::Ko, &be).unwrap().text, "한a");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let err = Document::from_bytes("x.txt", Lang::En, b"abc\xFFdef").unwrap_err();
        assert_eq!(err.to_string(), "x.txt: invalid UTF-8 at byte 3");
    }

    #[test]
    fn empty_and_blank_are_errors() {
        let e = Document::from_bytes("e.txt", Lang::En, b"").unwrap_err();
        assert_eq!(e.to_string(), "e.txt: file is empty");
        let e = Document::from_bytes("w.txt", Lang::En, b" \n\t\n").unwrap_err();
        assert_eq!(e.to_string(), "w.txt: file holds only whitespace");
    }
}
