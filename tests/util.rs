//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, if it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.join("README.md").exists().then_some(p)
}

/// `../shared` beside the repository; when it is not there, prints that the
/// test is skipped because `what` is absent, and gives `None`.
pub fn shared_or_skip(what: &str) -> Option<PathBuf> {
    let found = shared();
    if found.is_none() {
        eprintln!("skipped: ../shared is not beside the repository, so {what} is absent");
    }
    found
}

/// A command running the built `hanalign` binary from the repository root.
pub fn hanalign() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("hanalign").unwrap();
    cmd.current_dir(root());
    cmd
}

/// Runs `hanalign` with `args` and returns its output (no assertion).
pub fn run(args: &[&str]) -> Output {
    hanalign().args(args).output().unwrap()
}

/// Formats an output for a failure message.
pub fn show(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// One bead of the JSONL contract.
#[derive(Debug, Deserialize, Clone, PartialEq)]
pub struct JsonBead {
    pub ko: Vec<usize>,
    pub en: Vec<usize>,
    #[serde(default)]
    pub score: f64,
    #[serde(default)]
    pub ko_text: String,
    #[serde(default)]
    pub en_text: String,
}

/// Parses JSONL beads.
pub fn parse_beads(text: &str) -> Vec<JsonBead> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l:?}: {e}")))
        .collect()
}

/// Whether beads cover `0..n_ko` and `0..n_en` exactly once, in order, with
/// no bead empty on both sides.
pub fn covers(beads: &[JsonBead], n_ko: usize, n_en: usize) -> bool {
    let ko: Vec<usize> = beads.iter().flat_map(|b| b.ko.iter().copied()).collect();
    let en: Vec<usize> = beads.iter().flat_map(|b| b.en.iter().copied()).collect();
    ko == (0..n_ko).collect::<Vec<_>>()
        && en == (0..n_en).collect::<Vec<_>>()
        && beads.iter().all(|b| !b.ko.is_empty() || !b.en.is_empty())
}

/// The non-empty lines of `text` as Python's `str.splitlines` cuts them:
/// at LF and CR, and also VT, FF, FS, GS, RS, NEL, LS and PS.
pub fn python_lines(text: &str) -> Vec<&str> {
    let breaks = [
        '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ];
    text.split(breaks).filter(|l| !l.is_empty()).collect()
}

/// The non-blank lines of a file, trimmed.
pub fn nonblank_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether an external command can be run.
pub fn have(cmd: &str, arg: &str) -> bool {
    std::process::Command::new(cmd).arg(arg).output().map(|o| o.status.success()).unwrap_or(false)
}

/// Skips a test with a printed reason, or fails when running in CI, where
/// every tool the tests need is installed by `.ci/run`.
pub fn skip_or_fail(reason: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("in CI this must not be skipped: {reason}");
    }
    eprintln!("skipped: {reason}");
}

/// The sorted stems of the files in `dir` whose names end with `suffix`
/// (`ids(dir, ".gold.jsonl")` gives the document ids of a gold set).
pub fn ids(dir: &Path, suffix: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            e.unwrap().file_name().into_string().ok()?.strip_suffix(suffix).map(String::from)
        })
        .collect();
    v.sort();
    v
}

/// `hanalign align --segmented DIR/ID.ko.txt DIR/ID.en.txt --format jsonl -q`.
pub fn align_pair(dir: &Path, id: &str) -> Output {
    align_pair_with(dir, id, &[])
}

/// [`align_pair`] with more arguments after the usual ones.
pub fn align_pair_with(dir: &Path, id: &str, extra: &[&str]) -> Output {
    let ko = dir.join(format!("{id}.ko.txt"));
    let en = dir.join(format!("{id}.en.txt"));
    let mut args = vec!["align", "--segmented", ko.to_str().unwrap(), en.to_str().unwrap()];
    args.extend(["--format", "jsonl", "-q"]);
    args.extend(extra);
    run(&args)
}
