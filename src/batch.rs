//! Aligning many document pairs: inputs, parallel runs in input order, and
//! per-document reports.
//!
//! Inputs are [`Item`]s, from a directory of pairs matched by name
//! ([`items_from_dir`]), a manifest ([`items_from_manifest`]), or JSONL
//! records carrying the texts ([`item_from_json`]). [`run`] aligns them on a
//! rayon pool a chunk at a time and hands each result to a callback in input
//! order, so memory holds one chunk, not the corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::document::{Document, Lang, ReadOptions};
use crate::error::{Error, Result};
use crate::pipeline::{AlignedPair, Pipeline};

/// Where one side of a document pair comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file to read.
    Path(PathBuf),
    /// Text given inline.
    Text(String),
}

/// One document pair to align.
#[derive(Clone, Debug)]
pub struct Item {
    /// The document id (file stem, manifest id or JSON `id`).
    pub id: String,
    /// The Korean side.
    pub ko: Source,
    /// The English side.
    pub en: Source,
}

/// The suffix pairs a directory is searched for, in order: `X.ko.txt` with
/// `X.en.txt`, then `X.ko.html` with `X.en.html`.
pub const DIR_SUFFIXES: [(&str, &str); 3] =
    [(".ko.txt", ".en.txt"), (".ko.html", ".en.html"), (".ko.htm", ".en.htm")];

/// The pairs in a directory (not recursive), sorted by id. A Korean file
/// without its English partner is an error naming it.
pub fn items_from_dir(dir: &Path) -> Result<Vec<Item>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
        for (ko_suf, en_suf) in DIR_SUFFIXES {
            if let Some(id) = name.strip_suffix(ko_suf) {
                let en = dir.join(format!("{id}{en_suf}"));
                if !en.exists() {
                    return Err(Error::Io {
                        name: p.display().to_string(),
                        message: format!("no English partner {}", en.display()),
                        source: std::io::ErrorKind::NotFound.into(),
                    });
                }
                out.push(Item {
                    id: id.to_string(),
                    ko: Source::Path(p.clone()),
                    en: Source::Path(en),
                });
            }
        }
    }
    Ok(out)
}

/// A manifest: CSV with a header `id,ko,en` or JSONL `{"id":…,"ko":…,"en":…}`
/// naming files (relative paths are relative to the manifest). Errors name
/// the line.
pub fn items_from_manifest(path: &Path) -> Result<Vec<Item>> {
    let (name, text) = crate::document::read_utf8(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let resolve = |p: &str| -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        }
    };
    let mut out = Vec::new();
    let is_jsonl = path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson")
        || text.trim_start().starts_with('{');
    if is_jsonl {
        #[derive(Deserialize)]
        struct Row {
            id: String,
            ko: String,
            en: String,
        }
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let r: Row = serde_json::from_str(line).map_err(|e| Error::BadLine {
                name: name.clone(),
                line: n + 1,
                message: format!("expected {{\"id\",\"ko\",\"en\"}}: {e}"),
            })?;
            out.push(Item {
                id: r.id,
                ko: Source::Path(resolve(&r.ko)),
                en: Source::Path(resolve(&r.en)),
            });
        }
    } else {
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::BadLine { name: name.clone(), line: 1, message: e.to_string() })?
            .clone();
        let col = |h: &str| headers.iter().position(|x| x.trim() == h);
        let (Some(i), Some(k), Some(e)) = (col("id"), col("ko"), col("en")) else {
            return Err(Error::BadLine {
                name,
                line: 1,
                message: "expected a header with id, ko and en".into(),
            });
        };
        for (n, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| Error::BadLine {
                name: name.clone(),
                line: n + 2,
                message: e.to_string(),
            })?;
            out.push(Item {
                id: rec.get(i).unwrap_or("").to_string(),
                ko: Source::Path(resolve(rec.get(k).unwrap_or(""))),
                en: Source::Path(resolve(rec.get(e).unwrap_or(""))),
            });
        }
    }
    Ok(out)
}

/// One JSONL record with the texts inline: `{"id":…,"ko":"…","en":"…"}`.
pub fn item_from_json(line: &str) -> std::result::Result<Item, String> {
    #[derive(Deserialize)]
    struct Row {
        id: serde_json::Value,
        ko: String,
        en: String,
    }
    let r: Row = serde_json::from_str(line)
        .map_err(|e| format!("expected {{\"id\",\"ko\",\"en\"}}: {e}"))?;
    let id = match r.id {
        serde_json::Value::String(s) => s,
        v => v.to_string(),
    };
    Ok(Item { id, ko: Source::Text(r.ko), en: Source::Text(r.en) })
}

/// What happened to one document.
#[derive(Clone, Debug, Serialize)]
pub struct DocReport {
    /// The document id.
    pub id: String,
    /// `ok`, `excluded` (below the document score floor) or `error`.
    pub status: &'static str,
    /// The error, for `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Korean sentences aligned.
    pub ko_sentences: usize,
    /// English sentences aligned.
    pub en_sentences: usize,
    /// Beads by shape (`1-1`: 20, …).
    pub beads: BTreeMap<String, usize>,
    /// The document score.
    pub doc_score: f64,
    /// Warnings (swapped inputs …).
    pub warnings: Vec<String>,
}

impl DocReport {
    /// The report of an aligned pair.
    pub fn of(id: &str, pair: &AlignedPair) -> DocReport {
        let mut beads = BTreeMap::new();
        for b in &pair.alignment.beads {
            *beads.entry(b.kind()).or_default() += 1;
        }
        DocReport {
            id: id.to_string(),
            status: "ok",
            error: None,
            ko_sentences: pair.ko.len(),
            en_sentences: pair.en.len(),
            beads,
            doc_score: (pair.alignment.doc_score() * 10_000.0).round() / 10_000.0,
            warnings: pair.warnings.clone(),
        }
    }

    /// The report of a document that could not be aligned.
    pub fn failed(id: &str, err: &Error) -> DocReport {
        DocReport {
            id: id.to_string(),
            status: "error",
            error: Some(err.to_string()),
            ko_sentences: 0,
            en_sentences: 0,
            beads: BTreeMap::new(),
            doc_score: 0.0,
            warnings: Vec::new(),
        }
    }
}

fn load(src: &Source, lang: Lang, id: &str, side: &str, read: &ReadOptions) -> Result<Document> {
    match src {
        Source::Path(p) => Document::from_path_with(p, lang, read),
        Source::Text(t) => {
            Document::from_bytes_with(format!("{id} ({side})"), lang, t.as_bytes(), read, None)
        }
    }
}

/// Aligns one item.
pub fn align_item(pipeline: &Pipeline, item: &Item, read: &ReadOptions) -> Result<AlignedPair> {
    // Test hook (debug builds only): a bug met on one document.
    #[cfg(debug_assertions)]
    if std::env::var("HANALIGN_FAILPOINT").is_ok_and(|v| v == format!("panic-doc:{}", item.id)) {
        panic!("failpoint on document {}", item.id);
    }
    let ko = load(&item.ko, Lang::Ko, &item.id, "ko", read)?;
    let en = load(&item.en, Lang::En, &item.id, "en", read)?;
    pipeline.align(ko, en)
}

/// Runs `f`, turning a panic into [`Error::Internal`]: a bug met on one
/// document costs that document, not the batch.
pub fn catch_panic<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(Error::Internal(Error::panic_message(payload.as_ref()))))
}

/// Whether item number `index` belongs to shard `k` of `n` (1-based `k`):
/// a deterministic hash of the id, so every machine agrees.
pub fn in_shard(id: &str, k: usize, n: usize) -> bool {
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % n as u64) as usize == k - 1
}

/// Aligns `items` with `jobs` threads, a chunk at a time, calling `each`
/// with every item and its result in input order. `each` returning an error
/// stops the run.
pub fn run<I, F>(
    pipeline: &Pipeline,
    read: &ReadOptions,
    items: I,
    jobs: usize,
    mut each: F,
) -> Result<()>
where
    I: Iterator<Item = Item>,
    F: FnMut(&Item, Result<AlignedPair>) -> Result<()>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::Config(format!("cannot start {jobs} threads: {e}")))?;
    let chunk = 16 * jobs.max(1);
    let mut items = items.peekable();
    while items.peek().is_some() {
        let batch: Vec<Item> = items.by_ref().take(chunk).collect();
        let results: Vec<Result<AlignedPair>> = pool.install(|| {
            batch.par_iter().map(|it| catch_panic(|| align_item(pipeline, it, read))).collect()
        });
        for (item, res) in batch.iter().zip(results) {
            each(item, res)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_ids() {
        let ids: Vec<String> = (0..500).map(|k| format!("doc{k}")).collect();
        let mut seen = vec![0; ids.len()];
        for k in 1..=3 {
            for (i, id) in ids.iter().enumerate() {
                if in_shard(id, k, 3) {
                    seen[i] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&c| c == 1));
    }

    #[test]
    fn a_panic_becomes_an_error() {
        let r: Result<()> = catch_panic(|| panic!("index {} out of range", 7));
        let err = r.unwrap_err();
        assert_eq!(
            err.to_string(),
            "internal error: index 7 out of range (please report this bug)"
        );
        assert_eq!(catch_panic(|| Ok(3)).unwrap(), 3);
    }

    #[test]
    fn json_items() {
        let it = item_from_json(r#"{"id":7,"ko":"가","en":"a"}"#).unwrap();
        assert_eq!(it.id, "7");
        assert!(item_from_json("{}").is_err());
    }
}
