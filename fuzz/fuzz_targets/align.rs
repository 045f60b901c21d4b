//! The whole pipeline on two random documents (the input split at the first
//! 0xFF byte, which UTF-8 never holds): the beads cover both sides exactly
//! once and in order, and every export writes.
#![no_main]

use std::sync::LazyLock;

use hanalign::export::{self, ExportOptions, Format};
use hanalign::{Document, Lang, Layout, Pipeline, PipelineConfig};
use libfuzzer_sys::fuzz_target;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    Pipeline::new(PipelineConfig { check_languages: false, ..PipelineConfig::default() })
});

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let cut = rest.iter().position(|&b| b == 0xFF).unwrap_or(rest.len() / 2);
    let (a, b) = rest.split_at(cut);
    let b = b.strip_prefix(&[0xFF]).unwrap_or(b);
    let mut ko = Document::new("ko", Lang::Ko, String::from_utf8_lossy(a));
    let mut en = Document::new("en", Lang::En, String::from_utf8_lossy(b));
    if flags & 1 == 1 {
        ko.layout = Layout::Lines;
        en.layout = Layout::Lines;
    }
    let Ok(pair) = PIPELINE.align(ko, en) else { return };
    assert!(pair.alignment.covers(pair.ko.len(), pair.en.len()));
    for bead in &pair.alignment.beads {
        assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
    }
    let opts = ExportOptions { include_null: true, ..ExportOptions::default() };
    for format in [Format::Tsv, Format::Jsonl, Format::Tmx, Format::Csv, Format::Html] {
        let mut out = Vec::new();
        export::write(format, &pair, &opts, &mut out).unwrap();
        if format == Format::Jsonl {
            let text = String::from_utf8(out).unwrap();
            let back = export::read_jsonl("fuzz.jsonl", &text).unwrap();
            assert_eq!(back.len(), pair.alignment.beads.len());
        }
    }
});
