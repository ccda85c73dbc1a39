//! Rule packs: phrase lists as data, one folder per language, compiled once.
//!
//! Files live in `src/rules/<lang>/<kind>.txt` and are embedded at build time
//! (see `build.rs`); `README.md` beside this file documents the syntax. Each
//! kind (`chrome`, `disclaimer`, ...) is compiled, over all selected
//! languages, into one [`Matcher`]: a hash map for whole-line phrases,
//! anchored aho-corasick walks for prefixes and suffixes, one overlapping
//! automaton scan for inner phrases (per word-cap tier), and regexes run only
//! on lines that hold one of their literal gates (worked out at build time
//! for the built-in patterns, see `gate.rs`). Every pattern remembers its
//! `file:line`, which is what `--explain` shows.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa;
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, MatchKind};
use rayon::prelude::*;
use regex_automata::Input;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use crate::error::{Error, Result};
use gate::{Gate, GateAt, first_bytes, fold_pattern, required_literals};

mod gate;
use crate::verdict::Rule;

/// One embedded rule file.
#[derive(Debug)]
pub(crate) struct BuiltinFile {
    pub(crate) lang: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) path: &'static str,
    pub(crate) text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));
include!(concat!(env!("OUT_DIR"), "/rule_gates.rs"));

/// The gate of a folded pattern: looked up when it is a built-in one (see
/// [`gate`]), worked out otherwise.
fn gate_of(pattern: &str) -> Option<Gate> {
    static BUILTIN: LazyLock<foldhash::HashMap<&str, BuiltinGate>> =
        LazyLock::new(|| BUILTIN_GATES.iter().copied().collect());
    match BUILTIN.get(pattern) {
        Some(gate) => gate.map(|(at, literals)| Gate {
            literals: literals.iter().map(|l| l.to_vec()).collect(),
            at,
        }),
        None => required_literals(pattern),
    }
}

/// A built-in pattern's gate as `build.rs` writes it.
type BuiltinGate = Option<(GateAt, &'static [&'static [u8]])>;

/// The language-neutral pack, used whatever `--lang` says.
pub const NEUTRAL: &str = "any";

/// Rule kinds, each read by one filter, with the default word cap of its lines.
pub const KINDS: &[(&str, usize)] = &[
    ("chrome", 12),
    ("comments", 12),
    ("replies", 4),
    ("disclaimer", 70),
    ("images", 12),
    ("related", 8),
    ("headline", 0),
    ("teaser", 12),
    ("dates", 0),
    ("byline", 0),
];

/// Language codes that have a built-in pack (the neutral pack excluded).
pub fn languages() -> Vec<&'static str> {
    let mut langs: Vec<&'static str> =
        FILES.iter().map(|f| f.lang).filter(|&l| l != NEUTRAL).collect();
    langs.dedup();
    langs
}

/// Folds text for matching: lowercase, Turkish `İ`/`I`/`ı` all as `i`,
/// typographic apostrophes as `'`. Works char by char (`fold_char` in the
/// tests says what each becomes), so offsets can be mapped back with [`original_offset`].
///
/// Every line a rule looks at is folded once, so this copies runs of ASCII
/// whole and lowercases all of the output in one pass at the end; only
/// non-ASCII characters are decoded, one by one (see `fold_non_ascii`).
pub fn fold(text: &str) -> String {
    /// Lines shorter than this are searched for a backtick byte by byte.
    const SHORT: usize = 16;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let run = ascii_prefix_len(rest.as_bytes());
        out.push_str(&rest[..run]);
        // The non-ASCII characters up to the next ASCII one (a word of
        // Cyrillic, Greek, Arabic...), char by char.
        let mut chars = rest[run..].chars();
        rest = chars.as_str();
        while let Some(c) = chars.next().filter(|c| !c.is_ascii()) {
            fold_non_ascii(c, &mut out);
            rest = chars.as_str();
        }
    }
    // What non-ASCII characters fold to has no ASCII capital in it, so this
    // lowercases exactly the copied runs; a backtick is the only other ASCII
    // character that folds to something else. (`memchr` looks for it a
    // vector at a time, but its set-up costs more than a byte loop over a
    // short line; `str::contains` read lines byte by byte, and cost a fifth
    // of this function.)
    out.make_ascii_lowercase();
    let backtick = if out.len() < SHORT {
        out.bytes().any(|b| b == b'`')
    } else {
        memchr::memchr(b'`', out.as_bytes()).is_some()
    };
    if backtick {
        out = out.replace('`', "'");
    }
    out
}

/// Length in bytes of the run of ASCII that `bytes` starts with. Reads 8
/// bytes at a time as one word, whose high bits mark the non-ASCII bytes:
/// the lowest one set is the first of them. Only the last few bytes are
/// read one by one.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        let high = word & HIGH_BITS;
        if high != 0 {
            return len + high.trailing_zeros() as usize / 8;
        }
        len += 8;
    }
    let tail = chunks.remainder();
    len + tail.iter().position(|b| !b.is_ascii()).unwrap_or(tail.len())
}

/// What [`fold`] makes of an ASCII byte.
fn fold_ascii(b: u8) -> u8 {
    if b == b'`' { b'\'' } else { b.to_ascii_lowercase() }
}

/// What [`fold`] makes of one character: the definition [`fold`] and its fast
/// paths are tested against.
#[cfg(test)]
fn fold_char(c: char, out: &mut String) {
    match c {
        'A'..='Z' if c != 'I' => out.push(c.to_ascii_lowercase()),
        'I' | 'İ' | 'ı' => out.push('i'),
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        c if c.is_ascii() => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// What [`fold`] makes of a non-ASCII character, without a search of the Unicode
/// case tables for most of them: two-byte characters (Latin, Greek,
/// Cyrillic...) are read from [`LOWER_TWO_BYTE`], and the blocks of
/// [`is_caseless`] (punctuation, symbols, box drawing, CJK, Hangul) stay as
/// they are.
fn fold_non_ascii(c: char, out: &mut String) {
    match c {
        'İ' | 'ı' => out.push('i'),
        '’' | '‘' | 'ʼ' | '´' => out.push('\''),
        '\u{80}'..='\u{7ff}' => match LOWER_TWO_BYTE[c as usize - 0x80] {
            Some(lower) => out.push(lower),
            None => out.extend(c.to_lowercase()),
        },
        c if is_caseless(c) => out.push(c),
        c => out.extend(c.to_lowercase()),
    }
}

/// The lower case of each two-byte character, U+0080 to U+07FF, when it is
/// one character (all but `İ`): worked out once, 8 KB.
static LOWER_TWO_BYTE: LazyLock<Box<[Option<char>]>> = LazyLock::new(|| {
    (0x80..0x800)
        .map(|u| {
            let mut lower = char::from_u32(u).expect("not a surrogate").to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
        .collect()
});

/// `char::is_alphanumeric`, read from a table for two-byte characters
/// (Latin, Greek, Cyrillic...), whose lookup in the Unicode tables costs a
/// search each: for the ends of line keys and the words of prose lines.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    /// Whether each character from U+0080 to U+07FF is a letter or digit,
    /// worked out once.
    static TWO_BYTE: LazyLock<Box<[bool]>> = LazyLock::new(|| {
        (0x80..0x800).map(|u| char::from_u32(u).is_some_and(char::is_alphanumeric)).collect()
    });
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{7ff}' => TWO_BYTE[c as usize - 0x80],
        // General Punctuation (dashes, curly quotes, `…`, spaces): the
        // typographic marks lines most often end with, none a letter or digit.
        '\u{2000}'..='\u{206f}' => false,
        // CJK ideographs and Hangul syllables: letters, whole lines of them.
        '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// True for a character of a block of three-byte characters in which nothing
/// has a lower case of its own (`char::to_lowercase` gives the character
/// back): the unit tests check every character of them.
fn is_caseless(c: char) -> bool {
    matches!(c,
        // Samaritan to Myanmar (Devanagari, Bengali, Thai...).
        '\u{800}'..='\u{109f}'
        // Punctuation, currency and letterlike symbols up to Ω.
        | '\u{2000}'..='\u{2125}'
        // Arrows, mathematical and technical signs, up to the circled capitals.
        | '\u{2190}'..='\u{24b5}'
        // Box drawing, shapes, dingbats and other symbols.
        | '\u{24d0}'..='\u{2bff}'
        // CJK punctuation, kana and ideographs, up to Yi.
        | '\u{2e00}'..='\u{a63f}'
        // Hangul, private use, presentation forms, fullwidth signs before `Ａ`.
        | '\u{a800}'..='\u{ff20}')
}

/// Maps a byte offset in `fold(original)` back to a byte offset in `original`.
pub fn original_offset(original: &str, folded_offset: usize) -> usize {
    let ascii = ascii_prefix_len(original.as_bytes());
    if folded_offset <= ascii {
        // Each ASCII character folds to one byte.
        return folded_offset;
    }
    let mut folded = 0;
    let mut buf = String::new();
    for (i, c) in original.char_indices() {
        if folded >= folded_offset {
            return i;
        }
        folded += if c.is_ascii() {
            1
        } else {
            buf.clear();
            fold_non_ascii(c, &mut buf);
            buf.len()
        };
    }
    original.len()
}

/// The key of folded text (see [`key`]). Most lines start and end with a
/// letter or digit: those are their own key, without decoding a char. Most
/// others end with ASCII punctuation or spaces (`Share:`, a full stop): those
/// ends are trimmed byte by byte, and chars are decoded (a search of
/// `trim_matches`, costlier than the whole byte trim) only when an end
/// reached is not ASCII.
fn key_of_folded(folded: &str) -> &str {
    let bytes = folded.as_bytes();
    if let (Some(first), Some(last)) = (bytes.first(), bytes.last())
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
    {
        return folded;
    }
    let is_cut = |b: &u8| b.is_ascii() && !b.is_ascii_alphanumeric();
    let start = bytes.iter().position(|b| !is_cut(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !is_cut(b)).map_or(start, |i| i + 1);
    // Both ends stop at an ASCII letter or digit or at a lead or last byte
    // of a char, so the slice is at char boundaries.
    let rest = &folded[start..end];
    match (rest.as_bytes().first(), rest.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii() && last.is_ascii() => rest,
        _ => rest.trim_matches(|c: char| !is_alphanumeric(c)),
    }
}

/// The whole-line key of a phrase or line: folded, with anything that is not a
/// letter or digit trimmed from both ends.
pub fn key(text: &str) -> String {
    let mut folded = fold(text);
    let span = key_span(&folded);
    if span.len() == folded.len() {
        return folded;
    }
    // Trimmed in place rather than copied.
    folded.truncate(span.end);
    folded.drain(..span.start);
    folded
}

/// Where in folded text its key (see [`key_of_folded`]) lies.
fn key_span(folded: &str) -> Range<usize> {
    let key = key_of_folded(folded);
    let start = key.as_ptr() as usize - folded.as_ptr() as usize;
    start..start + key.len()
}

/// Number of whitespace-separated words, as `text.split_whitespace().count()`
/// counts them, without decoding characters.
pub fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// Like [`word_count`], but stops counting at `limit`: enough to compare a
/// long line with a word cap without walking all of it.
///
/// Every line a filter looks at is counted, most of them prose, so this works
/// on bytes, a block at a time (see [`scan_block`]): a word starts at a byte
/// that is not whitespace after one that is (or at the start). Bytes of
/// non-ASCII characters are never ASCII whitespace and continue the word they
/// are in. Only a line holding non-ASCII whitespace (U+00A0, U+2009...:
/// normalised text has none) is counted char by char; the line is searched
/// for one only when a block holds a byte that can start one (see
/// [`has_unicode_space`]).
fn word_count_up_to(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut before = b' ';
    let mut searched = false;
    for chunk in bytes.chunks(BLOCK) {
        // The byte before the block, then the block; a short last one is
        // padded with spaces, which start no word.
        let mut pairs = [b' '; BLOCK + 1];
        pairs[0] = before;
        pairs[1..=chunk.len()].copy_from_slice(chunk);
        let scan = scan_block(&pairs);
        if scan.may_hold_unicode_space && !searched {
            if has_unicode_space(bytes) {
                return text.split_whitespace().take(limit).count();
            }
            searched = true;
        }
        words += scan.word_starts;
        if words >= limit {
            return limit;
        }
        before = chunk[chunk.len() - 1];
    }
    words
}

/// Bytes [`word_count_up_to`] looks at together.
const BLOCK: usize = 32;

/// What [`scan_block`] finds in a block of bytes.
struct BlockScan {
    word_starts: usize,
    may_hold_unicode_space: bool,
}

/// Counts the word starts of a block given after the byte before it (bytes
/// that are not whitespace after one that is), and tells whether a byte in it
/// may start a non-ASCII space. Every block has the same size, so the
/// compiler turns both loops into a few vector instructions each, with no
/// byte-by-byte remainder.
#[inline]
fn scan_block(pairs: &[u8; BLOCK + 1]) -> BlockScan {
    let starts = pairs[..BLOCK]
        .iter()
        .zip(&pairs[1..])
        .fold(0u8, |n, (&a, &b)| n + u8::from(is_ascii_space(a) & !is_ascii_space(b)));
    let leads = pairs[1..].iter().fold(0u8, |n, &b| n | u8::from(may_start_unicode_space(b)));
    BlockScan { word_starts: usize::from(starts), may_hold_unicode_space: leads != 0 }
}

/// What `char::is_whitespace` says of an ASCII byte.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// True for the bytes that start the UTF-8 form of a non-ASCII whitespace
/// character (see [`has_unicode_space`]), branch-free.
#[inline]
fn may_start_unicode_space(b: u8) -> bool {
    (b == 0xC2) | (b.wrapping_sub(0xE1) < 3)
}

/// True when the text holds a non-ASCII whitespace character. Their UTF-8
/// forms start with `C2`, `E1`, `E2` or `E3`; only those bytes are looked at.
fn has_unicode_space(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let lead = |i: usize| match at(i) {
        0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
        0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => at(i + 2) == 0x9F,
            _ => false,
        },
        _ => at(i + 1) == 0x80 && at(i + 2) == 0x80, // E3: U+3000
    };
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(lead)
        || memchr::memchr_iter(0xE3, bytes).any(lead)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Leading characters ignored before a prefix is matched (bullets, arrows, pipes).
fn is_lead_mark(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '»' | '›' | '•' | '·' | '-' | '–' | '—' | '|' | '*' | '>' | '▶' | '►' | '■' | '▪'
        )
}

/// How a pattern is compared with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternKind {
    /// The whole line's key equals the phrase's key.
    Literal,
    /// The line starts with the phrase (at a word boundary).
    Prefix,
    /// The line ends with the phrase (at a word boundary).
    Suffix,
    /// The phrase occurs in the line (at word boundaries).
    Contains,
    /// A regular expression matches the folded line.
    Regex,
}

/// Whether a line's length limits a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caps {
    /// Only lines with at most the rule's word cap match (the content-safety default).
    Apply,
    /// Any line may match: for stripping a glued label or teaser off a long line.
    Ignore,
}

/// A rule that matched a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Which rule.
    pub rule: Rule,
    /// How it matched.
    pub pattern: PatternKind,
    /// The matched bytes in the original line.
    pub span: Range<usize>,
}

/// A line counted once, and folded once when a matcher first needs it, to be
/// matched against several matchers.
#[derive(Clone, Debug)]
pub struct Probe<'a> {
    line: &'a str,
    folded: FoldedCell<'a>,
    words: usize,
}

/// Where a probe keeps its folded line: its own cell, or one it shares with
/// a [`crate::Document`] line so that every filter folds the line once.
#[derive(Clone, Debug)]
enum FoldedCell<'a> {
    Own(OnceCell<Folded>),
    Shared(&'a OnceCell<Folded>),
}

/// A line folded for matching (see [`fold`]), and where its key (see
/// [`key`]) lies in the folded text: worked out once, when the line is
/// folded, rather than by every matcher that looks its key up.
#[derive(Clone, Debug)]
pub struct Folded {
    text: String,
    key: Range<usize>,
}

impl Folded {
    /// Folds a line. Cost: [`fold`], and a trim of the ends for the key.
    pub fn new(line: &str) -> Folded {
        let text = fold(line);
        let key = key_span(&text);
        Folded { text, key }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The key of the line, a slice of [`Folded::text`].
    fn key(&self) -> &str {
        &self.text[self.key.clone()]
    }
}

impl<'a> Probe<'a> {
    /// Prepares a line.
    pub fn new(line: &'a str) -> Probe<'a> {
        Probe::with_words(line, word_count(line))
    }

    fn with_words(line: &'a str, words: usize) -> Probe<'a> {
        Probe { line, folded: FoldedCell::Own(OnceCell::new()), words }
    }

    /// Prepares a line whose word count is known, folding it into `folded`
    /// (or reading it from there when it was folded before).
    pub fn shared(line: &'a str, words: usize, folded: &'a OnceCell<Folded>) -> Probe<'a> {
        Probe { line, folded: FoldedCell::Shared(folded), words }
    }

    /// The line as given.
    pub fn line(&self) -> &'a str {
        self.line
    }

    /// The folded line (see [`fold`]).
    pub fn folded(&self) -> &str {
        self.folded_line().text()
    }

    /// The line's key (see [`key`]).
    #[cfg(test)]
    pub(crate) fn key(&self) -> &str {
        self.folded_line().key()
    }

    /// The folded line with its key.
    fn folded_line(&self) -> &Folded {
        let cell = match &self.folded {
            FoldedCell::Own(cell) => cell,
            FoldedCell::Shared(cell) => cell,
        };
        cell.get_or_init(|| Folded::new(self.line))
    }

    /// Its number of words.
    pub fn words(&self) -> usize {
        self.words
    }
}

#[derive(Clone, Debug)]
struct Entry {
    rule: Rule,
    pattern: PatternKind,
    max_words: usize,
}

/// A parsed but not yet compiled rule.
#[derive(Clone, Debug)]
struct RawRule {
    entry: Entry,
    text: String,
    /// The [`key`] of a whole-line phrase (empty for other rules), worked
    /// out once as the file is read: the parser needs it to reject a phrase
    /// without letters, and the matcher and [`RuleSet::phrases`] look phrases up by it.
    key: String,
}

/// The compiled rules of one kind.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    entries: Vec<Entry>,
    /// Whole-line phrases by key. Looked up for most lines, so hashed with
    /// foldhash rather than SipHash (keys come from our own rule files).
    literals: foldhash::HashMap<String, usize>,
    /// By length in bytes, the first bytes of the keys of
    /// [`Matcher::literals`] that long, as a set of their low six bits: a
    /// line whose key has another length or first byte is not hashed.
    literal_starts: Vec<u64>,
    prefixes: Option<(AnchoredPhrases, Vec<usize>)>,
    suffixes: Option<(AnchoredPhrases, Vec<usize>)>,
    /// Longest prefix and suffix pattern in bytes: only that much of a line is searched.
    prefix_len: usize,
    suffix_len: usize,
    /// Inner phrases and regexes, compiled when a line first needs them.
    scan: Option<Arc<LazyScan>>,
    max_words: usize,
    /// The largest word cap of each [`PatternKind`] (`usize::MAX` when one has
    /// none): a longer line need not be searched for that kind at all.
    kind_max_words: [usize; 5],
}

impl Matcher {
    /// Compiles parsed rules (whose regex syntax was checked by [`parse`], or
    /// for the built-in packs by the unit tests).
    fn compile(raw: &[RawRule]) -> Matcher {
        let mut m = Matcher::default();
        let mut pre = (Vec::new(), Vec::new());
        let mut suf = (Vec::new(), Vec::new());
        let mut con = Vec::new();
        let mut res = Vec::new();
        for r in raw {
            let idx = m.entries.len();
            m.entries.push(r.entry.clone());
            let cap = if r.entry.max_words == 0 { usize::MAX } else { r.entry.max_words };
            m.max_words = m.max_words.max(cap);
            let kind_cap = &mut m.kind_max_words[r.entry.pattern as usize];
            *kind_cap = (*kind_cap).max(cap);
            match r.entry.pattern {
                PatternKind::Literal => {
                    m.literals.entry(r.key.clone()).or_insert(idx);
                    let len = r.key.len();
                    if m.literal_starts.len() <= len {
                        m.literal_starts.resize(len + 1, 0);
                    }
                    if let Some(&first) = r.key.as_bytes().first() {
                        m.literal_starts[len] |= 1 << (first & 63);
                    }
                }
                PatternKind::Prefix => {
                    pre.0.push(fold(&r.text));
                    pre.1.push(idx);
                }
                PatternKind::Suffix => {
                    // Matched against a line's tail read backwards, byte by byte.
                    let mut reversed = fold(&r.text).into_bytes();
                    reversed.reverse();
                    suf.0.push(reversed);
                    suf.1.push(idx);
                }
                PatternKind::Contains => con.push(ScanRule { text: fold(&r.text), idx, cap }),
                PatternKind::Regex => {
                    // Syntax was checked when the file was parsed (see `Origin`).
                    res.push(ScanRule { text: fold_pattern(&r.text), idx, cap });
                }
            }
        }
        // A contiguous NFA builds several times faster than a DFA and searches
        // the short lines we give it nearly as fast: start-up wins.
        m.prefix_len = pre.0.iter().map(String::len).max().unwrap_or(0);
        m.suffix_len = suf.0.iter().map(Vec::len).max().unwrap_or(0);
        if !pre.0.is_empty() {
            m.prefixes = Some((AnchoredPhrases::new(&pre.0), pre.1));
        }
        if !suf.0.is_empty() {
            m.suffixes = Some((AnchoredPhrases::new(&suf.0), suf.1));
        }
        if !con.is_empty() || !res.is_empty() {
            m.scan =
                Some(Arc::new(LazyScan { phrases: con, patterns: res, built: OnceLock::new() }));
        }
        m
    }

    /// Builds now what the matcher otherwise builds when a line first needs
    /// it: the automata over its inner phrases and regex literals (every word
    /// cap's) and its regexes' anchored gates. Not built: the regexes
    /// themselves, compiled only for lines their literals let through, and
    /// the heads DFAs, built only once a tier has searched 64 KB of lines.
    /// A line that needs a part being built meanwhile waits for it: nothing
    /// is built twice. Cost: ~40M instructions over all the built-in packs.
    pub fn prepare(&self) {
        if let Some(scan) = &self.scan {
            let scan = scan.get();
            for (cap, built) in &scan.tiers {
                built.get_or_init(|| scan.build_tier(*cap));
            }
        }
    }

    /// True when the matcher has no rules.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// False when no rule of this kind admits a line of `words` words: then
    /// its automaton or regexes need not run.
    fn kind_admits(&self, kind: PatternKind, words: usize, caps: Caps) -> bool {
        caps == Caps::Ignore || words <= self.kind_max_words[kind as usize]
    }

    fn allowed(&self, idx: usize, words: usize, caps: Caps) -> bool {
        let max = self.entries[idx].max_words;
        caps == Caps::Ignore || max == 0 || words <= max
    }

    /// True when a phrase found inside a line stands between quotation marks:
    /// then the line reports the wording (an article about cookie banners, a
    /// court report quoting a footer) and is not the boilerplate itself.
    fn quoted(folded: &str, span: &Range<usize>) -> bool {
        let before = &folded[..span.start];
        let after = &folded[span.end..];
        let opens =
            before.contains(['“', '„', '«', '‹', '「']) || before.matches('"').count() % 2 == 1;
        let closes = after.contains(['”', '»', '›', '」', '"', '“']);
        opens && closes
    }

    /// Cost: linear in the line; run once per regex rule at most.
    fn hit(&self, idx: usize, line: &str, folded_span: Range<usize>) -> Hit {
        let e = &self.entries[idx];
        let span = original_offset(line, folded_span.start)..original_offset(line, folded_span.end);
        Hit { rule: e.rule.clone(), pattern: e.pattern, span }
    }

    /// The first rule matching `line`, trying whole-line phrases, then prefixes
    /// (longest first), suffixes, inner phrases and patterns.
    pub fn find(&self, line: &str, caps: Caps) -> Option<Hit> {
        // Most prose lines are longer than any cap: `probe` rejects them before
        // folding. Every cap compares the same with a count that stops one past
        // the largest cap, so the rest of a long line is not counted.
        let words = match caps {
            Caps::Apply => word_count_up_to(line, self.max_words.saturating_add(1)),
            Caps::Ignore => word_count(line),
        };
        self.probe(&Probe::with_words(line, words), caps)
    }

    /// Like [`Matcher::find`], for a line already folded once for several matchers.
    pub fn probe(&self, p: &Probe<'_>, caps: Caps) -> Option<Hit> {
        if self.entries.is_empty() || (caps == Caps::Apply && p.words > self.max_words) {
            return None;
        }
        let (line, folded_line, words) = (p.line, p.folded_line(), p.words);
        let folded = folded_line.text();
        if let Some(hit) = self
            .find_literal(line, folded, folded_line.key(), words, caps)
            .or_else(|| self.find_prefix(line, folded, words, caps))
            .or_else(|| self.find_suffix(line, folded, words, caps))
        {
            return Some(hit);
        }
        let contains = self.kind_admits(PatternKind::Contains, words, caps);
        let regexes = self.kind_admits(PatternKind::Regex, words, caps);
        let scan = self.scan.as_ref().filter(|_| contains || regexes)?.get();
        let inner = scan.inner_matches(folded, words, caps);
        contains.then(|| self.find_contains(line, folded, words, caps, &inner)).flatten().or_else(
            || {
                let rules = scan.regexes.as_ref().filter(|_| regexes)?;
                self.find_regex(rules, line, folded, words, caps, &inner)
            },
        )
    }

    /// The whole-line phrase whose key is `k`, the key of `folded`.
    fn find_literal(
        &self,
        line: &str,
        folded: &str,
        k: &str,
        words: usize,
        caps: Caps,
    ) -> Option<Hit> {
        if !self.kind_admits(PatternKind::Literal, words, caps) {
            return None;
        }
        if self.literals.is_empty() {
            return None;
        }
        let first = k.as_bytes().first().map_or(0, |&b| 1 << (b & 63));
        if self.literal_starts.get(k.len()).is_none_or(|&firsts| firsts & first == 0) {
            return None;
        }
        let &idx = self.literals.get(k)?;
        self.allowed(idx, words, caps).then(|| self.hit(idx, line, 0..folded.len()))
    }

    /// The longest prefix rule glued to the front of a line of any length (a
    /// breaking-news label before a headline). Only the line's head is folded.
    pub fn glued_prefix(&self, line: &str) -> Option<Hit> {
        let (phrases, _) = self.prefixes.as_ref()?;
        // Most lines part from every phrase within their first ASCII
        // characters: they are turned away before anything is folded.
        let body = line.trim_start_matches(is_lead_mark).as_bytes();
        if phrases.dies_within(body.iter().copied().take_while(u8::is_ascii).map(fold_ascii)) {
            return None;
        }
        // Bullets before the label, plus room for folding to shrink text (`İ` → `i`).
        let head = &line[..floor_char_boundary(line, 2 * self.prefix_len + 16)];
        self.find_prefix(head, &fold(head), 0, Caps::Ignore)
    }

    /// The longest suffix rule glued to the end of a line of any length (a
    /// teaser after a paragraph). Only the line's tail is folded.
    pub fn glued_suffix(&self, line: &str) -> Option<Hit> {
        let (phrases, _) = self.suffixes.as_ref()?;
        let line = line.trim_end();
        // Likewise for lines whose last ASCII characters end no phrase.
        let tail = line.as_bytes().iter().rev().copied();
        if phrases.dies_within(tail.take_while(u8::is_ascii).map(fold_ascii)) {
            return None;
        }
        let start = ceil_char_boundary(line, line.len().saturating_sub(2 * self.suffix_len + 8));
        let tail = &line[start..];
        let mut hit = self.find_suffix(tail, &fold(tail), 0, Caps::Ignore)?;
        hit.span = hit.span.start + start..hit.span.end + start;
        Some(hit)
    }

    /// The longest prefix rule that matches at the start of the line (after bullets).
    ///
    /// Cost: the automaton reads a window as long as the longest prefix rule.
    /// Inlined into [`Matcher::probe`] (it and [`Matcher::find_suffix`]): most
    /// lines leave it after a few tests, which cost less than the call and its
    /// saving of registers did (0.8% of a full-stream run for both).
    #[inline(always)]
    fn find_prefix(&self, line: &str, folded: &str, words: usize, caps: Caps) -> Option<Hit> {
        if !self.kind_admits(PatternKind::Prefix, words, caps) {
            return None;
        }
        let (ac, ids) = self.prefixes.as_ref()?;
        let lead = match folded.as_bytes().first() {
            Some(b) if b.is_ascii_alphanumeric() => 0,
            _ => folded.len() - folded.trim_start_matches(is_lead_mark).len(),
        };
        let hay = &folded[lead..];
        let window = &hay[..floor_char_boundary(hay, self.prefix_len)];
        let mut best: Option<(usize, usize)> = None;
        ac.each_match(window.as_bytes(), |pattern, end| {
            let idx = ids[pattern];
            if self.allowed(idx, words, caps)
                && boundary_after(hay, end)
                && best.is_none_or(|(_, e)| end > e)
            {
                best = Some((idx, end));
            }
        });
        best.map(|(idx, end)| self.hit(idx, line, 0..lead + end))
    }

    /// The longest suffix rule that matches at the end of the line.
    ///
    /// Cost: only a tail as long as the longest suffix rule is reversed and
    /// read. Inlined, as [`Matcher::find_prefix`] is.
    #[inline(always)]
    fn find_suffix(&self, line: &str, folded: &str, words: usize, caps: Caps) -> Option<Hit> {
        if !self.kind_admits(PatternKind::Suffix, words, caps) {
            return None;
        }
        let (ac, ids) = self.suffixes.as_ref()?;
        let trimmed = folded.trim_end();
        let tail_start = ceil_char_boundary(trimmed, trimmed.len().saturating_sub(self.suffix_len));
        let tail = &trimmed.as_bytes()[tail_start..];
        let mut best: Option<(usize, usize)> = None;
        ac.each_match_reversed(tail, |pattern, end| {
            let idx = ids[pattern];
            let start = trimmed.len() - end;
            if self.allowed(idx, words, caps)
                && boundary_before(trimmed, start)
                && best.is_none_or(|(_, s)| start < s)
            {
                best = Some((idx, start));
            }
        });
        best.map(|(idx, start)| self.hit(idx, line, start..folded.len()))
    }

    /// The first inner phrase that is not quoted. Cost: one automaton pass
    /// over the line, plus one pass to index its quotation marks the first
    /// time a match needs checking (checking each match with
    /// [`Matcher::quoted`] would cost the line's length per match).
    fn find_contains(
        &self,
        line: &str,
        folded: &str,
        words: usize,
        caps: Caps,
        inner: &[(Inner, Range<usize>)],
    ) -> Option<Hit> {
        let mut quotes: Option<Quotes> = None;
        for (owner, m) in inner {
            let Inner::Phrase(idx) = *owner else { continue };
            if self.allowed(idx, words, caps)
                && boundary_before(folded, m.start)
                && boundary_after(folded, m.end)
                && !quotes.get_or_insert_with(|| Quotes::new(folded)).around(m.start, m.end)
            {
                return Some(self.hit(idx, line, m.clone()));
            }
        }
        None
    }

    /// Cost: one automaton pass to pick candidate patterns, then at most one
    /// `find` per pattern (each linear in the line: the regex crate never
    /// backtracks exponentially) and one quote check for the match found.
    fn find_regex(
        &self,
        rules: &RegexRules,
        line: &str,
        folded: &str,
        words: usize,
        caps: Caps,
        inner: &[(Inner, Range<usize>)],
    ) -> Option<Hit> {
        let early = inner.iter().filter_map(|(owner, _)| match owner {
            Inner::Regex(i) => Some(*i),
            Inner::Phrase(_) => None,
        });
        let gated = rules.gated(folded, early);
        let run = |&i: &usize| {
            let idx = rules.ids[i];
            if !self.allowed(idx, words, caps) {
                return None;
            }
            let m = rules.regexes[i].find(folded)?;
            (!Self::quoted(folded, &m)).then(|| self.hit(idx, line, m))
        };
        if gated.is_empty() {
            // Most lines: only the ungated run, with no merge to go through.
            return rules.ungated.iter().find_map(run);
        }
        rules.in_rule_order(gated).find_map(|i| run(&i))
    }
}

/// Phrases matched only at the start of a text (a line's head, or its tail
/// read backwards): an automaton walked from its anchored start state, which
/// stops at the first byte no phrase continues with, usually the first or
/// second, instead of reading the rest of the window. The automaton stays
/// the non-contiguous NFA it is built as: converting it to a contiguous one
/// cost more at start-up than it saved in such short walks.
#[derive(Clone, Debug)]
struct AnchoredPhrases {
    nfa: Arc<NFA>,
    /// Length of the longest phrase in bytes: no walk reads further.
    longest: usize,
    /// The pairs of bytes a phrase starts with, as one 64-bit set per first
    /// byte of the second bytes' low six bits (a phrase of one byte puts in
    /// every pair it starts): a text whose first two bytes are not in it
    /// starts no phrase, and is turned away without a walk (whose second
    /// step, a search of a sparse state's transitions, is what most walks
    /// cost). Lowercase letters, digits and space all have low bits of their
    /// own but for digits and `p` to `y`.
    pairs: Arc<[u64; 256]>,
}

impl AnchoredPhrases {
    fn new<P: AsRef<[u8]>>(phrases: &[P]) -> AnchoredPhrases {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            // Walks mostly stop after a byte or two: only the start state
            // needs a dense table, and the rest build faster sparse.
            .dense_depth(1)
            .build(phrases)
            .expect("literal patterns always compile");
        let longest = phrases.iter().map(|p| p.as_ref().len()).max().unwrap_or(0);
        let mut pairs = [0u64; 256];
        for phrase in phrases {
            match *phrase.as_ref() {
                [first, second, ..] => pairs[usize::from(first)] |= 1 << (second & 63),
                [first] => pairs[usize::from(first)] = u64::MAX,
                [] => {}
            }
        }
        AnchoredPhrases { nfa: Arc::new(nfa), longest, pairs: Arc::new(pairs) }
    }

    /// False when no phrase starts with the bytes `first` and `second`.
    fn may_start(&self, first: u8, second: u8) -> bool {
        self.pairs[usize::from(first)] >> (second & 63) & 1 == 1
    }

    /// True when no phrase starts with `bytes`, nor is a prefix of them:
    /// the walk stops, at a byte no phrase continues with, before they end.
    fn dies_within(&self, bytes: impl Iterator<Item = u8>) -> bool {
        let nfa = &*self.nfa;
        let Ok(mut sid) = nfa.start_state(Anchored::Yes) else { return true };
        for b in bytes {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                return true;
            }
            if nfa.is_match(sid) {
                return false;
            }
        }
        false
    }

    /// Calls `found(pattern, end)` for every phrase that `hay` starts with.
    ///
    /// Inlined into its callers, with the walk (as are
    /// [`AnchoredPhrases::each_match_reversed`] and its walk): most texts are
    /// turned away by the pair test for less than the calls cost (1.7% of a
    /// full-stream run for the three).
    #[inline(always)]
    fn each_match(&self, hay: &[u8], found: impl FnMut(usize, usize)) {
        if let [first, second, ..] = *hay
            && !self.may_start(first, second)
        {
            return;
        }
        self.walk(hay.iter().copied(), found);
    }

    /// Like [`AnchoredPhrases::each_match`] for phrases stored reversed,
    /// reading `hay` backwards from its end: `end` counts bytes from there.
    #[inline(always)]
    fn each_match_reversed(&self, hay: &[u8], found: impl FnMut(usize, usize)) {
        if let [.., second, first] = *hay
            && !self.may_start(first, second)
        {
            return;
        }
        self.walk(hay.iter().rev().copied(), found);
    }

    #[inline(always)]
    fn walk(&self, hay: impl Iterator<Item = u8>, mut found: impl FnMut(usize, usize)) {
        let nfa = &*self.nfa;
        let Ok(mut sid) = nfa.start_state(Anchored::Yes) else { return };
        for (i, b) in hay.enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                return;
            }
            if nfa.is_match(sid) {
                // A state also reports the phrases that end here but start
                // later (reached through failure links): only whole ones count.
                for k in 0..nfa.match_len(sid) {
                    let pattern = nfa.match_pattern(sid, k);
                    if nfa.pattern_len(pattern) == i + 1 {
                        found(pattern.as_usize(), i + 1);
                    }
                }
            }
        }
    }
}

/// Where a folded line's quotation marks are, to answer [`Matcher::quoted`]
/// for many spans after one pass over the line.
struct Quotes {
    /// Byte offset of the first opening mark other than `"`.
    first_open: Option<usize>,
    /// Byte offset just past the last closing mark (`"` included).
    last_close_end: usize,
    /// Byte offsets of every `"`, in order.
    straight: Vec<usize>,
}

impl Quotes {
    fn new(folded: &str) -> Quotes {
        let mut q = Quotes { first_open: None, last_close_end: 0, straight: Vec::new() };
        for (i, c) in folded.char_indices() {
            if matches!(c, '“' | '„' | '«' | '‹' | '「') && q.first_open.is_none() {
                q.first_open = Some(i);
            }
            if matches!(c, '”' | '»' | '›' | '」' | '"' | '“') {
                q.last_close_end = i + c.len_utf8();
            }
            if c == '"' {
                q.straight.push(i);
            }
        }
        q
    }

    /// Same answer as [`Matcher::quoted`] for the span `start..end`.
    fn around(&self, start: usize, end: usize) -> bool {
        let opens = self.first_open.is_some_and(|o| o < start)
            || self.straight.partition_point(|&i| i < start) % 2 == 1;
        // A mark lies in `folded[end..]` when one ends after `end` (marks
        // never overlap the span's char boundaries).
        let closes = self.last_close_end > end;
        opens && closes
    }
}

/// An inner phrase or a pattern as a [`LazyScan`] keeps it: folded, with
/// its entry index and its word cap (`usize::MAX` for none).
#[derive(Debug)]
struct ScanRule {
    text: String,
    idx: usize,
    cap: usize,
}

/// The inner phrases and `re:` rules of a matcher, compiled on first use.
///
/// Finding each pattern's literals means parsing it, which for hundreds of
/// patterns took half of start-up. Built once, shared by every clone of the
/// matcher (they hold the same `Arc`).
#[derive(Debug)]
struct LazyScan {
    /// Inner phrases (`contains:`).
    phrases: Vec<ScanRule>,
    /// Regex patterns, in rule order.
    patterns: Vec<ScanRule>,
    built: OnceLock<Scan>,
}

/// Literal heads longer than this are cut to it in a tier's [`InnerAutomaton::heads`].
const HEAD_LEN: usize = 8;

/// A tier's heads DFA is built once its overlapping search has read this
/// many bytes: building it (~12M instructions for a large tier, more than
/// the rest of a one-page run's scans) pays for itself only over a longer
/// input. Pages hold 8 KB of text at the median, of which a tier reads the
/// short lines: a run over a few pages never builds it.
const HEADS_AFTER_BYTES: usize = 64 << 10;

/// An automaton over inner literals, what each of its patterns stands for,
/// and a quick test of whether a line can hold any of them.
#[derive(Debug)]
struct InnerAutomaton {
    literals: AhoCorasick,
    owners: Vec<Inner>,
    /// A DFA over the literals cut to their first [`HEAD_LEN`] bytes: a line
    /// holding none of the heads holds none of the literals. Few lines hold
    /// one (a few percent of the text), and cut literals make a DFA small
    /// enough to build quickly while it reads a line several times faster
    /// than the overlapping search over the whole literals does. Built after
    /// [`HEADS_AFTER_BYTES`] of lines. Read by a loop of our own (see
    /// [`InnerAutomaton::literals_from`]); with `AhoCorasick`'s search loop
    /// (~17 instructions a byte), a regex-automata lazy DFA over the same
    /// heads took a third fewer (2.8% of a full-stream run) but ran ~5%
    /// slower in CPU time, and a dense one cost ~200M instructions to build
    /// per large tier.
    heads: OnceLock<dfa::DFA>,
    /// Bytes searched before the heads DFA was built.
    searched: AtomicUsize,
    /// The literals cut to their heads, for the DFA.
    head_literals: Vec<Vec<u8>>,
}

impl InnerAutomaton {
    /// The heads DFA, once the tier has searched enough text to be worth it
    /// (`len` more bytes now).
    fn heads_after(&self, len: usize) -> Option<&dfa::DFA> {
        if let Some(heads) = self.heads.get() {
            return Some(heads);
        }
        let searched = self.searched.fetch_add(len, Ordering::Relaxed);
        (searched >= HEADS_AFTER_BYTES).then(|| self.heads())
    }

    /// Where a search for the literals may start in `hay`; `None` when it
    /// holds no head, hence no literal. Every literal starts where its head
    /// does, and a head ends at most [`HEAD_LEN`] bytes after its start: so
    /// no literal starts more than that before the first head found ends.
    ///
    /// Cost: the DFA's transition and a test of whether the state is special
    /// per byte, in a loop of our own (~9 instructions a byte where
    /// `AhoCorasick::find` took ~17 on its general search loop).
    fn literals_from(heads: &dfa::DFA, hay: &[u8]) -> Option<usize> {
        let mut sid = heads.start_state(Anchored::No).ok()?;
        let mut end: usize = 0;
        // Without a prefilter, only match and dead states are special (and
        // an unanchored search never dies): the first one ends the search.
        let answer = |sid, end: usize| heads.is_match(sid).then(|| end.saturating_sub(HEAD_LEN));
        // Four bytes a round, which the compiler unrolls: three bytes of four
        // skip the loop's own tests. Then the last few, one by one.
        let mut rounds = hay.chunks_exact(4);
        for round in &mut rounds {
            let round: &[u8; 4] = round.try_into().expect("chunks of 4 bytes");
            for &b in round {
                end += 1;
                sid = heads.next_state(Anchored::No, sid, b);
                if heads.is_special(sid) {
                    return answer(sid, end);
                }
            }
        }
        for &b in rounds.remainder() {
            end += 1;
            sid = heads.next_state(Anchored::No, sid, b);
            if heads.is_special(sid) {
                return answer(sid, end);
            }
        }
        None
    }

    /// The heads DFA, built now if it was not.
    fn heads(&self) -> &dfa::DFA {
        self.heads.get_or_init(|| {
            // A line holds one of the heads when it holds one that starts
            // with no other: the rest (repeats, and heads that extend
            // another, over a third of the built-in ones) would only add
            // states to the DFA.
            let mut heads = self.head_literals.clone();
            heads.sort_unstable();
            heads.dedup_by(|head, kept| head.starts_with(kept));
            // No prefilter: it would make start states special, which
            // `literals_from` does not expect.
            dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&heads)
                .expect("literal patterns always compile")
        })
    }
}

/// Longest line, in words, whose tier [`Scan::tier_of_words`] holds.
const TIER_TABLE_MAX_WORDS: usize = 1024;

/// A matcher's inner phrases and regexes, compiled.
#[derive(Debug)]
struct Scan {
    /// Inner phrases, and the literals of regexes that may match anywhere in
    /// a line: what each stands for and its rule's word cap. One automaton
    /// pass over a line finds both.
    literals: Vec<(Vec<u8>, Inner, usize)>,
    /// The automata over [`Scan::literals`] by word cap, smallest first: the
    /// tier of cap `c` holds the literals of every rule whose cap is `c` or
    /// more. A line of `w` words scans the last tier whose cap is at most
    /// the smallest rule cap of `w` or more (see [`Scan::tier_of_words`]),
    /// which holds every rule that admits it: long lines, most of the text,
    /// scan only the few rules written for long lines. A cap becomes a tier
    /// only where at most half as many literals are left as in the tier
    /// before (building more would cost more than it saves). Each is built
    /// when a line first needs it.
    tiers: Vec<(usize, OnceLock<Option<InnerAutomaton>>)>,
    /// The tier a line of `w` words scans, at `w`, up to the largest cap
    /// (or [`TIER_TABLE_MAX_WORDS`]): the last one whose cap is at most the
    /// smallest rule cap of `w` or more. A line of 45 words is admitted by
    /// the same rules as one of 50 when no rule's cap lies between: with
    /// chrome's caps (..., 40, 50, ...) and tiers (8, 50), it scans the 244
    /// literals of the tier of 50, not the 641 of the tier of 8, the last
    /// one whose cap is at most 45.
    tier_of_words: Vec<usize>,
    /// The largest word cap of an inner rule: longer lines need no scan.
    max_cap: usize,
    regexes: Option<RegexRules>,
}

impl LazyScan {
    /// Compiles on first use: many rules of a kind never meet a line that
    /// needs them, and building every automaton up front would dominate
    /// start-up.
    fn get(&self) -> &Scan {
        self.built.get_or_init(|| {
            let mut literals: Vec<(Vec<u8>, Inner, usize)> = self
                .phrases
                .iter()
                .map(|p| (p.text.as_bytes().to_vec(), Inner::Phrase(p.idx), p.cap))
                .collect();
            // Regexes whose every match starts (or ends) with one of a few
            // literals somewhere in the line are gated by the inner automaton,
            // their literals found in the same pass; those anchored at the
            // line's start or end by walks there (see `RegexRules`).
            let gates: Vec<Option<Gate>> = self.patterns.iter().map(|p| gate_of(&p.text)).collect();
            for (i, (pattern, gate)) in self.patterns.iter().zip(&gates).enumerate() {
                if let Some(Gate { literals: lits, at: GateAt::Anywhere }) = gate {
                    literals.extend(lits.iter().map(|l| (l.clone(), Inner::Regex(i), pattern.cap)));
                }
            }
            let mut caps: Vec<usize> = literals.iter().map(|l| l.2).collect();
            caps.sort_unstable();
            let max_cap = caps.last().copied().unwrap_or(0);
            let mut tiers: Vec<(usize, OnceLock<_>)> = Vec::new();
            let mut tier_size = usize::MAX;
            for (i, &cap) in caps.iter().enumerate() {
                if i > 0 && caps[i - 1] == cap {
                    continue;
                }
                // `caps[i..]` are the caps of the literals this tier would hold.
                let size = caps.len() - i;
                if size <= tier_size / 2 {
                    tiers.push((cap, OnceLock::new()));
                    tier_size = size;
                }
            }
            caps.dedup();
            // Up to the largest cap short of none (`usize::MAX`), with a bound
            // on what a user's rule file may ask for.
            let table_len = caps
                .iter()
                .rev()
                .find(|&&cap| cap != usize::MAX)
                .map_or(0, |&cap| cap.min(TIER_TABLE_MAX_WORDS) + 1);
            let tier_of_words = (0..table_len)
                .map(|words| {
                    let least = caps[caps.partition_point(|&cap| cap < words)];
                    tiers.partition_point(|(cap, _)| *cap <= least) - 1
                })
                .collect();
            let regexes = (!self.patterns.is_empty()).then(|| {
                let regexes =
                    self.patterns.iter().map(|p| LazyRegex::new(p.text.clone())).collect();
                let ids = self.patterns.iter().map(|p| p.idx).collect();
                RegexRules::new(regexes, ids, gates)
            });
            Scan { literals, tiers, tier_of_words, max_cap, regexes }
        })
    }
}

impl Scan {
    /// Every inner phrase and early-gated literal in the line whose rule
    /// admits a line of `words` words (any rule, when caps are ignored), in
    /// the order an overlapping search reports them. Cost: one automaton pass.
    fn inner_matches(&self, folded: &str, words: usize, caps: Caps) -> Vec<(Inner, Range<usize>)> {
        let tier = match caps {
            Caps::Apply if words > self.max_cap => return Vec::new(),
            Caps::Apply => match self.tier_of_words.get(words) {
                Some(&tier) => tier,
                // Past the table: the last tier whose cap is at most `words`.
                None => self.tiers.partition_point(|(cap, _)| *cap <= words).saturating_sub(1),
            },
            Caps::Ignore => 0,
        };
        let Some((cap, built)) = self.tiers.get(tier) else { return Vec::new() };
        let Some(tier) = built.get_or_init(|| self.build_tier(*cap)) else {
            return Vec::new();
        };
        // The literals are searched for only from near the first head, the
        // part of the line before it read once by the heads DFA alone.
        let from = match tier.heads_after(folded.len()) {
            Some(heads) => match InnerAutomaton::literals_from(heads, folded.as_bytes()) {
                Some(from) => from,
                None => return Vec::new(),
            },
            None => 0,
        };
        let input = aho_corasick::Input::new(folded).span(from..folded.len());
        tier.literals
            .find_overlapping_iter(input)
            .map(|m| (tier.owners[m.pattern().as_usize()], m.start()..m.end()))
            .collect()
    }

    /// The automaton over the literals of rules with a word cap of `cap` or more.
    fn build_tier(&self, cap: usize) -> Option<InnerAutomaton> {
        let (literals, owners): (Vec<&[u8]>, Vec<Inner>) = self
            .literals
            .iter()
            .filter(|l| l.2 >= cap)
            .map(|(bytes, owner, _)| (bytes.as_slice(), *owner))
            .unzip();
        // A contiguous NFA builds several times faster than a DFA and
        // searches the short lines we give it nearly as fast.
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .expect("literal patterns always compile");
        let head_literals = literals.iter().map(|l| l[..l.len().min(HEAD_LEN)].to_vec()).collect();
        (!literals.is_empty()).then(|| InnerAutomaton {
            literals: ac,
            owners,
            heads: OnceLock::new(),
            searched: AtomicUsize::new(0),
            head_literals,
        })
    }
}

/// What a match of a matcher's inner automaton stands for.
#[derive(Clone, Copy, Debug)]
enum Inner {
    /// An inner phrase (`contains:`), by entry index.
    Phrase(usize),
    /// A literal of the regex with this index among the matcher's regexes.
    Regex(usize),
}

/// The `re:` rules of a matcher, gated by literals.
///
/// Most patterns contain a literal that every match must start or end with
/// (`kez okundu`, `cookies`). Anchored walks at the line's ends, and one
/// aho-corasick pass over it shared with the inner phrases, find which
/// patterns can match at all, and only those are run: a line that holds none
/// of the literals costs one automaton scan, however many patterns there are.
/// Patterns without such a literal are always run.
#[derive(Clone, Debug)]
struct RegexRules {
    regexes: Vec<LazyRegex>,
    /// Entry index of each regex.
    ids: Vec<usize>,
    /// Literals a match must start the line with (`^` patterns), and whose regex each is.
    gate_start: Option<(AnchoredPhrases, Vec<usize>)>,
    /// Literals, reversed, a match must end the line with (`$` patterns).
    gate_end: Option<(AnchoredPhrases, Vec<usize>)>,
    /// Regexes with no usable literal.
    ungated: Vec<usize>,
}

/// A regex compiled the first time a line gets as far as needing it.
///
/// Hundreds of patterns ship in the packs and most lines never reach most of
/// them (the literal gate stops them first), so compiling them all up front
/// would dominate start-up for nothing. Syntax is checked when a user's rule
/// file is read, so a bad pattern is still reported with its file and line.
///
/// Most regexes that are compiled never match either, and bounded repeats
/// (`.{0,80}`, `[^.!?]{1,60}`) make up most of what compiling costs: one
/// copy of the repeated class per count. So a pattern with such repeats (or
/// word boundaries) first runs as a looser regex without their upper bounds
/// (see [`loosen`]), cheap to compile and to run; the exact one is compiled
/// only once a line matches the loose one, and runs only on such lines.
/// Over the benchmark stream, 57 loose regexes of 124 matched a line, and
/// all but 4 of those patterns then matched too.
#[derive(Debug, Default)]
struct LazyRegex {
    pattern: String,
    /// The loose regex; `None` when the pattern has nothing to loosen (or
    /// does not compile).
    loose: OnceLock<Option<Arc<Loose>>>,
    /// The regex itself; `None` only if it exceeds the regex size limits.
    exact: OnceLock<Option<Arc<ForwardRegex>>>,
}

impl LazyRegex {
    fn new(pattern: String) -> LazyRegex {
        LazyRegex { pattern, ..LazyRegex::default() }
    }

    /// The pattern's leftmost-first match in `hay`.
    ///
    /// Cost: a search of the loose regex, and of the exact one where that
    /// matches.
    fn find(&self, hay: &str) -> Option<Range<usize>> {
        if let Some(loose) = self.loose()
            && !loose.is_match(hay)
        {
            return None;
        }
        let exact = self.exact.get_or_init(|| {
            let compile = |hir: &Hir| ForwardRegex::new(hir).map(Arc::new);
            match self.loose.get() {
                Some(Some(loose)) => compile(&loose.hir),
                _ => compile(&parse_regex(&self.pattern)?),
            }
        });
        exact.as_deref()?.find(hay)
    }

    /// The loose regex, compiled on first use.
    fn loose(&self) -> Option<&ForwardRegex> {
        let loose = self.loose.get_or_init(|| {
            let hir = parse_regex(&self.pattern)?;
            match loosen(&hir) {
                Some(loose) => {
                    let regex = ForwardRegex::new(&loose)?;
                    Some(Arc::new(Loose { regex, hir }))
                }
                None => {
                    // Nothing to loosen: the pattern is compiled once, as is.
                    let _ = self.exact.set(ForwardRegex::new(&hir).map(Arc::new));
                    None
                }
            }
        });
        loose.as_deref().map(|loose| &loose.regex)
    }
}

/// A [`LazyRegex`]'s loose regex, and the pattern's syntax tree to compile
/// the exact one from without parsing it again.
#[derive(Debug)]
struct Loose {
    regex: ForwardRegex,
    hir: Hir,
}

impl Clone for LazyRegex {
    fn clone(&self) -> LazyRegex {
        fn copy<T>(lock: &OnceLock<Option<Arc<T>>>) -> OnceLock<Option<Arc<T>>> {
            let copy = OnceLock::new();
            if let Some(re) = lock.get() {
                let _ = copy.set(re.clone());
            }
            copy
        }
        LazyRegex {
            pattern: self.pattern.clone(),
            loose: copy(&self.loose),
            exact: copy(&self.exact),
        }
    }
}

/// A pattern's syntax tree; `None` if the pattern is invalid.
fn parse_regex(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new().build().parse(pattern).ok()
}

/// `hir` without the upper bound of each repeat that has more than one
/// optional copy (`x{2,60}` becomes `x{2,}`, `.{0,80}` becomes `.*`) and
/// without its word boundaries; `None` when it has neither. Its Unicode
/// classes then hold every non-ASCII character (see [`widen`]).
///
/// The result matches wherever `hir` does (at least): a repeat without its
/// bound matches everything it did, a dropped assertion no longer rules a
/// match out, a wider class matches what it did and more, and every other
/// operator keeps what its parts match. But it compiles to a copy or two of
/// each repeated class instead of up to its bound, each copy of a class
/// such as Unicode `\d` to a few states instead of one per UTF-8 range, and
/// without a Unicode `\b` its lazy DFA never gives up on a non-ASCII line
/// (nor marks, in each state it builds, the bytes it would give up on).
fn loosen(hir: &Hir) -> Option<Hir> {
    let loose = drop_bounds(hir)?;
    Some(widen_classes(&loose).unwrap_or(loose))
}

/// [`loosen`] without widening classes.
fn drop_bounds(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let unbound = rep.max.is_some_and(|max| max - rep.min > 1);
            let sub = drop_bounds(&rep.sub);
            if !unbound && sub.is_none() {
                return None;
            }
            Some(Hir::repetition(Repetition {
                max: if unbound { None } else { rep.max },
                sub: Box::new(sub.unwrap_or_else(|| (*rep.sub).clone())),
                ..rep.clone()
            }))
        }
        HirKind::Capture(cap) => drop_bounds(&cap.sub)
            .map(|sub| Hir::capture(Capture { sub: Box::new(sub), ..cap.clone() })),
        HirKind::Look(look) if !matches!(look, Look::Start | Look::End) => Some(Hir::empty()),
        HirKind::Concat(subs) => each_of(subs, drop_bounds).map(Hir::concat),
        HirKind::Alternation(subs) => each_of(subs, drop_bounds).map(Hir::alternation),
        _ => None,
    }
}

/// `hir` with each of its Unicode classes [`widen`]ed; `None` when none
/// needs it.
fn widen_classes(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            widen(class).map(|c| Hir::class(Class::Unicode(c)))
        }
        HirKind::Repetition(rep) => widen_classes(&rep.sub)
            .map(|sub| Hir::repetition(Repetition { sub: Box::new(sub), ..rep.clone() })),
        HirKind::Capture(cap) => widen_classes(&cap.sub)
            .map(|sub| Hir::capture(Capture { sub: Box::new(sub), ..cap.clone() })),
        HirKind::Concat(subs) => each_of(subs, widen_classes).map(Hir::concat),
        HirKind::Alternation(subs) => each_of(subs, widen_classes).map(Hir::alternation),
        _ => None,
    }
}

/// `class` with every non-ASCII character, when it lacks some: its ASCII
/// ranges, then `\u{80}-\u{10FFFF}`. A class compiles to a UTF-8 path per
/// range or more (Unicode `\d` has 71 ranges, `[a-zäöü]` 4), the widened
/// one to 8 paths, whatever it was widened from.
fn widen(class: &ClassUnicode) -> Option<ClassUnicode> {
    let non_ascii = ClassUnicodeRange::new('\u{80}', char::MAX);
    let has_all = |r: &ClassUnicodeRange| r.start() <= non_ascii.start() && r.end() == char::MAX;
    if class.is_ascii() || class.ranges().last().is_some_and(has_all) {
        return None;
    }
    let ascii = class.ranges().iter().filter(|r| r.start().is_ascii());
    let ascii = ascii.map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\u{7f}')));
    Some(ClassUnicode::new(ascii.chain([non_ascii])))
}

/// `rewrite` over `subs`: all of them, rewritten where it can; `None` when
/// it can rewrite none.
fn each_of(subs: &[Hir], rewrite: fn(&Hir) -> Option<Hir>) -> Option<Vec<Hir>> {
    let new: Vec<Option<Hir>> = subs.iter().map(rewrite).collect();
    if new.iter().all(Option::is_none) {
        return None;
    }
    Some(new.into_iter().zip(subs).map(|(n, s)| n.unwrap_or_else(|| s.clone())).collect())
}

/// A regex built from one forward NFA, for patterns that mostly never match.
///
/// `meta::Regex` compiles a forward and a reverse NFA per pattern, so that a
/// reverse DFA can find where a match starts. Compiling is most of what a
/// rule regex costs (bounded repeats of Unicode classes, `[^.!?]{1,60}`, make
/// NFAs of thousands of states) and matches are rare, so this compiles only
/// the forward NFA: a lazy DFA over it says whether and where a match ends,
/// and a backtracker (a PikeVM for lines too long for it) over the same NFA
/// finds the match's start only when there is one. All search leftmost-first,
/// so spans are `meta::Regex::find`'s.
#[derive(Debug)]
struct ForwardRegex {
    /// `None` when the lazy DFA cannot be built (a cache too small for the
    /// NFA) or must not be used (see [`ForwardRegex::new`]).
    dfa: Option<hybrid::dfa::DFA>,
    /// Finds spans in lines of up to [`BoundedBacktracker::max_haystack_len`]
    /// bytes (a bit set of NFA states by position bounds its work)...
    backtrack: BoundedBacktracker,
    /// ...and this in longer ones.
    pikevm: PikeVM,
    /// Every match starts at the haystack's start (`^`), so the DFA's match
    /// end is the whole span.
    anchored: bool,
    /// For a pattern anchored at the start whose every match takes a byte:
    /// the bytes a match can start with (see [`first_bytes`]). A line that
    /// starts with another is turned away at once, without taking a cache
    /// or starting a search, which cost more than the search itself where a
    /// pattern with no literal gate fails at the first byte of most lines.
    first: Option<Box<[bool; 256]>>,
    /// A byte every match holds (see [`required_byte`]): a line without it
    /// is turned away as well.
    required: Option<u8>,
    caches: Pool<SearchCaches, fn() -> SearchCaches>,
}

/// One thread's scratch space for a [`ForwardRegex`], each made on first use.
#[derive(Debug, Default)]
struct SearchCaches {
    dfa: Option<hybrid::dfa::Cache>,
    pikevm: Option<pikevm::Cache>,
    backtrack: Option<backtrack::Cache>,
}

thread_local! {
    /// Reused by every regex a thread compiles: a fresh compiler allocates
    /// (and later frees) tables worth ~90k instructions before compiling.
    static NFA_COMPILER: thompson::Compiler = {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(
            thompson::Config::new()
                // Spans are read from the implicit group's slots.
                .which_captures(WhichCaptures::Implicit)
                // `meta::Regex`'s default limit.
                .nfa_size_limit(Some(10 * (1 << 20))),
        );
        compiler
    };
}

impl ForwardRegex {
    /// Compiles `hir`; `None` if it exceeds the size limit.
    fn new(hir: &Hir) -> Option<ForwardRegex> {
        let nfa = NFA_COMPILER.with(|c| c.build_from_hir(hir).ok())?;
        // The lazy DFA reports where a match ends but may cut an empty
        // match inside a character: patterns that can match empty go to
        // the engines that never do.
        let dfa = (!nfa.has_empty())
            .then(|| {
                // The settings `meta::Regex` gives its own lazy DFA: it may
                // give up on non-ASCII text around a Unicode `\b`, or when
                // its cache thrashes, and the other engines answer then.
                let config = hybrid::dfa::Config::new()
                    .unicode_word_boundary(true)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10));
                hybrid::dfa::Builder::new().configure(config).build_from_nfa(nfa.clone()).ok()
            })
            .flatten();
        let anchored = nfa.is_always_start_anchored();
        let first = anchored
            .then(|| {
                let mut first = Box::new([false; 256]);
                (!first_bytes(hir, &mut first)).then_some(first)
            })
            .flatten();
        let backtrack = BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        Some(ForwardRegex {
            dfa,
            pikevm,
            backtrack,
            anchored,
            first,
            required: required_byte(hir),
            caches: Pool::new(SearchCaches::default),
        })
    }

    /// True when `hay` starts with no byte a match can start with, or lacks
    /// a byte every match holds.
    fn turns_away(&self, hay: &str) -> bool {
        let bytes = hay.as_bytes();
        self.first
            .as_ref()
            .is_some_and(|first| bytes.first().is_none_or(|&b| !first[usize::from(b)]))
            || self.required.is_some_and(|b| memchr::memchr(b, bytes).is_none())
    }

    /// True when the regex matches somewhere in `hay`.
    ///
    /// Cost: one lazy DFA pass over `hay`, up to where a match first ends;
    /// where the DFA gives up, [`ForwardRegex::find`].
    fn is_match(&self, hay: &str) -> bool {
        if self.turns_away(hay) {
            return false;
        }
        if let Some(dfa) = &self.dfa {
            let mut caches = self.caches.get();
            let cache = caches.dfa.get_or_insert_with(|| dfa.create_cache());
            if let Ok(found) = dfa.try_search_fwd(cache, &Input::new(hay).earliest(true)) {
                return found.is_some();
            }
        }
        self.find(hay).is_some()
    }

    /// The leftmost-first match in `hay`, as `meta::Regex::find` reports it.
    ///
    /// Cost: one lazy DFA pass over `hay` (DFA states are built as the text
    /// first needs them), which for an unanchored pattern only tells whether
    /// there is a match and so stops where one first ends; a backtracking or
    /// PikeVM search, each linear in `hay`, only for a match of an unanchored
    /// pattern or where the DFA gave up.
    fn find(&self, hay: &str) -> Option<Range<usize>> {
        if self.turns_away(hay) {
            return None;
        }
        let input = Input::new(hay);
        let mut caches = self.caches.get();
        if let Some(dfa) = &self.dfa {
            let cache = caches.dfa.get_or_insert_with(|| dfa.create_cache());
            match dfa.try_search_fwd(cache, &input.clone().earliest(!self.anchored)) {
                Ok(None) => return None,
                Ok(Some(end)) if self.anchored => return Some(0..end.offset()),
                Ok(Some(_)) | Err(_) => {}
            }
        }
        if hay.len() <= self.backtrack.max_haystack_len() {
            let cache = caches.backtrack.get_or_insert_with(|| self.backtrack.create_cache());
            if let Ok(m) = self.backtrack.try_find(cache, input.clone()) {
                return m.map(|m| m.range());
            }
        }
        let cache = caches.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
        self.pikevm.find(cache, input).map(|m| m.range())
    }
}

/// The first byte of the last literal that `hir`'s top-level concatenation
/// holds (`.` in `^\S+\.(jpe?g|png)$`): every match holds it.
fn required_byte(hir: &Hir) -> Option<u8> {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.first().copied(),
        HirKind::Capture(cap) => required_byte(&cap.sub),
        HirKind::Repetition(rep) if rep.min > 0 => required_byte(&rep.sub),
        HirKind::Concat(subs) => subs.iter().rev().find_map(required_byte),
        _ => None,
    }
}

/// Checks a pattern's syntax without compiling it.
fn check_regex(pattern: &str) -> std::result::Result<(), String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| format!("bad regex: {e}"))
}

impl RegexRules {
    /// Gathers the regexes with the gate of each (see [`required_literals`]).
    /// Those gated anywhere in a line are gated by the scan's inner automaton
    /// (see [`Scan`]), not here.
    fn new(regexes: Vec<LazyRegex>, ids: Vec<usize>, gates: Vec<Option<Gate>>) -> RegexRules {
        let mut start = (Vec::new(), Vec::new());
        let mut end = (Vec::new(), Vec::new());
        let mut ungated = Vec::new();
        for (i, gate) in gates.into_iter().enumerate() {
            let Some(gate) = gate else {
                ungated.push(i);
                continue;
            };
            let (lits, owners) = match gate.at {
                GateAt::Start => (&mut start.0, &mut start.1),
                GateAt::End => (&mut end.0, &mut end.1),
                GateAt::Anywhere => continue,
            };
            let mut own = gate.literals;
            if gate.at == GateAt::End {
                // Walked from the line's end.
                own.iter_mut().for_each(|lit| lit.reverse());
            }
            // A literal that starts with another of the same regex (its case
            // variants, its longer alternatives) finds no line the other does
            // not: over a third of the built-in ones, left out of the walks.
            own.sort_unstable();
            own.dedup_by(|longer, kept| longer.starts_with(kept));
            owners.extend(std::iter::repeat_n(i, own.len()));
            lits.extend(own);
        }
        let anchored = |(lits, owners): (Vec<Vec<u8>>, Vec<usize>)| {
            (!lits.is_empty()).then(|| (AnchoredPhrases::new(&lits), owners))
        };
        RegexRules { regexes, ids, gate_start: anchored(start), gate_end: anchored(end), ungated }
    }

    /// Indices of the gated regexes that may match `hay`, in rule order:
    /// those `early` names (their literals were found by the inner
    /// automaton), and the anchored ones whose literals stand at the line's
    /// ends.
    ///
    /// Cost: two anchored walks that stop at the first byte no literal
    /// continues with. Most lines get no candidate, and allocate nothing.
    fn gated(&self, hay: &str, early: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut gated: Vec<usize> = early.collect();
        if let Some((phrases, owners)) = &self.gate_start {
            phrases.each_match(hay.as_bytes(), |p, _| gated.push(owners[p]));
        }
        if let Some((phrases, owners)) = &self.gate_end {
            let tail = &hay.as_bytes()[hay.len().saturating_sub(phrases.longest)..];
            phrases.each_match_reversed(tail, |p, _| gated.push(owners[p]));
        }
        gated.sort_unstable();
        gated.dedup();
        gated
    }

    /// The regexes to run on a line, in rule order: its [`RegexRules::gated`]
    /// ones and the ungated, which (already in order) are merged in as they
    /// are read.
    fn in_rule_order(&self, gated: Vec<usize>) -> impl Iterator<Item = usize> + '_ {
        // An ungated regex has no literal, so never appears among the gated.
        let mut ungated = self.ungated.iter().copied().peekable();
        let mut gated = gated.into_iter().peekable();
        std::iter::from_fn(move || match (ungated.peek(), gated.peek()) {
            (Some(u), Some(g)) if u < g => ungated.next(),
            (Some(_), None) => ungated.next(),
            _ => gated.next(),
        })
    }
}

fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i`.
fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// True when a match ending at `end` does not cut a word in two.
fn boundary_after(hay: &str, end: usize) -> bool {
    let before = hay[..end].chars().next_back();
    let after = hay[end..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => !(is_word_char(b) && is_word_char(a)),
        _ => true,
    }
}

/// True when a match starting at `start` does not cut a word in two.
fn boundary_before(hay: &str, start: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[start..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => !(is_word_char(b) && is_word_char(a)),
        _ => true,
    }
}

/// All rule kinds compiled for the selected languages.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    raw: HashMap<&'static str, Vec<RawRule>>,
    /// The matchers of each kind, compiled when a filter first asks for one:
    /// some kinds (`dates`, `byline`) are only read as phrase lists.
    compiled: HashMap<&'static str, Compiled>,
}

/// The matchers one kind of rules is compiled into, each when first asked for.
#[derive(Clone, Debug, Default)]
struct Compiled {
    /// The rules as written ([`RuleSet::matcher`]).
    plain: OnceLock<Matcher>,
    /// Whole-line phrases also as prefixes ([`RuleSet::matcher_with_phrases_as_prefixes`]).
    as_prefixes: OnceLock<Matcher>,
    /// Whole-line phrases also as suffixes ([`RuleSet::matcher_with_phrases_as_suffixes`]).
    as_suffixes: OnceLock<Matcher>,
}

impl RuleSet {
    /// The built-in packs for `languages` (all when empty) plus the neutral pack.
    ///
    /// # Errors
    /// An unknown language code, or a built-in file that does not parse (a bug
    /// that the unit tests catch).
    pub fn builtin(languages: &[String]) -> Result<RuleSet> {
        let known = languages_with_neutral();
        for code in languages {
            if !known.contains(&code.as_str()) {
                return Err(Error::UnknownLanguage {
                    code: code.clone(),
                    known: self::languages().join(", "),
                });
            }
        }
        let files: Vec<(&'static str, &BuiltinFile)> = FILES
            .iter()
            .filter(|f| {
                f.lang == NEUTRAL || languages.is_empty() || languages.iter().any(|l| l == f.lang)
            })
            .filter_map(|f| Some((kind_name(f.kind)?, f)))
            .collect();
        // The files are parsed side by side on the current rayon pool, and
        // their rules added in the order of `FILES`.
        let parsed: Vec<Result<Vec<RawRule>>> = files
            .par_iter()
            .map(|(kind, f)| {
                parse(kind, &Arc::from(f.path), Path::new(f.path), f.text, Origin::Builtin)
            })
            .collect();
        let parsed: Vec<Vec<RawRule>> = parsed.into_iter().collect::<Result<_>>()?;
        // Each kind's list is allocated once, at its size: grown file by
        // file, its copies and fresh pages took as long as the parsing.
        let mut sizes: HashMap<&'static str, usize> = HashMap::new();
        for ((kind, _), rules) in files.iter().zip(&parsed) {
            *sizes.entry(kind).or_default() += rules.len();
        }
        let mut set = RuleSet::default();
        for ((kind, _), rules) in files.iter().zip(parsed) {
            set.raw.entry(kind).or_insert_with(|| Vec::with_capacity(sizes[kind])).extend(rules);
        }
        set.compile();
        Ok(set)
    }

    /// Adds a user rule file. Its kind comes from an `@kind NAME` line, else
    /// from its file name (`chrome.txt`, `mysite.chrome.txt`), else it is `chrome`.
    ///
    /// # Errors
    /// The file cannot be read or does not parse.
    pub fn add_user_file(&mut self, path: &Path) -> Result<()> {
        self.read_user_file(path)?;
        self.compile();
        Ok(())
    }

    fn read_user_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Rules {
            file: path.to_path_buf(),
            line: 0,
            msg: format!("cannot read: {e}"),
        })?;
        // `chrome.txt`, `chrome.site.txt` or `site.chrome.txt`: any dot-separated part may name the kind.
        let by_name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.split('.').find_map(kind_name));
        let declared =
            text.lines().find_map(|l| l.trim().strip_prefix("@kind").map(|k| k.trim().to_string()));
        let kind = match declared {
            Some(k) => kind_name(&k).ok_or_else(|| Error::Rules {
                file: path.to_path_buf(),
                line: 0,
                msg: format!("unknown kind '{k}' (known: {})", kind_list()),
            })?,
            None => by_name.unwrap_or("chrome"),
        };
        let shown = path.display().to_string();
        self.add_text(kind, &shown, path, &text, Origin::User)
    }

    /// Adds several user rule files, compiling once at the end.
    ///
    /// # Errors
    /// See [`RuleSet::add_user_file`].
    pub fn add_user_files(&mut self, paths: &[PathBuf]) -> Result<()> {
        for path in paths {
            self.read_user_file(path)?;
        }
        self.compile();
        Ok(())
    }

    fn add_text(
        &mut self,
        kind: &'static str,
        shown: &str,
        path: &Path,
        text: &str,
        origin: Origin,
    ) -> Result<()> {
        let file: Arc<str> = Arc::from(shown);
        let rules = parse(kind, &file, path, text, origin)?;
        self.raw.entry(kind).or_default().extend(rules);
        Ok(())
    }

    fn compile(&mut self) {
        self.compiled = self.raw.keys().map(|&kind| (kind, Compiled::default())).collect();
    }

    /// The whole-line phrases of one kind, as keys (see [`key`]): for kinds that
    /// are word lists rather than patterns, such as `dates`.
    pub fn phrases(&self, kind: &str) -> Vec<String> {
        self.raw
            .get(kind)
            .map(|rules| {
                rules
                    .iter()
                    .filter(|r| r.entry.pattern == PatternKind::Literal)
                    .map(|r| r.key.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A matcher for one kind in which whole-line phrases also match as line
    /// endings: for teasers, which are glued to the end of a paragraph.
    pub fn matcher_with_phrases_as_suffixes(&self, kind: &str) -> Matcher {
        self.phrases_as(kind, PatternKind::Suffix)
    }

    /// A matcher for one kind in which whole-line phrases also match as line
    /// beginnings: for `Read also: <headline>` lines, a heading and its one
    /// item on a single line.
    pub fn matcher_with_phrases_as_prefixes(&self, kind: &str) -> Matcher {
        self.phrases_as(kind, PatternKind::Prefix)
    }

    /// The kind's phrases, and its rules of `pattern`'s kind, all as `pattern` rules.
    fn phrases_as(&self, kind: &str, pattern: PatternKind) -> Matcher {
        let (Some(raw), Some(compiled)) = (self.raw.get(kind), self.compiled.get(kind)) else {
            return Matcher::default();
        };
        let lock = match pattern {
            PatternKind::Prefix => &compiled.as_prefixes,
            _ => &compiled.as_suffixes,
        };
        lock.get_or_init(|| {
            let converted: Vec<RawRule> = raw
                .iter()
                .filter(|r| r.entry.pattern == PatternKind::Literal || r.entry.pattern == pattern)
                .map(|r| {
                    let mut r = r.clone();
                    r.entry.pattern = pattern;
                    r
                })
                .collect();
            Matcher::compile(&converted)
        })
        .clone()
    }

    /// The matcher for one kind (empty when no file has rules of that kind).
    pub fn matcher(&self, kind: &str) -> Matcher {
        let (Some(raw), Some(compiled)) = (self.raw.get(kind), self.compiled.get(kind)) else {
            return Matcher::default();
        };
        compiled.plain.get_or_init(|| Matcher::compile(raw)).clone()
    }

    /// Builds now, for every matcher of `kind` handed out so far, what it
    /// builds when a line first needs it (see [`Matcher::prepare`]): the
    /// matchers handed out share those parts with the ones kept here.
    pub fn prepare(&self, kind: &str) {
        let Some(compiled) = self.compiled.get(kind) else { return };
        for lock in [&compiled.as_suffixes, &compiled.as_prefixes, &compiled.plain] {
            if let Some(matcher) = lock.get() {
                matcher.prepare();
            }
        }
    }

    /// The kinds with a matcher handed out so far, in no particular order.
    #[cfg(test)]
    pub(crate) fn kinds_compiled(&self) -> Vec<&'static str> {
        self.compiled
            .iter()
            .filter(|(_, c)| {
                c.plain.get().is_some()
                    || c.as_prefixes.get().is_some()
                    || c.as_suffixes.get().is_some()
            })
            .map(|(&kind, _)| kind)
            .collect()
    }
}

fn languages_with_neutral() -> Vec<&'static str> {
    let mut l = languages();
    l.push(NEUTRAL);
    l
}

fn kind_name(name: &str) -> Option<&'static str> {
    KINDS.iter().find(|(k, _)| *k == name).map(|(k, _)| *k)
}

fn kind_list() -> String {
    KINDS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
}

/// Parses one rule file (syntax in `src/rules/README.md`).
/// Where a rule file comes from, which decides whether its regexes are
/// syntax-checked as it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// An embedded pack. The unit tests compile every one of its patterns, so
    /// parsing them all again at every start would only cost time (a third
    /// of start-up).
    Builtin,
    /// A user's file: a bad pattern is reported with its file and line.
    User,
}

fn parse(
    kind: &'static str,
    file: &Arc<str>,
    path: &Path,
    text: &str,
    origin: Origin,
) -> Result<Vec<RawRule>> {
    let default_cap = KINDS.iter().find(|(k, _)| *k == kind).map_or(12, |(_, c)| *c);
    let mut cap = default_cap;
    let mut out = Vec::new();
    // Lines are cut at each `\n` found by `memchr` (a `CharSearcher` per
    // line cost a sixth of parsing): the `\r` of a `\r\n` is trimmed with
    // the other white space, and the empty piece after a final `\n` skipped.
    let mut line_start = 0;
    let line_ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for (i, line_end) in line_ends.enumerate() {
        let raw_line = &text[line_start..line_end];
        line_start = line_end + 1;
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let err = |msg: String| Error::Rules { file: path.to_path_buf(), line: line_no, msg };
        let line = raw_line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('@') {
            let (name, value) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            match name {
                "max-words" => {
                    cap = match value.trim() {
                        "default" => default_cap,
                        "any" => 0,
                        v => v.parse().map_err(|_| err(format!("bad @max-words value '{v}'")))?,
                    };
                }
                "kind" => {}
                other => return Err(err(format!("unknown directive '@{other}'"))),
            }
            continue;
        }
        // A tag is the text before the line's first `:`, so a line is tagged
        // when it starts with a tag and a `:` (compared without a search).
        const TAGS: [(&str, PatternKind); 4] = [
            ("prefix:", PatternKind::Prefix),
            ("suffix:", PatternKind::Suffix),
            ("contains:", PatternKind::Contains),
            ("re:", PatternKind::Regex),
        ];
        let tagged = TAGS.iter().find_map(|&(tag, p)| Some((p, line.strip_prefix(tag)?.trim())));
        let (pattern, body) = tagged
            .unwrap_or_else(|| (PatternKind::Literal, line.strip_prefix('\\').unwrap_or(line)));
        if body.is_empty() {
            return Err(err("empty pattern".into()));
        }
        let key = if pattern == PatternKind::Literal { key(body) } else { String::new() };
        match pattern {
            PatternKind::Literal if key.is_empty() => {
                return Err(err("phrase has no letter or digit".into()));
            }
            PatternKind::Regex if origin == Origin::User => {
                check_regex(&fold_pattern(body)).map_err(err)?;
            }
            _ => {}
        }
        let rule = Rule::Data { file: file.clone(), line: line_no };
        out.push(RawRule {
            entry: Entry { rule, pattern, max_words: cap },
            text: body.to_string(),
            key,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(text: &str) -> Matcher {
        let file: Arc<str> = Arc::from("test.txt");
        let raw = parse("chrome", &file, Path::new("test.txt"), text, Origin::User).unwrap();
        Matcher::compile(&raw)
    }

    /// The heads DFA only turns away lines the overlapping search would find
    /// nothing in: on every fixture line, and on every literal set in a line,
    /// each tier of every built-in matcher lets through each line that holds
    /// a literal (finding the first head where a plain search of the heads
    /// does), and the search from near its first head finds what a search of
    /// the whole line finds.
    #[test]
    fn literal_heads_turn_away_only_lines_without_literals() {
        let rules = RuleSet::builtin(&[]).unwrap();
        // Each line, and each of its words so that short lines are tried too.
        let fixtures: Vec<Vec<u8>> = folded_fixture_lines()
            .into_iter()
            .flat_map(|line| {
                let words: Vec<String> = line.split(' ').map(str::to_string).collect();
                std::iter::once(line).chain(words)
            })
            .map(String::into_bytes)
            .collect();
        let mut found = 0;
        for (kind, _) in KINDS {
            let matcher = rules.matcher(kind);
            let Some(scan) = matcher.scan.as_ref().map(|s| s.get()) else { continue };
            let planted = scan.literals.iter().map(|(lit, ..)| [b"a ", &lit[..], b" z"].concat());
            let lines: Vec<Vec<u8>> = fixtures.iter().cloned().chain(planted).collect();
            for (cap, _) in &scan.tiers {
                let Some(tier) = scan.build_tier(*cap) else { continue };
                // The plain search over every head, none of them dropped.
                let heads = AhoCorasick::new(&tier.head_literals).unwrap();
                for line in &lines {
                    let all: Vec<_> = tier.literals.find_overlapping_iter(line).collect();
                    let text = String::from_utf8_lossy(line);
                    let from = InnerAutomaton::literals_from(tier.heads(), line);
                    let first_head = heads.find(line).map(|m| m.end().saturating_sub(HEAD_LEN));
                    assert_eq!(from, first_head, "{kind}: {text}");
                    assert!(all.is_empty() || from.is_some(), "{kind}: {text}");
                    // The search from near the first head finds them all.
                    let input = aho_corasick::Input::new(line).span(from.unwrap_or(0)..line.len());
                    let tail: Vec<_> = tier.literals.find_overlapping_iter(input).collect();
                    assert_eq!(tail, all, "{kind}: {text}");
                    found += usize::from(!all.is_empty());
                }
            }
        }
        assert!(found > 0, "no line holds an inner literal: the test proves nothing");
    }

    /// The table of key lengths and first bytes turns away no line holding a
    /// whole-line phrase: every key of every built-in matcher, alone on its
    /// line, is found.
    #[test]
    fn literal_starts_turn_away_no_phrase() {
        let rules = RuleSet::builtin(&[]).unwrap();
        let mut found = 0;
        for (kind, _) in KINDS {
            let matcher = rules.matcher(kind);
            for (key, &idx) in &matcher.literals {
                let hit = matcher.find_literal(key, key, key, 0, Caps::Ignore);
                assert_eq!(hit.map(|h| h.rule), Some(matcher.entries[idx].rule.clone()), "{key}");
                found += 1;
            }
        }
        assert!(found > 0, "no built-in whole-line phrase: the test proves nothing");
    }

    /// Candidates come in rule order, each once, ungated ones merged with
    /// gated ones: what sorting the two lists together gives.
    #[test]
    fn regex_candidates_merge_the_ungated_in_rule_order() {
        let m = matcher(
            "re: ^\\w+ (comments|replies) on .{1,80}$\n\
             re: ^skip to (content|main)\n\
             re: ^\\w+, \\w+$\n\
             re: \\d+ (views|reads)$\n\
             re: ^skip to content now\n",
        );
        let rules = m.scan.as_ref().unwrap().get().regexes.as_ref().unwrap();
        assert_eq!(rules.ungated, [0, 2]);
        for (hay, early, want) in [
            ("plain words", vec![], vec![0, 2]),
            ("skip to content now", vec![], vec![0, 1, 2, 4]),
            ("12 views", vec![], vec![0, 2, 3]),
            ("skip to main, 3 reads", vec![3, 1], vec![0, 1, 2, 3]),
        ] {
            let got: Vec<usize> =
                rules.in_rule_order(rules.gated(hay, early.into_iter())).collect();
            assert_eq!(got, want, "{hay}");
        }
    }

    /// A line's regex hit is the first rule, in rule order, whose pattern
    /// matches it, whether the line holds a gate literal or not (lines with
    /// none run the ungated regexes without merging them with the gated).
    #[test]
    fn regex_hit_is_the_first_matching_rule() {
        let patterns =
            [r"^\w+, \w+$", r"^skip to (content|main)", r"\d+ (views|reads)$", r"^\w+ \w+ \w+$"];
        let text: String = patterns.iter().map(|p| format!("re: {p}\n")).collect();
        let m = matcher(&text);
        let metas: Vec<_> =
            patterns.iter().map(|p| regex_automata::meta::Regex::new(p).unwrap()).collect();
        let lines = ["skip to main", "plain three words", "12 views", "foo, bar", "2 reads", "x"];
        for line in lines {
            let want = metas.iter().position(|re| re.is_match(line));
            let got = m.find(line, Caps::Ignore).map(|hit| hit.rule);
            assert_eq!(got, want.map(|i| m.entries[i].rule.clone()), "{line}");
        }
    }

    #[test]
    fn quote_index_answers_as_a_scan_does() {
        for line in ["\"a\" b \"c\" d", "“x” y «z»", "a \" b", "„q“ r 「s」 t ‹u›", "plain"]
        {
            let q = Quotes::new(line);
            for (start, _) in line.char_indices() {
                for end in (start..=line.len()).filter(|&e| line.is_char_boundary(e)) {
                    assert_eq!(
                        q.around(start, end),
                        Matcher::quoted(line, &(start..end)),
                        "{line:?} {start}..{end}"
                    );
                }
            }
        }
    }

    /// Every `re:` rule of the built-in packs, folded as it is compiled.
    fn builtin_patterns() -> Vec<(Rule, String)> {
        let set = RuleSet::builtin(&[]).unwrap();
        set.raw
            .values()
            .flatten()
            .filter(|r| r.entry.pattern == PatternKind::Regex)
            .map(|r| (r.entry.rule.clone(), fold_pattern(&r.text)))
            .collect()
    }

    /// A pattern with no literal to gate it runs on every line its word cap
    /// admits; one with a Unicode `\b` and no gate cost a third of the whole
    /// run's time. New patterns must start or end with a literal (drop a
    /// leading `^.*`: an unanchored search finds the same lines).
    #[test]
    fn builtin_patterns_are_gated_by_a_literal() {
        const UNGATED_ALLOWED: &[&str] = &[
            // A bare image file name: capped at one word.
            r"^\S+\.(jpe?g|png|gif|webp|avif)",
        ];
        for (rule, pattern) in builtin_patterns() {
            assert!(
                required_literals(&pattern).is_some()
                    || UNGATED_ALLOWED.iter().any(|p| pattern.starts_with(p)),
                "{rule:?}: {pattern} has no literal to gate it"
            );
        }
    }

    /// The gates `build.rs` worked out are the ones a run would: every
    /// built-in pattern is in the table, with the same gate.
    #[test]
    fn builtin_gate_table_agrees_with_a_runtime_parse() {
        let table: HashMap<&str, BuiltinGate> = BUILTIN_GATES.iter().copied().collect();
        for (rule, pattern) in builtin_patterns() {
            let Some(built) = table.get(pattern.as_str()) else {
                panic!("{rule:?}: {pattern} is missing from the build-time table");
            };
            let built = built
                .map(|(at, lits)| Gate { literals: lits.iter().map(|l| l.to_vec()).collect(), at });
            assert_eq!(built, required_literals(&pattern), "{rule:?}: {pattern}");
        }
    }

    /// Bounded repeats of wide Unicode classes (`[\w .-]{2,30}`) compile to
    /// thousands of NFA states, and each costs milliseconds of start-up the
    /// first time a line needs it. Every built-in pattern stays under this.
    #[test]
    fn builtin_patterns_compile_small() {
        const MAX_NFA_STATES: usize = 2500;
        for (rule, pattern) in builtin_patterns() {
            let nfa = regex_automata::nfa::thompson::NFA::new(&pattern).unwrap();
            assert!(
                nfa.states().len() <= MAX_NFA_STATES,
                "{rule:?}: {pattern} compiles to {} NFA states",
                nfa.states().len()
            );
        }
    }

    #[test]
    fn loosen_drops_repeat_bounds_and_word_boundaries() {
        let loose = |p: &str| loosen(&parse_regex(p).unwrap()).map(|h| h.to_string());
        let same = |p: &str| Some(parse_regex(p).unwrap().to_string());
        assert_eq!(loose(r"^a [^.!?]{2,60}$"), same(r"^a [^.!?]{2,}$"));
        assert_eq!(loose(r"(x.{0,80}y|z)"), same(r"(x.*y|z)"));
        assert_eq!(loose(r"(ab{1,5}?){3}"), same(r"(ab{1,}?){3}"));
        assert_eq!(loose(r"^\bcookies?\b.*$"), same(r"^cookies?.*$"));
        assert_eq!(loose(r"\d{4}-\d{1,2} x?$"), None);
        // Classes widen only in a pattern that loosens otherwise.
        assert_eq!(
            loose(r"^[a-zäöü]{0,10} \b\d+$"),
            same(r"^[a-z\x{80}-\x{10FFFF}]* [0-9\x{80}-\x{10FFFF}]+$")
        );
    }

    /// A widened class holds the class and every non-ASCII character, and
    /// no other ASCII one; a class that holds them all already is kept.
    #[test]
    fn widen_adds_only_non_ascii_characters() {
        let class = |p: &str| match parse_regex(p).unwrap().into_kind() {
            HirKind::Class(Class::Unicode(class)) => class,
            kind => panic!("{p} is no Unicode class: {kind:?}"),
        };
        for p in [r"\d", r"\w", r"\s", r"[a-zäöü]", r"[üö]", r"[\d a-z,./:+-]", r"\p{Greek}"] {
            let (original, wide) = (class(p), widen(&class(p)).unwrap());
            let mut union = original.clone();
            union.union(&wide);
            assert_eq!(union, wide, "{p}: the widened class lost characters");
            let mut ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\u{7f}')]);
            let mut ascii_wide = ascii.clone();
            ascii.intersect(&original);
            ascii_wide.intersect(&wide);
            assert_eq!(ascii, ascii_wide, "{p}: the widened class gained ASCII characters");
            let mut non_ascii = wide.clone();
            non_ascii.intersect(&class(r"[\x{80}-\x{10FFFF}]"));
            assert_eq!(non_ascii, class(r"[\x{80}-\x{10FFFF}]"), "{p}");
        }
        for p in [r".", r"[^.!?]", r"[a-z]", r"[\x{80}-\x{10FFFF}]"] {
            assert_eq!(widen(&class(p)), None, "{p}");
        }
    }

    /// A regex turns away only lines that no match starts like, or that
    /// lack a byte every match holds: it finds what it finds without them.
    #[test]
    fn regexes_turn_away_only_lines_no_match_fits() {
        let lines = ["٣ x", "3 x", "x 3", "", "é x", "» 3 x", "🙂 x", "a x", " x", "x"];
        let more = ["a.jpg", "a.png?x", "ababc", "ax", "axyz", "yz", "🙂.png"];
        let patterns = [
            r"^\d+ x",
            r"^(\d+|é) x",
            r"^\b(a|🙂)? x",
            r"^[^a-z]\S* x",
            r"^(3|x)+ ",
            r"^x?\d",
            r"\S+\.(jpe?g|png)(\?\S*)?$",
            r"(ab)+c",
            r"ax(yz)?",
        ];
        for pattern in patterns {
            let hir = parse_regex(pattern).unwrap();
            let fast = ForwardRegex::new(&hir).unwrap();
            let mut plain = ForwardRegex::new(&hir).unwrap();
            assert!(fast.first.is_some() || fast.required.is_some(), "{pattern} has no test");
            (plain.first, plain.required) = (None, None);
            for line in lines.into_iter().chain(more) {
                assert_eq!(fast.find(line), plain.find(line), "{pattern} on {line:?}");
                assert_eq!(fast.is_match(line), plain.is_match(line), "{pattern} on {line:?}");
            }
        }
    }

    /// The regexes a line's ends let through are those one of whose gate
    /// literals, all of them, the line starts (or ends) with, and the ungated:
    /// leaving out the literals that extend another of the same regex finds
    /// the same ones, over every fixture line and every built-in kind.
    #[test]
    fn regex_gates_at_the_ends_find_what_all_their_literals_find() {
        let rules = RuleSet::builtin(&[]).unwrap();
        let lines = folded_fixture_lines();
        let mut found = 0;
        for (kind, _) in KINDS {
            let matcher = rules.matcher(kind);
            let Some(regexes) = matcher.scan.as_ref().and_then(|s| s.get().regexes.as_ref()) else {
                continue;
            };
            let gates: Vec<Option<Gate>> =
                regexes.regexes.iter().map(|r| gate_of(&r.pattern)).collect();
            for line in &lines {
                let got: Vec<usize> =
                    regexes.in_rule_order(regexes.gated(line, std::iter::empty())).collect();
                let want: Vec<usize> = (0..gates.len())
                    .filter(|&i| match &gates[i] {
                        None => true,
                        Some(Gate { literals, at: GateAt::Start }) => {
                            literals.iter().any(|l| line.as_bytes().starts_with(l))
                        }
                        Some(Gate { literals, at: GateAt::End }) => {
                            literals.iter().any(|l| line.as_bytes().ends_with(l))
                        }
                        Some(Gate { at: GateAt::Anywhere, .. }) => false,
                    })
                    .collect();
                assert_eq!(got, want, "{kind}: {line:?}");
                found += want.len();
            }
        }
        assert!(found > 100, "only {found} candidates: the test lost its lines");
    }

    /// Every fixture line a built-in pattern matches holds one of its gate's
    /// literals where the gate says (the plain definition: run every regex
    /// on every line), so no gate turns away a line its regex matches.
    #[test]
    fn builtin_gates_let_through_every_line_their_regex_matches() {
        let lines = folded_fixture_lines();
        let mut matched = 0;
        for (rule, pattern) in builtin_patterns() {
            let Some(gate) = gate_of(&pattern) else { continue };
            let regex = regex::Regex::new(&pattern).unwrap();
            for line in lines.iter().filter(|l| regex.is_match(l)) {
                let bytes = line.as_bytes();
                let holds = |l: &Vec<u8>| match gate.at {
                    GateAt::Start => bytes.starts_with(l),
                    GateAt::End => bytes.ends_with(l),
                    GateAt::Anywhere => memchr::memmem::find(bytes, l).is_some(),
                };
                assert!(
                    gate.literals.iter().any(holds),
                    "{rule:?}: {pattern} gate misses {line:?}"
                );
                matched += 1;
            }
        }
        assert!(matched > 100, "only {matched} lines matched: the test lost its lines");
    }

    /// Every line of the fixtures, folded as the matchers see them.
    fn folded_fixture_lines() -> Vec<String> {
        fn walk(dir: &Path, lines: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, lines);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    lines.extend(text.lines().map(fold));
                }
            }
        }
        let mut lines = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut lines);
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    /// `ForwardRegex` reports the spans `meta::Regex::find` does (the engine
    /// it replaces), for every built-in pattern over every fixture line, and
    /// over each after a non-ASCII prefix: matches then start further in, and
    /// the lazy DFA gives up on patterns with a Unicode `\b`.
    #[test]
    fn forward_regex_finds_what_meta_regex_finds() {
        let mut lines = folded_fixture_lines();
        let prefixed: Vec<String> = lines.iter().map(|l| format!("» {l}")).collect();
        lines.extend(prefixed);
        let mut matches = 0;
        for (rule, pattern) in builtin_patterns() {
            let hir = parse_regex(&pattern).unwrap();
            let exact = ForwardRegex::new(&hir).unwrap();
            assert!(exact.dfa.is_some(), "{rule:?}: {pattern} has no lazy DFA");
            let loose = loosen(&hir).map(|loose| ForwardRegex::new(&loose).unwrap());
            let lazy = LazyRegex::new(pattern.clone());
            let meta = regex_automata::meta::Regex::new(&pattern).unwrap();
            for line in &lines {
                let want = meta.find(line.as_str()).map(|m| m.range());
                matches += usize::from(want.is_some());
                assert_eq!(exact.find(line), want, "{rule:?}: {pattern} on {line:?}");
                assert_eq!(exact.is_match(line), want.is_some(), "{pattern} on {line:?}");
                if let Some(loose) = &loose {
                    assert!(want.is_none() || loose.is_match(line), "{pattern} loosened, {line:?}");
                }
                assert_eq!(lazy.find(line), want, "{rule:?}: {pattern} lazily, on {line:?}");
            }
        }
        // The fixtures hold lines the rules remove: the spans compared are
        // not only `None`.
        assert!(matches > 300, "only {matches} matches");
    }

    #[test]
    fn fold_handles_turkish_i_and_apostrophes() {
        assert_eq!(fold("İÇERİĞE Geç"), "içeriğe geç");
        assert_eq!(fold("Facebook’ta IŞIK"), "facebook'ta işik");
        assert_eq!(original_offset("İÇx", fold("İÇ").len()), "İÇ".len());
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\x0bvertical\x0cfeed\rcr",
            "nbsp\u{a0}between\u{85}next",
            "ideographic\u{3000}space\u{2009}thin\u{202f}narrow\u{1680}ogham",
            "no\u{200b}zero-width\u{2060}joiner",
            "Türkçe “quotes” — dash… İstanbul’da",
            "中文没有空格 日本語 한국어",
        ] {
            assert_eq!(word_count(text), text.split_whitespace().count(), "{text:?}");
        }
        // Long lines are counted in chunks: words across a chunk's edge count once.
        for unit in ["ab ", "abc  ", "x", "wörd ", " "] {
            let text = unit.repeat(301);
            assert_eq!(word_count(&text), text.split_whitespace().count(), "{unit:?}");
            let all = text.split_whitespace().count();
            for limit in [0, 1, 7, 300] {
                assert_eq!(word_count_up_to(&text, limit), all.min(limit), "{unit:?} {limit}");
            }
        }
    }

    #[test]
    fn run_fold_matches_char_fold() {
        for text in [
            "Hello `World` IS",
            "MiXeD 123 !@#",
            "",
            "İSTANBUL’da Işık ILIK `x` ÇAĞ",
            "Ünïcode ÀÉÎ ΣΟΦΊΑ Москва ĞÜŞ",
            "中文 ASCII 後 I",
            "A run of ASCII longer than one chunk, then Ünïcode, then ASCII again `x`",
        ] {
            assert_eq!(fold(text), slow_fold(text));
        }
    }

    /// `fold` char by char, as `fold_char` defines it.
    fn slow_fold(text: &str) -> String {
        text.chars().fold(String::new(), |mut s, c| {
            fold_char(c, &mut s);
            s
        })
    }

    /// Every character folds alone as `fold_char` says, whichever fast path
    /// (ASCII run, two-byte table, caseless block) it takes.
    #[test]
    fn fold_agrees_with_fold_char_on_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("aZ{c}Iz");
            assert_eq!(fold(&text), slow_fold(&text), "U+{:04X}", u32::from(c));
        }
    }

    /// The fold of ASCII runs is the char-by-char one, for every ASCII byte
    /// at every place of a run, before and after a non-ASCII character.
    #[test]
    fn ascii_runs_fold_as_fold_char_does() {
        for b in 0..0x80u8 {
            for len in 1..20 {
                for at in 0..len {
                    let mut bytes = vec![b'Q'; len];
                    bytes[at] = b;
                    let text = String::from_utf8(bytes).unwrap();
                    for text in [text.clone(), format!("{text}É{text}")] {
                        assert_eq!(fold(&text), slow_fold(&text), "{b:#x} {len} {at}");
                    }
                }
            }
        }
    }

    /// The word-at-a-time run length is the plain byte-by-byte one, wherever
    /// the first non-ASCII byte falls in or after the 8-byte words.
    #[test]
    fn ascii_prefix_len_finds_the_first_non_ascii_byte() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0xC3;
                }
                let plain = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(len);
                assert_eq!(ascii_prefix_len(&bytes), plain, "{len} {at}");
            }
        }
    }

    /// The bytes a chunk is searched for start every non-ASCII space.
    #[test]
    fn unicode_spaces_start_with_a_byte_that_is_searched_for() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let mut utf8 = [0; 4];
            let utf8 = c.encode_utf8(&mut utf8).as_bytes();
            assert!(may_start_unicode_space(utf8[0]), "U+{:04X}", u32::from(c));
            assert!(has_unicode_space(utf8), "U+{:04X}", u32::from(c));
        }
    }

    /// A key is its text trimmed of what is not a letter or digit, as
    /// `trim_matches` does it char by char.
    #[test]
    fn key_trims_as_trim_matches_does() {
        for text in [
            "",
            " ",
            "...",
            "Share",
            " » Share: ",
            "«Paylaş»",
            "“Quoted”",
            "(1)",
            "¡Hola!",
            "x",
            "  ünïcode  ",
            "— Ελληνικά —",
            "中文。",
            "…",
            "a…",
            "…a",
            "! ² !",
            "½",
            " \u{a0}x\u{a0} ",
        ] {
            let folded = fold(text);
            let slow = folded.trim_matches(|c: char| !c.is_alphanumeric());
            assert_eq!(key_of_folded(&folded), slow, "{text:?}");
            assert_eq!(key(text), slow, "{text:?}");
        }
    }

    #[test]
    fn is_alphanumeric_agrees_with_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn caseless_blocks_have_no_case() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_caseless(c)) {
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", u32::from(c));
        }
    }

    proptest::proptest! {
        /// Mixed scripts, long ASCII runs across the 16-byte chunks, and the
        /// characters with a fold of their own.
        #[test]
        fn fold_agrees_with_fold_char(
            text in "([a-zA-Z `']{0,40}|[\\x00-\\x7f]{0,40}|[İIıiÇçŞş’‘ʼ´ÀÉΣσДдЖжⱥȺǅ中—…▶Ａａ\u{a0}])*",
        ) {
            proptest::prop_assert_eq!(fold(&text), slow_fold(&text));
            let folded = fold(&text);
            for (i, _) in text.char_indices() {
                let at = slow_fold(&text[..i]).len();
                proptest::prop_assert_eq!(original_offset(&text, at), i);
            }
            proptest::prop_assert_eq!(original_offset(&text, folded.len()), text.len());
            let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
            proptest::prop_assert_eq!(key_of_folded(&folded), trimmed);
            proptest::prop_assert_eq!(key(&text), trimmed);
        }

        /// Word counts agree with `split_whitespace` whatever the spaces,
        /// across the 256-byte chunks they are counted in.
        #[test]
        fn word_count_agrees_with_split_whitespace_anywhere(
            text in "([a-z]{1,9}|[ \t\n\r\u{b}\u{c}]|[\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}’—é]){0,200}",
            limit in 0usize..80,
        ) {
            let all = text.split_whitespace().count();
            proptest::prop_assert_eq!(word_count(&text), all);
            proptest::prop_assert_eq!(word_count_up_to(&text, limit), all.min(limit));
        }
    }

    /// Lines cut at `memchr`'s `\n`s and tags compared as prefixes give the
    /// rules `str::lines` and `split_once(':')` gave: same kinds, texts and
    /// line numbers, CRLF endings and a final newline included.
    #[test]
    fn parse_reads_lines_and_tags_as_lines_and_split_once_do() {
        let text = "# c\r\nShare\r\nprefix: Read more\r\n\r\nsuffix:x\nprefixes: y\n\
                    re: ^a:b$\ncontains : z\n\\re: literal\n  contains:  w  \n@max-words 3\nlast\n";
        let file: Arc<str> = Arc::from("t.txt");
        let got = parse("chrome", &file, Path::new("t.txt"), text, Origin::User).unwrap();
        let mut want = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with(['#', '@']) {
                continue;
            }
            let (kind, body) = match line.split_once(':') {
                Some(("prefix", b)) => (PatternKind::Prefix, b.trim()),
                Some(("suffix", b)) => (PatternKind::Suffix, b.trim()),
                Some(("contains", b)) => (PatternKind::Contains, b.trim()),
                Some(("re", b)) => (PatternKind::Regex, b.trim()),
                _ => (PatternKind::Literal, line.strip_prefix('\\').unwrap_or(line)),
            };
            want.push((kind, body.to_string(), i + 1));
        }
        let got: Vec<_> = got
            .iter()
            .map(|r| {
                let Rule::Data { line, .. } = &r.entry.rule else { panic!("{:?}", r.entry.rule) };
                (r.entry.pattern, r.text.clone(), *line as usize)
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 9);
    }

    #[test]
    fn literal_matches_whole_line_only() {
        let m = matcher("Paylaş\n");
        assert!(m.find("Paylaş:", Caps::Apply).is_some());
        assert!(m.find("» PAYLAŞ", Caps::Apply).is_some());
        assert!(m.find("Paylaş bunu", Caps::Apply).is_none());
    }

    #[test]
    fn prefix_respects_word_boundary_and_cap() {
        let m = matcher("@max-words 4\nprefix: Share\n");
        assert!(m.find("Share on Facebook", Caps::Apply).is_some());
        assert!(m.find("Shareholders met today", Caps::Apply).is_none());
        assert!(m.find("Share this with all your friends", Caps::Apply).is_none());
        let hit = m.find("Share this with all your friends", Caps::Ignore).unwrap();
        assert_eq!(hit.span, 0..5);
    }

    #[test]
    fn suffix_span_is_in_original_bytes() {
        let m = matcher("suffix: İşte detaylar...\n");
        let line = "Faiz sabit kaldı. İşte detaylar...";
        let hit = m.find(line, Caps::Ignore).unwrap();
        assert_eq!(&line[hit.span.clone()], "İşte detaylar...");
    }

    #[test]
    fn anchored_phrases_match_whole_only() {
        // The walk for the longer suffix passes through the end of the
        // shorter one one byte in: that is not a match at the line's end.
        let m = matcher("suffix: read more\nsuffix: click here to read more.\n");
        assert!(m.find("The show ends. Read more.", Caps::Ignore).is_none());
        assert!(m.find("The show ends. Read more", Caps::Ignore).is_some());
        assert!(m.find("The show ends. Click here to read more.", Caps::Ignore).is_some());
        let m = matcher("prefix: share on\nprefix: share\n");
        let hit = m.find("Share onion soup", Caps::Ignore).unwrap();
        assert_eq!(hit.span, 0..5);
        assert!(m.find("Shareholders met", Caps::Ignore).is_none());
    }

    proptest::proptest! {
        /// The anchored walk reports exactly the phrases an unanchored
        /// overlapping search finds at offset 0, forwards and backwards.
        #[test]
        fn anchored_walk_agrees_with_a_full_search(
            phrases in proptest::collection::vec("[ab ]{1,4}", 1..6),
            hay in "[ab ]{0,12}",
        ) {
            let walk = AnchoredPhrases::new(&phrases);
            let full = AhoCorasick::new(&phrases).unwrap();
            let mut walked = Vec::new();
            walk.each_match(hay.as_bytes(), |p, end| walked.push((p, end)));
            let mut found: Vec<(usize, usize)> = full
                .find_overlapping_iter(&hay)
                .filter(|m| m.start() == 0)
                .map(|m| (m.pattern().as_usize(), m.end()))
                .collect();
            walked.sort_unstable();
            found.sort_unstable();
            proptest::prop_assert_eq!(&walked, &found);
            let reversed: String = hay.chars().rev().collect();
            let mut backwards = Vec::new();
            walk.each_match_reversed(reversed.as_bytes(), |p, end| backwards.push((p, end)));
            backwards.sort_unstable();
            proptest::prop_assert_eq!(&backwards, &found);
        }
    }

    /// Inner rules are scanned in tiers by word cap: a line meets every rule
    /// its length admits (and, with caps ignored, every rule), in rule order.
    #[test]
    fn word_cap_tiers_keep_every_admitted_rule() {
        let m = matcher(
            "@max-words 3\ncontains: alpha\nre: \\bbeta\\b\n@max-words 6\ncontains: gamma\n\
             @max-words 12\nre: ^(delta|epsilon) \\w+\n@max-words 40\ncontains: zeta\n",
        );
        let rule_of = |line: &str, caps| {
            m.find(line, caps).map(|h| match h.rule {
                Rule::Data { line, .. } => line,
                other => panic!("{other:?}"),
            })
        };
        assert_eq!(rule_of("alpha and beta", Caps::Apply), Some(2));
        assert_eq!(rule_of("x beta y", Caps::Apply), Some(3));
        assert_eq!(rule_of("one two alpha four five", Caps::Apply), None);
        assert_eq!(rule_of("one two alpha four gamma", Caps::Apply), Some(5));
        assert_eq!(rule_of("delta one two three four five six seven", Caps::Apply), Some(7));
        let long = format!("alpha {}zeta", "word ".repeat(30));
        assert_eq!(rule_of(&long, Caps::Apply), Some(9));
        assert_eq!(rule_of(&long, Caps::Ignore), Some(2));
        assert_eq!(rule_of(&format!("{} zeta", "word ".repeat(40)), Caps::Apply), None);
    }

    /// Glued labels are found whatever case or script their line is in:
    /// the ASCII pre-check turns lines away only where no label can start.
    #[test]
    fn glued_labels_survive_the_ascii_precheck() {
        let pre = matcher("prefix: Breaking news\nprefix: Son dakika\nprefix: `Live`\n");
        for (line, end) in [
            ("BREAKING NEWS: Storm hits the coast", 13),
            ("» Breaking news – storm", 16),
            ("SON DAKİKA: Deprem", 11),
            ("`LIVE` Match day", 6),
        ] {
            assert_eq!(pre.glued_prefix(line).map(|h| h.span.end), Some(end), "{line}");
        }
        for line in ["Breakingnews today", "Brea", "News: breaking", "Sonda kika"] {
            assert!(pre.glued_prefix(line).is_none(), "{line}");
        }
        let suf = matcher("suffix: devamı için tıklayın\nsuffix: read more\n");
        for line in ["A paragraph. DEVAMI İÇİN TIKLAYIN", "A paragraph. Read more  "] {
            assert!(suf.glued_suffix(line).is_some(), "{line}");
        }
        for line in ["A paragraph to read moreover", "İÇİN TIKLAYIN"] {
            assert!(suf.glued_suffix(line).is_none(), "{line}");
        }
    }

    /// The tier a line scans holds the literal of every inner rule that
    /// admits the line (the plain definition: those whose cap is at least its
    /// word count), over every built-in kind and every word count; and with
    /// chrome's caps, lines of 41-49 words scan the tier of 50, not the first.
    #[test]
    fn tier_of_words_holds_every_admitting_rule() {
        let rules = RuleSet::builtin(&[]).unwrap();
        let mut skipped = 0;
        for (kind, _) in KINDS {
            let matcher = rules.matcher(kind);
            let Some(scan) = matcher.scan.as_ref().map(|s| s.get()) else { continue };
            if scan.tiers.is_empty() {
                continue;
            }
            // What the tier was before the table: the last whose cap is at most `words`.
            let by_cap = |words: usize| {
                scan.tiers.partition_point(|(cap, _)| *cap <= words).saturating_sub(1)
            };
            for words in 0..=scan.tier_of_words.len() + 80 {
                if words > scan.max_cap {
                    break;
                }
                let tier = match scan.tier_of_words.get(words) {
                    Some(&tier) => tier,
                    None => by_cap(words),
                };
                let tier_cap = scan.tiers[tier].0;
                for (literal, _, cap) in &scan.literals {
                    assert!(
                        *cap < words || *cap >= tier_cap,
                        "{kind} {words}: {literal:?} left out"
                    );
                }
                skipped += usize::from(tier > by_cap(words));
            }
            if *kind == "chrome" {
                let tier_cap = |words: usize| scan.tiers[scan.tier_of_words[words]].0;
                assert_eq!((tier_cap(41), tier_cap(49), tier_cap(40)), (50, 50, 8));
            }
        }
        assert!(skipped > 0, "no line skips to a smaller tier");
    }

    /// A cap gets a tier of its own only when it halves the literals to scan.
    #[test]
    fn word_cap_tiers_halve_the_literals() {
        let tiers = |text: &str| {
            let m = matcher(text);
            m.scan.as_ref().unwrap().get().tiers.iter().map(|(cap, _)| *cap).collect::<Vec<_>>()
        };
        let five = "@max-words 12\ncontains: aaa\ncontains: bbb\n\
                    @max-words 40\ncontains: ccc\ncontains: ddd\ncontains: eee\n";
        assert_eq!(tiers(five), vec![12]);
        let six = format!("{five}@max-words 60\ncontains: fff\n");
        assert_eq!(tiers(&six), vec![12, 60]);
    }

    #[test]
    fn regex_gates_find_their_lines() {
        let m = matcher(
            "re: ^skip (to|over) (the )?content$\nre: \\d+ (views|reads)$\nre: (cookie|çerez)s? (policy|politikası)\nre: ^a.*z$\n",
        );
        for line in [
            "Skip to content",
            "Skip over the content",
            "1234 views",
            "Seen: 12 reads",
            "Our cookie policy",
            "Çerez politikası hakkında",
            "abcz",
        ] {
            assert!(m.find(line, Caps::Ignore).is_some(), "{line}");
        }
        for line in ["Please skip to content", "1234 views today", "cookies", "zebra"] {
            assert!(m.find(line, Caps::Ignore).is_none(), "{line}");
        }
    }

    #[test]
    fn quoted_wording_is_not_boilerplate() {
        let m = matcher(
            "@max-words 60\ncontains: we use cookies\nre: you agree to our use of cookies\n",
        );
        assert!(m.find("We use cookies to improve your experience. Accept", Caps::Apply).is_some());
        assert!(
            m.find(
                "Banners that say “We use cookies to improve your experience” were singled out.",
                Caps::Apply
            )
            .is_none()
        );
        assert!(
            m.find(
                "Statements such as \"you agree to our use of cookies\" are not consent.",
                Caps::Apply
            )
            .is_none()
        );
    }

    #[test]
    fn bad_lines_are_errors_with_line_numbers() {
        let file: Arc<str> = Arc::from("x.txt");
        let e = parse("chrome", &file, Path::new("x.txt"), "ok\nre: (unclosed\n", Origin::User)
            .unwrap_err();
        assert!(e.to_string().starts_with("x.txt:2: bad regex"), "{e}");
        assert!(parse("chrome", &file, Path::new("x.txt"), "»\n", Origin::User).is_err());
        assert!(parse("chrome", &file, Path::new("x.txt"), "@nope 3\n", Origin::User).is_err());
    }

    #[test]
    fn every_builtin_file_parses_and_compiles() {
        let set = RuleSet::builtin(&[]).unwrap();
        for kind in set.raw.keys() {
            let m = set.matcher(kind);
            if let Some(rules) = m.scan.as_ref().and_then(|scan| scan.get().regexes.as_ref()) {
                for re in &rules.regexes {
                    let compiled = parse_regex(&re.pattern).and_then(|hir| ForwardRegex::new(&hir));
                    assert!(compiled.is_some(), "{kind}: {} does not compile", re.pattern);
                }
            }
        }
        for f in FILES {
            assert!(kind_name(f.kind).is_some(), "{}: unknown kind", f.path);
        }
    }
}
