//! A Korean→English news lexicon: word-level translation evidence for the
//! aligner (with the press's one-letter Hanja abbreviations: 美, 北, 與 …).
//!
//! Names, numbers and Latin words anchor only some sentences; most sentences
//! of a news article share none. What they do share is vocabulary: a Korean
//! sentence with 정부 and 발표했다 is likely the English one with "government"
//! and "announced". The shipped lexicon (`src/data/lexicon_ko_en.tsv`, written
//! for this project) lists about 4,700 Korean nouns, verb stems and loanwords
//! of general news with the English words that usually translate them.
//!
//! Matching is deliberately simple and fast. A Korean form matches at the
//! start of a space-separated word, so particles and endings after it do not
//! matter (정부는, 발표했다); only the longest form starting there counts.
//! English words are lowercased and stemmed (Porter's English stemmer, with a
//! table of irregular verbs), so "announced" finds "announce".

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::error::{Error, Result};
use crate::segment::{
    ascii_runs, is_alphanumeric, leads_syllable, syllable_index, ASCII_WORD, SYLLABLES,
};

/// The shipped lexicon's text.
const BUILTIN: &str = include_str!("data/lexicon_ko_en.tsv");

/// Irregular English past forms (and a few plurals) the stemmer does not
/// bring back to the base form, as `form base` pairs.
const IRREGULAR: &str = "said say held hold rose rise fell fall took take made make won win \
    lost lose left leave met meet sought seek fought fight brought bring bought buy sold sell \
    told tell thought think found find gave give got get began begin ran run came come went go \
    saw see knew know grew grow drew draw threw throw flew fly spent spend sent send built build \
    paid pay laid lay led lead fled flee struck strike hit hit cut cut shot shoot stood stand \
    spoke speak broke break chose choose wrote write drove drive rode ride ate eat fed feed \
    kept keep slept sleep felt feel dealt deal meant mean heard hear hung hang bore bear \
    swore swear tore tear wore wear sank sink sang sing rang ring shut shut set set put put \
    spread spread forecast forecast born bear taken take given give shown show known know \
    grown grow thrown throw flown fly drawn draw chosen choose written write driven drive \
    spoken speak broken break stolen steal frozen freeze risen rise fallen fall done do \
    children child men man women woman people person mice mouse feet foot teeth tooth";

/// A Korean→English lexicon with its search structures.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Per entry: the Korean form.
    ko: Vec<String>,
    /// Per entry: the English words as written in the lexicon.
    en: Vec<Vec<String>>,
    /// The Korean forms, for finding the longest one at a word start.
    forms: FormTrie,
    /// English stem → the entries one of whose words has that stem.
    by_stem: FxHashMap<String, Vec<u32>>,
    /// Irregular form → base form.
    irregular: FxHashMap<&'static str, &'static str>,
    /// Per entry: whether a glossary names it (see [`Lexicon::mark_names`]).
    names: Vec<bool>,
    /// Distinguishes lexicons in the per-thread cache of English words.
    serial: u64,
}

impl Lexicon {
    /// The shipped lexicon.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse(BUILTIN, "lexicon_ko_en.tsv").expect("the shipped lexicon parses")
        })
    }

    /// Parses a lexicon: `korean<TAB>english|english…` lines, `#` comments.
    /// `name` names the source in errors.
    pub fn parse(text: &str, name: &str) -> Result<Lexicon> {
        let mut ko = Vec::new();
        let mut en = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: &str| Error::BadLine {
                name: name.to_string(),
                line: n + 1,
                message: message.to_string(),
            };
            let (k, e) = line.split_once('\t').ok_or_else(|| bad("expected korean<TAB>english"))?;
            let words: Vec<String> =
                e.split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
            if k.trim().is_empty() || words.is_empty() {
                return Err(bad("the Korean form and the English words must not be empty"));
            }
            ko.push(crate::glossary::ko_key(k));
            en.push(words);
        }
        let forms = FormTrie::new(&ko);
        let irregular: FxHashMap<&'static str, &'static str> = {
            let w: Vec<&'static str> = IRREGULAR.split_whitespace().collect();
            w.chunks(2).map(|p| (p[0], p[1])).collect()
        };
        let stemmer = Stemmer::create(Algorithm::English);
        let mut by_stem: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, words) in en.iter().enumerate() {
            for w in words {
                let ids = by_stem.entry(stem(&stemmer, &irregular, w)).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        let names = vec![false; ko.len()];
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        Ok(Lexicon { ko, en, forms, by_stem, irregular, names, serial })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.ko.len()
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.ko.is_empty()
    }

    /// The Korean form of entry `id`.
    pub fn ko_form(&self, id: u32) -> &str {
        &self.ko[id as usize]
    }

    /// Marks the entries whose Korean form is also an entry of `glossary`,
    /// so that anchors treat the word and the name as one.
    pub fn mark_names(&mut self, glossary: &crate::glossary::Glossary) {
        self.names = self.ko.iter().map(|k| glossary.has_korean(k)).collect();
    }

    /// Whether entry `id` is also a glossary name (after [`Lexicon::mark_names`]).
    pub fn is_name(&self, id: u32) -> bool {
        self.names[id as usize]
    }

    /// The English words of entry `id`.
    pub fn en_words(&self, id: u32) -> &[String] {
        &self.en[id as usize]
    }

    /// The entries whose Korean form starts a word of `text` (sorted, unique):
    /// at each word start, the longest form found there.
    pub fn ko_hits(&self, text: &str) -> Vec<u32> {
        // A news sentence holds about ten words of the lexicon: room enough
        // that most never grow.
        let mut out = Vec::with_capacity(16);
        let mut p = 0;
        while let Some((c, len)) = char_at(text, p) {
            if !is_alphanumeric(c) {
                p += len;
                continue;
            }
            // A word starts at `p`: the longest form that the text goes on
            // with from here, if any.
            let mut next = p + len;
            if let Some((id, e)) = self.forms.longest_at(text, p) {
                out.push(id);
                // Matches do not overlap: on past this one.
                next = e;
            }
            // On to the end of the word.
            p = word_end(text, next);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The entries one of whose English words occurs in `text`, up to
    /// inflection (sorted, unique).
    pub fn en_hits(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.for_each_en_hit(text, |id| out.push(id));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Calls `f` with every entry one of whose English words occurs in
    /// `text` (as [`Lexicon::en_hits`], in text order and repeated).
    pub fn for_each_en_hit(&self, text: &str, mut f: impl FnMut(u32)) {
        thread_local! {
            static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
            static CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
        }
        const CACHE_WORDS: usize = 200_000;
        let mut word = String::new();
        CACHE.with_borrow_mut(|cache| {
            if cache.serial != Some(self.serial) || cache.len() > CACHE_WORDS {
                *cache = WordCache { serial: Some(self.serial), ..WordCache::default() };
            }
            let WordCache { tiny, short, long, ids, .. } = cache;
            // The entries of `token` (a word of two bytes or more), stemmed
            // now and kept in `ids`.
            let mut entries_of = |token: &str, ids: &mut Vec<u32>| -> (u32, u32) {
                word.clear();
                // ASCII: copied and lowercased in place.
                word.push_str(token);
                word.make_ascii_lowercase();
                let start = ids.len() as u32;
                STEMMER.with(|stemmer| {
                    let stem = stem(stemmer, &self.irregular, &word);
                    ids.extend_from_slice(self.by_stem.get(&stem).map_or(&[], |v| v.as_slice()));
                });
                (start, ids.len() as u32 - start)
            };
            for token in ascii_runs(text, &ASCII_WORD) {
                let token = token.trim_matches('-');
                if token.len() < 2 || !token.bytes().any(|b| b.is_ascii_alphabetic()) {
                    continue;
                }
                let entries = || entries_of(token, ids);
                let (start, n) = match short_key(token) {
                    // Most words: eight bytes or fewer, a table of half the size.
                    Some(key) if token.len() <= 8 => {
                        *tiny.entry(key as u64).or_insert_with(entries)
                    }
                    Some(key) => *short.entry(key).or_insert_with(entries),
                    None => *long.entry(token.to_ascii_lowercase()).or_insert_with(entries),
                };
                ids[start as usize..(start + n) as usize].iter().copied().for_each(&mut f);
            }
        });
    }
}

/// Per thread: the entries of each English word met, so that each word of a
/// corpus is stemmed once, for the lexicon of serial number `serial`.
///
/// Words of up to 16 bytes (nearly all) are keyed by their lowercase bytes
/// packed in a number, so a lookup compares keys in the table itself rather
/// than following a pointer to a string; words of up to eight bytes (most)
/// in a table of their own, whose slots take half the room (more of them
/// stay in cache). Each word's entries are a range of one shared vector
/// rather than an allocation of their own.
#[derive(Default)]
struct WordCache {
    serial: Option<u64>,
    tiny: FxHashMap<u64, (u32, u32)>,
    short: FxHashMap<u128, (u32, u32)>,
    long: FxHashMap<String, (u32, u32)>,
    /// The entries of all words, each word's a range `(start, len)`.
    ids: Vec<u32>,
}

impl WordCache {
    /// The number of words held.
    fn len(&self) -> usize {
        self.tiny.len() + self.short.len() + self.long.len()
    }
}

/// The lowercase bytes of a word of [`ASCII_WORD`] bytes of at most 16
/// bytes, zero-padded into one number (words hold no zero byte, so distinct
/// words differ). Setting bit 5 of each byte lowercases exactly these bytes:
/// letters go to lowercase, and digits, hyphens and lowercase letters have
/// it set already.
fn short_key(token: &str) -> Option<u128> {
    let b = token.as_bytes();
    if b.len() > 16 {
        return None;
    }
    debug_assert!(b.iter().all(|&c| ASCII_WORD[usize::from(c)]));
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    let bit5 = u128::from_le_bytes([0x20; 16]);
    let len_mask = u128::MAX.checked_shr(8 * (16 - b.len() as u32)).unwrap_or(0);
    Some(u128::from_le_bytes(k) | (bit5 & len_mask))
}

/// The Korean forms of a lexicon as a trie of characters: a word start is
/// matched against every form at once, one character (one lookup of a
/// number) at a time, with no string hashed or compared.
#[derive(Clone, Debug)]
struct FormTrie {
    /// The edges but the root's Hangul ones, `(node << 32) | char` → the
    /// child node (node 0 is the root) and the entry whose form ends there
    /// (the first entry of a form that is listed twice) or
    /// [`FormTrie::NONE`], in an open-addressing table: a lookup is a
    /// multiplication and, mostly, one comparison, and the step's entry
    /// comes with it.
    slots: Vec<(u64, [u32; 2])>,
    /// `slots.len() - 1` (a power of two less one).
    mask: usize,
    /// 64 - log2 of `slots.len()`.
    shift: u32,
    /// The root's edge (child and entry) for each Hangul syllable (from
    /// U+AC00), the child [`FormTrie::NONE`] when there is none: nearly
    /// every word start is looked up here, with no hashing.
    root: Vec<[u32; 2]>,
}

impl FormTrie {
    const NONE: u32 = u32::MAX;
    /// The key of an empty slot: no node has 2^32 - 1 children.
    const EMPTY: u64 = u64::MAX;

    fn new(forms: &[String]) -> FormTrie {
        let mut edges: FxHashMap<u64, u32> = FxHashMap::default();
        let mut entry = vec![FormTrie::NONE];
        for (id, form) in forms.iter().enumerate() {
            let mut node = 0;
            for c in form.chars() {
                let fresh = entry.len() as u32;
                node = *edges.entry(FormTrie::key(node, c)).or_insert(fresh);
                if node == fresh {
                    entry.push(FormTrie::NONE);
                }
            }
            // The root is never a match (a form is never empty).
            if node != 0 && entry[node as usize] == FormTrie::NONE {
                entry[node as usize] = id as u32;
            }
        }
        // The root's Hangul edges go to the root table, which `longest_at`
        // reads for them; the others to the hashed table, at most half full.
        let mut root = vec![[FormTrie::NONE; 2]; SYLLABLES];
        let mut rest = Vec::with_capacity(edges.len());
        for (key, child) in edges {
            let edge = [child, entry[child as usize]];
            let c = char::from_u32(key as u32).expect("keys are built from chars");
            match syllable_index(c).filter(|_| key >> 32 == 0) {
                Some(k) => root[k] = edge,
                None => rest.push((key, edge)),
            }
        }
        let size = (2 * rest.len()).next_power_of_two().max(2);
        let mut t = FormTrie {
            slots: vec![(FormTrie::EMPTY, [0; 2]); size],
            mask: size - 1,
            shift: 64 - size.trailing_zeros(),
            root,
        };
        for (key, edge) in rest {
            let mut i = t.slot(key);
            while t.slots[i].0 != FormTrie::EMPTY {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (key, edge);
        }
        t
    }

    fn key(node: u32, c: char) -> u64 {
        (u64::from(node) << 32) | u64::from(c)
    }

    /// Where the search for `key` starts (Fibonacci hashing).
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The child of `node` by `c` and the entry that ends there (not for
    /// the root's Hangul edges: see [`FormTrie::root`]).
    fn child(&self, node: u32, c: char) -> Option<[u32; 2]> {
        let key = FormTrie::key(node, c);
        let mut i = self.slot(key);
        loop {
            let (k, edge) = self.slots[i];
            if k == key {
                return Some(edge);
            }
            if k == FormTrie::EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The entry of the longest form that `text` holds from byte `p` on,
    /// with where it ends.
    fn longest_at(&self, text: &str, p: usize) -> Option<(u32, usize)> {
        let (mut node, mut end, mut hit) = (0, p, None);
        while let Some((c, len)) = char_at(text, end) {
            let edge = match syllable_index(c) {
                Some(k) if node == 0 => Some(self.root[k]).filter(|e| e[0] != FormTrie::NONE),
                _ => self.child(node, c),
            };
            let Some([child, id]) = edge else { break };
            node = child;
            end += len;
            if id != FormTrie::NONE {
                hit = Some((id, end));
            }
        }
        hit
    }
}

/// The character at byte `p` of `text` and its length, three-byte
/// characters (all of Hangul) decoded in place.
#[inline(always)]
fn char_at(text: &str, p: usize) -> Option<(char, usize)> {
    let b = text.as_bytes();
    match *b.get(p)? {
        x if x.is_ascii() => Some((char::from(x), 1)),
        0xe0..=0xef => {
            let c = crate::segment::three_byte_char(b, p);
            Some((char::from_u32(c).expect("valid UTF-8 decodes to a char"), 3))
        }
        _ => text[p..].chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// The end of the run of alphanumeric characters starting at byte `p` of
/// `text` (`p` itself when there is none). Hangul syllables led by EB or EC
/// (U+B000–U+CFFF, most of them) and ASCII are read without decoding.
fn word_end(text: &str, mut p: usize) -> usize {
    let b = text.as_bytes();
    while let Some(&x) = b.get(p) {
        p += match x {
            x if leads_syllable(x) => 3,
            _ if x.is_ascii() => {
                if !x.is_ascii_alphanumeric() {
                    break;
                }
                1
            }
            _ => match text[p..].chars().next() {
                Some(c) if is_alphanumeric(c) => c.len_utf8(),
                _ => break,
            },
        };
    }
    p
}

/// The stem of a lowercase English word, irregular forms first brought back
/// to their base.
fn stem(
    stemmer: &Stemmer,
    irregular: &FxHashMap<&'static str, &'static str>,
    word: &str,
) -> String {
    let base = irregular.get(word).copied().unwrap_or(word);
    stemmer.stem(base).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Lexicon {
        Lexicon::parse(
            "# test\n정부\tgovernment\n발표\tannounce|announcement\n대통령\tpresident\n\
             대통령실\tpresidential|office\n늘어\tincrease|rise\n",
            "t.tsv",
        )
        .unwrap()
    }

    #[test]
    fn word_end_reads_hangul_ascii_and_other_letters() {
        let text = "정부는G20·회의 가힣é. 끝";
        let naive = |p: usize| {
            p + text[p..]
                .chars()
                .take_while(|&c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum::<usize>()
        };
        for (p, _) in text.char_indices() {
            assert_eq!(word_end(text, p), naive(p), "from {p}");
        }
        assert_eq!(word_end(text, text.len()), text.len());
    }

    fn ko_forms(l: &Lexicon, text: &str) -> Vec<String> {
        l.ko_hits(text).into_iter().map(|i| l.ko_form(i).to_string()).collect()
    }

    #[test]
    fn korean_forms_match_at_word_start_with_particles() {
        let l = small();
        assert_eq!(ko_forms(&l, "정부는 새 계획을 발표했다."), ["정부", "발표"]);
        // Inside a word is not a match; the longest form at a start wins.
        assert_eq!(ko_forms(&l, "지방정부와 대통령실이"), ["대통령실"]);
        assert_eq!(ko_forms(&l, "수출이 늘어났다"), ["늘어"]);
        // A form listed twice is its first entry.
        let twice = Lexicon::parse("정부\tgovernment\n정부\tadministration\n", "t.tsv").unwrap();
        assert_eq!(twice.ko_hits("정부는"), [0]);
    }

    /// What [`Lexicon::ko_hits`] finds, by trying every form at every word
    /// start: the longest form the text goes on with, then on past it to
    /// the end of the word.
    fn ko_hits_by_brute_force(l: &Lexicon, text: &str) -> Vec<u32> {
        let alnum = |c: char| is_alphanumeric(c);
        let mut out = Vec::new();
        let mut p = 0;
        while let Some(c) = text[p..].chars().next() {
            if !alnum(c) {
                p += c.len_utf8();
                continue;
            }
            let best = (0..l.len() as u32)
                .filter(|&id| text[p..].starts_with(l.ko_form(id)))
                // The longest form, and the first entry of a form listed twice.
                .min_by_key(|&id| (std::cmp::Reverse(l.ko_form(id).len()), id));
            let next = best.map_or(p + c.len_utf8(), |id| p + l.ko_form(id).len());
            out.extend(best);
            p = next
                + text[next..].chars().take_while(|&c| alnum(c)).map(char::len_utf8).sum::<usize>();
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    proptest::proptest! {
        /// Texts of lexicon forms, pieces of them, particles, Latin letters,
        /// digits and separators, glued or spaced.
        #[test]
        fn korean_hits_are_the_longest_forms_at_word_starts(
            picks in proptest::collection::vec((0usize..5_000, 0usize..8), 1..12)
        ) {
            let l = Lexicon::builtin();
            let glue = ["", " ", "는 ", "을", "(", "·", "G20", "é"];
            let mut text = String::new();
            for (k, g) in picks {
                let form = l.ko_form((k % l.len()) as u32);
                // Whole forms and their first characters.
                let cut = form.char_indices().nth(1 + k % 3).map_or(form.len(), |(i, _)| i);
                text.push_str(if k % 2 == 0 { form } else { &form[..cut] });
                text.push_str(glue[g]);
            }
            proptest::prop_assert_eq!(l.ko_hits(&text), ko_hits_by_brute_force(l, &text));
        }
    }

    #[test]
    fn english_words_match_up_to_inflection() {
        let l = small();
        let forms = |t: &str| -> Vec<String> {
            l.en_hits(t).into_iter().map(|i| l.ko_form(i).to_string()).collect()
        };
        assert_eq!(forms("The government announced it."), ["정부", "발표"]);
        assert_eq!(forms("Exports rose; the President's office"), ["대통령", "대통령실", "늘어"]);
        assert!(forms("nothing here at all").is_empty());
    }

    #[test]
    fn cached_words_give_the_same_entries_short_or_long() {
        // A word past 16 bytes takes the cache's string-keyed side.
        let l = Lexicon::parse(
            "정부\tgovernment\n국제화\tinternationalization|internationalizations\n",
            "t.tsv",
        )
        .unwrap();
        let text = "Internationalizations; GOVERNMENT led internationalization, governments";
        let mut want = vec![];
        l.for_each_en_hit(text, |id| want.push(id));
        assert_eq!(want, [1, 0, 1, 0]);
        // Again, now from the cache.
        let mut again = vec![];
        l.for_each_en_hit(text, |id| again.push(id));
        assert_eq!(again, want);
        // Words of eight bytes or fewer (their own table) alike in their
        // first four keep their own entries too, in any case.
        let l = Lexicon::parse("항구\tport\n수출\texport\n", "t.tsv").unwrap();
        let mut ids = vec![];
        l.for_each_en_hit("PORTS portal Exports port-side ports", |id| ids.push(id));
        assert_eq!(ids, [0, 1, 0]);
        // Words alike in their first eight bytes keep their own entries.
        let l = small();
        let mut ids = vec![];
        l.for_each_en_hit("presidents presidential presidents", |id| ids.push(l.ko_form(id)));
        assert_eq!(ids, ["대통령", "대통령실", "대통령"]);
        // Another lexicon replaces the cache rather than reading its entries.
        let other = Lexicon::parse("국제화\tinternationalization\n", "u.tsv").unwrap();
        let mut theirs = vec![];
        other.for_each_en_hit(text, |id| theirs.push(id));
        assert_eq!(theirs, [0, 0]);
    }

    #[test]
    fn a_form_with_punctuation_may_span_words() {
        // Not a form the shipped lexicon has, but a user's lexicon may.
        let l = Lexicon::parse("한미\tallies\n한·미\tallied\n미\tus\n", "t.tsv").unwrap();
        assert_eq!(ko_forms(&l, "한·미 정상"), ["한·미"]);
        assert_eq!(ko_forms(&l, "한미 정상과 미 국무부"), ["한미", "미"]);
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let e = Lexicon::parse("# c\n정부 government\n", "x.tsv").unwrap_err();
        assert_eq!(e.to_string(), "x.tsv: line 2: expected korean<TAB>english");
        let e = Lexicon::parse("정부\t|\n", "x.tsv").unwrap_err();
        assert!(e.to_string().starts_with("x.tsv: line 1: "), "{e}");
    }

    #[test]
    fn hanja_abbreviations_of_the_press_are_words() {
        let l = Lexicon::builtin();
        let ko = |t: &str| -> Vec<String> {
            l.ko_hits(t).into_iter().map(|i| l.ko_form(i).to_string()).collect()
        };
        assert!(ko("美 국무부, 北 미사일 발사 규탄").iter().any(|f| f == "美"));
        assert!(ko("北, 동해상으로 탄도미사일 발사").iter().any(|f| f == "北"));
        let en: Vec<String> = l
            .en_hits("North Korea fired a missile, Washington said")
            .into_iter()
            .map(|i| l.ko_form(i).to_string())
            .collect();
        assert!(en.iter().any(|f| f == "北") && en.iter().any(|f| f == "美"), "{en:?}");
    }

    #[test]
    fn the_shipped_lexicon_parses() {
        let l = Lexicon::builtin();
        assert!(l.len() > 1000, "{} entries", l.len());
        assert!(!l.ko_hits("정부가 발표했다").is_empty());
    }
}
