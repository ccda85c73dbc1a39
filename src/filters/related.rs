//! `related`: related-content blocks (POLICY.md "Remove" 2).
//!
//! A heading from the `related.txt` packs (`Benzer Haberler`, `Related
//! stories`, `Ähnliche Artikel`) goes together with the run of headline-like
//! lines under it: short, no final full stop, not starting in lower case.
//! Blank lines inside the run are skipped over.
//!
//! A heading followed on the same line by a colon and one headline (`Lesen
//! Sie auch: ...`, `Lea también: ...`) goes too.
//!
//! Never removed: a heading-like line that is not followed by at least one
//! headline-like line (it may be a sub-heading), a prose line, and the last
//! line of a run when it is directly followed by a prose paragraph (then it is
//! the sub-heading of that paragraph, and the article goes on).

use crate::bytes::has_byte_where;
use crate::document::Document;
use crate::filter::Filter;
use crate::filters::shape::{is_headline_like, word_count};
use crate::rules::{Caps, Matcher, RuleSet};
use crate::verdict::{Reason, Rule};

const NAME: &str = "related";

/// The headline after an inline `Read also:` has at most this many words.
const INLINE_MAX_WORDS: usize = 25;
/// A related block lists at most this many headlines.
const MAX_ITEMS: usize = 20;

/// Removes related-content blocks.
#[derive(Clone, Debug)]
pub struct RelatedBlockFilter {
    headings: Matcher,
    inline: Matcher,
}

impl RelatedBlockFilter {
    /// Builds the filter from the `related` rules.
    pub fn new(rules: &RuleSet) -> RelatedBlockFilter {
        RelatedBlockFilter {
            headings: rules.matcher("related"),
            inline: rules.matcher_with_phrases_as_prefixes("related"),
        }
    }
}

/// What comes between an inline link's heading and its headline.
const LINK_SEPARATORS: [char; 6] = [':', '|', '»', '›', '–', '—'];

/// False when `line` holds none of [`LINK_SEPARATORS`]: it has none of the
/// bytes they start with (`:`, `|`, and 0xC2 or 0xE2 for the others).
///
/// Cost: a vectorised block scan (see [`has_byte_where`]); two memchr
/// searches cost more on lines this short.
fn may_hold_link_separator(line: &str) -> bool {
    has_byte_where(line.as_bytes(), |b| (b == b':') | (b == b'|') | (b == 0xC2) | (b == 0xE2))
}

impl RelatedBlockFilter {
    /// `Read also: Headline of another story`: a heading, a colon and one
    /// headline on the same line. The rest must look like a headline, so a
    /// sentence that happens to start with the words stays.
    ///
    /// Cost: a line without a separator (most prose) is passed over by a
    /// memchr search, before any folding.
    fn inline_link(&self, line: &str) -> Option<Rule> {
        if !may_hold_link_separator(line) {
            return None;
        }
        let hit = self.inline.glued_prefix(line)?;
        let rest = line[hit.span.end..].trim_start();
        let rest = rest.strip_prefix(LINK_SEPARATORS)?.trim_start();
        (word_count(rest) <= INLINE_MAX_WORDS && is_headline_like(rest)).then_some(hit.rule)
    }
}

impl Filter for RelatedBlockFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "related-news blocks: a heading (Related news, Benzer Haberler...) and the headlines under it"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        if self.headings.is_empty() {
            return;
        }
        let ids = doc.kept_ids();
        let mut i = 0;
        while i < ids.len() {
            let Some(hit) = self.headings.probe(&doc.probe(ids[i]), Caps::Apply) else {
                if let Some(rule) = self.inline_link(doc.text(ids[i])) {
                    doc.remove(ids[i], Reason { filter: NAME, rule });
                }
                i += 1;
                continue;
            };
            // Cost: at most MAX_ITEMS lines, and `i` moves past them after.
            let mut end = i;
            while end + 1 < ids.len()
                && end - i < MAX_ITEMS
                && is_headline_like(doc.text(ids[end + 1]))
            {
                end += 1;
            }
            // The last item sits right on top of a prose paragraph: a sub-heading.
            // (`blank_before` stops at `ids[end]`, still kept here: it reads
            // only the lines between the two.)
            if end > i
                && let Some(&next) = ids.get(end + 1)
                && !doc.blank_before(next)
                && doc.is_prose(next)
            {
                end -= 1;
            }
            doc.remove(ids[i], Reason { filter: NAME, rule: hit.rule });
            for &id in &ids[i + 1..=end] {
                doc.remove(id, Reason::builtin(NAME, "related-item"));
            }
            i = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_separator_passes_the_byte_check() {
        for c in LINK_SEPARATORS {
            assert!(may_hold_link_separator(&format!("Read also{c} x")), "{c}");
        }
        assert!(!may_hold_link_separator("Read also the report on the harbour bridge."));
        let long = "Read also the report on the harbour bridge. ".repeat(3);
        assert!(!may_hold_link_separator(&long));
        for at in [0, 31, 32, 100, long.len()] {
            let mut s = long.clone();
            s.insert(at, '|');
            assert!(may_hold_link_separator(&s), "{at}");
        }
    }
}
