//! Streams of documents: a line holding only a form feed (`\f`) separates two
//! documents, and the output repeats the separator between the cleaned ones.
//! This is how many documents go through one process.

use std::io::Write;
use std::ops::Range;

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
}
