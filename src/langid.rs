//! Which language a text is in, and whether a document pair makes sense.
//!
//! Script statistics decide most cases: Hangul means Korean, kana Japanese,
//! Han characters without Hangul Chinese, Cyrillic, Arabic, Thai and so on
//! are not English. Text in Latin letters goes to lingua, loaded with English
//! and a few other Latin-script languages (French, German, Spanish) only to
//! recognise "not English".

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::segment::is_hangul;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[
        Language::English,
        Language::French,
        Language::German,
        Language::Spanish,
    ])
    .build()
});

/// What a text was found to be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    /// Korean or English.
    Lang(Lang),
    /// Some other language, by name ("Japanese", "French", …).
    Other(&'static str),
}

/// The language `text` is written in, or `None` when it has too few letters
/// to tell.
pub fn detect(text: &str) -> Option<Detected> {
    let (mut hangul, mut latin, mut kana, mut han, mut cyrillic, mut other) =
        (0usize, 0, 0, 0, 0, 0);
    // The first 4,000 characters.
    let (b, mut i) = (text.as_bytes(), 0);
    let mut budget = 4000;
    while budget > 0 {
        let Some(&byte) = b.get(i) else { break };
        if byte.is_ascii() {
            latin += usize::from(byte.is_ascii_alphabetic());
            i += 1;
            budget -= 1;
            // The rest of a run of ASCII (English text), one character a
            // byte, counted eight bytes at a time.
            while budget >= 8 {
                let Some(word) = crate::segment::eight_bytes(b, i) else { break };
                let Some(letters) = ascii_letters(word) else { break };
                latin += letters;
                i += 8;
                budget -= 8;
            }
            continue;
        }
        budget -= 1;
        // U+B000..=U+CFFF, three bytes led by EB or EC, are all Hangul
        // syllables (most of a Korean text): no need to decode them. The
        // others (가, 한: lead EA or ED) are decoded in place.
        if crate::segment::syllable_at(b, i) {
            hangul += 1;
            i += 3;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        i += c.len_utf8();
        match c {
            c if is_hangul(c) => hangul += 1,
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => han += 1,
            '\u{0400}'..='\u{04ff}' => cyrillic += 1,
            c if c.is_alphabetic() && !c.is_ascii() && !matches!(c, 'À'..='ɏ') => other += 1,
            _ => {}
        }
    }
    let sample = &text[..i];
    let letters = hangul + latin + kana + han + cyrillic + other;
    if letters < 10 {
        return None;
    }
    // Korean news writes names and acronyms in Latin letters and a few Hanja,
    // but one Hangul syllable is worth about three Latin letters.
    if hangul * 3 >= latin && hangul >= kana * 4 && hangul * 2 >= han {
        return Some(Detected::Lang(Lang::Ko));
    }
    if kana * 20 >= letters {
        return Some(Detected::Other("Japanese"));
    }
    if han * 2 >= letters {
        return Some(Detected::Other("Chinese"));
    }
    if cyrillic * 2 >= letters {
        return Some(Detected::Other("a Cyrillic-script language"));
    }
    if other * 2 >= letters {
        return Some(Detected::Other("a language that is neither Korean nor English"));
    }
    if hangul == 0 && latin < 40 || looks_english(sample) {
        // Too little for a statistical model to be trusted against English,
        // or plainly English by its function words: no model needed.
        return Some(Detected::Lang(Lang::En));
    }
    match DETECTOR.detect_language_of(sample) {
        Some(Language::English) | None => Some(Detected::Lang(Lang::En)),
        Some(Language::French) => Some(Detected::Other("French")),
        Some(Language::German) => Some(Detected::Other("German")),
        Some(Language::Spanish) => Some(Detected::Other("Spanish")),
        Some(_) => Some(Detected::Other("a language that is neither Korean nor English")),
    }
}

/// How many of the eight bytes of `word` are ASCII letters, or `None` when
/// one is beyond ASCII. Folded to lowercase (`| 0x20`, which takes only
/// letters to `a..=z`), a byte is a letter when adding 0x1f sets its top bit
/// (it is at least `a`) and adding 5 does not (it is below `{`); no byte
/// below 0x80 carries into the next.
fn ascii_letters(word: u64) -> Option<usize> {
    use crate::segment::ONES;
    if word & (ONES * 0x80) != 0 {
        return None;
    }
    let lower = word | (ONES * 0x20);
    let at_least_a = lower + ONES * 0x1f;
    let past_z = lower + ONES * 0x05;
    Some((at_least_a & !past_z & (ONES * 0x80)).count_ones() as usize)
}

/// Whether at least one word in six is a common English function word
/// (`the`, `of`, `and` …), which no other Latin-script language matches.
fn looks_english(text: &str) -> bool {
    let (mut words, mut hits) = (0usize, 0usize);
    for w in crate::segment::ascii_runs(text, &crate::segment::ASCII_LETTERS) {
        words += 1;
        if is_function_word(w) {
            hits += 1;
            // Settled once a word in every other byte left (each needs a
            // letter and a byte after it), none a function word, could not
            // bring the share under one in six: English text settles about
            // two thirds of the way through the sample.
            let end = w.as_ptr() as usize - text.as_ptr() as usize + w.len();
            let most_left = (text.len() - end).div_ceil(2);
            if words >= 8 && hits * 6 >= words + most_left {
                return true;
            }
        }
    }
    words >= 8 && hits * 6 >= words
}

/// Whether `w` is a common English function word (`the`, `of`, `and` …),
/// in any case.
pub fn is_function_word(w: &str) -> bool {
    // Most words are longer than any function word: ruled out at once.
    const LONGEST: usize = 5;
    if w.len() > LONGEST {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    for (l, b) in lower.iter_mut().zip(w.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    // A `match` on the bytes compiles to a switch on the length first.
    matches!(
        &lower[..w.len()],
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"is"
            | b"was"
            | b"that"
            | b"for"
            | b"on"
            | b"with"
            | b"said"
            | b"it"
            | b"by"
            | b"as"
            | b"at"
            | b"from"
            | b"has"
            | b"have"
            | b"he"
            | b"she"
            | b"they"
            | b"this"
            | b"would"
            | b"will"
            | b"be"
            | b"are"
            | b"were"
            | b"an"
            | b"its"
            | b"his"
            | b"her"
            | b"their"
            | b"which"
            | b"who"
            | b"but"
            | b"not"
            | b"or"
            | b"a"
    )
}

/// The outcome of checking a document pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairCheck {
    /// The Korean and English inputs were given the other way round.
    pub swapped: bool,
}

/// Checks that `ko` is Korean and `en` English. Swapped inputs are reported
/// (not an error); two inputs in one language, or an input in a third
/// language, are errors that name the file.
pub fn check_pair(ko: &Document, en: &Document) -> Result<PairCheck> {
    let (dk, de) = (detect(&ko.text), detect(&en.text));
    for (doc, d) in [(ko, dk), (en, de)] {
        if let Some(Detected::Other(name)) = d {
            return Err(Error::Language {
                name: doc.name.clone(),
                message: format!("text looks like {name}, not Korean or English"),
            });
        }
    }
    use Detected::Lang as L;
    match (dk, de) {
        (Some(L(Lang::En)), Some(L(Lang::Ko))) => Ok(PairCheck { swapped: true }),
        (Some(L(a)), Some(L(b))) if a == b => Err(Error::Language {
            name: format!("{} and {}", ko.name, en.name),
            message: format!(
                "both inputs are {}; expected one Korean and one English text",
                lang_name(a)
            ),
        }),
        _ => Ok(PairCheck::default()),
    }
}

/// `Korean` or `English`.
pub fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ko => "Korean",
        Lang::En => "English",
    }
}

/// Whether a sentence is written in the other language of its side: an
/// English caption in a Korean article (no Hangul, Latin words) or a Korean
/// line in an English one.
pub fn is_foreign(sentence: &str, side: Lang) -> bool {
    let latin = || sentence.bytes().filter(u8::is_ascii_alphabetic).count();
    let mut hangul = sentence.chars().filter(|&c| !c.is_ascii() && is_hangul(c));
    match side {
        // Most Korean sentences are ruled out by their first syllable.
        Lang::Ko => {
            hangul.next().is_none() && latin() >= 12 && sentence.split_whitespace().count() >= 3
        }
        // And most English ones by being ASCII.
        Lang::En => {
            if sentence.is_ascii() {
                return false;
            }
            let hangul = hangul.count();
            hangul >= 4 && hangul * 3 >= latin()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_english_settles_early_as_the_whole_count_would() {
        let whole = |text: &str| {
            let words: Vec<&str> =
                crate::segment::ascii_runs(text, &crate::segment::ASCII_LETTERS).collect();
            let hits = words.iter().filter(|w| is_function_word(w)).count();
            words.len() >= 8 && hits * 6 >= words.len()
        };
        let texts = [
            "The minister said on Monday that the talks would resume in Seoul. ".repeat(20),
            // One function word in six, then none: on the edge until the end.
            format!("{}{}", "the a b c d e ".repeat(10), "x y z ".repeat(30)),
            format!("{}{}", "of and to in ".repeat(8), "w ".repeat(200)),
            "a b".repeat(50),
            "Der Minister sagte am Montag, dass die Gespräche in Seoul".repeat(10),
            "the 가 of 나 and".repeat(30),
        ];
        for text in &texts {
            for (k, _) in text.char_indices() {
                assert_eq!(looks_english(&text[k..]), whole(&text[k..]), "{:?}", &text[k..]);
                assert_eq!(looks_english(&text[..k]), whole(&text[..k]), "{:?}", &text[..k]);
            }
        }
    }

    proptest::proptest! {
        /// The eight-byte count agrees with testing each byte.
        #[test]
        fn ascii_letters_counts_every_byte(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let each = bytes
                .iter()
                .all(u8::is_ascii)
                .then(|| bytes.iter().filter(|b| b.is_ascii_alphabetic()).count());
            proptest::prop_assert_eq!(ascii_letters(u64::from_le_bytes(bytes)), each);
        }

        /// ASCII bytes, including every edge of the letter ranges.
        #[test]
        fn ascii_letters_counts_ascii_words(
            bytes in proptest::array::uniform8(proptest::prop_oneof![
                0x3fu8..=0x42, 0x59u8..=0x62, 0x79u8..=0x7f, 0u8..0x80,
            ]),
        ) {
            let each = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
            proptest::prop_assert_eq!(ascii_letters(u64::from_le_bytes(bytes)), Some(each));
        }
    }

    #[test]
    fn only_the_first_4000_characters_count() {
        // 가 and 힣 are the first and last Hangul syllables (leads EA, ED).
        let ko = "가나다 힣 ".repeat(800); // 4,800 characters
        let text = format!("{ko}{}", "the cat and the dog ".repeat(1000));
        assert_eq!(detect(&text), Some(Detected::Lang(Lang::Ko)));
        let text = format!("{}{ko}", "the cat and the dog ".repeat(1000));
        assert_eq!(detect(&text), Some(Detected::Lang(Lang::En)));
        // The sample ends inside a long run of ASCII letters: ten count.
        let text = format!("{}{}", "가나다 힣 ".repeat(665), "x".repeat(20_000)); // 3,990 + 20,000
        assert_eq!(detect(&text), Some(Detected::Lang(Lang::Ko)));
    }

    #[test]
    fn function_words_in_any_case() {
        for w in ["the", "The", "THEIR", "a", "said", "Which", "or"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["", "there", "thesis", "ax", "Seoul", "whichever"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn detects_korean_english_and_others() {
        assert_eq!(
            detect("부산항에서 새로운 풍력 단지가 문을 열었다."),
            Some(Detected::Lang(Lang::Ko))
        );
        assert_eq!(
            detect("A new wind farm opened at the port of Busan."),
            Some(Detected::Lang(Lang::En))
        );
        assert_eq!(
            detect("釜山港で新しい風力発電所が開業した。"),
            Some(Detected::Other("Japanese"))
        );
        assert_eq!(detect("12 34"), None);
        let fr = "Le port de Busan a inauguré un nouveau terminal consacré à l'énergie éolienne en mer. \
                  La ville espère créer des milliers d'emplois dans la construction et l'exploitation du site.";
        assert_eq!(detect(fr), Some(Detected::Other("French")));
    }

    #[test]
    fn english_with_a_korean_name_is_english() {
        let t =
            "The mayor, Kim Min-jun (김민준), said the project would create many jobs in the city.";
        assert_eq!(detect(t), Some(Detected::Lang(Lang::En)));
    }

    #[test]
    fn pair_check() {
        let ko = Document::new("k.txt", Lang::Ko, "부산항에서 새로운 풍력 단지가 문을 열었다.");
        let en = Document::new("e.txt", Lang::En, "A new wind farm opened at the port of Busan.");
        assert_eq!(check_pair(&ko, &en).unwrap(), PairCheck { swapped: false });
        assert_eq!(check_pair(&en, &ko).unwrap(), PairCheck { swapped: true });
        let err = check_pair(&en, &en).unwrap_err();
        assert_eq!(
            err.to_string(),
            "e.txt and e.txt: both inputs are English; expected one Korean and one English text"
        );
    }

    #[test]
    fn foreign_sentences() {
        assert!(is_foreign("Photo courtesy of the Busan Port Authority", Lang::Ko));
        assert!(!is_foreign("KEPCO는 변전소를 짓는다.", Lang::Ko));
        assert!(is_foreign("부산항 신항 전경", Lang::En));
        assert!(!is_foreign("Mayor Kim Min-jun (김민준) spoke.", Lang::En));
    }
}
