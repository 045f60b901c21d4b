//! Recognising page furniture: text on a news page that is not the article.
//!
//! "Posted on : … Modified on : …", "Please direct questions or comments to
//! …", "Related stories", a copyright line (ⓒ … 무단전재 및 재배포 금지), a
//! reporter's e-mail line, a photo credit, an end marker: none of it has a
//! counterpart worth aligning, and left in it drags the alignment. The
//! patterns are data (`src/data/boilerplate.tsv`, embedded at compile time);
//! [`Boilerplate::from_tsv`] reads more from a user's file. A headline
//! repeated at the top of the body is recognised too.

use std::collections::BTreeSet;
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
    patterns: Vec<(String, Regex, Gate)>,
}

/// What any text a pattern matches must hold, checked before the regex
/// runs: most segments fail it, and a regex search costs far more than the
/// check. Derived from the pattern itself, so it never turns a match away.
#[derive(Clone, Debug, Default)]
struct Gate {
    /// Fewest bytes a match has.
    min_len: usize,
    /// Most bytes the text can have, when the pattern is anchored at both
    /// ends (its match is then the whole text).
    max_len: Option<usize>,
    /// The characters the text can start with, when the pattern is anchored
    /// at the start and every match has a first character.
    first: Option<Edge>,
    /// The same for the text's last character and the end.
    last: Option<Edge>,
    /// Text that every match holds.
    phrase: Option<Phrase>,
}

/// Text that every match of a pattern holds.
#[derive(Clone, Debug)]
enum Phrase {
    /// With no ASCII letter: these bytes exactly.
    Exact(Box<memchr::memmem::Finder<'static>>),
    /// These bytes, ASCII letters (lowercased here) in either case.
    Folded(Folded),
}

/// A phrase to find with ASCII case ignored.
#[derive(Clone, Debug)]
struct Folded {
    /// The phrase, ASCII letters lowercased.
    needle: Vec<u8>,
    /// The index of its rarest byte (by English letter frequency), which a
    /// search looks for first.
    rare: usize,
}

impl Folded {
    fn new(needle: Vec<u8>) -> Folded {
        let rare = needle.iter().enumerate().max_by_key(|&(_, &b)| rarity(b)).map_or(0, |(k, _)| k);
        Folded { needle, rare }
    }

    /// Whether `hay` holds the phrase, ASCII case ignored.
    fn is_in(&self, hay: &[u8]) -> bool {
        let (needle, k) = (&self.needle, self.rare);
        let Some(&b) = needle.get(k) else { return true };
        let mut from = k;
        while from < hay.len() {
            let Some(p) = memchr::memchr2(b, b.to_ascii_uppercase(), &hay[from..]) else {
                return false;
            };
            let at = from + p - k;
            if hay.get(at..at + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
                return true;
            }
            from += p + 1;
        }
        false
    }
}

/// How rare byte `b` is in news text, lowercase: 0 for a space, more for
/// rarer letters, then sentence punctuation and digits, most for the rest
/// (`@`, bytes of Hangul).
fn rarity(b: u8) -> usize {
    const COMMON: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz.,0123456789";
    COMMON.iter().position(|&c| c == b).unwrap_or(COMMON.len())
}

impl Phrase {
    fn new(bytes: Vec<u8>) -> Phrase {
        if bytes.iter().any(u8::is_ascii_alphabetic) {
            Phrase::Folded(Folded::new(bytes))
        } else {
            Phrase::Exact(Box::new(memchr::memmem::Finder::new(&bytes).into_owned()))
        }
    }

    fn is_in(&self, hay: &[u8]) -> bool {
        match self {
            Phrase::Exact(finder) => finder.find(hay).is_some(),
            Phrase::Folded(folded) => folded.is_in(hay),
        }
    }
}

/// The characters a text can start or end with.
#[derive(Clone, Debug)]
struct Edge {
    /// ASCII characters, one bit each.
    ascii: u128,
    /// Other characters, sorted.
    other: Vec<char>,
}

impl Edge {
    fn new(chars: BTreeSet<char>) -> Edge {
        let (ascii, other): (Vec<char>, Vec<char>) = chars.into_iter().partition(char::is_ascii);
        Edge { ascii: ascii.into_iter().fold(0, |set, c| set | 1 << c as u32), other }
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> c as u32 & 1 == 1
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

/// Classes larger than this say little and are not turned into first and
/// last characters.
const MAX_CLASS_CHARS: usize = 64;

impl Gate {
    /// The gate of `pattern` (one that `Regex::new` accepted); `None` when the
    /// pattern's syntax cannot be analysed, and then every text is searched.
    fn new(pattern: &str) -> Option<Gate> {
        use regex_syntax::hir::Look;
        let hir = regex_syntax::parse(pattern).ok()?;
        let props = hir.properties();
        let starts = props.look_set_prefix().contains(Look::Start);
        let ends = props.look_set_suffix().contains(Look::End);
        let edge = |forward: bool| match edge_chars(&hir, forward) {
            (Some(set), false) => Some(Edge::new(set)),
            _ => None,
        };
        Some(Gate {
            min_len: props.minimum_len().unwrap_or(usize::MAX),
            max_len: if starts && ends { props.maximum_len() } else { None },
            first: if starts { edge(true) } else { None },
            last: if ends { edge(false) } else { None },
            // The longest phrase, and of those the one with the rarest byte:
            // `@` rather than `.` in an e-mail address.
            phrase: phrases(&hir)
                .into_iter()
                .max_by_key(|p| (p.len(), p.iter().map(|&b| rarity(b)).max()))
                .map(Phrase::new),
        })
    }

    /// Whether `text` (already trimmed), which starts with `first` and ends
    /// with `last`, may match.
    fn admits(&self, text: &str, first: Option<char>, last: Option<char>) -> bool {
        let at_edge = |set: &Option<Edge>, c: Option<char>| {
            set.as_ref().is_none_or(|set| c.is_some_and(|c| set.contains(c)))
        };
        text.len() >= self.min_len
            && self.max_len.is_none_or(|max| text.len() <= max)
            && at_edge(&self.first, first)
            && at_edge(&self.last, last)
            && self.phrase.as_ref().is_none_or(|p| p.is_in(text.as_bytes()))
    }
}

/// The characters of a class, when there are few.
fn class_chars(class: &regex_syntax::hir::Class) -> Option<Vec<char>> {
    use regex_syntax::hir::Class;
    match class {
        Class::Unicode(cls) => {
            let size: usize = cls.ranges().iter().map(|r| r.len()).sum();
            (size <= MAX_CLASS_CHARS)
                .then(|| cls.ranges().iter().flat_map(|r| r.start()..=r.end()).collect())
        }
        // Bytes beyond ASCII are parts of characters, not characters.
        Class::Bytes(cls) => {
            let size: usize = cls.ranges().iter().map(|r| r.len()).sum();
            (size <= MAX_CLASS_CHARS && cls.ranges().iter().all(|r| r.end().is_ascii())).then(
                || cls.ranges().iter().flat_map(|r| r.start()..=r.end()).map(char::from).collect(),
            )
        }
    }
}

/// The characters of a literal; `None` for bytes that are not UTF-8.
fn literal_chars(lit: &regex_syntax::hir::Literal) -> Option<Vec<char>> {
    std::str::from_utf8(&lit.0).ok().map(|s| s.chars().collect())
}

/// The characters a match of `hir` can start (`forward`) or end with
/// (`None`: too many to list), and whether it can be empty.
fn edge_chars(hir: &regex_syntax::hir::Hir, forward: bool) -> (Option<BTreeSet<char>>, bool) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (Some(BTreeSet::new()), true),
        HirKind::Literal(lit) => match literal_chars(lit) {
            Some(chars) => {
                let c = if forward { chars.first() } else { chars.last() };
                (Some(c.into_iter().copied().collect()), chars.is_empty())
            }
            None => (None, false),
        },
        HirKind::Class(cls) => (class_chars(cls).map(BTreeSet::from_iter), false),
        HirKind::Repetition(rep) => {
            let (set, empty) = edge_chars(&rep.sub, forward);
            (set, empty || rep.min == 0)
        }
        HirKind::Capture(cap) => edge_chars(&cap.sub, forward),
        HirKind::Concat(subs) => {
            let mut all = Some(BTreeSet::new());
            let mut walk = |sub| {
                let (set, empty) = edge_chars(sub, forward);
                all = union(all.take(), set);
                empty
            };
            let empty =
                if forward { subs.iter().all(&mut walk) } else { subs.iter().rev().all(&mut walk) };
            (all, empty)
        }
        HirKind::Alternation(subs) => {
            let mut all = Some(BTreeSet::new());
            let mut empty = false;
            for sub in subs {
                let (set, e) = edge_chars(sub, forward);
                empty |= e;
                all = union(all, set);
            }
            (all, empty)
        }
    }
}

/// The union of two sets of characters, `None` standing for "too many".
fn union(a: Option<BTreeSet<char>>, b: Option<BTreeSet<char>>) -> Option<BTreeSet<char>> {
    let (mut a, b) = (a?, b?);
    a.extend(b);
    Some(a)
}

/// Runs of characters that every match of `hir` holds, as UTF-8 with ASCII
/// letters lowercased: a literal is itself, a class such as `[sS]` is one
/// ASCII character up to case, but `(?i)s`, which also matches `ſ`, ends a
/// run.
fn phrases(hir: &regex_syntax::hir::Hir) -> Vec<Vec<u8>> {
    use regex_syntax::hir::HirKind;
    /// The bytes `hir` matches, lowercased, when it matches one text up to
    /// ASCII case.
    fn ascii_run(hir: &regex_syntax::hir::Hir) -> Option<Vec<u8>> {
        match hir.kind() {
            // Bytes that are not UTF-8 are left to the regex.
            HirKind::Literal(lit) => {
                std::str::from_utf8(&lit.0).ok().map(|s| s.as_bytes().to_ascii_lowercase())
            }
            HirKind::Class(cls) => match class_chars(cls)?.as_slice() {
                [c] => Some(c.to_string().into_bytes().to_ascii_lowercase()),
                [a, b] if a.is_ascii() && a.eq_ignore_ascii_case(b) => {
                    Some(vec![a.to_ascii_lowercase() as u8])
                }
                _ => None,
            },
            _ => None,
        }
    }
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => ascii_run(hir).into_iter().collect(),
        HirKind::Repetition(rep) if rep.min > 0 => phrases(&rep.sub),
        HirKind::Capture(cap) => phrases(&cap.sub),
        HirKind::Concat(subs) => {
            let mut out = Vec::new();
            let mut run = Vec::new();
            for sub in subs {
                match ascii_run(sub) {
                    Some(bytes) => run.extend(bytes),
                    None => {
                        out.push(std::mem::take(&mut run));
                        out.extend(phrases(sub));
                    }
                }
            }
            out.push(run);
            out.retain(|r| !r.is_empty());
            out
        }
        _ => Vec::new(),
    }
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
            if pname.trim().is_empty() {
                return Err(bad("empty pattern name".to_string()));
            }
            // A pattern that empty text matches (an empty one, `.*`) would
            // match every segment and drop the whole document.
            if re.is_match("") {
                return Err(bad(format!(
                    "pattern {:?} matches empty text, so every segment",
                    re.as_str()
                )));
            }
            let gate = Gate::new(re.as_str()).unwrap_or_default();
            patterns.push((pname.trim().to_string(), re, gate));
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
        let (first, last) = (text.chars().next(), text.chars().next_back());
        self.patterns
            .iter()
            .find(|(_, re, gate)| gate.admits(text, first, last) && re.is_match(text))
            .map(|(n, _, _)| n.as_str())
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
            ("By Park Ji-hoon jhpark@example.co.kr", "email-line"),
            ("Kim Min-jun, reporter (kim@example.com)", "email-line"),
            ("최은서 선임 기자 cho@example.co.kr", "email-line"),
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
            "Readers wrote to the ministry at complaints@example.go.kr about the noise.",
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
    #[test]
    fn gates_read_edges_and_phrases_from_the_pattern() {
        let g = Gate::new(r"(?i)^(END|끝)\s*$").unwrap();
        let first = g.first.as_ref().unwrap();
        assert!(first.contains('e') && first.contains('E') && first.contains('끝'));
        assert!(!first.contains('x') && !first.contains('가'));
        // The last character may be whitespace, D, d or 끝.
        assert!(g.last.as_ref().unwrap().contains('d'));
        assert!(!g.last.as_ref().unwrap().contains('.'));
        // Unanchored: no edges and no upper length bound.
        let g = Gate::new(r"all rights").unwrap();
        assert!(g.first.is_none() && g.last.is_none() && g.max_len.is_none());
        assert_eq!(g.min_len, 10);
        // A pattern that may match nothing has no first character.
        assert!(Gate::new(r"^a*$").unwrap().first.is_none());
        // (?i)k also matches the Kelvin sign, so it ends a folded run.
        let Some(Phrase::Folded(p)) = Gate::new(r"(?i)a korean article").unwrap().phrase else {
            panic!("a folded phrase")
        };
        assert_eq!(p.needle, b"orean article");
        assert_eq!(p.rare, 10, "the search looks for the rarest letter, c, first");
        let contains_ignore_ascii_case =
            |hay: &[u8], needle: &[u8]| Folded::new(needle.to_vec()).is_in(hay);
        let Some(Phrase::Exact(_)) = Gate::new(r"무단\s*전재").unwrap().phrase else {
            panic!("an exact phrase")
        };
        assert!(contains_ignore_ascii_case(b"All Rights Reserved.", b"rights reserved"));
        assert!(!contains_ignore_ascii_case(b"All Rights Reserve", b"rights reserved"));
        assert!(!contains_ignore_ascii_case("ſ".as_bytes(), b"s"));
        // Of phrases as long, the rarer: `@`, not the `.` every sentence has.
        let g = Gate::new(r"^\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$").unwrap();
        let Some(Phrase::Exact(finder)) = &g.phrase else { panic!("an exact phrase") };
        assert_eq!(finder.needle(), b"@");
        let text = "The ministry said so. It will decide next week.";
        assert!(!g.admits(text, text.chars().next(), text.chars().next_back()));
    }

    use proptest::prelude::*;

    /// Patterns exercising what the gate reads: anchors, alternation,
    /// optional parts, case folding (with `k` and `s`), byte mode and
    /// literals beyond ASCII.
    const GATE_PATTERNS: &[&str] = &[
        r"(?i)^(ok|key|bus)\s*:?$",
        r"(?i-u)^[\[(]?\s*(photo|kiss)\s*(by)?\s*[:=]?[\w .]{0,8}[\])]?$",
        r"(?i)\bsk a\.?$",
        r"^(ⓒ|\(c\)|Copy\b).{0,5}$",
        r"무단\s*전재.{0,3}금지",
        r"^\S{1,3}\s*(기자|K)\s*[\w.]+@[\w]+$",
        r"(x|y)?z",
        r"^$",
    ];

    proptest! {
        /// The gate never turns away a text its pattern matches.
        #[test]
        fn gates_admit_every_match(
            parts in proptest::collection::vec(prop::sample::select(vec![
                "ok", "OK", "key", "\u{212a}ey", "bus", "BUſ", ":", " ", "  ", "[", "(", ")", "]",
                "photo", "PHOTO", "kiss", "by", "=", ".", "sk a", "SK A", "ſk a", "ⓒ", "(c)",
                "Copy", "무단", "전재", "금지", "기자", "K", "@", "ab", "x", "z", "가", "é",
            ]), 0..8),
        ) {
            let text = parts.concat();
            let text = text.trim();
            let (first, last) = (text.chars().next(), text.chars().next_back());
            let b = Boilerplate::builtin();
            let custom = GATE_PATTERNS.iter().map(|p| (Regex::new(p).unwrap(), Gate::new(p).unwrap()));
            for (re, gate) in custom.chain(b.patterns.iter().map(|(_, re, g)| (re.clone(), g.clone()))) {
                if re.is_match(text) {
                    prop_assert!(gate.admits(text, first, last), "{} turns away {text:?}", re.as_str());
                }
            }
        }
    }
}
