//! Streams of documents: a line holding only a form feed (`\f`) separates two
//! documents, and the output repeats the separator between the cleaned ones.
//! This is how many documents go through one process.
//!
//! [`clean_documents`] reads such a stream document by document, cleans
//! batches of documents in parallel on the current rayon pool and writes them
//! in input order, so memory is bounded by the batch size (or by one document,
//! when a single document is larger).

use std::io::{self, BufRead, Write};
use std::ops::Range;

use rayon::prelude::*;

use crate::decode::{EncodingChoice, to_utf8};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::pipeline::Pipeline;

/// The separator line written between two cleaned documents.
pub const SEPARATOR: &[u8] = b"\x0c\n";

/// One document's place in a byte stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Its bytes, separator lines excluded.
    pub range: Range<usize>,
    /// 1-based input line number of its first line.
    pub first_line: u32,
}

/// Splits a stream at lines that hold only a form feed (optionally followed by CR).
///
/// Always returns at least one part; a stream that ends with a separator ends
/// with an empty part, so input and output have the same number of documents.
pub fn split_documents(bytes: &[u8]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut first_line = 1u32;
    let mut lines_seen = 1u32;
    let mut last_nl = 0;
    for ff in memchr::memchr_iter(0x0c, bytes) {
        let at_line_start = ff == 0 || bytes[ff - 1] == b'\n';
        if !at_line_start || ff < start {
            continue;
        }
        let mut end = ff + 1;
        if bytes.get(end) == Some(&b'\r') {
            end += 1;
        }
        let line_end = match bytes.get(end) {
            None => end,
            Some(b'\n') => end + 1,
            Some(_) => continue,
        };
        lines_seen += count_newlines(&bytes[last_nl..ff]);
        last_nl = ff;
        parts.push(Part { range: start..ff, first_line });
        start = line_end;
        first_line = lines_seen + 1;
    }
    parts.push(Part { range: start..bytes.len(), first_line });
    parts
}

fn count_newlines(b: &[u8]) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', b).count()).unwrap_or(u32::MAX)
}

/// What cleaning one document produced besides its text.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Some bytes were invalid in the detected encoding and became U+FFFD.
    pub had_errors: bool,
    /// The encoding used, for messages.
    pub encoding: &'static str,
    /// The document was refused (binary); nothing was written for it.
    pub refused: Option<Error>,
    /// Per-filter counts.
    pub counts: crate::document::Counts,
}

/// What to write for a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputMode {
    /// The clean text.
    Clean,
    /// TSV of removed and rewritten lines.
    Explain,
    /// TSV of every line with text, kept lines included.
    ExplainAll,
}

/// Decodes, cleans and writes one document.
///
/// # Errors
/// Only write errors; decoding problems are reported in the [`Outcome`].
pub fn clean_document<W: Write + ?Sized>(
    bytes: &[u8],
    first_line: u32,
    encoding: EncodingChoice,
    pipeline: &Pipeline,
    mode: OutputMode,
    out: &mut W,
) -> Result<Outcome> {
    let decoded = match to_utf8(bytes, encoding) {
        Ok(d) => d,
        Err(e) => return Ok(Outcome { refused: Some(e), ..Outcome::default() }),
    };
    let mut doc = Document::from_text_at(&decoded.text, first_line);
    doc.trace(mode != OutputMode::Clean);
    pipeline.run(&mut doc);
    match mode {
        OutputMode::Clean => doc.write_clean(out)?,
        OutputMode::Explain => write_events(doc.events().iter(), out)?,
        OutputMode::ExplainAll => write_events(doc.events_with_kept().iter(), out)?,
    }
    Ok(Outcome {
        had_errors: decoded.had_errors,
        encoding: decoded.encoding.name(),
        refused: None,
        counts: doc.counts().clone(),
    })
}

fn write_events<'e, W: Write + ?Sized>(
    events: impl Iterator<Item = &'e crate::document::Event>,
    out: &mut W,
) -> std::io::Result<()> {
    let mut events: Vec<&crate::document::Event> = events.collect();
    events.sort_by_key(|e| e.line);
    for e in events {
        let (filter, rule) = match &e.reason {
            Some(r) => (r.filter.to_string(), r.rule.to_string()),
            None => ("-".to_string(), "-".to_string()),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            e.line,
            e.action.as_str(),
            filter,
            rule,
            escape_tsv(&e.text)
        )?;
    }
    Ok(())
}

/// Escapes tabs, line breaks and backslashes so one event stays one TSV row.
fn escape_tsv(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\t', '\n', '\r', '\\']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => o.push_str("\\t"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\\' => o.push_str("\\\\"),
            c => o.push(c),
        }
    }
    std::borrow::Cow::Owned(o)
}

/// Reads a form-feed separated stream one document at a time, with the same
/// rules as [`split_documents`]: at least one document, and an empty last one
/// after a trailing separator.
#[derive(Debug)]
pub struct DocumentReader<R> {
    input: R,
    lines: u32,
    finished: bool,
}

/// Where a document read by [`DocumentReader`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentInfo {
    /// 1-based input line number of its first line.
    pub first_line: u32,
    /// False for the stream's last document (ended by the end of input).
    pub separated: bool,
}

impl<R: BufRead> DocumentReader<R> {
    /// Reads documents from `input`.
    pub fn new(input: R) -> DocumentReader<R> {
        DocumentReader { input, lines: 0, finished: false }
    }

    /// Appends the next document's bytes (separator excluded) to `buf`;
    /// `None` once the stream is done.
    ///
    /// # Errors
    /// Read errors; the bytes of the document read so far stay in `buf`.
    pub fn read_into(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<DocumentInfo>> {
        if self.finished {
            return Ok(None);
        }
        let first_line = self.lines.saturating_add(1);
        loop {
            self.copy_plain_lines(buf)?;
            // The next line holds a form feed, or runs past what is buffered:
            // it is read on its own, and may be a separator.
            let start = buf.len();
            let n = match self.input.read_until(b'\n', buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                self.finished = true;
                return Ok(Some(DocumentInfo { first_line, separated: false }));
            }
            self.lines = self.lines.saturating_add(1);
            if matches!(&buf[start..], b"\x0c" | b"\x0c\n" | b"\x0c\r" | b"\x0c\r\n") {
                buf.truncate(start);
                return Ok(Some(DocumentInfo { first_line, separated: true }));
            }
        }
    }
}

impl<R: BufRead> DocumentReader<R> {
    /// Appends the whole lines ahead to `buf`, up to the first line holding a
    /// form feed (a separator or not) and within what the reader has buffered.
    ///
    /// Cost: most of the input goes through here a buffer at a time, with
    /// memchr searches and one copy, rather than a line at a time.
    fn copy_plain_lines(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let plain = memchr::memchr(0x0c, available).unwrap_or(available.len());
            let Some(last_newline) = memchr::memrchr(b'\n', &available[..plain]) else {
                return Ok(());
            };
            let lines = &available[..=last_newline];
            buf.extend_from_slice(lines);
            self.lines = self.lines.saturating_add(count_newlines(lines));
            let used = lines.len();
            self.input.consume(used);
        }
    }
}

/// One cleaned document, as [`clean_documents`] reports it.
#[derive(Debug)]
pub struct DocumentReport<'a> {
    /// Where it started.
    pub first_line: u32,
    /// True when it is the whole input (no separator anywhere).
    pub whole_input: bool,
    /// What cleaning it produced.
    pub outcome: &'a Outcome,
    /// Its size in bytes.
    pub bytes: usize,
}

/// How [`clean_documents`] works.
#[derive(Clone, Copy, Debug)]
pub struct StreamOptions {
    /// How to decode each document.
    pub encoding: EncodingChoice,
    /// What to write.
    pub mode: OutputMode,
    /// A batch ends once it holds this many bytes (a larger document is one batch).
    pub batch_bytes: usize,
    /// ...or this many documents.
    pub batch_documents: usize,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            encoding: EncodingChoice::Auto,
            mode: OutputMode::Clean,
            batch_bytes: 4 << 20,
            batch_documents: 1024,
        }
    }
}

/// Reads, cleans and writes every document of a form-feed separated stream.
///
/// `written` counts the documents written so far to `out` (across inputs): a
/// separator goes before every document but the very first. `report` hears
/// about each document in order, after it is written.
///
/// UTF-16 input (by BOM or by `options.encoding`) cannot be split on bytes, so
/// it is read whole and decoded first.
///
/// # Errors
/// [`Error::Io`] when writing fails; [`Error::Read`] when reading fails (the
/// documents read completely before are written first).
pub fn clean_documents<R: BufRead, W: Write + ?Sized>(
    mut input: R,
    out: &mut W,
    pipeline: &Pipeline,
    options: &StreamOptions,
    written: &mut u64,
    mut report: impl FnMut(DocumentReport<'_>),
) -> Result<()> {
    let utf16 = |e: &'static encoding_rs::Encoding| {
        e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
    };
    let head = input.fill_buf().map_err(|source| Error::Read { line: 0, source })?;
    let bom_utf16 = encoding_rs::Encoding::for_bom(head).is_some_and(|(e, _)| utf16(e));
    let fixed_utf16 = matches!(options.encoding, EncodingChoice::Fixed(e) if utf16(e));
    if bom_utf16 || fixed_utf16 {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes).map_err(|source| Error::Read { line: 0, source })?;
        let decoded = to_utf8(&bytes, options.encoding)
            .map(|d| (d.text.into_owned(), d.had_errors.then_some(d.encoding.name())));
        let (bytes, options, mut lossy) = match decoded {
            // Already decoded: the parts are UTF-8 now.
            Ok((text, lossy)) => (
                text.into_bytes(),
                StreamOptions { encoding: EncodingChoice::Fixed(encoding_rs::UTF_8), ..*options },
                lossy,
            ),
            Err(_) => (bytes, *options, None),
        };
        // The documents below get valid UTF-8, so they cannot see that bytes
        // were replaced here: the first one reports it, or the loss would
        // pass in silence with status 0. (A `dyn` closure, so that this
        // call does not instantiate the function with ever new types.)
        let mut report_lossy = |doc: DocumentReport<'_>| {
            if doc.outcome.refused.is_none()
                && let Some(encoding) = lossy.take()
            {
                let outcome = Outcome {
                    had_errors: true,
                    encoding,
                    refused: None,
                    counts: doc.outcome.counts.clone(),
                };
                return report(DocumentReport { outcome: &outcome, ..doc });
            }
            report(doc)
        };
        let report: &mut dyn FnMut(DocumentReport<'_>) = &mut report_lossy;
        return clean_documents(&bytes[..], out, pipeline, &options, written, report);
    }

    let mut reader = DocumentReader::new(input);
    let mut first = true;
    let mut current = Some(DocBatch::read(&mut reader, DocBatch::default(), options));
    let mut cleaned: Option<(DocBatch, Vec<CleanedDocument>)> = None;
    let mut spare = DocBatch::default();
    // While the pool cleans batch N, this thread writes batch N-1 and reads
    // batch N+1 (as in `jsonl::clean_stream`).
    while current.is_some() || cleaned.is_some() {
        let mut results = Vec::new();
        let mut next = None;
        let mut outcome = Ok(());
        rayon::in_place_scope(|scope| {
            if let Some(batch) = &current {
                let results = &mut results;
                scope.spawn(move |_| {
                    *results = batch
                        .docs
                        .par_iter()
                        .map(|(range, info)| {
                            let mut text = Vec::with_capacity(range.len());
                            let outcome = clean_document(
                                &batch.buf[range.clone()],
                                info.first_line,
                                options.encoding,
                                pipeline,
                                options.mode,
                                &mut text,
                            )
                            .expect("writing to a Vec cannot fail");
                            (text, outcome)
                        })
                        .collect();
                });
            }
            if let Some((mut batch, done)) = cleaned.take() {
                outcome = (|| {
                    for ((range, info), (text, doc_outcome)) in batch.docs.iter().zip(&done) {
                        if *written > 0 {
                            out.write_all(SEPARATOR)?;
                        }
                        *written += 1;
                        out.write_all(text)?;
                        let whole_input = first && !info.separated;
                        first = false;
                        report(DocumentReport {
                            first_line: info.first_line,
                            whole_input,
                            outcome: doc_outcome,
                            bytes: range.len(),
                        });
                    }
                    if let Some(source) = batch.failed.take() {
                        let line = batch.docs.last().map_or(0, |(_, info)| info.first_line);
                        return Err(Error::Read { line: u64::from(line), source });
                    }
                    Ok(())
                })();
                spare = batch;
            }
            if outcome.is_ok()
                && let Some(batch) = &current
                && batch.more
            {
                next = Some(DocBatch::read(&mut reader, std::mem::take(&mut spare), options));
            }
        });
        outcome?;
        cleaned = current.take().map(|batch| (batch, results));
        current = next;
    }
    Ok(())
}

/// A document's output and outcome, waiting to be written.
type CleanedDocument = (Vec<u8>, Outcome);

/// Documents read into one buffer, cleaned together.
#[derive(Default)]
struct DocBatch {
    buf: Vec<u8>,
    docs: Vec<(Range<usize>, DocumentInfo)>,
    /// More documents may follow.
    more: bool,
    /// The read error that ended the batch, if any.
    failed: Option<io::Error>,
}

impl DocBatch {
    fn read<R: BufRead>(
        reader: &mut DocumentReader<R>,
        mut batch: DocBatch,
        options: &StreamOptions,
    ) -> DocBatch {
        batch.buf.clear();
        batch.docs.clear();
        batch.more = true;
        batch.failed = None;
        while batch.docs.len() < options.batch_documents.max(1)
            && batch.buf.len() < options.batch_bytes
        {
            let start = batch.buf.len();
            match reader.read_into(&mut batch.buf) {
                Ok(Some(info)) => batch.docs.push((start..batch.buf.len(), info)),
                Ok(None) => {
                    batch.more = false;
                    break;
                }
                Err(e) => {
                    batch.buf.truncate(start);
                    batch.failed = Some(e);
                    batch.more = false;
                    break;
                }
            }
        }
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_form_feed_lines_only() {
        let s = b"a\nb\n\x0c\nc\x0cd\n\x0c\r\ne\n";
        let parts = split_documents(s);
        let texts: Vec<&[u8]> = parts.iter().map(|p| &s[p.range.clone()]).collect();
        assert_eq!(texts, [&b"a\nb\n"[..], b"c\x0cd\n", b"e\n"]);
        assert_eq!(parts.iter().map(|p| p.first_line).collect::<Vec<_>>(), [1, 4, 6]);
    }

    #[test]
    fn trailing_separator_gives_empty_last_part() {
        let parts = split_documents(b"a\n\x0c\n");
        assert_eq!(parts.len(), 2);
        assert!(parts[1].range.is_empty());
        assert_eq!(split_documents(b"").len(), 1);
    }

    fn read_all(s: &[u8]) -> Vec<(Vec<u8>, DocumentInfo)> {
        let mut r = DocumentReader::new(s);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match r.read_into(&mut buf).unwrap() {
                Some(info) => out.push((buf, info)),
                None => return out,
            }
        }
    }

    #[test]
    fn reader_agrees_with_split_documents() {
        let cases: [&[u8]; 7] = [
            b"",
            b"a\n",
            b"a\n\x0c\n",
            b"a\n\x0c",
            b"\x0c\nb",
            b"a\nb\n\x0c\nc\x0cd\n\x0c\r\ne\n",
            b"x\n\x0c\r\n\x0c\ny",
        ];
        for s in cases {
            let read = read_all(s);
            let split = split_documents(s);
            assert_eq!(read.len(), split.len(), "{s:?}");
            for ((bytes, info), part) in read.iter().zip(&split) {
                assert_eq!(&bytes[..], &s[part.range.clone()], "{s:?}");
                assert_eq!(info.first_line, part.first_line, "{s:?}");
            }
            assert!(!read.last().unwrap().1.separated);
        }
    }

    #[test]
    fn reader_agrees_with_split_documents_across_buffer_ends() {
        let s: &[u8] = b"ab\ncd\x0cef\n\x0c\n\x0c\r\ngh\nij\n\x0c\nkl\n\n\x0c\r\x0cmn\n\x0c";
        let split = split_documents(s);
        for capacity in 1..8 {
            let mut r = DocumentReader::new(io::BufReader::with_capacity(capacity, s));
            for part in &split {
                let mut buf = Vec::new();
                let info = r.read_into(&mut buf).unwrap().expect("a document");
                assert_eq!(&buf[..], &s[part.range.clone()], "capacity {capacity}");
                assert_eq!(info.first_line, part.first_line, "capacity {capacity}");
            }
            assert_eq!(r.read_into(&mut Vec::new()).unwrap(), None);
        }
    }

    #[test]
    fn batches_do_not_change_the_output() {
        let input: Vec<u8> =
            (0..40).flat_map(|i| format!("doc {i}  text\n\x0c\n").into_bytes()).collect();
        let run = |options: StreamOptions| {
            let mut out = Vec::new();
            let mut written = 0;
            let mut firsts = Vec::new();
            clean_documents(
                &input[..],
                &mut out,
                &Pipeline::default(),
                &options,
                &mut written,
                |r| firsts.push(r.first_line),
            )
            .unwrap();
            (out, written, firsts)
        };
        let big = run(StreamOptions::default());
        let small =
            run(StreamOptions { batch_bytes: 7, batch_documents: 3, ..StreamOptions::default() });
        assert_eq!(big, small);
        assert_eq!(big.1, 41);
    }
}
