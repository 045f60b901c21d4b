//! `hanalign segment`: one sentence per line, a blank line between paragraphs.

use crate::util::*;

#[test]
fn segments_the_example_like_the_hand_split_files() {
    for lang in ["ko", "en"] {
        let out = run(&["segment", "--lang", lang, &format!("examples/harbour.{lang}.txt")]);
        assert!(out.status.success(), "{}", show(&out));
        let want = std::fs::read_to_string(root().join(format!("tests/data/harbour.{lang}.lines")))
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    }
}

#[test]
fn reads_stdin_and_detects_language() {
    let out = hanalign()
        .args(["segment", "-"])
        .write_stdin("Dr. Lee arrived at 9 a.m. on Monday. He left early.\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Dr. Lee arrived at 9 a.m. on Monday.\nHe left early.\n"
    );
}
