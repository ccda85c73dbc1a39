//! `teaser`: teasers pointing elsewhere (POLICY.md "Remove" 1).
//!
//! A line that is only a teaser (`İşte detaylar...`, `Click here to read
//! more`) goes. A teaser glued to the end of a kept paragraph is cut off, and
//! the paragraph keeps its own text and final punctuation.
//!
//! Never cut: a phrase at the end of a sentence that is not preceded by a
//! sentence end of its own (`...and you can read more`): only a teaser that
//! follows a finished sentence is glued on.

use crate::document::Document;
use crate::filter::Filter;
use crate::filters::shape::ends_sentence;
use crate::rules::{Caps, Matcher, RuleSet};
use crate::verdict::Reason;

const NAME: &str = "teaser";

/// Removes stand-alone teasers and cuts glued ones.
#[derive(Clone, Debug)]
pub struct TeaserFilter {
    whole: Matcher,
    glued: Matcher,
}

impl TeaserFilter {
    /// Builds the filter from the `teaser` rules.
    pub fn new(rules: &RuleSet) -> TeaserFilter {
        TeaserFilter {
            whole: rules.matcher("teaser"),
            glued: rules.matcher_with_phrases_as_suffixes("teaser"),
        }
    }
}

impl Filter for TeaserFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "teasers pointing elsewhere (Read more, İşte detaylar...), also cut off the end of a paragraph"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        if self.whole.is_empty() {
            return;
        }
        // Each line is judged and changed on its own, so the kept ones are
        // picked as the loop goes.
        for id in 0..doc.len() {
            if !doc.is_kept(id) {
                continue;
            }
            let text = doc.text(id);
            if let Some(hit) = self.whole.probe(&doc.probe(id), Caps::Apply) {
                doc.remove(id, Reason { filter: NAME, rule: hit.rule });
                continue;
            }
            // Cost: only a tail as long as the longest rule is read.
            let Some(hit) = self.glued.glued_suffix(text) else {
                continue;
            };
            let kept = text[..hit.span.start].trim_end();
            if hit.span.start > 0 && ends_sentence(kept) {
                let kept = kept.to_string();
                doc.rewrite(id, kept, Reason { filter: NAME, rule: hit.rule });
            }
        }
    }
}
