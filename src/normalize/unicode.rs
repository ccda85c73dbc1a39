//! NFC, invisible characters and space characters.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::bytes::has_byte_where;

/// Composes to Unicode NFC; borrows when the text already is.
pub fn nfc(text: &str) -> Cow<'_, str> {
    // Characters below U+0300 (ASCII, Latin-1, Latin Extended, IPA) are all
    // NFC and combine with nothing: their UTF-8 has no byte from 0xCC up.
    // Cost: one vectorised byte scan; only text in other scripts is looked up,
    // and most of that only as far as `is_inert` (typographic punctuation,
    // Cyrillic, CJK).
    if !has_byte_where(text.as_bytes(), |b| b >= 0xcc) || all_inert_from_u0300(text) {
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

/// True for characters that are NFC and take part in no composition, checked
/// for every one of them by the unit tests: general punctuation (quotes,
/// dashes, bullets, the ellipsis), Cyrillic letters, box drawing and
/// geometric shapes, and the CJK unified ideographs. A line whose characters
/// from U+0300 up are all of these is NFC as it stands.
fn is_inert(c: char) -> bool {
    matches!(c,
        '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{4ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2500}'..='\u{25ff}'
        | '\u{4e00}'..='\u{9fff}')
}

/// True when every character of `text` from U+0300 up [`is_inert`].
///
/// Cost: a vectorised scan, a chunk at a time; only where a chunk holds a
/// lead byte from 0xCC up (always the start of a character) is one decoded.
fn all_inert_from_u0300(text: &str) -> bool {
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    bytes.chunks(CHUNK).enumerate().all(|(k, chunk)| {
        !has_byte_where(chunk, |b| b >= 0xcc)
            || chunk
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b >= 0xcc)
                .all(|(i, _)| text[k * CHUNK + i..].chars().next().is_some_and(is_inert))
    })
}

/// What the character step does with one character.
enum CharClass {
    Keep,
    Drop,
    Space,
}

#[inline]
fn classify(c: char) -> CharClass {
    // Printable ASCII but the space: most characters, settled first.
    if ('!'..='~').contains(&c) {
        return CharClass::Keep;
    }
    match c {
        ' ' | '\t' => CharClass::Space,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => CharClass::Drop,
        // Every other White_Space character, the line and paragraph
        // separators included: inside a line they can only separate words.
        '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}' => CharClass::Space,
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

/// True when `bytes` holds two spaces in a row.
///
/// Cost: like `has_byte_where`, vectorised (a substring search costs more
/// on lines this short).
pub(super) fn has_double_space(bytes: &[u8]) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    bytes.iter().zip(next).fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')))
}

/// True when [`clean_chars`] would change something: a space at an end, a
/// double space, an ASCII control, or a character that is not kept.
///
/// Cost: vectorised byte scans; only characters whose lead byte can start a
/// special one are decoded.
fn needs_char_work(text: &str) -> bool {
    let b = text.as_bytes();
    let special = |i: usize| {
        text[i..].chars().next().is_some_and(|c| !matches!(classify(c), CharClass::Keep))
    };
    b.first() == Some(&b' ')
        || b.last() == Some(&b' ')
        || has_byte_where(b, |c| c < 0x20 || c == 0x7f)
        || has_double_space(b)
        // Lead bytes of every character `classify` does not keep, other than
        // ASCII: U+0080..U+00BF (C2), U+1680 (E1), U+2000..U+206F (E2), U+3000
        // (E3), U+FEFF and U+FFF9..U+FFFC (EF).
        || (!text.is_ascii()
            && (memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(special)
                || memchr::memchr2_iter(0xe1, 0xe3, b).any(special)))
}

/// Drops invisible characters and controls, turns space characters into a
/// plain space, collapses runs of spaces and trims both ends.
///
/// Cost: the runs of kept characters between special ones are copied whole;
/// only characters whose first byte can start a special one (see
/// `may_start_special`) are decoded.
pub fn clean_chars(text: &str) -> Cow<'_, str> {
    let needs_work = needs_char_work(text);
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // A run of kept characters, after a space if one is pending (none at the start).
    let push_run = |out: &mut String, run: &str, pending_space: &mut bool| {
        if run.is_empty() {
            return;
        }
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        out.push_str(run);
    };
    let bytes = text.as_bytes();
    let (mut run_start, mut at) = (0, 0);
    while let Some(skip) = bytes[at..].iter().position(|&b| may_start_special(b)) {
        at += skip;
        // A single space between two kept characters stays as it is, inside the run.
        if bytes[at] == b' '
            && at > run_start
            && bytes.get(at + 1).is_some_and(|&next| !may_start_special(next))
        {
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a lead byte starts a character");
        let class = classify(c);
        if !matches!(class, CharClass::Keep) {
            push_run(&mut out, &text[run_start..at], &mut pending_space);
            if matches!(class, CharClass::Space) {
                pending_space = true;
            }
            run_start = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    push_run(&mut out, &text[run_start..], &mut pending_space);
    Cow::Owned(out)
}

/// True for the bytes that can start a character [`classify`] does not
/// keep: ASCII controls and the space, and the lead bytes listed in
/// [`needs_char_work`]. Never a continuation byte, so always a character's start.
fn may_start_special(b: u8) -> bool {
    b <= b' ' || b == 0x7f || matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef)
}

/// [`clean_chars`] as its definition: character by character.
#[cfg(test)]
fn clean_chars_plain(text: &str) -> String {
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
    out
}

#[cfg(test)]
mod tests {
    use super::{clean_chars, nfc};
    use std::borrow::Cow;
    use unicode_normalization::{IsNormalized, is_nfc_quick};

    #[test]
    fn invisibles_go() {
        assert_eq!(
            clean_chars(
                "\u{feff}Some\u{200b}times, \u{fffc}bad \u{7f}\u{fffa}ideas\u{fffb} \u{206a}go\u{ad}ne\u{2060}."
            ),
            "Sometimes, bad ideas gone."
        );
        assert_eq!(clean_chars("a\u{1}b\u{85}c\u{9d}d"), "abcd");
    }

    #[test]
    fn copying_runs_agrees_with_the_plain_definition() {
        for s in [
            "",
            " ",
            "  a  b  ",
            "\u{feff}Some\u{200b}times, \u{fffc}bad \u{7f}\u{fffa}ideas\u{fffb} \u{206a}go\u{ad}ne\u{2060}.",
            "\ta\u{a0}\u{2009}b\u{3000}c\u{202f}d  e ",
            "a\u{1}b\u{85}c\u{9d}d",
            "“quoted” — ’ü’ \u{2028}x\u{2029}",
            "\u{ad} \u{ad}a\u{ad} \u{ad}",
            "箱 ─ ■ ► 日本 \u{3000}語",
            "x\u{1680}y\u{205f}z\u{200a}",
            "a\u{a0} b c \u{a0}d  e \u{ad} f \u{a9} g",
            " lead and trail ",
            "\u{a0}\u{a0} a b\u{a0}",
        ] {
            assert_eq!(clean_chars(s), super::clean_chars_plain(s), "{s:?}");
        }
    }

    proptest::proptest! {
        /// Any mix of a few characters of each class (kept, spaces,
        /// controls, invisible, wide) cleans as the plain definition does.
        #[test]
        fn copying_runs_agrees_on_any_mix(
            s in "[a \t\u{1}\u{a0}\u{ad}\u{a9}’\u{3000}語]{0,12}",
        ) {
            proptest::prop_assert_eq!(clean_chars(&s), super::clean_chars_plain(&s));
        }
    }

    #[test]
    fn spaces_become_one_plain_space() {
        assert_eq!(clean_chars("\ta\u{a0}\u{2009}b\u{3000}c\u{202f}d  e "), "a b c d e");
    }

    #[test]
    fn line_and_paragraph_separators_are_spaces() {
        // Found by fuzzing (fuzz/ `normalize`): a trailing U+2029 was kept,
        // an edge space `str::trim` and readers both see.
        assert_eq!(clean_chars("a\u{2028}b\u{2029}"), "a b");
        assert_eq!(crate::normalize::line("x &#x2029;"), "x");
    }

    #[test]
    fn emoji_sequences_and_tags_stay() {
        for s in [
            "👩\u{200d}👩\u{200d}👧",
            "🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}",
            "🇺🇸 ok",
            "ﬁ ＦＵＬＬ “q” ıİ",
        ] {
            assert!(matches!(clean_chars(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn every_character_below_u0300_is_nfc_and_combines_with_nothing() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert!(matches!(is_nfc_quick([c, 'a'].into_iter()), IsNormalized::Yes), "{c:?}");
            assert!(matches!(is_nfc_quick(['a', c].into_iter()), IsNormalized::Yes), "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn inert_characters_are_nfc_and_combine_with_nothing() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| super::is_inert(c)) {
            // (What composes with one of them, a mark after a Cyrillic
            // letter, is no such character itself, and sends the line to
            // the full check.)
            for pair in [[c, 'a'], ['a', c]] {
                let s: String = pair.iter().collect();
                let composed: String =
                    unicode_normalization::UnicodeNormalization::nfc(&*s).collect();
                assert_eq!(composed, s, "{c:?}");
            }
            assert!(matches!(is_nfc_quick([c, 'a'].into_iter()), IsNormalized::Yes), "{c:?}");
            assert!(matches!(is_nfc_quick(['a', c].into_iter()), IsNormalized::Yes), "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn nfc_fast_path_agrees_with_the_quick_check() {
        for s in [
            "“Quoted” — dash… and ’ here",
            "Привет, мир — «тест»",
            "日本語のテキスト",
            "Й and И\u{306}",
            "е\u{308} two",
            "箱 ─── ■ ►",
            "a\u{2126} ohm",
            "plain ascii",
            "",
        ] {
            let quick = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
            if super::all_inert_from_u0300(s) {
                assert!(quick, "{s}");
            }
            let composed: String = unicode_normalization::UnicodeNormalization::nfc(s).collect();
            assert_eq!(nfc(s), composed, "{s}");
        }
    }

    #[test]
    fn nfc_borrows_when_composed() {
        assert!(matches!(nfc("café Ἀθῆναι"), Cow::Borrowed(_)));
        assert_eq!(nfc("cafe\u{301}"), "café");
    }
}
