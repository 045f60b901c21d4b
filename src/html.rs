//! Reading an article out of an HTML page saved from a news site.
//!
//! The page is parsed with a real HTML parser (scraper/html5ever). The
//! article body is the first of `article`, `[itemprop=articleBody]`, `main`,
//! or an element whose id or class names it (`article-body`, `news_body`,
//! `story` …) that holds enough text; failing those, `body`. Inside it, the
//! text of block elements (paragraphs, headings, list items, quotations,
//! table cells and `div`s holding text) becomes one paragraph each; `br`
//! breaks a line. `script`, `style`, `nav`, `aside`, `footer`, `header`,
//! `form`, `noscript`, `iframe`, `svg`, `button` and `template` are dropped,
//! but for a `header` inside an `article`: the article's own headline and
//! standfirst.
//! A page `h1` outside the body is kept as the headline.
//!
//! The result is plain text with paragraphs separated by blank lines: for an
//! HTML input this extracted text is the "original" that exports carry.

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "nav", "aside", "footer", "header", "form", "noscript", "iframe", "svg",
    "button", "template", "select", "object", "head", "title", "meta", "link",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "div",
    "section",
    "article",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "pre",
    "main",
    "ul",
    "ol",
    "table",
    "tr",
    "figure",
];

/// Whether `bytes` look like an HTML document (a doctype or an `<html>`,
/// `<body>` or `<p>` tag near the start).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    // Every sign below opens with `<`: plain text (most inputs) has none,
    // and is told so without being decoded and lowercased.
    if memchr::memchr(b'<', head).is_none() {
        return false;
    }
    let head: String = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<html")
        || head.contains("<body")
        || (head.starts_with('<') && (head.contains("<p>") || head.contains("<div")))
}

/// The charset an HTML page declares in its first bytes (`<meta charset>`
/// or `http-equiv` content type), if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Extracts the article text of an HTML page: paragraphs separated by blank
/// lines, whitespace inside a paragraph collapsed.
pub fn extract_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = article_root(&doc);
    let mut paras: Vec<String> = Vec::new();
    // A headline outside the chosen body.
    if let Some(root) = root {
        let has_h1 = root.select(&sel("h1")).next().is_some();
        if !has_h1 {
            if let Some(h1) = doc.select(&sel("h1")).find(|h| !inside_skipped(*h)) {
                let t = collapse(&h1.text().collect::<String>());
                if !t.is_empty() {
                    paras.push(t);
                }
            }
        }
        let mut cur = String::new();
        walk(root, &mut cur, &mut paras);
        flush(&mut cur, &mut paras);
    }
    paras.join("\n\n")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// The element holding the article, by the rules in the module doc.
fn article_root(doc: &Html) -> Option<ElementRef<'_>> {
    let enough = |e: &ElementRef| text_len(*e) >= 80;
    for s in ["article", "[itemprop=articleBody]", "main"] {
        if let Some(e) = doc.select(&sel(s)).filter(|e| !inside_skipped(*e)).find(enough) {
            return Some(e);
        }
    }
    let named = sel("[id], [class]");
    let best = doc
        .select(&named)
        .filter(|e| {
            let names = format!("{} {}", e.attr("id").unwrap_or(""), e.attr("class").unwrap_or(""))
                .to_ascii_lowercase();
            [
                "article",
                "news_body",
                "newsbody",
                "story",
                "post-body",
                "entry-content",
                "content_text",
            ]
            .iter()
            .any(|k| names.contains(k))
                && !names.contains("related")
                && !names.contains("comment")
        })
        .filter(|e| !inside_skipped(*e))
        .filter(enough)
        .max_by_key(|e| text_len(*e));
    best.or_else(|| doc.select(&sel("body")).next()).or_else(|| Some(doc.root_element()))
}

fn text_len(e: ElementRef) -> usize {
    e.text().map(|t| t.trim().len()).sum()
}

fn inside_skipped(e: ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| SKIP.contains(&a.value().name()))
}

/// Collects the text under `root` into paragraphs. The tree is walked with
/// a stack of its own, not by recursion: a page may nest elements tens of
/// thousands deep (unclosed tags), which would overflow the thread's stack.
fn walk(root: ElementRef, cur: &mut String, paras: &mut Vec<String>) {
    // Per open element: the next child to visit, whether the element is a
    // block (its paragraph ends when it closes), and whether it is inside
    // an `article`.
    let in_article = root.value().name() == "article"
        || root.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "article");
    let mut stack = vec![(root.first_child(), false, in_article)];
    while let Some(top) = stack.last_mut() {
        let Some(child) = top.0 else {
            if stack.pop().is_some_and(|(_, block, _)| block) {
                flush(cur, paras);
            }
            continue;
        };
        top.0 = child.next_sibling();
        let in_article = top.2;
        match child.value() {
            Node::Text(t) => cur.push_str(t),
            Node::Element(el) => {
                let name = el.name();
                let own_header = name == "header" && in_article;
                if (SKIP.contains(&name) && !own_header) || el.attr("hidden").is_some() {
                    continue;
                }
                if name == "br" {
                    cur.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&name) || own_header;
                if block {
                    flush(cur, paras);
                }
                stack.push((child.first_child(), block, in_article || name == "article"));
            }
            _ => {}
        }
    }
}

/// Ends the current paragraph; a `br` inside it became a newline, which
/// stays as a single line break within the paragraph.
fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let lines: Vec<String> = cur.split('\n').map(collapse).filter(|l| !l.is_empty()).collect();
    if !lines.is_empty() {
        paras.push(lines.join("\n"));
    }
    cur.clear();
}

/// Collapses runs of whitespace (including NBSP) to one space and trims.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>T</title>
<script>var x = "not text";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Busan opens wind port</h1>
<div class="article-body">
<p>The city of Busan opened a new port on Monday.</p>
<p>It cost 850 billion won,<br>officials said.</p>
<aside><p>Related stories</p></aside>
<ul><li>First item</li><li>Second item</li></ul>
</div>
<footer><p>Copyright 2026</p></footer></body></html>"#;

    #[test]
    fn takes_body_paragraphs_and_drops_furniture() {
        let t = extract_text(PAGE);
        assert_eq!(
            t,
            "Busan opens wind port\n\nThe city of Busan opened a new port on Monday.\n\nIt cost 850 billion won,\nofficials said.\n\nFirst item\n\nSecond item"
        );
    }

    #[test]
    fn an_articles_own_header_is_kept_and_the_pages_is_not() {
        let page = "<html><body><header><a>Home</a> <a>World</a></header><article>\
            <header><h1>부산 신항에 해상풍력 부두</h1><p class=\"dek\">첫 삽을 떴다.</p></header>\
            <section><p>부산시는 14일 착공식을 열었다고 밝혔다. 공사는 2년이 걸린다.</p></section>\
            </article><footer>Copyright</footer></body></html>";
        assert_eq!(
            extract_text(page),
            "부산 신항에 해상풍력 부두\n\n첫 삽을 떴다.\n\n부산시는 14일 착공식을 열었다고 밝혔다. 공사는 2년이 걸린다."
        );
    }

    #[test]
    fn elements_nested_deeper_than_any_stack_are_read() {
        // Unclosed tags nest each element in the one before: 200,000 deep.
        let page = format!(
            "<html><body><p>정부는 오늘 발표했다.</p>{}시민들은 <b>환영</b>했다.</body></html>",
            "<span>".repeat(200_000)
        );
        assert_eq!(extract_text(&page), "정부는 오늘 발표했다.\n\n시민들은 환영했다.");
    }

    #[test]
    fn detection_and_charset() {
        assert!(looks_like_html(PAGE.as_bytes()));
        assert!(!looks_like_html("부산항이 문을 열었다.".as_bytes()));
        assert!(!looks_like_html("3 < 4, and <p> is a tag.".as_bytes()));
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><p>x".as_bytes()));
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head>"#;
        assert_eq!(declared_charset(page).as_deref(), Some("euc-kr"));
        assert_eq!(declared_charset(br#"<meta charset="UTF-8">"#).as_deref(), Some("utf-8"));
    }
}
