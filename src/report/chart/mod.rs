//! Drawing charts (PNG, SVG or PDF) with plotters and the bundled Roboto
//! font: the shared frame (title, subtitle, footnote bands, wrapped to the
//! width), palette, series styles and axis helpers here; the trend chart in
//! [`trend`] (or as small multiples in [`facet`]), the `top` bars in [`top`], the pay medians in [`pay`]; text
//! wrapping and end-of-line labels in [`layout`]; the font embedded in SVG
//! and the PDF conversion in [`vector`].

mod cooccur;
mod facet;
mod layout;
mod pay;
mod style;
mod top;
mod trend;
mod vector;

use std::sync::Once;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

pub use cooccur::{CooccurSpec, cooccur_png, cooccur_svg};
pub use facet::FacetSpec;
pub use pay::{PayBar, PaySpec, pay_png, pay_svg};
pub use style::{Marker, SeriesStyle, series_style};
pub use top::{TopSpec, top_png, top_svg};
pub use trend::{ChartSpec, png, svg};
pub(crate) use vector::{font_faces, without_font};

const REGULAR: &[u8] = include_bytes!("../fonts/Roboto-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/Roboto-Bold.ttf");

/// Okabe–Ito, a palette that colour-blind readers can tell apart (yellow,
/// too light on white, comes last).
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(0, 0, 0),       // black
    RGBColor(240, 228, 66),  // yellow
];

pub(crate) const INK: RGBColor = RGBColor(33, 37, 41);
pub(crate) const MUTED: RGBColor = RGBColor(108, 117, 125);
pub(crate) const GRID: RGBColor = RGBColor(222, 226, 230);

/// Registers the bundled fonts as `sans-serif` (once per process), so that
/// text renders on machines with no system fonts.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bundled files are valid fonts (a test draws with them).
        let _ = register_font("sans-serif", FontStyle::Normal, REGULAR);
        let _ = register_font("sans-serif", FontStyle::Bold, BOLD);
    });
}

/// What to plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Share,
    Count,
}

/// A picture format a chart can be drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Png,
    /// With the bundled font embedded, so it renders the same everywhere.
    Svg,
    /// Vector, text outlined (through usvg and svg2pdf).
    Pdf,
}

/// A chart: its size in CSS pixels and how it draws itself on a picture
/// `ratio` times that size (2.0: a PNG for print with every line and
/// letter twice as many pixels, the same layout).
pub trait Chart {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()>;
}

/// Draws a chart in a picture format; `ratio` multiplies a PNG's pixels
/// (vector formats ignore it: they scale by themselves).
pub fn render(chart: &impl Chart, picture: Picture, ratio: f64) -> Result<Vec<u8>> {
    let (w, h) = chart.size();
    match picture {
        Picture::Png => render_png(w, h, ratio, |root| chart.draw(root, ratio)),
        Picture::Svg => Ok(vector::embed_font(&render_svg(w, h, |root| chart.draw(root, 1.0))?).into_bytes()),
        Picture::Pdf => vector::pdf(&render_svg(w, h, |root| chart.draw(root, 1.0))?),
    }
}

/// Renders a drawing into PNG bytes (with the bundled fonts), `ratio`
/// times `w`×`h` pixels.
pub(crate) fn render_png(
    w: u32,
    h: u32,
    ratio: f64,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    register_fonts();
    let (w, h) = ((f64::from(w) * ratio).round() as u32, (f64::from(h) * ratio).round() as u32);
    let mut rgb = vec![0u8; (w as usize) * (h as usize) * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(err)?;
    }
    let mut out = Vec::new();
    use image::ImageEncoder;
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&rgb, w, h, image::ColorType::Rgb8)
        .map_err(|e| anyhow!("cannot encode the PNG: {e}"))?;
    Ok(out)
}

/// Renders a drawing into a plain SVG document (its text in the
/// `sans-serif` family; [`render`] embeds the font).
pub(crate) fn render_svg(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
) -> Result<String> {
    register_fonts();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("cannot draw the chart: {e:?}")
}

pub(crate) fn font(size: f64, bold: bool) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, if bold { FontStyle::Bold } else { FontStyle::Normal })
}

/// "12%" or "1.5%" depending on the scale.
pub(crate) fn percent(v: f64, max: f64) -> String {
    if max < 0.05 { format!("{:.1}%", v * 100.0) } else { format!("{:.0}%", v * 100.0) }
}

/// The label of the bar chart row at `y` (row 0 at the bottom holds the
/// last label); empty between rows.
pub(crate) fn row_label(labels: &[String], y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    labels.len().checked_sub(1 + i as usize).and_then(|k| labels.get(k)).cloned().unwrap_or_default()
}

/// The bands every chart has: the title and subtitle above, the footnote
/// lines below; `body` is what is left for the plot.
pub(crate) struct Frame<'a, DB: DrawingBackend> {
    pub body: DrawingArea<DB, Shift>,
    /// Lengths: 1.0 at 1200×700, smaller on a smaller picture, times the
    /// pixel ratio.
    pub scale: f64,
    /// Font sizes: as `scale`, but never below what stays legible (a
    /// 600×400 chart keeps 11-pixel tick labels).
    pub text: f64,
    _root: std::marker::PhantomData<&'a ()>,
}

impl<DB: DrawingBackend> Frame<'_, DB> {
    /// A length in pixels at this picture's scale.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }
}

/// The smallest font multiplier: 13-pixel tick labels become 11 pixels at
/// the least.
const MIN_TEXT_SCALE: f64 = 0.85;

/// Fills the picture white and draws the title, subtitle and footnote,
/// each wrapped to the picture's width; `ratio` is the pixel ratio the
/// picture is drawn at.
pub(crate) fn frame<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    ratio: f64,
    title: &str,
    subtitle: &str,
    footnote: &[String],
) -> Result<Frame<'a, DB>> {
    let (w, h) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(err)?;
    let fit = (f64::from(w) / ratio / 1200.0).min(f64::from(h) / ratio / 700.0);
    let scale = fit.clamp(0.5, 3.0) * ratio;
    let text = fit.clamp(MIN_TEXT_SCALE, 3.0) * ratio;
    let px = |v: f64| (v * scale).round() as i32;
    let width = (f64::from(w) - 2.0 * f64::from(px(24.0))).max(1.0) as u32;
    let title_font = font((26.0 * scale).max(19.0 * ratio), true);
    let sub_font = font(15.0 * text, false);
    let foot_font = font(12.0 * text, false);
    let title_lines = layout::wrap(title, width, |t| text_width(root, t, &title_font));
    let sub_lines = layout::wrap(subtitle, width, |t| text_width(root, t, &sub_font));
    let foot_lines: Vec<String> =
        footnote.iter().flat_map(|l| layout::wrap(l, width, |t| text_width(root, t, &foot_font))).collect();
    let (title_step, sub_step, foot_step) = (title_font.get_size() * 1.2, 15.0 * text * 1.3, 12.0 * text * 1.45);
    let title_h = f64::from(px(18.0)) + title_step * title_lines.len() as f64 + sub_step * sub_lines.len() as f64;
    let title_h = (title_h + f64::from(px(12.0))).round() as u32;
    let foot_h = (foot_step * foot_lines.len().max(1) as f64) as u32 + px(14.0) as u32;
    let (top, rest) = root.split_vertically(title_h);
    let (body, foot) = rest.split_vertically(h.saturating_sub(title_h + foot_h));
    let mut y = f64::from(px(18.0));
    for line in &title_lines {
        top.draw_text(line, &title_font.color(&INK), (px(24.0), y as i32)).map_err(err)?;
        y += title_step;
    }
    y += f64::from(px(4.0));
    for line in &sub_lines {
        top.draw_text(line, &sub_font.color(&MUTED), (px(24.0), y as i32)).map_err(err)?;
        y += sub_step;
    }
    for (i, line) in foot_lines.iter().enumerate() {
        let at = (px(24.0), px(4.0) + (foot_step * i as f64) as i32);
        foot.draw_text(line, &foot_font.color(&MUTED), at).map_err(err)?;
    }
    Ok(Frame { body, scale, text, _root: std::marker::PhantomData })
}

/// The width of `text` in `font` as drawn on `area` (0 if it cannot tell).
pub(crate) fn text_width<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str, font: &FontDesc<'_>) -> u32 {
    area.estimate_text_size(text, &font.color(&INK)).map_or(0, |(w, _)| w)
}

/// A round upper bound for the y axis.
pub(crate) fn nice_max(v: f64, metric: Metric) -> f64 {
    if v <= 0.0 {
        return if metric == Metric::Share { 0.1 } else { 10.0 };
    }
    // About five steps of 1, 2, 2.5 or 5 times a power of ten: the top is
    // within a step of the data (1,000 gets 1,250, never 2,000).
    let target = v * 1.08;
    let mag = 10f64.powf((target / 5.0).log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= target / 5.0).unwrap_or(mag * 10.0);
    let top = (target / step).ceil() * step;
    if metric == Metric::Share { top.min(1.0) } else { top }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_bounds() {
        assert_eq!(nice_max(0.43, Metric::Share), 0.5);
        assert!((nice_max(0.031, Metric::Share) - 0.04).abs() < 1e-9);
        assert_eq!(nice_max(0.99, Metric::Share), 1.0);
        assert_eq!(nice_max(87.0, Metric::Count), 100.0);
    }

    #[test]
    fn count_axes_fit_the_data() {
        // A peak near 1,000 postings once got an axis to 2,000.
        for peak in [7.0, 13.0, 99.0, 101.0, 260.0, 999.0, 1000.0, 1040.0, 2100.0, 5600.0, 12_345.0] {
            let top = nice_max(peak, Metric::Count);
            assert!(top >= peak && top <= peak * 1.5, "{peak} → {top}");
        }
    }
}
