//! `hanalign batch`: many document pairs, one corpus out.

use std::cell::RefCell;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
#[cfg(unix)]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use hanalign::batch::{self, DocReport, Done, Item, Rejected, Source};
use hanalign::export::{self, ExportOptions, Format};
use hanalign::glossary::Glossary;
use hanalign::output::AtomicFile;
use hanalign::{AlignerConfig, Error, InputFormat, Pipeline, PipelineConfig, ReadOptions};

use crate::args::BatchArgs;

/// Runs the batch.
pub fn run(a: BatchArgs) -> hanalign::Result<ExitCode> {
    let format = crate::choose_format(a.format, a.output.as_deref(), Format::Jsonl);
    if matches!(format, Format::Html | Format::Moses) {
        return Err(Error::Config(format!(
            "batch cannot write {} (use jsonl, tsv, csv or tmx)",
            format.name()
        )));
    }
    export::check_score("min document score", a.min_doc_score)?;
    let shard = match &a.shard {
        None => None,
        Some(s) => {
            let parsed = s
                .split_once('/')
                .and_then(|(k, n)| Some((k.parse::<usize>().ok()?, n.parse::<usize>().ok()?)));
            match parsed {
                Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Some((k, n)),
                _ => {
                    return Err(Error::Config(format!(
                        "--shard {s:?}: expected K/N with 1 <= K <= N"
                    )))
                }
            }
        }
    };
    let read = ReadOptions {
        format: if a.segmented { InputFormat::Lines } else { InputFormat::Auto },
        encoding: None,
        max_doc_bytes: a.limits.max_doc_bytes,
    };
    let no_patterns = a.keep_boilerplate || a.segmented;
    hanalign::pipeline::preload_builtins(!no_patterns);
    let pipeline = Pipeline::new(PipelineConfig {
        aligner: AlignerConfig::default(),
        boilerplate: if no_patterns {
            None
        } else {
            Some(hanalign::boilerplate::Boilerplate::builtin().clone())
        },
        check_languages: true,
        glossary: Some(Glossary::load(&a.glossaries.files)?),
        lexicon: Some(hanalign::lexicon::Lexicon::builtin().clone()),
        max_sentence_chars: a.limits.max_sentence_chars,
    });
    // Both outputs can be written, before hours of work go into them, and
    // neither replaces the other or the manifest.
    let outputs: Vec<&Path> = a
        .output
        .iter()
        .chain(&a.report)
        .map(|p| p.as_path())
        .filter(|p| *p != Path::new("-"))
        .collect();
    let manifest: Vec<&Path> =
        if a.input == Path::new("-") || a.input.is_dir() { vec![] } else { vec![&a.input] };
    for (k, path) in outputs.iter().enumerate() {
        hanalign::output::check_destination(path)?;
        hanalign::output::check_distinct(path, &manifest, &outputs[..k])?;
    }
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));

    let stop = catch_signals()?;
    let say = |msg: &str| {
        if !a.quiet {
            eprintln!("hanalign: {msg}");
        }
    };
    // A run killed outright leaves its temporary files: clear them away.
    for path in a.output.iter().chain(a.report.iter()).filter(|p| *p != Path::new("-")) {
        let n = hanalign::output::remove_stale(path)?;
        if n > 0 {
            say(&format!(
                "removed {n} temporary file(s) a killed run left beside {}",
                path.display()
            ));
        }
    }

    // The report streams into its temporary file; with --resume it starts
    // with the lines of the documents a previous run finished.
    let mut report = a.report.as_deref().map(AtomicFile::create).transpose()?;
    let done = match (&mut report, a.resume) {
        (Some(w), true) => {
            let path = a.report.as_deref().expect("report given");
            let done = batch::copy_done_reports(path, w)?;
            if done.is_none() {
                say(&format!(
                    "{}: no previous report; starting from the beginning",
                    path.display()
                ));
            }
            done.unwrap_or_default()
        }
        _ => Done::default(),
    };
    let report = RefCell::new(report);
    let write_report = |r: &DocReport| -> hanalign::Result<()> {
        if let Some(w) = report.borrow_mut().as_mut() {
            serde_json::to_writer(&mut *w, r).map_err(|e| Error::Export(e.into()))?;
            w.write_all(b"\n").map_err(Error::Export)?;
        }
        Ok(())
    };

    // Inputs: a directory, a manifest, or JSONL records on stdin (streamed).
    let done = Arc::new(done);
    let wanted = {
        let done = Arc::clone(&done);
        move |it: &Item| {
            shard.is_none_or(|(k, n)| batch::in_shard(&it.id, k, n)) && !done.contains(&it.id)
        }
    };
    let mut failed = 0usize;
    let streamed = a.input == Path::new("-");
    let (inputs, total) = if streamed {
        // Read on a thread of its own (see `batch::run_stream`), so each
        // document's beads go out as soon as they are ready.
        let lines = io::BufReader::new(io::stdin()).lines().enumerate();
        // Blank lines (a trailing one, say) are no documents; a byte-order
        // mark is not part of the first.
        let lines = lines.filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()));
        let it = lines
            .map(|(n, line)| {
                line.map_err(|e| e.to_string())
                    .and_then(|l| {
                        let l = if n == 0 { l.strip_prefix('\u{feff}').unwrap_or(&l) } else { &l };
                        batch::item_from_json(l)
                    })
                    .map_err(|message| Rejected {
                        id: format!("line {}", n + 1),
                        error: Error::BadLine { name: "<stdin>".into(), line: n + 1, message },
                    })
            })
            .filter(move |input| input.as_ref().map_or(true, &wanted));
        (Box::new(it) as Inputs, None)
    } else if a.input.is_dir() {
        let v = batch::items_from_dir(&a.input)?;
        check_not_read(&outputs, &v)?;
        let v: Vec<Item> = v.into_iter().filter(wanted).collect();
        let n = v.len() as u64;
        (Box::new(v.into_iter().map(Ok)) as Inputs, Some(n))
    } else {
        // A manifest is checked through first, then read again as the
        // documents go, so that millions of lines take no memory.
        let mut n = 0u64;
        let manifest = batch::Manifest::open(&a.input, |item| {
            n += u64::from(wanted(item));
            check_not_read(&outputs, std::slice::from_ref(item))
        })?;
        let it = manifest.items()?.filter_map(move |record| match record {
            Ok((_, item)) => wanted(&item).then_some(Ok(item)),
            // The manifest was edited since it was checked: the line is
            // reported in its place.
            Err(error) => {
                let id = match &error {
                    Error::BadLine { line, .. } => format!("line {line}"),
                    _ => "manifest".to_string(),
                };
                Some(Err(Rejected { id, error }))
            }
        });
        (Box::new(it) as Inputs, Some(n))
    };

    let on_terminal = io::stderr().is_terminal();
    let show_progress = !a.quiet && (a.progress || on_terminal);
    // Off a terminal (a log file), --progress prints a plain line every few
    // seconds instead of redrawing a bar.
    let progress_lines = show_progress && !on_terminal;
    let started_at = std::time::Instant::now();
    let mut last_line = started_at;
    let bar = if show_progress && on_terminal {
        let bar = total
            .map(indicatif::ProgressBar::new)
            .unwrap_or_else(indicatif::ProgressBar::no_length);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {per_sec}  eta {eta}",
            )
            .expect("static template"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };

    let (mut ok, mut excluded) = (0usize, 0usize);
    let base = ExportOptions {
        min_score: a.min_score,
        creation_date: crate::creation_date(),
        standalone: false,
        jsonl_doc: true,
        ..ExportOptions::default()
    };
    base.validate()?;
    // Streamed from stdin to stdout, each document is flushed as it is
    // written, for whatever reads the other end of the pipe.
    let flush_each = streamed && a.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let body = |out: &mut dyn Write, resumed: bool| -> hanalign::Result<()> {
        if !resumed {
            export::write_header(format, &base, out)?;
        }
        let each = |item: &Item, res: hanalign::Result<hanalign::AlignedPair>| {
            bar.inc(1);
            if progress_lines && last_line.elapsed() >= std::time::Duration::from_secs(2) {
                last_line = std::time::Instant::now();
                let secs = started_at.elapsed().as_secs_f64();
                let of = total.map(|t| format!("/{t}")).unwrap_or_default();
                // The bar counts even when hidden, as it is off a terminal.
                let done = bar.position();
                eprintln!("hanalign: {done}{of} documents, {:.0} a second", done as f64 / secs);
            }
            let r = match res {
                Ok(pair) => {
                    let mut r = DocReport::of(&item.id, &pair);
                    if r.doc_score < a.min_doc_score {
                        r.status = "excluded";
                        excluded += 1;
                    } else {
                        let opts = ExportOptions { doc_id: item.id.clone(), ..base.clone() };
                        export::write(format, &pair, &opts, out)?;
                        ok += 1;
                    }
                    r
                }
                Err(e) => {
                    failed += 1;
                    if !a.quiet {
                        bar.suspend(|| eprintln!("hanalign: skipped {}: {e}", item.id));
                    }
                    DocReport::failed(&item.id, &e)
                }
            };
            write_report(&r)?;
            if flush_each {
                out.flush().map_err(Error::Export)?;
            }
            Ok(())
        };
        // After a signal no new document is started; those in hand are finished.
        let stopped = || stop.load(Ordering::SeqCst) != 0;
        batch::run_stream(&pipeline, &read, inputs, jobs, stopped, each)?;
        export::write_footer(format, out)
    };
    match &a.output {
        Some(path) if path != Path::new("-") => {
            let mut w = AtomicFile::create(path)?;
            let resumed = if done.is_empty() {
                false
            } else {
                let mut footer = Vec::new();
                export::write_footer(format, &mut footer)?;
                if !batch::copy_without_footer(path, &footer, &mut w)? {
                    return Err(Error::Config(format!(
                        "{}: missing, but the report lists {} document(s) done (run without --resume)",
                        path.display(),
                        done.len()
                    )));
                }
                true
            };
            body(&mut w, resumed)?;
            // The output before the report: a run killed between the two
            // renames gives documents twice on resuming, never loses one.
            w.commit()?;
        }
        _ => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::with_capacity(hanalign::output::WRITE_BUFFER, stdout.lock());
            body(&mut w, false)?;
            w.flush().map_err(Error::Export)?;
        }
    }
    bar.finish_and_clear();
    if let Some(w) = report.into_inner() {
        w.commit()?;
    }
    let previous =
        if done.is_empty() { String::new() } else { format!(" ({} done before)", done.len()) };
    say(&format!("{ok} document(s) aligned, {excluded} excluded, {failed} failed{previous}"));
    let signal = stop.load(Ordering::SeqCst);
    if signal != 0 {
        say("interrupted: the output and report hold the documents done so far; run again with --resume to go on");
        return Ok(ExitCode::from(128 + signal as u8));
    }
    Ok(if a.strict && failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The documents of a batch: listed up front (a directory or a manifest),
/// or streamed from stdin.
type Inputs = Box<dyn Iterator<Item = Result<Item, Rejected>> + Send>;

/// Checks that no output is one of the documents' files. Only files with
/// the output's name are compared (one name, not thousands of paths, is
/// resolved).
fn check_not_read(outputs: &[&Path], items: &[Item]) -> hanalign::Result<()> {
    for out in outputs {
        let Some(name) = out.file_name() else { continue };
        let same_name: Vec<&Path> = items
            .iter()
            .flat_map(|it| [&it.ko, &it.en])
            .filter_map(|s| match s {
                Source::Path(p) if p.file_name() == Some(name) => Some(p.as_path()),
                _ => None,
            })
            .collect();
        if !same_name.is_empty() {
            hanalign::output::check_distinct(out, &same_name, &[])?;
        }
    }
    Ok(())
}

/// Catches Ctrl-C (SIGINT) and SIGTERM: the first sets the returned number to
/// the signal's, so that the batch stops cleanly; a second one exits at once
/// with 128 + the signal.
fn catch_signals() -> hanalign::Result<Arc<AtomicUsize>> {
    let caught = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        use signal_hook::flag;
        let armed = Arc::new(AtomicBool::new(false));
        let cannot = |e: io::Error| Error::Config(format!("cannot catch Ctrl-C: {e}"));
        for sig in [SIGINT, SIGTERM] {
            // The shutdown first: it fires only when a first signal armed it.
            flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&armed))
                .map_err(cannot)?;
            flag::register(sig, Arc::clone(&armed)).map_err(cannot)?;
            flag::register_usize(sig, Arc::clone(&caught), sig as usize).map_err(cannot)?;
        }
    }
    Ok(caught)
}
