//! Vector pictures that look the same everywhere: the SVG carries the
//! bundled Roboto as an embedded font (its text stays text, searchable and
//! readable by screen readers); the PDF is the same SVG laid out by usvg
//! with that font, its text turned into outlines, written by svg2pdf.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use svg2pdf::usvg;

use super::{BOLD, REGULAR};

/// The family name the embedded font is given in the SVG.
const FAMILY: &str = "Roboto";

/// The `@font-face` rules of the bundled fonts (as data URLs), for an SVG
/// or for a page that holds several SVGs and needs them once.
pub(crate) fn font_faces() -> &'static str {
    static FACES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FACES.get_or_init(|| {
    let face = |weight: &str, data: &[u8]| {
        format!(
            "@font-face{{font-family:\"{FAMILY}\";font-weight:{weight};src:url(\"data:font/ttf;base64,{}\") format(\"truetype\")}}",
            base64(data)
        )
    };
    format!("{}{}", face("normal", REGULAR), face("bold", BOLD))
    })
}

/// The `<defs>` block [`embed_font`] puts in an SVG.
fn font_defs() -> String {
    format!("<defs><style>{}</style></defs>", font_faces())
}

/// The SVG with the bundled fonts embedded (`@font-face` with the fonts as
/// data URLs) and its text set in them.
pub(crate) fn embed_font(svg: &str) -> String {
    let style = font_defs();
    let svg = svg.replace("font-family=\"sans-serif\"", &format!("font-family=\"{FAMILY}, sans-serif\""));
    match svg.find("<svg").and_then(|at| svg[at..].find('>').map(|end| at + end + 1)) {
        Some(end) => format!("{}\n{style}{}", &svg[..end], &svg[end..]),
        None => svg,
    }
}

/// An SVG of [`embed_font`] without its copy of the fonts: for a page that
/// states [`font_faces`] once for all its charts.
pub(crate) fn without_font(svg: &str) -> String {
    svg.replacen(&format!("\n{}", font_defs()), "", 1)
}

/// The chart's SVG as a one-page PDF the size of the picture (96 pixels to
/// the inch, as CSS has it), text as outlines in the bundled font.
pub(crate) fn pdf(svg: &str) -> Result<Vec<u8>> {
    let mut options = usvg::Options { font_family: "sans-serif".into(), ..usvg::Options::default() };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(REGULAR.to_vec());
    fonts.load_font_data(BOLD.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    let tree = usvg::Tree::from_str(svg, &options).context("cannot lay out the chart for PDF")?;
    // svg2pdf is built without its font embedding (which needs a font
    // subsetter and its tables of every script): usvg writes the text as
    // outlines, and the outlines go into the PDF.
    let outlined = tree.to_string(&usvg::WriteOptions::default());
    let plain = usvg::Options { fontdb: Arc::new(usvg::fontdb::Database::new()), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(&outlined, &plain).context("cannot outline the chart's text")?;
    let page = svg2pdf::PageOptions { dpi: 96.0 };
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), page)
        .map_err(|e| anyhow!("cannot write the PDF: {e}"))
}

/// Standard base64 with padding (RFC 4648).
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
