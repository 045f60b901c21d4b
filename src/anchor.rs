//! Anchors: evidence that a Korean and an English sentence say the same thing
//! beyond their lengths.
//!
//! For each sentence we extract features: numbers as values (`1,000`,
//! `3.5%`, `1조 2000억` = `1.2 trillion`, `two` = `2`, `10월` = `October`),
//! the Latin-script words it contains (names and acronyms such as `KEPCO`,
//! `G20`), whether it asks a question, exclaims or quotes, the glossary names
//! it holds, and the lexicon words it holds (정부 / "government", see
//! [`crate::lexicon`]). An English
//! sentence keeps only the features some Korean sentence of the same document
//! also has. Every feature is weighted by how rare it is in the document pair,
//! so a number that appears in many sentences counts for little (the hunalign
//! authors' lesson). See [`DocFeatures::overlap`] for how a bead is scored.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::glossary::{Glossary, Spotter};
use crate::lexicon::Lexicon;
use crate::normalize::fold_for_matching;
use crate::segment::SegmentedDoc;

/// What kind of evidence an anchor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKind {
    /// The same number written in digits on both sides.
    Number,
    /// The same Latin-script word (name, acronym) on both sides.
    Latin,
    /// Both sides ask a question, exclaim or quote someone.
    Punct,
    /// The same glossary entry: its Korean form on one side, one of its
    /// English spellings on the other.
    Glossary,
    /// The same lexicon entry: a Korean word on one side, one of its usual
    /// English translations on the other.
    Lexicon,
}

/// A feature shared by a Korean and an English sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Korean sentence index.
    pub ko: usize,
    /// English sentence index.
    pub en: usize,
    /// What was matched.
    pub kind: AnchorKind,
    /// The matched form (normalised number or lowercased word).
    pub text: String,
    /// Weight in (0, 1]: rarer features weigh more.
    pub weight: f64,
}

/// The features of every sentence of a document pair, as interned ids.
#[derive(Clone, Debug, Default)]
pub struct DocFeatures {
    /// Per Korean sentence: sorted, deduplicated feature ids.
    pub ko: Vec<Vec<u32>>,
    /// Per English sentence: sorted, deduplicated feature ids.
    pub en: Vec<Vec<u32>>,
    /// Per feature id: its kind, text and weight.
    pub table: Vec<(AnchorKind, String, f64)>,
    /// Per feature id: whether it occurs in both documents.
    pub on_both_sides: Vec<bool>,
}

/// How much anchor evidence a bead has for and against it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlap {
    /// Weight of features on both sides of the bead.
    pub shared: f64,
    /// Weight of features on one side of the bead only (among those that
    /// occur on both sides of the document).
    pub missing: f64,
}

impl DocFeatures {
    /// Extracts the features of both documents (no glossary).
    pub fn new(ko: &SegmentedDoc, en: &SegmentedDoc) -> DocFeatures {
        DocFeatures::with_glossary(ko, en, None)
    }

    /// Extracts the features of both documents, glossary names included.
    pub fn with_glossary(
        ko: &SegmentedDoc,
        en: &SegmentedDoc,
        glossary: Option<(&Glossary, &Spotter)>,
    ) -> DocFeatures {
        DocFeatures::with_sources(ko, en, glossary, None)
    }

    /// Extracts the features of both documents, with glossary names and
    /// lexicon words when given. A lexicon word that is also a glossary name
    /// (터키: Turkey, Turkish; see [`Lexicon::mark_names`]) is that name's
    /// feature, so that it counts once and the glossary spelling on one side
    /// meets the lexicon translation on the other.
    pub fn with_sources(
        ko: &SegmentedDoc,
        en: &SegmentedDoc,
        glossary: Option<(&Glossary, &Spotter)>,
        lexicon: Option<&Lexicon>,
    ) -> DocFeatures {
        let spotter = glossary.map(|(_, spot)| spot);
        // Features by key (see [`Keys`]): a sentence's features are looked
        // up as slices of one buffer, and only a new one is copied.
        let mut interner: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let (mut keys, mut words) = (Keys::default(), Keys::default());
        let mut table: Vec<(AnchorKind, String, f64)> = Vec::new();
        // Feature ids of lexicon entries, by entry, found without hashing a
        // string (they are most features): `u32::MAX` when not yet seen,
        // `ABSENT` for a name the Korean side lacks.
        const ABSENT: u32 = u32::MAX - 1;
        let mut lex_ids: Vec<u32> = vec![u32::MAX; lexicon.map_or(0, Lexicon::len)];
        let mut ko_feats = Vec::with_capacity(ko.len());
        for i in 0..ko.len() {
            let text = ko.normalized(i);
            sentence_features(text, ko.is_plain(i), None, &mut keys, &mut words);
            let entries = names_and_words(text, spotter, lexicon, &mut keys);
            let mut ids: Vec<u32> = Vec::with_capacity(keys.len() + entries.len());
            for k in entries {
                let slot = &mut lex_ids[k as usize];
                if *slot == u32::MAX {
                    *slot = table.len() as u32;
                    let form = lexicon.map(|l| l.ko_form(k)).unwrap_or_default();
                    table.push((AnchorKind::Lexicon, form.to_string(), 0.0));
                }
                ids.push(*slot);
            }
            for key in keys.iter() {
                let id = match interner.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = table.len() as u32;
                        let (kind, text) = Keys::split(key);
                        table.push((kind, text.to_string(), 0.0));
                        interner.insert(key.into(), id);
                        id
                    }
                };
                ids.push(id);
            }
            ids.sort_unstable();
            ids.dedup();
            ko_feats.push(ids);
        }
        // English keeps only what some Korean sentence has too.
        let ko_latin = LatinSet::new(
            table.iter().filter(|t| t.0 == AnchorKind::Latin).map(|t| t.1.clone()).collect(),
        );
        // Likewise only the glossary names the Korean side has are looked
        // for, each known by the feature id of its Korean form.
        let mut glossary_ids: Vec<u32> = vec![u32::MAX; spotter.map_or(0, Spotter::len)];
        let names = glossary.map(|(g, spot)| {
            let mut held = Vec::new();
            for (id, t) in table.iter().enumerate().filter(|(_, t)| t.0 == AnchorKind::Glossary) {
                for &k in g.ids_of_ko_key(&t.1) {
                    glossary_ids[k] = id as u32;
                    held.push(k);
                }
            }
            spot.spellings_of(held)
        });
        let mut en_feats = Vec::with_capacity(en.len());
        // One buffer for every sentence's ids, which are then copied at
        // their final size: they come from three sources, and growing a
        // new vector for each sentence cost more than the copy.
        let mut ids: Vec<u32> = Vec::new();
        let mut name_key = String::new();
        for j in 0..en.len() {
            let text = en.normalized(j);
            sentence_features(text, en.is_plain(j), Some(&ko_latin), &mut keys, &mut words);
            ids.clear();
            ids.extend(keys.iter().filter_map(|key| interner.get(key).copied()));
            if let Some(names) = &names {
                ids.extend(names.hits(text).into_iter().map(|k| glossary_ids[k]));
            }
            if let Some(lex) = lexicon {
                // Only the entries the Korean side has can be features.
                lex.for_each_en_hit(text, |k| {
                    let slot = &mut lex_ids[k as usize];
                    if *slot == u32::MAX && lex.is_name(k) {
                        // A name the Korean side may hold through the glossary.
                        name_key.clear();
                        Keys::key_of(AnchorKind::Glossary, lex.ko_form(k), &mut name_key);
                        *slot = interner.get(name_key.as_str()).copied().unwrap_or(ABSENT);
                    }
                    if *slot < ABSENT {
                        ids.push(*slot);
                    }
                });
            }
            ids.sort_unstable();
            ids.dedup();
            en_feats.push(ids.to_vec());
        }
        // Weight: 1 / (number of sentences, over both sides, that hold it - 1),
        // so a feature in exactly one sentence of each side weighs 1.
        let mut count = vec![0usize; table.len()];
        for ids in ko_feats.iter().chain(en_feats.iter()) {
            for &id in ids {
                count[id as usize] += 1;
            }
        }
        for (entry, &c) in table.iter_mut().zip(&count) {
            let base = match entry.0 {
                AnchorKind::Number if entry.1.len() == 1 => 0.5,
                // A name is strong evidence, but the lexicon already knows
                // many (countries, capitals): a glossary name is a rarer,
                // surer lexicon word, not a trump card.
                AnchorKind::Glossary => 0.75,
                // One word of a sentence is weaker evidence than a name or
                // a number, and sentences share many words.
                AnchorKind::Lexicon => 0.5,
                _ => 1.0,
            };
            entry.2 = base * 2.0 / c.max(2) as f64;
        }
        let mut on_both_sides = vec![false; table.len()];
        for ids in &en_feats {
            for &id in ids {
                on_both_sides[id as usize] = true;
            }
        }
        DocFeatures { ko: ko_feats, en: en_feats, table, on_both_sides }
    }

    /// The summed weight of features shared by Korean sentences `ko` and
    /// English sentences `en` (each feature counted once).
    pub fn shared_weight(&self, ko: std::ops::Range<usize>, en: std::ops::Range<usize>) -> f64 {
        self.overlap(ko, en).shared
    }

    /// Shared and one-sided feature weight of a bead. Only features that occur
    /// on both sides somewhere in the document count as missing: a Korean
    /// number the English edition never writes in digits proves nothing.
    pub fn overlap(&self, ko: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Overlap {
        let mut o = Overlap::default();
        if ko.is_empty() || en.is_empty() {
            return o;
        }
        let (ko_lists, en_lists) = (&self.ko[ko], &self.en[en]);
        if ko_lists.iter().all(Vec::is_empty) && en_lists.iter().all(Vec::is_empty) {
            return o;
        }
        // One sentence a side (most beads): the lists are sorted and unique already.
        let (ko_ids, en_ids) = (merged(ko_lists), merged(en_lists));
        let (mut a, mut b) = (0, 0);
        while a < ko_ids.len() || b < en_ids.len() {
            let (x, y) = (ko_ids.get(a).copied(), en_ids.get(b).copied());
            match (x, y) {
                (Some(x), Some(y)) if x == y => {
                    o.shared += self.table[x as usize].2;
                    a += 1;
                    b += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    o.missing += self.one_sided(x);
                    a += 1;
                }
                (Some(x), None) => {
                    o.missing += self.one_sided(x);
                    a += 1;
                }
                (_, Some(y)) => {
                    o.missing += self.one_sided(y);
                    b += 1;
                }
                (None, None) => break,
            }
        }
        o
    }

    /// The share of Korean sentence `i`'s features that English sentences
    /// `en` have too (1 when it has none).
    pub fn ko_coverage(&self, i: usize, en: std::ops::Range<usize>) -> f64 {
        coverage(&self.ko[i], &self.en[en])
    }

    /// The share of English sentence `j`'s features that Korean sentences
    /// `ko` have too (1 when it has none).
    pub fn en_coverage(&self, j: usize, ko: std::ops::Range<usize>) -> f64 {
        coverage(&self.en[j], &self.ko[ko])
    }

    /// The features of a bead that one side has and the other lacks, among
    /// those on both sides of the document (the ones [`DocFeatures::overlap`]
    /// counts as missing), each with the side that has it.
    pub fn one_sided_features(
        &self,
        ko: std::ops::Range<usize>,
        en: std::ops::Range<usize>,
    ) -> Vec<(crate::document::Lang, AnchorKind, &str)> {
        use crate::document::Lang;
        if ko.is_empty() || en.is_empty() {
            return Vec::new();
        }
        let (k, e) = (merged(&self.ko[ko]), merged(&self.en[en]));
        let mut out = Vec::new();
        for (mine, other, side) in [(&k, &e, Lang::Ko), (&e, &k, Lang::En)] {
            for &id in mine.iter().filter(|id| other.binary_search(id).is_err()) {
                if self.one_sided(id) > 0.0 {
                    let (kind, text, _) = &self.table[id as usize];
                    out.push((side, *kind, text.as_str()));
                }
            }
        }
        out
    }

    fn one_sided(&self, id: u32) -> f64 {
        if self.on_both_sides[id as usize] {
            self.table[id as usize].2
        } else {
            0.0
        }
    }

    /// The anchors between the sentences of one bead, for display and export,
    /// by kind (numbers, Latin words, punctuation, names, lexicon words),
    /// heaviest first within a kind.
    pub fn anchors(&self, ko: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Vec<Anchor> {
        let mut out = Vec::new();
        for i in ko {
            for &id in &self.ko[i] {
                for j in en.clone() {
                    if self.en[j].binary_search(&id).is_ok() {
                        let (kind, text, weight) = &self.table[id as usize];
                        out.push(Anchor {
                            ko: i,
                            en: j,
                            kind: *kind,
                            text: text.clone(),
                            weight: *weight,
                        });
                    }
                }
            }
        }
        // Names and numbers first, then the heavier words.
        out.sort_by(|x, y| x.kind.cmp(&y.kind).then(y.weight.total_cmp(&x.weight)));
        out
    }
}

/// Per-bead feature sums for the aligner: for every run of up to `width`
/// consecutive sentences of each side, the union of its features (those
/// both documents have: no other can be shared or missed) and the summed
/// weight they cost when the other side lacks them. The dynamic program asks
/// for the overlap of millions of beads; with this table each question is
/// an AND of two short bit sets (or, when a document has too many features
/// for that, one walk over two short sorted lists).
#[derive(Clone, Debug)]
pub struct SpanFeatures {
    ko: Spans,
    en: Spans,
    /// Per dense feature id: its weight when shared and twice its cost when
    /// only one side of a bead has it, what a shared feature takes to a
    /// bead's [`Overlap`] (one lookup, not two).
    shared_terms: Vec<[f64; 2]>,
    /// Words of 64 bits per run in `Spans::bits` (0: lists only).
    words: usize,
}

/// The most 64-bit words a run's bit set may take (512 features); a
/// document with more features uses the sorted lists.
const MAX_BIT_WORDS: usize = 8;

#[derive(Clone, Debug, Default)]
struct Spans {
    width: usize,
    /// `ids[start[k]..start[k + 1]]` is run `k = i * width + (a - 1)`, as
    /// sorted dense ids (when there are no bit sets).
    start: Vec<u32>,
    ids: Vec<u32>,
    /// Run `k`'s ids as a bit set: `bits[k * words..(k + 1) * words]`.
    bits: Vec<u64>,
    /// Per run: summed one-sided cost of its ids.
    missing: Vec<f64>,
    /// Per run: summed shared weight of its ids (the most a bead with it can share).
    weight: Vec<f64>,
}

impl Spans {
    fn new(lists: &[Vec<u32>], width: usize, words: usize, cost: &[f64], weight: &[f64]) -> Spans {
        let width = width.max(1);
        let mut s = Spans { width, start: vec![0], ..Spans::default() };
        let runs = lists.len() * width;
        s.missing.reserve(runs);
        s.weight.reserve(runs);
        if words > 0 {
            // Each run is the previous one (one sentence shorter) OR its
            // last sentence, and its sums the previous run's plus those of
            // the ids that sentence adds.
            s.bits = vec![0; runs * words];
            for i in 0..lists.len() {
                let (mut m, mut w) = (0.0, 0.0);
                for a in 1..=width {
                    let k = i * width + a - 1;
                    match lists.get(i + a - 1) {
                        Some(l) => {
                            if a > 1 {
                                s.bits.copy_within((k - 1) * words..k * words, k * words);
                            }
                            let run = &mut s.bits[k * words..(k + 1) * words];
                            for &id in l {
                                let (word, bit) = (id as usize / 64, 1 << (id % 64));
                                if run[word] & bit == 0 {
                                    run[word] |= bit;
                                    m += cost[id as usize];
                                    w += weight[id as usize];
                                }
                            }
                        }
                        // Past the last sentence: an empty run.
                        None => (m, w) = (0.0, 0.0),
                    }
                    s.missing.push(m);
                    s.weight.push(w);
                }
            }
            return s;
        }
        let mut buf: Vec<u32> = Vec::new();
        for i in 0..lists.len() {
            buf.clear();
            for a in 1..=width {
                if let Some(l) = lists.get(i + a - 1) {
                    buf.extend_from_slice(l);
                    if a > 1 && !l.is_empty() {
                        buf.sort_unstable();
                        buf.dedup();
                    }
                    s.missing.push(buf.iter().map(|&id| cost[id as usize]).sum());
                    s.weight.push(buf.iter().map(|&id| weight[id as usize]).sum());
                    s.ids.extend_from_slice(&buf);
                } else {
                    s.missing.push(0.0);
                    s.weight.push(0.0);
                }
                s.start.push(s.ids.len() as u32);
            }
        }
        s
    }

    fn index(&self, i: usize, a: usize) -> usize {
        i * self.width + a - 1
    }

    fn run(&self, k: usize) -> &[u32] {
        &self.ids[self.start[k] as usize..self.start[k + 1] as usize]
    }
}

impl SpanFeatures {
    /// Tables for beads of up to `ko_width` Korean and `en_width` English
    /// sentences.
    pub fn new(f: &DocFeatures, ko_width: usize, en_width: usize) -> SpanFeatures {
        // Only a feature of both documents can be shared or missed: the
        // others (many Korean lexicon words) weigh nothing in a bead. Those
        // are numbered 0.. in table order, so sorted lists stay sorted.
        let mut dense = vec![u32::MAX; f.table.len()];
        let (mut weight, mut missing) = (Vec::new(), Vec::new());
        for (id, d) in dense.iter_mut().enumerate() {
            if f.on_both_sides[id] {
                *d = weight.len() as u32;
                weight.push(f.table[id].2);
                missing.push(f.one_sided(id as u32));
            }
        }
        let both = |lists: &[Vec<u32>]| -> Vec<Vec<u32>> {
            lists
                .iter()
                .map(|l| {
                    l.iter().map(|&id| dense[id as usize]).filter(|&d| d != u32::MAX).collect()
                })
                .collect()
        };
        let words = weight.len().div_ceil(64);
        let words = if words <= MAX_BIT_WORDS { words } else { 0 };
        SpanFeatures {
            ko: Spans::new(&both(&f.ko), ko_width, words, &missing, &weight),
            en: Spans::new(&both(&f.en), en_width, words, &missing, &weight),
            // Doubling is exact: the same sums as `2.0 * missing` each time.
            shared_terms: weight.iter().zip(&missing).map(|(&w, &m)| [w, 2.0 * m]).collect(),
            words,
        }
    }

    /// The summed weight of the features of Korean sentences `i..i + a`:
    /// the most a bead with them can share (a bound, for pruning).
    #[inline]
    pub fn ko_weight(&self, i: usize, a: usize) -> f64 {
        self.ko.weight[self.ko.index(i, a)]
    }

    /// [`SpanFeatures::ko_weight`] for English sentences `j..j + b`.
    #[inline]
    pub fn en_weight(&self, j: usize, b: usize) -> f64 {
        self.en.weight[self.en.index(j, b)]
    }

    /// [`DocFeatures::overlap`] of Korean sentences `i..i + a` and English
    /// sentences `j..j + b` (`1 <= a <= ko_width`, `1 <= b <= en_width`).
    #[inline]
    pub fn overlap(&self, i: usize, a: usize, j: usize, b: usize) -> Overlap {
        let (k, e) = (self.ko.index(i, a), self.en.index(j, b));
        let mut o = Overlap { shared: 0.0, missing: self.ko.missing[k] + self.en.missing[e] };
        let mut add = |id: usize| {
            let [weight, twice_missing] = self.shared_terms[id];
            o.shared += weight;
            // Counted in both runs' sums, but it is shared.
            o.missing -= twice_missing;
        };
        let w = self.words;
        if w > 0 {
            let (kb, eb) = (&self.ko.bits[k * w..(k + 1) * w], &self.en.bits[e * w..(e + 1) * w]);
            for (word, (x, y)) in kb.iter().zip(eb).enumerate() {
                let mut both = x & y;
                while both != 0 {
                    add(word * 64 + both.trailing_zeros() as usize);
                    both &= both - 1;
                }
            }
            return o;
        }
        let (k, e) = (self.ko.run(k), self.en.run(e));
        let (mut x, mut y) = (0, 0);
        while x < k.len() && y < e.len() {
            match k[x].cmp(&e[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    add(k[x] as usize);
                    x += 1;
                    y += 1;
                }
            }
        }
        o
    }
}

/// The glossary names and lexicon words of one Korean sentence: names, and
/// lexicon words that are glossary names, are pushed to `feats`; the other
/// lexicon entries are returned.
fn names_and_words(
    text: &str,
    spotter: Option<&Spotter>,
    lexicon: Option<&Lexicon>,
    feats: &mut Keys,
) -> Vec<u32> {
    if let Some(spot) = spotter {
        for k in spot.ko_hits(text) {
            feats.push(AnchorKind::Glossary, spot.key(k));
        }
    }
    let Some(lex) = lexicon else { return Vec::new() };
    let mut words = lex.ko_hits(text);
    words.retain(|&k| {
        let name = lex.is_name(k);
        if name {
            feats.push(AnchorKind::Glossary, lex.ko_form(k));
        }
        !name
    });
    words
}

/// The union of sorted id lists, borrowed when there is only one.
fn merged(lists: &[Vec<u32>]) -> std::borrow::Cow<'_, [u32]> {
    if lists.len() == 1 {
        return std::borrow::Cow::Borrowed(lists[0].as_slice());
    }
    let mut v: Vec<u32> = lists.iter().flatten().copied().collect();
    v.sort_unstable();
    v.dedup();
    std::borrow::Cow::Owned(v)
}

fn coverage(ids: &[u32], others: &[Vec<u32>]) -> f64 {
    if ids.is_empty() {
        return 1.0;
    }
    let hit = ids.iter().filter(|id| others.iter().any(|o| o.binary_search(id).is_ok())).count();
    hit as f64 / ids.len() as f64
}

/// The features of one sentence (either language), before interning, in
/// `out` (cleared first): numbers, then Latin words, then punctuation.
/// `plain`: `text` is known to be plain characters only (see
/// [`SegmentedDoc::is_plain`]), so NFKC already. `latin`: when given, only
/// Latin words in this set are kept (an English sentence needs only the
/// words some Korean sentence has). `words` is scratch space.
fn sentence_features(
    text: &str,
    plain: bool,
    latin: Option<&LatinSet>,
    out: &mut Keys,
    words: &mut Keys,
) {
    // Plain text (most sentences) is NFKC already.
    let text = if plain { std::borrow::Cow::Borrowed(text) } else { fold_for_matching(text) };
    out.clear();
    words.clear();
    // Numbers in digits first, then number words, Latin words and
    // punctuation, as [`numbers`], [`latin_words`] and [`punctuation`] give
    // them; number words and Latin words come from one pass over the words.
    digit_numbers(&text, out);
    for_each_word_region(&text, |region, plain| {
        word_numbers(region, out);
        match latin {
            None => latin_parts(region, plain, &mut |part: &str| push_latin_word(part, words)),
            Some(set) if set.words.is_empty() => {}
            Some(set) => latin_parts(region, plain, &mut |part: &str| {
                if !set.may_hold(part) {
                    return;
                }
                words.push_lowercase(AnchorKind::Latin, part);
                if !set.words.contains(Keys::split(words.last()).1) {
                    words.pop();
                }
            }),
        }
    });
    out.append(words);
    for p in punctuation(&text) {
        out.push(AnchorKind::Punct, p);
    }
}

/// Features before interning, each a key: a tag byte for its kind followed
/// by its text, all in one buffer. Keys are compared and hashed as strings,
/// so that a sentence's features cost no allocation of their own.
#[derive(Default)]
struct Keys {
    buf: String,
    /// Where each key ends in `buf` (each starts where the one before ends).
    ends: Vec<usize>,
}

impl Keys {
    /// The tag byte of each kind.
    const TAGS: [(AnchorKind, u8); 5] = [
        (AnchorKind::Number, b'N'),
        (AnchorKind::Latin, b'L'),
        (AnchorKind::Punct, b'P'),
        (AnchorKind::Glossary, b'G'),
        (AnchorKind::Lexicon, b'X'),
    ];

    fn tag(kind: AnchorKind) -> char {
        Keys::TAGS.iter().find(|t| t.0 == kind).map_or('?', |t| char::from(t.1))
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Adds a key of `kind` whose text `write` appends to the buffer.
    fn push_with(&mut self, kind: AnchorKind, write: impl FnOnce(&mut String)) {
        self.buf.push(Keys::tag(kind));
        write(&mut self.buf);
        self.ends.push(self.buf.len());
    }

    /// Adds a key of `kind` and `text`.
    fn push(&mut self, kind: AnchorKind, text: &str) {
        self.push_with(kind, |b| b.push_str(text));
    }

    /// Adds a key of `kind` and `text` in lowercase (ASCII).
    fn push_lowercase(&mut self, kind: AnchorKind, text: &str) {
        self.push_with(kind, |b| {
            let start = b.len();
            b.push_str(text);
            b[start..].make_ascii_lowercase();
        });
    }

    /// Writes the key of `kind` and `text` to `out`.
    fn key_of(kind: AnchorKind, text: &str, out: &mut String) {
        out.push(Keys::tag(kind));
        out.push_str(text);
    }

    /// The kind and text of a key.
    fn split(key: &str) -> (AnchorKind, &str) {
        let tag = key.as_bytes()[0];
        let kind = Keys::TAGS.iter().find(|t| t.1 == tag).map(|t| t.0);
        (kind.expect("a key starts with its tag"), &key[1..])
    }

    /// The keys, in order.
    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.buf[a..b])
    }

    /// The texts of the keys, in order.
    fn texts(&self) -> Vec<String> {
        self.iter().map(|k| Keys::split(k).1.to_string()).collect()
    }

    /// The last key (there must be one).
    fn last(&self) -> &str {
        let start = self.ends.len().checked_sub(2).map_or(0, |k| self.ends[k]);
        &self.buf[start..]
    }

    /// Removes the last key.
    fn pop(&mut self) {
        self.ends.pop();
        self.buf.truncate(self.ends.last().copied().unwrap_or(0));
    }

    /// Appends the keys of `other`.
    fn append(&mut self, other: &Keys) {
        let base = self.buf.len();
        self.buf.push_str(&other.buf);
        self.ends.extend(other.ends.iter().map(|e| e + base));
    }
}

/// The Latin words of a Korean document (lowercase), which are the only ones
/// its English side needs, with a one-word summary of them that rules out
/// most other words before they are lowercased and hashed.
#[derive(Default)]
struct LatinSet {
    words: FxHashSet<String>,
    /// Bit [`LatinSet::bit`] of every word.
    bloom: u64,
}

impl LatinSet {
    fn new(words: FxHashSet<String>) -> LatinSet {
        let bloom = words.iter().fold(0, |acc, w| acc | LatinSet::bit(w));
        LatinSet { words, bloom }
    }

    /// One of 64 bits, from a word's length and first and last letters
    /// (case ignored).
    fn bit(w: &str) -> u64 {
        let b = w.as_bytes();
        let (first, last) = (b[0].to_ascii_lowercase(), b[b.len() - 1].to_ascii_lowercase());
        let h = (b.len() as u64).wrapping_mul(31) ^ (first as u64).wrapping_mul(7) ^ last as u64;
        1 << (h % 64)
    }

    /// False when `w` (non-empty) is surely not in the set.
    fn may_hold(&self, w: &str) -> bool {
        self.bloom & LatinSet::bit(w) != 0
    }
}

/// Punctuation that survives translation: a question, an exclamation, a
/// quotation (double quotes of any style).
pub fn punctuation(text: &str) -> Vec<&'static str> {
    let (mut question, mut exclaim, mut quote) = (false, false, false);
    let b = text.as_bytes();
    for i in memchr::memchr3_iter(b'?', b'!', b'"', b) {
        match b[i] {
            b'?' => question = true,
            b'!' => exclaim = true,
            _ => quote = true,
        }
    }
    // Lead bytes of the full-width marks and the other quotes.
    for i in memchr::memchr3_iter(0xe2, 0xe3, 0xef, b) {
        match text[i..].chars().next() {
            Some('？') => question = true,
            Some('！') => exclaim = true,
            Some('“' | '”' | '「' | '」' | '『' | '』') => quote = true,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (has, p) in [(question, "?"), (exclaim, "!"), (quote, "\"")] {
        if has {
            out.push(p);
        }
    }
    out
}

/// Numbers, as normalised values: digits with thousands separators removed,
/// leading zeros dropped and a decimal part kept (`1,000` → `1000`, `3.50` →
/// `3.5`), scaled by a following magnitude word (Korean `만 억 조 천 백 십`,
/// also compounded as in `1조 2000억`; English `thousand million billion
/// trillion`), so `1조 2000억` and `1.2 trillion` are both `1200000000000`.
/// English number words up to ninety count too (`two` → `2`), and months are
/// `month N` in both languages (`10월`, `Oct.`, `October`).
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Keys::default();
    digit_numbers(text, &mut out);
    for_each_word_region(text, |region, _| word_numbers(region, &mut out));
    out.texts()
}

/// Adds the numbers of `text` written with digits (see [`numbers`]) to
/// `out`, in order.
fn digit_numbers(text: &str, out: &mut Keys) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i = next_digit(b, i + 1);
            continue;
        }
        let start = i;
        // Digits glued to Latin letters are part of a word (A380, G20).
        if start > 0 && b[start - 1].is_ascii_alphabetic() {
            i = parse_digits(b, i).1;
            continue;
        }
        if let Some((value, end)) = korean_amount(text, start) {
            out.push_with(AnchorKind::Number, |b| push_value(value, b));
            i = end;
            continue;
        }
        let (value, end) = parse_digits(b, start);
        i = end;
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| {
            text[end..].starts_with(s)
                && !text.as_bytes().get(end + 2).is_some_and(u8::is_ascii_alphabetic)
        });
        if b.get(end).is_some_and(u8::is_ascii_alphabetic)
            && english_scale(&text[end..]) == 1.0
            && !ordinal
        {
            continue;
        }
        let rest = &text[end..];
        if rest.starts_with('월') {
            out.push_with(AnchorKind::Number, |b| {
                b.push_str("month ");
                push_value(value, b);
            });
        }
        out.push_with(AnchorKind::Number, |b| push_value(value * english_scale(rest), b));
    }
}

/// Pushes the values of the number words and months among the runs of ASCII
/// letters of `region` (see [`numbers`]).
fn word_numbers(region: &str, out: &mut Keys) {
    /// The letters a number word (any case) or a month (capitalised)
    /// starts with: zero to ninety, January to December.
    static FIRST: crate::segment::AsciiSet = crate::segment::ascii_bytes(b"zotfsenZOTFSENJMAD");
    let mut word_number = |word: &str| {
        // Most words are neither: ruled out by length and first letter.
        if word.len() < 3 || !FIRST[usize::from(word.as_bytes()[0])] {
            return;
        }
        if let Some(n) = number_word(word) {
            out.push(AnchorKind::Number, itoa::Buffer::new().format(n));
        } else if let Some(m) = month(word) {
            out.push_with(AnchorKind::Number, |b| {
                b.push_str("month ");
                b.push_str(itoa::Buffer::new().format(m));
            });
        }
    };
    // Most regions are one word of letters: no need to look for runs.
    if region.bytes().all(|b| b.is_ascii_alphabetic()) {
        return word_number(region);
    }
    crate::segment::ascii_runs(region, &crate::segment::ASCII_LETTERS).for_each(word_number);
}

/// The first position from `i` on that holds an ASCII digit (or the end),
/// found eight bytes at a time.
fn next_digit(b: &[u8], mut i: usize) -> usize {
    use crate::segment::ONES;
    while let Some(x) = crate::segment::eight_bytes(b, i) {
        // Bytes of 0x80 and above are never digits; for the others, adding
        // 0x7f - 0x39 sets the high bit above '9' and adding 0x80 - 0x30
        // sets it from '0' on: a digit sets the second and not the first.
        let low = x & (ONES * 0x7f);
        let above_nine = low + ONES * (0x7f - 0x39);
        let from_zero = low + ONES * (0x80 - 0x30);
        if from_zero & !above_nine & !x & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// A Korean amount written with magnitude syllables starting at `start`
/// (`3만`, `2천500만`, `1조 2000억`, `8500억`): its value and end offset, or
/// `None` when the digits there carry no magnitude.
fn korean_amount(text: &str, start: usize) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let (mut total, mut group) = (0.0, 0.0);
    let mut last_big = f64::INFINITY;
    let mut any_unit = false;
    let mut i = start;
    loop {
        let (mut term, mut j) = parse_digits(b, i);
        let mut had_unit = false;
        while let Some(c) = text[j..].chars().next() {
            let f = match c {
                '십' => 10.0,
                '백' => 100.0,
                '천' => 1000.0,
                _ => break,
            };
            term *= f;
            j += c.len_utf8();
            had_unit = true;
        }
        group += term;
        if let Some(c) = text[j..].chars().next() {
            let f = match c {
                '만' => 1e4,
                '억' => 1e8,
                '조' => 1e12,
                _ => 0.0,
            };
            if f > 0.0 && f < last_big {
                total += group * f;
                group = 0.0;
                last_big = f;
                j += c.len_utf8();
                had_unit = true;
            }
        }
        any_unit |= had_unit;
        i = j;
        // Go on only after a magnitude, to digits right there or after one space.
        let next = if b.get(i) == Some(&b' ') { i + 1 } else { i };
        if !had_unit || !b.get(next).is_some_and(u8::is_ascii_digit) {
            break;
        }
        i = next;
    }
    any_unit.then_some((total + group, i))
}

/// Parses `1,234.50` at `i`: the value and the end offset.
fn parse_digits(b: &[u8], mut i: usize) -> (f64, usize) {
    // Plain integers (nearly all) are summed as they are read.
    let start = i;
    let mut value: u64 = 0;
    while i < b.len() && b[i].is_ascii_digit() && i - start < 15 {
        value = value * 10 + u64::from(b[i] - b'0');
        i += 1;
    }
    let next = b.get(i).copied();
    if !next.is_some_and(|c| c.is_ascii_digit() || c == b',' || c == b'.') {
        return (value as f64, i);
    }
    i = start;
    let mut digits = String::new();
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        } else if b[i] == b','
            && b.get(i + 1..i + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 1; // thousands separator
        } else {
            break;
        }
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        digits.push('.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        }
    }
    (digits.parse().unwrap_or(0.0), i)
}

/// An English magnitude word after a number (`2.5 million`).
fn english_scale(rest: &str) -> f64 {
    let rest = rest.trim_start_matches([' ', '-']);
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &rest[..len];
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    if is("thousand") {
        1e3
    } else if is("million") || is("mn") {
        1e6
    } else if is("billion") || is("bn") {
        1e9
    } else if is("trillion") {
        1e12
    } else {
        1.0
    }
}

/// Appends a value to `out` canonically: integers without a decimal point,
/// others with up to six decimals and no trailing zeros.
fn push_value(v: f64, out: &mut String) {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        // itoa: a tenth of the instructions of `format!` here.
        out.push_str(itoa::Buffer::new().format(v as i64));
    } else {
        let s = format!("{v:.6}");
        out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
    }
}

/// English number words (`two` → 2, up to ninety), in any case.
fn number_word(w: &str) -> Option<u32> {
    let b = w.as_bytes();
    if !(3..=9).contains(&b.len()) {
        return None;
    }
    let mut lower = [0u8; 9];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    Some(match &lower[..b.len()] {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// English month names and abbreviations, capitalised (`Oct`, `October`).
fn month(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // Every month starts with one of these letters.
    if !matches!(w.as_bytes().first(), Some(b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'))
        || w.len() < 3
    {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(w) && (w.len() == 3 || w == "Sept")))
        .map(|k| k as u32 + 1)
}

/// Latin-script words of two or more characters, lowercased (`G20`, `KEPCO`,
/// `Tom`); possessive `'s` removed.
pub fn latin_words(text: &str) -> Vec<String> {
    let mut out = Keys::default();
    for_each_latin_word(text, |part| push_latin_word(part, &mut out));
    out.texts()
}

/// Pushes a Latin word, lowercased, unless it is a function word.
fn push_latin_word(part: &str, out: &mut Keys) {
    if !crate::langid::is_function_word(part) {
        out.push_lowercase(AnchorKind::Latin, part);
    }
}

/// Calls `f` with each Latin word of `text`, as written (see [`latin_words`]),
/// function words included.
fn for_each_latin_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_word_region(text, |region, plain| latin_parts(region, plain, &mut f));
}

/// Calls `f` with each maximal run of word characters of `text` (ASCII
/// letters and digits, apostrophes ' and ’, hyphens), and whether it holds
/// letters and digits only. Every run of ASCII letters lies inside one.
fn for_each_word_region(text: &str, mut f: impl FnMut(&str, bool)) {
    /// ASCII letters, digits, `'` and `-`.
    static WORD: crate::segment::AsciiSet = crate::segment::ascii_set(&[
        (b'A', b'Z'),
        (b'a', b'z'),
        (b'0', b'9'),
        (b'\'', b'\''),
        (b'-', b'-'),
    ]);
    // Found byte by byte: most of a Korean text is none of them.
    let b = text.as_bytes();
    // ’ (E2 80 99) is a word character too.
    let apostrophe = |i: usize| b.get(i + 1..i + 3) == Some(&[0x80, 0x99]);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if !(WORD[usize::from(x)] || x == 0xe2 && apostrophe(i)) {
            // A character beyond ASCII other than ’ is skipped whole.
            i += crate::segment::skip_width(x);
            continue;
        }
        let start = i;
        // Plain words (letters and digits only, most of them) need no trimming.
        let mut plain = true;
        while i < b.len() {
            let x = b[i];
            if WORD[usize::from(x)] {
                plain &= x.is_ascii_alphanumeric();
                i += 1;
            } else if x == 0xe2 && apostrophe(i) {
                plain = false;
                i += 3;
            } else {
                break;
            }
        }
        // `start..i` begins and ends at ASCII bytes or whole ’ characters.
        f(&text[start..i], plain);
    }
}

/// Calls `f` with the Latin words of a run of word characters: trimmed to
/// letters and digits, possessive 's removed, split at hyphens, of two
/// characters or more and starting with a letter.
fn latin_parts(region: &str, plain: bool, f: &mut impl FnMut(&str)) {
    let mut emit = |part: &str| {
        if part.len() >= 2 && part.as_bytes()[0].is_ascii_alphabetic() {
            f(part);
        }
    };
    if plain {
        return emit(region);
    }
    let w = region.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
    w.split('-').for_each(emit);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Word regions are the maximal runs of ASCII letters and digits,
        /// `'`, `-` and `’`, found char by char.
        #[test]
        fn word_regions_are_runs_of_word_characters(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "7", "'", "-", "’", "‘", "—", " ", ".", "가", "é", "😀", "\u{2099}",
            ]), 0..30),
        ) {
            let text: String = parts.concat();
            let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '’');
            let want: Vec<(String, bool)> = text
                .split(|c: char| !word(c))
                .filter(|r| !r.is_empty())
                .map(|r| (r.to_string(), r.bytes().all(|b| b.is_ascii_alphanumeric())))
                .collect();
            let mut got = Vec::new();
            for_each_word_region(&text, |r, plain| got.push((r.to_string(), plain)));
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Random features for `n` Korean and `m` English sentences, drawn from
    /// `pool` ids, with random weights and sides.
    fn random_features(
        pool: u32,
        per_sentence: std::ops::Range<usize>,
        n: usize,
        m: usize,
    ) -> impl proptest::strategy::Strategy<Value = DocFeatures> {
        use proptest::collection::{btree_set, vec};
        use proptest::strategy::Strategy;
        let lists = move |k| vec(btree_set(0..pool, per_sentence.clone()), k);
        let weights = vec(0.05f64..2.0, pool as usize);
        (lists(n), lists(m), weights).prop_map(move |(ko, en, weights)| {
            // As in a document's features: on both sides when some
            // sentence of each holds it.
            let held = |lists: &[std::collections::BTreeSet<u32>], id: u32| {
                lists.iter().any(|l| l.contains(&id))
            };
            DocFeatures {
                on_both_sides: (0..pool).map(|id| held(&ko, id) && held(&en, id)).collect(),
                ko: ko.into_iter().map(|s| s.into_iter().collect()).collect(),
                en: en.into_iter().map(|s| s.into_iter().collect()).collect(),
                table: weights
                    .into_iter()
                    .map(|w| (AnchorKind::Lexicon, String::new(), w))
                    .collect(),
            }
        })
    }

    /// Checks every bead of up to four sentences a side against
    /// [`DocFeatures::overlap`] and the weight bounds against their sums.
    fn spans_agree(
        f: &DocFeatures,
        bit_sets: bool,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let spans = SpanFeatures::new(f, 4, 4);
        proptest::prop_assert_eq!(spans.words > 0, bit_sets);
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs()));
        // The weight of the features of both documents among `lists`.
        let weight = |lists: &[Vec<u32>]| -> f64 {
            let ids: std::collections::BTreeSet<u32> = lists.iter().flatten().copied().collect();
            ids.iter()
                .filter(|&&id| f.on_both_sides[id as usize])
                .map(|&id| f.table[id as usize].2)
                .sum()
        };
        let (n, m) = (f.ko.len(), f.en.len());
        for i in 0..n {
            for a in (1..=4).filter(|a| i + a <= n) {
                proptest::prop_assert!(close(spans.ko_weight(i, a), weight(&f.ko[i..i + a])));
                for j in 0..m {
                    for b in (1..=4).filter(|b| j + b <= m) {
                        let (got, want) =
                            (spans.overlap(i, a, j, b), f.overlap(i..i + a, j..j + b));
                        proptest::prop_assert!(
                            close(got.shared, want.shared) && close(got.missing, want.missing),
                            "{i}+{a} {j}+{b}: {got:?} != {want:?}"
                        );
                        if a == 1 {
                            let w = weight(&f.en[j..j + b]);
                            proptest::prop_assert!(close(spans.en_weight(j, b), w));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        // Each case checks some 700 beads, over hundreds of features.
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]

        /// The span tables give every bead the overlap that the features
        /// give it, with bit sets (few features) and with sorted lists
        /// (more than [`MAX_BIT_WORDS`] words of them).
        #[test]
        fn span_tables_agree_with_the_features(
            few in random_features(40, 0..12, 7, 6),
            many in random_features(700, 250..350, 6, 7),
        ) {
            spans_agree(&few, true)?;
            spans_agree(&many, false)?;
        }
    }

    #[test]
    fn number_words_and_months_pass_the_first_letter_gate() {
        let words = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
        ];
        for w in words {
            for w in [w.to_string(), w.to_ascii_uppercase(), w[..1].to_ascii_uppercase() + &w[1..]]
            {
                assert_eq!(numbers(&w).len(), 1, "{w}");
            }
        }
        let months = ["January", "February", "March", "April", "May", "June", "July"];
        let months = months.into_iter().chain(["August", "September", "October", "November"]);
        for m in months.chain(["December", "Jan", "Sept", "Dec"]) {
            assert_eq!(numbers(m).len(), 1, "{m}");
        }
    }

    #[test]
    fn numbers_normalise_separators_and_zeros() {
        assert_eq!(
            numbers("1,000명, 3.50%, 2026년 03월"),
            vec!["1000", "3.5", "2026", "month 3", "3"]
        );
        assert_eq!(numbers("A380 and 12,5"), vec!["12", "5"]);
    }

    #[test]
    fn magnitudes_agree_across_languages() {
        assert_eq!(numbers("1조 2000억 원"), vec!["1200000000000"]);
        assert_eq!(numbers("1.2 trillion won"), vec!["1200000000000"]);
        assert_eq!(numbers("3만 명"), numbers("30,000 people"));
        assert_eq!(numbers("2천500만 달러"), vec!["25000000"]);
        assert_eq!(numbers("25 million dollars"), vec!["25000000"]);
        assert_eq!(numbers("8500억 원과 3조"), vec!["850000000000", "3000000000000"]);
    }

    #[test]
    fn words_and_months() {
        assert_eq!(numbers("two of the eight victims"), vec!["2", "8"]);
        assert_eq!(numbers("on the 14th, 21st and 3rd, not 4x4"), vec!["14", "21", "3"]);
        assert_eq!(numbers("on Oct. 5 and in May"), vec!["5", "month 10", "month 5"]);
        assert_eq!(numbers("10월 5일"), vec!["month 10", "10", "5"]);
    }

    #[test]
    fn next_digit_finds_every_digit() {
        let text = "가나다라마바사아 abcdefgh/:@`~ 0 xyz 9, 한국어 텍스트 12 ÿ5";
        let b = text.as_bytes();
        for i in 0..=b.len() {
            let want = (i..b.len()).find(|&k| b[k].is_ascii_digit()).unwrap_or(b.len());
            assert_eq!(next_digit(b, i), want, "from {i}");
        }
        // Every byte value, alone in an eight-byte word of spaces.
        for v in 0..=255u8 {
            let mut w = [b' '; 16];
            w[5] = v;
            let want = if v.is_ascii_digit() { 5 } else { 16 };
            assert_eq!(next_digit(&w, 0), want, "{v:#x}");
        }
    }

    #[test]
    fn number_words_in_any_case() {
        for (w, n) in [("zero", 0), ("One", 1), ("THREE", 3), ("nineteen", 19), ("Ninety", 90)] {
            assert_eq!(number_word(w), Some(n), "{w}");
        }
        for w in ["on", "the", "tens", "hundred", "twentyone", "NINETEENS"] {
            assert_eq!(number_word(w), None, "{w}");
        }
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("Oct"), Some(10));
        assert_eq!(month("oct"), None);
        assert_eq!(month("Marc"), None);
    }

    #[test]
    fn latin_words_lowercase_and_split() {
        assert_eq!(latin_words("한국전력(KEPCO)은 G20과 Tom's"), vec!["kepco", "g20", "tom"]);
        assert_eq!(latin_words("Kim’s ‘K-pop’ and the S-Oil plan"), ["kim", "pop", "oil", "plan"]);
        // Characters of two, three and four bytes between words.
        assert_eq!(latin_words("café é 서울Seoul😀ab —’Tom’s"), ["caf", "seoul", "ab", "tom"]);
    }

    #[test]
    fn english_keeps_only_the_latin_words_of_the_korean_side() {
        let set = LatinSet::new(["kepco", "g20"].map(String::from).into_iter().collect());
        let (mut feats, mut words) = (Keys::default(), Keys::default());
        let text = "KEPCO told the G20 that Kepco's plan…";
        sentence_features(text, false, Some(&set), &mut feats, &mut words);
        let latin: Vec<&str> = feats
            .iter()
            .map(Keys::split)
            .filter(|f| f.0 == AnchorKind::Latin)
            .map(|f| f.1)
            .collect();
        assert_eq!(latin, ["kepco", "g20", "kepco"]);
        // The summary never rules out a word of the set, in any case.
        for w in ["kepco", "KEPCO", "Kepco", "g20", "G20"] {
            assert!(set.may_hold(w), "{w}");
        }
    }

    #[test]
    fn full_width_and_curly_marks_count_as_punctuation() {
        assert_eq!(punctuation("정말？ “네”라고 했다！"), ["?", "!", "\""]);
        assert!(punctuation("no marks here.").is_empty());
    }
}
