//! The `cooccur` chart: for each skill, the share of the queried skill's
//! postings that also mention it (a bar with its 95% Wilson interval), a
//! tick at its share of all postings (the baseline), and the lift beside.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    Chart, GRID, INK, MUTED, Metric, PALETTE, Picture, err, font, frame, nice_max, percent, render, row_label,
};
use crate::report::series::wilson;
use crate::store::cooccur::Cooccurrence;

/// Everything the `cooccur` chart shows.
#[derive(Debug, Clone)]
pub struct CooccurSpec<'a> {
    pub data: &'a Cooccurrence,
    pub title: String,
    pub subtitle: String,
    pub footnote: Vec<String>,
    pub width: u32,
    pub height: u32,
}

impl Chart for CooccurSpec<'_> {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()> {
        draw_cooccur(root, self, ratio)
    }
}

/// The `cooccur` chart as a PNG.
pub fn cooccur_png(spec: &CooccurSpec<'_>) -> Result<Vec<u8>> {
    render(spec, Picture::Png, 1.0)
}

/// The `cooccur` chart as SVG (the font embedded).
pub fn cooccur_svg(spec: &CooccurSpec<'_>) -> Result<String> {
    Ok(String::from_utf8(render(spec, Picture::Svg, 1.0)?)?)
}

fn draw_cooccur<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &CooccurSpec<'_>, ratio: f64) -> Result<()> {
    let f = frame(root, ratio, &spec.title, &spec.subtitle, &spec.footnote)?;
    let (scale, body) = (f.text, &f.body);
    let px = |v: f64| f.px(v);
    let rows = &spec.data.rows;
    let n = rows.len().max(1);
    let bands: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| wilson(r.count, spec.data.skill_postings).unwrap_or((r.share_of_skill, r.share_of_skill)))
        .collect();
    let max = rows.iter().zip(&bands).map(|(r, b)| b.1.max(r.share_of_all)).fold(0.0f64, f64::max);
    let x_max = nice_max(max, Metric::Share) * 1.22;
    let mut chart = ChartBuilder::on(body)
        .margin_left(px(8.0))
        .margin_right(px(24.0))
        .margin_top(px(4.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(170.0))
        .build_cartesian_2d(0.0..x_max, (-0.5)..(n as f64 - 0.5))
        .map_err(err)?;
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| row_label(&names, *y))
        .x_labels(12)
        .x_label_formatter(&|v| if *v > 1.0 + 1e-9 { String::new() } else { percent(*v, x_max) })
        .x_desc("Share of postings that also mention the skill (bar, 95% interval) · tick: share of all postings")
        .axis_desc_style(font(14.0 * scale, false).color(&MUTED))
        .label_style(font(13.0 * scale, false).color(&INK))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    let label_style = font(12.0 * scale, false).color(&INK);
    for (i, (r, (low, high))) in rows.iter().zip(&bands).enumerate() {
        let y = (n - 1 - i) as f64;
        let bar = Rectangle::new([(0.0, y - 0.3), (r.share_of_skill, y + 0.3)], PALETTE[0].mix(0.85).filled());
        let whisker = PathElement::new(vec![(*low, y), (*high, y)], INK.stroke_width(2));
        let baseline =
            PathElement::new(vec![(r.share_of_all, y - 0.42), (r.share_of_all, y + 0.42)], PALETTE[1].stroke_width(3));
        chart.draw_series([bar]).map_err(err)?;
        chart.draw_series([whisker, baseline]).map_err(err)?;
        let at = high.max(r.share_of_all);
        let (x, yy) = chart.backend_coord(&(at, y));
        let text = format!("{:.1}% · lift {:.2} · n {}", r.share_of_skill * 100.0, r.lift, r.count);
        root.draw(&Text::new(text, (x + px(8.0), yy - px(7.0)), label_style.clone())).map_err(err)?;
    }
    Ok(())
}
