//! `hanalign batch`: the three input modes agree with `align`, shards
//! partition the corpus, bad documents are skipped and reported.

use std::path::Path;

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
    let from_stdin =
        hanalign().args(["batch", "--segmented", "-q", "-"]).write_stdin(jsonl).output().unwrap();
    assert!(from_stdin.status.success(), "{}", show(&from_stdin));
    assert_eq!(String::from_utf8(from_stdin.stdout).unwrap(), want);
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
