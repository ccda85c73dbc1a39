//! `headline`: one clean headline, no echoes (POLICY.md "Keep" headline and
//! "Remove" 5).
//!
//! The headline is the first line still kept when this stage runs. Glued
//! metadata is stripped from it: a `date 2022-10` or `12.02.2024 |` prefix, a
//! breaking-news label from the `headline.txt` packs (`Son dakika...`,
//! `BREAKING:`), a byline glued to its last word (`...Processby Agency Staff -
//! English`) and a `| Desk name` suffix. Later lines that echo it go: exact
//! copies, copies with such a prefix or a `- Site`/`| Desk`/`by ...` suffix,
//! the headline repeated several times on one line, and truncated copies.
//!
//! Never removed: a later line that merely starts with the headline's words
//! and goes on as a sentence, and anything before the headline.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use regex_automata::meta::{Config, Regex};

use crate::document::{Document, LineId};
use crate::filter::Filter;
use crate::filters::language::for_each_word;
use crate::filters::shape::word_count;
use crate::rules::{Matcher, PatternKind, RuleSet, fold};
use crate::verdict::{Reason, Rule};

const NAME: &str = "headline";

/// A suffix after the headline (`- Site`, `by Staff`) has at most this many words.
const SUFFIX_MAX_WORDS: usize = 8;
/// A truncated copy keeps at least this many words of the headline...
const TRUNCATED_MIN_WORDS: usize = 5;
/// ...or this many when it ends with an ellipsis (`Putin calls Aliyev...`)...
const TRUNCATED_ELLIPSIS_MIN_WORDS: usize = 3;
/// ...and at least this share of its characters.
const TRUNCATED_MIN_SHARE: f64 = 0.5;
/// `| Desk` suffixes stripped from the headline, at most.
const MAX_DESK_SUFFIXES: usize = 3;
/// Prefix and suffix echoes are only looked for when the headline has this many words.
const ECHO_MIN_WORDS: usize = 3;

/// One of this stage's regexes, built without the lazy DFA (nor the
/// reverse automaton that comes with it): that halves the cost of compiling
/// the Unicode classes they hold, a one-time cost paid by nearly every run,
/// while the few lines each regex is run on (those its pre-check passes) are
/// searched by the backtracker or the PikeVM instead, still in time linear
/// in the line, with the same leftmost-first matches as `regex::Regex`.
fn lean_regex(pattern: &str) -> Regex {
    Regex::builder()
        .configure(Config::new().hybrid(false).dfa(false))
        .build(pattern)
        .expect("headline regex compiles")
}

/// The span of capture group 1 of `re`'s match in `text`, when it matches.
fn group_1(re: &Regex, text: &str) -> Option<std::ops::Range<usize>> {
    let mut caps = re.create_captures();
    re.captures(text, &mut caps);
    caps.get_group(1).map(|span| span.range())
}

/// `date 2022-10 `, `2024-03-12 `, `12.02.2024 | `, `12.02.2024 14:30 - `.
///
/// Cost: anchored, one search per call, and `strip_prefixes` calls it at
/// most three times a line; the search is linear in the line.
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    lean_regex(
        r"(?ix)^(?:
            (?:date\s+)?\d{4}-\d{2}(?:-\d{2})?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?\s*[|:–—-]?\s+
          | \d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}[:.]\d{2})?\s*[|:–—-]\s*
        )",
    )
});

/// [`DATE_PREFIX`]'s match at the start of `text`. Most lines start with
/// neither a digit nor `date`, and for them the regex is not run (nor, until
/// a line needs it, compiled: it and the other regexes here took a sixth of
/// a single-page run to compile).
fn date_prefix(text: &str) -> Option<regex_automata::Match> {
    // `\d` is a decimal digit, which `is_numeric` includes; `date` has no
    // case variant beyond `d`/`D` at its start.
    let first = text.chars().next()?;
    if !(first.is_numeric() || first == 'd' || first == 'D') {
        return None;
    }
    DATE_PREFIX.find(text)
}

/// A byline glued to the headline's last word, with a trailing `- Section`:
/// `...Peace Processby Agency Staff - English`.
///
/// Cost: anchored at both ends, one search per line, linear in the line.
static GLUED_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    lean_regex(
        r"^(.*?\p{Ll}[.!?”’'\x22]?)by\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}\s*[-–—|]\s*\p{L}*\s*$",
    )
});

/// The headline before the byline glued to `text` (capture group 1 of
/// [`GLUED_BYLINE`]), searched only when [`may_hold_glued_byline`] says it
/// can match.
fn glued_byline(text: &str) -> Option<&str> {
    if may_hold_glued_byline(text) { group_1(&GLUED_BYLINE, text).map(|r| &text[r]) } else { None }
}

/// False when [`GLUED_BYLINE`] cannot match `text`: no `by` in it follows a
/// lowercase letter (or one of the regex's marks after one), is followed by
/// white space and an uppercase letter, and has a `-`, `–`, `—` or `|` after
/// it. (`char::is_lowercase` and `is_uppercase` take in every `\p{Ll}` and
/// `\p{Lu}` letter.)
///
/// Cost: one substring search, and a few characters decoded around each
/// `by`; the regex, costly to compile, is never built for a stream whose
/// lines all fail this.
fn may_hold_glued_byline(text: &str) -> bool {
    const MARKS: [char; 7] = ['.', '!', '?', '”', '’', '\'', '"'];
    memchr::memmem::find_iter(text.as_bytes(), "by").any(|at| {
        let mut before = text[..at].chars().rev();
        let glued = match before.next() {
            Some(c) if MARKS.contains(&c) => before.next().is_some_and(char::is_lowercase),
            Some(c) => c.is_lowercase(),
            None => false,
        };
        let after = &text[at + 2..];
        glued
            && after.starts_with(char::is_whitespace)
            && after.trim_start().starts_with(char::is_uppercase)
            && after.contains(['-', '–', '—', '|'])
    })
}

/// A `| Desk name` suffix of at most four words.
///
/// Cost: anchored, run on the headline alone, linear in it.
static DESK_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| lean_regex(r"^(.{12,}?)\s+\|\s+\p{Lu}[^|.!?]{1,40}$"));

/// Where the text before a `| Desk name` suffix of `text` ends (the end of
/// capture group 1 of [`DESK_SUFFIX`]), searched only when `text` holds the
/// `|` every match does.
fn desk_suffix(text: &str) -> Option<usize> {
    if text.contains('|') { group_1(&DESK_SUFFIX, text).map(|r| r.end) } else { None }
}

/// Finds the headline, cleans it and removes its echoes.
#[derive(Clone, Debug)]
pub struct HeadlineFilter {
    labels: Matcher,
}

impl HeadlineFilter {
    /// Builds the filter from the `headline` rules (breaking-news labels).
    pub fn new(rules: &RuleSet) -> HeadlineFilter {
        HeadlineFilter { labels: rules.matcher("headline") }
    }

    /// Strips date prefixes and breaking-news labels from the front of a line.
    ///
    /// Cost: at most three rounds, each one anchored regex search and a
    /// label lookup in a window of the line's head bounded by the longest label.
    fn strip_prefixes<'t>(&self, mut text: &'t str) -> (&'t str, Option<Rule>) {
        let mut rule = None;
        for _ in 0..3 {
            if let Some(m) = date_prefix(text)
                && m.end() < text.len()
            {
                text = text[m.end()..].trim_start();
                rule = Some(Rule::Builtin("date-prefix"));
                continue;
            }
            if let Some(hit) = self.labels.glued_prefix(text)
                && hit.pattern == PatternKind::Prefix
            {
                let rest = text[hit.span.end..].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '.' | '…' | '!')
                });
                if rest.chars().any(char::is_alphanumeric) {
                    text = rest;
                    rule = Some(hit.rule);
                    continue;
                }
            }
            break;
        }
        (text, rule)
    }
}

/// Words of a line, folded, without punctuation: what echo comparison sees.
fn norm(text: &str) -> String {
    words_of_folded(&fold(text))
}

/// The alphanumeric runs of `folded`, joined by single spaces.
///
/// Cost: the runs are found by [`for_each_word`], a block of bytes at a
/// time; only non-ASCII characters are decoded.
fn words_of_folded(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for_each_word::<false>(folded, |start, end| push_word(&mut out, &folded[start..end]));
    out
}

/// Appends a word to a space-separated list.
fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The headline as echo comparison sees it, worked out once per document:
/// recomputing these for every later line cost the headline's length per
/// line, which is quadratic when the headline is long.
struct Headline {
    norm: String,
    /// A searcher for `norm` in a line's words, set up once per document,
    /// when a line long enough to repeat the headline is first checked: its
    /// set-up reads all of `norm`, which per line cost as much as the search.
    norm_finder: OnceCell<memchr::memmem::Finder<'static>>,
    words: usize,
    /// Folded, without its final sentence mark.
    folded: String,
}

impl Headline {
    fn new(headline: &str) -> Headline {
        let norm = norm(headline);
        let words = if norm.is_empty() { 0 } else { norm.split(' ').count() };
        let folded = fold(headline).trim_end_matches(['.', '!', '?']).to_string();
        Headline { norm, norm_finder: OnceCell::new(), words, folded }
    }

    /// A word that every echo contains: the longest of the headline's first
    /// few words. An exact, suffixed or repeated echo holds all its words,
    /// and a truncated one at least its first [`TRUNCATED_ELLIPSIS_MIN_WORDS`].
    /// Empty when the headline has no words (then nothing echoes it).
    fn clue(&self) -> &str {
        let first = self.norm.split(' ').take(TRUNCATED_ELLIPSIS_MIN_WORDS);
        first.max_by_key(|w| w.len()).unwrap_or("")
    }
}

/// True when `line` (prefixes already stripped) echoes the headline.
///
/// Cost: linear in the line (callers skip lines far longer than the headline).
#[cfg(test)]
fn is_echo(line: &str, head: &Headline) -> bool {
    is_echo_folded(line, &fold(line), head)
}

/// [`is_echo`] given `line` and its [`fold`]ed text.
fn is_echo_folded(line: &str, folded_line: &str, head: &Headline) -> bool {
    let headline_norm = head.norm.as_str();
    let line_norm = words_of_folded(folded_line);
    if line_norm.is_empty() || headline_norm.is_empty() {
        return false;
    }
    if line_norm == headline_norm {
        return true;
    }
    if head.words < ECHO_MIN_WORDS {
        return false;
    }
    // The headline with a site, desk or byline suffix.
    if let Some(rest) = folded_line.strip_prefix(head.folded.as_str()) {
        let rest = rest.trim_start_matches(['.', '!', '?']);
        let glued_by = rest.starts_with("by ");
        let separated = rest.trim_start().starts_with(['-', '|', '–', '—', ':', '(', '/']);
        if (glued_by || separated || rest.trim().is_empty()) && word_count(rest) <= SUFFIX_MAX_WORDS
        {
            return true;
        }
    }
    // The headline repeated on one line, with bits of byline between. Two
    // copies need twice its length: shorter lines (nearly all) are spared
    // the substring search.
    let occurrences = if line_norm.len() >= 2 * headline_norm.len() {
        let finder = head
            .norm_finder
            .get_or_init(|| memchr::memmem::Finder::new(headline_norm).into_owned());
        finder.find_iter(line_norm.as_bytes()).count()
    } else {
        0
    };
    if occurrences >= 2 {
        let rest = line_norm.replace(headline_norm, " ");
        if word_count(&rest) <= occurrences * 4 {
            return true;
        }
    }
    // A truncated copy; one that says so with an ellipsis may be shorter.
    // Its words are counted last: most lines checked are not the start of
    // the headline, and counting cost a search per word.
    let ellipsis = line.trim_end().ends_with("...") || line.trim_end().ends_with('…');
    let min_words = if ellipsis { TRUNCATED_ELLIPSIS_MIN_WORDS } else { TRUNCATED_MIN_WORDS };
    headline_norm.starts_with(&line_norm)
        && headline_norm[line_norm.len()..].starts_with(' ')
        && line_norm.split(' ').count() >= min_words
        && line_norm.len() as f64 >= TRUNCATED_MIN_SHARE * headline_norm.len() as f64
}

impl Filter for HeadlineFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "the headline once: strip date/breaking prefixes and glued bylines, remove its echoes"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        let ids = doc.kept_ids();
        let Some((&head_id, rest)) = ids.split_first() else { return };
        let headline = self.clean_headline(doc, head_id);
        let head = Headline::new(&headline);
        let mut echoes: Vec<LineId> = Vec::new();
        // An echo is the headline with a few words around it, at most a few
        // times over: far longer lines are never echoes. Cost: each line
        // checked is read a few times, so the loop is linear in the document.
        let max_echo_len = 4 * headline.len() + 200;
        let clue = head.clue();
        if clue.is_empty() {
            return;
        }
        let clue = memchr::memmem::Finder::new(clue);
        for &id in rest {
            // Most lines lack the clue word (in their folded text, which
            // earlier stages cached): one substring search passes them over.
            if doc.text(id).len() > max_echo_len || clue.find(doc.folded(id).as_bytes()).is_none() {
                continue;
            }
            let text = doc.text(id);
            let (stripped, _) = self.strip_prefixes(text);
            let stripped = glued_byline(stripped).unwrap_or(stripped);
            // (`stripped` is a part of the text: all of it when as long.)
            let folded: Cow<'_, str> = if stripped.len() == text.len() {
                Cow::Borrowed(doc.folded(id))
            } else {
                Cow::Owned(fold(stripped))
            };
            if is_echo_folded(stripped, &folded, &head) {
                echoes.push(id);
            }
        }
        for id in echoes {
            doc.remove(id, Reason::builtin(NAME, "headline-echo"));
        }
    }
}

impl HeadlineFilter {
    /// Strips glued metadata from the headline line and returns its clean text.
    fn clean_headline(&self, doc: &mut Document<'_>, id: LineId) -> String {
        let original = doc.text(id).to_string();
        let (text, mut rule) = self.strip_prefixes(&original);
        let mut text = text.to_string();
        if let Some(head) = glued_byline(&text) {
            text = head.trim_end().to_string();
            rule = Some(Rule::Builtin("glued-byline"));
        } else {
            // `| Section | Site`: each suffix goes in turn. Stripping only the
            // last left the other for a second run to find (found by fuzzing).
            for _ in 0..MAX_DESK_SUFFIXES {
                let Some(head_end) = desk_suffix(&text) else { break };
                if word_count(&text[head_end..]) > 5 {
                    break;
                }
                text = text[..head_end].trim_end().to_string();
                rule = Some(Rule::Builtin("desk-suffix"));
            }
        }
        if let Some(rule) = rule
            && text != original
        {
            doc.rewrite(id, text.clone(), Reason { filter: NAME, rule });
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_echo_holds_the_clue() {
        let head = Headline::new("The mayor opens the new harbour bridge");
        assert_eq!(head.clue(), "opens");
        for echo in [
            "The mayor opens the new harbour bridge",
            "The mayor opens the new harbour bridge - City Herald",
            "The mayor opens the new harbour...",
            "The mayor opens the new harbour bridge | The mayor opens the new harbour bridge",
        ] {
            assert!(is_echo(echo, &head), "{echo}");
            assert!(fold(echo).contains(head.clue()), "{echo}");
        }
        assert_eq!(Headline::new("—").clue(), "");
    }

    #[test]
    fn echoes() {
        let n = Headline::new("Putin Calls Aliyev to Discuss Peace Process");
        assert!(is_echo("Putin Calls Aliyev to Discuss Peace Process", &n));
        assert!(is_echo("Putin Calls Aliyev to Discuss Peace Processby Agency Staff -", &n));
        assert!(is_echo("Putin Calls Aliyev to Discuss Peace Process - Daily Herald", &n));
        assert!(is_echo(
            "Putin Calls Aliyev to Discuss Peace Processby Agency Staff Putin Calls Aliyev to Discuss Peace Processby Agency Staff",
            &n
        ));
        // Two copies with nothing between: the shortest repeated echo.
        assert!(is_echo(
            "Putin Calls Aliyev to Discuss Peace Process Putin Calls Aliyev to Discuss Peace Process",
            &n
        ));
        assert!(is_echo("Putin Calls Aliyev to Discuss...", &n));
        assert!(!is_echo(
            "Putin Calls Aliyev to Discuss Peace Process in Moscow, and the talks went on for hours.",
            &n
        ));
        assert!(!is_echo("Putin", &n));
    }

    #[test]
    fn every_desk_suffix_goes() {
        let p = crate::Pipeline::builder().only("headline").build().unwrap();
        let once =
            p.clean("Storm closes coastal road for second day | Weather | Weather Desk\nBody.\n");
        assert_eq!(once, "Storm closes coastal road for second day\nBody.\n");
        assert_eq!(p.clean(&once), once);
    }

    #[test]
    fn glued_byline() {
        assert_eq!(
            super::glued_byline("Peace talks resume in Genevaby Agency Staff - English"),
            Some("Peace talks resume in Geneva")
        );
        assert!(!GLUED_BYLINE.is_match("Stadium plans approved nearby Council Offices"));
    }

    #[test]
    fn byline_pre_check_passes_every_match() {
        for line in [
            "Peace talks resume in Genevaby Agency Staff - English",
            "Peace talks resume in Geneva.by Agency Staff | News",
            "Peace talks resume in Geneva’by  Ágnes Kovács-Tóth — Világ",
            "Talks resume in Genevaby John Smith- English",
            "nearby Council Offices - Town Hall",
            "Stadium plans approved nearby Council Offices",
            "by Agency Staff - English",
            "Headline by Staff - x",
            "Headlineby staff - x",
            "Headlineby Staff x",
            "ébyÉ - x",
            "İstanbul’daby Ömer Çelik | Gündem",
        ] {
            if GLUED_BYLINE.is_match(line) {
                assert!(may_hold_glued_byline(line), "{line}");
            }
            assert_eq!(super::glued_byline(line).is_some(), GLUED_BYLINE.is_match(line), "{line}");
        }
        assert!(!may_hold_glued_byline("Stadium plans approved nearby Council Offices"));
    }

    #[test]
    fn words_agree_with_splitting_on_non_alphanumerics() {
        for s in [
            "",
            "  ",
            "putin calls aliyev, to discuss... peace process!",
            "ıstanbul'da 3. köprü — açıldı: “yeni” dönem",
            "日本語 のテキスト ١٢٣ x²",
            "a",
            "-a-b-",
        ] {
            let plain: Vec<&str> =
                s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(words_of_folded(s), plain.join(" "), "{s}");
        }
    }

    #[test]
    fn date_prefix() {
        assert_eq!(DATE_PREFIX.find("date 2022-10 Rusya Devlet").unwrap().range(), 0..13);
        assert!(DATE_PREFIX.find("1986: Çernobil faciası").is_none());
        assert!(DATE_PREFIX.find("12.02.2024 | Haber başlığı").is_some());
    }
}
