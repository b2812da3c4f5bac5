//! The `top` chart: horizontal bars of this period's share, a tick at the
//! previous period's, and the change written beside each bar.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    GRID, INK, MUTED, Metric, PALETTE, err, font, frame, nice_max, percent, render_png, render_svg, row_label,
};

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
    let f = frame(root, &spec.title, &spec.subtitle, &spec.footnote)?;
    let (scale, body) = (f.scale, &f.body);
    let px = |v: f64| f.px(v);
    let n = spec.rows.len().max(1);
    let max = spec.rows.iter().map(|r| r.share.max(r.prev_share.unwrap_or(0.0))).fold(0.0f64, f64::max);
    let x_max = nice_max(max, Metric::Share) * 1.18;
    let mut chart = ChartBuilder::on(body)
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
        .y_label_formatter(&|y| row_label(&names, *y))
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
        let change = r.change.map_or(String::new(), |_| format!("  {}", crate::report::top::change_label(r)));
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
