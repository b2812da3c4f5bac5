//! Pay stated in free text. One cheap pass finds every number and reads
//! only what is glued to it (currency sign or code, `k`, `/yr`); numbers
//! become figures, neighbouring figures become ranges ("blocks"), and each
//! block that carries a currency or a `k` is judged from the few words
//! around it, within its clause: pay labels ("Salary:", "OTE", "base"),
//! traps ("raised", "ARR", "learning budget", "sign-on bonus", "users"),
//! period words ("per annum", "/hr", "paid hourly"). No pattern ever runs
//! over the whole text, except the place names that settle a bare `$`,
//! and those only when a block needs them.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Pay, PayPeriod, PayScan, RejectedMoney, fits};

/// How far (bytes) the words around a block are read, within its clause.
const WINDOW: usize = 48;

/// A currency as written, before the text's places settle `$`, `¥`, `kr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cur {
    Code(&'static str),
    Dollar,
    Yen,
    Krona,
}

/// One number with what is glued to it.
#[derive(Debug, Clone)]
struct Fig {
    /// From the currency prefix (or the first digit).
    start: usize,
    /// After the multiplier, suffix currency and attached period.
    end: usize,
    /// The number as written, without `k`.
    raw: f64,
    /// Multiplier (1, 1,000 for `k`, 100,000 for lakh, ...).
    mult: f64,
    k: bool,
    /// Millions or billions: never pay.
    big: bool,
    /// Written with thousands separators.
    sep: bool,
    /// `$200k+`.
    plus: bool,
    percent: bool,
    cur: Option<Cur>,
    /// `/yr`, `/hr`, ... glued to it.
    period: Option<PayPeriod>,
}

impl Fig {
    fn value(&self) -> f64 {
        self.raw * self.mult
    }
}

/// One figure or a range of two.
#[derive(Debug, Clone)]
struct Block {
    start: usize,
    end: usize,
    lo: f64,
    hi: f64,
    cur: Option<Cur>,
    k: bool,
    big: bool,
    sep: bool,
    period: Option<PayPeriod>,
}

/// Finds the pay a text states. `text` is normalised plain text (the
/// title line may be included); offsets in the result refer to it.
pub fn scan_text(text: &str) -> PayScan {
    let mut scan = PayScan::default();
    let figs = figures(text, &mut scan.rejected);
    let blocks = blocks(text, &figs);
    let mut places = Places { text, first: [None; 4] };
    let mut accepted: Vec<(std::ops::Range<usize>, Pay)> = Vec::new();
    let mut absurd = None;
    for (i, blk) in blocks.iter().enumerate() {
        let floor = if i > 0 { blocks[i - 1].end.min(blk.start) } else { 0 };
        let ceil = blocks.get(i + 1).map_or(text.len(), |b| b.start.max(blk.end));
        match judge(text, blk, floor, ceil, &mut places) {
            Verdict::Pay(p) => accepted.push((blk.start..blk.end, p)),
            Verdict::Reject(reason) => scan.rejected.push(RejectedMoney { range: blk.start..blk.end, reason }),
            Verdict::Absurd(p) => {
                scan.rejected.push(RejectedMoney { range: blk.start..blk.end, reason: "implausible" });
                absurd.get_or_insert(p);
            }
            Verdict::Ignore => {}
        }
    }
    scan.rejected.sort_by_key(|r| r.range.start);
    if let Some((first, anchor)) = accepted.first().cloned() {
        let mut pay = anchor;
        let mut evidence = first;
        for (range, p) in &accepted[1..] {
            if p.currency == pay.currency && p.period == pay.period {
                pay.min = pay.min.min(p.min);
                pay.max = pay.max.max(p.max);
                evidence.end = range.end;
            }
        }
        scan.pay = Some(pay);
        scan.evidence = Some(evidence);
    } else {
        scan.implausible = absurd;
    }
    scan
}

// ---------------------------------------------------------------- figures

/// Every number in the text, with what is glued to it. `401k` and equity
/// percentages are recorded as rejected on the way.
fn figures(text: &str, rejected: &mut Vec<RejectedMoney>) -> Vec<Fig> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(s) = next_digit(b, i) {
        match lex_figure(text, s) {
            Lexed::Fig(mut f) => {
                // "5$6": a sign is the suffix of one figure or the prefix of the next, not both.
                f.start = f.start.max(out.last().map_or(0, |p: &Fig| p.end));
                i = f.end.max(s + 1);
                if f.percent {
                    if contains_ci(&text[f.end..floor_char(text, right_end(b, f.end, b.len())).max(f.end)], "equity") {
                        rejected.push(RejectedMoney { range: f.start..f.end, reason: "equity" });
                    }
                } else {
                    out.push(f);
                }
            }
            Lexed::Skip(end, reason) => {
                if let Some(reason) = reason {
                    rejected.push(RejectedMoney { range: s..end, reason });
                }
                i = end.max(s + 1);
            }
        }
    }
    out
}

/// The first ASCII digit at or after `from`, eight bytes at a time.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w);
        let t = x & !HIGH;
        // Per byte: the high bit is set where 0x2F < byte < 0x3A (and the byte is ASCII).
        let digits = (ONES * (127 + 0x3A) - t) & !x & (t + ONES * (127 - 0x2F)) & HIGH;
        if digits != 0 {
            return Some(i + (digits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b[i.min(b.len())..].iter().position(u8::is_ascii_digit).map(|p| i + p)
}

enum Lexed {
    Fig(Fig),
    /// Not a figure: skip to here, recording why when it looked like money.
    Skip(usize, Option<&'static str>),
}

/// The figure whose first digit is at `s`.
fn lex_figure(text: &str, s: usize) -> Lexed {
    let b = text.as_bytes();
    let (raw, num_end, sep) = parse_number(b, s);
    let prefix = if prefix_hint(b, s) { prefix_currency(text, s) } else { None };
    let glued = s > 0 && (b[s - 1].is_ascii_alphabetic() || matches!(b[s - 1], b'_' | b'/' | b'=' | b'#' | b'@'));
    if prefix.is_none() && glued {
        return Lexed::Skip(skip_token(b, num_end), None); // L3, H1B, Web3, k8s, bit.ly/2k24U
    }
    if s > 1 && matches!(b[s - 1], b'.' | b',') && b[s - 2].is_ascii_digit() {
        return Lexed::Skip(skip_token(b, num_end), None); // the tail of 1.2.3
    }
    if let Some(end) = (prefix.is_none() && raw == 401.0 && !sep).then(|| after_401(b, num_end)).flatten() {
        return Lexed::Skip(end, Some("401k"));
    }
    if prefix.is_none() && !sep && !money_after(b, num_end) {
        return bare(text, s, num_end, raw); // most numbers: years, counts, versions
    }
    let (mult, k, big, mut q) = multiplier(b, num_end);
    if b.get(q).is_some_and(u8::is_ascii_alphanumeric) && suffix_currency(text, q).is_none() {
        return Lexed::Skip(skip_token(b, q), None); // 3x, 10am, 5yrs, kr0n2vu
    }
    let plus = b.get(q) == Some(&b'+');
    if plus {
        q += 1;
    }
    let percent = mult == 1.0 && after_spaces(b, num_end, 1).is_some_and(|j| b.get(j) == Some(&b'%'));
    let (cur, start, q) = glue_currency(text, prefix, s, q);
    let (period, end) = attached_period(text, q);
    let lakh_year =
        mult == 100_000.0 && contains_ci(&text[num_end..floor_char(text, end.min(num_end + 5)).max(num_end)], "lpa");
    let cur = if mult >= 100_000.0 && !big { cur.or(Some(Cur::Code("INR"))) } else { cur };
    let period = if lakh_year { Some(PayPeriod::Year) } else { period };
    Lexed::Fig(Fig { start, end, raw, mult, k, big, sep, plus, percent, cur, period })
}

/// Whether the byte before a number (past one space) could end a currency
/// sign or code: `$`, a non-ASCII sign, a capital, `Rs`, `Rs.`, `kr`.
fn prefix_hint(b: &[u8], s: usize) -> bool {
    let p = if s > 0 && b[s - 1] == b' ' { s - 1 } else { s };
    p > 0 && matches!(b[p - 1], b'$' | b'A'..=b'Z' | b's' | b'r' | b'.' | 0x80..=0xFF)
}

/// Whether the bytes after a number could make it money: a multiplier,
/// a currency word or sign, a code, `%`.
fn money_after(b: &[u8], e: usize) -> bool {
    let q = if b.get(e) == Some(&b' ') { e + 1 } else { e };
    match b.get(q) {
        Some(c) if *c >= 0x80 || c.is_ascii_uppercase() => true,
        Some(b'$' | b'%' | b'k' | b'm' | b'b' | b't' | b'l' | b'c' | b'z' | b'e' | b'd') => true,
        _ => false,
    }
}

/// A number with nothing money-like glued to it: kept (with a glued
/// period, `120/hr`) only when a range separator touches it, as the other
/// end of a range (`150–200K USD`, `$30-120/hr`).
fn bare(text: &str, s: usize, e: usize, raw: f64) -> Lexed {
    let b = text.as_bytes();
    let q = if b.get(e) == Some(&b' ') { e + 1 } else { e };
    let p = if s > 0 && b[s - 1] == b' ' { s - 1 } else { s };
    let dash_after =
        matches!(b.get(q), Some(b'-' | b'~' | b'(' | b't' | b'T' | b'b' | b'a' | b'y' | b'e' | b'u' | 0xC3 | 0xE2));
    let dash_before =
        p > 0 && matches!(b[p - 1], b'-' | b'~' | b'o' | b'd' | b's' | b'a' | b'y' | b'e' | 0x93 | 0x94 | 0x92 | 0xA0);
    if !(dash_after || dash_before) {
        return Lexed::Skip(skip_token(b, e), None);
    }
    let (period, end) = attached_period(text, e);
    let f = Fig {
        start: s,
        end,
        raw,
        mult: 1.0,
        k: false,
        big: false,
        sep: false,
        plus: false,
        percent: false,
        cur: None,
        period,
    };
    Lexed::Fig(f)
}

/// The end of `401(k)` / `401k` / `401K` after the digits, if that is it.
fn after_401(b: &[u8], j: usize) -> Option<usize> {
    let rest = &b[j..];
    if rest.starts_with(b"(k)") || rest.starts_with(b"(K)") {
        return Some(j + 3);
    }
    let k = matches!(rest.first(), Some(b'k' | b'K'));
    (k && !rest.get(1).is_some_and(u8::is_ascii_alphanumeric)).then_some(j + 1)
}

/// Past the rest of an alphanumeric token.
fn skip_token(b: &[u8], mut j: usize) -> usize {
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit))
    {
        j += 1;
    }
    j
}

/// Position after at most `n` spaces from `j`.
fn after_spaces(b: &[u8], j: usize, n: usize) -> Option<usize> {
    let mut q = j;
    while q < b.len() && q - j < n && b[q] == b' ' {
        q += 1;
    }
    (q <= b.len()).then_some(q)
}

/// Bytes of a thousands separator at `i` (`,` `.` `'` space, `’`, NBSP,
/// narrow NBSP, thin space), 0 if none.
fn sep_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b',' | b'.' | b'\'' | b' ') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x99 | 0xAF | 0x89)) => 3,
        _ => 0,
    }
}

fn digits_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn digit_value(d: &[u8]) -> f64 {
    d.iter().fold(0.0, |v, c| v * 10.0 + f64::from(c - b'0'))
}

/// The number at `s`: value, end, and whether it had thousands separators
/// (`150,000`, `150.000`, `150 000`, `150'000`, Indian `18,00,000`;
/// decimals `72.5`, `62.50`, `3,5`).
fn parse_number(b: &[u8], s: usize) -> (f64, usize, bool) {
    let mut j = digits_end(b, s);
    let mut v = digit_value(&b[s..j]);
    let mut sep: Option<&[u8]> = None;
    if j - s <= 3 {
        loop {
            let l = sep_len(b, j);
            if l == 0 || sep.is_some_and(|p| p != &b[j..j + l]) {
                break;
            }
            let (k, m) = (j + l, digits_end(b, j + l));
            let run = m - k;
            let indian = run == 2 && b[j] == b',' && b.get(m) == Some(&b',');
            let spaced = l > 1 || b[j] == b' ';
            if !(run == 3 || indian) || spaced && b.get(m).is_some_and(|c| *c == b'%' || c.is_ascii_alphabetic()) {
                break;
            }
            v = v * 10f64.powi(run as i32) + digit_value(&b[k..m]);
            sep = Some(&b[j..j + l]);
            j = m;
        }
    }
    let decimal_mark = b.get(j).is_some_and(|c| matches!(c, b'.' | b',') && sep != Some(std::slice::from_ref(c)));
    let m = if decimal_mark { digits_end(b, j + 1) } else { j };
    if decimal_mark && (2..=3).contains(&(m - j)) {
        let run = m - j - 1;
        v += digit_value(&b[j + 1..m]) / 10f64.powi(run as i32);
        j = m;
    }
    (v, j, sep.is_some())
}

/// The multiplier after a number: `k`, millions and billions (flagged
/// `big`), lakh and crore. Returns (factor, is_k, big, end).
fn multiplier(b: &[u8], j: usize) -> (f64, bool, bool, usize) {
    let spaced = b.get(j) == Some(&b' ');
    let q = if spaced { j + 1 } else { j };
    let w = q + b[q.min(b.len())..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if b.get(w).is_some_and(u8::is_ascii_digit) {
        return (1.0, false, false, j); // 2k24U: part of a token
    }
    let word = std::str::from_utf8(&b[q.min(w)..w]).unwrap_or("");
    let k_then_code = word.len() == 4 && word.starts_with(['k', 'K']) && code_of(&word[1..]).is_some();
    if matches!(word, "k" | "K") || k_then_code {
        return (1_000.0, true, false, q + 1);
    }
    let (factor, big, tight) = match word {
        "m" | "M" | "b" | "B" => (0.0, true, true),
        "L" | "Lac" => (100_000.0, false, true),
        "Cr" => (10_000_000.0, false, true),
        "LPA" => (100_000.0, false, false),
        _ => match word.to_ascii_lowercase().as_str() {
            "mm" => (0.0, true, true),
            "mn" | "mil" | "million" | "millions" | "bn" | "billion" | "billions" | "trillion" | "tn" => {
                (0.0, true, false)
            }
            "lakh" | "lakhs" | "lac" | "lacs" => (100_000.0, false, false),
            "crore" | "crores" => (10_000_000.0, false, false),
            _ => return (1.0, false, false, j),
        },
    };
    if tight && spaced {
        return (1.0, false, false, j);
    }
    (if big { 1_000_000.0 } else { factor }, false, big, w)
}

/// ISO 4217 codes read in text (ambiguous words such as PHP, AMD, ALL,
/// TOP, COP, TRY are left out). `RMB` reads as CNY.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SGD", "HKD", "JPY", "CNY", "INR", "SEK", "NOK", "DKK", "ISK",
    "PLN", "CZK", "HUF", "RON", "BGN", "BRL", "MXN", "ARS", "CLP", "ZAR", "ILS", "AED", "SAR", "QAR", "KRW", "TWD",
    "THB", "MYR", "IDR", "VND", "UAH", "RUB", "NGN", "KES", "EGP", "PKR", "BDT", "LKR",
];

fn code_of(word: &str) -> Option<&'static str> {
    if word == "RMB" {
        return Some("CNY");
    }
    CODES.iter().find(|c| **c == word).copied()
}

/// Currency signs, before or after a number.
const SYMBOLS: &[(&str, Cur)] = &[
    ("€", Cur::Code("EUR")),
    ("£", Cur::Code("GBP")),
    ("¥", Cur::Yen),
    ("￥", Cur::Yen),
    ("₹", Cur::Code("INR")),
    ("₩", Cur::Code("KRW")),
    ("₪", Cur::Code("ILS")),
    ("₺", Cur::Code("TRY")),
    ("₽", Cur::Code("RUB")),
    ("₴", Cur::Code("UAH")),
    ("₱", Cur::Code("PHP")),
    ("₫", Cur::Code("VND")),
    ("฿", Cur::Code("THB")),
    ("₦", Cur::Code("NGN")),
];

/// Letters glued before `$`.
const DOLLARS: &[(&str, &str)] = &[
    ("US", "USD"),
    ("USD", "USD"),
    ("C", "CAD"),
    ("CA", "CAD"),
    ("CAD", "CAD"),
    ("CAN", "CAD"),
    ("Can", "CAD"),
    ("A", "AUD"),
    ("AU", "AUD"),
    ("AUD", "AUD"),
    ("NZ", "NZD"),
    ("NZD", "NZD"),
    ("S", "SGD"),
    ("SG", "SGD"),
    ("SGD", "SGD"),
    ("HK", "HKD"),
    ("HKD", "HKD"),
    ("R", "BRL"),
    ("MX", "MXN"),
    ("NT", "TWD"),
];

/// Words after a number that name a currency.
const SUFFIX_WORDS: &[(&str, Cur)] = &[
    ("zł", Cur::Code("PLN")),
    ("kr", Cur::Krona),
    ("Kč", Cur::Code("CZK")),
    ("Ft", Cur::Code("HUF")),
    ("lei", Cur::Code("RON")),
    ("euros", Cur::Code("EUR")),
    ("euro", Cur::Code("EUR")),
    ("Euros", Cur::Code("EUR")),
    ("Euro", Cur::Code("EUR")),
    ("dollars", Cur::Dollar),
];

/// The currency written just before the digits at `s` (one space allowed),
/// and where it starts.
fn prefix_currency(text: &str, s: usize) -> Option<(Cur, usize)> {
    let b = text.as_bytes();
    let mut p = s;
    if p > 0 && b[p - 1] == b' ' {
        p -= 1;
    } else if p > 1 && b[p - 2..p] == [0xC2, 0xA0] {
        p -= 2;
    }
    let head = &b[..p];
    if head.last() == Some(&b'$') {
        return Some(dollar_prefix(text, p - 1));
    }
    if let Some(&(sym, cur)) = SYMBOLS.iter().find(|(sym, _)| head.ends_with(sym.as_bytes())) {
        return Some((cur, p - sym.len()));
    }
    let dot = usize::from(head.last() == Some(&b'.'));
    let w = p - dot - head[..p - dot].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
    if w > 0 && b[w - 1].is_ascii_alphanumeric() {
        return None;
    }
    let word = &text[w..p - dot];
    let cur = match (word, dot) {
        ("Rs", _) => Cur::Code("INR"),
        ("kr", _) => Cur::Krona,
        (_, 0) => Cur::Code(code_of(word)?),
        _ => return None,
    };
    Some((cur, w))
}

/// `$` at `d` with the letters glued before it (`US$`, `C$`, `A$`, ...).
fn dollar_prefix(text: &str, d: usize) -> (Cur, usize) {
    let b = text.as_bytes();
    let n = b[..d].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
    let w = d - n;
    if n == 0 || n > 3 || (w > 0 && b[w - 1].is_ascii_alphanumeric()) {
        return (Cur::Dollar, d);
    }
    match DOLLARS.iter().find(|(p, _)| *p == &text[w..d]) {
        Some(&(_, code)) => (Cur::Code(code), w),
        None => (Cur::Dollar, d),
    }
}

/// The currency written just after a number ending at `q` (one space
/// allowed): a sign, `zł`/`kr`/..., or an ISO code. Returns it and its end.
fn suffix_currency(text: &str, q: usize) -> Option<(Cur, usize)> {
    let b = text.as_bytes();
    let p = if b.get(q) == Some(&b' ') { q + 1 } else { q };
    let rest = &b[p.min(b.len())..];
    if rest.first() == Some(&b'$') {
        return Some((Cur::Dollar, p + 1));
    }
    if let Some(&(sym, cur)) = SYMBOLS.iter().find(|(sym, _)| rest.starts_with(sym.as_bytes())) {
        return Some((cur, p + sym.len()));
    }
    let bounded = |n: usize| !rest.get(n).is_some_and(u8::is_ascii_alphanumeric);
    // "100k-120k CA$", "140,000 C$": a dollar named by its country.
    let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if (1..=3).contains(&n) && rest.get(n) == Some(&b'$') && bounded(n + 1) {
        let letters = &rest[..n];
        if let Some(&(_, code)) = DOLLARS.iter().find(|(p, _)| p.as_bytes() == letters) {
            return Some((Cur::Code(code), p + n + 1));
        }
    }
    if let Some(&(w, cur)) = SUFFIX_WORDS.iter().find(|(w, _)| rest.starts_with(w.as_bytes()) && bounded(w.len())) {
        return Some((cur, p + w.len()));
    }
    if rest.len() >= 3 && bounded(3) {
        let code = code_of(std::str::from_utf8(&rest[..3]).ok()?)?;
        return Some((Cur::Code(code), p + 3));
    }
    None
}

/// Puts the prefix and suffix currencies together: a code after `$`
/// settles it (`$130,000 AUD`); otherwise the prefix wins and a different
/// suffix is left alone. Returns (currency, figure start, end so far).
fn glue_currency(text: &str, prefix: Option<(Cur, usize)>, s: usize, q: usize) -> (Option<Cur>, usize, usize) {
    let suffix = suffix_currency(text, q);
    match (prefix, suffix) {
        (None, None) => (None, s, q),
        (None, Some((c, e))) => (Some(c), s, e),
        (Some((c, st)), None) => (Some(c), st, q),
        (Some((p, st)), Some((c, e))) => match (p, c) {
            (Cur::Dollar, Cur::Code(code)) if code.ends_with('D') => (Some(c), st, e),
            _ if p == c => (Some(p), st, e),
            _ => (Some(p), st, q),
        },
    }
}

/// A period glued to a figure: `/yr`, `/hr`, `/month`, `/kk`, `/mies.`.
fn attached_period(text: &str, q: usize) -> (Option<PayPeriod>, usize) {
    let b = text.as_bytes();
    let mut p = q;
    if b.get(p) == Some(&b' ') && b.get(p + 1) == Some(&b'/') {
        p += 1;
    }
    if b.get(p) != Some(&b'/') {
        return (None, q);
    }
    let w = p + 1 + usize::from(b.get(p + 1) == Some(&b' '));
    let n = b[w.min(b.len())..].iter().take_while(|c| c.is_ascii_alphabetic() || **c >= 0x80).count();
    let Some(word) = text.get(w..w + n) else { return (None, q) };
    let period = match word.to_lowercase().as_str() {
        "hr" | "hrs" | "h" | "hour" | "std" | "stunde" | "heure" | "hora" | "uur" => PayPeriod::Hour,
        "d" | "day" | "tag" | "jour" | "dia" | "día" | "dag" | "giorno" => PayPeriod::Day,
        "w" | "wk" | "week" | "woche" | "semana" | "vecka" | "uge" => PayPeriod::Week,
        "m" | "mo" | "mon" | "mth" | "month" | "monat" | "mois" | "mes" | "mies" | "mc" | "kk" | "månad" | "mån"
        | "måned" | "md" | "mnd" | "maand" | "mese" | "mês" => PayPeriod::Month,
        "y" | "yr" | "year" | "a" | "annum" | "jahr" | "an" | "año" | "ano" | "år" | "jaar" | "anno" | "rok" => {
            PayPeriod::Year
        }
        _ => return (None, q),
    };
    (Some(period), w + n)
}

// ----------------------------------------------------------------- blocks

/// Figures joined into ranges where a range separator stands between them.
/// Only blocks that could be money (currency, `k` or separators) are kept.
fn blocks(text: &str, figs: &[Fig]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < figs.len() {
        let a = &figs[i];
        let blk = match figs.get(i + 1).and_then(|b| range_of(text, a, b)) {
            Some(r) => {
                i += 2;
                r
            }
            None => {
                i += 1;
                single(a)
            }
        };
        if blk.cur.is_some() || blk.k || blk.sep || blk.big {
            out.push(blk);
        }
    }
    out
}

fn single(a: &Fig) -> Block {
    let v = a.value();
    Block { start: a.start, end: a.end, lo: v, hi: v, cur: a.cur, k: a.k, big: a.big, sep: a.sep, period: a.period }
}

/// `a`–`b` as one range, if what stands between them is a range
/// separator and their currencies, periods and sizes agree.
fn range_of(text: &str, a: &Fig, b: &Fig) -> Option<Block> {
    if b.start < a.end || b.start - a.end > 32 || a.plus {
        return None;
    }
    let between = &text[a.end..b.start];
    let before = &text[ceil_char(text, a.start.saturating_sub(12)).min(a.start)..a.start];
    if !is_range_separator(between, before) {
        return None;
    }
    let cur = merge_currency(a.cur, b.cur)?;
    let period = a.period.or(b.period);
    if a.period.is_some() && b.period.is_some() && a.period != b.period {
        return None;
    }
    if a.big || b.big {
        let (lo, hi) = (a.raw * 1_000_000.0, b.value());
        return Some(Block { start: a.start, end: b.end, lo, hi, cur, k: false, big: true, sep: false, period: None });
    }
    let mut lo = a.value();
    let mut hi = b.value();
    if b.mult > 1.0 && a.mult == 1.0 && a.raw < 1000.0 && !a.sep {
        lo = a.raw * b.mult; // 150-180k, 15-25 LPA
    }
    if a.k && b.mult == 1.0 && b.raw < 1000.0 && !b.sep {
        hi = b.raw * 1000.0; // $150k-180
    }
    // min above max ("$180k - $18k") stays one block, refused as absurd
    // later: never two single figures widened into 18k-180k.
    if lo <= 0.0 || hi <= 0.0 || hi > lo * 10.0 {
        return None;
    }
    Some(Block {
        start: a.start,
        end: b.end,
        lo,
        hi,
        cur,
        k: a.k || b.k,
        big: a.big || b.big,
        sep: a.sep || b.sep,
        period,
    })
}

/// Whether `between` joins two figures into a range (`-`, `–`, `to`,
/// `bis`, `à`; `and` after "between"), possibly after a short
/// parenthesis (`$95k (junior) to $210k (lead)`).
fn is_range_separator(between: &str, before: &str) -> bool {
    let mut s = between.trim();
    if s.starts_with('(') {
        match s.find(')') {
            Some(close) if close <= 24 => s = s[close + 1..].trim(),
            _ => return false,
        }
    }
    match s {
        "-" | "–" | "—" | "−" | "~" | "to" | "To" | "TO" | "bis" | "à" | "a" | "até" | "tot" | "till" | "-/" => {
            true
        }
        "and" | "und" | "et" | "y" | "e" => ["between", "entre", "zwischen"].iter().any(|w| contains_ci(before, w)),
        _ => false,
    }
}

/// The currency of a range, if its two ends agree.
fn merge_currency(a: Option<Cur>, b: Option<Cur>) -> Option<Option<Cur>> {
    match (a, b) {
        (None, x) | (x, None) => Some(x),
        (Some(x), Some(y)) if x == y => Some(Some(x)),
        (Some(Cur::Dollar), Some(c @ Cur::Code(code))) | (Some(c @ Cur::Code(code)), Some(Cur::Dollar))
            if code.ends_with('D') =>
        {
            Some(Some(c))
        }
        _ => None,
    }
}

// ------------------------------------------------------------------ judge

enum Verdict {
    Pay(Pay),
    /// Pay a pay label vouches for ("Salary: $3 a year"), refused as
    /// implausible for its period: reported, never kept.
    Absurd(Pay),
    Reject(&'static str),
    Ignore,
}

/// Where the words around one block are (byte ranges in the text) and the
/// cue phrases among them.
struct Context {
    /// Left words: `ls..start`, within the block's clause and after the
    /// previous block.
    ls: usize,
    start: usize,
    end: usize,
    /// Clause after the block: `end..ce` (up to a clause break or the next block).
    ce: usize,
    /// Right words: `end..re`, the clause up to its first `+`.
    re: usize,
    /// Near words: `end..ne`, the right words up to the first joiner
    /// (`,`, `(`, `and`, `plus`) or preposition (`for`, `at`,
    /// `depending`), four words at most: what describes this figure alone
    /// ("$3k home-office budget", not "€60k for engineers").
    ne: usize,
    /// The block starts its clause (a line, an HN `|` field), after at
    /// most a lead-in such as "up to" or "from".
    whole: bool,
    hits: Hits,
}

fn context(text: &str, blk: &Block, floor: usize, ceil: usize) -> Context {
    let b = text.as_bytes();
    let ls = ceil_char(text, left_start(b, blk.start, floor));
    let ce = floor_char(text, right_end(b, blk.end, ceil)).max(blk.end);
    let re = memchr::memchr(b'+', &b[blk.end..ce]).map_or(ce, |p| blk.end + p);
    let hits = Hits::scan(text, ls, ce);
    let mut ne = memchr::memchr2(b',', b'(', &b[blk.end..re]).map_or(re, |p| blk.end + p);
    if let Some((s, _, _)) = hits.within(blk.end, re).find(|h| h.2 == Kind::Joiner) {
        ne = ne.min(s);
    }
    let ne = four_words(b, blk.end, ne);
    let whole = (ls == 0 || ls > floor && blk.start - ls < WINDOW) && is_lead_in(&text[ls..blk.start]);
    Context { ls, start: blk.start, end: blk.end, ce, re, ne, whole, hits }
}

/// The end of the first four words in `b[a..z]`.
fn four_words(b: &[u8], a: usize, z: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in b[a..z].iter().enumerate() {
        let space = c.is_ascii_whitespace();
        if in_word && space {
            words += 1;
            if words == 4 {
                return a + i;
            }
        }
        in_word = !space;
    }
    z
}

/// Whether a block is pay, and what pay.
fn judge(text: &str, blk: &Block, floor: usize, ceil: usize, places: &mut Places) -> Verdict {
    let cx = context(text, blk, floor, ceil);
    let label = pay_label(text, &cx.hits, cx.ls, cx.start) || heading_label(text, blk.start);
    let strong = label || cx.hits.first(cx.end, cx.ne, |k| (k == Kind::RightLabel).then_some(())).is_some();
    let money = blk.cur.is_some() || blk.k;
    let refuse = |reason| if money { Verdict::Reject(reason) } else { Verdict::Ignore };
    let absurd = |pay| if strong && money { Verdict::Absurd(pay) } else { refuse("implausible") };
    if blk.big && !(label && trap(text, &cx, label, blk.cur.is_some()).is_none()) {
        return refuse(trap(text, &cx, label, blk.cur.is_some()).unwrap_or("millions"));
    }
    if blk.hi <= 0.0 {
        let equity = contains_ci(&text[blk.end..floor_char(text, ceil.min(blk.end + 24)).max(blk.end)], "equity");
        return refuse(if equity { "equity" } else { "zero" });
    }
    if let Some(reason) = trap(text, &cx, label, blk.cur.is_some()) {
        return refuse(reason);
    }
    let plus_package = text[cx.end..cx.ce].trim_start().starts_with('+') && companion(&cx);
    if blk.cur.is_none() && !strong && !plus_package && !header_field(text, blk, &cx) && !opening_field(text, blk) {
        return if blk.k { Verdict::Reject("no currency") } else { Verdict::Ignore };
    }
    let currency = places.resolve(blk.cur, blk.start);
    let pay = |period| Pay { min: blk.lo, max: blk.hi, currency: currency.to_string(), period };
    let period = match settle(text, blk, &cx, strong, currency, floor, ceil) {
        Ok(p) => p,
        Err(Unsettled::Unfit(p)) => return absurd(pay(p)),
        Err(Unsettled::Refused(reason)) => return refuse(reason),
    };
    let pay = pay(period);
    if pay.is_plausible() && !blk.big { Verdict::Pay(pay) } else { absurd(pay) }
}

/// Why a block has no period.
enum Unsettled {
    /// The figures do not fit the period stated with them ("$3 a year").
    Unfit(PayPeriod),
    Refused(&'static str),
}

/// The period of a pay block: glued or right after it ("/month", "per
/// annum"); else a label before it ("Hourly rate:"); else a phrase nearby
/// ("paid hourly"); else its size, if a label vouches for it, it is a
/// range, or [`lone_ok`]. A label the figures contradict
/// ("Hourly rate: $95,000") yields to their size; a period glued to a
/// figure it cannot fit ("$50/month", "$499/year") refuses the block.
fn settle(
    text: &str,
    blk: &Block,
    cx: &Context,
    strong: bool,
    currency: &str,
    floor: usize,
    ceil: usize,
) -> Result<PayPeriod, Unsettled> {
    let fit = |p: PayPeriod| fits(blk.lo, blk.hi, p, currency);
    let by_size = PayPeriod::by_size(blk.hi);
    let stated = cx.hits.first(cx.end, cx.re, |k| if let Kind::Period(p) = k { Some(p) } else { None });
    if let Some(p) = blk.period.or(stated) {
        return if fit(p) { Ok(p) } else { Err(Unsettled::Unfit(p)) };
    }
    if let Some(p) = cx.hits.last(cx.ls, cx.start, |k| if let Kind::LabelPeriod(p) = k { Some(p) } else { None }) {
        return Ok(if fit(p) { p } else { by_size });
    }
    if !strong && blk.lo == blk.hi && !lone_ok(text, cx) {
        return Err(Unsettled::Refused("no pay cue")); // a lone figure in prose: "earning less than $40k"
    }
    if let Some(p) = wide_period(text, blk, floor, ceil).filter(|&p| fit(p)) {
        return Ok(p);
    }
    if strong || blk.hi >= 10_000.0 { Ok(by_size) } else { Err(Unsettled::Refused("no pay cue")) }
}

fn wide(k: Kind) -> Option<PayPeriod> {
    if let Kind::WidePeriod(p) = k { Some(p) } else { None }
}

/// A period phrase in the same paragraph ("This position is paid hourly").
fn wide_period(text: &str, blk: &Block, floor: usize, ceil: usize) -> Option<PayPeriod> {
    let b = text.as_bytes();
    let mut end = floor_char(text, ceil.min(blk.end + 160)).max(blk.end);
    if let Some(p) = memchr::memmem::find(&b[blk.end..end], b"\n\n") {
        end = blk.end + p;
    }
    if let Some(p) = Hits::scan(text, blk.end, end).first(blk.end, end, wide) {
        return Some(p);
    }
    let mut start = ceil_char(text, floor.max(blk.start.saturating_sub(100))).min(blk.start);
    if let Some(p) = memchr::memmem::rfind(&b[start..blk.start], b"\n\n") {
        start += p;
    }
    Hits::scan(text, start, blk.start).last(start, blk.start, wide)
}

/// Whether what precedes a figure in its clause is only punctuation or a
/// lead-in ("up to", "from", "starting at", "~").
fn is_lead_in(left: &str) -> bool {
    const LEAD_INS: &[&str] = &[
        "",
        "up to",
        "upto",
        "from",
        "starting at",
        "starts at",
        "around",
        "about",
        "approx.",
        "approximately",
        "circa",
    ];
    let t = left.trim_matches(|c: char| c.is_whitespace() || "-*•:>–—~(".contains(c));
    LEAD_INS.iter().any(|l| l.eq_ignore_ascii_case(t))
}

/// A figure with no currency that is a whole field of an HN-style header
/// line (`| 140k-200k |`, `| 230k + 0.85% |`), or ends one after the
/// place (`| Denver, CO ONSITE 140k-200k`): the convention's salary slot.
fn header_field(text: &str, blk: &Block, cx: &Context) -> bool {
    let b = text.as_bytes();
    let line = line_start(b, blk.start);
    let line_end = memchr::memchr(b'\n', &b[blk.start..]).map_or(b.len(), |p| blk.start + p);
    let tail_ok = clean_tail(text, cx) || companion(cx);
    let field_end = b[blk.end..line_end].iter().find(|c| !c.is_ascii_whitespace()).is_none_or(|&c| c == b'|');
    (blk.k || blk.sep) && (cx.whole || field_end) && tail_ok && memchr::memchr(b'|', &b[line..line_end]).is_some()
}

/// A k-figure with no currency that ends a list item naming an opening
/// ("* Senior Cloud Software Engineer (Hybrid) 130k-160k"): the list's
/// salary slot, as the header's is.
fn opening_field(text: &str, blk: &Block) -> bool {
    let b = text.as_bytes();
    let line = line_start(b, blk.start);
    let line_end = memchr::memchr(b'\n', &b[blk.end..]).map_or(b.len(), |p| blk.end + p);
    let item = text[line..blk.start].trim_start();
    let Some(title) = item.strip_prefix(['*', '-', '•', '·']) else { return false };
    let words: Vec<&str> = title.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    // A title's words are mostly capitalised ("Junior Software Engineer in
    // Test (New grads OK)"); a sentence's are not ("We grew our user base to").
    let capitals = words.iter().filter(|w| w.trim_start_matches('(').starts_with(char::is_uppercase)).count();
    let title_like = (2..=10).contains(&words.len()) && 2 * capitals >= words.len() && !title.contains(['.', ':']);
    blk.k && title_like && b[blk.end..line_end].iter().all(u8::is_ascii_whitespace)
}

/// Whether a single unlabelled figure reads as pay: it starts its clause,
/// or follows punctuation ("Senior Developer - £100k+", "Junior SWE
/// ($250k + equity)") with nothing but punctuation or pay words after it,
/// or shares its clause with package words ("+ 2% depending on
/// experience"). Not "earning less than $40k" nor "(£10k away)".
fn lone_ok(text: &str, cx: &Context) -> bool {
    let mut left = text[cx.ls..cx.start].trim_end();
    for lead in ["up to", "upto", "from", "starting at", "around", "about", "approximately", "circa", ">=", ">", "~"] {
        left = strip_suffix_ci(left, lead).trim_end();
    }
    let after_punct = left.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    cx.whole || after_punct && clean_tail(text, cx) || companion(cx)
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> &'a str {
    let n = s.len().wrapping_sub(suffix.len());
    match s.get(n..) {
        Some(tail) if s.len() >= suffix.len() && tail.eq_ignore_ascii_case(suffix) => &s[..n],
        _ => s,
    }
}

/// The words after a figure are only punctuation or pay words.
fn clean_tail(text: &str, cx: &Context) -> bool {
    let t = text[cx.end..cx.ce].trim_start();
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    const PAY_WORDS: &[&str] =
        &["and", "plus", "base", "salary", "ote", "usd", "doe", "depending", "negotiable", "gross", "tc", "total"];
    t.is_empty()
        || t.starts_with(['+', ')', ',', '|', '(', ';', '/', '-', '–', '—', '.', '•'])
        || PAY_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// Words of a pay package in a figure's clause ("+ equity", "DOE").
fn companion(cx: &Context) -> bool {
    cx.hits.within(cx.end, cx.ce).any(|h| h.2 == Kind::Package)
}

/// Whether cues in `a..z` label what follows as pay ("Salary:", "OTE",
/// "Base is"); "pay" followed by "for" is the verb ("we pay for your gym").
fn pay_label(text: &str, hits: &Hits, a: usize, z: usize) -> bool {
    hits.within(a, z).any(|(_, e, k)| {
        k == Kind::Label
            || k == Kind::Pay && !text[e..].trim_start().get(..4).is_some_and(|w| w.eq_ignore_ascii_case("for "))
    })
}

/// The reason a block is a trap, if its words say so: the words right
/// after it first ("$3M ARR"), then those before ("raised $20M"). A pay
/// label before it overrides the weaker traps ("Base Salary + Bonus
/// $150K"); "equity" right after a figure makes it an equity grant when the
/// figure is an add-on ("base & 200k+ equity") or has no currency.
fn trap(text: &str, cx: &Context, label: bool, money_sign: bool) -> Option<&'static str> {
    let first = text[cx.end..cx.ne].split_whitespace().next().unwrap_or("");
    let left = text[cx.ls..cx.start].trim_end();
    let added = ["&", "+", "and", "plus"].iter().any(|j| strip_suffix_ci(left, j).len() < left.len());
    let grant = ["equity", "stock", "options", "rsus"].iter().any(|w| w.eq_ignore_ascii_case(first));
    if grant && (added || !money_sign) {
        return Some("equity");
    }
    let weak = |r: &str| matches!(r, "bonus" | "budget");
    let right = cx.hits.first(cx.end, cx.ne, |k| if let Kind::RightTrap(r) = k { Some(r) } else { None });
    let left_trap = || {
        cx.hits.last(cx.ls, cx.start, |k| match k {
            Kind::LeftTrap(r) if !(label && weak(r)) => Some(r),
            _ => None,
        })
    };
    right.or_else(left_trap)
}

/// A pay heading on the line above a figure that starts its line
/// ("Compensation\n- $140k–$170k", "SALARY\n\n€2,200 – €3,400").
fn heading_label(text: &str, start: usize) -> bool {
    let line = line_start(text.as_bytes(), start);
    if !text[line..start].chars().all(|c| !c.is_alphanumeric()) {
        return false;
    }
    let prev = previous_line(text.as_bytes(), line);
    let short = prev.len() <= WINDOW && prev.len() > 1;
    short && pay_label(text, &Hits::scan(text, prev.start, prev.end), prev.start, prev.end)
}

fn line_start(b: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |p| p + 1)
}

/// The last non-blank line before the line starting at `line` (empty at
/// the text's start).
fn previous_line(b: &[u8], line: usize) -> std::ops::Range<usize> {
    let mut end = line.saturating_sub(1);
    while end > 0 && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    line_start(b, end)..end
}

// --------------------------------------------------------------- windows

/// `i` moved back onto a char boundary.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `i` moved forward onto a char boundary.
fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `hay` contains `needle` (ASCII, any case).
fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether byte `i` ends a clause: a line break, `|`, `;`, a bullet or
/// middle dot, or a sentence end (`.`/`!`/`?` then a space; after "Series
/// B." or "SF." too, but not after "Sr." or "p.a.").
fn clause_break(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'|' | b';' => true,
        b'!' | b'?' => b.get(i + 1).is_none_or(u8::is_ascii_whitespace),
        b'.' => {
            let letters = b[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
            let word = &b[i - letters..i];
            let before = if i > letters { b[i - letters - 1] } else { b' ' };
            let capitals = (1..=2).contains(&letters) && word.iter().all(u8::is_ascii_uppercase) && before != b'.';
            b.get(i + 1).is_none_or(u8::is_ascii_whitespace)
                && (letters == 0 || letters >= 3 || before.is_ascii_digit() || capitals)
        }
        0xE2 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA2),
        0xC2 => b.get(i + 1) == Some(&0xB7),
        _ => false,
    }
}

/// Start of the words read before `start`: back to a clause break, the
/// previous block, or [`WINDOW`] bytes.
fn left_start(b: &[u8], start: usize, floor: usize) -> usize {
    let lim = start.saturating_sub(WINDOW).max(floor);
    let mut i = start;
    while i > lim {
        let j = i - 1;
        let multi = j >= 2 && b[j - 2..=j] == [0xE2, 0x80, 0xA2] || j >= 1 && b[j - 1..=j] == [0xC2, 0xB7];
        if multi || (b[j] < 0x80 && clause_break(b, j)) {
            break;
        }
        i -= 1;
    }
    i
}

/// End of the words read after `end`: up to a clause break, the next
/// block, or [`WINDOW`] bytes.
fn right_end(b: &[u8], end: usize, ceil: usize) -> usize {
    let lim = (end + WINDOW).min(ceil).min(b.len());
    (end..lim).find(|&i| clause_break(b, i)).unwrap_or(lim)
}

/// A byte of a word: ASCII letter or digit, or part of a non-ASCII char.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

// ------------------------------------------------------------------ cues

/// What a cue phrase says where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Before a figure: it is pay ("Salary:", "OTE").
    Label,
    /// "pay": a label unless it is the verb ("we pay for your gym").
    Pay,
    /// Right after a figure: it is pay ("base", "gross").
    RightLabel,
    LeftTrap(&'static str),
    RightTrap(&'static str),
    /// Right after a figure: its period ("per annum", "/hr").
    Period(PayPeriod),
    /// In a label before a figure ("Hourly rate:").
    LabelPeriod(PayPeriod),
    /// Anywhere in the paragraph ("paid hourly").
    WidePeriod(PayPeriod),
    /// Words of a package beside a figure ("equity", "DOE").
    Package,
    /// Ends the words that describe a figure alone (" and ", " for ").
    Joiner,
}

/// Every cue phrase in one ASCII-case-insensitive automaton, each with
/// what it means.
struct Cues {
    ac: AhoCorasick,
    phrases: Vec<&'static str>,
    kinds: Vec<Vec<Kind>>,
}

fn cues() -> Option<&'static Cues> {
    static CUES: OnceLock<Option<Cues>> = OnceLock::new();
    CUES.get_or_init(build_cues).as_ref()
}

fn build_cues() -> Option<Cues> {
    let mut all: Vec<(&'static str, Kind)> = Vec::new();
    all.extend(PAY_LABELS.iter().map(|&w| (w, if w == "pay" { Kind::Pay } else { Kind::Label })));
    all.extend(RIGHT_LABELS.iter().map(|&w| (w, Kind::RightLabel)));
    all.extend(LEFT_TRAPS.iter().map(|&(w, r)| (w, Kind::LeftTrap(r))));
    all.extend(RIGHT_TRAPS.iter().map(|&(w, r)| (w, Kind::RightTrap(r))));
    all.extend(PERIOD_WORDS.iter().map(|&(w, p)| (w, Kind::Period(p))));
    all.extend(LABEL_PERIODS.iter().map(|&(w, p)| (w, Kind::LabelPeriod(p))));
    all.extend(WIDE_PERIODS.iter().map(|&(w, p)| (w, Kind::WidePeriod(p))));
    all.extend(PACKAGE.iter().map(|&w| (w, Kind::Package)));
    all.extend(JOINERS.iter().map(|&w| (w, Kind::Joiner)));
    let mut phrases: Vec<&'static str> = Vec::new();
    let mut kinds: Vec<Vec<Kind>> = Vec::new();
    for (w, k) in all {
        match phrases.iter().position(|p| p.eq_ignore_ascii_case(w)) {
            Some(i) => kinds[i].push(k),
            None => {
                phrases.push(w);
                kinds.push(vec![k]);
            }
        }
    }
    let mut builder = AhoCorasick::builder();
    builder.ascii_case_insensitive(true).match_kind(MatchKind::Standard).kind(Some(AhoCorasickKind::DFA));
    let ac = builder.build(&phrases).ok()?;
    Some(Cues { ac, phrases, kinds })
}

/// Cue phrases found in a stretch of text (whole words where a phrase
/// starts or ends with a letter), sorted by position.
struct Hits(Vec<(usize, usize, Kind)>);

impl Hits {
    fn scan(text: &str, a: usize, z: usize) -> Hits {
        let mut out = Vec::new();
        let (Some(c), Some(hay)) = (cues(), text.get(a..z)) else { return Hits(out) };
        let b = text.as_bytes();
        for m in c.ac.find_overlapping_iter(hay) {
            let (s, e) = (a + m.start(), a + m.end());
            let p = c.phrases[m.pattern().as_usize()].as_bytes();
            let before = !p[0].is_ascii_alphanumeric() || s == 0 || !is_word(b[s - 1]);
            let after = !p[p.len() - 1].is_ascii_alphanumeric() || b.get(e).is_none_or(|c| !is_word(*c));
            if before && after {
                out.extend(c.kinds[m.pattern().as_usize()].iter().map(|&k| (s, e, k)));
            }
        }
        out.sort_by_key(|h| (h.0, h.1));
        Hits(out)
    }

    /// The hits that lie wholly within `a..z`.
    fn within(&self, a: usize, z: usize) -> impl DoubleEndedIterator<Item = (usize, usize, Kind)> + '_ {
        self.0.iter().copied().filter(move |&(s, e, _)| s >= a && e <= z)
    }

    fn first<T>(&self, a: usize, z: usize, f: impl Fn(Kind) -> Option<T>) -> Option<T> {
        self.within(a, z).find_map(|h| f(h.2))
    }

    fn last<T>(&self, a: usize, z: usize, f: impl Fn(Kind) -> Option<T>) -> Option<T> {
        self.within(a, z).rev().find_map(|h| f(h.2))
    }
}

// ----------------------------------------------------------------- words

/// Words before a figure that say it is pay.
const PAY_LABELS: &[&str] = &[
    "pay", // first: [`pay_label`] checks it apart
    "salary",
    "salaries",
    "compensation",
    "comp",
    "base",
    "ote",
    "on-target earnings",
    "on target earnings",
    "earnings",
    "rate",
    "wage",
    "wages",
    "remuneration",
    "package",
    "total comp",
    "tc",
    "hiring range",
    "gehalt",
    "jahresgehalt",
    "lohn",
    "vergütung",
    "salaire",
    "rémunération",
    "salario",
    "sueldo",
    "retribución",
    "ral",
    "retribuzione",
    "stipendio",
    "lön",
    "lønn",
    "løn",
    "wynagrodzenie",
    "pensja",
    "palkka",
    "salaris",
    "salário",
    "ctc",
];

/// Words right after a figure that say it is pay ("$140k base").
const RIGHT_LABELS: &[&str] = &[
    "base",
    "salary",
    "ote",
    "gross",
    "brutto",
    "brut",
    "bruto",
    "brutos",
    "usd",
    "tc",
    "comp",
    "compensation",
    "per annum",
];

/// Words before a figure that make it something other than pay.
const LEFT_TRAPS: &[(&str, &str)] = &[
    ("raised", "funding"),
    ("raise", "funding"),
    ("raising", "funding"),
    ("funding", "funding"),
    ("funded", "funding"),
    ("series", "funding"),
    ("seed", "funding"),
    ("pre-seed", "funding"),
    ("investment", "funding"),
    ("investors", "funding"),
    ("valuation", "valuation"),
    ("valued", "valuation"),
    ("worth", "valuation"),
    ("revenue", "revenue"),
    ("arr", "revenue"),
    ("mrr", "revenue"),
    ("gmv", "revenue"),
    ("turnover", "revenue"),
    ("bookings", "revenue"),
    ("process", "customers"),
    ("processes", "customers"),
    ("processed", "customers"),
    ("processing", "customers"),
    ("secures", "customers"),
    ("handles", "customers"),
    ("save", "customers"),
    ("saves", "customers"),
    ("saved", "customers"),
    ("saving", "customers"),
    ("deposits", "customers"),
    ("assets", "customers"),
    ("spend", "customers"),
    ("spent", "customers"),
    ("spending", "customers"),
    ("bonus", "bonus"),
    ("sign-on", "bonus"),
    ("signing", "bonus"),
    ("one-time", "bonus"),
    ("referral", "bonus"),
    ("budget", "budget"),
    ("stipend", "budget"),
    ("allowance", "budget"),
    ("reimbursement", "budget"),
    ("reimbursed", "budget"),
    ("reimburse", "budget"),
    ("gift", "budget"),
    ("professional development", "budget"),
    ("membership", "budget"),
    ("gym", "budget"),
    ("per diem", "budget"),
    ("grant", "budget"),
    ("prize", "budget"),
    ("price", "price"),
    ("prices", "price"),
    ("priced", "price"),
    ("pricing", "price"),
    ("cost", "price"),
    ("costs", "price"),
    ("plans", "price"),
    ("plan costs", "price"),
    ("subscription", "price"),
    ("subscribers", "price"),
    ("fee", "price"),
    ("fees", "price"),
    ("go for", "price"),
    ("goes for", "price"),
    ("going for", "price"),
    ("sell for", "price"),
    ("sells for", "price"),
    ("sold for", "price"),
    ("houses", "price"),
    ("homes", "price"),
    ("rent", "price"),
    ("rents", "price"),
    ("mortgage", "price"),
    ("user base", "users"),
    ("userbase", "users"),
    ("customer base", "users"),
    ("install base", "users"),
];

/// Words right after a figure (before any `+`, `,`, `and`) that make it
/// something other than pay.
const RIGHT_TRAPS: &[(&str, &str)] = &[
    ("series", "funding"),
    ("seed", "funding"),
    ("round", "funding"),
    ("funding", "funding"),
    ("raised", "funding"),
    ("investment", "funding"),
    ("valuation", "valuation"),
    ("market cap", "valuation"),
    ("arr", "revenue"),
    ("mrr", "revenue"),
    ("revenue", "revenue"),
    ("in sales", "revenue"),
    ("gmv", "revenue"),
    ("run-rate", "revenue"),
    ("payments", "customers"),
    ("transactions", "customers"),
    ("deposits", "customers"),
    ("assets", "customers"),
    ("aum", "customers"),
    ("under management", "customers"),
    ("orders", "customers"),
    ("loans", "customers"),
    ("claims", "customers"),
    ("invoices", "customers"),
    ("volume", "customers"),
    ("spend", "customers"),
    ("savings", "customers"),
    ("in equity", "equity"),
    ("of equity", "equity"),
    ("in stock", "equity"),
    ("in options", "equity"),
    ("rsu", "equity"),
    ("rsus", "equity"),
    ("bonus", "bonus"),
    ("sign-on", "bonus"),
    ("signing", "bonus"),
    ("one-time", "bonus"),
    ("relocation", "bonus"),
    ("referral", "bonus"),
    ("budget", "budget"),
    ("stipend", "budget"),
    ("allowance", "budget"),
    ("reimbursement", "budget"),
    ("gift", "budget"),
    ("membership", "budget"),
    ("gym", "budget"),
    ("home office", "budget"),
    ("home-office", "budget"),
    ("office setup", "budget"),
    ("setup", "budget"),
    ("equipment", "budget"),
    ("per diem", "budget"),
    ("credit", "budget"),
    ("credits", "budget"),
    ("conference", "budget"),
    ("conferences", "budget"),
    ("wellness", "budget"),
    ("learning", "budget"),
    ("education", "budget"),
    ("parking", "budget"),
    ("commuter", "budget"),
    ("internet", "budget"),
    ("grant", "budget"),
    ("grants", "budget"),
    ("prize", "budget"),
    ("match", "budget"),
    ("charity", "budget"),
    ("donation", "budget"),
    ("users", "users"),
    ("customers", "users"),
    ("clients", "users"),
    ("downloads", "users"),
    ("installs", "users"),
    ("copies", "users"),
    ("subscribers", "users"),
    ("paying", "users"),
    ("members", "users"),
    ("merchants", "users"),
    ("companies", "users"),
    ("businesses", "users"),
    ("developers", "users"),
    ("engineers", "users"),
    ("employees", "users"),
    ("people", "users"),
    ("stars", "users"),
    ("followers", "users"),
    ("visitors", "users"),
    ("requests", "users"),
    ("events", "users"),
    ("lines", "users"),
    ("rows", "users"),
    ("records", "users"),
    ("devices", "users"),
    ("sold", "users"),
    ("per seat", "price"),
    ("seat", "price"),
    ("per user", "price"),
    ("plan", "price"),
    ("subscription", "price"),
    ("license", "price"),
    ("licence", "price"),
    ("price", "price"),
    ("fee", "price"),
    ("ticket", "price"),
    ("market", "market"),
    ("industry", "market"),
];

/// Words of a pay package sharing a figure's clause.
const PACKAGE: &[&str] = &[
    "equity",
    "benefits",
    "bonus",
    "doe",
    "negotiable",
    "depending on experience",
    "commission",
    "super",
    "stock options",
    "rsus",
];

/// Where the words describing a figure alone end.
const JOINERS: &[&str] =
    &[" and ", " plus ", " with ", " & ", " / ", " or ", " for ", " at ", " depending", " based ", " from "];

/// Period words right after a figure.
const PERIOD_WORDS: &[(&str, PayPeriod)] = &[
    ("per hour", PayPeriod::Hour),
    ("an hour", PayPeriod::Hour),
    ("a hour", PayPeriod::Hour),
    ("hourly", PayPeriod::Hour),
    ("per hr", PayPeriod::Hour),
    ("p/h", PayPeriod::Hour),
    ("pro stunde", PayPeriod::Hour),
    ("par heure", PayPeriod::Hour),
    ("de l'heure", PayPeriod::Hour),
    ("por hora", PayPeriod::Hour),
    ("per day", PayPeriod::Day),
    ("a day", PayPeriod::Day),
    ("daily", PayPeriod::Day),
    ("day rate", PayPeriod::Day),
    ("pro tag", PayPeriod::Day),
    ("par jour", PayPeriod::Day),
    ("por día", PayPeriod::Day),
    ("al día", PayPeriod::Day),
    ("per week", PayPeriod::Week),
    ("a week", PayPeriod::Week),
    ("weekly", PayPeriod::Week),
    ("pro woche", PayPeriod::Week),
    ("par semaine", PayPeriod::Week),
    ("por semana", PayPeriod::Week),
    ("per month", PayPeriod::Month),
    ("a month", PayPeriod::Month),
    ("monthly", PayPeriod::Month),
    ("pcm", PayPeriod::Month),
    ("pro monat", PayPeriod::Month),
    ("im monat", PayPeriod::Month),
    ("monatlich", PayPeriod::Month),
    ("par mois", PayPeriod::Month),
    ("mensuel", PayPeriod::Month),
    ("mensuels", PayPeriod::Month),
    ("mensuelle", PayPeriod::Month),
    ("por mes", PayPeriod::Month),
    ("al mes", PayPeriod::Month),
    ("mensual", PayPeriod::Month),
    ("mensuales", PayPeriod::Month),
    ("mies", PayPeriod::Month),
    ("miesięcznie", PayPeriod::Month),
    ("per månad", PayPeriod::Month),
    ("i månaden", PayPeriod::Month),
    ("per måned", PayPeriod::Month),
    ("kuukaudessa", PayPeriod::Month),
    ("per maand", PayPeriod::Month),
    ("al mese", PayPeriod::Month),
    ("mensili", PayPeriod::Month),
    ("por mês", PayPeriod::Month),
    ("per year", PayPeriod::Year),
    ("a year", PayPeriod::Year),
    ("annually", PayPeriod::Year),
    ("annual", PayPeriod::Year),
    ("yearly", PayPeriod::Year),
    ("per annum", PayPeriod::Year),
    ("p.a", PayPeriod::Year),
    ("pro jahr", PayPeriod::Year),
    ("im jahr", PayPeriod::Year),
    ("jährlich", PayPeriod::Year),
    ("par an", PayPeriod::Year),
    ("annuel", PayPeriod::Year),
    ("annuels", PayPeriod::Year),
    ("annuelle", PayPeriod::Year),
    ("por año", PayPeriod::Year),
    ("al año", PayPeriod::Year),
    ("anual", PayPeriod::Year),
    ("anuales", PayPeriod::Year),
    ("per år", PayPeriod::Year),
    ("om året", PayPeriod::Year),
    ("per jaar", PayPeriod::Year),
    ("all'anno", PayPeriod::Year),
    ("annui", PayPeriod::Year),
    ("annuo", PayPeriod::Year),
    ("rocznie", PayPeriod::Year),
    ("lpa", PayPeriod::Year),
    ("/hr", PayPeriod::Hour),
    ("/hour", PayPeriod::Hour),
    ("/day", PayPeriod::Day),
    ("/week", PayPeriod::Week),
    ("/month", PayPeriod::Month),
    ("/mo", PayPeriod::Month),
    ("/monat", PayPeriod::Month),
    ("/mies", PayPeriod::Month),
    ("/yr", PayPeriod::Year),
    ("/year", PayPeriod::Year),
    ("/jahr", PayPeriod::Year),
    ("/año", PayPeriod::Year),
];

/// Period words in a label before a figure ("Hourly rate:", "RAL").
const LABEL_PERIODS: &[(&str, PayPeriod)] = &[
    ("hourly", PayPeriod::Hour),
    ("per hour", PayPeriod::Hour),
    ("stundenlohn", PayPeriod::Hour),
    ("daily", PayPeriod::Day),
    ("day rate", PayPeriod::Day),
    ("tagessatz", PayPeriod::Day),
    ("tjm", PayPeriod::Day),
    ("weekly", PayPeriod::Week),
    ("monthly", PayPeriod::Month),
    ("monatsgehalt", PayPeriod::Month),
    ("annual", PayPeriod::Year),
    ("annually", PayPeriod::Year),
    ("yearly", PayPeriod::Year),
    ("per annum", PayPeriod::Year),
    ("jahresgehalt", PayPeriod::Year),
    ("ral", PayPeriod::Year),
    ("ctc", PayPeriod::Year),
];

/// Period phrases anywhere in a block's paragraph.
const WIDE_PERIODS: &[(&str, PayPeriod)] = &[
    ("paid hourly", PayPeriod::Hour),
    ("hourly rate", PayPeriod::Hour),
    ("hourly wage", PayPeriod::Hour),
    ("hourly pay", PayPeriod::Hour),
    ("per hour", PayPeriod::Hour),
    ("paid daily", PayPeriod::Day),
    ("day rate", PayPeriod::Day),
    ("daily rate", PayPeriod::Day),
    ("per day", PayPeriod::Day),
    ("paid weekly", PayPeriod::Week),
    ("per week", PayPeriod::Week),
    ("paid monthly", PayPeriod::Month),
    ("monthly salary", PayPeriod::Month),
    ("per month", PayPeriod::Month),
    ("per annum", PayPeriod::Year),
    ("annual salary", PayPeriod::Year),
    ("annual base", PayPeriod::Year),
    ("per year", PayPeriod::Year),
];

// ----------------------------------------------------------------- places

/// Where a text says the job is, as far as a currency cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Country {
    Us,
    Ca,
    Au,
    Nz,
    Sg,
    Hk,
    Uk,
    Ez,
    Ch,
    Se,
    No,
    Dk,
    Pl,
    In,
    Jp,
    Cn,
}

impl Country {
    fn currency(self) -> &'static str {
        match self {
            Country::Us => "USD",
            Country::Ca => "CAD",
            Country::Au => "AUD",
            Country::Nz => "NZD",
            Country::Sg => "SGD",
            Country::Hk => "HKD",
            Country::Uk => "GBP",
            Country::Ez => "EUR",
            Country::Ch => "CHF",
            Country::Se => "SEK",
            Country::No => "NOK",
            Country::Dk => "DKK",
            Country::Pl => "PLN",
            Country::In => "INR",
            Country::Jp => "JPY",
            Country::Cn => "CNY",
        }
    }

    fn uses_dollars(self) -> bool {
        matches!(self, Country::Us | Country::Ca | Country::Au | Country::Nz | Country::Sg | Country::Hk)
    }
}

/// Place names (case-sensitive, whole words) and what they say.
const PLACES: &[(&str, Country)] = &[
    ("US", Country::Us),
    ("USA", Country::Us),
    ("U.S.", Country::Us),
    ("United States", Country::Us),
    ("San Francisco", Country::Us),
    ("SF", Country::Us),
    ("Bay Area", Country::Us),
    ("NYC", Country::Us),
    ("New York", Country::Us),
    ("Seattle", Country::Us),
    ("Austin", Country::Us),
    ("Boston", Country::Us),
    ("Chicago", Country::Us),
    ("Denver", Country::Us),
    ("Los Angeles", Country::Us),
    ("Palo Alto", Country::Us),
    ("Mountain View", Country::Us),
    ("San Jose", Country::Us),
    ("San Diego", Country::Us),
    ("Pittsburgh", Country::Us),
    ("Raleigh", Country::Us),
    ("Atlanta", Country::Us),
    ("Miami", Country::Us),
    ("Philadelphia", Country::Us),
    ("Dallas", Country::Us),
    ("Houston", Country::Us),
    ("Minneapolis", Country::Us),
    (", CA", Country::Us),
    (", NY", Country::Us),
    (", TX", Country::Us),
    (", WA", Country::Us),
    (", MA", Country::Us),
    (", OR", Country::Us),
    (", NC", Country::Us),
    (", OH", Country::Us),
    (", PA", Country::Us),
    (", IL", Country::Us),
    (", CO", Country::Us),
    (", GA", Country::Us),
    (", FL", Country::Us),
    (", VA", Country::Us),
    (", NJ", Country::Us),
    (", UT", Country::Us),
    (", AZ", Country::Us),
    (", MN", Country::Us),
    (", MI", Country::Us),
    (", DC", Country::Us),
    ("USD", Country::Us),
    ("Canada", Country::Ca),
    ("Canadian", Country::Ca),
    ("Toronto", Country::Ca),
    ("Vancouver", Country::Ca),
    ("Montreal", Country::Ca),
    ("Montréal", Country::Ca),
    ("Ottawa", Country::Ca),
    ("Calgary", Country::Ca),
    ("Edmonton", Country::Ca),
    ("Waterloo", Country::Ca),
    ("Quebec", Country::Ca),
    ("Québec", Country::Ca),
    (", ON", Country::Ca),
    (", BC", Country::Ca),
    (", QC", Country::Ca),
    (", AB", Country::Ca),
    ("CAD", Country::Ca),
    ("Australia", Country::Au),
    ("Australian", Country::Au),
    ("Sydney", Country::Au),
    ("Melbourne", Country::Au),
    ("Brisbane", Country::Au),
    ("Perth", Country::Au),
    ("Adelaide", Country::Au),
    ("Canberra", Country::Au),
    ("New South Wales", Country::Au),
    (", AU", Country::Au),
    ("NSW", Country::Au),
    (", VIC", Country::Au),
    ("superannuation", Country::Au),
    ("+ super", Country::Au),
    ("AUD", Country::Au),
    ("New Zealand", Country::Nz),
    ("Auckland", Country::Nz),
    ("Wellington", Country::Nz),
    (", NZ", Country::Nz),
    ("NZD", Country::Nz),
    ("Singapore", Country::Sg),
    ("SGD", Country::Sg),
    ("Hong Kong", Country::Hk),
    ("HKD", Country::Hk),
    ("UK", Country::Uk),
    ("U.K.", Country::Uk),
    ("United Kingdom", Country::Uk),
    ("London", Country::Uk),
    ("Manchester", Country::Uk),
    ("Edinburgh", Country::Uk),
    ("Glasgow", Country::Uk),
    ("Bristol", Country::Uk),
    ("Leeds", Country::Uk),
    ("England", Country::Uk),
    ("Scotland", Country::Uk),
    ("GBP", Country::Uk),
    ("Germany", Country::Ez),
    ("Deutschland", Country::Ez),
    ("Berlin", Country::Ez),
    ("Munich", Country::Ez),
    ("München", Country::Ez),
    ("Hamburg", Country::Ez),
    ("Frankfurt", Country::Ez),
    ("Cologne", Country::Ez),
    ("Köln", Country::Ez),
    ("Stuttgart", Country::Ez),
    ("France", Country::Ez),
    ("Paris", Country::Ez),
    ("Lyon", Country::Ez),
    ("Spain", Country::Ez),
    ("Madrid", Country::Ez),
    ("Barcelona", Country::Ez),
    ("Valencia", Country::Ez),
    ("Portugal", Country::Ez),
    ("Lisbon", Country::Ez),
    ("Lisboa", Country::Ez),
    ("Porto", Country::Ez),
    ("Ireland", Country::Ez),
    ("Dublin", Country::Ez),
    ("Italy", Country::Ez),
    ("Milan", Country::Ez),
    ("Milano", Country::Ez),
    ("Rome", Country::Ez),
    ("Netherlands", Country::Ez),
    ("Amsterdam", Country::Ez),
    ("Rotterdam", Country::Ez),
    ("Utrecht", Country::Ez),
    ("Belgium", Country::Ez),
    ("Brussels", Country::Ez),
    ("Austria", Country::Ez),
    ("Vienna", Country::Ez),
    ("Wien", Country::Ez),
    ("Finland", Country::Ez),
    ("Helsinki", Country::Ez),
    ("Estonia", Country::Ez),
    ("Tallinn", Country::Ez),
    ("Greece", Country::Ez),
    ("Athens", Country::Ez),
    ("EU", Country::Ez),
    ("Europe", Country::Ez),
    ("EUR", Country::Ez),
    ("Switzerland", Country::Ch),
    ("Schweiz", Country::Ch),
    ("Zurich", Country::Ch),
    ("Zürich", Country::Ch),
    ("Geneva", Country::Ch),
    ("Basel", Country::Ch),
    ("Lausanne", Country::Ch),
    ("CHF", Country::Ch),
    ("Sweden", Country::Se),
    ("Stockholm", Country::Se),
    ("Gothenburg", Country::Se),
    ("Göteborg", Country::Se),
    ("Malmö", Country::Se),
    ("SEK", Country::Se),
    ("Norway", Country::No),
    ("Oslo", Country::No),
    ("NOK", Country::No),
    ("Denmark", Country::Dk),
    ("Copenhagen", Country::Dk),
    ("København", Country::Dk),
    ("Aarhus", Country::Dk),
    ("DKK", Country::Dk),
    ("Poland", Country::Pl),
    ("Warsaw", Country::Pl),
    ("Warszawa", Country::Pl),
    ("Kraków", Country::Pl),
    ("Krakow", Country::Pl),
    ("Wrocław", Country::Pl),
    ("Gdańsk", Country::Pl),
    ("PLN", Country::Pl),
    ("India", Country::In),
    ("Bengaluru", Country::In),
    ("Bangalore", Country::In),
    ("Mumbai", Country::In),
    ("Delhi", Country::In),
    ("Hyderabad", Country::In),
    ("Pune", Country::In),
    ("Chennai", Country::In),
    ("Gurgaon", Country::In),
    ("Gurugram", Country::In),
    ("Noida", Country::In),
    ("INR", Country::In),
    ("Japan", Country::Jp),
    ("Tokyo", Country::Jp),
    ("Osaka", Country::Jp),
    ("JPY", Country::Jp),
    ("China", Country::Cn),
    ("Beijing", Country::Cn),
    ("Shanghai", Country::Cn),
    ("Shenzhen", Country::Cn),
    ("CNY", Country::Cn),
    ("RMB", Country::Cn),
];

fn place_automaton() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        let mut builder = AhoCorasick::builder();
        builder.match_kind(MatchKind::LeftmostLongest).kind(Some(AhoCorasickKind::DFA));
        builder.build(PLACES.iter().map(|(p, _)| p)).ok()
    })
    .as_ref()
}

/// The place names of one text, found on first need.
struct Places<'t> {
    text: &'t str,
    /// The first place in the whole text that answers each question
    /// (dollar, yen, krona, any), once asked.
    first: [Option<Option<Country>>; 4],
}

impl Places<'_> {
    /// The first place name in `a..z` that `keep` accepts (whole words).
    fn find(&self, a: usize, z: usize, keep: fn(Country) -> bool) -> Option<Country> {
        let b = self.text.as_bytes();
        let (ac, hay) = (place_automaton()?, self.text.get(a..z)?);
        ac.find_iter(hay).find_map(|m| {
            let (s, e) = (a + m.start(), a + m.end());
            let (name, country) = PLACES[m.pattern().as_usize()];
            let before = !name.as_bytes()[0].is_ascii_alphanumeric() || s == 0 || !is_word(b[s - 1]);
            (before && b.get(e).is_none_or(|c| !is_word(*c)) && keep(country)).then_some(country)
        })
    }

    /// The country for a block at `at`: named on its line, else on the
    /// last non-blank line above, else first in the text (searched once
    /// per question); among those `keep` accepts.
    fn country(&mut self, at: usize, question: usize, keep: fn(Country) -> bool) -> Option<Country> {
        let b = self.text.as_bytes();
        let line = line_start(b, at);
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |p| at + p);
        let prev = previous_line(b, line);
        if let Some(c) = self.find(line, line_end, keep).or_else(|| self.find(prev.start, prev.end, keep)) {
            return Some(c);
        }
        let len = self.text.len();
        if let Some(known) = self.first[question] {
            return known;
        }
        let found = self.find(0, len, keep);
        self.first[question] = Some(found);
        found
    }

    /// The ISO code of a written currency: a bare `$` is USD unless the
    /// text places the job in another dollar country; `¥` is JPY unless
    /// China; `kr` SEK unless Norway or Denmark; no sign at all takes the
    /// place's currency, else USD.
    fn resolve(&mut self, cur: Option<Cur>, at: usize) -> &'static str {
        match cur {
            Some(Cur::Code(c)) => c,
            Some(Cur::Dollar) => self.country(at, 0, Country::uses_dollars).map_or("USD", Country::currency),
            Some(Cur::Yen) => {
                self.country(at, 1, |c| matches!(c, Country::Jp | Country::Cn)).map_or("JPY", Country::currency)
            }
            Some(Cur::Krona) => self
                .country(at, 2, |c| matches!(c, Country::Se | Country::No | Country::Dk))
                .map_or("SEK", Country::currency),
            None => self.country(at, 3, |_| true).map_or("USD", Country::currency),
        }
    }
}

/// A number in any text (a structured field written as a string:
/// `"95,000"`, `"$95k"`, `"95000.00"`), `k` multiplied out.
pub(super) fn parse_amount(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let start = b.iter().position(u8::is_ascii_digit)?;
    let (raw, end, _) = parse_number(b, start);
    let (mult, _, big, _) = multiplier(b, end);
    Some(if big { raw * 1_000_000.0 } else { raw * mult })
}

/// The first period word in a free-text note (a Greenhouse blurb).
pub(super) fn period_in(note: &str) -> Option<PayPeriod> {
    let hits = Hits::scan(note, 0, note.len());
    let period = |k| if let Kind::Period(p) = k { Some(p) } else { None };
    hits.first(0, note.len(), period).or_else(|| hits.first(0, note.len(), wide))
}

#[cfg(test)]
mod tests {
    use super::*;
    use PayPeriod::{Day, Hour, Month, Week, Year};

    fn got(text: &str) -> Option<(f64, f64, String, PayPeriod)> {
        scan_text(text).pay.map(|p| (p.min, p.max, p.currency, p.period))
    }

    type Case<'a> = (&'a str, Option<(f64, f64, &'a str, PayPeriod)>);

    fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for (text, want) in cases {
            let want = want.map(|(a, b, c, p)| (a, b, c.to_string(), p));
            let have = got(text);
            if have != want {
                failures.push(format!("{text:?}: want {want:?} got {have:?}"));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn the_contract_examples() {
        check(&[
            ("$150k-$200k", Some((150_000.0, 200_000.0, "USD", Year))),
            ("150–200K USD", Some((150_000.0, 200_000.0, "USD", Year))),
            ("€70.000–€90.000", Some((70_000.0, 90_000.0, "EUR", Year))),
            ("€70,000 – €90,000", Some((70_000.0, 90_000.0, "EUR", Year))),
            ("£55k + equity", Some((55_000.0, 55_000.0, "GBP", Year))),
            ("$80/hr", Some((80.0, 80.0, "USD", Hour))),
            ("CHF 120'000", Some((120_000.0, 120_000.0, "CHF", Year))),
            ("120k-160k base", Some((120_000.0, 160_000.0, "USD", Year))),
            ("USD 150,000 to 180,000 per year", Some((150_000.0, 180_000.0, "USD", Year))),
            ("$180k", Some((180_000.0, 180_000.0, "USD", Year))),
            ("Up to $200k", Some((200_000.0, 200_000.0, "USD", Year))),
            ("$200k+", Some((200_000.0, 200_000.0, "USD", Year))),
            ("Salary: 90-110k", Some((90_000.0, 110_000.0, "USD", Year))),
            ("Hourly Pay Range: $85,000–$160,000", Some((85_000.0, 160_000.0, "USD", Year))),
            ("OTE: $140,000", Some((140_000.0, 140_000.0, "USD", Year))),
        ]);
    }

    #[test]
    fn traps_alone_are_not_pay() {
        check(&[
            ("We raised $20M last year.", None),
            ("Series B, $45M from great investors", None),
            ("We reached a $1B valuation.", None),
            ("We are at $3M ARR and growing.", None),
            ("Annual revenue of $800k, profitable.", None),
            ("We process $5B in payments for 9,000 merchants.", None),
            ("Our platform handles $250k in transactions a day", None),
            ("Benefits: 401k with 4% match", None),
            ("Benefits: 401(k), dental, vision", None),
            ("0.5–1% equity, four-year vesting", None),
            ("Sign-on bonus: $20,000", None),
            ("$15k signing bonus for this role", None),
            ("Pricing starts at $49/month per seat.", None),
            ("Our Team plan costs $1,200/year.", None),
            ("$5k learning budget", None),
            ("$2,000 home-office stipend and a $100/month internet allowance", None),
            ("10k users and counting", None),
            ("Our app has 250K monthly active users.", None),
            ("Founded in 2024; 2,500 customers", None),
            ("Python 3.11, Go 1.22, PHP 8.2 and Java 21", None),
            ("Our customers save $40k a year on average.", None),
            ("Compensation: $0 + equity", None),
            ("Competitive salary, great benefits", None),
            ("see https://bit.ly/2k24U3I or grnh.se/kr0n2vu78", None),
        ]);
    }

    #[test]
    fn traps_beside_real_pay() {
        check(&[
            ("We raised a $30M Series B. Salary: $150k-$180k", Some((150_000.0, 180_000.0, "USD", Year))),
            ("Salary: $150k-$180k. We raised a $30M Series B.", Some((150_000.0, 180_000.0, "USD", Year))),
            ("$2M ARR, 12 people.\nPay: £70k–£80k", Some((70_000.0, 80_000.0, "GBP", Year))),
            ("$120k–$140k + 401(k) + $3,000 learning stipend", Some((120_000.0, 140_000.0, "USD", Year))),
            ("401k match.\n$120k–$140k", Some((120_000.0, 140_000.0, "USD", Year))),
            ("$5k learning budget\nSalary: $100k", Some((100_000.0, 100_000.0, "USD", Year))),
            ("$150k base + $25k sign-on bonus", Some((150_000.0, 150_000.0, "USD", Year))),
            ("£40,000 + £3,000 signing bonus", Some((40_000.0, 40_000.0, "GBP", Year))),
            ("$90k-$110k + 15% annual bonus", Some((90_000.0, 110_000.0, "USD", Year))),
            ("2% equity and $160k base", Some((160_000.0, 160_000.0, "USD", Year))),
            ("$150k-$190k + 0.5%-1.0% equity", Some((150_000.0, 190_000.0, "USD", Year))),
            ("Acme | Backend | Remote | $140k–$170k | Series B ($40M)", Some((140_000.0, 170_000.0, "USD", Year))),
            ("Our Pro plan is $99/month.\nSalary: $95k", Some((95_000.0, 95_000.0, "USD", Year))),
            ("40k users rely on us. Salary €60k–€75k", Some((60_000.0, 75_000.0, "EUR", Year))),
            ("$75-120k base & 200k+ equity", Some((75_000.0, 120_000.0, "USD", Year))),
            ("Pay: €60k–€90k for engineers.", Some((60_000.0, 90_000.0, "EUR", Year))),
        ]);
    }

    #[test]
    fn number_formats() {
        check(&[
            ("Salary: $150k – $180k", Some((150_000.0, 180_000.0, "USD", Year))),
            ("Salary: $65,000 to $78,000", Some((65_000.0, 78_000.0, "USD", Year))),
            ("Salary: $150,000.00 - $170,000.00", Some((150_000.0, 170_000.0, "USD", Year))),
            ("Gehalt: 60.000-75.000 EUR", Some((60_000.0, 75_000.0, "EUR", Year))),
            ("Salaire : 52 000 – 61 000 €", Some((52_000.0, 61_000.0, "EUR", Year))),
            ("Lohn: CHF 105’000 - 125’000", Some((105_000.0, 125_000.0, "CHF", Year))),
            ("Compensation: USD 140-170k", Some((140_000.0, 170_000.0, "USD", Year))),
            ("Salaire : 48-58 k€", Some((48_000.0, 58_000.0, "EUR", Year))),
            ("Salary: €72.5k–€85k", Some((72_500.0, 85_000.0, "EUR", Year))),
            ("Rate: $62.50/hr", Some((62.5, 62.5, "USD", Hour))),
            ("$95k (junior) to $210k (lead)", Some((95_000.0, 210_000.0, "USD", Year))),
            ("Salaries between $120k and $150k", Some((120_000.0, 150_000.0, "USD", Year))),
            ("$150K/yr - $180K/yr", Some((150_000.0, 180_000.0, "USD", Year))),
            ("Comp: ₹40L-₹70L base", Some((4_000_000.0, 7_000_000.0, "INR", Year))),
            ("Bengaluru | 18-24 LPA", Some((1_800_000.0, 2_400_000.0, "INR", Year))),
            ("INR 18,00,000 - 24,00,000", Some((1_800_000.0, 2_400_000.0, "INR", Year))),
            ("Location: Tokyo\nSalary: ¥8,000,000–¥11,000,000", Some((8_000_000.0, 11_000_000.0, "JPY", Year))),
            ("Lön: 48 000–58 000 kr/månad, Stockholm", Some((48_000.0, 58_000.0, "SEK", Month))),
            ("Oslo | NOK 800 000 – 1 000 000", Some((800_000.0, 1_000_000.0, "NOK", Year))),
            ("Full-Time | up to 60K Euros", Some((60_000.0, 60_000.0, "EUR", Year))),
        ]);
    }

    #[test]
    fn periods() {
        check(&[
            ("Salary: £28,000 per annum", Some((28_000.0, 28_000.0, "GBP", Year))),
            ("Salary: £3,100 per month", Some((3_100.0, 3_100.0, "GBP", Month))),
            ("Rate: £475 daily rate, outside IR35", Some((475.0, 475.0, "GBP", Day))),
            ("Day rate £500-£550", Some((500.0, 550.0, "GBP", Day))),
            ("Eight months, €650 per day", Some((650.0, 650.0, "EUR", Day))),
            ("Rate: $1,500 weekly", Some((1_500.0, 1_500.0, "USD", Week))),
            ("$2,400/week, 10-week engagement", Some((2_400.0, 2_400.0, "USD", Week))),
            ("Pay: $26–$31. This position is paid hourly.", Some((26.0, 31.0, "USD", Hour))),
            ("Pay: $4,000–$5,000. Paid monthly.", Some((4_000.0, 5_000.0, "USD", Month))),
            ("Salary band: £45,000–£52,000 (per annum, pro rata)", Some((45_000.0, 52_000.0, "GBP", Year))),
            ("The pay range for this role is $44 - $52 per hour.", Some((44.0, 52.0, "USD", Hour))),
            ("$90,000 - $115,000 annually", Some((90_000.0, 115_000.0, "USD", Year))),
            ("Gehalt: 4.500 € brutto/Monat", Some((4_500.0, 4_500.0, "EUR", Month))),
            ("Wynagrodzenie: 16 000 – 22 000 PLN netto/mies. (B2B)", Some((16_000.0, 22_000.0, "PLN", Month))),
            ("Salario: USD 3.000 – 4.000 mensuales", Some((3_000.0, 4_000.0, "USD", Month))),
            ("Helsinki | €5,000–€6,500/kk", Some((5_000.0, 6_500.0, "EUR", Month))),
            ("Wir bieten 70.000 – 85.000 EUR im Jahr", Some((70_000.0, 85_000.0, "EUR", Year))),
            ("RAL 38.000 – 45.000 €", Some((38_000.0, 45_000.0, "EUR", Year))),
            ("Salary: $7,000 - $9,000 per month (contractor)", Some((7_000.0, 9_000.0, "USD", Month))),
            ("Monthly salary: $130,000–$160,000", Some((130_000.0, 160_000.0, "USD", Year))),
            ("Hourly rate: $90,000 - $120,000", Some((90_000.0, 120_000.0, "USD", Year))),
            ("Salary: $36", Some((36.0, 36.0, "USD", Hour))),
            ("Salary: $4,200", Some((4_200.0, 4_200.0, "USD", Month))),
            ("We also pay for your gym (up to $50/month)", None),
            ("Plans from $9.99/month", None),
        ]);
    }

    #[test]
    fn several_ranges_keep_the_widest_in_the_first_currency_and_period() {
        check(&[
            ("L3: $120k-$140k\nL4: $140k-$170k\nL5: $170k-$210k", Some((120_000.0, 210_000.0, "USD", Year))),
            ("Zone A: $200,000—$240,000; Zone B: $180,000—$215,000", Some((180_000.0, 240_000.0, "USD", Year))),
            ("Pay: $160k–$190k (US), £95k–£115k (UK)", Some((160_000.0, 190_000.0, "USD", Year))),
            ("€80k–€100k in Germany, £70k–£90k in the UK", Some((80_000.0, 100_000.0, "EUR", Year))),
            ("Full-time: $130k–$150k. Contract: $75–$90/hr.", Some((130_000.0, 150_000.0, "USD", Year))),
            ("Contract: $75–$90/hr, then $150k–$170k full-time", Some((75.0, 90.0, "USD", Hour))),
            ("$45/hr (interns), $140k (new grad)", Some((45.0, 45.0, "USD", Hour))),
            ("US: $205,000 - $245,000\nCanada: CA$185,000 - CA$220,000", Some((205_000.0, 245_000.0, "USD", Year))),
        ]);
    }

    #[test]
    fn currencies_and_places() {
        check(&[
            ("Salary: C$95,000 – C$110,000", Some((95_000.0, 110_000.0, "CAD", Year))),
            ("Salary: CA$90k–CA$120k", Some((90_000.0, 120_000.0, "CAD", Year))),
            ("Salary: A$140k–A$160k + super", Some((140_000.0, 160_000.0, "AUD", Year))),
            ("Welbi | Remote | 100k - 120k CA$", Some((100_000.0, 120_000.0, "CAD", Year))),
            ("Toronto | 140,000-160,000 C$ a year", Some((140_000.0, 160_000.0, "CAD", Year))),
            ("NYC | 150-180k US$", Some((150_000.0, 180_000.0, "USD", Year))),
            ("Salary: NZ$110k", Some((110_000.0, 110_000.0, "NZD", Year))),
            ("Salary: S$8,000–S$10,000/month", Some((8_000.0, 10_000.0, "SGD", Month))),
            ("Salary: US$120,000–140,000", Some((120_000.0, 140_000.0, "USD", Year))),
            ("Pay: $130,000 - $150,000 AUD", Some((130_000.0, 150_000.0, "AUD", Year))),
            ("$180k–$210k CAD", Some((180_000.0, 210_000.0, "CAD", Year))),
            (
                "Location: Vancouver, BC\nThe salary range is $150,000 - $175,000.",
                Some((150_000.0, 175_000.0, "CAD", Year)),
            ),
            ("Location: Sydney, NSW\n$160k - $190k + super", Some((160_000.0, 190_000.0, "AUD", Year))),
            ("Acme | Toronto, ON | $140,000–$165,000", Some((140_000.0, 165_000.0, "CAD", Year))),
            ("Acme | Remote (US/Canada) | $200k–$240k", Some((200_000.0, 240_000.0, "USD", Year))),
            ("Location: Lisbon\nSalary: $8,000 - $10,000 per month", Some((8_000.0, 10_000.0, "USD", Month))),
            ("Location: Berlin\nSalary: 85–95k", Some((85_000.0, 95_000.0, "EUR", Year))),
            ("120k-160k base, San Francisco", Some((120_000.0, 160_000.0, "USD", Year))),
            ("Acme | London | 70-90k + equity", Some((70_000.0, 90_000.0, "GBP", Year))),
            ("Acme | Remote (US) | 150-200k", Some((150_000.0, 200_000.0, "USD", Year))),
            ("Acme | Engineer | Austin, TX ONSITE 150k-190k", Some((150_000.0, 190_000.0, "USD", Year))),
            ("Acme | Engineer | Austin, TX 150k-190k | Remote", Some((150_000.0, 190_000.0, "USD", Year))),
            ("Acme | Engineer | Austin, TX, 150k users", None),
            ("Acme | Engineer | Austin, TX, 150k users | Remote", None),
            ("Gehalt: 4.200 € brutto/Monat", Some((4_200.0, 4_200.0, "EUR", Month))),
        ]);
    }

    #[test]
    fn a_bare_number_needs_a_strong_cue() {
        check(&[
            ("Salary: 60,000 - 75,000", Some((60_000.0, 75_000.0, "USD", Year))),
            ("120k-150k, remote", None),
            (
                "We are looking for\n\n* Senior Cloud Engineer (Hybrid) 130k-160k\n* SWE II (Remote) 125k\n* Data Engineer 130k-150k",
                Some((125_000.0, 160_000.0, "USD", Year)),
            ),
            ("* We grew our user base to 120k", None),
            ("* Users: 120k", None),
            ("We grew from 20k to 80k requests a second", None),
            ("Team of 12 | 2020 | 100-200 employees", None),
            ("We have 50k+ stars on GitHub", None),
        ]);
    }

    #[test]
    fn a_lone_figure_in_prose_needs_a_cue() {
        check(&[
            ("For the 90M Americans earning less than $40k, we build budgets.", None),
            ("We are almost (£10k away) cashflow positive.", None),
            ("The author earned $20k on the opening weekend.", None),
            ("Buying a $350,000 house is hard.", None),
            ("Senior Developer - £100k+ (negotiable)", Some((100_000.0, 100_000.0, "GBP", Year))),
            ("Junior SWE ($150k + equity)", Some((150_000.0, 150_000.0, "USD", Year))),
            ("Control Engineer: Up to £120k + 2% depending on experience", Some((120_000.0, 120_000.0, "GBP", Year))),
            ("We hire in SF. $200k and meaningful equity.", Some((200_000.0, 200_000.0, "USD", Year))),
            ("Acme | Remote | >= $190k + 0.5% equity", Some((190_000.0, 190_000.0, "USD", Year))),
            ("£38,000", Some((38_000.0, 38_000.0, "GBP", Year))),
        ]);
    }

    #[test]
    fn evidence_points_at_the_chosen_figures() {
        let text = "We raised $20M.\nSalary: $140k-$170k (US), £90k-£100k (UK)";
        let scan = scan_text(text);
        let ev = scan.evidence.clone().unwrap();
        assert_eq!(&text[ev], "$140k-$170k");
        let zones = "Zone A: $200,000 - $240,000\nZone B: $180,000 - $215,000\nThanks";
        let ev = scan_text(zones).evidence.unwrap();
        assert_eq!(&zones[ev], "$200,000 - $240,000\nZone B: $180,000 - $215,000");
        assert_eq!(scan_text("no money here").evidence, None);
    }

    #[test]
    fn rejections_say_why() {
        let text = "We raised $20M at a $200M valuation, $3M ARR.\n401k match, $5k learning budget, 0.5% equity.\n\
                    $10k sign-on bonus. 10k users. Plans cost $29/month. Compensation: $0 + equity";
        let scan = scan_text(text);
        assert_eq!(scan.pay, None);
        let reasons: Vec<(&str, &str)> = scan.rejected.iter().map(|r| (&text[r.range.clone()], r.reason)).collect();
        let want = [
            ("$20M", "funding"),
            ("$200M", "valuation"),
            ("$3M", "revenue"),
            ("401k", "401k"),
            ("$5k", "budget"),
            ("0.5", "equity"),
            ("$10k", "bonus"),
            ("10k", "users"),
            ("$29/month", "price"),
            ("$0", "equity"),
        ];
        assert_eq!(reasons, want);
    }

    #[test]
    fn raw_and_normalised_text_read_the_same() {
        let pairs = [
            ("Salary: $150k–$180k", "Salary: $150k-$180k"),
            ("Lohn: CHF 110’000 – 130’000", "Lohn: CHF 110'000 - 130'000"),
            ("Salaire : 45\u{a0}000 € - 55\u{a0}000 €", "Salaire : 45 000 € - 55 000 €"),
            ("Salaire : 45\u{202f}000 € – 55\u{202f}000 €", "Salaire : 45 000 € - 55 000 €"),
        ];
        for (raw, normal) in pairs {
            assert_eq!(got(raw), got(normal), "{raw:?}");
            assert!(got(raw).is_some(), "{raw:?}");
        }
    }

    #[test]
    fn amounts_in_structured_strings() {
        assert_eq!(parse_amount("95000"), Some(95_000.0));
        assert_eq!(parse_amount("95,000"), Some(95_000.0));
        assert_eq!(parse_amount("$95k"), Some(95_000.0));
        assert_eq!(parse_amount("62.50"), Some(62.5));
        assert_eq!(parse_amount("none"), None);
        assert_eq!(period_in("This role is paid hourly."), Some(Hour));
        assert_eq!(period_in("Zone A"), None);
    }

    #[test]
    fn the_digit_finder_agrees_with_a_byte_loop() {
        let text = "no digits here at all, then 7 and é9 and ٣ and 0x7F: \u{7f}5 and /:0";
        let b = text.as_bytes();
        for from in 0..=b.len() {
            assert_eq!(next_digit(b, from), b[from..].iter().position(u8::is_ascii_digit).map(|p| from + p), "{from}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for from in 0..all.len() {
            assert_eq!(next_digit(&all, from), all[from..].iter().position(u8::is_ascii_digit).map(|p| from + p));
        }
    }

    #[test]
    fn a_sign_between_two_numbers_belongs_to_one_of_them() {
        for text in ["5$6", "1€2€3", "$1$2k", "10k$20k$", "£5£", "USD5USD6", "1 000 000€2"] {
            let scan = scan_text(text);
            for r in scan.rejected.iter().map(|r| r.range.clone()).chain(scan.evidence) {
                assert!(text.get(r).is_some(), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_scans_without_panicking(s in "\\PC{0,200}") {
            let scan = scan_text(&s);
            for r in scan.rejected.iter().map(|r| r.range.clone()).chain(scan.evidence) {
                proptest::prop_assert!(s.get(r).is_some());
            }
        }

        #[test]
        fn money_like_text_scans_without_panicking(
            s in "([$£€¥₹ kK0-9.,'’\u{a0}\u{202f}+/%()|:-]|–|—|to|per|hr|month|USD|CHF|LPA|L|M|\n|salary|US|C|A){0,40}"
        ) {
            let scan = scan_text(&s);
            if let Some(p) = &scan.pay {
                proptest::prop_assert!(p.is_plausible(), "{:?}", p);
            }
            for r in scan.rejected.iter().map(|r| r.range.clone()).chain(scan.evidence) {
                proptest::prop_assert!(s.get(r).is_some());
            }
        }
    }
}
