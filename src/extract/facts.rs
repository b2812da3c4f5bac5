//! Who a posting is for and what it pays, beside its skills: its roles and
//! seniority levels ([`roles`](super::roles)) and its stated pay
//! ([`pay`](super::pay)) — the source's structured pay first, the text's
//! otherwise. Pure, and cheap enough to run on every posting in the same
//! pass as the skills.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::pay::{self, Pay};
use super::roles::{Level, Role, RoleClassifier, RoleScan};

/// A posting's roles, levels and pay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub roles: BTreeSet<Role>,
    pub levels: BTreeSet<Level>,
    /// Stated pay that passed [`Pay::is_plausible`].
    pub pay: Option<Pay>,
    /// Stated "pay" refused as absurd (min > max, $3 a year, $50M a year):
    /// not stored, counted by the crawl.
    pub implausible_pay: Option<Pay>,
}

/// The one role classifier of the process (its automata are built once).
pub fn classifier() -> &'static RoleClassifier {
    static CLASSIFIER: OnceLock<RoleClassifier> = OnceLock::new();
    CLASSIFIER.get_or_init(RoleClassifier::new)
}

/// The facts of a posting: `title` when the source has one (else the
/// text's first line is read as HN's is), its normalised `text`, and the
/// pay its source's structured fields state (as stated: plausible or not).
/// Structured pay that passes [`Pay::is_plausible`] wins; else the text's.
/// Absurd stated pay is never kept as pay but reported in
/// `implausible_pay`: the structured pay when it was refused, else the
/// text's when it states only absurd pay. A posting with neither title nor
/// text gets nothing.
pub fn posting_facts(title: Option<&str>, text: &str, structured_pay: Option<&Pay>) -> Facts {
    if title.is_none_or(|t| t.trim().is_empty()) && text.trim().is_empty() {
        // Nothing to read: no job named, no level, no pay (still stored).
        return Facts::default();
    }
    let RoleScan { roles, levels, .. } = classifier().classify(title, text);
    let (listed, refused) = match structured_pay {
        Some(p) if p.is_plausible() => (Some(p.clone()), None),
        Some(p) => (None, Some(p.clone())),
        None => (None, None),
    };
    let (pay, implausible_pay) = match listed {
        Some(p) => (Some(p), None),
        None => {
            let scan = text_pay_scan(title, text);
            (scan.pay, refused.or(scan.implausible))
        }
    };
    Facts { roles, levels, pay, implausible_pay }
}

/// The pay a posting's title and text state.
pub fn text_pay(title: Option<&str>, text: &str) -> Option<Pay> {
    text_pay_scan(title, text).pay
}

/// The pay scan of a posting's title and text.
fn text_pay_scan(title: Option<&str>, text: &str) -> pay::PayScan {
    match title {
        Some(t) => pay::scan_text(&format!("{t}\n{text}")),
        None => pay::scan_text(text),
    }
}

impl Facts {
    /// The roles as a mask: bit `i` for `Role::ALL[i]` (the `roles.bit`
    /// column of the database).
    pub fn role_mask(&self) -> i64 {
        role_mask(self.roles.iter().copied())
    }

    /// The levels as a mask: bit `i` for `Level::ALL[i]`.
    pub fn level_mask(&self) -> i64 {
        level_mask(self.levels.iter().copied())
    }

    /// Whether the posting is in the back-end population (roles backend or
    /// fullstack).
    pub fn is_backend(&self) -> bool {
        self.roles.contains(&Role::Backend) || self.roles.contains(&Role::Fullstack)
    }
}

/// The mask of some roles.
pub fn role_mask(roles: impl IntoIterator<Item = Role>) -> i64 {
    roles.into_iter().map(|r| 1i64 << Role::ALL.iter().position(|x| *x == r).unwrap_or(0)).fold(0, |a, b| a | b)
}

/// The mask of some levels.
pub fn level_mask(levels: impl IntoIterator<Item = Level>) -> i64 {
    levels.into_iter().map(|l| 1i64 << Level::ALL.iter().position(|x| *x == l).unwrap_or(0)).fold(0, |a, b| a | b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pay::PayPeriod;

    #[test]
    fn structured_pay_wins_and_absurd_pay_is_refused() {
        let listed = Pay { min: 120_000.0, max: 150_000.0, currency: "USD".into(), period: PayPeriod::Year };
        let f = posting_facts(Some("Backend Engineer"), "Salary: $90k-$100k.", Some(&listed));
        assert_eq!(f.pay, Some(listed));
        let f = posting_facts(Some("Backend Engineer"), "We pay $150k-$200k.", None);
        assert_eq!(f.pay.as_ref().map(|p| (p.min, p.max)), Some((150_000.0, 200_000.0)));
        assert!(f.is_backend());
        let absurd = Pay { min: 3.0, max: 3.0, currency: "USD".into(), period: PayPeriod::Year };
        let f = posting_facts(Some("Backend Engineer"), "", Some(&absurd));
        assert_eq!((f.pay, f.implausible_pay), (None, Some(absurd)));
    }

    #[test]
    fn absurd_stated_pay_is_reported_never_kept() {
        let year = |min: f64, max: f64| Pay { min, max, currency: "USD".into(), period: PayPeriod::Year };
        for absurd in [year(3.0, 3.0), year(50_000_000.0, 50_000_000.0), year(180_000.0, 18_000.0)] {
            let f = posting_facts(Some("Backend Engineer"), "Build APIs.", Some(&absurd));
            assert_eq!((f.pay, f.implausible_pay), (None, Some(absurd)));
        }
        // Absurd structured pay does not hide the text's real pay; it is still reported.
        let f = posting_facts(Some("Backend Engineer"), "Salary: $150k-$180k.", Some(&year(3.0, 3.0)));
        assert_eq!(f.pay.as_ref().map(|p| (p.min, p.max)), Some((150_000.0, 180_000.0)));
        assert_eq!(f.implausible_pay, Some(year(3.0, 3.0)));
        for text in [
            "Salary: $3 a year.",
            "Salary: $3/year",
            "Salary: $50M a year",
            "Salary: $40/month",
            "Salary: $180k - $18k",
        ] {
            let f = posting_facts(Some("Backend Engineer"), text, None);
            assert_eq!(f.pay, None, "{text}");
            assert!(f.implausible_pay.is_some(), "{text}");
        }
        // Money that is not pay is not absurd pay.
        for text in ["We raised $20M.", "Plans from $49/month.", "Our Team plan costs $1,200/year.", "401k"] {
            let f = posting_facts(Some("Backend Engineer"), text, None);
            assert_eq!((f.pay, f.implausible_pay), (None, None), "{text}");
        }
    }

    #[test]
    fn an_empty_posting_has_no_facts() {
        let f = posting_facts(None, "", None);
        assert_eq!(f, Facts::default());
    }

    #[test]
    fn masks_follow_the_contract_order() {
        assert_eq!(role_mask([Role::Backend, Role::Fullstack]), 3);
        assert_eq!(role_mask([Role::Other]), 1 << 12);
        assert_eq!(level_mask([Level::Intern, Level::Manager]), 1 | (1 << 6));
    }
}
