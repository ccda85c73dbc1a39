//! The `textsieve` binary: flags in, documents through the pipeline, exit status out.

mod cli;

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use textsieve::document::Counts;
use textsieve::stream::{self, SEPARATOR};

use crate::cli::{Args, Config, Input};

/// Exit status when everything went through.
const EXIT_OK: u8 = 0;
/// Exit status when something was recovered from and the rest was written.
const EXIT_RECOVERED: u8 = 1;
/// Exit status when nothing could be done.
const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    if args.list_filters {
        return list_filters();
    }
    match args.into_config().and_then(run) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed stdout (`textsieve big.txt | head -1`) is how pipelines
            // say "enough": end quietly and successfully, as ripgrep does.
            if is_broken_pipe(&err) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("textsieve: {err:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<textsieve::Error>().is_some_and(
                |e| matches!(e, textsieve::Error::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

fn list_filters() -> ExitCode {
    let mut out = io::stdout().lock();
    for s in textsieve::filters::STAGES {
        if writeln!(out, "{:<12} {}", s.name, s.description).is_err() {
            break;
        }
    }
    ExitCode::from(EXIT_OK)
}

/// Where the output goes: stdout, or a temporary file renamed into place at the end.
enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(BufWriter<tempfile::NamedTempFile>, std::path::PathBuf),
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File(w, _) => w,
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            Sink::File(w, path) => {
                let tmp =
                    w.into_inner().map_err(|e| e.into_error()).context("cannot write output")?;
                tmp.persist(&path).with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            }
        }
    }
}

fn open_sink(config: &Config) -> Result<Sink> {
    const BUF: usize = 1 << 16;
    Ok(match &config.output {
        None => Sink::Stdout(BufWriter::with_capacity(BUF, io::stdout().lock())),
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => std::path::Path::new("."),
            };
            let tmp = tempfile::Builder::new()
                .prefix(".textsieve-")
                .tempfile_in(dir)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Sink::File(BufWriter::with_capacity(BUF, tmp), path.clone())
        }
    })
}

fn read_input(input: &Input) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => {
            io::stdin().lock().read_to_end(&mut bytes)?;
        }
        Input::File(p) => bytes = std::fs::read(p)?,
    }
    Ok(bytes)
}

fn run(config: Config) -> Result<u8> {
    let mut sink = open_sink(&config)?;
    let mut totals = Counts::default();
    let (mut docs_ok, mut problems, mut documents) = (0u64, 0u64, 0u64);
    for input in &config.inputs {
        let name = input.name();
        let bytes = match read_input(input) {
            Ok(b) => b,
            Err(e) => {
                if documents > 0 {
                    sink.writer().write_all(SEPARATOR)?;
                }
                documents += 1;
                eprintln!("textsieve: {name}: {e}");
                problems += 1;
                continue;
            }
        };
        let text_bytes;
        // UTF-16 cannot be split on byte patterns: decode it whole first.
        let bytes: &[u8] = match textsieve::to_utf8(&bytes, config.encoding) {
            Ok(d) if d.encoding == encoding_rs::UTF_16LE || d.encoding == encoding_rs::UTF_16BE => {
                text_bytes = d.text.into_owned().into_bytes();
                &text_bytes
            }
            _ => &bytes,
        };
        let single = stream::split_documents(bytes).len() == 1;
        for part in stream::split_documents(bytes) {
            if documents > 0 {
                sink.writer().write_all(SEPARATOR)?;
            }
            documents += 1;
            let outcome = stream::clean_document(
                &bytes[part.range.clone()],
                part.first_line,
                config.encoding,
                &config.pipeline,
                config.mode,
                sink.writer(),
            )?;
            let what = if single { name.clone() } else { format!("{name}:{}", part.first_line) };
            if let Some(err) = outcome.refused {
                eprintln!("textsieve: {what}: {err}");
                problems += 1;
                continue;
            }
            if outcome.had_errors {
                eprintln!(
                    "textsieve: {what}: invalid {} bytes replaced with U+FFFD",
                    outcome.encoding
                );
                problems += 1;
            }
            docs_ok += 1;
            totals.merge(&outcome.counts);
        }
    }
    sink.finish()?;
    if config.stats {
        print_stats(&config, &totals, documents);
    }
    Ok(if problems == 0 {
        EXIT_OK
    } else if docs_ok == 0 {
        EXIT_FATAL
    } else {
        EXIT_RECOVERED
    })
}

fn print_stats(config: &Config, totals: &Counts, documents: u64) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "documents\t{documents}");
    let _ = writeln!(err, "filter\tremoved\trewritten");
    for stage in config.pipeline.stages() {
        let name = stage.name();
        let _ = writeln!(err, "{name}\t{}\t{}", totals.removed(name), totals.rewritten(name));
    }
}
