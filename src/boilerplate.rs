//! Recognising page furniture: text on a news page that is not the article.
//!
//! "Posted on : … Modified on : …", "Please direct questions or comments to
//! …", "Related stories", a copyright line (ⓒ … 무단전재 및 재배포 금지), a
//! reporter's e-mail line, a photo credit, an end marker: none of it has a
//! counterpart worth aligning, and left in it drags the alignment. The
//! patterns are data (`src/data/boilerplate.tsv`, embedded at compile time);
//! [`Boilerplate::from_tsv`] reads more from a user's file. A headline
//! repeated at the top of the body is recognised too.

use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Result};

/// The shipped patterns.
const BUILTIN: &str = include_str!("data/boilerplate.tsv");

static BUILTIN_SET: LazyLock<Boilerplate> = LazyLock::new(|| {
    Boilerplate::from_tsv("src/data/boilerplate.tsv", BUILTIN).expect("shipped patterns are valid")
});

/// A set of named patterns.
#[derive(Clone, Debug)]
pub struct Boilerplate {
    patterns: Vec<(String, Regex)>,
}

/// Furniture is short: longer segments are article text and are not tested
/// (measured: this keeps the filter well above the segmenter's speed).
const MAX_FURNITURE_BYTES: usize = 400;

impl Boilerplate {
    /// The patterns shipped with hanalign.
    pub fn builtin() -> &'static Boilerplate {
        &BUILTIN_SET
    }

    /// Parses `NAME<TAB>REGEX` lines (`#` comments and blank lines skipped).
    /// `name` is the file name used in error messages.
    pub fn from_tsv(name: &str, data: &str) -> Result<Boilerplate> {
        let mut patterns = Vec::new();
        for (n, line) in data.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad =
                |message: String| Error::BadLine { name: name.to_string(), line: n + 1, message };
            let (pname, re) =
                line.split_once('\t').ok_or_else(|| bad("expected NAME<TAB>REGEX".to_string()))?;
            let re = Regex::new(re).map_err(|e| {
                // regex's syntax errors draw a caret under the pattern over
                // several lines; the last one says what is wrong.
                let e = e.to_string();
                let why = e.lines().last().unwrap_or_default().trim_start_matches("error: ");
                bad(format!("bad pattern {re:?}: {why}"))
            })?;
            patterns.push((pname.trim().to_string(), re));
        }
        Ok(Boilerplate { patterns })
    }

    /// Adds the patterns of `other` after these.
    pub fn extend(&mut self, other: Boilerplate) {
        self.patterns.extend(other.patterns);
    }

    /// The name of the first pattern matching `text`, if any. Segments
    /// longer than 400 bytes are never furniture.
    pub fn matches(&self, text: &str) -> Option<&str> {
        let text = text.trim();
        if text.len() > MAX_FURNITURE_BYTES {
            return None;
        }
        self.patterns.iter().find(|(_, re)| re.is_match(text)).map(|(n, _)| n.as_str())
    }
}

/// Compares two segments as headlines: case, spaces and punctuation ignored.
pub fn same_headline(a: &str, b: &str) -> bool {
    // Compared as they are read: two segments usually differ at once.
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|&c| crate::segment::is_alphanumeric(c)).flat_map(char::to_lowercase)
    }
    key(a).next().is_some() && key(a).eq(key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_patterns_recognise_furniture() {
        let b = Boilerplate::builtin();
        for (text, want) in [
            ("Posted on : 2026-03-14 10:21 KST Modified on : 2026-03-14 11:02 KST", "posted-on"),
            ("Please direct questions or comments to [desk@example.com]", "direct-questions"),
            ("Related stories", "related-stories"),
            ("Most viewed articles", "related-stories"),
            ("Go to contents", "related-stories"),
            (
                "button that move to original korean article (클릭시 원문으로 이동하는 버튼)",
                "original-korean-button",
            ),
            ("ⓒ 부산일보 무단전재 및 재배포 금지", "copyright-ko"),
            ("김민준 기자 mjkim@example.co.kr", "email-line"),
            ("desk@example.com", "email-line"),
            ("사진=부산시 제공", "photo-credit-ko"),
            ("(END)", "end-marker"),
        ] {
            assert_eq!(b.matches(text), Some(want), "{text}");
        }
    }

    #[test]
    fn article_sentences_are_not_furniture() {
        let b = Boilerplate::builtin();
        for text in [
            "부산시는 14일 신항에서 해상풍력 전용 부두 착공식을 열었다.",
            "The photo shows the new terminal under construction at dawn, officials said.",
            "Related talks will continue next week, the ministry said.",
            "He said questions remain about the cost.",
        ] {
            assert_eq!(b.matches(text), None, "{text}");
        }
    }

    #[test]
    fn bad_pattern_file_names_the_line() {
        let err = Boilerplate::from_tsv("my.tsv", "# c\nok\t^a$\nbroken\t(\n").unwrap_err();
        assert_eq!(err.to_string(), "my.tsv: line 3: bad pattern \"(\": unclosed group");
        let err = Boilerplate::from_tsv("my.tsv", "no tab here\n").unwrap_err();
        assert_eq!(err.to_string(), "my.tsv: line 1: expected NAME<TAB>REGEX");
    }

    #[test]
    fn headline_comparison_ignores_punctuation() {
        assert!(same_headline("Busan breaks ground!", "busan  breaks ground"));
        assert!(!same_headline("Busan", "Seoul"));
    }
}
