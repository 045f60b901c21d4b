//! Romanisation and name-matching throughput: names romanised per second
//! (issue 4 asks for at least a million per core) and `similarity` calls per
//! second (the aligner needs at least 200,000). The names are the committed
//! vector subset in tests/data/romanization, so the bench runs without
//! ../shared; criterion prints the rate as "thrpt" in elements per second.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use hanalign::names::{similarity, similarity_prepared, HangulName, LatinName};
use hanalign::romanize::{romanize, Mode, System};

/// (Hangul, first Latin spelling, kind) of the committed name vectors.
fn name_rows() -> Vec<(String, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/romanization/name_vectors.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let latin = f[1].split('|').next().unwrap_or("").to_string();
            (f[0].to_string(), latin, f[2].to_string())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = name_rows();
    let persons: Vec<&str> =
        rows.iter().filter(|r| r.2.starts_with("person")).map(|r| r.0.as_str()).collect();
    let places: Vec<&str> = rows.iter().filter(|r| r.2 == "place").map(|r| r.0.as_str()).collect();

    let mut g = c.benchmark_group("romanize");
    g.throughput(Throughput::Elements(persons.len() as u64));
    g.bench_function("names, RR name mode", |b| {
        b.iter(|| {
            for n in &persons {
                black_box(romanize(black_box(n), System::Rr, Mode::Name));
            }
        })
    });
    g.bench_function("names, DPRK name mode", |b| {
        b.iter(|| {
            for n in &persons {
                black_box(romanize(black_box(n), System::Nk, Mode::Name));
            }
        })
    });
    g.throughput(Throughput::Elements(places.len() as u64));
    g.bench_function("places, RR word mode", |b| {
        b.iter(|| {
            for n in &places {
                black_box(romanize(black_box(n), System::Rr, Mode::Word));
            }
        })
    });
    g.finish();

    // Each Hangul against its own spelling and against the spellings of two
    // other rows: mostly non-matches, as for the aligner's candidates.
    let n = rows.len();
    let pairs: Vec<(&str, &str)> = (0..n)
        .flat_map(|i| [0, 7, 31].map(|k| (rows[i].0.as_str(), rows[(i + k) % n].1.as_str())))
        .collect();
    let mut g = c.benchmark_group("names");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("similarity", |b| {
        b.iter(|| {
            for (h, l) in &pairs {
                black_box(similarity(black_box(h), black_box(l)));
            }
        })
    });
    let hs: Vec<HangulName> = rows.iter().map(|r| HangulName::new(&r.0)).collect();
    let ls: Vec<LatinName> = rows.iter().map(|r| LatinName::new(&r.1)).collect();
    let prepared: Vec<(usize, usize)> =
        (0..n).flat_map(|i| [0, 7, 31].map(|k| (i, (i + k) % n))).collect();
    g.bench_function("similarity_prepared", |b| {
        b.iter(|| {
            for &(i, j) in &prepared {
                black_box(similarity_prepared(&hs[i], &ls[j]));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
