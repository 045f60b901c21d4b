//! Romanisation vectors (../shared/data/romanization, or the subset copied
//! to tests/data/romanization when ../shared is absent) and the name
//! matcher: accuracy floors with the figures and failures printed, pinned
//! cases, and property tests.

use std::path::PathBuf;

use hanalign::romanize::{romanize, Mode, System};

use crate::util::*;

/// The directory of the vector files: ../shared/data/romanization when
/// ../shared is there (unless `HANALIGN_VECTORS=subset` asks for the copy),
/// else the subset in tests/data/romanization.
fn vectors_dir() -> PathBuf {
    let subset = root().join("tests/data/romanization");
    if std::env::var("HANALIGN_VECTORS").is_ok_and(|v| v == "subset") {
        eprintln!(
            "romanisation vectors: the subset in {} (HANALIGN_VECTORS=subset)",
            subset.display()
        );
        return subset;
    }
    match shared() {
        Some(s) => {
            let d = s.join("data/romanization");
            eprintln!("romanisation vectors: {}", d.display());
            d
        }
        None => {
            eprintln!(
                "romanisation vectors: ../shared absent, using the subset in {}",
                subset.display()
            );
            subset
        }
    }
}

/// The tab-separated fields of the non-comment lines of a vector file.
fn rows(name: &str) -> Vec<Vec<String>> {
    let path = vectors_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Lower case, without hyphens and spaces: how vectors are compared.
fn norm(s: &str) -> String {
    s.chars().filter(|c| *c != '-' && *c != ' ').flat_map(char::to_lowercase).collect()
}

/// The mode a vector row asks for: its tags say when it is an address
/// (`adm`) or a personal name (`name`), as a caller would.
fn mode_of(tags: &str) -> Mode {
    let tags: Vec<&str> = tags.split(',').map(str::trim).collect();
    if tags.contains(&"adm") {
        Mode::Place
    } else if tags.contains(&"name") {
        Mode::Name
    } else {
        Mode::Word
    }
}

#[test]
fn rr_vectors() {
    let rows = rows("rr_vectors.tsv");
    assert!(rows.len() >= 10, "too few RR vectors");
    let (mut ok, mut tagged, mut tagged_ok, mut word_ok) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for r in &rows {
        let (h, want) = (&r[0], &r[1]);
        let tags = r.get(2).map(String::as_str).unwrap_or("").trim();
        let got = romanize(h, System::Rr, mode_of(tags));
        let good = norm(&got) == norm(want);
        ok += usize::from(good);
        word_ok += usize::from(norm(&romanize(h, System::Rr, Mode::Word)) == norm(want));
        if !tags.is_empty() {
            tagged += 1;
            tagged_ok += usize::from(good);
        }
        if !good {
            failures.push(format!("{h}\t{want}\t[{tags}]\tgot {got}"));
        }
    }
    let n = rows.len();
    let overall = ok as f64 / n as f64;
    let on_tagged = tagged_ok as f64 / tagged.max(1) as f64;
    eprintln!(
        "RR: {ok}/{n} exact ({:.1}%), tagged rows {tagged_ok}/{tagged} ({:.1}%); \
         all rows in word mode {word_ok}/{n}",
        100.0 * overall,
        100.0 * on_tagged
    );
    for f in &failures {
        eprintln!("  RR miss: {f}");
    }
    assert!(overall >= 0.99, "RR exact {overall:.3} < 0.99");
    assert!(on_tagged >= 0.97, "RR on tagged rows {on_tagged:.3} < 0.97");
}

#[test]
fn rr_translit_vectors() {
    let rows = rows("rr_translit_vectors.tsv");
    let mut ok = 0;
    for r in &rows {
        let got = romanize(&r[0], System::RrTranslit, Mode::Word);
        if got.to_lowercase() == r[1].to_lowercase() {
            ok += 1;
        } else {
            eprintln!("  translit miss: {}\t{}\tgot {got}", r[0], r[1]);
        }
    }
    eprintln!("RR transliteration: {ok}/{}", rows.len());
    assert_eq!(ok, rows.len());
}

/// One row of name_vectors.tsv.
struct NameRow {
    hangul: String,
    spellings: Vec<String>,
    kind: String,
}

/// The name vectors used for the matcher: every kind but rows flagged `var`
/// (conventional exonyms) or `part-sem` (part of the English translated).
fn name_rows() -> (Vec<NameRow>, Vec<NameRow>) {
    let mut used = Vec::new();
    let mut all = Vec::new();
    for r in rows("name_vectors.tsv") {
        let flags: Vec<&str> = r.get(3).map_or("", |s| s.as_str()).split(',').collect();
        let row = NameRow {
            hangul: r[0].clone(),
            spellings: r[1].split('|').map(str::to_string).collect(),
            kind: r[2].clone(),
        };
        if flags.contains(&"var") || flags.contains(&"part-sem") {
            all.push(row);
        } else {
            all.push(NameRow {
                hangul: row.hangul.clone(),
                spellings: row.spellings.clone(),
                kind: row.kind.clone(),
            });
            used.push(row);
        }
    }
    (used, all)
}

/// Letters only, lower case: two spellings are the same if these are.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A tiny deterministic generator (xorshift64*), for the negatives' shuffle.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// How many other rows of the same kind each row is paired with.
const NEGATIVES_PER_ROW: usize = 6;

#[test]
fn matcher_recall_and_false_matches() {
    use hanalign::names::{similarity, DEFAULT_THRESHOLD};
    use std::collections::{BTreeMap, HashSet};

    let (rows, all) = name_rows();
    // (Hangul, spelling) pairs that are true anywhere in the file.
    let truth: HashSet<(String, String)> = all
        .iter()
        .flat_map(|r| r.spellings.iter().map(move |s| (r.hangul.clone(), letters(s))))
        .collect();
    let (mut pos, mut hits) = (0usize, 0usize);
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut pos_sims, mut neg_sims) = (Vec::new(), Vec::new());
    for r in &rows {
        for s in &r.spellings {
            let sim = similarity(&r.hangul, s);
            pos_sims.push(sim);
            let ok = sim >= DEFAULT_THRESHOLD;
            pos += 1;
            hits += usize::from(ok);
            let e = per_kind.entry(r.kind.as_str()).or_default();
            e.0 += 1;
            e.1 += usize::from(ok);
            if !ok {
                misses.push(format!("{}\t{s}\t{sim:.3}", r.hangul));
            }
        }
    }
    // Negatives: each row against the spellings of the next rows of the same
    // kind in a fixed shuffle.
    let mut by_kind: BTreeMap<&str, Vec<&NameRow>> = BTreeMap::new();
    for r in &rows {
        by_kind.entry(r.kind.as_str()).or_default().push(r);
    }
    let mut rng = Shuffler(0x0005_eed0_f4a1_19e5);
    let (mut neg, mut false_hits) = (0usize, 0usize);
    let mut false_matches = Vec::new();
    for group in by_kind.values_mut() {
        rng.shuffle(group);
        let n = group.len();
        for i in 0..n {
            for k in 1..=NEGATIVES_PER_ROW.min(n - 1) {
                let (a, b) = (group[i], group[(i + k) % n]);
                if a.hangul == b.hangul {
                    continue;
                }
                for s in &b.spellings {
                    if truth.contains(&(a.hangul.clone(), letters(s))) {
                        continue;
                    }
                    let sim = similarity(&a.hangul, s);
                    neg_sims.push(sim);
                    neg += 1;
                    if sim >= DEFAULT_THRESHOLD {
                        false_hits += 1;
                        false_matches.push(format!("{} ~ {s}\t{sim:.3}", a.hangul));
                    }
                }
            }
        }
    }
    let recall = hits as f64 / pos as f64;
    let fmr = false_hits as f64 / neg.max(1) as f64;
    eprintln!(
        "matcher at threshold {DEFAULT_THRESHOLD}: recall {hits}/{pos} = {recall:.4}; \
         false matches {false_hits}/{neg} = {fmr:.4} (same-kind negatives)"
    );
    for (k, (n, h)) in &per_kind {
        eprintln!("  {k}: {h}/{n}");
    }
    for t in [0.7, 0.75, 0.8, 0.85, 0.9] {
        let r = pos_sims.iter().filter(|&&s| s >= t).count() as f64 / pos as f64;
        let f = neg_sims.iter().filter(|&&s| s >= t).count() as f64 / neg.max(1) as f64;
        eprintln!("  threshold {t:.2}: recall {r:.4}, false-match rate {f:.4}");
    }
    for m in &misses {
        eprintln!("  missed: {m}");
    }
    for m in &false_matches {
        eprintln!("  false match: {m}");
    }
    assert!(recall >= 0.98, "recall {recall:.4} < 0.98");
    assert!(fmr <= 0.002, "false-match rate {fmr:.4} > 0.002");
}

#[test]
fn matcher_keeps_same_surname_people_apart() {
    use hanalign::names::is_match;
    use std::collections::HashSet;

    let (rows, all) = name_rows();
    let truth: HashSet<(String, String)> = all
        .iter()
        .flat_map(|r| r.spellings.iter().map(move |s| (r.hangul.clone(), letters(s))))
        .collect();
    let persons: Vec<&NameRow> = rows.iter().filter(|r| r.kind.starts_with("person")).collect();
    let (mut n, mut bad) = (0, Vec::new());
    for a in &persons {
        let sa = a.hangul.chars().next();
        for b in &persons {
            if a.hangul == b.hangul || b.hangul.chars().next() != sa {
                continue;
            }
            for s in &b.spellings {
                if truth.contains(&(a.hangul.clone(), letters(s))) {
                    continue;
                }
                n += 1;
                if is_match(&a.hangul, s) {
                    bad.push(format!("{} ~ {s}", a.hangul));
                }
            }
        }
    }
    eprintln!("same-surname negatives: {} false matches of {n}", bad.len());
    for b in &bad {
        eprintln!("  false match: {b}");
    }
    assert!(bad.len() * 200 <= n, "too many same-surname false matches");
}

#[test]
fn matcher_pinned_cases() {
    use hanalign::names::is_match;

    for (h, l) in [
        ("우크라이나", "Ukraine"),
        ("브리즈번", "Brisbane"),
        ("현영철", "Hyon Yong-chol"),
        ("리수용", "Ri Su-yong"),
        ("강석주", "Kang Sok-ju"),
        ("최룡해", "Choe Ryong-hae"),
        ("최룡해가", "Choi Ryong-hae"),
        ("블라디미르 푸틴", "Vladimir Putin"),
        ("푸틴은", "Putin"),
        ("라선", "Rason"),
        ("라진항", "Rajin"),
        ("김정은", "Kim Jong-un"),
        ("김정은", "Kim Jong Un"),
        ("김정은 국무위원장은", "Kim Jong Un"),
        ("이", "Lee"),
        ("이", "Yi"),
        ("이", "Rhee"),
        ("박", "Pak"),
        ("정", "Chung"),
        ("왕십리", "Wangsimni"),
        ("한강", "Han River"),
        ("금강산", "Mount Kumgang"),
    ] {
        assert!(is_match(h, l), "{h} should match {l}");
    }
    for (h, l) in [
        ("김정은", "Kim Jong-il"),
        ("김정은", "Kim Chong-in"),
        ("김정일", "Kim Jong-un"),
        ("푸틴", "Biden"),
        ("조", "Choe"),
        ("우크라이나", "Russia"),
        ("박진", "Park Jie-won"),
    ] {
        assert!(!is_match(h, l), "{h} should not match {l}");
    }
}

mod properties {
    use hanalign::names::{similarity, DEFAULT_THRESHOLD};
    use hanalign::romanize::{romanize, romanize_with, Mode, Options, System};
    use proptest::prelude::*;

    const SYSTEMS: [System; 4] = [System::Rr, System::RrTranslit, System::Mr, System::Nk];
    const MODES: [Mode; 3] = [Mode::Word, Mode::Name, Mode::Place];

    /// One Hangul character of any kind: syllables, conjoining and
    /// compatibility jamo (modern and archaic), half-width and enclosed
    /// Hangul, fillers and tone marks.
    fn hangul_char() -> impl Strategy<Value = char> {
        prop_oneof![
            8 => (0xAC00u32..=0xD7A3).prop_map(|c| char::from_u32(c).unwrap()),
            1 => (0x1100u32..=0x11FF).prop_map(|c| char::from_u32(c).unwrap()),
            1 => (0x3131u32..=0x318E).prop_map(|c| char::from_u32(c).unwrap()),
            1 => prop::sample::select(vec![
                '\u{A960}', '\u{D7B0}', '\u{D7FB}', '\u{FFA0}', '\u{FFA1}', '\u{FFDC}',
                '\u{3200}', '\u{320E}', '\u{321D}', '\u{3260}', '\u{326E}', '\u{327E}',
                '\u{302E}', '\u{302F}', '\u{3164}',
            ]),
        ]
    }

    /// Text of Hangul characters and spaces.
    fn hangul_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![9 => hangul_char(), 1 => Just(' ')], 0..12)
            .prop_map(|v| v.into_iter().collect())
    }

    /// Text mixing Hangul, ASCII, digits, punctuation and any character.
    fn mixed_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => hangul_char(),
                2 => prop::char::range('0', 'z'),
                1 => prop::sample::select(vec![' ', '-', '.', '\'', '·', '\n', '(', ')']),
                1 => any::<char>(),
            ],
            0..16,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// A common surname and one or two syllables of a given name.
    fn korean_name() -> impl Strategy<Value = String> {
        let surnames = vec![
            "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신",
            "권", "황", "안", "송", "전", "홍", "유", "고", "문", "양", "손", "배", "백", "허",
            "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "류", "리", "남궁",
            "제갈",
        ];
        (prop::sample::select(surnames), prop::collection::vec(0xAC00u32..=0xD7A3, 1..=2)).prop_map(
            |(s, given)| {
                let mut n = s.to_string();
                n.extend(given.into_iter().map(|c| char::from_u32(c).unwrap()));
                n
            },
        )
    }

    proptest! {
        #[test]
        fn romanize_never_panics(text in any::<String>(), mixed in mixed_text()) {
            for system in SYSTEMS {
                for mode in MODES {
                    let _ = romanize(&text, system, mode);
                    let _ = romanize(&mixed, system, mode);
                }
            }
        }

        #[test]
        fn hangul_becomes_ascii(text in hangul_text()) {
            for system in SYSTEMS {
                for mode in MODES {
                    let out = romanize(&text, system, mode);
                    prop_assert!(out.is_ascii(), "{system} {mode} {text:?} -> {out:?}");
                }
            }
        }

        #[test]
        fn no_hangul_left_in_output(text in mixed_text()) {
            for system in SYSTEMS {
                let mut opts = Options::new(system, Mode::Word);
                opts.diacritics = true;
                let out = romanize_with(&text, &opts);
                // Syllables and the jamo blocks the romaniser reads; U+D7A4..U+D7FF
                // (unassigned, then archaic Jamo Extended-B finals) pass through.
                let hangul = out.chars().find(|c| matches!(*c as u32,
                    0x1100..=0x11FF | 0x3131..=0x318E | 0xA960..=0xA97F | 0xAC00..=0xD7A3));
                prop_assert!(hangul.is_none(), "{system} {text:?} -> {out:?}");
            }
        }

        #[test]
        fn non_hangul_passes_through(text in "[ -~]{0,24}") {
            for system in SYSTEMS {
                prop_assert_eq!(romanize(&text, system, Mode::Word), text.clone());
            }
        }

        #[test]
        fn similarity_is_a_score(h in mixed_text(), l in mixed_text()) {
            let s = similarity(&h, &l);
            prop_assert!((0.0..=1.0).contains(&s), "{h:?} {l:?} {s}");
        }

        #[test]
        fn a_name_matches_its_romanisation(name in korean_name()) {
            let rr = romanize(&name, System::Rr, Mode::Name);
            let s = similarity(&name, &rr);
            prop_assert!(s >= DEFAULT_THRESHOLD, "{name} ~ {rr}: {s}");
        }
    }
}
