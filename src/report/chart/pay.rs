//! The `pay` chart: one row per skill (and currency), the median of the
//! annualised pay as a dot with its 95% confidence interval as whiskers,
//! the interquartile range as a light bar, and the number of postings
//! beside each row. Rows with too few postings say so instead.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, GRID, INK, MUTED, PALETTE, Picture, err, font, frame, render, row_label, text_width};

/// One row of the pay chart.
#[derive(Debug, Clone)]
pub struct PayBar {
    /// "Python (USD)".
    pub label: String,
    pub postings: u64,
    /// (p25, median, p75, median_low, median_high); None: too few postings.
    pub figures: Option<[f64; 5]>,
}

/// Everything the pay chart shows.
#[derive(Debug, Clone)]
pub struct PaySpec<'a> {
    pub rows: &'a [PayBar],
    pub title: String,
    pub subtitle: String,
    pub footnote: Vec<String>,
    /// The x axis's name ("Annualised pay, USD").
    pub axis: String,
    pub width: u32,
    pub height: u32,
}

impl Chart for PaySpec<'_> {
    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, ratio: f64) -> Result<()> {
        draw_pay(root, self, ratio)
    }
}

/// The pay chart as a PNG.
pub fn pay_png(spec: &PaySpec<'_>) -> Result<Vec<u8>> {
    render(spec, Picture::Png, 1.0)
}

/// The pay chart as SVG (the font embedded).
pub fn pay_svg(spec: &PaySpec<'_>) -> Result<String> {
    Ok(String::from_utf8(render(spec, Picture::Svg, 1.0)?)?)
}

/// "150k" for axis ticks and labels.
fn thousands(v: f64) -> String {
    if v >= 1_000_000.0 { format!("{:.1}M", v / 1_000_000.0) } else { format!("{:.0}k", v / 1000.0) }
}

fn draw_pay<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &PaySpec<'_>, ratio: f64) -> Result<()> {
    let f = frame(root, ratio, &spec.title, &spec.subtitle, &spec.footnote)?;
    let (ts, body) = (f.text, &f.body);
    let labels: Vec<String> = spec.rows.iter().map(|r| r.label.clone()).collect();
    let label_font = font(13.0 * ts, false);
    let label_w = labels.iter().map(|t| text_width(root, t, &label_font)).max().unwrap_or(0) as i32;
    let n = spec.rows.len().max(1);
    let high = spec.rows.iter().filter_map(|r| r.figures).map(|f| f[2].max(f[4])).fold(0.0f64, f64::max);
    let x_max = if high > 0.0 { high * 1.25 } else { 1.0 };
    let mut chart = ChartBuilder::on(body)
        .margin_left(f.px(8.0))
        .margin_right(f.px(24.0))
        .margin_top(f.px(4.0))
        .x_label_area_size((40.0 * ts) as i32)
        .y_label_area_size(label_w + f.px(20.0))
        .build_cartesian_2d(0.0..x_max, (-0.5)..(n as f64 - 0.5))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| row_label(&labels, *y))
        .x_labels(6)
        .x_label_formatter(&|v| thousands(*v))
        .x_desc(spec.axis.as_str())
        .axis_desc_style(font(14.0 * ts, false).color(&MUTED))
        .label_style(label_font.color(&INK))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    let note = font(12.0 * ts, false).color(&INK);
    for (i, row) in spec.rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let color = PALETTE[0];
        let Some([p25, median, p75, low, high]) = row.figures else {
            let (x, yy) = chart.backend_coord(&(0.0, y));
            let text = format!("too few postings with pay (N = {})", row.postings);
            root.draw(&Text::new(text, (x + f.px(8.0), yy - (6.0 * ts) as i32), note.color(&MUTED))).map_err(err)?;
            continue;
        };
        let iqr = Rectangle::new([(p25, y - 0.22), (p75, y + 0.22)], color.mix(0.18).filled());
        chart.draw_series(std::iter::once(iqr)).map_err(err)?;
        let whisker = PathElement::new(vec![(low, y), (high, y)], INK.stroke_width(2));
        chart.draw_series(std::iter::once(whisker)).map_err(err)?;
        for end in [low, high] {
            let cap = PathElement::new(vec![(end, y - 0.12), (end, y + 0.12)], INK.stroke_width(2));
            chart.draw_series(std::iter::once(cap)).map_err(err)?;
        }
        let dot = Circle::new((median, y), f.px(5.0).max(3), color.filled());
        chart.draw_series(std::iter::once(dot)).map_err(err)?;
        let (x, yy) = chart.backend_coord(&(p75.max(high), y));
        let text = format!("{} · N = {}", thousands(median), row.postings);
        root.draw(&Text::new(text, (x + f.px(10.0), yy - (6.0 * ts) as i32), note.clone())).map_err(err)?;
    }
    Ok(())
}
