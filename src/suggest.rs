//! Mining name pairs from aligned text for the glossary.
//!
//! In every bead with both sides, each Hangul word of the Korean text (with
//! particles and titles taken off) is scored by the name matcher against each
//! run of one to four capitalised English words. The best English partner of
//! each Korean word is kept when it scores at least the threshold and is not
//! yet in the glossary; the pairs are then counted over all beads and ranked
//! by count and score.

use std::collections::HashMap;

use crate::glossary::{en_key, Glossary, Kind};
use crate::names;
use crate::pipeline::AlignedPair;
use crate::segment::is_hangul;

/// Particles, copulas and titles that follow a name in running Korean text,
/// longest first.
const KOREAN_TAILS: &[&str] = &[
    "국무위원장",
    "위원장은",
    "대통령은",
    "대통령이",
    "대통령",
    "위원장",
    "부위원장",
    "총리는",
    "총리",
    "장관은",
    "장관",
    "외무상",
    "대변인",
    "의원은",
    "의원",
    "대표는",
    "대표",
    "회장은",
    "회장",
    "에서는",
    "에서",
    "에게",
    "께서",
    "까지",
    "부터",
    "으로",
    "이다",
    "과의",
    "와의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "로",
    "도",
    "만",
    "씨",
    "측",
];

/// One suggested entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The Korean form (particles and titles removed).
    pub ko: String,
    /// The English spelling as written.
    pub en: String,
    /// The best matcher score seen for the pair.
    pub score: f64,
    /// In how many beads the pair was seen.
    pub count: usize,
}

/// A guess at what a mined pair names, for an editor to check (the
/// suggestion's note says the kind is guessed):
///
/// - a Korean person: two to four syllables led by a Korean surname whose
///   spelling is one of the English words (김민준, "Kim Min-jun");
/// - an organisation: an English word such as Ministry, Party, Bank or
///   University, or a Korean ending such as 은행, 위원회 or 대학교;
/// - a place: an English word such as Province, City or Island, an English
///   ending of an administrative unit (-do, -si, -gun, -gu), or a Korean
///   ending such as 광역시, 반도 or 해협;
/// - anyone or anything else: a foreign name (McCain, Kavanaugh).
pub fn guess_kind(ko: &str, en: &str) -> Kind {
    const ORG_WORDS: &[&str] = &[
        "administration",
        "agency",
        "airlines",
        "army",
        "assembly",
        "association",
        "bank",
        "bureau",
        "center",
        "centre",
        "co",
        "commission",
        "committee",
        "company",
        "corp",
        "corporation",
        "council",
        "court",
        "department",
        "electronics",
        "federation",
        "forces",
        "foundation",
        "group",
        "holdings",
        "hospital",
        "inc",
        "industries",
        "institute",
        "ministry",
        "motor",
        "motors",
        "navy",
        "office",
        "organization",
        "organisation",
        "party",
        "police",
        "school",
        "service",
        "union",
        "university",
    ];
    const ORG_ENDINGS: &[&str] = &[
        "은행",
        "그룹",
        "전자",
        "대학교",
        "대학",
        "위원회",
        "협회",
        "재단",
        "공사",
        "공단",
        "법원",
        "병원",
        "연구원",
        "연구소",
        "정부",
        "본부",
        "노동당",
        "민주당",
    ];
    const PLACE_WORDS: &[&str] = &[
        "bay",
        "city",
        "county",
        "district",
        "island",
        "islands",
        "mountain",
        "mount",
        "peninsula",
        "port",
        "province",
        "river",
        "sea",
        "strait",
        "valley",
    ];
    const PLACE_SUFFIXES: &[&str] =
        &["-do", "-si", "-gun", "-gu", "-dong", "-ri", "-eup", "-myeon"];
    // Endings of two syllables or more: a transcribed foreign name ends in
    // 리 or 산 (개리, Gary) as often as a Korean place does.
    const PLACE_ENDINGS: &[&str] = &["특별시", "광역시", "자치구", "반도", "해협", "제도"];
    let words: Vec<String> = en
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let syllables: Vec<char> = ko.chars().filter(|&c| is_hangul(c)).collect();
    // A Korean person: the surname's spelling is an English word.
    if (2..=4).contains(&syllables.len()) && words.len() >= 2 {
        for len in [1, 2] {
            let head: String = syllables[..len.min(syllables.len() - 1)].iter().collect();
            let codes = crate::romanize::jamo::codes(&head);
            if let Some(surname) = names::lexicon::surname(&codes) {
                let spelt = |w: &String| {
                    let w = names::lexicon::letters(w);
                    surname.spellings.contains(&w)
                };
                if words.iter().any(spelt) {
                    return Kind::PersonSouth;
                }
            }
        }
    }
    let has_word = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has_word(ORG_WORDS) {
        return Kind::Org;
    }
    if has_word(PLACE_WORDS) || PLACE_SUFFIXES.iter().any(|s| words.iter().any(|w| w.ends_with(s)))
    {
        return Kind::Place;
    }
    // Korean endings, on forms longer than the ending.
    let ends = |list: &[&str]| list.iter().any(|e| ko.ends_with(e) && ko.len() >= e.len() + 3);
    if ends(ORG_ENDINGS) {
        return Kind::Org;
    }
    if ends(PLACE_ENDINGS) {
        return Kind::Place;
    }
    Kind::Foreign
}

/// Mines candidate entries from aligned pairs: pairs not yet in `glossary`
/// scoring at least `threshold`, most frequent first, then best score.
pub fn suggest(pairs: &[AlignedPair], glossary: &Glossary, threshold: f64) -> Vec<Suggestion> {
    let mut found: HashMap<(String, String), Suggestion> = HashMap::new();
    for pair in pairs {
        for bead in &pair.alignment.beads {
            if bead.ko.is_empty() || bead.en.is_empty() {
                continue;
            }
            let ko_text = pair.ko.joined_original(bead.ko.clone());
            let en_text = pair.en.joined_original(bead.en.clone());
            let spans = capitalised_runs(&en_text);
            for word in ko_text.split_whitespace() {
                let word: String = word.chars().filter(|&c| is_hangul(c)).collect();
                if word.chars().count() < 2 {
                    continue;
                }
                let best = spans
                    .iter()
                    .map(|en| (names::similarity(&word, en), en))
                    .filter(|(s, _)| *s >= threshold)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.len().cmp(&a.1.len())));
                let Some((score, en)) = best else { continue };
                let ko = stem(&word, en);
                if in_glossary(glossary, &ko, en) {
                    continue;
                }
                let s = found.entry((ko.clone(), en.clone())).or_insert(Suggestion {
                    ko,
                    en: en.clone(),
                    score,
                    count: 0,
                });
                s.count += 1;
                s.score = s.score.max(score);
            }
        }
    }
    let mut out: Vec<Suggestion> = found.into_values().collect();
    out.sort_by(|a, b| {
        b.count.cmp(&a.count).then(b.score.total_cmp(&a.score)).then_with(|| a.ko.cmp(&b.ko))
    });
    out
}

/// The shortest form of `word` without a trailing particle or title that
/// still matches `en` as well as the whole word does.
fn stem(word: &str, en: &str) -> String {
    let full = names::similarity(word, en);
    let mut best = word.to_string();
    for tail in KOREAN_TAILS {
        if let Some(rest) = best.strip_suffix(tail) {
            if rest.chars().count() >= 2 && names::similarity(rest, en) >= full - 0.01 {
                best = rest.to_string();
            }
        }
    }
    best
}

fn in_glossary(g: &Glossary, ko: &str, en: &str) -> bool {
    g.lookup(ko).iter().any(|e| e.spellings().any(|s| en_key(s) == en_key(en)))
}

/// Runs of one to four capitalised words (`Kim Jong-un`, `Brett Kavanaugh`),
/// possessive `'s` removed; runs made only of English function words are
/// left out.
pub fn capitalised_runs(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”')
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w))
        .collect();
    let is_cap = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase()) && !crate::langid::is_function_word(w)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if !is_cap(words[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < words.len() && is_cap(words[k]) && k - start < 4 {
            k += 1;
        }
        // Every contiguous part of the run, longest first.
        for len in (1..=k - start).rev() {
            for s in start..=k - len {
                out.push(words[s..s + len].join(" "));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_runs_and_their_parts() {
        let runs = capitalised_runs("The envoy met Choe Ryong-hae's aide in Pyongyang, KCNA said.");
        for want in ["Choe Ryong-hae", "Choe", "Ryong-hae", "Pyongyang", "KCNA"] {
            assert!(runs.contains(&want.to_string()), "{want} missing from {runs:?}");
        }
        assert!(!runs.iter().any(|r| r == "The"));
    }

    #[test]
    fn kinds_are_guessed_from_surnames_words_and_endings() {
        for (ko, en, kind) in [
            ("김민준", "Kim Min-jun", Kind::PersonSouth),
            ("이수민", "Lee Su-min", Kind::PersonSouth),
            ("남궁민", "Namgung Min", Kind::PersonSouth),
            ("맥케인", "McCain", Kind::Foreign),
            ("개리", "Gary", Kind::Foreign),
            ("국방부", "Ministry of National Defense", Kind::Org),
            ("산업은행", "KDB", Kind::Org),
            ("노동당", "Workers' Party", Kind::Org),
            ("강원도", "Gangwon-do", Kind::Place),
            ("제주도", "Jeju Island", Kind::Place),
            ("인천광역시", "Incheon", Kind::Place),
        ] {
            assert_eq!(guess_kind(ko, en), kind, "{ko} / {en}");
        }
    }

    #[test]
    fn stems_drop_particles_and_titles() {
        assert_eq!(stem("최룡해가", "Choe Ryong-hae"), "최룡해");
        assert_eq!(stem("푸틴은", "Putin"), "푸틴");
    }
}
