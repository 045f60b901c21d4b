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
    pub read: ReadArgs,
    /// Leave beads scored below this out of the export (not out of JSONL).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    pub min_score: f64,
    /// Keep 1-0 and 0-1 beads in TSV, CSV and TMX exports.
    #[arg(long)]
    pub include_null: bool,
    /// Document id written into TMX and CSV [default: the Korean file's stem].
    #[arg(long, value_name = "ID")]
    pub doc_id: Option<String>,
    /// Language tag of the Korean side in TMX.
    #[arg(long, value_name = "TAG", default_value = "ko-KR")]
    pub ko_tag: String,
    /// Language tag of the English side in TMX.
    #[arg(long, value_name = "TAG", default_value = "en-US")]
    pub en_tag: String,
    /// Do not warn when a file does not look like its language.
    #[arg(short, long)]
    pub quiet: bool,
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
