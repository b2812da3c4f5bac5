//! Drawing the trend chart (PNG or SVG) from a [`Report`]: title, one line
//! per skill with its 95% interval as a light band, gaps as gaps, a panel of
//! postings per period, a legend beside the plot (never over the data), and
//! a footnote saying where the numbers come from.

use std::sync::Once;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::series::{Report, moving_average};

const REGULAR: &[u8] = include_bytes!("fonts/Roboto-Regular.ttf");
const BOLD: &[u8] = include_bytes!("fonts/Roboto-Bold.ttf");

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

const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(108, 117, 125);
const GRID: RGBColor = RGBColor(222, 226, 230);

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

/// Everything a chart shows.
#[derive(Debug, Clone)]
pub struct ChartSpec<'a> {
    pub report: &'a Report,
    pub title: String,
    pub subtitle: String,
    pub metric: Metric,
    pub interval: bool,
    pub smooth: Option<usize>,
    /// The last period is incomplete: draw its segment dashed.
    pub partial_last: bool,
    /// Series count roll-ups (said in the legend).
    pub rollup: bool,
    /// The x-axis name ("Month").
    pub period_name: String,
    pub footnote: Vec<String>,
    pub width: u32,
    pub height: u32,
}

/// Draws the chart as a PNG file's bytes.
pub fn png(spec: &ChartSpec<'_>) -> Result<Vec<u8>> {
    render_png(spec.width, spec.height, |root| draw(root, spec))
}

/// Draws the chart as an SVG document.
pub fn svg(spec: &ChartSpec<'_>) -> Result<String> {
    render_svg(spec.width, spec.height, |root| draw(root, spec))
}

/// Renders a drawing into PNG bytes (with the bundled fonts).
fn render_png(
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
fn render_svg(w: u32, h: u32, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>) -> Result<String> {
    register_fonts();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("cannot draw the chart: {e:?}")
}

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, if bold { FontStyle::Bold } else { FontStyle::Normal })
}

/// "12%" or "1.5%" depending on the scale.
fn percent(v: f64, max: f64) -> String {
    if max < 0.05 { format!("{:.1}%", v * 100.0) } else { format!("{:.0}%", v * 100.0) }
}

/// A round upper bound for the y axis.
fn nice_max(v: f64, metric: Metric) -> f64 {
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

/// The period indices to label on the x axis, and their text.
fn x_labels(periods: &[String], max_labels: usize) -> Vec<(usize, String)> {
    let n = periods.len();
    if n == 0 {
        return Vec::new();
    }
    let max_labels = max_labels.max(2);
    let months = periods[0].len() == 7 && periods[0].as_bytes()[4] == b'-';
    // Long monthly series: label years, at January.
    if months && n > 24 {
        let januaries: Vec<usize> = (0..n).filter(|&i| periods[i].ends_with("-01")).collect();
        let step = januaries.len().div_ceil(max_labels).max(1);
        return januaries.into_iter().step_by(step).map(|i| (i, periods[i][..4].to_string())).collect();
    }
    let step = n.div_ceil(max_labels).max(1);
    (0..n).step_by(step).map(|i| (i, periods[i].clone())).collect()
}

/// Runs of consecutive indices whose value exists.
fn segments(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(y) => cur.push((i as f64, *y)),
            None if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            None => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &ChartSpec<'_>) -> Result<()> {
    let report = spec.report;
    let (w, h) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(err)?;
    let scale = (f64::from(w) / 1200.0).min(f64::from(h) / 700.0).clamp(0.5, 3.0);
    let px = |v: f64| (v * scale).round() as i32;

    // Frame: title band, footnote band, legend column.
    let title_h = px(84.0).max(40) as u32;
    let foot_h = (px(18.0) as u32) * spec.footnote.len().max(1) as u32 + px(14.0) as u32;
    let legend_w = px(220.0).max(120) as u32;
    let (top, rest) = root.split_vertically(title_h);
    let (body, foot) = rest.split_vertically(h.saturating_sub(title_h + foot_h));
    let (plot_col, legend) = body.split_horizontally(w.saturating_sub(legend_w));

    top.draw_text(&spec.title, &font(26.0 * scale, true).color(&INK), (px(24.0), px(18.0))).map_err(err)?;
    top.draw_text(&spec.subtitle, &font(15.0 * scale, false).color(&MUTED), (px(24.0), px(54.0))).map_err(err)?;
    for (i, line) in spec.footnote.iter().enumerate() {
        foot.draw_text(line, &font(12.0 * scale, false).color(&MUTED), (px(24.0), px(4.0) + px(18.0) * i as i32))
            .map_err(err)?;
    }

    let n = report.periods.len().max(1);
    let x_range = -0.5..(n as f64 - 0.5);
    let (main_area, count_area) = plot_col.split_vertically((f64::from(plot_col.dim_in_pixel().1) * 0.74) as u32);

    // Values to plot.
    let values: Vec<Vec<Option<f64>>> = report
        .series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .map(|p| match spec.metric {
                    Metric::Share => p.share,
                    Metric::Count => (p.total > 0).then_some(p.mentioning as f64),
                })
                .collect()
        })
        .collect();
    let smoothed: Vec<Vec<Option<f64>>> =
        values.iter().map(|v| spec.smooth.map_or_else(|| v.clone(), |k| moving_average(v, k))).collect();
    let show_band = spec.interval && spec.metric == Metric::Share;
    let data_max = report
        .series
        .iter()
        .zip(&values)
        .flat_map(|(s, v)| s.points.iter().zip(v).map(move |(p, y)| if show_band { p.high.or(*y) } else { *y }))
        .flatten()
        .fold(0.0f64, f64::max);
    let y_max = nice_max(data_max, spec.metric);

    let mut chart = ChartBuilder::on(&main_area)
        .margin_top(px(8.0))
        .margin_right(px(16.0))
        .margin_left(px(8.0))
        .y_label_area_size(px(64.0))
        .x_label_area_size(0)
        .build_cartesian_2d(x_range.clone(), 0.0..y_max)
        .map_err(err)?;
    let y_desc = match spec.metric {
        Metric::Share => "Share of postings",
        Metric::Count => "Postings mentioning",
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| match spec.metric {
            Metric::Share => percent(*v, y_max),
            Metric::Count => format!("{v:.0}"),
        })
        .y_desc(y_desc)
        .axis_desc_style(font(14.0 * scale, false).color(&MUTED))
        .label_style(font(13.0 * scale, false).color(&INK))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;

    let line_w = px(2.5).max(1) as u32;
    let dense = n > 60;
    for (k, series) in report.series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        if show_band {
            let band: Vec<Option<(f64, f64)>> = series.points.iter().map(|p| p.low.zip(p.high)).collect();
            let mut run: Vec<(f64, (f64, f64))> = Vec::new();
            let mut flush = |run: &mut Vec<(f64, (f64, f64))>| -> Result<()> {
                if run.len() == 1 {
                    let (x, (lo, hi)) = run[0];
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(x, lo), (x, hi)],
                            color.mix(0.35).stroke_width(line_w),
                        )))
                        .map_err(err)?;
                } else if run.len() > 1 {
                    let mut pts: Vec<(f64, f64)> = run.iter().map(|(x, (_, hi))| (*x, *hi)).collect();
                    pts.extend(run.iter().rev().map(|(x, (lo, _))| (*x, *lo)));
                    chart.draw_series(std::iter::once(Polygon::new(pts, color.mix(0.13).filled()))).map_err(err)?;
                }
                run.clear();
                Ok(())
            };
            for (i, b) in band.iter().enumerate() {
                match b {
                    Some(lh) => run.push((i as f64, *lh)),
                    None => flush(&mut run)?,
                }
            }
            flush(&mut run)?;
        }
        if spec.smooth.is_some() {
            for seg in segments(&values[k]) {
                chart.draw_series(LineSeries::new(seg, color.mix(0.35).stroke_width(1))).map_err(err)?;
            }
        }
        let line = &smoothed[k];
        let split_at = if spec.partial_last && line.len() >= 2 { line.len() - 1 } else { line.len() };
        for seg in segments(&line[..split_at]) {
            if seg.len() == 1 || !dense {
                chart.draw_series(seg.iter().map(|p| Circle::new(*p, px(3.0).max(2), color.filled()))).map_err(err)?;
            }
            chart.draw_series(LineSeries::new(seg, color.stroke_width(line_w))).map_err(err)?;
        }
        if split_at < line.len()
            && let (Some(a), Some(b)) = (line[split_at - 1], line[split_at])
        {
            let pts = vec![((split_at - 1) as f64, a), (split_at as f64, b)];
            chart.draw_series(DashedLineSeries::new(pts, px(6.0), px(5.0), color.stroke_width(line_w))).map_err(err)?;
            chart
                .draw_series(std::iter::once(Circle::new((split_at as f64, b), px(3.0).max(2), color.stroke_width(1))))
                .map_err(err)?;
        }
    }

    // Postings per period.
    let count_max = nice_max(report.totals.iter().copied().max().unwrap_or(0) as f64, Metric::Count);
    let mut counts = ChartBuilder::on(&count_area)
        .margin_top(px(16.0))
        .margin_right(px(16.0))
        .margin_left(px(8.0))
        .y_label_area_size(px(64.0))
        .x_label_area_size(px(44.0))
        .build_cartesian_2d(x_range, 0.0..count_max)
        .map_err(err)?;
    counts
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(3)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc("Postings")
        .x_desc(spec.period_name.as_str())
        .axis_desc_style(font(14.0 * scale, false).color(&MUTED))
        .label_style(font(12.0 * scale, false).color(&INK))
        .light_line_style(GRID.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    let bar = if n > 120 { 0.5 } else { 0.35 };
    counts
        .draw_series(report.totals.iter().enumerate().filter(|(_, t)| **t > 0).map(|(i, t)| {
            Rectangle::new([(i as f64 - bar, 0.0), (i as f64 + bar, *t as f64)], MUTED.mix(0.45).filled())
        }))
        .map_err(err)?;

    // Period labels under the count panel.
    let plot_w = f64::from(plot_col.dim_in_pixel().0);
    let longest = report.periods.iter().map(String::len).max().unwrap_or(7) as f64;
    let max_labels = (plot_w / (longest * 8.0 * scale + 24.0)).floor() as usize;
    let label_style = font(12.0 * scale, false).color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, text) in x_labels(&report.periods, max_labels) {
        let (x, y) = counts.backend_coord(&(i as f64, 0.0));
        let tick = PathElement::new(vec![(x, y), (x, y + px(4.0))], MUTED.stroke_width(1));
        root.draw(&tick).map_err(err)?;
        root.draw(&Text::new(text, (x, y + px(6.0)), label_style.clone())).map_err(err)?;
    }

    // Legend, beside the plot.
    let lx = px(12.0);
    let mut ly = px(28.0);
    let text_style = font(14.0 * scale, false).color(&INK);
    for (k, series) in report.series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        legend
            .draw(&PathElement::new(vec![(lx, ly), (lx + px(28.0), ly)], color.stroke_width(line_w + 1)))
            .map_err(err)?;
        let label = if spec.rollup { format!("{} (incl. roll-ups)", series.name) } else { series.name.clone() };
        legend.draw_text(&label, &text_style, (lx + px(36.0), ly - px(8.0))).map_err(err)?;
        ly += px(26.0);
    }
    let note_style = font(12.0 * scale, false).color(&MUTED);
    ly += px(8.0);
    if show_band {
        legend
            .draw(&Rectangle::new([(lx, ly - px(6.0)), (lx + px(28.0), ly + px(6.0))], MUTED.mix(0.2).filled()))
            .map_err(err)?;
        legend.draw_text("95% interval", &note_style, (lx + px(36.0), ly - px(7.0))).map_err(err)?;
        ly += px(24.0);
    }
    if spec.smooth.is_some() {
        legend
            .draw(&PathElement::new(vec![(lx, ly), (lx + px(28.0), ly)], MUTED.mix(0.5).stroke_width(1)))
            .map_err(err)?;
        legend.draw_text("faint: raw values", &note_style, (lx + px(36.0), ly - px(7.0))).map_err(err)?;
        ly += px(24.0);
    }
    if spec.partial_last {
        legend.draw(&PathElement::new(vec![(lx, ly), (lx + px(10.0), ly)], MUTED.stroke_width(2))).map_err(err)?;
        legend
            .draw(&PathElement::new(vec![(lx + px(16.0), ly), (lx + px(28.0), ly)], MUTED.stroke_width(2)))
            .map_err(err)?;
        legend.draw_text("incomplete period", &note_style, (lx + px(36.0), ly - px(7.0))).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_monthly_series_are_labelled_by_year() {
        let periods: Vec<String> = (2011..2027).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect();
        let labels = x_labels(&periods, 12);
        assert!(labels.len() <= 12 && labels.len() >= 6, "{labels:?}");
        assert!(labels.iter().all(|(i, t)| periods[*i].starts_with(t.as_str()) && t.len() == 4));
        let short: Vec<String> = (1..=6).map(|m| format!("2024-{m:02}")).collect();
        assert_eq!(x_labels(&short, 12).len(), 6);
    }

    #[test]
    fn nice_bounds() {
        assert_eq!(nice_max(0.43, Metric::Share), 0.5);
        assert!((nice_max(0.031, Metric::Share) - 0.04).abs() < 1e-9);
        assert_eq!(nice_max(0.99, Metric::Share), 1.0);
        assert_eq!(nice_max(87.0, Metric::Count), 100.0);
    }
}

/// Everything the `top` chart shows.
#[derive(Debug, Clone)]
pub struct TopSpec<'a> {
    pub rows: &'a [crate::store::reports::TopRow],
    pub title: String,
    pub subtitle: String,
    pub footnote: Vec<String>,
    pub width: u32,
    pub height: u32,
}

/// The `top` chart as a PNG.
pub fn top_png(spec: &TopSpec<'_>) -> Result<Vec<u8>> {
    render_png(spec.width, spec.height, |root| draw_top(root, spec))
}

/// The `top` chart as SVG.
pub fn top_svg(spec: &TopSpec<'_>) -> Result<String> {
    render_svg(spec.width, spec.height, |root| draw_top(root, spec))
}

/// Horizontal bars: this period's share, a tick at the previous period's,
/// and the change written beside each bar.
fn draw_top<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &TopSpec<'_>) -> Result<()> {
    let (w, h) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(err)?;
    let scale = (f64::from(w) / 1200.0).min(f64::from(h) / 700.0).clamp(0.5, 3.0);
    let px = |v: f64| (v * scale).round() as i32;
    let title_h = px(84.0).max(40) as u32;
    let foot_h = (px(18.0) as u32) * spec.footnote.len().max(1) as u32 + px(14.0) as u32;
    let (top, rest) = root.split_vertically(title_h);
    let (body, foot) = rest.split_vertically(h.saturating_sub(title_h + foot_h));
    top.draw_text(&spec.title, &font(26.0 * scale, true).color(&INK), (px(24.0), px(18.0))).map_err(err)?;
    top.draw_text(&spec.subtitle, &font(15.0 * scale, false).color(&MUTED), (px(24.0), px(54.0))).map_err(err)?;
    for (i, line) in spec.footnote.iter().enumerate() {
        foot.draw_text(line, &font(12.0 * scale, false).color(&MUTED), (px(24.0), px(4.0) + px(18.0) * i as i32))
            .map_err(err)?;
    }
    let n = spec.rows.len().max(1);
    let max = spec.rows.iter().map(|r| r.share.max(r.prev_share.unwrap_or(0.0))).fold(0.0f64, f64::max);
    let x_max = nice_max(max, Metric::Share) * 1.18;
    let mut chart = ChartBuilder::on(&body)
        .margin_left(px(8.0))
        .margin_right(px(24.0))
        .margin_top(px(4.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(170.0))
        .build_cartesian_2d(0.0..x_max, (-0.5)..(n as f64 - 0.5))
        .map_err(err)?;
    let names: Vec<String> = spec.rows.iter().map(|r| r.name.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| {
            let i = y.round();
            if (y - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            names.get(n - 1 - i as usize).cloned().unwrap_or_default()
        })
        .x_labels(6)
        .x_label_formatter(&|v| percent(*v, x_max))
        .x_desc("Share of postings")
        .axis_desc_style(font(14.0 * scale, false).color(&MUTED))
        .label_style(font(13.0 * scale, false).color(&INK))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    let label_style = font(12.0 * scale, false).color(&INK);
    for (i, r) in spec.rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, y - 0.32), (r.share, y + 0.32)], PALETTE[0].filled())))
            .map_err(err)?;
        if let Some(prev) = r.prev_share {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(prev, y - 0.42), (prev, y + 0.42)],
                    INK.stroke_width(2),
                )))
                .map_err(err)?;
        }
        let change = r.change.map_or(String::new(), |c| format!(" ({:+.1} pp)", c * 100.0));
        let at = r.share.max(r.prev_share.unwrap_or(0.0));
        let (x, yy) = chart.backend_coord(&(at, y));
        root.draw(&Text::new(
            format!("{:.1}%{change}", r.share * 100.0),
            (x + px(8.0), yy - px(7.0)),
            label_style.clone(),
        ))
        .map_err(err)?;
    }
    Ok(())
}
