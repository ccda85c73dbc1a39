//! The stages of the default pipeline, in the order they run.
//!
//! # How to add a filter
//! 1. Write `src/filters/<name>.rs` with a struct named for what it removes,
//!    implementing [`Filter`] (or
//!    [`LineFilter`](crate::LineFilter) when one line is enough). Open
//!    it with a `//!` naming the POLICY.md section and what it never removes.
//! 2. Put its phrases in `src/rules/<lang>/<kind>.txt` for every language,
//!    and take its matcher from the [`RuleSet`] in its constructor.
//! 3. Register it in [`STAGES`] below, at its place in the order.
//! 4. Add unit tests with removals and near-miss lines that must be kept, and a
//!    fixture pair per language under `fixtures/`.

mod chrome;
mod dates;
mod disclaimer;
mod headline;
mod images;
mod language;
mod related;
mod repeats;
pub(crate) mod shape;
mod structure;
mod teaser;

pub use chrome::ChromeFilter;
pub use disclaimer::DisclaimerFilter;
pub use headline::HeadlineFilter;
pub use images::ImagePlaceholderFilter;
pub use related::RelatedBlockFilter;
pub use repeats::RepeatFilter;
pub use structure::StructureFilter;
pub use teaser::TeaserFilter;

use crate::filter::Filter;
use crate::normalize::NormalizeFilter;
use crate::rules::RuleSet;

/// A stage as registered: its name, its `--list-filters` line and how to build it.
#[derive(Clone, Copy)]
pub struct Stage {
    /// Stable name used by `--skip`, `--only`, `--explain` and `--stats`.
    pub name: &'static str,
    /// One line for `--list-filters`.
    pub description: &'static str,
    /// Builds the stage from the compiled rules.
    pub build: fn(&RuleSet) -> Box<dyn Filter>,
    /// The rule kinds whose matchers `build` takes, in the order the stage
    /// first searches them: see [`Pipeline::prepare`](crate::Pipeline::prepare).
    pub kinds: &'static [&'static str],
}

impl std::fmt::Debug for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every stage, in pipeline order: normalisation first, so that rules see NFC
/// text with plain spaces; line-level removals next; then the stages that
/// look at the document as a whole (headline, repeats).
pub const STAGES: &[Stage] = &[
    Stage {
        name: "normalize",
        description: "Unicode: mojibake, HTML entities, NFC, invisible characters, spaces, terminal escapes",
        build: |_| Box::new(NormalizeFilter),
        kinds: &[],
    },
    Stage {
        name: "images",
        description: "image placeholders and markup (<img>, ![](), [Image: ...], data:image URIs), photo credits",
        build: |r| Box::new(ImagePlaceholderFilter::new(r)),
        kinds: &["images"],
    },
    Stage {
        name: "disclaimer",
        description: "source notes, opinion/reproduction/not-advice disclaimers, also over several lines or in ***",
        build: |r| Box::new(DisclaimerFilter::new(r)),
        kinds: &["disclaimer"],
    },
    Stage {
        name: "chrome",
        description: "site chrome: skip links, menus, dates, bylines, widgets, share/cookie/ad lines, tags, comments",
        build: |r| Box::new(ChromeFilter::new(r)),
        kinds: &["chrome", "comments", "replies"],
    },
    Stage {
        name: "related",
        description: "related-news blocks: a heading (Related news, Benzer Haberler...) and the headlines under it",
        build: |r| Box::new(RelatedBlockFilter::new(r)),
        kinds: &["related"],
    },
    Stage {
        name: "teaser",
        description: "teasers pointing elsewhere (Read more, İşte detaylar...), also cut off the end of a paragraph",
        build: |r| Box::new(TeaserFilter::new(r)),
        kinds: &["teaser"],
    },
    Stage {
        name: "structure",
        description: "runs of short lines (menus, sidebars, headline lists, footers) outside the main text block",
        build: |_| Box::new(StructureFilter),
        kinds: &[],
    },
    Stage {
        name: "headline",
        description: "the headline once: strip date/breaking prefixes and glued bylines, remove its echoes",
        build: |r| Box::new(HeadlineFilter::new(r)),
        kinds: &["headline"],
    },
    Stage {
        name: "repeats",
        description: "prose paragraphs that repeat an earlier one verbatim (refrains and list items stay)",
        build: |_| Box::new(RepeatFilter),
        kinds: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage's `kinds` name every kind its constructor compiles, so that
    /// `Pipeline::prepare` builds them all.
    #[test]
    fn stages_list_the_kinds_they_compile() {
        for stage in STAGES {
            let rules = RuleSet::builtin(&[]).expect("built-in rules load");
            let _ = (stage.build)(&rules);
            let mut compiled = rules.kinds_compiled();
            compiled.sort_unstable();
            let mut listed = stage.kinds.to_vec();
            listed.sort_unstable();
            assert_eq!(compiled, listed, "{}", stage.name);
        }
    }
}
