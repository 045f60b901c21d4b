//! The romaniser in every system and mode, and the name matcher, on any
//! text (Hangul syllables, jamo, anything).
#![no_main]

use hanalign::romanize::{romanize_with, Mode, Options, System};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for system in System::ALL {
        for mode in Mode::ALL {
            let _ = romanize_with(text, &Options::new(system, mode));
        }
    }
    let (hangul, latin) = text.split_once('\t').unwrap_or((text, text));
    let s = hanalign::names::similarity(hangul, latin);
    assert!((0.0..=1.0).contains(&s), "similarity {s} of {hangul:?} and {latin:?}");
});
