//! The `normalize` stage: POLICY.md "Normalise", applied to every line.
//!
//! Order matters and follows the policy: terminal escapes and HTML entities
//! are undone first, then mojibake is repaired (its bytes include NBSP, soft
//! hyphens and C1 controls, so it must run before those are touched), then
//! NFC, then invisible characters and space characters, then trimming.
//! Letters are never changed otherwise.
//!
//! Every step returns [`Cow::Borrowed`] when it has nothing to do, and
//! [`line()`] has a fast path for plain ASCII lines, so clean text is not copied.

mod entities;
mod mojibake;
mod terminal;
mod unicode;

use std::borrow::Cow;

use crate::document::Document;
use crate::filter::Filter;
use crate::verdict::Reason;

pub use entities::decode_entities;
pub use mojibake::repair_mojibake;
pub use terminal::strip_terminal_escapes;
pub use unicode::{clean_chars, nfc};

/// Normalises one line (which must not contain a line break).
///
/// ```
/// assert_eq!(textsieve::normalize::line("  caf\u{65}\u{301}&nbsp;&amp;\u{200B} bar "), "café & bar");
/// ```
pub fn line(text: &str) -> Cow<'_, str> {
    let mut out = one_round(text);
    // Dropping characters can join what they kept apart: control characters
    // between the two halves of a mojibake pair (`Ã\x1c€`), an entity split
    // by a zero-width space. Another round repairs those, so that normalising
    // the output again changes nothing. Each round is linear in the line and
    // almost every line is done after the first (the fast path, or nothing
    // left to change); the cap keeps a line that never settles from costing
    // more than a few rounds.
    for _ in 0..EXTRA_ROUNDS {
        let next = match &out {
            Cow::Borrowed(_) => break,
            Cow::Owned(o) => match one_round(o) {
                Cow::Owned(n) if n != *o => n,
                _ => break,
            },
        };
        out = Cow::Owned(next);
    }
    out
}

/// Rounds of normalisation after the first, at most (see [`line`]).
const EXTRA_ROUNDS: usize = 3;

/// One pass of every step, in the policy's order.
fn one_round(text: &str) -> Cow<'_, str> {
    if is_plain(text) {
        return Cow::Borrowed(text);
    }
    match lone_characters(text) {
        Some(Lone::Quiet) => Cow::Borrowed(text),
        // No step but the last has anything to do (see `lone_characters`).
        Some(Lone::WithNbsp) => clean_chars(text),
        None => every_step(text),
    }
}

/// Every step of a round, in the policy's order, without the fast paths.
fn every_step(text: &str) -> Cow<'_, str> {
    let text = then(Cow::Borrowed(text), strip_terminal_escapes);
    let text = then(text, decode_entities);
    let text = then(text, repair_mojibake);
    let text = then(text, nfc);
    then(text, clean_chars)
}

/// True for lines that no step would change: printable ASCII without `&`,
/// with no space at either end and no double space.
///
/// Cost: one pass in blocks of a fixed size, each byte read with the next
/// one, the last block padded with plain letters, which the compiler
/// vectorises whole (most lines are long, and plain or not ASCII).
fn is_plain(text: &str) -> bool {
    is_plain_ascii_part::<false>(text)
}

/// [`is_plain`], but with every non-ASCII byte let through when `NON_ASCII`.
fn is_plain_ascii_part<const NON_ASCII: bool>(text: &str) -> bool {
    const BLOCK: usize = 32;
    /// True when no byte of `this` spoils a plain line, given the byte after each in `next`.
    #[inline(always)]
    fn block_is_plain(this: &[u8; BLOCK], next: &[u8; BLOCK], non_ascii: bool) -> bool {
        // (Comparisons joined with `|`: `any` is not vectorised.)
        let mut bad = 0u8;
        for (&c, &n) in this.iter().zip(next) {
            let printable = (0x20..0x7f).contains(&c) | (non_ascii & (c >= 0x80));
            bad |= u8::from(!printable | (c == b'&') | ((c == b' ') & (n == b' ')));
        }
        bad == 0
    }
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut at = 0;
    // Whole blocks while a byte follows the block.
    while at + BLOCK < b.len() {
        let this = b[at..at + BLOCK].try_into().expect("a whole block");
        let next = b[at + 1..at + BLOCK + 1].try_into().expect("a whole block");
        if !block_is_plain(this, next, NON_ASCII) {
            return false;
        }
        at += BLOCK;
    }
    // The rest, at most a block, padded with letters.
    let mut last = [b'a'; BLOCK + 1];
    last[..b.len() - at].copy_from_slice(&b[at..]);
    let this = last[..BLOCK].try_into().expect("a whole block");
    let next = last[1..].try_into().expect("a whole block");
    block_is_plain(this, next, NON_ASCII)
}

/// What [`lone_characters`] finds a line to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lone {
    /// No step would change the line.
    Quiet,
    /// Only [`unicode::clean_chars`] would: the line holds no-break spaces.
    WithNbsp,
}

/// Lines that no step would change although they are not [`is_plain`]
/// ([`Lone::Quiet`]): plain but for lone non-ASCII characters, each with an
/// ASCII byte (or an end of the line) on both sides, that are Latin-1 signs
/// but the soft hyphen, or Latin letters from U+00C0 to U+02FF but `Ã` (no
/// mojibake pair or `Ã ` can form, no C1 control, all below U+0300 and so
/// NFC), or general punctuation, box drawing or geometric shapes, which
/// [`unicode::clean_chars`] keeps and which are NFC (quotes, dashes, `…`, `►`).
/// Most lines of Western European prose with typographic quotes are such.
/// Such lines with lone no-break spaces among those characters too are
/// [`Lone::WithNbsp`]: a lone U+00A0 forms no mojibake pair either and is
/// NFC, so only [`unicode::clean_chars`], which makes it a space, changes them.
///
/// Cost: the vectorised pass of [`is_plain`], then another over blocks of
/// bytes, where only those holding a non-ASCII byte are read byte by byte;
/// it saves the five steps' own scans (all but one for [`Lone::WithNbsp`]).
fn lone_characters(text: &str) -> Option<Lone> {
    if !is_plain_ascii_part::<true>(text) {
        return None;
    }
    let mut nbsp = false;
    // Blocks without a non-ASCII byte (most) are passed over whole; `at` is
    // where the next character starts, at most a character into the block.
    const BLOCK: usize = 16;
    let b = text.as_bytes();
    let mut at = 0;
    for (k, block) in b.chunks(BLOCK).enumerate() {
        if block.iter().fold(0, |high, &c| high | c) < 0x80 {
            continue;
        }
        let end = k * BLOCK + block.len();
        at = at.max(k * BLOCK);
        while at < end {
            if b[at].is_ascii() {
                at += 1;
                continue;
            }
            at += match (b[at], b.get(at + 1).copied(), b.get(at + 2).copied()) {
                // U+00A1..U+00BF but the soft hyphen (signs: « » © ° £).
                (0xc2, Some(0xa1..=0xac | 0xae..=0xbf), _) => 2,
                // U+00A0, the no-break space.
                (0xc2, Some(0xa0), _) => {
                    nbsp = true;
                    2
                }
                // U+00C0..U+02FF but U+00C3.
                (0xc3, Some(second), _) if second != 0x83 => 2,
                (0xc4..=0xcb, _, _) => 2,
                // U+2010..U+2027 and U+2030..U+205E.
                (0xe2, Some(0x80), Some(0x90..=0xa7 | 0xb0..=0xbf)) => 3,
                (0xe2, Some(0x81), Some(0x80..=0x9e)) => 3,
                // U+2500..U+25FF: box drawing, blocks, geometric shapes.
                (0xe2, Some(0x94..=0x97), _) => 3,
                _ => return None,
            };
            if b.get(at).is_some_and(|&next| !next.is_ascii()) {
                return None;
            }
        }
    }
    Some(if nbsp { Lone::WithNbsp } else { Lone::Quiet })
}

/// Applies a step to a `Cow`, keeping the borrow when the step changes nothing.
fn then<'a>(text: Cow<'a, str>, step: impl Fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(b) => step(b),
        Cow::Owned(o) => match step(&o) {
            Cow::Owned(n) => Cow::Owned(n),
            Cow::Borrowed(_) => Cow::Owned(o),
        },
    }
}

/// The `normalize` stage as a [`Filter`].
#[derive(Clone, Debug, Default)]
pub struct NormalizeFilter;

impl Filter for NormalizeFilter {
    fn name(&self) -> &'static str {
        "normalize"
    }

    fn description(&self) -> &'static str {
        "repair mojibake, decode HTML entities, NFC, drop invisible characters and terminal escapes, plain spaces, trim"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        for id in 0..doc.len() {
            if doc.is_removed(id) {
                continue;
            }
            let new = match line(doc.text(id)) {
                Cow::Borrowed(_) => continue,
                Cow::Owned(s) => s,
            };
            if new.is_empty() && doc.text(id).chars().all(char::is_whitespace) {
                doc.set_blank(id);
            } else {
                doc.rewrite(id, new, Reason::builtin("normalize", "unicode"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn controls_between_mojibake_halves_are_repaired_in_one_call() {
        // Found by fuzzing (fuzz/ `decode`): the controls went after the
        // mojibake repair, so `Ã€` only met, and was repaired, on a second run.
        let once = line("Ã\u{1c}\u{1c}€ la fin de lâ€™Ã©tÃ©");
        assert_eq!(once, "À la fin de l’été");
        assert_eq!(line(&once), once);
    }

    #[test]
    fn plain_test_agrees_with_its_definition() {
        let plain = |s: &str| {
            !s.starts_with(' ')
                && !s.ends_with(' ')
                && s.bytes().all(|c| (0x20..0x7f).contains(&c) && c != b'&')
                && !s.contains("  ")
        };
        let base = "The mayor opened the new harbour bridge on Sunday. ".repeat(3);
        for len in 0..base.len() {
            let s = &base[..len];
            assert_eq!(super::is_plain(s), plain(s), "{s:?}");
            for at in 0..len {
                for c in ["  ", "&", "\t", "\u{7f}", "é", " a"] {
                    let mut t = s.to_string();
                    t.insert_str(at, c);
                    assert_eq!(super::is_plain(&t), plain(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn lone_letters_test_agrees_with_the_steps() {
        let pieces = [
            "a", "Bc", " ", "  ", "&", "é", "Ã", "ÿ", "ğ", "ʼ", "ˆ", "̀", "\u{a0}", "\u{ad}", "’",
            "“", "—", "…", "‰", "\u{2028}", "\u{200b}", "\u{205f}", "\u{2060}", "€", "→", "Ж",
            "\u{80}", "\u{1b}", "\t", ".", "«", "©", "¿", "►", "█", "\u{9f}",
        ];
        let (mut quiet, mut with_nbsp) = (0, 0);
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "x", " ", "é"] {
                        let s = format!("{d}{a}{b}{c}{d}");
                        match super::lone_characters(&s) {
                            Some(super::Lone::Quiet) => {
                                quiet += 1;
                                let steps = super::every_step(&s);
                                assert!(matches!(steps, std::borrow::Cow::Borrowed(_)), "{s:?}");
                            }
                            Some(super::Lone::WithNbsp) => {
                                with_nbsp += 1;
                                let cleaned = super::clean_chars(&s);
                                assert!(matches!(cleaned, std::borrow::Cow::Owned(_)), "{s:?}");
                                assert_eq!(super::every_step(&s), cleaned, "{s:?}");
                            }
                            None => {}
                        }
                    }
                }
            }
        }
        // Not vacuous: many lines of such pieces are told quiet.
        assert!(quiet > 1000, "{quiet}");
        assert!(with_nbsp > 100, "{with_nbsp}");
        let lone = super::lone_characters;
        assert_eq!(lone("“Déjà vu,” she said — it’s naïve…"), Some(super::Lone::Quiet));
        assert_eq!(lone("Prix\u{a0}: 20\u{a0}$ à payer"), Some(super::Lone::WithNbsp));
        assert_eq!(lone("Ã© is mojibake"), None);
        assert_eq!(lone("Â\u{a0}is mojibake"), None);
    }

    #[test]
    fn plain_ascii_is_borrowed() {
        assert!(matches!(line("Hello, world."), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn spaces_invisibles_and_trim() {
        assert_eq!(line("\u{FEFF}\tA\u{00A0}\u{00A0}b\u{200B}c\u{00AD}d  "), "A bcd");
        assert_eq!(line("   "), "");
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(line("I\u{0307}stanbul"), "\u{0130}stanbul");
    }

    #[test]
    fn letters_stay() {
        for s in ["“quoted” ‘single’", "ﬁne", "ıİiI", "Ἀθῆναι", "日本語のテキスト", "👩\u{200D}💻"]
        {
            assert_eq!(line(s), s);
        }
    }

    #[test]
    fn terminal_escapes_go_whole() {
        assert_eq!(line("\u{1b}[36;44mBlue\u{1b}[0m text"), "Blue text");
    }
}
