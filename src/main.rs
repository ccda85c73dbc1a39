//! The `textsieve` binary: flags in, documents or JSONL records through the
//! pipeline on a pool of `-j` threads, exit status out.

mod cli;
mod progress;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Parser;
use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use textsieve::document::Counts;
use textsieve::jsonl::{self, BadRecord, JsonlOptions, Observer, OnError, Summary};
use textsieve::stream::{self, SEPARATOR, StreamOptions};

use crate::cli::{Args, Config, Input};
use crate::progress::Progress;

/// Exit status when everything went through.
const EXIT_OK: u8 = 0;
/// Exit status when something was recovered from and the rest was written.
const EXIT_RECOVERED: u8 = 1;
/// Exit status when nothing could be done.
const EXIT_FATAL: u8 = 2;

/// The allocator of the binary (the library leaves that choice to its
/// users). Cleaning allocates many short-lived strings on every worker
/// thread: over the full benchmark stream mimalloc takes 16% less CPU time
/// than the system allocator on two threads (9% on one), and a one-page run
/// takes a quarter of the page faults. The price is memory held: peak RSS
/// over that stream grows from 45 to 103 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Args::parse();
    if args.list_filters {
        return list_filters();
    }
    // The pool starts first: the pipeline is built on it, its stages and
    // rule files in parallel. The main thread is one of its workers rather
    // than waiting for them: one thread fewer to start, and it works from
    // the first instant while the others start.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .use_current_thread()
        .build()
        .context("cannot start the worker threads");
    match pool.and_then(|pool| {
        pool.install(|| {
            args.into_config().and_then(|config| {
                prepare_aside(&config);
                let code = run(&config);
                // The pipeline is many small allocations: the exit frees them
                // all at once, without a drop that returns them one by one and
                // has the allocator hand their pages back (~0.5 ms for one page).
                std::mem::forget(config);
                code
            })
        })
    }) {
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

/// With more than one worker, has an idle one build the matchers' parts
/// that the first lines would otherwise wait for (see [`Pipeline::prepare`]).
/// The run does not wait for it: whatever it has not built when the output
/// is written is left unbuilt.
///
/// [`Pipeline::prepare`]: textsieve::Pipeline::prepare
fn prepare_aside(config: &Config) {
    if rayon::current_num_threads() > 1 {
        let pipeline = Arc::clone(&config.pipeline);
        rayon::spawn(move || pipeline.prepare());
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

/// Where the output goes: stdout, or a temporary file renamed into place at
/// the end (gzip-compressed when its name ends in `.gz`).
enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(BufWriter<tempfile::NamedTempFile>, PathBuf),
    Gzip(BufWriter<GzEncoder<tempfile::NamedTempFile>>, PathBuf),
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File(w, _) => w,
            Sink::Gzip(w, _) => w,
        }
    }

    fn finish(self) -> Result<()> {
        let (tmp, path) = match self {
            Sink::Stdout(mut w) => return w.flush().context("cannot write to standard output"),
            Sink::File(w, path) => (w.into_inner().map_err(|e| e.into_error()), path),
            Sink::Gzip(w, path) => {
                let gz = w.into_inner().map_err(|e| e.into_error());
                (gz.and_then(GzEncoder::finish), path)
            }
        };
        let tmp = tmp.with_context(|| format!("cannot write {}", path.display()))?;
        tmp.persist(&path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    /// Gives up: what went to stdout stays there, a temporary file is deleted
    /// so no partial output is left behind.
    fn abandon(self) {
        if let Sink::Stdout(mut w) = self {
            let _ = w.flush();
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
                _ => Path::new("."),
            };
            let tmp = tempfile::Builder::new()
                .prefix(".textsieve-")
                .tempfile_in(dir)
                .with_context(|| format!("cannot write {}", path.display()))?;
            if path.extension().is_some_and(|e| e == "gz") {
                Sink::Gzip(
                    BufWriter::with_capacity(BUF, GzEncoder::new(tmp, Compression::default())),
                    path.clone(),
                )
            } else {
                Sink::File(BufWriter::with_capacity(BUF, tmp), path.clone())
            }
        }
    })
}

/// Opens an input, decompressing it when it starts with the gzip magic bytes
/// (whatever its name, so `zcat`-less pipes work too).
fn open_input(input: &Input, progress: &Progress) -> io::Result<Box<dyn BufRead>> {
    const BUF: usize = 1 << 18;
    let raw: Box<dyn Read> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::File(p) => Box::new(File::open(p)?),
    };
    let mut reader = BufReader::with_capacity(BUF, progress.counting(raw));
    let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(BUF, MultiGzDecoder::new(reader)))
    } else {
        Box::new(reader)
    })
}

/// The total input size, when every input is a file whose size is known.
fn total_size(inputs: &[Input]) -> Option<u64> {
    inputs.iter().try_fold(0u64, |sum, input| match input {
        Input::File(p) => std::fs::metadata(p).ok().map(|m| sum + m.len()),
        Input::Stdin => None,
    })
}

/// How a run ended, when it did not fail outright.
struct Ended {
    code: u8,
    /// False when the run stopped early: the output is not kept.
    complete: bool,
}

fn run(config: &Config) -> Result<u8> {
    let mut sink = open_sink(config)?;
    let show = !config.quiet && io::stderr().is_terminal();
    let unit = if config.jsonl.is_some() { "records" } else { "documents" };
    let mut progress = Progress::new(show, unit, total_size(&config.inputs));
    let ended = match &config.jsonl {
        Some(options) => run_jsonl(config, options, sink.writer(), &mut progress)?,
        None => run_plain(config, sink.writer(), &mut progress)?,
    };
    drop(progress);
    if ended.complete {
        sink.finish()?;
    } else {
        sink.abandon();
    }
    Ok(ended.code)
}

fn status(problems: u64, succeeded: u64) -> u8 {
    if problems == 0 {
        EXIT_OK
    } else if succeeded == 0 {
        EXIT_FATAL
    } else {
        EXIT_RECOVERED
    }
}

fn run_plain(config: &Config, out: &mut dyn Write, progress: &mut Progress) -> Result<Ended> {
    let mut totals = Counts::default();
    let (mut docs_ok, mut problems, mut written, mut seen) = (0u64, 0u64, 0u64, 0u64);
    let options =
        StreamOptions { encoding: config.encoding, mode: config.mode, ..StreamOptions::default() };
    for input in &config.inputs {
        let name = input.name();
        let reader = match open_input(input, progress) {
            Ok(r) => r,
            Err(e) => {
                // An unreadable input still takes its place as an empty document.
                if written > 0 {
                    out.write_all(SEPARATOR)?;
                }
                written += 1;
                progress.message(&format!("textsieve: {name}: {e}"));
                problems += 1;
                continue;
            }
        };
        let result =
            stream::clean_documents(reader, out, &config.pipeline, &options, &mut written, |doc| {
                let what = if doc.whole_input {
                    name.clone()
                } else {
                    format!("{name}:{}", doc.first_line)
                };
                let outcome = doc.outcome;
                if let Some(err) = &outcome.refused {
                    progress.message(&format!("textsieve: {what}: {err}"));
                    problems += 1;
                } else {
                    if outcome.had_errors {
                        progress.message(&format!(
                            "textsieve: {what}: invalid {} bytes replaced with U+FFFD",
                            outcome.encoding
                        ));
                        problems += 1;
                    }
                    docs_ok += 1;
                    totals.merge(&outcome.counts);
                }
                seen += 1;
                progress.tick(seen);
            });
        match result {
            Ok(()) => {}
            Err(e @ textsieve::Error::Read { .. }) => {
                progress.message(&format!("textsieve: {name}: {e}"));
                problems += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if config.stats {
        progress.clear();
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "documents\t{written}");
        print_counts(&mut err, config, &totals);
    }
    Ok(Ended { code: status(problems, docs_ok), complete: true })
}

/// Shows bad records (the first [`MAX_MESSAGES`] of the run) and progress.
struct Reporter<'a> {
    name: &'a str,
    progress: &'a mut Progress,
    /// Lines of earlier inputs, for the progress count.
    before: u64,
    shown: &'a mut u64,
    quiet_failures: bool,
    /// The stream's summary after the last batch written, for when it ends
    /// in an error and returns none.
    so_far: Summary,
}

/// Bad records reported one by one; the rest are only counted.
const MAX_MESSAGES: u64 = 20;

impl Observer for Reporter<'_> {
    fn bad_record(&mut self, bad: &BadRecord) {
        // With --on-error fail the error itself is the message.
        if self.quiet_failures || *self.shown >= MAX_MESSAGES {
            return;
        }
        *self.shown += 1;
        self.progress.message(&format!("textsieve: {}: {bad}", self.name));
    }

    fn progress(&mut self, so_far: &Summary) {
        self.progress.tick(self.before + so_far.lines);
        self.so_far.clone_from(so_far);
    }
}

fn run_jsonl(
    config: &Config,
    options: &JsonlOptions,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> Result<Ended> {
    let mut total = Summary::default();
    let (mut problems, mut shown) = (0u64, 0u64);
    let mut stopped = false;
    for input in &config.inputs {
        let name = input.name();
        let reader = match open_input(input, progress) {
            Ok(r) => r,
            Err(e) => {
                progress.message(&format!("textsieve: {name}: {e}"));
                problems += 1;
                continue;
            }
        };
        let mut reporter = Reporter {
            name: &name,
            before: total.lines,
            progress,
            shown: &mut shown,
            quiet_failures: options.on_error == OnError::Fail,
            so_far: Summary::default(),
        };
        match jsonl::clean_stream_with(reader, out, &config.pipeline, options, &mut reporter) {
            Ok(summary) => total.merge(&summary),
            Err(e @ (textsieve::Error::Read { .. } | textsieve::Error::Record(_))) => {
                total.merge(&reporter.so_far);
                progress.message(&format!("textsieve: {name}: {e}"));
                problems += 1;
                if matches!(e, textsieve::Error::Record(_)) {
                    stopped = true;
                    break;
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    if total.bad > 0 {
        let hidden = total.bad.saturating_sub(shown);
        let more = if hidden > 0 { format!(" ({hidden} not shown above)") } else { String::new() };
        let records = if total.bad == 1 { "record" } else { "records" };
        progress
            .message(&format!("textsieve: {} bad {records} written unchanged{more}", total.bad));
    }
    if config.stats {
        progress.clear();
        let mut err = io::stderr().lock();
        for (what, n) in [
            ("lines", total.lines),
            ("cleaned", total.cleaned),
            ("dropped", total.dropped),
            ("bad", total.bad),
        ] {
            let _ = writeln!(err, "{what}\t{n}");
        }
        print_counts(&mut err, config, &total.counts);
    }
    if stopped {
        return Ok(Ended { code: EXIT_FATAL, complete: false });
    }
    Ok(Ended { code: status(problems + total.bad, total.cleaned + total.dropped), complete: true })
}

fn print_counts(err: &mut dyn Write, config: &Config, totals: &Counts) {
    let _ = writeln!(err, "filter\tremoved\trewritten");
    for stage in config.pipeline.stages() {
        let name = stage.name();
        let _ = writeln!(err, "{name}\t{}\t{}", totals.removed(name), totals.rewritten(name));
    }
}
