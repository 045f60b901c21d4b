//! `hanalign eval` against hand-computed cases and against ../shared's scorer.

use crate::util::*;

#[test]
fn eval_on_hand_made_files() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("d.gold.jsonl");
    let pred = dir.path().join("d.pred.jsonl");
    std::fs::write(&gold, "{\"ko\":[0],\"en\":[0]}\n{\"ko\":[1,2],\"en\":[1]}\n{\"ko\":[3],\"en\":[]}\n{\"ko\":[4],\"en\":[2]}\n").unwrap();
    std::fs::write(&pred, "{\"ko\":[0],\"en\":[0],\"score\":0.9}\n{\"ko\":[1],\"en\":[1]}\n{\"ko\":[2],\"en\":[]}\n{\"ko\":[3],\"en\":[]}\n{\"ko\":[4],\"en\":[2]}\n").unwrap();
    let out = run(&["eval", gold.to_str().unwrap(), pred.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", show(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let set = &v["sets"][0];
    // Hand-computed: strict P 3/5, R 2/3; with nulls in recall, R 3/4.
    assert_eq!(set["ignore"]["strict_p"], 0.6);
    assert!((set["ignore"]["strict_r"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(set["include"]["strict_r"], 0.75);
    assert_eq!(set["ignore"]["lax_p"], 0.8);
    let bad = dir.path().join("bad.pred.jsonl");
    std::fs::write(&bad, "{\"ko\":[0],\"en\":[0]}\nnot json\n").unwrap();
    let out = run(&["eval", gold.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with(&format!("hanalign: {}: line 2: not a bead", bad.display())));
    // A directory of gold files against one prediction file is a mistake,
    // not a run with every prediction missing.
    let out = run(&["eval", dir.path().to_str().unwrap(), pred.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a directory of <id>.pred.jsonl"));
}

#[test]
fn eval_agrees_with_the_reference_scorer() {
    let Some(shared) = shared_or_skip("the reference scorer") else {
        return;
    };
    if !have("python3", "--version") {
        return skip_or_fail("python3 is not installed");
    }
    // Predictions for the first documents of two sets, in a tree like the gold's.
    let dir = tempfile::tempdir().unwrap();
    let gold_root = dir.path().join("gold");
    let pred_root = dir.path().join("pred");
    for set in ["ntrex", "kpcnews_hard"] {
        let src = shared.join("data/gold").join(set);
        let ids = ids(&src, ".gold.jsonl");
        std::fs::create_dir_all(gold_root.join(set)).unwrap();
        std::fs::create_dir_all(pred_root.join(set)).unwrap();
        for id in ids.iter().take(8) {
            for ext in ["gold.jsonl", "ko.txt", "en.txt"] {
                std::fs::copy(
                    src.join(format!("{id}.{ext}")),
                    gold_root.join(set).join(format!("{id}.{ext}")),
                )
                .unwrap();
            }
            let out = align_pair(&src, id);
            std::fs::write(pred_root.join(set).join(format!("{id}.pred.jsonl")), out.stdout)
                .unwrap();
        }
    }
    let ours = run(&["eval", gold_root.to_str().unwrap(), pred_root.to_str().unwrap(), "--json"]);
    assert!(ours.status.success(), "{}", show(&ours));
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    for (null, key) in [("ignore", "ignore"), ("include", "include")] {
        let json = dir.path().join(format!("ref-{null}.json"));
        let status = std::process::Command::new("python3")
            .arg(shared.join("tools/score.py"))
            .args([
                gold_root.to_str().unwrap(),
                pred_root.to_str().unwrap(),
                "--null",
                null,
                "--json",
                json.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        let reference: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        for set in ours["sets"].as_array().unwrap() {
            let name = set["name"].as_str().unwrap();
            for m in ["strict_p", "strict_r", "strict_f1", "lax_p", "lax_r", "lax_f1"] {
                let a = set[key][m].as_f64().unwrap();
                let b = reference["sets"][name][m].as_f64().unwrap();
                assert!((a - b).abs() < 1e-9, "{name} {null} {m}: ours {a}, reference {b}");
            }
        }
    }
}
