//! Bad input gets one line on stderr naming the file and the problem, exit
//! code 2, and no output file.

use crate::util::*;

fn expect_error(args: &[&str], message: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end(), message, "{}", err);
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn bad_inputs_are_reported_and_leave_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad.txt"), b"\xEC\x95\x88\xFF\xFE").unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.txt"), b"  \n\n").unwrap();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let out = p("out.tmx");
    let en = "examples/harbour.en.txt";
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![p("missing.txt"), en.into()],
            format!("hanalign: {}: no such file or directory", p("missing.txt")),
        ),
        (
            vec![d.to_str().unwrap().into(), en.into()],
            format!("hanalign: {}: is a directory", d.display()),
        ),
        (
            vec![p("bad.txt"), en.into()],
            format!("hanalign: {}: line 1: invalid UTF-8 at byte 3", p("bad.txt")),
        ),
        (vec![p("empty.txt"), en.into()], format!("hanalign: {}: file is empty", p("empty.txt"))),
        (
            vec![p("blank.txt"), en.into()],
            format!("hanalign: {}: file holds only whitespace", p("blank.txt")),
        ),
        (
            vec!["examples/harbour.ko.txt".into(), p("empty.txt")],
            format!("hanalign: {}: file is empty", p("empty.txt")),
        ),
    ];
    for (inputs, message) in cases {
        let mut args = vec!["align".to_string()];
        args.extend(inputs);
        args.extend(["-o".to_string(), out.clone()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        expect_error(&args, &message);
        assert!(!d.join("out.tmx").exists(), "output left behind for {args:?}");
    }
    let names: Vec<_> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "stray files: {names:?}");
}

#[test]
fn output_in_missing_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/dir/pair.tmx");
    let msg = format!(
        "hanalign: {}: directory {} does not exist",
        out.display(),
        dir.path().join("no/such/dir").display()
    );
    expect_error(
        &[
            "align",
            "examples/harbour.ko.txt",
            "examples/harbour.en.txt",
            "-o",
            out.to_str().unwrap(),
        ],
        &msg,
    );
    assert!(!dir.path().join("no").exists());
}

#[test]
fn existing_output_survives_a_failed_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pair.tsv");
    std::fs::write(&out, "keep me").unwrap();
    let res = run(&["align", "nope.txt", "examples/harbour.en.txt", "-o", out.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

#[test]
fn usage_errors_exit_2_without_waiting_on_stdin() {
    let out = hanalign()
        .args(["align", "examples/harbour.ko.txt"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
    expect_error(
        &["align", "-", "-"],
        "hanalign: invalid setting: only one input can be read from standard input (-)",
    );
    expect_error(
        &["align", "examples/harbour.ko.txt", "examples/harbour.en.txt", "--min-score", "2"],
        "hanalign: invalid setting: min score 2 is not in [0, 1]",
    );
}

#[test]
fn swapped_languages_warn_and_are_swapped_back() {
    let out =
        run(&["align", "examples/harbour.en.txt", "examples/harbour.ko.txt", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", show(&out));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end(),
        "hanalign: warning: examples/harbour.en.txt looks English and examples/harbour.ko.txt looks Korean: aligning them the other way round"
    );
    let straight =
        run(&["align", "examples/harbour.ko.txt", "examples/harbour.en.txt", "--format", "jsonl"]);
    assert_eq!(out.stdout, straight.stdout);
}
