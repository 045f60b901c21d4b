//! Aligning many document pairs: inputs, parallel runs in input order, and
//! per-document reports.
//!
//! Inputs are [`Item`]s, from a directory of pairs matched by name
//! ([`items_from_dir`]), a manifest ([`items_from_manifest`]), or JSONL
//! records carrying the texts ([`item_from_json`]). [`run`] aligns them on a
//! rayon pool, a bounded number at a time, and hands each result to a
//! callback in input order, so memory holds a few dozen documents, not the
//! corpus; [`run_stream`] does the same for inputs that arrive from a pipe,
//! handing each result on without waiting for the next input. The threads
//! of a run wake one another only for a batch of results or a half-empty
//! queue, not for every document.
//!
//! Resuming: [`copy_done_reports`] reads a previous run's report, keeping the
//! lines of the documents done, and [`copy_without_footer`] carries the
//! previous output over so that new documents can be appended to it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The pairs in a directory (not recursive), sorted by id: `X.ko.txt` (or
/// `.html`, `.htm`) with `X.en.txt` (or `.html`, `.htm`), the two sides in
/// any of the extensions. A file without its partner is still a pair, whose
/// missing side (named with the present side's extension) the batch reports
/// and skips as a file that cannot be read. Two files of one side and id
/// (`a.ko.txt` and `a.ko.html`) are an error naming both.
pub fn items_from_dir(dir: &Path) -> Result<Vec<Item>> {
    let dir_name = dir.display().to_string();
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(&dir_name, e))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(&dir_name, e))?;
        if let Ok(name) = entry.file_name().into_string() {
            names.push(name);
        }
    }
    names.sort_unstable();
    // Per id, the suffix index of its Korean and of its English file.
    let mut ids: BTreeMap<&str, [Option<usize>; 2]> = BTreeMap::new();
    for name in &names {
        for (k, pair) in DIR_SUFFIXES.iter().enumerate() {
            for (side, suffix) in [pair.0, pair.1].into_iter().enumerate() {
                let Some(id) = name.strip_suffix(suffix) else { continue };
                let slot = &mut ids.entry(id).or_default()[side];
                if let Some(other) = slot.replace(k) {
                    let file = |k: usize| {
                        let suffixes = DIR_SUFFIXES[k];
                        dir.join(format!("{id}{}", [suffixes.0, suffixes.1][side]))
                    };
                    return Err(Error::Io {
                        name: dir_name,
                        message: format!(
                            "two documents have the id {id:?} ({} and {}): rename one",
                            file(other).display(),
                            file(k).display()
                        ),
                        source: std::io::ErrorKind::AlreadyExists.into(),
                    });
                }
            }
        }
    }
    Ok(ids
        .into_iter()
        .map(|(id, [ko, en])| {
            // A missing side takes the other side's extension.
            let (ko, en) = (ko.or(en).unwrap_or(0), en.or(ko).unwrap_or(0));
            Item {
                id: id.to_string(),
                ko: Source::Path(dir.join(format!("{id}{}", DIR_SUFFIXES[ko].0))),
                en: Source::Path(dir.join(format!("{id}{}", DIR_SUFFIXES[en].1))),
            }
        })
        .collect())
}

/// A manifest: CSV with a header `id,ko,en` or JSONL `{"id":…,"ko":…,"en":…}`
/// naming files (relative paths are relative to the manifest). Errors name
/// the line. This is [`Manifest`] read into memory at once.
pub fn items_from_manifest(path: &Path) -> Result<Vec<Item>> {
    let manifest = Manifest::open(path, |_| Ok(()))?;
    manifest.items()?.map(|r| r.map(|(_, item)| item)).collect()
}

/// A manifest (see [`items_from_manifest`]) read as a stream, so that one
/// of millions of lines is never held in memory: [`Manifest::open`] reads
/// it through once and checks every line and id (ids must be neither empty
/// nor repeated: either would make the corpus ambiguous and `--resume` skip
/// a document it never did), keeping 8 bytes an id; [`Manifest::items`]
/// reads it again, an item at a time.
#[derive(Clone, Debug)]
pub struct Manifest {
    path: PathBuf,
    name: String,
    /// Where relative paths start: the manifest's directory.
    base: PathBuf,
    jsonl: bool,
    len: usize,
}

/// An item of a manifest with its line, or what is wrong with the line.
type Record = Result<(usize, Item)>;

impl Manifest {
    /// Reads the manifest at `path` through, checking each line and calling
    /// `check` with each item (in order, each once). The first error, of a
    /// line or of `check`, is returned.
    pub fn open(path: &Path, mut check: impl FnMut(&Item) -> Result<()>) -> Result<Manifest> {
        let name = path.display().to_string();
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut m = Manifest { path: path.to_path_buf(), name, base, jsonl: false, len: 0 };
        let mut r = m.reader()?;
        let ext_jsonl = path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
        let head = r.fill_buf().map_err(|e| Error::io(&m.name, e))?;
        let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
        m.jsonl = ext_jsonl || first == Some(b'{');
        // The ids by hash: a hash met twice is checked again on the ids
        // themselves, so that two ids sharing a hash are not taken for one.
        let (mut hashes, mut twice) = (HashSet::new(), HashSet::new());
        for record in m.records_from(r)? {
            let (line, item) = record?;
            if item.id.trim().is_empty() {
                return Err(Error::BadLine {
                    name: m.name.clone(),
                    line,
                    message: "empty id".into(),
                });
            }
            check(&item)?;
            let h = Done::key(&item.id);
            if !hashes.insert(h) {
                twice.insert(h);
            }
            m.len += 1;
        }
        drop(hashes);
        if !twice.is_empty() {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for record in m.items()? {
                let (line, item) = record?;
                if !twice.contains(&Done::key(&item.id)) {
                    continue;
                }
                if let Some(first) = seen.insert(item.id.clone(), line) {
                    let message = format!("id {:?} is already the id of line {first}", item.id);
                    return Err(Error::BadLine { name: m.name.clone(), line, message });
                }
            }
        }
        Ok(m)
    }

    /// The number of items (of lines that are not blank).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the manifest lists no item.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items with their lines, read from the file again. A line that
    /// has turned bad since [`Manifest::open`] (the file was edited) is an
    /// error in its place; reading stops at an error of the file itself.
    pub fn items(&self) -> Result<impl Iterator<Item = Record> + Send + 'static + use<>> {
        self.records_from(self.reader()?)
    }

    /// The file opened for reading, past a byte-order mark.
    fn reader(&self) -> Result<std::io::BufReader<std::fs::File>> {
        let (file, _) = crate::document::open_input(&self.path)?;
        let mut r = std::io::BufReader::with_capacity(64 * 1024, file);
        if r.fill_buf().map_err(|e| Error::io(&self.name, e))?.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
        }
        Ok(r)
    }

    /// The records of the manifest read by `r` (at its start, past a
    /// byte-order mark).
    fn records_from(
        &self,
        r: std::io::BufReader<std::fs::File>,
    ) -> Result<Box<dyn Iterator<Item = Record> + Send>> {
        let (name, base) = (self.name.clone(), self.base.clone());
        if self.jsonl {
            return Ok(Box::new(JsonlRecords {
                r,
                name,
                base,
                line: 0,
                buf: Vec::new(),
                done: false,
            }));
        }
        let mut rdr = csv::ReaderBuilder::new().from_reader(LineCounter::new(r));
        let bad =
            |line: usize, message: String| Error::BadLine { name: name.clone(), line, message };
        let headers = rdr.byte_headers().map_err(|e| bad(1, e.to_string()))?;
        let col = |h: &str| {
            headers.iter().position(|x| std::str::from_utf8(x).is_ok_and(|x| x.trim() == h))
        };
        let (Some(i), Some(k), Some(e)) = (col("id"), col("ko"), col("en")) else {
            return Err(bad(1, "expected a header with id, ko and en".into()));
        };
        let rec = csv::ByteRecord::new();
        Ok(Box::new(CsvRecords { rdr, rec, cols: [i, k, e], n: 0, name, base, done: false }))
    }
}

/// `p` from a manifest made a path: relative ones start at `base`.
fn resolve(base: &Path, p: &str) -> PathBuf {
    let p = Path::new(p);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// The records of a JSONL manifest, a line at a time.
struct JsonlRecords {
    r: std::io::BufReader<std::fs::File>,
    name: String,
    base: PathBuf,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Iterator for JsonlRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        #[derive(Deserialize)]
        struct Row {
            id: String,
            ko: String,
            en: String,
        }
        while !self.done {
            self.buf.clear();
            match self.r.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let bad = |message: String| Error::BadLine {
                        name: self.name.clone(),
                        line: self.line,
                        message,
                    };
                    let text = match std::str::from_utf8(&self.buf) {
                        Ok(text) => text.trim_end_matches('\n').trim_end_matches('\r'),
                        Err(e) => {
                            let message =
                                format!("not UTF-8 (byte {} of the line)", e.valid_up_to() + 1);
                            return Some(Err(bad(message)));
                        }
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Some(match serde_json::from_str::<Row>(text) {
                        Ok(row) => Ok((
                            self.line,
                            Item {
                                id: row.id,
                                ko: Source::Path(resolve(&self.base, &row.ko)),
                                en: Source::Path(resolve(&self.base, &row.en)),
                            },
                        )),
                        Err(e) => Err(bad(format!("expected {{\"id\",\"ko\",\"en\"}}: {e}"))),
                    });
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(&self.name, e)));
                }
            }
        }
        None
    }
}

/// A reader that notes where its lines end, so that a CSV record's byte
/// offset gives its line (the csv crate's own count skips blank lines and
/// counts a quoted line break as a record's). Only the line-end bytes past
/// the last offset asked about are kept: the few the CSV reader has read
/// ahead.
struct LineCounter {
    inner: std::io::BufReader<std::fs::File>,
    /// Bytes read so far.
    read: u64,
    /// Offsets of the `\r` and `\n` bytes read and not yet passed, each
    /// with whether it is a `\n` (which ends a line).
    ends: std::collections::VecDeque<(u64, bool)>,
    /// Lines passed.
    passed: usize,
}

impl LineCounter {
    fn new(inner: std::io::BufReader<std::fs::File>) -> LineCounter {
        LineCounter { inner, read: 0, ends: Default::default(), passed: 0 }
    }

    /// The line (from 1) of the record the CSV reader places at byte
    /// `offset`: where it began to read, before the blank lines it skips.
    /// Offsets asked about must not go back.
    fn line_at(&mut self, mut offset: u64) -> usize {
        while let Some(&(at, newline)) = self.ends.front() {
            if at > offset {
                break;
            }
            // Line ends before the record, and those it starts with.
            if at == offset {
                offset += 1;
            }
            self.passed += usize::from(newline);
            self.ends.pop_front();
        }
        self.passed + 1
    }
}

impl Read for LineCounter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (k, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                self.ends.push_back((self.read + k as u64, b == b'\n'));
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// The records of a CSV manifest after its header, a record at a time.
struct CsvRecords {
    rdr: csv::Reader<LineCounter>,
    rec: csv::ByteRecord,
    /// The columns of the id and the Korean and English paths.
    cols: [usize; 3],
    /// Records read so far.
    n: usize,
    name: String,
    base: PathBuf,
    done: bool,
}

impl Iterator for CsvRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.done {
            return None;
        }
        let read = self.rdr.read_byte_record(&mut self.rec);
        let (rdr, n) = (&mut self.rdr, self.n);
        let mut line_of =
            |pos: Option<&csv::Position>| pos.map_or(n + 2, |p| rdr.get_mut().line_at(p.byte()));
        let bad = |line: usize, message: String| Error::BadLine {
            name: self.name.clone(),
            line,
            message,
        };
        match read {
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done |= matches!(e.kind(), csv::ErrorKind::Io(_));
                let line = line_of(e.position());
                self.n += 1;
                Some(Err(bad(line, e.to_string())))
            }
            Ok(true) => {
                let line = line_of(self.rec.position());
                self.n += 1;
                let field = |c: usize| std::str::from_utf8(self.rec.get(c).unwrap_or(b""));
                let [i, k, e] = self.cols;
                Some(match (field(i), field(k), field(e)) {
                    (Ok(id), Ok(ko), Ok(en)) => Ok((
                        line,
                        Item {
                            id: id.to_string(),
                            ko: Source::Path(resolve(&self.base, ko)),
                            en: Source::Path(resolve(&self.base, en)),
                        },
                    )),
                    _ => Err(bad(line, "not UTF-8".into())),
                })
            }
        }
    }
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
    if id.trim().is_empty() {
        return Err("empty id".into());
    }
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

/// Aligns `items` with `jobs` threads, calling `each` with every item and
/// its result in input order. `each` returning an error stops the run.
///
/// At most `16 * jobs` documents are in hand at once (waiting to be aligned,
/// being aligned, or aligned and waiting for an earlier one), so memory does
/// not grow with the corpus. There is no barrier between groups of
/// documents: a thread that finishes takes the next document while `each`
/// writes the ones before. This is [`run_stream`] with every input a
/// document and no stop, but `items` may borrow: it is read on a thread that
/// ends with the run.
pub fn run<I, F>(
    pipeline: &Pipeline,
    read: &ReadOptions,
    items: I,
    jobs: usize,
    each: F,
) -> Result<()>
where
    I: Iterator<Item = Item> + Send,
    F: FnMut(&Item, Result<AlignedPair>) -> Result<()>,
{
    let (pool, shared) = start(jobs)?;
    let reader = Arc::clone(&shared);
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("hanalign-input".into())
            .spawn_scoped(s, move || reader.read(items.map(Ok)))
            .map_err(|e| Error::Config(format!("cannot start the input thread: {e}")))?;
        // `drive` closes the run as it returns, which ends the reader at its
        // next input.
        drive(pipeline, read, &pool, &shared, (|| false, STOP_POLL), each)
    })
}

/// A record of a stream that is not a document pair (a line that is not
/// JSON, say): reported in its place in the input, as a failed document.
#[derive(Debug)]
pub struct Rejected {
    /// What names the record in reports (`line 7`).
    pub id: String,
    /// Why it is no document.
    pub error: Error,
}

/// [`run`] for inputs that may come when they come, from a pipe: they are
/// read on a thread of its own, so each document's result reaches `each`
/// once it, those before it and the others in hand are done, never waiting
/// for the next input. A co-process can send one document and wait for its
/// beads. A [`Rejected`] input reaches `each` in its place, as an item with
/// that id, empty sides and the error.
///
/// Once `stop` returns true (it is asked a few times a second, also while
/// no input comes), no new input is started: the documents being aligned
/// are finished and handed on, and `run_stream` returns. The reading thread
/// is not joined (a read from a pipe may block for ever): after `stop`,
/// after `each` fails, or when `run_stream` returns, it ends at its next
/// input (or at the end of `inputs`).
pub fn run_stream<I, S, F>(
    pipeline: &Pipeline,
    read: &ReadOptions,
    inputs: I,
    jobs: usize,
    stop: S,
    each: F,
) -> Result<()>
where
    I: Iterator<Item = std::result::Result<Item, Rejected>> + Send + 'static,
    S: Fn() -> bool,
    F: FnMut(&Item, Result<AlignedPair>) -> Result<()>,
{
    stream(pipeline, read, inputs, jobs, (stop, STOP_POLL), each)
}

/// How long the driving thread waits for results before it asks `stop`
/// again.
const STOP_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// [`run_stream`], asking `stop` every `poll` while no result comes.
fn stream<I, S, F>(
    pipeline: &Pipeline,
    read: &ReadOptions,
    inputs: I,
    jobs: usize,
    stop: (S, std::time::Duration),
    each: F,
) -> Result<()>
where
    I: Iterator<Item = std::result::Result<Item, Rejected>> + Send + 'static,
    S: Fn() -> bool,
    F: FnMut(&Item, Result<AlignedPair>) -> Result<()>,
{
    let (pool, shared) = start(jobs)?;
    let reader = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("hanalign-input".into())
        .spawn(move || reader.read(inputs))
        .map_err(|e| Error::Config(format!("cannot start the input thread: {e}")))?;
    drive(pipeline, read, &pool, &shared, stop, each)
}

/// An input in a run's queue, numbered in input order.
type Input = (usize, std::result::Result<Item, Rejected>);

/// An input's result, waiting to be handed on.
type Output = (Item, Result<AlignedPair>);

/// What the threads of a run share: the inputs read and not yet taken, the
/// results not yet handed on, and who is waiting for what.
///
/// The threads wake each other only when they must. A worker wakes the
/// driving thread once a run of [`Shared::batch`] results is ready in order
/// (or nothing is being aligned any more); the driving thread wakes the
/// reader once half the window is free; the reader wakes a worker only when
/// one is idle. With a few hundred documents a second a core, waking a
/// thread for every document cost a tenth of the run's time.
struct Shared {
    state: std::sync::Mutex<State>,
    /// Signalled when an input is queued for an idle worker, or the run ends.
    work: std::sync::Condvar,
    /// Signalled when results are ready for the driving thread.
    results: std::sync::Condvar,
    /// Signalled when the reader may queue more inputs.
    room: std::sync::Condvar,
    /// The most documents in hand.
    window: usize,
    /// How many results in order wake the driving thread.
    batch: usize,
}

/// The mutable part of [`Shared`].
#[derive(Default)]
struct State {
    /// Inputs read and not yet taken by a worker.
    queue: std::collections::VecDeque<Input>,
    /// Results by input number modulo the window.
    ready: Vec<Option<Output>>,
    /// Inputs read so far (the next input's number).
    read: usize,
    /// Results taken by the driving thread (the next one's number).
    next: usize,
    /// Results handed on to `each`: until then a document is still in hand.
    handed: usize,
    /// Workers aligning a document.
    busy: usize,
    /// Workers waiting for an input.
    idle: usize,
    /// The reader has read its last input.
    ended: bool,
    /// No input is to be taken any more (`stop`, a failure, or the end).
    closed: bool,
    /// The driving thread waits for results.
    driver_waits: bool,
    /// The reader waits for room.
    reader_waits: bool,
}

impl State {
    /// Whether the driving thread, if waiting, must wake: the next result
    /// is ready and so are the `batch` after it, or no other can come soon.
    fn driver_needed(&self, window: usize, batch: usize) -> bool {
        let in_order =
            (0..batch).take_while(|&k| self.ready[(self.next + k) % window].is_some()).count();
        in_order == batch || (in_order > 0 && self.busy == 0)
    }
}

impl Shared {
    /// Locks the state; a thread that panicked holding it left it whole
    /// (every update is a few plain assignments).
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Queues each input as the window allows, then marks the end; stops
    /// early when the run is closed.
    fn read(&self, inputs: impl Iterator<Item = std::result::Result<Item, Rejected>>) {
        for input in inputs {
            let mut st = self.lock();
            while !st.closed && st.read - st.handed >= self.window {
                st.reader_waits = true;
                st = self.room.wait(st).unwrap_or_else(std::sync::PoisonError::into_inner);
                st.reader_waits = false;
            }
            if st.closed {
                return;
            }
            let n = st.read;
            st.queue.push_back((n, input));
            st.read += 1;
            if st.idle > 0 {
                self.work.notify_one();
            }
        }
        let mut st = self.lock();
        st.ended = true;
        self.work.notify_all();
        self.results.notify_one();
    }

    /// A worker: takes inputs in order and aligns them until the queue is
    /// empty at the end, or the run is closed.
    fn work(&self, pipeline: &Pipeline, read: &ReadOptions) {
        let mut st = self.lock();
        loop {
            let Some((n, input)) = (if st.closed { None } else { st.queue.pop_front() }) else {
                if st.closed || st.ended {
                    return;
                }
                st.idle += 1;
                st = self.work.wait(st).unwrap_or_else(std::sync::PoisonError::into_inner);
                st.idle -= 1;
                continue;
            };
            st.busy += 1;
            drop(st);
            let out = match input {
                Ok(item) => {
                    let res = catch_panic(|| align_item(pipeline, &item, read));
                    (item, res)
                }
                Err(Rejected { id, error }) => {
                    let empty = || Source::Text(String::new());
                    (Item { id, ko: empty(), en: empty() }, Err(error))
                }
            };
            st = self.lock();
            st.busy -= 1;
            st.ready[n % self.window] = Some(out);
            if st.driver_waits && st.driver_needed(self.window, self.batch) {
                self.results.notify_one();
            }
        }
    }

    /// Ends the run for the reader and the workers: no input is taken any
    /// more.
    fn close(&self) {
        self.lock().closed = true;
        self.work.notify_all();
        self.room.notify_all();
    }
}

/// Closes a run when dropped, so that no thread waits for ever after the
/// driving thread returns, or panics in `each`.
struct CloseOnDrop<'a>(&'a Shared);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The thread pool of a run with `jobs` threads and the state it shares,
/// with a window of 16 documents a thread.
fn start(jobs: usize) -> Result<(rayon::ThreadPool, Arc<Shared>)> {
    let jobs = jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {jobs} threads: {e}")))?;
    let window = 16 * jobs;
    let state = State { ready: (0..window).map(|_| None).collect(), ..State::default() };
    let shared = Shared {
        state: std::sync::Mutex::new(state),
        work: std::sync::Condvar::new(),
        results: std::sync::Condvar::new(),
        room: std::sync::Condvar::new(),
        window,
        batch: 4 * jobs,
    };
    Ok((pool, Arc::new(shared)))
}

/// Aligns the inputs the reader queues with one worker a thread of `pool`,
/// and hands each result to `each` in input order.
fn drive<S, F>(
    pipeline: &Pipeline,
    read: &ReadOptions,
    pool: &rayon::ThreadPool,
    shared: &Shared,
    (stop, poll): (S, std::time::Duration),
    mut each: F,
) -> Result<()>
where
    S: Fn() -> bool,
    F: FnMut(&Item, Result<AlignedPair>) -> Result<()>,
{
    let mut outcome = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads() {
            scope.spawn(move |_| shared.work(pipeline, read));
        }
        let _close = CloseOnDrop(shared);
        let mut batch = Vec::with_capacity(shared.window);
        let mut st = shared.lock();
        loop {
            while let Some(out) = {
                let slot = st.next % shared.window;
                st.ready[slot].take()
            } {
                batch.push(out);
                st.next += 1;
            }
            if !batch.is_empty() {
                drop(st);
                for (item, res) in batch.drain(..) {
                    if outcome.is_ok() {
                        outcome = each(&item, res);
                        if outcome.is_err() {
                            shared.close();
                        }
                    }
                }
                st = shared.lock();
                st.handed = st.next;
                if st.reader_waits && st.read - st.handed <= shared.window / 2 {
                    shared.room.notify_one();
                }
                continue;
            }
            // Everything read has been handed on, or, once closed, everything
            // taken (what is still queued is never started).
            // Taken: read and no longer queued.
            let last = if st.closed { st.read - st.queue.len() } else { st.read };
            if st.next == last && (st.ended || st.closed) && st.busy == 0 {
                break;
            }
            if !st.closed && stop() {
                drop(st);
                shared.close();
                st = shared.lock();
                continue;
            }
            // A pipe may stay open with nothing in it: `stop` is asked again
            // after a while without results.
            st.driver_waits = true;
            st = shared
                .results
                .wait_timeout(st, poll)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
            st.driver_waits = false;
        }
    });
    outcome
}

/// The documents a previous run finished, by id (kept as 64-bit hashes, so
/// that a million ids take a few megabytes).
#[derive(Clone, Debug, Default)]
pub struct Done {
    keys: HashSet<u64>,
}

impl Done {
    fn key(id: &str) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    /// Records `id` as done.
    pub fn insert(&mut self, id: &str) {
        self.keys.insert(Done::key(id));
    }

    /// Whether `id` was done.
    pub fn contains(&self, id: &str) -> bool {
        self.keys.contains(&Done::key(id))
    }

    /// How many documents were done.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no document was done.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Reads the report a previous run wrote at `path` (JSONL with `id` and
/// `status`) and copies to `out` the lines of the documents it finished
/// (`ok` or `excluded`), which it returns. Failed documents are left out, to
/// be tried again. A missing file is a run that finished nothing (`None`); a
/// line that is not a report line is an error naming the file and line.
pub fn copy_done_reports(path: &Path, out: &mut dyn Write) -> Result<Option<Done>> {
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(name, e)),
    };
    #[derive(Deserialize)]
    struct Line {
        id: String,
        status: String,
    }
    let mut done = Done::default();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(&name, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let r: Line = serde_json::from_str(&line).map_err(|e| Error::BadLine {
            name: name.clone(),
            line: n + 1,
            message: format!("not a report line ({{\"id\",\"status\",…}}): {e}"),
        })?;
        if r.status == "ok" || r.status == "excluded" {
            done.insert(&r.id);
            out.write_all(line.as_bytes()).map_err(Error::Export)?;
            out.write_all(b"\n").map_err(Error::Export)?;
        }
    }
    Ok(Some(done))
}

/// Copies the file at `path` to `out` without its last bytes `footer` (a
/// TMX file's closing tags, empty for line formats), so that more documents
/// and the footer can follow. Returns false when there is no such file; a
/// file that does not end with `footer` (cut short, or another format) is an
/// error naming it.
pub fn copy_without_footer(path: &Path, footer: &[u8], out: &mut dyn Write) -> Result<bool> {
    let name = path.display().to_string();
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(name, e)),
    };
    let len = file.metadata().map_err(|e| Error::io(&name, e))?.len();
    let keep = len.checked_sub(footer.len() as u64).ok_or_else(|| not_complete(&name))?;
    if !footer.is_empty() {
        use std::io::{Seek, SeekFrom};
        let mut end = vec![0; footer.len()];
        file.seek(SeekFrom::Start(keep)).map_err(|e| Error::io(&name, e))?;
        file.read_exact(&mut end).map_err(|e| Error::io(&name, e))?;
        if end != footer {
            return Err(not_complete(&name));
        }
        file.seek(SeekFrom::Start(0)).map_err(|e| Error::io(&name, e))?;
    }
    let copied = std::io::copy(&mut file.take(keep), out).map_err(|e| Error::io(&name, e))?;
    if copied != keep {
        return Err(not_complete(&name));
    }
    Ok(true)
}

fn not_complete(name: &str) -> Error {
    Error::Config(format!(
        "{name}: does not end like a complete file of this format; cannot resume into it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_reads_borrowed_items_and_hands_results_on_in_order() {
        let pair = |k: usize| Item {
            id: format!("d{k}"),
            ko: Source::Text(format!("서울의 기온은 {k}도였다. 부산항이 문을 열었다.")),
            en: Source::Text(format!("Seoul was {k} degrees. Busan port opened.")),
        };
        // Borrowed, not moved: the items outlive the run.
        let items: Vec<Item> = (0..40)
            .map(pair)
            .chain([Item {
                id: "empty".into(),
                ko: Source::Text(String::new()),
                en: Source::Text("Nothing here.".into()),
            }])
            .collect();
        let pipeline = Pipeline::default();
        let mut seen = Vec::new();
        run(&pipeline, &ReadOptions::default(), items.iter().cloned(), 3, |item, res| {
            seen.push((item.id.clone(), res.map(|p| p.alignment.beads.len()).ok()));
            Ok(())
        })
        .unwrap();
        let ids: Vec<&str> = items.iter().map(|it| it.id.as_str()).collect();
        assert_eq!(seen.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ids);
        assert!(seen[..40].iter().all(|(_, beads)| *beads == Some(2)), "{seen:?}");
        assert_eq!(seen[40].1, None, "an empty side is that document's error");
        // An error from `each` ends the run there, and the reader with it.
        let mut calls = 0;
        let res = run(&pipeline, &ReadOptions::default(), items.iter().cloned(), 2, |_, _| {
            calls += 1;
            if calls == 5 {
                Err(Error::Config("stop here".into()))
            } else {
                Ok(())
            }
        });
        assert!(res.is_err());
        assert_eq!(calls, 5);
    }

    /// A small document pair numbered `k`.
    fn numbered(k: usize) -> Item {
        Item {
            id: format!("d{k}"),
            ko: Source::Text(format!("인천의 기온은 {k}도였다. 항구가 닫혔다.")),
            en: Source::Text(format!("Incheon was {k} degrees. The port closed.")),
        }
    }

    #[test]
    fn a_stream_hands_each_document_on_before_the_next_arrives() {
        // A co-process: the next document is sent only once the one before
        // has been handed on, so a run that waited for more input would
        // never hand on the first.
        let (send, inputs) = std::sync::mpsc::channel::<Item>();
        let (handed, seen) = std::sync::mpsc::channel::<String>();
        let feeder = std::thread::spawn(move || {
            let mut lockstep = 0;
            for k in 0..12 {
                send.send(numbered(k)).unwrap();
                match seen.recv_timeout(std::time::Duration::from_secs(20)) {
                    Ok(id) if id == format!("d{k}") => lockstep += 1,
                    _ => break,
                }
            }
            lockstep
        });
        let pipeline = Pipeline::default();
        let mut beads = Vec::new();
        // `stop` is asked only every minute: no timeout hands a result on.
        let stop = (|| false, std::time::Duration::from_secs(60));
        let inputs = inputs.into_iter().map(Ok);
        stream(&pipeline, &ReadOptions::default(), inputs, 2, stop, |item, res| {
            beads.push(res.map(|p| p.alignment.beads.len()).ok());
            let _ = handed.send(item.id.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(feeder.join().unwrap(), 12, "every document handed on before the next came");
        assert_eq!(beads, vec![Some(2); 12]);
    }

    #[test]
    fn stop_ends_an_endless_stream_with_a_prefix_of_it_handed_on() {
        let pipeline = Pipeline::default();
        let handed = std::cell::Cell::new(0usize);
        let mut ids = Vec::new();
        let endless = (0..).map(|k| Ok(numbered(k)));
        let stop = || handed.get() >= 5;
        run_stream(&pipeline, &ReadOptions::default(), endless, 2, stop, |item, res| {
            assert!(res.is_ok(), "{res:?}");
            ids.push(item.id.clone());
            handed.set(handed.get() + 1);
            Ok(())
        })
        .unwrap();
        // In order, from the first, and no more than the window in hand
        // when `stop` was asked beyond the five.
        assert!(ids.len() >= 5 && ids.len() <= 5 + 16 * 2 * 2, "{} handed on", ids.len());
        assert!(ids.iter().enumerate().all(|(k, id)| *id == format!("d{k}")), "{ids:?}");
    }

    #[test]
    fn a_panic_in_each_reaches_the_caller_and_stops_the_threads() {
        let pipeline = Pipeline::default();
        let items: Vec<Item> = (0..60).map(numbered).collect();
        let mut calls = 0;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&pipeline, &ReadOptions::default(), items.iter().cloned(), 2, |_, _| {
                calls += 1;
                assert!(calls < 3, "each gives up on its third document");
                Ok(())
            })
        }));
        // Not a hang: the workers and the reader are told the run is over.
        assert!(caught.is_err(), "the panic is the caller's");
        assert_eq!(calls, 3);
    }

    #[test]
    fn manifests_stream_their_items_with_their_lines() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("m.csv");
        // A byte-order mark, columns in another order, a blank line, a
        // quoted field, an absolute path.
        let text = "\u{feff}id,en,ko\na,a.en.txt,sub/a.ko.txt\n\n\"b,2\",/abs/b.en.txt,b.ko.txt\n";
        std::fs::write(&csv, text).unwrap();
        let mut checked = Vec::new();
        let m = Manifest::open(&csv, |it| {
            checked.push(it.id.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!((m.len(), checked), (2, vec!["a".to_string(), "b,2".to_string()]));
        let path = |s: &Source| match s {
            Source::Path(p) => p.clone(),
            Source::Text(_) => panic!("a manifest names files"),
        };
        let items: Vec<(usize, String, PathBuf, PathBuf)> = m
            .items()
            .unwrap()
            .map(|r| r.map(|(line, it)| (line, it.id.clone(), path(&it.ko), path(&it.en))).unwrap())
            .collect();
        assert_eq!(
            items,
            vec![
                (2, "a".into(), dir.path().join("sub/a.ko.txt"), dir.path().join("a.en.txt")),
                (4, "b,2".into(), dir.path().join("b.ko.txt"), PathBuf::from("/abs/b.en.txt")),
            ]
        );
        // JSONL, found by its first byte whatever the extension; CRLF, and
        // a blank line.
        let jsonl = dir.path().join("m.list");
        let line =
            |id: &str| format!("{{\"id\":\"{id}\",\"ko\":\"{id}.ko\",\"en\":\"{id}.en\"}}\n");
        std::fs::write(&jsonl, format!("{}\r\n\n{}", line("x").trim_end(), line("y"))).unwrap();
        let m = Manifest::open(&jsonl, |_| Ok(())).unwrap();
        let ids: Vec<(usize, String)> =
            m.items().unwrap().map(|r| r.map(|(l, it)| (l, it.id)).unwrap()).collect();
        assert_eq!(ids, vec![(1, "x".to_string()), (3, "y".to_string())]);
        // Read again as it is now: a line spoilt since it was checked is an
        // error in its place, and the lines after it still come.
        std::fs::write(&jsonl, format!("{}not json\n{}", line("x"), line("z"))).unwrap();
        let again: Vec<std::result::Result<String, String>> =
            m.items().unwrap().map(|r| r.map(|(_, it)| it.id).map_err(|e| e.to_string())).collect();
        assert_eq!(again.len(), 3, "{again:?}");
        assert!(again[1].as_ref().is_err_and(|e| e.contains("line 2")), "{again:?}");
        assert_eq!(again[2], Ok("z".to_string()));
    }

    #[test]
    fn a_manifest_with_a_bad_line_or_a_repeated_id_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let open = |text: &[u8]| {
            let p = dir.path().join("m.csv");
            std::fs::write(&p, text).unwrap();
            Manifest::open(&p, |_| Ok(())).map(|m| m.len()).map_err(|e| e.to_string())
        };
        let err = open(b"id,ko,en\nd1,a,b\nd2,c,d\nd1,e,f\n").unwrap_err();
        assert!(err.ends_with("line 4: id \"d1\" is already the id of line 2"), "{err}");
        let err = open(b"id,ko,en\nd1,a,b\n ,c,d\n").unwrap_err();
        assert!(err.ends_with("line 3: empty id"), "{err}");
        let err = open(b"id,ko,en\nd1,a,b\nd2,c\xff,d\n").unwrap_err();
        assert!(err.contains("line 3") && err.contains("UTF-8"), "{err}");
        // Lines as an editor counts them: blank ones, and line breaks in a
        // quoted field, count.
        let err = open(b"id,ko,en\n\nd1,\"a\nb\",c\n\nd1,e,f\n").unwrap_err();
        assert!(err.ends_with("line 6: id \"d1\" is already the id of line 3"), "{err}");
        let err = open(b"id,ko,en\r\n\r\nd1,a,b\r\nd1,c,d\r\n").unwrap_err();
        assert!(err.ends_with("line 4: id \"d1\" is already the id of line 3"), "{err}");
        let err = open(b"id,ko,en\n\n\nd1,a,b,c\n").unwrap_err();
        assert!(err.contains("line 4"), "{err}");
        let err = open(b"name,ko,en\nd1,a,b\n").unwrap_err();
        assert!(err.ends_with("line 1: expected a header with id, ko and en"), "{err}");
        assert_eq!(open(b"id,ko,en\nd1,a,b\nD1,c,d\n"), Ok(2), "ids are case-sensitive");
    }

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

    #[test]
    fn done_reports_are_copied_and_failures_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let mut out = Vec::new();
        assert!(copy_done_reports(&path, &mut out).unwrap().is_none());
        let ok = r#"{"id":"a","status":"ok","doc_score":0.9}"#;
        let ex = r#"{"id":"b","status":"excluded"}"#;
        let bad = r#"{"id":"c","status":"error","error":"x"}"#;
        std::fs::write(&path, format!("{ok}\n{bad}\n\n{ex}\n")).unwrap();
        let done = copy_done_reports(&path, &mut out).unwrap().unwrap();
        assert!(done.contains("a") && done.contains("b") && !done.contains("c"));
        assert_eq!(done.len(), 2);
        assert_eq!(String::from_utf8(out).unwrap(), format!("{ok}\n{ex}\n"));
        std::fs::write(&path, format!("{ok}\nnot json\n")).unwrap();
        let err = copy_done_reports(&path, &mut Vec::new()).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}: line 2: not a report line", path.display())),
            "{err}"
        );
    }

    #[test]
    fn output_is_copied_without_its_footer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.tmx");
        let mut out = Vec::new();
        assert!(!copy_without_footer(&path, b"</x>\n", &mut out).unwrap());
        std::fs::write(&path, "<x>\n  <y/>\n</x>\n").unwrap();
        assert!(copy_without_footer(&path, b"</x>\n", &mut out).unwrap());
        assert_eq!(String::from_utf8(out).unwrap(), "<x>\n  <y/>\n");
        let err = copy_without_footer(&path, b"</z>\n", &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("o.tmx: does not end like a complete file"), "{err}");
        let mut all = Vec::new();
        assert!(copy_without_footer(&path, b"", &mut all).unwrap());
        assert_eq!(all.len(), 16);
    }
}
