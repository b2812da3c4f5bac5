//! Writing one self-contained HTML page: escaping, tables, accessible
//! inline SVG, and the page with its inline style sheet. Nothing here
//! refers to anything outside the page (no scripts, fonts or images to
//! fetch), so it reads the same offline.

use std::fmt::Write;

/// Text made safe for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table with a caption; the first column is a row header, the others
/// are right-aligned numbers. Cells are text (escaped here).
pub fn table(caption: &str, header: &[String], rows: &[Vec<String>]) -> String {
    let mut out =
        format!("<div class=\"table\" tabindex=\"0\"><table>\n<caption>{}</caption>\n<thead><tr>", escape(caption));
    for h in header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// An SVG document (as plotters writes it) made an accessible inline
/// figure: the XML prologue dropped, `role="img"`, and a `<title>` and
/// `<desc>` the `aria-labelledby` points at.
pub fn accessible_svg(svg: &str, id: &str, title: &str, desc: &str) -> String {
    // The page states the charts' font once (see `page`).
    let svg = crate::report::chart::without_font(svg);
    let svg = svg.trim_start();
    let svg = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    let Some(end) = svg.find('>') else { return String::new() };
    let (open, rest) = svg.split_at(end);
    format!(
        "{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>{}",
        escape(title),
        escape(desc),
        &rest[1..]
    )
}

/// One section of the page: a heading, an introduction (HTML), and
/// figures, each a chart beside the table of its numbers.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub intro: String,
    /// (chart SVG, already accessible; table HTML).
    pub figures: Vec<(String, String)>,
    /// More HTML after the figures.
    pub body: String,
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #212529; --muted: #6c757d; --line: #dee2e6; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1800px; margin: 0 auto; padding: 0 24px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 12px; }
h1 { font-size: 1.8rem; margin: 24px 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 8px; border-top: 1px solid var(--line); padding-top: 20px; }
p.lede, .muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
a { color: var(--accent); }
a:focus, .table:focus { outline: 3px solid #e69f00; outline-offset: 2px; }
figure { margin: 16px 0; display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 2fr); gap: 20px; align-items: start; }
@media (max-width: 1100px) { figure { grid-template-columns: 1fr; } }
figure svg { width: 100%; height: auto; display: block; }
.table { max-height: 640px; overflow: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: 6px 8px; color: var(--muted); caption-side: top; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th[scope=row], thead th:first-child { text-align: left; }
thead th { position: sticky; top: 0; background: #f8f9fa; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dt { font-weight: 600; }
dd { margin: 0; }
footer { border-top: 1px solid var(--line); margin-top: 40px; padding: 12px 24px 32px; color: var(--muted); font-size: 0.85rem; }
";

/// The whole page: a title, a lede, a table of contents, the sections.
pub fn page(title: &str, lede: &str, sections: &[Section], footer: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"lede\">{}</p>\n\
         <nav aria-label=\"Contents\"><ul>",
        escape(title),
        crate::report::chart::font_faces(),
        escape(title),
        escape(lede)
    );
    for s in sections {
        let _ = write!(out, "<li><a href=\"#{}\">{}</a></li>", escape(&s.id), escape(&s.heading));
    }
    out.push_str("</ul></nav>\n</header>\n<main>\n");
    for s in sections {
        let _ = writeln!(out, "<section id=\"{}\" aria-labelledby=\"{}-h\">", escape(&s.id), escape(&s.id));
        let _ = writeln!(out, "<h2 id=\"{}-h\">{}</h2>\n{}", escape(&s.id), escape(&s.heading), s.intro);
        for (svg, table) in &s.figures {
            let _ = writeln!(out, "<figure>\n<div class=\"chart\">{svg}</div>\n{table}</figure>");
        }
        out.push_str(&s.body);
        out.push_str("</section>\n");
    }
    let _ = write!(out, "</main>\n<footer>{footer}</footer>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_svgs_get_a_title_and_description() {
        assert_eq!(escape("<a href=\"x\">R&D's</a>"), "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
        let svg =
            accessible_svg("<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\"><rect/></svg>", "c", "A <b>", "D");
        assert!(
            svg.starts_with("<svg width=\"10\" height=\"10\" role=\"img\" aria-labelledby=\"c-title c-desc\">"),
            "{svg}"
        );
        assert!(
            svg.contains("<title id=\"c-title\">A &lt;b&gt;</title><desc id=\"c-desc\">D</desc><rect/></svg>"),
            "{svg}"
        );
        let t = table("Cap", &["skill".into(), "n".into()], &[vec!["C#".into(), "3".into()]]);
        assert!(t.contains("<th scope=\"row\">C#</th><td>3</td>"), "{t}");
    }
}
