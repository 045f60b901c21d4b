//! Reading a web page: encoding detection (BOM, meta charset, CP949) and
//! article extraction, then segmentation. Errors are fine; panics are not.
#![no_main]

use hanalign::{Document, InputFormat, Lang, ReadOptions, SegmentedDoc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { format: InputFormat::Html, ..ReadOptions::default() };
    if let Ok(doc) = Document::from_bytes_with("fuzz.html", Lang::Ko, data, &opts, None) {
        let _ = SegmentedDoc::new(doc);
    }
    // Auto-detection decides between HTML and text on the same bytes.
    let _ = Document::from_bytes_with("fuzz", Lang::En, data, &ReadOptions::default(), None);
});
