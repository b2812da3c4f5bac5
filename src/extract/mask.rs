//! Finding the spans that never hold a mention: URLs, e-mail addresses and
//! bare domains (`careers.example.io/apply.php`). A string that is itself an
//! alias (`ASP.NET`, `vb.net`, `socket.io`) is never masked.

/// Top-level domains recognised in bare domains. Kept to real, common ones
/// so that `Node.js` or `e.g.` are not taken for domains.
#[rustfmt::skip]
const TLDS: &[&str] = &[
    "ac", "agency", "ai", "app", "ar", "at", "au", "be", "biz", "br", "ca", "capital", "careers", "cc", "ch",
    "cloud", "cn", "co", "com", "company", "cz", "de", "dev", "digital", "dk", "edu", "email", "es", "eu",
    "example", "fi", "finance", "fm", "fr", "gg", "gov", "gr", "health", "hk", "hu", "ie", "il", "in", "inc",
    "info", "int", "invalid", "io", "it", "jobs", "jp", "kr", "live", "ltd", "ly", "me", "mil", "mx", "net",
    "network", "nl", "no", "nz", "online", "org", "page", "pl", "pt", "ro", "ru", "se", "sg", "sh", "site",
    "so", "software", "solutions", "studio", "systems", "team", "tech", "test", "to", "tr", "tv", "tw", "ua",
    "uk", "us", "vc", "ventures", "work", "works", "xyz", "za",
];

/// Returns the byte ranges of `text` to mask, in order. `is_alias` tells
/// whether a lower-cased string is an alias of some skill.
pub fn masked_spans(text: &str, is_alias: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let b = text.as_bytes();
    // Only chunks (runs of non-space) holding '.', '@' or ':' can be masked:
    // visit those, found with memchr, instead of every character.
    let mut from = 0;
    while let Some(n) = memchr::memchr3(b'.', b'@', b':', &b[from..]) {
        let hit = from + n;
        let start = b[..hit].iter().rposition(|c| c.is_ascii_whitespace()).map_or(0, |p| p + 1);
        let end = b[hit..].iter().position(|c| c.is_ascii_whitespace()).map_or(b.len(), |p| hit + p);
        from = end;
        if start < spans.last().map_or(0, |s: &(usize, usize)| s.1) {
            continue;
        }
        let chunk = &text[start..end];
        let (s, e) = trim_punctuation(chunk);
        // Only a '.', '@' or ':' inside (not the full stop that ends a
        // sentence) can make a URL, an address or a domain.
        if s >= e || !chunk.as_bytes()[s..e].iter().any(|c| matches!(c, b'.' | b'@' | b':')) {
            continue;
        }
        if is_maskable(&chunk[s..e], &is_alias) {
            spans.push((start + s, start + e));
        }
    }
    spans
}

fn trim_punctuation(chunk: &str) -> (usize, usize) {
    let lead = |c: char| matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '*' | '_');
    let trail =
        |c: char| matches!(c, ')' | ']' | '}' | '>' | '"' | '\'' | '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_');
    let trimmed_start = chunk.trim_start_matches(lead);
    let s = chunk.len() - trimmed_start.len();
    let e = s + trimmed_start.trim_end_matches(trail).len();
    (s, e)
}

fn is_maskable(word: &str, is_alias: &impl Fn(&str) -> bool) -> bool {
    if word.contains("://") {
        return true;
    }
    let lower = word.to_lowercase();
    if lower.starts_with("www.") && word.len() > 4 {
        return true;
    }
    if is_alias(&lower) {
        return false;
    }
    if let Some(at) = word.find('@') {
        // An e-mail address: any dotted domain with an alphabetic TLD.
        let domain = word[at + 1..].split(['/', '?']).next().unwrap_or("");
        let labels: Vec<&str> = domain.split('.').collect();
        let tld = labels[labels.len() - 1];
        return at > 0
            && labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            && tld.len() >= 2
            && tld.bytes().all(|b| b.is_ascii_alphabetic());
    }
    let host = word.split(['/', '?', '#']).next().unwrap_or("");
    let host = host
        .rsplit_once(':')
        .map_or(host, |(h, port)| if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    if is_alias(&host.to_lowercase()) {
        return false;
    }
    is_domain(host)
}

/// `label(.label)+` whose last label is a known TLD written in one case.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    if !labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    let one_case = tld.bytes().all(|b| b.is_ascii_lowercase()) || tld.bytes().all(|b| b.is_ascii_uppercase());
    one_case && TLDS.contains(&tld.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<&str> {
        let aliases = ["asp.net", "vb.net", "socket.io", "node.js"];
        masked_spans(text, |s| aliases.contains(&s)).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn masks_urls_emails_and_domains() {
        assert_eq!(
            masked("Apply: https://careers.example.com/apply.php?lang=golang or golang-jobs.example.io."),
            ["https://careers.example.com/apply.php?lang=golang", "golang-jobs.example.io"]
        );
        assert_eq!(
            masked("Email python.jobs@example.org, or (see www.acme.dev)"),
            ["python.jobs@example.org", "www.acme.dev"]
        );
        assert_eq!(masked("go.example.com/jobs and GitHub.com"), ["go.example.com/jobs", "GitHub.com"]);
        assert_eq!(
            masked("write to python@acme.example or go@corp.internal"),
            ["python@acme.example", "go@corp.internal"]
        );
    }

    #[test]
    fn keeps_aliases_and_prose() {
        assert!(masked("ASP.NET, VB.NET, Node.js, socket.io, e.g. i.e. Ph.D. U.S.").is_empty());
        assert!(masked("written in Python.It is fun; Vue.js and Next.js").is_empty());
    }
}
