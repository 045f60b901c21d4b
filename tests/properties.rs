//! Property tests: whatever the input, segmentation keeps its promises about
//! offsets back to the original text.

use hanalign::normalize::is_invisible;
use hanalign::{Document, Lang, Layout, SegmentedDoc};
use proptest::prelude::*;

/// Pieces that random documents are made of: Korean and English words,
/// decomposed Hangul, sentence punctuation, quotes, odd spaces, line ends
/// of every kind, invisible characters and furniture-like lines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("부산시는".to_string()),
        Just("밝혔다.".to_string()),
        Just("말했다".to_string()),
        Just("\u{1112}\u{1161}\u{11ab}".to_string()), // 한 as jamo
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("said.".to_string()),
        Just("Busan".to_string()),
        Just("3.5%".to_string()),
        Just("1,000".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("?".to_string()),
        Just("!".to_string()),
        Just("…".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{3000}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("\t".to_string()),
        Just("ⓒ 부산일보 무단전재 및 재배포 금지\n".to_string()),
        Just("desk@example.com\n".to_string()),
        Just("Related stories\n".to_string()),
        "[a-zA-Z가-힣0-9]{1,8}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// The spans, sorted, must not overlap, must lie on character boundaries,
/// be trimmed and non-empty, and leave only whitespace or invisible
/// characters between them.
fn check_cover(text: &str, mut spans: Vec<(usize, usize)>) -> Result<(), TestCaseError> {
    spans.sort();
    let mut pos = 0;
    for (start, end) in spans {
        prop_assert!(start >= pos, "overlap at {start}");
        prop_assert!(start < end && end <= text.len());
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        let seg = &text[start..end];
        prop_assert_eq!(seg.trim(), seg);
        let gap = &text[pos..start];
        prop_assert!(
            gap.chars().all(|c| c.is_whitespace() || is_invisible(c)),
            "lost text {:?}",
            gap
        );
        pos = end;
    }
    let tail = &text[pos..];
    prop_assert!(
        tail.chars().all(|c| c.is_whitespace() || is_invisible(c)),
        "lost tail {:?}",
        tail
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn segments_and_dropped_parts_cover_the_original(
        text in document(),
        korean in any::<bool>(),
        lines in any::<bool>(),
        furniture in any::<bool>(),
    ) {
        let lang = if korean { Lang::Ko } else { Lang::En };
        let mut doc = Document::new("p", lang, text.clone());
        doc.layout = if lines { Layout::Lines } else { Layout::Text };
        let bp = furniture.then(hanalign::boilerplate::Boilerplate::builtin);
        match SegmentedDoc::with_boilerplate(doc, bp) {
            Ok(seg) => {
                let original = &seg.doc.text;
                let mut spans: Vec<(usize, usize)> =
                    seg.sentences.iter().map(|s| (s.orig.start, s.orig.end)).collect();
                spans.extend(seg.dropped.iter().map(|d| (d.orig.start, d.orig.end)));
                check_cover(original, spans)?;
                for (i, s) in seg.sentences.iter().enumerate() {
                    // Normalised and original text of a sentence agree once
                    // both are normalised.
                    let n = hanalign::normalize::Normalized::new(seg.original(i));
                    let squash = |t: &str| t.split_whitespace().collect::<String>();
                    prop_assert_eq!(squash(&n.text), squash(s.norm.of(&seg.normalized.text)));
                }
                if lines {
                    prop_assert!(seg.dropped.is_empty());
                }
            }
            Err(e) => {
                // Only a document with nothing in it may fail.
                let visible = text.chars().any(|c| !c.is_whitespace() && !is_invisible(c));
                prop_assert!(!visible || furniture, "{e} on {text:?}");
            }
        }
    }
}
