//! Pay from the structured fields sources publish: schema.org
//! `baseSalary`, Lever `salaryRange`, Ashby `compensation`, Greenhouse
//! `pay_input_ranges`, each with the quirks seen in the wild. A period a
//! field states is kept whatever the figures (`$3` per `YEAR` is three
//! dollars a year, refused as implausible, never three dollars an hour);
//! only Greenhouse, which has no period field, takes one from its blurb
//! or the figures' size. The pay is returned as stated, plausible or not:
//! the caller refuses (and counts) absurd pay.

use serde_json::{Map, Value};

use super::text::{parse_amount, period_in, scan_text};
use super::{Pay, PayPeriod, settle_period, widest_stated};

/// A number written as a JSON number or a string (`"95000"`, `"95,000"`).
fn amount(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_amount(s),
        _ => None,
    }
}

/// The first of `keys` that holds a number.
fn amount_of(o: &Map<String, Value>, keys: &[&str]) -> Option<f64> {
    keys.iter().find_map(|k| o.get(*k).and_then(amount))
}

/// The first of `keys` that holds a non-empty string.
fn text_of<'a>(o: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| o.get(*k).and_then(Value::as_str)).map(str::trim).filter(|s| !s.is_empty())
}

/// An ISO 4217 code as sources write it (`"usd"`, `" EUR "`).
fn currency(s: &str) -> Option<String> {
    let c = s.trim().to_ascii_uppercase();
    (c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())).then_some(c)
}

/// A pay from figures a source gave: a missing or zero end makes a single
/// figure. A `stated` period is kept; without one, a `label`'s period when
/// the figures fit it, else the one their size says. Not checked for
/// plausibility.
fn build(
    lo: Option<f64>,
    hi: Option<f64>,
    currency: String,
    stated: Option<PayPeriod>,
    label: Option<PayPeriod>,
) -> Option<Pay> {
    let lo = lo.filter(|v| *v > 0.0);
    let hi = hi.filter(|v| *v > 0.0);
    let (min, max) = match (lo, hi) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => return None,
    };
    let period = stated.unwrap_or_else(|| settle_period(min, max, label, &currency));
    Some(Pay { min, max, currency, period })
}

/// A schema.org `unitText` / `unitCode` (`YEAR`, `per hour`, UN/CEFACT
/// `ANN`, `MON`, `WEE`, `DAY`, `HUR`).
fn unit_period(unit: &str) -> Option<PayPeriod> {
    let u = unit.to_ascii_uppercase();
    let has = |w: &str| u.contains(w);
    if has("HOUR") || has("HUR") || u == "HR" {
        Some(PayPeriod::Hour)
    } else if has("DAY") || has("DAILY") {
        Some(PayPeriod::Day)
    } else if has("WEEK") || has("WEE") || u == "WK" {
        Some(PayPeriod::Week)
    } else if has("MONTH") || has("MON") {
        Some(PayPeriod::Month)
    } else if has("YEAR") || has("ANN") || u == "YR" || u == "P1Y" {
        Some(PayPeriod::Year)
    } else {
        None
    }
}

/// schema.org `JobPosting.baseSalary`: a `MonetaryAmount` whose `value` is
/// a number or a `QuantitativeValue` (`minValue`/`maxValue`/`value`,
/// `unitText`), a `MonetaryAmount` with `minValue`/`maxValue` on itself, a
/// `PriceSpecification` (`price`/`minPrice`/`maxPrice`,
/// `priceCurrency`), or an array of those (the first that reads). A shape
/// with no currency (a bare number) is not read here: see
/// [`from_job_posting`]. `estimatedSalary` is not stated pay: never pass it.
pub fn from_schema_org(base_salary: &Value) -> Option<Pay> {
    schema_value(base_salary, None)
}

/// `baseSalary` of a whole schema.org `JobPosting`, with its
/// `salaryCurrency` for the shapes that name none (a bare number).
pub fn from_job_posting(posting: &Value) -> Option<Pay> {
    let o = posting.as_object()?;
    let fallback = text_of(o, &["salaryCurrency"]).and_then(currency);
    schema_value(o.get("baseSalary")?, fallback.as_deref())
}

fn schema_value(v: &Value, fallback: Option<&str>) -> Option<Pay> {
    match v {
        Value::Array(items) => {
            let pays: Vec<Pay> = items.iter().filter_map(|i| schema_value(i, fallback)).collect();
            let first = pays.first().cloned();
            pays.into_iter().find(Pay::is_plausible).or(first)
        }
        Value::Object(o) => schema_object(o, fallback),
        Value::Number(_) | Value::String(_) => {
            let x = amount(v);
            build(x, x, currency(fallback?)?, None, None)
        }
        _ => None,
    }
}

fn schema_object(o: &Map<String, Value>, fallback: Option<&str>) -> Option<Pay> {
    let inner = o.get("value").and_then(Value::as_object);
    let code = text_of(o, &["currency", "priceCurrency", "salaryCurrency"])
        .or_else(|| inner.and_then(|q| text_of(q, &["currency", "priceCurrency"])))
        .or(fallback)
        .and_then(currency)?;
    let unit = inner
        .and_then(|q| text_of(q, &["unitText", "unitCode"]))
        .or_else(|| text_of(o, &["unitText", "unitCode"]))
        .and_then(unit_period);
    let (lo, hi) = match inner {
        Some(q) => (amount_of(q, &["minValue", "value"]), amount_of(q, &["maxValue", "value"])),
        None => {
            let single = o.get("value").and_then(amount).or_else(|| amount_of(o, &["price"]));
            (amount_of(o, &["minValue", "minPrice"]).or(single), amount_of(o, &["maxValue", "maxPrice"]).or(single))
        }
    };
    build(lo, hi, code, unit, None)
}

/// Lever `salaryRange {min, max, currency, interval}` (`per-year-salary`,
/// `per-month-salary`, `per-hour-wage`, ...). The placeholder range 1–2
/// (anything under 3) is not pay, nor is a `one-time` amount.
pub fn from_lever(salary_range: &Value) -> Option<Pay> {
    let o = salary_range.as_object()?;
    let lo = o.get("min").and_then(amount);
    let hi = o.get("max").and_then(amount);
    if lo.into_iter().chain(hi).fold(0.0, f64::max) < 3.0 {
        return None;
    }
    let interval = text_of(o, &["interval"]).unwrap_or("").to_ascii_lowercase();
    if interval.contains("one-time") || interval.contains("once") {
        return None;
    }
    build(lo, hi, currency(text_of(o, &["currency"])?)?, unit_period(&interval), None)
}

/// Ashby `compensation` (the job board read with `includeCompensation=true`):
/// the `Salary` components of `summaryComponents` (else of each
/// `compensationTiers[].components`), the widest in the first one's
/// currency and period; equity, bonus and commission components are not
/// pay. With no components, the `compensationTierSummary` text is read.
pub fn from_ashby(compensation: &Value) -> Option<Pay> {
    let components = |v: Option<&Value>| -> Vec<Pay> {
        v.and_then(Value::as_array).map(|a| a.iter().filter_map(ashby_component).collect()).unwrap_or_default()
    };
    let mut pays = components(compensation.get("summaryComponents"));
    if pays.is_empty() {
        let tiers = compensation.get("compensationTiers").and_then(Value::as_array);
        pays = tiers.into_iter().flatten().flat_map(|t| components(t.get("components"))).collect();
    }
    if let Some(p) = widest_stated(pays) {
        return Some(p);
    }
    let o = compensation.as_object()?;
    let summary = text_of(o, &["compensationTierSummary", "scrapeableCompensationSalarySummary"])?;
    let scan = scan_text(summary);
    scan.pay.or(scan.implausible)
}

/// One Ashby component, if it is a salary: `interval` reads `"1 YEAR"`,
/// `"1 HOUR"`, `"2 WEEK"` (the figures are divided by the count).
fn ashby_component(c: &Value) -> Option<Pay> {
    let o = c.as_object()?;
    if !text_of(o, &["compensationType"]).is_some_and(|t| t.eq_ignore_ascii_case("salary")) {
        return None;
    }
    let interval = text_of(o, &["interval"]).unwrap_or("");
    let (count, unit) = interval.split_once(' ').unwrap_or(("1", interval));
    let count = count.trim().parse::<f64>().ok().filter(|n| *n >= 1.0).unwrap_or(1.0);
    let per = |k: &str| o.get(k).and_then(amount).map(|v| v / count);
    let code = currency(text_of(o, &["currencyCode", "currency"])?)?;
    build(per("minValue"), per("maxValue"), code, unit_period(unit), None)
}

/// Greenhouse `pay_input_ranges`: `[{min_cents, max_cents, currency_type,
/// title, blurb}]`, amounts in cents, often one range per zone or
/// currency; the widest in the first range's currency. No period field: a
/// year unless the blurb or title says otherwise.
pub fn from_greenhouse(pay_input_ranges: &Value) -> Option<Pay> {
    let ranges: Vec<Pay> = match pay_input_ranges {
        Value::Array(a) => a.iter().filter_map(greenhouse_range).collect(),
        one @ Value::Object(_) => greenhouse_range(one).into_iter().collect(),
        _ => Vec::new(),
    };
    widest_stated(ranges)
}

fn greenhouse_range(r: &Value) -> Option<Pay> {
    let o = r.as_object()?;
    let cents = |k: &str| o.get(k).and_then(amount).map(|c| c / 100.0);
    let note = [text_of(o, &["blurb"]), text_of(o, &["title"])].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let label = period_in(&note).or(Some(PayPeriod::Year));
    let code = currency(text_of(o, &["currency_type", "currency"])?)?;
    build(cents("min_cents"), cents("max_cents"), code, None, label)
}

/// Pay from a job board's own figure fields (numbers or strings; zero,
/// empty or missing is unknown) in `code`: per the `period` the board
/// states (`annual`, `monthly`, `year`, `hour`, ...), else per `usual` when
/// the figures fit it, else per what their size says. Recruitee `salary`,
/// RemoteOK, Himalayas and Jobicy fields are read with it.
pub fn from_range(
    min: Option<&Value>,
    max: Option<&Value>,
    code: Option<&str>,
    period: Option<&str>,
    usual: Option<PayPeriod>,
) -> Option<Pay> {
    let code = currency(code?)?;
    let stated = period.map(str::trim).filter(|p| !p.is_empty()).and_then(unit_period);
    build(min.and_then(amount), max.and_then(amount), code, stated, usual)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pay(min: f64, max: f64, currency: &str, period: PayPeriod) -> Option<Pay> {
        Some(Pay { min, max, currency: currency.into(), period })
    }

    use PayPeriod::{Day, Hour, Month, Week, Year};

    #[test]
    fn board_ranges_with_their_stated_or_usual_period() {
        let r = |min: Value, max: Value, code: Option<&str>, period: Option<&str>, usual| {
            from_range(Some(&min), Some(&max), code, period, usual)
        };
        assert_eq!(
            r(json!("70000"), json!("90000"), Some("eur"), Some("year"), None),
            pay(70_000.0, 90_000.0, "EUR", Year)
        );
        assert_eq!(
            r(json!(4500), json!(6000), Some("EUR"), Some("monthly"), None),
            pay(4_500.0, 6_000.0, "EUR", Month)
        );
        assert_eq!(
            r(json!(150000), json!(185000), Some("USD"), Some("annual"), None),
            pay(150_000.0, 185_000.0, "USD", Year)
        );
        assert_eq!(r(json!("18"), json!("22"), Some("EUR"), Some("hour"), None), pay(18.0, 22.0, "EUR", Hour));
        // RemoteOK: 0 is unknown, a year is usual.
        assert_eq!(r(json!(70000), json!(0), Some("USD"), None, Some(Year)), pay(70_000.0, 70_000.0, "USD", Year));
        assert_eq!(r(json!(0), json!(0), Some("USD"), None, Some(Year)), None);
        assert_eq!(r(json!(null), json!(null), None, None, None), None);
        assert_eq!(r(json!(1), json!(2), Some("dollars"), None, None), None);
    }

    #[test]
    fn schema_org_every_shape() {
        let cases = [
            (
                json!({"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":150000,"maxValue":180000,"unitText":"YEAR"}}),
                pay(150_000.0, 180_000.0, "USD", Year),
            ),
            (json!({"@type":"MonetaryAmount","currency":"EUR","value":65000}), pay(65_000.0, 65_000.0, "EUR", Year)),
            (
                json!({"@type":"MonetaryAmount","currency":"GBP","minValue":50000,"maxValue":60000}),
                pay(50_000.0, 60_000.0, "GBP", Year),
            ),
            (
                json!({"@type":"MonetaryAmount","currency":"USD","value":{"minValue":45,"maxValue":60,"unitText":"HOUR"}}),
                pay(45.0, 60.0, "USD", Hour),
            ),
            (
                json!({"currency":"EUR","value":{"minValue":4500,"maxValue":6000,"unitText":"MONTH"}}),
                pay(4_500.0, 6_000.0, "EUR", Month),
            ),
            (
                json!({"currency":"GBP","value":{"minValue":2500,"maxValue":3000,"unitText":"WEEK"}}),
                pay(2_500.0, 3_000.0, "GBP", Week),
            ),
            (
                json!({"currency":"EUR","value":{"minValue":650,"maxValue":800,"unitText":"DAY"}}),
                pay(650.0, 800.0, "EUR", Day),
            ),
            (
                json!({"@type":"PriceSpecification","priceCurrency":"USD","minPrice":130000,"maxPrice":160000}),
                pay(130_000.0, 160_000.0, "USD", Year),
            ),
            (
                json!({"@type":"PriceSpecification","priceCurrency":"USD","price":145000}),
                pay(145_000.0, 145_000.0, "USD", Year),
            ),
            (json!({"currency":"EUR","value":{"value":95000,"unitText":"YEAR"}}), pay(95_000.0, 95_000.0, "EUR", Year)),
            (
                json!({"currency":"USD","value":{"minValue":180000,"unitText":"YEAR"}}),
                pay(180_000.0, 180_000.0, "USD", Year),
            ),
            (
                json!({"currency":"USD","value":{"minValue":"95000","maxValue":"115,000","unitText":"YEAR"}}),
                pay(95_000.0, 115_000.0, "USD", Year),
            ),
            (
                json!({"currency":"USD","value":{"minValue":130000,"maxValue":150000}}),
                pay(130_000.0, 150_000.0, "USD", Year),
            ),
            (json!({"currency":"USD","value":21}), pay(21.0, 21.0, "USD", Hour)),
            (json!({"currency":"EUR","value":4200}), pay(4_200.0, 4_200.0, "EUR", Month)),
            (json!({"currency":"usd","value":{"value":30,"unitCode":"HUR"}}), pay(30.0, 30.0, "USD", Hour)),
            (
                json!([{"currency":"CAD","value":{"minValue":140000,"maxValue":165000,"unitText":"YEAR"}}]),
                pay(140_000.0, 165_000.0, "CAD", Year),
            ),
        ];
        for (v, want) in cases {
            assert_eq!(from_schema_org(&v), want, "{v}");
        }
    }

    #[test]
    fn schema_org_stated_units_are_kept_whatever_the_figures() {
        // "$3 a year" stays three dollars a year (refused by its caller), never $3 an hour.
        let three_a_year = json!({"currency":"USD","value":{"@type":"QuantitativeValue","value":3,"unitText":"YEAR"}});
        let got = from_schema_org(&three_a_year);
        assert_eq!(got, pay(3.0, 3.0, "USD", Year));
        assert!(!got.is_some_and(|p| p.is_plausible()));
        let year_on_hourly = json!({"currency":"USD","value":{"minValue":55,"maxValue":70,"unitText":"YEAR"}});
        assert_eq!(from_schema_org(&year_on_hourly), pay(55.0, 70.0, "USD", Year));
        let hour_on_yearly = json!({"currency":"USD","value":{"minValue":190000,"maxValue":230000,"unitText":"HOUR"}});
        assert_eq!(from_schema_org(&hour_on_yearly), pay(190_000.0, 230_000.0, "USD", Hour));
        let on_itself = json!({"currency":"USD","minValue":40,"maxValue":50,"unitText":"MONTH"});
        assert_eq!(from_schema_org(&on_itself), pay(40.0, 50.0, "USD", Month));
        let decimal = json!({"currency":"USD","value":{"minValue":62.5,"maxValue":80,"unitText":"HOUR"}});
        assert_eq!(from_schema_org(&decimal), pay(62.5, 80.0, "USD", Hour));
    }

    #[test]
    fn absurd_structured_pay_is_returned_as_stated() {
        let inverted = json!({"currency":"EUR","value":{"minValue":95000,"maxValue":9500,"unitText":"YEAR"}});
        assert_eq!(from_schema_org(&inverted), pay(95_000.0, 9_500.0, "EUR", Year));
        let fifty_million = json!({"currency":"USD","value":{"value":50000000,"unitText":"YEAR"}});
        assert_eq!(from_schema_org(&fifty_million), pay(50_000_000.0, 50_000_000.0, "USD", Year));
        // In an array, the first plausible one wins; the first as stated when none is.
        let both = json!([
            {"currency":"USD","value":{"value":3,"unitText":"YEAR"}},
            {"currency":"USD","value":{"value":150000,"unitText":"YEAR"}}
        ]);
        assert_eq!(from_schema_org(&both), pay(150_000.0, 150_000.0, "USD", Year));
        let lever = json!({"min":180000,"max":18000,"currency":"USD","interval":"per-year-salary"});
        assert_eq!(from_lever(&lever), pay(180_000.0, 18_000.0, "USD", Year));
        let ashby = json!({"summaryComponents":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"USD","minValue":3,"maxValue":3}]});
        assert_eq!(from_ashby(&ashby), pay(3.0, 3.0, "USD", Year));
        let zones = json!([
            {"min_cents":20000000,"max_cents":2000000,"currency_type":"USD","title":"Zone A","blurb":"annual"},
            {"min_cents":14400000,"max_cents":17600000,"currency_type":"USD","title":"Zone B","blurb":""}
        ]);
        assert_eq!(from_greenhouse(&zones), pay(144_000.0, 176_000.0, "USD", Year));
        let only_absurd = json!([{"min_cents":5000000000_i64,"max_cents":5000000000_i64,"currency_type":"USD"}]);
        assert_eq!(from_greenhouse(&only_absurd), pay(50_000_000.0, 50_000_000.0, "USD", Year));
    }

    #[test]
    fn schema_org_without_currency_or_figures_is_none() {
        assert_eq!(from_schema_org(&json!(85000)), None);
        assert_eq!(from_schema_org(&json!({"value":{"minValue":1,"maxValue":2}})), None);
        assert_eq!(from_schema_org(&json!({"currency":"USD","value":{"unitText":"YEAR"}})), None);
        assert_eq!(from_schema_org(&json!({"currency":"USD","value":0})), None);
        assert_eq!(from_schema_org(&json!(null)), None);
        assert_eq!(from_schema_org(&json!("competitive")), None);
    }

    #[test]
    fn job_posting_supplies_the_currency_of_a_bare_number() {
        let posting = json!({"@type":"JobPosting","baseSalary":85000,"salaryCurrency":"USD",
            "estimatedSalary":{"currency":"USD","value":99999}});
        assert_eq!(from_job_posting(&posting), pay(85_000.0, 85_000.0, "USD", Year));
        let estimated_only = json!({"@type":"JobPosting","estimatedSalary":{"currency":"USD","value":99999}});
        assert_eq!(from_job_posting(&estimated_only), None);
    }

    #[test]
    fn lever_salary_range() {
        let year = json!({"min":150000,"max":200000,"currency":"USD","interval":"per-year-salary"});
        assert_eq!(from_lever(&year), pay(150_000.0, 200_000.0, "USD", Year));
        let hour = json!({"min":30,"max":40,"currency":"USD","interval":"per-hour-wage"});
        assert_eq!(from_lever(&hour), pay(30.0, 40.0, "USD", Hour));
        let month = json!({"min":8000,"max":10000,"currency":"EUR","interval":"per-month-salary"});
        assert_eq!(from_lever(&month), pay(8_000.0, 10_000.0, "EUR", Month));
        let week = json!({"min":2000,"max":2500,"currency":"GBP","interval":"per-week-salary"});
        assert_eq!(from_lever(&week), pay(2_000.0, 2_500.0, "GBP", Week));
        let day = json!({"min":500,"max":650,"currency":"GBP","interval":"per-day-wage"});
        assert_eq!(from_lever(&day), pay(500.0, 650.0, "GBP", Day));
        // A stated interval is kept: 120,000 an hour is absurd (refused by the caller), not a salary.
        let mislabelled = json!({"min":120000,"max":150000,"currency":"USD","interval":"per-hour-wage"});
        assert_eq!(from_lever(&mislabelled), pay(120_000.0, 150_000.0, "USD", Hour));
    }

    #[test]
    fn lever_placeholders_and_gaps_are_not_pay() {
        assert_eq!(from_lever(&json!({"min":1,"max":2,"currency":"USD","interval":"per-year-salary"})), None);
        assert_eq!(from_lever(&json!({"min":1,"max":1,"currency":"USD","interval":"per-hour-wage"})), None);
        assert_eq!(from_lever(&json!({"min":150000,"max":200000,"interval":"per-year-salary"})), None);
        assert_eq!(from_lever(&json!({"min":5000,"max":5000,"currency":"USD","interval":"one-time"})), None);
        assert_eq!(from_lever(&json!(null)), None);
        let only_max = json!({"max":90000,"currency":"GBP","interval":"per-year-salary"});
        assert_eq!(from_lever(&only_max), pay(90_000.0, 90_000.0, "GBP", Year));
    }

    #[test]
    fn ashby_salary_components_only() {
        let comp = json!({
            "compensationTierSummary": "$150K – $200K • Offers Equity",
            "summaryComponents": [
                {"compensationType":"EquityPercentage","interval":"NONE","currencyCode":null,"minValue":0.1,"maxValue":0.5},
                {"compensationType":"Salary","interval":"1 YEAR","currencyCode":"USD","minValue":150000,"maxValue":200000},
                {"compensationType":"Bonus","interval":"1 YEAR","currencyCode":"USD","minValue":10000,"maxValue":20000}
            ]
        });
        assert_eq!(from_ashby(&comp), pay(150_000.0, 200_000.0, "USD", Year));
        let hourly = json!({"summaryComponents":[{"compensationType":"Salary","interval":"1 HOUR","currencyCode":"USD","minValue":65,"maxValue":95}]});
        assert_eq!(from_ashby(&hourly), pay(65.0, 95.0, "USD", Hour));
        let biweekly = json!({"summaryComponents":[{"compensationType":"Salary","interval":"2 WEEK","currencyCode":"USD","minValue":4000,"maxValue":5000}]});
        assert_eq!(from_ashby(&biweekly), pay(2_000.0, 2_500.0, "USD", Week));
    }

    #[test]
    fn ashby_tiers_then_the_summary_text() {
        let tiers = json!({"compensationTiers":[
            {"title":"Zone A","components":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"GBP","minValue":91000,"maxValue":115000}]},
            {"title":"Zone B","components":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"GBP","minValue":80000,"maxValue":100000}]},
            {"title":"US","components":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"USD","minValue":150000,"maxValue":190000}]}
        ]});
        assert_eq!(from_ashby(&tiers), pay(80_000.0, 115_000.0, "GBP", Year));
        let summary = json!({"compensationTierSummary":"£91K – £115K • Offers Equity","summaryComponents":[]});
        assert_eq!(from_ashby(&summary), pay(91_000.0, 115_000.0, "GBP", Year));
        let equity_only = json!({"compensationTierSummary":"Offers Equity","summaryComponents":[
            {"compensationType":"EquityPercentage","interval":"NONE","minValue":0.5,"maxValue":1.0}]});
        assert_eq!(from_ashby(&equity_only), None);
    }

    #[test]
    fn greenhouse_cents_zones_and_blurbs() {
        let zones = json!([
            {"min_cents":18000000,"max_cents":22000000,"currency_type":"USD","title":"Zone A","blurb":"SF, NYC"},
            {"min_cents":14400000,"max_cents":17600000,"currency_type":"USD","title":"Zone C","blurb":""},
            {"min_cents":15000000,"max_cents":19000000,"currency_type":"CAD","title":"Canada","blurb":""}
        ]);
        assert_eq!(from_greenhouse(&zones), pay(144_000.0, 220_000.0, "USD", Year));
        let hourly = json!([{"min_cents":4400,"max_cents":5200,"currency_type":"USD","title":"Hourly","blurb":"This role is paid hourly."}]);
        assert_eq!(from_greenhouse(&hourly), pay(44.0, 52.0, "USD", Hour));
        let by_size = json!([{"min_cents":4400,"max_cents":5200,"currency_type":"USD","title":"","blurb":""}]);
        assert_eq!(from_greenhouse(&by_size), pay(44.0, 52.0, "USD", Hour));
        assert_eq!(from_greenhouse(&json!([])), None);
        assert_eq!(from_greenhouse(&json!([{"min_cents":0,"max_cents":0,"currency_type":"USD"}])), None);
    }
}
