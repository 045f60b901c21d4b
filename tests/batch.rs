//! `hanalign batch`: the three input modes agree with `align`, shards
//! partition the corpus, bad documents are skipped and reported.

use std::path::{Path, PathBuf};

use crate::util::*;

/// A corpus directory: the example pair and a few dev documents (pre-split),
/// plus the same as a manifest and as JSONL texts.
fn corpus(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let copy = |from: &Path, to: &str| std::fs::copy(from, dir.join(to)).unwrap();
    copy(&root().join("tests/data/harbour.ko.lines"), "harbour.ko.txt");
    copy(&root().join("tests/data/harbour.en.lines"), "harbour.en.txt");
    out.push("harbour".to_string());
    if let Some(shared) = shared() {
        let src = shared.join("data/gold/ntrex");
        let names = ids(&src, ".ko.txt");
        for id in names.into_iter().take(5) {
            copy(&src.join(format!("{id}.ko.txt")), &format!("{id}.ko.txt"));
            copy(&src.join(format!("{id}.en.txt")), &format!("{id}.en.txt"));
            out.push(id);
        }
    }
    out.sort();
    out
}

fn one_by_one(dir: &Path, ids: &[String]) -> String {
    let mut out = String::new();
    for id in ids {
        let o = align_pair(dir, id);
        for line in String::from_utf8(o.stdout).unwrap().lines() {
            out.push_str(&format!(
                "{{\"doc\":{},{}\n",
                serde_json::to_string(id).unwrap(),
                &line[1..]
            ));
        }
    }
    out
}

#[test]
fn directory_manifest_and_stdin_agree_with_align() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let ids = corpus(&dir);
    let want = one_by_one(&dir, &ids);

    let from_dir = run(&["batch", "--segmented", "-q", dir.to_str().unwrap()]);
    assert!(from_dir.status.success(), "{}", show(&from_dir));
    assert_eq!(String::from_utf8(from_dir.stdout).unwrap(), want);

    let manifest = tmp.path().join("m.csv");
    let mut m = String::from("id,ko,en\n");
    for id in &ids {
        m.push_str(&format!("{id},corpus/{id}.ko.txt,corpus/{id}.en.txt\n"));
    }
    std::fs::write(&manifest, m).unwrap();
    let from_manifest = run(&["batch", "--segmented", "-q", manifest.to_str().unwrap()]);
    assert_eq!(String::from_utf8(from_manifest.stdout).unwrap(), want);

    let mut jsonl = String::new();
    for id in &ids {
        let ko = std::fs::read_to_string(dir.join(format!("{id}.ko.txt"))).unwrap();
        let en = std::fs::read_to_string(dir.join(format!("{id}.en.txt"))).unwrap();
        jsonl.push_str(&serde_json::json!({"id": id, "ko": ko, "en": en}).to_string());
        jsonl.push('\n');
    }
    let from_stdin = hanalign()
        .args(["batch", "--segmented", "-q", "-"])
        .write_stdin(jsonl.clone())
        .output()
        .unwrap();
    assert!(from_stdin.status.success(), "{}", show(&from_stdin));
    assert_eq!(String::from_utf8(from_stdin.stdout).unwrap(), want);

    // A byte-order mark and blank lines (between records, at the end) are
    // no documents and no failures, even with --strict.
    let padded = format!("\u{feff}{}\n  \n", jsonl.replacen('\n', "\n\n", 1));
    let args = ["batch", "--segmented", "-q", "--strict", "-"];
    let padded = hanalign().args(args).write_stdin(padded).output().unwrap();
    assert!(padded.status.success(), "{}", show(&padded));
    assert_eq!(String::from_utf8(padded.stdout).unwrap(), want);
}

#[test]
fn shards_are_disjoint_and_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let ids = corpus(tmp.path());
    let all = String::from_utf8(
        run(&["batch", "--segmented", "-q", tmp.path().to_str().unwrap()]).stdout,
    )
    .unwrap();
    let mut parts: Vec<String> = Vec::new();
    for k in 1..=3 {
        let o = run(&[
            "batch",
            "--segmented",
            "-q",
            "--shard",
            &format!("{k}/3"),
            tmp.path().to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", show(&o));
        parts.extend(String::from_utf8(o.stdout).unwrap().lines().map(String::from));
    }
    let mut a: Vec<&str> = all.lines().collect();
    let mut b: Vec<&str> = parts.iter().map(String::as_str).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the shards together are the whole corpus, each line once");
    assert!(!ids.is_empty());
    let bad = run(&["batch", "--shard", "4/3", tmp.path().to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn bad_documents_are_reported_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    std::fs::write(tmp.path().join("broken.ko.txt"), b"\xc3\x28 not text").unwrap();
    std::fs::write(tmp.path().join("broken.en.txt"), "Fine English text here.\n").unwrap();
    std::fs::write(tmp.path().join("empty.ko.txt"), "").unwrap();
    std::fs::write(tmp.path().join("empty.en.txt"), "Some English.\n").unwrap();
    let report = tmp.path().join("report.jsonl");
    let out_file = tmp.path().join("out.tmx");
    let o = run(&[
        "batch",
        tmp.path().to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", show(&o));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("skipped broken:") && err.contains("skipped empty:"), "{err}");
    let rep = std::fs::read_to_string(&report).unwrap();
    let statuses: Vec<(String, String)> = rep
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["id"].as_str().unwrap().to_string(), v["status"].as_str().unwrap().to_string()))
        .collect();
    assert!(statuses.contains(&("broken".into(), "error".into())));
    assert!(statuses.contains(&("harbour".into(), "ok".into())));
    assert!(std::fs::read_to_string(&out_file).unwrap().ends_with("</tmx>\n"));
    let strict = run(&["batch", tmp.path().to_str().unwrap(), "--strict", "-q"]);
    assert_eq!(strict.status.code(), Some(1));
}

/// `n` copies of the example pair (`h000` …) in `dir`: enough work for a
/// debug build to be stopped in the middle.
fn copies(dir: &Path, n: usize) {
    for i in 0..n {
        for lang in ["ko", "en"] {
            let from = root().join(format!("tests/data/harbour.{lang}.lines"));
            std::fs::copy(from, dir.join(format!("h{i:03}.{lang}.txt"))).unwrap();
        }
    }
}

/// The temporary files `hanalign` left in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".hanalign-") && n.ends_with(".tmp"))
        .collect()
}

/// Starts `batch` on `corpus` writing `out` and `report`.
#[cfg(unix)]
fn start_batch(corpus: &Path, out: &Path, report: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("hanalign"))
        .args(["batch", "--segmented", "-q", "--jobs", "2"])
        .arg(corpus)
        .arg("-o")
        .arg(out)
        .arg("--report")
        .arg(report)
        .env("SOURCE_DATE_EPOCH", "0")
        .spawn()
        .unwrap()
}

/// Waits until the temporary file for `out.tmx` in `dir` has content
/// (documents are being written).
#[cfg(unix)]
fn wait_until_writing(dir: &Path) {
    let started = std::time::Instant::now();
    while !temp_files(dir).iter().any(|n| {
        n.starts_with(".out.tmx.") && std::fs::metadata(dir.join(n)).is_ok_and(|m| m.len() > 0)
    }) {
        assert!(started.elapsed().as_secs() < 120, "batch wrote nothing in 120 s");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The uninterrupted run: its TMX and report.
fn whole_run(corpus: &Path, dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let (out, report) = (dir.join("whole.tmx"), dir.join("whole.jsonl"));
    let o = hanalign()
        .args(["batch", "--segmented", "-q", corpus.to_str().unwrap()])
        .args(["-o", out.to_str().unwrap(), "--report", report.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    (std::fs::read(out).unwrap(), std::fs::read(report).unwrap())
}

/// A corpus of `n` documents and a work directory in a fresh temporary
/// directory, with the TMX and report of one uninterrupted run over it.
struct Setup {
    tmp: tempfile::TempDir,
    corpus: PathBuf,
    work: PathBuf,
    whole: Vec<u8>,
    whole_report: Vec<u8>,
}

fn setup(n: usize) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, work) = (tmp.path().join("corpus"), tmp.path().join("work"));
    std::fs::create_dir(&corpus).unwrap();
    std::fs::create_dir(&work).unwrap();
    copies(&corpus, n);
    let (whole, whole_report) = whole_run(&corpus, &work);
    Setup { tmp, corpus, work, whole, whole_report }
}

/// `batch --resume` with the same arguments as [`start_batch`].
fn resume(corpus: &Path, out: &Path, report: &Path) -> std::process::Output {
    hanalign()
        .args(["batch", "--segmented", "-q", "--resume", corpus.to_str().unwrap()])
        .args(["-o", out.to_str().unwrap(), "--report", report.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_the_documents_done_and_resume_completes_them() {
    let Setup { tmp: _tmp, corpus, work, whole, whole_report } = setup(200);
    let (out, report) = (work.join("out.tmx"), work.join("report.jsonl"));

    let child = start_batch(&corpus, &out, &report);
    wait_until_writing(&work);
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", show(&o));
    assert!(temp_files(&work).is_empty(), "{:?}", temp_files(&work));
    // What was written is whole: a complete TMX of the documents reported.
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with("  </body>\n</tmx>\n"));
    let reported = std::fs::read_to_string(&report).unwrap().lines().count();
    assert!(reported > 0 && reported < 200, "{reported} documents reported");
    let docs_in_tmx = text.matches(r#"<tu tuid=""#).count();
    let whole_text = String::from_utf8(whole.clone()).unwrap();
    assert_eq!(docs_in_tmx * 200, whole_text.matches(r#"<tu tuid=""#).count() * reported);

    let o = resume(&corpus, &out, &report);
    assert!(o.status.success(), "{}", show(&o));
    assert!(std::fs::read(&out).unwrap() == whole, "resumed TMX differs from one run's");
    assert_eq!(std::fs::read(&report).unwrap(), whole_report);
    assert!(temp_files(&work).is_empty());
}

#[cfg(unix)]
#[test]
fn a_killed_run_leaves_no_output_and_resume_completes_it() {
    let Setup { tmp: _tmp, corpus, work, whole, whole_report } = setup(100);
    let (out, report) = (work.join("out.tmx"), work.join("report.jsonl"));

    let mut child = start_batch(&corpus, &out, &report);
    wait_until_writing(&work);
    child.kill().unwrap(); // SIGKILL: nothing can be tidied
    child.wait().unwrap();
    assert!(!out.exists() && !report.exists());
    assert!(!temp_files(&work).is_empty(), "the killed run's temp files should be there");

    let o = resume(&corpus, &out, &report);
    assert!(o.status.success(), "{}", show(&o));
    assert!(temp_files(&work).is_empty(), "{:?}", temp_files(&work));
    assert!(std::fs::read(&out).unwrap() == whole, "resumed TMX differs from one run's");
    assert_eq!(std::fs::read(&report).unwrap(), whole_report);
}

#[test]
fn resume_adds_new_documents_to_a_finished_run() {
    let Setup { tmp, corpus, work, whole, whole_report } = setup(6);
    // The first run saw four documents; two arrive later.
    let (out, report) = (work.join("out.tmx"), work.join("report.jsonl"));
    let early = tmp.path().join("early");
    std::fs::create_dir(&early).unwrap();
    copies(&early, 4);
    let o = resume(&early, &out, &report);
    assert!(o.status.success(), "{}", show(&o));
    let o = resume(&corpus, &out, &report);
    assert!(o.status.success(), "{}", show(&o));
    assert!(std::fs::read(&out).unwrap() == whole);
    assert_eq!(std::fs::read(&report).unwrap(), whole_report);
    // A report naming documents whose output is gone is refused.
    std::fs::remove_file(&out).unwrap();
    let o = resume(&corpus, &out, &report);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("out.tmx: missing, but the report lists 6 document(s) done"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let o = run(&["batch", "--resume", corpus.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "--resume needs --report");
}

/// A JSONL input line for `batch -`: the example pair under `id`.
fn stdin_line(id: &str) -> String {
    let side = |lang: &str| {
        std::fs::read_to_string(root().join(format!("tests/data/harbour.{lang}.lines"))).unwrap()
    };
    let line = serde_json::json!({"id": id, "ko": side("ko"), "en": side("en")});
    format!("{line}\n")
}

#[test]
fn streamed_documents_come_out_before_the_input_ends() {
    use std::io::{BufRead, Write};
    // A co-process: one document in, its beads out, while stdin stays open.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hanalign"))
        .args(["batch", "-", "-q", "--segmented"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let wait = std::time::Duration::from_secs(60);
    for id in ["first", "second"] {
        stdin.write_all(stdin_line(id).as_bytes()).unwrap();
        stdin.flush().unwrap();
        let line = rx.recv_timeout(wait).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("no bead of {id} within {wait:?} while stdin was open")
        });
        let bead: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(bead["doc"], id, "{line}");
        // The rest of the document's beads, flushed with the first.
        while let Ok(line) = rx.recv_timeout(std::time::Duration::from_millis(500)) {
            assert!(line.contains(&format!("\"doc\":\"{id}\"")), "{line}");
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_stream_that_waits_for_input() {
    use std::io::{BufRead, Write};
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.jsonl");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hanalign"))
        .args(["batch", "-", "-q", "--segmented", "--report"])
        .arg(&report)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(stdin_line("only").as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Its first bead is out: the document is done, and stdin stays open.
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.contains(r#""doc":"only""#), "{first}");
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("batch - did not stop within 30 s of Ctrl-C while stdin was open");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    // The report of the document done is written whole.
    let rep = std::fs::read_to_string(&report).unwrap();
    assert_eq!(rep.lines().count(), 1, "{rep}");
    assert!(rep.contains(r#""id":"only""#) && rep.contains(r#""status":"ok""#), "{rep}");
    drop(stdin);
}

#[test]
fn bad_stdin_lines_are_reported_in_their_place() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.jsonl");
    let input = format!("{}not json\n{}", stdin_line("a"), stdin_line("b"));
    let o = hanalign()
        .args(["batch", "-", "--segmented", "--report", report.to_str().unwrap()])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("skipped line 2: <stdin>: line 2:"), "{err}");
    let rep = std::fs::read_to_string(&report).unwrap();
    let ids: Vec<String> = rep
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"a\"", "\"line 2\"", "\"b\""]);
    let strict = hanalign().args(["batch", "-", "--strict", "-q"]).write_stdin(input).output();
    assert_eq!(strict.unwrap().status.code(), Some(1));
}
