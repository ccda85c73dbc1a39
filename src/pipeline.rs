//! The ordered list of stages, built once and shared by every document.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::filters::{self, Stage};
use crate::rules::RuleSet;

/// An immutable, thread-safe sequence of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Filter>>,
    /// The rules the stages were built from: their matchers, for [`Pipeline::prepare`].
    rules: RuleSet,
    /// The rule kinds the stages search, last searched first.
    kinds: Vec<&'static str>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.stages.iter().map(|s| s.name())).finish()
    }
}

impl Default for Pipeline {
    /// The default pipeline: every stage, every built-in language.
    fn default() -> Pipeline {
        Pipeline::builder().build().expect("the built-in rules compile")
    }
}

impl Pipeline {
    /// A builder with the default settings.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Runs every stage over the document.
    pub fn run(&self, doc: &mut Document<'_>) {
        for stage in &self.stages {
            stage.apply(doc);
        }
    }

    /// Cleans one document given as text and returns the clean text.
    ///
    /// ```
    /// let p = textsieve::Pipeline::default();
    /// assert_eq!(p.clean("Hello&nbsp;world.\r\n\r\n\r\nSecond line.  "), "Hello world.\n\nSecond line.\n");
    /// ```
    pub fn clean(&self, text: &str) -> String {
        let mut doc = Document::from_text(text);
        self.run(&mut doc);
        doc.to_clean_string()
    }

    /// Builds now what the stages' matchers otherwise build when a line
    /// first needs them (see [`Matcher::prepare`](crate::rules::Matcher::prepare)),
    /// last stage first. Called on another thread as the first documents are
    /// cleaned, it takes those builds off them, most of a small input's
    /// cleaning time: they meet it half-way, and a line that needs a part
    /// being built waits for it rather than building it again.
    pub fn prepare(&self) {
        for kind in &self.kinds {
            self.rules.prepare(kind);
        }
    }

    /// The stages in the order they run.
    pub fn stages(&self) -> impl Iterator<Item = &dyn Filter> {
        self.stages.iter().map(|s| &**s)
    }
}

/// Builds a [`Pipeline`]: which stages, which languages, which extra rules.
#[derive(Clone, Debug, Default)]
pub struct PipelineBuilder {
    skip: Vec<String>,
    only: Vec<String>,
    languages: Vec<String>,
    rule_files: Vec<PathBuf>,
}

impl PipelineBuilder {
    /// Leaves a stage out (repeatable).
    pub fn skip(&mut self, stage: &str) -> &mut Self {
        self.skip.push(stage.to_string());
        self
    }

    /// Runs only the named stages (repeatable); by default all run.
    pub fn only(&mut self, stage: &str) -> &mut Self {
        self.only.push(stage.to_string());
        self
    }

    /// Restricts the built-in rule packs to these language codes (repeatable);
    /// by default all are used. Language-neutral rules always apply.
    pub fn language(&mut self, code: &str) -> &mut Self {
        self.languages.push(code.to_string());
        self
    }

    /// Adds a user rule file (see `src/rules/README.md` for the syntax).
    pub fn rule_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.rule_files.push(path.into());
        self
    }

    /// Compiles every matcher and returns the pipeline. The rule files are
    /// parsed, and the stages built, in parallel on the current rayon pool
    /// (the global one when called outside any).
    ///
    /// # Errors
    /// An unknown stage or language, an unreadable or invalid rule file.
    pub fn build(&self) -> Result<Pipeline> {
        let known: Vec<&str> = filters::STAGES.iter().map(|s| s.name).collect();
        for name in self.skip.iter().chain(&self.only) {
            if !known.contains(&name.as_str()) {
                return Err(Error::UnknownStage { name: name.clone(), known: known.join(", ") });
            }
        }
        let mut rules = RuleSet::builtin(&self.languages)?;
        if !self.rule_files.is_empty() {
            rules.add_user_files(&self.rule_files)?;
        }
        let chosen: Vec<&Stage> = filters::STAGES
            .iter()
            .filter(|s| !self.skip.iter().any(|n| n == s.name))
            .filter(|s| self.only.is_empty() || self.only.iter().any(|n| n == s.name))
            .collect();
        // Each stage compiles its own rule kinds: they are built side by side
        // on the current rayon pool, in pipeline order.
        let stages = chosen.par_iter().map(|s| (s.build)(&rules)).collect();
        let kinds = chosen.iter().rev().flat_map(|s| s.kinds.iter().rev().copied()).collect();
        Ok(Pipeline { stages, rules, kinds })
    }
}
