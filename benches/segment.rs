//! Segmentation throughput on news-like text, Korean and English.
//!
//! The text is the bundled example article (`examples/harbour.{ko,en}.txt`)
//! repeated, paragraphs and all, to about 100 KB and 1 MB: the same bytes
//! per second at both sizes show that splitting is linear in the input.
//!
//! ```text
//! cargo bench --bench segment -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hanalign::document::Span;
use hanalign::segment::split_text;
use hanalign::sentence::split_paragraph;
use hanalign::Lang;

/// The example article of `lang`, repeated until it is at least `size` bytes.
fn news_text(lang: Lang, size: usize) -> String {
    let path = format!("{}/examples/harbour.{}.txt", env!("CARGO_MANIFEST_DIR"), lang.code());
    let article = std::fs::read_to_string(path).unwrap();
    let article = article.trim();
    let mut text = String::with_capacity(size + article.len());
    while text.len() < size {
        text.push_str(article);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("split_text");
    for lang in [Lang::Ko, Lang::En] {
        for (label, size) in [("100KB", 100_000), ("1MB", 1_000_000)] {
            let text = news_text(lang, size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(lang.code(), label), &text, |b, text| {
                b.iter(|| split_text(text, lang))
            });
        }
    }
    group.finish();

    // The sentence rules alone, on one long paragraph (no paragraph pass).
    let mut group = c.benchmark_group("split_paragraph");
    for lang in [Lang::Ko, Lang::En] {
        let text = news_text(lang, 1_000_000).replace("\n\n", " ");
        let whole = Span::new(0, text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(lang.code(), "1MB"), &text, |b, text| {
            b.iter(|| split_paragraph(text, whole, lang))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
