//! JSONL records: one JSON object per line, one string field of it cleaned.
//!
//! This is the layout corpus tools (datatrove, dolma, NeMo Curator) read and
//! write, so textsieve can be one stage of such a pipeline. For each line the
//! string at [`JsonlOptions::field`] is cleaned exactly as a plain document
//! would be (without the final newline), and only that value's bytes are
//! replaced: every other byte of the line (key order, number spellings,
//! escapes, spacing) is written back untouched.
//!
//! Records are read with `read_until(b'\n')` into batches bounded by bytes
//! and count, cleaned in parallel on the current rayon pool, and written in
//! input order, so memory stays flat however long the stream is and the output
//! does not depend on the number of threads.
//!
//! A line that cannot be cleaned (invalid UTF-8 or JSON, not an object, no
//! such field, not a string, a lone surrogate escape) is a [`BadRecord`]: it
//! is written out unchanged and reported to the [`Observer`], or, with
//! [`OnError::Fail`], ends the stream with [`Error::Record`].
//!
//! ```
//! use textsieve::Pipeline;
//! use textsieve::jsonl::{JsonlOptions, clean_stream};
//!
//! let input = "{\"id\":1,\"text\":\"Caf\\u0065\\u0301   opens.\\r\\n\",\"n\":1.50}\n";
//! let mut out = Vec::new();
//! let summary =
//!     clean_stream(input.as_bytes(), &mut out, &Pipeline::default(), &JsonlOptions::default())?;
//! assert_eq!(String::from_utf8(out).unwrap(), "{\"id\":1,\"text\":\"Café opens.\",\"n\":1.50}\n");
//! assert_eq!(summary.cleaned, 1);
//! # Ok::<(), textsieve::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead, Write};

use rayon::prelude::*;
use serde_json::value::RawValue;

use crate::document::{Counts, Document};
use crate::error::{Error, Result};
use crate::pipeline::Pipeline;

/// What to do with a record that cannot be cleaned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnError {
    /// Write it out unchanged, report it and go on.
    #[default]
    Keep,
    /// Stop before writing it and return [`Error::Record`].
    Fail,
}

/// How records are cleaned and written.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct JsonlOptions {
    /// The field to clean: a key of the top-level object, or a dotted path
    /// (`doc.body`) into nested objects. A top-level key that contains dots
    /// is found first.
    pub field: String,
    /// Add (or replace) this top-level field with the per-filter counts of
    /// removed and rewritten lines: `{"normalize":{"removed":0,"rewritten":2},...}`.
    pub annotate: Option<String>,
    /// Leave out records whose text cleaned to nothing.
    pub drop_empty: bool,
    /// What to do with records that cannot be cleaned.
    pub on_error: OnError,
    /// A batch ends once it holds this many bytes...
    pub batch_bytes: usize,
    /// ...or this many lines.
    pub batch_lines: usize,
}

impl Default for JsonlOptions {
    fn default() -> JsonlOptions {
        JsonlOptions {
            field: "text".to_string(),
            annotate: None,
            drop_empty: false,
            on_error: OnError::Keep,
            batch_bytes: 4 << 20,
            batch_lines: 4096,
        }
    }
}

/// Why a record could not be cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The line is not UTF-8.
    InvalidUtf8 {
        /// 1-based byte position of the first bad byte.
        byte: usize,
    },
    /// The line is not JSON.
    InvalidJson(String),
    /// The line is JSON but not an object.
    NotAnObject,
    /// The object has no such field (or a parent on the path is not an object).
    MissingField(String),
    /// The field holds something other than a string.
    NotAString {
        /// The field path.
        field: String,
        /// What it holds: `number`, `object`, `array`, `boolean` or `null`.
        found: &'static str,
    },
    /// The string cannot be decoded (a lone surrogate escape such as `"\ud800"`).
    BadString {
        /// The field path.
        field: String,
        /// The parser's message.
        reason: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::InvalidUtf8 { byte } => write!(f, "invalid UTF-8 at byte {byte}"),
            Problem::InvalidJson(msg) => write!(f, "not valid JSON ({msg})"),
            Problem::NotAnObject => f.write_str("not a JSON object"),
            Problem::MissingField(field) => write!(f, "no field '{field}'"),
            Problem::NotAString { field, found } => {
                write!(f, "field '{field}' holds {} {found}, not a string", article(found))
            }
            Problem::BadString { field, reason } => {
                write!(f, "field '{field}' cannot be decoded ({reason})")
            }
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'o']) { "an" } else { "a" }
}

/// A record that could not be cleaned, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRecord {
    /// 1-based line number in the stream.
    pub line: u64,
    /// What is wrong with it.
    pub problem: Problem,
}

impl fmt::Display for BadRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// What a stream held and what became of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Records cleaned and written.
    pub cleaned: u64,
    /// Records cleaned to nothing and left out (`drop_empty`).
    pub dropped: u64,
    /// Records written unchanged because they could not be cleaned.
    pub bad: u64,
    /// Per-filter counts over every cleaned record.
    pub counts: Counts,
}

impl Summary {
    /// Adds another stream's summary into this one.
    pub fn merge(&mut self, other: &Summary) {
        self.lines += other.lines;
        self.bytes += other.bytes;
        self.cleaned += other.cleaned;
        self.dropped += other.dropped;
        self.bad += other.bad;
        self.counts.merge(&other.counts);
    }
}

/// Hears about a stream as it goes, for messages and progress. Both methods
/// do nothing by default; `()` is the observer that ignores everything.
pub trait Observer {
    /// A record could not be cleaned; called in input order, before it is
    /// written unchanged (or before the stream stops, with [`OnError::Fail`]).
    fn bad_record(&mut self, bad: &BadRecord) {
        let _ = bad;
    }

    /// A batch has been written; `so_far` covers the stream up to here.
    fn progress(&mut self, so_far: &Summary) {
        let _ = so_far;
    }
}

impl Observer for () {}

/// Cleans a JSONL stream (see the [module docs](self)).
///
/// # Errors
/// [`Error::Io`] when writing fails, [`Error::Read`] when reading fails (the
/// complete lines read before are cleaned and written first), and
/// [`Error::Record`] for the first bad record with [`OnError::Fail`].
pub fn clean_stream<R: BufRead, W: Write + ?Sized>(
    input: R,
    output: &mut W,
    pipeline: &Pipeline,
    options: &JsonlOptions,
) -> Result<Summary> {
    clean_stream_with(input, output, pipeline, options, &mut ())
}

/// [`clean_stream`], telling `observer` about bad records and progress.
///
/// # Errors
/// As for [`clean_stream`].
pub fn clean_stream_with<R: BufRead, W: Write + ?Sized, O: Observer + ?Sized>(
    mut input: R,
    output: &mut W,
    pipeline: &Pipeline,
    options: &JsonlOptions,
    observer: &mut O,
) -> Result<Summary> {
    let field = Field::new(&options.field);
    let mut summary = Summary::default();
    let mut spare = Batch::default();
    let mut current = Some(Filled::read(&mut input, Batch::default(), 1, options));
    let mut cleaned: Option<(Filled, Vec<Outcome>)> = None;
    // A three-stage pipeline: while the pool cleans batch N, this thread
    // writes batch N-1 and reads batch N+1, so reading and writing do not
    // leave the other threads idle.
    while current.is_some() || cleaned.is_some() {
        let mut results = Vec::new();
        let mut next = None;
        let mut written = Ok(());
        rayon::in_place_scope(|scope| {
            if let Some(filled) = &current {
                let (batch, results, field) = (&filled.batch, &mut results, &field);
                scope.spawn(move |_| {
                    *results = (0..batch.len())
                        .into_par_iter()
                        .map(|i| clean_record(batch.body(i), field, pipeline, options))
                        .collect();
                });
            }
            if let Some((mut filled, outcomes)) = cleaned.take() {
                written =
                    write_batch(&mut filled, outcomes, output, options, &mut summary, observer);
                spare = filled.batch;
            }
            if written.is_ok()
                && let Some(filled) = &current
                && filled.more()
            {
                let first_line = filled.batch.first_line + filled.batch.len() as u64;
                next =
                    Some(Filled::read(&mut input, std::mem::take(&mut spare), first_line, options));
            }
        });
        written?;
        cleaned = current.take().map(|filled| (filled, results));
        current = next;
    }
    Ok(summary)
}

/// A batch and how reading it ended.
struct Filled {
    batch: Batch,
    /// `Ok(true)`: more lines may follow; `Ok(false)`: end of input.
    status: io::Result<bool>,
}

impl Filled {
    fn read<R: BufRead>(
        input: &mut R,
        mut batch: Batch,
        first_line: u64,
        options: &JsonlOptions,
    ) -> Filled {
        batch.clear(first_line);
        let status = batch.fill(input, options);
        Filled { batch, status }
    }

    fn more(&self) -> bool {
        matches!(self.status, Ok(true))
    }
}

/// Writes a cleaned batch in input order; then reports a read error that
/// ended it, if one did.
fn write_batch<W: Write + ?Sized, O: Observer + ?Sized>(
    filled: &mut Filled,
    outcomes: Vec<Outcome>,
    output: &mut W,
    options: &JsonlOptions,
    summary: &mut Summary,
    observer: &mut O,
) -> Result<()> {
    let batch = &filled.batch;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        let line = batch.first_line + i as u64;
        summary.lines += 1;
        summary.bytes += batch.raw_len(i) as u64;
        match outcome {
            Outcome::Unchanged(counts) => {
                summary.cleaned += 1;
                summary.counts.merge(&counts);
                write_line(output, batch.body(i))?;
            }
            Outcome::Rewritten(bytes, counts) => {
                summary.cleaned += 1;
                summary.counts.merge(&counts);
                output.write_all(&bytes)?;
            }
            Outcome::Dropped(counts) => {
                summary.dropped += 1;
                summary.counts.merge(&counts);
            }
            Outcome::Blank => write_line(output, batch.body(i))?,
            Outcome::Bad(problem) => {
                let bad = BadRecord { line, problem };
                observer.bad_record(&bad);
                if options.on_error == OnError::Fail {
                    output.flush()?;
                    return Err(Error::Record(bad));
                }
                summary.bad += 1;
                write_line(output, batch.body(i))?;
            }
        }
    }
    observer.progress(summary);
    match std::mem::replace(&mut filled.status, Ok(false)) {
        Err(source) => Err(Error::Read { line: summary.lines, source }),
        Ok(_) => Ok(()),
    }
}

/// Writes a line as it was read, ending it with a newline if it had none.
fn write_line<W: Write + ?Sized>(out: &mut W, body: &[u8]) -> io::Result<()> {
    out.write_all(body)?;
    out.write_all(b"\n")
}

/// Lines read into one buffer, cleaned together.
#[derive(Default)]
struct Batch {
    buf: Vec<u8>,
    /// End of each line in `buf`, its newline included.
    ends: Vec<usize>,
    first_line: u64,
}

impl Batch {
    fn clear(&mut self, first_line: u64) {
        self.buf.clear();
        self.ends.clear();
        self.first_line = first_line;
    }

    /// Reads lines until the batch is full (`Ok(true)`) or the input ends
    /// (`Ok(false)`). On a read error, the complete lines read so far stay.
    fn fill<R: BufRead>(&mut self, input: &mut R, options: &JsonlOptions) -> io::Result<bool> {
        while self.ends.len() < options.batch_lines.max(1) && self.buf.len() < options.batch_bytes {
            let start = self.buf.len();
            match input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return Ok(false),
                Ok(_) => self.ends.push(self.buf.len()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.buf.truncate(start),
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(true)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn raw_len(&self, i: usize) -> usize {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.ends[i] - start
    }

    /// Line `i` without its newline, and without a UTF-8 byte-order mark on
    /// the stream's first line (JSON parsers refuse it).
    fn body(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let mut line = &self.buf[start..self.ends[i]];
        line = line.strip_suffix(b"\n").unwrap_or(line);
        if i == 0 && self.first_line == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        line
    }
}

/// The field to clean, split once per stream.
struct Field<'a> {
    whole: &'a str,
    path: Vec<&'a str>,
}

impl<'a> Field<'a> {
    fn new(whole: &'a str) -> Field<'a> {
        Field { whole, path: whole.split('.').collect() }
    }

    /// Finds the field's raw value in a parsed top-level object.
    fn find<'j>(&self, top: &HashMap<String, &'j RawValue>) -> Result<&'j RawValue, Problem> {
        let missing = || Problem::MissingField(self.whole.to_string());
        if let Some(v) = top.get(self.whole) {
            return Ok(v);
        }
        if self.path.len() < 2 {
            return Err(missing());
        }
        let mut value = *top.get(self.path[0]).ok_or_else(missing)?;
        for key in &self.path[1..] {
            let object: HashMap<String, &'j RawValue> =
                serde_json::from_str(value.get()).map_err(|_| missing())?;
            value = *object.get(*key).ok_or_else(missing)?;
        }
        Ok(value)
    }
}

/// What became of one line.
enum Outcome {
    /// Cleaning changed nothing: the line is written as it was read.
    Unchanged(Counts),
    /// The line as it must be written, newline included.
    Rewritten(Vec<u8>, Counts),
    /// Cleaned to nothing and left out.
    Dropped(Counts),
    /// A line holding only whitespace: passed through, not a record.
    Blank,
    /// Written unchanged and reported.
    Bad(Problem),
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Byte offset of `inner` inside `outer`, which it must borrow from.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

fn clean_record(
    body: &[u8],
    field: &Field<'_>,
    pipeline: &Pipeline,
    options: &JsonlOptions,
) -> Outcome {
    if body.iter().all(|&b| is_json_space(b)) {
        return Outcome::Blank;
    }
    match try_clean_record(body, field, pipeline, options) {
        Ok(outcome) => outcome,
        Err(problem) => Outcome::Bad(problem),
    }
}

fn try_clean_record(
    body: &[u8],
    field: &Field<'_>,
    pipeline: &Pipeline,
    options: &JsonlOptions,
) -> Result<Outcome, Problem> {
    let line = std::str::from_utf8(body)
        .map_err(|e| Problem::InvalidUtf8 { byte: e.valid_up_to() + 1 })?;
    // Any JSON value parses as a map of raw values only if it is an object;
    // a type mismatch (category `Data`) means "valid JSON, not an object".
    let top: HashMap<String, &RawValue> =
        serde_json::from_str(line).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => Problem::NotAnObject,
            _ => Problem::InvalidJson(json_message(&e)),
        })?;
    let raw = field.find(&top)?;
    let found = match raw.get().as_bytes()[0] {
        b'"' => None,
        b'{' => Some("object"),
        b'[' => Some("array"),
        b't' | b'f' => Some("boolean"),
        b'n' => Some("null"),
        _ => Some("number"),
    };
    if let Some(found) = found {
        return Err(Problem::NotAString { field: field.whole.to_string(), found });
    }
    // serde_json refuses lone surrogates when it decodes a string, so they
    // end here as a bad record instead of reaching the pipeline.
    let text: String = serde_json::from_str(raw.get()).map_err(|e| Problem::BadString {
        field: field.whole.to_string(),
        reason: json_message(&e),
    })?;

    let source = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let mut doc = Document::from_text(source);
    pipeline.run(&mut doc);
    let mut clean = doc.to_clean_string();
    if clean.ends_with('\n') {
        clean.pop();
    }
    let counts = doc.counts().clone();
    if options.drop_empty && clean.is_empty() {
        return Ok(Outcome::Dropped(counts));
    }
    let annotation = options.annotate.as_deref().map(|name| (name, annotation(pipeline, &counts)));
    if clean == text && annotation.is_none() {
        return Ok(Outcome::Unchanged(counts));
    }

    // Splice: replace the field's value, then add or replace the annotation;
    // every other byte of the line stays as it was.
    let mut edits: Vec<(std::ops::Range<usize>, Vec<u8>)> = Vec::with_capacity(2);
    if clean != text {
        let start = offset_in(line, raw.get());
        let mut value = Vec::with_capacity(clean.len() + clean.len() / 16 + 2);
        write_json_string(&mut value, &clean);
        edits.push((start..start + raw.get().len(), value));
    }
    if let Some((name, value)) = annotation {
        match top.get(name) {
            Some(old) => {
                let start = offset_in(line, old.get());
                edits.push((start..start + old.get().len(), value.into_bytes()));
            }
            None => {
                // The field was found in it, so the object has a member and
                // a comma can go before its closing brace.
                let close =
                    line.bytes().rposition(|b| !is_json_space(b)).expect("an object ends with '}'");
                let mut member = Vec::with_capacity(name.len() + value.len() + 4);
                member.push(b',');
                member.extend(serde_json::to_vec(name).expect("a string always serialises"));
                member.push(b':');
                member.extend(value.into_bytes());
                edits.push((close..close, member));
            }
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut at = 0;
    for (range, bytes) in edits {
        out.extend_from_slice(&body[at..range.start]);
        out.extend_from_slice(&bytes);
        at = range.end;
    }
    out.extend_from_slice(&body[at..]);
    out.push(b'\n');
    Ok(Outcome::Rewritten(out, counts))
}

/// Appends `s` as a JSON string literal, escaped exactly as serde_json does
/// (`\"`, `\\`, `\b\f\n\r\t`, other control characters as `\u00xx`,
/// everything else raw UTF-8). Eight bytes at a time are skipped while none
/// needs escaping: this runs over every cleaned text, and a byte-by-byte loop
/// was a tenth of the run time.
fn write_json_string(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// True when some byte of `w` is below 0x20, a quote or a backslash.
    /// (`(x - ONES * n) & !x & HIGH` is non-zero iff some byte of x is < n.)
    fn needs_escape(w: u64) -> bool {
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        (control | quote | backslash) & HIGH != 0
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !needs_escape(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x00..=0x1f => b'u',
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        out.push(b'\\');
        out.push(short);
        if short == b'u' {
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// serde_json's message with the column counted in the whole line (the
/// record is always "line 1" to the parser, which would only confuse).
fn json_message(e: &serde_json::Error) -> String {
    let mut msg = e.to_string();
    if let Some(at) = msg.rfind(" at line ") {
        msg.truncate(at);
    }
    format!("{msg} at column {}", e.column())
}

/// `{"stage":{"removed":N,"rewritten":M},...}` for every stage, in pipeline order.
fn annotation(pipeline: &Pipeline, counts: &Counts) -> String {
    let mut s = String::from("{");
    for (i, stage) in pipeline.stages().enumerate() {
        let name = stage.name();
        if i > 0 {
            s.push(',');
        }
        s.push_str(&serde_json::to_string(name).expect("a string always serialises"));
        s.push_str(&format!(
            ":{{\"removed\":{},\"rewritten\":{}}}",
            counts.removed(name),
            counts.rewritten(name)
        ));
    }
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, options: &JsonlOptions) -> (String, Summary, Vec<BadRecord>) {
        struct Collect(Vec<BadRecord>);
        impl Observer for Collect {
            fn bad_record(&mut self, bad: &BadRecord) {
                self.0.push(bad.clone());
            }
        }
        let mut out = Vec::new();
        let mut seen = Collect(Vec::new());
        // Normalisation alone: these tests are about records, not boilerplate.
        let pipeline = Pipeline::builder().only("normalize").build().unwrap();
        let summary =
            clean_stream_with(input.as_bytes(), &mut out, &pipeline, options, &mut seen).unwrap();
        (String::from_utf8(out).unwrap(), summary, seen.0)
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("çğ😀\u{2028}\u{7f}\u{ffff}");
        let mut cases = vec![String::new(), all.clone()];
        for c in all.chars() {
            // Every character at every position of an eight-byte window.
            for pad in 0..9 {
                cases.push(format!("{}{c}{}", "a".repeat(pad), "é".repeat(9 - pad)));
            }
        }
        for s in cases {
            let mut ours = Vec::new();
            write_json_string(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn other_bytes_are_untouched() {
        let line = "{ \"n\" : 1.000000000000000000001 , \"text\":\"a  b\", \"u\":\"\\u00e9\",\"z\":[1e400] }\r\n";
        let (out, summary, _) = run(line, &JsonlOptions::default());
        assert_eq!(out, line.replace("a  b", "a b"));
        assert_eq!(summary.cleaned, 1);
    }

    #[test]
    fn unchanged_text_keeps_its_escapes() {
        let line = "{\"text\":\"caf\\u00e9\"}\n";
        assert_eq!(run(line, &JsonlOptions::default()).0, line);
    }

    #[test]
    fn bad_records_are_kept_and_reported() {
        let input =
            "{\"text\":\"a\"}\nnope\n[1]\n{\"x\":1}\n{\"text\":3}\n{\"text\":\"\\ud800\"}\n\n";
        let (out, summary, bad) = run(input, &JsonlOptions::default());
        assert_eq!(out, input);
        assert_eq!(summary.bad, 5);
        let lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert_eq!(bad[1].problem, Problem::NotAnObject);
        assert_eq!(bad[2].problem, Problem::MissingField("text".into()));
        assert_eq!(bad[3].problem.to_string(), "field 'text' holds a number, not a string");
        assert!(matches!(bad[4].problem, Problem::BadString { .. }), "{:?}", bad[4]);
    }

    #[test]
    fn invalid_utf8_harms_only_its_record() {
        let mut input = b"{\"text\":\"a  b\"}\n{\"text\":\"\xff\"}\n".to_vec();
        input.extend_from_slice(b"{\"text\":\"c  d\"}");
        let mut out = Vec::new();
        let s = clean_stream(&input[..], &mut out, &Pipeline::default(), &JsonlOptions::default())
            .unwrap();
        assert_eq!(out, b"{\"text\":\"a b\"}\n{\"text\":\"\xff\"}\n{\"text\":\"c d\"}\n");
        assert_eq!((s.cleaned, s.bad), (2, 1));
    }

    #[test]
    fn dotted_path_and_literal_dotted_key() {
        let options = JsonlOptions { field: "doc.body".into(), ..JsonlOptions::default() };
        let (out, ..) =
            run("{\"doc\":{\"body\":\"x  y\",\"k\":2}}\n{\"doc.body\":\"p  q\"}\n", &options);
        assert_eq!(out, "{\"doc\":{\"body\":\"x y\",\"k\":2}}\n{\"doc.body\":\"p q\"}\n");
    }

    #[test]
    fn annotation_is_added_or_replaced() {
        let options = JsonlOptions { annotate: Some("ts".into()), ..JsonlOptions::default() };
        let (out, ..) = run("{\"text\":\"a  b\"}\n{\"ts\":null,\"text\":\"c\"}\n", &options);
        assert_eq!(
            out,
            "{\"text\":\"a b\",\"ts\":{\"normalize\":{\"removed\":0,\"rewritten\":1}}}\n\
             {\"ts\":{\"normalize\":{\"removed\":0,\"rewritten\":0}},\"text\":\"c\"}\n"
        );
    }

    #[test]
    fn drop_empty_counts() {
        let options = JsonlOptions { drop_empty: true, ..JsonlOptions::default() };
        let (out, summary, _) = run("{\"text\":\"  \"}\n{\"text\":\"x\"}\n", &options);
        assert_eq!(out, "{\"text\":\"x\"}\n");
        assert_eq!((summary.dropped, summary.cleaned), (1, 1));
    }

    #[test]
    fn fail_stops_before_the_bad_record() {
        let options = JsonlOptions { on_error: OnError::Fail, ..JsonlOptions::default() };
        let mut out = Vec::new();
        let err = clean_stream(
            &b"{\"text\":\"a\"}\n{\n{\"text\":\"b\"}\n"[..],
            &mut out,
            &Pipeline::default(),
            &options,
        )
        .unwrap_err();
        assert!(matches!(err, Error::Record(BadRecord { line: 2, .. })));
        assert_eq!(out, b"{\"text\":\"a\"}\n");
    }

    #[test]
    fn small_batches_give_the_same_output() {
        let input: String =
            (0..50).map(|i| format!("{{\"i\":{i},\"text\":\"t  {i}\"}}\n")).collect();
        let big = run(&input, &JsonlOptions::default()).0;
        let small = JsonlOptions { batch_lines: 3, batch_bytes: 40, ..JsonlOptions::default() };
        assert_eq!(run(&input, &small).0, big);
    }

    #[test]
    fn byte_order_mark_on_first_line_is_dropped() {
        let (out, summary, _) = run("\u{FEFF}{\"text\":\"a\"}\n", &JsonlOptions::default());
        assert_eq!(out, "{\"text\":\"a\"}\n");
        assert_eq!(summary.bad, 0);
    }

    /// Random damage to valid records never panics and never loses a line:
    /// one line out per line in, and a line that is not cleaned comes out as it went in.
    #[test]
    fn damaged_records_lose_nothing() {
        let seeds = [
            &b"{\"id\":1,\"text\":\"Caf\\u00e9  \\ud83d\\ude00 a&amp;b\\r\\n\\nz\",\"n\":[1.5e3,null]}"[..],
            "{\"doc\":{\"text\":\"ç  ğ\"},\"text\":\"x\\t\\\"q\\\"  y\"}".as_bytes(),
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pipeline = Pipeline::default();
        for round in 0..2000 {
            let mut line = seeds[round % seeds.len()].to_vec();
            const NOISE: &[u8] = b"\"\\{}[],:u\xff\xc3 0";
            for _ in 0..1 + next() % 3 {
                if line.is_empty() {
                    break;
                }
                let at = (next() as usize) % line.len();
                match next() % 4 {
                    0 => line[at] = next() as u8,
                    1 => drop(line.remove(at)),
                    2 => line.insert(at, NOISE[(next() as usize) % NOISE.len()]),
                    _ => line.truncate(at),
                }
            }
            line.retain(|&b| b != b'\n');
            let mut input = line.clone();
            input.push(b'\n');
            let mut out = Vec::new();
            let summary =
                clean_stream(&input[..], &mut out, &pipeline, &JsonlOptions::default()).unwrap();
            assert_eq!(
                out.iter().filter(|&&b| b == b'\n').count(),
                1,
                "{:?}",
                String::from_utf8_lossy(&input)
            );
            assert_eq!(summary.lines, 1);
            if summary.cleaned == 0 {
                assert_eq!(out, input);
            } else {
                assert!(std::str::from_utf8(&out).is_ok());
            }
        }
    }
}
