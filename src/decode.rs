//! Bytes in any common encoding to UTF-8.
//!
//! Order of decisions: a byte-order mark wins; then an explicit `--encoding`
//! label; then valid UTF-8 is borrowed without a copy; then NUL bytes mean
//! binary input; then mostly-UTF-8 input with a few bad bytes is decoded as
//! UTF-8 with U+FFFD; anything else goes to legacy-encoding detection.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// How to choose the input encoding.
#[derive(Clone, Copy, Debug, Default)]
pub enum EncodingChoice {
    /// BOM, then UTF-8, then detection.
    #[default]
    Auto,
    /// This encoding, unless a BOM says otherwise.
    Fixed(&'static Encoding),
}

impl EncodingChoice {
    /// Looks up an encoding label (`windows-1254`, `latin5`, `utf-16le`...).
    ///
    /// # Errors
    /// [`Error::UnknownEncoding`] when no encoding answers to the label.
    pub fn from_label(label: &str) -> Result<EncodingChoice> {
        Encoding::for_label_no_replacement(label.trim().as_bytes())
            .map(EncodingChoice::Fixed)
            .ok_or_else(|| Error::UnknownEncoding { label: label.to_string() })
    }
}

/// Decoded text and how it was obtained.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, borrowed from the input when it was valid UTF-8 without a BOM.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// True when some bytes were invalid and became U+FFFD.
    pub had_errors: bool,
    /// True when the encoding was guessed by detection.
    pub detected: bool,
}

/// Decodes `bytes` to UTF-8.
///
/// # Errors
/// [`Error::Binary`] when the input holds a NUL byte and no UTF-16 BOM (and no
/// UTF-16 encoding was asked for).
pub fn to_utf8(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded<'_>> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text, encoding: enc, had_errors, detected: false });
    }
    if let EncodingChoice::Fixed(enc) = choice {
        if enc != UTF_16LE && enc != UTF_16BE {
            check_binary(bytes)?;
        }
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded { text, encoding: enc, had_errors, detected: false });
    }
    let valid_up_to = Encoding::utf8_valid_up_to(bytes);
    if valid_up_to == bytes.len() {
        check_binary(bytes)?;
        // SAFETY-free: the bytes were just checked to be UTF-8.
        let text = std::str::from_utf8(bytes).expect("checked by utf8_valid_up_to");
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            had_errors: false,
            detected: false,
        });
    }
    check_binary(bytes)?;
    if mostly_utf8(bytes) {
        let (text, had_errors) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded { text, encoding: UTF_8, had_errors, detected: false });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded { text, encoding: enc, had_errors, detected: true })
}

fn check_binary(bytes: &[u8]) -> Result<()> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(Error::Binary { offset }),
        None => Ok(()),
    }
}

/// True when valid multi-byte UTF-8 sequences clearly outnumber invalid bytes:
/// then the input is UTF-8 with a few damaged bytes, not a legacy encoding
/// (where valid multi-byte sequences occur only by accident).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction.
                valid_multibyte += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let skip = e.error_len().unwrap_or(bad.len());
                invalid += 1;
                rest = &bad[skip..];
            }
        }
    }
    valid_multibyte >= 4 * invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let d = to_utf8("çalışma".as_bytes(), EncodingChoice::Auto).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn bom_decides() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        let d = to_utf8(&bytes, EncodingChoice::Auto).unwrap();
        assert_eq!(d.text, "hi");
        assert_eq!(d.encoding, UTF_16LE);
    }

    #[test]
    fn nul_is_binary() {
        assert!(matches!(
            to_utf8(b"ab\0cd", EncodingChoice::Auto),
            Err(Error::Binary { offset: 2 })
        ));
    }

    #[test]
    fn few_bad_bytes_stay_utf8() {
        let mut bytes = "Türkçe metin, üç beş altı yedi sekiz dokuz.".as_bytes().to_vec();
        bytes.push(0xff);
        let d = to_utf8(&bytes, EncodingChoice::Auto).unwrap();
        assert!(d.had_errors);
        assert!(d.text.ends_with('\u{FFFD}'));
        assert!(d.text.starts_with("Türkçe"));
    }

    #[test]
    fn unknown_label() {
        assert!(matches!(
            EncodingChoice::from_label("klingon"),
            Err(Error::UnknownEncoding { .. })
        ));
    }
}
