//! HTML character references (POLICY.md "Normalise", second point).
//!
//! * Every HTML5 named reference that ends in `;` is decoded; the table comes
//!   from the `entities` crate (the WHATWG list as data) and is indexed once.
//! * An all-capitals spelling of a known name (`&EURO;`, `&NBSP;`,
//!   `&SCARON;`) is decoded as the capitalised name (`&Scaron;`) when that
//!   exists, otherwise as the lower-case one.
//! * Numeric references are decoded; 0x80–0x9F are read as Windows-1252, as
//!   browsers do, and values that are no character become U+FFFD.
//! * Doubly escaped references (`&amp;nbsp;`, `&amp;amp;#8217;`) are decoded
//!   all the way down.
//!
//! Only references that end in `;` are decoded, so text that merely looks like
//! one (`S&P`, `AT&T`, `&not html`) is left alone.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Longest name in the HTML5 table is 31 bytes (`&CounterClockwiseContourIntegral;`).
const MAX_BODY: usize = 32;

/// Named references without `&` and `;`, mapped to the text they stand for.
static NAMED: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    entities::ENTITIES
        .iter()
        .filter_map(|e| {
            let name = e.entity.strip_prefix('&')?.strip_suffix(';')?;
            Some((name, e.characters))
        })
        .collect()
});

/// Decodes HTML character references; returns the text borrowed when there are none.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    // Cost: every step, the unwrapping of `&amp;amp;` included, moves
    // `rest` forward, so the loop is linear in the line.
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let mut tail = &rest[amp + 1..];
        match reference(tail) {
            Some((mut decoded, mut len)) => {
                // `&amp;` followed by another reference is an escaped escape:
                // keep unwrapping while that holds.
                while decoded == "&" {
                    match reference(&tail[len..]) {
                        Some((d, l)) => {
                            tail = &tail[len..];
                            decoded = d;
                            len = l;
                        }
                        None => break,
                    }
                }
                out.push_str(&decoded);
                rest = &tail[len..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses one reference at the start of `s`, which is the text just after a
/// `&`. Returns the decoded text and the number of bytes used, `;` included.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let semi = s.as_bytes().iter().take(MAX_BODY + 1).position(|&b| b == b';')?;
    let body = &s[..semi];
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    let decoded = if let Some(num) = body.strip_prefix('#') {
        Cow::Owned(numeric(num)?.to_string())
    } else {
        Cow::Borrowed(named(body)?)
    };
    Some((decoded, semi + 1))
}

/// Decodes the digits of a numeric reference (after `#`).
fn numeric(num: &str) -> Option<char> {
    let (digits, radix) = match num.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (num, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Too many digits for a u32 is still a reference, just not to a character.
    let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    if (0x80..=0x9f).contains(&code) {
        let byte = [code as u8];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return s.chars().next();
    }
    Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'))
}

/// Looks a name up as written, then its all-capitals spelling as a known name.
fn named(name: &str) -> Option<&'static str> {
    if let Some(&s) = NAMED.get(name) {
        return Some(s);
    }
    if name.len() < 2 || !name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let mut capitalised = lower.clone();
    capitalised[..1].make_ascii_uppercase();
    NAMED.get(capitalised.as_str()).or_else(|| NAMED.get(lower.as_str())).copied()
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn named_and_numeric() {
        assert_eq!(decode_entities("&lt;b&gt; &amp; &nbsp;"), "<b> & \u{a0}");
        assert_eq!(decode_entities("jednocze&sacute;nie &Sacute;"), "jednocześnie Ś");
        assert_eq!(decode_entities("&#8217;&#x2019;&#X2019;"), "’’’");
        assert_eq!(decode_entities("&CounterClockwiseContourIntegral;"), "∳");
        assert_eq!(decode_entities("&NotEqualTilde;"), "≂\u{338}");
    }

    #[test]
    fn c1_numbers_are_windows_1252() {
        assert_eq!(decode_entities("&#133;&#x85;&#x80;&#150;"), "……€–");
        assert_eq!(decode_entities("&#x81;"), "\u{81}");
    }

    #[test]
    fn out_of_range_numbers_become_replacement() {
        assert_eq!(decode_entities("&#xffffffff;"), "\u{FFFD}");
        assert_eq!(decode_entities("&#99999999999;"), "\u{FFFD}");
        assert_eq!(decode_entities("&#xD800;"), "\u{FFFD}");
    }

    #[test]
    fn double_escapes_decode_all_the_way() {
        assert_eq!(decode_entities("a&amp;nbsp;b"), "a\u{a0}b");
        assert_eq!(decode_entities("it&amp;#8217;s"), "it’s");
        assert_eq!(decode_entities("&amp;amp;amp;"), "&");
        assert_eq!(decode_entities("&amp;amp; &amp;"), "& &");
    }

    #[test]
    fn upper_case_names() {
        assert_eq!(decode_entities("&EURO; &NBSP;x"), "€ \u{a0}x");
        assert_eq!(decode_entities("JEDNOCZE&SACUTE;NIE V&SCARON;ICHNI"), "JEDNOCZEŚNIE VŠICHNI");
        assert_eq!(decode_entities("&AMP;"), "&");
    }

    #[test]
    fn lookalikes_stay() {
        for s in [
            "S&P 500",
            "AT&T;",
            "this is just informal english &not html",
            "not an entity &#20x6;",
            "&#;",
            "&;",
            "fish & chips; peas",
            "&unknownname;",
            "&#x;",
            "a & b",
        ] {
            assert_eq!(decode_entities(s), s, "{s}");
        }
    }
}
