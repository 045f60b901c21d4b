//! Romanisation of Hangul (placeholder: filled in by the romaniser work).
