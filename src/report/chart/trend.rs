//! The trend chart: one line per skill with its 95% interval as a light
//! band, gaps as gaps, a panel of postings per period, a legend beside the
//! plot (never over the data), and a footnote saying where the numbers come
//! from.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{GRID, INK, MUTED, Metric, PALETTE, err, font, frame, nice_max, percent, render_png, render_svg};
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

/// The period indices to label on the x axis, and their text.
fn x_labels(periods: &[String], max_labels: usize) -> Vec<(usize, String)> {
    let n = periods.len();
    if n == 0 {
        return Vec::new();
    }
    let max_labels = max_labels.max(2);
    // Long monthly or quarterly series: label years, at January or Q1.
    let year_start = |p: &str| p.len() == 7 && (p.ends_with("-01") || p.ends_with("-Q1"));
    let by_year = periods.iter().all(|p| p.len() == 7 && p.as_bytes()[4] == b'-');
    if by_year && n > 24 {
        let starts: Vec<usize> = (0..n).filter(|&i| year_start(&periods[i])).collect();
        let step = starts.len().div_ceil(max_labels).max(1);
        return starts.into_iter().step_by(step).map(|i| (i, periods[i][..4].to_string())).collect();
    }
    let step = n.div_ceil(max_labels).max(1);
    (0..n).step_by(step).map(|i| (i, periods[i].clone())).collect()
}

/// Runs of consecutive periods whose value exists, as (x, value).
fn segments<T: Copy>(values: &[Option<T>]) -> Vec<Vec<(f64, T)>> {
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

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &ChartSpec<'_>) -> Result<()> {
    let f = frame(root, &spec.title, &spec.subtitle, &spec.footnote)?;
    let (w, _) = f.body.dim_in_pixel();
    let legend_w = f.px(220.0).max(120) as u32;
    let (plot_col, legend) = f.body.split_horizontally(w.saturating_sub(legend_w));
    let (main_area, count_area) = plot_col.split_vertically((f64::from(plot_col.dim_in_pixel().1) * 0.74) as u32);
    let plot = Plot { spec, scale: f.scale, values: plotted_values(spec) };
    plot.draw_lines(&main_area)?;
    let label_at = plot.draw_counts(&count_area)?;
    plot.draw_period_labels(root, plot_col.dim_in_pixel().0, &label_at)?;
    plot.draw_legend(&legend)
}

/// The values each series plots (shares or counts), per period.
fn plotted_values(spec: &ChartSpec<'_>) -> Vec<Vec<Option<f64>>> {
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
    scale: f64,
    values: Vec<Vec<Option<f64>>>,
}

/// Where each period's x position lands in pixels, under the count panel.
type LabelPositions = Vec<(i32, i32)>;

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

    fn line_width(&self) -> u32 {
        self.px(2.5).max(1) as u32
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

    /// The main panel: axes, bands and lines.
    fn draw_lines<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let (spec, scale, n) = (self.spec, self.scale, self.periods());
        let y_max = self.y_max();
        let mut chart = ChartBuilder::on(area)
            .margin_top(self.px(8.0))
            .margin_right(self.px(16.0))
            .margin_left(self.px(8.0))
            .y_label_area_size(self.px(64.0))
            .x_label_area_size(0)
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..y_max)
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
        for k in 0..spec.report.series.len() {
            if self.show_band() {
                self.draw_band(&mut chart, k)?;
            }
            self.draw_line(&mut chart, k)?;
            self.draw_partly_covered(&mut chart, k)?;
        }
        self.draw_source_marks(&mut chart, y_max)
    }

    /// Hollow points on series `k` where the crawls covered the period only
    /// in part (coverage below 1).
    fn draw_partly_covered<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<()> {
        let color = PALETTE[k % PALETTE.len()];
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

    /// Series `k`'s 95% interval: a filled band over each run of periods, a
    /// vertical bar for a lone period.
    fn draw_band<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<()> {
        let color = PALETTE[k % PALETTE.len()];
        let line_w = self.line_width();
        let band: Vec<Option<(f64, f64)>> =
            self.spec.report.series[k].points.iter().map(|p| p.low.zip(p.high)).collect();
        for run in segments(&band) {
            if let [(x, (lo, hi))] = run.as_slice() {
                let bar = PathElement::new(vec![(*x, *lo), (*x, *hi)], color.mix(0.35).stroke_width(line_w));
                chart.draw_series(std::iter::once(bar)).map_err(err)?;
            } else {
                let mut pts: Vec<(f64, f64)> = run.iter().map(|(x, (_, hi))| (*x, *hi)).collect();
                pts.extend(run.iter().rev().map(|(x, (lo, _))| (*x, *lo)));
                chart.draw_series(std::iter::once(Polygon::new(pts, color.mix(0.13).filled()))).map_err(err)?;
            }
        }
        Ok(())
    }

    /// Series `k`'s line (smoothed when asked, raw values faint), points
    /// where the series is short, the incomplete last period dashed.
    fn draw_line<DB: DrawingBackend>(&self, chart: &mut Cartesian<'_, DB>, k: usize) -> Result<()> {
        let spec = self.spec;
        let color = PALETTE[k % PALETTE.len()];
        let (line_w, dot) = (self.line_width(), self.px(3.0).max(2));
        let values = &self.values[k];
        if spec.smooth.is_some() {
            for seg in segments(values) {
                chart.draw_series(LineSeries::new(seg, color.mix(0.35).stroke_width(1))).map_err(err)?;
            }
        }
        let line = spec.smooth.map_or_else(|| values.clone(), |n| moving_average(values, n));
        let split_at = if spec.partial_last && line.len() >= 2 { line.len() - 1 } else { line.len() };
        let dense = self.periods() > 60;
        for seg in segments(&line[..split_at]) {
            if seg.len() == 1 || !dense {
                chart.draw_series(seg.iter().map(|p| Circle::new(*p, dot, color.filled()))).map_err(err)?;
            }
            chart.draw_series(LineSeries::new(seg, color.stroke_width(line_w))).map_err(err)?;
        }
        if split_at < line.len()
            && let (Some(a), Some(b)) = (line[split_at - 1], line[split_at])
        {
            let pts = vec![((split_at - 1) as f64, a), (split_at as f64, b)];
            let dashes = DashedLineSeries::new(pts, self.px(6.0), self.px(5.0), color.stroke_width(line_w));
            chart.draw_series(dashes).map_err(err)?;
            let last = Circle::new((split_at as f64, b), dot, color.stroke_width(1));
            chart.draw_series(std::iter::once(last)).map_err(err)?;
        }
        Ok(())
    }

    /// The panel of postings per period; returns where each period's label goes.
    fn draw_counts<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<LabelPositions> {
        let (report, scale, n) = (self.spec.report, self.scale, self.periods());
        let count_max = nice_max(report.totals.iter().copied().max().unwrap_or(0) as f64, Metric::Count);
        let mut counts = ChartBuilder::on(area)
            .margin_top(self.px(16.0))
            .margin_right(self.px(16.0))
            .margin_left(self.px(8.0))
            .y_label_area_size(self.px(64.0))
            .x_label_area_size(self.px(44.0))
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..count_max)
            .map_err(err)?;
        counts
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(3)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc("Postings")
            .x_desc(self.spec.period_name.as_str())
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
        Ok((0..report.periods.len()).map(|i| counts.backend_coord(&(i as f64, 0.0))).collect())
    }

    /// Tick marks and period labels under the count panel.
    fn draw_period_labels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        plot_w: u32,
        at: &LabelPositions,
    ) -> Result<()> {
        let periods = &self.spec.report.periods;
        let longest = periods.iter().map(String::len).max().unwrap_or(7) as f64;
        let max_labels = (f64::from(plot_w) / (longest * 8.0 * self.scale + 24.0)).floor() as usize;
        let label_style = font(12.0 * self.scale, false).color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, text) in x_labels(periods, max_labels) {
            let (x, y) = at[i];
            let tick = PathElement::new(vec![(x, y), (x, y + self.px(4.0))], MUTED.stroke_width(1));
            root.draw(&tick).map_err(err)?;
            root.draw(&Text::new(text, (x, y + self.px(6.0)), label_style.clone())).map_err(err)?;
        }
        Ok(())
    }

    /// The legend, beside the plot: one entry per series, then what the
    /// band, faint lines and dashes mean.
    fn draw_legend<DB: DrawingBackend>(&self, legend: &DrawingArea<DB, Shift>) -> Result<()> {
        let spec = self.spec;
        let lx = self.px(12.0);
        let mut ly = self.px(28.0);
        let text_style = font(14.0 * self.scale, false).color(&INK);
        for (k, series) in spec.report.series.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            let sample =
                PathElement::new(vec![(lx, ly), (lx + self.px(28.0), ly)], color.stroke_width(self.line_width() + 1));
            legend.draw(&sample).map_err(err)?;
            let label = if spec.rollup { format!("{} (incl. roll-ups)", series.name) } else { series.name.clone() };
            legend.draw_text(&label, &text_style, (lx + self.px(36.0), ly - self.px(8.0))).map_err(err)?;
            ly += self.px(26.0);
        }
        let note_style = font(12.0 * self.scale, false).color(&MUTED);
        let note = |text: &str, ly: i32| legend.draw_text(text, &note_style, (lx + self.px(36.0), ly - self.px(7.0)));
        ly += self.px(8.0);
        if self.show_band() {
            let swatch = [(lx, ly - self.px(6.0)), (lx + self.px(28.0), ly + self.px(6.0))];
            legend.draw(&Rectangle::new(swatch, MUTED.mix(0.2).filled())).map_err(err)?;
            note("95% interval", ly).map_err(err)?;
            ly += self.px(24.0);
        }
        if spec.smooth.is_some() {
            let faint = PathElement::new(vec![(lx, ly), (lx + self.px(28.0), ly)], MUTED.mix(0.5).stroke_width(1));
            legend.draw(&faint).map_err(err)?;
            note("faint: raw values", ly).map_err(err)?;
            ly += self.px(24.0);
        }
        if spec.partial_last {
            legend
                .draw(&PathElement::new(vec![(lx, ly), (lx + self.px(10.0), ly)], MUTED.stroke_width(2)))
                .map_err(err)?;
            let dash =
                PathElement::new(vec![(lx + self.px(16.0), ly), (lx + self.px(28.0), ly)], MUTED.stroke_width(2));
            legend.draw(&dash).map_err(err)?;
            note("incomplete period", ly).map_err(err)?;
        }
        Ok(())
    }
}

/// A chart context with numeric axes, as the panels use.
type Cartesian<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

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
        // 33 quarters keep labels: years, at Q1.
        let quarters: Vec<String> = (0..33).map(|i| format!("{}-Q{}", 2018 + i / 4, i % 4 + 1)).collect();
        let labels = x_labels(&quarters, 10);
        assert!(
            labels.len() >= 5 && labels.iter().all(|(i, t)| quarters[*i].ends_with("-Q1") && t.len() == 4),
            "{labels:?}"
        );
    }
}
