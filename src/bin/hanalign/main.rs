//! The `hanalign` command: a thin layer over the library.
//!
//! `main` parses the arguments, `run` turns them into library calls, and every
//! error is printed once as `hanalign: <file>: <problem>` with exit code 2.

mod args;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use hanalign::export::{self, ExportOptions, Format};
use hanalign::output::write_atomically;
use hanalign::{langid, Document, Error, Lang, Layout, Pipeline, PipelineConfig};

use args::{AlignArgs, Cli, Command, FormatArg, InputMode, LangArg, SegmentArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("hanalign: {err}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &Error) -> bool {
    let io = match err {
        Error::Export(e) => e,
        Error::Io { source, .. } => source,
        _ => return false,
    };
    io.kind() == io::ErrorKind::BrokenPipe
}

fn run(cli: Cli) -> hanalign::Result<()> {
    match cli.command {
        Command::Align(a) => align(a),
        Command::Segment(s) => segment(s),
    }
}

fn align(a: AlignArgs) -> hanalign::Result<()> {
    if a.ko == Path::new("-") && a.en == Path::new("-") {
        return Err(Error::Config("only one input can be read from standard input (-)".into()));
    }
    let format = match (a.format, &a.output) {
        (Some(f), _) => to_format(f),
        (None, Some(path)) => Format::from_extension(path).unwrap_or(Format::Tsv),
        (None, None) => Format::Tsv,
    };
    let layout =
        if a.segmented || a.input == Some(InputMode::Lines) { Layout::Lines } else { Layout::Text };
    let opts = ExportOptions {
        min_score: a.min_score,
        include_null: a.include_null,
        doc_id: a.doc_id.clone().unwrap_or_else(|| doc_id_from(&a.ko)),
        ko_tag: a.ko_tag.clone(),
        en_tag: a.en_tag.clone(),
        creation_date: creation_date(),
    };
    opts.validate()?;
    let ko = Document::from_path(&a.ko, Lang::Ko)?;
    let en = Document::from_path(&a.en, Lang::En)?;
    if !a.quiet {
        warn_language(&ko);
        warn_language(&en);
    }
    let pipeline = Pipeline::new(PipelineConfig { layout, ..PipelineConfig::default() });
    let pair = pipeline.align(ko, en)?;
    match &a.output {
        Some(path) if path != Path::new("-") => {
            write_atomically(path, |w| export::write(format, &pair, &opts, w))
        }
        _ => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            export::write(format, &pair, &opts, &mut w)
        }
    }
}

fn segment(s: SegmentArgs) -> hanalign::Result<()> {
    let lang = s.lang.map(|l| match l {
        LangArg::Ko => Lang::Ko,
        LangArg::En => Lang::En,
    });
    let doc = Document::from_path(&s.file, lang.unwrap_or(Lang::En))?;
    let lang = lang.or_else(|| langid::detect(&doc.text)).unwrap_or(Lang::En);
    let doc = Document { lang, ..doc };
    let layout = match s.input {
        InputMode::Text => Layout::Text,
        InputMode::Lines => Layout::Lines,
    };
    let seg = hanalign::SegmentedDoc::new(doc, layout)?;
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let mut last_para = None;
    let write_err = |e| Error::Export(e);
    for (i, s) in seg.sentences.iter().enumerate() {
        if last_para.is_some_and(|p| p != s.paragraph) {
            writeln!(w).map_err(write_err)?;
        }
        last_para = Some(s.paragraph);
        // One sentence per line: a soft line break inside a sentence becomes a space.
        let text = seg.original(i).replace(['\r', '\n'], " ");
        writeln!(w, "{text}").map_err(write_err)?;
    }
    w.flush().map_err(write_err)?;
    Ok(())
}

fn to_format(f: FormatArg) -> Format {
    match f {
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Tmx => Format::Tmx,
        FormatArg::Csv => Format::Csv,
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
fn creation_date() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
        .unwrap_or_else(std::time::SystemTime::now);
    export::utc_timestamp(now)
}

fn warn_language(doc: &Document) {
    if let Some(found) = langid::detect(&doc.text) {
        if found != doc.lang {
            eprintln!(
                "hanalign: warning: {}: expected {} text, but it looks like {}",
                doc.name,
                lang_name(doc.lang),
                lang_name(found)
            );
        }
    }
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ko => "Korean",
        Lang::En => "English",
    }
}
