//! Segmentation throughput (placeholder until the segmenter bench lands).

use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/harbour.ko.txt"))
            .unwrap();
    c.bench_function("split_text ko example", |b| {
        b.iter(|| hanalign::segment::split_text(&text, hanalign::Lang::Ko))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
