//! How `posting_raw.payload` is stored: a payload is LZ4-compressed
//! against a dictionary made from the posting's own description (the
//! payload's text is mostly the description again, in HTML inside JSON),
//! as a BLOB; a row written before 0010 stays TEXT and reads as it is.
//! The BLOB starts with a version byte, 8 bytes of a SHA-256 fingerprint
//! (a description changed by hand is noticed, not misread) and the
//! payload's length.
//!
//! Version 2 (migration 0012) adds to the dictionary what LZ4 alone
//! cannot find in a plain description: the JSON keys and HTML markup
//! payloads are written with ([`PRIMER`]) and the description escaped the
//! way HTML inside JSON carries it (`&#x27;`, `&#x2F;`, `<p>`, `\n`), so
//! that a payload is a few long matches instead of a match per
//! apostrophe, slash and paragraph (72 HN months: 12.7 → 7.9 MB).
//! Version 1 (the description's end alone) is still read.

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// The first byte of a payload compressed against the description alone.
const VERSION_1: u8 = 1;
/// The first byte of a payload compressed against [`PRIMER`], the
/// description and its escaped form.
const VERSION_2: u8 = 2;
/// Version, fingerprint, length.
const HEADER: usize = 1 + 8 + 4;
/// LZ4 looks back 64 KiB at most: the dictionary is the end of its text.
const WINDOW: usize = 65_536;

/// Text that payloads are written with whatever their posting says: JSON
/// keys of the sources' payloads, HTML tags and entities. Payloads of
/// version 2 are decoded against it: never edit it (a new primer is a new
/// version).
const PRIMER: &str = concat!(
    r#"{"author":"","children":[],"created_at":"T00:00:00.000Z","created_at_i":1,"id":1,"options":[],"#,
    r#""parent_id":1,"points":null,"story_id":1,"title":null,"type":"comment","url":null,"text":""#,
    r#"<p><a href="https:&#x2F;&#x2F;www." rel="nofollow">https:&#x2F;&#x2F;</a> <i></i> <b></b> "#,
    r#"<pre><code></code></pre> <ul><li></li></ul> &#x27; &quot; &amp; &lt; &gt; &#39; &nbsp; "#,
    r#""@context":"https://schema.org","@type":"JobPosting","description":"","datePosted":"","#,
    r#""hiringOrganization":{"@type":"Organization","name":""},"jobLocation":{"@type":"Place","#,
    r#""address":{"@type":"PostalAddress","addressLocality":"","addressCountry":""}},"#,
    r#""content":"","absolute_url":"https://","location":{"name":""},"updated_at":"","#,
    r#""descriptionPlain":"","hostedUrl":"https://jobs.","categories":{"team":"","commitment":""},"#,
);

/// A payload that cannot be read back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("the payload was compressed against a description that has since been changed")]
    DescriptionChanged,
    #[error("the payload is not a payload skilltrend wrote ({0})")]
    Corrupt(String),
}

/// The dictionary of version 1: the description's end.
fn dictionary_v1(description: &str) -> &[u8] {
    tail(description.as_bytes())
}

/// The dictionary of version 2: [`PRIMER`], the description, and the
/// description escaped as HTML inside a JSON string; its end.
fn dictionary_v2(description: &str) -> Vec<u8> {
    let mut dict = Vec::with_capacity(PRIMER.len() + description.len() * 9 / 4);
    dict.extend_from_slice(PRIMER.as_bytes());
    dict.extend_from_slice(description.as_bytes());
    push_escaped(&mut dict, description);
    let start = dict.len().saturating_sub(WINDOW);
    dict.drain(..start);
    dict
}

/// The last [`WINDOW`] bytes.
fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(WINDOW)..]
}

/// Appends `text` as HTML in a JSON string writes it: a blank line is
/// `<p>`, a newline `\n`, and the characters HTML escapes are entities
/// (as Hacker News writes them). Only a guess that makes matches longer:
/// a payload escaped otherwise still decodes, it is merely larger.
fn push_escaped(out: &mut Vec<u8>, text: &str) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rep: &[u8] = match b[i] {
            b'\n' if b.get(i + 1) == Some(&b'\n') => {
                i += 1;
                b"<p>"
            }
            b'\n' => b"\\n",
            b'/' => b"&#x2F;",
            b'\'' => b"&#x27;",
            b'"' => b"&quot;",
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            c => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(rep);
        i += 1;
    }
}

fn fingerprint(bytes: &[u8]) -> [u8; 8] {
    let digest = Sha256::digest(bytes);
    let mut out = [0; 8];
    out.copy_from_slice(&digest[..8]);
    out
}

/// The stored form of a payload: compressed (version 2) when that is
/// smaller.
pub fn encode(payload: &str, description: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    let Ok(len) = u32::try_from(payload.len()) else { return Value::Text(payload.to_string()) };
    let packed = lz4_flex::block::compress_with_dict(payload.as_bytes(), &dictionary_v2(description));
    if packed.len() + HEADER >= payload.len() {
        return Value::Text(payload.to_string());
    }
    let mut out = Vec::with_capacity(HEADER + packed.len());
    out.push(VERSION_2);
    out.extend_from_slice(&fingerprint(description.as_bytes()));
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&packed);
    Value::Blob(out)
}

/// A stored payload read back (TEXT as it is, a BLOB decompressed against
/// the description it was written with).
pub fn decode(stored: ValueRef<'_>, description: &str) -> Result<String, PayloadError> {
    let blob = match stored {
        ValueRef::Null => return Ok(String::new()),
        ValueRef::Text(t) => return Ok(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => b,
        other => return Err(PayloadError::Corrupt(format!("a {:?}", other.data_type()))),
    };
    if blob.len() < HEADER {
        return Err(PayloadError::Corrupt("an unknown header".into()));
    }
    let v2;
    let (dict, fingerprinted): (&[u8], &[u8]) = match blob[0] {
        VERSION_1 => (dictionary_v1(description), dictionary_v1(description)),
        VERSION_2 => {
            v2 = dictionary_v2(description);
            (&v2, description.as_bytes())
        }
        _ => return Err(PayloadError::Corrupt("an unknown header".into())),
    };
    if blob[1..9] != fingerprint(fingerprinted) {
        return Err(PayloadError::DescriptionChanged);
    }
    let len = u32::from_le_bytes([blob[9], blob[10], blob[11], blob[12]]) as usize;
    let bytes = lz4_flex::block::decompress_with_dict(&blob[HEADER..], len, dict)
        .map_err(|e| PayloadError::Corrupt(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| PayloadError::Corrupt(e.to_string()))
}

/// [`decode`] for the readers that go on without a payload they cannot
/// read (re-extraction then works from the text alone, and says so).
pub fn decode_or_warn(stored: ValueRef<'_>, description: &str, posting_id: i64) -> String {
    decode(stored, description).unwrap_or_else(|e| {
        tracing::warn!("posting {posting_id}: {e}; its payload is left out");
        String::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value;

    fn as_ref(v: &Value) -> ValueRef<'_> {
        ValueRef::from(v)
    }

    #[test]
    fn a_payload_comes_back_as_it_was_and_much_smaller() {
        let description = "Acme | Rust engineer | Remote\n\nWe build databases in Rust and Kafka. ".repeat(20);
        let payload = format!(r#"{{"id":1,"text":"<p>{}</p>"}}"#, description.replace('\n', "<p>"));
        let stored = encode(&payload, &description);
        let Value::Blob(blob) = &stored else { panic!("not compressed: {stored:?}") };
        assert!(blob.len() * 5 < payload.len(), "{} of {}", blob.len(), payload.len());
        assert_eq!(decode(as_ref(&stored), &description).unwrap(), payload);
    }

    /// A payload as version 1 wrote it (the description's end alone).
    fn encode_v1(payload: &str, description: &str) -> Value {
        let dict = dictionary_v1(description);
        let mut out = vec![VERSION_1];
        out.extend_from_slice(&fingerprint(dict));
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(&lz4_flex::block::compress_with_dict(payload.as_bytes(), dict));
        Value::Blob(out)
    }

    fn stored_len(v: &Value) -> usize {
        match v {
            Value::Blob(b) => b.len(),
            Value::Text(t) => t.len(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_html_payload_costs_far_less_than_against_the_plain_description_and_both_read_back() {
        // An HN comment: apostrophes, slashes and quotes as entities, paragraphs as <p>, a link.
        let words = ["rust", "kafka", "team's", "build", "a/b", "\"fast\"", "data", "&", "go", "<3", "we're", "ship"];
        let mut seed = 7u32;
        let mut word = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            words[(seed >> 16) as usize % words.len()]
        };
        let description = (0..30)
            .map(|i| {
                format!(
                    "{i}: {} {} {} {} {} {} see https://acme.example/jobs/{i}",
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word()
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let html = description
            .replace('&', "&amp;")
            .replace('\'', "&#x27;")
            .replace('/', "&#x2F;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace("\n\n", "<p>");
        let payload = format!(
            r#"{{"author":"someone","created_at":"2024-03-01T15:00:00.000Z","id":7,"text":"{html}","type":"comment"}}"#
        );
        let (v1, v2) = (encode_v1(&payload, &description), encode(&payload, &description));
        assert!(matches!(&v2, Value::Blob(b) if b[0] == VERSION_2));
        assert!(stored_len(&v2) * 2 < stored_len(&v1), "v2 {} bytes, v1 {}", stored_len(&v2), stored_len(&v1));
        assert_eq!(decode(as_ref(&v1), &description).unwrap(), payload);
        assert_eq!(decode(as_ref(&v2), &description).unwrap(), payload);
        assert_eq!(decode(as_ref(&v1), "edited"), Err(PayloadError::DescriptionChanged));
    }

    #[test]
    fn a_payload_that_carries_the_description_as_it_is_still_compresses() {
        let description = "Acme's team/platform: \"data\" & ML. ".repeat(40);
        let payload = format!(r#"{{"descriptionPlain":{}}}"#, serde_json::to_string(&description).unwrap());
        let stored = encode(&payload, &description);
        assert!(stored_len(&stored) * 8 < payload.len(), "{} of {}", stored_len(&stored), payload.len());
        assert_eq!(decode(as_ref(&stored), &description).unwrap(), payload);
    }

    #[test]
    fn text_rows_read_as_they_are_and_a_changed_description_is_noticed() {
        assert_eq!(decode(ValueRef::Text(b"{\"a\":1}"), "whatever").unwrap(), "{\"a\":1}");
        assert_eq!(decode(ValueRef::Null, "").unwrap(), "");
        // Too short to gain: kept as text.
        assert_eq!(encode("{}", "x"), Value::Text("{}".into()));
        let description = "Python and SQL, every day. ".repeat(50);
        let stored = encode(&format!("<p>{description}</p>"), &description);
        assert!(matches!(stored, Value::Blob(_)));
        assert_eq!(decode(as_ref(&stored), "edited by hand"), Err(PayloadError::DescriptionChanged));
        assert_eq!(decode_or_warn(as_ref(&stored), "edited by hand", 7), "");
        assert!(matches!(decode(ValueRef::Blob(&[9, 9]), ""), Err(PayloadError::Corrupt(_))));
        assert!(matches!(decode(ValueRef::Blob(&[7; 20]), ""), Err(PayloadError::Corrupt(_))));
    }
}
