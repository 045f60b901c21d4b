//! A plain-text account of an alignment, bead by bead: the shape, the score,
//! the length agreement under the pair's estimated ratio, and the anchors
//! that both sides share or only one side has. For people checking why the
//! aligner decided what it did (`hanalign align --explain`).

use std::io::{self, Write};

use crate::pipeline::AlignedPair;

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
        let one_sided: Vec<String> = f
            .one_sided_features(b.ko.clone(), b.en.clone())
            .into_iter()
            .map(|(side, kind, text)| format!("{side} {kind:?} {text:?}"))
            .collect();
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
