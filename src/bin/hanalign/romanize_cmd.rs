//! `hanalign romanize`: romanise text line by line, or score name pairs.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use hanalign::glossary::{en_key, Glossary};
use hanalign::romanize::{romanize, Mode, System};
use hanalign::{names, Error};

use crate::args::{ModeArg, RomanizeArgs, SystemArg};

/// Runs the command: one output line per input line.
pub fn run(a: RomanizeArgs) -> hanalign::Result<ExitCode> {
    let lines: Vec<String> = if a.text.is_empty() {
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
        for (n, line) in lines.iter().enumerate() {
            let Some((hangul, latin)) = line.split_once('\t') else {
                return Err(Error::BadLine {
                    name: if a.text.is_empty() { "<stdin>".into() } else { "arguments".into() },
                    line: n + 1,
                    message: "expected hangul<TAB>latin".into(),
                });
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
