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

/// The aligner's own invariants, on sentence lengths alone (fast enough for
/// hundreds of cases) and on whole documents through the pipeline.
mod alignment {
    use std::sync::LazyLock;

    use hanalign::align::Alignment;
    use hanalign::anchor::DocFeatures;
    use hanalign::export::{self, ExportOptions, Format};
    use hanalign::{Aligner, Document, Lang, Layout, Pipeline, PipelineConfig};
    use proptest::prelude::*;

    /// No languages check, no furniture, no glossary: the text is aligned as given.
    static PLAIN: LazyLock<Pipeline> = LazyLock::new(|| {
        Pipeline::new(PipelineConfig {
            check_languages: false,
            boilerplate: None,
            glossary: None,
            ..PipelineConfig::default()
        })
    });

    fn no_features(n: usize, m: usize) -> DocFeatures {
        DocFeatures { ko: vec![Vec::new(); n], en: vec![Vec::new(); m], ..Default::default() }
    }

    fn align(ko: &[f64], en: &[f64]) -> Alignment {
        Aligner::default().align_lengths(ko, en, &no_features(ko.len(), en.len()))
    }

    /// Sentence lengths in characters, as in news text.
    fn lengths(max: usize) -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(1.0..300.0f64, 0..max)
    }

    /// English-like sentences, one a line.
    fn sentences() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[A-Z][a-z]{1,9}( [a-z]{1,9}){0,12}( [0-9]{1,4})?\\.", 1..25)
    }

    fn lines_doc(name: &str, lang: Lang, lines: &[String]) -> Document {
        let mut d = Document::new(name, lang, lines.join("\n") + "\n");
        d.layout = Layout::Lines;
        d
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        /// Every sentence of both sides is in exactly one bead, in order,
        /// and every score is a probability.
        #[test]
        fn beads_cover_both_sides_once_in_order(ko in lengths(60), en in lengths(60)) {
            let a = align(&ko, &en);
            prop_assert!(a.covers(ko.len(), en.len()), "{:?}", a.beads);
            prop_assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
        }

        /// The same document on both sides aligns 1-1 on the diagonal.
        #[test]
        fn identical_lengths_align_on_the_diagonal(ko in lengths(80)) {
            let a = align(&ko, &ko);
            let want: Vec<_> = (0..ko.len()).map(|i| (i..i + 1, i..i + 1)).collect();
            let got: Vec<_> = a.beads.iter().map(|b| (b.ko.clone(), b.en.clone())).collect();
            prop_assert_eq!(got, want);
        }

        /// Deleting English sentence `k` changes only the beads near it: those
        /// well before are the same, those well after the same shifted by one.
        ///
        /// With lengths alone, in a short document one deleted sentence moves
        /// the length ratio (first estimated from the totals) enough for the
        /// DP to place the deletion several sentences away: in the 8-sentence
        /// document (192, 213, 179, 134, 53, 289, 1, 1) with the first
        /// English sentence deleted, the 1-0 bead goes to the fourth. A
        /// sentence of a longer document moves the ratio less, so the
        /// property is stated for documents of 20 sentences or more.
        #[test]
        fn deleting_a_sentence_changes_only_nearby_beads(
            ko in prop::collection::vec(1.0..300.0f64, 20..60),
            at in any::<prop::sample::Index>(),
        ) {
            let k = at.index(ko.len());
            let mut en = ko.clone();
            en.remove(k);
            let (before, after) = (align(&ko, &ko), align(&ko, &en));
            prop_assert!(after.covers(ko.len(), en.len()));
            const NEAR: usize = 3;
            for b in &before.beads {
                if b.ko.end + NEAR <= k {
                    prop_assert!(after.beads.iter().any(|x| x.ko == b.ko && x.en == b.en), "{:?} lost", b);
                } else if b.ko.start >= k + NEAR {
                    let shifted = b.en.start - 1..b.en.end - 1;
                    prop_assert!(after.beads.iter().any(|x| x.ko == b.ko && x.en == shifted), "{:?} lost", b);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whole documents through the pipeline: identical texts on both sides
        /// align 1-1 on the diagonal, and the beads cover both sides.
        #[test]
        fn identical_documents_align_on_the_diagonal(lines in sentences()) {
            let pair = PLAIN
                .align(lines_doc("ko", Lang::Ko, &lines), lines_doc("en", Lang::En, &lines))
                .unwrap();
            prop_assert!(pair.alignment.covers(lines.len(), lines.len()));
            for (i, b) in pair.alignment.beads.iter().enumerate() {
                prop_assert_eq!((b.ko.clone(), b.en.clone()), (i..i + 1, i..i + 1));
            }
        }

        /// A whole alignment written as JSONL and as TMX (every bead) reads
        /// back as the same beads with the same texts.
        #[test]
        fn exports_read_back_as_the_same_beads(ko in sentences(), en in sentences()) {
            let pair = PLAIN
                .align(lines_doc("ko", Lang::Ko, &ko), lines_doc("en", Lang::En, &en))
                .unwrap();
            let want: Vec<_> = export::rows(&pair)
                .map(|r| (r.bead.ko.clone(), r.bead.en.clone(), r.ko_text.into_owned(), r.en_text.into_owned()))
                .collect();
            let opts = ExportOptions { include_null: true, ..ExportOptions::default() };
            for format in [Format::Jsonl, Format::Tmx] {
                let mut out = Vec::new();
                export::write(format, &pair, &opts, &mut out).unwrap();
                let text = String::from_utf8(out).unwrap();
                let back = match format {
                    Format::Jsonl => export::read_jsonl("p.jsonl", &text).unwrap(),
                    _ => export::read_tmx("p.tmx", &text).unwrap(),
                };
                for (b, want_b) in back.iter().zip(&pair.alignment.beads) {
                    // Scores are written with four decimals.
                    prop_assert!((b.0.score - want_b.score).abs() <= 0.00005 + 1e-9);
                }
                let got: Vec<_> = back.into_iter().map(|(b, k, e)| (b.ko, b.en, k, e)).collect();
                prop_assert_eq!(&got, &want, "{:?}", format);
            }
        }
    }
}
