//! `hanalign glossary …`: lookup, add, remove, edit, lint, fmt and export.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use hanalign::glossary::{
    self, en_key, ko_key, Entry, Glossary, GlossaryFile, Kind, BUILTIN_FILES,
};
use hanalign::output::write_atomically;
use hanalign::{names, Error};

use crate::args::{EntryArgs, GlossaryCommand, GlossaryFormat};

/// Runs one glossary subcommand; `Ok(1)` means "ran, found problems".
pub fn run(cmd: GlossaryCommand) -> hanalign::Result<ExitCode> {
    match cmd {
        GlossaryCommand::Lookup { term, glossaries } => {
            let g = Glossary::load(&glossaries.files)?;
            lookup(&g, &term)
        }
        GlossaryCommand::Add { file, entry } => add(&file, entry).map(|()| ExitCode::SUCCESS),
        GlossaryCommand::Remove { file, ko, en } => remove(&file, &ko, en.as_deref()),
        GlossaryCommand::Edit {
            file,
            ko,
            en,
            set_en,
            set_variants,
            set_kind,
            set_system,
            set_note,
            set_source,
        } => change(&file, &ko, en.as_deref(), |file, i| {
            let e = &mut file.entries[i];
            if let Some(v) = set_en {
                e.en = nfc(v.trim());
            }
            if let Some(v) = set_variants {
                e.variants = split_variants(&v);
            }
            if let Some(v) = set_kind {
                e.kind = v.parse::<Kind>().map_err(Error::Config)?;
            }
            if let Some(v) = set_system {
                e.system = v;
            }
            if let Some(v) = set_note {
                e.note = nfc(v.trim());
            }
            if let Some(v) = set_source {
                e.source = nfc(v.trim());
            }
            check_entry(e)?;
            check_fits(file, &file.entries[i], Some(i))
        })
        .map(|()| ExitCode::SUCCESS),
        GlossaryCommand::Lint { files } => lint(&files),
        GlossaryCommand::Suggest { paths, segmented, min_score, top, glossaries } => {
            suggest(&paths, segmented, min_score, top, &glossaries.files)
        }
        GlossaryCommand::Fmt { files } => {
            for f in &files {
                let mut parsed = GlossaryFile::read(f)?;
                for e in &mut parsed.entries {
                    for field in [&mut e.ko, &mut e.en, &mut e.system, &mut e.note, &mut e.source]
                        .into_iter()
                        .chain(&mut e.variants)
                    {
                        *field = nfc(field);
                    }
                }
                write_atomically(f, |w| {
                    w.write_all(parsed.to_csv().as_bytes())
                        .map_err(|e| Error::io(f.display().to_string(), e))
                })?;
            }
            Ok(ExitCode::SUCCESS)
        }
        GlossaryCommand::Export { format, output, glossaries } => {
            let g = Glossary::load(&glossaries.files)?;
            let write = |w: &mut dyn Write| -> hanalign::Result<()> {
                match format {
                    GlossaryFormat::Tbx => glossary::write_tbx(&g, w),
                    GlossaryFormat::Csv => glossary::write_csv(&g, w),
                    GlossaryFormat::Tsv => glossary::write_tsv(&g, w),
                }
                .map_err(Error::Export)
            };
            match output {
                Some(path) => write_atomically(&path, write)?,
                None => {
                    let stdout = io::stdout();
                    let mut w = io::BufWriter::new(stdout.lock());
                    write(&mut w)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn lookup(g: &Glossary, term: &str) -> hanalign::Result<ExitCode> {
    let found = g.lookup(term);
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    if found.is_empty() {
        // No exact entry: ask the name matcher for the closest ones.
        let fuzzy = glossary::fuzzy_lookup(g, term, names::DEFAULT_THRESHOLD, 5);
        if fuzzy.is_empty() {
            eprintln!("hanalign: no glossary entry for {term:?}");
            return Ok(ExitCode::from(1));
        }
        eprintln!("hanalign: no exact entry for {term:?}; did you mean:");
        for (score, e) in fuzzy {
            write!(w, "~{score:.2}\t").map_err(Error::Export)?;
            print_entry(&mut w, e).map_err(Error::Export)?;
        }
        w.flush().map_err(Error::Export)?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in found {
        print_entry(&mut w, e).map_err(Error::Export)?;
    }
    w.flush().map_err(Error::Export)?;
    Ok(ExitCode::SUCCESS)
}

fn print_entry(w: &mut dyn Write, e: &Entry) -> io::Result<()> {
    write!(w, "{}\t{}\t{}", e.ko, e.en, e.kind)?;
    if !e.variants.is_empty() {
        write!(w, "\talso: {}", e.variants.join(", "))?;
    }
    if !e.note.is_empty() {
        write!(w, "\t({})", e.note)?;
    }
    writeln!(w)
}

fn split_variants(v: &str) -> Vec<String> {
    v.split('|').map(str::trim).filter(|s| !s.is_empty()).map(nfc).collect()
}

/// `s` in Unicode NFC, as the glossary files are kept.
fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// Field checks for an entry typed on the command line: what `glossary
/// lint` would refuse in it alone is refused before it is written.
fn check_entry(e: &Entry) -> hanalign::Result<()> {
    if e.ko.trim().is_empty() || e.en.trim().is_empty() {
        return Err(Error::Config(
            "the Korean form and the English spelling must not be empty".into(),
        ));
    }
    match e.problems().into_iter().next() {
        Some(problem) => Err(Error::Config(problem)),
        None => Ok(()),
    }
}

/// Reads a glossary file for editing: an existing file must parse cleanly;
/// a missing one starts empty.
fn read_for_edit(path: &Path) -> hanalign::Result<GlossaryFile> {
    if path.exists() {
        GlossaryFile::read(path)
    } else {
        Ok(GlossaryFile { name: path.display().to_string(), ..GlossaryFile::default() })
    }
}

fn save(path: &Path, file: &GlossaryFile) -> hanalign::Result<()> {
    let text = file.to_csv();
    write_atomically(path, |w| {
        w.write_all(text.as_bytes()).map_err(|e| Error::io(path.display().to_string(), e))
    })
}

fn add(path: &Path, a: EntryArgs) -> hanalign::Result<()> {
    let entry = Entry {
        ko: nfc(a.ko.trim()),
        en: nfc(a.en.trim()),
        variants: split_variants(&a.variants),
        kind: a.kind.parse::<Kind>().map_err(Error::Config)?,
        system: a.system.trim().to_string(),
        note: nfc(a.note.trim()),
        source: nfc(a.source.trim()),
    };
    check_entry(&entry)?;
    let mut file = read_for_edit(path)?;
    check_fits(&file, &entry, None)?;
    file.entries.push(entry);
    save(path, &file)
}

/// Checks that `entry` may stand in `file` beside its other entries (all
/// but entry `skip`, the one being edited): not a duplicate of one, and not
/// a second preferred spelling of a name one already spells.
fn check_fits(file: &GlossaryFile, entry: &Entry, skip: Option<usize>) -> hanalign::Result<()> {
    let name = file.name.clone();
    for (k, (e, &line)) in file.entries.iter().zip(&file.lines).enumerate() {
        if Some(k) == skip || ko_key(&e.ko) != ko_key(&entry.ko) {
            continue;
        }
        if en_key(&e.en) == en_key(&entry.en) {
            return Err(Error::BadLine {
                name,
                line,
                message: format!("{} / {} is already in the glossary", e.ko, e.en),
            });
        }
        if e.kind == entry.kind
            && e.spellings().any(|s| entry.spellings().any(|t| en_key(s) == en_key(t)))
        {
            return Err(Error::BadLine {
                name,
                line,
                message: format!(
                    "conflict: {} already has the preferred spelling {:?}; change it with `hanalign glossary edit`",
                    e.ko, e.en
                ),
            });
        }
    }
    Ok(())
}

/// Removes the entry of `ko` (and `en`); an entry listed more than once
/// (a hand edit) is removed with its copies when `en` names it.
fn remove(path: &Path, ko: &str, en: Option<&str>) -> hanalign::Result<ExitCode> {
    let mut file = GlossaryFile::read(path)?;
    let hits = matching(&file, ko, en)?;
    if en.is_none() && hits.len() > 1 {
        return Err(Error::Config(format!(
            "{}: {ko} has {} entries; say which with --en",
            file.name,
            hits.len()
        )));
    }
    for &i in hits.iter().rev() {
        file.entries.remove(i);
        file.lines.remove(i);
    }
    save(path, &file).map(|()| ExitCode::SUCCESS)
}

/// The entries of `ko` (and `en`) in the file; none is an error.
fn matching(file: &GlossaryFile, ko: &str, en: Option<&str>) -> hanalign::Result<Vec<usize>> {
    let hits: Vec<usize> = (0..file.entries.len())
        .filter(|&i| ko_key(&file.entries[i].ko) == ko_key(ko))
        .filter(|&i| en.is_none_or(|en| en_key(&file.entries[i].en) == en_key(en)))
        .collect();
    if hits.is_empty() {
        return Err(Error::Config(format!(
            "{}: no entry for {ko}{}",
            file.name,
            en.map(|e| format!(" / {e}")).unwrap_or_default()
        )));
    }
    Ok(hits)
}

/// Applies `f` to the one entry of `ko` (and `en`) in the file, then saves.
fn change<F>(path: &Path, ko: &str, en: Option<&str>, f: F) -> hanalign::Result<()>
where
    F: FnOnce(&mut GlossaryFile, usize) -> hanalign::Result<()>,
{
    let mut file = GlossaryFile::read(path)?;
    match matching(&file, ko, en)?.as_slice() {
        [i] => {
            f(&mut file, *i)?;
            save(path, &file)
        }
        hits if en.is_some() => Err(Error::Config(format!(
            "{}: {ko} / {} is listed {} times (lines {}); remove the copies first",
            file.name,
            en.unwrap_or_default(),
            hits.len(),
            hits.iter().map(|&i| file.lines[i].to_string()).collect::<Vec<_>>().join(", ")
        ))),
        hits => Err(Error::Config(format!(
            "{}: {ko} has {} entries; say which with --en",
            file.name,
            hits.len()
        ))),
    }
}

fn suggest(
    paths: &[std::path::PathBuf],
    segmented: bool,
    min_score: f64,
    top: usize,
    glossaries: &[std::path::PathBuf],
) -> hanalign::Result<ExitCode> {
    hanalign::export::check_score("min score", min_score)?;
    let g = Glossary::load(glossaries)?;
    let read = hanalign::ReadOptions {
        format: if segmented { hanalign::InputFormat::Lines } else { hanalign::InputFormat::Auto },
        ..hanalign::ReadOptions::default()
    };
    let pipeline = hanalign::Pipeline::new(hanalign::PipelineConfig {
        glossary: Some(g.clone()),
        lexicon: Some(hanalign::lexicon::Lexicon::builtin().clone()),
        ..hanalign::PipelineConfig::default()
    });
    let mut pairs = Vec::new();
    for (ko, en) in input_pairs(paths)? {
        let ko = hanalign::Document::from_path_with(&ko, hanalign::Lang::Ko, &read)?;
        let en = hanalign::Document::from_path_with(&en, hanalign::Lang::En, &read)?;
        pairs.push(pipeline.align(ko, en)?);
    }
    let found = hanalign::suggest::suggest(&pairs, &g, min_score);
    let mut file = GlossaryFile::default();
    for s in found.iter().take(top) {
        file.entries.push(Entry {
            ko: s.ko.clone(),
            en: s.en.clone(),
            variants: Vec::new(),
            kind: hanalign::suggest::guess_kind(&s.ko, &s.en),
            system: String::new(),
            note: format!("suggested: score {:.2}, seen {} times; kind guessed", s.score, s.count),
            source: "suggest".to_string(),
        });
    }
    // Most frequent first, as ranked (not sorted like a glossary file).
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let mut csv =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut w);
    csv.write_record(glossary::HEADER).map_err(|e| Error::Export(e.into()))?;
    for e in &file.entries {
        csv.write_record(e.record()).map_err(|e| Error::Export(e.into()))?;
    }
    csv.flush().map_err(Error::Export)?;
    drop(csv);
    w.flush().map_err(Error::Export)?;
    eprintln!("hanalign: {} candidate(s) from {} document pair(s)", found.len(), pairs.len());
    Ok(ExitCode::SUCCESS)
}

/// KO EN file pairs from the arguments: directories give their X.ko.txt /
/// X.en.txt pairs, files are taken two by two.
fn input_pairs(
    paths: &[std::path::PathBuf],
) -> hanalign::Result<Vec<(std::path::PathBuf, std::path::PathBuf)>> {
    let mut out = Vec::new();
    let mut loose = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| Error::io(p.display().to_string(), e))?;
            let mut names: Vec<std::path::PathBuf> =
                rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            for ko in names {
                let Some(stem) = ko.to_str().and_then(|s| s.strip_suffix(".ko.txt")) else {
                    continue;
                };
                let en = std::path::PathBuf::from(format!("{stem}.en.txt"));
                if en.exists() {
                    out.push((ko.clone(), en));
                }
            }
        } else if p.exists() {
            loose.push(p.clone());
        } else {
            return Err(Error::io(p.display().to_string(), std::io::ErrorKind::NotFound.into()));
        }
    }
    if loose.len() % 2 != 0 {
        return Err(Error::Config(
            "files must come in pairs: a Korean file, then its English version".into(),
        ));
    }
    out.extend(loose.chunks(2).map(|c| (c[0].clone(), c[1].clone())));
    if out.is_empty() {
        return Err(Error::Config("no document pairs found".into()));
    }
    Ok(out)
}

/// Lint's question to the name matcher: does this spelling sound like its
/// Korean form? Asked only of kinds whose English is a transcription (not of
/// organisations, terms, exonyms or partly translated names).
fn spelling_check(e: &Entry, spelling: &str) -> Option<String> {
    if matches!(e.kind, Kind::Org | Kind::Term) || !glossary::is_transcription(e) {
        return None;
    }
    let words: Vec<&str> = spelling.split_whitespace().collect();
    // Partly translated names (Busan Metropolitan City, Gangwon Province).
    if words
        .iter()
        .any(|w| TRANSLATED_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
    {
        return None;
    }
    // Administrative units the English leaves out (부산광역시 Busan).
    let base =
        KOREAN_UNITS.iter().find_map(|u| e.ko.strip_suffix(u).filter(|b| b.chars().count() >= 2));
    let mut score = names::similarity(&e.ko, spelling);
    if let Some(base) = base {
        score = score.max(names::similarity(base, spelling));
    }
    // A middle name the Korean form leaves out (Rafael Mariano Grossi).
    if words.len() >= 3 {
        for skip in 1..words.len() - 1 {
            let shorter: Vec<&str> =
                words.iter().enumerate().filter(|(k, _)| *k != skip).map(|(_, w)| *w).collect();
            score = score.max(names::similarity(&e.ko, &shorter.join(" ")));
        }
    }
    (score < SPELLING_DOUBT)
        .then(|| format!("{spelling:?} does not sound like {} (matcher score {score:.2})", e.ko))
}

/// Below this similarity lint doubts a spelling.
const SPELLING_DOUBT: f64 = 0.4;

/// Korean administrative units, longest first.
const KOREAN_UNITS: &[&str] =
    &["특별자치시", "특별자치도", "광역시", "특별시", "자치시", "시", "도", "군", "구"];

/// English words that translate part of a name rather than transcribe it.
const TRANSLATED_WORDS: &[&str] = &[
    "Province",
    "City",
    "Metropolitan",
    "Special",
    "State",
    "Island",
    "Islands",
    "Rock",
    "Mountain",
    "Mount",
    "River",
    "Street",
    "Bridge",
    "Port",
    "Bay",
    "Sea",
    "Lake",
    "Peninsula",
    "County",
    "District",
    "Self-Governing",
    "Autonomous",
    "North",
    "South",
    "East",
    "West",
    "Strait",
    "Gate",
    "Palace",
    "Hall",
    "Square",
    "Station",
    "Airport",
    "Reservoir",
    "Dam",
    "Plain",
    "Valley",
    "Park",
];

fn lint(files: &[std::path::PathBuf]) -> hanalign::Result<ExitCode> {
    let mut texts: Vec<(String, String)> = Vec::new();
    if files.is_empty() {
        texts.extend(BUILTIN_FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    }
    for f in files {
        texts.push(hanalign::document::read_utf8(f)?);
    }
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let (mut problems, mut entries) = (0, 0);
    for (name, text) in &texts {
        for p in glossary::lint(name, text, Some(&spelling_check)) {
            writeln!(w, "{name}:{}: {}", p.line, p.message).map_err(Error::Export)?;
            problems += 1;
        }
        entries += GlossaryFile::parse(name, text).map(|f| f.entries.len()).unwrap_or(0);
    }
    w.flush().map_err(Error::Export)?;
    if problems > 0 {
        eprintln!("hanalign: {problems} problem(s) in {} file(s)", texts.len());
        return Ok(ExitCode::from(1));
    }
    eprintln!("hanalign: {} file(s), {entries} entries, no problems", texts.len());
    Ok(ExitCode::SUCCESS)
}
