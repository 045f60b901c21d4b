//! `hanalign glossary …` and the glossary's effect on alignment.

use std::path::Path;

use crate::util::*;

const HEADER: &str = "ko,en,variants,kind,system,note,source\n";

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn shipped_glossary_passes_lint_and_is_big_enough() {
    let out = run(&["glossary", "lint"]);
    assert!(out.status.success(), "{}", show(&out));
    let err = String::from_utf8(out.stderr).unwrap();
    let entries: usize = err
        .split(", ")
        .find_map(|p| p.strip_suffix(" entries"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no entry count in {err:?}"));
    assert!(entries >= 400, "only {entries} entries");
    // Every CSV file in glossary/ is one the binary embeds.
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("glossary"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .map(|n| format!("glossary/{n}"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> =
        hanalign::glossary::BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn lint_reports_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("g.csv");
    std::fs::write(&f, format!("{HEADER}라선,Rason,,place,nk,,t\n김정은,Kim Jong Un,,person-north,nk,,t\n라선,Rason,,place,nk,,t\n")).unwrap();
    let out = run(&["glossary", "lint", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let name = f.display();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{name}:3: not sorted: 김정은 / Kim Jong Un should come before 라선 / Rason\n\
             {name}:4: duplicate of line 2: 라선 / Rason\n"
        )
    );
    // fmt sorts it; lint then only sees the duplicate.
    let fmt = run(&["glossary", "fmt", f.to_str().unwrap()]);
    assert!(fmt.status.success(), "{}", show(&fmt));
    assert_eq!(
        read(&f),
        format!("{HEADER}김정은,Kim Jong Un,,person-north,nk,,t\n라선,Rason,,place,nk,,t\n라선,Rason,,place,nk,,t\n")
    );
}

#[test]
fn add_edit_remove_keep_the_file_sorted_and_refuse_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("house.csv");
    let p = f.to_str().unwrap();
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", show(&out));
    };
    ok(&[
        "glossary",
        "add",
        p,
        "--ko",
        "최룡해",
        "--en",
        "Choi Ryong-hae",
        "--kind",
        "person-north",
    ]);
    ok(&[
        "glossary",
        "add",
        p,
        "--ko",
        "라선",
        "--en",
        "Rason",
        "--variants",
        "Rajin-Sonbong",
        "--kind",
        "place",
        "--system",
        "nk",
    ]);
    assert_eq!(
        read(&f),
        format!("{HEADER}라선,Rason,Rajin-Sonbong,place,nk,,user\n최룡해,Choi Ryong-hae,,person-north,,,user\n")
    );
    let dup = run(&["glossary", "add", p, "--ko", "라선", "--en", "Rason", "--kind", "place"]);
    assert_eq!(dup.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(dup.stderr).unwrap().trim_end(),
        format!("hanalign: {p}: line 2: 라선 / Rason is already in the glossary")
    );
    let conflict = run(&[
        "glossary",
        "add",
        p,
        "--ko",
        "최룡해",
        "--en",
        "Choe Ryong-hae",
        "--variants",
        "Choi Ryong-hae",
        "--kind",
        "person-north",
    ]);
    assert_eq!(conflict.status.code(), Some(2));
    assert!(String::from_utf8(conflict.stderr)
        .unwrap()
        .contains("conflict: 최룡해 already has the preferred spelling \"Choi Ryong-hae\""));
    ok(&[
        "glossary",
        "edit",
        p,
        "--ko",
        "최룡해",
        "--set-en",
        "Choe Ryong-hae",
        "--set-variants",
        "Choi Ryong-hae",
    ]);
    ok(&["glossary", "remove", p, "--ko", "라선"]);
    assert_eq!(
        read(&f),
        format!("{HEADER}최룡해,Choe Ryong-hae,Choi Ryong-hae,person-north,,,user\n")
    );
    let missing = run(&["glossary", "remove", p, "--ko", "평양"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(missing.stderr).unwrap().trim_end(),
        format!("hanalign: invalid setting: {p}: no entry for 평양")
    );
    // Only the glossary file is in the directory: no temporary files left.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// What `lint` refuses, `add` and `edit` refuse to write: a variant that
/// repeats a spelling, a swapped Korean and English side, an edit that makes
/// an entry the copy of another; text typed in NFD is stored in NFC, `fmt`
/// brings a file to NFC, and `remove` of an entry listed twice removes both.
#[test]
fn edits_never_write_what_lint_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("house.csv");
    let p = f.to_str().unwrap();
    let two = format!(
        "{HEADER}최룡해,Choe Ryong Hae,,person-north,mr,,x\n최룡해,Choi Ryong-hae,,person-north,rr,,y\n"
    );
    std::fs::write(&f, &two).unwrap();
    let refused = |args: &[&str], message: &str| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", show(&out));
        assert_eq!(String::from_utf8(out.stderr).unwrap().trim_end(), message);
        assert_eq!(read(&f), two, "{args:?} changed the file");
    };
    let edit = ["glossary", "edit", p, "--ko", "최룡해", "--en", "Choi Ryong-hae"];
    refused(
        &[&edit[..], &["--set-en", "Choe Ryong Hae"]].concat(),
        &format!("hanalign: {p}: line 2: 최룡해 / Choe Ryong Hae is already in the glossary"),
    );
    let add = ["glossary", "add", p, "--kind", "surname"];
    refused(
        &[&add[..], &["--ko", "최", "--en", "Choi", "--variants", "Choe|choi"]].concat(),
        "hanalign: invalid setting: variant \"choi\" repeats the preferred spelling",
    );
    refused(
        &[&add[..], &["--ko", "Kim", "--en", "김"]].concat(),
        "hanalign: invalid setting: the Korean form \"Kim\" has no Hangul (sides swapped?)",
    );
    refused(
        &[&add[..], &["--ko", "김", "--en", "Kim", "--variants", "김씨"]].concat(),
        "hanalign: invalid setting: the English spelling \"김씨\" has Hangul (sides swapped?)",
    );
    // Korean typed as jamo (NFD) is stored composed, and lint passes.
    let nfd = "\u{1100}\u{1175}\u{11b7}";
    let out = run(&[&add[..], &["--ko", nfd, "--en", "Kim"]].concat());
    assert!(out.status.success(), "{}", show(&out));
    assert!(read(&f).contains("\n김,Kim,"), "{}", read(&f));
    assert!(run(&["glossary", "lint", p]).status.success());
    // A copy written by hand: edit asks for it to go, remove takes both.
    std::fs::write(&f, format!("{HEADER}라선,Rason,,place,nk,,x\n라선,Rason,,place,nk,,x\n"))
        .unwrap();
    let out = run(&["glossary", "edit", p, "--ko", "라선", "--en", "Rason", "--set-note", "n"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("listed 2 times (lines 2, 3)"));
    let out = run(&["glossary", "remove", p, "--ko", "라선", "--en", "Rason"]);
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(read(&f), HEADER);
    // fmt composes a file written in NFD.
    std::fs::write(&f, format!("{HEADER}{nfd},Kim,,surname,,,x\n")).unwrap();
    assert!(!run(&["glossary", "lint", p]).status.success());
    assert!(run(&["glossary", "fmt", p]).status.success());
    assert_eq!(read(&f), format!("{HEADER}김,Kim,,surname,,,x\n"));
}

#[test]
fn a_malformed_glossary_stops_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let bad_cols = dir.path().join("cols.csv");
    std::fs::write(&bad_cols, format!("{HEADER}라선,Rason,,place,nk\n")).unwrap();
    let bad_kind = dir.path().join("kind.csv");
    std::fs::write(&bad_kind, format!("{HEADER}라선,Rason,,city,nk,,t\n")).unwrap();
    let bad_utf8 = dir.path().join("utf8.csv");
    std::fs::write(&bad_utf8, [HEADER.as_bytes(), b"\xB6\xF3,Rason,,place,,,t\n"].concat())
        .unwrap();
    let out_path = dir.path().join("pair.tsv");
    for (file, msg) in [
        (&bad_cols, "line 2: expected 7 fields, found 5"),
        (&bad_kind, "line 2: unknown kind \"city\" (expected one of surname, person-south, person-north, foreign, place, org, term)"),
        (&bad_utf8, "line 2: invalid UTF-8 at byte 39"),
    ] {
        let out = run(&[
            "align",
            "examples/harbour.ko.txt",
            "examples/harbour.en.txt",
            "--glossary",
            file.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        assert_eq!(String::from_utf8(out.stderr).unwrap().trim_end(), format!("hanalign: {}: {msg}", file.display()));
        assert!(!out_path.exists());
        // Editing a malformed file is refused and leaves it as it was.
        let before = std::fs::read(file).unwrap();
        let add = run(&["glossary", "add", file.to_str().unwrap(), "--ko", "평양", "--en", "Pyongyang", "--kind", "place"]);
        assert_eq!(add.status.code(), Some(2));
        assert_eq!(std::fs::read(file).unwrap(), before);
    }
}

#[test]
fn killed_writers_leave_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("g.csv");
    // A big file, so that a rewrite takes long enough to be interrupted.
    let mut text = String::from(HEADER);
    for k in 0..20_000 {
        text.push_str(&format!("가{k:05},Ga {k:05},,term,,,t\n"));
    }
    std::fs::write(&f, &text).unwrap();
    let bin = env!("CARGO_BIN_EXE_hanalign");
    for (round, delay_ms) in [1u64, 3, 5, 8, 12, 20, 30, 50].into_iter().enumerate() {
        let before = read(&f);
        let mut child = std::process::Command::new(bin)
            .args([
                "glossary",
                "add",
                f.to_str().unwrap(),
                "--ko",
                &format!("나{round}"),
                "--en",
                &format!("Na {round}"),
                "--kind",
                "term",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let after = read(&f);
        // Either untouched, or the complete new file with the entry added.
        if after != before {
            assert_eq!(
                after.len(),
                before.len() + format!("나{round},Na {round},,term,,,user\n").len()
            );
            assert!(after.ends_with(&format!("나{round},Na {round},,term,,,user\n")));
        }
        let lint = run(&["glossary", "lint", f.to_str().unwrap()]);
        assert!(lint.status.success(), "round {round}: {}", show(&lint));
    }
}

#[test]
fn a_user_glossary_changes_the_alignment() {
    let dir = tempfile::tempdir().unwrap();
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    let g = dir.path().join("user.csv");
    // Two made-up village names the shipped glossary cannot know.
    std::fs::write(&ko, "솔바람 마을에서 봄 축제가 열렸다.\n늘푸른 마을에서는 장터가 섰다.\n솔바람과 늘푸른은 강을 사이에 두고 있다.\n").unwrap();
    std::fs::write(&en, "A market was held in Neulpureun village.\nSolbaram and Neulpureun face each other across the river.\n").unwrap();
    std::fs::write(
        &g,
        format!("{HEADER}늘푸른,Neulpureun,,place,rr,,test\n솔바람,Solbaram,,place,rr,,test\n"),
    )
    .unwrap();
    let beads = |extra: &[&str]| {
        let mut args =
            vec!["align", ko.to_str().unwrap(), en.to_str().unwrap(), "--format", "jsonl"];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert!(out.status.success(), "{}", show(&out));
        parse_beads(&String::from_utf8(out.stdout).unwrap())
    };
    let with = beads(&["--glossary", g.to_str().unwrap()]);
    let without = beads(&["--no-glossary"]);
    let last_right = |b: &[JsonBead]| b.iter().any(|b| b.ko == [2] && b.en == [1]);
    assert!(last_right(&with), "{with:?}");
    assert!(!last_right(&without), "{without:?}");
}

#[test]
fn tbx_export_passes_the_validator() {
    let Some(shared) = shared_or_skip("the TBX validator") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("g.tbx");
    let out = run(&["glossary", "export", "--format", "tbx", "-o", tbx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", show(&out));
    let text = read(&tbx);
    assert!(text.contains("<term>최룡해</term>"), "the shipped glossary is in the export");
    if !have("xmllint", "--version") {
        return skip_or_fail("xmllint is not installed (apt-get install libxml2-utils)");
    }
    let res = std::process::Command::new("bash")
        .arg(shared.join("formats/validate_tbx.sh"))
        .arg(&tbx)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&res.stdout);
    assert!(res.status.success(), "validator failed:\n{report}");
    assert!(report.contains("validates"), "{report}");
    if report.contains("Schematron skipped") {
        skip_or_fail("the Schematron step needs SCHEMATRON_DIR with node-schematron (see .ci/run)");
    } else {
        assert!(report.contains("schematron: 0 failed assert(s)"), "{report}");
    }
}

#[test]
fn tsv_and_csv_exports() {
    let tsv = run(&["glossary", "export", "--format", "tsv"]);
    assert!(tsv.status.success(), "{}", show(&tsv));
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert!(tsv.lines().all(|l| l.split('\t').count() == 2));
    assert!(tsv.lines().any(|l| l.starts_with("최룡해\t")), "{}", &tsv[..200]);
    let csv = run(&["glossary", "export", "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with(HEADER));
    assert_eq!(csv.lines().count(), tsv.lines().count() + 1);
}

#[test]
fn lookup_finds_name_vector_entries_by_every_spelling() {
    let Some(shared) = shared_or_skip("name_vectors.tsv") else {
        return;
    };
    let g = hanalign::glossary::Glossary::builtin();
    let text = std::fs::read_to_string(shared.join("data/romanization/name_vectors.tsv")).unwrap();
    let (mut held, mut checked) = (0, 0);
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (ko, spellings) = (cols[0], cols[1]);
        if g.lookup(ko).is_empty() {
            continue;
        }
        held += 1;
        for s in spellings.split('|') {
            checked += 1;
            assert!(g.lookup(s).iter().any(|e| e.ko == ko), "{s:?} does not find {ko}");
        }
    }
    eprintln!("{held} name-vector entries held by the glossary, {checked} spellings looked up");
    assert!(held >= 400, "only {held} of the name vectors are in the glossary");
}

#[test]
fn lookup_falls_back_to_the_name_matcher() {
    use hanalign::glossary::{fuzzy_lookup, Glossary, GlossaryFile};
    let only_choe = format!("{HEADER}최룡해,Choe Ryong-hae,,person-north,nk,,t\n김정일,Kim Jong-il,,person-north,nk,,t\n");
    let mut g = Glossary::default();
    g.overlay(GlossaryFile::parse("t.csv", &only_choe).unwrap().entries);
    assert!(g.lookup("Choi Ryong-hae").is_empty());
    let found = fuzzy_lookup(&g, "Choi Ryong-hae", hanalign::names::DEFAULT_THRESHOLD, 5);
    assert_eq!(found.iter().map(|(_, e)| e.ko.as_str()).collect::<Vec<_>>(), vec!["최룡해"]);
    // Same surname, other person: not offered.
    assert!(fuzzy_lookup(&g, "Kim Jong-un", hanalign::names::DEFAULT_THRESHOLD, 5).is_empty());
    // On the command line: exact hits print plainly, fuzzy ones with their score.
    let out = run(&["glossary", "lookup", "Kim Jong Eun"]);
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("~") && text.contains("김정은\tKim Jong-un"), "{text}");
    let none = run(&["glossary", "lookup", "Xyzzy Plugh"]);
    assert_eq!(none.status.code(), Some(1));
}
