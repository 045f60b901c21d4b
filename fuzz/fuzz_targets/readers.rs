//! The readers of `hanalign convert` (bead JSONL and TMX), the manifest-line
//! reader of batch and the boilerplate pattern file: errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = hanalign::export::read_jsonl("fuzz.jsonl", text);
    let _ = hanalign::export::read_tmx("fuzz.tmx", text);
    for line in text.lines() {
        let _ = hanalign::batch::item_from_json(line);
    }
    let _ = hanalign::boilerplate::Boilerplate::from_tsv("fuzz.tsv", text);
});
