//! Splitting a normalised text into paragraphs and sentences.
//!
//! Two input layouts are understood (see [`Layout`]):
//! - **text**: running prose. Paragraphs are separated by blank lines when the
//!   text has any; otherwise every line is a paragraph. Each paragraph is
//!   split into sentences by [`crate::sentence`].
//! - **lines**: one sentence per line (`--segmented`). Every non-blank line is
//!   a sentence; a blank line is a paragraph break. Nothing is dropped.
//!
//! Every [`Sentence`] keeps its span in the normalised text and in the
//! original text.

use std::borrow::Cow;

use crate::boilerplate::{same_headline, Boilerplate};
use crate::document::{Document, Lang, Span};
use crate::error::{Error, Result};
use crate::normalize::Normalized;

/// How the input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// Running text: find paragraphs and sentences.
    #[default]
    Text,
    /// One sentence per line; a blank line separates paragraphs.
    Lines,
}

/// One sentence: where it is in the normalised and the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in [`SegmentedDoc::normalized`]'s text.
    pub norm: Span,
    /// Byte span in the document's original text.
    pub orig: Span,
    /// 0-based index of the paragraph this sentence belongs to.
    pub paragraph: usize,
    /// Written in the other language (an English caption in a Korean article);
    /// see [`crate::langid::is_foreign`].
    pub foreign: bool,
}

/// A segment kept out of the alignment, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// Byte span in the normalised text.
    pub norm: Span,
    /// Byte span in the original text.
    pub orig: Span,
    /// The name of the rule that matched (e.g. `copyright-ko`).
    pub reason: String,
}

/// A document split into sentences, with its normalised copy.
#[derive(Clone, Debug)]
pub struct SegmentedDoc {
    /// The original document.
    pub doc: Document,
    /// The normalised working copy the spans in `norm` point into.
    pub normalized: Normalized,
    /// The sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Page furniture left out of `sentences`, in document order.
    pub dropped: Vec<Dropped>,
}

impl SegmentedDoc {
    /// Normalises and segments `doc` by its layout, keeping every segment.
    /// A document with no sentence at all is an error naming the file.
    pub fn new(doc: Document) -> Result<SegmentedDoc> {
        SegmentedDoc::with_boilerplate(doc, None)
    }

    /// Like [`SegmentedDoc::new`], but running text (not one-sentence-per-line
    /// input) loses the lines and sentences that `boilerplate` recognises, and
    /// a headline repeated at the top of the body; they go to `dropped`.
    pub fn with_boilerplate(
        doc: Document,
        boilerplate: Option<&Boilerplate>,
    ) -> Result<SegmentedDoc> {
        let normalized = match doc.layout {
            Layout::Lines => Normalized::new_in_lines(&doc.text),
            Layout::Text => Normalized::new(&doc.text),
        };
        let text = &normalized.text;
        let mut dropped_norm: Vec<(Span, String)> = Vec::new();
        let norm_spans = match (doc.layout, boilerplate) {
            (Layout::Lines, _) => split_lines(text),
            (Layout::Text, None) => split_text(text, doc.lang),
            (Layout::Text, Some(bp)) => {
                let mut skip = Vec::new();
                for (k, line) in line_spans(text).into_iter().enumerate() {
                    if let Some(reason) = bp.matches(line.of(text)) {
                        skip.push(k);
                        dropped_norm.push((trim_span(text, line), reason.to_string()));
                    }
                }
                let mut kept = Vec::new();
                for (span, para) in split_text_except(text, doc.lang, &skip) {
                    match bp.matches(span.of(text)) {
                        Some(reason) => dropped_norm.push((span, reason.to_string())),
                        None => kept.push((span, para)),
                    }
                }
                // A headline repeated as the first sentence of the body.
                if let Some(k) = (1..kept.len().min(4)).find(|&k| {
                    kept[k].1 != kept[0].1 && same_headline(kept[0].0.of(text), kept[k].0.of(text))
                }) {
                    let (span, _) = kept.remove(k);
                    dropped_norm.push((span, "repeated-headline".to_string()));
                }
                kept
            }
        };
        if norm_spans.is_empty() {
            return Err(Error::Empty { name: doc.name.clone(), what: "no sentences found" });
        }
        let to_orig = |norm: Span| trim_span(&doc.text, normalized.original_span(norm));
        let lang = doc.lang;
        let sentences = norm_spans
            .into_iter()
            .map(|(norm, paragraph)| Sentence {
                norm,
                orig: to_orig(norm),
                paragraph,
                foreign: crate::langid::is_foreign(norm.of(text), lang),
            })
            .collect();
        let mut dropped: Vec<Dropped> = dropped_norm
            .into_iter()
            .map(|(norm, reason)| Dropped { norm, orig: to_orig(norm), reason })
            .collect();
        dropped.sort_by_key(|d| d.norm.start);
        Ok(SegmentedDoc { doc, normalized, sentences, dropped })
    }

    /// The original text of a dropped segment.
    pub fn dropped_text(&self, d: &Dropped) -> &str {
        d.orig.of(&self.doc.text)
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether there are no sentences (never true for a constructed value).
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// The language of the document.
    pub fn lang(&self) -> Lang {
        self.doc.lang
    }

    /// Sentence `i` in the author's original characters.
    pub fn original(&self, i: usize) -> &str {
        self.sentences[i].orig.of(&self.doc.text)
    }

    /// Checks that no sentence is longer than `max` characters: a longer one
    /// (a page of text with no sentence end, binary-like input) is an error
    /// naming the file and the line the sentence starts on.
    pub fn check_sentence_chars(&self, max: usize) -> Result<()> {
        for (i, s) in self.sentences.iter().enumerate() {
            // Characters never outnumber bytes: count them only past the limit.
            if s.norm.len() <= max {
                continue;
            }
            let chars = self.normalized(i).chars().count();
            if chars > max {
                return Err(Error::BadLine {
                    name: self.doc.name.clone(),
                    line: crate::document::line_at(self.doc.text.as_bytes(), s.orig.start),
                    message: format!(
                        "sentence of {chars} characters is longer than the limit of {max} \
                         (raise it with --max-sentence-chars)"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Sentence `i` in normalised form (for matching and length counts).
    pub fn normalized(&self, i: usize) -> &str {
        self.sentences[i].norm.of(&self.normalized.text)
    }

    /// Whether sentence `i` is plain characters only (ASCII, Hangul
    /// syllables, curly quotes), and so NFKC already: see
    /// [`Normalized::is_plain`].
    pub fn is_plain(&self, i: usize) -> bool {
        self.normalized.is_plain(self.sentences[i].norm)
    }

    /// The original text of sentences `range`, joined with one space
    /// (borrowed for one sentence).
    pub fn joined_original(&self, range: std::ops::Range<usize>) -> Cow<'_, str> {
        // One sentence (most beads): borrowed, with nothing allocated.
        if range.len() == 1 {
            return Cow::Borrowed(self.original(range.start));
        }
        let mut out = String::new();
        for i in range {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(self.original(i));
        }
        Cow::Owned(out)
    }
}

/// Shrinks a span of `text` so it neither starts nor ends with whitespace
/// (the original may hold a zero-width or odd space the normaliser dropped).
fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// Splits one-sentence-per-line text. Returns (span, paragraph) pairs.
pub fn split_lines(text: &str) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut para_has_sentence = false;
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if para_has_sentence {
                para += 1;
                para_has_sentence = false;
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        out.push((Span::new(start + lead, start + lead + trimmed.len()), para));
        para_has_sentence = true;
    }
    out
}

/// Splits running text into sentences. Returns (span, paragraph) pairs.
pub fn split_text(text: &str, lang: Lang) -> Vec<(Span, usize)> {
    split_text_except(text, lang, &[])
}

/// Like [`split_text`], but the lines numbered in `skip` (0-based, sorted)
/// are left out and act as paragraph breaks. Whether paragraphs are
/// separated by blank lines is decided on the whole text.
pub fn split_text_except(text: &str, lang: Lang, skip: &[usize]) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    for (para, p) in paragraphs(text, skip).into_iter().enumerate() {
        for s in crate::sentence::split_paragraph(text, p, lang) {
            out.push((s, para));
        }
    }
    // Paragraph numbers count only paragraphs that hold sentences.
    out
}

/// Paragraph spans: blank-line separated when the text has a blank line,
/// otherwise one paragraph per line.
fn paragraphs(text: &str, skip: &[usize]) -> Vec<Span> {
    let lines = line_spans(text);
    let blank = |s: &Span| s.of(text).trim().is_empty();
    let has_blank_line = {
        let first = lines.iter().position(|l| !blank(l));
        let last = lines.iter().rposition(|l| !blank(l));
        match (first, last) {
            (Some(a), Some(b)) => lines[a..=b].iter().any(blank),
            _ => false,
        }
    };
    let mut out = Vec::new();
    let skipped = |k: usize| skip.binary_search(&k).is_ok();
    if !has_blank_line {
        out.extend(
            lines
                .into_iter()
                .enumerate()
                .filter(|(k, l)| !blank(l) && !skipped(*k))
                .map(|(_, l)| l),
        );
        return out;
    }
    let mut cur: Option<Span> = None;
    for (k, l) in lines.into_iter().enumerate() {
        if blank(&l) || skipped(k) {
            out.extend(cur.take());
        } else {
            cur = Some(match cur {
                Some(c) => Span::new(c.start, l.end),
                None => l,
            });
        }
    }
    out.extend(cur);
    out
}

/// The span of every line of `text` (without its `\n`).
pub fn line_spans(text: &str) -> Vec<Span> {
    // The newlines found by `memchr` (a vectorised search), as `split('\n')`
    // would cut: a last line after the last newline, empty or not.
    let mut v = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        v.push(Span::new(start, nl));
        start = nl + 1;
    }
    v.push(Span::new(start, text.len()));
    v
}

/// Whether `c` is a Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// [`char::is_alphanumeric`], answered at once for ASCII and Hangul
/// syllables (most of a Korean text).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, '\u{ac00}'..='\u{d7a3}') || c.is_alphanumeric()
    }
}

/// Whether `lead` is EB or EC, the lead byte of a character of
/// U+B000–U+CFFF: all Hangul syllables (most of a Korean text), known
/// without decoding.
#[inline]
pub(crate) fn leads_syllable(lead: u8) -> bool {
    matches!(lead, 0xeb | 0xec)
}

/// Whether a Hangul syllable (U+AC00–U+D7A3) starts at byte `i` of UTF-8
/// text `b`: known from the lead byte alone for EB and EC, decoded in place
/// for EA and ED (가, 한).
#[inline]
pub(crate) fn syllable_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0xeb | 0xec => true,
        0xea | 0xed => (0xac00..=0xd7a3).contains(&three_byte_char(b, i)),
        _ => false,
    }
}

/// The number of Hangul syllables (U+AC00..=U+D7A3).
pub(crate) const SYLLABLES: usize = 11_172;

/// The index of a Hangul syllable from U+AC00, if `c` is one: for tables
/// with one entry per syllable.
#[inline]
pub(crate) fn syllable_index(c: char) -> Option<usize> {
    let k = (c as usize).wrapping_sub(0xac00);
    (k < SYLLABLES).then_some(k)
}

/// A word with 0x01 in each of its eight bytes, for tests on eight bytes at
/// once (`ONES * 0x80` is every byte's top bit).
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// Bytes `i..i + 8` of `b` as one little-endian word, when `b` has them.
#[inline]
pub(crate) fn eight_bytes(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8).map(|w| u64::from_le_bytes(w.try_into().expect("eight bytes")))
}

/// The code point of the three-byte character led by `b[i]` (E0–EF) in
/// UTF-8 text, decoded in place.
#[inline]
pub(crate) fn three_byte_char(b: &[u8], i: usize) -> u32 {
    (u32::from(b[i]) & 0x0f) << 12
        | (u32::from(b[i + 1]) & 0x3f) << 6
        | (u32::from(b[i + 2]) & 0x3f)
}

/// How far to step from byte `lead` of UTF-8 text when no byte beyond ASCII
/// matters: over a whole character of three or four bytes, else one byte.
#[inline]
pub(crate) fn skip_width(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 1,
    }
}

/// A set of ASCII bytes, as a table tested with one load.
pub(crate) type AsciiSet = [bool; 256];

/// The set of the bytes in the given inclusive ranges (all ASCII).
pub(crate) const fn ascii_set(ranges: &[(u8, u8)]) -> AsciiSet {
    let mut set = [false; 256];
    let mut k = 0;
    while k < ranges.len() {
        let (lo, hi) = ranges[k];
        assert!(hi < 0x80, "ASCII only");
        let mut b = lo as usize;
        while b <= hi as usize {
            set[b] = true;
            b += 1;
        }
        k += 1;
    }
    set
}

/// The set of the given bytes (all ASCII).
pub(crate) const fn ascii_bytes(bytes: &[u8]) -> AsciiSet {
    let mut set = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        assert!(bytes[k] < 0x80, "ASCII only");
        set[bytes[k] as usize] = true;
        k += 1;
    }
    set
}

/// ASCII letters and digits.
pub(crate) static ASCII_ALNUM: AsciiSet = ascii_set(&[(b'A', b'Z'), (b'a', b'z'), (b'0', b'9')]);

/// ASCII letters.
pub(crate) static ASCII_LETTERS: AsciiSet = ascii_set(&[(b'A', b'Z'), (b'a', b'z')]);

/// ASCII letters, digits and the hyphen: the bytes of an English word.
pub(crate) static ASCII_WORD: AsciiSet =
    ascii_set(&[(b'A', b'Z'), (b'a', b'z'), (b'0', b'9'), (b'-', b'-')]);

/// Whether none of the eight bytes of `word` lies in `'..=z` (0x27–0x7A),
/// where every byte of an [`AsciiSet`] used with [`ascii_runs`] lies: adding
/// 0x7F - 0x7A to a byte's low seven bits sets its top bit above `z`, adding
/// 0x80 - 0x27 sets it from `'` on, and a byte beyond ASCII is in no set.
#[inline]
fn no_word_byte(word: u64) -> bool {
    let low = word & (ONES * 0x7f);
    let above = low + ONES * (0x7f - 0x7a);
    let from = low + ONES * (0x80 - 0x27);
    from & !above & !word & (ONES * 0x80) == 0
}

/// The maximal runs of bytes of `keep` (a set of ASCII bytes from `'` to
/// `z`), found byte by byte, and through Korean text eight bytes at a time
/// (runs of ASCII bytes always lie on char boundaries).
pub(crate) fn ascii_runs<'a>(text: &'a str, keep: &'static AsciiSet) -> AsciiRuns<'a> {
    debug_assert!((0..256).all(|b| !keep[b] || (0x27..=0x7a).contains(&b)));
    AsciiRuns { text, i: 0, keep }
}

/// The iterator of [`ascii_runs`].
pub(crate) struct AsciiRuns<'a> {
    text: &'a str,
    /// Where the search for the next run starts.
    i: usize,
    keep: &'static AsciiSet,
}

impl<'a> Iterator for AsciiRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (b, keep) = (self.text.as_bytes(), self.keep);
        // A local position, so that the loops keep it in a register.
        let mut i = self.i;
        while i < b.len() && !keep[usize::from(b[i])] {
            // `keep` holds no byte beyond ASCII: past a character that is
            // not ASCII, eight bytes with no word byte go at once (a
            // Korean word and the space after it).
            if b[i] >= 0x80 && eight_bytes(b, i).is_some_and(no_word_byte) {
                i += 8;
                continue;
            }
            i += skip_width(b[i]);
        }
        if i >= b.len() {
            self.i = i;
            return None;
        }
        let start = i;
        while i < b.len() && keep[usize::from(b[i])] {
            i += 1;
        }
        self.i = i;
        Some(&self.text[start..i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_spans_cut_where_split_does() {
        for text in ["", "\n", "one", "one\n", "\none\n\ntwo", "가\r\n나\n\n"] {
            let pieces: Vec<&str> = line_spans(text).iter().map(|s| s.of(text)).collect();
            assert_eq!(pieces, text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn ascii_sets_hold_what_their_names_say() {
        for b in 0..=255u8 {
            assert_eq!(ASCII_LETTERS[usize::from(b)], b.is_ascii_alphabetic(), "{b:#x}");
            let word = b.is_ascii_alphanumeric() || b == b'-';
            assert_eq!(ASCII_WORD[usize::from(b)], word, "{b:#x}");
            assert_eq!(ASCII_ALNUM[usize::from(b)], b.is_ascii_alphanumeric(), "{b:#x}");
        }
    }

    #[test]
    fn syllable_at_knows_every_three_byte_character() {
        let chars = (0x800..=0xffffu32).filter_map(char::from_u32);
        for c in chars.chain(['a', 'é', '😀']) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(syllable_at(b, 0), ('\u{ac00}'..='\u{d7a3}').contains(&c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The eight-byte test agrees with testing each byte, on bytes near
        /// the edges of the range (`&`, `'`, `z`, `{`, DEL, 0x80) or any.
        #[test]
        fn no_word_byte_tests_every_byte(
            bytes in proptest::array::uniform8(proptest::prop_oneof![
                0x25u8..=0x28, 0x79u8..=0x81, proptest::num::u8::ANY,
            ]),
        ) {
            let each = !bytes.iter().any(|b| (0x27..=0x7a).contains(b));
            proptest::prop_assert_eq!(no_word_byte(u64::from_le_bytes(bytes)), each);
        }

        /// Runs agree with splitting at every character not in the set, on
        /// text mixing Hangul, ASCII, punctuation and wider characters.
        #[test]
        fn ascii_runs_agree_with_splitting_by_character(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "가", "나다", "라마바사", " ", "a", "Zz", "-", "'", "9", ".", "é", "😀", "’", "{",
            ]), 0..60),
        ) {
            let text: String = parts.concat();
            for set in [&ASCII_LETTERS, &ASCII_WORD, &ASCII_ALNUM] {
                let naive: Vec<&str> = text
                    .split(|c: char| !c.is_ascii() || !set[c as usize])
                    .filter(|w| !w.is_empty())
                    .collect();
                proptest::prop_assert_eq!(ascii_runs(&text, set).collect::<Vec<_>>(), naive);
            }
        }
    }

    #[test]
    fn ascii_runs_step_over_characters_of_every_width() {
        let text = "ab 가c é d😀ef ‘g’ 12";
        let naive: Vec<&str> =
            text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect();
        let runs: Vec<&str> = ascii_runs(text, &ASCII_LETTERS).collect();
        assert_eq!(runs, naive);
        assert_eq!(runs, ["ab", "c", "d", "ef", "g"]);
    }

    fn sents(text: &str, lang: Lang) -> Vec<&str> {
        split_text(text, lang).into_iter().map(|(s, _)| s.of(text)).collect()
    }

    #[test]
    fn sentences_over_the_length_limit_name_their_line() {
        let doc = Document::new("long.txt", Lang::Ko, "첫째.\n\n가나다라마바사\n");
        let seg = SegmentedDoc::new(doc).unwrap();
        assert!(seg.check_sentence_chars(7).is_ok());
        let err = seg.check_sentence_chars(6).unwrap_err();
        assert_eq!(
            err.to_string(),
            "long.txt: line 3: sentence of 7 characters is longer than the limit of 6 \
             (raise it with --max-sentence-chars)"
        );
    }

    #[test]
    fn paragraphs_by_blank_lines_or_lines() {
        let t = "Title\n\nOne. Two.\nThree.\n\nFour.";
        let v = split_text(t, Lang::En);
        let paras: Vec<usize> = v.iter().map(|x| x.1).collect();
        assert_eq!(paras, vec![0, 1, 1, 1, 2]);
        let t2 = "First line. Second.\nNext para.";
        assert_eq!(split_text(t2, Lang::En).iter().map(|x| x.1).collect::<Vec<_>>(), vec![0, 0, 1]);
    }

    #[test]
    fn soft_wrap_inside_paragraph_is_not_a_break() {
        let t = "The ministry said on Monday\nthat exports rose.\n\nNext.";
        assert_eq!(
            sents(t, Lang::En),
            vec!["The ministry said on Monday\nthat exports rose.", "Next."]
        );
    }

    #[test]
    fn lines_layout_keeps_every_line() {
        let t = "a\n  b  \n\n\nc\n";
        let v = split_lines(t);
        assert_eq!(v.iter().map(|(s, _)| s.of(t)).collect::<Vec<_>>(), vec!["a", "b", "c"]);
        assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), vec![0, 0, 1]);
    }
}
