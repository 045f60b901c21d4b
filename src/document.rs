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
use crate::segment::Layout;

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

/// How an input file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide from the extension (`.html`, `.htm`) or the content.
    #[default]
    Auto,
    /// Plain running text.
    Text,
    /// One sentence per line.
    Lines,
    /// An HTML page: the article text is extracted (see [`crate::html`]).
    Html,
}

/// The default of [`ReadOptions::max_doc_bytes`]: 10 MB, some hundred
/// times a long news article.
pub const DEFAULT_MAX_DOC_BYTES: usize = 10_000_000;

/// How to read an input: its format and, when known, its encoding.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// The input format. Default: [`InputFormat::Auto`].
    pub format: InputFormat,
    /// Force an encoding (e.g. `EUC_KR`); default: byte-order mark, then an
    /// HTML `<meta charset>`, then UTF-8, then CP949 if that decodes cleanly
    /// into Korean.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The largest input accepted, in bytes as read (before decoding); a
    /// larger one is an [`Error::Limit`] naming the file, read no further.
    /// Default: [`DEFAULT_MAX_DOC_BYTES`].
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            format: InputFormat::Auto,
            encoding: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// One input text: its name, its language and its original characters.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where it came from (a path as given, or `<stdin>`); used in messages.
    pub name: String,
    /// The language it is expected to be in.
    pub lang: Lang,
    /// The decoded text, byte-order mark removed, otherwise untouched. For
    /// HTML input, the article text extracted from the page.
    pub text: String,
    /// How the text is laid out (HTML has been turned into running text).
    pub layout: Layout,
}

impl Document {
    /// A document from running text already in memory.
    pub fn new(name: impl Into<String>, lang: Lang, text: impl Into<String>) -> Document {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Document { name: name.into(), lang, text, layout: Layout::Text }
    }

    /// Decodes raw bytes (see [`ReadOptions::encoding`] for the order of
    /// guesses) and, for HTML, extracts the article text. Undecodable bytes,
    /// a NUL byte, or text that is empty or only whitespace are errors naming
    /// the file and, where there is one, the byte offset.
    pub fn from_bytes(name: impl Into<String>, lang: Lang, bytes: &[u8]) -> Result<Document> {
        Document::from_bytes_with(name, lang, bytes, &ReadOptions::default(), None)
    }

    /// [`Document::from_bytes`] with explicit options; `path` (if any) lets
    /// the extension decide the format.
    pub fn from_bytes_with(
        name: impl Into<String>,
        lang: Lang,
        bytes: &[u8],
        opts: &ReadOptions,
        path: Option<&Path>,
    ) -> Result<Document> {
        let name = name.into();
        if bytes.is_empty() {
            return Err(Error::Empty { name, what: "file is empty" });
        }
        if bytes.len() > opts.max_doc_bytes {
            return Err(too_large(name, Some(bytes.len() as u64), opts.max_doc_bytes));
        }
        let format = match opts.format {
            InputFormat::Auto => {
                let ext = path
                    .and_then(|p| p.extension())
                    .and_then(|e| e.to_str())
                    .map(|e| e.to_ascii_lowercase());
                if matches!(ext.as_deref(), Some("html" | "htm" | "xhtml"))
                    || crate::html::looks_like_html(bytes)
                {
                    InputFormat::Html
                } else {
                    InputFormat::Text
                }
            }
            f => f,
        };
        let declared = match (opts.encoding, format) {
            (Some(e), _) => Some(e),
            (None, InputFormat::Html) => crate::html::declared_charset(bytes)
                .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
                .filter(|e| *e != encoding_rs::UTF_8),
            _ => None,
        };
        let decoded = decode(&name, bytes, declared)?;
        if let Some(at) = memchr::memchr(0, decoded.as_bytes()) {
            return Err(Error::Binary { name, line: line_at(decoded.as_bytes(), at), offset: at });
        }
        let was_html = format == InputFormat::Html;
        let (text, layout) = match format {
            InputFormat::Html => (crate::html::extract_text(&decoded), Layout::Text),
            InputFormat::Lines => (decoded, Layout::Lines),
            _ => (decoded, Layout::Text),
        };
        if text.trim().is_empty() {
            let what = if was_html {
                "no article text found in the HTML"
            } else {
                "file holds only whitespace"
            };
            return Err(Error::Empty { name, what });
        }
        Ok(Document { name, lang, text, layout })
    }

    /// Reads and decodes a file; `-` reads standard input.
    pub fn from_path(path: &Path, lang: Lang) -> Result<Document> {
        Document::from_path_with(path, lang, &ReadOptions::default())
    }

    /// [`Document::from_path`] with explicit options.
    pub fn from_path_with(path: &Path, lang: Lang, opts: &ReadOptions) -> Result<Document> {
        let name =
            if path == Path::new("-") { "<stdin>".to_string() } else { path.display().to_string() };
        let bytes = read_input_limited(path, opts.max_doc_bytes)?;
        Document::from_bytes_with(name, lang, &bytes, opts, Some(path))
    }
}

/// The error for an input over the limit `max` (of `size` bytes, when known).
fn too_large(name: String, size: Option<u64>, max: usize) -> Error {
    let what = size.map_or_else(|| "input".to_string(), |n| format!("input of {n} bytes"));
    Error::Limit {
        name,
        message: format!(
            "{what} is larger than the limit of {max} bytes (raise it with --max-doc-bytes)"
        ),
    }
}

/// Reads all bytes of a file, or of standard input when the path is `-`,
/// up to `max`: a regular file larger than that is an error before it is
/// read, anything else is read no further than `max + 1` bytes. The error
/// names the file and says what went wrong in plain words.
pub fn read_input_limited(path: &Path, max: usize) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take((max as u64).saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        if buf.len() > max {
            return Err(too_large("<stdin>".into(), None, max));
        }
        return Ok(buf);
    }
    let name = path.display().to_string();
    // One open and one fstat tell a directory and a regular file's size
    // (a pipe's is not known) before reading: a batch reads thousands.
    let (file, meta) = open_input(path)?;
    if meta.is_file() && meta.len() > max as u64 {
        return Err(too_large(name, Some(meta.len()), max));
    }
    let mut buf = Vec::with_capacity(if meta.is_file() { meta.len() as usize + 1 } else { 0 });
    (&file)
        .take((max as u64).saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(&name, e))?;
    if buf.len() > max {
        return Err(too_large(name, None, max));
    }
    Ok(buf)
}

/// Opens a file to read, with its metadata; a directory is an error
/// naming it, as is a file that cannot be opened.
pub fn open_input(path: &Path) -> Result<(std::fs::File, std::fs::Metadata)> {
    let name = || path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(name(), e))?;
    let meta = file.metadata().map_err(|e| Error::io(name(), e))?;
    if meta.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory");
        return Err(Error::io(name(), e));
    }
    Ok((file, meta))
}

/// [`read_input_limited`] without a limit.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_input_limited(path, usize::MAX)
}

/// Reads a file (or `-`, standard input) that must be UTF-8 (glossaries,
/// manifests, alignments): its name as given for messages, and its text.
/// A bad byte is an error naming its offset.
pub fn read_utf8(path: &Path) -> Result<(String, String)> {
    let name =
        if path == Path::new("-") { "<stdin>".to_string() } else { path.display().to_string() };
    let bytes = read_input(path)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let line = line_at(e.as_bytes(), offset);
            Err(Error::Decode { name, line, encoding: "UTF-8", offset })
        }
    }
}

/// Decodes by byte-order mark, else the declared encoding, else UTF-8, else
/// CP949 when that decodes cleanly and yields Hangul.
fn decode(
    name: &str,
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(name, rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(name, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(name, rest, u16::from_be_bytes);
    }
    if let Some(enc) = declared {
        if enc == encoding_rs::UTF_8 {
            return decode_utf8(name, bytes, 0);
        }
        return decode_legacy(name, bytes, enc);
    }
    match decode_utf8(name, bytes, 0) {
        Ok(s) => Ok(s),
        Err(utf8_err) => match decode_legacy(name, bytes, encoding_rs::EUC_KR) {
            Ok(s) if s.chars().any(crate::segment::is_hangul) => Ok(s),
            _ => Err(utf8_err),
        },
    }
}

/// Decodes a legacy encoding strictly, naming the first bad byte.
fn decode_legacy(name: &str, bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<String> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let mut pos = 0;
    loop {
        let (res, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match res {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 64),
            encoding_rs::DecoderResult::Malformed(len, after) => {
                let offset = pos.saturating_sub(len as usize + after as usize);
                let (name, line) = (name.to_string(), line_at(bytes, offset));
                return Err(Error::Decode { name, line, encoding: enc.name(), offset });
            }
        }
    }
}

/// Checks UTF-8 with SIMD (simdutf8's `compat` flavour), which costs a few
/// instructions per 16 bytes where the standard check costs several per
/// character of Hangul, and names the same offset when it fails.
fn decode_utf8(name: &str, bytes: &[u8], skipped: usize) -> Result<String> {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::Decode {
            name: name.to_string(),
            line: line_at(bytes, e.valid_up_to()),
            encoding: "UTF-8",
            offset: skipped + e.valid_up_to(),
        }),
    }
}

fn decode_utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let mut out = String::with_capacity(bytes.len());
    // The line is counted in the text decoded so far.
    let bad = |out: &str, offset| Error::Decode {
        name: name.to_string(),
        line: line_at(out.as_bytes(), out.len()),
        encoding: "UTF-16",
        offset,
    };
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut offset = 2;
    for r in char::decode_utf16(units) {
        let c = r.map_err(|_| bad(&out, offset))?;
        offset += 2 * c.len_utf16();
        out.push(c);
    }
    if bytes.len() % 2 != 0 {
        return Err(bad(&out, bytes.len() + 1));
    }
    Ok(out)
}

/// The 1-based line holding byte `offset` of `bytes` (LF-separated), for
/// error messages.
pub(crate) fn line_at(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
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
        assert_eq!(err.to_string(), "x.txt: line 1: invalid UTF-8 at byte 3");
        let err = Document::from_bytes("x.txt", Lang::En, b"abc\nd\ne\xFFf").unwrap_err();
        assert_eq!(err.to_string(), "x.txt: line 3: invalid UTF-8 at byte 7");
    }

    proptest::proptest! {
        /// The SIMD check accepts exactly what the standard one accepts, and
        /// a rejection names the standard offset: bytes of Hangul, ASCII and
        /// stray continuation or lead bytes, cut anywhere.
        #[test]
        fn utf8_checks_agree_with_the_standard_library(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "한".as_bytes(), "국".as_bytes(), b"a", b" ", "\u{1F600}".as_bytes(),
                b"\x80", b"\xED\xA0\x80", b"\xC0\xAF", b"\xF4\x90\x80\x80", b"\xEC",
            ]), 0..80),
            cut in 0usize..400,
        ) {
            let bytes: Vec<u8> = parts.concat();
            let bytes = &bytes[..cut.min(bytes.len())];
            let want = std::str::from_utf8(bytes).map(str::to_string).map_err(|e| e.valid_up_to() + 3);
            let got = decode_utf8("t", bytes, 3).map_err(|e| match e {
                Error::Decode { offset, .. } => offset,
                other => panic!("{other}"),
            });
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn cp949_is_detected_and_declared_charsets_honoured() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("부산항이 문을 열었다.");
        let d = Document::from_bytes("k.txt", Lang::Ko, &bytes).unwrap();
        assert_eq!(d.text, "부산항이 문을 열었다.");
        let mut page = b"<html><head><meta charset=\"euc-kr\"></head><body><p>".to_vec();
        page.extend_from_slice(&encoding_rs::EUC_KR.encode("서울은 맑았다.").0);
        page.extend_from_slice(b"</p></body></html>");
        let d = Document::from_bytes("k.html", Lang::Ko, &page).unwrap();
        assert_eq!(d.text, "서울은 맑았다.");
        // Forced EUC-KR on bytes it cannot decode: the error names the byte.
        let opts = ReadOptions { encoding: Some(encoding_rs::EUC_KR), ..ReadOptions::default() };
        let err =
            Document::from_bytes_with("x.txt", Lang::Ko, b"ab\xFF\xFFcd", &opts, None).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: line 1: invalid EUC-KR at byte 2");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = Document::from_bytes("b.bin", Lang::En, b"abc\0def").unwrap_err();
        assert_eq!(err.to_string(), "b.bin: line 1: looks like a binary file (NUL byte at 3)");
        let err = Document::from_bytes("b.bin", Lang::En, b"a\nb\nc\0").unwrap_err();
        assert_eq!(err.to_string(), "b.bin: line 3: looks like a binary file (NUL byte at 5)");
    }

    #[test]
    fn inputs_over_the_size_limit_are_refused() {
        let opts = ReadOptions { max_doc_bytes: 4, ..ReadOptions::default() };
        let err =
            Document::from_bytes_with("big.txt", Lang::En, b"hello", &opts, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.txt: input of 5 bytes is larger than the limit of 4 bytes \
             (raise it with --max-doc-bytes)"
        );
        assert!(Document::from_bytes_with("ok.txt", Lang::En, b"hell", &opts, None).is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "hello").unwrap();
        let err = Document::from_path_with(&path, Lang::En, &opts).unwrap_err();
        assert!(matches!(err, Error::Limit { .. }), "{err}");
        // A file at the limit is read whole; a directory or a missing file
        // is an error naming it.
        std::fs::write(&path, "hell").unwrap();
        assert_eq!(read_input_limited(&path, 4).unwrap(), b"hell");
        let err = read_input_limited(dir.path(), 4).unwrap_err();
        assert_eq!(err.to_string(), format!("{}: is a directory", dir.path().display()));
        let gone = dir.path().join("gone.txt");
        let err = read_input_limited(&gone, 4).unwrap_err();
        assert_eq!(err.to_string(), format!("{}: no such file or directory", gone.display()));
    }

    #[test]
    fn empty_and_blank_are_errors() {
        let e = Document::from_bytes("e.txt", Lang::En, b"").unwrap_err();
        assert_eq!(e.to_string(), "e.txt: file is empty");
        let e = Document::from_bytes("w.txt", Lang::En, b" \n\t\n").unwrap_err();
        assert_eq!(e.to_string(), "w.txt: file holds only whitespace");
    }
}
