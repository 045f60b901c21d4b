//! Reading real input: saved HTML pages with their furniture, BOM and CRLF,
//! legacy Korean encodings, and inputs in the wrong language.

use crate::util::*;

const KO_HTML: &str = "tests/data/page.ko.html";
const EN_HTML: &str = "tests/data/page.en.html";

#[test]
fn html_pages_align_without_their_furniture() {
    let out = run(&["align", KO_HTML, EN_HTML, "--format", "jsonl", "--show-dropped"]);
    assert!(out.status.success(), "{}", show(&out));
    let beads = parse_beads(&String::from_utf8(out.stdout).unwrap());
    let all: String = beads.iter().map(|b| format!("{} | {}\n", b.ko_text, b.en_text)).collect();
    for furniture in [
        "gtag",
        "line-height",
        "홈",
        "정치",
        "관련 기사",
        "부산일보사",
        "Copyright",
        "Home",
        "Go to contents",
        "Most viewed",
        "Posted on",
        "Please direct",
        "사진=",
        "jhpark@",
        "무단전재",
        "@context",
    ] {
        assert!(!all.contains(furniture), "{furniture:?} leaked into the alignment:\n{all}");
    }
    // Headline, four body sentences split from three paragraphs, quote, jobs.
    assert_eq!(beads.len(), 6, "{all}");
    assert!(beads.iter().all(|b| b.ko.len() == 1 && b.en.len() == 1), "{all}");
    assert_eq!(beads[0].ko_text, "부산 신항에 해상풍력 전용 부두 첫 삽");
    assert_eq!(beads[0].en_text, "Busan breaks ground on offshore wind terminal");
    assert!(beads[4].en_text.starts_with("\"Today is the first day"), "{all}");
    let err = String::from_utf8(out.stderr).unwrap();
    for (reason, text) in [
        ("photo-credit-ko", "사진=부산시 제공"),
        ("email-line", "박지훈 기자 jhpark@example.co.kr"),
        ("copyright-ko", "ⓒ 부산일보 무단전재 및 재배포 금지"),
        ("posted-on", "Posted on : 2026-03-14 10:45 KST Modified on : 2026-03-14 11:20 KST"),
        ("direct-questions", "Please direct questions or comments to [desk@example.com]"),
    ] {
        assert!(err.contains(&format!("({reason}): {text}\n")), "{reason} not listed in:\n{err}");
    }
}

#[test]
fn keep_boilerplate_keeps_the_article_furniture() {
    let out = run(&["align", KO_HTML, EN_HTML, "--format", "jsonl", "--keep-boilerplate"]);
    assert!(out.status.success(), "{}", show(&out));
    let beads = parse_beads(&String::from_utf8(out.stdout).unwrap());
    let ko: String = beads.iter().map(|b| b.ko_text.clone()).collect();
    assert!(ko.contains("무단전재") && ko.contains("사진=부산시 제공"), "{ko}");
}

#[test]
fn segment_prints_furniture_unless_asked_to_drop_it() {
    let all = run(&["segment", KO_HTML]);
    assert!(all.status.success(), "{}", show(&all));
    let all = String::from_utf8(all.stdout).unwrap();
    assert!(all.contains("ⓒ 부산일보 무단전재 및 재배포 금지\n"), "{all}");
    let kept = run(&["segment", "--drop-boilerplate", KO_HTML]);
    let kept = String::from_utf8(kept.stdout).unwrap();
    assert!(!kept.contains("무단전재") && kept.contains("4,500개"), "{kept}");
    assert!(!all.contains("<p>") && !all.contains("gtag"));
}

#[test]
fn bom_and_crlf_text_aligns_like_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let ko_src = std::fs::read_to_string(root().join("examples/harbour.ko.txt")).unwrap();
    let en_src = std::fs::read_to_string(root().join("examples/harbour.en.txt")).unwrap();
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&ko, format!("\u{feff}{}", ko_src.replace('\n', "\r\n"))).unwrap();
    std::fs::write(&en, format!("\u{feff}{}", en_src.replace('\n', "\r\n"))).unwrap();
    let crlf = run(&["align", ko.to_str().unwrap(), en.to_str().unwrap(), "--format", "jsonl"]);
    let plain =
        run(&["align", "examples/harbour.ko.txt", "examples/harbour.en.txt", "--format", "jsonl"]);
    assert!(crlf.status.success(), "{}", show(&crlf));
    assert_eq!(String::from_utf8(crlf.stdout).unwrap(), String::from_utf8(plain.stdout).unwrap());
}

#[test]
fn legacy_korean_encoding_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let ko_src = std::fs::read_to_string(root().join("examples/harbour.ko.txt")).unwrap();
    let ko = dir.path().join("ko.txt");
    std::fs::write(&ko, encoding_rs::EUC_KR.encode(&ko_src).0).unwrap();
    let legacy =
        run(&["align", ko.to_str().unwrap(), "examples/harbour.en.txt", "--format", "jsonl"]);
    let plain =
        run(&["align", "examples/harbour.ko.txt", "examples/harbour.en.txt", "--format", "jsonl"]);
    assert!(legacy.status.success(), "{}", show(&legacy));
    assert_eq!(legacy.stdout, plain.stdout);
    // Forced UTF-8 on the same bytes: an error naming the first bad byte.
    let forced =
        run(&["align", ko.to_str().unwrap(), "examples/harbour.en.txt", "--encoding", "utf-8"]);
    assert_eq!(forced.status.code(), Some(2));
    let err = String::from_utf8(forced.stderr).unwrap();
    assert_eq!(
        err.trim_end(),
        format!("hanalign: {}: line 1: invalid UTF-8 at byte 0", ko.display())
    );
}

#[test]
fn a_korean_side_that_is_english_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("pair.tmx");
    let out = run(&[
        "align",
        "examples/harbour.en.txt",
        "tests/data/page.en.html",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        "hanalign: examples/harbour.en.txt and tests/data/page.en.html: both inputs are English; expected one Korean and one English text"
    );
    assert!(!out_path.exists());
}

#[test]
fn a_third_language_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let ja = dir.path().join("ja.txt");
    std::fs::write(&ja, "釜山市は14日、新港で洋上風力専用埠頭の起工式を開いたと明らかにした。\n")
        .unwrap();
    let out = run(&["align", ja.to_str().unwrap(), "examples/harbour.en.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        format!("hanalign: {}: text looks like Japanese, not Korean or English", ja.display())
    );
}

#[test]
fn html_without_article_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("empty.html");
    std::fs::write(
        &page,
        "<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
    )
    .unwrap();
    let out = run(&["align", page.to_str().unwrap(), "examples/harbour.en.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        format!("hanalign: {}: no article text found in the HTML", page.display())
    );
}

#[test]
fn an_english_caption_in_the_korean_article_stands_alone() {
    use hanalign::{Document, Lang, Pipeline};
    let ko = Document::new(
        "ko",
        Lang::Ko,
        "부산시는 14일 신항에서 착공식을 열었다.\n\nAerial view of the new terminal site at dawn\n\n\
         총사업비는 8500억 원이다.\n\n시는 일자리 4,500개가 생길 것으로 내다봤다.",
    );
    let en = Document::new(
        "en",
        Lang::En,
        "Busan held a groundbreaking ceremony at its New Port on the 14th.\n\n\
         The project will cost 850 billion won.\n\nThe city expects 4,500 jobs.",
    );
    let pair = Pipeline::default().align(ko, en).unwrap();
    assert!(pair.ko.sentences[1].foreign);
    let shapes: Vec<(Vec<usize>, Vec<usize>)> = pair
        .alignment
        .beads
        .iter()
        .map(|b| (b.ko.clone().collect(), b.en.clone().collect()))
        .collect();
    assert_eq!(
        shapes,
        vec![(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1]), (vec![3], vec![2])]
    );
}

/// With `--segmented`, a line ends at LF, CRLF or CR only, as text-mode
/// readers (Python's among them) count the lines of a file: U+2028, U+2029
/// and U+0085 inside a line keep it one sentence, so bead indices stay line
/// numbers.
#[test]
fn segmented_lines_end_only_at_lf_crlf_and_cr() {
    let dir = tempfile::tempdir().unwrap();
    let ko = std::fs::read_to_string(root().join("tests/data/harbour.ko.lines")).unwrap();
    let mut lines: Vec<String> =
        ko.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let n = lines.len();
    for (k, sep) in [(2, '\u{2028}'), (4, '\u{85}'), (6, '\u{2029}')] {
        let cut = lines[k].char_indices().nth(5).unwrap().0;
        lines[k].insert(cut, sep);
    }
    // Line breaks of all three kinds.
    let mut text = String::new();
    for (k, l) in lines.iter().enumerate() {
        text.push_str(l);
        text.push_str(["\n", "\r\n", "\r"][k % 3]);
    }
    let ko_path = dir.path().join("ko.txt");
    std::fs::write(&ko_path, &text).unwrap();
    let en = root().join("tests/data/harbour.en.lines");
    let args = ["align", "--segmented", ko_path.to_str().unwrap(), en.to_str().unwrap()];
    let out = run(&[&args[..], &["--format", "jsonl"]].concat());
    assert!(out.status.success(), "{}", show(&out));
    let beads = parse_beads(&String::from_utf8(out.stdout).unwrap());
    let n_en = nonblank_lines(&en).len();
    assert!(covers(&beads, n, n_en), "{} Korean lines", n);
    for k in [2, 4, 6] {
        let bead = beads.iter().find(|b| b.ko.contains(&k)).unwrap();
        assert!(bead.ko_text.contains(&lines[k]), "line {k}: {:?}", bead.ko_text);
    }
}
