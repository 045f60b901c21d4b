//! Romanisation of Hangul: Revised Romanization (RR, 2000) with its ordered
//! sound-change rules, RR transliteration, McCune–Reischauer (MR) and the
//! North Korean system of 1992, for plain words, personal names and
//! addresses.
//!
//! The spec is `../shared/docs/ROMANIZATION_RULES.md`.
//!
//! ```
//! use hanalign::romanize::{romanize, romanize_word, Mode, System};
//!
//! assert_eq!(romanize_word("왕십리"), "Wangsimni");
//! assert_eq!(romanize("인왕리", System::Rr, Mode::Place), "Inwang-ri");
//! assert_eq!(romanize("김정은", System::Rr, Mode::Name), "Kim Jeong-eun");
//! assert_eq!(romanize("김정은", System::Nk, Mode::Name), "Kim Jong Un");
//! assert_eq!(romanize("평양", System::Mr, Mode::Word), "Pyongyang");
//! assert_eq!(romanize("없었습니다", System::RrTranslit, Mode::Word), "Eobs-eoss-seubnida");
//! assert_eq!(romanize_word("부산항에 도착"), "Busanhange Dochak");
//! ```
//!
//! # What the modes do
//!
//! * [`Mode::Word`]: every run of Hangul is one romanisation unit; the sound
//!   rules apply inside it, never across a space or any other character.
//!   A small lexicon (`src/data/romanize_lexicon.tsv`) respells words that
//!   need lexical knowledge first (ㄴ-insertion: 학여울 Hangnyeoul, 알약
//!   allyak; compound ㄴㄹ: 신문로 Sinmunno).
//! * [`Mode::Place`]: as `Word`, but a trailing administrative unit
//!   (도 시 군 구 읍 면 리 동, 특별시 광역시 특별자치도, and the road units 대로
//!   and 길) is split off with a hyphen and no sound rule crosses it: 인왕리
//!   Inwang-ri, 삼죽면 Samjuk-myeon, 충청북도 Chungcheongbuk-do, 세종대로
//!   Sejong-daero. 시 군 구 읍 면 리 길 need a stem of two syllables (구 also
//!   after 중 동 서 남 북), 도 only after a province name (other 도 are
//!   islands: 독도 Dokdo), and whole names such as 왕십리 Wangsimni are kept
//!   (`src/data/romanize_places.tsv`). Road names in 로 are left whole (종로
//!   is Jongno, the district and station). A number before a unit is read
//!   out: 봉천1동 → Bongcheon 1(il)-dong, 종로 2가 → Jongno 2(i)-ga.
//! * [`Mode::Name`]: every run of Hangul is a personal name: a surname
//!   (two syllables for 남궁 제갈 독고 …), a space, and the given name with
//!   no sound change inside it (한복남 Han Bok-nam, 홍빛나 Hong Bit-na).
//!   RR writes the surname as it is usually spelt (Kim, Lee, Park, from
//!   `src/data/names_surnames.tsv`) and hyphenates the given name; MR
//!   hyphenates too (Kim Chong-un); the DPRK system writes each syllable of
//!   the given name on its own (Kim Jong Un), with 이 as Ri.
//!
//! # Output
//!
//! Characters that are not Hangul pass through unchanged. Conjoining jamo
//! (NFD Hangul) are composed first; a letter on its own (ㅋ, ᄀ) is spelt
//! with its RR letter value; enclosed and half-width Hangul are romanised
//! through their compatibility decomposition; archaic jamo and fillers are
//! dropped. So for Hangul input the output is ASCII, unless diacritics are
//! asked for ([`Options::diacritics`]).
//!
//! Capitals: by default the first letter of every run of Hangul that starts
//! a word (is not preceded by a letter or digit) is upper case, as proper
//! nouns are written (Busan, Hanbat); [`Options::capitalize`] turns this off.
//! Place units are lower case (Jeju-do).
//!
//! # Sound rules
//!
//! Applied at every syllable boundary inside a unit, in this order:
//!
//! * R1/R2 — final neutralisation and cluster reduction before a consonant
//!   or at the end: 한밭 Hanbat, 값 gap, 닭 dak;
//! * R3 — liaison: a final moves over to a following silent ㅇ (백암 Baegam);
//!   final ㅎ is dropped there (좋아 joa); ㅇ never moves;
//! * R4 — aspiration: ㅎ + ㄱㄷㅈ → ㅋㅌㅊ (좋고 joko); ㄱㄷㅂㅈ + ㅎ only in verb
//!   forms (잡혀 japyeo, 굳히다 guchida: a 히/혀 suffix, or a word ending in
//!   다 고 지 게 서 요 …), while nouns keep the h (묵호 Mukho, 북한산 Bukhansan);
//! * R5 — palatalisation: ㄷ ㅌ + 이 → 지 치 (같이 gachi, 해돋이 haedoji);
//! * R6 — nasalisation: ㄱㄷㅂ before ㄴ ㅁ → ㅇ ㄴ ㅁ (백마 Baengma);
//! * R7 — ㄹ → ㄴ after a final other than ㄴ ㄹ (종로 Jongno, 독립 dongnip);
//! * R8 — lateralisation: ㄴ+ㄹ, ㄹ+ㄴ → ll (신라 Silla, 별내 Byeollae), except
//!   the compound ㄴㄹ → nn (신문로 Sinmunno, 생산량), from the lexicon or
//!   guessed for a stem of two or more syllables ending in ㄴ followed by a
//!   final 란 량 력 료 론 례 로;
//! * ㅢ is always ui (의정부 Uijeongbu).
//!
//! ㄴ-insertion (R9) only comes from the lexicon: 녹양 stays Nogyang, 밀양
//! Miryang. Not written: tensification (R0), the optional disambiguation hyphen of
//! RR §2 (중앙 is Jungang, not Jung-ang), and ㅎ-weakening.
//!
//! MR and the DPRK system are written without breves and apostrophes by
//! default, as the English-language press writes them (Pyongyang, Kaesong,
//! Choe Ryong Hae); [`Options::diacritics`] gives P'yŏngyang. Both write
//! ㄱ ㄷ ㅂ (MR also ㅈ) voiceless at the start of a word and after k t p,
//! voiced between voiced sounds (부산 Pusan, 대구 Taegu); MR writes ㅅ before ㅣ
//! ㅟ as sh (신의주 Shinuiju). They share the RR sound rules, except that the
//! DPRK system keeps ㄹ after a consonant (압록강 Amrokkang, RR Amnokgang).

pub(crate) mod jamo;
mod lexicon;
mod phonology;
mod render;

use std::fmt;
use std::str::FromStr;

use jamo::{Piece, Syl};
use phonology::{Break, In, Phon, Rules};
use render::Style;

/// A romanisation system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum System {
    /// Revised Romanization of Korean (South Korea, 2000), with the sound
    /// rules: 독립문 Dongnimmun.
    #[default]
    Rr,
    /// RR transliteration (RR §8): letters, not sounds, so that the Hangul
    /// can be restored: 독립 doglib, 물엿 mul-yeos.
    RrTranslit,
    /// McCune–Reischauer (1939): 평양 Pyongyang (P'yŏngyang with
    /// diacritics).
    Mr,
    /// The North Korean system (1992): 평양 Phyongyang, 김정은 Kim Jong Un.
    Nk,
}

/// What the text is: decides hyphens, spaces and where sound rules stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Plain words: sound rules inside each run of Hangul.
    #[default]
    Word,
    /// Personal names: surname, space, given name without sound changes.
    Name,
    /// Place names and addresses: administrative units get a hyphen.
    Place,
}

impl System {
    /// Every system, in the order of the CLI's `--system` values.
    pub const ALL: [System; 4] = [System::Rr, System::RrTranslit, System::Mr, System::Nk];

    /// The CLI name: `rr`, `rr-translit`, `mr` or `nk`.
    pub fn name(self) -> &'static str {
        match self {
            System::Rr => "rr",
            System::RrTranslit => "rr-translit",
            System::Mr => "mr",
            System::Nk => "nk",
        }
    }
}

impl Mode {
    /// Every mode, in the order of the CLI's `--mode` values.
    pub const ALL: [Mode; 3] = [Mode::Word, Mode::Name, Mode::Place];

    /// The CLI name: `word`, `name` or `place`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Word => "word",
            Mode::Name => "name",
            Mode::Place => "place",
        }
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for System {
    type Err = String;

    /// Parses a CLI name (case-insensitive; `rr_translit` and `dprk` are
    /// accepted too).
    fn from_str(s: &str) -> Result<System, String> {
        match s.to_ascii_lowercase().as_str() {
            "rr" => Ok(System::Rr),
            "rr-translit" | "rr_translit" | "translit" => Ok(System::RrTranslit),
            "mr" => Ok(System::Mr),
            "nk" | "dprk" => Ok(System::Nk),
            _ => Err(format!(
                "unknown romanisation system {s:?} (expected rr, rr-translit, mr or nk)"
            )),
        }
    }
}

impl FromStr for Mode {
    type Err = String;

    /// Parses a CLI name (case-insensitive).
    fn from_str(s: &str) -> Result<Mode, String> {
        match s.to_ascii_lowercase().as_str() {
            "word" => Ok(Mode::Word),
            "name" => Ok(Mode::Name),
            "place" => Ok(Mode::Place),
            _ => Err(format!("unknown romanisation mode {s:?} (expected word, name or place)")),
        }
    }
}

/// All romanisation settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Options {
    /// The system. Default: [`System::Rr`].
    pub system: System,
    /// The mode. Default: [`Mode::Word`].
    pub mode: Mode,
    /// Upper-case the first letter of each romanised word. Default: `true`.
    pub capitalize: bool,
    /// MR and DPRK only: write breves (ŏ ŭ) and MR's apostrophes (k' n'g).
    /// The output is then no longer ASCII. Default: `false`.
    pub diacritics: bool,
}

impl Options {
    /// Options for a system and a mode, with the defaults for the rest.
    pub fn new(system: System, mode: Mode) -> Options {
        Options { system, mode, capitalize: true, diacritics: false }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::new(System::Rr, Mode::Word)
    }
}

/// Romanises `text`. Non-Hangul characters pass through unchanged; never
/// panics. See the [module documentation](self) for the modes.
pub fn romanize(text: &str, system: System, mode: Mode) -> String {
    romanize_with(text, &Options::new(system, mode))
}

/// Romanises `text` as plain words in Revised Romanization: the same as
/// `romanize(text, System::Rr, Mode::Word)`.
pub fn romanize_word(text: &str) -> String {
    romanize(text, System::Rr, Mode::Word)
}

/// Romanises `text` with all settings spelt out.
///
/// ```
/// use hanalign::romanize::{romanize_with, Mode, Options, System};
///
/// let mut opts = Options::new(System::Mr, Mode::Word);
/// opts.diacritics = true;
/// assert_eq!(romanize_with("평양", &opts), "P'yŏngyang");
/// opts.capitalize = false;
/// assert_eq!(romanize_with("한글", &opts), "han'gŭl");
/// ```
pub fn romanize_with(text: &str, opts: &Options) -> String {
    let sc = jamo::scan(text);
    let mut out = String::with_capacity(text.len() + text.len() / 2 + 8);
    let mut w = Writer { opts, ins: Vec::new(), phons: Vec::new() };
    let mut prev_alnum = false;
    let mut prev_run = false;
    let mut i = 0;
    while i < sc.pieces.len() {
        match &sc.pieces[i] {
            Piece::Text(a, b) => {
                let t = &text[*a..*b];
                if opts.mode == Mode::Place {
                    if let Some(Piece::Run(ua, ub)) = sc.pieces.get(i + 1) {
                        if w.numbered_unit(t, &sc.codes[*ua..*ub], prev_run, &mut out) {
                            i += 2;
                            prev_alnum = true;
                            prev_run = true;
                            continue;
                        }
                    }
                }
                out.push_str(t);
                prev_alnum = t.chars().next_back().is_some_and(char::is_alphanumeric);
                prev_run = false;
            }
            Piece::Letter(l) => {
                render::render_letter(*l, opts.capitalize && !prev_alnum, &mut out);
                prev_alnum = true;
                prev_run = false;
            }
            Piece::Expanded(s) => {
                let r = romanize_with(s, opts);
                prev_alnum = r.chars().next_back().is_some_and(char::is_alphanumeric);
                out.push_str(&r);
                prev_run = false;
            }
            Piece::Run(a, b) => {
                w.run(&sc.codes[*a..*b], opts.capitalize && !prev_alnum, &mut out);
                prev_alnum = true;
                prev_run = true;
            }
        }
        i += 1;
    }
    out
}

/// Compound surnames that are always two syllables (황보 and 선우 are also
/// read as 황/선 + given name unless the name has four syllables).
const ALWAYS_COMPOUND: [&str; 6] = ["남궁", "제갈", "독고", "사공", "서문", "동방"];

/// Reusable buffers of one romanisation call.
struct Writer<'o> {
    opts: &'o Options,
    ins: Vec<In>,
    phons: Vec<Phon>,
}

impl Writer<'_> {
    /// Romanises one run of syllables.
    fn run(&mut self, codes: &[u16], cap: bool, out: &mut String) {
        match self.opts.mode {
            Mode::Word => {
                self.ins.clear();
                self.push_word(codes, cap);
                self.emit(out);
            }
            Mode::Place => {
                self.ins.clear();
                match unit_split(codes) {
                    Some(k) => {
                        self.push_word(&codes[..k], cap);
                        for (j, &c) in codes[k..].iter().enumerate() {
                            self.ins.push(In {
                                syl: Syl::from_code(c),
                                brk: if j == 0 { Break::Hyphen } else { Break::None },
                                cap: false,
                                fresh: false,
                            });
                        }
                    }
                    None => self.push_word(codes, cap),
                }
                self.emit(out);
            }
            Mode::Name => self.name(codes, cap, out),
        }
    }

    /// Appends a word-mode unit (lexicon respelling applied) to `ins`.
    fn push_word(&mut self, codes: &[u16], cap: bool) {
        let first = self.ins.len();
        let respelt =
            if self.opts.system == System::RrTranslit { None } else { lexicon::respell(codes) };
        match respelt {
            Some(r) => self.ins.extend(r.iter().map(|&(c, hard)| In {
                syl: Syl::from_code(c),
                brk: if hard { Break::Hard } else { Break::None },
                cap: false,
                fresh: false,
            })),
            None => self.ins.extend(codes.iter().map(|&c| In {
                syl: Syl::from_code(c),
                brk: Break::None,
                cap: false,
                fresh: false,
            })),
        }
        if let Some(f) = self.ins.get_mut(first) {
            f.cap = cap;
            f.fresh = true;
            f.brk = Break::None;
        }
    }

    /// Writes `ins` in the chosen system.
    fn emit(&mut self, out: &mut String) {
        let style = match self.opts.system {
            System::RrTranslit => {
                render::render_translit(&self.ins, out);
                return;
            }
            System::Rr => Style::Rr,
            System::Mr => Style::Mr,
            System::Nk => Style::Nk,
        };
        let rules = Rules { nk: self.opts.system == System::Nk };
        phonology::pronounce(&self.ins, rules, &mut self.phons);
        render::render(&self.phons, style, self.opts.diacritics, out);
    }

    /// Name mode: surname, space, given name.
    fn name(&mut self, codes: &[u16], cap: bool, out: &mut String) {
        let sur_len = surname_len(codes);
        let (sur, given) = codes.split_at(sur_len);
        let system = self.opts.system;
        let lexical = (system == System::Rr)
            .then(|| crate::names::lexicon::surname(sur))
            .flatten()
            .filter(|s| !s.display.is_empty());
        if let Some(s) = lexical {
            if cap {
                out.push_str(&s.display);
            } else {
                out.push_str(&s.display.to_ascii_lowercase());
            }
        } else if system == System::Mr && sur == [jamo::codes("이")[0]] {
            out.push_str(if cap { "Yi" } else { "yi" });
        } else {
            self.ins.clear();
            for (j, &c) in sur.iter().enumerate() {
                let mut syl = Syl::from_code(c);
                // The DPRK writes the surname 李 as 리 (no initial-sound law).
                if system == System::Nk && sur.len() == 1 && syl == Syl::from_char('이').unwrap() {
                    syl = Syl::from_char('리').unwrap();
                }
                self.ins.push(In {
                    syl,
                    brk: if j == 0 { Break::None } else { Break::Hard },
                    cap: cap && j == 0,
                    fresh: j == 0,
                });
            }
            self.emit(out);
        }
        if given.is_empty() {
            return;
        }
        out.push(' ');
        self.ins.clear();
        for (j, &c) in given.iter().enumerate() {
            let brk = match (j, system) {
                (0, _) => Break::None,
                (_, System::Nk) => Break::Space,
                (_, System::RrTranslit) => Break::Hard,
                _ => Break::Hyphen,
            };
            self.ins.push(In {
                syl: Syl::from_code(c),
                brk,
                cap: cap && (j == 0 || system == System::Nk),
                fresh: j == 0,
            });
        }
        self.emit(out);
    }

    /// Place mode: `text` (digits, maybe after spaces) followed by the run
    /// `unit` (one unit syllable such as 동 or 가) is written
    /// `1(il)-dong`, with a space before the number if it follows Hangul
    /// directly. Returns false (writing nothing) if the pattern does not
    /// apply.
    fn numbered_unit(
        &mut self,
        text: &str,
        unit: &[u16],
        after_run: bool,
        out: &mut String,
    ) -> bool {
        let digits = text.trim_start();
        if unit.len() != 1
            || digits.is_empty()
            || digits.len() > 4
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !NUMBERED_UNITS.contains(&unit[0])
        {
            return false;
        }
        let Some(reading) = sino_korean(digits) else { return false };
        if after_run && digits.len() == text.len() {
            out.push(' ');
        }
        out.push_str(text);
        out.push('(');
        let opts = Options { mode: Mode::Word, capitalize: false, ..*self.opts };
        out.push_str(&romanize_with(&reading, &opts));
        out.push_str(")-");
        self.ins.clear();
        self.ins.push(In {
            syl: Syl::from_code(unit[0]),
            brk: Break::None,
            cap: false,
            fresh: true,
        });
        self.emit(out);
        true
    }
}

/// Units written after a number in addresses: 동 가 리 로 길 번지 (first
/// syllable).
const NUMBERED_UNITS: [u16; 5] = [
    ('동' as u32 - 0xAC00) as u16,
    ('가' as u32 - 0xAC00) as u16,
    ('리' as u32 - 0xAC00) as u16,
    ('로' as u32 - 0xAC00) as u16,
    ('길' as u32 - 0xAC00) as u16,
];

/// The Sino-Korean reading of a number below 10,000, in Hangul (12 → 십이).
fn sino_korean(digits: &str) -> Option<String> {
    const DIGIT: [&str; 10] = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
    const PLACE: [&str; 4] = ["", "십", "백", "천"];
    let n: usize = digits.parse().ok()?;
    if n == 0 {
        return Some(DIGIT[0].to_string());
    }
    let ds: Vec<usize> =
        digits.trim_start_matches('0').bytes().map(|b| usize::from(b - b'0')).collect();
    let mut out = String::new();
    for (k, &d) in ds.iter().enumerate() {
        let place = ds.len() - 1 - k;
        if d == 0 {
            continue;
        }
        if d != 1 || place == 0 {
            out.push_str(DIGIT[d]);
        }
        out.push_str(PLACE[place]);
    }
    Some(out)
}

/// How many syllables of a name are the surname: 2 for a compound surname
/// (남궁, 제갈 …; 황보 and 선우 only in a four-syllable name), else 1.
fn surname_len(codes: &[u16]) -> usize {
    if codes.len() >= 3 && crate::names::lexicon::surname(&codes[..2]).is_some() {
        let always = ALWAYS_COMPOUND.iter().any(|s| jamo::codes(s) == codes[..2]);
        if always || codes.len() >= 4 {
            return 2;
        }
    }
    codes.len().min(1)
}

/// Units of more than one syllable: metropolitan and special units, and
/// the road unit 대로 (세종대로 Sejong-daero). Road names in 로 are not split:
/// most are also district and station names (종로 Jongno, 충무로 Chungmuro).
const LONG_UNITS: [&str; 6] = ["특별자치시", "특별자치도", "특별시", "광역시", "대로", "길"];

/// Place mode: where the trailing administrative unit starts, if there is
/// one.
fn unit_split(codes: &[u16]) -> Option<usize> {
    let n = codes.len();
    if n < 2 {
        return None;
    }
    let lx = lexicon::lexicon();
    if lx.whole_places.contains(codes) {
        return None;
    }
    for unit in LONG_UNITS {
        let u = jamo::codes(unit);
        let min_stem = if u.len() == 1 { 2 } else { 1 };
        if n >= u.len() + min_stem && codes.ends_with(&u) {
            return Some(n - u.len());
        }
    }
    let (stem, last) = (&codes[..n - 1], Syl::from_code(codes[n - 1]));
    let is = |c: char| Syl::from_char(c) == Some(last);
    let ok = if is('도') {
        let s_last = Syl::from_code(stem[stem.len() - 1]);
        lx.provinces.contains(stem)
            || (stem.len() >= 2
                && (s_last == Syl::from_char('북').unwrap()
                    || s_last == Syl::from_char('남').unwrap())
                && lx.provinces.contains(&stem[..stem.len() - 1]))
    } else if is('구') {
        stem.len() >= 2
            || "중동서남북".chars().any(|c| Syl::from_char(c).map(Syl::code) == Some(stem[0]))
    } else if is('시') || is('군') || is('읍') || is('면') || is('리') {
        stem.len() >= 2
    } else {
        is('동')
    };
    ok.then_some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rr(s: &str) -> String {
        romanize(s, System::Rr, Mode::Word)
    }

    #[test]
    fn spec_examples() {
        for (h, e) in [
            ("백마", "Baengma"),
            ("신문로", "Sinmunno"),
            ("종로", "Jongno"),
            ("왕십리", "Wangsimni"),
            ("별내", "Byeollae"),
            ("신라", "Silla"),
            ("학여울", "Hangnyeoul"),
            ("알약", "Allyak"),
            ("해돋이", "Haedoji"),
            ("같이", "Gachi"),
            ("굳히다", "Guchida"),
            ("좋고", "Joko"),
            ("놓다", "Nota"),
            ("잡혀", "Japyeo"),
            ("낳지", "Nachi"),
            ("묵호", "Mukho"),
            ("집현전", "Jiphyeonjeon"),
            ("압구정", "Apgujeong"),
            ("샛별", "Saetbyeol"),
            ("월곶", "Wolgot"),
            ("벚꽃", "Beotkkot"),
            ("한밭", "Hanbat"),
            ("대관령", "Daegwallyeong"),
            ("광희문", "Gwanghuimun"),
            ("독립문", "Dongnimmun"),
            ("촉석루", "Chokseongnu"),
            ("오죽헌", "Ojukheon"),
            ("안압지", "Anapji"),
            ("밀양", "Miryang"),
            ("신길온천", "Singiloncheon"),
        ] {
            assert_eq!(rr(h), e, "{h}");
        }
    }

    #[test]
    fn places_and_names() {
        let place = |s| romanize(s, System::Rr, Mode::Place);
        assert_eq!(place("삼죽면"), "Samjuk-myeon");
        assert_eq!(place("충청북도"), "Chungcheongbuk-do");
        assert_eq!(place("제주도"), "Jeju-do");
        assert_eq!(place("독도"), "Dokdo");
        assert_eq!(place("왕십리"), "Wangsimni");
        assert_eq!(place("봉천1동"), "Bongcheon 1(il)-dong");
        assert_eq!(place("종로 2가"), "Jongno 2(i)-ga");
        assert_eq!(place("퇴계로 3가"), "Toegyero 3(sam)-ga");
        let name = |s| romanize(s, System::Rr, Mode::Name);
        assert_eq!(name("한복남"), "Han Bok-nam");
        assert_eq!(name("홍빛나"), "Hong Bit-na");
        assert_eq!(name("남궁민"), "Namgung Min");
        assert_eq!(name("이"), "Lee");
        assert_eq!(romanize("최룡해", System::Nk, Mode::Name), "Choe Ryong Hae");
        assert_eq!(romanize("박동구", System::Nk, Mode::Name), "Pak Tong Gu");
        assert_eq!(romanize("김대중", System::Mr, Mode::Name), "Kim Tae-jung");
    }

    #[test]
    fn other_systems() {
        assert_eq!(romanize("압록강", System::Nk, Mode::Word), "Amrokkang");
        assert_eq!(romanize("부산", System::Mr, Mode::Word), "Pusan");
        assert_eq!(romanize("대구", System::Mr, Mode::Word), "Taegu");
        assert_eq!(romanize("시", System::Mr, Mode::Word), "Shi");
        assert_eq!(romanize("평양", System::Nk, Mode::Word), "Phyongyang");
    }

    #[test]
    fn pass_through() {
        assert_eq!(rr("G7 정상회의 (2023)"), "G7 Jeongsanghoeui (2023)");
        assert_eq!(rr("ㅋㅋ"), "Kk");
        assert_eq!(rr("K팝"), "Kpap");
        assert_eq!(rr(""), "");
    }

    #[test]
    fn numbers() {
        assert_eq!(sino_korean("12").as_deref(), Some("십이"));
        assert_eq!(sino_korean("105").as_deref(), Some("백오"));
        assert_eq!(sino_korean("2000").as_deref(), Some("이천"));
    }
}
