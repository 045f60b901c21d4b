//! Sentence boundaries inside one paragraph, for Korean and English.
//!
//! A sentence ends at `. ! ?` (and their full-width forms, `…`, `。`),
//! possibly followed by closing quotes or brackets, then whitespace. English
//! needs a capital letter, digit or opening quote next and skips known
//! abbreviations (`Mr.`, `Oct.`, initials, `U.S.`); Korean splits after the
//! punctuation unless a Latin abbreviation precedes it. A single newline
//! inside a paragraph ends a sentence when the line before it ends like one.

use crate::document::{Lang, Span};
use crate::segment::is_hangul;

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
pub fn split_paragraph(text: &str, p: Span, lang: Lang) -> Vec<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str, lang: Lang) -> Vec<&str> {
        split_paragraph(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|s| s.of(text))
            .collect()
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
}
