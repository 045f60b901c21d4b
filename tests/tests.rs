//! Integration tests: one binary, one module per theme.

mod util;

// The `align` command end to end on the bundled example.
mod example;
// Bad input: one-line errors, exit code 2, nothing left behind.
mod errors;
// The gold sets in ../shared: coverage invariant and strict F1 floors.
mod gold;
// TMX validated by the DTD and a third-party reader.
mod tmx;
// `hanalign segment`.
mod segment;
// Reading real input: HTML, encodings, furniture, language checks.
mod reading;
// The glossary commands and glossary anchors.
mod glossary;
// Offsets back to the original text, for random input.
mod properties;
// Sentence splitting against ../shared/data/segmentation.
mod segmentation;
// Romanisation vectors and the name matcher.
mod romanization;
// The romanize command and glossary suggest.
mod cli_more;
// hanalign eval.
mod eval;
// Export formats and round trips.
mod exports;
// hanalign batch.
mod batch;
// The bad-input table: every command, exact messages, no panics.
mod bad_input;
