//! Corpus-scale throughput of `hanalign batch`: documents, sentences and
//! megabytes a second, and peak memory, on a corpus replicated from the gold
//! sets in `../shared/data/gold` (skipped with a message when absent).
//!
//! The corpus (default 10,000 documents, `HANALIGN_BENCH_DOCS` to change it)
//! is written to a temporary directory twice: as the gold files are, one
//! sentence per line (read with `--segmented`), and as raw text, each
//! document's lines joined into paragraphs of three sentences (read, and so
//! segmented, like any article). Each form is aligned in a child process,
//! through the same library calls as `hanalign batch` with its defaults
//! (all cores, JSONL beads to a file), so that the peak memory reported
//! (`VmHWM`) is that run's alone.
//!
//! `cargo bench --bench batch`; `HANALIGN_BENCH_JOBS=N` sets the threads.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use hanalign::batch::{self, Item};
use hanalign::export::{self, ExportOptions, Format};
use hanalign::glossary::Glossary;
use hanalign::{AlignerConfig, InputFormat, Pipeline, PipelineConfig, ReadOptions};

/// The allocator `hanalign` itself uses (src/bin/hanalign/main.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if let [mode, dir] = args.as_slice() {
        if mode == "segmented" || mode == "raw" {
            return child(mode == "segmented", Path::new(dir));
        }
    }
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/gold");
    if !gold.is_dir() {
        println!("skipped: batch bench needs {} (the gold sets)", gold.display());
        return;
    }
    let n: usize =
        std::env::var("HANALIGN_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let docs = gold_docs(&gold);
    for (mode, raw) in [("segmented", false), ("raw", true)] {
        let dir = tmp.path().join(mode);
        std::fs::create_dir(&dir).unwrap();
        for i in 0..n {
            let (ko, en) = &docs[i % docs.len()];
            let write = |text: &str, lang: &str| {
                let text = if raw { paragraphs(text) } else { text.to_string() };
                std::fs::write(dir.join(format!("d{i:06}.{lang}.txt")), text).unwrap();
            };
            write(ko, "ko");
            write(en, "en");
        }
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .arg(mode)
            .arg(&dir)
            .output()
            .expect("run the bench child");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        print!("{}", String::from_utf8_lossy(&out.stdout));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// The (Korean, English) texts of every gold document pair, in name order.
fn gold_docs(gold: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut sets: Vec<PathBuf> =
        std::fs::read_dir(gold).unwrap().map(|e| e.unwrap().path()).collect();
    sets.sort();
    for set in sets.into_iter().filter(|p| p.is_dir()) {
        for item in batch::items_from_dir(&set).unwrap() {
            let read = |s: &batch::Source| match s {
                batch::Source::Path(p) => std::fs::read_to_string(p).unwrap(),
                batch::Source::Text(t) => t.clone(),
            };
            out.push((read(&item.ko), read(&item.en)));
        }
    }
    assert!(!out.is_empty(), "no gold documents in {}", gold.display());
    out
}

/// One sentence a line made into running text: paragraphs of three
/// sentences, a blank line between them.
fn paragraphs(lines: &str) -> String {
    let sentences: Vec<&str> = lines.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let paras: Vec<String> = sentences.chunks(3).map(|c| c.join(" ")).collect();
    paras.join("\n\n") + "\n"
}

/// Aligns the corpus in `dir` as `hanalign batch [--segmented] DIR -o FILE`
/// does, and prints the figures.
fn child(segmented: bool, dir: &Path) {
    let jobs = std::env::var("HANALIGN_BENCH_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    // The input's size is read before the clock starts: `hanalign batch`
    // never asks for it.
    let bytes: u64 = batch::items_from_dir(dir)
        .unwrap()
        .iter()
        .flat_map(|it| [&it.ko, &it.en])
        .map(|s| match s {
            batch::Source::Path(p) => std::fs::metadata(p).unwrap().len(),
            batch::Source::Text(t) => t.len() as u64,
        })
        .sum();
    let (started, cpu_before) = (Instant::now(), cpu_seconds().unwrap_or(0.0));
    let items: Vec<Item> = batch::items_from_dir(dir).unwrap();
    let read = ReadOptions {
        format: if segmented { InputFormat::Lines } else { InputFormat::Auto },
        ..ReadOptions::default()
    };
    hanalign::pipeline::preload_builtins(!segmented);
    let pipeline = Pipeline::new(PipelineConfig {
        aligner: AlignerConfig::default(),
        boilerplate: if segmented {
            None
        } else {
            Some(hanalign::boilerplate::Boilerplate::builtin().clone())
        },
        check_languages: true,
        glossary: Some(Glossary::load(&[] as &[PathBuf]).unwrap()),
        lexicon: Some(hanalign::lexicon::Lexicon::builtin().clone()),
        ..PipelineConfig::default()
    });
    let out_path = dir.join("out.jsonl");
    let mut out = BufWriter::new(std::fs::File::create(&out_path).unwrap());
    let base = ExportOptions { standalone: false, jsonl_doc: true, ..ExportOptions::default() };
    let (mut docs, mut sentences, mut failed) = (0u64, 0u64, 0u64);
    batch::run(&pipeline, &read, items.into_iter(), jobs, |item, res| {
        docs += 1;
        match res {
            Ok(pair) => {
                sentences += (pair.ko.len() + pair.en.len()) as u64;
                let opts = ExportOptions { doc_id: item.id.clone(), ..base.clone() };
                export::write(Format::Jsonl, &pair, &opts, &mut out)
            }
            Err(_) => {
                failed += 1;
                Ok(())
            }
        }
    })
    .unwrap();
    out.flush().unwrap();
    let secs = started.elapsed().as_secs_f64();
    let mode = if segmented { "segmented" } else { "raw text" };
    println!(
        "batch {mode:>9}: {docs} docs ({failed} failed), {:.1} MB, on {jobs} thread(s) in {secs:.2} s: \
         {:.0} docs/s, {:.0} sentences/s, {:.1} MB/s, peak memory {} MB",
        bytes as f64 / 1e6,
        docs as f64 / secs,
        sentences as f64 / secs,
        bytes as f64 / 1e6 / secs,
        peak_mb().map_or("unknown".into(), |m| format!("{m:.1}")),
    );
    // On a shared machine the wall clock says little: CPU time does.
    if let Some(cpu) = cpu_seconds().map(|c| c - cpu_before) {
        println!(
            "               CPU {cpu:.2} s: {:.0} docs and {:.2} MB per CPU-second \
             ({:.0} docs/s on {jobs} cores if they were the run's alone)",
            docs as f64 / cpu,
            bytes as f64 / 1e6 / cpu,
            docs as f64 / cpu * jobs as f64,
        );
    }
}

/// User and system CPU time of this process, all threads, in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name in parentheses; utime and stime are the
    // 14th and 15th fields, in USER_HZ (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The peak resident memory of this process (`VmHWM`), in megabytes.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
