//! The glossary CSV reader and linter: any text gives entries or an error
//! naming a line, never a panic; what parses writes back and parses again.
#![no_main]

use hanalign::glossary::{lint, GlossaryFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = lint("fuzz.csv", text, None);
    if let Ok(file) = GlossaryFile::parse("fuzz.csv", text) {
        let again = GlossaryFile::parse("again.csv", &file.to_csv());
        assert!(again.is_ok(), "canonical form does not parse: {:?}", again.err());
    }
});
