//! The TMX written for the example passes ../shared/formats/validate_tmx.sh:
//! DTD validation with xmllint and a read by translate-toolkit.

use crate::util::*;

#[test]
fn example_tmx_passes_the_validator() {
    let Some(shared) = shared() else {
        eprintln!(
            "skipped: ../shared is not beside the repository, so the TMX validator is absent"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("harbour.tmx");
    let out = run(&[
        "align",
        "examples/harbour.ko.txt",
        "examples/harbour.en.txt",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", show(&out));
    let text = std::fs::read_to_string(&tmx).unwrap();
    assert!(text.contains(r#"<tuv xml:lang="ko-KR"><seg>부산"#), "{text}");
    assert!(text.contains("&quot;Today is the first day"), "quotes escaped as written");

    if !have("xmllint", "--version") {
        return skip_or_fail("xmllint is not installed (apt-get install libxml2-utils)");
    }
    let py = std::env::var("PY").unwrap_or_else(|_| "python3".into());
    let has_tt = std::process::Command::new(&py)
        .args(["-c", "import translate.storage.tmx"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !has_tt {
        return skip_or_fail("translate-toolkit is not installed (pip install translate-toolkit)");
    }
    let res = std::process::Command::new("bash")
        .arg(shared.join("formats/validate_tmx.sh"))
        .arg(&tmx)
        .env("PY", &py)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&res.stdout);
    assert!(
        res.status.success(),
        "validator failed:\n{report}\n{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(report.contains("DTD: valid"), "{report}");
    assert!(report.contains("RESULT: OK"), "{report}");
    // The reader saw every 1-1 (and n-m) bead as a unit.
    let beads = text.matches("<tu ").count();
    assert!(report.contains(&format!("units read: {beads};")), "{report}");
}
