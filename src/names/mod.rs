//! Matching a Hangul name with a Latin spelling: is "Choe Ryong-hae" a
//! spelling of 최룡해, "Ukraine" of 우크라이나?
//!
//! [`similarity`] scores a pair in [0, 1] (1 = the same name) and
//! [`is_match`] compares it with [`DEFAULT_THRESHOLD`]. The score is robust
//! to the romanisation systems (RR, McCune–Reischauer with or without
//! diacritics, the DPRK system, personal spellings), to surname spellings
//! (이 Lee/Yi/Rhee/Ri), to hyphens and spaces in given names, to loanwords
//! written in Hangul (브리즈번 Brisbane, 블라디미르 푸틴 Vladimir Putin), and to
//! particles and titles after the name in running text (푸틴은, 최룡해가,
//! 김정은 위원장은); it keeps people who share a surname apart (김정은 is not
//! "Kim Jong-il").
//!
//! ```
//! use hanalign::names::{is_match, similarity};
//!
//! assert!(is_match("최룡해가", "Choe Ryong-hae"));
//! assert!(is_match("김정은", "Kim Jong Un"));
//! assert!(is_match("우크라이나", "Ukraine"));
//! assert!(is_match("라진항", "Rajin"));
//! assert!(!is_match("김정은", "Kim Jong-il"));
//! assert!(similarity("브리즈번", "Brisbane") > similarity("브리즈번", "Melbourne"));
//! ```
//!
//! # How
//!
//! Both sides become phonetic keys over one alphabet of sound classes (see
//! the `key` module's documentation in the source): the Hangul as written
//! and as pronounced at once (왕십리's ㄹ is l or n), the Latin with letters
//! of two readings at once (g before e is g or j). They are compared by a
//! weighted edit distance, normalised by the key length and floored so that
//! one full edit always costs at least 0.25; a word boundary or hyphen in
//! the Latin must fall on a syllable boundary of the Hangul. Several
//! readings are tried and the best kept: the Hangul with and without
//! particles, titles and generic suffixes (라진항 → 라진, 백두산 → 백두 against
//! "Mount Paektu"), the Latin with and without generic words and leading
//! titles, and with its last word moved to the front (Shinzo Abe for 아베
//! 신조). Three paths:
//!
//! 1. **Surnames.** One Hangul surname against one Latin word: a spelling
//!    listed for it (`src/data/names_surnames.tsv`) matches; a spelling
//!    listed only for another surname does not (조 is not "Choe"); anything
//!    else must be a strict phonetic match.
//! 2. **Korean personal names.** Hangul of a listed surname and a one- or
//!    two-syllable given name, against two or three Latin words: one end
//!    must be the surname (as in 1), and the given name is compared with the
//!    strict model: no consonant change, vowels by class (ㅓ may be o or u,
//!    ㅡ u, ㅢ ui, ee or i …), glides must agree, and a given name written in
//!    syllables must have as many as the Hangul. When the Latin's surname is
//!    ours or another Korean surname (봉준호 vs "Park Geun-hye"), this path
//!    decides: the others get 0.25 added, so they cannot pass. A Latin name
//!    whose given name has q, x or z (pinyin: 리커창 "Li Keqiang") or whose
//!    end words are no surname at all (장쩌민 "Jiang Zemin") is left to the
//!    other paths.
//! 3. **Everything else.** The smaller of a strict distance (Korean words
//!    and places in any romanisation: 평양 Pyongyang, 백령도 Baengnyeongdo) and
//!    a loose one for loanwords (우크라이나 Ukraine, 브리즈번 Brisbane): related
//!    consonants are cheap (s/z, l/r/n), an epenthetic ㅡ is nearly free, and
//!    vowels need only agree broadly (front or back, a or o: 푸틴 is not
//!    "Biden"). The loose model needs two syllables and three sounds.
//!
//! Similarity is one minus that distance. For the aligner, which compares
//! many candidates, [`HangulName`] and [`LatinName`] hold the prepared keys
//! and [`similarity_prepared`] compares them.

mod key;
pub(crate) mod lexicon;

use std::sync::OnceLock;

use crate::romanize::jamo::{self, Piece};
use key::{Key, Model, Tok};
use lexicon::{lists, Surname};

/// Similarity at or above which a pair is a match (a distance of 0.2).
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// Added to the distance of a name-shaped pair whose surname does not match.
const NAME_PENALTY: f32 = 0.25;
/// Largest strict distance at which a Latin word is a spelling of a surname.
const SURNAME_TOLERANCE: f32 = 0.1;
/// Fewest required tokens on each side for the loose model.
const LOOSE_MIN_TOKENS: usize = 3;

/// Similarity in [0, 1] of a Hangul name (or word) and a Latin spelling;
/// 1 means the same name. Particles and titles after the Hangul name are
/// ignored (최룡해가, 푸틴 대통령은).
pub fn similarity(hangul: &str, latin: &str) -> f64 {
    similarity_prepared(&HangulName::new(hangul), &LatinName::new(latin))
}

/// Whether `latin` is a spelling of `hangul`: `similarity >= DEFAULT_THRESHOLD`.
pub fn is_match(hangul: &str, latin: &str) -> bool {
    similarity(hangul, latin) >= DEFAULT_THRESHOLD
}

/// [`similarity`] of two prepared sides.
pub fn similarity_prepared(hangul: &HangulName, latin: &LatinName) -> f64 {
    let mut best = 1.0f32;
    for c in &hangul.cands {
        best = best.min(distance(c, latin));
        if best == 0.0 {
            break;
        }
    }
    f64::from(1.0 - best.clamp(0.0, 1.0))
}

// ------------------------------------------------------------------ Hangul side

/// How a Hangul reading is shaped.
#[derive(Clone, Debug)]
enum Shape {
    /// Anything else.
    Plain,
    /// A lone surname.
    Surname(&'static Surname),
    /// Surname + given name.
    Person(Vec<Split>),
}

/// One way to read a Hangul name as surname + given name.
#[derive(Clone, Debug)]
struct Split {
    surname: &'static Surname,
    /// Strict key of the given name.
    given_key: Key,
    /// Syllables of the given name.
    given_len: usize,
}

/// One reading of the Hangul side.
#[derive(Clone, Debug)]
struct HCand {
    loose: Key,
    strict: Key,
    /// Only usable against Latin that had a generic word removed: a generic
    /// suffix was taken off and left one syllable (한강 → 한 for Han River),
    /// or the suffix is one that also ends given names (호, 만, 산 …).
    short: bool,
    /// Syllables (the loose model needs two).
    syllables: usize,
    /// Words (a reading of the Latin with its last word first is only tried
    /// against two or more).
    words: usize,
    shape: Shape,
}

/// The Hangul side of a comparison, prepared once.
#[derive(Clone, Debug)]
pub struct HangulName {
    cands: Vec<HCand>,
}

/// The runs of Hangul syllables in a text (conjoining jamo composed).
fn hangul_words(text: &str) -> Vec<Vec<u16>> {
    let mut words: Vec<Vec<u16>> = Vec::with_capacity(2);
    // Fast path: no jamo, half-width or enclosed Hangul to compose.
    let needs_scan = |c: char| matches!(c as u32, 0x1100..=0x11FF | 0x3131..=0x318E | 0xFFA0..=0xFFDC | 0x3200..=0x327F);
    if !text.chars().any(needs_scan) {
        let mut cur: Vec<u16> = Vec::new();
        for c in text.chars() {
            match jamo::syllable_code(c) {
                Some(code) => cur.push(code),
                None if !cur.is_empty() => words.push(std::mem::take(&mut cur)),
                None => {}
            }
        }
        if !cur.is_empty() {
            words.push(cur);
        }
        return words;
    }
    let sc = jamo::scan(text);
    for p in &sc.pieces {
        if let Piece::Run(a, b) = p {
            words.push(sc.codes[*a..*b].to_vec());
        }
    }
    words
}

impl HangulName {
    /// Prepares a Hangul string: its words (runs of Hangul), with particles
    /// and titles at the end taken off as alternatives.
    pub fn new(hangul: &str) -> HangulName {
        let mut words = hangul_words(hangul);
        let l = lists();
        // Title words after the name (푸틴 대통령, 김정은 위원장은).
        let is_title = |w: &[u16]| {
            l.titles.contains(w)
                || l.particles.strip(w, 1).is_some_and(|(r, _)| l.titles.contains(r))
        };
        while words.len() > 1 && words.last().is_some_and(|w| is_title(w)) {
            words.pop();
        }
        let Some((last, head)) = words.split_last() else {
            return HangulName { cands: Vec::new() };
        };
        // Particles and titles on the last word: up to three layers
        // (김정은위원장은 → 김정은위원장 → 김정은). A form is the length kept.
        let mut forms: Vec<usize> = vec![last.len()];
        for layer in [&l.particles, &l.titles, &l.particles] {
            for k in 0..forms.len() {
                let w = &last[..forms[k]];
                if let Some((rest, _)) = layer.strip(w, 2) {
                    if !forms.contains(&rest.len()) {
                        forms.push(rest.len());
                    }
                }
            }
        }
        let mut cands = Vec::with_capacity(forms.len() * 2);
        for &len in &forms {
            let w = &last[..len];
            cands.push(HCand::new(head, w, false));
            // Generic suffixes (라진항 → 라진, 한강 → 한).
            if let Some((rest, needs_generic)) = l.suffixes.strip(w, 1) {
                let total = head.iter().map(Vec::len).sum::<usize>() + rest.len();
                cands.push(HCand::new(head, rest, needs_generic || total == 1));
            }
        }
        HangulName { cands }
    }
}

impl HCand {
    /// A reading of the words `head` followed by `last`.
    fn new(head: &[Vec<u16>], last: &[u16], short: bool) -> HCand {
        let syllables = head.iter().map(Vec::len).sum::<usize>() + last.len();
        let mut strict = Vec::with_capacity(5 * syllables + 2);
        for w in head.iter().map(Vec::as_slice).chain(std::iter::once(last)) {
            key::hangul_word(w, true, &mut strict);
        }
        let mut loose = strict.clone();
        key::collapse(&mut loose, true, true);
        key::collapse(&mut strict, false, true);
        let nwords = head.len() + 1;
        let surname = if nwords == 1 && last.len() <= 2 { lexicon::surname(last) } else { None };
        let shape = match surname {
            Some(s) => Shape::Surname(s),
            None => person_splits(head, last),
        };
        HCand {
            loose: Key::hangul(loose, Model::Loose),
            strict: Key::hangul(strict, Model::Strict),
            short,
            syllables,
            words: nwords,
            shape,
        }
    }
}

/// The ways to read the words `head` + `last` as a Korean personal name: a
/// listed surname of one or two syllables, then a given name of one or
/// two, as one word or with a space after the surname.
fn person_splits(head: &[Vec<u16>], last: &[u16]) -> Shape {
    let mut splits = Vec::new();
    let (all, sur_word): (&[u16], Option<usize>) = match head {
        [] => (last, None),
        [w] => (w.as_slice(), Some(w.len())),
        _ => return Shape::Plain,
    };
    let mut joined = [0u16; 4];
    let all: &[u16] = match sur_word {
        None => all,
        Some(k) if k + last.len() <= 4 => {
            joined[..k].copy_from_slice(all);
            joined[k..k + last.len()].copy_from_slice(last);
            &joined[..k + last.len()]
        }
        Some(_) => return Shape::Plain,
    };
    if !(2..=4).contains(&all.len()) {
        return Shape::Plain;
    }
    for sur_len in [1, 2] {
        if sur_word.is_some_and(|k| k != sur_len) {
            continue;
        }
        let given = all.len().saturating_sub(sur_len);
        if !(1..=2).contains(&given) {
            continue;
        }
        let Some(surname) = lexicon::surname(&all[..sur_len]) else { continue };
        let mut given_key = Vec::with_capacity(12);
        key::hangul_word(&all[sur_len..], false, &mut given_key);
        key::collapse(&mut given_key, false, true);
        splits.push(Split {
            surname,
            given_key: Key::hangul(given_key, Model::Strict),
            given_len: given,
        });
    }
    if splits.is_empty() {
        Shape::Plain
    } else {
        Shape::Person(splits)
    }
}

// ------------------------------------------------------------------- Latin side

/// One reading of the Latin side for the loose model.
#[derive(Clone, Debug)]
struct LVariant {
    loose: Key,
    /// Generic words were removed.
    generic: bool,
    /// The last word was moved to the front.
    rotated: bool,
}

/// A name-shaped reading of the Latin side: one end word as the surname.
#[derive(Clone, Debug)]
struct LPerson {
    /// The surname word (an index into the words).
    surname: usize,
    /// Its strict key.
    sur_key: Key,
    /// Strict key of the other words (the given name).
    given_key: Key,
    /// Syllables the given name is visibly cut into (hyphens, spaces).
    given_parts: usize,
    /// The given name has letters that romanised Korean never uses (q, x,
    /// z): a Chinese name read in Korean (리커창 Li Keqiang).
    foreign: bool,
}

/// The Latin side of a comparison, prepared once. Keys that only some
/// comparisons need (name-shaped readings, last word first) are made on
/// first use.
#[derive(Clone, Debug)]
pub struct LatinName {
    /// The words (titles before the name left out).
    words: Words,
    /// Each word's loose and strict tokens.
    loose_w: WordToks,
    strict_w: WordToks,
    /// Indices of the words that are not generic, if some are.
    plain: Option<Vec<usize>>,
    /// Loose keys of the words as written (and without generic words).
    variants: Vec<LVariant>,
    /// Strict keys, with "generic words were removed".
    strict: Vec<(Key, bool)>,
    /// Loose keys with the last word first (Shinzo Abe for 아베 신조).
    rotated: OnceLock<Vec<LVariant>>,
    /// Name-shaped readings (two or three words).
    persons: OnceLock<Vec<LPerson>>,
    /// Some reading had its generic words removed.
    has_generic: bool,
}

/// Letters of a non-ASCII character without its diacritics (ŏ → o, ß → ss).
fn fold_char(c: char, out: &mut Vec<u8>) {
    match c {
        'ø' | 'Ø' => out.push(b'o'),
        'æ' | 'Æ' => out.extend_from_slice(b"ae"),
        'œ' | 'Œ' => out.extend_from_slice(b"oe"),
        'ß' => out.extend_from_slice(b"ss"),
        'ł' | 'Ł' => out.push(b'l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push(b'd'),
        'þ' | 'Þ' => out.extend_from_slice(b"th"),
        'ı' => out.push(b'i'),
        'ħ' | 'Ħ' => out.push(b'h'),
        _ => unicode_normalization::char::decompose_canonical(c, |d| {
            if d.is_ascii_alphabetic() {
                out.push(d.to_ascii_lowercase() as u8);
            }
        }),
    }
}

/// Whether a character is an apostrophe or a quote that may sit inside a
/// word (P'yŏngyang, O'Brien, Putin's).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´')
}

/// Whether a character is a hyphen or a dash.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—')
}

/// The words of a Latin string: lower-case letters, hyphens as chunk cuts.
#[derive(Clone, Debug, Default)]
struct Words {
    /// All letters, word after word.
    buf: Vec<u8>,
    /// All cuts, relative to their word's start.
    cuts: Vec<usize>,
    /// Per word: letters `buf[a..b]`, cuts `cuts[c..d]`.
    spans: Vec<[usize; 4]>,
}

impl Words {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, k: usize) -> key::LWord<'_> {
        let [a, b, c, d] = self.spans[k];
        key::LWord { letters: &self.buf[a..b], cuts: &self.cuts[c..d] }
    }

    /// The letters of word `k` as a string slice.
    fn text(&self, k: usize) -> &str {
        let [a, b, ..] = self.spans[k];
        std::str::from_utf8(&self.buf[a..b]).unwrap_or("")
    }

    /// Drops the first `n` words.
    fn drop_first(&mut self, n: usize) {
        self.spans.drain(..n);
    }
}

/// Cuts a Latin string into words of lower-case letters (hyphens become
/// chunk cuts), without possessive 's, with St. Mt. Ft. spelt out.
fn latin_words(s: &str) -> Words {
    let mut w =
        Words { buf: Vec::with_capacity(s.len()), cuts: Vec::new(), spans: Vec::with_capacity(4) };
    // Start of the current word in `buf` and in `cuts`.
    let (mut start, mut cut_start) = (0, 0);
    let finish = |w: &mut Words, start: &mut usize, cut_start: &mut usize| {
        let len = w.buf.len() - *start;
        while w.cuts.len() > *cut_start && w.cuts.last().is_some_and(|&c| c >= len) {
            w.cuts.pop();
        }
        if len > 0 {
            w.spans.push([*start, w.buf.len(), *cut_start, w.cuts.len()]);
        } else {
            w.cuts.truncate(*cut_start);
        }
        *start = w.buf.len();
        *cut_start = w.cuts.len();
    };
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let len = w.buf.len() - start;
        if c.is_ascii_alphabetic() {
            w.buf.push(c.to_ascii_lowercase() as u8);
        } else if is_apostrophe(c) {
            // Possessive 's: leave out the s too.
            let mut ahead = chars.clone();
            let s_next = ahead.next().is_some_and(|d| d == 's' || d == 'S');
            let after = ahead.next().is_none_or(|d| !d.is_alphanumeric());
            if s_next && after && len > 0 {
                chars.next();
            }
        } else if is_hyphen(c) {
            if len > 0 && w.cuts.last().filter(|_| w.cuts.len() > cut_start) != Some(&len) {
                w.cuts.push(len);
            }
        } else if c == '.' {
            let expanded: &[u8] = match &w.buf[start..] {
                b"st" => b"saint",
                b"mt" => b"mount",
                b"ft" => b"fort",
                _ => b"",
            };
            if !expanded.is_empty() {
                w.buf.truncate(start);
                w.buf.extend_from_slice(expanded);
            }
            finish(&mut w, &mut start, &mut cut_start);
        } else if c.is_alphabetic() && !c.is_ascii() {
            fold_char(c, &mut w.buf);
        } else if !unicode_normalization::char::is_combining_mark(c) {
            finish(&mut w, &mut start, &mut cut_start);
        }
    }
    finish(&mut w, &mut start, &mut cut_start);
    w
}

/// The tokens of each word of a Latin string, back to back.
#[derive(Clone, Debug, Default)]
struct WordToks {
    toks: Vec<Tok>,
    /// Where each word's tokens end.
    ends: Vec<usize>,
}

impl WordToks {
    fn new(words: &Words, korean: bool) -> WordToks {
        let mut w = WordToks {
            toks: Vec::with_capacity(words.buf.len() + 2 * words.len()),
            ends: Vec::with_capacity(words.len()),
        };
        for k in 0..words.len() {
            key::latin_word(words.get(k), korean, &mut w.toks);
            w.ends.push(w.toks.len());
        }
        w
    }

    /// The tokens of word `k`.
    fn word(&self, k: usize) -> &[Tok] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.toks[start..self.ends[k]]
    }
}

/// Joins the keys of some words (by index), marking each word's first token
/// as a boundary, and merges repeated sounds.
fn join_keys(idx: &[usize], toks: &WordToks, korean: bool) -> Key {
    let mut out = Vec::with_capacity(idx.iter().map(|&k| toks.word(k).len()).sum());
    for &k in idx {
        let start = out.len();
        out.extend_from_slice(toks.word(k));
        if let Some(t) = out.get_mut(start) {
            t.bnd |= key::BEFORE;
        }
    }
    key::collapse(&mut out, !korean, false);
    Key::latin(out, if korean { Model::Strict } else { Model::Loose })
}

impl LatinName {
    /// Prepares a Latin string: its words, without titles before the name
    /// (President, Chairman …), and its keys.
    pub fn new(latin: &str) -> LatinName {
        let l = lists();
        let mut words = latin_words(latin);
        // Titles come before a name in English (President Putin, Prime
        // Minister Kishida); a title-like word after one is a name (Noh Gen).
        let lead = (0..words.len()).take_while(|&k| l.etitles.contains(words.text(k))).count();
        words.drop_first(lead.min(words.len().saturating_sub(1)));
        let n = words.len();
        let (loose_w, strict_w) = (WordToks::new(&words, false), WordToks::new(&words, true));
        let every: Vec<usize> = (0..n).collect();
        let plain: Vec<usize> = (0..n).filter(|&k| !l.generic.contains(words.text(k))).collect();
        let has_generic = !plain.is_empty() && plain.len() < n;
        let mut variants = Vec::with_capacity(2);
        let mut strict = Vec::with_capacity(2);
        for (idx, generic) in [(&every, false), (&plain, true)] {
            if generic && !has_generic {
                continue;
            }
            let loose = join_keys(idx, &loose_w, false);
            variants.push(LVariant { loose, generic, rotated: false });
            strict.push((join_keys(idx, &strict_w, true), generic));
        }
        LatinName {
            words,
            loose_w,
            strict_w,
            plain: has_generic.then_some(plain),
            variants,
            strict,
            rotated: OnceLock::new(),
            persons: OnceLock::new(),
            has_generic,
        }
    }

    /// Loose keys with the last word moved to the front.
    fn rotated(&self) -> &[LVariant] {
        self.rotated.get_or_init(|| {
            let every: Vec<usize> = (0..self.words.len()).collect();
            let mut out = Vec::new();
            for (idx, generic) in [(Some(&every), false), (self.plain.as_ref(), true)] {
                let Some(idx) = idx.filter(|i| i.len() >= 2) else { continue };
                let mut rot = vec![idx[idx.len() - 1]];
                rot.extend_from_slice(&idx[..idx.len() - 1]);
                let loose = join_keys(&rot, &self.loose_w, false);
                out.push(LVariant { loose, generic, rotated: true });
            }
            out
        })
    }

    /// Name-shaped readings: the first or the last of two or three words as
    /// the surname.
    fn persons(&self) -> &[LPerson] {
        self.persons.get_or_init(|| {
            let n = self.words.len();
            let mut out = Vec::new();
            if !(2..=3).contains(&n) {
                return out;
            }
            let every: Vec<usize> = (0..n).collect();
            for (sur, given) in [(0, &every[1..]), (n - 1, &every[..n - 1])] {
                out.push(LPerson {
                    surname: sur,
                    sur_key: join_keys(&[sur], &self.strict_w, true),
                    given_key: join_keys(given, &self.strict_w, true),
                    given_parts: given.iter().map(|&g| self.words.get(g).cuts.len() + 1).sum(),
                    foreign: given.iter().any(|&g| {
                        self.words.get(g).letters.iter().any(|c| matches!(c, b'q' | b'x' | b'z'))
                    }),
                });
            }
            out
        })
    }

    /// The letters of word `k`.
    fn word(&self, k: usize) -> &str {
        self.words.text(k)
    }

    /// The only word and its strict key, if there is one word.
    fn single(&self) -> Option<(&str, &Key)> {
        (self.words.len() == 1).then(|| (self.words.text(0), &self.strict[0].0))
    }
}

// -------------------------------------------------------------------- scoring

/// Distance of a surname to a Latin word: 0 for a listed spelling, 1 for a
/// spelling that belongs to other surnames only, else the strict distance.
fn surname_distance(s: &Surname, word: &str, word_key: &Key) -> f32 {
    if s.spellings.iter().any(|w| w == word) {
        return 0.0;
    }
    if lists().spelling_owners.contains_key(word) {
        return 1.0;
    }
    key::score(&s.key, word_key)
}

/// Whether a Latin word is a listed spelling of some surname.
fn l_owned(word: &str) -> bool {
    lists().spelling_owners.contains_key(word)
}

/// The smaller of the strict and the loose distance (paths 3).
fn plain_distance(c: &HCand, l: &LatinName) -> f32 {
    let mut best = 1.0f32;
    for (s, generic) in &l.strict {
        if !c.short || *generic {
            best = best.min(key::score(&c.strict, s));
        }
    }
    if best > 0.0 && c.syllables >= 2 && c.loose.required() >= LOOSE_MIN_TOKENS {
        let rotated: &[LVariant] = if c.words >= 2 { l.rotated() } else { &[] };
        for v in l.variants.iter().chain(rotated) {
            if (c.short && !v.generic)
                || (v.rotated && c.words < 2)
                || v.loose.required() < LOOSE_MIN_TOKENS
            {
                continue;
            }
            best = best.min(key::score(&c.loose, &v.loose));
        }
    }
    best
}

/// Distance of one Hangul reading to the Latin side.
fn distance(c: &HCand, l: &LatinName) -> f32 {
    if c.short && !l.has_generic {
        return 1.0;
    }
    match &c.shape {
        Shape::Surname(s) => match l.single() {
            Some((word, word_key)) => surname_distance(s, word, word_key),
            None => plain_distance(c, l),
        },
        Shape::Person(splits) if !l.persons().is_empty() => {
            let persons = l.persons();
            let mut best = 1.0f32;
            let mut surname_seen = false;
            for sp in splits {
                for p in persons {
                    let sd = surname_distance(sp.surname, l.word(p.surname), &p.sur_key);
                    if sd > SURNAME_TOLERANCE {
                        continue;
                    }
                    surname_seen |= !p.foreign;
                    if p.given_parts > 1 && p.given_parts != sp.given_len {
                        continue;
                    }
                    best = best.min(key::score(&sp.given_key, &p.given_key));
                }
            }
            // When the Latin is a Korean person's name (its surname is ours,
            // or another Korean surname: 봉준호 vs Park Geun-hye), the name
            // path decides. Otherwise (Mount Paektu for 백두산, Jiang Zemin
            // for 장쩌민) the other paths may.
            let korean =
                surname_seen || persons.iter().any(|p| !p.foreign && l_owned(l.word(p.surname)));
            let penalty = if korean { NAME_PENALTY } else { 0.0 };
            best.min(plain_distance(c, l) + penalty)
        }
        _ => plain_distance(c, l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_cut() {
        let ws = latin_words("Kim Jong-un's St. Petersburg P'yŏngyang -x- a--b");
        let texts: Vec<&str> = (0..ws.len()).map(|k| ws.text(k)).collect();
        assert_eq!(texts, ["kim", "jongun", "saint", "petersburg", "pyongyang", "x", "ab"]);
        assert_eq!(ws.get(1).cuts, [4]);
        assert_eq!(ws.get(5).cuts, [0usize; 0]);
        assert_eq!(ws.get(6).cuts, [1]);
    }

    #[test]
    fn pinned_pairs() {
        for (h, l) in [
            ("우크라이나", "Ukraine"),
            ("브리즈번", "Brisbane"),
            ("현영철", "Hyon Yong-chol"),
            ("리수용", "Ri Su-yong"),
            ("강석주", "Kang Sok-ju"),
            ("최룡해", "Choe Ryong-hae"),
            ("블라디미르 푸틴", "Vladimir Putin"),
            ("라선", "Rason"),
            ("푸틴은", "Putin"),
            ("김정은 위원장은", "Kim Jong Un"),
            ("이", "Lee"),
            ("이", "Rhee"),
            ("왕십리", "Wangsimni"),
            ("한강", "Han River"),
            ("백두산", "Mount Paektu"),
        ] {
            assert!(is_match(h, l), "{h} ~ {l}: {}", similarity(h, l));
        }
        for (h, l) in [
            ("김정은", "Kim Jong-il"),
            ("김정은", "Kim Chong-in"),
            ("조", "Choe"),
            ("우크라이나", "Russia"),
        ] {
            assert!(!is_match(h, l), "{h} !~ {l}: {}", similarity(h, l));
        }
    }
}
