//! `images`: image placeholders (POLICY.md "Remove" 4).
//!
//! Removes markup remnants (`<image>…</image>`, `<img …>`, `![alt](src)`,
//! `[Image: …]`, bare `data:image/…` URIs) wherever they stand, and photo-credit
//! lines from the `images.txt` rule packs. Text that shares a line with markup
//! stays (the markup alone is cut out). Captions written as sentences are
//! content and are never touched.

use std::sync::LazyLock;

use regex::Regex;

use crate::bytes::for_each_block;
use crate::filter::LineFilter;
use crate::filters::shape::{effective_words, ends_sentence};
use crate::rules::{Caps, Matcher, Probe, RuleSet};
use crate::verdict::{Rule, Verdict};

/// Image markup of every form we know, case-insensitive.
///
/// Cost: `replace_all` searches once per match, and a search reads on past
/// its match for as long as an earlier alternative could still match. So no
/// repetition here may run past a character that ends the construct: tags
/// stop at `<`/`>`, the `<image>` body at `<`, link targets at a bracket,
/// the alt text after 500 characters. Then every search reads at most to the
/// next such character, and a line costs time linear in its length (an
/// unbounded `.*?</image>` made a line of many `<image>` tags quadratic).
///
/// Only lines holding `![` and, after it, `](` need the Markdown
/// alternative, whose 500 copies of a Unicode class took most of the
/// start-up of a single-page run (about 20M instructions) to compile: other
/// lines use [`MARKUP_NO_MARKDOWN`], which finds the same matches in them,
/// and this one is compiled only when a line first needs it.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
          <image\b[^<>]*>[^<]*</image>
        | </?(?:img|image|picture|source|figure|figcaption)\b[^<>]*>
        | !\[[^\]]{0,500}\]\([^()<>\s]*(?:\s+[^()<>]*)?\)
        | data:image/[a-z0-9.+-]+(?:;[a-z0-9=-]+)*,[A-Za-z0-9+/=%-]*",
    )
    .expect("image markup regex compiles")
});

/// [`MARKUP`] without its `![alt](src)` alternative, which cannot match a
/// line without `![` followed somewhere by `](`: for such a line both find
/// the same matches.
static MARKUP_NO_MARKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
          <image\b[^<>]*>[^<]*</image>
        | </?(?:img|image|picture|source|figure|figcaption)\b[^<>]*>
        | data:image/[a-z0-9.+-]+(?:;[a-z0-9=-]+)*,[A-Za-z0-9+/=%-]*",
    )
    .expect("image markup regex compiles")
});

/// The cheapest of [`MARKUP`] and [`MARKUP_NO_MARKDOWN`] that finds every
/// markup match in `line`. Cost: one or two substring searches.
fn markup_for(line: &str) -> &'static Regex {
    let bytes = line.as_bytes();
    // Every `![alt](src)` starts at a `![`, so at or after the first one, and
    // holds a `](` after it.
    let markdown = memchr::memmem::find(bytes, b"![")
        .is_some_and(|bang| memchr::memmem::find(&bytes[bang..], b"](").is_some());
    if markdown { &MARKUP } else { &MARKUP_NO_MARKDOWN }
}

/// The opening of a bracketed placeholder (`[Image: …`, `[foto`): a bracket
/// and a word for an image, a gallery or a video.
///
/// Cost: anchored, so one short search. (The rest of the placeholder is
/// checked in [`is_bracket_placeholder`]: as a bounded repetition of a Unicode
/// class it made this the costliest regex to compile.)
static BRACKET_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\[(?:image|img|photo|picture|foto|fotoğraf|görsel|resim|bild|фото|изображение|صورة|عکس|εικόνα|video|galeri|gallery)\b",
    )
    .expect("bracket placeholder regex compiles")
});

/// Characters a bracketed placeholder holds after its word, at most.
const BRACKET_MAX_CHARS: usize = 500;

/// A bracketed placeholder standing alone on its line (`[Image: …]`, `[foto]`):
/// after [`BRACKET_OPEN`], at most [`BRACKET_MAX_CHARS`] characters and the
/// closing bracket at the end of the line, none before it. Inside a sentence
/// brackets are ordinary text, so only whole lines count.
///
/// Cost: one anchored search and one pass over the rest of the line.
fn is_bracket_placeholder(line: &str) -> bool {
    let Some(open) = BRACKET_OPEN.find(line) else { return false };
    line[open.end()..]
        .strip_suffix(']')
        .is_some_and(|inner| !inner.contains(']') && inner.chars().count() <= BRACKET_MAX_CHARS)
}

/// A caption that is a label, not a sentence, has at most this many words
/// before its `©` credit (`Stau © Name / Agentur`, `Logo des Preises | © Verlag`).
/// Longer lines without a sentence end are rare as captions and common as
/// headlines that quote a trademark; 14 covers the labels looked at.
const LABEL_CAPTION_MAX_WORDS: usize = 14;
/// The credit after `©` names a photographer, an agency or both: a few words.
const CREDIT_MAX_WORDS: usize = 8;
/// Words of a credit that start in lower case (`und`, `der`, `via`): names and
/// agencies have few; a phrase that runs on after a `©` has more.
const CREDIT_MAX_LOWER_WORDS: usize = 2;

/// True for a short image label followed by a `©` credit, or a credit alone:
/// `Stau © aremac / Clipdealer`, `(© Agentur/Fotograf)`. A caption written as a
/// sentence (it ends with a full stop before the `©`) is content and stays,
/// and so does a `©` followed by running text in lower case.
///
/// Cost: a few linear passes over the line.
fn is_label_credit(line: &str) -> bool {
    let Some(at) = line.rfind('©') else { return false };
    let label = line[..at].trim_end_matches(|c: char| c.is_whitespace() || "|–—-(".contains(c));
    let credit = line[at + '©'.len_utf8()..].trim().trim_end_matches(')').trim();
    let words: Vec<&str> = credit.split_whitespace().collect();
    let lower = words.iter().filter(|w| w.starts_with(char::is_lowercase)).count();
    let credit_ok = (1..=CREDIT_MAX_WORDS).contains(&words.len())
        && lower <= CREDIT_MAX_LOWER_WORDS
        && credit.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !ends_sentence(credit);
    let label_ok = label.trim_start_matches('(').is_empty()
        || (effective_words(label) <= LABEL_CAPTION_MAX_WORDS && !ends_sentence(label));
    credit_ok && label_ok
}

/// A label with a credit after a separator has at least this many words (see
/// [`ImagePlaceholderFilter::is_label_with_credit`]).
const LABEL_WITH_CREDIT_MIN_WORDS: usize = 3;

/// Where a caption's label ends and its credit starts: `Label / Foto: Name`,
/// `Label, photo: Agency`. Only the last of each is tried. (A bracketed
/// credit after a label, `Label (Foto: Name)`, was tried too: on the full
/// benchmark such lines are the article's own figure captions as often.)
const CREDIT_SEPARATORS: [&str; 6] = [" / ", " | ", " - ", " – ", " — ", ", "];

/// How many of the bytes [`ImagePlaceholderFilter`] looks for first a line
/// holds: those that open markup (`<`, `[`, `!`), colons (of a `data:` URI),
/// 0xC2 (the lead byte of `©`) and the key bytes of the credit separators
/// (see [`last_separators`]). Most lines hold none of the first three, and
/// many short ones none of the last.
#[derive(Debug, Default)]
struct KeyBytes {
    markup: usize,
    colons: usize,
    c2: usize,
    separators: usize,
}

impl KeyBytes {
    /// The key bytes of `line`.
    ///
    /// Cost: the line is read in blocks of a fixed size, the last one padded
    /// with spaces, each byte counted without a branch, which the compiler
    /// vectorises; cheaper than the three memchr searches (each with its own
    /// set-up, and a byte loop on a short line) it stands for.
    fn of(line: &str) -> KeyBytes {
        let mut keys = KeyBytes::default();
        for_each_block(line.as_bytes(), b' ', |block| {
            let (mut markup, mut colons, mut c2, mut separators) = (0u8, 0u8, 0u8, 0u8);
            for &b in block {
                markup += u8::from(matches!(b, b'<' | b'[' | b'!'));
                colons += u8::from(b == b':');
                c2 += u8::from(b == 0xC2);
                separators += u8::from(matches!(b, b',' | b'/' | b'|' | b'-' | 0xE2));
            }
            keys.markup += usize::from(markup);
            keys.colons += usize::from(colons);
            keys.c2 += usize::from(c2);
            keys.separators += usize::from(separators);
        });
        keys
    }

    /// True when `line`, whose key bytes these are, may hold image markup: a
    /// tag, a bracket, an image link or a `data:` URI (a colon after `data`).
    fn may_hold_markup(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        self.markup > 0
            || (self.colons > 0
                && memchr::memchr_iter(b':', bytes).any(|i| bytes[..i].ends_with(b"data")))
    }

    /// True when `line`, whose key bytes these are, holds `©` (C2 A9).
    fn has_copyright(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        self.c2 > 0 && memchr::memchr_iter(0xC2, bytes).any(|i| bytes.get(i + 1) == Some(&0xA9))
    }
}

/// Where each of [`CREDIT_SEPARATORS`] last starts in `line`, as `rfind`
/// would report it.
///
/// Cost: most lines are searched for all separators, and hold few of them.
/// Each separator has a key byte (the one after the space of a spaced one:
/// `/` in ` / `, the lead byte 0xE2 of `–` and `—`; `,` in `, `); two
/// backward memchr passes find the key bytes of all of them, and a separator
/// is checked only at its own. The first hit of each is its last occurrence.
fn last_separators(line: &str) -> [Option<usize>; CREDIT_SEPARATORS.len()] {
    let bytes = line.as_bytes();
    let mut last = [None; CREDIT_SEPARATORS.len()];
    let keys = memchr::memrchr3_iter(b',', b'/', b'|', bytes)
        .chain(memchr::memrchr2_iter(b'-', 0xE2, bytes));
    for key in keys {
        for (k, sep) in CREDIT_SEPARATORS.iter().enumerate() {
            let skip = SEPARATOR_KEYS[k].1;
            if bytes[key] == SEPARATOR_KEYS[k].0
                && last[k].is_none()
                && let Some(start) = key.checked_sub(skip)
                && bytes[start..].starts_with(sep.as_bytes())
            {
                last[k] = Some(start);
            }
        }
    }
    last
}

/// The key byte of each of [`CREDIT_SEPARATORS`] (see [`last_separators`])
/// and its offset in the separator, worked out once rather than per byte.
const SEPARATOR_KEYS: [(u8, usize); CREDIT_SEPARATORS.len()] = {
    let mut keys = [(0, 0); CREDIT_SEPARATORS.len()];
    let mut k = 0;
    while k < keys.len() {
        let sep = CREDIT_SEPARATORS[k].as_bytes();
        let skip = if sep[0] == b' ' { 1 } else { 0 };
        keys[k] = (sep[skip], skip);
        k += 1;
    }
    keys
};

/// Removes image placeholders and photo credits.
#[derive(Clone, Debug)]
pub struct ImagePlaceholderFilter {
    credits: Matcher,
}

impl ImagePlaceholderFilter {
    /// Builds the filter from the `images` rules.
    pub fn new(rules: &RuleSet) -> ImagePlaceholderFilter {
        ImagePlaceholderFilter { credits: rules.matcher("images") }
    }

    /// True for a short image label followed by a credit line of the rule
    /// packs (`Praca w magazynie / Źródło: Pixabay`, `Jane Doe, photo:
    /// Archive`). The label must not
    /// be a sentence (a caption written as one is content) nor a fact
    /// (`Einwohner: 3,6 Mio. / Quelle: Amt` is a fact box with its source).
    ///
    /// Cost: only lines a label and a credit long; one rule probe per
    /// separator kind, at the separator's last occurrence.
    fn is_label_with_credit(&self, line: &str, words: usize) -> bool {
        // A label (a word at least) and a credit of two words or more, which
        // every separator keeps apart with a space: three words at least.
        if !(LABEL_WITH_CREDIT_MIN_WORDS..=LABEL_CAPTION_MAX_WORDS + CREDIT_MAX_WORDS)
            .contains(&words)
        {
            return false;
        }
        let last = last_separators(line);
        CREDIT_SEPARATORS.iter().zip(last).any(|(sep, at)| {
            let Some(at) = at else { return false };
            let label = line[..at].trim();
            let credit = line[at + sep.len()..].trim();
            // A one-word tail (`Review, Pictures`) is a word of a title.
            if credit.split_whitespace().nth(1).is_none() || ends_sentence(label) {
                return false;
            }
            // No sentence, bracket or other credit inside the label either: the
            // credit would be the tail of a longer caption. (Cheapest tests first.)
            let label_ok = !label.bytes().any(|b| matches!(b, b':' | b'(' | b')'))
                && !label.as_bytes().windows(2).any(|w| matches!(w, b". " | b"! " | b"? "))
                && !label.contains('©')
                && label.chars().any(char::is_alphabetic)
                && effective_words(label) <= LABEL_CAPTION_MAX_WORDS;
            label_ok && self.credits.find(credit, Caps::Apply).is_some()
        })
    }
}

impl LineFilter for ImagePlaceholderFilter {
    fn name(&self) -> &'static str {
        "images"
    }

    fn description(&self) -> &'static str {
        "image placeholders and markup (<img>, ![](), [Image: ...], data:image URIs) and photo credits"
    }

    fn judge(&self, probe: &Probe<'_>) -> Verdict {
        let line = probe.line();
        if line.starts_with('[') && is_bracket_placeholder(line) {
            return Verdict::Remove(Rule::Builtin("image-placeholder"));
        }
        let keys = KeyBytes::of(line);
        if keys.may_hold_markup(line) {
            let markup = markup_for(line);
            if markup.is_match(line) {
                let rest = markup.replace_all(line, " ");
                let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
                return if rest.chars().any(char::is_alphanumeric) {
                    Verdict::Rewrite(rest, Rule::Builtin("image-markup"))
                } else {
                    Verdict::Remove(Rule::Builtin("image-markup"))
                };
            }
        }
        if keys.has_copyright(line) && is_label_credit(line) {
            return Verdict::Remove(Rule::Builtin("label-credit"));
        }
        if keys.separators > 0 && self.is_label_with_credit(line, probe.words()) {
            return Verdict::Remove(Rule::Builtin("label-credit"));
        }
        match self.credits.probe(probe, Caps::Apply) {
            Some(hit) => Verdict::Remove(hit.rule),
            None => Verdict::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::word_count;

    fn judge(line: &str) -> Verdict {
        ImagePlaceholderFilter { credits: Matcher::default() }.judge(&Probe::new(line))
    }

    #[test]
    fn markup_without_markdown_finds_the_same_matches_where_chosen() {
        for line in [
            "<img src=x> text <IMAGE>cap</image> and data:image/png;base64,AAA= tail",
            "<figure class=a>[alt](b.png) ! [c] <source srcset=x>",
            "plain prose with no markup at all",
            "![alt](a.png) <img>",
            "Tap ![here] or ( here ) <img src=x>",
            "[a](b) then ![c] <figure>",
            "![a] x ![b](c.png) y",
        ] {
            let spans = |re: &Regex| re.find_iter(line).map(|m| m.range()).collect::<Vec<_>>();
            let cheap = markup_for(line);
            assert_eq!(spans(cheap), spans(&MARKUP), "{line}");
        }
    }

    #[test]
    fn markup_lines_go() {
        for l in [
            r#"<image>data:image/s3,"s3://crabby-images/cf91e/cf91e39db359d4faba4e520947d04c3f66993924" alt="x"</image>"#,
            r#"<img src="/a/b.jpg" alt="Bir fotoğraf" width="800">"#,
            "![Harbour at dusk](https://example.org/p.jpg)",
            "[Image: A street in summer]",
            "[foto]",
            "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
        ] {
            assert!(matches!(judge(l), Verdict::Remove(_)), "{l}");
        }
    }

    #[test]
    fn text_beside_markup_stays() {
        assert_eq!(
            judge(r#"<img src="x.jpg"> The mayor opened the bridge."#),
            Verdict::Rewrite("The mayor opened the bridge.".into(), Rule::Builtin("image-markup"))
        );
    }

    #[test]
    fn label_credits_go() {
        for l in [
            "Stau © Hans Muster / Bildagentur",
            "Die neue Brücke über den Hafen © Stadtwerke | Anna Beispiel",
            "Logo des Wettbewerbs | © Verlag",
            "(© Agentur/Fotografin Name)",
            "Schulhof im Winter© Name/Portal",
        ] {
            assert!(matches!(judge(l), Verdict::Remove(_)), "{l}");
        }
        for l in [
            // A caption written as a sentence is content.
            "Der Bürgermeister eröffnet die neue Brücke. © Stadt",
            // Running text after the sign, not a credit.
            "Monopoly© ist ein Spiel, das viele Familien seit Jahrzehnten spielen",
            "Das Zeichen © steht für das Urheberrecht an einem Werk und gilt weltweit in fast allen Ländern seit dem Abkommen",
        ] {
            assert_eq!(judge(l), Verdict::Keep, "{l}");
        }
    }

    #[test]
    fn labels_with_rule_credits_go() {
        let rules = RuleSet::builtin(&[]).expect("built-in rules load");
        let filter = ImagePlaceholderFilter::new(&rules);
        let judge = |l: &str| filter.judge(&Probe::new(l));
        for l in [
            "Hafen von Gdańsk / Źródło: Agencja Morska",
            "Ministerin Jane Doe, photo: Government archive",
            "Streik vor dem Rathaus | Foto: Max Muster",
            "Le marché du samedi / (c) 2021 Jeanne Dupont",
        ] {
            assert!(matches!(judge(l), Verdict::Remove(_)), "{l}");
        }
        for l in [
            // A caption written as a sentence, a fact with its source, a
            // title ending in a word the rules know, a bracketed credit.
            "Der Bürgermeister eröffnet die Brücke. / Foto: Stadt Musterhausen",
            "Einwohner: 3,6 Mio. / Quelle: Statistisches Amt",
            "Neue Kamera im Test - Review, Pictures",
            "Sitzung im Bundestag (Foto: Agentur Muster)",
            "(c) the right to appeal",
        ] {
            assert_eq!(judge(l), Verdict::Keep, "{l}");
        }
    }

    #[test]
    fn byte_searches_agree_with_their_definitions() {
        for l in [
            "",
            "©",
            "a © b",
            "é © « » ° ©",
            "é only",
            "\u{a0}\u{a9}",
            "data:image/png",
            "x data: y",
            "ata: data",
            "Data:image",
            ":data",
            "[x] <y> !z",
            "plain",
        ] {
            // Each alone, and at either end of a line of two blocks and more.
            let long = "The harbour bridge opens on Sunday at noon. ".repeat(2);
            for l in [l.to_string(), format!("{long}{l}"), format!("{l}{long}")] {
                let keys = KeyBytes::of(&l);
                assert_eq!(keys.has_copyright(&l), l.contains('©'), "{l:?}");
                let markup = l.contains(['<', '[', '!']) || l.contains("data:");
                assert_eq!(keys.may_hold_markup(&l), markup, "{l:?}");
            }
        }
    }

    #[test]
    fn labels_with_credits_have_three_words() {
        // The shortest lines a separator splits into a label and a credit of
        // two words: the word count that turns shorter lines away.
        let rules = RuleSet::builtin(&[]).expect("built-in rules load");
        let filter = ImagePlaceholderFilter::new(&rules);
        let mut tightest = usize::MAX;
        for sep in CREDIT_SEPARATORS {
            let line = format!("Hafen{sep}Foto: Muster");
            let words = word_count(&line);
            assert!(filter.is_label_with_credit(&line, words), "{line}");
            tightest = tightest.min(words);
        }
        assert_eq!(tightest, LABEL_WITH_CREDIT_MIN_WORDS);
    }

    #[test]
    fn separators_found_as_rfind_finds_them() {
        for l in [
            "Hafen / Foto: Name / Agentur",
            "a - - b – c — d, e, f | g",
            "Tor - und Zaun, - Bild",
            "no separator here",
            "",
            ", x / ",
            "a , b",
            "a – b",
            "a — b",
            "a | b",
            "a - b",
            "a / b",
        ] {
            let want: Vec<Option<usize>> = CREDIT_SEPARATORS.iter().map(|s| l.rfind(s)).collect();
            assert_eq!(last_separators(l).to_vec(), want, "{l}");
            // A line without a separator's key byte holds no separator.
            if KeyBytes::of(l).separators == 0 {
                assert!(want.iter().all(Option::is_none), "{l}");
            }
        }
    }

    #[test]
    fn bracket_placeholders_as_one_regex_saw_them() {
        let whole = Regex::new(
            r"(?i)^\[(?:image|img|photo|picture|foto|fotoğraf|görsel|resim|bild|фото|изображение|صورة|عکس|εικόνα|video|galeri|gallery)\b[^\]]{0,500}\]$",
        )
        .expect("regex compiles");
        let long = |n: usize| format!("[Foto: {}]", "ä".repeat(n));
        for l in [
            "[foto]",
            "[FOTOĞRAF: AA]",
            "[Image: a street] and more",
            "[Image: a] b]",
            "[images]",
            "[fotoğraf]",
            "[Galeri]",
            "[video",
            "[ИЗОБРАЖЕНИЕ 3]",
            &long(498),
            &long(499),
            "[image]]",
        ] {
            assert_eq!(is_bracket_placeholder(l), whole.is_match(l), "{l}");
        }
    }

    #[test]
    fn near_misses_stay() {
        for l in [
            "The [image] of the city has changed, critics say.",
            "Use <b> tags sparingly!",
            "Yes! [1] The report (page 4) says so.",
            "Photographers gathered at the harbour at dawn.",
        ] {
            assert_eq!(judge(l), Verdict::Keep, "{l}");
        }
    }
}
