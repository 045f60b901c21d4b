//! Korean sentence splitting, with and without furniture patterns, in both
//! layouts: no panic, and every sentence span lies on the text.
#![no_main]

use hanalign::{Document, Lang, Layout, SegmentedDoc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut doc = Document::new("fuzz", Lang::Ko, text.as_ref());
    doc.layout = if flags & 1 == 1 { Layout::Lines } else { Layout::Text };
    let bp = (flags & 2 == 2).then(hanalign::boilerplate::Boilerplate::builtin);
    if let Ok(seg) = SegmentedDoc::with_boilerplate(doc, bp) {
        for i in 0..seg.len() {
            assert!(!seg.original(i).is_empty());
            let _ = seg.normalized(i);
        }
        let _ = seg.check_sentence_chars(100);
    }
});
