//! `disclaimer`: source notes, opinion, reproduction and advice disclaimers
//! (POLICY.md "Remove" 3).
//!
//! A line matching a `disclaimer.txt` rule goes, together with the lines its
//! sentence is broken over: a neighbour joined to it without a blank line,
//! where the sentence visibly continues (the earlier line ends with a comma or
//! no sentence mark, the later one starts in lower case). Notes wrapped in
//! `***` go whole, also over several lines.
//!
//! Never removed: prose that quotes a disclaimer inside a longer paragraph
//! (the word caps of the rule files), a neighbouring line that ends its own
//! sentence or is a heading.

use crate::document::{Document, LineId};
use crate::filter::Filter;
use crate::filters::shape::starts_lowercase;
use crate::rules::{Caps, Matcher, RuleSet};
use crate::verdict::{Reason, Rule};

const NAME: &str = "disclaimer";

/// A continuation line longer than this is prose of its own, not the tail of a notice.
const CONTINUATION_MAX_WORDS: usize = 60;
/// A `***` note spans at most this many lines.
const STARRED_MAX_LINES: usize = 4;

/// Removes disclaimers.
#[derive(Clone, Debug)]
pub struct DisclaimerFilter {
    phrases: Matcher,
}

impl DisclaimerFilter {
    /// Builds the filter from the `disclaimer` rules.
    pub fn new(rules: &RuleSet) -> DisclaimerFilter {
        DisclaimerFilter { phrases: rules.matcher("disclaimer") }
    }
}

/// True when `later` continues the sentence that `earlier` began: the earlier
/// line stops on a comma-like mark, or the later one starts in lower case.
fn continues(earlier: &str, later: &str) -> bool {
    earlier.trim_end().ends_with([',', ';', ':', '-', '–']) || starts_lowercase(later)
}

impl Filter for DisclaimerFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "source notes, opinion/reproduction/not-advice disclaimers, also over several lines or in ***"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        let ids = doc.kept_ids();
        // Only the lines between `a` and `b` are looked at: `blank_before`
        // would scan back over every line this loop already removed, which
        // made a long run of disclaimers quadratic.
        let adjacent = |doc: &Document<'_>, a: LineId, b: LineId| a < b && !doc.blank_between(a, b);
        let mut i = 0;
        while i < ids.len() {
            let id = ids[i];
            let text = doc.text(id);
            // A note wrapped in `***`, possibly over a few lines (at most
            // STARRED_MAX_LINES looked at).
            if text.starts_with("***") {
                let mut end = i;
                while !doc.text(ids[end]).ends_with("***")
                    && end + 1 < ids.len()
                    && end + 1 - i < STARRED_MAX_LINES
                    && adjacent(doc, ids[end], ids[end + 1])
                {
                    end += 1;
                }
                if doc.text(ids[end]).ends_with("***") && (end > i || text.len() > 6) {
                    for &j in &ids[i..=end] {
                        doc.remove(j, Reason::builtin(NAME, "starred-note"));
                    }
                    i = end + 1;
                    continue;
                }
            }
            let Some(hit) = self.phrases.probe(&doc.probe(id), Caps::Apply) else {
                i += 1;
                continue;
            };
            let reason = Reason { filter: NAME, rule: hit.rule };
            // Earlier lines of the same sentence. Cost: each walk stops at a
            // line not ending in `,`/`;`, and the walk forward below takes
            // such a line in already, so no line is walked over twice.
            let mut start = i;
            while start > 0
                && adjacent(doc, ids[start - 1], ids[start])
                && doc.words(ids[start - 1]) <= CONTINUATION_MAX_WORDS
                && doc.text(ids[start - 1]).trim_end().ends_with([',', ';'])
            {
                start -= 1;
            }
            // Later lines of the same sentence; `i` moves past them after.
            let mut end = i;
            while end + 1 < ids.len()
                && adjacent(doc, ids[end], ids[end + 1])
                && doc.words(ids[end + 1]) <= CONTINUATION_MAX_WORDS
                && continues(doc.text(ids[end]), doc.text(ids[end + 1]))
            {
                end += 1;
            }
            for (k, &j) in ids[start..=end].iter().enumerate() {
                let r = if start + k == i {
                    reason.clone()
                } else {
                    Reason { filter: NAME, rule: Rule::Builtin("disclaimer-continuation") }
                };
                doc.remove(j, r);
            }
            i = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation() {
        assert!(continues("Görüşler kaynağa ait olup,", "site hiçbir sorumluluk üstlenmez."));
        assert!(continues("Always do your own research", "before making any decision.***"));
        assert!(!continues("This notice ends here.", "Next paragraph starts anew."));
        assert!(!continues("A heading", "The body text begins with a capital."));
    }

    #[test]
    fn starred_notes_go_whole() {
        let p = crate::Pipeline::builder().only("disclaimer").build().unwrap();
        let out = p.clean("Body text.\n***This is for information only and not advice. Always do your own\nresearch first.***\nMore body.\n");
        assert_eq!(out, "Body text.\nMore body.\n");
    }
}
