//! The `hanalign` command: a thin layer over the library.
//!
//! `main` parses the arguments, `run` turns them into library calls, and every
//! error is printed once as `hanalign: <file>: <problem>` with exit code 2.
//! A panic (a bug) is caught and printed the same way, as one line.

mod args;
mod batch_cmd;
mod glossary_cmd;
mod romanize_cmd;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use hanalign::boilerplate::Boilerplate;
use hanalign::document::read_utf8;
use hanalign::export::{self, ExportOptions, Format};
use hanalign::glossary::Glossary;
use hanalign::output::write_atomically;
use hanalign::{
    langid, AlignerConfig, Document, Error, InputFormat, Lang, Pipeline, PipelineConfig,
    ReadOptions, SegmentedDoc,
};

use args::{
    AlignArgs, Cli, Command, FormatArg, InputMode, JsonlStyle, LangArg, LimitArgs, ReadArgs,
    SegmentArgs,
};

/// mimalloc: the aligner allocates many small short-lived vectors; with it a
/// batch takes 14% fewer instructions than with glibc's allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic prints nothing where it happens: it is caught (here, or per
    // document in batch) and reported as one line.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line()));
        PANIC_AT.with(|p| *p.borrow_mut() = at.unwrap_or_default());
    }));
    let res = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|payload| {
        let at = PANIC_AT.with(|p| p.borrow().clone());
        Err(Error::Internal(format!("{}{at}", Error::panic_message(payload.as_ref()))))
    });
    match res {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            match err {
                // What goes wrong writing standard output (a full disk,
                // a closed terminal) has no file name of its own.
                Error::Export(e) => {
                    eprintln!("hanalign: <stdout>: {}", hanalign::error::describe_io(&e))
                }
                err => eprintln!("hanalign: {err}"),
            }
            ExitCode::from(2)
        }
    }
}

thread_local! {
    /// Where the last panic on this thread happened, set by the panic hook.
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn is_broken_pipe(err: &Error) -> bool {
    let io = match err {
        Error::Export(e) => e,
        Error::Io { source, .. } => source,
        _ => return false,
    };
    io.kind() == io::ErrorKind::BrokenPipe
}

fn run(cli: Cli) -> hanalign::Result<ExitCode> {
    // Test hook (debug builds only): a bug met outside any document.
    #[cfg(debug_assertions)]
    if std::env::var("HANALIGN_FAILPOINT").is_ok_and(|v| v == "panic") {
        panic!("failpoint");
    }
    match cli.command {
        Command::Align(a) => align(a).map(|()| ExitCode::SUCCESS),
        Command::Segment(s) => segment(s).map(|()| ExitCode::SUCCESS),
        Command::Glossary(g) => glossary_cmd::run(g),
        Command::Romanize(r) => romanize_cmd::run(r),
        Command::Batch(b) => batch_cmd::run(b),
        Command::Convert { input, output, format, min_score, include_null, excel, doc_id } => {
            let format = choose_format(format, output.as_deref(), Format::Tsv);
            if let Some(out) = output.as_deref().filter(|p| *p != Path::new("-")) {
                hanalign::output::check_distinct(out, &[&input], &[])?;
            }
            let (name, text) = read_utf8(&input)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let is_tmx = input.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx"))
                || text.trim_start().starts_with("<?xml")
                || text.trim_start().starts_with("<tmx");
            let beads = if is_tmx {
                export::read_tmx(&name, text)?
            } else {
                export::read_jsonl(&name, text)?
            };
            let opts = ExportOptions {
                min_score,
                include_null,
                doc_id: doc_id.unwrap_or_else(|| doc_id_from(&input)),
                excel,
                creation_date: creation_date(),
                ..ExportOptions::default()
            };
            let rows = || {
                beads.iter().map(|(bead, ko, en)| export::Row {
                    bead,
                    ko_text: ko.as_str().into(),
                    en_text: en.as_str().into(),
                })
            };
            match &output {
                Some(path) if path != Path::new("-") => {
                    write_atomically(path, |w| export::write_rows(format, rows(), &opts, w))?
                }
                _ => {
                    let stdout = io::stdout();
                    let mut w = io::BufWriter::new(stdout.lock());
                    export::write_rows(format, rows(), &opts, &mut w)?;
                    w.flush().map_err(Error::Export)?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, pred, json } => {
            let report = hanalign::eval::evaluate(&gold, &pred)?;
            let text = if json {
                serde_json::to_string_pretty(&report).map_err(|e| Error::Export(e.into()))? + "\n"
            } else {
                report.table()
            };
            io::stdout().write_all(text.as_bytes()).map_err(Error::Export)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn align(a: AlignArgs) -> hanalign::Result<()> {
    if a.ko == Path::new("-") && a.en == Path::new("-") {
        return Err(Error::Config("only one input can be read from standard input (-)".into()));
    }
    let format = choose_format(a.format, a.output.as_deref(), Format::Tsv);
    // No output may replace an input (`-o` naming the Korean file, or a
    // Moses base name beside the inputs).
    if let Some(out) = a.output.as_deref().filter(|p| *p != Path::new("-")) {
        let inputs = [a.ko.as_path(), a.en.as_path()];
        if format == Format::Moses && !a.explain {
            let (ko_path, en_path) = moses_paths(out);
            hanalign::output::check_distinct(&ko_path, &inputs, &[])?;
            hanalign::output::check_distinct(&en_path, &inputs, &[])?;
        } else {
            hanalign::output::check_distinct(out, &inputs, &[])?;
        }
    }
    let input = if a.segmented { InputMode::Lines } else { a.input };
    let read = read_options(input, &a.read, &a.limits)?;
    let opts = ExportOptions {
        min_score: a.min_score,
        include_null: a.include_null,
        doc_id: a.doc_id.clone().unwrap_or_else(|| doc_id_from(&a.ko)),
        ko_tag: a.ko_tag.clone(),
        en_tag: a.en_tag.clone(),
        creation_date: creation_date(),
        excel: a.excel,
        jsonl_hf: a.jsonl_style == JsonlStyle::Hf,
        ..ExportOptions::default()
    };
    opts.validate()?;
    // One-sentence-per-line input never loses a line, so it needs no patterns.
    let no_patterns = a.keep_boilerplate || input == InputMode::Lines;
    if !a.no_lexicon && !a.no_glossary {
        // The shipped glossary is built on a thread of its own meanwhile.
        hanalign::pipeline::preload_builtins(!no_patterns);
    }
    let boilerplate = if no_patterns { None } else { Some(boilerplate(&a.read)?) };
    let ko = Document::from_path_with(&a.ko, Lang::Ko, &read)?;
    let en = Document::from_path_with(&a.en, Lang::En, &read)?;
    let glossary = match (a.no_glossary, a.glossaries.files.is_empty()) {
        (false, _) => Some(Glossary::load(&a.glossaries.files)?),
        (true, true) => None,
        (true, false) => Some(Glossary::from_files(&a.glossaries.files)?),
    };
    let pipeline = Pipeline::new(PipelineConfig {
        boilerplate,
        aligner: AlignerConfig::default(),
        check_languages: true,
        glossary,
        lexicon: (!a.no_lexicon).then(|| hanalign::lexicon::Lexicon::builtin().clone()),
        max_sentence_chars: a.limits.max_sentence_chars,
    });
    let pair = pipeline.align(ko, en)?;
    if !a.quiet {
        for w in &pair.warnings {
            eprintln!("hanalign: warning: {w}");
        }
    }
    if a.read.show_dropped {
        show_dropped(&pair.ko);
        show_dropped(&pair.en);
    }
    let write = |w: &mut dyn Write| {
        if a.explain {
            export::explain::write(&pair, w).map_err(Error::Export)
        } else {
            export::write(format, &pair, &opts, w)
        }
    };
    if format == Format::Moses && !a.explain {
        let Some(base) = a.output.as_ref().filter(|p| *p != Path::new("-")) else {
            return Err(Error::Config(
                "--format moses writes two files: give their base name with -o".into(),
            ));
        };
        return write_moses_files(base, &pair, &opts);
    }
    match &a.output {
        Some(path) if path != Path::new("-") => write_atomically(path, write),
        _ => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            write(&mut w)?;
            w.flush().map_err(Error::Export)
        }
    }
}

fn segment(s: SegmentArgs) -> hanalign::Result<()> {
    let read = read_options(s.input, &s.read, &s.limits)?;
    let given = s.lang.map(|l| match l {
        LangArg::Ko => Lang::Ko,
        LangArg::En => Lang::En,
    });
    let doc = Document::from_path_with(&s.file, given.unwrap_or(Lang::En), &read)?;
    let lang = given
        .or_else(|| match langid::detect(&doc.text) {
            Some(langid::Detected::Lang(l)) => Some(l),
            _ => None,
        })
        .unwrap_or(Lang::En);
    let doc = Document { lang, ..doc };
    let bp =
        if s.drop_boilerplate || s.read.show_dropped { Some(boilerplate(&s.read)?) } else { None };
    let seg = SegmentedDoc::with_boilerplate(doc, bp.as_ref())?;
    seg.check_sentence_chars(s.limits.max_sentence_chars)?;
    if s.read.show_dropped {
        show_dropped(&seg);
    }
    // Without --drop-boilerplate every segment is printed, furniture included,
    // in document order.
    let mut items: Vec<(usize, usize, &str)> = seg
        .sentences
        .iter()
        .enumerate()
        .map(|(i, x)| (x.norm.start, x.paragraph, seg.original(i)))
        .collect();
    if !s.drop_boilerplate {
        items.extend(seg.dropped.iter().map(|d| (d.norm.start, usize::MAX, seg.dropped_text(d))));
        items.sort_by_key(|x| x.0);
    }
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let mut last_para = None;
    for (_, para, text) in items {
        // A dropped segment stands as its own paragraph.
        if last_para.is_some() && (last_para != Some(para) || para == usize::MAX) {
            writeln!(w).map_err(Error::Export)?;
        }
        last_para = Some(para);
        // One segment per line: a line break inside it becomes a space, and
        // so does any character some line reader ends a line at.
        let breaks = export::LINE_BREAKS;
        writeln!(w, "{}", text.replace(breaks, " ")).map_err(Error::Export)?;
    }
    w.flush().map_err(Error::Export)
}

/// Writes BASE.ko and BASE.en; both are complete before either replaces an
/// existing file.
fn write_moses_files(
    base: &Path,
    pair: &hanalign::AlignedPair,
    opts: &ExportOptions,
) -> hanalign::Result<()> {
    let (ko_path, en_path) = moses_paths(base);
    hanalign::output::check_destination(&ko_path)?;
    hanalign::output::check_destination(&en_path)?;
    let (mut ko_buf, mut en_buf) = (Vec::new(), Vec::new());
    export::write_moses(pair, opts, &mut ko_buf, &mut en_buf)?;
    let put = |path: &Path, bytes: &[u8]| {
        write_atomically(path, |w| {
            w.write_all(bytes).map_err(|e| Error::io(path.display().to_string(), e))
        })
    };
    put(&ko_path, &ko_buf)?;
    put(&en_path, &en_buf)
}

/// The two files of a Moses corpus with base name `base`: BASE.ko, BASE.en.
fn moses_paths(base: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let with_ext = |ext: &str| {
        let mut s = base.as_os_str().to_owned();
        s.push(format!(".{ext}"));
        std::path::PathBuf::from(s)
    };
    (with_ext("ko"), with_ext("en"))
}

/// Turns the reading flags into library options.
fn read_options(input: InputMode, r: &ReadArgs, l: &LimitArgs) -> hanalign::Result<ReadOptions> {
    let format = match input {
        InputMode::Auto => InputFormat::Auto,
        InputMode::Text => InputFormat::Text,
        InputMode::Lines => InputFormat::Lines,
        InputMode::Html => InputFormat::Html,
    };
    let encoding = match &r.encoding {
        None => None,
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| Error::Config(format!("unknown encoding {label:?}")))?,
        ),
    };
    Ok(ReadOptions { format, encoding, max_doc_bytes: l.max_doc_bytes })
}

/// The shipped furniture patterns plus any given with --boilerplate.
fn boilerplate(r: &ReadArgs) -> hanalign::Result<Boilerplate> {
    let mut bp = Boilerplate::builtin().clone();
    for path in &r.boilerplate {
        let (name, text) = read_utf8(path)?;
        bp.extend(Boilerplate::from_tsv(&name, &text)?);
    }
    Ok(bp)
}

fn show_dropped(seg: &SegmentedDoc) {
    for d in &seg.dropped {
        eprintln!(
            "hanalign: dropped from {} ({}): {}",
            seg.doc.name,
            d.reason,
            seg.dropped_text(d)
        );
    }
}

/// The output format: `--format` if given, else the extension of `-o`,
/// else `default`.
pub(crate) fn choose_format(
    arg: Option<FormatArg>,
    output: Option<&Path>,
    default: Format,
) -> Format {
    match (arg, output) {
        (Some(f), _) => to_format(f),
        (None, Some(path)) => Format::from_extension(path).unwrap_or(default),
        (None, None) => default,
    }
}

fn to_format(f: FormatArg) -> Format {
    match f {
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Tmx => Format::Tmx,
        FormatArg::Csv => Format::Csv,
        FormatArg::Moses => Format::Moses,
        FormatArg::Html => Format::Html,
    }
}

/// `examples/harbour.ko.txt` → `harbour`.
fn doc_id_from(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("doc");
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() || stem == "-" {
        "doc".to_string()
    } else {
        stem.to_string()
    }
}

/// Now, or `SOURCE_DATE_EPOCH` when set (reproducible builds of a corpus).
pub(crate) fn creation_date() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
        .unwrap_or_else(std::time::SystemTime::now);
    export::utc_timestamp(now)
}
