//! # hanalign
//!
//! Turns a Korean news article and its English edition into a clean parallel
//! corpus: pairs of sentences that say the same thing, ready for a
//! translation memory or a training set.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`document`]: read and decode the input (UTF-8, UTF-16 with a BOM);
//!    the original text is kept untouched.
//! 2. [`normalize`]: NFC, line ends, odd spaces; a map back to the original.
//! 3. [`segment`]: paragraphs and sentences, Korean and English rules, or one
//!    sentence per line.
//! 4. [`anchor`]: numbers and Latin-script words that both sides share.
//! 5. [`align`]: a dynamic program over 1-1, 1-0, 0-1, 2-1, 1-2, 3-1, 1-3 …
//!    beads (2-2 when configured) with a length model estimated from the
//!    pair and anchor bonuses; a confidence per bead.
//! 6. [`export`]: TSV, JSONL, TMX 1.4b, CSV, in the original characters.
//!
//! [`Pipeline`] runs stages 2–5; the `hanalign` binary is a thin layer over
//! this library.
//!
//! ```
//! use hanalign::{export, Document, Lang, Pipeline};
//!
//! let ko = Document::new("ko.txt", Lang::Ko, "부산항이 문을 열었다. 직원은 300명이다.");
//! let en = Document::new("en.txt", Lang::En, "Busan port opened. It has 300 staff.");
//! let pair = Pipeline::default().align(ko, en)?;
//! let mut out = Vec::new();
//! export::write(export::Format::Tsv, &pair, &export::ExportOptions::default(), &mut out)?;
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "부산항이 문을 열었다.\tBusan port opened.\n직원은 300명이다.\tIt has 300 staff.\n"
//! );
//! # Ok::<(), hanalign::Error>(())
//! ```

#![deny(missing_docs)]

pub mod align;
pub mod anchor;
pub mod batch;
pub mod boilerplate;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod glossary;
pub mod html;
pub mod langid;
pub mod lexicon;
pub mod names;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod romanize;
pub mod segment;
pub mod sentence;
pub mod suggest;

pub use align::{Aligner, AlignerConfig, Alignment, Bead};
pub use document::{Document, Lang, Span};
pub use document::{InputFormat, ReadOptions};
pub use error::{Error, Result};
pub use pipeline::{AlignedPair, Pipeline, PipelineConfig};
pub use segment::{Layout, SegmentedDoc};
