//! The trend chart: one line per skill with its 95% interval as a light
//! band edged by thin lines, gaps as gaps, a panel of postings per period,
//! each line labelled at its right end (a legend beside the plot only when
//! the labels would collide), a key of what bands, faint lines and dashes
//! mean, and a footnote saying where the numbers come from.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::place_labels;
use super::{
    Chart, GRID, INK, MUTED, Metric, PALETTE, Picture, SeriesStyle, err, font, frame, nice_max, percent, render,
    series_style, text_width,
};
use crate::report::series::{Report, moving_average};

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
    /// Where a source starts or stops: (period index, "hn starts").
    pub source_marks: Vec<(usize, String)>,
    /// What `total` counts: "postings" or "companies".
    pub unit: &'static str,
    pub width: u32,
    pub height: u32,
}

impl Chart for ChartSpec<'_> {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()> {
        draw(root, self, ratio)
    }
}

/// Draws the chart as a PNG file's bytes.
pub fn png(spec: &ChartSpec<'_>) -> Result<Vec<u8>> {
    render(spec, Picture::Png, 1.0)
}

/// Draws the chart as an SVG document (the font embedded).
pub fn svg(spec: &ChartSpec<'_>) -> Result<String> {
    Ok(String::from_utf8(render(spec, Picture::Svg, 1.0)?)?)
}

/// The period indices to label on the x axis, and their text: every
/// period when `max_full` labels of their full text fit; else, for months,
/// quarters and weeks, the years (at January, Q1 or W01, every year or every
/// 2, 5, 10... so that at most `max_years` four-digit labels are drawn);
/// else every n-th period. A series of any length keeps labels.
pub(super) fn x_labels(periods: &[String], max_full: usize, max_years: usize) -> Vec<(usize, String)> {
    let n = periods.len();
    if n <= max_full.max(1) {
        return periods.iter().cloned().enumerate().collect();
    }
    let year_start = |p: &str| p.ends_with("-01") || p.ends_with("-Q1") || p.ends_with("-W01");
    let in_years = periods.iter().all(|p| p.len() >= 7 && p.as_bytes()[4] == b'-');
    let starts: Vec<usize> = (0..n).filter(|&i| year_start(&periods[i])).collect();
    // Years when there are enough of them to read the axis by (five or more).
    if in_years && starts.len() >= 5 {
        let max_years = max_years.max(2);
        let step = [1, 2, 5, 10, 20, 50].into_iter().find(|s| starts.len().div_ceil(*s) <= max_years).unwrap_or(100);
        return starts.into_iter().step_by(step).map(|i| (i, periods[i][..4].to_string())).collect();
    }
    let step = n.div_ceil(max_full.max(2));
    (0..n).step_by(step).map(|i| (i, periods[i].clone())).collect()
}

/// Runs of consecutive periods whose value exists, as (x, value).
pub(super) fn segments<T: Copy>(values: &[Option<T>]) -> Vec<Vec<(f64, T)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
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

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &ChartSpec<'_>, ratio: f64) -> Result<()> {
    let f = frame(root, ratio, &spec.title, &spec.subtitle, &spec.footnote)?;
    let plot = Plot { spec, scale: f.scale, text: f.text, values: plotted_values(spec) };
    let (w, h) = f.body.dim_in_pixel();
    let side_w = plot.side_width(root).min(w * 2 / 5);
    let (plot_col, side) = f.body.split_horizontally(w.saturating_sub(side_w));
    let count_h = (f64::from(h) * 0.26).max(100.0 * plot.text);
    let (main_area, count_area) = plot_col.split_vertically((f64::from(h) - count_h).max(0.0) as u32);
    let ends = plot.draw_lines(&main_area)?;
    let label_at = plot.draw_counts(&count_area)?;
    plot.draw_period_labels(root, plot_col.dim_in_pixel().0, &label_at)?;
    let side_x = side.get_base_pixel().0 + plot.px(4.0);
    let (main_top, main_h) = (main_area.get_base_pixel().1, main_area.dim_in_pixel().1 as i32);
    let key_top = plot.draw_series_names(root, side_x, &ends, (main_top + plot.px(8.0), main_top + main_h))?;
    plot.draw_key(root, side_x, key_top.max(count_area.get_base_pixel().1 + plot.px(16.0)))
}

/// The values each series plots (shares or counts), per period.
pub(super) fn plotted_values(spec: &ChartSpec<'_>) -> Vec<Vec<Option<f64>>> {
    spec.report
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
        .collect()
}

/// One trend chart being drawn.
struct Plot<'a> {
    spec: &'a ChartSpec<'a>,
    /// Lengths and font sizes, as the frame has them.
    scale: f64,
    text: f64,
    values: Vec<Vec<Option<f64>>>,
}

/// Where each period's x position lands in pixels, under the count panel.
type LabelPositions = Vec<(i32, i32)>;

/// What an entry of the key explains, drawn as a small sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeySample {
    Band,
    Faint,
    Partial,
    Nothing,
}

impl Plot<'_> {
    fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    fn periods(&self) -> usize {
        self.spec.report.periods.len().max(1)
    }

    fn show_band(&self) -> bool {
        self.spec.interval && self.spec.metric == Metric::Share
    }

    /// Lines thin with the picture, but not below 2 pixels (times the ratio).
    fn line_width(&self) -> u32 {
        (2.5 * self.text).round().max(1.0) as u32
    }

    fn style(&self, k: usize) -> SeriesStyle {
        series_style(k)
    }

    fn name_font(&self) -> FontDesc<'static> {
        font(14.0 * self.text, false)
    }

    fn key_font(&self) -> FontDesc<'static> {
        font(12.0 * self.text, false)
    }

    /// The key's entries: what bands, faint lines and dashes mean.
    fn key_entries(&self) -> Vec<(KeySample, &'static str)> {
        let mut out = Vec::new();
        if self.show_band() {
            out.push((KeySample::Band, "95% interval"));
        }
        if self.spec.smooth.is_some() {
            out.push((KeySample::Faint, "raw values"));
        }
        if self.spec.partial_last {
            out.push((KeySample::Partial, "incomplete period"));
        }
        if self.spec.rollup {
            out.push((KeySample::Nothing, "roll-ups included"));
        }
        out
    }

    /// The width of the column right of the plot: the longest series name
    /// or key entry, after its sample.
    fn side_width<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> u32 {
        let names = self.spec.report.series.iter().map(|s| text_width(root, &s.name, &self.name_font()));
        let keys = self.key_entries().into_iter().map(|(_, t)| text_width(root, t, &self.key_font()));
        let widest = names.chain(keys).max().unwrap_or(0);
        widest + self.px(40.0) as u32 + (16.0 * self.text) as u32
    }

    /// The y axis's top: the largest value (or interval bound) drawn, rounded up.
    fn y_max(&self) -> f64 {
        let band = self.show_band();
        let data_max = self
            .spec
            .report
            .series
            .iter()
            .zip(&self.values)
            .flat_map(|(s, v)| s.points.iter().zip(v).map(move |(p, y)| if band { p.high.or(*y) } else { *y }))
            .flatten()
            .fold(0.0f64, f64::max);
        nice_max(data_max, self.spec.metric)
    }

    /// The main panel: axes, bands and lines. Returns the height in pixels
    /// of each series' last drawn value (None: nothing drawn).
    fn draw_lines<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<Vec<Option<i32>>> {
        let (spec, text, n) = (self.spec, self.text, self.periods());
        let y_max = self.y_max();
        let mut chart = ChartBuilder::on(area)
            .margin_top(self.px(8.0))
            .margin_right(self.px(16.0))
            .margin_left(self.px(8.0))
            .y_label_area_size(self.px(64.0).max((52.0 * text) as i32))
            .x_label_area_size(0)
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..y_max)
            .map_err(err)?;
        let y_desc = match spec.metric {
            Metric::Share => format!("Share of {}", spec.unit),
            Metric::Count => format!("{} mentioning", capitalised(spec.unit)),
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
            .axis_desc_style(font(14.0 * text, false).color(&MUTED))
            .label_style(font(13.0 * text, false).color(&INK))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .axis_style(MUTED)
            .draw()
            .map_err(err)?;
        if self.show_band() {
            for k in 0..spec.report.series.len() {
                self.draw_band(&mut chart, k)?;
            }
        }
        let mut ends = Vec::new();
        for k in 0..spec.report.series.len() {
            let last = self.draw_line(&mut chart, k)?;
            self.draw_partly_covered(&mut chart, k)?;
            ends.push(last.map(|p| chart.backend_coord(&p).1));
        }
        self.draw_source_marks(&mut chart, y_max)?;
        Ok(ends)
    }

    /// Hollow points on series `k` where the crawls covered the period only
    /// in part (coverage below 1).
    fn draw_partly_covered<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<()> {
        let color = self.style(k).color;
        let r = self.px(4.0).max(3);
        let points = &self.spec.report.series[k].points;
        let partly = self.values[k]
            .iter()
            .zip(points)
            .enumerate()
            .filter_map(|(i, (v, p))| Some((i as f64, (*v)?)).filter(|_| p.coverage.is_some_and(|c| c < 1.0)));
        for (x, y) in partly {
            chart.draw_series(std::iter::once(Circle::new((x, y), r, WHITE.filled()))).map_err(err)?;
            chart.draw_series(std::iter::once(Circle::new((x, y), r, color.stroke_width(2)))).map_err(err)?;
        }
        Ok(())
    }

    /// A dashed vertical line where a source starts (before its first
    /// period) or stops (after its last), with its name.
    fn draw_source_marks<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, y_max: f64) -> Result<()> {
        let style = font(12.0 * self.scale, false).color(&MUTED);
        for (n, (i, text)) in self.spec.source_marks.iter().enumerate() {
            let x = if text.ends_with("starts") { *i as f64 - 0.5 } else { *i as f64 + 0.5 };
            let line = vec![(x, 0.0), (x, y_max)];
            let dashes = DashedLineSeries::new(line, self.px(4.0), self.px(4.0), MUTED.stroke_width(1));
            chart.draw_series(dashes).map_err(err)?;
            let offset = (self.px(4.0), self.px(4.0) + self.px(15.0) * n as i32);
            let label = EmptyElement::at((x, y_max)) + Text::new(text.clone(), offset, style.clone());
            chart.draw_series(std::iter::once(label)).map_err(err)?;
        }
        Ok(())
    }

    /// Series `k`'s 95% interval: a light band edged by thin lines over
    /// each run of periods (so that overlapping bands stay apart), a
    /// vertical bar for a lone period.
    fn draw_band<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<()> {
        let color = self.style(k).color;
        let band: Vec<Option<(f64, f64)>> =
            self.spec.report.series[k].points.iter().map(|p| p.low.zip(p.high)).collect();
        for run in segments(&band) {
            if let [(x, (lo, hi))] = run.as_slice() {
                let bar = PathElement::new(vec![(*x, *lo), (*x, *hi)], color.mix(0.35).stroke_width(self.line_width()));
                chart.draw_series(std::iter::once(bar)).map_err(err)?;
                continue;
            }
            let mut pts: Vec<(f64, f64)> = run.iter().map(|(x, (_, hi))| (*x, *hi)).collect();
            pts.extend(run.iter().rev().map(|(x, (lo, _))| (*x, *lo)));
            chart.draw_series(std::iter::once(Polygon::new(pts, color.mix(0.08).filled()))).map_err(err)?;
            let edge = color.mix(0.45).stroke_width(1);
            chart.draw_series(LineSeries::new(run.iter().map(|(x, (_, hi))| (*x, *hi)), edge)).map_err(err)?;
            chart.draw_series(LineSeries::new(run.iter().map(|(x, (lo, _))| (*x, *lo)), edge)).map_err(err)?;
        }
        Ok(())
    }

    /// Series `k`'s line in its style (smoothed when asked, raw values
    /// as faint dots), its markers where the series is short (or, on a long one,
    /// every few periods when the palette has run out), the incomplete last
    /// period dashed. Returns the last point drawn.
    fn draw_line<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<Option<(f64, f64)>> {
        let spec = self.spec;
        let style = self.style(k);
        let (line_w, dot) = (self.line_width(), self.px(3.5).max(2));
        let values = &self.values[k];
        let area = chart.plotting_area().strip_coord_spec();
        if spec.smooth.is_some() {
            // Raw values as faint dots: never mistaken for a band's edge.
            let dots = segments(values).into_iter().flatten();
            let r = self.px(1.8).max(1);
            chart.draw_series(dots.map(|p| Circle::new(p, r, style.color.mix(0.4).filled()))).map_err(err)?;
        }
        let line = spec.smooth.map_or_else(|| values.clone(), |n| moving_average(values, n));
        let split_at = if spec.partial_last && line.len() >= 2 { line.len() - 1 } else { line.len() };
        let every = self.marker_every(k);
        for seg in segments(&line[..split_at]) {
            let stroke = style.color.stroke_width(line_w);
            match style.dash {
                Some((d, g)) => chart
                    .draw_series(DashedLineSeries::new(seg.clone(), self.px(d.into()), self.px(g.into()), stroke))
                    .map_err(err)?,
                None => chart.draw_series(LineSeries::new(seg.clone(), stroke)).map_err(err)?,
            };
            let marked =
                seg.iter().filter(|(x, _)| seg.len() == 1 || every.is_some_and(|(e, o)| (*x as usize) % e == o));
            for p in marked {
                style.draw_marker(&area, chart.backend_coord(p), dot, true)?;
            }
        }
        let last = line[..split_at].iter().enumerate().rev().find_map(|(i, v)| v.map(|y| (i as f64, y)));
        if split_at < line.len()
            && let (Some(a), Some(b)) = (line[split_at - 1], line[split_at])
        {
            let pts = vec![((split_at - 1) as f64, a), (split_at as f64, b)];
            let dashes = DashedLineSeries::new(pts, self.px(6.0), self.px(5.0), style.color.stroke_width(line_w));
            chart.draw_series(dashes).map_err(err)?;
            style.draw_marker(&area, chart.backend_coord(&(split_at as f64, b)), dot, false)?;
            return Ok(Some((split_at as f64, b)));
        }
        Ok(last)
    }

    /// Which periods carry series `k`'s marker: (every, offset); None: no
    /// markers. Short series mark every period; long ones only when the
    /// palette has run out, every few periods, offset per series.
    fn marker_every(&self, k: usize) -> Option<(usize, usize)> {
        let n = self.periods();
        if n <= 60 {
            return Some((1, 0));
        }
        let every = n.div_ceil(12);
        (self.spec.report.series.len() > PALETTE.len()).then_some((every, (k * every / 5) % every))
    }

    /// The panel of postings per period; returns where each period's label goes.
    fn draw_counts<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<LabelPositions> {
        let (report, text, n) = (self.spec.report, self.text, self.periods());
        let count_max = nice_max(report.totals.iter().copied().max().unwrap_or(0) as f64, Metric::Count);
        let mut counts = ChartBuilder::on(area)
            .margin_top(self.px(16.0))
            .margin_right(self.px(16.0))
            .margin_left(self.px(8.0))
            .y_label_area_size(self.px(64.0).max((52.0 * text) as i32))
            .x_label_area_size((38.0 * text) as i32)
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..count_max)
            .map_err(err)?;
        counts
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(3)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc(capitalised(self.spec.unit))
            .x_desc(self.spec.period_name.as_str())
            .axis_desc_style(font(14.0 * text, false).color(&MUTED))
            .label_style(font(12.0 * text, false).color(&INK))
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
        Ok((0..report.periods.len()).map(|i| counts.backend_coord(&(i as f64, 0.0))).collect())
    }

    /// Tick marks and period labels under the count panel, as many as fit
    /// side by side.
    fn draw_period_labels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        plot_w: u32,
        at: &LabelPositions,
    ) -> Result<()> {
        let periods = &self.spec.report.periods;
        let label_font = font(12.0 * self.text, false);
        let longest = periods.iter().map(|p| text_width(root, p, &label_font)).max().unwrap_or(0);
        let room = f64::from(plot_w) * 0.9;
        let fits = |w: u32| (room / (f64::from(w) + 16.0 * self.text)).floor() as usize;
        let labels = x_labels(periods, fits(longest), fits(text_width(root, "2000", &label_font)));
        let label_style = label_font.color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, text) in labels {
            let (x, y) = at[i];
            let tick = PathElement::new(vec![(x, y), (x, y + self.px(4.0))], MUTED.stroke_width(1));
            root.draw(&tick).map_err(err)?;
            root.draw(&Text::new(text, (x, y + self.px(6.0)), label_style.clone())).map_err(err)?;
        }
        Ok(())
    }

    /// Each series' name with a sample of its line: at the line's right end
    /// when the names fit there without colliding, else stacked as a legend
    /// at the top. `band` is the plot's top and bottom; returns the height
    /// below the last name.
    fn draw_series_names<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        x: i32,
        ends: &[Option<i32>],
        band: (i32, i32),
    ) -> Result<i32> {
        let step = 20.0 * self.text;
        let wanted: Vec<f64> = ends.iter().map(|e| f64::from(e.unwrap_or(band.1))).collect();
        let (lo, hi) = (f64::from(band.0), f64::from(band.1) - step / 2.0);
        let placed = place_labels(&wanted, step, lo, hi, step * 1.5)
            .unwrap_or_else(|| (0..ends.len()).map(|k| lo + step * (k as f64 + 0.5)).collect());
        let text_style = self.name_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
        for (k, (series, y)) in self.spec.report.series.iter().zip(&placed).enumerate() {
            let y = y.round() as i32;
            self.draw_sample(root, k, (x, y))?;
            root.draw(&Text::new(series.name.clone(), (x + self.px(36.0), y), text_style.clone())).map_err(err)?;
        }
        Ok(placed.iter().fold(band.0, |m, y| m.max(y.round() as i32)) + (step as i32))
    }

    /// A short piece of series `k`'s line, with its marker, starting at `at`.
    fn draw_sample<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, k: usize, at: (i32, i32)) -> Result<()> {
        let style = self.style(k);
        let (x, y) = at;
        let stroke = style.color.stroke_width(self.line_width());
        let pts = vec![(x, y), (x + self.px(30.0), y)];
        match style.dash {
            Some((d, g)) => root.draw(&DashedPathElement::new(pts, self.px(d.into()), self.px(g.into()), stroke)),
            None => root.draw(&PathElement::new(pts, stroke)),
        }
        .map_err(err)?;
        style.draw_marker(root, (x + self.px(15.0), y), self.px(3.5), true)
    }

    /// A piece of band as the chart draws one: the light fill between its
    /// edge lines, the line through it; `size` is its length and half height.
    fn draw_band_sample<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        at: (i32, i32),
        size: (i32, i32),
    ) -> Result<()> {
        let ((x, y), (w, half)) = (at, size);
        root.draw(&Rectangle::new([(x, y - half), (x + w, y + half)], MUTED.mix(0.14).filled())).map_err(err)?;
        for edge in [y - half, y + half] {
            root.draw(&PathElement::new(vec![(x, edge), (x + w, edge)], MUTED.mix(0.7).stroke_width(1)))
                .map_err(err)?;
        }
        root.draw(&PathElement::new(vec![(x, y), (x + w, y)], MUTED.stroke_width(self.line_width()))).map_err(err)
    }

    /// The key from `top` down: what a band, a faint line and a dashed end
    /// mean, each beside a sample drawn as the chart draws it.
    fn draw_key<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, x: i32, top: i32) -> Result<()> {
        let note_style = self.key_font().color(&MUTED).pos(Pos::new(HPos::Left, VPos::Center));
        let (w, half) = (self.px(30.0), (7.0 * self.text) as i32);
        let mut y = top;
        for (sample, text) in self.key_entries() {
            match sample {
                KeySample::Band => self.draw_band_sample(root, (x, y), (w, half))?,
                KeySample::Faint => {
                    let r = self.px(1.8).max(1);
                    for dx in [4, 15, 26] {
                        root.draw(&Circle::new((x + self.px(f64::from(dx)), y), r, MUTED.mix(0.6).filled()))
                            .map_err(err)?;
                    }
                }
                KeySample::Partial => {
                    let dash = DashedPathElement::new(
                        vec![(x, y), (x + w, y)],
                        self.px(6.0),
                        self.px(5.0),
                        MUTED.stroke_width(2),
                    );
                    root.draw(&dash).map_err(err)?;
                }
                KeySample::Nothing => {}
            }
            root.draw(&Text::new(text, (x + self.px(36.0), y), note_style.clone())).map_err(err)?;
            y += (20.0 * self.text) as i32;
        }
        Ok(())
    }
}

/// A chart context with numeric axes, as the panels use.
pub(super) type Cartesian<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// "Postings" from "postings".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_monthly_series_are_labelled_by_year() {
        let periods: Vec<String> = (2011..2027).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect();
        let labels = x_labels(&periods, 12, 20);
        assert_eq!(labels.len(), 16, "{labels:?}");
        assert!(labels.iter().all(|(i, t)| periods[*i].starts_with(t.as_str()) && t.len() == 4));
        // Fewer fit: every other year, still from the first.
        let labels = x_labels(&periods, 5, 9);
        assert_eq!(labels.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>()[..3], ["2011", "2013", "2015"]);
        let short: Vec<String> = (1..=6).map(|m| format!("2024-{m:02}")).collect();
        assert_eq!(x_labels(&short, 12, 20).len(), 6);
    }

    #[test]
    fn quarters_weeks_and_years_keep_labels_at_any_length() {
        // 33 quarters: years, at Q1.
        let quarters: Vec<String> = (0..33).map(|i| format!("{}-Q{}", 2018 + i / 4, i % 4 + 1)).collect();
        let labels = x_labels(&quarters, 10, 15);
        assert!(labels.len() >= 8 && labels.iter().all(|(i, t)| quarters[*i].ends_with("-Q1") && t.len() == 4));
        // Five years of weeks: years, at W01.
        let weeks: Vec<String> = (2019..2024).flat_map(|y| (1..=52).map(move |w| format!("{y}-W{w:02}"))).collect();
        let labels = x_labels(&weeks, 8, 12);
        assert_eq!(
            labels.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            ["2019", "2020", "2021", "2022", "2023"]
        );
        // Two years of weeks: two year labels would say little; every n-th week instead.
        let labels = x_labels(&weeks[..104], 13, 20);
        assert!(labels.len() >= 10 && labels.iter().all(|(i, t)| weeks[*i] == *t), "{labels:?}");
        // Sixty years where only six labels fit: one every ten years.
        let years: Vec<String> = (1966..2026).map(|y| y.to_string()).collect();
        let labels = x_labels(&years, 6, 6);
        assert!(!labels.is_empty() && labels.len() <= 6, "{labels:?}");
    }
}
