//! Matching a Hangul name with a Latin spelling (placeholder: filled in by the
//! name-matcher work).
