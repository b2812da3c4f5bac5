//! How `posting_raw.payload` is stored: a payload is LZ4-compressed with
//! the posting's own description as the dictionary (the payload's text is
//! mostly the description in HTML, so it costs a sixth of its size instead
//! of all of it), as a BLOB; a row written before stays TEXT and reads as
//! it is. The BLOB starts with a version byte, 8 bytes of the dictionary's
//! SHA-256 (a description changed by hand is noticed, not misread) and the
//! payload's length.

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// The first byte of a compressed payload.
const VERSION: u8 = 1;
/// Version, fingerprint, length.
const HEADER: usize = 1 + 8 + 4;
/// LZ4 looks back 64 KiB at most: the dictionary is the description's end.
const WINDOW: usize = 65_536;

/// A payload that cannot be read back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("the payload was compressed against a description that has since been changed")]
    DescriptionChanged,
    #[error("the payload is not a payload skilltrend wrote ({0})")]
    Corrupt(String),
}

/// The end of the description that serves as the dictionary.
fn dictionary(description: &str) -> &[u8] {
    let bytes = description.as_bytes();
    &bytes[bytes.len().saturating_sub(WINDOW)..]
}

fn fingerprint(dict: &[u8]) -> [u8; 8] {
    let digest = Sha256::digest(dict);
    let mut out = [0; 8];
    out.copy_from_slice(&digest[..8]);
    out
}

/// The stored form of a payload: compressed when that is smaller.
pub fn encode(payload: &str, description: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    let dict = dictionary(description);
    let Ok(len) = u32::try_from(payload.len()) else { return Value::Text(payload.to_string()) };
    let packed = lz4_flex::block::compress_with_dict(payload.as_bytes(), dict);
    if packed.len() + HEADER >= payload.len() {
        return Value::Text(payload.to_string());
    }
    let mut out = Vec::with_capacity(HEADER + packed.len());
    out.push(VERSION);
    out.extend_from_slice(&fingerprint(dict));
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
    if blob.len() < HEADER || blob[0] != VERSION {
        return Err(PayloadError::Corrupt("an unknown header".into()));
    }
    let dict = dictionary(description);
    if blob[1..9] != fingerprint(dict) {
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
    }
}
