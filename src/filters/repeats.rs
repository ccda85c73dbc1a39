//! `repeats`: prose paragraphs repeated verbatim (POLICY.md "Remove" 5).
//!
//! A paragraph that repeats an earlier one exactly (after normalisation) goes;
//! the first occurrence stays. Only prose counts: short lines that repeat
//! inside an article (a song's refrain, list items, verse, speaker lines) are
//! content and stay.

use crate::document::{Document, LineId};
use crate::filter::Filter;
use crate::filters::shape::ends_sentence;
use crate::verdict::Reason;

const NAME: &str = "repeats";

/// A repeated line is prose when it has this many words and ends a sentence...
const SENTENCE_MIN_WORDS: usize = 12;
/// ...or this many words whatever its end.
const LONG_MIN_WORDS: usize = 25;

/// Removes repeated prose paragraphs.
#[derive(Clone, Debug, Default)]
pub struct RepeatFilter;

/// True when a kept line is long enough to count as a repeated paragraph;
/// its length comes from the document's per-line cache.
fn is_repeatable_prose(doc: &Document<'_>, id: LineId, line: &str) -> bool {
    let words = doc.effective_words(id);
    words >= LONG_MIN_WORDS || (words >= SENTENCE_MIN_WORDS && ends_sentence(line))
}

impl Filter for RepeatFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "prose paragraphs that repeat an earlier one verbatim (refrains and list items stay)"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        // Cost: one hash per prose line, no copies (the set borrows the
        // lines), so time and memory linear in the document. foldhash is
        // seeded per process, enough for a batch tool hashing its input.
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let mut repeats = Vec::new();
        for (id, text) in doc.kept() {
            if is_repeatable_prose(doc, id, text) && !seen.insert(text) {
                repeats.push(id);
            }
        }
        for id in repeats {
            doc.remove(id, Reason::builtin(NAME, "repeated-paragraph"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;

    #[test]
    fn prose_repeat_goes_refrain_stays() {
        let p = Pipeline::builder().only("repeats").build().unwrap();
        let para =
            "The council approved the plan on Monday after a long debate about costs and delays.";
        let text =
            format!("{para}\nLa la la, sing it again\nMiddle.\nLa la la, sing it again\n{para}\n");
        assert_eq!(
            p.clean(&text),
            format!("{para}\nLa la la, sing it again\nMiddle.\nLa la la, sing it again\n")
        );
    }
}
