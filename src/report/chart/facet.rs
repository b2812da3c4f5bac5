//! Small multiples (`report --facet`): one panel per series on shared axes,
//! each with its band and line in its own colour and the other series
//! faint behind it for context; the postings per period, which the single
//! chart draws as a panel, are summed up in the footnote.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::trend::{ChartSpec, plotted_values, segments, x_labels};
use super::{Chart, GRID, INK, MUTED, Metric, err, font, frame, nice_max, percent, series_style, text_width};
use crate::report::series::moving_average;

/// The trend chart's content drawn as small multiples.
pub struct FacetSpec<'a>(pub &'a ChartSpec<'a>);

impl Chart for FacetSpec<'_> {
    fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()> {
        draw_facets(root, self.0, ratio)
    }
}

/// "Postings per period: 20 to 28 (median 23)".
fn totals_note(totals: &[u64]) -> String {
    let mut t: Vec<u64> = totals.iter().copied().filter(|t| *t > 0).collect();
    t.sort_unstable();
    match (t.first(), t.last()) {
        (Some(lo), Some(hi)) => format!("Postings per period: {lo} to {hi} (median {})", t[t.len() / 2]),
        _ => "No postings".to_string(),
    }
}

fn draw_facets<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &ChartSpec<'_>, ratio: f64) -> Result<()> {
    let mut footnote = vec![totals_note(&spec.report.totals)];
    footnote.extend(spec.footnote.iter().cloned());
    let f = frame(root, ratio, &spec.title, &spec.subtitle, &footnote)?;
    let values = plotted_values(spec);
    let n = spec.report.series.len().max(1);
    let cols = ((n as f64).sqrt().ceil() as usize).clamp(1, 4);
    let rows = n.div_ceil(cols);
    let band = spec.interval && spec.metric == Metric::Share;
    let top = spec
        .report
        .series
        .iter()
        .zip(&values)
        .flat_map(|(s, v)| s.points.iter().zip(v).map(move |(p, y)| if band { p.high.or(*y) } else { *y }))
        .flatten()
        .fold(0.0f64, f64::max);
    let panels = Panels { spec, values, y_max: nice_max(top, spec.metric), scale: f.scale, text: f.text, band };
    let body = f.body.margin(0, f.px(8.0), f.px(8.0), f.px(16.0));
    for (k, area) in body.split_evenly((rows, cols)).iter().enumerate().take(spec.report.series.len()) {
        let bottom = k + cols >= spec.report.series.len();
        panels.draw(root, area, k, (bottom, k % cols == 0))?;
    }
    Ok(())
}

/// What every panel shares.
struct Panels<'a> {
    spec: &'a ChartSpec<'a>,
    values: Vec<Vec<Option<f64>>>,
    y_max: f64,
    scale: f64,
    text: f64,
    band: bool,
}

impl Panels<'_> {
    fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    /// Series `k`'s panel; `edges` says whether it is the lowest of its
    /// column (x labels) and the first of its row (y labels).
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
        k: usize,
        edges: (bool, bool),
    ) -> Result<()> {
        let (spec, text, style) = (self.spec, self.text, series_style(k));
        let n = spec.report.periods.len().max(1);
        let name_font = font(14.0 * text, true);
        let mut chart = ChartBuilder::on(area)
            .caption(spec.report.series[k].name.as_str(), name_font.color(&INK))
            .margin(self.px(4.0))
            .x_label_area_size(if edges.0 { (26.0 * text) as i32 } else { self.px(4.0) })
            .y_label_area_size(if edges.1 { (46.0 * text) as i32 } else { self.px(4.0) })
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..self.y_max)
            .map_err(err)?;
        let y_max = self.y_max;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(4)
            .y_label_formatter(&|v| match (edges.1, spec.metric) {
                (false, _) => String::new(),
                (true, Metric::Share) => percent(*v, y_max),
                (true, Metric::Count) => format!("{v:.0}"),
            })
            .label_style(font(12.0 * text, false).color(&INK))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .axis_style(MUTED)
            .draw()
            .map_err(err)?;
        let lines: Vec<Vec<Option<f64>>> =
            self.values.iter().map(|v| spec.smooth.map_or_else(|| v.clone(), |w| moving_average(v, w))).collect();
        for line in lines.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, l)| l) {
            for seg in segments(line) {
                chart.draw_series(LineSeries::new(seg, MUTED.mix(0.3).stroke_width(1))).map_err(err)?;
            }
        }
        if self.band {
            let band: Vec<Option<(f64, f64)>> =
                spec.report.series[k].points.iter().map(|p| p.low.zip(p.high)).collect();
            for run in segments(&band).into_iter().filter(|r| r.len() > 1) {
                let mut pts: Vec<(f64, f64)> = run.iter().map(|(x, (_, hi))| (*x, *hi)).collect();
                pts.extend(run.iter().rev().map(|(x, (lo, _))| (*x, *lo)));
                chart.draw_series(std::iter::once(Polygon::new(pts, style.color.mix(0.14).filled()))).map_err(err)?;
            }
        }
        let width = (2.5 * text).round().max(1.0) as u32;
        let split = if spec.partial_last && n >= 2 { n - 1 } else { n };
        for seg in segments(&lines[k][..split.min(lines[k].len())]) {
            chart.draw_series(LineSeries::new(seg, style.color.stroke_width(width))).map_err(err)?;
        }
        if split < lines[k].len()
            && let (Some(a), Some(b)) = (lines[k][split - 1], lines[k][split])
        {
            let pts = vec![((split - 1) as f64, a), (split as f64, b)];
            let dash = DashedLineSeries::new(pts, self.px(6.0), self.px(5.0), style.color.stroke_width(width));
            chart.draw_series(dash).map_err(err)?;
        }
        if edges.0 {
            self.draw_x_labels(root, &chart, area.dim_in_pixel().0)?;
        }
        Ok(())
    }

    /// Period labels under a bottom panel, as many as fit.
    fn draw_x_labels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &super::trend::Cartesian<'_, DB>,
        width: u32,
    ) -> Result<()> {
        let periods = &self.spec.report.periods;
        let label_font = font(12.0 * self.text, false);
        let longest = periods.iter().map(|p| text_width(root, p, &label_font)).max().unwrap_or(0);
        let fits = |w: u32| (f64::from(width) * 0.8 / (f64::from(w) + 16.0 * self.text)).floor() as usize;
        let labels = x_labels(periods, fits(longest), fits(text_width(root, "2000", &label_font)));
        let style = label_font.color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, label) in labels {
            let (x, y) = chart.backend_coord(&(i as f64, 0.0));
            root.draw(&PathElement::new(vec![(x, y), (x, y + self.px(4.0))], MUTED.stroke_width(1))).map_err(err)?;
            root.draw(&Text::new(label, (x, y + self.px(6.0)), style.clone())).map_err(err)?;
        }
        Ok(())
    }
}
