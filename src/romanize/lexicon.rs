//! The romaniser's lexicon (`src/data/romanize_lexicon.tsv`: words whose
//! pronunciation needs lexical knowledge, respelt as pronounced) and place
//! data (`src/data/romanize_places.tsv`), parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::jamo::{codes, syllable_code};

const LEXICON: &str = include_str!("../data/romanize_lexicon.tsv");
const PLACES: &str = include_str!("../data/romanize_places.tsv");

/// A respelling: syllable codes, each with "a boundary no rule crosses
/// comes before it".
pub(crate) type Respelling = Vec<(u16, bool)>;

/// Parsed lexicon and place data.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Whole words.
    pub words: HashMap<Vec<u16>, Respelling>,
    /// Suffix entries (`*` in the file), longest first.
    pub suffixes: Vec<(Vec<u16>, Respelling)>,
    /// Place mode: names whose last syllable is not a unit.
    pub whole_places: HashSet<Vec<u16>>,
    /// Place mode: stems that make a following 도 the province unit.
    pub provinces: HashSet<Vec<u16>>,
    /// Endings after which a lexicon word is still recognised (알약을).
    pub endings: Vec<Vec<u16>>,
}

fn respelling(s: &str) -> Respelling {
    let mut out = Vec::new();
    let mut hard = false;
    for c in s.chars() {
        if c == '|' {
            hard = true;
        } else if let Some(code) = syllable_code(c) {
            out.push((code, hard));
            hard = false;
        }
    }
    out
}

fn parse() -> Lexicon {
    let mut lx = Lexicon::default();
    for line in LEXICON.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(h), Some(r)) = (f.next(), f.next()) else { continue };
        let r = respelling(r);
        if let Some(suffix) = h.strip_prefix('*') {
            lx.suffixes.push((codes(suffix), r));
        } else {
            lx.words.insert(codes(h), r);
        }
    }
    lx.suffixes.sort_by_key(|(c, _)| std::cmp::Reverse(c.len()));
    for line in PLACES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(kind), Some(h)) = (f.next(), f.next()) else { continue };
        match kind {
            "whole" => {
                lx.whole_places.insert(codes(h));
            }
            "province" => {
                lx.provinces.insert(codes(h));
            }
            _ => {}
        }
    }
    lx.endings = [
        "은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "과", "와", "도",
        "만", "역",
    ]
    .iter()
    .map(|s| codes(s))
    .collect();
    lx
}

static LEX: LazyLock<Lexicon> = LazyLock::new(parse);

/// The lexicon.
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEX
}

/// The respelling of a word, if the lexicon knows it: the whole word, a
/// word followed by a particle, or a suffix entry. The result covers the
/// whole word.
pub(crate) fn respell(word: &[u16]) -> Option<Respelling> {
    let lx = lexicon();
    if word.len() < 2 {
        return None;
    }
    if let Some(r) = lx.words.get(word) {
        return Some(r.clone());
    }
    for end in &lx.endings {
        if word.len() > end.len() + 1 && word.ends_with(end) {
            let stem = &word[..word.len() - end.len()];
            if let Some(r) = lx.words.get(stem) {
                let mut out = r.clone();
                out.extend(end.iter().map(|&c| (c, false)));
                return Some(out);
            }
        }
    }
    for (suffix, r) in &lx.suffixes {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            let mut out: Respelling =
                word[..word.len() - suffix.len()].iter().map(|&c| (c, false)).collect();
            out.extend(r.iter().copied());
            return Some(out);
        }
    }
    None
}
