//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Messages are lowercase with no trailing period; the binary prefixes them
/// with the program and input name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// `--encoding` named a label that no encoding answers to.
    #[error("unknown encoding label '{label}'")]
    UnknownEncoding {
        /// The label as the user gave it.
        label: String,
    },
    /// The input holds NUL bytes and no UTF-16 byte-order mark: it is not text.
    #[error("binary input (NUL byte at offset {offset}); not cleaned")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// A rule file could not be parsed.
    #[error("{}:{line}: {msg}", file.display())]
    Rules {
        /// The rule file (built-in files are named by their path in the crate).
        file: PathBuf,
        /// 1-based line number.
        line: u32,
        /// What is wrong with the line.
        msg: String,
    },
    /// A stage name given to `--skip`/`--only` does not exist.
    #[error("unknown stage '{name}' (known stages: {known})")]
    UnknownStage {
        /// The name as given.
        name: String,
        /// Comma-separated list of the stage names.
        known: String,
    },
    /// A language code given to `--lang` has no rule pack.
    #[error("unknown language '{code}' (known languages: {known})")]
    UnknownLanguage {
        /// The code as given.
        code: String,
        /// Comma-separated list of the language codes.
        known: String,
    },
    /// Reading a stream failed part-way; what was read before was written.
    #[error("read error after line {line}: {source}")]
    Read {
        /// Lines read and written before the error.
        line: u64,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSONL record could not be cleaned and the caller asked to stop.
    #[error("{0}")]
    Record(crate::jsonl::BadRecord),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
