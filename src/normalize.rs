//! Unicode normalisation that remembers where every character came from.
//!
//! [`Normalized::new`] turns a document's original text into a working copy:
//! NFC (so decomposed Hangul jamo become syllables), CRLF and CR turned into
//! LF, odd spaces (NBSP, ideographic space, tabs …) folded to a plain space,
//! and zero-width characters removed. Each output byte maps back to a byte
//! range of the original through [`Normalized::original_span`], so a sentence
//! found in the normalised text can always be exported in the author's
//! characters. NFKC folding (full-width letters, compatibility forms) is for
//! matching only: see [`fold_for_matching`].

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::document::Span;
use crate::segment::{eight_bytes, leads_syllable, syllable_at, three_byte_char, ONES};

/// A normalised copy of a text with a map back to the original.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The normalised text (the map and [`Normalized::is_plain`] refer to
    /// it as it was made).
    pub text: String,
    /// Pieces of the map, in order of `norm` (and of `orig`).
    pieces: Vec<Piece>,
    /// Where each character of `text` that is not plain ([`is_plain_char`])
    /// starts, in order, noted while the text was made.
    others: Vec<usize>,
}

/// One piece of the offset map: `norm_len` bytes of normalised text made from
/// `orig_len` bytes of original text. An identity piece maps byte for byte.
#[derive(Clone, Copy, Debug)]
struct Piece {
    norm: usize,
    orig: usize,
    norm_len: usize,
    orig_len: usize,
    identity: bool,
}

impl Normalized {
    /// Normalises `original` (see the module documentation for what changes).
    pub fn new(original: &str) -> Normalized {
        Normalized::build(original, '\n')
    }

    /// [`Normalized::new`] for one-sentence-per-line text, where only LF,
    /// CRLF and CR end a line (as text-mode readers count the lines of such
    /// a file): the other line and paragraph separators (U+0085, U+2028,
    /// U+2029) are spaces inside a line.
    pub fn new_in_lines(original: &str) -> Normalized {
        Normalized::build(original, ' ')
    }

    /// Normalises, folding U+0085, U+2028 and U+2029 to `separator`.
    fn build(original: &str, separator: char) -> Normalized {
        let text = String::with_capacity(original.len());
        let mut b = MapBuilder { text, pieces: Vec::new(), separator };
        let mut others = Vec::new();
        let bytes = original.as_bytes();
        // Start of the current run of characters that stay as they are; it
        // is copied in one piece when something needs changing, or at the end.
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            if byte.is_ascii() {
                // Eight printable ASCII bytes at a time (none below a space,
                // none beyond ASCII): all stay as they are.
                if eight_bytes(bytes, i).is_some_and(printable_ascii) {
                    i += 8;
                    continue;
                }
                if !matches!(byte, b'\r' | b'\t' | 0x0b | 0x0c) {
                    i += 1;
                    continue;
                }
            } else if syllable_at(bytes, i)
                && bytes.get(i + 3).is_none_or(|&n| n.is_ascii() || leads_syllable(n))
            {
                // A Hangul syllable (stable) followed by ASCII, by a syllable
                // led by EB or EC, or by nothing (all boundaries) stays as it
                // is: most of a Korean text, read without decoding the next.
                i += 3;
                continue;
            }
            let c = original[i..].chars().next().expect("i is on a char boundary");
            let mut end = i + c.len_utf8();
            let next = original[end..].chars().next();
            if is_stable(c) && next.is_none_or(is_boundary) {
                if !is_plain_char(c) {
                    // Where `c` lands: the run before it is copied as it is.
                    others.push(b.text.len() + (i - run));
                }
                i = end;
                continue;
            }
            // Extend the chunk over characters that may combine with it.
            for d in original[end..].chars() {
                if is_boundary(d) {
                    break;
                }
                end += d.len_utf8();
            }
            if run < i {
                b.push(&original[run..i], run, i - run, true);
            }
            let at = b.text.len();
            b.push_chunk(&original[i..end], i, original[end..].starts_with('\n'));
            others.extend(
                b.text[at..]
                    .char_indices()
                    .filter(|&(_, c)| !is_plain_char(c))
                    .map(|(k, _)| at + k),
            );
            i = end;
            run = end;
        }
        if run < bytes.len() {
            b.push(&original[run..], run, bytes.len() - run, true);
        }
        Normalized { text: b.text, pieces: b.pieces, others }
    }

    /// Whether `span` of the text holds plain characters only (ASCII,
    /// Hangul syllables, curly quotes), and so is NFKC already: known from
    /// what was noted while the text was made, with no scan.
    pub fn is_plain(&self, span: Span) -> bool {
        let first_other = self.others.partition_point(|&p| p < span.start);
        self.others.get(first_other).is_none_or(|&p| p >= span.end)
    }

    /// The original byte range that produced the normalised range `norm`.
    ///
    /// Both ends must lie on character boundaries of the normalised text.
    pub fn original_span(&self, norm: Span) -> Span {
        if self.pieces.is_empty() {
            return Span::new(0, 0);
        }
        let start = self.map_start(norm.start);
        let end = if norm.end > norm.start { self.map_end(norm.end) } else { start };
        Span::new(start, end.max(start))
    }

    fn piece_at(&self, pos: usize) -> usize {
        // Last piece whose norm start is <= pos.
        match self.pieces.binary_search_by(|p| p.norm.cmp(&pos)) {
            Ok(k) => k,
            Err(0) => 0,
            Err(k) => k - 1,
        }
    }

    fn map_start(&self, pos: usize) -> usize {
        let p = self.pieces[self.piece_at(pos)];
        if pos >= p.norm + p.norm_len {
            return p.orig + p.orig_len;
        }
        if p.identity {
            p.orig + (pos - p.norm)
        } else {
            p.orig
        }
    }

    fn map_end(&self, pos: usize) -> usize {
        // The piece holding the last byte before `pos`.
        let p = self.pieces[self.piece_at(pos - 1)];
        if p.identity {
            p.orig + (pos - p.norm).min(p.orig_len)
        } else {
            p.orig + p.orig_len
        }
    }
}

struct MapBuilder {
    /// What U+0085, U+2028 and U+2029 become.
    separator: char,
    text: String,
    pieces: Vec<Piece>,
}

impl MapBuilder {
    fn push_chunk(&mut self, chunk: &str, orig: usize, next_is_lf: bool) {
        let mut cs = chunk.chars();
        let first = cs.next().expect("chunks are never empty");
        let single = cs.next().is_none();
        if single {
            match fold_char(first, next_is_lf, self.separator) {
                Fold::Keep => {}
                Fold::Drop => return,
                Fold::To(r) => {
                    let mut buf = [0u8; 4];
                    return self.push(r.encode_utf8(&mut buf), orig, chunk.len(), false);
                }
            }
            if first.is_ascii() {
                return self.push(chunk, orig, chunk.len(), true);
            }
        }
        if matches!(is_nfc_quick(chunk.chars()), IsNormalized::Yes) {
            self.push(chunk, orig, chunk.len(), true);
        } else {
            let nfc: String = chunk.nfc().collect();
            let identity = nfc == chunk;
            self.push(&nfc, orig, chunk.len(), identity);
        }
    }

    fn push(&mut self, out: &str, orig: usize, orig_len: usize, identity: bool) {
        let norm = self.text.len();
        self.text.push_str(out);
        if let Some(last) = self.pieces.last_mut() {
            if identity
                && last.identity
                && last.norm + last.norm_len == norm
                && last.orig + last.orig_len == orig
            {
                last.norm_len += out.len();
                last.orig_len += orig_len;
                return;
            }
        }
        self.pieces.push(Piece { norm, orig, norm_len: out.len(), orig_len, identity });
    }
}

enum Fold {
    Keep,
    Drop,
    To(char),
}

fn fold_char(c: char, next_is_lf: bool, separator: char) -> Fold {
    match c {
        '\r' if next_is_lf => Fold::Drop,
        '\r' => Fold::To('\n'),
        '\t'
        | '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}'
        | '\u{0b}'
        | '\u{0c}' => Fold::To(' '),
        '\u{85}' | '\u{2028}' | '\u{2029}' => Fold::To(separator),
        c if is_invisible(c) => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// Characters the normaliser removes because they are invisible: zero-width
/// space, joiners, word joiner, byte-order mark, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// Whether `c` stays as it is on its own: not folded, not removed, and
/// already in NFC (Hangul syllables take a fast path).
fn is_stable(c: char) -> bool {
    if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
        return true;
    }
    matches!(fold_char(c, false, '\n'), Fold::Keep)
        && c != '\r'
        && matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes)
}

/// Whether a chunk may start at `c`: `c` cannot combine with what precedes it
/// under NFC (combining class 0 and not an NFC "maybe" such as a Hangul vowel
/// or final jamo).
fn is_boundary(c: char) -> bool {
    if c.is_ascii() || ('\u{ac00}'..='\u{d7a3}').contains(&c) {
        return true;
    }
    canonical_combining_class(c) == 0
        && !matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Maybe)
}

/// Whether each of the eight bytes of `word` is printable ASCII (from the
/// space to DEL): a byte below the space borrows into its top bit when the
/// space is taken from it, and a byte beyond ASCII has that bit set.
fn printable_ascii(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    (below_space | word) & (ONES * 0x80) == 0
}

/// Whether `c` is ASCII, a Hangul syllable or a curly quote (U+2018–U+201D):
/// NFKC on its own, and never combined with what precedes it (see the test
/// `plain_ranges_are_nfkc`).
fn is_plain_char(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{2018}'..='\u{201d}')
}

/// Whether `s` holds only plain characters ([`is_plain_char`]), read byte
/// by byte: eight ASCII bytes at a time, and each three-byte character
/// decoded in place.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if eight_bytes(b, i).is_some_and(|word| word & (ONES * 0x80) == 0) {
            i += 8;
            continue;
        }
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        // Most Hangul syllables (U+B000–U+CFFF) by their lead byte alone.
        if leads_syllable(x) {
            i += 3;
            continue;
        }
        // `s` is UTF-8: a lead byte E0–EF starts a whole three-byte character.
        if (0xe0..0xf0).contains(&x)
            && matches!(three_byte_char(b, i), 0xac00..=0xd7a3 | 0x2018..=0x201d)
        {
            i += 3;
            continue;
        }
        return false;
    }
    true
}

/// Folds text for matching only (never for export): NFKC, so full-width
/// digits and letters, circled numbers and the like become plain ones.
/// Borrows `s` when it is NFKC already (most text).
pub fn fold_for_matching(s: &str) -> std::borrow::Cow<'_, str> {
    // Most sentences are ASCII, Hangul syllables and curly quotes only:
    // NFKC already (none of them decomposes, combines or reorders), as a
    // plain range test tells. Others may still pass the (slower) quick check.
    if is_plain(s) || matches!(is_nfkc_quick(s.chars()), IsNormalized::Yes) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(nfkc_in_pieces(s))
}

/// NFKC of `s`, normalising only what needs it: each run of characters that
/// are not plain ([`is_plain_char`]) with the plain character before it,
/// which a combining mark or jamo of the run may join. Nothing combines with
/// a plain character that follows, so text may be cut before any plain
/// character and normalised piece by piece; a sentence with one ellipsis is
/// not decomposed and recomposed syllable by syllable.
fn nfkc_in_pieces(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Copied up to `done`; `prev`: where the last plain character starts.
    let (mut done, mut prev) = (0, 0);
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if is_plain_char(c) {
            prev = i;
            continue;
        }
        // The run starts at `i`, its piece at the plain character before it
        // (or at `i`, at the start of the text).
        let start = if i == 0 { 0 } else { prev };
        let mut end = s.len();
        for (j, d) in chars.by_ref() {
            if is_plain_char(d) {
                (end, prev) = (j, j);
                break;
            }
        }
        out.push_str(&s[done..start]);
        out.extend(s[start..end].nfkc());
        done = end;
    }
    out.push_str(&s[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The eight-byte test agrees with testing each byte: printable
        /// bytes with one byte, anywhere, replaced by a byte near the
        /// edges (controls, space, DEL, 0x80) or any byte.
        #[test]
        fn printable_ascii_tests_every_byte(
            mut bytes in proptest::array::uniform8(0x20u8..0x7f),
            at in 0usize..8,
            odd in proptest::prop_oneof![0u8..=0x21, 0x7eu8..=0x81, proptest::num::u8::ANY],
        ) {
            bytes[at] = odd;
            let each = bytes.iter().all(|&b| (0x20..0x80).contains(&b));
            proptest::prop_assert_eq!(printable_ascii(u64::from_le_bytes(bytes)), each);
        }
    }

    /// Every normalised char maps back to an original slice that normalises to it.
    fn check_roundtrip(original: &str) {
        let n = Normalized::new(original);
        for (i, c) in n.text.char_indices() {
            let span = n.original_span(Span::new(i, i + c.len_utf8()));
            assert!(span.end <= original.len());
            assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
        }
        let whole = n.original_span(Span::new(0, n.text.len()));
        assert!(whole.end <= original.len());
    }

    proptest::proptest! {
        /// NFKC piece by piece is NFKC of the whole, on text mixing plain
        /// characters with ones that decompose, compose with what precedes
        /// them (combining marks, Hangul vowel and final jamo, half-width
        /// sound marks) or both.
        #[test]
        fn nfkc_in_pieces_is_nfkc(
            picks in proptest::collection::vec(0usize..32, 0..24),
        ) {
            const ALPHABET: [char; 32] = [
                'a', 'e', '=', ' ', '.', '가', '힣', '“', '’', '\u{301}', '\u{327}', '\u{338}',
                '\u{1100}', '\u{1161}', '\u{11a8}', '\u{3131}', '…', '㎞', '１', 'ﬁ', '①',
                'ｶ', '\u{ff9e}', '\u{3099}', 'カ', '\u{212b}', 'é', '\u{344}', '\u{f900}',
                '\u{1e9b}', '\u{fb2c}', '\u{a0}',
            ];
            let s: String = picks.iter().map(|&k| ALPHABET[k]).collect();
            proptest::prop_assert_eq!(nfkc_in_pieces(&s), s.nfkc().collect::<String>());
        }
    }

    proptest::proptest! {
        /// A range said to be plain holds plain characters only, whatever
        /// the text: characters kept as they are, folded (tabs, CR, NBSP),
        /// dropped (zero-width) or composed (jamo, combining marks).
        #[test]
        fn plain_ranges_hold_only_plain_characters(
            picks in proptest::collection::vec(0usize..24, 0..40),
            lines in proptest::bool::ANY,
        ) {
            const ALPHABET: [char; 24] = [
                'a', ' ', '.', '\n', '\t', '\r', '가', '힣', '“', '’', '·', '…', '１', '①',
                '\u{a0}', '\u{200b}', '\u{301}', '\u{1100}', '\u{1161}', '\u{11a8}', 'é',
                '😀', '\u{2028}', '美',
            ];
            let s: String = picks.iter().map(|&k| ALPHABET[k]).collect();
            let n = if lines { Normalized::new_in_lines(&s) } else { Normalized::new(&s) };
            let bounds: Vec<usize> =
                n.text.char_indices().map(|(k, _)| k).chain([n.text.len()]).collect();
            for (x, &start) in bounds.iter().enumerate() {
                for &end in &bounds[x..] {
                    let plain = n.text[start..end].chars().all(is_plain_char);
                    proptest::prop_assert_eq!(
                        n.is_plain(Span::new(start, end)),
                        plain,
                        "{:?} in {:?}",
                        &n.text[start..end],
                        n.text
                    );
                }
            }
        }
    }

    #[test]
    fn plain_text_is_read_byte_by_byte_like_by_character() {
        let plain = |s: &str| s.chars().all(is_plain_char);
        for s in [
            "",
            "plain ASCII text, long enough for a few words",
            "부산항 ‘3’호기 “quoted” 12345678",
            "부산항 ３호기",
            "12345678é",
            "ㄱ",
            "\u{2017}\u{201e}\u{abff}\u{d7a4}\u{ac00}\u{d7a3}",
            "emoji 😀 after eight",
        ] {
            assert_eq!(is_plain(s), plain(s), "{s:?}");
            for (k, _) in s.char_indices() {
                assert_eq!(is_plain(&s[k..]), plain(&s[k..]), "{:?}", &s[k..]);
            }
        }
    }

    #[test]
    fn plain_ranges_are_nfkc() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32).filter(|&c| is_plain_char(c)) {
            assert!(matches!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn crlf_and_spaces_fold() {
        let n = Normalized::new("a\r\nb\rc\u{a0}d\u{200b}e");
        assert_eq!(n.text, "a\nb\nc de");
        check_roundtrip("a\r\nb\rc\u{a0}d\u{200b}e");
    }

    #[test]
    fn nfd_hangul_composes_and_maps_back() {
        let nfd: String = "한국어 문장".nfd().collect();
        let n = Normalized::new(&nfd);
        assert_eq!(n.text, "한국어 문장");
        // "문장" in the normalised text maps to its jamo in the original.
        let start = n.text.find("문장").unwrap();
        let span = n.original_span(Span::new(start, n.text.len()));
        assert_eq!(span.of(&nfd), &nfd[nfd.find(' ').unwrap() + 1..]);
        check_roundtrip(&nfd);
    }

    #[test]
    fn syllables_before_jamo_still_compose() {
        // 가 + final ᆨ is 각 under NFC; the fast path for syllables must
        // not step over a syllable that a following jamo combines with.
        for text in [
            "가\u{11a8} 나",
            "서울가\u{11a8}",
            "힣가\u{11a8}a",
            "가나다라 힣 각",
            "하\u{11ab}\u{11ab}",
        ] {
            let n = Normalized::new(text);
            assert_eq!(n.text, text.nfc().collect::<String>(), "{text:?}");
            check_roundtrip(text);
        }
    }

    #[test]
    fn identity_text_maps_byte_for_byte() {
        let s = "Seoul 서울, 2026년.";
        let n = Normalized::new(s);
        assert_eq!(n.text, s);
        let i = s.find("서울").unwrap();
        assert_eq!(n.original_span(Span::new(i, i + "서울".len())).of(s), "서울");
    }

    #[test]
    fn nfkc_only_for_matching() {
        let n = Normalized::new("１２３ ㈜ …");
        assert_eq!(n.text, "１２３ ㈜ …");
        assert_eq!(fold_for_matching("１２３"), "123");
        assert_eq!(fold_for_matching("부산항 ‘３’호기 ①"), "부산항 ‘3’호기 1");
        // Text the quick check passes is what full NFKC gives.
        for t in ["부산항이 문을 열었다. ‘좋다’ “1.2조 원” (KEPCO)", "Café · 東京 — …", "ㄱ"]
        {
            assert_eq!(fold_for_matching(t), t.nfkc().collect::<String>());
        }
    }
}
