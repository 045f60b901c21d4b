//! Alignment time on a long document pair: 10,000 × 10,000 sentences of
//! synthetic lengths (English about twice the Korean, with noise, a few
//! merges and deletions), no anchors, so the DP itself is measured.
//! Peak memory: `/usr/bin/time -v target/release/deps/align-* --bench --profile-time 5`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hanalign::anchor::DocFeatures;
use hanalign::Aligner;

/// A deterministic pseudo-random sequence (xorshift), so runs are comparable.
fn lengths(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 1000) as f64 / 1000.0
    };
    let (mut ko, mut en) = (Vec::with_capacity(n), Vec::with_capacity(n));
    while ko.len() < n {
        let k = 20.0 + 80.0 * next();
        let e = k * 2.1 * (0.85 + 0.3 * next());
        match (next() * 100.0) as u32 {
            0..=3 => ko.push(k), // deleted in English
            4..=9 => {
                ko.push(k * 0.5); // split in Korean (2-1)
                ko.push(k * 0.5);
                en.push(e);
            }
            _ => {
                ko.push(k);
                en.push(e);
            }
        }
    }
    ko.truncate(n);
    while en.len() < n {
        en.push(60.0 + 100.0 * next());
    }
    (ko, en)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("align");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let (ko, en) = lengths(n);
        let feats =
            DocFeatures { ko: vec![Vec::new(); n], en: vec![Vec::new(); n], ..Default::default() };
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("{n}x{n} sentences"), |b| {
            b.iter(|| Aligner::default().align_lengths(&ko, &en, &feats))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
