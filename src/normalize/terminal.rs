//! Terminal escape sequences (ANSI colour codes and friends), removed whole.

use std::borrow::Cow;

/// Removes ECMA-48 escape sequences: CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL|ST`),
/// and two-byte `ESC x` escapes. A lone ESC at the end is left for the
/// control-character step.
pub fn strip_terminal_escapes(text: &str) -> Cow<'_, str> {
    if memchr::memchr(0x1b, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != 0x1b || i + 1 >= b.len() {
            i += 1;
            continue;
        }
        let start = i;
        let end = match b[i + 1] {
            b'[' => {
                // Parameters and intermediates, then one final byte 0x40..=0x7E.
                let mut j = i + 2;
                while j < b.len() && (0x20..=0x3f).contains(&b[j]) {
                    j += 1;
                }
                if j < b.len() && (0x40..=0x7e).contains(&b[j]) { Some(j + 1) } else { None }
            }
            b']' => {
                let mut j = i + 2;
                let mut end = None;
                while j < b.len() {
                    if b[j] == 0x07 {
                        end = Some(j + 1);
                        break;
                    }
                    if b[j] == 0x1b && b.get(j + 1) == Some(&b'\\') {
                        end = Some(j + 2);
                        break;
                    }
                    j += 1;
                }
                end
            }
            0x40..=0x5f | b'(' | b')' => {
                // Fe escapes, and charset selection which takes one more byte.
                if matches!(b[i + 1], b'(' | b')') {
                    if i + 2 < b.len() && b[i + 2].is_ascii() { Some(i + 3) } else { None }
                } else {
                    Some(i + 2)
                }
            }
            _ => None,
        };
        match end {
            Some(end) => {
                out.push_str(&text[copied..start]);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_csi_and_osc() {
        assert_eq!(strip_terminal_escapes("\u{1b}[1;31mred\u{1b}[m"), "red");
        assert_eq!(strip_terminal_escapes("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(strip_terminal_escapes("no escapes"), "no escapes");
    }

    #[test]
    fn unfinished_sequence_is_left() {
        assert_eq!(strip_terminal_escapes("x\u{1b}[12"), "x\u{1b}[12");
    }
}
