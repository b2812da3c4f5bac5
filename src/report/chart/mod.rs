//! Drawing charts (PNG or SVG) with plotters and the bundled Roboto font:
//! the shared frame (title, subtitle, footnote bands), palette and axis
//! helpers here; the trend chart in [`trend`], the `top` bars in [`top`],
//! the pay medians in [`pay`].

mod cooccur;
mod pay;
mod top;
mod trend;

use std::sync::Once;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

pub use cooccur::{CooccurSpec, cooccur_png, cooccur_svg};
pub use pay::{PayBar, PaySpec, pay_png, pay_svg};
pub use top::{TopSpec, top_png, top_svg};
pub use trend::{ChartSpec, png, svg};

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

/// Renders a drawing into PNG bytes (with the bundled fonts).
pub(crate) fn render_png(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    register_fonts();
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

/// Renders a drawing into an SVG document (with the bundled fonts).
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
    /// 1.0 at 1200×700; fonts and margins grow with the picture.
    pub scale: f64,
    _root: std::marker::PhantomData<&'a ()>,
}

impl<DB: DrawingBackend> Frame<'_, DB> {
    /// A length in pixels at this picture's scale.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }
}

/// Fills the picture white and draws the title, subtitle and footnote.
pub(crate) fn frame<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    footnote: &[String],
) -> Result<Frame<'a, DB>> {
    let (w, h) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(err)?;
    let scale = (f64::from(w) / 1200.0).min(f64::from(h) / 700.0).clamp(0.5, 3.0);
    let px = |v: f64| (v * scale).round() as i32;
    let title_h = px(84.0).max(40) as u32;
    let foot_h = (px(18.0) as u32) * footnote.len().max(1) as u32 + px(14.0) as u32;
    let (top, rest) = root.split_vertically(title_h);
    let (body, foot) = rest.split_vertically(h.saturating_sub(title_h + foot_h));
    top.draw_text(title, &font(26.0 * scale, true).color(&INK), (px(24.0), px(18.0))).map_err(err)?;
    top.draw_text(subtitle, &font(15.0 * scale, false).color(&MUTED), (px(24.0), px(54.0))).map_err(err)?;
    for (i, line) in footnote.iter().enumerate() {
        foot.draw_text(line, &font(12.0 * scale, false).color(&MUTED), (px(24.0), px(4.0) + px(18.0) * i as i32))
            .map_err(err)?;
    }
    Ok(Frame { body, scale, _root: std::marker::PhantomData })
}

/// A round upper bound for the y axis.
pub(crate) fn nice_max(v: f64, metric: Metric) -> f64 {
    if v <= 0.0 {
        return if metric == Metric::Share { 0.1 } else { 10.0 };
    }
    let target = v * 1.08;
    let mag = 10f64.powf(target.log10().floor());
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
}
