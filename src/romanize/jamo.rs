//! Hangul code points: syllable decomposition, composition of conjoining
//! jamo, and splitting a text into runs of syllables, stand-alone letters and
//! everything else.
//!
//! A precomposed syllable U+AC00–U+D7A3 is `0xAC00 + (L × 21 + V) × 28 + T`
//! with 19 initials L, 21 vowels V and 28 finals T (T = 0: no final).

/// The first precomposed syllable, 가.
const S_BASE: u32 = 0xAC00;
/// Number of precomposed syllables.
const S_COUNT: u32 = 11_172;

/// Initial consonants (L), in Unicode order.
#[allow(dead_code)]
pub(crate) mod ini {
    pub const G: u8 = 0;
    pub const KK: u8 = 1;
    pub const N: u8 = 2;
    pub const D: u8 = 3;
    pub const TT: u8 = 4;
    pub const R: u8 = 5;
    pub const M: u8 = 6;
    pub const B: u8 = 7;
    pub const PP: u8 = 8;
    pub const S: u8 = 9;
    pub const SS: u8 = 10;
    /// ㅇ: silent as an initial.
    pub const NONE: u8 = 11;
    pub const J: u8 = 12;
    pub const JJ: u8 = 13;
    pub const CH: u8 = 14;
    pub const K: u8 = 15;
    pub const T: u8 = 16;
    pub const P: u8 = 17;
    pub const H: u8 = 18;
}

/// Vowels (V), in Unicode order.
#[allow(dead_code)]
pub(crate) mod vow {
    pub const A: u8 = 0;
    pub const AE: u8 = 1;
    pub const YA: u8 = 2;
    pub const YAE: u8 = 3;
    pub const EO: u8 = 4;
    pub const E: u8 = 5;
    pub const YEO: u8 = 6;
    pub const YE: u8 = 7;
    pub const O: u8 = 8;
    pub const WA: u8 = 9;
    pub const WAE: u8 = 10;
    pub const OE: u8 = 11;
    pub const YO: u8 = 12;
    pub const U: u8 = 13;
    pub const WO: u8 = 14;
    pub const WE: u8 = 15;
    pub const WI: u8 = 16;
    pub const YU: u8 = 17;
    pub const EU: u8 = 18;
    pub const UI: u8 = 19;
    pub const I: u8 = 20;
}

/// Final consonants (T), in Unicode order; 0 is "no final".
#[allow(dead_code)]
pub(crate) mod fin {
    pub const NONE: u8 = 0;
    pub const G: u8 = 1;
    pub const KK: u8 = 2;
    pub const GS: u8 = 3;
    pub const N: u8 = 4;
    pub const NJ: u8 = 5;
    pub const NH: u8 = 6;
    pub const D: u8 = 7;
    pub const L: u8 = 8;
    pub const LG: u8 = 9;
    pub const LM: u8 = 10;
    pub const LB: u8 = 11;
    pub const LS: u8 = 12;
    pub const LT: u8 = 13;
    pub const LP: u8 = 14;
    pub const LH: u8 = 15;
    pub const M: u8 = 16;
    pub const B: u8 = 17;
    pub const BS: u8 = 18;
    pub const S: u8 = 19;
    pub const SS: u8 = 20;
    pub const NG: u8 = 21;
    pub const J: u8 = 22;
    pub const CH: u8 = 23;
    pub const K: u8 = 24;
    pub const T: u8 = 25;
    pub const P: u8 = 26;
    pub const H: u8 = 27;
}

/// A decomposed syllable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Syl {
    /// Initial consonant, 0..19 ([`ini`]).
    pub l: u8,
    /// Vowel, 0..21 ([`vow`]).
    pub v: u8,
    /// Final consonant, 0..28 ([`fin`]).
    pub t: u8,
}

impl Syl {
    /// Decomposes a syllable code (the code point minus U+AC00, below 11,172).
    #[inline]
    pub fn from_code(code: u16) -> Syl {
        let c = u32::from(code);
        Syl { l: (c / 588) as u8, v: ((c % 588) / 28) as u8, t: (c % 28) as u8 }
    }

    /// The syllable code (code point minus U+AC00).
    #[inline]
    pub fn code(self) -> u16 {
        (u32::from(self.l) * 588 + u32::from(self.v) * 28 + u32::from(self.t)) as u16
    }

    /// Decomposes a precomposed syllable character.
    #[inline]
    pub fn from_char(c: char) -> Option<Syl> {
        syllable_code(c).map(Syl::from_code)
    }
}

/// The syllable code of a precomposed syllable (code point minus U+AC00).
#[inline]
pub(crate) fn syllable_code(c: char) -> Option<u16> {
    let d = (c as u32).wrapping_sub(S_BASE);
    (d < S_COUNT).then_some(d as u16)
}

/// Syllable codes of a Hangul string, ignoring any other character.
pub(crate) fn codes(s: &str) -> Vec<u16> {
    s.chars().filter_map(syllable_code).collect()
}

/// A Hangul letter written on its own (compatibility jamo, or a conjoining
/// jamo that does not form a syllable): an index into the compatibility
/// jamo block, U+3131 ㄱ … U+3163 ㅣ (0..30 consonants, 30..51 vowels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Letter(pub u8);

/// Compatibility index (U+3131 + i) of each initial consonant.
const INI_TO_COMPAT: [u8; 19] =
    [0, 1, 3, 6, 7, 8, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
/// Compatibility index of each final consonant (index 0 unused).
const FIN_TO_COMPAT: [u8; 28] = [
    0, 0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 25, 26, 27,
    28, 29,
];

/// How a character takes part in romanisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A precomposed syllable (its code).
    Syllable(u16),
    /// A modern conjoining initial (L index).
    Initial(u8),
    /// A modern conjoining vowel (V index).
    Vowel(u8),
    /// A modern conjoining final (T index, 1..28).
    Final(u8),
    /// A compatibility letter.
    Letter(Letter),
    /// Enclosed or half-width Hangul: romanise its compatibility decomposition.
    Expand,
    /// Other Hangul-script characters (archaic jamo, fillers, tone marks):
    /// dropped, so that the output never contains Hangul.
    Drop,
    /// Not Hangul: passes through unchanged.
    Other,
}

/// Classifies a character.
#[inline]
pub(crate) fn classify(c: char) -> Class {
    let u = c as u32;
    if u < 0x1100 {
        return Class::Other;
    }
    if let Some(code) = syllable_code(c) {
        return Class::Syllable(code);
    }
    match u {
        0x1100..=0x1112 => Class::Initial((u - 0x1100) as u8),
        0x1161..=0x1175 => Class::Vowel((u - 0x1161) as u8),
        0x11A8..=0x11C2 => Class::Final((u - 0x11A7) as u8),
        0x3131..=0x3163 => Class::Letter(Letter((u - 0x3131) as u8)),
        0x3200..=0x321E | 0x3260..=0x327E | 0xFFA0..=0xFFDC => Class::Expand,
        0x1113..=0x11FF | 0x302E..=0x302F | 0x3164..=0x318E | 0xA960..=0xA97F | 0xD7B0..=0xD7FF => {
            Class::Drop
        }
        _ => Class::Other,
    }
}

impl Letter {
    /// The letter of an initial consonant.
    pub fn from_initial(l: u8) -> Letter {
        Letter(INI_TO_COMPAT[usize::from(l)])
    }

    /// The letter of a final consonant (1..28).
    pub fn from_final(t: u8) -> Letter {
        Letter(FIN_TO_COMPAT[usize::from(t)])
    }

    /// The letter of a vowel.
    pub fn from_vowel(v: u8) -> Letter {
        Letter(30 + v)
    }

    /// The letter spelt out (Revised Romanization letter values, as in
    /// transliteration: ㄱ g, ㄹ l, ㅇ ng, ㄳ gs …).
    pub fn spell(self) -> &'static str {
        const SPELL: [&str; 51] = [
            "g", "kk", "gs", "n", "nj", "nh", "d", "tt", "l", "lg", "lm", "lb", "ls", "lt", "lp",
            "lh", "m", "b", "pp", "bs", "s", "ss", "ng", "j", "jj", "ch", "k", "t", "p", "h", "a",
            "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
            "we", "wi", "yu", "eu", "ui", "i",
        ];
        SPELL.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

/// One piece of a scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A run of syllables: a range of [`Scan::codes`].
    Run(usize, usize),
    /// A stand-alone letter.
    Letter(Letter),
    /// Text that is not Hangul: a byte range of the input.
    Text(usize, usize),
    /// The compatibility decomposition of an enclosed or half-width character.
    Expanded(String),
}

/// A text cut into pieces.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Syllable codes of all runs, back to back.
    pub codes: Vec<u16>,
    /// The pieces in text order.
    pub pieces: Vec<Piece>,
}

/// Cuts `text` into syllable runs, letters and other text. Conjoining jamo
/// (NFD Hangul) are composed into syllables on the way.
pub(crate) fn scan(text: &str) -> Scan {
    let mut sc = Scan { codes: Vec::with_capacity(text.len() / 3 + 1), pieces: Vec::new() };
    let mut run_start: Option<usize> = None;
    let mut text_start: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    // Closes an open run or text piece.
    fn close_run(sc: &mut Scan, run_start: &mut Option<usize>) {
        if let Some(s) = run_start.take() {
            sc.pieces.push(Piece::Run(s, sc.codes.len()));
        }
    }
    fn close_text(sc: &mut Scan, text_start: &mut Option<usize>, end: usize) {
        if let Some(s) = text_start.take() {
            sc.pieces.push(Piece::Text(s, end));
        }
    }
    while let Some((i, c)) = it.next() {
        let class = classify(c);
        if class == Class::Other {
            close_run(&mut sc, &mut run_start);
            if text_start.is_none() {
                text_start = Some(i);
            }
            continue;
        }
        close_text(&mut sc, &mut text_start, i);
        // A syllable, possibly composed from conjoining jamo.
        let mut syl: Option<Syl> = None;
        match class {
            Class::Syllable(code) => syl = Some(Syl::from_code(code)),
            Class::Initial(l) => {
                if let Some(&(_, c2)) = it.peek() {
                    if let Class::Vowel(v) = classify(c2) {
                        it.next();
                        syl = Some(Syl { l, v, t: 0 });
                    }
                }
                if syl.is_none() {
                    close_run(&mut sc, &mut run_start);
                    sc.pieces.push(Piece::Letter(Letter::from_initial(l)));
                }
            }
            Class::Vowel(v) => {
                close_run(&mut sc, &mut run_start);
                sc.pieces.push(Piece::Letter(Letter::from_vowel(v)));
            }
            Class::Final(t) => {
                close_run(&mut sc, &mut run_start);
                sc.pieces.push(Piece::Letter(Letter::from_final(t)));
            }
            Class::Letter(l) => {
                close_run(&mut sc, &mut run_start);
                sc.pieces.push(Piece::Letter(l));
            }
            Class::Expand => {
                close_run(&mut sc, &mut run_start);
                let mut s = String::new();
                if unicode_normalization::char::is_public_assigned(c) {
                    unicode_normalization::char::decompose_compatible(c, |d| s.push(d));
                }
                // Only keep an expansion that no longer holds the character
                // itself, so that romanising it cannot loop.
                if !s.contains(c) && !s.is_empty() {
                    sc.pieces.push(Piece::Expanded(s));
                }
            }
            Class::Drop | Class::Other => close_run(&mut sc, &mut run_start),
        }
        if let Some(mut s) = syl {
            if s.t == 0 {
                if let Some(&(_, c2)) = it.peek() {
                    if let Class::Final(t) = classify(c2) {
                        it.next();
                        s.t = t;
                    }
                }
            }
            if run_start.is_none() {
                run_start = Some(sc.codes.len());
            }
            sc.codes.push(s.code());
        }
    }
    close_run(&mut sc, &mut run_start);
    close_text(&mut sc, &mut text_start, text.len());
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decompose_and_compose() {
        let s = Syl::from_char('한').unwrap();
        assert_eq!(s, Syl { l: ini::H, v: vow::A, t: fin::N });
        assert_eq!(char::from_u32(0xAC00 + u32::from(s.code())), Some('한'));
    }

    #[test]
    fn conjoining_jamo_compose() {
        let sc = scan("\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af} x");
        assert_eq!(sc.codes.len(), 2);
        assert_eq!(sc.pieces, vec![Piece::Run(0, 2), Piece::Text(6 * 3, 6 * 3 + 2)]);
    }

    #[test]
    fn letters_and_drops() {
        let sc = scan("ㅋㅋ\u{318D}");
        assert_eq!(sc.pieces, vec![Piece::Letter(Letter(26)), Piece::Letter(Letter(26))]);
    }
}
