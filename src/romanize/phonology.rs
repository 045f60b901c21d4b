//! The sound changes of standard pronunciation (표준 발음법), applied at
//! every syllable boundary inside a romanisation unit, in the order of the
//! spec (../shared/docs/ROMANIZATION_RULES.md §2):
//!
//! * R1/R2 — final neutralisation and cluster reduction before a consonant
//!   or at the end: 밭 → 받, 값 → 갑, 닭 → 닥;
//! * R3 — liaison: a final moves over to a following silent ㅇ (백암 Baegam);
//!   final ㅎ is dropped there (좋아 joa), ㅇ never moves;
//! * R4 — aspiration: ㅎ + ㄱㄷㅈ → ㅋㅌㅊ (좋고 joko); ㄱㄷㅂㅈ + ㅎ only in verb
//!   forms (잡혀 japyeo), nouns keep the h (묵호 Mukho, the RR exception);
//! * R5 — palatalisation: ㄷ ㅌ + 이 → 지 치, ㄷ + 히 → 치 (같이 gachi);
//! * R6 — nasalisation: ㄱㄷㅂ before ㄴ ㅁ → ㅇ ㄴ ㅁ (백마 Baengma);
//! * R7 — ㄹ → ㄴ after a final other than ㄴ ㄹ (종로 Jongno, 독립 dongnip);
//! * R8 — lateralisation: ㄴ+ㄹ, ㄹ+ㄴ → ㄹㄹ (신라 Silla), except the
//!   compound ㄴㄹ → ㄴㄴ of R8x (신문로 Sinmunno, 생산량), guessed for a stem of
//!   two or more syllables ending in ㄴ followed by a final 란 량 력 료 론 례 로;
//! * tensification (R0) is never written.
//!
//! ㄴ-insertion (R9) and other lexical facts come from the lexicon, which
//! respells words before these rules run. The North Korean system keeps ㄹ
//! after a consonant (압록강 Amrokgang), so R7 is off for it.

use super::jamo::{fin, ini, vow, Syl};

/// A final consonant as pronounced: one of the seven sounds a syllable can
/// end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Coda {
    /// No final.
    None,
    /// k (ㄱ ㄲ ㅋ ㄳ ㄺ).
    K,
    /// n.
    N,
    /// t (ㄷ ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ).
    T,
    /// l.
    L,
    /// m.
    M,
    /// p (ㅂ ㅍ ㅄ ㄿ).
    P,
    /// ng.
    Ng,
}

impl Coda {
    /// Whether the final is voiced (a vowel before it, or a sonorant).
    pub fn voiced(self) -> bool {
        matches!(self, Coda::None | Coda::N | Coda::L | Coda::M | Coda::Ng)
    }
}

/// What separates a syllable from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Break {
    /// Same unit: sound rules apply across.
    None,
    /// A unit boundary written as nothing (lexicon `|`).
    Hard,
    /// A unit boundary written as a hyphen.
    Hyphen,
    /// A unit boundary written as a space.
    Space,
}

/// A syllable to romanise, with the boundary before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct In {
    /// The syllable as written.
    pub syl: Syl,
    /// What separates it from the previous syllable.
    pub brk: Break,
    /// Capitalise it (the first letter written for it).
    pub cap: bool,
    /// Voicing starts afresh here (McCune–Reischauer and the DPRK system
    /// write an initial ㄱㄷㅂㅈ voiceless).
    pub fresh: bool,
}

/// A syllable as pronounced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Phon {
    /// The initial sound, an initial-consonant index ([`ini`]); ㅇ = silent.
    pub onset: u8,
    /// The vowel.
    pub vowel: u8,
    /// The final sound.
    pub coda: Coda,
    /// What separates it from the previous syllable.
    pub brk: Break,
    /// Capitalise it.
    pub cap: bool,
    /// Voicing starts afresh here.
    pub fresh: bool,
}

/// Options of the pronunciation rules.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Rules {
    /// North Korean system: no ㄹ → ㄴ after a consonant.
    pub nk: bool,
}

/// The final of a syllable before a consonant or at the end of a unit
/// (R1 neutralisation, R2 cluster reduction).
#[inline]
pub(crate) fn reduce(t: u8) -> Coda {
    match t {
        fin::NONE => Coda::None,
        fin::G | fin::KK | fin::GS | fin::LG | fin::K => Coda::K,
        fin::N | fin::NJ | fin::NH => Coda::N,
        fin::D | fin::S | fin::SS | fin::J | fin::CH | fin::T | fin::H => Coda::T,
        fin::L | fin::LB | fin::LS | fin::LT | fin::LH => Coda::L,
        fin::LM | fin::M => Coda::M,
        fin::LP | fin::B | fin::BS | fin::P => Coda::P,
        _ => Coda::Ng,
    }
}

/// A single final consonant moved over to the next syllable (liaison).
#[inline]
fn as_onset(t: u8) -> u8 {
    match t {
        fin::G => ini::G,
        fin::KK => ini::KK,
        fin::N => ini::N,
        fin::D => ini::D,
        fin::L => ini::R,
        fin::M => ini::M,
        fin::B => ini::B,
        fin::S => ini::S,
        fin::SS => ini::SS,
        fin::J => ini::J,
        fin::CH => ini::CH,
        fin::K => ini::K,
        fin::T => ini::T,
        fin::P => ini::P,
        _ => ini::NONE,
    }
}

/// The nasal an obstruent final becomes before a nasal (R6).
#[inline]
fn nasal(c: Coda) -> Coda {
    match c {
        Coda::K => Coda::Ng,
        Coda::T => Coda::N,
        Coda::P => Coda::M,
        other => other,
    }
}

/// The aspirated counterpart of ㄱ ㄷ ㅈ ㅂ.
#[inline]
fn aspirate(l: u8) -> u8 {
    match l {
        ini::G => ini::K,
        ini::D => ini::T,
        ini::J => ini::CH,
        ini::B => ini::P,
        other => other,
    }
}

/// Context of one boundary.
#[derive(Clone, Copy)]
struct Ctx {
    nk: bool,
    /// Obstruent + ㅎ here is a verb form (aspiration is written).
    verbal: bool,
    /// ㄴ + ㄹ here is the compound ㄴㄹ → ㄴㄴ (R8x).
    nn: bool,
    /// The syllable before the boundary is 밟 (ㄼ → ㅂ).
    balp: bool,
}

/// The boundary between a final `t` and the next syllable `next`: the final
/// as pronounced, and the next syllable's initial as pronounced.
fn boundary(t: u8, next: Syl, ctx: Ctx) -> (Coda, u8) {
    let (l, v) = (next.l, next.v);
    // R3 liaison (and R5 palatalisation) before a silent ㅇ.
    if l == ini::NONE {
        return match t {
            fin::NONE | fin::H => (Coda::None, ini::NONE),
            fin::NG => (Coda::Ng, ini::NONE),
            fin::NH => (Coda::None, ini::N),
            fin::LH => (Coda::None, ini::R),
            fin::GS => (Coda::K, ini::S),
            fin::NJ => (Coda::N, ini::J),
            fin::LG => (Coda::L, ini::G),
            fin::LM => (Coda::L, ini::M),
            fin::LB => (Coda::L, ini::B),
            fin::LS => (Coda::L, ini::S),
            fin::LT => (Coda::L, if v == vow::I { ini::CH } else { ini::T }),
            fin::LP => (Coda::L, ini::P),
            fin::BS => (Coda::P, ini::S),
            fin::D if v == vow::I => (Coda::None, ini::J),
            fin::T if v == vow::I => (Coda::None, ini::CH),
            _ => (Coda::None, as_onset(t)),
        };
    }
    // R4 aspiration, ㅎ first: ㅎ ㄶ ㅀ + ㄱ ㄷ ㅈ → ㅋ ㅌ ㅊ; + ㅅ → ㅆ (not written);
    // + ㄴ → ㄴㄴ (ㅀ: ㄹㄹ).
    if matches!(t, fin::H | fin::NH | fin::LH) {
        let keep = match t {
            fin::NH => Coda::N,
            fin::LH => Coda::L,
            _ => Coda::None,
        };
        match l {
            ini::G | ini::D | ini::J => return (keep, aspirate(l)),
            ini::S => return (keep, ini::S),
            ini::N if t == fin::LH => return (Coda::L, ini::R),
            ini::N => return (Coda::N, ini::N),
            ini::H => return (keep, ini::H),
            _ => {}
        }
    }
    let mut c = reduce(t);
    if ctx.balp && t == fin::LB {
        c = Coda::P;
    }
    // R4 aspiration, ㅎ second: only in verb forms; nouns keep the h.
    if l == ini::H {
        if ctx.verbal && matches!(c, Coda::K | Coda::T | Coda::P) {
            let keep = match t {
                fin::LG | fin::LB => Coda::L,
                _ => Coda::None,
            };
            let on = match c {
                Coda::K => ini::K,
                Coda::P => ini::P,
                _ if t == fin::J || v == vow::I || v == vow::YEO => ini::CH,
                _ => ini::T,
            };
            return (keep, on);
        }
        if ctx.verbal && t == fin::NJ {
            return (Coda::N, ini::CH);
        }
        return (c, ini::H);
    }
    if ctx.verbal && t == fin::LG && l == ini::G {
        c = Coda::L; // 맑게 [말께]
    }
    match l {
        ini::R => match c {
            Coda::None | Coda::L => (c, ini::R),
            Coda::N if ctx.nn => (Coda::N, ini::N),
            Coda::N => (Coda::L, ini::R),
            Coda::M | Coda::Ng if ctx.nk => (c, ini::R),
            Coda::M | Coda::Ng => (c, ini::N),
            _ if ctx.nk => (nasal(c), ini::R),
            _ => (nasal(c), ini::N),
        },
        ini::N => match c {
            Coda::L => (Coda::L, ini::R),
            _ => (nasal(c), ini::N),
        },
        ini::M => (nasal(c), ini::M),
        _ => (c, l),
    }
}

/// Last syllables that mark a verb form (dictionary form and common
/// connective or final endings).
fn is_verb_ending(s: Syl) -> bool {
    matches!(
        (s.l, s.v, s.t),
        (ini::D, vow::A, 0)        // 다
            | (ini::G, vow::O, 0)  // 고
            | (ini::J, vow::I, 0)  // 지
            | (ini::G, vow::E, 0)  // 게
            | (ini::S, vow::EO, 0) // 서
            | (ini::NONE, vow::YO, 0) // 요
            | (ini::M, vow::YEO, 0) // 며
            | (ini::N, vow::I, 0) // 니
            | (ini::N, vow::E, 0) // 네
    )
}

/// ㅎ-syllables that are the passive/causative suffix 히 and its forms
/// (히 혀 혔 힌 힐 힘 힙): obstruent + one of these is always a verb form.
fn is_hi_suffix(s: Syl) -> bool {
    s.l == ini::H
        && ((s.v == vow::I && matches!(s.t, 0 | fin::N | fin::L | fin::M | fin::B))
            || (s.v == vow::YEO && matches!(s.t, 0 | fin::SS)))
}

/// Final syllables after which a stem-final ㄴ + ㄹ is ㄴㄴ (R8x):
/// 란 량 력 료 론 례 로.
fn is_nn_suffix(s: Syl) -> bool {
    s.l == ini::R
        && matches!(
            (s.v, s.t),
            (vow::A, fin::N)
                | (vow::YA, fin::NG)
                | (vow::YEO, fin::G)
                | (vow::YO, 0)
                | (vow::O, fin::N)
                | (vow::YE, 0)
                | (vow::O, 0)
        )
}

/// Applies the sound rules to `syls`, writing one [`Phon`] per syllable
/// into `out` (cleared first). Rules never cross a [`Break`].
pub(crate) fn pronounce(syls: &[In], rules: Rules, out: &mut Vec<Phon>) {
    out.clear();
    out.extend(syls.iter().map(|s| Phon {
        onset: s.syl.l,
        vowel: s.syl.v,
        coda: reduce(s.syl.t),
        brk: s.brk,
        cap: s.cap,
        fresh: s.fresh,
    }));
    let n = syls.len();
    let mut seg_start = 0;
    for i in 0..n {
        if syls[i].brk != Break::None {
            seg_start = i;
        }
        if i + 1 >= n || syls[i + 1].brk != Break::None {
            continue;
        }
        let (a, b) = (syls[i].syl, syls[i + 1].syl);
        if a.t == fin::NONE {
            continue;
        }
        let mut ctx = Ctx { nk: rules.nk, verbal: false, nn: false, balp: false };
        if b.l == ini::H || (a.t == fin::LG && b.l == ini::G) {
            let mut end = i + 1;
            while end + 1 < n && syls[end + 1].brk == Break::None {
                end += 1;
            }
            ctx.verbal = is_hi_suffix(b)
                || (end > i
                    && is_verb_ending(syls[end].syl)
                    && (b.l != ini::H || matches!(b.v, vow::A | vow::AE | vow::I | vow::YEO)));
        }
        if a.t == fin::N && b.l == ini::R && i > seg_start {
            let last = i + 2 >= n || syls[i + 2].brk != Break::None;
            ctx.nn = last && is_nn_suffix(b);
        }
        ctx.balp = a.l == ini::B && a.v == vow::A && a.t == fin::LB;
        let (c, o) = boundary(a.t, b, ctx);
        out[i].coda = c;
        out[i + 1].onset = o;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phons(s: &str) -> Vec<(u8, Coda)> {
        let ins: Vec<In> = s
            .chars()
            .map(|c| In {
                syl: Syl::from_char(c).unwrap(),
                brk: Break::None,
                cap: false,
                fresh: false,
            })
            .collect();
        let mut out = Vec::new();
        pronounce(&ins, Rules::default(), &mut out);
        out.iter().map(|p| (p.onset, p.coda)).collect()
    }

    #[test]
    fn nasalisation_and_r_to_n() {
        // 독립 → [동닙]
        assert_eq!(phons("독립"), vec![(ini::D, Coda::Ng), (ini::N, Coda::P)]);
    }

    #[test]
    fn lateralisation() {
        // 신라 → [실라]
        assert_eq!(phons("신라"), vec![(ini::S, Coda::L), (ini::R, Coda::None)]);
    }
}
