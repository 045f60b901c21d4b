//! Checking that a text is in the language it is supposed to be in.
//!
//! Uses lingua with only its Korean and English models. A text that is mostly
//! Hangul is Korean without asking the model; otherwise a sample from the
//! start of the text is classified.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::document::Lang;
use crate::segment::is_hangul;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::Korean, Language::English]).build()
});

/// The language `text` is written in, or `None` when it has too few letters
/// to tell.
pub fn detect(text: &str) -> Option<Lang> {
    let sample: String = text.chars().take(4000).collect();
    let (mut hangul, mut latin) = (0usize, 0usize);
    for c in sample.chars() {
        if is_hangul(c) {
            hangul += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if hangul + latin < 10 {
        return None;
    }
    // Korean news writes names and acronyms in Latin letters, but Hangul
    // syllables are dense: one syllable is worth about three Latin letters.
    if hangul * 3 >= latin {
        return Some(Lang::Ko);
    }
    if hangul == 0 {
        return Some(Lang::En);
    }
    match DETECTOR.detect_language_of(&sample) {
        Some(Language::Korean) => Some(Lang::Ko),
        Some(Language::English) => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_both_languages() {
        assert_eq!(detect("부산항에서 새로운 풍력 단지가 문을 열었다."), Some(Lang::Ko));
        assert_eq!(detect("A new wind farm opened at the port of Busan."), Some(Lang::En));
        assert_eq!(detect("12 34"), None);
    }

    #[test]
    fn english_with_a_korean_name_is_english() {
        let t =
            "The mayor, Kim Min-jun (김민준), said the project would create many jobs in the city.";
        assert_eq!(detect(t), Some(Lang::En));
    }
}
