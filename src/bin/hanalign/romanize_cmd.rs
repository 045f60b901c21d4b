//! `hanalign romanize`: romanise text line by line, or score name pairs.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use hanalign::glossary::{en_key, Glossary};
use hanalign::romanize::{romanize, Mode, System};
use hanalign::{names, Error};

use crate::args::{ModeArg, RomanizeArgs, SystemArg};

/// Runs the command: one output line per input line (a blank line for a
/// blank one, with --match too). Standard input is read when no text is
/// given, or `-`; a byte-order mark before it is no part of the first line.
pub fn run(a: RomanizeArgs) -> hanalign::Result<ExitCode> {
    if !a.match_pairs && !a.glossaries.files.is_empty() {
        return Err(Error::Config("--glossary is used only with --match".into()));
    }
    let from_stdin = a.text.is_empty() || a.text == ["-"];
    let lines: Vec<String> = if from_stdin {
        let mut v = Vec::new();
        for (n, line) in io::stdin().lock().lines().enumerate() {
            let line = line.map_err(|e| match e.kind() {
                io::ErrorKind::InvalidData => Error::BadLine {
                    name: "<stdin>".into(),
                    line: n + 1,
                    message: "invalid UTF-8".into(),
                },
                _ => Error::io("<stdin>", e),
            })?;
            let line = if n == 0 { line.trim_start_matches('\u{feff}') } else { &line };
            v.push(line.trim_end_matches('\r').to_string());
        }
        v
    } else {
        a.text.clone()
    };
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    if a.match_pairs {
        let glossary =
            if a.no_glossary { None } else { Some(Glossary::load(&a.glossaries.files)?) };
        // Every line is checked before any is written: a bad line leaves
        // no partial output.
        let mut pairs = Vec::with_capacity(lines.len());
        for (n, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                pairs.push(None);
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [hangul, latin] = fields[..] else {
                return Err(Error::BadLine {
                    name: if from_stdin { "<stdin>".into() } else { "arguments".into() },
                    line: n + 1,
                    message: format!("expected hangul<TAB>latin, found {} field(s)", fields.len()),
                });
            };
            pairs.push(Some((hangul, latin)));
        }
        for pair in pairs {
            let Some((hangul, latin)) = pair else {
                writeln!(w).map_err(Error::Export)?;
                continue;
            };
            let score = pair_score(glossary.as_ref(), hangul.trim(), latin.trim());
            let verdict = if score >= names::DEFAULT_THRESHOLD { "match" } else { "nomatch" };
            writeln!(w, "{hangul}\t{latin}\t{score:.3}\t{verdict}").map_err(Error::Export)?;
        }
    } else {
        let system = match a.system {
            SystemArg::Rr => System::Rr,
            SystemArg::RrTranslit => System::RrTranslit,
            SystemArg::Mr => System::Mr,
            SystemArg::Nk => System::Nk,
        };
        let mode = match a.mode {
            ModeArg::Word => Mode::Word,
            ModeArg::Name => Mode::Name,
            ModeArg::Place => Mode::Place,
        };
        for line in &lines {
            writeln!(w, "{}", romanize(line, system, mode)).map_err(Error::Export)?;
        }
    }
    w.flush().map_err(Error::Export)?;
    Ok(ExitCode::SUCCESS)
}

/// 1 when the glossary lists `latin` as a spelling of `hangul`, else the
/// name matcher's similarity.
fn pair_score(glossary: Option<&Glossary>, hangul: &str, latin: &str) -> f64 {
    if let Some(g) = glossary {
        let listed =
            g.lookup(hangul).iter().any(|e| e.spellings().any(|s| en_key(s) == en_key(latin)));
        if listed {
            return 1.0;
        }
    }
    names::similarity(hangul, latin)
}
