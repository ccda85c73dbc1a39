//! Command-line flags and their translation into a validated configuration.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};
use textsieve::jsonl::{JsonlOptions, OnError};
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
  zcat shard.jsonl.gz | textsieve --jsonl  clean the \"text\" field of each JSON record
  textsieve shard.jsonl.gz -o out.jsonl.gz --annotate --drop-empty -j 8
";

/// Strip boilerplate from web-scraped text and normalise its Unicode.
///
/// Reads plain text (one paragraph per line, any common encoding) and writes
/// the article alone as UTF-8. In a stream, a line holding only a form feed
/// separates documents; the output repeats it between the cleaned documents.
///
/// With --jsonl (or *.jsonl inputs) each line is a JSON object whose --field
/// is cleaned; every other byte of the line is written back as it was. Lines
/// that cannot be cleaned are written unchanged and reported. Gzip input is
/// read transparently, and `-o NAME.gz` compresses.
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

    /// Read JSON Lines: clean one string field of each object, keep the rest.
    /// On by default when every input is named *.jsonl or *.jsonl.gz.
    #[arg(long)]
    pub(crate) jsonl: bool,

    /// The JSONL field to clean; dotted paths (`doc.body`) reach into nested objects.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub(crate) field: String,

    /// Add a field (default name `textsieve`) to each JSONL record with the
    /// removed and rewritten line counts per filter.
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "textsieve", require_equals = true)]
    pub(crate) annotate: Option<String>,

    /// Leave out JSONL records whose text cleaned to nothing.
    #[arg(long)]
    pub(crate) drop_empty: bool,

    /// What to do with a JSONL line that cannot be cleaned: `keep` writes it
    /// unchanged, reports it and goes on (exit status 1); `fail` stops there (status 2).
    #[arg(long, value_name = "WHAT", default_value = "keep")]
    pub(crate) on_error: OnErrorArg,

    /// Worker threads (default: all cores). The output is the same for every value.
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<usize>,

    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(short, long)]
    pub(crate) quiet: bool,

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

/// Values of `--on-error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnErrorArg {
    /// Write the line unchanged, report it and go on.
    Keep,
    /// Stop at the first bad line.
    Fail,
}

/// Everything the run needs, validated.
pub(crate) struct Config {
    pub(crate) inputs: Vec<Input>,
    pub(crate) output: Option<PathBuf>,
    pub(crate) encoding: EncodingChoice,
    /// Shared with the thread that prepares its matchers (see [`Pipeline::prepare`]).
    pub(crate) pipeline: Arc<Pipeline>,
    pub(crate) mode: OutputMode,
    pub(crate) stats: bool,
    /// `Some` in JSONL mode.
    pub(crate) jsonl: Option<JsonlOptions>,
    pub(crate) quiet: bool,
}

/// One input: a file or standard input.
#[derive(Clone, Debug)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// True for names that say JSON Lines: `*.jsonl`, `*.jsonl.gz`, `*.ndjson`, `*.ndjson.gz`.
    fn looks_jsonl(&self) -> bool {
        let Input::File(p) = self else { return false };
        let name = p.to_string_lossy();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        name.ends_with(".jsonl") || name.ends_with(".ndjson")
    }

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
        let pipeline = Arc::new(builder.build().context("cannot build the pipeline")?);
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
        let named_jsonl = inputs.iter().filter(|i| i.looks_jsonl()).count();
        let jsonl = self.jsonl || (named_jsonl > 0 && named_jsonl == inputs.len());
        if !self.jsonl && named_jsonl > 0 && !jsonl {
            bail!(
                "some inputs are named *.jsonl and some are not; pass --jsonl to read them all as JSON Lines"
            );
        }
        let jsonl = if jsonl {
            if self.explain.is_some() {
                bail!("--explain works on plain text, not on JSONL records");
            }
            if self.encoding.is_some() {
                bail!("--encoding does not apply to JSONL input, which is UTF-8");
            }
            if self.field.is_empty() {
                bail!("--field needs a name");
            }
            if let Some(name) = &self.annotate
                && (name.is_empty()
                    || *name == self.field
                    || self.field.split('.').next() == Some(name))
            {
                bail!("--annotate needs a field name other than the --field being cleaned");
            }
            let mut options = JsonlOptions::default();
            options.field = self.field;
            options.annotate = self.annotate;
            options.drop_empty = self.drop_empty;
            options.on_error = match self.on_error {
                OnErrorArg::Keep => OnError::Keep,
                OnErrorArg::Fail => OnError::Fail,
            };
            Some(options)
        } else {
            if self.annotate.is_some() || self.drop_empty || self.on_error != OnErrorArg::Keep {
                bail!("--annotate, --drop-empty and --on-error apply to JSONL input (--jsonl)");
            }
            None
        };
        Ok(Config {
            inputs,
            output: self.output,
            encoding,
            pipeline,
            mode,
            stats: self.stats,
            jsonl,
            quiet: self.quiet,
        })
    }
}
