//! How each series looks: a colour of the palette, and beyond the palette's
//! eight a dash pattern and a marker of its own, so that no two series of a
//! chart look alike.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{PALETTE, err};

/// The shape drawn at a series' points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// A series' colour, dash pattern and marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeriesStyle {
    pub color: RGBColor,
    /// (dash, gap) in pixels at scale 1; None: a solid line.
    pub dash: Option<(u32, u32)>,
    pub marker: Marker,
}

/// Solid for the first eight series, then dashed, then dotted, then
/// dash-dot-like long dashes.
const DASHES: [Option<(u32, u32)>; 4] = [None, Some((9, 5)), Some((2, 4)), Some((16, 6))];
const MARKERS: [Marker; 4] = [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond];

/// The style of the `k`-th series: 32 series look different before a style
/// repeats.
pub fn series_style(k: usize) -> SeriesStyle {
    let round = (k / PALETTE.len()) % DASHES.len();
    SeriesStyle { color: PALETTE[k % PALETTE.len()], dash: DASHES[round], marker: MARKERS[round] }
}

impl SeriesStyle {
    /// The marker's outline around (0, 0), `r` pixels in radius.
    fn outline(&self, r: i32) -> Vec<(i32, i32)> {
        let r = r.max(2);
        match self.marker {
            Marker::Circle => (0..16)
                .map(|i| {
                    let a = f64::from(i) * std::f64::consts::PI / 8.0;
                    ((f64::from(r) * a.cos()).round() as i32, (f64::from(r) * a.sin()).round() as i32)
                })
                .collect(),
            Marker::Square => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
            Marker::Triangle => {
                let (h, w) = (r + 1, (f64::from(r + 1) * 1.15).round() as i32);
                vec![(0, -h), (w, h * 3 / 4), (-w, h * 3 / 4)]
            }
            Marker::Diamond => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        }
    }

    /// Draws the marker on `area` at `at` (pixels of the whole picture),
    /// `r` pixels in radius: filled, or as an outline for a point that is
    /// not a full one.
    pub(crate) fn draw_marker<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        at: (i32, i32),
        r: i32,
        filled: bool,
    ) -> Result<()> {
        let (bx, by) = area.get_base_pixel();
        let mut pts: Vec<(i32, i32)> =
            self.outline(r).into_iter().map(|(x, y)| (x + at.0 - bx, y + at.1 - by)).collect();
        if filled {
            area.draw(&Polygon::new(pts, self.color.filled())).map_err(err)
        } else {
            pts.push(pts[0]);
            area.draw(&PathElement::new(pts, self.color.stroke_width(1))).map_err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn twelve_series_have_twelve_looks() {
        let styles: HashSet<SeriesStyle> = (0..12).map(series_style).collect();
        assert_eq!(styles.len(), 12);
        // The ninth shares the first's colour but neither its dash nor its marker.
        let (a, b) = (series_style(0), series_style(8));
        assert_eq!(a.color, b.color);
        assert!(a.dash != b.dash && a.marker != b.marker);
        assert_eq!((0..32).map(series_style).collect::<HashSet<_>>().len(), 32);
    }
}
