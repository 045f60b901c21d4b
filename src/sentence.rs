//! Sentence boundaries inside one paragraph, for Korean and English.
//!
//! [`split_paragraph`] reads a paragraph once, left to right, and decides at
//! a few kinds of places whether a sentence ends there. The word lists it
//! uses are data, embedded from `src/data/` and parsed once:
//! `abbreviations_en.txt`, `sentence_starters_en.txt` and
//! `korean_endings.txt` (each file says what its sections mean).
//!
//! **Both languages.**
//! - A sentence ends after a run of `. ! ? …` (and `。 ！ ？`), together with
//!   the closing quotes and brackets and the footnote marks (`[1]`,
//!   `[참고 2]`) that follow it, when whitespace comes next.
//! - No sentence ends inside a quotation or bracket that closes later in
//!   the paragraph: `"The talks are not over. Please wait," Park said.` and
//!   `그는 "준비됐다. 기다려 달라"고 말했다.` are one sentence each. A
//!   terminator right before the closing mark is judged after it.
//! - List markers (`1.`, `2)`, `3.)`, `a.`, `b)`) at the start of a segment
//!   do not end a sentence, and the next marker in the sequence starts a new
//!   one: `1) The first item 2) The second item`.
//! - The bullets `•` and `⁃` start a new segment wherever they stand; `▲ ■ -
//!   * ○ ●` and the like only at the start of a line, because Korean news
//!   uses inline `▲` lists inside one sentence.
//! - Copyright notices (`ⓒ`, `©`, `Copyright ©`, `<저작권자…>`, `무단전재`),
//!   end marks (`(END)`, `(끝)`, `<끝>`) and an e-mail address after a full
//!   stop are segments of their own. Bylines and datelines (`(서울=연합뉴스)
//!   홍길동 기자 = …`) hold no terminator and stay with the first sentence.
//! - A newline inside a paragraph is a hard break after a sentence-final
//!   mark, a Korean final ending, a colon, a line without spaces (a
//!   headline), inside a notice, or before a bullet, a list marker, a notice
//!   or a dateline; otherwise it is a soft wrap.
//!
//! **English.** After a period the next word must start like a sentence (a
//! capital, a digit, an opening quote); a lower-case word never starts one.
//! Abbreviations are looked up by class: titles (`Mr.`, `Gen.`) never end a
//! sentence; number words (`No. 2`, `p. 55`) and months (`Jan. 5`) do not
//! before a number; words such as `Inc.`, `Co.`, `U.S.`, `Jr.` and initials
//! end one only before a common sentence starter (`and co. They`, `Albert
//! I. Jones`); times, units, eras and degrees (`6 p.m.`, `5 lb.`, `44 B.C.`,
//! `Ph.D.`) end one before a starter or a capitalised word, unless the
//! sentence opened with a preposition (`At 5 a.m. Mr. Smith went …`) or the
//! word is a weekday, month or time zone (`3 p.m. Friday`); before a number
//! only a time does (`at 7 p.m. 7 a.m. is …`, but `5 ft. 6 in.`). Decimals
//! and inner periods (`12.5`, `U.S.A.`, `Jane.Doe@…`) are never boundaries;
//! `word.Next` is one. After an ellipsis (`...`, `…`, `. . .`) a capital
//! starts a sentence, except the pronoun `I`, which is capitalised anyway.
//!
//! **Korean.** `. ! ?` end a sentence whatever follows, even with no space
//! (`발표했다.이어`), except: numbers and dates (`3.5%`, `2024. 3. 5.`),
//! Latin abbreviations (`U.S. 스틸`), and a `?` or `!` followed by a
//! quotative word (`되나? 싶었는데`, `않았을까? 라는`). Without punctuation, a
//! word that ends in a sentence-final ending ends the sentence when another
//! word follows: `다` after a past, present or copula form (`했다`, `한다`,
//! `없다`, `습니다`, `이다`), `요`, `죠`, `ㄹ까`, the nominal endings of notes
//! (`했음`, `아님`, `됨`), and a few casual ones (`구나`, `거야`, `네용`). The
//! bare plain form of a stem (`좋다`, `피곤하다`) counts only in a paragraph
//! that never ends a sentence with a mark, and not before another predicate,
//! since verbs use it for a contracted `-다(가)`: `차를 몰다 사고를 냈다`.
//! Connective forms (`했다는`, `하다고`) are not word-final, nouns and names
//! that look final are listed (`필요`, `보다`, `캐나다`), and a quotative or
//! auxiliary next word (`라는`, `싶었는데`, `보니`) keeps the sentence going.
//! Trailing laughter and emoticons (`ㅋㅋ`, `ㅠㅠ`, `^^`, emoji) end a
//! sentence and stay with it. An ellipsis ends a sentence unless a particle
//! comes before it (`해가… 나야`) or it follows a lone interjection (`아...
//! 길었다`).
//!
//! The scan reads each byte once and looks at most a word ahead or behind
//! at each candidate boundary, so time is linear in the paragraph.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::document::{Lang, Span};
use crate::segment::{syllable_index, SYLLABLES};

/// Splits the paragraph `p` of `text` into trimmed sentence spans (byte
/// offsets into `text`, in order, not overlapping). Every non-whitespace
/// character of the paragraph is in exactly one span.
pub fn split_paragraph(text: &str, p: Span, lang: Lang) -> Vec<Span> {
    let para = p.of(text);
    let cuts = Splitter::new(para, lang).run();
    let mut out = Vec::with_capacity(cuts.len() + 1);
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

// ---------------------------------------------------------------------------
// Word lists

/// How an English abbreviation behaves (see `abbreviations_en.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Abbrev {
    Title,
    Number,
    Month,
    Time,
    Postfix,
    Other,
}

struct EnglishLists {
    abbreviations: HashMap<&'static str, Abbrev>,
    starters: HashSet<&'static str>,
    intro: HashSet<&'static str>,
    after_time: HashSet<&'static str>,
}

struct KoreanLists {
    /// The last syllables of the `finals` and `not_final` entries (sorted),
    /// so that most words need no look-up at all.
    finals_last: Vec<char>,
    not_final_last: Vec<char>,
    /// One bit per Hangul syllable (from U+AC00): set when a word ending in
    /// it may end a sentence, by the lists or by shape ([`FINAL_SYLLABLES`]).
    may_end: Vec<u64>,
    /// Final suffix → whether another syllable must come before it.
    finals: HashMap<&'static str, bool>,
    not_final: HashSet<&'static str>,
    continuation: HashSet<&'static str>,
    continuation_prefixes: Vec<&'static str>,
}

/// The entries of a list file as (section, entry) pairs.
fn entries(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut section = "";
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => section = name,
            None => out.push((section, line)),
        }
    }
    out
}

static ENGLISH: LazyLock<EnglishLists> = LazyLock::new(|| {
    let mut abbreviations = HashMap::new();
    for (section, word) in entries(include_str!("data/abbreviations_en.txt")) {
        let class = match section {
            "title" => Abbrev::Title,
            "number" => Abbrev::Number,
            "month" => Abbrev::Month,
            "time" => Abbrev::Time,
            "postfix" => Abbrev::Postfix,
            "other" => Abbrev::Other,
            _ => panic!("abbreviations_en.txt: unknown section [{section}]"),
        };
        abbreviations.insert(word, class);
    }
    let mut starters = HashSet::new();
    let mut intro = HashSet::new();
    let mut after_time = HashSet::new();
    for (section, word) in entries(include_str!("data/sentence_starters_en.txt")) {
        match section {
            "starter" => starters.insert(word),
            "intro" => intro.insert(word),
            "after-time" => after_time.insert(word),
            _ => panic!("sentence_starters_en.txt: unknown section [{section}]"),
        };
    }
    EnglishLists { abbreviations, starters, intro, after_time }
});

static KOREAN: LazyLock<KoreanLists> = LazyLock::new(|| {
    let mut lists = KoreanLists {
        finals_last: Vec::new(),
        not_final_last: Vec::new(),
        may_end: vec![0; SYLLABLES.div_ceil(64)],
        finals: HashMap::new(),
        not_final: HashSet::new(),
        continuation: HashSet::new(),
        continuation_prefixes: Vec::new(),
    };
    for (section, word) in entries(include_str!("data/korean_endings.txt")) {
        match section {
            "final" => {
                let (w, needs_prefix) = word.strip_prefix('-').map_or((word, false), |w| (w, true));
                lists.finals.insert(w, needs_prefix);
            }
            "not-final" => {
                lists.not_final.insert(word);
            }
            "continuation" => match word.strip_suffix('*') {
                Some(w) => lists.continuation_prefixes.push(w),
                None => {
                    lists.continuation.insert(word);
                }
            },
            _ => panic!("korean_endings.txt: unknown section [{section}]"),
        }
    }
    let last_syllables = |words: &mut dyn Iterator<Item = &&'static str>| {
        let mut v: Vec<char> = words.filter_map(|w| w.chars().next_back()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    lists.finals_last = last_syllables(&mut lists.finals.keys());
    lists.not_final_last = last_syllables(&mut lists.not_final.iter());
    for &c in lists.finals_last.iter().chain(&FINAL_SYLLABLES) {
        if let Some(k) = syllable_index(c) {
            lists.may_end[k / 64] |= 1 << (k % 64);
        }
    }
    lists
});

/// Whether a word ending in `c` may end a sentence: false for a Hangul
/// syllable that no final ending, listed or known by shape, ends with
/// (most words), true for any other character.
fn may_end_sentence(c: char) -> bool {
    let Some(k) = syllable_index(c) else { return true };
    KOREAN.may_end[k / 64] >> (k % 64) & 1 == 1
}

/// The syllables that end the forms [`ko_final_strength`] knows by shape.
const FINAL_SYLLABLES: [char; 19] = [
    '다', '요', '죠', '쥬', '듦', '임', '냐', '됨', '함', '까', '음', '지', '나', '제', '재', '야',
    '용', '당', '염',
];

// ---------------------------------------------------------------------------
// Characters

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '｡')
}

/// `!`, `?` and their relatives (everything but the full stop and ellipsis).
fn is_mark(c: char) -> bool {
    matches!(c, '!' | '?' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '`'
            | ')'
            | ']'
            | '}'
            | '）'
            | '］'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '»'
            | '›'
            | '>'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
            | '（'
            | '［'
            | '「'
            | '『'
            | '《'
            | '〈'
            | '【'
            | '«'
            | '‹'
            | '<'
    )
}

/// Quotation marks and brackets whose inside is protected, with their
/// closing partner; the index is the slot in [`Splitter::memo`].
const PAIRS: [(char, char); 15] = [
    ('"', '"'),
    ('\'', '\''),
    ('“', '”'),
    ('‘', '’'),
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('［', '］'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('〈', '〉'),
    ('【', '】'),
    ('<', '>'),
];

/// Bytes that may start a character the scanner acts on: ASCII terminators,
/// whitespace and quotation marks, and the lead bytes of every non-ASCII
/// character except the Hangul block (lead bytes EA..ED), which never
/// matters by itself. Continuation bytes (80..BF) are never interesting.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let ascii = b".!?\"'([{< \t\n\r\x0b\x0c";
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = true;
        k += 1;
    }
    let mut b = 0xc0;
    while b < 0x100 {
        t[b] = !(b >= 0xea && b <= 0xed);
        b += 1;
    }
    t
};

/// How far (in bytes) a decision looks at the word before or after a
/// boundary.
const PEEK: usize = 128;

/// A quotation longer than this (in bytes) is not protected: a stray quote
/// mark must not glue a whole paragraph together.
const MAX_PROTECTED: usize = 1500;

/// Bullets that start an item wherever they stand.
fn is_inline_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '‣' | '∙')
}

/// Bullets that start an item at the start of a line.
fn is_line_bullet(c: char) -> bool {
    is_inline_bullet(c)
        || matches!(
            c,
            '-' | '*'
                | '▲'
                | '△'
                | '▶'
                | '▷'
                | '►'
                | '■'
                | '□'
                | '◆'
                | '◇'
                | '○'
                | '●'
                | '◎'
                | '※'
                | '☞'
                | '–'
                | '—'
        )
}

fn is_syllable(c: char) -> bool {
    syllable_index(c).is_some()
}

/// Hangul compatibility jamo: ㄱ … ㅎ, ㅏ … ㅣ (used alone for laughter,
/// tears, "ㅇㅇ" and cut-off words).
fn is_compat_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{318e}').contains(&c)
}

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{fe0f}' | '\u{200d}')
}

/// What trails a casual Korean word without being part of it.
fn is_decoration(c: char) -> bool {
    is_compat_jamo(c) || is_emoji(c) || matches!(c, '~' | '^' | '♡' | '♥' | '☆' | '★' | '♪' | ';')
}

/// Laughter, tears and emoticons: they close the sentence they follow.
fn is_laughter(c: char) -> bool {
    matches!(c, 'ㅋ' | 'ㅎ' | 'ㅠ' | 'ㅜ' | '^' | '♡' | '♥') || is_emoji(c)
}

/// The final consonant index of a Hangul syllable (0 for none, 4 ㄴ, 8 ㄹ,
/// 17 ㅂ, 18 ㅄ, 20 ㅆ).
fn jong(c: char) -> u32 {
    if is_syllable(c) {
        (c as u32 - 0xac00) % 28
    } else {
        0
    }
}

/// Whether a syllable with final consonant `j` can end a predicate stem or
/// a tense marker before 다: ㄱ ㄴ ㄶ ㄹ ㄺ ㄻ ㄼ ㅀ ㅂ ㅄ ㅆ ㅈ ㅌ ㅍ ㅎ (작다,
/// 한다, 많다, 길다, 밝다, 젊다, 넓다, 싫다, 덥다, 없다, 했다, 낮다, 같다, 높다,
/// 좋다). No stem ends in ㅇ or ㅋ, and stems in ㅅ ㄲ ㄷ ㅁ ㅊ are verbs whose
/// plain form does not end a sentence, so 주젯다 or 총영다 are names.
fn predicate_jong(j: u32) -> bool {
    matches!(j, 1 | 4 | 6 | 8 | 9 | 10 | 11 | 15 | 17 | 18 | 20 | 22 | 25 | 26 | 27)
}

/// The vowel index of a Hangul syllable (18 is ㅡ).
fn jung(c: char) -> u32 {
    (c as u32 - 0xac00) / 28 % 21
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Splits `word` into the word proper and its trailing decoration.
fn split_decoration(word: &str) -> (&str, &str) {
    let core = word.trim_end_matches(is_decoration);
    (core, &word[core.len()..])
}

// ---------------------------------------------------------------------------
// Korean words

/// How surely a Korean word ends a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Final {
    No,
    /// The plain form of a stem (좋다, 뜨겁다, 피곤하다): an adjective ends a
    /// sentence with it, but a verb uses it as a contracted -다(가) "while":
    /// 차량을 몰다 보행자를 치었다.
    Weak,
    Strong,
}

/// Whether the (undecorated) eojeol `word` ends in a sentence-final ending.
fn ko_final(word: &str) -> bool {
    ko_final_strength(word) != Final::No
}

/// How surely the (undecorated) eojeol `word` ends in a sentence-final
/// ending.
fn ko_final_strength(word: &str) -> Final {
    let strong = |b: bool| if b { Final::Strong } else { Final::No };
    let last = word.chars().next_back().unwrap_or(' ');
    if !is_syllable(last) {
        return Final::No;
    }
    if !may_end_sentence(last) {
        return Final::No;
    }
    let lists = &*KOREAN;
    let by_shape = FINAL_SYLLABLES.contains(&last);
    let listed = lists.finals_last.binary_search(&last).is_ok();
    let tail_start =
        word.char_indices().rev().take_while(|&(_, c)| is_syllable(c)).last().map(|(k, _)| k);
    let tail = &word[tail_start.unwrap_or(0)..];
    let suffixes = || tail.char_indices().map(|(k, _)| (k, &tail[k..]));
    if lists.not_final_last.binary_search(&last).is_ok()
        && suffixes().any(|(_, s)| lists.not_final.contains(s))
    {
        return Final::No;
    }
    if listed {
        for (k, s) in suffixes() {
            if let Some(&needs_prefix) = lists.finals.get(s) {
                if !needs_prefix || k > 0 {
                    return Final::Strong;
                }
            }
        }
    }
    if !by_shape {
        return Final::No;
    }
    let mut rev = tail.chars().rev().skip(1);
    let p1 = rev.next();
    let p2 = rev.next();
    let p = p1.unwrap_or(' ');
    if p1.is_some() && last == '다' {
        // 했다, 한다, 없다, 습니다, 이다, 합시다.
        if matches!(jong(p), 4 | 18 | 20)
            || matches!(p, '니' | '이')
            || (p == '시' && p2.is_some_and(|q| jong(q) == 17))
        {
            return Final::Strong;
        }
        // 좋다, 크다, 피곤하다; not 바다, 보다, 마다, or names such as
        // 기시다 and 주젯다.
        if predicate_jong(jong(p)) || p == '하' || (is_syllable(p) && jung(p) == 18) {
            return Final::Weak;
        }
        return Final::No;
    }
    strong(match last {
        // 몰라요, 불러요 (르-irregular), not the name 라요.
        '요' if matches!(p, '라' | '러') => p2.is_some_and(|q| jong(q) == 8),
        '요' | '죠' | '쥬' | '듦' | '임' | '냐' => p1.is_some(),
        '됨' => true,
        '함' => p1.is_none(),
        // 할까, 일까, 합니까; not 니까 "because".
        '까' => jong(p) == 8 || (p == '니' && p2.is_some_and(|q| jong(q) == 17)),
        // 했음, 있음, 먹음; not 처음, 다음, 마음, 발음, 방음.
        '음' => predicate_jong(jong(p)) && jong(p) != 8,
        // 했지, 있나, 없재, 싶었제.
        '지' | '나' | '제' | '재' => matches!(jong(p), 18 | 20),
        '야' => matches!(p, '거' | '꺼' | '이'),
        '용' => matches!(
            p,
            '네' | '까'
                | '어'
                | '아'
                | '해'
                | '세'
                | '게'
                | '데'
                | '구'
                | '나'
                | '죠'
                | '여'
                | '워'
                | '봐'
                | '와'
                | '줘'
                | '돼'
                | '래'
                | '요'
                | '니'
        ),
        '당' => p == '니',
        '염' => matches!(p, '해' | '어' | '아' | '네' | '세'),
        _ => false,
    })
}

/// Whether `word` ends in a connective ending or a particle, after which a
/// `~` does not close the sentence.
fn ko_connective(word: &str) -> bool {
    matches!(
        word.chars().next_back(),
        Some(
            '고' | '며'
                | '서'
                | '면'
                | '데'
                | '니'
                | '지'
                | '게'
                | '도'
                | '는'
                | '을'
                | '를'
                | '에'
                | '의'
                | '이'
                | '가'
                | '와'
                | '과'
                | '랑'
                | '만'
                | '든'
        )
    )
}

/// Whether `word` ends in a particle (`해가…`, `때문에...`).
fn ko_particle(word: &str) -> bool {
    matches!(word.chars().next_back(), Some('에' | '의' | '을' | '를' | '이' | '가' | '겐' | '게'))
}

/// Whether the word `token` (a quotative or auxiliary) carries on the
/// sentence before it.
fn ko_continuation(token: &str) -> bool {
    let lists = &*KOREAN;
    let t = token.trim_end_matches(|c: char| c.is_ascii_punctuation() || is_terminator(c));
    lists.continuation.contains(t) || lists.continuation_prefixes.iter().any(|p| t.starts_with(p))
}

// ---------------------------------------------------------------------------
// English words

/// What the word before a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    Abbrev(Abbrev),
    /// An initial (`E.`) or an unlisted dotted abbreviation (`P.D.T.`).
    Initial,
    Number,
    Plain,
}

fn abbreviation(word: &str) -> Option<Abbrev> {
    let lists = &*ENGLISH;
    if let Some(&a) = lists.abbreviations.get(word) {
        return Some(a);
    }
    // A lower-case entry also matches with a capital first letter.
    let bytes = word.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_uppercase) && bytes.len() <= 16 {
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[0] = buf[0].to_ascii_lowercase();
        let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
        return lists.abbreviations.get(lower).copied();
    }
    None
}

fn en_word_kind(word: &str) -> WordKind {
    let w =
        word.trim_start_matches(|c: char| is_opener(c) || matches!(c, '$' | '£' | '€' | '¥' | '#'));
    if w.is_empty() {
        return WordKind::Plain;
    }
    if w.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return WordKind::Number;
    }
    if let Some(a) = abbreviation(w) {
        return WordKind::Abbrev(a);
    }
    // 6a.m. is 6 a.m.
    let unit = w.trim_start_matches(|c: char| c.is_ascii_digit());
    if unit.len() < w.len() && !unit.is_empty() {
        if let Some(a) = abbreviation(unit) {
            return WordKind::Abbrev(a);
        }
    }
    let mut chars = w.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() && first.is_uppercase() {
        return WordKind::Initial;
    }
    if w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.') {
        return WordKind::Initial;
    }
    WordKind::Plain
}

/// Whether the word starting `next` is a common sentence starter (or an
/// opening quotation mark).
fn en_starter(next: &str) -> bool {
    let c = next.chars().next().unwrap_or(' ');
    if matches!(c, '"' | '“' | '‘') {
        return true;
    }
    ENGLISH.starters.contains(alpha_prefix(next))
}

/// The letters at the start of `s` ("They" of "They,").
fn alpha_prefix(s: &str) -> &str {
    &s[..s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len())]
}

/// Whether `c` may begin an English sentence.
fn starts_sentence(c: char) -> bool {
    if c.is_lowercase() {
        return false;
    }
    c.is_uppercase()
        || c.is_ascii_digit()
        || is_opener(c)
        || is_line_bullet(c)
        || (c.is_alphabetic() && !c.is_ascii())
}

// ---------------------------------------------------------------------------
// List markers

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MarkerKind {
    Number,
    Lower,
    Upper,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MarkerStyle {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marker {
    kind: MarkerKind,
    style: MarkerStyle,
    value: u32,
}

impl Marker {
    fn follows(self, prev: Marker) -> bool {
        self.kind == prev.kind && self.style == prev.style && self.value == prev.value + 1
    }
}

// ---------------------------------------------------------------------------
// The scanner

/// What a run of terminators is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// One full stop.
    Stop,
    /// `!`, `?` or a mix with them.
    Mark,
    /// Two or more dots (also spaced, `. . .`) or `…`.
    Ellipsis,
}

struct Splitter<'a> {
    s: &'a str,
    b: &'a [u8],
    lang: Lang,
    /// Byte offsets where sentences end.
    cuts: Vec<usize>,
    last_cut: usize,
    /// Tokens begun since the last cut, and where the first one starts.
    seg_tokens: usize,
    seg_first: usize,
    /// Start of the current token.
    tok: usize,
    /// Start of the current line.
    line: usize,
    /// The last protected quotation or bracket: (opener, closer) offsets.
    protect: Option<(usize, usize)>,
    /// Per pair in [`PAIRS`]: a scan from `.0` found the first closer at
    /// `.1` (`usize::MAX`: none up to the end).
    memo: [(usize, usize); PAIRS.len()],
    last_marker: Option<Marker>,
    /// The period of the current list marker, which ends nothing.
    marker_dot: usize,
    /// A copyright notice runs on this line.
    in_notice: bool,
    /// Tokens made only of quotation marks so far.
    quote_tokens: usize,
    /// The paragraph ends some sentence with `. ! ?` right after Hangul: its
    /// writer punctuates, so a bare plain form (좋다) is no boundary.
    punctuated: bool,
}

impl<'a> Splitter<'a> {
    fn new(s: &'a str, lang: Lang) -> Splitter<'a> {
        Splitter {
            s,
            b: s.as_bytes(),
            lang,
            cuts: Vec::new(),
            last_cut: 0,
            seg_tokens: 0,
            seg_first: 0,
            tok: 0,
            line: 0,
            protect: None,
            memo: [(usize::MAX, 0); PAIRS.len()],
            last_marker: None,
            marker_dot: usize::MAX,
            in_notice: false,
            quote_tokens: 0,
            punctuated: lang == Lang::Ko
                && s.bytes().enumerate().any(|(k, b)| {
                    matches!(b, b'.' | b'!' | b'?') && char_before(s, k).is_some_and(is_syllable)
                }),
        }
    }

    fn run(mut self) -> Vec<usize> {
        // The bytes in a local of their own: the loop below reads them from
        // a register, not through `self`, which the calls it makes can change.
        let b = self.b;
        let n = b.len();
        let mut i = self.skip_ws(0);
        if i < n {
            self.token_start(i);
        }
        while i < n {
            let byte = b[i];
            if !INTERESTING[usize::from(byte)] {
                // ASCII, or a whole Hangul character (lead bytes EA..ED).
                i += if byte >= 0xe0 { 3 } else { 1 };
                continue;
            }
            if byte < 0x80 {
                i = match byte {
                    b'.' | b'!' | b'?' => self.terminator(i),
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.whitespace(i),
                    b'"' | b'\'' | b'(' | b'[' | b'{' | b'<' => {
                        self.opener(i, byte as char);
                        i + 1
                    }
                    _ => i + 1,
                };
                continue;
            }
            let c = char_at(self.s, i).unwrap_or(' ');
            let len = c.len_utf8();
            if c.is_whitespace() {
                i = self.whitespace(i);
            } else if is_terminator(c) {
                i = self.terminator(i);
            } else if is_opener(c) {
                self.opener(i, c);
                i += len;
            } else if self.lang == Lang::Ko && matches!(c, 'ㅋ' | 'ㅎ' | 'ㅠ' | 'ㅜ') {
                // ㅋㅋㅋ오늘: laughter glued to the next sentence.
                let next = i + len;
                if char_at(self.s, next).is_some_and(is_syllable)
                    && char_before(self.s, i)
                        .is_some_and(|p| matches!(p, 'ㅋ' | 'ㅎ' | 'ㅠ' | 'ㅜ'))
                    && !self.protected(next)
                {
                    self.cut(next);
                    self.token_start(next);
                }
                i = next;
            } else {
                i += len;
            }
        }
        self.cuts
    }

    fn skip_ws(&self, i: usize) -> usize {
        self.skip_ws_lines(i).0
    }

    /// Skips whitespace from `i`: where it ends, and the last newline in it.
    fn skip_ws_lines(&self, mut i: usize) -> (usize, Option<usize>) {
        let mut newline = None;
        while let Some(&b) = self.b.get(i) {
            match b {
                b'\n' => newline = Some(i),
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {}
                // Whitespace beyond ASCII (U+0085, U+00A0, U+1680,
                // U+2000–U+205F, U+3000) starts with one of these bytes.
                0xc2 | 0xe1 | 0xe2 | 0xe3 => match char_at(self.s, i) {
                    Some(c) if c.is_whitespace() => {
                        i += c.len_utf8();
                        continue;
                    }
                    _ => break,
                },
                _ => break,
            }
            i += 1;
        }
        (i, newline)
    }

    /// Whether the whitespace at `i` is one space before a byte that begins
    /// no whitespace (see [`Splitter::skip_ws_lines`]), as most is: then it
    /// ends at `i + 1`, with no newline, and needs no scan.
    fn one_space(&self, i: usize) -> bool {
        self.b[i] == b' '
            && self.b.get(i + 1).is_some_and(|&c| {
                !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe1 | 0xe2 | 0xe3)
            })
    }

    /// The end of the token that starts at `i`: the next whitespace, but
    /// no further than [`PEEK`] bytes, so that no decision reads more than a
    /// bounded stretch of text and the scan stays linear.
    fn token_end(&self, i: usize) -> usize {
        for (k, c) in self.s[i..].char_indices() {
            if k >= PEEK || c.is_whitespace() {
                return i + k;
            }
        }
        self.s.len()
    }

    /// The token that starts at `i` (at most [`PEEK`] bytes of it).
    fn token(&self, i: usize) -> &'a str {
        &self.s[i..self.token_end(i)]
    }

    /// The word that ends at `i`: from the start of the current token, but
    /// no more than [`PEEK`] bytes back.
    fn word_before(&self, i: usize) -> &'a str {
        let mut start = i.saturating_sub(PEEK).max(self.tok.min(i));
        while !self.s.is_char_boundary(start) {
            start += 1;
        }
        &self.s[start..i]
    }

    fn protected(&self, i: usize) -> bool {
        self.protect.is_some_and(|(o, c)| o < i && i < c)
    }

    fn cut(&mut self, at: usize) {
        if self.seg_tokens == 0 || at <= self.last_cut {
            return;
        }
        self.cuts.push(at);
        self.last_cut = at;
        self.seg_tokens = 0;
    }

    /// Whitespace from `i` on, after a word: Korean word endings, newlines,
    /// and the start of the next token. Returns where the next token starts.
    fn whitespace(&mut self, i: usize) -> usize {
        let (j, newline) = if self.one_space(i) { (i + 1, None) } else { self.skip_ws_lines(i) };
        if j >= self.s.len() {
            return j;
        }
        if !self.protected(i) {
            if self.lang == Lang::Ko && self.seg_tokens > 0 {
                self.ko_word_end(i, j);
            }
            if let Some(nl) = newline {
                if self.hard_line_break(nl, j) {
                    self.cut(nl);
                }
            }
        }
        if let Some(nl) = newline {
            self.line = nl + 1;
            self.in_notice = false;
        }
        self.token_start(j);
        j
    }

    /// A token begins at `j`: bullets, list markers, notices, end marks.
    fn token_start(&mut self, j: usize) {
        self.tok = j;
        // Most tokens are plain words: only these first bytes can begin a
        // bullet (• ⁃), a list marker, a notice (ⓒ © Copyright <저작권자
        // 무단전재) or an end mark.
        let b0 = self.b[j];
        let may_matter = match b0 {
            b'0'..=b'9' | b'(' | b'<' | b'[' | b'/' | b'C' | 0xc2 | 0xe2 => true,
            b'a'..=b'z' | b'A'..=b'Z' => matches!(self.b.get(j + 1), Some(b'.' | b')')),
            // 무단전재, 저작권자
            0xeb | 0xec => self.s[j..].starts_with(['무', '저']),
            _ => false,
        };
        if may_matter && !self.protected(j) {
            let c = char_at(self.s, j).unwrap_or(' ');
            if is_inline_bullet(c) {
                self.cut(j);
                let after = j + c.len_utf8();
                if char_at(self.s, after).is_some_and(|c| !c.is_whitespace()) {
                    self.token_start(after);
                }
                return;
            }
            if let Some((m, dot)) = self.marker_at(j) {
                let sequential = self.last_marker.is_some_and(|l| m.follows(l));
                if self.seg_tokens == 0 || sequential {
                    if sequential {
                        self.cut(j);
                    }
                    self.last_marker = Some(m);
                    self.marker_dot = dot;
                }
            } else if !self.in_notice && self.notice_at(j) {
                self.cut(j);
                self.in_notice = true;
            } else if let Some(end) = self.end_mark_at(j) {
                self.cut(j);
                self.count_token(j);
                self.cut(end);
                return;
            }
        }
        self.count_token(j);
    }

    fn count_token(&mut self, j: usize) {
        if self.seg_tokens == 0 {
            self.seg_first = j;
        }
        self.seg_tokens += 1;
        if matches!(self.b[j], b'\'' | b'"' | b'`' | 0xe2) && is_quote_token(self.token(j)) {
            self.quote_tokens += 1;
        }
    }

    /// A list marker at `i` (`1.`, `2)`, `3.)`, `a.`, `B)`) followed by
    /// whitespace, with the offset of its period (`usize::MAX` for none).
    fn marker_at(&self, i: usize) -> Option<(Marker, usize)> {
        let b = self.b;
        let mut k = i;
        let (kind, value) = match b.get(k)? {
            d if d.is_ascii_digit() => {
                let mut v = 0u32;
                while k < b.len() && b[k].is_ascii_digit() {
                    if k - i == 3 {
                        return None;
                    }
                    v = v * 10 + u32::from(b[k] - b'0');
                    k += 1;
                }
                (MarkerKind::Number, v)
            }
            l if l.is_ascii_lowercase() => {
                k += 1;
                (MarkerKind::Lower, u32::from(l - b'a') + 1)
            }
            u if u.is_ascii_uppercase() => {
                k += 1;
                (MarkerKind::Upper, u32::from(u - b'A') + 1)
            }
            _ => return None,
        };
        let (style, dot) = match (b.get(k), b.get(k + 1)) {
            (Some(b'.'), Some(b')')) => {
                k += 2;
                (MarkerStyle::DotParen, k - 2)
            }
            (Some(b')'), _) => {
                k += 1;
                (MarkerStyle::Paren, usize::MAX)
            }
            (Some(b'.'), _) => {
                k += 1;
                (MarkerStyle::Dot, k - 1)
            }
            _ => return None,
        };
        if !char_at(self.s, k).is_some_and(char::is_whitespace) {
            return None;
        }
        Some((Marker { kind, style, value }, dot))
    }

    /// Whether a copyright notice starts at `i`.
    fn notice_at(&self, i: usize) -> bool {
        let t = &self.s[i..];
        let b = t.as_bytes();
        if !(b[0] == 0xe2
            || b[0] == 0xc2
            || b[0] == b'C'
            || b[0] == b'<'
            || b[0] == b'['
            || b[0] >= 0xea)
        {
            return false;
        }
        if t.starts_with('ⓒ') || t.starts_with('©') {
            return true;
        }
        if let Some(rest) = t.strip_prefix("Copyright ") {
            let rest = rest.trim_start();
            return rest.starts_with(['©', 'ⓒ'])
                || rest.starts_with("(c)")
                || rest.starts_with("(C)")
                || rest.as_bytes().first().is_some_and(u8::is_ascii_digit);
        }
        let t = t.trim_start_matches(['<', '[']);
        t.starts_with("저작권자") || t.starts_with("무단전재") || t.starts_with("무단 전재")
    }

    /// An end mark token at `i` (`(END)`, `(끝)`, `<끝>`, `/끝/`): where it ends.
    fn end_mark_at(&self, i: usize) -> Option<usize> {
        let b0 = self.b[i];
        if !matches!(b0, b'(' | b'<' | b'[' | b'/') {
            return None;
        }
        let tok = self.token(i);
        let inner = tok.get(1..tok.len().checked_sub(1)?)?;
        let close = tok.chars().next_back()?;
        let paired = matches!((b0, close), (b'(', ')') | (b'<', '>') | (b'[', ']') | (b'/', '/'));
        (paired && matches!(inner, "END" | "End" | "끝")).then(|| i + tok.len())
    }

    /// A quotation mark or bracket at `i`: protect its inside when it closes
    /// within the paragraph.
    fn opener(&mut self, i: usize, c: char) {
        if self.protected(i) {
            return;
        }
        let Some(slot) = PAIRS.iter().position(|&(o, _)| o == c) else { return };
        let prev = char_before(self.s, i);
        let next = char_at(self.s, i + c.len_utf8());
        let after_space = prev.is_none_or(|p| p.is_whitespace() || is_opener(p));
        let valid = match c {
            '"' => after_space && next.is_some_and(|n| !n.is_whitespace()),
            '\'' | '‘' => {
                after_space
                    && next.is_some_and(char::is_alphabetic)
                    && !self.contraction(i + c.len_utf8())
            }
            '<' => next.is_some_and(|n| !n.is_whitespace()),
            _ => true,
        };
        if !valid {
            return;
        }
        if let Some(close) = self.find_closer(slot, i + c.len_utf8()) {
            if close - i <= MAX_PROTECTED {
                self.protect = Some((i, close));
            }
        }
    }

    /// Whether the letters at `i` are a clitic written after a space ('s,
    /// 't, 're, 'll, 've, 'd, 'm), not the start of a quotation.
    fn contraction(&self, i: usize) -> bool {
        let end = self.s[i..].find(|c: char| !c.is_alphabetic()).map_or(self.s.len(), |k| i + k);
        matches!(&self.s[i..end], "s" | "t" | "re" | "ll" | "ve" | "d" | "m" | "em" | "S")
    }

    /// The first closer of `PAIRS[slot]` at or after `from`.
    fn find_closer(&mut self, slot: usize, from: usize) -> Option<usize> {
        let (scanned, found) = self.memo[slot];
        if scanned <= from && from <= found {
            return (found != usize::MAX).then_some(found);
        }
        let close = PAIRS[slot].1;
        let mut k = from;
        let found = loop {
            let Some(off) = self.s[k..].find(close) else { break usize::MAX };
            let at = k + off;
            k = at + close.len_utf8();
            let ok = match close {
                // Not the apostrophe of don't or Busan’s.
                '\'' | '’' => {
                    char_before(self.s, at).is_some_and(|p| !p.is_whitespace())
                        && !char_at(self.s, k).is_some_and(|n| n.is_ascii_alphanumeric())
                }
                _ => true,
            };
            if ok {
                break at;
            }
        };
        self.memo[slot] = (from, found);
        (found != usize::MAX).then_some(found)
    }

    /// Footnote marks right after a terminator: `[1]`, `[2][3]`, `[참고 2]`.
    fn skip_citations(&self, mut j: usize, numeric_only: bool) -> usize {
        while self.b.get(j) == Some(&b'[') {
            let rest = &self.s[j + 1..];
            let Some(close) = rest.bytes().take(26).position(|b| b == b']') else { break };
            let inner = &rest[..close];
            let ok = !inner.is_empty()
                && inner.len() <= 24
                && inner.chars().all(|c| {
                    c.is_ascii_digit()
                        || matches!(c, ',' | '-' | '–' | '*' | ' ')
                        || (!numeric_only && (c.is_alphabetic()))
                })
                && !inner.starts_with(' ');
            if !ok {
                break;
            }
            j += close + 2;
        }
        j
    }

    /// A run of terminators starting at `i`. Returns where scanning goes on.
    fn terminator(&mut self, i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        let mut j = i;
        let (mut dots, mut mark, mut ellipsis) = (0, false, false);
        while let Some(c) = char_at(s, j) {
            match c {
                '.' | '｡' => dots += 1,
                '…' => ellipsis = true,
                c if is_mark(c) => mark = true,
                '。' => {}
                // . . . (also after ! or ?)
                ' ' if (dots > 0 || mark)
                    && self.b.get(j + 1) == Some(&b'.')
                    && matches!(self.b[j - 1], b'.' | b'!' | b'?') => {}
                _ => break,
            }
            j += c.len_utf8();
        }
        let term_end = j;
        if i == self.marker_dot {
            return term_end;
        }
        let mut has_closer = false;
        let mut closes_bracket = false;
        while let Some(c) = char_at(s, j).filter(|&c| is_closer(c)) {
            let closes_protected = self.protect.is_some_and(|(_, close)| close == j);
            // A straight quote glued to the next word opens it: 했다.'바카라'
            if matches!(c, '"' | '\'')
                && !closes_protected
                && char_at(s, j + 1).is_some_and(char::is_alphanumeric)
            {
                break;
            }
            closes_bracket |=
                closes_protected && !matches!(c, '"' | '\'' | '”' | '’' | '」' | '』');
            has_closer = true;
            j += c.len_utf8();
        }
        if self.lang == Lang::Ko || char_at(s, j).is_some_and(is_emoji) {
            while let Some(c) = char_at(s, j).filter(|&c| is_decoration(c)) {
                j += c.len_utf8();
            }
        }
        let before_cites = j;
        j = self.skip_citations(j, false);
        let has_cites = j > before_cites;
        let run_end = j;
        if let Some((_, close)) = self.protect {
            if i < close && run_end <= close {
                return run_end;
            }
        }
        if run_end >= n {
            return run_end;
        }
        // A parenthesis closing inside a sentence: (가능한!) 어디든.
        if closes_bracket && self.protect.is_some_and(|(o, _)| o > self.seg_first) {
            return run_end;
        }
        let run = if mark {
            Run::Mark
        } else if dots >= 2 || ellipsis {
            Run::Ellipsis
        } else {
            Run::Stop
        };
        let mut word = self.word_before(i);
        if word.is_empty() && self.seg_tokens > 1 {
            // A period standing alone ("Mr . Robinson"): judge the word before.
            let head = s[..i].trim_end();
            let mut from = head.len().saturating_sub(PEEK);
            while !head.is_char_boundary(from) {
                from += 1;
            }
            word = head[from..].split_whitespace().next_back().unwrap_or("");
        }
        let next_char = char_at(s, run_end).unwrap_or(' ');
        if next_char.is_whitespace() {
            let mut k = self.skip_ws(run_end);
            if k >= n {
                return run_end;
            }
            // Footnote marks and a closing quote standing alone after a
            // space ("a gas. [1] It", "to do ? '' Graham") stay with the
            // sentence.
            let mut cut_at = run_end;
            loop {
                let mut e = self.skip_citations(k, true);
                if e == k {
                    // A quote mark standing alone closes when an odd number
                    // of them came before it in the paragraph.
                    let tok = self.token(k);
                    if is_quote_token(tok) && self.quote_tokens % 2 == 1 {
                        e = k + tok.len();
                    } else {
                        break;
                    }
                }
                cut_at = e;
                k = self.skip_ws(e);
                if k >= n {
                    return run_end;
                }
            }
            if self.boundary(run, word, k) {
                self.cut(cut_at);
            }
            return if cut_at > run_end { cut_at } else { run_end };
        }
        if !has_closer && self.tight_boundary(run, word, i, run_end, has_cites) {
            self.cut(run_end);
            self.token_start(run_end);
        }
        run_end
    }

    /// Whether a run of kind `run` after `word`, then whitespace, then the
    /// token at `next`, ends a sentence.
    fn boundary(&self, run: Run, word: &str, next: usize) -> bool {
        let next_tok = self.token(next);
        let c = next_tok.chars().next().unwrap_or(' ');
        if next_tok.contains('@') && next_tok.contains('.') && !next_tok.contains("://") {
            return true; // a reporter's e-mail address
        }
        match self.lang {
            Lang::Ko => match run {
                Run::Mark => !ko_continuation(next_tok),
                Run::Ellipsis => self.ko_ellipsis(word, next_tok),
                Run::Stop => {
                    let last = word.chars().next_back().unwrap_or(' ');
                    if last.is_ascii_digit() {
                        return !(c.is_ascii_digit() || self.date_tail(word));
                    }
                    if last.is_ascii_alphabetic() && en_word_kind(word) != WordKind::Plain {
                        return en_starter(next_tok);
                    }
                    true
                }
            },
            Lang::En => {
                if !starts_sentence(c) {
                    return false;
                }
                match run {
                    Run::Mark => true,
                    // "I" is capitalised anywhere, so it shows no new sentence.
                    Run::Ellipsis if is_pronoun_i(next_tok) => false,
                    Run::Ellipsis => c.is_uppercase(),
                    Run::Stop => match en_word_kind(word) {
                        WordKind::Plain => true,
                        WordKind::Number => !c.is_ascii_digit(),
                        WordKind::Initial | WordKind::Abbrev(Abbrev::Other) => en_starter(next_tok),
                        WordKind::Abbrev(Abbrev::Title) => false,
                        WordKind::Abbrev(Abbrev::Number) => {
                            !(c.is_ascii_digit() || is_roman(next_tok))
                        }
                        WordKind::Abbrev(Abbrev::Month) => {
                            !c.is_ascii_digit() && en_starter(next_tok)
                        }
                        WordKind::Abbrev(a @ (Abbrev::Time | Abbrev::Postfix)) => {
                            if c.is_ascii_digit() {
                                return a == Abbrev::Time;
                            }
                            // 3 p.m. Friday, 9 a.m. KST, 5 p.m. Eastern time.
                            let then = self.token(self.skip_ws(next + next_tok.len()));
                            if ENGLISH.after_time.contains(alpha_prefix(next_tok))
                                || (a == Abbrev::Time
                                    && matches!(alpha_prefix(then), "time" | "Time"))
                            {
                                return false;
                            }
                            en_starter(next_tok)
                                || (c.is_uppercase() && !self.seg_opens_with_preposition())
                        }
                    },
                }
            }
        }
    }

    /// A run followed directly by a letter (no space): `했다.이어`,
    /// `world.Today`.
    fn tight_boundary(&self, run: Run, word: &str, i: usize, run_end: usize, cites: bool) -> bool {
        let s = self.s;
        let next = char_at(s, run_end).unwrap_or(' ');
        match self.lang {
            Lang::Ko => {
                if ko_continuation(self.token(run_end)) {
                    return false;
                }
                if cites {
                    return is_syllable(next);
                }
                let (core, _) = split_decoration(word);
                if is_closer(next) && !is_opener(next) {
                    return false;
                }
                match run {
                    Run::Ellipsis => ko_final(core) || is_opener(next),
                    // After a final ending anything may follow (했다.2월,
                    // 있다.*Baldness); after another word only Hangul or a quote.
                    _ => {
                        ko_final(core)
                            || (char_before(s, i).is_some_and(is_syllable)
                                && (is_syllable(next) || is_opener(next)))
                    }
                }
            }
            Lang::En => {
                if run != Run::Stop || cites {
                    return false;
                }
                let prev = char_before(s, i).unwrap_or(' ');
                let after = char_at(s, run_end + next.len_utf8()).unwrap_or(' ');
                if !(prev.is_alphanumeric()
                    && next.is_ascii_uppercase()
                    && after.is_ascii_lowercase())
                {
                    return false;
                }
                let url = |t: &str| t.contains(['@', '/', ':']);
                if url(word) || url(self.token(run_end)) {
                    return false;
                }
                // A word, not a code such as 7.Bg5.
                let rest = &s[run_end..];
                let word_end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
                if !rest[..word_end].chars().all(char::is_alphabetic) {
                    return false;
                }
                !matches!(en_word_kind(word), WordKind::Abbrev(_) | WordKind::Initial)
            }
        }
    }

    /// Korean: whether an ellipsis after `word` ends the sentence before
    /// `next`.
    fn ko_ellipsis(&self, word: &str, next: &str) -> bool {
        if ko_continuation(next) || next.starts_with(is_laughter) {
            return false;
        }
        let (core, _) = split_decoration(word);
        if char_at(word, core.len()).is_some_and(|c| is_compat_jamo(c) && !is_laughter(c)) {
            return false; // a cut-off word: 어ㄸ...
        }
        if ko_final(core) {
            return true;
        }
        if self.seg_tokens == 1 && core.chars().count() <= 3 {
            return false; // 아... / 그런데.....
        }
        !ko_particle(core)
    }

    /// Whether `word` (digits) ends a Korean date `2024. 3. 5.`.
    fn date_tail(&self, word: &str) -> bool {
        let before = self.s[..self.tok].trim_end();
        let Some(head) = before.strip_suffix('.') else { return false };
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        word.len() <= 2 && (1..=4).contains(&digits)
    }

    /// Whether the current segment begins with an introductory preposition.
    fn seg_opens_with_preposition(&self) -> bool {
        ENGLISH.intro.contains(alpha_prefix(self.token(self.seg_first)))
    }

    /// Korean: whitespace at `i` after a word, next token at `next`. Ends
    /// the sentence after a final ending, laughter or an emoticon.
    fn ko_word_end(&mut self, i: usize, next: usize) {
        let word = self.word_before(i);
        // Most words end in a syllable that is neither a closer, nor a
        // decoration, nor the end of a final ending.
        if word.chars().next_back().is_some_and(|c| !may_end_sentence(c)) {
            return;
        }
        let mut w = word;
        let mut closed = false;
        while let Some(c) = w.chars().next_back().filter(|&c| is_closer(c)) {
            w = &w[..w.len() - c.len_utf8()];
            closed = true;
        }
        if closed {
            // (…아닙니다ㅋㅋ) standing as a sentence of its own, not 한계(…없다) 가운데서.
            let whole = self.protect.is_some_and(|(o, c)| o == self.seg_first && c < i);
            if !whole {
                return;
            }
        }
        let (core, dec) = split_decoration(w);
        let next_tok = || self.token(next);
        let candidate = match dec.chars().next_back() {
            Some(_) if core.is_empty() => self.seg_tokens >= 2, // ㅋㅋㅋ alone
            Some(d) if is_laughter(d) => true,
            Some('~') => !ko_connective(core),
            _ => match ko_final_strength(core) {
                Final::Strong => true,
                // Only where sentences go unpunctuated, and not before a
                // predicate (근무하다 숨졌다).
                Final::Weak => !self.punctuated && !ko_final(split_decoration(next_tok()).0),
                Final::No => false,
            },
        };
        if !candidate {
            return;
        }
        let next_tok = next_tok();
        let first = next_tok.chars().next().unwrap_or(' ');
        if is_decoration(first)
            || (is_closer(first) && !is_opener(first))
            || matches!(first, ',' | '.' | ':' | ';')
        {
            return;
        }
        if ko_continuation(next_tok) {
            return;
        }
        self.cut(i);
    }

    /// Whether the newline at `nl` (the next line starts at `next`) ends a
    /// sentence.
    fn hard_line_break(&self, nl: usize, next: usize) -> bool {
        let line = self.s[self.line.min(nl)..nl].trim_end();
        let Some(last) = line.chars().next_back() else { return false };
        if is_terminator(last) || is_closer(last) || last == ':' {
            return true;
        }
        if !line.contains([' ', '\t']) || self.in_notice {
            return true;
        }
        if self.lang == Lang::Ko {
            let word = &line[line.rfind([' ', '\t']).map_or(0, |k| k + 1)..];
            let (core, dec) = split_decoration(word);
            if ko_final(core) || dec.chars().next_back().is_some_and(is_laughter) {
                return true;
            }
        }
        let c = char_at(self.s, next).unwrap_or(' ');
        if is_line_bullet(c)
            && char_at(self.s, next + c.len_utf8())
                .is_some_and(|d| d.is_whitespace() || !d.is_ascii())
        {
            return true;
        }
        if self.marker_at(next).is_some()
            || self.notice_at(next)
            || self.end_mark_at(next).is_some()
        {
            return true;
        }
        // A dateline or a tag: (서울=연합뉴스), 【워싱턴=특파원】, [속보].
        match c {
            '【' | '[' => true,
            '(' => self.token(next).contains('='),
            _ => false,
        }
    }
}

/// Whether `token` is only quotation marks (`'`, `''`, `"`), as in
/// tokenised text.
fn is_quote_token(token: &str) -> bool {
    !token.is_empty()
        && token.chars().all(|c| matches!(c, '\'' | '"' | '”' | '’' | '“' | '‘' | '`'))
}

/// Whether `token` is the pronoun I (I, I'm, I'd, I’ll …).
fn is_pronoun_i(token: &str) -> bool {
    token == "I"
        || token
            .strip_prefix("I'")
            .or_else(|| token.strip_prefix("I’"))
            .is_some_and(|r| r.len() <= 2)
}

/// Whether `token` is a Roman numeral (II, IV, XII), as after `Vol.`.
fn is_roman(token: &str) -> bool {
    let t = token.trim_end_matches(|c: char| c.is_ascii_punctuation());
    !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_beyond_ascii_starts_with_the_bytes_skip_ws_lines_decodes() {
        // skip_ws_lines decodes a character only after these lead bytes.
        for c in (0x80..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let lead = c.to_string().as_bytes()[0];
            assert!(matches!(lead, 0xc2 | 0xe1 | 0xe2 | 0xe3), "{c:?} starts with {lead:#x}");
        }
    }

    use proptest::prelude::*;

    proptest::proptest! {
        /// A space taken as one space ends where the full scan ends.
        #[test]
        fn one_space_agrees_with_the_whitespace_scan(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\n", "\t", "a", "가", ".", "\u{a0}", "\u{3000}", "\u{2009}", "\u{2028}",
                "\u{1680}", "\u{85}", "“", "’", "é", "ㅋ",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            let sp = Splitter::new(&text, Lang::En);
            for (i, _) in text.match_indices(' ') {
                if sp.one_space(i) {
                    proptest::prop_assert_eq!(sp.skip_ws_lines(i), (i + 1, None), "at {} of {:?}", i, text);
                }
            }
        }
    }

    fn sents(text: &str, lang: Lang) -> Vec<&str> {
        split_paragraph(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|s| s.of(text))
            .collect()
    }

    #[track_caller]
    fn check(lang: Lang, want: &[&str]) {
        let text = want.join(" ");
        assert_eq!(sents(&text, lang), want, "{text}");
    }

    #[test]
    fn the_word_lists_parse() {
        assert_eq!(abbreviation("Mr"), Some(Abbrev::Title));
        assert_eq!(abbreviation("Co"), Some(Abbrev::Other));
        assert_eq!(abbreviation("co"), Some(Abbrev::Other));
        assert_eq!(abbreviation("Sept"), Some(Abbrev::Month));
        assert_eq!(abbreviation("p.m"), Some(Abbrev::Time));
        assert_eq!(abbreviation("lb"), Some(Abbrev::Postfix));
        assert_eq!(abbreviation("Table"), None);
        assert!(en_starter("They,"));
        assert!(!en_starter("Government"));
        assert!(ko_continuation("라는"));
        assert!(ko_continuation("싶었는데"));
        assert!(!ko_continuation("다만,"));
    }

    #[test]
    fn english_abbreviations_and_decimals() {
        check(
            Lang::En,
            &[
                "Mr. Kim said growth hit 12.5 percent.",
                "Prices rose on Oct. 5 in Seoul.",
                "\"We are ready,\" he said.",
                "It rained.",
            ],
        );
        check(Lang::En, &["See e.g. the list.", "Then go."]);
    }

    #[test]
    fn english_abbreviation_classes() {
        // Titles never end a sentence; number words and months do not before a number.
        check(Lang::En, &["Sen. Park and Lt. Col. Yoon met No. 3 on Jan. 9 at p. 4 of the plan."]);
        check(Lang::En, &["The answer was no.", "Officials then left."]);
        // Inc., Co., U.S. and initials end a sentence only before a sentence starter.
        check(Lang::En, &["Hyundai Motor Co. Chairman Chung spoke.", "He left."]);
        check(Lang::En, &["The deal went to Kia Corp.", "It was signed in May."]);
        check(Lang::En, &["She moved to the U.S. State Department in 2019."]);
        check(Lang::En, &["Ships sailed for the U.K.", "They arrived in June."]);
        check(Lang::En, &["The letter was signed by Park J. Hoon."]);
        // Times end a sentence before a name unless the sentence opened with a preposition.
        check(
            Lang::En,
            &["By 7 p.m. Ms. Han had left.", "The staff stayed until 9 p.m.", "Ms. Han came back."],
        );
        check(Lang::En, &["The flight lands at 6 a.m. Tuesday in Incheon."]);
        check(Lang::En, &["The fish weighed 3 lb. 2 oz. in all."]);
    }

    #[test]
    fn english_lists_and_bullets() {
        check(Lang::En, &["1) Check the forecast", "2) Pack a coat", "3) Leave early"]);
        check(Lang::En, &["a. Rice", "b. Beans", "c. Salt"]);
        check(Lang::En, &["1. Board the bus.", "2. Pay the fare."]);
        check(Lang::En, &["• Tickets sell out fast", "• Seats are assigned"]);
    }

    #[test]
    fn english_quotes_brackets_and_ellipses() {
        check(
            Lang::En,
            &["\"The port is ready. Ships can dock,\" the mayor said.", "Work starts soon."],
        );
        check(Lang::En, &["He said, \"It is done.\"", "Nobody answered."]);
        check(Lang::En, &["The plan (it was announced in May.) is popular."]);
        check(Lang::En, &["She won. [2]", "Then she retired."]);
        check(Lang::En, &["We waited... and waited.", "Then the bus came....", "It was full."]);
        check(Lang::En, &["I thought... I would stay."]);
        check(Lang::En, &["Contact kim.lee@example.org.", "Replies come daily."]);
        assert_eq!(
            sents("Rain fell.Roads flooded.", Lang::En),
            vec!["Rain fell.", "Roads flooded."]
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
        // No break inside a quotation that a reporting verb follows.
        check(
            Lang::Ko,
            &["그는 “공사는 끝났다. 이제 시작이다”라며 웃었다.", "행사는 오후에 끝났다."],
        );
        check(Lang::Ko, &["“내일 다시 오겠습니다.”", "그는 그렇게 말하고 떠났다."]);
        // A question inside a sentence, before a quotative word.
        check(Lang::Ko, &["정말 될까? 싶었지만 결과는 좋았다.", "다들 놀랐다."]);
        // No space after the full stop.
        assert_eq!(
            sents("비가 왔다.바람도 불었다.", Lang::Ko),
            vec!["비가 왔다.", "바람도 불었다."]
        );
    }

    #[test]
    fn korean_numbers_dates_and_latin_abbreviations() {
        check(Lang::Ko, &["공사는 2026. 4. 1. 시작된다.", "예산은 1.5배로 늘었다."]);
        check(Lang::Ko, &["U.S. 스틸 주가가 올랐다.", "거래량도 늘었다."]);
        check(Lang::Ko, &["버전 3.2.1이 나왔다.", "오류가 고쳐졌다."]);
    }

    #[test]
    fn korean_final_endings_without_punctuation() {
        check(Lang::Ko, &["국수가 정말 맛있었어요", "다만 줄이 길었어요", "다음에 또 갈게요"]);
        check(Lang::Ko, &["오늘은 일찍 퇴근했습니다", "내일은 쉽니다"]);
        check(Lang::Ko, &["가방이 생각보다 가벼웠음", "색은 검정임", "끈은 따로 사야 함"]);
        check(Lang::Ko, &["회의는 길었다는 말이 나왔다"]);
        // A quotative or auxiliary word carries the sentence on.
        check(Lang::Ko, &["모두 끝났다 라는 소식이 들렸다"]);
        check(Lang::Ko, &["집에서 쉬고 있다 보니 잠이 왔다"]);
        // Nouns and names that look final.
        check(Lang::Ko, &["캐나다 정부와 주요 기업이 필요 인력을 논의했다"]);
        // A plain form is a boundary only where sentences go unpunctuated.
        check(Lang::Ko, &["바람이 시원하다", "하늘도 맑다"]);
        check(Lang::Ko, &["그는 차를 몰다 사고를 냈다.", "다친 사람은 없었다."]);
    }

    #[test]
    fn korean_laughter_emoticons_and_ellipses() {
        check(Lang::Ko, &["빵이 너무 달았어요ㅋㅋ", "그래도 또 살 거예요"]);
        check(Lang::Ko, &["오늘 본 영화 최고 ㅠㅠ", "내일 또 봐야지"]);
        check(Lang::Ko, &["날씨가 좋네요^^", "산책 가요~"]);
        check(Lang::Ko, &["눈이 많이 와서…", "길이 막혔다."]);
        check(Lang::Ko, &["음... 잘 모르겠다."]);
        check(Lang::Ko, &["버스가… 안 왔다."]);
    }

    #[test]
    fn news_furniture() {
        check(
            Lang::Ko,
            &["(부산=연합뉴스) 이하나 기자 = 부산항 물동량이 늘었다.", "수출이 회복된 덕분이다."],
        );
        check(Lang::Ko, &["【도쿄=박민 특파원】 일본 증시가 올랐다."]);
        check(Lang::Ko, &["주요 과제는 ▲ 항만 확충 ▲ 인력 양성 등이다."]);
        check(Lang::Ko, &["조사는 계속된다.", "(끝)"]);
        check(Lang::Ko, &["시는 다음 달 결과를 낸다.", "ⓒ 한빛일보 무단전재 및 재배포 금지"]);
        check(Lang::En, &["The survey ended on Friday.", "(END)"]);
        check(Lang::En, &["Exports rose again.", "jkim@example.com"]);
        let t = "▲ 항만 확충\n▲ 인력 양성\n- 예산 증액";
        assert_eq!(sents(t, Lang::Ko), vec!["▲ 항만 확충", "▲ 인력 양성", "- 예산 증액"]);
    }

    #[test]
    fn newlines_inside_a_paragraph() {
        // A soft wrap joins; a line that ends a sentence, or a headline, breaks.
        let t = "The ministry said on Monday\nthat exports rose. Imports fell.";
        assert_eq!(
            sents(t, Lang::En),
            vec!["The ministry said on Monday\nthat exports rose.", "Imports fell."]
        );
        let t = "항만착공\n시는 오늘 공사를 시작했다고\n밝혔다. 주민들은 반겼어요\n다만 소음을 걱정했다.";
        assert_eq!(
            sents(t, Lang::Ko),
            vec![
                "항만착공",
                "시는 오늘 공사를 시작했다고\n밝혔다.",
                "주민들은 반겼어요",
                "다만 소음을 걱정했다."
            ]
        );
        let t = "[속보] 기준금리 동결\n(서울=한빛통신) 한국은행이 금리를 묶었다.";
        assert_eq!(
            sents(t, Lang::Ko),
            vec!["[속보] 기준금리 동결", "(서울=한빛통신) 한국은행이 금리를 묶었다."]
        );
    }

    #[test]
    fn korean_final_forms() {
        for w in [
            "했다",
            "한다",
            "없다",
            "습니다",
            "학생이다",
            "맛있어요",
            "몰라요",
            "그렇죠",
            "할까",
            "합니까",
            "했음",
            "아님",
            "됨",
            "했지",
            "거야",
            "좋네용",
            "갑니당",
        ] {
            assert!(ko_final(w), "{w}");
        }
        for w in [
            "다",
            "바다",
            "보다",
            "마다",
            "캐나다",
            "기시다",
            "주젯다",
            "필요",
            "라요",
            "니까",
            "처음",
            "다음",
            "방음",
            "게임",
            "함께",
            "하지",
            "케냐",
        ] {
            assert!(!ko_final(w), "{w}");
        }
        assert_eq!(ko_final_strength("좋다"), Final::Weak);
        assert_eq!(ko_final_strength("피곤하다"), Final::Weak);
        assert_eq!(ko_final_strength("갔다"), Final::Strong);
    }

    proptest! {
        /// Spans are in order, trimmed, on character boundaries, and hold
        /// every non-whitespace character of the paragraph exactly once.
        #[test]
        fn spans_cover_the_paragraph(
            parts in proptest::collection::vec(prop::sample::select(vec![
                "다", "요", "했다", "했어요", "라는", "가", " ", " ", "\n", ".", "..", "…", "!", "?", "“", "”",
                "\"", "'", "(", ")", "[1]", "[", "]", "ㅋㅋ", "~", "^^", "😀", "1.", "2)", "a.", "U.S.", "Mr.",
                "Co.", "p.m.", "The", "He", "word", "3.5", "•", "▲", "ⓒ", "(END)", "x@y.kr", "<", ">", "\u{3000}",
                "\u{a0}", "。", "！",
            ]), 0..40),
            ko in any::<bool>(),
        ) {
            check_spans(&parts.concat(), ko)?;
        }

        /// The same for any text at all.
        #[test]
        fn spans_cover_any_text(text in "\\PC{0,80}", ko in any::<bool>()) {
            check_spans(&text, ko)?;
        }
    }

    fn check_spans(text: &str, ko: bool) -> Result<(), TestCaseError> {
        let lang = if ko { Lang::Ko } else { Lang::En };
        let spans = split_paragraph(text, Span::new(0, text.len()), lang);
        let mut last = 0;
        let mut covered = String::new();
        for s in &spans {
            prop_assert!(s.start >= last && s.start < s.end);
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let t = s.of(text);
            prop_assert_eq!(t, t.trim());
            prop_assert!(text[last..s.start].trim().is_empty());
            covered.push_str(t);
            last = s.end;
        }
        prop_assert!(text[last..].trim().is_empty());
        let dense = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(dense(&covered), dense(text));
        Ok(())
    }
}
