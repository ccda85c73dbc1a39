//! Command-line flags and their translation into a validated configuration.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use textsieve::stream::OutputMode;
use textsieve::{EncodingChoice, Pipeline};

const EXAMPLES: &str = "\
Examples:
  textsieve < raw.txt > clean.txt          clean one document from stdin
  textsieve page1.txt page2.txt -o out.txt several documents, form-feed separated
  textsieve --explain raw.txt              why each line was removed or rewritten
  textsieve -E windows-1254 old.txt        force a legacy encoding
  textsieve --only normalize raw.txt       Unicode normalisation alone
  textsieve --skip related --stats raw.txt
";

/// Strip boilerplate from web-scraped text and normalise its Unicode.
///
/// Reads plain text (one paragraph per line, any common encoding) and writes
/// the article alone as UTF-8. In a stream, a line holding only a form feed
/// separates documents; the output repeats it between the cleaned documents.
#[derive(Debug, Parser)]
#[command(name = "textsieve", version, about, long_about, after_help = EXAMPLES)]
pub(crate) struct Args {
    /// Input files; none or `-` reads standard input. Several files are several documents.
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    /// Write to FILE instead of standard output (replaced only when the run succeeds).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Input encoding label (e.g. windows-1254, iso-8859-9, utf-16le); a BOM still wins.
    #[arg(short = 'E', long, value_name = "LABEL")]
    pub(crate) encoding: Option<String>,

    /// Run only this stage (repeatable or comma-separated).
    #[arg(long, value_name = "STAGE", value_delimiter = ',')]
    pub(crate) only: Vec<String>,

    /// Leave this stage out (repeatable or comma-separated).
    #[arg(long, value_name = "STAGE", value_delimiter = ',')]
    pub(crate) skip: Vec<String>,

    /// Use only these languages' rule packs (comma-separated codes; default: all).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub(crate) lang: Vec<String>,

    /// Add a rule file in the built-in syntax (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub(crate) rules: Vec<PathBuf>,

    /// Instead of the text, print TSV: line, action, filter, rule, text.
    /// `--explain` lists removed and rewritten lines; `--explain=all` adds kept ones.
    #[arg(long, value_name = "WHICH", num_args = 0..=1, default_missing_value = "changes", require_equals = true)]
    pub(crate) explain: Option<ExplainWhich>,

    /// Print per-filter counts of removed and rewritten lines on stderr.
    #[arg(long)]
    pub(crate) stats: bool,

    /// List the stages in pipeline order and exit.
    #[arg(long)]
    pub(crate) list_filters: bool,
}

/// Which lines `--explain` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExplainWhich {
    /// Removed and rewritten lines.
    Changes,
    /// Every line with text.
    All,
}

/// Everything the run needs, validated.
pub(crate) struct Config {
    pub(crate) inputs: Vec<Input>,
    pub(crate) output: Option<PathBuf>,
    pub(crate) encoding: EncodingChoice,
    pub(crate) pipeline: Pipeline,
    pub(crate) mode: OutputMode,
    pub(crate) stats: bool,
}

/// One input: a file or standard input.
#[derive(Clone, Debug)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub(crate) fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

impl Args {
    /// Validates the flags and compiles the pipeline.
    pub(crate) fn into_config(self) -> Result<Config> {
        let encoding = match &self.encoding {
            Some(label) => EncodingChoice::from_label(label)?,
            None => EncodingChoice::Auto,
        };
        let mut builder = Pipeline::builder();
        for s in &self.only {
            builder.only(s);
        }
        for s in &self.skip {
            builder.skip(s);
        }
        for l in &self.lang {
            builder.language(l);
        }
        for r in &self.rules {
            builder.rule_file(r);
        }
        let pipeline = builder.build().context("cannot build the pipeline")?;
        let inputs = if self.files.is_empty() {
            vec![Input::Stdin]
        } else {
            self.files
                .into_iter()
                .map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::File(p) })
                .collect()
        };
        let mode = match self.explain {
            None => OutputMode::Clean,
            Some(ExplainWhich::Changes) => OutputMode::Explain,
            Some(ExplainWhich::All) => OutputMode::ExplainAll,
        };
        Ok(Config { inputs, output: self.output, encoding, pipeline, mode, stats: self.stats })
    }
}
