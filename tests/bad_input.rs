//! The bad-input table: every command meets broken input (missing,
//! unreadable, empty, binary, huge, in the wrong language, malformed) and
//! answers with its exact one-line message and exit code, never a panic and
//! never by waiting on standard input. Large inputs are generated in a
//! temporary directory at test time.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

const KO: &str = "examples/harbour.ko.txt";
const EN: &str = "examples/harbour.en.txt";

/// What standard error must say.
enum Err {
    /// Exactly these lines (each prefixed `hanalign: ` by the caller).
    Lines(Vec<String>),
    /// Something containing every one of these strings (clap's usage text).
    Contains(Vec<&'static str>),
}

/// Where standard output goes.
#[derive(Clone, Copy, PartialEq)]
enum Out {
    Pipe,
    DevFull,
}

type Check = Box<dyn Fn(&Output) -> Result<(), String>>;

/// One row of the table.
struct Case {
    name: &'static str,
    args: Vec<String>,
    code: i32,
    err: Err,
    stdout: Out,
    /// Further checks on the output (stdout contents, files left behind).
    check: Option<Check>,
}

fn case(name: &'static str, args: &[&str], code: i32, err: Err) -> Case {
    Case {
        name,
        args: args.iter().map(|s| s.to_string()).collect(),
        code,
        err,
        stdout: Out::Pipe,
        check: None,
    }
}

/// `hanalign: LINE` for each line.
fn lines(v: &[String]) -> Err {
    Err::Lines(v.iter().map(|l| format!("hanalign: {l}")).collect())
}

fn one(line: String) -> Err {
    lines(&[line])
}

fn usage(command: &'static str) -> Err {
    Err::Contains(vec!["error: the following required arguments were not provided", command])
}

/// Runs `hanalign ARGS` from the repository root with standard input
/// `/dev/null` and standard output piped or on `/dev/full`; a run longer
/// than `timeout` is killed and fails the test (it waited or hung).
fn run_bounded(args: &[String], stdout: Out, envs: &[(&str, &str)], timeout: Duration) -> Output {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("hanalign"));
    cmd.current_dir(root()).args(args).envs(envs.iter().copied());
    cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    match stdout {
        Out::Pipe => cmd.stdout(Stdio::piped()),
        Out::DevFull => cmd.stdout(OpenOptions::new().write(true).open("/dev/full").unwrap()),
    };
    let child = cmd.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(timeout) {
        Ok(res) => res.unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("hanalign {args:?} did not finish within {timeout:?}");
        }
    }
}

/// Runs a case with standard input `/dev/null` and a timeout, so a command
/// that waited on stdin or hung fails instead of blocking the suite.
fn run_case(c: &Case) -> Result<(), String> {
    let out = run_bounded(&c.args, c.stdout, &[], Duration::from_secs(120));
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("panicked") {
        return Err(format!("panicked\n{}", show(&out)));
    }
    if out.status.code() != Some(c.code) {
        return Err(format!("exit code {:?}, want {}\n{}", out.status.code(), c.code, show(&out)));
    }
    match &c.err {
        Err::Lines(want) => {
            let got: Vec<&str> = err.lines().collect();
            if got != *want {
                return Err(format!("stderr {got:#?}\nwant {want:#?}"));
            }
        }
        Err::Contains(parts) => {
            if let Some(p) = parts.iter().find(|p| !err.contains(*p)) {
                return Err(format!("stderr lacks {p:?}: {err}"));
            }
        }
    }
    match &c.check {
        Some(check) => check(&out),
        None => Ok(()),
    }
}

/// Whether a `chmod 000` file can still be read (running as root).
fn can_read_anyway(path: &Path) -> bool {
    std::fs::File::open(path).is_ok()
}

fn jsonl_of(out: &Output) -> Vec<JsonBead> {
    parse_beads(&String::from_utf8_lossy(&out.stdout))
}

/// The JSONL beads of the example pair, as `(ko, en)` index lists.
fn example_shape() -> Vec<(Vec<usize>, Vec<usize>)> {
    let out = run(&["align", KO, EN, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", show(&out));
    jsonl_of(&out).into_iter().map(|b| (b.ko, b.en)).collect()
}

fn same_shape_as_example(out: &Output) -> Result<(), String> {
    let got: Vec<_> = jsonl_of(out).into_iter().map(|b| (b.ko, b.en)).collect();
    if got == example_shape() {
        Ok(())
    } else {
        Err(format!("alignment differs from the example's: {got:?}"))
    }
}

fn unchanged(path: PathBuf, want: impl Into<String>) -> Check {
    let want = want.into();
    Box::new(move |_| match std::fs::read_to_string(&path) {
        Ok(s) if s == want => Ok(()),
        other => Err(format!("{} changed: {other:?}", path.display())),
    })
}

#[test]
fn bad_input_table() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let ko_text = std::fs::read_to_string(root().join(KO)).unwrap();
    let en_text = std::fs::read_to_string(root().join(EN)).unwrap();
    let write = |n: &str, bytes: &[u8]| std::fs::write(d.join(n), bytes).unwrap();

    write("empty.txt", b"");
    write("blank.txt", b" \n\t\n  \r\n");
    write("bad-utf8.txt", b"\xEB\xB6\x80\xEC\x82\xB0 \xFF\xFF");
    let mut nul = ko_text.as_bytes()[..30].to_vec();
    nul.push(0);
    nul.extend_from_slice(&ko_text.as_bytes()[30..]);
    write("nul.ko.txt", &nul);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ko_text.encode_utf16().flat_map(u16::to_le_bytes));
    write("utf16.ko.txt", &utf16);
    // 50 MB on one line, no punctuation, no newline.
    write("huge.txt", &"가".repeat(50 * 1024 * 1024 / 3 + 1).into_bytes());
    // Under the size limit but one 400,000-character "sentence".
    write("long-line.txt", "가나다라 ".repeat(80_000).as_bytes());
    let mixed: String = ko_text
        .split('\n')
        .enumerate()
        .map(|(i, l)| format!("{l}{}", if i % 2 == 0 { "\r\n" } else { "\n" }))
        .collect();
    write("crlf.ko.txt", mixed.as_bytes());
    write("nfd.ko.txt", unicode_normalization_nfd(&ko_text).as_bytes());
    write("en-copy.txt", en_text.as_bytes());
    write("long.en.txt", format!("{en_text}\n\n").repeat(50).as_bytes());
    write("nobody.html", b"<html><head><title>News</title></head></html>");
    write(
        "script-only.html",
        b"<html><body><script>var a = 1;</script><nav>Home</nav></body></html>",
    );
    write(
        "bad-row.csv",
        "ko,en,variants,kind,system,note,source\n\
         최룡해,Choi Ryong-hae,,person-north,,,x\n\
         김정은,Kim Jong Un,,dictator,,,x\n"
            .as_bytes(),
    );
    write("short-row.csv", b"ko,en,variants,kind,system,note,source\n\xEA\xB0\x80,Ga,,term\n");
    write("bad-pattern.tsv", b"mine\t(unclosed\n");
    write("empty-pattern.tsv", b"# furniture\nbyline\t^By \\w+$\nall\t\n");
    write("nameless-pattern.tsv", b"\t^By \\w+$\n");
    let manifest = format!(
        "id,ko,en\nok,{},{}\ngone,missing.ko.txt,missing.en.txt\n",
        root().join(KO).display(),
        root().join(EN).display()
    );
    write("manifest.csv", manifest.as_bytes());
    write("no-header.csv", b"a,b,c\n");
    std::fs::create_dir(d.join("orphans")).unwrap();
    write("orphans/a.ko.txt", ko_text.as_bytes());
    std::fs::create_dir(d.join("mixed")).unwrap();
    write(
        "mixed/q.ko.htm",
        format!("<html><body><p>{}</p></body></html>", ko_text.replace("\n\n", "</p><p>"))
            .as_bytes(),
    );
    write("mixed/q.en.txt", en_text.as_bytes());
    std::fs::create_dir(d.join("twins")).unwrap();
    for name in ["a.ko.txt", "a.en.txt", "a.ko.html", "a.en.html"] {
        write(&format!("twins/{name}"), ko_text.as_bytes());
    }
    write("inputs.ko", ko_text.as_bytes());
    write("inputs.en", en_text.as_bytes());
    let (ko_path, en_path) = (root().join(KO), root().join(EN));
    let (ko_path, en_path) = (ko_path.display(), en_path.display());
    write(
        "twice.csv",
        format!(
            "id,ko,en\nd1,{ko_path},{en_path}\nd2,{ko_path},{en_path}\nd1,{ko_path},{en_path}\n"
        )
        .as_bytes(),
    );
    write("docs.csv", b"id,ko,en\nx,inputs.ko,inputs.en\n");
    write("no-id.csv", format!("id,ko,en\n ,{ko_path},{en_path}\n").as_bytes());
    write("overflow.jsonl", b"{\"ko\":[18446744073709551615],\"en\":[0]}\n");
    write(
        "not-json.jsonl",
        "{\"ko\":[0],\"en\":[0],\"ko_text\":\"가\",\"en_text\":\"a\"}\nko en\n".as_bytes(),
    );
    let bead = |ko: usize, score: f64| {
        format!("{{\"ko\":[{ko}],\"en\":[{ko}],\"score\":{score},\"ko_text\":\"가\",\"en_text\":\"a\"}}\n")
    };
    write("no-text.jsonl", b"{\"ko\":[0],\"en\":[0],\"score\":0.5}\n");
    write("high-score.jsonl", bead(0, 1.5).as_bytes());
    write("backwards.jsonl", format!("{}{}", bead(1, 0.5), bead(0, 0.5)).as_bytes());
    write("no-beads.jsonl", b"\n\n");
    let tmx = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"ko\"><seg>가</seg></tuv><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n";
    write("cut.tmx", tmx.as_bytes());
    write("whole.tmx", format!("{tmx}</body>\n</tmx>\n").as_bytes());
    write("text.tmx", b"not XML at all\n");
    write("html.tmx", b"<html><body/></html>\n");
    write("keep.tsv", b"keep me");
    write("keep.jsonl", b"keep me");
    write("glossary.csv", b"keep me");
    std::fs::copy(d.join("bad-row.csv"), d.join("edit-me.csv")).unwrap();
    let edit_me = std::fs::read_to_string(d.join("edit-me.csv")).unwrap();
    write("unreadable.txt", ko_text.as_bytes());
    let unreadable = d.join("unreadable.txt");
    std::fs::set_permissions(&unreadable, std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .unwrap();

    let mut cases = vec![
        case("missing file", &["align", &p("missing.txt"), EN], 2, one(format!("{}: no such file or directory", p("missing.txt")))),
        case("directory as input", &["align", KO, &p("orphans")], 2, one(format!("{}: is a directory", p("orphans")))),
        case("empty file", &["align", &p("empty.txt"), EN], 2, one(format!("{}: file is empty", p("empty.txt")))),
        case("whitespace only", &["segment", &p("blank.txt")], 2, one(format!("{}: file holds only whitespace", p("blank.txt")))),
        case("invalid UTF-8", &["align", &p("bad-utf8.txt"), EN], 2, one(format!("{}: line 1: invalid UTF-8 at byte 7", p("bad-utf8.txt")))),
        case("invalid UTF-8 (segment)", &["segment", "--lang", "ko", &p("bad-utf8.txt")], 2, one(format!("{}: line 1: invalid UTF-8 at byte 7", p("bad-utf8.txt")))),
        Case {
            check: Some(Box::new(same_shape_as_example)),
            ..case("UTF-16 with BOM is decoded", &["align", &p("utf16.ko.txt"), EN, "--format", "jsonl"], 0, lines(&[]))
        },
        case("NUL byte", &["align", &p("nul.ko.txt"), EN], 2, one(format!("{}: line 1: looks like a binary file (NUL byte at 30)", p("nul.ko.txt")))),
        case("50 MB single line (align)", &["align", &p("huge.txt"), EN], 2, one(format!("{}: input of 52428801 bytes is larger than the limit of 10000000 bytes (raise it with --max-doc-bytes)", p("huge.txt")))),
        case("50 MB single line (segment)", &["segment", &p("huge.txt")], 2, one(format!("{}: input of 52428801 bytes is larger than the limit of 10000000 bytes (raise it with --max-doc-bytes)", p("huge.txt")))),
        case("document over a lowered size limit", &["align", KO, EN, "--max-doc-bytes", "2000"], 2, one(format!("{KO}: input of 2875 bytes is larger than the limit of 2000 bytes (raise it with --max-doc-bytes)"))),
        case("sentence over a lowered length limit (segment)", &["segment", KO, "--max-sentence-chars", "20"], 2, one(format!("{KO}: line 1: sentence of 21 characters is longer than the limit of 20 (raise it with --max-sentence-chars)"))),
        Case {
            check: Some(Box::new(|out: &Output| {
                let n = String::from_utf8_lossy(&out.stdout).lines().count();
                if n == 1 { Ok(()) } else { Err(format!("{n} lines")) }
            })),
            ..case("400,000-character sentence under a raised limit (segment)", &["segment", "--lang", "ko", &p("long-line.txt"), "--max-sentence-chars", "400000"], 0, lines(&[]))
        },
        case("400,000-character sentence", &["align", &p("long-line.txt"), EN], 2, one(format!("{}: line 1: sentence of 399999 characters is longer than the limit of 10000 (raise it with --max-sentence-chars)", p("long-line.txt")))),
        Case {
            check: Some(Box::new(same_shape_as_example)),
            ..case("mixed CRLF/LF", &["align", &p("crlf.ko.txt"), EN, "--format", "jsonl"], 0, lines(&[]))
        },
        Case {
            check: Some(Box::new(same_shape_as_example)),
            ..case("Korean in NFD jamo", &["align", &p("nfd.ko.txt"), EN, "--format", "jsonl"], 0, lines(&[]))
        },
        case("both files English", &["align", EN, &p("en-copy.txt")], 2, one(format!("{EN} and {}: both inputs are English; expected one Korean and one English text", p("en-copy.txt")))),
        Case {
            check: Some(Box::new(same_shape_as_example)),
            ..case("swapped languages", &["align", EN, KO, "--format", "jsonl"], 0, one(format!("warning: {EN} looks English and {KO} looks Korean: aligning them the other way round")))
        },
        Case {
            check: Some(Box::new(|out: &Output| {
                let beads = jsonl_of(out);
                let n_en = beads.iter().flat_map(|b| &b.en).count();
                let n_ko = beads.iter().flat_map(|b| &b.ko).count();
                if n_en > 40 * n_ko && covers(&beads, n_ko, n_en) { Ok(()) } else { Err(format!("{n_ko} ko, {n_en} en, covered: {}", covers(&beads, n_ko, n_en))) }
            })),
            ..case("one side 50× longer", &["align", KO, &p("long.en.txt"), "--format", "jsonl", "-q"], 0, lines(&[]))
        },
        case("HTML with no body", &["align", &p("nobody.html"), EN], 2, one(format!("{}: no article text found in the HTML", p("nobody.html")))),
        case("HTML with only a script", &["segment", &p("script-only.html")], 2, one(format!("{}: no article text found in the HTML", p("script-only.html")))),
        case("glossary with a bad row (align)", &["align", KO, EN, "--glossary", &p("bad-row.csv")], 2, one(format!("{}: line 3: unknown kind \"dictator\" (expected one of surname, person-south, person-north, foreign, place, org, term)", p("bad-row.csv")))),
        case("glossary with a short row (lookup)", &["glossary", "lookup", "가", "--glossary", &p("short-row.csv")], 2, one(format!("{}: line 2: expected 7 fields, found 4", p("short-row.csv")))),
        Case {
            check: Some(Box::new(|out: &Output| {
                let text = String::from_utf8_lossy(&out.stdout);
                let want = "bad-row.csv:3: unknown kind \"dictator\"";
                if text.lines().count() == 1 && text.contains(want) { Ok(()) } else { Err(format!("stdout {text:?} lacks {want:?}")) }
            })),
            ..case("glossary lint of a bad row: the problem on stdout, a count on stderr", &["glossary", "lint", &p("bad-row.csv")], 1, one("1 problem(s) in 1 file(s)".into()))
        },
        Case {
            check: Some(unchanged(d.join("edit-me.csv"), edit_me.clone())),
            ..case("glossary add to a malformed file leaves it alone", &["glossary", "add", &p("edit-me.csv"), "--ko", "가", "--en", "Ga", "--kind", "term"], 2, one(format!("{}: line 3: unknown kind \"dictator\" (expected one of surname, person-south, person-north, foreign, place, org, term)", p("edit-me.csv"))))
        },
        case("boilerplate pattern that matches everything", &["align", KO, EN, "--boilerplate", &p("empty-pattern.tsv")], 2, one(format!("{}: line 3: pattern \"\" matches empty text, so every segment", p("empty-pattern.tsv")))),
        case("boilerplate pattern without a name", &["align", KO, EN, "--boilerplate", &p("nameless-pattern.tsv")], 2, one(format!("{}: line 1: empty pattern name", p("nameless-pattern.tsv")))),
        case("boilerplate file with a bad pattern", &["align", KO, EN, "--boilerplate", &p("bad-pattern.tsv")], 2, one(format!("{}: line 1: bad pattern \"(unclosed\": unclosed group", p("bad-pattern.tsv")))),
        Case {
            check: Some(Box::new(|out: &Output| {
                let docs: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string()).collect();
                if !docs.is_empty() && docs.iter().all(|d| d == "ok") { Ok(()) } else { Err(format!("docs: {docs:?}")) }
            })),
            ..case("manifest naming missing files", &["batch", &p("manifest.csv")], 0, lines(&[format!("skipped gone: {}: no such file or directory", p("missing.ko.txt")), "1 document(s) aligned, 0 excluded, 1 failed".into()]))
        },
        case("batch: a document over the size limit is skipped", &["batch", &p("manifest.csv"), "--max-doc-bytes", "2000"], 0, lines(&[format!("skipped ok: {}: input of 2875 bytes is larger than the limit of 2000 bytes (raise it with --max-doc-bytes)", root().join(KO).display()), format!("skipped gone: {}: no such file or directory", p("missing.ko.txt")), "0 document(s) aligned, 0 excluded, 2 failed".into()])),
        case("manifest naming missing files, --strict", &["batch", &p("manifest.csv"), "--strict", "-q", "-o", &p("strict.jsonl")], 1, lines(&[])),
        case("manifest without the id,ko,en header", &["batch", &p("no-header.csv")], 2, one(format!("{}: line 1: expected a header with id, ko and en", p("no-header.csv")))),
        case("directory with a Korean file and no English one: skipped", &["batch", &p("orphans")], 0, lines(&[format!("skipped a: {}: no such file or directory", p("orphans/a.en.txt")), "0 document(s) aligned, 0 excluded, 1 failed".into()])),
        case("directory pair with an HTML side and a text side", &["batch", &p("mixed"), "-o", &p("mixed.tsv")], 0, one("1 document(s) aligned, 0 excluded, 0 failed".into())),
        case("directory with two documents of one id", &["batch", &p("twins")], 2, one(format!("{}: two documents have the id \"a\" ({} and {}): rename one", p("twins"), p("twins/a.en.html"), p("twins/a.en.txt")))),
        case("manifest with an id twice", &["batch", &p("twice.csv")], 2, one(format!("{}: line 4: id \"d1\" is already the id of line 2", p("twice.csv")))),
        case("manifest with an empty id", &["batch", &p("no-id.csv")], 2, one(format!("{}: line 2: empty id", p("no-id.csv")))),
        Case {
            check: Some(unchanged(d.join("inputs.ko"), ko_text.clone())),
            ..case("align output naming the Korean input", &["align", "--segmented", &p("inputs.ko"), &p("inputs.en"), "-o", &p("inputs.ko")], 2, one(format!("{}: is also the input {}: write the output elsewhere", p("inputs.ko"), p("inputs.ko"))))
        },
        Case {
            check: Some(unchanged(d.join("inputs.en"), en_text.clone())),
            ..case("Moses files replacing the inputs", &["align", "--segmented", &p("inputs.ko"), &p("inputs.en"), "--format", "moses", "-o", &p("inputs")], 2, one(format!("{}: is also the input {}: write the output elsewhere", p("inputs.ko"), p("inputs.ko"))))
        },
        Case {
            check: Some(unchanged(d.join("keep.jsonl"), "keep me")),
            ..case("batch corpus and report in one file", &["batch", &p("manifest.csv"), "-o", &p("keep.jsonl"), "--report", &p("keep.jsonl")], 2, one(format!("{}: is also the output {}: write the output elsewhere", p("keep.jsonl"), p("keep.jsonl"))))
        },
        case("batch output naming the manifest", &["batch", &p("manifest.csv"), "-o", &p("manifest.csv")], 2, one(format!("{}: is also the input {}: write the output elsewhere", p("manifest.csv"), p("manifest.csv")))),
        Case {
            check: Some(unchanged(d.join("inputs.ko"), ko_text.clone())),
            ..case("batch output naming a document", &["batch", "--segmented", &p("docs.csv"), "-o", &p("inputs.ko")], 2, one(format!("{}: is also the input {}: write the output elsewhere", p("inputs.ko"), p("inputs.ko"))))
        },
        case("batch document score out of range", &["batch", &p("manifest.csv"), "--min-doc-score", "1.5"], 2, one("invalid setting: min document score 1.5 is not in [0, 1]".into())),
        case("batch document score not a number", &["batch", &p("manifest.csv"), "--min-doc-score", "NaN"], 2, one("invalid setting: min document score NaN is not in [0, 1]".into())),
        case("batch bead score out of range", &["batch", &p("manifest.csv"), "--min-score=-1"], 2, one("invalid setting: min score -1 is not in [0, 1]".into())),
        case("glossary suggest on a missing directory", &["glossary", "suggest", "--segmented", &p("no-such-dir")], 2, one(format!("{}: no such file or directory", p("no-such-dir")))),
        case("glossary suggest score out of range", &["glossary", "suggest", KO, EN, "--min-score", "2"], 2, one("invalid setting: min score 2 is not in [0, 1]".into())),
        case("convert output naming its input", &["convert", &p("not-json.jsonl"), "-o", &p("not-json.jsonl")], 2, one(format!("{}: is also the input {}: write the output elsewhere", p("not-json.jsonl"), p("not-json.jsonl")))),
        case("output in a missing directory (align)", &["align", KO, EN, "-o", &p("no/such/pair.tmx")], 2, one(format!("{}: directory {} does not exist", p("no/such/pair.tmx"), p("no/such")))),
        Case {
            check: Some(unchanged(d.join("keep.jsonl"), "keep me")),
            ..case("batch report in a missing directory: checked before the output is replaced", &["batch", &p("manifest.csv"), "-o", &p("keep.jsonl"), "--report", &p("no/report.jsonl")], 2, one(format!("{}: directory {} does not exist", p("no/report.jsonl"), p("no"))))
        },
        Case {
            check: Some(unchanged(d.join("keep.tsv"), "keep me")),
            ..case("existing output survives a failed align", &["align", &p("nul.ko.txt"), EN, "-o", &p("keep.tsv")], 2, one(format!("{}: line 1: looks like a binary file (NUL byte at 30)", p("nul.ko.txt"))))
        },
        Case {
            check: Some(unchanged(d.join("keep.tsv"), "keep me")),
            ..case("existing output survives a failed convert", &["convert", &p("overflow.jsonl"), "-o", &p("keep.tsv")], 2, one(format!("{}: line 1: sentence index 18446744073709551615 is too large", p("overflow.jsonl"))))
        },
        Case {
            check: Some(unchanged(d.join("glossary.csv"), "keep me")),
            ..case("existing export survives a failed glossary export", &["glossary", "export", "--glossary", &p("bad-row.csv"), "-o", &p("glossary.csv")], 2, one(format!("{}: line 3: unknown kind \"dictator\" (expected one of surname, person-south, person-north, foreign, place, org, term)", p("bad-row.csv"))))
        },
        case("convert of a bead without its text", &["convert", &p("no-text.jsonl")], 2, one(format!("{}: line 1: no ko_text for ko sentences 0..1", p("no-text.jsonl")))),
        case("convert of a score above 1", &["convert", &p("high-score.jsonl")], 2, one(format!("{}: line 1: score 1.5 is not in [0, 1]", p("high-score.jsonl")))),
        case("convert of beads out of order", &["convert", &p("backwards.jsonl")], 2, one(format!("{}: line 2: ko index 0 comes after 1: beads must be in order", p("backwards.jsonl")))),
        case("convert of JSONL with no bead", &["convert", &p("no-beads.jsonl")], 2, one(format!("{}: no beads", p("no-beads.jsonl")))),
        case("convert of a TMX cut short", &["convert", &p("cut.tmx")], 2, one(format!("{}: line 6: not valid TMX: the file ends inside <body> (cut short?)", p("cut.tmx")))),
        case("convert of a TMX that is whole", &["convert", &p("whole.tmx")], 0, lines(&[])),
        case("convert of text that is not XML", &["convert", &p("text.tmx")], 2, one(format!("{}: line 2: not valid TMX: text outside the <tmx> element", p("text.tmx")))),
        case("convert of XML that is not TMX", &["convert", &p("html.tmx")], 2, one(format!("{}: line 1: not valid TMX: a root element <html>, not <tmx>", p("html.tmx")))),
        case("convert of JSONL that is not beads", &["convert", &p("not-json.jsonl")], 2, one(format!("{}: line 2: not a bead: expected value at line 1 column 1", p("not-json.jsonl")))),
        case("unknown encoding", &["align", KO, EN, "--encoding", "klingon"], 2, one("invalid setting: unknown encoding \"klingon\"".into())),
        case("eval of a missing prediction", &["eval", &p("missing.gold.jsonl"), &p("missing.pred.jsonl")], 2, one(format!("{}: no such file or directory", p("missing.gold.jsonl")))),
        case("align missing an argument", &["align", KO], 2, usage("Usage: hanalign align <KO> <EN>")),
        case("segment missing its file", &["segment"], 2, usage("Usage: hanalign segment")),
        case("batch missing its input", &["batch"], 2, usage("Usage: hanalign batch")),
        case("convert missing its input", &["convert"], 2, usage("Usage: hanalign convert")),
        case("glossary add missing fields", &["glossary", "add", &p("x.csv")], 2, usage("Usage: hanalign glossary add --ko <KO> --en <EN> --kind <KIND> <FILE>")),
        case("eval missing an argument", &["eval", &p("x")], 2, usage("Usage: hanalign eval <GOLD> <PRED>")),
        Case { stdout: Out::DevFull, ..case("stdout on a full disk (align)", &["align", KO, EN], 2, one("<stdout>: no space left on device".into())) },
        Case { stdout: Out::DevFull, ..case("stdout on a full disk (segment)", &["segment", KO], 2, one("<stdout>: no space left on device".into())) },
        Case { stdout: Out::DevFull, ..case("stdout on a full disk (romanize)", &["romanize", "왕십리"], 2, one("<stdout>: no space left on device".into())) },
        Case { stdout: Out::DevFull, ..case("stdout on a full disk (batch)", &["batch", &p("manifest.csv"), "-q"], 2, one("<stdout>: no space left on device".into())) },
        case("-o /dev/full", &["align", KO, EN, "-o", "/dev/full"], 2, one("/dev/full: no space left on device".into())),
        case("glossary export -o /dev/full", &["glossary", "export", "-o", "/dev/full"], 2, one("/dev/full: no space left on device".into())),
    ];
    if can_read_anyway(&unreadable) {
        eprintln!(
            "skipped case \"unreadable file\": running as root, chmod 000 does not stop reads"
        );
    } else {
        cases.push(case(
            "unreadable file",
            &["align", unreadable.to_str().unwrap(), EN],
            2,
            one(format!("{}: permission denied", unreadable.display())),
        ));
    }
    assert!(cases.len() >= 25);

    let mut failures = Vec::new();
    for c in &cases {
        // Against a short English side: the DP is banded, but a band as wide as
        // the length difference still costs 100,000 × 4 cells.
        let en_path = tmp.path().join("short.en.txt");
        std::fs::write(&en_path, "Busan opened a port.\nIt cost a lot.\nWork starts soon.\n")
            .unwrap();
        let t = Instant::now();
        if let Err(why) = run_case(c) {
            failures.push(format!("case {:?} ({:?}): {why}", c.name, c.args));
        }
        let secs = t.elapsed().as_secs_f64();
        assert!(secs < 60.0, "case {:?} took {secs:.1} s", c.name);
    }
    let full = std::fs::metadata("/dev/full").unwrap();
    assert!(
        std::os::unix::fs::FileTypeExt::is_char_device(&full.file_type()),
        "/dev/full was replaced"
    );
    assert!(!d.join("no").exists(), "a missing output directory was created");
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// NFD (decomposed jamo) form of a text.
fn unicode_normalization_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// 100,000 one-character lines: segmented at once, and aligned (every line
/// covered) in reasonable time: the DP is banded, not quadratic.
#[test]
fn hundred_thousand_one_character_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let lines_path = tmp.path().join("many.ko.txt");
    std::fs::write(&lines_path, "가\n".repeat(100_000)).unwrap();
    let lines_arg = lines_path.to_str().unwrap();

    let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let seg = run_bounded(
        &args(&["segment", "--lang", "ko", "--input", "lines", lines_arg]),
        Out::Pipe,
        &[],
        Duration::from_secs(120),
    );
    assert!(seg.status.success(), "{}", show(&seg));
    let text = String::from_utf8(seg.stdout).unwrap();
    assert_eq!(text.lines().count(), 100_000);
    assert!(text.lines().all(|l| l == "가"));

    // Against a short English side: the DP is banded, but a band as wide as
    // the length difference still costs 100,000 × 4 cells.
    let en_path = tmp.path().join("short.en.txt");
    std::fs::write(&en_path, "Busan opened a port.\nIt cost a lot.\nWork starts soon.\n").unwrap();
    let t = Instant::now();
    let out = run_bounded(
        &args(&[
            "align",
            "--segmented",
            lines_arg,
            en_path.to_str().unwrap(),
            "--format",
            "jsonl",
            "-q",
        ]),
        Out::Pipe,
        &[],
        Duration::from_secs(120),
    );
    assert!(out.status.success(), "{}", show(&out));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let beads = jsonl_of(&out);
    assert!(covers(&beads, 100_000, 3), "beads do not cover both sides");
    eprintln!("100,000 lines aligned in {:.1} s", t.elapsed().as_secs_f64());
}

/// A bug (a panic, provoked through a debug-build failpoint) is one line on
/// stderr with exit 2, not a backtrace.
#[test]
fn a_panic_is_one_line_with_exit_2() {
    if !cfg!(debug_assertions) {
        return skip_or_fail("the failpoint exists in debug builds only");
    }
    let out = run_bounded(
        &["romanize".to_string(), "가".to_string()],
        Out::Pipe,
        &[("HANALIGN_FAILPOINT", "panic"), ("RUST_BACKTRACE", "1")],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("hanalign: internal error: failpoint at src/bin/hanalign/main.rs:"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("(please report this bug)"), "{err}");
}

/// A panic in a batch worker costs one document: it is reported with its
/// id, and the others are aligned.
#[test]
fn a_panic_in_a_batch_worker_skips_that_document_only() {
    if !cfg!(debug_assertions) {
        return skip_or_fail("the failpoint exists in debug builds only");
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for id in ["a", "b", "c"] {
        std::fs::copy(root().join(KO), d.join(format!("{id}.ko.txt"))).unwrap();
        std::fs::copy(root().join(EN), d.join(format!("{id}.en.txt"))).unwrap();
    }
    let report = d.join("report.jsonl");
    let args: Vec<String> = ["batch", d.to_str().unwrap(), "--jobs", "2", "--report"]
        .iter()
        .map(|s| s.to_string())
        .chain([report.to_str().unwrap().to_string()])
        .collect();
    let out = run_bounded(
        &args,
        Out::Pipe,
        &[("HANALIGN_FAILPOINT", "panic-doc:b")],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "hanalign: skipped b: internal error: failpoint on document b (please report this bug)",
            "hanalign: 2 document(s) aligned, 0 excluded, 1 failed",
        ],
        "{}",
        show(&out)
    );
    let docs: std::collections::BTreeSet<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["a", "c"]);
    let statuses: Vec<String> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{}:{}", v["id"].as_str().unwrap(), v["status"].as_str().unwrap())
        })
        .collect();
    assert_eq!(statuses, ["a:ok", "b:error", "c:ok"]);
}
