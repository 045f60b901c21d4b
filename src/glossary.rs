//! The romanisation glossary: Korean names and terms with their English
//! spellings.
//!
//! The shipped glossary lives in `glossary/*.csv` (format in
//! `glossary/README.md`) and is embedded at compile time; user files are
//! loaded with [`Glossary::load`] and layered over it with
//! [`Glossary::overlay`]: a later file overrides an earlier one entry by
//! entry, so a house style can make "Choi Ryong-hae" the preferred spelling
//! of 최룡해 without losing "Choe Ryong-hae" as a variant.
//!
//! Parsing never panics: a bad row is an error naming the file, the line and
//! the problem, and nothing is done with half a glossary.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::segment::ASCII_ALNUM;

/// The CSV header every glossary file starts with.
pub const HEADER: [&str; 7] = ["ko", "en", "variants", "kind", "system", "note", "source"];

/// The shipped glossary files, in the order they are read.
pub const BUILTIN_FILES: [(&str, &str); 4] = [
    ("glossary/organisations.csv", include_str!("../glossary/organisations.csv")),
    ("glossary/people.csv", include_str!("../glossary/people.csv")),
    ("glossary/places.csv", include_str!("../glossary/places.csv")),
    ("glossary/terms.csv", include_str!("../glossary/terms.csv")),
];

static BUILTIN: LazyLock<Glossary> = LazyLock::new(|| {
    let mut g = Glossary::default();
    for (name, text) in BUILTIN_FILES {
        g.overlay(
            GlossaryFile::parse(name, text).expect("the shipped glossary passes lint").entries,
        );
    }
    g
});

/// What an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A family name on its own.
    Surname,
    /// A South Korean person.
    PersonSouth,
    /// A North Korean person.
    PersonNorth,
    /// A person who is not Korean.
    Foreign,
    /// A place.
    Place,
    /// An organisation, company or institution.
    Org,
    /// A fixed term.
    Term,
}

impl Kind {
    /// All kinds, in file order.
    pub const ALL: [Kind; 7] = [
        Kind::Surname,
        Kind::PersonSouth,
        Kind::PersonNorth,
        Kind::Foreign,
        Kind::Place,
        Kind::Org,
        Kind::Term,
    ];

    /// The name used in the files (`person-north`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Surname => "surname",
            Kind::PersonSouth => "person-south",
            Kind::PersonNorth => "person-north",
            Kind::Foreign => "foreign",
            Kind::Place => "place",
            Kind::Org => "org",
            Kind::Term => "term",
        }
    }

    /// Whether this kind names a person.
    pub fn is_person(self) -> bool {
        matches!(self, Kind::Surname | Kind::PersonSouth | Kind::PersonNorth | Kind::Foreign)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Kind, String> {
        Kind::ALL.into_iter().find(|k| k.name() == s).ok_or_else(|| {
            format!(
                "unknown kind {s:?} (expected one of {})",
                Kind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
            )
        })
    }
}

/// One glossary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The Korean form.
    pub ko: String,
    /// The preferred English spelling.
    pub en: String,
    /// Other English spellings.
    pub variants: Vec<String>,
    /// What it names.
    pub kind: Kind,
    /// The romanisation system of the preferred spelling (`rr`, `mr`, `nk`) or empty.
    pub system: String,
    /// A note for editors.
    pub note: String,
    /// Where the entry comes from.
    pub source: String,
}

impl Entry {
    /// What is wrong with the entry on its own, as `glossary lint` says it
    /// (and `glossary add` and `edit` refuse it): stray whitespace, an empty
    /// or repeated variant, an unknown system, a Korean form without Hangul
    /// or a spelling with Hangul (the two sides swapped).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (field, value) in HEADER.iter().zip(self.record()) {
            if value.trim() != value || value.contains("  ") {
                out.push(format!("stray whitespace in {field}: {value:?}"));
            }
        }
        // Said once for the field, however many variants are at fault.
        if self.variants.iter().any(|v| v.trim() != v || v.is_empty()) {
            let all = self.variants.join("|");
            out.push(format!("stray whitespace or an empty variant in {all:?}"));
        }
        for (k, v) in self.variants.iter().enumerate() {
            if en_key(v) == en_key(&self.en) {
                out.push(format!("variant {v:?} repeats the preferred spelling"));
            } else if let Some(same) = self.variants[..k].iter().find(|s| en_key(s) == en_key(v)) {
                out.push(format!("variant {v:?} repeats the variant {same:?}"));
            }
        }
        if !matches!(self.system.as_str(), "" | "rr" | "mr" | "nk") {
            let system = &self.system;
            out.push(format!("unknown system {system:?} (expected rr, mr, nk or empty)"));
        }
        let hangul = |s: &str| s.chars().any(crate::segment::is_hangul);
        if !hangul(&self.ko) {
            out.push(format!("the Korean form {:?} has no Hangul (sides swapped?)", self.ko));
        }
        if let Some(s) = self.spellings().find(|s| hangul(s)) {
            out.push(format!("the English spelling {s:?} has Hangul (sides swapped?)"));
        }
        out
    }

    /// The preferred spelling followed by the variants.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// The sort key of a file: Korean form, then English spelling.
    pub fn sort_key(&self) -> (&str, &str) {
        (&self.ko, &self.en)
    }

    /// The CSV record of this entry.
    pub fn record(&self) -> [String; 7] {
        [
            self.ko.clone(),
            self.en.clone(),
            self.variants.join("|"),
            self.kind.name().to_string(),
            self.system.clone(),
            self.note.clone(),
            self.source.clone(),
        ]
    }
}

/// One glossary file as read: its entries with their line numbers.
#[derive(Clone, Debug, Default)]
pub struct GlossaryFile {
    /// The file name, for messages.
    pub name: String,
    /// Entries with the 1-based line each came from, in file order.
    pub lines: Vec<usize>,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

impl GlossaryFile {
    /// Parses a glossary file. Errors name the file, the line and the problem.
    pub fn parse(name: &str, text: &str) -> Result<GlossaryFile> {
        let bad =
            |line: usize, message: String| Error::BadLine { name: name.to_string(), line, message };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut file = GlossaryFile { name: name.to_string(), ..GlossaryFile::default() };
        let mut seen_header = false;
        let mut lines = LineCounter::default();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e
                    .position()
                    .map(|p| LineCounter::default().line_at(text, p.byte() as usize))
                    .unwrap_or(0);
                bad(line, format!("not valid CSV: {e}"))
            })?;
            let line = rec.position().map(|p| lines.line_at(text, p.byte() as usize)).unwrap_or(0);
            if !seen_header {
                seen_header = true;
                let got: Vec<&str> = rec.iter().collect();
                if got != HEADER {
                    return Err(bad(
                        line,
                        format!(
                            "expected the header {:?}, found {:?}",
                            HEADER.join(","),
                            got.join(",")
                        ),
                    ));
                }
                continue;
            }
            if rec.len() != HEADER.len() {
                return Err(bad(
                    line,
                    format!("expected {} fields, found {}", HEADER.len(), rec.len()),
                ));
            }
            let f = |k: usize| rec.get(k).unwrap_or("").to_string();
            if f(0).trim().is_empty() || f(1).trim().is_empty() {
                return Err(bad(line, "the ko and en fields must not be empty".to_string()));
            }
            let kind = f(3).parse::<Kind>().map_err(|e| bad(line, e))?;
            let variants = if f(2).is_empty() {
                Vec::new()
            } else {
                f(2).split('|').map(str::to_string).collect()
            };
            file.lines.push(line);
            file.entries.push(Entry {
                ko: f(0),
                en: f(1),
                variants,
                kind,
                system: f(4),
                note: f(5),
                source: f(6),
            });
        }
        if !seen_header {
            return Err(bad(1, "the file is empty: expected a header row".to_string()));
        }
        Ok(file)
    }

    /// Reads and parses a file (UTF-8 only; a bad byte is an error naming its offset).
    pub fn read(path: &Path) -> Result<GlossaryFile> {
        let (name, text) = crate::document::read_utf8(path)?;
        GlossaryFile::parse(&name, &text)
    }

    /// The file in canonical form: header, entries sorted by Korean form and
    /// English spelling, LF line ends.
    pub fn to_csv(&self) -> String {
        let mut sorted: Vec<&Entry> = self.entries.iter().collect();
        sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(HEADER).expect("writing to memory");
        for e in sorted {
            w.write_record(e.record()).expect("writing to memory");
        }
        String::from_utf8(w.into_inner().expect("writing to memory")).expect("input was UTF-8")
    }
}

/// Turns record byte offsets into 1-based line numbers, counting newlines
/// only once as the offsets grow (the csv crate's own line count is off by
/// one after a CRLF line end).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> usize {
        let b = text.as_bytes();
        let mut at = byte.min(b.len());
        while at < b.len() && matches!(b[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.byte {
            *self = LineCounter::default();
        }
        self.line += b[self.byte..at].iter().filter(|&&c| c == b'\n').count();
        self.byte = at;
        self.line + 1
    }
}

/// Entries from one or more files, with indexes for lookup.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
    by_ko: HashMap<String, Vec<usize>>,
    by_en: HashMap<String, Vec<usize>>,
}

impl Glossary {
    /// The shipped glossary.
    pub fn builtin() -> &'static Glossary {
        &BUILTIN
    }

    /// The shipped glossary with the user files at `paths` layered over it,
    /// in order.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Glossary> {
        Glossary::builtin().clone().with_files(paths)
    }

    /// The user files at `paths` alone, in order, without the shipped glossary.
    pub fn from_files(paths: &[impl AsRef<Path>]) -> Result<Glossary> {
        Glossary::default().with_files(paths)
    }

    fn with_files(mut self, paths: &[impl AsRef<Path>]) -> Result<Glossary> {
        for p in paths {
            self.overlay(GlossaryFile::read(p.as_ref())?.entries);
        }
        Ok(self)
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds `entries` over the existing ones. An entry for a Korean form and
    /// kind already present, sharing one of its spellings, replaces it: its
    /// preferred spelling wins, the old spellings stay as variants.
    pub fn overlay(&mut self, entries: Vec<Entry>) {
        for mut e in entries {
            let existing = self.by_ko.get(&ko_key(&e.ko)).and_then(|ids| {
                ids.iter().copied().find(|&i| {
                    let old = &self.entries[i];
                    old.kind == e.kind
                        && old.spellings().any(|s| e.spellings().any(|t| en_key(s) == en_key(t)))
                })
            });
            match existing {
                Some(i) => {
                    let old = self.entries[i].clone();
                    for s in old.spellings() {
                        if !e.spellings().any(|t| en_key(t) == en_key(s)) {
                            e.variants.push(s.to_string());
                        }
                    }
                    self.entries[i] = e;
                }
                None => self.entries.push(e),
            }
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.by_ko.clear();
        self.by_en.clear();
        for (i, e) in self.entries.iter().enumerate() {
            self.by_ko.entry(ko_key(&e.ko)).or_default().push(i);
            for s in e.spellings() {
                let ids = self.by_en.entry(en_key(s)).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
    }

    /// Whether some entry has the Korean form `ko`.
    pub fn has_korean(&self, ko: &str) -> bool {
        self.by_ko.contains_key(&ko_key(ko))
    }

    /// Indices (into [`Glossary::entries`]) of the entries whose Korean form
    /// has the lookup key `key` (see [`ko_key`]).
    pub fn ids_of_ko_key(&self, key: &str) -> &[usize] {
        self.by_ko.get(key).map_or(&[], Vec::as_slice)
    }

    /// Entries whose Korean form, English spelling or a variant is `term`
    /// (spaces, hyphens, apostrophes and case ignored in English).
    pub fn lookup(&self, term: &str) -> Vec<&Entry> {
        let mut ids: Vec<usize> = Vec::new();
        if let Some(v) = self.by_ko.get(&ko_key(term)) {
            ids.extend(v);
        }
        if let Some(v) = self.by_en.get(&en_key(term)) {
            ids.extend(v);
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| &self.entries[i]).collect()
    }
}

/// Finds glossary entries in sentences, for use as alignment anchors.
///
/// Korean forms are found anywhere in a Korean sentence (so particles and
/// suffixes attached to a name do not hide it: 최룡해가, 라선시); surnames on
/// their own and one-syllable forms are left out, being too ambiguous. English
/// spellings are found case-insensitively at word boundaries.
///
/// Forms are looked up by their first two characters (Korean) or bytes
/// (English) in `Buckets`: a bit table rules out most positions of a text
/// and leads the others to the few forms that may start there. The tables
/// stay in the cache, where an automaton over a few thousand forms would
/// not, and take well under a millisecond to build.
#[derive(Clone, Debug)]
pub struct Spotter {
    /// Korean forms of [`KO_KEY_BYTES`] bytes or more, by those bytes.
    ko: Buckets,
    /// Shorter Korean forms of two characters or more (`LG`, `6자`): being
    /// short, they are looked for only at word starts.
    ko_short: Vec<Form>,
    /// The first byte of each short form.
    ko_short_first: ByteSet,
    /// Every English spelling.
    en: Spellings,
    /// Per entry: its English spellings of two bytes or more, lowercased.
    spellings: Vec<Vec<Box<[u8]>>>,
    /// Per entry: [`ko_key`] of its Korean form.
    keys: Vec<String>,
}

/// A form's bytes and the index of its entry.
type Form = (Box<[u8]>, usize);

/// Forms (byte strings, each with its entry) grouped by one bit of a hash of
/// their first two characters: the bit says whether any form starts so, and
/// its rank among the set bits numbers the group. Forms of different pairs
/// may share a group, so a caller compares each form with the text.
#[derive(Clone, Debug, Default)]
struct Buckets {
    /// log2 of the number of bits.
    log2: u32,
    gate: Vec<u64>,
    /// Per gate word: the set bits before it.
    rank: Vec<u32>,
    /// Per set bit: where its forms start in `forms`, then the end.
    starts: Vec<u32>,
    forms: Vec<Form>,
}

impl Buckets {
    /// Groups `forms`, each given with the 64 bits that stand for its first
    /// characters (its key), under `1 << log2` bits.
    fn new(log2: u32, mut forms: Vec<(u64, Box<[u8]>, usize)>) -> Buckets {
        let bit = |h: u64| bucket_bit(h, log2);
        forms.sort_by_key(|f| bit(f.0));
        let mut gate = vec![0u64; (1usize << log2).div_ceil(64)];
        for f in &forms {
            let b = bit(f.0);
            gate[b / 64] |= 1 << (b % 64);
        }
        let mut rank = Vec::with_capacity(gate.len());
        let mut total = 0;
        for w in &gate {
            rank.push(total);
            total += w.count_ones();
        }
        let mut starts = Vec::with_capacity(total as usize + 1);
        let mut last = usize::MAX;
        for (k, f) in forms.iter().enumerate() {
            if bit(f.0) != last {
                last = bit(f.0);
                starts.push(k as u32);
            }
        }
        starts.push(forms.len() as u32);
        let forms = forms.into_iter().map(|(_, form, entry)| (form, entry)).collect();
        Buckets { log2, gate, rank, starts, forms }
    }

    /// Whether some form may start with the characters whose key is `h`.
    #[inline(always)]
    fn may_hold(&self, h: u64) -> bool {
        let b = bucket_bit(h, self.log2);
        self.gate[b / 64] & (1 << (b % 64)) != 0
    }

    /// The forms that may start with the characters whose key is `h`.
    #[inline(always)]
    fn get(&self, h: u64) -> &[Form] {
        let b = bucket_bit(h, self.log2);
        let word = self.gate[b / 64];
        if word & (1 << (b % 64)) == 0 {
            return &[];
        }
        let k = (self.rank[b / 64] + (word & ((1 << (b % 64)) - 1)).count_ones()) as usize;
        &self.forms[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

/// The bit of key `h` in a table of `1 << log2` bits: Fibonacci hashing,
/// whose top bits spread keys that differ in any bit.
#[inline(always)]
fn bucket_bit(h: u64, log2: u32) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - log2)) as usize
}

/// How many leading bytes of a Korean form make its key: two Hangul
/// syllables.
const KO_KEY_BYTES: usize = 6;

/// The key of eight bytes of text (a form's start): the first
/// [`KO_KEY_BYTES`] of them, as a number.
#[inline(always)]
fn form_key(w: [u8; 8]) -> u64 {
    u64::from_le_bytes(w) & ((1 << (8 * KO_KEY_BYTES)) - 1)
}

/// The [`form_key`] of the text at `b[p..]` (zero-padded at the end).
#[inline(always)]
fn ko_key_at(b: &[u8], p: usize) -> u64 {
    let mut w = [0u8; 8];
    let end = b.len().min(p + 8);
    w[..end - p].copy_from_slice(&b[p..end]);
    form_key(w)
}

/// A set of bytes, as 256 bits.
#[derive(Clone, Copy, Debug, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, x: u8) {
        self.0[usize::from(x / 64)] |= 1 << (x % 64);
    }

    #[inline(always)]
    fn contains(&self, x: u8) -> bool {
        self.0[usize::from(x / 64)] & (1 << (x % 64)) != 0
    }
}

/// A set of English spellings to find in text: all of a glossary's
/// ([`Spotter::en_hits`]), or those of the entries a Korean document holds
/// ([`Spotter::spellings_of`]), which are the only ones its English side
/// needs.
#[derive(Clone, Debug, Default)]
pub struct Spellings {
    /// Lowercased spellings by their first two bytes.
    forms: Buckets,
}

impl Spellings {
    /// The number of spellings.
    pub fn len(&self) -> usize {
        self.forms.forms.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.forms.forms.is_empty()
    }

    /// Indices of the entries one of whose spellings in this set occurs in
    /// `text` as whole words (sorted, unique): see [`Spotter::en_hits`].
    pub fn hits(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let b = text.as_bytes();
        let mut p = 0;
        // `p` follows no ASCII letter or digit.
        while p + 1 < b.len() {
            let (x, y) = (b[p], b[p + 1]);
            let h = u64::from(u16::from_be_bytes([x.to_ascii_lowercase(), y.to_ascii_lowercase()]));
            for (form, entry) in self.forms.get(h) {
                let end = p + form.len();
                if end <= b.len()
                    && b[p..end].eq_ignore_ascii_case(form)
                    && !b.get(end).is_some_and(|&c| ASCII_ALNUM[c as usize])
                {
                    out.push(*entry);
                }
            }
            // A table load: `u8::is_ascii_alphanumeric` in these tests cost
            // 12 M more instructions per 1,000 raw documents.
            if ASCII_ALNUM[x as usize] {
                // On past the word: the byte after it follows a letter or
                // digit, the one after that does not.
                p = b[p + 1..]
                    .iter()
                    .position(|&c| !ASCII_ALNUM[c as usize])
                    .map_or(b.len(), |k| p + 1 + k);
            }
            p += 1;
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Spotter {
    /// Builds the search tables for all entries of `g`.
    pub fn new(g: &Glossary) -> Spotter {
        let (mut ko, mut ko_short): (_, Vec<Form>) = (Vec::new(), Vec::new());
        let mut spellings = vec![Vec::new(); g.entries().len()];
        for (i, e) in g.entries().iter().enumerate() {
            if e.kind == Kind::Surname {
                continue;
            }
            let form: String = e.ko.nfc().collect();
            if form.chars().nth(1).is_some() {
                if form.len() >= KO_KEY_BYTES {
                    ko.push((ko_key_at(form.as_bytes(), 0), form.into_bytes().into(), i));
                } else {
                    ko_short.push((form.into_bytes().into(), i));
                }
            }
            spellings[i] = e
                .spellings()
                .filter(|s| s.len() >= 2)
                .map(|s| s.as_bytes().to_ascii_lowercase().into())
                .collect();
        }
        let keys = g.entries().iter().map(|e| ko_key(&e.ko)).collect();
        let mut spotter = Spotter {
            // 8 KB of bits, a few hundred times more than the forms: few
            // positions of a Korean text pass for a form's start.
            ko: Buckets::new(16, ko),
            ko_short_first: ko_short.iter().fold(ByteSet::default(), |mut set, f| {
                set.insert(f.0[0]);
                set
            }),
            ko_short,
            en: Spellings::default(),
            spellings,
            keys,
        };
        spotter.en = spotter.spellings_of(0..spotter.keys.len());
        spotter
    }

    /// The English spellings of the given entries, to search for with
    /// [`Spellings::hits`].
    pub fn spellings_of(&self, entries: impl IntoIterator<Item = usize>) -> Spellings {
        let mut forms = Vec::new();
        for i in entries {
            for s in &self.spellings[i] {
                forms.push((u64::from(u16::from_be_bytes([s[0], s[1]])), s.clone(), i));
            }
        }
        // 512 bytes of bits: cleared quickly for each document, and sparse
        // for the few hundred first pairs of a whole glossary.
        Spellings { forms: Buckets::new(12, forms) }
    }

    /// The number of glossary entries (the range of entry indices).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The lookup key ([`ko_key`]) of entry `k`'s Korean form.
    pub fn key(&self, k: usize) -> &str {
        &self.keys[k]
    }

    /// Indices (into [`Glossary::entries`]) of the entries whose Korean form
    /// occurs in `text` (sorted, unique): a form of three syllables or more
    /// (9 bytes or more) anywhere, a shorter one only at the start of a word
    /// (이란 is Iran in 이란의 but a grammatical ending in 것이란).
    pub fn ko_hits(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let word_start =
            |p: usize| text[..p].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let mut check = |p: usize| {
            for (form, entry) in self.ko.get(ko_key_at(b, p)) {
                if b[p..].starts_with(form) && (form.len() >= 9 || word_start(p)) {
                    out.push(*entry);
                }
            }
            for (form, entry) in &self.ko_short {
                if b[p..].starts_with(form) && word_start(p) {
                    out.push(*entry);
                }
            }
        };
        // A form starts at a character's first byte: the bytes that continue
        // a character are passed over (a character of three or four bytes
        // at once). Most positions fail the gate at once, tested on the
        // eight bytes there while there are eight.
        let mut p = 0;
        while let Some(w) = b.get(p..p + 8) {
            let w: [u8; 8] = w.try_into().expect("8 bytes");
            if w[0] & 0xC0 != 0x80
                && (self.ko.may_hold(form_key(w)) || self.ko_short_first.contains(w[0]))
            {
                check(p);
            }
            p += crate::segment::skip_width(w[0]);
        }
        for (p, &x) in b.iter().enumerate().skip(p) {
            if x & 0xC0 != 0x80 {
                check(p);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Indices of the entries one of whose English spellings occurs in
    /// `text` as whole words (no ASCII letter or digit just before or after
    /// it), ASCII case ignored (sorted, unique).
    pub fn en_hits(&self, text: &str) -> Vec<usize> {
        self.en.hits(text)
    }
}

/// Writes the glossary as TBX v3 in the TBX-Basic dialect (DCA style): one
/// `conceptEntry` per entry with its kind as `subjectField` and its note and
/// source as `note` and `admin type="source"`; a Korean `langSec` with the
/// Korean form and an English one whose first term is the preferred spelling
/// (`preferredTerm-admn-sts`) followed by the variants (`admittedTerm-admn-sts`).
pub fn write_tbx(g: &Glossary, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let x = crate::export::xml_escape;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#
    )?;
    writeln!(w, "  <tbxHeader>")?;
    writeln!(w, "    <fileDesc>")?;
    writeln!(
        w,
        "      <sourceDesc><p>Korean-English name glossary exported by hanalign {}</p></sourceDesc>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, "    </fileDesc>")?;
    writeln!(w, "  </tbxHeader>")?;
    writeln!(w, "  <text>")?;
    writeln!(w, "    <body>")?;
    let mut sorted: Vec<&Entry> = g.entries().iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for (n, e) in sorted.into_iter().enumerate() {
        writeln!(w, r#"      <conceptEntry id="c{}">"#, n + 1)?;
        writeln!(w, r#"        <descrip type="subjectField">{}</descrip>"#, e.kind)?;
        if !e.source.is_empty() {
            writeln!(w, r#"        <admin type="source">{}</admin>"#, x(&e.source))?;
        }
        if !e.note.is_empty() {
            writeln!(w, "        <note>{}</note>", x(&e.note))?;
        }
        writeln!(w, r#"        <langSec xml:lang="ko">"#)?;
        writeln!(w, "          <termSec><term>{}</term><termNote type=\"partOfSpeech\">noun</termNote></termSec>", x(&e.ko))?;
        writeln!(w, "        </langSec>")?;
        writeln!(w, r#"        <langSec xml:lang="en">"#)?;
        for (k, s) in e.spellings().enumerate() {
            let status = if k == 0 { "preferredTerm-admn-sts" } else { "admittedTerm-admn-sts" };
            writeln!(
                w,
                "          <termSec><term>{}</term><termNote type=\"administrativeStatus\">{status}</termNote></termSec>",
                x(s)
            )?;
        }
        writeln!(w, "        </langSec>")?;
        writeln!(w, "      </conceptEntry>")?;
    }
    writeln!(w, "    </body>")?;
    writeln!(w, "  </text>")?;
    writeln!(w, "</tbx>")?;
    w.flush()
}

/// Writes all entries in the glossary's own CSV form (one file, sorted).
pub fn write_csv(g: &Glossary, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let file = GlossaryFile { entries: g.entries().to_vec(), ..GlossaryFile::default() };
    w.write_all(file.to_csv().as_bytes())?;
    w.flush()
}

/// Writes `ko<TAB>en` (preferred spelling) lines, sorted, for tools that read
/// only two columns.
pub fn write_tsv(g: &Glossary, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut sorted: Vec<&Entry> = g.entries().iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for e in sorted {
        writeln!(w, "{}\t{}", e.ko.replace(['\t', '\n'], " "), e.en.replace(['\t', '\n'], " "))?;
    }
    w.flush()
}

/// Asked by [`lint`] whether a spelling fits its entry's Korean form; returns
/// a message for a spelling it doubts.
pub type SpellingCheck<'a> = &'a dyn Fn(&Entry, &str) -> Option<String>;

/// A problem `lint` found, at a line of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Checks a glossary file's text: that it parses, is in canonical form (NFC,
/// LF, sorted, no stray whitespace), has no duplicate entry and no Korean
/// form with two preferred spellings of the same name. `spelling_check`, if
/// given, is asked whether each spelling matches its Korean form (the name
/// matcher); it returns a message for a spelling it doubts.
pub fn lint(name: &str, text: &str, spelling_check: Option<SpellingCheck<'_>>) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |line: usize, message: String| out.push(Problem { line, message });
    if text.starts_with('\u{feff}') {
        problem(1, "starts with a byte-order mark".into());
    }
    for (k, line) in text.split('\n').enumerate() {
        if line.ends_with('\r') {
            problem(k + 1, "CRLF line end (use LF)".into());
        }
        if line.nfc().ne(line.chars()) {
            problem(k + 1, "not in Unicode NFC".into());
        }
    }
    if !text.is_empty() && !text.ends_with('\n') {
        problem(text.split('\n').count(), "no newline at the end of the file".into());
    }
    let file = match GlossaryFile::parse(name, text.trim_start_matches('\u{feff}')) {
        Ok(f) => f,
        Err(Error::BadLine { line, message, .. }) => {
            problem(line, message);
            return out;
        }
        Err(e) => {
            problem(1, e.to_string());
            return out;
        }
    };
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut prev: Option<&Entry> = None;
    for (e, &line) in file.entries.iter().zip(&file.lines) {
        for p in e.problems() {
            problem(line, p);
        }
        if let Some(p) = prev {
            if e.sort_key() < p.sort_key() {
                problem(
                    line,
                    format!(
                        "not sorted: {} / {} should come before {} / {}",
                        e.ko, e.en, p.ko, p.en
                    ),
                );
            }
        }
        prev = Some(e);
        let key = (ko_key(&e.ko), en_key(&e.en));
        if let Some(first) = seen.insert(key, line) {
            problem(line, format!("duplicate of line {first}: {} / {}", e.ko, e.en));
        }
        if let Some(check) = spelling_check {
            for s in e.spellings() {
                if let Some(msg) = check(e, s) {
                    problem(line, msg);
                }
            }
        }
    }
    // One Korean form, same kind, two preferred spellings of the same name.
    let mut by_ko: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in file.entries.iter().enumerate() {
        by_ko.entry(ko_key(&e.ko)).or_default().push(i);
    }
    for ids in by_ko.values().filter(|ids| ids.len() > 1) {
        for (n, &i) in ids.iter().enumerate() {
            for &j in &ids[n + 1..] {
                let (a, b) = (&file.entries[i], &file.entries[j]);
                if a.kind == b.kind
                    && en_key(&a.en) != en_key(&b.en)
                    && a.spellings().any(|s| b.spellings().any(|t| en_key(s) == en_key(t)))
                {
                    problem(
                        file.lines[j],
                        format!(
                            "{} has two preferred spellings: {:?} (line {}) and {:?}",
                            b.ko, a.en, file.lines[i], b.en
                        ),
                    );
                }
            }
        }
    }
    out.sort_by_key(|p| p.line);
    out
}

/// Entries whose spellings the name matcher finds close to `term` (a Latin
/// spelling, or a Korean form compared with each entry's spellings), best
/// first, at most `limit`, each with its score (at least `threshold`).
pub fn fuzzy_lookup<'g>(
    g: &'g Glossary,
    term: &str,
    threshold: f64,
    limit: usize,
) -> Vec<(f64, &'g Entry)> {
    let hangul_term = term.chars().any(crate::segment::is_hangul);
    let mut scored: Vec<(f64, &Entry)> = g
        .entries()
        .iter()
        .filter(|e| is_transcription(e))
        .map(|e| {
            let score = if hangul_term {
                e.spellings().map(|s| crate::names::similarity(term, s)).fold(0.0, f64::max)
            } else {
                crate::names::similarity(&e.ko, term)
            };
            (score, e)
        })
        .filter(|(score, _)| *score >= threshold)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.sort_key().cmp(&b.1.sort_key())));
    scored.truncate(limit);
    scored
}

/// Whether an entry's English is a transcription of its Korean form (not an
/// exonym, a translation or a name in another order), judged by its note.
pub fn is_transcription(e: &Entry) -> bool {
    let note = e.note.to_ascii_lowercase();
    !["exonym", "translat", "english order", "conventional"].iter().any(|k| note.contains(k))
}

/// The key a Korean form is looked up by: NFC, no spaces.
pub fn ko_key(s: &str) -> String {
    s.nfc().filter(|c| !c.is_whitespace()).collect()
}

/// The key an English spelling is looked up by: letters and digits only,
/// lowercased, diacritics kept (`Choe Ryong-hae` → `choeryonghae`).
pub fn en_key(s: &str) -> String {
    s.nfc().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "ko,en,variants,kind,system,note,source\n\
        최룡해,Choe Ryong-hae,Choi Ryong-hae,person-north,nk,,test\n\
        라선,Rason,Rajin-Sonbong,place,nk,,test\n";

    #[test]
    fn parse_and_lookup_by_every_spelling() {
        let f = GlossaryFile::parse("t.csv", SMALL).unwrap();
        assert_eq!(f.lines, vec![2, 3]);
        let mut g = Glossary::default();
        g.overlay(f.entries);
        assert_eq!(g.lookup("최룡해")[0].en, "Choe Ryong-hae");
        assert_eq!(g.lookup("choi ryong hae")[0].ko, "최룡해");
        assert_eq!(g.lookup("Rajin-Sonbong")[0].ko, "라선");
        assert!(g.lookup("Kim Jong-un").is_empty());
    }

    #[test]
    fn house_style_overrides_preferred_spelling_and_keeps_the_old_one() {
        let mut g = Glossary::default();
        g.overlay(GlossaryFile::parse("a.csv", SMALL).unwrap().entries);
        let house =
            "ko,en,variants,kind,system,note,source\n최룡해,Choi Ryong-hae,,person-north,,,house\n";
        g.overlay(GlossaryFile::parse("b.csv", house).unwrap().entries);
        let e = g.lookup("최룡해");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].en, "Choi Ryong-hae");
        assert_eq!(e[0].variants, vec!["Choe Ryong-hae".to_string()]);
        assert_eq!(g.lookup("Choe Ryong-hae")[0].en, "Choi Ryong-hae");
    }

    #[test]
    fn malformed_files_name_file_and_line() {
        let cases = [
            ("ko,en\n", "t.csv: line 1: expected the header \"ko,en,variants,kind,system,note,source\", found \"ko,en\""),
            ("ko,en,variants,kind,system,note,source\n최,Choe,,person-north,,\n", "t.csv: line 2: expected 7 fields, found 6"),
            ("ko,en,variants,kind,system,note,source\n최,Choe,,alien,,,\n", "t.csv: line 2: unknown kind \"alien\" (expected one of surname, person-south, person-north, foreign, place, org, term)"),
            ("ko,en,variants,kind,system,note,source\n,Choe,,surname,,,\n", "t.csv: line 2: the ko and en fields must not be empty"),
            ("", "t.csv: line 1: the file is empty: expected a header row"),
        ];
        for (text, want) in cases {
            assert_eq!(GlossaryFile::parse("t.csv", text).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn lint_finds_each_kind_of_problem() {
        let text = "ko,en,variants,kind,system,note,source\r\n\
            최룡해,Choe Ryong-hae,Choi Ryong-hae,person-north,nk,,t\n\
            라선,Rason ,,place,xx,,t\n\
            라선,Rason,,place,nk,,t\n\
            최룡해,Choi Ryong-hae,,person-north,,,t\n";
        let probs: Vec<String> = lint("t.csv", text, None)
            .into_iter()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect();
        assert_eq!(
            probs,
            vec![
                "1: CRLF line end (use LF)".to_string(),
                "3: stray whitespace in en: \"Rason \"".to_string(),
                "3: unknown system \"xx\" (expected rr, mr, nk or empty)".to_string(),
                "3: not sorted: 라선 / Rason  should come before 최룡해 / Choe Ryong-hae".to_string(),
                "4: not sorted: 라선 / Rason should come before 라선 / Rason ".to_string(),
                "4: duplicate of line 3: 라선 / Rason".to_string(),
                "5: 최룡해 has two preferred spellings: \"Choe Ryong-hae\" (line 2) and \"Choi Ryong-hae\"".to_string(),
            ]
        );
        assert!(lint("t.csv", SMALL, None).len() == 1, "SMALL is unsorted: 라 < 최");
        // Two empty variants and a padded one: one problem for the field.
        let text = "ko,en,variants,kind,system,note,source\n라선,Rason,\"a|| b|\",place,nk,,t\n";
        let probs: Vec<String> = lint("t.csv", text, None).into_iter().map(|p| p.message).collect();
        let stray = probs.iter().filter(|m| m.contains("empty variant")).count();
        assert_eq!(stray, 1, "{probs:?}");
        // What `add` refuses, lint finds in a file: swapped sides, a
        // variant given twice.
        let text = "ko,en,variants,kind,system,note,source\nKim,김,Gim|gim,surname,,,t\n";
        let probs: Vec<String> = lint("t.csv", text, None).into_iter().map(|p| p.message).collect();
        assert_eq!(
            probs,
            [
                "variant \"gim\" repeats the variant \"Gim\"",
                "the Korean form \"Kim\" has no Hangul (sides swapped?)",
                "the English spelling \"김\" has Hangul (sides swapped?)",
            ]
        );
    }

    #[test]
    fn canonical_form_is_sorted() {
        let text = "ko,en,variants,kind,system,note,source\n최룡해,Choe Ryong-hae,,person-north,nk,,t\n김정은,Kim Jong Un,\"Kim Jong-un\",person-north,nk,\"leader, DPRK\",t\n";
        let out = GlossaryFile::parse("t.csv", text).unwrap().to_csv();
        assert_eq!(
            out,
            "ko,en,variants,kind,system,note,source\n김정은,Kim Jong Un,Kim Jong-un,person-north,nk,\"leader, DPRK\",t\n최룡해,Choe Ryong-hae,,person-north,nk,,t\n"
        );
    }

    fn entry(ko: &str, spellings: &[&str], kind: Kind) -> Entry {
        Entry {
            ko: ko.to_string(),
            en: spellings[0].to_string(),
            variants: spellings[1..].iter().map(|s| s.to_string()).collect(),
            kind,
            system: String::new(),
            note: String::new(),
            source: "test".to_string(),
        }
    }

    /// What [`Spotter::ko_hits`] finds, by trying every form at every
    /// character.
    fn ko_hits_by_brute_force(g: &Glossary, text: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (i, e) in g.entries().iter().enumerate() {
            let form: String = e.ko.nfc().collect();
            if e.kind == Kind::Surname || form.chars().count() < 2 {
                continue;
            }
            let found = text.char_indices().any(|(p, _)| {
                text[p..].starts_with(&form)
                    && (form.len() >= 9
                        || text[..p].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
            });
            if found {
                out.push(i);
            }
        }
        out
    }

    /// What [`Spotter::en_hits`] finds, by trying every spelling at every
    /// byte.
    fn en_hits_by_brute_force(g: &Glossary, text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let alnum = |k: Option<&u8>| k.is_some_and(u8::is_ascii_alphanumeric);
        let mut out: Vec<usize> = Vec::new();
        for (i, e) in g.entries().iter().enumerate() {
            if e.kind == Kind::Surname {
                continue;
            }
            let found = e.spellings().filter(|s| s.len() >= 2).any(|s| {
                (0..b.len()).any(|p| {
                    b[p..].len() >= s.len()
                        && b[p..p + s.len()].eq_ignore_ascii_case(s.as_bytes())
                        && !alnum(p.checked_sub(1).and_then(|k| b.get(k)))
                        && !alnum(b.get(p + s.len()))
                })
            });
            if found {
                out.push(i);
            }
        }
        out
    }

    #[test]
    fn spotter_finds_names_with_particles_and_at_word_bounds() {
        let mut g = Glossary::default();
        g.overlay(vec![
            entry("최룡해", &["Choe Ryong-hae", "Choi Ryong-hae"], Kind::PersonNorth),
            entry("이란", &["Iran"], Kind::Place),
            entry("LG전자", &["LG Electronics"], Kind::Org),
            entry("김", &["Kim"], Kind::Surname),
        ]);
        let spot = Spotter::new(&g);
        let ids = |v: Vec<usize>| -> Vec<&str> {
            v.into_iter().map(|i| g.entries()[i].ko.as_str()).collect()
        };
        assert_eq!(ids(spot.ko_hits("북한의 최룡해가 말했다")), ["최룡해"]);
        // Three syllables count anywhere, two only at a word start.
        assert_eq!(ids(spot.ko_hits("부위원장최룡해는")), ["최룡해"]);
        assert_eq!(ids(spot.ko_hits("이란의 핵")), ["이란"]);
        assert!(spot.ko_hits("그것이란 말이다").is_empty());
        assert_eq!(ids(spot.ko_hits("(LG전자)")), ["LG전자"]);
        assert!(spot.ko_hits("김 씨").is_empty(), "surnames alone are left out");
        assert_eq!(ids(spot.en_hits("CHOI RYONG-HAE and Iran.")), ["최룡해", "이란"]);
        assert!(spot.en_hits("Iranian and Choe Ryong-haeX").is_empty());
        // A document's own set finds only its entries.
        let only_iran = spot.spellings_of(g.ids_of_ko_key(&ko_key("이란")).iter().copied());
        assert_eq!(ids(only_iran.hits("Iran and Choe Ryong-hae")), ["이란"]);
        assert!(Spotter::new(&Glossary::default()).en_hits("Iran").is_empty());
    }

    proptest::proptest! {
        /// The spotter's tables find exactly what trying every form at every
        /// position finds, on texts and glossaries made of the same pieces
        /// (Hangul, mixed case, digits, hyphens, a letter beyond ASCII), so
        /// that forms share first characters and hits are common.
        #[test]
        fn spotter_agrees_with_brute_force(
            forms in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..4),
                 proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..4)),
                1..12),
            text in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..30),
        ) {
            let mut g = Glossary::default();
            g.overlay(
                forms
                    .iter()
                    .map(|(ko, en)| entry(&ko.concat(), &[&en.concat()], Kind::Place))
                    .collect(),
            );
            let spot = Spotter::new(&g);
            let text = text.concat();
            proptest::prop_assert_eq!(spot.ko_hits(&text), ko_hits_by_brute_force(&g, &text));
            proptest::prop_assert_eq!(spot.en_hits(&text), en_hits_by_brute_force(&g, &text));
            let half = spot.spellings_of((0..g.entries().len()).step_by(2));
            let want: Vec<usize> =
                en_hits_by_brute_force(&g, &text).into_iter().filter(|i| i % 2 == 0).collect();
            proptest::prop_assert_eq!(half.hits(&text), want);
        }
    }

    const PIECES: [&str; 16] = [
        "최", "룡", "해", "이", "란", "가", "L", "g", "ab", "AB", "7", " ", "-", "ŏ", "\u{1100}",
        "Ch",
    ];
}
