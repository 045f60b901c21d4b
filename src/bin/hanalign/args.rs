//! The command line as typed: clap definitions only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Align a Korean news article with its English edition.
#[derive(Debug, Parser)]
#[command(name = "hanalign", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  hanalign align examples/harbour.ko.txt examples/harbour.en.txt -o pair.tmx\n  hanalign segment --lang ko examples/harbour.ko.txt"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align a Korean text with its English version and export the pairs.
    #[command(after_help = "Examples:
  hanalign align ko.txt en.txt                      TSV on standard output
  hanalign align ko.txt en.txt -o pair.tmx          TMX (format from the extension)
  hanalign align --segmented ko.lines en.lines --format jsonl
  hanalign align ko.html en.html --show-dropped     article text from saved pages
  cat en.txt | hanalign align ko.txt -              English from standard input")]
    Align(AlignArgs),
    /// Split a text into sentences: one per line, a blank line between paragraphs.
    #[command(after_help = "Examples:
  hanalign segment --lang ko article.ko.txt
  hanalign segment --lang en - < article.en.txt
  hanalign segment --drop-boilerplate --show-dropped page.html")]
    Segment(SegmentArgs),
    /// Align many document pairs: a directory of X.ko.txt / X.en.txt pairs, a manifest, or JSONL on stdin.
    #[command(after_help = "Examples:
  hanalign batch corpus/ -o corpus.tmx --report report.jsonl
  hanalign batch manifest.csv --segmented --jobs 2 > beads.jsonl       (CSV header: id,ko,en)
  cat docs.jsonl | hanalign batch - > beads.jsonl     ({\"id\":…,\"ko\":\"…\",\"en\":\"…\"} a line)
  hanalign batch corpus/ --shard 2/8 -o part2.jsonl
  hanalign batch corpus/ -o corpus.tmx --report report.jsonl --resume   (after Ctrl-C)

Ctrl-C (or SIGTERM) stops after the documents in hand: -o and --report are
written complete for the documents done so far, the exit code is 130 (143),
and --resume goes on from there. A second Ctrl-C exits at once, writing
nothing. Temporary files (.NAME.hanalign-*.tmp) a killed run left beside -o
or --report are removed by the next run.")]
    Batch(BatchArgs),
    /// Score alignments against gold ones (strict and lax P/R/F1, Vecalign's definition).
    #[command(after_help = "Examples:
  hanalign eval doc.gold.jsonl doc.pred.jsonl
  hanalign eval ../shared/data/gold predictions/ --json > scores.json")]
    Eval {
        /// A gold file, or a directory searched for <id>.gold.jsonl.
        gold: PathBuf,
        /// A prediction file, or a directory searched for <id>.pred.jsonl.
        pred: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Re-export an alignment already made (the bead JSONL of `align`, or a TMX) in another format.
    #[command(after_help = "Example:
  hanalign align ko.txt en.txt --format jsonl > pair.jsonl   (then correct pair.jsonl by hand)
  hanalign convert pair.jsonl -o pair.tmx")]
    Convert {
        /// The bead JSONL or TMX to read (`-` for standard input).
        input: PathBuf,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format: tsv, csv, tmx or jsonl (moses and html need the
        /// whole alignment: write them with `align`) [default: from the
        /// extension of -o, else tsv].
        #[arg(short, long, value_enum)]
        format: Option<FormatArg>,
        /// Leave beads scored below this out.
        #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
        min_score: f64,
        /// Keep 1-0 and 0-1 beads.
        #[arg(long)]
        include_null: bool,
        /// CSV for Excel.
        #[arg(long)]
        excel: bool,
        /// Document id written into TMX and CSV [default: the input file's stem].
        #[arg(long, value_name = "ID")]
        doc_id: Option<String>,
    },
    /// Romanise Korean text, or score Hangul/Latin name pairs with --match.
    #[command(after_help = "Examples:
  hanalign romanize 왕십리                          Wangsimni
  hanalign romanize --mode place 인왕리              Inwang-ri
  hanalign romanize --mode name --system nk 김정은   Kim Jong Un
  printf '최룡해\\tChoi Ryong-hae\\n' | hanalign romanize --match")]
    Romanize(RomanizeArgs),
    /// Look up, edit, check and export the romanisation glossary.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
}

/// `hanalign glossary …`.
#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Find an entry by its Korean form, English spelling or a variant.
    #[command(after_help = "Examples:
  hanalign glossary lookup 최룡해
  hanalign glossary lookup \"Choi Ryong-hae\"
  hanalign glossary lookup Rason --glossary house.csv")]
    Lookup {
        /// The Korean form or English spelling to look for.
        term: String,
        #[command(flatten)]
        glossaries: GlossaryArgs,
    },
    /// Add an entry to a glossary file (kept sorted; written atomically).
    #[command(after_help = "Example:
  hanalign glossary add house.csv --ko 최룡해 --en \"Choi Ryong-hae\" --kind person-north")]
    Add {
        /// The glossary file to change (created with a header if missing).
        file: PathBuf,
        #[command(flatten)]
        entry: EntryArgs,
    },
    /// Remove the entry for a Korean form (and English spelling) from a file.
    #[command(after_help = "Example:
  hanalign glossary remove house.csv --ko 최룡해 --en \"Choi Ryong-hae\"")]
    Remove {
        /// The glossary file to change.
        file: PathBuf,
        /// The Korean form.
        #[arg(long)]
        ko: String,
        /// The preferred English spelling (needed when the Korean form has several entries).
        #[arg(long)]
        en: Option<String>,
    },
    /// Change fields of an entry in a file.
    #[command(after_help = "Example:
  hanalign glossary edit house.csv --ko 최룡해 --set-en \"Choe Ryong-hae\" --set-variants \"Choi Ryong-hae\"")]
    Edit {
        /// The glossary file to change.
        file: PathBuf,
        /// The Korean form of the entry.
        #[arg(long)]
        ko: String,
        /// Its preferred English spelling (needed when the Korean form has several entries).
        #[arg(long)]
        en: Option<String>,
        /// New preferred spelling.
        #[arg(long)]
        set_en: Option<String>,
        /// New variants, separated by |.
        #[arg(long)]
        set_variants: Option<String>,
        /// New kind.
        #[arg(long)]
        set_kind: Option<String>,
        /// New romanisation system (rr, mr, nk or empty).
        #[arg(long)]
        set_system: Option<String>,
        /// New note.
        #[arg(long)]
        set_note: Option<String>,
        /// New source.
        #[arg(long)]
        set_source: Option<String>,
    },
    /// Check glossary files (the shipped glossary when none is given); exit 1 on problems.
    #[command(after_help = "Examples:
  hanalign glossary lint
  hanalign glossary lint house.csv")]
    Lint {
        /// Files to check.
        files: Vec<PathBuf>,
    },
    /// Rewrite glossary files in canonical form (sorted, NFC, LF).
    #[command(after_help = "Example:
  hanalign glossary fmt house.csv")]
    Fmt {
        /// Files to rewrite.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Mine name pairs not yet in the glossary from aligned text (CSV rows ready for `add`).
    #[command(after_help = "Examples:
  hanalign glossary suggest article.ko.txt article.en.txt
  hanalign glossary suggest --segmented --top 30 corpus_dir/     (pairs X.ko.txt / X.en.txt)")]
    Suggest {
        /// A Korean and an English file, or directories of X.ko.txt / X.en.txt pairs.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The inputs are one sentence per line.
        #[arg(long)]
        segmented: bool,
        /// Lowest matcher score to report.
        #[arg(long, default_value_t = 0.8)]
        min_score: f64,
        /// Print at most this many candidates.
        #[arg(long, default_value_t = 100)]
        top: usize,
        #[command(flatten)]
        glossaries: GlossaryArgs,
    },
    /// Export the glossary as a TBX termbase, CSV or two-column TSV.
    #[command(after_help = "Examples:
  hanalign glossary export --format tbx -o names.tbx
  hanalign glossary export --format tsv --glossary house.csv")]
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "tbx")]
        format: GlossaryFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        glossaries: GlossaryArgs,
    },
}

/// `hanalign romanize`.
#[derive(Debug, Args)]
pub struct RomanizeArgs {
    /// Text to romanise, one output line per argument [default: lines from standard input].
    pub text: Vec<String>,
    /// Romanisation system.
    #[arg(long, value_enum, default_value = "rr")]
    pub system: SystemArg,
    /// What the text is: plain words, personal names, or place names (administrative units get a hyphen).
    #[arg(long, value_enum, default_value = "word")]
    pub mode: ModeArg,
    /// Read `hangul<TAB>latin` lines and print `hangul<TAB>latin<TAB>score<TAB>match|nomatch`.
    #[arg(long = "match")]
    pub match_pairs: bool,
    /// With --match: score with the name matcher alone, not the glossary.
    #[arg(long, requires = "match_pairs")]
    pub no_glossary: bool,
    #[command(flatten)]
    pub glossaries: GlossaryArgs,
}

/// Romanisation systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SystemArg {
    /// Revised Romanization (South Korea, 2000), with its sound rules.
    Rr,
    /// Revised Romanization, transliteration (letter by letter).
    RrTranslit,
    /// McCune–Reischauer.
    Mr,
    /// The North Korean system (1992).
    Nk,
}

/// Romanisation modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Plain words: sound rules apply across syllables.
    Word,
    /// Personal names: surname, space, given name without assimilation.
    Name,
    /// Place names: administrative units (-do, -si, -gun, -ri …) get a hyphen.
    Place,
}

/// Glossary export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GlossaryFormat {
    /// TBX v3, TBX-Basic dialect (DCA style).
    Tbx,
    /// The glossary's own CSV columns, all files merged.
    Csv,
    /// Two columns: Korean form, preferred English spelling.
    Tsv,
}

/// User glossary files layered over the shipped one.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// A glossary file to use over the shipped one (repeatable; later files win).
    #[arg(long = "glossary", value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The fields of a new entry.
#[derive(Debug, Args)]
pub struct EntryArgs {
    /// The Korean form.
    #[arg(long)]
    pub ko: String,
    /// The preferred English spelling.
    #[arg(long)]
    pub en: String,
    /// Other spellings, separated by |.
    #[arg(long, default_value = "")]
    pub variants: String,
    /// surname, person-south, person-north, foreign, place, org or term.
    #[arg(long)]
    pub kind: String,
    /// Romanisation system of the preferred spelling: rr, mr, nk or empty.
    #[arg(long, default_value = "")]
    pub system: String,
    /// A note for editors.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Where the entry comes from.
    #[arg(long, default_value = "user")]
    pub source: String,
}

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputMode {
    /// HTML for .html/.htm files or content that looks like HTML, else text.
    Auto,
    /// Running text: paragraphs and sentences are found automatically.
    Text,
    /// One sentence per line; a blank line separates paragraphs.
    Lines,
    /// An HTML page: the article body is extracted.
    Html,
}

/// Options for reading input files, shared by the commands.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Force the input encoding (utf-8, utf-16, euc-kr, cp949 …) [default: BOM,
    /// HTML meta charset, UTF-8, then CP949 if that decodes cleanly].
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Also drop segments matching the patterns in this file (NAME<TAB>REGEX
    /// lines, as in src/data/boilerplate.tsv); repeatable.
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Vec<PathBuf>,
    /// List the page furniture left out (on standard error).
    #[arg(long)]
    pub show_dropped: bool,
}

/// Resource limits, shared by the commands that read documents.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Refuse an input file larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = hanalign::document::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
    /// Refuse a sentence longer than this many characters.
    #[arg(long, value_name = "CHARS", default_value_t = hanalign::pipeline::DEFAULT_MAX_SENTENCE_CHARS)]
    pub max_sentence_chars: usize,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// `ko<TAB>en`, one pair a line.
    Tsv,
    /// One JSON object per bead (every bead, never filtered).
    Jsonl,
    /// TMX 1.4b translation memory.
    Tmx,
    /// CSV with a header row.
    Csv,
    /// Moses/OPUS: `-o NAME` writes NAME.ko and NAME.en, one sentence a line.
    Moses,
    /// A self-contained HTML page to review the alignment.
    Html,
}

/// JSONL shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonlStyle {
    /// One bead a line: ko, en, score, ko_text, en_text (every bead).
    Beads,
    /// Hugging Face translation pairs: {"translation":{"ko":…,"en":…}} (filtered like other exports).
    Hf,
}

/// Language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Korean.
    Ko,
    /// English.
    En,
}

/// `hanalign align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The Korean text (`-` for standard input).
    pub ko: PathBuf,
    /// The English text (`-` for standard input).
    pub en: PathBuf,
    /// Write here instead of standard output (atomically; the directory must exist).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format [default: from the extension of -o, else tsv].
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,
    /// The inputs are one sentence per line (same as --input lines).
    #[arg(long)]
    pub segmented: bool,
    /// How the inputs are written.
    #[arg(long, value_enum, conflicts_with = "segmented", default_value = "auto")]
    pub input: InputMode,
    /// Keep page furniture (bylines, copyright lines, "Related stories" …).
    #[arg(long)]
    pub keep_boilerplate: bool,
    #[command(flatten)]
    pub glossaries: GlossaryArgs,
    /// Leave the shipped glossary out: only the --glossary files, if any,
    /// give name anchors.
    #[arg(long)]
    pub no_glossary: bool,
    /// Use no lexicon words as anchors (names, numbers and lengths only).
    #[arg(long)]
    pub no_lexicon: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Leave beads scored below this out of the export (not out of JSONL).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    pub min_score: f64,
    /// Keep 1-0 and 0-1 beads in TSV, CSV and TMX exports.
    #[arg(long)]
    pub include_null: bool,
    /// CSV for Excel: a UTF-8 byte-order mark, CRLF, formula-like cells guarded with '.
    #[arg(long)]
    pub excel: bool,
    /// The JSONL shape.
    #[arg(long, value_enum, default_value = "beads")]
    pub jsonl_style: JsonlStyle,
    /// Document id written into TMX and CSV [default: the Korean file's stem].
    #[arg(long, value_name = "ID")]
    pub doc_id: Option<String>,
    /// Language tag of the Korean side in TMX.
    #[arg(long, value_name = "TAG", default_value = "ko-KR")]
    pub ko_tag: String,
    /// Language tag of the English side in TMX.
    #[arg(long, value_name = "TAG", default_value = "en-US")]
    pub en_tag: String,
    /// Instead of exporting, explain each bead: shape, score, lengths, and the
    /// anchors shared or one-sided that decided it.
    #[arg(long)]
    pub explain: bool,
    /// Do not warn when a file does not look like its language.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `hanalign batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// A directory of pairs, a manifest (.csv or .jsonl naming files), or - for JSONL texts on stdin.
    pub input: PathBuf,
    /// Write one corpus file (atomically) instead of JSONL beads on standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format: jsonl, tsv, csv or tmx (one corpus file; moses and
    /// html are for `align`) [default: from the extension of -o, else jsonl].
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,
    /// The inputs are one sentence per line.
    #[arg(long)]
    pub segmented: bool,
    /// Threads [default: all cores].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Process only shard K of N (1-based), chosen by a hash of each document id.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Leave out (and report) documents whose score is below this (0.5
    /// separates true article pairs from unrelated ones on the dev sets).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    pub min_doc_score: f64,
    /// Leave beads scored below this out of the export (not out of JSONL beads).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    pub min_score: f64,
    /// Write a JSONL report, one line per document (sentences, beads by shape, score, warnings, errors).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Exit with code 1 when any document failed.
    #[arg(long)]
    pub strict: bool,
    /// Skip the documents the --report file of a previous (interrupted) run
    /// lists as done, and add the others to its -o file and report: the
    /// result is what one uninterrupted run writes. On standard output, only
    /// this run's documents are written (append them with >>).
    #[arg(long, requires = "report")]
    pub resume: bool,
    /// Show progress even when standard error is not a terminal (there, a
    /// plain line every two seconds rather than a bar).
    #[arg(long, conflicts_with = "quiet")]
    pub progress: bool,
    /// No progress bar and no per-document messages.
    #[arg(short, long)]
    pub quiet: bool,
    /// Keep page furniture.
    #[arg(long)]
    pub keep_boilerplate: bool,
    #[command(flatten)]
    pub glossaries: GlossaryArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// `hanalign segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The text to split (`-` for standard input).
    pub file: PathBuf,
    /// The language of the text [default: detected].
    #[arg(short, long, value_enum)]
    pub lang: Option<LangArg>,
    /// How the input is written.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputMode,
    /// Leave out the page furniture that `align` drops.
    #[arg(long)]
    pub drop_boilerplate: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn segmented_and_input_conflict() {
        assert!(Cli::try_parse_from([
            "hanalign",
            "align",
            "a",
            "b",
            "--segmented",
            "--input",
            "text"
        ])
        .is_err());
        let cli =
            Cli::try_parse_from(["hanalign", "align", "a", "b", "--format", "jsonl"]).unwrap();
        let Command::Align(a) = cli.command else { panic!("not align") };
        assert_eq!(a.format, Some(FormatArg::Jsonl));
    }
}
