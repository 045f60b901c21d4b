//! The `romanize` command's line contract and `glossary suggest`.

use crate::util::*;

#[test]
fn romanize_gives_one_line_out_per_line_in() {
    let input = "왕십리\n\n인왕리\nSeoul 2026\n김정은\n";
    let out = hanalign().args(["romanize"]).write_stdin(input).output().unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), input.lines().count(), "{text}");
    assert_eq!(text.lines().next(), Some("Wangsimni"));
    assert_eq!(text.lines().nth(1), Some(""));
    assert_eq!(text.lines().nth(3), Some("Seoul 2026"), "non-Hangul passes through");
    let place = run(&["romanize", "--mode", "place", "인왕리"]);
    assert_eq!(String::from_utf8(place.stdout).unwrap(), "Inwang-ri\n");
    let name = run(&["romanize", "--mode", "name", "--system", "nk", "김정은", "최룡해"]);
    let name = String::from_utf8(name.stdout).unwrap();
    assert_eq!(name.lines().count(), 2);
    assert!(name.starts_with("Kim Jong Un\n"), "{name}");
    // A glossary is for --match only: given without it, it is not ignored.
    let out = run(&["romanize", "--glossary", "none.csv", "서울"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        "hanalign: invalid setting: --glossary is used only with --match"
    );
    // `-` reads standard input; a byte-order mark is no part of line 1.
    let out = hanalign().args(["romanize", "-"]).write_stdin("\u{feff}왕십리\n").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Wangsimni\n");
}

#[test]
fn romanize_match_scores_pairs() {
    let input = "최룡해\tChoi Ryong-hae\n김정은\tKim Jong-il\n\n푸틴은\tPutin\n";
    let out = hanalign()
        .args(["romanize", "--match", "--no-glossary"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    // A blank line in, a blank line out.
    let verdicts: Vec<&str> = text.lines().map(|l| l.rsplit('\t').next().unwrap()).collect();
    assert_eq!(verdicts, vec!["match", "nomatch", "", "match"], "{text}");
    assert!(text.lines().all(|l| l.is_empty() || l.split('\t').count() == 4));
    // A malformed line anywhere: an error naming it, and no partial output.
    for (input, line, fields) in [("최룡해 Choi\n", 1, 1), ("박\tPark\n김\tKim\textra\n", 2, 3)]
    {
        let bad = hanalign().args(["romanize", "--match"]).write_stdin(input).output().unwrap();
        assert_eq!(bad.status.code(), Some(2));
        assert!(bad.stdout.is_empty(), "{}", show(&bad));
        assert_eq!(
            String::from_utf8(bad.stderr).unwrap().trim_end(),
            format!("hanalign: <stdin>: line {line}: expected hangul<TAB>latin, found {fields} field(s)")
        );
    }
}

#[test]
fn suggest_mines_names_not_yet_in_the_glossary() {
    let out = run(&["glossary", "suggest", "examples/harbour.ko.txt", "examples/harbour.en.txt"]);
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("ko,en,variants,kind,system,note,source\n"));
    // The example's people are not in the shipped glossary; the matcher pairs them.
    for pair in ["김민준,Kim Min-jun", "최서연,Choi Seo-yeon"] {
        assert!(text.contains(pair), "{pair} not suggested:\n{text}");
    }
    // 부산 / Busan is in the glossary already, so it is not suggested.
    assert!(!text.contains("부산,Busan"), "{text}");
    // The rows can be fed to the glossary as they are.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("new.csv");
    std::fs::write(&f, &text).unwrap();
    let fmt = run(&["glossary", "fmt", f.to_str().unwrap()]);
    assert!(fmt.status.success(), "{}", show(&fmt));
    let odd = run(&["glossary", "suggest", "examples/harbour.ko.txt"]);
    assert_eq!(odd.status.code(), Some(2));
}
