//! The stages of the default pipeline, in the order they run.
//!
//! # How to add a filter
//! 1. Write `src/filters/<name>.rs` with a struct named for what it removes,
//!    implementing [`Filter`](crate::filter::Filter) (or
//!    [`LineFilter`](crate::filter::LineFilter) when one line is enough). Open
//!    it with a `//!` naming the POLICY.md section and what it never removes.
//! 2. Put its phrases in `src/rules/<lang>/<kind>.txt` for every language,
//!    and take its matcher from the [`RuleSet`] in its constructor.
//! 3. Register it in [`STAGES`] below, at its place in the order.
//! 4. Add unit tests with removals and near-miss lines that must be kept, and a
//!    fixture pair per language under `fixtures/`.

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
}

impl std::fmt::Debug for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every stage, in pipeline order.
pub const STAGES: &[Stage] = &[Stage {
    name: "normalize",
    description: "Unicode: mojibake, HTML entities, NFC, invisible characters, spaces, terminal escapes",
    build: |_| Box::new(NormalizeFilter),
}];
