//! The whole pipeline in one call: documents in, an aligned pair out.
//!
//! ```text
//! Document(ko) ─check languages─ normalise, segment, drop furniture ─> SegmentedDoc ─┐
//!                                                                                   ├─ features ─> DocFeatures ─ align ─> Alignment
//! Document(en) ─────────────────  normalise, segment, drop furniture ─> SegmentedDoc ─┘
//! ```

use crate::align::{Aligner, AlignerConfig, Alignment};
use crate::anchor::DocFeatures;
use crate::boilerplate::Boilerplate;
use crate::document::Document;
use crate::error::Result;
use crate::glossary::{Glossary, Spotter};
use crate::langid::{self, lang_name};
use crate::lexicon::Lexicon;
use crate::segment::SegmentedDoc;

/// Settings for [`Pipeline`].
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// Aligner settings.
    pub aligner: AlignerConfig,
    /// Furniture patterns to drop from running text; `None` keeps everything.
    /// Default: the shipped patterns. One-sentence-per-line input never
    /// loses a line.
    pub boilerplate: Option<Boilerplate>,
    /// Check that the inputs are Korean and English (swap them when they were
    /// given the other way round). Default: true.
    pub check_languages: bool,
    /// Names whose Korean form and English spelling anchor the alignment;
    /// `None` uses none. Default: the shipped glossary.
    pub glossary: Option<Glossary>,
    /// Korean words and their usual English translations, as evidence that
    /// two sentences say the same thing; `None` uses none. Default: the
    /// shipped news lexicon.
    pub lexicon: Option<Lexicon>,
    /// The longest sentence accepted, in characters; a longer one is an error
    /// naming its file and line (see [`SegmentedDoc::check_sentence_chars`]).
    /// Default: [`DEFAULT_MAX_SENTENCE_CHARS`].
    pub max_sentence_chars: usize,
}

/// The default of [`PipelineConfig::max_sentence_chars`]: 10,000 characters,
/// some twenty times the longest sentence of the gold sets.
pub const DEFAULT_MAX_SENTENCE_CHARS: usize = 10_000;

/// Builds the shipped lexicon, glossary and (with `boilerplate`) furniture
/// patterns, which are otherwise built one after another on first use: the
/// first call builds the glossary on a thread of its own while this one
/// builds the others. A program that will use them calls this first and
/// starts up sooner; later calls only build what is still missing, here.
///
/// The glossary is the one built apart because what a thread allocates
/// stays in its allocator's pages after it ends: the glossary leaves
/// little behind, while the lexicon's stemming and the patterns' regex
/// compilation would strand several megabytes (measured with mimalloc:
/// +2 MB peak this way, +8 to +14 MB with the lexicon apart).
pub fn preload_builtins(boilerplate: bool) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::scope(|s| {
            // Without a thread (none to be had), the glossary is built below.
            let glossary = std::thread::Builder::new().spawn_scoped(s, || {
                Glossary::builtin();
            });
            Lexicon::builtin();
            if boilerplate {
                Boilerplate::builtin();
            }
            if let Ok(handle) = glossary {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
    });
    // Each is built once: these return at once when it is.
    Glossary::builtin();
    Lexicon::builtin();
    if boilerplate {
        Boilerplate::builtin();
    }
}

impl Default for PipelineConfig {
    fn default() -> PipelineConfig {
        preload_builtins(true);
        PipelineConfig {
            aligner: AlignerConfig::default(),
            boilerplate: Some(Boilerplate::builtin().clone()),
            check_languages: true,
            glossary: Some(Glossary::builtin().clone()),
            lexicon: Some(Lexicon::builtin().clone()),
            max_sentence_chars: DEFAULT_MAX_SENTENCE_CHARS,
        }
    }
}

/// Runs the language check, normalisation, segmentation, anchor extraction
/// and alignment.
#[derive(Clone, Debug)]
pub struct Pipeline {
    config: PipelineConfig,
    aligner: Aligner,
    spotter: Option<Spotter>,
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::new(PipelineConfig::default())
    }
}

/// A document pair after alignment: everything an exporter needs.
#[derive(Clone, Debug)]
pub struct AlignedPair {
    /// The Korean document, segmented.
    pub ko: SegmentedDoc,
    /// The English document, segmented.
    pub en: SegmentedDoc,
    /// Anchor features of both sides.
    pub features: DocFeatures,
    /// The beads.
    pub alignment: Alignment,
    /// Things the user should know (e.g. swapped inputs), one sentence each.
    pub warnings: Vec<String>,
}

impl Pipeline {
    /// A pipeline with the given settings.
    pub fn new(config: PipelineConfig) -> Pipeline {
        let aligner = Aligner::new(config.aligner.clone());
        let spotter = config.glossary.as_ref().map(Spotter::new);
        let mut config = config;
        if let (Some(lex), Some(g)) = (config.lexicon.as_mut(), config.glossary.as_ref()) {
            lex.mark_names(g);
        }
        Pipeline { config, aligner, spotter }
    }

    /// Segments and aligns a Korean and an English document.
    ///
    /// ```
    /// use hanalign::{Document, Lang, Pipeline};
    /// let ko = Document::new("ko", Lang::Ko, "서울은 맑았다. 기온은 25도였다.");
    /// let en = Document::new("en", Lang::En, "Seoul was sunny. It was 25 degrees.");
    /// let pair = Pipeline::default().align(ko, en).unwrap();
    /// assert_eq!(pair.alignment.beads.len(), 2);
    /// assert_eq!(pair.en.original(1), "It was 25 degrees.");
    /// ```
    pub fn align(&self, mut ko: Document, mut en: Document) -> Result<AlignedPair> {
        let mut warnings = Vec::new();
        if self.config.check_languages && langid::check_pair(&ko, &en)?.swapped {
            warnings.push(format!(
                "{} looks {} and {} looks {}: aligning them the other way round",
                ko.name,
                lang_name(en.lang),
                en.name,
                lang_name(ko.lang)
            ));
            std::mem::swap(&mut ko, &mut en);
            std::mem::swap(&mut ko.lang, &mut en.lang);
        }
        let bp = self.config.boilerplate.as_ref();
        let ko = SegmentedDoc::with_boilerplate(ko, bp)?;
        let en = SegmentedDoc::with_boilerplate(en, bp)?;
        ko.check_sentence_chars(self.config.max_sentence_chars)?;
        en.check_sentence_chars(self.config.max_sentence_chars)?;
        let glossary = self.config.glossary.as_ref().zip(self.spotter.as_ref());
        let features = DocFeatures::with_sources(&ko, &en, glossary, self.config.lexicon.as_ref());
        let alignment = self.aligner.align(&ko, &en, &features);
        Ok(AlignedPair { ko, en, features, alignment, warnings })
    }
}
