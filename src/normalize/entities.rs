//! HTML character references.
//!
//! Only references that end in `;` are decoded, so text that merely looks like
//! one (`S&P`, `&not html`) is left alone.

use std::borrow::Cow;

/// Decodes HTML character references; returns the text borrowed when there are none.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        match reference(tail) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &tail[len..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses one reference at the start of `s` (which starts with `&`).
fn reference(s: &str) -> Option<(String, usize)> {
    let semi = s[1..].find(';').filter(|&i| i <= 32)? + 1;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        numeric(code)?
    } else {
        named(body)?
    };
    Some((c.to_string(), semi + 1))
}

fn numeric(code: u32) -> Option<char> {
    if (0x80..=0x9f).contains(&code) {
        let byte = [code as u8];
        let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
        return s.chars().next();
    }
    char::from_u32(code).filter(|&c| c != '\0')
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}
