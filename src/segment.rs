//! Splitting a normalised text into paragraphs and sentences.
//!
//! Two input layouts are understood (see [`Layout`]):
//! - **text**: running prose. Paragraphs are separated by blank lines when the
//!   text has any; otherwise every line is a paragraph. Inside a paragraph,
//!   sentences end at `. ! ?` (and their full-width forms, `…`, `。`),
//!   possibly followed by closing quotes or brackets, then whitespace. English
//!   needs a capital letter, digit or opening quote next and skips known
//!   abbreviations (`Mr.`, `Oct.`, initials, `U.S.`); Korean splits after the
//!   punctuation unless a Latin abbreviation precedes it.
//! - **lines**: one sentence per line (`--segmented`). Every non-blank line is
//!   a sentence; a blank line is a paragraph break. Nothing is dropped.
//!
//! Every [`Sentence`] keeps its span in the normalised text and in the
//! original text.

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
}

impl SegmentedDoc {
    /// Normalises and segments `doc`. A document with no sentence at all is an
    /// error naming the file.
    pub fn new(doc: Document, layout: Layout) -> Result<SegmentedDoc> {
        let normalized = Normalized::new(&doc.text);
        let norm_spans = match layout {
            Layout::Lines => split_lines(&normalized.text),
            Layout::Text => split_text(&normalized.text, doc.lang),
        };
        if norm_spans.is_empty() {
            return Err(Error::Empty { name: doc.name.clone(), what: "no sentences found" });
        }
        let sentences = norm_spans
            .into_iter()
            .map(|(norm, paragraph)| Sentence {
                norm,
                orig: trim_span(&doc.text, normalized.original_span(norm)),
                paragraph,
            })
            .collect();
        Ok(SegmentedDoc { doc, normalized, sentences })
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

    /// Sentence `i` in normalised form (for matching and length counts).
    pub fn normalized(&self, i: usize) -> &str {
        self.sentences[i].norm.of(&self.normalized.text)
    }

    /// The original text of sentences `range`, joined with one space.
    pub fn joined_original(&self, range: std::ops::Range<usize>) -> String {
        let mut out = String::new();
        for i in range {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(self.original(i));
        }
        out
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
    let mut out = Vec::new();
    for (para, p) in paragraphs(text).into_iter().enumerate() {
        for s in split_paragraph(text, p, lang) {
            out.push((s, para));
        }
    }
    // Paragraph numbers count only paragraphs that hold sentences.
    out
}

/// Paragraph spans: blank-line separated when the text has a blank line,
/// otherwise one paragraph per line.
fn paragraphs(text: &str) -> Vec<Span> {
    let lines: Vec<Span> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for line in text.split('\n') {
            v.push(Span::new(pos, pos + line.len()));
            pos += line.len() + 1;
        }
        v
    };
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
    if !has_blank_line {
        out.extend(lines.into_iter().filter(|l| !blank(l)));
        return out;
    }
    let mut cur: Option<Span> = None;
    for l in lines {
        if blank(&l) {
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

const TERMINATORS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '‼', '⁇'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '}', '」', '』', '》', '〉', '»', '›'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '「', '『', '《', '〈', '«', '‹'];

/// Words that end with a period without ending the sentence when a capital
/// letter or number follows (titles, months, company forms, Latin).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp", "vs", "etc", "inc",
    "co", "corp", "ltd", "no", "nos", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "mt", "ft", "approx", "dept", "est", "univ", "assn", "bros", "ave",
    "blvd", "rd",
];

/// Words that, capitalised after an abbreviation such as `U.S.`, show that a
/// new sentence has begun after all.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "In",
    "A",
    "An",
    "This",
    "That",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "And",
    "However",
    "Meanwhile",
    "After",
    "As",
    "If",
    "When",
];

/// Splits the paragraph `p` of `text` into trimmed sentence spans.
fn split_paragraph(text: &str, p: Span, lang: Lang) -> Vec<Span> {
    let para = p.of(text);
    let mut cuts = Vec::new(); // byte offsets (within para) where a sentence ends
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if c == '\n' && hard_line_break(para, chars[k].0) {
            cuts.push(chars[k].0);
            k += 1;
            continue;
        }
        if !TERMINATORS.contains(&c) {
            k += 1;
            continue;
        }
        // The run of terminators and closers.
        let mut e = k + 1;
        while e < chars.len()
            && (TERMINATORS.contains(&chars[e].1) || CLOSERS.contains(&chars[e].1))
        {
            e += 1;
        }
        // Must be followed by whitespace (or end of paragraph).
        if e < chars.len() && !chars[e].1.is_whitespace() {
            k = e;
            continue;
        }
        let end = if e < chars.len() { chars[e].0 } else { para.len() };
        if e >= chars.len() {
            break;
        }
        let mut n = e;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if n >= chars.len() {
            break;
        }
        let next = &para[chars[n].0..];
        if is_boundary(para, chars[k].0, c, next, lang) {
            cuts.push(end);
        }
        k = e;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(para.len())) {
        push_trimmed(&mut out, para, start, cut, p.start);
        start = cut;
    }
    out
}

fn push_trimmed(out: &mut Vec<Span>, para: &str, start: usize, end: usize, base: usize) {
    let s = &para[start..end];
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    let lead = s.len() - s.trim_start().len();
    out.push(Span::new(base + start + lead, base + start + lead + t.len()));
}

/// A single newline inside a blank-line paragraph ends a sentence when the
/// line before it already ends like a sentence (or has no letters to go on);
/// otherwise it is a soft wrap.
fn hard_line_break(para: &str, at: usize) -> bool {
    let before = para[..at].trim_end();
    match before.chars().last() {
        None => false,
        Some(c) => {
            TERMINATORS.contains(&c)
                || CLOSERS.contains(&c)
                || c == '다'
                || c == ':'
                || !before.contains(' ')
        }
    }
}

/// Decides whether the terminator `c` at byte `at` of `para`, followed by
/// whitespace and then `next`, ends a sentence.
fn is_boundary(para: &str, at: usize, c: char, next: &str, lang: Lang) -> bool {
    let next_char = next.chars().next().unwrap_or(' ');
    if c != '.' {
        // ! ? … and full-width forms: English wants a sentence-like start next.
        return match lang {
            Lang::Ko => true,
            Lang::En => c != '…' || starts_sentence(next_char),
        };
    }
    let word = word_before(para, at);
    if is_decimal_or_ordinal_context(word) {
        // "No. 5", "3. " in a list: treat like an abbreviation only when a digit follows.
        if next_char.is_ascii_digit() {
            return false;
        }
    }
    let lower = word.to_ascii_lowercase();
    let is_abbrev = ABBREVIATIONS.contains(&lower.as_str());
    let is_initial = word.chars().count() == 1 && word.chars().all(|ch| ch.is_ascii_uppercase());
    let is_dotted = word.contains('.') && word.chars().all(|ch| ch.is_alphabetic() || ch == '.');
    if is_abbrev || is_initial {
        return false;
    }
    if is_dotted {
        let next_word: String = next.chars().take_while(|ch| ch.is_alphanumeric()).collect();
        return SENTENCE_STARTERS.contains(&next_word.as_str()) || is_hangul(next_char);
    }
    match lang {
        Lang::Ko => true,
        Lang::En => starts_sentence(next_char),
    }
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&c) || is_hangul(c) || c == '-'
}

fn is_decimal_or_ordinal_context(word: &str) -> bool {
    word.eq_ignore_ascii_case("no") || word.chars().all(|c| c.is_ascii_digit())
}

/// The word (letters, digits and inner periods) that ends at byte `at`.
fn word_before(para: &str, at: usize) -> &str {
    let head = &para[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '.'))
        .map(|(i, ch)| i + ch.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// Whether `c` is a Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str, lang: Lang) -> Vec<&str> {
        split_text(text, lang).into_iter().map(|(s, _)| s.of(text)).collect()
    }

    #[test]
    fn english_abbreviations_and_decimals() {
        let t = "Mr. Kim said growth hit 12.5 percent. Prices rose on Oct. 5 in Seoul. \"We are ready,\" he said. It rained.";
        assert_eq!(
            sents(t, Lang::En),
            vec![
                "Mr. Kim said growth hit 12.5 percent.",
                "Prices rose on Oct. 5 in Seoul.",
                "\"We are ready,\" he said.",
                "It rained."
            ]
        );
    }

    #[test]
    fn english_lowercase_after_period_does_not_split() {
        assert_eq!(
            sents("See e.g. the list. Then go.", Lang::En),
            vec!["See e.g. the list.", "Then go."]
        );
    }

    #[test]
    fn korean_sentences_and_quotes() {
        let t =
            "부산시는 3.5% 늘었다고 밝혔다. 김 시장은 “준비됐다.”라고 말했다. 정말인가? 그렇다!";
        assert_eq!(
            sents(t, Lang::Ko),
            vec![
                "부산시는 3.5% 늘었다고 밝혔다.",
                "김 시장은 “준비됐다.”라고 말했다.",
                "정말인가?",
                "그렇다!"
            ]
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
