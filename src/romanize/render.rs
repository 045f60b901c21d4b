//! Writing pronounced syllables in Latin letters, one function per system.
//!
//! * Revised Romanization: ㄱㄷㅂㅈ are g d b j before a vowel, k t p at the
//!   end (the sound decides, after the rules); ㄹ is r before a vowel, l
//!   elsewhere, ㄹㄹ ll.
//! * McCune–Reischauer: ㄱㄷㅂㅈ are k t p ch at the start of a word and after
//!   a voiceless sound, g d b j between voiced sounds; aspirates take an
//!   apostrophe (k' t' p' ch'), ㅓ ㅡ are ŏ ŭ, ㅅ before ㅣ ㅟ is sh, n'g.
//! * DPRK 1992: as MR, but aspirates are kh th ph ch, ㅈ is always j, ㅉ jj,
//!   and ㅅ is always s.
//!
//! Diacritics (breves and apostrophes) are written only when asked for; the
//! default is the plain ASCII form of the English-language press
//! (Pyongyang, Kaesong, Hamhung).

use super::jamo::{fin, ini, vow, Letter};
use super::phonology::{Break, Coda, In, Phon};

/// Revised Romanization of each vowel (also the value of MR/DPRK vowels
/// without breves, except ㅓ ㅕ ㅝ ㅡ ㅢ).
pub(crate) const RR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];

/// McCune–Reischauer / DPRK vowels with breves.
const MR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we",
    "wi", "yu", "ŭ", "ŭi", "i",
];

/// McCune–Reischauer / DPRK vowels without breves.
const MR_VOWEL_PLAIN: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];

/// Revised Romanization of each initial sound.
const RR_ONSET: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];

/// The written final sounds (all systems).
fn coda_str(c: Coda) -> &'static str {
    match c {
        Coda::None => "",
        Coda::K => "k",
        Coda::N => "n",
        Coda::T => "t",
        Coda::L => "l",
        Coda::M => "m",
        Coda::P => "p",
        Coda::Ng => "ng",
    }
}

/// Which system [`render`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Revised Romanization.
    Rr,
    /// McCune–Reischauer.
    Mr,
    /// DPRK 1992.
    Nk,
}

/// Appends `s` to `out`, upper-casing its first character if `cap`.
#[inline]
fn push_cap(out: &mut String, s: &str, cap: &mut bool) {
    if s.is_empty() {
        return;
    }
    if *cap {
        *cap = false;
        let mut chars = s.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    } else {
        out.push_str(s);
    }
}

/// Writes pronounced syllables in the given style.
pub(crate) fn render(ph: &[Phon], style: Style, marks: bool, out: &mut String) {
    let mut prev_coda = Coda::None;
    let mut prev_voiced = false;
    for (i, p) in ph.iter().enumerate() {
        match p.brk {
            Break::Hyphen if i > 0 => out.push('-'),
            Break::Space if i > 0 => out.push(' '),
            _ => {}
        }
        let joined = i > 0 && p.brk == Break::None;
        if !joined {
            prev_coda = Coda::None;
        }
        let voiced = !p.fresh && i > 0 && prev_voiced;
        let mut cap = p.cap;
        let onset: &str = match style {
            Style::Rr => {
                if p.onset == ini::R && joined && prev_coda == Coda::L {
                    "l"
                } else {
                    RR_ONSET[usize::from(p.onset)]
                }
            }
            Style::Mr | Style::Nk => {
                let nk = style == Style::Nk;
                match p.onset {
                    ini::G if voiced => {
                        if marks && !nk && joined && prev_coda == Coda::N {
                            "'g"
                        } else {
                            "g"
                        }
                    }
                    ini::G => "k",
                    ini::D if voiced => "d",
                    ini::D => "t",
                    ini::B if voiced => "b",
                    ini::B => "p",
                    ini::J if voiced || nk => "j",
                    ini::J => "ch",
                    ini::JJ if nk => "jj",
                    ini::JJ => "tch",
                    ini::K if nk => "kh",
                    ini::T if nk => "th",
                    ini::P if nk => "ph",
                    ini::CH if nk => "ch",
                    ini::K if marks => "k'",
                    ini::T if marks => "t'",
                    ini::P if marks => "p'",
                    ini::CH if marks => "ch'",
                    ini::CH => "ch",
                    ini::S if !nk && matches!(p.vowel, vow::I | vow::WI) => "sh",
                    ini::R if joined && prev_coda == Coda::L => "l",
                    other => RR_ONSET[usize::from(other)],
                }
            }
        };
        push_cap(out, onset, &mut cap);
        let vowel = match style {
            Style::Rr => RR_VOWEL[usize::from(p.vowel)],
            _ if marks => MR_VOWEL[usize::from(p.vowel)],
            _ => MR_VOWEL_PLAIN[usize::from(p.vowel)],
        };
        push_cap(out, vowel, &mut cap);
        push_cap(out, coda_str(p.coda), &mut cap);
        prev_coda = p.coda;
        prev_voiced = p.coda.voiced();
    }
}

/// Transliteration values of the finals (RR §8): letters, not sounds.
const TRANSLIT_FINAL: [&str; 28] = [
    "", "g", "kk", "gs", "n", "nj", "nh", "d", "l", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m",
    "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p", "h",
];

/// Writes syllables letter by letter (RR transliteration, Hangul-restorable):
/// ㄱㄷㅂㄹ are always g d b l, and a silent ㅇ after a final is marked `-`.
/// Breaks are written as in [`render`], except that a hyphen break is
/// written as nothing (a hyphen means a silent ㅇ here).
pub(crate) fn render_translit(syls: &[In], out: &mut String) {
    let mut prev_t = fin::NONE;
    for (i, s) in syls.iter().enumerate() {
        if i > 0 && s.brk == Break::Space {
            out.push(' ');
        }
        if s.brk != Break::None {
            prev_t = fin::NONE;
        }
        let mut cap = s.cap;
        let syl = s.syl;
        let onset = match syl.l {
            ini::NONE if prev_t != fin::NONE => "-",
            ini::R => "l",
            l => RR_ONSET[usize::from(l)],
        };
        if onset != "-" && ambiguous(TRANSLIT_FINAL[usize::from(prev_t)], onset) {
            out.push('-');
        }
        push_cap(out, onset, &mut cap);
        push_cap(out, RR_VOWEL[usize::from(syl.v)], &mut cap);
        push_cap(out, TRANSLIT_FINAL[usize::from(syl.t)], &mut cap);
        prev_t = syl.t;
    }
}

/// Transliteration onset spellings (ㄹ is l).
const TRANSLIT_ONSETS: [&str; 18] = [
    "g", "kk", "n", "d", "tt", "l", "m", "b", "pp", "s", "ss", "j", "jj", "ch", "k", "t", "p", "h",
];

/// Whether a final spelt `coda` followed by an initial spelt `onset` could be
/// read as another final and initial (ㅆ+ㅅ `sss` = ㅅ+ㅆ; ㅋ+ㅋ `kk` = ㄲ): RR §8
/// then asks for a hyphen.
fn ambiguous(coda: &str, onset: &str) -> bool {
    if coda.is_empty() {
        return false;
    }
    let total = coda.len() + onset.len();
    (0..coda.len() + onset.len()).any(|k| {
        if k == coda.len() {
            return false;
        }
        let joined = |i: usize| -> u8 {
            if i < coda.len() {
                coda.as_bytes()[i]
            } else {
                onset.as_bytes()[i - coda.len()]
            }
        };
        let part =
            |a: usize, b: usize| -> String { (a..b).map(|i| char::from(joined(i))).collect() };
        let (c2, o2) = (part(0, k), part(k, total));
        (c2.is_empty() || TRANSLIT_FINAL.contains(&c2.as_str()))
            && TRANSLIT_ONSETS.contains(&o2.as_str())
    })
}

/// Writes a stand-alone letter.
pub(crate) fn render_letter(l: Letter, cap: bool, out: &mut String) {
    let mut cap = cap;
    push_cap(out, l.spell(), &mut cap);
}
