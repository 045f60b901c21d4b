//! Throughput of reading a document: normalisation, then segmentation with
//! the furniture filter, on news-like text built from the bundled example
//! (repeated to about 1 MB per language).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hanalign::boilerplate::Boilerplate;
use hanalign::normalize::Normalized;
use hanalign::{Document, Lang, SegmentedDoc};

fn corpus(lang: &str, bytes: usize) -> String {
    let path = format!("{}/examples/harbour.{lang}.txt", env!("CARGO_MANIFEST_DIR"));
    let one = std::fs::read_to_string(path).unwrap();
    let mut out = String::with_capacity(bytes + one.len());
    while out.len() < bytes {
        out.push_str(&one);
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("read");
    g.sample_size(10);
    for (lang, code) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
        let text = corpus(code, 1 << 20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("normalize {code} 1MB"), |b| b.iter(|| Normalized::new(&text)));
        g.bench_function(format!("segment+furniture {code} 1MB"), |b| {
            b.iter(|| {
                let doc = Document::new("bench", lang, text.clone());
                SegmentedDoc::with_boilerplate(doc, Some(Boilerplate::builtin())).unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
