//! Scoring alignments against gold alignments.
//!
//! The measures are those of Vecalign and Bertalign (Thompson & Koehn 2019),
//! as `../shared/tools/score.py` computes them. A bead is a pair (Korean
//! sentence set, English sentence set).
//!
//! - **strict**: a predicted bead is right when the gold has the same bead.
//! - **lax**: a predicted bead that is not strictly right still counts when
//!   one of its English sentences is aligned in the gold to one of its Korean
//!   sentences (so a bead with an empty side can only be strictly right).
//! - **precision** is over all predicted beads, 1-0 and 0-1 included.
//! - **recall** ignores 1-0/0-1 beads on both sides by default
//!   ([`NullMode::Ignore`]); [`NullMode::Include`] counts them.
//!
//! Counts are micro-averaged over the documents of a set, and over sets for
//! the overall figure.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One bead: sorted Korean and English sentence indices.
pub type BeadKey = (Vec<usize>, Vec<usize>);

/// Whether 1-0/0-1 beads count in recall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NullMode {
    /// Left out of recall (the Vecalign/Bertalign convention).
    Ignore,
    /// Counted in recall: shows how well deletions are found.
    Include,
}

/// True and false positive counts for strict and lax matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Strictly right.
    pub strict_tp: usize,
    /// Not strictly right.
    pub strict_fp: usize,
    /// Right under lax matching.
    pub lax_tp: usize,
    /// Wrong under lax matching.
    pub lax_fp: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.strict_tp += o.strict_tp;
        self.strict_fp += o.strict_fp;
        self.lax_tp += o.lax_tp;
        self.lax_fp += o.lax_fp;
    }
}

/// Precision, recall and F1, strict and lax.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Strict precision.
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Lax precision.
    pub lax_p: f64,
    /// Lax recall.
    pub lax_r: f64,
    /// Lax F1.
    pub lax_f1: f64,
}

/// Counts for precision and recall; turned into [`Scores`] by [`Tally::scores`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Predicted beads judged against the gold.
    pub precision: Counts,
    /// Gold beads judged against the prediction.
    pub recall: Counts,
}

impl Tally {
    /// Adds another tally.
    pub fn add(&mut self, o: Tally) {
        self.precision.add(o.precision);
        self.recall.add(o.recall);
    }

    /// The scores.
    pub fn scores(&self) -> Scores {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        let (p, r) = (&self.precision, &self.recall);
        let sp = div(p.strict_tp, p.strict_tp + p.strict_fp);
        let sr = div(r.strict_tp, r.strict_tp + r.strict_fp);
        let lp = div(p.lax_tp, p.lax_tp + p.lax_fp);
        let lr = div(r.lax_tp, r.lax_tp + r.lax_fp);
        Scores {
            strict_p: sp,
            strict_r: sr,
            strict_f1: f1(sp, sr),
            lax_p: lp,
            lax_r: lr,
            lax_f1: f1(lp, lr),
        }
    }
}

/// Judges `test` beads against `gold` beads (empty beads ignored).
fn judge(gold: &[BeadKey], test: &[BeadKey]) -> Counts {
    let gold: HashSet<&BeadKey> =
        gold.iter().filter(|b| !b.0.is_empty() || !b.1.is_empty()).collect();
    let test: HashSet<&BeadKey> =
        test.iter().filter(|b| !b.0.is_empty() || !b.1.is_empty()).collect();
    let mut ko2en: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (ko, en) in &gold {
        for &i in ko {
            ko2en.entry(i).or_default().extend(en.iter().copied());
        }
    }
    let mut c = Counts::default();
    for b in test {
        if gold.contains(b) {
            c.strict_tp += 1;
            c.lax_tp += 1;
            continue;
        }
        c.strict_fp += 1;
        let linked =
            b.0.iter().any(|i| ko2en.get(i).is_some_and(|en| b.1.iter().any(|j| en.contains(j))));
        if linked {
            c.lax_tp += 1;
        } else {
            c.lax_fp += 1;
        }
    }
    c
}

/// Scores one document's prediction against its gold.
pub fn score_doc(gold: &[BeadKey], pred: &[BeadKey], null: NullMode) -> Tally {
    let precision = judge(gold, pred);
    let recall = match null {
        NullMode::Include => judge(pred, gold),
        NullMode::Ignore => {
            let both = |v: &[BeadKey]| -> Vec<BeadKey> {
                v.iter().filter(|b| !b.0.is_empty() && !b.1.is_empty()).cloned().collect()
            };
            judge(&both(pred), &both(gold))
        }
    };
    Tally { precision, recall }
}

#[derive(Deserialize)]
struct JsonBead {
    #[serde(default)]
    ko: Vec<usize>,
    #[serde(default)]
    en: Vec<usize>,
    #[serde(default)]
    score: Option<f64>,
}

/// Reads beads from a JSONL file (`{"ko":[…],"en":[…]}` a line; other keys
/// are ignored). Errors name the file and line.
pub fn read_beads(path: &Path) -> Result<Vec<BeadKey>> {
    Ok(read_scored_beads(path)?.into_iter().map(|(b, _)| b).collect())
}

/// [`read_beads`] with each bead's `score`, when the line has one.
pub fn read_scored_beads(path: &Path) -> Result<Vec<(BeadKey, Option<f64>)>> {
    let (name, text) = crate::document::read_utf8(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let b: JsonBead = serde_json::from_str(line).map_err(|e| Error::BadLine {
            name: name.clone(),
            line: n + 1,
            message: format!("not a bead: {e}"),
        })?;
        out.push(((b.ko, b.en), b.score));
    }
    Ok(out)
}

/// Predicted beads with a score in `[k/10, (k+1)/10)` (the last bin takes
/// 1.0), and how many of them are exactly a gold bead: whether a bead's
/// score can be read as the chance it is right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CalibrationBin {
    /// Scored predicted beads in the bin.
    pub beads: usize,
    /// Of those, beads that equal a gold bead.
    pub right: usize,
}

/// Adds one document's scored predictions to `bins`.
pub fn calibrate(
    bins: &mut [CalibrationBin; 10],
    gold: &[BeadKey],
    pred: &[(BeadKey, Option<f64>)],
) {
    let gold: HashSet<&BeadKey> = gold.iter().collect();
    for (bead, score) in pred {
        let Some(score) = score.filter(|s| s.is_finite()) else { continue };
        let bin = &mut bins[((score * 10.0).floor().max(0.0) as usize).min(9)];
        bin.beads += 1;
        bin.right += usize::from(gold.contains(bead));
    }
}

/// The result for one set of documents.
#[derive(Clone, Debug, Serialize)]
pub struct SetReport {
    /// The set's name (its folder relative to the gold root).
    pub name: String,
    /// Documents with a gold file.
    pub docs: usize,
    /// Documents with no prediction (scored as an empty alignment).
    pub missing: usize,
    /// Gold beads.
    pub gold_beads: usize,
    /// Predicted beads.
    pub pred_beads: usize,
    /// Recall ignoring 1-0/0-1 beads.
    pub ignore: Scores,
    /// Recall including 1-0/0-1 beads.
    pub include: Scores,
    #[serde(skip)]
    tallies: (Tally, Tally),
}

/// The full report: every set and the micro average over them.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Per set, in name order.
    pub sets: Vec<SetReport>,
    /// Over all sets (micro-averaged).
    pub overall: SetReport,
    /// Over all sets: predicted beads by tenth of their score, and how many
    /// are right.
    pub calibration: [CalibrationBin; 10],
}

/// Scores `pred` against `gold`: two files, or two directories (gold files
/// `<id>.gold.jsonl` found recursively, each folder of them a set;
/// predictions `<id>.pred.jsonl` at the same relative path or, when unique,
/// anywhere under `pred`).
pub fn evaluate(gold: &Path, pred: &Path) -> Result<Report> {
    if gold.is_file() {
        let g = read_beads(gold)?;
        let p = if pred.exists() { read_scored_beads(pred)? } else { Vec::new() };
        let name = gold.file_name().and_then(|n| n.to_str()).unwrap_or("doc").to_string();
        let mut set = new_set(name);
        let mut calibration = [CalibrationBin::default(); 10];
        add_doc(&mut set, &mut calibration, &g, &p, !pred.exists());
        let overall = finish(new_set("ALL".into()), std::slice::from_ref(&set));
        return Ok(Report { sets: vec![finish_one(set)], overall, calibration });
    }
    let mut gold_files: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    walk(gold, &mut |path| {
        let Some(fname) = path.file_name().and_then(|n| n.to_str()) else { return };
        let Some(id) = fname.strip_suffix(".gold.jsonl") else { return };
        let rel = path
            .parent()
            .and_then(|d| d.strip_prefix(gold).ok())
            .map(|r| r.to_string_lossy().to_string());
        let set = match rel.as_deref() {
            None | Some("") => {
                gold.file_name().and_then(|n| n.to_str()).unwrap_or("gold").to_string()
            }
            Some(r) => r.to_string(),
        };
        gold_files.entry(set).or_default().push((id.to_string(), path.to_path_buf()));
    })?;
    if gold_files.is_empty() {
        return Err(Error::Config(format!("no *.gold.jsonl files under {}", gold.display())));
    }
    if pred.is_file() {
        return Err(Error::Config(format!(
            "{} is a file, but {} is a directory: give a directory of <id>.pred.jsonl files",
            pred.display(),
            gold.display()
        )));
    }
    let mut pred_index: HashMap<String, Vec<PathBuf>> = HashMap::new();
    if pred.is_dir() {
        walk(pred, &mut |path| {
            if let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".pred.jsonl"))
            {
                pred_index.entry(id.to_string()).or_default().push(path.to_path_buf());
            }
        })?;
    }
    let mut sets = Vec::new();
    let mut calibration = [CalibrationBin::default(); 10];
    for (name, mut docs) in gold_files {
        docs.sort();
        let mut set = new_set(name.clone());
        for (id, gpath) in docs {
            let g = read_beads(&gpath)?;
            let rel =
                gpath.parent().and_then(|d| d.strip_prefix(gold).ok()).unwrap_or(Path::new(""));
            let same_place = pred.join(rel).join(format!("{id}.pred.jsonl"));
            let ppath = if same_place.exists() {
                Some(same_place)
            } else {
                pred_index.get(&id).filter(|v| v.len() == 1).map(|v| v[0].clone())
            };
            let p = match &ppath {
                Some(p) => read_scored_beads(p)?,
                None => Vec::new(),
            };
            add_doc(&mut set, &mut calibration, &g, &p, ppath.is_none());
        }
        sets.push(set);
    }
    let overall = finish(new_set("ALL".into()), &sets);
    Ok(Report { sets: sets.into_iter().map(finish_one).collect(), overall, calibration })
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> Result<()> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, f)?;
        } else {
            f(&p);
        }
    }
    Ok(())
}

fn new_set(name: String) -> SetReport {
    SetReport {
        name,
        docs: 0,
        missing: 0,
        gold_beads: 0,
        pred_beads: 0,
        ignore: Scores::default(),
        include: Scores::default(),
        tallies: (Tally::default(), Tally::default()),
    }
}

fn add_doc(
    set: &mut SetReport,
    calibration: &mut [CalibrationBin; 10],
    gold: &[BeadKey],
    scored: &[(BeadKey, Option<f64>)],
    missing: bool,
) {
    calibrate(calibration, gold, scored);
    let pred: Vec<BeadKey> = scored.iter().map(|(b, _)| b.clone()).collect();
    let pred = pred.as_slice();
    set.docs += 1;
    set.missing += usize::from(missing);
    set.gold_beads += gold.len();
    set.pred_beads += pred.len();
    set.tallies.0.add(score_doc(gold, pred, NullMode::Ignore));
    set.tallies.1.add(score_doc(gold, pred, NullMode::Include));
}

fn finish_one(mut set: SetReport) -> SetReport {
    set.ignore = set.tallies.0.scores();
    set.include = set.tallies.1.scores();
    set
}

fn finish(mut all: SetReport, sets: &[SetReport]) -> SetReport {
    for s in sets {
        all.docs += s.docs;
        all.missing += s.missing;
        all.gold_beads += s.gold_beads;
        all.pred_beads += s.pred_beads;
        all.tallies.0.add(s.tallies.0);
        all.tallies.1.add(s.tallies.1);
    }
    finish_one(all)
}

impl Report {
    /// The report as a plain-text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "{:28} {:>4} {:>4} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6}\n",
            "set", "docs", "miss", "gold", "pred", "sP", "sR", "sF1", "lP", "lR", "lF1", "sF1+n"
        ));
        let mut row = |s: &SetReport| {
            let (a, b) = (&s.ignore, &s.include);
            out.push_str(&format!(
                "{:28} {:>4} {:>4} {:>5} {:>5} | {:.4} {:.4} {:.4} | {:.4} {:.4} {:.4} | {:.4}\n",
                s.name,
                s.docs,
                s.missing,
                s.gold_beads,
                s.pred_beads,
                a.strict_p,
                a.strict_r,
                a.strict_f1,
                a.lax_p,
                a.lax_r,
                a.lax_f1,
                b.strict_f1
            ));
        };
        for s in &self.sets {
            row(s);
        }
        if self.sets.len() > 1 {
            row(&self.overall);
        }
        out.push_str("s=strict l=lax; recall ignores 1-0/0-1 beads, except sF1+n (strict F1 with them included)\n");
        if self.calibration.iter().any(|b| b.beads > 0) {
            out.push_str("\nbead score   beads  right  share right\n");
            for (k, b) in self.calibration.iter().enumerate().filter(|(_, b)| b.beads > 0) {
                out.push_str(&format!(
                    "{:.1}-{:.1}  {:>7} {:>6}  {:.3}\n",
                    k as f64 / 10.0,
                    (k + 1) as f64 / 10.0,
                    b.beads,
                    b.right,
                    b.right as f64 / b.beads as f64
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(ko: &[usize], en: &[usize]) -> BeadKey {
        (ko.to_vec(), en.to_vec())
    }

    #[test]
    fn hand_computed_document() {
        // Gold: 0-0, 1+2-1, 3-(), 4-2.   Prediction: 0-0, 1-1, 2-(), 3-(), 4-2.
        let gold = vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[]), b(&[4], &[2])];
        let pred = vec![b(&[0], &[0]), b(&[1], &[1]), b(&[2], &[]), b(&[3], &[]), b(&[4], &[2])];
        let t = score_doc(&gold, &pred, NullMode::Ignore);
        // Precision over 5 predicted beads: 0-0, 3-(), 4-2 strict; 1-1 lax (1 links to 1); 2-() wrong.
        assert_eq!(t.precision, Counts { strict_tp: 3, strict_fp: 2, lax_tp: 4, lax_fp: 1 });
        // Recall over gold beads with both sides (3) against predicted ones with both sides (3).
        assert_eq!(t.recall, Counts { strict_tp: 2, strict_fp: 1, lax_tp: 3, lax_fp: 0 });
        let s = t.scores();
        assert!((s.strict_p - 0.6).abs() < 1e-12 && (s.strict_r - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.strict_f1 - 2.0 * 0.6 * (2.0 / 3.0) / (0.6 + 2.0 / 3.0)).abs() < 1e-12);
        let inc = score_doc(&gold, &pred, NullMode::Include);
        // Recall over all 4 gold beads: 0-0, 3-(), 4-2 strict; 1+2-1 lax.
        assert_eq!(inc.recall, Counts { strict_tp: 3, strict_fp: 1, lax_tp: 4, lax_fp: 0 });
    }

    #[test]
    fn calibration_counts_right_beads_by_score() {
        let gold = vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[2])];
        let pred = vec![
            (b(&[0], &[0]), Some(0.95)),
            (b(&[1], &[1]), Some(0.42)),
            (b(&[2], &[]), Some(0.5)),
            (b(&[3], &[2]), Some(1.0)),
            (b(&[4], &[]), None),
        ];
        let mut bins = [CalibrationBin::default(); 10];
        calibrate(&mut bins, &gold, &pred);
        assert_eq!(bins[9], CalibrationBin { beads: 2, right: 2 });
        assert_eq!(bins[4], CalibrationBin { beads: 1, right: 0 });
        assert_eq!(bins[5], CalibrationBin { beads: 1, right: 0 });
        assert_eq!(bins.iter().map(|b| b.beads).sum::<usize>(), 4);
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let gold = vec![b(&[0], &[0])];
        let s = score_doc(&gold, &[], NullMode::Ignore).scores();
        assert_eq!(s, Scores::default());
    }
}
