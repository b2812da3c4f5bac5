//! Text layout, pure: lines wrapped to a width, and end-of-line labels
//! spread apart so that none overlaps another.

/// Splits `text` into lines no wider than `width` (as `measure` tells),
/// breaking at spaces; a word wider than the width stays whole on its own
/// line. An empty text is one empty line.
pub(crate) fn wrap(text: &str, width: u32, measure: impl Fn(&str) -> u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if line.is_empty() || measure(&candidate) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    lines.push(line);
    lines
}

/// Where end-of-line labels go: each wants the height `wanted[i]` (its
/// line's last value, in pixels from the top) and is `gap` pixels tall.
/// Labels are pushed apart to `gap` and kept within `lo..=hi`; none may end
/// further than `max_shift` from where it wants to be. `None`: they do not
/// fit so, and a legend should be drawn instead.
pub(crate) fn place_labels(wanted: &[f64], gap: f64, lo: f64, hi: f64, max_shift: f64) -> Option<Vec<f64>> {
    let n = wanted.len();
    if n == 0 {
        return Some(Vec::new());
    }
    if gap * (n - 1) as f64 > hi - lo {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]));
    let wish = |j: usize| wanted[order[j]].clamp(lo, hi);
    // A run of labels set `gap` apart, centred on their wishes, in bounds.
    let cluster_top = |first: usize, count: usize| {
        let mean = (first..first + count).map(wish).sum::<f64>() / count as f64;
        (mean - gap * (count - 1) as f64 / 2.0).clamp(lo, hi - gap * (count - 1) as f64)
    };
    // Each label starts as its own run; a run that overlaps the one above
    // merges with it (the classic "repel" of end labels).
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (first, count) in `order`
    for k in 0..n {
        runs.push((k, 1));
        while let [.., (a, na), (b, nb)] = runs[..] {
            if cluster_top(a, na) + gap * na as f64 <= cluster_top(b, nb) + 1e-9 {
                break;
            }
            runs.truncate(runs.len() - 2);
            runs.push((a, na + nb));
        }
    }
    let mut out = vec![0.0; n];
    for (first, count) in runs {
        let top = cluster_top(first, count);
        for (off, &i) in order[first..first + count].iter().enumerate() {
            let y = top + gap * off as f64;
            if (y - wanted[i]).abs() > max_shift {
                return None;
            }
            out[i] = y;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let measure = |t: &str| t.len() as u32 * 10;
        let lines = wrap("Demand for Python, Java, PHP and SQL in job postings", 200, measure);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| measure(l) <= 200), "{lines:?}");
        assert_eq!(lines.join(" "), "Demand for Python, Java, PHP and SQL in job postings");
        assert_eq!(wrap("short", 200, measure), ["short"]);
        assert_eq!(wrap("", 200, measure), [""]);
        assert_eq!(wrap("a-very-long-word b", 50, measure), ["a-very-long-word", "b"]);
    }

    #[test]
    fn labels_far_apart_stay_at_their_lines() {
        assert_eq!(place_labels(&[100.0, 300.0, 200.0], 20.0, 0.0, 400.0, 20.0), Some(vec![100.0, 300.0, 200.0]));
    }

    #[test]
    fn labels_close_together_are_pushed_apart_without_overlap() {
        let wanted = [200.0, 205.0, 210.0, 50.0];
        let at = place_labels(&wanted, 18.0, 0.0, 400.0, 30.0).expect("they fit");
        let mut sorted = at.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 18.0 - 1e-9), "{at:?}");
        assert!(at.iter().zip(&wanted).all(|(a, w)| (a - w).abs() <= 30.0), "{at:?}");
        assert_eq!(at[3], 50.0);
        // The order of the lines is kept.
        assert!(at[0] < at[1] && at[1] < at[2]);
        // Pinned against the bottom edge.
        let at = place_labels(&[395.0, 399.0], 18.0, 0.0, 400.0, 30.0).unwrap();
        assert!(at.iter().all(|y| *y <= 400.0) && (at[1] - at[0]).abs() >= 18.0 - 1e-9, "{at:?}");
    }

    #[test]
    fn labels_that_would_collide_ask_for_a_legend() {
        let twelve: Vec<f64> = (0..12).map(|i| 200.0 + i as f64).collect();
        assert_eq!(place_labels(&twelve, 18.0, 0.0, 400.0, 30.0), None);
        assert_eq!(place_labels(&[0.0; 30], 18.0, 0.0, 400.0, 1000.0), None);
    }
}
