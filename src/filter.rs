//! The one abstraction every stage implements.
//!
//! A [`Filter`] sees the whole [`Document`] and may look at runs or windows of
//! lines (a related-news block, a headline and its echoes). A [`LineFilter`]
//! judges one line at a time and gets a [`Filter`] implementation for free.
//!
//! Filters hold only compiled, immutable configuration: per-document state
//! (the headline seen, the current block) lives in locals of `apply`, so one
//! pipeline can clean many documents on many threads at once.

use crate::document::Document;
use crate::rules::Probe;
use crate::verdict::{Reason, Verdict};

/// A pipeline stage.
pub trait Filter: Send + Sync {
    /// Stable kebab-case id: the `--skip`/`--only` value and the `--explain` column.
    fn name(&self) -> &'static str;
    /// One line for `--list-filters`.
    fn description(&self) -> &'static str;
    /// Judges the document's kept lines, removing or rewriting them with reasons.
    fn apply(&self, doc: &mut Document<'_>);
}

/// A stage that judges each kept line on its own.
pub trait LineFilter: Send + Sync {
    /// See [`Filter::name`].
    fn name(&self) -> &'static str;
    /// See [`Filter::description`].
    fn description(&self) -> &'static str;
    /// Decides what happens to one line (its text is `line.line()`; the probe
    /// carries the word count and folded text other stages share).
    fn judge(&self, line: &Probe<'_>) -> Verdict;
}

impl<T: LineFilter> Filter for T {
    fn name(&self) -> &'static str {
        LineFilter::name(self)
    }

    fn description(&self) -> &'static str {
        LineFilter::description(self)
    }

    fn apply(&self, doc: &mut Document<'_>) {
        let name = LineFilter::name(self);
        // A verdict changes only its own line, so the lines can be checked as
        // the loop goes instead of collecting the kept ones first.
        for id in 0..doc.len() {
            if !doc.is_kept(id) {
                continue;
            }
            match self.judge(&doc.probe(id)) {
                Verdict::Keep => {}
                Verdict::Remove(rule) => doc.remove(id, Reason { filter: name, rule }),
                Verdict::Rewrite(text, rule) => {
                    doc.rewrite(id, text, Reason { filter: name, rule })
                }
            }
        }
    }
}
