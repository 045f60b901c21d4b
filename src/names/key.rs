//! Phonetic keys: both a Hangul string and a Latin string become a sequence
//! of tokens over one alphabet of sound classes, and a weighted edit
//! distance compares the two sequences.
//!
//! | class | Hangul | Latin |
//! |---|---|---|
//! | K | ㄱ ㄲ ㅋ | k, hard c g, q, ck, kh (or ㅎ), gh, x = K S |
//! | T | ㄷ ㄸ ㅌ; finals ㄷ ㅅ ㅆ ㅈ ㅊ ㅌ | t, d, th |
//! | P | ㅂ ㅃ ㅍ | p, b, f (or ㅎ: Fukushima 후쿠시마), v, ph |
//! | J | ㅈ ㅉ ㅊ | j, ch, ts, tz, z, zh, dg, soft g, pinyin q |
//! | S | ㅅ ㅆ | s, sh, sch, soft c, initial x |
//! | L | ㄹ | l, r, rh |
//! | N M | ㄴ ㅁ | n, m |
//! | H | ㅎ | h before a vowel |
//! | V | every vowel | every run of a e i o u y w |
//!
//! A final ㅇ is N K, as Latin `ng` is. A token can stand for several
//! classes at no cost (the Hangul side adds the pronounced form to the
//! written one: 왕십리's ㄹ is L or N, its ㅂ P or M; a Latin `g` before e/i is
//! K or J), and can be optional: cheap to leave out (an epenthetic ㅡ as in
//! 브리즈번, a Latin `r` that is not before a vowel as in Park, a silent
//! final e). Tokens also record where Hangul syllables and Latin words or
//! hyphenated parts begin: a Latin boundary must fall on a syllable
//! boundary.
//!
//! Two cost models share the tokens. The *loose* model is for loanwords
//! and places: cheap substitutions between related consonants (S~J, L~N),
//! and vowels that need only agree broadly (a Hangul vowel stands for a set
//! of Latin vowels; ㅓ and ㅡ for any). The *strict* model is for Korean
//! names: every consonant change costs a full edit, and a Hangul vowel
//! matches a Latin vowel only if their vowel classes meet and their glides
//! (y, w) agree, so that 김정은 is far from Kim Jong-il and Kim Chong-in.

use crate::romanize::jamo::{fin, ini, vow, Syl};

/// A sound class.
pub(crate) type Class = u8;
/// A set of sound classes.
pub(crate) type Mask = u16;

pub(crate) const C_V: Class = 0;
pub(crate) const C_K: Class = 1;
pub(crate) const C_T: Class = 2;
pub(crate) const C_P: Class = 3;
pub(crate) const C_J: Class = 4;
pub(crate) const C_S: Class = 5;
pub(crate) const C_L: Class = 6;
pub(crate) const C_N: Class = 7;
pub(crate) const C_M: Class = 8;
pub(crate) const C_H: Class = 9;
const N_CLASSES: usize = 10;

pub(crate) const V: Mask = 1 << C_V;
pub(crate) const K: Mask = 1 << C_K;
pub(crate) const T: Mask = 1 << C_T;
pub(crate) const P: Mask = 1 << C_P;
pub(crate) const J: Mask = 1 << C_J;
pub(crate) const S: Mask = 1 << C_S;
pub(crate) const L: Mask = 1 << C_L;
pub(crate) const N: Mask = 1 << C_N;
pub(crate) const M: Mask = 1 << C_M;
pub(crate) const H: Mask = 1 << C_H;

/// Vowel classes (the nucleus of a Latin vowel group, or what a Hangul
/// vowel may be spelt as).
pub(crate) const VA: u8 = 1;
pub(crate) const VE: u8 = 2;
pub(crate) const VI: u8 = 4;
pub(crate) const VO: u8 = 8;
pub(crate) const VU: u8 = 16;

/// Glides: no glide, y, w (bits, so that a Hangul vowel can accept several).
pub(crate) const G0: u8 = 1;
pub(crate) const GY: u8 = 2;
pub(crate) const GW: u8 = 4;

/// How costly a token is to leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Del {
    /// Costs a full edit.
    Req,
    /// Cheap (0.15).
    Opt,
    /// Very cheap (0.05): the epenthetic ㅡ of loanwords (브, 스, 트), which
    /// stands for no vowel at all.
    Epen,
    /// Free: a pronounced-only sound (the ng of nasalised ㄱ).
    Free,
}

/// One token of a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tok {
    /// Classes this token matches at no cost.
    pub mask: Mask,
    /// Classes it matches at a small cost (0.15): the initial-sound law's
    /// ㄴ/ㄹ (노 Roh, 라선 Nason).
    pub alt: Mask,
    /// Deletion cost.
    pub del: Del,
    /// Vowel classes (vowels only).
    pub vcls: u8,
    /// Vowel classes for the loose model (vowels only): on the Hangul side
    /// the Latin vowels a loanword transcription may have there (ㅓ is any
    /// vowel, like a schwa), on the Latin side the letters written.
    pub lcls: u8,
    /// Glides: on the Latin side the glide written, on the Hangul side the
    /// glides accepted (vowels only).
    pub glide: u8,
    /// Syllable or word boundaries at this token ([`BEFORE`], [`AFTER`]).
    pub bnd: u8,
    /// In a prepared [`Key`]: the Hangul side may take a Latin boundary
    /// before this token; the Latin side has one.
    cut: bool,
    /// In a prepared [`Key`]: the cost of leaving the token out.
    dcost: f32,
}

/// A syllable (Hangul) or a word or hyphen (Latin) starts at this token.
pub(crate) const BEFORE: u8 = 1;
/// A boundary may also fall after this token (it stands for two merged
/// sounds, one on each side).
pub(crate) const AFTER: u8 = 2;

impl Tok {
    pub(crate) const fn cons(mask: Mask, del: Del) -> Tok {
        Tok { mask, alt: 0, del, vcls: 0, lcls: 0, glide: 0, bnd: 0, cut: false, dcost: 0.0 }
    }

    /// A consonant that also matches the classes `alt` at a small cost.
    const fn cons_alt(mask: Mask, alt: Mask) -> Tok {
        Tok { mask, alt, del: Del::Req, vcls: 0, lcls: 0, glide: 0, bnd: 0, cut: false, dcost: 0.0 }
    }

    /// A vowel.
    const fn vowel(vcls: u8, lcls: u8, glide: u8, del: Del) -> Tok {
        Tok { mask: V, alt: 0, del, vcls, lcls, glide, bnd: 0, cut: false, dcost: 0.0 }
    }

    /// Whether the token is a vowel.
    #[inline]
    pub fn is_vowel(&self) -> bool {
        self.mask == V
    }
}

/// Number of tokens that are not optional.
pub(crate) fn required(toks: &[Tok]) -> usize {
    toks.iter().filter(|t| t.del == Del::Req).count()
}

// ---------------------------------------------------------------- Hangul side

/// Class of each initial consonant (ㅇ: none).
const ONSET_CLASS: [Mask; 19] = [K, K, N, T, T, L, M, P, P, S, S, 0, J, J, J, K, T, P, H];

/// Vowel classes each Hangul vowel may be spelt with in Latin letters
/// (RR, MR and DPRK without diacritics, and personal spellings: 성 Sung,
/// 근 Kun, 희 Hee, 최 Choi/Choe/Chey).
const VOWEL_CLASS: [u8; 21] = [
    VA,      // ㅏ
    VE | VA, // ㅐ
    VA,      // ㅑ
    VE | VA, // ㅒ
    VO | VU, // ㅓ
    VE,      // ㅔ
    VO | VU, // ㅕ
    VE,      // ㅖ
    VO,      // ㅗ
    VA,      // ㅘ
    VE | VA, // ㅙ
    VE | VO, // ㅚ
    VO,      // ㅛ
    VU,      // ㅜ
    VO | VU, // ㅝ
    VE,      // ㅞ
    VI,      // ㅟ
    VU,      // ㅠ
    VU | VO, // ㅡ (Seong for 승 is a personal spelling)
    VI,      // ㅢ
    VI,      // ㅣ
];

/// All vowel classes.
const VALL: u8 = VA | VE | VI | VO | VU;

/// Latin vowels each Hangul vowel may stand for in a loanword or a
/// romanisation (loose model): ㅓ ㅕ ㅝ ㅡ are any vowel (schwa, Trump 트럼프,
/// Donald 도널드, MR o/u). What it keeps apart is front from back and a from
/// o: 푸틴 is not Biden, 조지아 not Jeju, 카터 not Kyoto.
const LOOSE_CLASS: [u8; 21] = [
    VA,           // ㅏ
    VA | VE,      // ㅐ
    VA,           // ㅑ
    VA | VE,      // ㅒ
    VALL,         // ㅓ
    VE | VA | VI, // ㅔ
    VALL,         // ㅕ
    VE | VA | VI, // ㅖ
    VO,           // ㅗ
    VA | VO,      // ㅘ
    VA | VE,      // ㅙ
    VE | VO,      // ㅚ
    VO | VU,      // ㅛ
    VU | VO,      // ㅜ
    VALL,         // ㅝ
    VE | VA,      // ㅞ
    VI | VU,      // ㅟ
    VU,           // ㅠ
    VALL,         // ㅡ
    VI | VU | VE, // ㅢ
    VI | VE,      // ㅣ
];

/// Glides each Hangul vowel needs in Latin letters.
fn vowel_glide(v: u8, onset: u8) -> u8 {
    match v {
        vow::YA | vow::YAE | vow::YEO | vow::YE | vow::YO | vow::YU => {
            // 쟈 져 쥬 are often written ja jo ju.
            if matches!(onset, ini::J | ini::JJ | ini::CH) {
                GY | G0
            } else {
                GY
            }
        }
        vow::WA | vow::WAE | vow::WO | vow::WE => GW,
        vow::OE | vow::WI => GW | G0,
        // 우 Woo, 욱 Wook.
        vow::U | vow::O if onset == ini::NONE => G0 | GW,
        _ => G0,
    }
}

/// Whether the vowel takes a y-glide, so that a word-initial 이 야 여 요 유 예
/// may stand for 리 랴 려 료 류 례 (initial-sound law: 이 Lee/Rhee, 유 Ryu).
fn i_like(v: u8) -> bool {
    matches!(v, vow::YA | vow::YAE | vow::YEO | vow::YE | vow::YO | vow::YU | vow::I)
}

/// Vowels after which a word-initial ㄴ may stand for ㄹ (노 Roh, 나선 Rason).
fn n_law(v: u8) -> bool {
    matches!(v, vow::A | vow::AE | vow::O | vow::OE | vow::U | vow::EU)
}

/// Whether an initial is an obstruent (for a final ㅅ before it: sai-siot,
/// gemination as in 삿포로 Sapporo).
fn obstruent(l: u8) -> bool {
    !matches!(l, ini::N | ini::R | ini::M | ini::NONE | ini::H)
}

/// Finals that are obstruents after neutralisation (ㄱ ㄷ ㅂ and kin).
fn obstruent_final(t: u8) -> bool {
    matches!(
        t,
        fin::G
            | fin::KK
            | fin::GS
            | fin::LG
            | fin::K
            | fin::D
            | fin::S
            | fin::SS
            | fin::J
            | fin::CH
            | fin::T
            | fin::B
            | fin::BS
            | fin::P
            | fin::LP
    )
}

/// Appends the tokens of one Hangul word.
///
/// `initial_law`: the word may start with a dropped ㄹ (이 Lee, 노 Roh);
/// off for given names.
pub(crate) fn hangul_word(word: &[u16], initial_law: bool, out: &mut Vec<Tok>) {
    // A syllable of a consonant and ㅡ with no final does not occur in
    // Sino-Korean: the word is (most likely) a loanword.
    let loanword = word
        .iter()
        .map(|&c| Syl::from_code(c))
        .any(|s| s.v == vow::EU && s.t == fin::NONE && s.l != ini::NONE);
    for (i, &code) in word.iter().enumerate() {
        let s = Syl::from_code(code);
        let syl_start = out.len();
        let prev = i.checked_sub(1).map(|j| Syl::from_code(word[j]));
        let next = word.get(i + 1).map(|&c| Syl::from_code(c));
        let first = i == 0;
        // Initial.
        if s.l == ini::NONE {
            if first && initial_law && i_like(s.v) {
                out.push(Tok::cons(L, Del::Opt));
            }
        } else {
            let mut t = Tok::cons(ONSET_CLASS[usize::from(s.l)], Del::Req);
            let prev_t = prev.map_or(fin::NONE, |p| p.t);
            match s.l {
                ini::R => {
                    if first {
                        t.alt = N;
                    } else if matches!(prev_t, fin::N | fin::NJ | fin::NH) {
                        // ㄴ + ㄹ: one sound (신라 Silla: the ㄴ became l), or
                        // two (Sinla, 신문로 Sinmunno).
                        t.mask |= N;
                        t.del = Del::Free;
                    } else if prev_t != fin::NONE
                        && !matches!(prev_t, fin::L | fin::LB | fin::LS | fin::LT | fin::LH)
                    {
                        t.mask |= N; // R7 ㄹ → ㄴ (종로 Jongno)
                    }
                }
                ini::N => {
                    if first && initial_law && n_law(s.v) {
                        t.alt = L;
                    }
                    if matches!(prev_t, fin::L | fin::LH | fin::LT) {
                        // ㄹ + ㄴ → ll (별내 Byeollae), or written ln.
                        t.mask |= L;
                        t.del = Del::Free;
                    }
                }
                // ㄱㄷㅂ + ㅎ: the h merges into an aspirate (잡혀 japyeo).
                ini::H if obstruent_final(prev_t) => t.del = Del::Opt,
                _ => {}
            }
            out.push(t);
        }
        // Vowel.
        let v = usize::from(s.v);
        let mut vt = Tok::vowel(VOWEL_CLASS[v], LOOSE_CLASS[v], vowel_glide(s.v, s.l), Del::Req);
        let next_l = next.map(|n| n.l);
        if s.v == vow::EU
            && s.l != ini::NONE
            && (s.t == fin::NONE || (s.t == fin::L && next_l == Some(ini::R)))
        {
            vt.del = Del::Epen; // epenthetic ㅡ of loanwords: 브리즈번, 베를린
        }
        out.push(vt);
        // Final.
        let nasal_next = matches!(next_l, Some(ini::N | ini::M | ini::R));
        let vowel_next = next_l == Some(ini::NONE);
        let t = s.t;
        let coda_start = out.len();
        match t {
            fin::NONE => {}
            fin::G | fin::KK | fin::K => {
                if nasal_next {
                    out.push(Tok::cons(N, Del::Free)); // 백마 Baengma
                }
                out.push(Tok::cons(K, Del::Req));
            }
            fin::GS => {
                out.push(Tok::cons(K, Del::Req));
                if vowel_next {
                    out.push(Tok::cons(S, Del::Opt));
                }
            }
            fin::LG => {
                out.push(Tok::cons(L, Del::Opt));
                out.push(Tok::cons(K, Del::Req));
            }
            fin::N => {
                let mut m = N;
                if next_l == Some(ini::R) {
                    m |= L; // 신라 Silla
                }
                out.push(Tok::cons(m, Del::Req));
            }
            fin::NJ => {
                out.push(Tok::cons(N, Del::Req));
                if vowel_next {
                    out.push(Tok::cons(J, Del::Opt));
                }
            }
            fin::NH => out.push(Tok::cons(N, Del::Req)),
            fin::D | fin::T => {
                let mut m = T;
                let palatal = next.is_some_and(|n| {
                    n.v == vow::I && (n.l == ini::NONE || n.l == ini::H)
                        || (n.l == ini::H && n.v == vow::YEO)
                });
                if palatal {
                    m |= J; // 같이 gachi
                }
                if nasal_next {
                    m |= N;
                }
                out.push(Tok::cons(m, Del::Req));
            }
            fin::S | fin::SS => {
                let mut m = T | S;
                if nasal_next {
                    m |= N;
                }
                let del = if next_l.is_some_and(obstruent) { Del::Opt } else { Del::Req };
                out.push(Tok::cons(m, del));
            }
            fin::J | fin::CH => {
                let mut m = T | J;
                if nasal_next {
                    m |= N;
                }
                out.push(Tok::cons(m, Del::Req));
            }
            fin::L | fin::LS | fin::LT | fin::LH => out.push(Tok::cons(L, Del::Req)),
            fin::LM => {
                out.push(Tok::cons(L, Del::Opt));
                out.push(Tok::cons(M, Del::Req));
            }
            fin::LB => {
                out.push(Tok::cons(L, Del::Req));
                out.push(Tok::cons(P, Del::Opt));
            }
            fin::LP => {
                out.push(Tok::cons(L, Del::Opt));
                out.push(Tok::cons(P, Del::Req));
            }
            fin::M => out.push(Tok::cons(M, Del::Req)),
            fin::B | fin::P | fin::BS => {
                let mut m = P;
                if nasal_next {
                    m |= M;
                }
                out.push(Tok::cons(m, Del::Req));
                if t == fin::BS && vowel_next {
                    out.push(Tok::cons(S, Del::Opt));
                }
            }
            fin::NG => {
                out.push(Tok::cons(N, Del::Req));
                // In a loanword, ㅇ also writes a French nasal (마크롱 Macron,
                // 프랑스 France).
                out.push(Tok::cons(K, if loanword { Del::Opt } else { Del::Req }));
            }
            _ => out.push(Tok::cons(T, Del::Opt)), // ㅎ
        }
        if let Some(t) = out.get_mut(syl_start) {
            t.bnd |= BEFORE;
        }
        // Liaison: before a silent ㅇ the final starts the next syllable
        // (김연아 Kim Yu-na).
        if vowel_next && t != fin::NG && out.len() == coda_start + 1 {
            out[coda_start].bnd |= BEFORE;
        }
    }
}

// ----------------------------------------------------------------- Latin side

/// A Latin word: lower-case ASCII letters, cut into chunks by hyphens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LWord<'a> {
    /// The letters.
    pub letters: &'a [u8],
    /// Where each chunk after the first starts (hyphens), in increasing
    /// order.
    pub cuts: &'a [usize],
}

#[inline]
fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w')
}

/// Vowel nuclei of Latin spellings and their classes, longest first.
const NUCLEI: [(&[u8], u8); 26] = [
    (b"eui", VI),
    (b"eo", VO),
    (b"eu", VU),
    (b"ae", VE),
    (b"ai", VE),
    (b"ay", VE),
    (b"ei", VE),
    (b"ey", VE),
    (b"oe", VE | VO),
    (b"oi", VE),
    (b"oy", VE),
    (b"ui", VI),
    (b"ee", VI),
    (b"ii", VI),
    (b"ie", VI),
    (b"ea", VE | VI),
    (b"oo", VU),
    (b"aa", VA),
    (b"ou", VO | VU),
    (b"uu", VU),
    (b"a", VA),
    (b"e", VE),
    (b"i", VI),
    (b"o", VO),
    (b"u", VU),
    (b"y", VI),
];

/// Pushes strict vowel tokens for a vowel group: one token per nucleus,
/// each with its glide.
fn push_nuclei(group: &[u8], prev: u8, opt: bool, out: &mut Vec<Tok>) {
    let mut i = 0;
    while i < group.len() {
        let mut glide = G0;
        if i == 0 && matches!(prev, b'g' | b'k' | b'q') && matches!(group, b"ua" | b"uo") {
            glide = GW; // Guam 괌, Guo 궈
            i += 1;
        } else if i + 1 < group.len() && matches!(group[i], b'y' | b'w') {
            let nx = group[i + 1];
            if group[i] == b'w' && nx != b'w' {
                glide = GW;
                i += 1;
            } else if group[i] == b'y' && nx != b'i' && nx != b'y' {
                glide = GY;
                i += 1;
            } else if group[i] == b'y' {
                i += 1; // yi: the y is silent (Yi = 이)
            }
        }
        if i >= group.len() {
            break;
        }
        let rest = &group[i..];
        let (mut len, mut cls) = NUCLEI
            .iter()
            .find(|(n, _)| rest.starts_with(n))
            .map(|(n, c)| (n.len(), *c))
            .unwrap_or((1, VU)); // a lone w
        if len == 2 && rest.get(2) == Some(&rest[1]) {
            // aii is a + ii (Hawaii), not ai + i.
            len = 1;
            cls = NUCLEI.iter().find(|(n, _)| n[..] == rest[..1]).map_or(VU, |(_, c)| *c);
        }
        out.push(Tok::vowel(cls, 0, glide, if opt { Del::Opt } else { Del::Req }));
        i += len;
    }
}

/// Tokenises one Latin word. `korean`: the word spells Korean (names): hard
/// g and c only, no voiced s, and one token per vowel nucleus (strict
/// model); otherwise one token per vowel group (loose model).
pub(crate) fn latin_word(w: LWord<'_>, korean: bool, out: &mut Vec<Tok>) {
    let s = w.letters;
    let n = s.len();
    let mut i = 0;
    // Index of the first token of each chunk after the first.
    let mut starts: Vec<usize> = Vec::new();
    let mut next_cut = 0;
    // End of the current chunk.
    let chunk_end = |i: usize| -> usize { w.cuts.iter().copied().find(|&c| c > i).unwrap_or(n) };
    let push = |out: &mut Vec<Tok>, m: Mask, del: Del| out.push(Tok::cons(m, del));
    while i < n {
        while next_cut < w.cuts.len() && w.cuts[next_cut] <= i {
            starts.push(out.len());
            next_cut += 1;
        }
        let end = chunk_end(i);
        let at = |k: usize| -> u8 {
            if k < end {
                s[k]
            } else {
                0
            }
        };
        let c = s[i];
        let nx = at(i + 1);
        let nx2 = at(i + 2);
        let prev = if i > 0 { s[i - 1] } else { 0 };
        let word_end = end == n;
        // Vowel groups (wh + vowel: h then a w-vowel, as in Whang).
        if is_vowel_letter(c) && !(c == b'w' && nx == b'h') {
            let mut j = i;
            while j < end && is_vowel_letter(s[j]) {
                j += 1;
            }
            let group = &s[i..j];
            // A silent final e (Ukraine, Rome) or -es (Philippines).
            let silent = !korean
                && group == b"e"
                && i > 0
                && !is_vowel_letter(prev)
                && n > 3
                && ((j == n && word_end) || (j + 1 == n && s[j] == b's' && word_end));
            if korean {
                push_nuclei(group, prev, silent, out);
            } else {
                let del = if silent { Del::Opt } else { Del::Req };
                out.push(Tok::vowel(0, loose_group_class(group, at(j) == b'l'), G0, del));
            }
            i = j;
            continue;
        }
        let next_vowel = is_vowel_letter(nx);
        if c == nx && c != b'h' {
            i += 1; // a doubled consonant letter is one sound (Harris, Mattis)
            continue;
        }
        let rest = &s[i..end];
        if rest.starts_with(b"sch") {
            push(out, S, Del::Req);
            i += 3;
            continue;
        }
        if rest.starts_with(b"tsch") {
            push(out, J, Del::Req);
            i += 4;
            continue;
        }
        if rest.starts_with(b"tch") {
            push(out, J, Del::Req);
            i += 3;
            continue;
        }
        if c == b'w' {
            // wh + vowel: the h, then the vowel group starting with w.
            push(out, H, Del::Req);
            let mut j = i + 2;
            while j < end && is_vowel_letter(s[j]) {
                j += 1;
            }
            let mut group = vec![b'w'];
            group.extend_from_slice(&s[i + 2..j]);
            if korean {
                push_nuclei(&group, b'h', false, out);
            } else {
                out.push(Tok::vowel(0, loose_group_class(&group, at(j) == b'l'), G0, Del::Req));
            }
            i = j;
            continue;
        }
        let two = [c, nx];
        let (mask, del, len): (Mask, Del, usize) = match &two {
            b"ch" if matches!(nx2, b'r' | b'l') => (K, Del::Req, 2),
            b"ch" | b"ts" | b"tz" | b"dz" | b"zh" | b"cz" | b"dj" => (J, Del::Req, 2),
            b"dg" if !korean => (J, Del::Req, 2),
            b"sh" | b"sz" => (S, Del::Req, 2),
            b"ph" => (P, Del::Req, 2),
            b"th" => (if korean { T } else { T | S }, Del::Req, 2),
            b"gh" if nx2 == b't' || i + 2 >= end => (0, Del::Req, 2), // Albright: silent
            b"kh" => {
                out.push(Tok::cons_alt(K, H));
                (0, Del::Req, 2) // Khabarovsk 하바롭스크
            }
            b"gh" | b"ck" => (K, Del::Req, 2),
            b"rh" => (L, Del::Req, 2),
            b"qu" => (K, Del::Req, 1),
            _ => match c {
                b'h' => {
                    if next_vowel {
                        (H, Del::Req, 1)
                    } else if nx == 0 {
                        (0, Del::Req, 1) // Oh, Roh, Kyu-hah: silent
                    } else {
                        (H, Del::Opt, 1) // Ahn, Hahn, Tehran
                    }
                }
                b'r' => {
                    if !next_vowel && i > 0 && is_vowel_letter(prev) {
                        (L, Del::Opt, 1) // Park, Hur
                    } else {
                        (L, Del::Req, 1)
                    }
                }
                b'l' => (L, Del::Req, 1),
                b'm' => (M, Del::Req, 1),
                b'n' => (N, Del::Req, 1),
                b'f' => {
                    out.push(Tok::cons_alt(P, H));
                    (0, Del::Req, 1) // Fukushima 후쿠시마
                }
                b'b' | b'p' => (P, Del::Req, 1),
                b'v' => {
                    if i > 0 && is_vowel_letter(prev) && !next_vowel {
                        (P, Del::Opt, 1) // Kyiv 키이우
                    } else {
                        (P, Del::Req, 1)
                    }
                }
                b't' if !korean && (&s[i + 1..] == b"s" || &s[i + 1..] == b"es") => {
                    (T | J, Del::Req, 1) // -ts, -tes: 츠 (Gates 게이츠)
                }
                b'd' | b't' => (T, Del::Req, 1),
                b'k' => (K, Del::Req, 1),
                b'q' => (if nx == b'i' { J } else { K }, Del::Req, 1),
                b'c' if !korean && matches!(nx, b'e' | b'i' | b'y') => (S | K, Del::Req, 1),
                b'c' => (K, Del::Req, 1),
                b'g' if !korean && matches!(nx, b'e' | b'i' | b'y') => {
                    // Soft g; Spanish g is ㅎ (Argentina 아르헨티나).
                    out.push(Tok::cons_alt(K | J, H));
                    (0, Del::Req, 1)
                }
                b'g' => (K, Del::Req, 1),
                b'j' => (J, Del::Req, 1),
                b'z' => (J, Del::Req, 1),
                b's' => {
                    if word_end && i + 1 == n && prev != b's' && n > 2 {
                        (S, Del::Opt, 1) // Paris, Laos
                    } else if !korean
                        && i > 0
                        && is_vowel_letter(prev)
                        && matches!(nx, b'b' | b'd' | b'g' | b'm' | b'n' | b'l' | b'v')
                    {
                        (S | J, Del::Req, 1) // Brisbane 브리즈번
                    } else {
                        (S, Del::Req, 1)
                    }
                }
                b'x' => {
                    if i == 0 {
                        (S, Del::Req, 1)
                    } else {
                        push(out, K, Del::Req);
                        (S, Del::Req, 1)
                    }
                }
                _ => (0, Del::Req, 1),
            },
        };
        if mask != 0 {
            push(out, mask, del);
        }
        i += len;
    }
    for k in starts {
        if let Some(t) = out.get_mut(k) {
            t.bnd |= BEFORE;
        }
    }
}

/// Vowel classes of a Latin vowel group for the loose model: its letters,
/// without glides (y and w before a vowel, w after one), with y as i; o
/// for au/aw (Austin 오스틴) and for a before l (`before_l`: Albright
/// 올브라이트); e for the romanisation ae.
fn loose_group_class(group: &[u8], before_l: bool) -> u8 {
    let mut cls = 0;
    for (k, &c) in group.iter().enumerate() {
        let next_vowel = group.get(k + 1).is_some_and(|&d| d != b'y' && d != b'w');
        cls |= match c {
            b'y' | b'w' if next_vowel => 0,
            b'a' if group.get(k + 1) == Some(&b'e') => 0,
            b'a' => VA,
            b'e' => VE,
            b'i' | b'y' => VI,
            b'o' => VO,
            _ => VU,
        };
    }
    if group.windows(2).any(|w| w == b"au" || w == b"aw") || (before_l && group.ends_with(b"a")) {
        cls |= VO;
    }
    if cls == 0 {
        cls = VU; // a lone w
    }
    cls
}

/// Merges adjacent tokens that are the same sound: two required consonants
/// of the same classes (ll, Sun-nam, Hong Kong), and, when `vowels`, any
/// two vowels (the loose model takes a vowel group as one vowel). On the
/// Hangul side (`hangul`) a boundary inside a merged token may be taken on
/// either side of it; on the Latin side it no longer constrains.
pub(crate) fn collapse(toks: &mut Vec<Tok>, vowels: bool, hangul: bool) {
    let spread = if hangul { BEFORE | AFTER } else { 0 };
    let mut w = 0;
    for r in 0..toks.len() {
        let t = toks[r];
        if w > 0 {
            let last = &mut toks[w - 1];
            if t.is_vowel() && last.is_vowel() && vowels {
                // An epenthetic ㅡ next to a real vowel adds nothing to it.
                if last.del == Del::Epen {
                    last.lcls = t.lcls;
                } else if t.del != Del::Epen {
                    last.lcls |= t.lcls;
                }
                last.vcls |= t.vcls;
                last.glide |= t.glide;
                if t.bnd & BEFORE != 0 {
                    last.bnd |= spread;
                }
                if t.del == Del::Req {
                    last.del = Del::Req;
                }
                continue;
            }
            if !t.is_vowel() && !last.is_vowel() && t.del == Del::Req && last.del == Del::Req {
                if t.mask == last.mask && t.alt == last.alt {
                    if t.bnd & BEFORE != 0 {
                        last.bnd |= spread;
                    }
                    continue;
                }
                if t.mask & last.mask != 0 {
                    // 신라: ㄴ (n or l) + ㄹ (l or n) is one sound (Silla) or
                    // two (Sinla, Finland).
                    toks[w] = Tok { del: Del::Free, ..t };
                    w += 1;
                    continue;
                }
            }
        }
        toks[w] = t;
        w += 1;
    }
    toks.truncate(w);
}

// ------------------------------------------------------------------- distance

/// The cost model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    /// Vowel-blind, related consonants cheap: loanwords and places.
    Loose,
    /// Every change a full edit, vowels by class: Korean names.
    Strict,
}

/// Cost of a substitution between two consonant classes (loose model).
const fn loose_sub_table() -> [[f32; N_CLASSES]; N_CLASSES] {
    let mut t = [[1.0f32; N_CLASSES]; N_CLASSES];
    let mut i = 0;
    while i < N_CLASSES {
        t[i][i] = 0.0;
        i += 1;
    }
    let pairs: [(Class, Class, f32); 6] = [
        (C_S, C_J, 0.4),
        (C_T, C_J, 0.85),
        (C_T, C_S, 0.85),
        (C_L, C_N, 0.5),
        (C_N, C_M, 0.85),
        (C_K, C_J, 0.85),
    ];
    let mut k = 0;
    while k < pairs.len() {
        let (a, b, c) = pairs[k];
        t[a as usize][b as usize] = c;
        t[b as usize][a as usize] = c;
        k += 1;
    }
    t
}

const LOOSE_SUB: [[f32; N_CLASSES]; N_CLASSES] = loose_sub_table();
/// Cost of matching through an `alt` class.
const ALT_COST: f32 = 0.15;
/// Cost of leaving out an optional token.
const OPT_COST: f32 = 0.15;
/// Cost of leaving out an epenthetic vowel.
const EPEN_COST: f32 = 0.05;
/// Cost of a vowel that cannot stand for the other in the loose model
/// (푸틴 Putin is not Biden), shared out among the Hangul word's vowels:
/// `min(0.85, 1.7 / vowels)`. In a two-syllable word one wrong vowel fails;
/// a long loanword (울란바토르) can afford one.
fn loose_vowel_cost(h: &[Tok]) -> f32 {
    let vowels = h.iter().filter(|t| t.is_vowel() && t.del == Del::Req).count().max(2);
    (1.7 / vowels as f32).min(0.85)
}

/// Cost of matching Hangul token `a` with each consonant class, in a model.
#[inline]
fn cost_row(a: &Tok, model: Model) -> [f32; N_CLASSES] {
    let mut row = [1.0f32; N_CLASSES];
    if a.is_vowel() {
        return row;
    }
    if model == Model::Loose {
        let mut m = a.mask;
        while m != 0 {
            let ca = m.trailing_zeros() as usize;
            m &= m - 1;
            for (r, &c) in row.iter_mut().zip(&LOOSE_SUB[ca]) {
                *r = r.min(c);
            }
        }
    }
    let mut alt = a.alt;
    while alt != 0 {
        let c = alt.trailing_zeros() as usize;
        alt &= alt - 1;
        row[c] = row[c].min(ALT_COST);
    }
    let mut m = a.mask;
    while m != 0 {
        let c = m.trailing_zeros() as usize;
        m &= m - 1;
        row[c] = 0.0;
    }
    row
}

/// Substitution cost of Hangul token `a` (with its cost row) by Latin
/// token `b`; `vowel_cost` is the loose model's cost of incompatible vowels.
#[inline]
fn sub(a: &Tok, row: &[f32; N_CLASSES], b: &Tok, model: Model, vowel_cost: f32) -> f32 {
    let (av, bv) = (a.is_vowel(), b.is_vowel());
    if av || bv {
        if !(av && bv) {
            return 2.0;
        }
        return match model {
            Model::Loose if a.lcls & b.lcls != 0 => 0.0,
            Model::Loose => vowel_cost,
            Model::Strict if a.vcls & b.vcls != 0 && a.glide & b.glide != 0 => 0.0,
            Model::Strict => 1.0,
        };
    }
    let mut best = if b.alt & a.mask != 0 { ALT_COST } else { 2.0 };
    let mut m = b.mask;
    while m != 0 {
        let c = m.trailing_zeros() as usize;
        m &= m - 1;
        best = best.min(row[c]);
    }
    best
}

/// Cost of leaving out a token.
#[inline]
fn indel(t: &Tok, model: Model) -> f32 {
    match t.del {
        Del::Free => 0.0,
        Del::Epen => EPEN_COST,
        Del::Opt => OPT_COST,
        Del::Req => match model {
            Model::Strict => 1.0,
            Model::Loose if t.is_vowel() => 0.6,
            Model::Loose if t.mask == H => 0.4,
            Model::Loose => 1.0,
        },
    }
}

/// Cost of leaving out a consonant that doubles its neighbour (도널드 트럼프
/// has two t sounds where "Donald Trump" is read with one).
const DOUBLED_COST: f32 = 0.1;

/// Sets the deletion cost of a key's tokens: [`indel`], or
/// [`DOUBLED_COST`] for a required consonant whose nearest required
/// neighbour is the same sound.
fn deletion_costs(toks: &mut [Tok], model: Model) {
    // The mask of the nearest required token before each token (0: a vowel
    // or none).
    let mut before: Mask = 0;
    for t in toks.iter_mut() {
        t.dcost = indel(t, model);
        if t.del == Del::Req && !t.is_vowel() && before == t.mask {
            t.dcost = t.dcost.min(DOUBLED_COST);
        }
        if t.del == Del::Req {
            before = if t.is_vowel() { 0 } else { t.mask };
        }
    }
    let mut after: Mask = 0;
    for t in toks.iter_mut().rev() {
        if t.del == Del::Req && !t.is_vowel() && after == t.mask {
            t.dcost = t.dcost.min(DOUBLED_COST);
        }
        if t.del == Del::Req {
            after = if t.is_vowel() { 0 } else { t.mask };
        }
    }
}

/// The longest key compared; longer keys are cut (no real name is this long).
const MAX_TOKENS: usize = 48;

/// A key prepared for one cost model: tokens with their deletion costs and
/// boundaries.
#[derive(Clone, Debug)]
pub(crate) struct Key {
    toks: Vec<Tok>,
    /// Tokens that are not optional.
    req: usize,
    /// The loose model's cost of incompatible vowels (Hangul side).
    vowel_cost: f32,
    model: Model,
}

impl Key {
    fn build(mut toks: Vec<Tok>, model: Model, hangul: bool) -> Key {
        toks.truncate(MAX_TOKENS);
        let n = toks.len();
        deletion_costs(&mut toks, model);
        if hangul {
            // Optional tokens around a syllable boundary may fall on either
            // side of it (블라디미르 푸틴: the ㅡ of 르 before the space).
            let mut cut = [false; MAX_TOKENS + 1];
            for i in 0..=n {
                cut[i] =
                    i == 0 || i >= n || toks[i].bnd & BEFORE != 0 || toks[i - 1].bnd & AFTER != 0;
            }
            for i in 1..=n {
                if cut[i - 1] && toks[i - 1].del != Del::Req {
                    cut[i] = true;
                }
            }
            for i in (0..n).rev() {
                if cut[i + 1] && toks[i].del != Del::Req {
                    cut[i] = true;
                }
            }
            for (t, &c) in toks.iter_mut().zip(&cut) {
                t.cut = c;
            }
        } else {
            for (j, t) in toks.iter_mut().enumerate() {
                t.cut = j > 0 && t.bnd & BEFORE != 0;
            }
        }
        let req = required(&toks);
        let vowel_cost = if hangul { loose_vowel_cost(&toks) } else { 0.0 };
        Key { toks, req, vowel_cost, model }
    }

    /// Prepares a Hangul key.
    pub fn hangul(toks: Vec<Tok>, model: Model) -> Key {
        Key::build(toks, model, true)
    }

    /// Prepares a Latin key.
    pub fn latin(toks: Vec<Tok>, model: Model) -> Key {
        Key::build(toks, model, false)
    }

    /// Number of tokens that are not optional.
    pub fn required(&self) -> usize {
        self.req
    }
}

/// Weighted edit distance between a Hangul key and a Latin key (the
/// Hangul key's model). A word boundary or hyphen in the Latin must fall on
/// a syllable boundary in the Hangul: "Qin Gang" cannot be cut 정의|용.
pub(crate) fn edit_distance(h: &Key, l: &Key) -> f32 {
    const FAR: f32 = 1.0e6;
    let model = h.model;
    let (n, m) = (h.toks.len(), l.toks.len());
    let mut rows = [[0f32; MAX_TOKENS + 1]; 2];
    let [a_row, b_row] = &mut rows;
    let (mut prev, mut cur) = (a_row, b_row);
    for j in 0..m {
        prev[j + 1] = prev[j] + l.toks[j].dcost;
    }
    for (i, a) in h.toks.iter().enumerate() {
        let ok = i + 1 >= n || h.toks[i + 1].cut;
        let row = &cost_row(a, model);
        cur[0] = prev[0] + a.dcost;
        for j in 0..m {
            let b = &l.toks[j];
            let d = (prev[j] + sub(a, row, b, model, h.vowel_cost))
                .min(prev[j + 1] + a.dcost)
                .min(cur[j] + b.dcost);
            cur[j + 1] = if !ok && j + 1 < m && l.toks[j + 1].cut { FAR } else { d };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// A distance in [0, 1] between two keys: the edit cost divided by the
/// longer key's required length, but never below cost / 4, so that one
/// full edit always scores at least 0.25.
pub(crate) fn score(h: &Key, l: &Key) -> f32 {
    let raw = edit_distance(h, l);
    let len = h.req.max(l.req).max(1) as f32;
    (raw / len).max(raw / 4.0).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hk(s: &str) -> Key {
        let codes = crate::romanize::jamo::codes(s);
        let mut out = Vec::new();
        hangul_word(&codes, true, &mut out);
        collapse(&mut out, true, true);
        Key::hangul(out, Model::Loose)
    }

    fn lk(s: &str) -> Key {
        let w = LWord { letters: s.as_bytes(), cuts: &[] };
        let mut out = Vec::new();
        latin_word(w, false, &mut out);
        collapse(&mut out, true, false);
        Key::latin(out, Model::Loose)
    }

    #[test]
    fn loanwords_are_close() {
        for (h, l) in [("우크라이나", "ukraine"), ("브리즈번", "brisbane"), ("왕십리", "wangsimni")]
        {
            let d = score(&hk(h), &lk(l));
            assert!(d <= 0.2, "{h} {l} {d}");
        }
    }

    #[test]
    fn distinct_words_are_far() {
        let d = score(&hk("우크라이나"), &lk("russia"));
        assert!(d > 0.5, "{d}");
    }
}
