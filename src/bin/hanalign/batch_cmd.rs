//! `hanalign batch`: many document pairs, one corpus out.

use std::cell::RefCell;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use hanalign::batch::{self, DocReport, Item};
use hanalign::export::{self, ExportOptions, Format};
use hanalign::glossary::Glossary;
use hanalign::output::write_atomically;
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
    let pipeline = Pipeline::new(PipelineConfig {
        aligner: AlignerConfig::default(),
        boilerplate: if a.keep_boilerplate || a.segmented {
            None
        } else {
            Some(hanalign::boilerplate::Boilerplate::builtin().clone())
        },
        check_languages: true,
        glossary: Some(Glossary::load(&a.glossaries.files)?),
        max_sentence_chars: a.limits.max_sentence_chars,
    });
    // Both outputs can be written, before hours of work go into them.
    for path in a.output.iter().chain(&a.report).filter(|p| *p != Path::new("-")) {
        hanalign::output::check_destination(path)?;
    }
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));

    // Inputs: a directory, a manifest, or JSONL records on stdin (streamed).
    let bad_lines: RefCell<Vec<DocReport>> = RefCell::new(Vec::new());
    let (items, total): (Box<dyn Iterator<Item = Item>>, Option<u64>) = if a.input == Path::new("-")
    {
        let lines = io::stdin().lock().lines().enumerate();
        let bad = &bad_lines;
        let it = lines.filter_map(move |(n, line)| {
            let parsed = line.map_err(|e| e.to_string()).and_then(|l| batch::item_from_json(&l));
            match parsed {
                Ok(item) => Some(item),
                Err(msg) => {
                    let err = Error::BadLine { name: "<stdin>".into(), line: n + 1, message: msg };
                    bad.borrow_mut().push(DocReport::failed(&format!("line {}", n + 1), &err));
                    None
                }
            }
        });
        (Box::new(it), None)
    } else if a.input.is_dir() {
        let v = batch::items_from_dir(&a.input)?;
        let n = v.len() as u64;
        (Box::new(v.into_iter()), Some(n))
    } else {
        let v = batch::items_from_manifest(&a.input)?;
        let n = v.len() as u64;
        (Box::new(v.into_iter()), Some(n))
    };
    let items = items.filter(|it| shard.is_none_or(|(k, n)| batch::in_shard(&it.id, k, n)));

    let show_progress = !a.quiet && (a.progress || io::stderr().is_terminal());
    let bar = if show_progress {
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

    let mut reports: Vec<DocReport> = Vec::new();
    let mut failed = 0usize;
    let body = |out: &mut dyn Write| -> hanalign::Result<()> {
        let base = ExportOptions {
            min_score: a.min_score,
            creation_date: crate::creation_date(),
            standalone: false,
            jsonl_doc: true,
            ..ExportOptions::default()
        };
        export::write_header(format, &base, out)?;
        batch::run(&pipeline, &read, items, jobs, |item, res| {
            bar.inc(1);
            match res {
                Ok(pair) => {
                    let mut report = DocReport::of(&item.id, &pair);
                    if report.doc_score < a.min_doc_score {
                        report.status = "excluded";
                    } else {
                        let opts = ExportOptions { doc_id: item.id.clone(), ..base.clone() };
                        export::write(format, &pair, &opts, out)?;
                    }
                    reports.push(report);
                }
                Err(e) => {
                    failed += 1;
                    if !a.quiet {
                        bar.suspend(|| eprintln!("hanalign: skipped {}: {e}", item.id));
                    }
                    reports.push(DocReport::failed(&item.id, &e));
                }
            }
            Ok(())
        })?;
        export::write_footer(format, out)
    };
    match &a.output {
        Some(path) if path != Path::new("-") => write_atomically(path, body)?,
        _ => {
            let stdout = io::stdout();
            let mut w = io::BufWriter::new(stdout.lock());
            body(&mut w)?;
            w.flush().map_err(Error::Export)?;
        }
    }
    bar.finish_and_clear();
    let bad = bad_lines.into_inner();
    failed += bad.len();
    reports.extend(bad);
    if let Some(path) = &a.report {
        write_atomically(path, |w| {
            for r in &reports {
                serde_json::to_writer(&mut *w, r).map_err(|e| Error::Export(e.into()))?;
                w.write_all(b"\n").map_err(Error::Export)?;
            }
            Ok(())
        })?;
    }
    let ok = reports.iter().filter(|r| r.status == "ok").count();
    let excluded = reports.iter().filter(|r| r.status == "excluded").count();
    if !a.quiet {
        eprintln!("hanalign: {ok} document(s) aligned, {excluded} excluded, {failed} failed");
    }
    Ok(if a.strict && failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
