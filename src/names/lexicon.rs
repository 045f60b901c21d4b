//! The matcher's word lists, embedded from `src/data/names_*.tsv` and parsed
//! once: surnames with their spellings, Korean particles, titles and generic
//! suffixes, English generic words and titles.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::key::{self, Key, Model};
use crate::romanize::jamo::codes;

/// A small fast hasher for the short keys of these tables (FxHash's
/// multiply-rotate); no protection against crafted input is needed here.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u16(&mut self, n: u16) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash builder for [`Fx`].
pub(crate) type FxBuild = BuildHasherDefault<Fx>;

const SURNAMES: &str = include_str!("../data/names_surnames.tsv");
const AFFIXES: &str = include_str!("../data/names_affixes.tsv");

/// A surname and its spellings.
#[derive(Debug)]
pub(crate) struct Surname {
    /// Latin spellings, lower case letters only, most common first.
    pub spellings: Vec<String>,
    /// The most common spelling as written (Kim, Lee, Namgung).
    pub display: String,
    /// Its strict key (with the initial-sound law: 이 may be Lee).
    pub key: Key,
}

/// A list of word endings (particles, titles, suffixes), by last syllable.
#[derive(Debug, Default)]
pub(crate) struct Endings {
    /// Last syllable → endings ending in it (longest first), with a flag.
    by_last: HashMap<u16, Vec<(Vec<u16>, bool)>, FxBuild>,
}

impl Endings {
    fn push(&mut self, e: Vec<u16>, flag: bool) {
        if let Some(&last) = e.last() {
            let v = self.by_last.entry(last).or_default();
            v.push((e, flag));
            v.sort_by_key(|(e, _)| std::cmp::Reverse(e.len()));
        }
    }

    /// The longest ending of `word` in the list that leaves at least
    /// `min_rest` syllables: the rest of the word and the ending's flag.
    pub fn strip<'a>(&self, word: &'a [u16], min_rest: usize) -> Option<(&'a [u16], bool)> {
        let cands = self.by_last.get(word.last()?)?;
        cands.iter().find_map(|(e, flag)| {
            (word.len() >= e.len() + min_rest && word.ends_with(e))
                .then(|| (&word[..word.len() - e.len()], *flag))
        })
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: &[u16]) -> bool {
        self.strip(word, 0).is_some_and(|(rest, _)| rest.is_empty())
    }
}

/// All word lists.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    /// Surnames by Hangul (syllable codes).
    pub surnames: HashMap<Vec<u16>, Surname, FxBuild>,
    /// Every lower-case spelling → the surnames that use it.
    pub spelling_owners: HashMap<String, Vec<Vec<u16>>, FxBuild>,
    /// Korean particles.
    pub particles: Endings,
    /// Korean titles.
    pub titles: Endings,
    /// Korean generic suffixes; the flag is "only when the Latin has a
    /// generic word too".
    pub suffixes: Endings,
    /// English generic words.
    pub generic: HashSet<String, FxBuild>,
    /// English titles.
    pub etitles: HashSet<String, FxBuild>,
}

/// Lower-case ASCII letters of `s`.
pub(crate) fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect()
}

fn parse() -> Lists {
    let mut l = Lists::default();
    for line in SURNAMES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(h), Some(sp)) = (f.next(), f.next()) else { continue };
        let c = codes(h);
        let display = sp.split('|').next().unwrap_or("").trim().to_string();
        let spellings: Vec<String> = sp.split('|').map(letters).filter(|s| !s.is_empty()).collect();
        for s in &spellings {
            l.spelling_owners.entry(s.clone()).or_default().push(c.clone());
        }
        let mut toks = Vec::new();
        key::hangul_word(&c, true, &mut toks);
        key::collapse(&mut toks, false, true);
        let key = Key::hangul(toks, Model::Strict);
        l.surnames.insert(c, Surname { spellings, display, key });
    }
    for line in AFFIXES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(kind), Some(item)) = (f.next(), f.next()) else { continue };
        let item = item.trim();
        match kind {
            "particle" => l.particles.push(codes(item), false),
            "title" => l.titles.push(codes(item), false),
            "suffix" => l.suffixes.push(codes(item), false),
            "gsuffix" => l.suffixes.push(codes(item), true),
            "generic" => {
                l.generic.insert(item.to_string());
            }
            "etitle" => {
                l.etitles.insert(item.to_string());
            }
            _ => {}
        }
    }
    l
}

static LISTS: LazyLock<Lists> = LazyLock::new(parse);

/// The word lists.
pub(crate) fn lists() -> &'static Lists {
    &LISTS
}

/// The surname written as `codes` (one or two syllables), if it is one.
pub(crate) fn surname(codes: &[u16]) -> Option<&'static Surname> {
    lists().surnames.get(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let l = lists();
        assert!(l.surnames.len() > 100);
        assert_eq!(surname(&codes("김")).unwrap().display, "Kim");
        assert!(surname(&codes("남궁")).is_some());
        assert_eq!(l.particles.strip(&codes("푸틴에서는"), 2), Some((&codes("푸틴")[..], false)));
        assert!(l.titles.contains(&codes("대통령")));
        assert!(l.generic.contains("river"));
    }
}
