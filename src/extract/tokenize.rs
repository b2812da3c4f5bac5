//! The tokenizer shared by the taxonomy's aliases and posting text.
//!
//! Words are runs of letters and digits; a `.` between alphanumerics or
//! before a letter at the start joins (`.NET`, `Node.js`, `python3.11`); a
//! trailing `+`, `++` or `#` joins (`C++`, `C#`, `C++17`); an apostrophe
//! inside a word joins (`don't`) and a trailing `'s` is dropped. Every other
//! non-space character is a one-character punctuation token, and each line
//! break is a token of its own.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
    Newline,
}

/// A token: byte offsets into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Where a glued version number starts (`python3.11` -> at `3`), or `end`.
    pub version_at: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The token's text without a glued version.
    pub fn base<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.version_at]
    }

    /// Whether the token carries a glued version (`java17`).
    pub fn has_version(&self) -> bool {
        self.version_at < self.end
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && text[self.start..self.end].starts_with(c)
    }
}

fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths.
        if b == b'\n' {
            tokens.push(Token { start: i, end: i + 1, kind: TokenKind::Newline, version_at: i + 1 });
            i += 1;
            continue;
        }
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let starts_word = is_alnum(c)
            || (c == '.' && next_char(text, i + 1).is_some_and(|n| n.is_alphabetic()) && !prev_is_alnum(text, i));
        if starts_word {
            let end = scan_word(text, i);
            let (end, skip_to) = strip_possessive(text, i, end);
            let version_at = version_start(text, i, end);
            tokens.push(Token { start: i, end, kind: TokenKind::Word, version_at });
            i = skip_to;
        } else {
            let len = c.len_utf8();
            tokens.push(Token { start: i, end: i + len, kind: TokenKind::Punct, version_at: i + len });
            i += len;
        }
    }
    tokens
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 { b as char } else { text[i..].chars().next().unwrap_or(' ') }
}

#[inline]
fn next_char(text: &str, i: usize) -> Option<char> {
    if i >= text.len() { None } else { Some(char_at(text, i)) }
}

fn prev_is_alnum(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(is_alnum)
}

/// Scans a word starting at `start`; returns its end.
fn scan_word(text: &str, start: usize) -> usize {
    let mut i = start;
    // A leading '.' (".NET").
    if text.as_bytes()[i] == b'.' {
        i += 1;
    }
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits without decoding.
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        match next_char(text, i) {
            Some(c) if is_alnum(c) => i += c.len_utf8(),
            Some(c @ ('.' | '\'')) if next_char(text, i + 1).is_some_and(is_alnum) => i += c.len_utf8(),
            _ => break,
        }
    }
    // Trailing "+", "++" or "#", then an optional glued version (C++17).
    let b = text.as_bytes();
    let mut j = i;
    if j < b.len() && b[j] == b'#' {
        j += 1;
    } else {
        let mut plus = 0;
        while j < b.len() && b[j] == b'+' && plus < 2 {
            j += 1;
            plus += 1;
        }
    }
    if j > i {
        match next_char(text, j) {
            Some(c) if c.is_alphabetic() => return i,
            Some(c) if c.is_ascii_digit() => {
                while j < b.len()
                    && (b[j].is_ascii_digit() || (b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
                {
                    j += 1;
                }
            }
            _ => {}
        }
        return j;
    }
    i
}

/// Drops a trailing `'s`; returns (token end, where scanning resumes).
fn strip_possessive(text: &str, start: usize, end: usize) -> (usize, usize) {
    let word = &text[start..end];
    if word.len() > 2 && (word.ends_with("'s") || word.ends_with("'S")) { (end - 2, end) } else { (end, end) }
}

/// Where a glued version starts: a run of digits and dots that begins with a
/// digit, ends the token and follows a letter, `+` or `#`.
fn version_start(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut v = end;
    while v > start && (b[v - 1].is_ascii_digit() || b[v - 1] == b'.') {
        v -= 1;
    }
    // Must begin with a digit.
    while v < end && b[v] == b'.' {
        v += 1;
    }
    if v == end || v == start {
        return end;
    }
    let before = b[v - 1];
    if before.is_ascii_alphabetic() || before == b'+' || before == b'#' { v } else { end }
}

/// Lower-case token texts of an alias, `-` separators dropped.
pub fn alias_tokens(alias: &str) -> Vec<String> {
    tokenize(alias)
        .iter()
        .filter(|t| !t.is_punct(alias, '-') && t.kind != TokenKind::Newline)
        .map(|t| t.text(alias).to_lowercase())
        .collect()
}

/// The key an alias is matched by: its tokens, each followed by one space.
pub fn alias_key(alias: &str) -> String {
    let mut key = String::new();
    for t in alias_tokens(alias) {
        key.push_str(&t);
        key.push(' ');
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn joins_what_the_contract_says() {
        assert_eq!(words("C/C++ and C# on .NET"), ["C", "/", "C++", "and", "C#", "on", ".NET"]);
        assert_eq!(words("Node.js, python3.11; ASP.NET"), ["Node.js", ",", "python3.11", ";", "ASP.NET"]);
        assert_eq!(words("Python's ecosystem"), ["Python", "ecosystem"]);
        assert_eq!(words("in Go."), ["in", "Go", "."]);
        assert_eq!(words("C++17 and Objective-C"), ["C++17", "and", "Objective", "-", "C"]);
        assert_eq!(words("e.g. don't"), ["e.g", ".", "don't"]);
        assert_eq!(words("a\n- Go"), ["a", "\n", "-", "Go"]);
        assert_eq!(words("🐍 Python ✅ Java • PHP"), ["🐍", "Python", "✅", "Java", "•", "PHP"]);
    }

    #[test]
    fn finds_glued_versions() {
        let t = "python3.11 java17 c++17 es6 k8s 3.11 neo4j";
        let toks = tokenize(t);
        let bases: Vec<&str> = toks.iter().map(|k| k.base(t)).collect();
        assert_eq!(bases, ["python", "java", "c++", "es", "k8s", "3.11", "neo4j"]);
    }

    #[test]
    fn alias_keys_treat_space_and_hyphen_alike() {
        assert_eq!(alias_key("Objective-C"), "objective c ");
        assert_eq!(alias_key("objective c"), "objective c ");
        assert_eq!(alias_key("PL/SQL"), "pl / sql ");
        assert_eq!(alias_key("c++"), "c++ ");
    }
}
