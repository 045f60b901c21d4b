//! The whole pipeline in one call: documents in, an aligned pair out.
//!
//! ```text
//! Document(ko) -normalise, segment-> SegmentedDoc --+
//!                                                   +-features-> DocFeatures -align-> Alignment
//! Document(en) -normalise, segment-> SegmentedDoc --+
//! ```

use crate::align::{Aligner, AlignerConfig, Alignment};
use crate::anchor::DocFeatures;
use crate::document::Document;
use crate::error::Result;
use crate::segment::{Layout, SegmentedDoc};

/// Settings for [`Pipeline`].
#[derive(Clone, Debug, Default)]
pub struct PipelineConfig {
    /// How the inputs are laid out (running text or one sentence per line).
    pub layout: Layout,
    /// Aligner settings.
    pub aligner: AlignerConfig,
}

/// Runs normalisation, segmentation, anchor extraction and alignment.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    layout: Layout,
    aligner: Aligner,
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
}

impl Pipeline {
    /// A pipeline with the given settings.
    pub fn new(config: PipelineConfig) -> Pipeline {
        Pipeline { layout: config.layout, aligner: Aligner::new(config.aligner) }
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
    pub fn align(&self, ko: Document, en: Document) -> Result<AlignedPair> {
        let ko = SegmentedDoc::new(ko, self.layout)?;
        let en = SegmentedDoc::new(en, self.layout)?;
        let features = DocFeatures::new(&ko, &en);
        let alignment = self.aligner.align(&ko, &en, &features);
        Ok(AlignedPair { ko, en, features, alignment })
    }
}
