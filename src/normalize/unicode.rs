//! NFC, invisible characters and space characters.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Composes to Unicode NFC; borrows when the text already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => {
            let composed: String = text.nfc().collect();
            if composed == text { Cow::Borrowed(text) } else { Cow::Owned(composed) }
        }
    }
}

/// What the character step does with one character.
enum CharClass {
    Keep,
    Drop,
    Space,
}

fn classify(c: char) -> CharClass {
    match c {
        ' ' | '\t' => CharClass::Space,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => CharClass::Drop,
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            CharClass::Space
        }
        // Soft hyphen, zero-width space, word joiner and invisible operators,
        // the deprecated format controls, BOM, interlinear annotation marks
        // and the object replacement character: nothing a reader sees.
        '\u{ad}'
        | '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffc}' => CharClass::Drop,
        _ => CharClass::Keep,
    }
}

/// Drops invisible characters and controls, turns space characters into a
/// plain space, collapses runs of spaces and trims both ends.
pub fn clean_chars(text: &str) -> Cow<'_, str> {
    let needs_work = {
        let b = text.as_bytes();
        b.first() == Some(&b' ')
            || b.last() == Some(&b' ')
            || b.windows(2).any(|w| w == b"  ")
            || text.chars().any(|c| !matches!(classify(c), CharClass::Keep) && c != ' ')
    };
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match classify(c) {
            CharClass::Drop => {}
            CharClass::Space => pending_space = true,
            CharClass::Keep => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}
