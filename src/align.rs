//! Sentence alignment by a dynamic program over beads.
//!
//! A *bead* pairs `a` consecutive Korean sentences with `b` consecutive
//! English ones. The aligner finds the monotone sequence of beads covering
//! both documents with the least total cost, where a bead's cost is
//!
//! ```text
//! cost = -ln P(a-b)                    prior of the bead shape
//!        - ln P(|X| ≥ |δ|)             length agreement (Gale–Church, with a
//!                                      unit-variance Laplace X: heavier tails)
//!        - anchor_weight · shared       numbers, Latin words, quotes on both sides
//!        + missing_weight · missing     ones that only one side of the bead has
//!        - 2 · continuing              Korean sentences inside a bead that open
//!                                      with a connective (그리고, 하지만 …)
//! δ = (L_en - c·L_ko) / sqrt(s² · (L_en + c·L_ko) / 2)
//! ```
//!
//! `L` counts characters, spaces included. The ratio `c` (English characters per
//! Korean character) and the variance `s²` are estimated from the document
//! pair itself: a first pass uses the ratio of total lengths, then `c` and `s²`
//! are re-estimated from the 1-1 beads it found and the pair is aligned again.
//! Long documents are searched within a band around the diagonal so that time
//! and memory grow with `n · band`, not `n · m`; the second pass searches
//! only near the first pass's path.

use std::ops::Range;

use crate::anchor::{DocFeatures, Overlap, SpanFeatures};
use crate::segment::SegmentedDoc;

/// One bead: Korean sentences `ko` aligned with English sentences `en`.
/// Either range may be empty (a sentence left out by the other side).
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Korean sentence indices.
    pub ko: Range<usize>,
    /// English sentence indices.
    pub en: Range<usize>,
    /// Confidence in [0, 1] that this bead is right.
    pub score: f64,
}

impl Bead {
    /// The shape as `"a-b"`, e.g. `"2-1"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.ko.len(), self.en.len())
    }
}

/// The result of aligning a document pair.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// Beads in document order, covering every sentence of both sides once.
    pub beads: Vec<Bead>,
    /// The estimated English/Korean character ratio `c`.
    pub ratio: f64,
    /// The estimated length variance `s²`.
    pub variance: f64,
    /// Summed weight of the anchors the beads share (see [`DocFeatures::overlap`]).
    pub anchor_shared: f64,
    /// Summed weight of the anchors one side of a bead has and the other lacks.
    pub anchor_missing: f64,
}

impl Alignment {
    /// A document-level score in [0, 1]: how likely the two documents are
    /// translations of each other. Two unrelated articles can always be
    /// aligned by length, so the score rests on the anchors: the share of
    /// the anchor evidence inside the chosen beads that agrees (shared
    /// rather than one-sided), through a logistic centred at 0.4 — on the
    /// dev sets every true pair has a share above 0.44 and unrelated pairs
    /// a median of 0.11. With little evidence (a short document, no
    /// lexicon) the mean bead score, weighted by sentences, counts too.
    pub fn doc_score(&self) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for b in &self.beads {
            let w = (b.ko.len() + b.en.len()) as f64;
            num += w * b.score;
            den += w;
        }
        let mean = if den > 0.0 { num / den } else { 0.0 };
        let evidence = self.anchor_shared + self.anchor_missing;
        if evidence <= 0.0 {
            return mean;
        }
        let share = self.anchor_shared / evidence;
        let agree = 1.0 / (1.0 + (-12.0 * (share - 0.4)).exp());
        const PRIOR: f64 = 2.0;
        (evidence * agree + PRIOR * mean) / (evidence + PRIOR)
    }

    /// Checks that the beads cover `0..n_ko` and `0..n_en` exactly once, in order.
    pub fn covers(&self, n_ko: usize, n_en: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for b in &self.beads {
            if b.ko.start != i || b.en.start != j || (b.ko.is_empty() && b.en.is_empty()) {
                return false;
            }
            i = b.ko.end;
            j = b.en.end;
        }
        i == n_ko && j == n_en
    }
}

/// Settings of the aligner. `AlignerConfig::default()` is what the CLI uses.
#[derive(Clone, Debug)]
pub struct AlignerConfig {
    /// Bead shapes `(ko, en)` allowed, each with its prior probability.
    /// Default: 1-1 .89, 2-1 and 1-2 .04 each, 1-0 and 0-1 .006 each,
    /// 3-1 and 1-3 .005 each, 4-1 and 1-4 .001 each. There is no 2-2 by
    /// default: on the dev sets a 2-2 bead was almost always two 1-1 beads
    /// whose length errors cancelled (F1 rose on every set without it); add
    /// `((2, 2), 0.003)` to allow it.
    pub shapes: Vec<((usize, usize), f64)>,
    /// Cost reduction per unit of shared anchor weight. Default: 5.
    pub anchor_weight: f64,
    /// Cost added per unit of one-sided anchor weight: a number, name or
    /// quotation that one side of the bead has and the other lacks, though
    /// both documents have it somewhere. Default: 1.
    pub missing_weight: f64,
    /// Half-width of the search band around the diagonal, in sentences; the
    /// band is widened to cover the length difference of the two sides.
    /// Default: 250.
    pub band: usize,
    /// Prior of a 1-0 or 0-1 bead for a sentence written in the other side's
    /// language (an English caption in a Korean article). Default: 0.2.
    pub foreign_null_prior: f64,
}

impl Default for AlignerConfig {
    fn default() -> AlignerConfig {
        AlignerConfig {
            shapes: vec![
                ((1, 1), 0.89),
                ((2, 1), 0.04),
                ((1, 2), 0.04),
                ((1, 0), 0.006),
                ((0, 1), 0.006),
                ((3, 1), 0.005),
                ((1, 3), 0.005),
                ((4, 1), 0.001),
                ((1, 4), 0.001),
            ],
            anchor_weight: 5.0,
            missing_weight: 1.0,
            band: 250,
            foreign_null_prior: 0.2,
        }
    }
}

/// The aligner: see the module documentation for the model.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    config: AlignerConfig,
}

/// What the DP knows of each sentence: its length and whether it is written
/// in the other side's language.
#[derive(Clone, Copy)]
struct Sides<'a> {
    ko_len: &'a [f64],
    en_len: &'a [f64],
    ko_foreign: &'a [bool],
    en_foreign: &'a [bool],
    /// Korean sentences that open with a coordinating connective.
    ko_cont: &'a [bool],
}

/// Length-model parameters used during one DP pass.
#[derive(Clone, Copy, Debug)]
struct LengthModel {
    ratio: f64,
    variance: f64,
}

impl Aligner {
    /// An aligner with the given settings.
    pub fn new(config: AlignerConfig) -> Aligner {
        Aligner { config }
    }

    /// The settings.
    pub fn config(&self) -> &AlignerConfig {
        &self.config
    }

    /// Aligns two segmented documents.
    pub fn align(&self, ko: &SegmentedDoc, en: &SegmentedDoc, feats: &DocFeatures) -> Alignment {
        let ko_len: Vec<f64> = (0..ko.len()).map(|i| char_len(ko.normalized(i))).collect();
        let en_len: Vec<f64> = (0..en.len()).map(|j| char_len(en.normalized(j))).collect();
        let ko_foreign: Vec<bool> = ko.sentences.iter().map(|s| s.foreign).collect();
        let en_foreign: Vec<bool> = en.sentences.iter().map(|s| s.foreign).collect();
        let ko_cont: Vec<bool> = (0..ko.len()).map(|i| continues(ko.normalized(i))).collect();
        self.align_sides(
            Sides {
                ko_len: &ko_len,
                en_len: &en_len,
                ko_foreign: &ko_foreign,
                en_foreign: &en_foreign,
                ko_cont: &ko_cont,
            },
            feats,
        )
    }

    /// Aligns two documents given the length of each sentence and their
    /// features (the core of [`Aligner::align`], usable without text).
    pub fn align_lengths(&self, ko_len: &[f64], en_len: &[f64], feats: &DocFeatures) -> Alignment {
        let (kf, ef) = (vec![false; ko_len.len()], vec![false; en_len.len()]);
        let kc = vec![false; ko_len.len()];
        self.align_sides(
            Sides { ko_len, en_len, ko_foreign: &kf, en_foreign: &ef, ko_cont: &kc },
            feats,
        )
    }

    fn align_sides(&self, sides: Sides, feats: &DocFeatures) -> Alignment {
        self.align_in_bands(sides, feats, Bands::SEARCHED)
    }

    /// [`Aligner::align_sides`] with the given bands (the tests compare the
    /// shipped ones with a search of the whole matrix).
    fn align_in_bands(&self, sides: Sides, feats: &DocFeatures, bands: Bands) -> Alignment {
        let Sides { ko_len, en_len, .. } = sides;
        // Foreign sentences say nothing about the length ratio.
        let native = |len: &[f64], foreign: &[bool]| -> f64 {
            len.iter().zip(foreign).filter(|(_, &f)| !f).map(|(l, _)| l).sum::<f64>().max(1.0)
        };
        let total_ko = native(ko_len, sides.ko_foreign);
        let total_en = native(en_len, sides.en_foreign);
        let first = LengthModel { ratio: total_en / total_ko, variance: 6.0 * total_en / total_ko };
        let shapes: Vec<(usize, usize, f64)> =
            self.config.shapes.iter().map(|&((a, b), p)| (a, b, -p.max(1e-12).ln())).collect();
        let (n, m) = (ko_len.len(), en_len.len());
        let w = self.config.band.max(n.abs_diff(m) + 10);
        let spans = SpanFeatures::new(
            feats,
            shapes.iter().map(|s| s.0).max().unwrap_or(1),
            shapes.iter().map(|s| s.1).max().unwrap_or(1),
        );
        // The first pass only estimates the length model from its 1-1 beads:
        // the narrow shapes suffice for that.
        let narrow: Vec<(usize, usize, f64)> =
            shapes.iter().copied().filter(|&(a, b, _)| a + b <= 3).collect();
        // Search near the diagonal first, and widen the band while the best
        // path inside it runs along its edge (Moore 2002): a path well inside
        // its band is the best one of a wider search too. A path that still
        // runs along the edge of a band of `most_cells` is taken as it is: a
        // long text of near-identical sentences has ties everywhere, and
        // widening to the length difference would fill gigabytes.
        let cap = widening_cap(n, m);
        let mut width = bands.first.min(w);
        let (path, hit_edge) = loop {
            let band = diagonal_band(n, m, width);
            // A narrow band may hold no path at all (one side much longer).
            let path = self.dp(&sides, feats, &spans, first, &narrow, &band);
            let hit_edge = path.as_ref().is_none_or(|p| runs_along_edge(p, &band, m));
            if width >= w {
                // Wider than the length difference: a path of 1-0 and 0-1
                // beads always fits.
                break (path.expect("the widest band holds a path"), hit_edge);
            }
            match path {
                Some(path) if !hit_edge || width >= cap => break (path, hit_edge),
                _ => width = (2 * width).min(w),
            }
        };
        let model = reestimate(&path, ko_len, en_len, first);
        // The second pass only refines the first: it searches near its path.
        // A first pass that did not need its whole band is exact for its
        // model, and the second strays little from it; one held in by the
        // widest band allowed gets more room. Like the first, the second
        // widens its band while its path runs along the band's edge.
        let mut near = if hit_edge { bands.widest_path } else { bands.path };
        let path = loop {
            let band = path_band(&path, n, m, near);
            // The first pass's path lies in this band: there is a path.
            let second = self
                .dp(&sides, feats, &spans, model, &shapes, &band)
                .expect("the band holds a path");
            if near >= bands.widest_path || !runs_along_edge(&second, &band, m) {
                break second;
            }
            near = (2 * near).min(bands.widest_path);
        };
        // Each bead's anchors give its score and, summed, how much of the
        // document's anchor evidence the chosen beads agree with.
        let (mut shared, mut missing) = (0.0, 0.0);
        let beads: Vec<Bead> = path
            .into_iter()
            .map(|(ko, en)| {
                let foreign = ko.clone().any(|i| sides.ko_foreign[i])
                    || en.clone().any(|j| sides.en_foreign[j]);
                let o = if ko.is_empty() || en.is_empty() {
                    Overlap::default()
                } else {
                    spans.overlap(ko.start, ko.len(), en.start, en.len())
                };
                shared += o.shared;
                missing += o.missing;
                let score = bead_score(&ko, &en, &sides, o, model, foreign);
                Bead { ko, en, score }
            })
            .collect();
        Alignment {
            beads,
            ratio: model.ratio,
            variance: model.variance,
            anchor_shared: shared,
            anchor_missing: missing,
        }
    }

    fn dp(
        &self,
        sides: &Sides,
        feats: &DocFeatures,
        spans: &SpanFeatures,
        model: LengthModel,
        shapes: &[(usize, usize, f64)],
        band: &Band,
    ) -> Option<Vec<(Range<usize>, Range<usize>)>> {
        let Sides { ko_len, en_len, ko_foreign, en_foreign, ko_cont } = *sides;
        let (n, m) = (ko_len.len(), en_len.len());
        let foreign_prior = -self.config.foreign_null_prior.max(1e-12).ln();
        let ko_pre = prefix(ko_len);
        let en_pre = prefix(en_len);
        let (lo, hi) = (&band.lo, &band.hi);
        let mut row_off = Vec::with_capacity(n + 2);
        row_off.push(0usize);
        for i in 0..=n {
            row_off.push(row_off[i] + hi[i] - lo[i] + 1);
        }
        let cells = row_off[n + 1];
        #[cfg(test)]
        tests::MOST_CELLS_SEARCHED.with(|most| most.set(most.get().max(cells)));
        let mut cost = vec![f64::INFINITY; cells];
        let mut back = vec![u8::MAX; cells];
        let at = |i: usize, j: usize| -> Option<usize> {
            (j >= lo[i] && j <= hi[i]).then(|| row_off[i] + j - lo[i])
        };
        // cont_pre[i]: how many of Korean sentences 0..i open with a connective.
        let mut cont_pre = Vec::with_capacity(n + 1);
        cont_pre.push(0usize);
        for &c in ko_cont {
            cont_pre.push(cont_pre.last().unwrap() + usize::from(c));
        }
        let any_foreign = ko_foreign.iter().chain(en_foreign).any(|&f| f);
        cost[0] = 0.0;
        // What each shape needs that depends on the row only, for the
        // shapes that fit above it.
        let mut fits: Vec<RowShape> = Vec::with_capacity(shapes.len());
        for i in 0..=n {
            fits.clear();
            for (k, &(a, b, prior)) in shapes.iter().enumerate() {
                if a > i {
                    continue;
                }
                let from = i - a;
                fits.push(RowShape {
                    k: k as u8,
                    a,
                    b,
                    // A sentence in the other side's language (a caption,
                    // a quoted original) is often left out by the other side.
                    prior: if (a, b) == (1, 0) && ko_foreign[i - 1] {
                        prior.min(foreign_prior)
                    } else {
                        prior
                    },
                    lk: ko_pre[i] - ko_pre[from],
                    cont: if a > 1 {
                        CONTINUATION_BONUS * (cont_pre[i] - cont_pre[i - a + 1]) as f64
                    } else {
                        0.0
                    },
                    from_lo: lo[from],
                    from_hi: hi[from],
                    from_off: row_off[from],
                    ko_weight: if a > 0 { spans.ko_weight(from, a) } else { 0.0 },
                });
            }
            for j in lo[i]..=hi[i] {
                let here = row_off[i] + j - lo[i];
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut best_k = u8::MAX;
                for s in &fits {
                    let (a, b) = (s.a, s.b);
                    let Some(jb) = j.checked_sub(b) else { continue };
                    if jb < s.from_lo || jb > s.from_hi {
                        continue;
                    }
                    let base = cost[s.from_off + jb - s.from_lo];
                    if !base.is_finite() {
                        continue;
                    }
                    let le = en_pre[j] - en_pre[jb];
                    let prior = if (a, b) == (0, 1) && en_foreign[j - 1] {
                        s.prior.min(foreign_prior)
                    } else {
                        s.prior
                    };
                    let start = base + prior;
                    let c = if a > 0 && b > 0 {
                        // Anchors can lower the cost by at most this much: a
                        // bead that cannot beat the best so far is done,
                        // before its length cost (never negative) if it can.
                        let bound =
                            self.config.anchor_weight * s.ko_weight.min(spans.en_weight(jb, b));
                        let lowest = if a > 1 { start - s.cont } else { start };
                        if lowest - bound >= best {
                            continue;
                        }
                        let mut c = start + length_cost(s.lk, le, a, b, model);
                        if a > 1 {
                            c -= s.cont;
                        }
                        if c - bound >= best {
                            continue;
                        }
                        let o = spans.overlap(i - a, a, jb, b);
                        c += self.config.missing_weight * o.missing
                            - self.config.anchor_weight * o.shared;
                        if any_foreign {
                            // A foreign sentence pairs only with what shares
                            // most of its words.
                            let unmatched = (i - a..i)
                                .filter(|&k| ko_foreign[k] && feats.ko_coverage(k, jb..j) < 0.5)
                                .count()
                                + (jb..j)
                                    .filter(|&k| {
                                        en_foreign[k] && feats.en_coverage(k, i - a..i) < 0.5
                                    })
                                    .count();
                            c += 2.0 * foreign_prior * unmatched as f64;
                        }
                        c
                    } else {
                        start + length_cost(s.lk, le, a, b, model)
                    };
                    if c < best {
                        best = c;
                        best_k = s.k;
                    }
                }
                cost[here] = best;
                back[here] = best_k;
            }
        }
        // Trace back (from nowhere when the band holds no path).
        let mut path = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let k = back[at(i, j)?];
            let &(a, b, _) = shapes.get(k as usize)?;
            path.push((i - a..i, j - b..j));
            i -= a;
            j -= b;
        }
        path.reverse();
        Some(path)
    }
}

/// One bead shape as the DP tries it on one row `i`: what depends on the
/// row only, computed once for the row.
struct RowShape {
    /// Index into the shapes.
    k: u8,
    a: usize,
    b: usize,
    /// The prior cost, lowered for a foreign Korean sentence left out.
    prior: f64,
    /// Length of Korean sentences `i - a..i`.
    lk: f64,
    /// The connective bonus of those sentences (for `a > 1`).
    cont: f64,
    /// Row `i - a`'s columns and where its cells start.
    from_lo: usize,
    from_hi: usize,
    from_off: usize,
    /// [`SpanFeatures::ko_weight`] of those sentences (for `a > 0`).
    ko_weight: f64,
}

/// The cells the DP searches: for row `i`, columns `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

/// Half-widths, in sentences, of the DP's bands. Each pass widens its band
/// (doubling it) while its best path runs along the band's edge, so these
/// set the speed more than the result: a path well inside its band is the
/// best one of a wider search too (Moore 2002).
#[derive(Clone, Copy, Debug)]
struct Bands {
    /// The first pass's first band around the diagonal, widened up to
    /// [`AlignerConfig::band`].
    first: usize,
    /// The second pass's band around the first pass's path.
    path: usize,
    /// The widest band of the second pass, and the band it starts with
    /// when the first pass ended at its widest band.
    widest_path: usize,
}

impl Bands {
    /// The bands searched. The dev sets' gold paths stray at most 4
    /// sentences from the diagonal: a first band of 8 holds them, with the
    /// edge margin of 2 and room to spare, without widening. The second
    /// pass rarely strays from the first pass's path; when it does, its band
    /// widens. 1,000 gold documents align to the same bytes with these
    /// bands as with the earlier fixed bands of 10 and 8, for 14% fewer DP
    /// instructions; on 1,000 made-up documents they find what a search of
    /// the whole matrix finds (see the tests). Bands of 6 and 4 would save
    /// twice as much but lose beads there.
    const SEARCHED: Bands = Bands { first: 8, path: 6, widest_path: 40 };
}

/// The DP matrix cells a widening band may reach (36 MB of costs and back
/// pointers): no news article comes near it (300 sentences a side with a
/// band of 250 is 150,000 cells).
const MOST_CELLS: usize = 4_000_000;

/// The half-width past which the first pass's band does not widen for a
/// path along its edge alone ([`MOST_CELLS`] over the rows), but never less
/// than a band that surely holds a path: one whose rows overlap, the
/// diagonal climbing `m / n` columns a row.
fn widening_cap(n: usize, m: usize) -> usize {
    (MOST_CELLS / (2 * (n + 1))).max(m.div_ceil(n.max(1)) + 2)
}

/// Whether a path comes within 2 sentences of a side of its band that is not
/// the matrix's edge: then a wider band might hold a better path.
fn runs_along_edge(path: &[(Range<usize>, Range<usize>)], band: &Band, m: usize) -> bool {
    const MARGIN: usize = 2;
    path.iter().any(|(ko, en)| {
        [(ko.start, en.start), (ko.end, en.end)].into_iter().any(|(i, j)| {
            (band.lo[i] > 0 && j < band.lo[i] + MARGIN)
                || (band.hi[i] < m && j + MARGIN > band.hi[i])
        })
    })
}

/// Columns within `w` of the diagonal (the line from (0, 0) to (n, m)).
fn diagonal_band(n: usize, m: usize, w: usize) -> Band {
    let (lo, hi) = (0..=n)
        .map(|i| {
            let d = (i * m).checked_div(n).unwrap_or(0);
            (d.saturating_sub(w), (d + w).min(m))
        })
        .unzip();
    Band { lo, hi }
}

/// Columns within `w` of a path's cells in each row (and between rows, so
/// every bead of the path stays inside).
fn path_band(path: &[(Range<usize>, Range<usize>)], n: usize, m: usize, w: usize) -> Band {
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0; n + 1];
    let mut mark = |i: usize, j: usize| {
        lo[i] = lo[i].min(j);
        hi[i] = hi[i].max(j);
    };
    mark(0, 0);
    for (ko, en) in path {
        // A bead spans rows ko.start..=ko.end and columns en.start..=en.end.
        for i in ko.start..=ko.end {
            mark(i, en.start);
            mark(i, en.end);
        }
    }
    for i in 0..=n {
        lo[i] = lo[i].saturating_sub(w);
        hi[i] = (hi[i] + w).min(m);
    }
    Band { lo, hi }
}

/// Whether a Korean sentence opens with a coordinating connective (`그리고`
/// "and", `하지만` "but"): a translator splitting one English sentence in two
/// often starts the second half so, so it tends to share a bead with the
/// sentence before it.
fn continues(s: &str) -> bool {
    let w = s.trim_start().split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    ["그리고", "하지만", "그래서", "그런데"].contains(&w)
}

/// Cost reduction for each Korean sentence that opens with a connective and
/// shares a bead with the Korean sentence before it: about the log odds of
/// such a sentence continuing a bead (two in three on the dev sets) against
/// any Korean sentence doing so (one in fourteen).
const CONTINUATION_BONUS: f64 = 2.0;

/// Characters that count towards a sentence's length: all of them, spaces
/// included (measured on the dev sets: counting spaces is better, since
/// Korean spacing tracks the number of words).
fn char_len(s: &str) -> f64 {
    s.chars().count() as f64
}

fn prefix(v: &[f64]) -> Vec<f64> {
    let mut p = Vec::with_capacity(v.len() + 1);
    p.push(0.0);
    for x in v {
        p.push(p.last().unwrap() + x);
    }
    p
}

/// Normalised length difference of a bead with both sides non-empty.
fn delta(lk: f64, le: f64, model: LengthModel) -> f64 {
    let expected = model.ratio * lk;
    let mean = ((le + expected) / 2.0).max(1.0);
    (le - expected) / (model.variance * mean).sqrt()
}

/// `-ln P(|X| >= |δ|)` for the bead's lengths, `X` a Laplace variable of unit
/// variance; 0 for a bead with an empty side.
fn length_cost(lk: f64, le: f64, a: usize, b: usize, model: LengthModel) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    // A Laplace tail with the same variance as the Gaussian: a translation
    // that strays far in length is rarer than average but not as rare as a
    // normal law says, so a loose 1-1 is not traded for a merge or a 2-2.
    std::f64::consts::SQRT_2 * delta(lk, le, model).abs()
}

/// Re-estimates the ratio and variance from the 1-1 beads of a first pass,
/// keeping the first estimate when there are too few of them.
fn reestimate(
    path: &[(Range<usize>, Range<usize>)],
    ko_len: &[f64],
    en_len: &[f64],
    first: LengthModel,
) -> LengthModel {
    let ones: Vec<(f64, f64)> = path
        .iter()
        .filter(|(k, e)| k.len() == 1 && e.len() == 1)
        .map(|(k, e)| (ko_len[k.start], en_len[e.start]))
        .filter(|&(k, e)| k > 0.0 && e > 0.0)
        .collect();
    if ones.len() < 5 {
        return first;
    }
    let sk: f64 = ones.iter().map(|p| p.0).sum();
    let se: f64 = ones.iter().map(|p| p.1).sum();
    let ratio = se / sk;
    // Robust variance: median of squared standardised residuals / 0.455
    // (the median of a chi-square with one degree of freedom).
    let mut r: Vec<f64> = ones
        .iter()
        .map(|&(k, e)| {
            let exp = ratio * k;
            (e - exp).powi(2) / ((e + exp) / 2.0).max(1.0)
        })
        .collect();
    r.sort_by(|a, b| a.total_cmp(b));
    let med = r[r.len() / 2];
    let variance = (med / 0.455).clamp(0.5, 50.0);
    LengthModel { ratio, variance }
}

/// Confidence in [0, 1] for one bead: length agreement and anchor evidence,
/// combined as independent signals, lowered by one-sided anchors. A bead
/// with an empty side gets 0.5 (the length model says nothing about it), or
/// 0.8 when its sentence is in the other side's language.
fn bead_score(
    ko: &Range<usize>,
    en: &Range<usize>,
    sides: &Sides,
    o: Overlap,
    model: LengthModel,
    foreign: bool,
) -> f64 {
    let Sides { ko_len, en_len, .. } = *sides;
    if ko.is_empty() || en.is_empty() {
        return if foreign { 0.8 } else { 0.5 };
    }
    let lk: f64 = ko_len[ko.clone()].iter().sum();
    let le: f64 = en_len[en.clone()].iter().sum();
    let p_len = ln_erfc(delta(lk, le, model).abs() / std::f64::consts::SQRT_2).exp();
    let p_anchor = 1.0 - (-o.shared).exp();
    // Numbers or names that one side has and the other lacks count against.
    let contradiction = (-0.5 * o.missing).exp();
    let shape_penalty = if ko.len() + en.len() > 2 { 0.9 } else { 1.0 };
    let p = 1.0 - (1.0 - p_len.sqrt()) * (1.0 - p_anchor);
    (shape_penalty * contradiction * p).clamp(0.0, 1.0)
}

/// `ln erfc(x)` for x >= 0, stable for large x (Numerical Recipes' `erfcc`,
/// fractional error below 1.2e-7).
fn ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    t.ln() + poly
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::AnchorKind;

    thread_local! {
        /// The most cells one DP pass of this thread has searched.
        pub(super) static MOST_CELLS_SEARCHED: std::cell::Cell<usize> =
            const { std::cell::Cell::new(0) };
    }

    fn no_feats(n: usize, m: usize) -> DocFeatures {
        DocFeatures { ko: vec![vec![]; n], en: vec![vec![]; m], ..Default::default() }
    }

    #[test]
    fn ln_erfc_matches_known_values() {
        assert!((ln_erfc(0.0) - 0.0).abs() < 1e-6);
        assert!((ln_erfc(1.0).exp() - 0.157_299_2).abs() < 1e-6);
        assert!(ln_erfc(30.0) < -900.0 && ln_erfc(30.0).is_finite());
    }

    #[test]
    fn identical_lengths_align_one_to_one() {
        let ko = [40.0, 25.0, 60.0, 33.0, 51.0, 28.0];
        let en: Vec<f64> = ko.iter().map(|x| x * 2.1).collect();
        let a = Aligner::default().align_lengths(&ko, &en, &no_feats(6, 6));
        assert!(a.covers(6, 6));
        assert!(a.beads.iter().all(|b| b.ko.len() == 1 && b.en.len() == 1));
        assert!(a.beads.iter().enumerate().all(|(k, b)| b.ko.start == k && b.en.start == k));
    }

    #[test]
    fn merged_english_sentence_becomes_two_to_one() {
        let ko = [40.0, 25.0, 30.0, 60.0, 33.0, 51.0];
        // English sentence 1 translates Korean 1 and 2 together.
        let en = [84.0, 115.0, 126.0, 69.0, 107.0];
        let a = Aligner::default().align_lengths(&ko, &en, &no_feats(6, 5));
        assert!(a.covers(6, 5));
        assert!(a.beads.contains(&Bead { ko: 1..3, en: 1..2, score: a.beads[1].score }));
    }

    #[test]
    fn a_long_text_of_ties_keeps_its_band_within_the_cell_budget() {
        // Every sentence alike: the best path runs along the edge of band
        // after band, which widened the band to thousands of sentences
        // either side (without the cap: 244 million cells in one pass).
        let (n, m) = (20_000, 27_000);
        let (ko, en) = (vec![40.0; n], vec![30.0; m]);
        MOST_CELLS_SEARCHED.with(|most| most.set(0));
        let a = Aligner::default().align_lengths(&ko, &en, &no_feats(n, m));
        assert!(a.covers(n, m));
        // A band doubles past the cap at most once.
        let most = MOST_CELLS_SEARCHED.with(|most| most.get());
        assert!(most <= 2 * MOST_CELLS + n + 1, "{most} cells in one pass");
        // A band always holds a path, however lopsided the sides.
        for (n, m) in [(1, 1_000_000), (3, 50_000), (50_000, 67_000), (67_000, 50_000)] {
            let cap = widening_cap(n, m);
            assert!(cap >= m.div_ceil(n) + 2, "{n} {m}");
            let band = diagonal_band(n, m, cap);
            assert!((0..n).all(|i| band.lo[i + 1] <= band.hi[i]), "{n} {m}: rows apart");
        }
    }

    #[test]
    fn a_block_left_out_far_from_the_diagonal_is_found() {
        // English leaves out Korean sentences 10..110 of 300: at Korean 110
        // the path is 60 sentences off the diagonal, far outside the first
        // band (and the room the second pass gives): the band must widen.
        let (n, gap) = (300, 10..110);
        let ko: Vec<f64> = (0..n).map(|i| 20.0 + ((i * 37) % 50) as f64).collect();
        let kept: Vec<usize> = (0..n).filter(|i| !gap.contains(i)).collect();
        let en: Vec<f64> = kept.iter().map(|&i| ko[i] * 2.0).collect();
        // Each pair shares one number.
        let feats = DocFeatures {
            ko: (0..n).map(|i| vec![i as u32]).collect(),
            en: kept.iter().map(|&i| vec![i as u32]).collect(),
            table: (0..n).map(|i| (AnchorKind::Number, i.to_string(), 1.0)).collect(),
            on_both_sides: (0..n).map(|i| !gap.contains(&i)).collect(),
        };
        let a = Aligner::default().align_lengths(&ko, &en, &feats);
        assert!(a.covers(n, kept.len()));
        for b in &a.beads {
            match (b.ko.len(), b.en.len()) {
                (1, 0) => assert!(gap.contains(&b.ko.start), "{b:?}"),
                (1, 1) => assert_eq!(kept[b.en.start], b.ko.start, "{b:?}"),
                _ => panic!("unexpected bead {b:?}"),
            }
        }
    }

    /// A document whose English side merges, splits, adds and leaves out
    /// sentences (blocks of five included), with noisy lengths and a shared
    /// number in some beads; with the beads it was built from.
    fn edited_document(rnd: &mut impl FnMut() -> f64) -> EditedDocument {
        let n = 2 + (rnd() * 68.0) as usize;
        let ko: Vec<f64> = (0..n).map(|_| 8.0 + rnd() * 142.0).collect();
        let (mut en, mut en_ids, mut truth) = (Vec::new(), Vec::new(), Vec::new());
        let mut ko_ids = vec![vec![]; n];
        let mut i = 0;
        while i < n {
            let (op, noise, shared) = ((rnd() * 12.0) as u8, 0.8 + rnd() * 0.45, rnd() < 0.3);
            if op == 1 && i + 5 < n {
                // A block of five Korean sentences left out.
                truth.extend((i..i + 5).map(|k| (k..k + 1, en.len()..en.len())));
                i += 5;
                continue;
            }
            // Two Korean sentences in one English one, or one in two.
            let take = if op == 0 { 2.min(n - i) } else { 1 };
            let parts = if op == 2 { 2 } else { 1 };
            let (lk, e0): (f64, usize) = (ko[i..i + take].iter().sum(), en.len());
            for _ in 0..parts {
                en.push(lk * 2.0 * noise / parts as f64);
                en_ids.push(if shared { vec![i as u32] } else { vec![] });
            }
            if shared {
                ko_ids[i] = vec![i as u32];
            }
            truth.push((i..i + take, e0..en.len()));
            if op == 3 {
                // An English sentence of its own.
                truth.push((i + take..i + take, en.len()..en.len() + 1));
                en.push(40.0 * noise);
                en_ids.push(vec![]);
            }
            i += take;
        }
        let feats = DocFeatures {
            on_both_sides: ko_ids.iter().map(|ids| !ids.is_empty()).collect(),
            table: (0..n).map(|k| (AnchorKind::Number, k.to_string(), 1.0)).collect(),
            ko: ko_ids,
            en: en_ids,
        };
        EditedDocument { ko, en, feats, truth }
    }

    struct EditedDocument {
        ko: Vec<f64>,
        en: Vec<f64>,
        feats: DocFeatures,
        truth: Vec<(Range<usize>, Range<usize>)>,
    }

    #[test]
    fn the_bands_lose_nothing_a_search_of_the_whole_matrix_finds() {
        // A fixed generator (an LCG), so the test is the same every run.
        let mut seed = 12345u64;
        let mut rnd = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let whole = Bands { first: usize::MAX, path: 1 << 20, widest_path: 1 << 20 };
        let aligner = Aligner::default();
        let beads = |a: Alignment| a.beads.into_iter().map(|b| (b.ko, b.en)).collect::<Vec<_>>();
        let (mut differ, mut right_banded, mut right_whole, mut docs) = (0, 0, 0, 0);
        while docs < 1000 {
            let EditedDocument { ko, en, feats, truth } = edited_document(&mut rnd);
            if en.is_empty() {
                continue;
            }
            docs += 1;
            let (kf, ef) = (vec![false; ko.len()], vec![false; en.len()]);
            let sides =
                Sides { ko_len: &ko, en_len: &en, ko_foreign: &kf, en_foreign: &ef, ko_cont: &kf };
            let banded = beads(aligner.align_in_bands(sides, &feats, Bands::SEARCHED));
            let all = beads(aligner.align_in_bands(sides, &feats, whole));
            right_banded += banded.iter().filter(|b| truth.contains(b)).count();
            right_whole += all.iter().filter(|b| truth.contains(b)).count();
            differ += usize::from(banded != all);
        }
        // Bands of 6 and 4 differ on 6 of these documents and get 46 fewer
        // beads right (18,597 of 18,643).
        assert!(differ <= 3, "{differ} of 1000 documents differ");
        assert!(right_banded >= right_whole, "{right_banded} beads right, {right_whole} whole");
    }

    #[test]
    fn connectives_are_whole_first_words() {
        assert!(continues("그리고 그는 떠났다."));
        assert!(continues("하지만, 결과는 달랐다."));
        assert!(!continues("그리고는 떠났다."));
        assert!(!continues("그는 그리고 떠났다."));
    }

    #[test]
    fn coverage_check_rejects_gaps() {
        let a = Alignment {
            beads: vec![
                Bead { ko: 0..1, en: 0..1, score: 1.0 },
                Bead { ko: 2..3, en: 1..2, score: 1.0 },
            ],
            ratio: 2.0,
            variance: 6.0,
            anchor_shared: 0.0,
            anchor_missing: 0.0,
        };
        assert!(!a.covers(3, 2));
    }
}
