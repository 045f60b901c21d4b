//! `hanalign align` on the bundled example pair (examples/harbour.*) and its
//! hand-made gold alignment (tests/data/harbour.gold.jsonl).

use crate::util::*;

const KO: &str = "examples/harbour.ko.txt";
const EN: &str = "examples/harbour.en.txt";

fn gold() -> Vec<JsonBead> {
    parse_beads(&std::fs::read_to_string(root().join("tests/data/harbour.gold.jsonl")).unwrap())
}

#[test]
fn raw_text_alignment_covers_every_sentence_and_finds_the_split() {
    let out = run(&["align", KO, EN, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", show(&out));
    let beads = parse_beads(&String::from_utf8(out.stdout).unwrap());
    let ko = nonblank_lines(&root().join("tests/data/harbour.ko.lines"));
    let en = nonblank_lines(&root().join("tests/data/harbour.en.lines"));
    assert!(covers(&beads, ko.len(), en.len()), "{beads:#?}");
    // The segmenter finds the same 24 + 24 sentences as the hand-split files,
    // so the texts of the beads are the hand-split sentences.
    for b in &beads {
        let want_ko: Vec<&str> = b.ko.iter().map(|&i| ko[i].as_str()).collect();
        let want_en: Vec<&str> = b.en.iter().map(|&j| en[j].as_str()).collect();
        assert_eq!(b.ko_text, want_ko.join(" "));
        assert_eq!(b.en_text, want_en.join(" "));
        assert!((0.0..=1.0).contains(&b.score));
    }
    // The English edition splits Korean sentence 18 in two.
    assert!(beads.iter().any(|b| b.ko == [18] && b.en == [17, 18]), "{beads:#?}");
    // Against the hand-made gold: at least 22 of its 24 beads exactly.
    let gold = gold();
    let hits = gold.iter().filter(|g| beads.iter().any(|b| b.ko == g.ko && b.en == g.en)).count();
    assert!(hits >= 22, "only {hits} of {} gold beads found", gold.len());
    assert!((22..=25).contains(&beads.len()), "{} beads", beads.len());
}

#[test]
fn segmented_input_gives_the_same_beads_as_raw_text() {
    let raw = run(&["align", KO, EN, "--format", "jsonl"]);
    let seg = run(&[
        "align",
        "--segmented",
        "tests/data/harbour.ko.lines",
        "tests/data/harbour.en.lines",
        "--format",
        "jsonl",
    ]);
    assert!(seg.status.success(), "{}", show(&seg));
    assert_eq!(
        parse_beads(&String::from_utf8(raw.stdout).unwrap()),
        parse_beads(&String::from_utf8(seg.stdout).unwrap())
    );
}

#[test]
fn tsv_default_on_stdout_carries_original_characters() {
    let out = run(&["align", KO, EN]);
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let ko_src = std::fs::read_to_string(root().join(KO)).unwrap();
    let en_src = std::fs::read_to_string(root().join(EN)).unwrap();
    for line in text.lines() {
        let (k, e) = line.split_once('\t').expect("two tab-separated fields");
        assert!(!e.contains('\t'));
        // Every sentence of a bead is a verbatim piece of the original file.
        assert!(ko_src.contains(k.split(". ").next().unwrap()), "{k}");
        assert!(en_src.contains(e.split(". ").next().unwrap()), "{e}");
    }
    assert!(text.contains("“오늘은"), "Korean quotes kept as written");
}

#[test]
fn original_characters_survive_normalisation() {
    // Korean in decomposed jamo (NFD), CRLF line ends and a BOM: the export
    // still carries the file's own characters.
    let dir = tempfile::tempdir().unwrap();
    let ko_nfd: String = {
        use unicode_normalization::UnicodeNormalization;
        "부산항이 문을 열었다.\r\n직원은 300명이다.\r\n".nfd().collect()
    };
    let ko = dir.path().join("k.txt");
    std::fs::write(&ko, format!("\u{feff}{ko_nfd}")).unwrap();
    let en = dir.path().join("e.txt");
    std::fs::write(&en, "Busan port opened.\r\nIt has 300 staff.\r\n").unwrap();
    let out = run(&["align", ko.to_str().unwrap(), en.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success(), "{}", show(&out));
    let beads = parse_beads(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(beads.len(), 2);
    assert_eq!(beads[1].ko_text, ko_nfd.lines().nth(1).unwrap().trim_end_matches('\r'));
    assert_eq!(beads[1].en_text, "It has 300 staff.");
}

#[test]
fn format_follows_output_extension_and_writes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, probe) in [
        ("tmx", "<tmx version=\"1.4\">"),
        ("csv", "ko,en,score,type,doc,ko_index,en_index"),
        ("jsonl", "{\"ko\":[0]"),
    ] {
        let path = dir.path().join(format!("pair.{ext}"));
        let out = run(&["align", KO, EN, "-o", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}", show(&out));
        assert!(out.stdout.is_empty());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(probe), "{ext}: {}", &text[..200.min(text.len())]);
    }
    // No temporary files left behind.
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn english_from_stdin() {
    let en = std::fs::read(root().join(EN)).unwrap();
    let out =
        hanalign().args(["align", KO, "-", "--format", "jsonl"]).write_stdin(en).output().unwrap();
    assert!(out.status.success(), "{}", show(&out));
    assert!(parse_beads(&String::from_utf8(out.stdout).unwrap()).len() >= 22);
}

#[test]
fn min_score_filters_exports_but_never_jsonl() {
    let all = run(&["align", KO, EN]);
    let some = run(&["align", KO, EN, "--min-score", "0.9"]);
    let n_all = String::from_utf8(all.stdout).unwrap().lines().count();
    let n_some = String::from_utf8(some.stdout).unwrap().lines().count();
    assert!(n_some < n_all, "{n_some} vs {n_all}");
    let j_all = run(&["align", KO, EN, "--format", "jsonl"]);
    let j_some = run(&["align", KO, EN, "--format", "jsonl", "--min-score", "0.9"]);
    assert_eq!(j_all.stdout, j_some.stdout);
}

#[test]
fn explain_shows_each_bead_with_its_anchors() {
    let out = run(&["align", KO, EN, "--explain"]);
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let jsonl = run(&["align", KO, EN, "--format", "jsonl"]);
    let n = parse_beads(&String::from_utf8(jsonl.stdout).unwrap()).len();
    assert!(text.starts_with(&format!("# {n} beads; English/Korean length ratio ")), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with('#') && l[1..].starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        n
    );
    // The bead with the money amount shows it as a shared number anchor.
    assert!(text.contains("shared: Number \"850000000000\""), "{text}");
}
