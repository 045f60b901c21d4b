//! A self-contained HTML page to review an alignment: Korean and English
//! side by side, one table row per bead, the row coloured by confidence,
//! shared anchors highlighted, 1-0 and 0-1 beads shown with an empty cell,
//! and a summary at the top (beads by shape, mean score, furniture left out).
//! No scripts, no network: inline CSS only.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::xml_escape;
use crate::pipeline::AlignedPair;

const STYLE: &str = "body{font-family:'Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo',sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top}\
th{background:#eee}td.n{white-space:nowrap;color:#555;font-size:.85em}\
tr.hi{background:#e8f6e8}tr.mid{background:#fdf7dc}tr.lo{background:#fbe3e3}tr.null td.t:empty{background:#f0f0f0}\
mark{background:#ffe27a;padding:0 .1em}.sum{margin-bottom:1em}.sum span{margin-right:1.5em}\
details{margin:1em 0}";

/// Writes the review page for `pair`.
pub fn write(pair: &AlignedPair, doc_id: &str, out: &mut dyn Write) -> io::Result<()> {
    let a = &pair.alignment;
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    for b in &a.beads {
        *shapes.entry(b.kind()).or_default() += 1;
    }
    let mean = if a.beads.is_empty() {
        0.0
    } else {
        a.beads.iter().map(|b| b.score).sum::<f64>() / a.beads.len() as f64
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"ko\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<title>hanalign: {}</title><style>{STYLE}</style></head><body>",
        xml_escape(doc_id)
    )?;
    writeln!(out, "<h1>{}</h1>", xml_escape(doc_id))?;
    write!(out, "<div class=\"sum\"><span>{} beads</span>", a.beads.len())?;
    for (shape, n) in &shapes {
        write!(out, "<span>{shape}: {n}</span>")?;
    }
    let dropped = pair.ko.dropped.len() + pair.en.dropped.len();
    writeln!(
        out,
        "<span>mean score {mean:.2}</span><span>document score {:.2}</span><span>furniture left out: {dropped}</span></div>",
        a.doc_score()
    )?;
    writeln!(out, "<table><thead><tr><th>#</th><th>한국어</th><th>English</th><th>bead</th></tr></thead><tbody>")?;
    for (n, b) in a.beads.iter().enumerate() {
        let anchors = pair.features.anchors(b.ko.clone(), b.en.clone());
        let class = if b.ko.is_empty() || b.en.is_empty() {
            "null"
        } else if b.score >= 0.9 {
            "hi"
        } else if b.score >= 0.6 {
            "mid"
        } else {
            "lo"
        };
        let ko = highlight(&pair.ko.joined_original(b.ko.clone()), &anchors, true);
        let en = highlight(&pair.en.joined_original(b.en.clone()), &anchors, false);
        writeln!(
            out,
            "<tr class=\"{class}\"><td class=\"n\">{}</td><td class=\"t\" lang=\"ko\">{ko}</td><td class=\"t\" lang=\"en\">{en}</td><td class=\"n\">{} · {:.2}</td></tr>",
            n + 1,
            b.kind(),
            b.score
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    if dropped > 0 {
        writeln!(out, "<details><summary>Furniture left out ({dropped})</summary><ul>")?;
        for seg in [&pair.ko, &pair.en] {
            for d in &seg.dropped {
                writeln!(
                    out,
                    "<li>{} ({}): {}</li>",
                    seg.lang(),
                    xml_escape(&d.reason),
                    xml_escape(seg.dropped_text(d))
                )?;
            }
        }
        writeln!(out, "</ul></details>")?;
    }
    writeln!(out, "</body></html>")?;
    out.flush()
}

/// Escapes `text` and wraps the anchor strings found in it in `<mark>`:
/// Latin words (written the same in both texts), plain numbers, and on the
/// Korean side the Korean form of a glossary entry.
fn highlight(text: &str, anchors: &[crate::anchor::Anchor], korean: bool) -> String {
    use crate::anchor::AnchorKind;
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let lower = text.to_lowercase();
    for a in anchors {
        let wanted = match a.kind {
            AnchorKind::Latin => true,
            AnchorKind::Number => a.text.len() >= 2 && a.text.bytes().all(|b| b.is_ascii_digit()),
            AnchorKind::Glossary => korean,
            _ => false,
        };
        if !wanted || a.text.is_empty() || lower.len() != text.len() {
            continue;
        }
        let mut from = 0;
        while let Some(k) = lower[from..].find(&a.text) {
            let s = from + k;
            marks.push((s, s + a.text.len()));
            from = s + a.text.len();
        }
    }
    marks.sort();
    let mut out = String::new();
    let mut pos = 0;
    for (s, e) in marks {
        if s < pos || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&xml_escape(&text[pos..s]));
        out.push_str("<mark>");
        out.push_str(&xml_escape(&text[s..e]));
        out.push_str("</mark>");
        pos = e;
    }
    out.push_str(&xml_escape(&text[pos..]));
    out
}
