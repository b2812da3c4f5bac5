//! The `top` chart: horizontal bars of this period's share with their 95%
//! Wilson intervals as whiskers, a tick at the previous period's share, and
//! the share, the number of postings and the change written beside each bar.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    Chart, GRID, INK, MUTED, Metric, PALETTE, Picture, err, font, frame, nice_max, percent, render, row_label,
    text_width,
};
use crate::report::series::wilson;

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

impl Chart for TopSpec<'_> {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()> {
        draw_top(root, self, ratio)
    }
}

/// The `top` chart as a PNG.
pub fn top_png(spec: &TopSpec<'_>) -> Result<Vec<u8>> {
    render(spec, Picture::Png, 1.0)
}

/// The `top` chart as SVG (the font embedded).
pub fn top_svg(spec: &TopSpec<'_>) -> Result<String> {
    Ok(String::from_utf8(render(spec, Picture::Svg, 1.0)?)?)
}

/// "36.9% (n = 48), +3.3 pp" beside a bar.
fn bar_note(r: &crate::store::reports::TopRow) -> String {
    let change = r.change.map_or(String::new(), |_| format!(", {}", crate::report::top::change_label(r)));
    format!("{:.1}% (n = {}){change}", r.share * 100.0, r.mentioning)
}

/// Horizontal bars: this period's share and its 95% interval, a tick at
/// the previous period's, and the share, N and change beside each bar.
fn draw_top<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &TopSpec<'_>, ratio: f64) -> Result<()> {
    let f = frame(root, ratio, &spec.title, &spec.subtitle, &spec.footnote)?;
    let (text, body) = (f.text, &f.body);
    let px = |v: f64| f.px(v);
    let n = spec.rows.len().max(1);
    let intervals: Vec<Option<(f64, f64)>> = spec.rows.iter().map(|r| wilson(r.mentioning, r.total)).collect();
    let reach = |i: usize| {
        let r = &spec.rows[i];
        r.share.max(r.prev_share.unwrap_or(0.0)).max(intervals[i].map_or(0.0, |(_, hi)| hi))
    };
    let max = (0..spec.rows.len()).map(reach).fold(0.0f64, f64::max);
    let x_max = nice_max(max, Metric::Share);
    let names: Vec<String> = spec.rows.iter().map(|r| r.name.clone()).collect();
    let label_font = font(13.0 * text, false);
    let note_font = font(12.0 * text, false);
    let label_w = names.iter().map(|t| text_width(root, t, &label_font)).max().unwrap_or(0);
    let note_w = spec.rows.iter().map(|r| text_width(root, &bar_note(r), &note_font)).max().unwrap_or(0);
    let mut chart = ChartBuilder::on(body)
        .margin_left(px(8.0))
        .margin_right(note_w as i32 + px(24.0))
        .margin_top(px(4.0))
        .x_label_area_size((36.0 * text) as i32)
        .y_label_area_size(label_w as i32 + px(20.0))
        .build_cartesian_2d(0.0..x_max, (-0.5)..(n as f64 - 0.5))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| row_label(&names, *y))
        .x_labels(6)
        .x_label_formatter(&|v| percent(*v, x_max))
        .x_desc("Share of postings")
        .axis_desc_style(font(14.0 * text, false).color(&MUTED))
        .label_style(label_font.color(&INK))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    let note_style = note_font.color(&INK);
    let bar_h = if n > 30 { 0.36 } else { 0.3 };
    for (i, r) in spec.rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let bar = Rectangle::new([(0.0, y - bar_h), (r.share, y + bar_h)], PALETTE[0].mix(0.75).filled());
        chart.draw_series(std::iter::once(bar)).map_err(err)?;
        if let Some((lo, hi)) = intervals[i] {
            let whisker = |pts: Vec<(f64, f64)>| PathElement::new(pts, INK.mix(0.75).stroke_width(1));
            let marks =
                [vec![(lo, y), (hi, y)], vec![(lo, y - 0.15), (lo, y + 0.15)], vec![(hi, y - 0.15), (hi, y + 0.15)]];
            chart.draw_series(marks.into_iter().map(whisker)).map_err(err)?;
        }
        if let Some(prev) = r.prev_share {
            let tick =
                PathElement::new(vec![(prev, y - 0.42), (prev, y + 0.42)], INK.stroke_width(px(2.0).max(1) as u32));
            chart.draw_series(std::iter::once(tick)).map_err(err)?;
        }
        let (x, yy) = chart.backend_coord(&(reach(i), y));
        root.draw(&Text::new(bar_note(r), (x + (8.0 * text) as i32, yy - (6.0 * text) as i32), note_style.clone()))
            .map_err(err)?;
    }
    Ok(())
}
