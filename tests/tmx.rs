//! The TMX written for the example passes ../shared/formats/validate_tmx.sh:
//! DTD validation with xmllint and a read by translate-toolkit.

use crate::util::*;

#[test]
fn example_tmx_passes_the_validator() {
    let Some(shared) = shared_or_skip("the TMX validator") else {
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

#[test]
fn dev_documents_tmx_pass_the_validator_with_one_unit_per_pair() {
    let Some(shared) = shared_or_skip("the gold sets") else {
        return;
    };
    if !have("xmllint", "--version") {
        return skip_or_fail("xmllint is not installed (apt-get install libxml2-utils)");
    }
    let src = shared.join("data/gold/ntrex_hard");
    let ids = ids(&src, ".ko.txt");
    let dir = tempfile::tempdir().unwrap();
    for id in ids.iter().take(3) {
        let ko = src.join(format!("{id}.ko.txt"));
        let en = src.join(format!("{id}.en.txt"));
        let tmx = dir.path().join(format!("{id}.tmx"));
        let (ko, en) = (ko.to_str().unwrap(), en.to_str().unwrap());
        assert!(run(&["align", "--segmented", ko, en, "-o", tmx.to_str().unwrap()])
            .status
            .success());
        let beads = parse_beads(
            &String::from_utf8(run(&["align", "--segmented", ko, en, "--format", "jsonl"]).stdout)
                .unwrap(),
        );
        let pairs = beads.iter().filter(|b| !b.ko.is_empty() && !b.en.is_empty()).count();
        let res = std::process::Command::new("bash")
            .arg(shared.join("formats/validate_tmx.sh"))
            .arg(&tmx)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&res.stdout);
        if report.contains("READ FAILED") && report.contains("ModuleNotFoundError") {
            return skip_or_fail(
                "translate-toolkit is not installed (pip install translate-toolkit)",
            );
        }
        assert!(res.status.success() && report.contains("RESULT: OK"), "{id}:\n{report}");
        assert!(
            report.contains(&format!("units read: {pairs};")),
            "{id}: expected {pairs} units:\n{report}"
        );
    }
}
