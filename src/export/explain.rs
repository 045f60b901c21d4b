//! A plain-text account of an alignment, bead by bead: the shape, the score,
//! the length agreement under the pair's estimated ratio, and the anchors
//! that both sides share or only one side has. For people checking why the
//! aligner decided what it did (`hanalign align --explain`).

use std::io::{self, Write};

use crate::anchor::DocFeatures;
use crate::pipeline::AlignedPair;

/// Features of a bead that one side has and the other lacks, among those
/// that occur on both sides of the document (the ones that cost).
fn one_sided(
    f: &DocFeatures,
    ko: std::ops::Range<usize>,
    en: std::ops::Range<usize>,
) -> Vec<String> {
    if ko.is_empty() || en.is_empty() {
        return Vec::new();
    }
    let collect = |lists: &[Vec<u32>]| -> Vec<u32> {
        let mut v: Vec<u32> = lists.iter().flatten().copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (k, e) = (collect(&f.ko[ko]), collect(&f.en[en]));
    let mut out = Vec::new();
    for (mine, other, side) in [(&k, &e, "ko"), (&e, &k, "en")] {
        for id in mine.iter().filter(|id| other.binary_search(id).is_err()) {
            if f.on_both_sides.get(*id as usize).copied().unwrap_or(false) {
                let (kind, text, _) = &f.table[*id as usize];
                out.push(format!("{side} {kind:?} {text:?}"));
            }
        }
    }
    out
}

/// Writes the explanation of `pair` to `out`.
pub fn write(pair: &AlignedPair, out: &mut dyn Write) -> io::Result<()> {
    let a = &pair.alignment;
    writeln!(
        out,
        "# {} beads; English/Korean length ratio {:.3}, variance {:.2}; document score {:.3}",
        a.beads.len(),
        a.ratio,
        a.variance,
        a.doc_score()
    )?;
    let f = &pair.features;
    for (n, b) in a.beads.iter().enumerate() {
        writeln!(out)?;
        let idx = |r: &std::ops::Range<usize>| {
            r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
        };
        write!(
            out,
            "#{} {} ko[{}] en[{}] score {:.3}",
            n + 1,
            b.kind(),
            idx(&b.ko),
            idx(&b.en),
            b.score
        )?;
        if !b.ko.is_empty() && !b.en.is_empty() {
            let lk: usize = b.ko.clone().map(|i| pair.ko.normalized(i).chars().count()).sum();
            let le: usize = b.en.clone().map(|j| pair.en.normalized(j).chars().count()).sum();
            write!(out, "; length ko {lk} en {le} (expected en {:.0})", a.ratio * lk as f64)?;
        }
        writeln!(out)?;
        let shared = f.anchors(b.ko.clone(), b.en.clone());
        if !shared.is_empty() {
            let list: Vec<String> = shared
                .iter()
                .map(|x| format!("{:?} {:?} (w {:.2})", x.kind, x.text, x.weight))
                .collect();
            writeln!(out, "  shared: {}", list.join("; "))?;
        }
        let one_sided = one_sided(f, b.ko.clone(), b.en.clone());
        if !one_sided.is_empty() {
            writeln!(out, "  one side only: {}", one_sided.join("; "))?;
        }
        if !b.ko.is_empty() {
            writeln!(out, "  ko: {}", pair.ko.joined_original(b.ko.clone()))?;
        }
        if !b.en.is_empty() {
            writeln!(out, "  en: {}", pair.en.joined_original(b.en.clone()))?;
        }
    }
    out.flush()
}
