//! Export formats: CSV for Excel, Moses files, Hugging Face JSONL, and
//! round trips of hostile text through TMX, CSV and JSONL.

use hanalign::export::{self, ExportOptions, Format};
use hanalign::{Document, Lang, Pipeline};
use proptest::prelude::*;

use crate::util::*;

const KO: &str = "examples/harbour.ko.txt";
const EN: &str = "examples/harbour.en.txt";

fn tsv_pairs() -> Vec<(String, String)> {
    let out = run(&["align", KO, EN]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (k, e) = l.split_once('\t').unwrap();
            (k.to_string(), e.to_string())
        })
        .collect()
}

#[test]
fn csv_reads_back_as_the_same_pairs_and_excel_mode_adds_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("p.csv");
    let excel = dir.path().join("x.csv");
    assert!(run(&["align", KO, EN, "-o", plain.to_str().unwrap()]).status.success());
    assert!(run(&["align", KO, EN, "-o", excel.to_str().unwrap(), "--excel"]).status.success());
    let read = |bytes: &[u8]| -> Vec<(String, String)> {
        let mut r = csv::Reader::from_reader(bytes);
        r.records()
            .map(|rec| rec.unwrap())
            .map(|rec| (rec[0].to_string(), rec[1].to_string()))
            .collect()
    };
    let p = std::fs::read(&plain).unwrap();
    assert_eq!(read(&p), tsv_pairs());
    let x = std::fs::read(&excel).unwrap();
    assert!(x.starts_with("\u{feff}".as_bytes()), "Excel CSV starts with a BOM");
    assert!(String::from_utf8_lossy(&x).contains("\r\n"));
    assert_eq!(read(&x[3..]), tsv_pairs());
}

#[test]
fn excel_guards_formula_cells() {
    let pair = Pipeline::default()
        .align(
            Document::new("k", Lang::Ko, "=SUM(A1)는 수식이다."),
            Document::new("e", Lang::En, "=SUM(A1) is a formula."),
        )
        .unwrap();
    let mut out = Vec::new();
    let doc_id = "=HYPERLINK(\"x\")".to_string();
    let opts = ExportOptions { excel: true, doc_id, ..ExportOptions::default() };
    export::write(Format::Csv, &pair, &opts, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("'=SUM(A1)는 수식이다.,'=SUM(A1) is a formula."), "{text}");
    // The document id is a cell too.
    assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
}

#[test]
fn moses_files_have_equal_line_counts() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("corpus");
    let out = run(&["align", KO, EN, "--format", "moses", "-o", base.to_str().unwrap()]);
    assert!(out.status.success(), "{}", show(&out));
    let ko = std::fs::read_to_string(dir.path().join("corpus.ko")).unwrap();
    let en = std::fs::read_to_string(dir.path().join("corpus.en")).unwrap();
    let pairs = tsv_pairs();
    assert_eq!(ko.lines().count(), pairs.len());
    assert_eq!(en.lines().count(), pairs.len());
    assert_eq!(
        ko.lines().zip(en.lines()).map(|(k, e)| (k.to_string(), e.to_string())).collect::<Vec<_>>(),
        pairs
    );
    let no_o = run(&["align", KO, EN, "--format", "moses"]);
    assert_eq!(no_o.status.code(), Some(2));

    // Sentences holding characters that some readers end a line at (VT,
    // FF, RS, NEL, LS): Python's splitlines still counts one line a bead.
    let odd = ['\u{b}', '\u{c}', '\u{1e}', '\u{85}', '\u{2028}'];
    let ko_lines = std::fs::read_to_string(root().join("tests/data/harbour.ko.lines")).unwrap();
    let en_lines = std::fs::read_to_string(root().join("tests/data/harbour.en.lines")).unwrap();
    let mark = |text: &str| -> String {
        let mut k = 0;
        let mut lines: Vec<String> = Vec::new();
        for l in text.lines() {
            match l.char_indices().nth(4) {
                Some((at, _)) => {
                    lines.push(format!("{}{}{}", &l[..at], odd[k % odd.len()], &l[at..]));
                    k += 1;
                }
                None => lines.push(l.to_string()),
            }
        }
        lines.join("\n") + "\n"
    };
    let (ko_path, en_path) = (dir.path().join("in.ko"), dir.path().join("in.en"));
    std::fs::write(&ko_path, mark(&ko_lines)).unwrap();
    std::fs::write(&en_path, mark(&en_lines)).unwrap();
    let args = ["align", "--segmented", ko_path.to_str().unwrap(), en_path.to_str().unwrap()];
    let base = dir.path().join("odd");
    let out = run(&[&args[..], &["--format", "moses", "-o", base.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", show(&out));
    let tsv = run(&[&args[..], &["--format", "tsv"]].concat());
    let beads = String::from_utf8(tsv.stdout).unwrap();
    let n = beads.split('\n').filter(|l| !l.is_empty()).count();
    assert_eq!(python_lines(&beads).len(), n, "{beads}");
    for side in ["ko", "en"] {
        let text = std::fs::read_to_string(dir.path().join(format!("odd.{side}"))).unwrap();
        assert_eq!(python_lines(&text).len(), n, "{side}: {text}");
    }
}

#[test]
fn hf_jsonl_has_translation_pairs() {
    let out = run(&["align", KO, EN, "--format", "jsonl", "--jsonl-style", "hf"]);
    assert!(out.status.success(), "{}", show(&out));
    let got: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["translation"]["ko"].as_str().unwrap().to_string(),
                v["translation"]["en"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, tsv_pairs());
}

/// A pipeline without language check, furniture or glossary, built once.
static PLAIN: std::sync::LazyLock<Pipeline> = std::sync::LazyLock::new(|| {
    Pipeline::new(hanalign::PipelineConfig {
        check_languages: false,
        boilerplate: None,
        glossary: None,
        lexicon: None,
        aligner: hanalign::AlignerConfig::default(),
        ..hanalign::PipelineConfig::default()
    })
});

/// Text that XML, CSV and JSON writers must survive.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("&".to_string()),
            Just("<".to_string()),
            Just(">".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just(",".to_string()),
            Just("\u{1}".to_string()),
            Just("\u{fffe}".to_string()),
            Just("😀".to_string()),
            Just("\u{1112}\u{1161}\u{11ab}".to_string()),
            Just("한국".to_string()),
            Just("]]>".to_string()),
            "[a-z]{1,6}",
        ],
        1..12,
    )
    .prop_map(|v| v.join(" "))
}

/// What survives XML: characters XML 1.0 allows.
fn xml_visible(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}'))
        .collect()
}

fn segs_of_tmx(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut in_seg, mut cur, mut out) = (false, String::new(), Vec::new());
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"seg" => {
                in_seg = true;
                cur.clear();
            }
            Event::End(e) if e.name().as_ref() == b"seg" => {
                in_seg = false;
                out.push(cur.clone());
            }
            Event::Text(t) if in_seg => cur.push_str(&t.unescape().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exports_round_trip(ko in hostile(), en in hostile()) {
        // One sentence a side, taken verbatim (one line each).
        let mut k = Document::new("k", Lang::Ko, format!("{ko}\n"));
        let mut e = Document::new("e", Lang::En, format!("{en}\n"));
        k.layout = hanalign::Layout::Lines;
        e.layout = hanalign::Layout::Lines;
        let Ok(pair) = PLAIN.align(k, e) else { return Ok(()) };
        prop_assume!(pair.alignment.beads.len() == 1);
        let (want_ko, want_en) = (pair.ko.original(0).to_string(), pair.en.original(0).to_string());
        let opts = ExportOptions { include_null: true, ..ExportOptions::default() };

        let mut tmx = Vec::new();
        export::write(Format::Tmx, &pair, &opts, &mut tmx).unwrap();
        let segs = segs_of_tmx(std::str::from_utf8(&tmx).unwrap());
        prop_assert_eq!(segs, vec![xml_visible(&want_ko), xml_visible(&want_en)]);

        let mut csv_out = Vec::new();
        export::write(Format::Csv, &pair, &opts, &mut csv_out).unwrap();
        let mut r = csv::Reader::from_reader(csv_out.as_slice());
        let rec = r.records().next().unwrap().unwrap();
        prop_assert_eq!((&rec[0], &rec[1]), (want_ko.as_str(), want_en.as_str()));

        let mut jsonl = Vec::new();
        export::write(Format::Jsonl, &pair, &opts, &mut jsonl).unwrap();
        let v: serde_json::Value = serde_json::from_slice(jsonl.split(|&b| b == b'\n').next().unwrap()).unwrap();
        prop_assert_eq!(v["ko_text"].as_str().unwrap(), want_ko.as_str());
        prop_assert_eq!(v["en_text"].as_str().unwrap(), want_en.as_str());
    }
}

#[test]
fn html_review_page_renders_in_a_headless_browser() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let out = run(&["align", KO, EN, "-o", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", show(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    let jsonl = run(&["align", KO, EN, "--format", "jsonl"]);
    let beads = parse_beads(&String::from_utf8(jsonl.stdout).unwrap());
    assert_eq!(html.matches("<tr class=").count(), beads.len());
    assert!(!html.contains("<script") && !html.contains("http"), "self-contained, no network");
    assert!(html.contains("<mark>KEPCO</mark>"), "anchors highlighted");
    if !have("chromium", "--version") {
        return skip_or_fail("chromium is not installed (apt-get install chromium fonts-noto-cjk)");
    }
    let chromium = |extra: &[&str]| {
        let profile = dir.path().join("profile");
        std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                &format!("--user-data-dir={}", profile.display()),
            ])
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap()
    };
    // The DOM as the browser built it: one row per bead, both languages' text.
    let dom = String::from_utf8(chromium(&["--dump-dom"]).stdout).unwrap();
    assert_eq!(dom.matches("<tr class=").count(), beads.len(), "{dom}");
    let text: String = {
        // The page's text without tags (marks split words).
        let mut t = String::new();
        let mut in_tag = false;
        for c in dom.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => t.push(c),
                _ => {}
            }
        }
        t.replace("&quot;", "\"").replace("&amp;", "&")
    };
    for b in beads.iter().filter(|b| !b.ko.is_empty() && !b.en.is_empty()).take(5) {
        assert!(text.contains(&b.ko_text), "{} missing from the rendered page", b.ko_text);
        assert!(text.contains(&b.en_text), "{} missing from the rendered page", b.en_text);
    }
    // A screenshot that is not blank (a Korean font is needed for real glyphs).
    let png = dir.path().join("shot.png");
    chromium(&[&format!("--screenshot={}", png.display()), "--window-size=1200,1600"]);
    let bytes = std::fs::read(&png).expect("chromium wrote a screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
        "screenshot looks blank ({} bytes)",
        bytes.len()
    );
    if have("fc-list", "--version") {
        let fonts = std::process::Command::new("fc-list").arg(":lang=ko").output().unwrap();
        if fonts.stdout.is_empty() {
            skip_or_fail("no Korean font installed (apt-get install fonts-noto-cjk): the screenshot shows boxes");
        }
    }
}

#[test]
fn convert_re_exports_an_alignment_without_aligning_again() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("pair.jsonl");
    let out = run(&["align", KO, EN, "-o", jsonl.to_str().unwrap()]);
    assert!(out.status.success(), "{}", show(&out));
    // A hand correction: the first bead's English text changed.
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let fixed = text.replacen("Busan breaks ground", "Busan starts building", 1);
    std::fs::write(&jsonl, &fixed).unwrap();
    let tsv = run(&["convert", jsonl.to_str().unwrap()]);
    assert!(tsv.status.success(), "{}", show(&tsv));
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert!(
        tsv.lines()
            .next()
            .unwrap()
            .ends_with("\tBusan starts building on offshore wind terminal at New Port"),
        "{tsv}"
    );
    assert_eq!(tsv.lines().count(), tsv_pairs().len());
    // JSONL back to JSONL is the identity.
    let back = run(&["convert", jsonl.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(String::from_utf8(back.stdout).unwrap(), fixed);
    // TMX from the converted beads passes the same checks as align's.
    let tmx = dir.path().join("pair.tmx");
    assert!(run(&["convert", jsonl.to_str().unwrap(), "-o", tmx.to_str().unwrap()])
        .status
        .success());
    assert!(std::fs::read_to_string(&tmx).unwrap().contains("Busan starts building"));
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"ko\":[0,2],\"en\":[0]}\n").unwrap();
    let err = run(&["convert", bad.to_str().unwrap()]);
    assert_eq!(err.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(err.stderr).unwrap().trim_end(),
        format!("hanalign: {}: line 1: sentence indices must be consecutive", bad.display())
    );
}

#[test]
fn python_reads_the_csv_as_the_same_pairs() {
    if !have("python3", "--version") {
        return skip_or_fail("python3 is not installed");
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.csv");
    assert!(run(&["align", KO, EN, "-o", f.to_str().unwrap(), "--excel"]).status.success());
    let py = std::process::Command::new("python3")
        .args(["-c", "import csv,json,sys; r=csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline='')); next(r); print(json.dumps([[x[0],x[1]] for x in r]))"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    let got: Vec<(String, String)> = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(got, tsv_pairs());
}

#[test]
fn omegat_uses_the_tmx_to_translate() {
    if !have("omegat", "--version") && !std::path::Path::new("/usr/bin/omegat").exists() {
        return skip_or_fail("OmegaT is not installed (apt-get install omegat)");
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"] {
        std::fs::create_dir_all(p.join(d)).unwrap();
    }
    std::fs::copy(root().join(KO), p.join("source/harbour.txt")).unwrap();
    let tmx = p.join("tm/auto/harbour.tmx");
    assert!(run(&["align", KO, EN, "-o", tmx.to_str().unwrap()]).status.success());
    std::fs::write(
        p.join("omegat.project"),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ko-KR</source_lang>
        <target_lang>en-US</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneCJKTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#,
    )
    .unwrap();
    let out = std::process::Command::new("omegat")
        .arg("--mode=console-translate")
        .arg(p)
        .env("HOME", p)
        .output()
        .unwrap();
    let log =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // OmegaT exits 0 even when a memory fails to load: read its log.
    assert!(!log.contains("TF_TM_LOAD_ERROR"), "{log}");
    assert!(log.contains("TMXR_INFO_READING_COMPLETE"), "the TMX was not read:\n{log}");
    let target = std::fs::read_to_string(p.join("target/harbour.txt"))
        .expect("OmegaT wrote the target file");
    assert!(
        target.contains("Busan breaks ground on offshore wind terminal at New Port"),
        "{target}"
    );
    assert!(target.contains("850 billion won"), "{target}");
}

#[test]
fn convert_reads_a_tmx_back() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("pair.tmx");
    assert!(run(&["align", KO, EN, "--include-null", "-o", tmx.to_str().unwrap()])
        .status
        .success());
    let from_tmx = run(&["convert", tmx.to_str().unwrap(), "--format", "jsonl"]);
    assert!(from_tmx.status.success(), "{}", show(&from_tmx));
    let direct = run(&["align", KO, EN, "--format", "jsonl"]);
    assert_eq!(
        String::from_utf8(from_tmx.stdout).unwrap(),
        String::from_utf8(direct.stdout).unwrap()
    );
    let broken = dir.path().join("broken.tmx");
    std::fs::write(
        &broken,
        "<?xml version=\"1.0\"?>\n<tmx><body><tu><tuv xml:lang=\"ko\"><seg>가</tuv></tu>",
    )
    .unwrap();
    let err = run(&["convert", broken.to_str().unwrap()]);
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("not valid TMX"), "{}", show(&err));
}

/// Sentence indices at the top of `usize` are an error naming the line, not
/// an overflow panic (hand-edited JSONL, or a TMX whose shapes add up).
#[test]
fn readers_refuse_indices_that_overflow() {
    let jsonl = "{\"ko\":[0],\"en\":[0],\"ko_text\":\"가\",\"en_text\":\"a\"}\n\
                 {\"ko\":[18446744073709551615],\"en\":[]}\n";
    let err = export::read_jsonl("p.jsonl", jsonl).unwrap_err();
    assert_eq!(
        err.to_string(),
        "p.jsonl: line 2: sentence index 18446744073709551615 is too large"
    );
    let err =
        export::read_jsonl("p.jsonl", "{\"ko\":[18446744073709551615,0],\"en\":[]}").unwrap_err();
    assert_eq!(err.to_string(), "p.jsonl: line 1: sentence indices must be consecutive");
    let tmx = "<tmx><body>\n<tu><prop type=\"x-bead\">18446744073709551615-0</prop></tu>\n\
               <tu><prop type=\"x-bead\">1-1</prop></tu>\n</body></tmx>";
    let err = export::read_tmx("p.tmx", tmx).unwrap_err();
    assert_eq!(err.to_string(), "p.tmx: line 3: sentence indices overflow at this bead");
}
