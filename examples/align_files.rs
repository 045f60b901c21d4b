//! Align two files with the library and print each bead with its score.
//!
//! ```text
//! cargo run --example align_files -- examples/harbour.ko.txt examples/harbour.en.txt
//! ```

use std::path::Path;
use std::process::ExitCode;

use hanalign::{Document, Lang, Pipeline};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ko, en] = args.as_slice() else {
        eprintln!("usage: align_files KO_FILE EN_FILE");
        return ExitCode::from(2);
    };
    match run(Path::new(ko), Path::new(en)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("align_files: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(ko: &Path, en: &Path) -> hanalign::Result<()> {
    let ko = Document::from_path(ko, Lang::Ko)?;
    let en = Document::from_path(en, Lang::En)?;
    let pair = Pipeline::default().align(ko, en)?;
    for bead in &pair.alignment.beads {
        println!(
            "{:>4} {:.2}  {}\n           {}",
            bead.kind(),
            bead.score,
            pair.ko.joined_original(bead.ko.clone()),
            pair.en.joined_original(bead.en.clone())
        );
    }
    println!("document score {:.3}", pair.alignment.doc_score());
    Ok(())
}
