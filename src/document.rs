//! A document as a sequence of lines, each kept, removed or rewritten with a reason.
//!
//! Filters never edit text directly: they call [`Document::remove`] and
//! [`Document::rewrite`], so every change carries a [`Reason`] and a removed
//! line cannot come back. Layout (LF endings, at most one blank line, no blank
//! lines at the ends) is applied by [`Document::write_clean`].

use std::borrow::Cow;
use std::cell::OnceCell;
use std::io::{self, Write};

use crate::filters::shape;
use crate::rules::{Folded, Probe, word_count};
use crate::verdict::Reason;

/// Index of a line in its [`Document`].
pub type LineId = usize;

/// One input line and what has happened to it so far.
#[derive(Clone, Debug)]
struct Line<'a> {
    /// 1-based line number in the input stream.
    number: u32,
    text: Cow<'a, str>,
    removed: Option<Reason>,
    /// What several filters ask of the text, worked out on first use and
    /// forgotten when the text is rewritten.
    features: Features,
}

/// Features of a line's current text that more than one filter reads.
#[derive(Clone, Debug, Default)]
struct Features {
    words: OnceCell<usize>,
    effective_words: OnceCell<usize>,
    folded: OnceCell<Folded>,
}

/// What a recorded change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The line was removed.
    Remove,
    /// The line's text was replaced.
    Rewrite,
    /// The line was kept (only recorded by [`Document::events_with_kept`]).
    Keep,
}

impl Action {
    /// Lowercase name used in `--explain` output.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Remove => "remove",
            Action::Rewrite => "rewrite",
            Action::Keep => "keep",
        }
    }
}

/// One change to one line, recorded when tracing is on.
#[derive(Clone, Debug)]
pub struct Event {
    /// 1-based input line number.
    pub line: u32,
    /// What happened.
    pub action: Action,
    /// Why; `None` only for [`Action::Keep`].
    pub reason: Option<Reason>,
    /// The line's text: the removed text, or the new text of a rewrite.
    pub text: String,
}

/// Per-filter counts of removed and rewritten lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    entries: Vec<(&'static str, u64, u64)>,
}

impl Counts {
    fn bump(&mut self, filter: &'static str, removed: u64, rewritten: u64) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.0 == filter) {
            e.1 += removed;
            e.2 += rewritten;
        } else {
            self.entries.push((filter, removed, rewritten));
        }
    }

    /// Adds another set of counts into this one.
    pub fn merge(&mut self, other: &Counts) {
        for &(f, r, w) in &other.entries {
            self.bump(f, r, w);
        }
    }

    /// `(filter, removed, rewritten)` in the order filters first counted something.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u64, u64)> + '_ {
        self.entries.iter().copied()
    }

    /// Lines removed by `filter`.
    pub fn removed(&self, filter: &str) -> u64 {
        self.entries.iter().find(|e| e.0 == filter).map_or(0, |e| e.1)
    }

    /// Lines rewritten by `filter`.
    pub fn rewritten(&self, filter: &str) -> u64 {
        self.entries.iter().find(|e| e.0 == filter).map_or(0, |e| e.2)
    }
}

/// A document: its lines in input order, and what filters did to them.
#[derive(Clone, Debug, Default)]
pub struct Document<'a> {
    lines: Vec<Line<'a>>,
    events: Option<Vec<Event>>,
    counts: Counts,
}

impl<'a> Document<'a> {
    /// Splits `text` into lines (LF, CRLF or a lone CR end a line), numbering them from 1.
    pub fn from_text(text: &'a str) -> Document<'a> {
        Document::from_text_at(text, 1)
    }

    /// Like [`Document::from_text`], numbering the first line `first_number`
    /// (for documents that start part-way into a stream).
    pub fn from_text_at(text: &'a str, first_number: u32) -> Document<'a> {
        let bytes = text.as_bytes();
        // Counted first (a fast search) so that the lines, over a hundred
        // bytes each, are not copied as the vector grows; lone CRs are rare.
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        let mut start = 0;
        let mut number = first_number;
        while start < bytes.len() {
            let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
                Some(i) => {
                    let end = start + i;
                    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        end + 2
                    } else {
                        end + 1
                    };
                    (end, next)
                }
                None => (bytes.len(), bytes.len()),
            };
            lines.push(Line {
                number,
                text: Cow::Borrowed(&text[start..end]),
                removed: None,
                features: Features::default(),
            });
            number = number.saturating_add(1);
            start = next;
        }
        Document { lines, events: None, counts: Counts::default() }
    }

    /// Turns recording of [`Event`]s on, for `--explain`.
    pub fn trace(&mut self, yes: bool) {
        self.events = if yes { Some(Vec::new()) } else { None };
    }

    /// Number of lines, blank and removed ones included.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when the document has no lines at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The current text of a line (removed lines keep the text they had).
    pub fn text(&self, id: LineId) -> &str {
        &self.lines[id].text
    }

    /// Number of whitespace-separated words in a line's current text
    /// (see [`crate::rules::word_count`]), counted once.
    pub fn words(&self, id: LineId) -> usize {
        let l = &self.lines[id];
        *l.features.words.get_or_init(|| word_count(&l.text))
    }

    /// A line's length in words, unspaced scripts (CJK, Thai) counted as one
    /// word per two characters; counted once.
    pub fn effective_words(&self, id: LineId) -> usize {
        let l = &self.lines[id];
        *l.features.effective_words.get_or_init(|| {
            // The same as `shape::effective_words`, sharing the word count.
            if shape::is_unspaced_script(&l.text) {
                shape::unspaced_words(&l.text)
            } else {
                self.words(id)
            }
        })
    }

    /// True when a line is prose: long enough, and ending like a sentence
    /// unless very long.
    pub fn is_prose(&self, id: LineId) -> bool {
        shape::is_prose_of(self.text(id), self.effective_words(id))
    }

    /// A line's current text folded for matching (see [`crate::rules::fold`]), folded once.
    pub fn folded(&self, id: LineId) -> &str {
        let l = &self.lines[id];
        l.features.folded.get_or_init(|| Folded::new(&l.text)).text()
    }

    /// A line ready to be matched against rules, sharing its word count and
    /// folded text with every other filter that asks.
    pub fn probe(&self, id: LineId) -> Probe<'_> {
        let l = &self.lines[id];
        Probe::shared(&l.text, self.words(id), &l.features.folded)
    }

    /// 1-based input line number of a line.
    pub fn number(&self, id: LineId) -> u32 {
        self.lines[id].number
    }

    /// True when the line has not been removed and has text (blank lines are not "kept").
    pub fn is_kept(&self, id: LineId) -> bool {
        let l = &self.lines[id];
        l.removed.is_none() && !l.text.is_empty()
    }

    /// True when the line has been removed.
    pub fn is_removed(&self, id: LineId) -> bool {
        self.lines[id].removed.is_some()
    }

    /// Why the line was removed, if it was.
    pub fn removal(&self, id: LineId) -> Option<&Reason> {
        self.lines[id].removed.as_ref()
    }

    /// True when the line is blank (empty text and not removed).
    pub fn is_blank(&self, id: LineId) -> bool {
        let l = &self.lines[id];
        l.removed.is_none() && l.text.is_empty()
    }

    /// Ids of the kept lines with text, in order.
    ///
    /// Cost: one pass and one allocation, as long as the document (most
    /// lines are kept, and a filtered `collect` would grow the vector from
    /// nothing in every stage).
    pub fn kept_ids(&self) -> Vec<LineId> {
        let mut ids = Vec::with_capacity(self.lines.len());
        ids.extend(
            self.lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.removed.is_none() && !l.text.is_empty())
                .map(|(i, _)| i),
        );
        ids
    }

    /// Kept lines with text, in order.
    pub fn kept(&self) -> impl Iterator<Item = (LineId, &str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.removed.is_none() && !l.text.is_empty())
            .map(|(i, l)| (i, &*l.text))
    }

    /// True when a blank line lies between `id` and the nearest earlier line
    /// that is neither blank nor removed (or the document start).
    ///
    /// Cost: the number of blank or removed lines just before `id`, which can
    /// be the whole document; in a loop over lines prefer
    /// [`Document::blank_between`] with the previous line of interest.
    pub fn blank_before(&self, id: LineId) -> bool {
        self.lines[..id]
            .iter()
            .rev()
            .take_while(|l| l.removed.is_some() || l.text.is_empty())
            .any(|l| l.removed.is_none())
    }

    /// True when a blank (not removed) line lies strictly between `a` and `b`.
    ///
    /// Unlike [`Document::blank_before`], this looks only at the lines between
    /// the two, so its cost is bounded by their distance: callers walking a
    /// run of neighbours pay once per line, not once per line removed before.
    pub fn blank_between(&self, a: LineId, b: LineId) -> bool {
        self.lines
            .get(a + 1..b)
            .is_some_and(|between| between.iter().any(|l| l.removed.is_none() && l.text.is_empty()))
    }

    /// Removes a line. Removing a removed line does nothing: the first reason stands.
    pub fn remove(&mut self, id: LineId, reason: Reason) {
        let line = &mut self.lines[id];
        if line.removed.is_some() {
            return;
        }
        self.counts.bump(reason.filter, 1, 0);
        if let Some(events) = &mut self.events {
            events.push(Event {
                line: line.number,
                action: Action::Remove,
                reason: Some(reason.clone()),
                text: line.text.to_string(),
            });
        }
        line.removed = Some(reason);
    }

    /// Replaces a line's text. A removed line stays removed and is not changed.
    pub fn rewrite(&mut self, id: LineId, text: impl Into<Cow<'a, str>>, reason: Reason) {
        let line = &mut self.lines[id];
        if line.removed.is_some() {
            return;
        }
        let text = text.into();
        if text == line.text {
            return;
        }
        self.counts.bump(reason.filter, 0, 1);
        if let Some(events) = &mut self.events {
            events.push(Event {
                line: line.number,
                action: Action::Rewrite,
                reason: Some(reason),
                text: text.to_string(),
            });
        }
        line.text = text;
        line.features = Features::default();
    }

    /// Replaces a line's text without recording a change: for normalisation
    /// that only turns a whitespace-only line into a blank one.
    pub(crate) fn set_blank(&mut self, id: LineId) {
        self.lines[id].text = Cow::Borrowed("");
        self.lines[id].features = Features::default();
    }

    /// Per-filter counts of what changed.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The recorded changes, in the order they were made (empty unless tracing).
    pub fn events(&self) -> &[Event] {
        self.events.as_deref().unwrap_or(&[])
    }

    /// The recorded changes in input line order, with a `keep` event for every
    /// line that survives with text.
    pub fn events_with_kept(&self) -> Vec<Event> {
        let mut all: Vec<Event> = self.events().to_vec();
        for l in &self.lines {
            if l.removed.is_none() && !l.text.is_empty() {
                all.push(Event {
                    line: l.number,
                    action: Action::Keep,
                    reason: None,
                    text: l.text.to_string(),
                });
            }
        }
        all.sort_by_key(|e| e.line);
        all
    }

    /// Writes the kept lines with the layout POLICY.md asks for: LF endings, one
    /// blank line between two kept lines only where the input had at least one,
    /// none at the ends, a final newline, and nothing at all for an empty result.
    ///
    /// # Errors
    /// Whatever the writer returns.
    pub fn write_clean<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        let mut pending_blank = false;
        let mut first = true;
        for l in &self.lines {
            if l.removed.is_some() {
                continue;
            }
            if l.text.is_empty() {
                pending_blank = true;
                continue;
            }
            if pending_blank && !first {
                out.write_all(b"\n")?;
            }
            out.write_all(l.text.as_bytes())?;
            out.write_all(b"\n")?;
            first = false;
            pending_blank = false;
        }
        Ok(())
    }

    /// The clean text as a string (see [`Document::write_clean`]).
    pub fn to_clean_string(&self) -> String {
        let mut out = Vec::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        self.write_clean(&mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("lines are UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{fold, key};

    #[test]
    fn splits_every_line_ending() {
        let doc = Document::from_text("a\r\nb\rc\nd");
        let texts: Vec<&str> = (0..doc.len()).map(|i| doc.text(i)).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(doc.number(3), 4);
    }

    #[test]
    fn layout_keeps_one_blank_only_where_input_had_one() {
        let mut doc = Document::from_text("\n\nA\n\n\nB\nC\n\nX\nD\n\n");
        let x = (0..doc.len()).find(|&i| doc.text(i) == "X").unwrap();
        doc.remove(x, Reason::builtin("test", "x"));
        assert_eq!(doc.to_clean_string(), "A\n\nB\nC\n\nD\n");
    }

    #[test]
    fn removed_line_between_keeps_no_blank() {
        let mut doc = Document::from_text("A\nX\nB\n");
        doc.remove(1, Reason::builtin("test", "x"));
        assert_eq!(doc.to_clean_string(), "A\nB\n");
    }

    #[test]
    fn empty_result_writes_nothing() {
        let mut doc = Document::from_text("X\n\n");
        doc.remove(0, Reason::builtin("test", "x"));
        assert_eq!(doc.to_clean_string(), "");
    }

    #[test]
    fn first_reason_stands_and_counts_once() {
        let mut doc = Document::from_text("X\n");
        doc.remove(0, Reason::builtin("a", "one"));
        doc.remove(0, Reason::builtin("b", "two"));
        assert_eq!(doc.removal(0).unwrap().filter, "a");
        assert_eq!(doc.counts().removed("a"), 1);
        assert_eq!(doc.counts().removed("b"), 0);
    }

    #[test]
    fn cached_features_agree_with_the_text() {
        let mut doc = Document::from_text(
            "Two words\n東京都は新しい計画を発表しました。市民の意見を聞きます。\nİSTANBUL’da Bir Gün\n» PAYLAŞ:\n",
        );
        for id in 0..doc.len() {
            let text = doc.text(id).to_string();
            assert_eq!(doc.words(id), word_count(&text));
            assert_eq!(doc.effective_words(id), shape::effective_words(&text));
            assert_eq!(doc.folded(id), fold(&text));
            // The key worked out with the folded text is the line's key.
            assert_eq!(doc.probe(id).key(), key(&text));
            assert_eq!(doc.is_prose(id), shape::is_prose(&text));
        }
        // A rewrite forgets what was worked out for the old text.
        assert_eq!(doc.words(0), 2);
        doc.rewrite(0, "now three words", Reason::builtin("t", "x"));
        assert_eq!(doc.words(0), 3);
        assert_eq!(doc.folded(0), "now three words");
    }

    #[test]
    fn blank_before_looks_past_removed_lines() {
        let mut doc = Document::from_text("A\n\nX\nB\nC\n");
        doc.remove(2, Reason::builtin("t", "x"));
        assert!(doc.blank_before(3));
        assert!(!doc.blank_before(4));
    }
}
