//! `structure`: chrome we have no phrase for, found by the shape of the page
//! (issue: unseen chrome in full-page text dumps).
//!
//! A naive page dump keeps menus, sidebars, lists of headlines and footers in
//! any language. They share a shape: runs of short lines without sentence
//! ends, far from the block of prose that is the article. This stage scores
//! every kept line (prose scores its length in words, short and fragmentary
//! lines cost a little), takes the contiguous block with the highest total
//! score as the main text, lets the headline-like lines just above it in, and
//! removes the runs of lines outside it that look like chrome.
//!
//! Never removed: anything inside the main block (sub-headings, list items,
//! a line-up, recipe ingredients), a lone sentence-ending line outside it (a
//! closing `Afiyet olsun!`), and anything at all in a document that has no
//! prose to anchor a main block (a poem, a list), so clean text passes as is.

// Sets of line ids and of words hashed with foldhash: seeded per process,
// enough for a batch tool hashing its input, and several times cheaper than
// SipHash on short keys.
use foldhash::{HashSet, HashSetExt};
use std::cell::OnceCell;

use crate::bytes::for_each_block;
use crate::document::{Document, LineId};
use crate::filter::Filter;
use crate::rules::fold;

use crate::filters::language::{StopWords, detect, for_each_word, stop_word_density, stop_words};
use crate::filters::shape::{
    effective_words, ends_sentence, is_prose, is_prose_of, is_sentence_lowercase, is_table_row,
    is_unspaced_script, starts_lowercase, table_cell_text,
};
use crate::verdict::{Reason, Rule};

const NAME: &str = "structure";

/// What a prose line adds to a block: its words, up to this many (one huge
/// paragraph should not drag a block across a whole sidebar).
const PROSE_MAX_SCORE: f32 = 120.0;
/// What a short line with a sentence end costs (a caption, a short quote).
const SHORT_SENTENCE_COST: f32 = 1.0;
/// What any other short line costs: a menu item, a headline in a list.
const FRAGMENT_COST: f32 = 3.0;
/// Below this share of stop words, relative to the median of the document's
/// prose lines, a long line is a list of keywords, not prose. Chosen so that no
/// gold line of the dev set or the fixtures falls below it.
const LOW_STOP_DENSITY: f32 = 0.25;
/// ...unless it is longer than this (a very long line is text whatever it holds).
const KEYWORD_LIST_MAX_WORDS: f32 = 60.0;
/// ...or, at any length, when its share of stop words is below this: a
/// tag cloud of a hundred topics has hardly any, while a long sentence of
/// text, even a list of names, has its `and`s and `of`s.
const TAG_CLOUD_DENSITY: f32 = 0.1;
/// In a document with too few prose lines for a norm, a line of at least
/// [`KEYWORD_LIST_MAX_WORDS`] words below this plain share of stop words is
/// a tag cloud. Prose has three to six stop words in ten in the languages
/// of the benchmarks; on its pages without a norm, the one line of 60
/// words or more below 0.1 was a tag cloud. (Shorter lines of text did fall
/// below it: a wrong guess of the language makes text look sparse.)
const UNMEASURED_TAG_CLOUD_DENSITY: f32 = 0.1;
/// At or above this share of stop words (relative, as above) a short line
/// ending a sentence is text.
const HIGH_STOP_DENSITY: f32 = 0.9;
/// Prose lines needed before their median density means anything.
const MIN_PROSE_FOR_NORM: usize = 3;
/// The shortest line counted as a short sentence of text.
const SHORT_SENTENCE_MIN_WORDS: f32 = 6.0;
/// A line this long is text even without a sentence end (it ends in `:`, or
/// its sentence runs on): longer than headlines in a list usually are.
const LONG_LINE_WORDS: f32 = 16.0;
/// In scripts without spaces, a line of this many (two-character) words is
/// prose: blog text there often has no sentence mark at the end of a line.
const UNSPACED_PROSE_WORDS: f32 = 10.0;
/// A line of an unspaced script without any clause mark is a title below
/// this many (two-character) words; longer, it is text that runs on without
/// punctuation.
const CJK_TITLE_MAX_WORDS: f32 = 40.0;
/// A numbered or bulleted item belongs to the text around it more often than
/// to chrome (menus and headline lists are not numbered).
const LIST_ITEM_SCORE: f32 = 1.0;
/// An amount-led line of an ingredient list has at most this many words
/// (`1 Glas (à 720 ml) Schattenmorellen` has five; a sentence runs longer).
const QUANTITY_ITEM_MAX_WORDS: usize = 8;
/// So many amount-led lines in a row make a list (a recipe has more; two
/// stray counts such as `3 Kommentare` and `12 Bilder` rarely come in three).
const QUANTITY_RUN: usize = 4;
/// A line without an amount inside such a list has at most this many words.
const QUANTITY_GAP_WORDS: usize = 3;
/// Another block outside the main one is text too when its score reaches
/// this share of the main block's...
const SECOND_BLOCK_SHARE: f32 = 0.15;
/// ...and at least this much: one real paragraph. (Measured on the full and
/// segment benchmarks: from 60 down to 20 recall rises with no loss of
/// precision; below that nothing changes.)
const SECOND_BLOCK_MIN: f32 = 20.0;
/// A run of this many menu-item lines marks a page dump (a menu has at least
/// this many items; an article's sub-heading or a caption stands alone, and
/// its lists have longer items).
const PAGE_DUMP_RUN: usize = 5;
/// A menu item has at most this many words.
const MENU_ITEM_WORDS: usize = 4;
/// A run of this many lines scoring below zero (a sidebar, a footer, a list
/// of links) ends a block.
const GAP_LINES: usize = 8;
/// At the end of the main block, a shorter run is enough when what follows it
/// is weak (below what a second block needs): after the article come share
/// bars, author boxes and subscription pitches, each with a line or two of
/// prose that would otherwise drag the block over the chrome in between.
/// (Measured on the full and segment benchmarks: 3 gains most precision at
/// the least recall; 2 cuts articles after short interruptions.)
const TAIL_GAP_LINES: usize = 3;
/// What a prose line alone between fragments keeps of its score.
const ISOLATED_PROSE_FACTOR: f32 = 0.5;
/// Outside the main block (and in the tail that may be trimmed off it), what
/// such a line keeps when it is one of a run of
/// them, each under a headline-length line: the blurbs of a list of teasers
/// (headline, blurb; again and again) in a sidebar or under the article. Not
/// used to find the main block: an article with a sub-heading over each
/// paragraph has nearly the same shape. (Measured on the full and segment
/// benchmarks: 0.2 everywhere cost segment recall; outside only, with the
/// headline test, both gain.)
const TEASER_PROSE_FACTOR: f32 = 0.2;
/// Isolated prose lines at most this many lines apart form a run...
const TEASER_STEP: usize = 4;
/// ...of at least this many.
const TEASER_RUN: usize = 3;
/// A teaser's headline has at least this many words; the sub-headings of
/// guides and the step titles of recipes are shorter.
const TEASER_HEADLINE_WORDS: usize = 5;
/// A shorter headline (news magazines write `Die große Pause`) heads a
/// teaser when the blurb under it is at least [`SHORT_HEADLINE_BLURB_WORDS`]
/// long: a sentence or two of summary, where a glossary or a list of specs
/// has a short phrase under each term. (Measured on the full and segment
/// benchmarks: 3 words with 20-word blurbs gains precision and loses no
/// recall; 3 words with any blurb cut a glossary and a forum's quoted posts.)
const SHORT_TEASER_HEADLINE_WORDS: usize = 3;
const SHORT_HEADLINE_BLURB_WORDS: usize = 20;
/// Code-like lines have at least this many program marks...
const CODE_MIN_MARKS: usize = 2;
/// ...making up at least one visible character in this many.
const CODE_MARK_SHARE: usize = 12;
/// A main block must score at least this much (about two paragraphs of
/// prose) before anything is judged by its distance from it: a document of
/// short lines (an interview, a poem, a list) has no main block to measure by.
const MIN_MAIN_SCORE: f32 = 30.0;
/// Lines above the main block let in as its headline, standfirst and kicker.
const HEAD_LINES: usize = 3;
/// A paragraph above the main block scoring at least this much (a dozen
/// words in a run of paragraphs, two dozen alone between short lines) stays:
/// on the pages measured, lines of text above the block were leads and
/// introductions about three times as often as promotional blurbs. Teaser
/// blurbs in runs score a fifth of their words and mostly stay below it.
const LEAD_PROSE_SCORE: f32 = 12.0;
/// A lead lies at most this many lines above the block (past a gallery, a
/// share bar, a box of links); far above it, long lines were more often a
/// notice or a widget's text on the pages measured.
const LEAD_MAX_DISTANCE: usize = 60;
/// A lead shares at least this many longer words with the main block (its
/// topic); a notice or a blurb on a page about something else shares fewer.
/// Four: with two or three, a cookie notice above an article about online
/// media still passed on the pages measured.
const LEAD_SHARED_WORDS: usize = 4;
/// ...words of at least this many characters.
const TOPIC_WORD_CHARS: usize = 6;
/// Blocks of text looked for outside the main block, at most, per side: a
/// page with more separate stretches of text than this is kept as it is
/// beyond them (each search is a pass over the rest of the document).
const MAX_SECOND_BLOCKS: usize = 32;
/// A line ending in `:` with at least this many words announces the list under it.
const ANNOUNCE_MIN_WORDS: usize = 3;
/// A fact box's label has at most this many words (`Date of first flight`).
const FACT_LABEL_MAX_WORDS: usize = 4;
/// A fact box has at least this many labelled lines in a row; one or two
/// (`Phone: ...`, `Tags: ...`) are as often a sidebar's or a footer's.
const FACT_BOX_MIN_LINES: usize = 3;
/// A run outside the block is chrome when it has at least this many lines...
const MIN_RUN: usize = 2;

/// A run of teaser cards at the tail of the main block (a headline line, then
/// one short paragraph, again and again: a list of other articles) is cut off
/// when it has at least this many cards. Two cards are still a plausible
/// article ending (two short sections); three with the same shape in a row,
/// right at the end, were a list of links on the pages looked at.
const TEASER_MIN_CARDS: usize = 3;
/// A teaser card's blurb has at most this many words: one or two sentences.
/// Article sections that happen to be one paragraph long run longer.
const TEASER_BLURB_MAX_WORDS: usize = 45;
/// A teaser card's headline has at most this many words.
const TEASER_HEAD_MAX_WORDS: usize = 16;
/// A teaser card's headline has at least this many words: `Step 2`, `Stufe 1`
/// over a paragraph are the steps of the article's own instructions.
const TEASER_HEAD_MIN_WORDS: usize = 3;
/// A teaser card may end with a label of at most this many words.
const TEASER_LABEL_MAX_WORDS: usize = 4;

/// An author box is looked for among the last this many lines of the main
/// block: the box closes the article, with at most a line or two after it.
const BIO_TAIL_LINES: usize = 4;
/// An author's name line: two to four capitalised words (`Jane Doe`,
/// `About Jane Doe`, `Dr. Jane Doe`).
const BIO_NAME_MIN_WORDS: usize = 2;
const BIO_NAME_MAX_WORDS: usize = 4;
/// An author's bio is a short paragraph: a sentence or a few.
const BIO_MIN_WORDS: usize = 8;
const BIO_MAX_WORDS: usize = 80;
/// Share of the block's text that must come before an author box. Measured
/// on the segment benchmark: boxes sat after 95% or more of the text, while
/// person sections of profiles and line-ups (name, then a paragraph opening
/// with it) came earlier; the closest article line seen sat at 94%.
const BIO_TEXT_BEFORE_SHARE: f32 = 0.95;

/// Removes runs of short lines outside the main text block.
#[derive(Clone, Debug, Default)]
pub struct StructureFilter;

/// The stop words of the document's language, and how dense they are in its
/// prose: languages differ a lot (Turkish and Finnish glue function words on),
/// so lines are judged against their own document's norm.
struct StopNorm {
    words: &'static StopWords,
    prose_median: f32,
    /// False when the document has too few prose lines to measure a norm:
    /// then only the absolute tag-cloud test is made.
    measured: bool,
    /// The share of stop words of each prose line (by position among the
    /// kept lines), measured for the median and kept for the scores.
    prose_density: Vec<Option<f32>>,
}

impl StopNorm {
    /// The norm of the kept lines `ids`, or `None` when their language has
    /// no stop-word list or their prose has no stop words at all.
    ///
    /// Cost: a language guess over a sample of the longer lines (about a
    /// thousand bytes) and a lookup per word of every prose line: the
    /// stage's dearest steps.
    fn of(doc: &Document<'_>, ids: &[LineId]) -> Option<StopNorm> {
        let lines = ids.iter().map(|&id| (doc.text(id), doc.words(id), move || doc.folded(id)));
        let words = detect(lines).and_then(stop_words)?;
        let prose_density: Vec<Option<f32>> = ids
            .iter()
            .map(|&id| doc.is_prose(id).then(|| stop_word_density(doc.folded(id), words)))
            .collect();
        let mut densities: Vec<f32> = prose_density.iter().flatten().copied().collect();
        if densities.len() < MIN_PROSE_FOR_NORM {
            return Some(StopNorm { words, prose_median: 1.0, measured: false, prose_density });
        }
        densities.sort_by(f32::total_cmp);
        let prose_median = densities[densities.len() / 2];
        (prose_median > 0.0).then_some(StopNorm {
            words,
            prose_median,
            measured: true,
            prose_density,
        })
    }
}

/// A document's [`StopNorm`], worked out when a score first asks for it: on
/// about one page dump in six no line's score does, and the language guess
/// and the stop words of every prose line are then not needed.
struct LazyNorm<'d, 'a> {
    doc: &'d Document<'a>,
    ids: &'d [LineId],
    norm: OnceCell<Option<StopNorm>>,
}

impl<'d, 'a> LazyNorm<'d, 'a> {
    fn new(doc: &'d Document<'a>, ids: &'d [LineId]) -> LazyNorm<'d, 'a> {
        LazyNorm { doc, ids, norm: OnceCell::new() }
    }

    /// The norm, worked out on the first call.
    fn get(&self) -> Option<&StopNorm> {
        self.norm.get_or_init(|| StopNorm::of(self.doc, self.ids)).as_ref()
    }
}

/// A kept line as the scores see it: the text between a table row's pipes,
/// with its length in words, taken from the document's per-line cache when
/// the cell is the whole line (nearly always).
struct Cell<'d, 'a> {
    doc: &'d Document<'a>,
    id: LineId,
    /// The line's position among the document's kept lines.
    pos: usize,
    text: &'d str,
    /// The cell is the whole line: the line's cached features are the cell's.
    whole_line: bool,
    words: usize,
    /// The line is a row of a data table (two or more filled cells).
    table_row: bool,
}

impl<'d, 'a> Cell<'d, 'a> {
    /// Line `id`, at position `pos` among the kept lines, as a cell.
    fn of(doc: &'d Document<'a>, id: LineId, pos: usize) -> Cell<'d, 'a> {
        let line = doc.text(id);
        let text = table_cell_text(line);
        let whole_line = text.len() == line.len();
        let words = if whole_line { doc.effective_words(id) } else { effective_words(text) };
        Cell { doc, id, pos, text, whole_line, words, table_row: is_table_row(line) }
    }

    fn is_prose(&self) -> bool {
        is_prose_of(self.text, self.words)
    }

    /// The cell's share of stop words. Cost: folding the cell's text (the
    /// line's folded text is cached) and a lookup per word, unless the norm
    /// measured it already (a prose line).
    fn stop_density(&self, norm: &StopNorm) -> f32 {
        let known = norm.prose_density[self.pos].filter(|_| self.whole_line);
        known.unwrap_or_else(|| {
            if self.whole_line {
                stop_word_density(self.doc.folded(self.id), norm.words)
            } else {
                stop_word_density(&fold(self.text), norm.words)
            }
        })
    }
}

fn score(cell: &Cell<'_, '_>, stops: &LazyNorm<'_, '_>) -> f32 {
    if cell.table_row || is_drawn_table_row(cell.text) {
        // A data table's row costs nothing: its short cells are data, not menu items.
        return score_cell(cell, stops).max(0.0);
    }
    score_cell(cell, stops)
}

fn score_cell(cell: &Cell<'_, '_>, stops: &LazyNorm<'_, '_>) -> f32 {
    let line = cell.text;
    if is_code_like(line) {
        // Code, markup, data and tables of contents: neither prose nor chrome.
        return 0.0;
    }
    let words = cell.words as f32;
    let density =
        || stops.get().filter(|s| s.measured).map(|s| cell.stop_density(s) / s.prose_median);
    // Without a norm (too few prose lines to measure one), only a tag cloud
    // long enough that no headline runs that far is judged, by its plain
    // share of stop words: running text has many whatever the language.
    let unmeasured_cloud = || {
        words >= KEYWORD_LIST_MAX_WORDS
            && stops
                .get()
                .is_some_and(|s| !s.measured && cell.stop_density(s) < UNMEASURED_TAG_CLOUD_DENSITY)
    };
    let prose = cell.is_prose() || (words >= UNSPACED_PROSE_WORDS && is_unspaced_script(line));
    // Read once: most branches below ask.
    let ends_sentence = ends_sentence(line);
    if prose && !ends_sentence && ends_in_timestamp(line) {
        // `Headline  Source 3/9 18:01`: an item of a list of headlines, with
        // the time it was posted, however long its title runs.
        -FRAGMENT_COST
    } else if prose
        && !ends_sentence
        && words < CJK_TITLE_MAX_WORDS
        && is_unspaced_script(line)
        && is_unmarked_title(line)
    {
        // A headline in Japanese: long in characters, but without
        // the commas and full stops that run through a sentence of text.
        -FRAGMENT_COST
    } else if prose
        && !ends_sentence
        && (density().is_some_and(|d| {
            d < LOW_STOP_DENSITY && (words < KEYWORD_LIST_MAX_WORDS || d < TAG_CLOUD_DENSITY)
        }) || unmeasured_cloud())
    {
        // Long but without function words: a keyword list, a tag cloud, a menu.
        -FRAGMENT_COST
    } else if prose {
        words.min(PROSE_MAX_SCORE)
    } else if ends_sentence
        && words >= SHORT_SENTENCE_MIN_WORDS
        && density().is_some_and(|d| d >= HIGH_STOP_DENSITY)
    {
        // A short sentence of running text (`He left early.`), not a label.
        words / 2.0
    } else if words >= LONG_LINE_WORDS {
        words / 2.0
    } else if is_list_item(line) {
        LIST_ITEM_SCORE
    } else if ends_sentence {
        -SHORT_SENTENCE_COST
    } else {
        -FRAGMENT_COST
    }
}

/// A line of code, markup, data or a table of contents: program punctuation
/// (`{ } ( ) ; = < > " $`) or dot leaders make up a noticeable share of it.
/// Menus and headlines have almost none.
fn is_code_like(line: &str) -> bool {
    // Dot leaders, looked for at each dot: most lines have none or a few,
    // and a vectorised memchr walk over them costs less than a substring
    // searcher's start on a short haystack.
    let bytes = line.as_bytes();
    if memchr::memchr_iter(b'.', bytes).any(|i| bytes.get(i..i + 4) == Some(b"....")) {
        return true;
    }
    // The marks are ASCII, so they are counted over bytes. Only with enough
    // of them are the printable ASCII characters counted, which are
    // visible: as soon as those alone outnumber what the marks allow (most
    // lines with marks, which are prose), the line is not code, and its
    // visible characters need not be decoded and counted.
    let marks = code_marks(bytes);
    let limit = marks * CODE_MARK_SHARE;
    marks >= CODE_MIN_MARKS
        && !more_bytes_than(bytes, limit, |b| b.is_ascii_graphic())
        && limit >= line.chars().filter(|c| !c.is_whitespace()).count()
}

/// The program marks: brackets, quotes and operators that code and markup
/// are full of and text has few of. The plain definition of what
/// `is_code_mark` tests by ranges.
#[cfg(test)]
const CODE_MARKS: &[u8; 14] = b"{}()[]<>;=\"$\\`";

/// True when `b` is a program mark: a bracket, a quote or an operator that
/// code and markup are full of and text has few of (``{}()[]<>;="$\` ``).
/// The runs among them (`()`, `;<=>`, `[\]`) are each tested as one range:
/// eight tests rather than fourteen.
#[inline]
fn is_code_mark(b: u8) -> bool {
    (b & !1 == b'(')
        | (b.wrapping_sub(b';') < 4)
        | (b.wrapping_sub(b'[') < 3)
        | (b == b'"')
        | (b == b'$')
        | (b == b'`')
        | (b == b'{')
        | (b == b'}')
}

/// Bytes looked at a time by [`more_bytes_than`].
const SCAN_BLOCK: usize = 32;

/// How many bytes of `bytes` are program marks (see [`is_code_mark`]).
///
/// Cost: a block of bytes at a time, each byte tested by [`is_code_mark`]
/// without a branch, which the compiler vectorises (about two instructions
/// a byte); a lookup in a table of marks goes a byte at a time.
fn code_marks(bytes: &[u8]) -> usize {
    let mut marks = 0;
    // The last block is padded with spaces, which are no mark.
    for_each_block(bytes, b' ', |block| {
        marks += usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(is_code_mark(b))));
    });
    marks
}

/// True when more than `limit` bytes of `bytes` pass `test`. Counted a
/// block at a time (vectorised), stopping after the block that passes the
/// limit: a long line with few marks is settled by its first blocks.
fn more_bytes_than(bytes: &[u8], limit: usize, test: impl Fn(u8) -> bool) -> bool {
    let mut count = 0;
    bytes.chunks(SCAN_BLOCK).any(|block| {
        count += block.iter().filter(|&&b| test(b)).count();
        count > limit
    })
}

/// A row of a table drawn with box-drawing rules, as database shells and
/// terminal tools print them (`404 │ 0 │ 0.13`, `────┼────`): data, however
/// short its cells.
fn is_drawn_table_row(line: &str) -> bool {
    // All four are three bytes led by 0xE2 (E2 94 82, E2 94 83, E2 94 BC,
    // E2 95 8B): only the bytes after each 0xE2 are looked at. Most lines
    // have none, and typographic quotes and dashes share only the lead.
    let bytes = line.as_bytes();
    memchr::memchr_iter(0xE2, bytes)
        .any(|i| matches!(bytes.get(i + 1..i + 3), Some([0x94, 0x82 | 0x83 | 0xBC] | [0x95, 0x8B])))
}

/// `Born: 1954`, `Opening Hours: 9am to 5pm`, `Stat: Old Trafford`: a short
/// capitalised label, a colon, then a value that is not a sentence. Fact boxes
/// are made of them (POLICY keeps them); menus and headline lists are not.
fn is_labelled_value(line: &str) -> bool {
    // The label opens the line: a line that does not start with a capital
    // has none, and no colon need be looked for (the cheapest test first).
    if !line.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // `split_once(": ")` would set up a substring searcher per line; the
    // colons are found with the memchr crate's vectorised search instead
    // (core's `match_indices` reads a word at a time), and the first one
    // followed by a space splits the line the same way.
    let bytes = line.as_bytes();
    let Some(colon) = memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1) == Some(&b' '))
    else {
        return false;
    };
    let (label, value) = (&line[..colon], &line[colon + 2..]);
    let label_words = label.split_whitespace().count();
    (1..=FACT_LABEL_MAX_WORDS).contains(&label_words)
        && !label.contains(['|', '.', '!', '?'])
        && !value.trim().is_empty()
        && !ends_sentence(value)
}

/// True when the line ends in a posting stamp: a date (`3/9`, `09.03.2017`,
/// `3/9(木)`, `3月9日`), a space and a clock time (`18:01`). Prose that
/// mentions a time says `at 18:01`; a list of headlines stamps each item.
fn ends_in_timestamp(line: &str) -> bool {
    let t = line.trim_end();
    let Some((head, time)) = t.rsplit_once(' ') else { return false };
    let clock = time.split_once(':').is_some_and(|(h, m)| {
        (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    });
    if !clock {
        return false;
    }
    let date = head.rsplit(' ').next().unwrap_or("");
    // A weekday in brackets may follow the date: `3/9(木)`, `3/9 (Thu)`.
    let date = date.split(['(', '（']).next().unwrap_or("");
    date.chars().next().is_some_and(|c| c.is_ascii_digit())
        && date.chars().any(|c| matches!(c, '/' | '.' | '-' | '月' | '日' | '年'))
        && date
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | '月' | '日' | '年'))
}

/// True when a line of Japanese (it has kana) has no clause or sentence
/// mark (`、` `，` `。` `！` `？` `；` `：`) inside, and no space between two of
/// its characters: the shape of a title. Japanese prose puts a `、` every few
/// words; Chinese blog prose often runs on with none at all, or a space for a
/// comma, so lines without kana are left alone. Cost: one pass over the line.
fn is_unmarked_title(line: &str) -> bool {
    let wide = |c: char| (c as u32) >= 0x2E80;
    let kana = |c: char| matches!(c as u32, 0x3040..=0x30ff);
    let mut prev: Option<char> = None;
    let mut has_kana = false;
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        has_kana |= kana(c);
        if matches!(c, '、' | '，' | '。' | '！' | '？' | '；' | '：' | '｡' | '､') {
            return false;
        }
        if c == ' ' && prev.is_some_and(wide) && chars.peek().is_some_and(|&n| wide(n)) {
            return false;
        }
        prev = Some(c);
    }
    has_kana
}

/// `1.`, `2)`, `- `, `• `, `* `, `2 cups`: an item of a numbered, bulleted
/// or ingredient list.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '•', '*', '–', '▪', '◦']) {
        return t.chars().nth(1).is_some_and(char::is_whitespace);
    }
    // Not bulleted: numbered or a quantity, so led by one to three digits.
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = &t[digits..];
    let numbered = rest.starts_with(['.', ')']) && rest[1..].starts_with(char::is_whitespace);
    // `2 cups flour`, `1 su bardağı mercimek`, `1/2 tsp salt`: a quantity.
    let quantity = rest
        .trim_start_matches(|c: char| {
            matches!(c, '/' | ',' | '.' | '½' | '¼' | '¾') || c.is_ascii_digit()
        })
        .strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(is_sentence_lowercase);
    numbered || quantity
}

/// The longer words (at least [`TOPIC_WORD_CHARS`] characters, which leaves
/// out the function words of most languages) of the lines `ids`, folded.
///
/// Cost: one pass over the words of the lines, found a block of bytes at a
/// time (see [`for_each_word`]) rather than by decoding every character.
fn topic_words<'a>(doc: &'a Document<'_>, ids: &[LineId]) -> HashSet<&'a str> {
    let mut topic = HashSet::new();
    for &id in ids {
        let folded = doc.folded(id);
        // The runs of letters and digits: `split(|c| !c.is_alphanumeric())`.
        for_each_word::<false>(folded, |start, end| {
            if is_topic_word(&folded[start..end]) {
                topic.insert(&folded[start..end]);
            }
        });
    }
    topic
}

/// A word long enough to name a topic. A character takes at least one
/// byte, so shorter words are told by their length in bytes alone.
fn is_topic_word(w: &str) -> bool {
    w.len() >= TOPIC_WORD_CHARS && w.chars().count() >= TOPIC_WORD_CHARS
}

/// True when line `id` has at least [`LEAD_SHARED_WORDS`] distinct longer
/// words found in `topic`.
fn shares_topic(doc: &Document<'_>, id: LineId, topic: &HashSet<&str>) -> bool {
    let mut shared: HashSet<&str> = HashSet::new();
    for w in doc.folded(id).split(|c: char| !c.is_alphanumeric()) {
        if is_topic_word(w) && topic.contains(w) {
            shared.insert(w);
            if shared.len() >= LEAD_SHARED_WORDS {
                return true;
            }
        }
    }
    false
}

/// A short line led by an amount (`200 g Zucker`, `1 Pck. Backpulver`,
/// `2 EL Kakao`, `½ cup milk`, `5 Eier`): an ingredient, a part of a kit.
fn quantity_led(line: &str, words: usize) -> bool {
    // Most lines start with a letter: no amount to read. An ASCII first
    // character that is not whitespace is told without trimming.
    if let Some(&b) = line.as_bytes().first()
        && b.is_ascii()
        && !(b as char).is_whitespace()
        && !b.is_ascii_digit()
    {
        return false;
    }
    let t = line.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾')) {
        return false;
    }
    let amount = t
        .chars()
        .take_while(|&c| c.is_ascii_digit() || matches!(c, '/' | ',' | '.' | '½' | '¼' | '¾' | '-'))
        .count();
    let rest = &t[t.char_indices().nth(amount).map_or(t.len(), |(i, _)| i)..];
    amount > 0
        && words <= QUANTITY_ITEM_MAX_WORDS
        && rest.trim_start().starts_with(char::is_alphabetic)
        && !ends_sentence(line)
}

/// Lifts the lines of a run of at least [`QUANTITY_RUN`] amount-led lines
/// (an ingredient list) to list items: one such line alone is a count or a
/// price, a run of them is a list the article gives. A short line without an
/// amount between two of them (`Salz`, `For the sauce:`) goes with the list.
///
/// Cost: one pass over the lines.
fn quantity_runs(doc: &Document<'_>, ids: &[LineId], scores: &mut [f32]) {
    let led = |k: usize| quantity_led(doc.text(ids[k]), doc.effective_words(ids[k]));
    let short =
        |k: usize| doc.effective_words(ids[k]) <= QUANTITY_GAP_WORDS && !doc.is_prose(ids[k]);
    let mut k = 0;
    while k < ids.len() {
        if !led(k) {
            k += 1;
            continue;
        }
        let (start, mut end, mut count) = (k, k, 1);
        let mut j = k + 1;
        while j < ids.len() {
            if led(j) {
                (end, count) = (j, count + 1);
            } else if !(short(j) && j + 1 < ids.len() && led(j + 1)) {
                break;
            }
            j += 1;
        }
        if count >= QUANTITY_RUN {
            for s in &mut scores[start..=end] {
                *s = s.max(LIST_ITEM_SCORE);
            }
        }
        k = end + 1;
    }
}

/// True when `next` carries on the sentence `prev` left open: text
/// hard-wrapped at a fixed width, one paragraph over several lines.
fn continues(prev: &str, prev_words: usize, next: &str) -> bool {
    // The cheapest test first: most lines are too short or end a sentence.
    let open = prev_words >= 4 && !ends_sentence(prev);
    open && (starts_lowercase(next) || prev.trim_end().ends_with([',', ';', '-', '–']))
}

/// Scores the kept lines. Lines that one wrapped paragraph was broken into are
/// scored together, as the paragraph they form. See [`LineScores`] for the
/// three sets returned.
fn line_scores(doc: &Document<'_>, ids: &[LineId]) -> LineScores {
    let norm = LazyNorm::new(doc, ids);
    let score = |k: usize| score(&Cell::of(doc, ids[k], k), &norm);
    let mut scores = vec![0f32; ids.len()];
    // Cost: each run of wrapped lines is joined and scored once.
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j + 1 < ids.len()
            && continues(doc.text(ids[j]), doc.effective_words(ids[j]), doc.text(ids[j + 1]))
        {
            j += 1;
        }
        if j == i {
            scores[i] = score(i);
        } else {
            let joined: String =
                ids[i..=j].iter().map(|&id| doc.text(id)).collect::<Vec<_>>().join(" ");
            if is_prose(&joined) {
                for k in i..=j {
                    scores[k] = (doc.effective_words(ids[k]) as f32).min(PROSE_MAX_SCORE);
                }
            } else {
                for (k, s) in (i..=j).zip(&mut scores[i..=j]) {
                    *s = score(k);
                }
            }
        }
        i = j + 1;
    }
    // A fact box (`Born: 1954`, `Height: 1.85 m`, ...): a run of
    // labelled values is data about the article's subject, neither text nor
    // chrome. Cost: one pass, each line tested once.
    let mut k = 0;
    while k < ids.len() {
        let run = ids[k..]
            .iter()
            .take_while(|&&id| is_labelled_value(table_cell_text(doc.text(id))))
            .count();
        if run >= FACT_BOX_MIN_LINES {
            for s in &mut scores[k..k + run] {
                *s = s.max(0.0);
            }
        }
        k += run.max(1);
    }
    quantity_runs(doc, ids, &mut scores);
    // A paragraph alone between fragments is a teaser under a headline in a
    // list more often than part of an article, whose paragraphs come in runs.
    let positive = |k: usize| scores.get(k).is_some_and(|&s| s > 0.0);
    let isolated: Vec<usize> = (0..scores.len())
        .filter(|&k| positive(k) && !(k > 0 && positive(k - 1)) && !positive(k + 1))
        .collect();
    // A blurb sits right under its headline, which is longer than the
    // heading of an article's section or a recipe's step.
    let headed = |k: usize| {
        k > 0
            && headline_shaped(doc.text(ids[k - 1]))
            && heads_teaser(
                doc.text(ids[k - 1]),
                doc.effective_words(ids[k - 1]),
                doc.effective_words(ids[k]),
            )
    };
    // A teaser's blurb may also have a paragraph-less line that scores above
    // zero for a neighbour: the next card's headline when it is a short
    // question (`Is it worth it?`) or a long title. Judged so only far from
    // the main block: at its tail, an article's questions over one paragraph
    // each (an FAQ) have the same shape.
    let edge =
        |k: usize| !positive(k) || (!doc.is_prose(ids[k]) && headline_shaped(doc.text(ids[k])));
    let lone: Vec<usize> = (0..scores.len())
        .filter(|&k| {
            positive(k)
                && doc.is_prose(ids[k])
                && (k == 0 || edge(k - 1))
                && (k + 1 == scores.len() || edge(k + 1))
        })
        .collect();
    let (tail_teasers, far_teasers) =
        (teaser_runs(&isolated, &headed), teaser_runs(&lone, &headed));
    let raw = scores.clone();
    for &k in &isolated {
        scores[k] *= ISOLATED_PROSE_FACTOR;
    }
    let mut tail = scores.clone();
    for k in tail_teasers {
        tail[k] = raw[k] * TEASER_PROSE_FACTOR;
    }
    let mut outside = scores.clone();
    for k in far_teasers {
        outside[k] = raw[k] * TEASER_PROSE_FACTOR;
    }
    LineScores { main: scores, tail, outside }
}

/// The candidates (line indices, in order) that stand in a run of at least
/// [`TEASER_RUN`] of them, each at most [`TEASER_STEP`] lines from the next
/// and each `headed`.
///
/// Cost: each candidate looks at most `TEASER_RUN - 1` others on either side.
fn teaser_runs(cands: &[usize], headed: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let near = |a: usize, b: usize| {
        cands[b] - cands[a] <= TEASER_STEP && headed(cands[a]) && headed(cands[b])
    };
    let in_run = |i: usize| {
        let before = (i.saturating_sub(TEASER_RUN - 1)..i).rev().take_while(|&j| near(j, j + 1));
        let after = (i + 1..cands.len()).take(TEASER_RUN - 1).take_while(|&j| near(j - 1, j));
        before.count() + after.count() + 1 >= TEASER_RUN
    };
    (0..cands.len()).filter(|&i| in_run(i)).map(|i| cands[i]).collect()
}

/// A document's line scores: those to find the main block by, those to trim
/// its tail by, and those to judge the lines outside it by (teaser blurbs
/// count for less in the last two, and for less yet in the last).
struct LineScores {
    main: Vec<f32>,
    tail: Vec<f32>,
    outside: Vec<f32>,
}

/// A headline's shape: not an item of a list (an ingredient, a step), not
/// ending like a sentence or a line of verse does (`.` `!` `,` `;` `:`, also
/// before a closing quote). A question may head a teaser.
fn headline_shaped(line: &str) -> bool {
    let end = line.trim_end().trim_end_matches(['"', '”', '’', '»', '\'', ')']);
    !is_list_item(line) && !end.ends_with(['.', '!', ',', ';', ':', '…'])
}

/// True when a line of `head_words` words can be the headline of a teaser
/// whose blurb, right under it, has `blurb_words`: a headline as long as a
/// sentence's subject, or a short magazine headline (`Die große Pause`) over
/// a blurb of a sentence or two. A glossary's term over its short definition,
/// a quote's attribution (`Quote from Anna:`) and a sentence are not.
fn heads_teaser(head: &str, head_words: usize, blurb_words: usize) -> bool {
    head_words >= TEASER_HEADLINE_WORDS
        || (head_words >= SHORT_TEASER_HEADLINE_WORDS
            && blurb_words >= SHORT_HEADLINE_BLURB_WORDS
            && !head.contains(':')
            && !ends_sentence(head))
}

/// True when the document has the mark of a whole page: somewhere, a run of
/// short lines (a menu, a list of links). Text that an extractor already cut
/// down to the article has none, and is left alone.
fn looks_like_page_dump(doc: &Document<'_>, ids: &[LineId]) -> bool {
    let mut run = 0;
    for (pos, &id) in ids.iter().enumerate() {
        let cell = Cell::of(doc, id, pos);
        let menu_item =
            !cell.table_row && cell.words <= MENU_ITEM_WORDS && !ends_sentence(cell.text);
        run = if menu_item { run + 1 } else { 0 };
        if run >= PAGE_DUMP_RUN {
            return true;
        }
    }
    false
}

/// The contiguous range with the largest total score (Kadane), or `None`
/// when no line scores above zero. A block never spans a run of
/// [`GAP_LINES`] lines that all score below zero: an article does not go on
/// across a whole sidebar, so what lies beyond one is another block.
///
/// `removed_before[i]` counts the lines an earlier stage removed just before
/// line `i` (a share bar, a comment form, a list of archive months): they
/// are part of such a run too, so the chrome already taken out between an
/// article and a sidebar still keeps the two apart. A slice shorter than
/// `scores` (empty, say) counts none for the lines past its end.
fn best_block(scores: &[f32], removed_before: &[usize]) -> Option<(usize, usize, f32)> {
    let mut best: Option<(usize, usize, f32)> = None;
    let (mut start, mut sum, mut negative_run) = (0usize, 0f32, 0usize);
    for (i, &s) in scores.iter().enumerate() {
        negative_run += removed_before.get(i).copied().unwrap_or(0);
        if negative_run >= GAP_LINES {
            sum = 0.0;
        }
        negative_run = if s < 0.0 { negative_run + 1 } else { 0 };
        if negative_run >= GAP_LINES {
            sum = 0.0;
        }
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += s;
        if sum > 0.0 && best.is_none_or(|(_, _, b)| sum > b) {
            best = Some((start, i, sum));
        }
    }
    best
}

/// The score a block outside the main one needs to count as text.
fn second_block_needs(main_score: f32) -> f32 {
    SECOND_BLOCK_MIN.max(SECOND_BLOCK_SHARE * main_score)
}

/// The new end of the main block `start..=end` once weak pieces are cut off
/// its tail: a piece after a run of [`TAIL_GAP_LINES`] lines scoring below
/// zero that scores less than `weak` on its own is left outside, to be judged
/// like any other stretch there. Never cuts the block down to nothing.
fn trim_weak_tail(scores: &[f32], start: usize, mut end: usize, weak: f32) -> usize {
    'pieces: loop {
        let (mut run, mut run_sum, mut piece) = (0usize, 0f32, 0f32);
        for k in (start..=end).rev() {
            if scores[k] >= 0.0 {
                piece += run_sum + scores[k];
                (run, run_sum) = (0, 0.0);
                continue;
            }
            run += 1;
            run_sum += scores[k];
            if run < TAIL_GAP_LINES {
                continue;
            }
            if piece >= weak {
                return end;
            }
            // The run goes on up to the last line of text before it.
            let Some(last) = (start..k).rev().find(|&i| scores[i] >= 0.0) else { return end };
            end = last;
            continue 'pieces;
        }
        return end;
    }
}

/// The new end of the main block `start..=end` once a run of teaser cards is
/// cut off its tail: at least [`TEASER_MIN_CARDS`] pairs of a short headline
/// line (scores below zero, no sentence end, not a question: a FAQ's
/// questions stay) followed by one short paragraph, maybe closed by a short
/// label. Leaves the block as it is when what would remain has no text, or
/// when every headline opens with the same word (a numbered series).
///
/// Cost: one backward pass over the block's tail, two or three lines per
/// step, each line looked at a constant number of times.
fn trim_teaser_tail(
    doc: &Document<'_>,
    ids: &[LineId],
    scores: &[f32],
    start: usize,
    end: usize,
) -> usize {
    let headline = |k: usize| {
        let text = doc.text(ids[k]);
        let words = doc.effective_words(ids[k]);
        scores[k] < 0.0
            && (TEASER_HEAD_MIN_WORDS..=TEASER_HEAD_MAX_WORDS).contains(&words)
            && !ends_sentence(text)
            && !text.trim_end().ends_with([':', '?', '？'])
    };
    let blurb = |k: usize| {
        scores[k] > 0.0
            && doc.effective_words(ids[k]) <= TEASER_BLURB_MAX_WORDS
            && !text_continues(doc.text(ids[k]))
    };
    // A card may close with a short label (`Read more`, `2 min read`).
    let label =
        |k: usize| doc.effective_words(ids[k]) <= TEASER_LABEL_MAX_WORDS && !doc.is_prose(ids[k]);
    let (mut k, mut cards) = (end, 0usize);
    let mut leads: HashSet<&str> = HashSet::new();
    loop {
        let b =
            if k >= start + 3 && label(k) && blurb(k - 1) && headline(k - 2) { k - 1 } else { k };
        if b >= start + 2 && blurb(b) && headline(b - 1) {
            leads.insert(doc.text(ids[b - 1]).split_whitespace().next().unwrap_or(""));
            cards += 1;
            k = b - 2;
        } else {
            break;
        }
    }
    // Headlines that all open with the same word (`Step 1`, `Tip: ...`,
    // `Question 3`) are a series the article itself numbers.
    let series = leads.len() == 1;
    if cards >= TEASER_MIN_CARDS && !series && scores[start..=k].iter().any(|&s| s > 0.0) {
        k
    } else {
        end
    }
}

/// The lines of an author box in the main block `start..=end`: a short line
/// of capitalised words (`Jane Doe`, `About Jane Doe`) whose next line, a
/// short paragraph, opens with one of them (`Jane Doe writes about ...`),
/// or names the person after a word before the name (`About Jane Doe` over
/// `For ten years Jane Doe has ...`), or that has a one-word label above it
/// (`Author`), all in the last lines of
/// the block, after nearly all of its text. A profile or an interview introduces its person before its text.
///
/// Cost: one pass over the block (each line and the next looked at once),
/// plus one summing its scores.
fn author_bio(
    doc: &Document<'_>,
    ids: &[LineId],
    scores: &[f32],
    start: usize,
    end: usize,
) -> Option<std::ops::RangeInclusive<usize>> {
    // A one-word label above the name (`Author`, `Autorin`).
    let labelled = |name: usize| {
        name > start
            && scores[name - 1] < 0.0
            && doc.effective_words(ids[name - 1]) == 1
            && !ends_sentence(doc.text(ids[name - 1]))
    };
    let pair = |name: usize| {
        // Scores first: most lines fail here, before any word is split off.
        if scores[name] >= 0.0 || scores[name + 1] <= 0.0 {
            return false;
        }
        let (line, bio) = (doc.text(ids[name]), doc.text(ids[name + 1]));
        let words: Vec<&str> = line.split_whitespace().collect();
        let is_name = (BIO_NAME_MIN_WORDS..=BIO_NAME_MAX_WORDS).contains(&words.len())
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
            && !ends_sentence(line);
        let opens_with_name = bio
            .split_whitespace()
            .next()
            .map(|w| w.trim_end_matches([',', ':']))
            .is_some_and(|w| words.contains(&w));
        // `About Jane Doe` over a bio that names her further on.
        let introduced = words.len() > BIO_NAME_MIN_WORDS
            && bio.contains(&words[words.len() - BIO_NAME_MIN_WORDS..].join(" "));
        is_name
            && (opens_with_name || introduced || labelled(name))
            && (BIO_MIN_WORDS..=BIO_MAX_WORDS).contains(&doc.effective_words(ids[name + 1]))
    };
    // Exactly one such pair in the whole block: several are a line-up of
    // people (candidates, a cast), which is the article itself.
    let mut found = (start..end).filter(|&k| pair(k));
    let name = found.next()?;
    if found.next().is_some() || name + BIO_TAIL_LINES < end {
        return None;
    }
    let positive =
        |r: std::ops::Range<usize>| -> f32 { scores[r].iter().filter(|&&s| s > 0.0).sum() };
    let first = if labelled(name) { name - 1 } else { name };
    (positive(start..name) >= BIO_TEXT_BEFORE_SHARE * positive(start..end + 1))
        .then_some(first..=name + 1)
}

/// A line that hands over to a list or quote below (`Ingredients:`).
fn text_continues(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

impl Filter for StructureFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "runs of short lines (menus, sidebars, headline lists, footers) outside the main text block"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        let ids = doc.kept_ids();
        // The cheap test first: most documents that are not page dumps need
        // no language guess and no scores at all.
        if !looks_like_page_dump(doc, &ids) {
            return;
        }
        let LineScores { main: scores, tail, outside } = line_scores(doc, &ids);
        // Cost: one look at each line up to the last kept one.
        let mut removed_before = Vec::with_capacity(ids.len());
        let mut prev = None;
        for &id in &ids {
            let from = prev.map_or(0, |p: LineId| p + 1);
            removed_before.push((from..id).filter(|&k| doc.is_removed(k)).count());
            prev = Some(id);
        }
        let Some((mut start, end, main_score)) = best_block(&scores, &removed_before) else {
            return;
        };
        if main_score < MIN_MAIN_SCORE {
            return;
        }
        let end = trim_weak_tail(&tail, start, end, second_block_needs(main_score));
        let cards_end = end;
        let end = trim_teaser_tail(doc, &ids, &scores, start, end);
        // The headline, standfirst or kicker sit just above the first
        // paragraph (at most HEAD_LINES looked at).
        let mut taken = 0;
        while start > 0 && taken < HEAD_LINES && doc.effective_words(ids[start - 1]) >= 2 {
            start -= 1;
            taken += 1;
        }
        let mut remove: Vec<(LineId, f32)> = Vec::new();
        // The cards go as a whole: judged with what follows, a run of
        // them can add up to a block that looks like text.
        for k in end + 1..=cards_end {
            doc.remove(
                ids[k],
                Reason {
                    filter: NAME,
                    rule: Rule::Scored { name: "teaser-cards", score: scores[k] },
                },
            );
        }
        if let Some(bio) = author_bio(doc, &ids, &scores, start, end) {
            for k in bio {
                let rule = Rule::Scored { name: "author-bio", score: scores[k] };
                doc.remove(ids[k], Reason { filter: NAME, rule });
            }
        }
        for (from, to) in [(0, start), (cards_end + 1, ids.len())] {
            self.judge_outside(doc, &ids[from..to], &outside[from..to], main_score, &mut remove);
        }
        // A paragraph of text above the main block, not one of a run of
        // teasers (those score low in `outside`), is the article's lead or
        // introduction cut off by a gallery, a box or a share bar.
        // A lead names what the article is about: it shares some of its
        // longer words. A question alone is a teaser's headline.
        // Cost: one pass over the block's words, and over those of at most
        // LEAD_MAX_DISTANCE lines above it.
        // The block's words are gathered only when some line about to be
        // removed could be a lead: on most pages none can.
        remove.sort_by_key(|r| r.0);
        let removed = |id: LineId| remove.binary_search_by_key(&id, |r| r.0).is_ok();
        let candidates: Vec<usize> = (start.saturating_sub(LEAD_MAX_DISTANCE)..start)
            .filter(|&k| {
                outside[k] >= LEAD_PROSE_SCORE
                    && removed(ids[k])
                    && doc.is_prose(ids[k])
                    && !doc.text(ids[k]).trim_end().ends_with(['?', '？'])
            })
            .collect();
        let lead: HashSet<LineId> = if candidates.is_empty() {
            HashSet::new()
        } else {
            let topic = topic_words(doc, &ids[start..=end]);
            candidates
                .into_iter()
                .filter(|&k| shares_topic(doc, ids[k], &topic))
                .map(|k| ids[k])
                .collect()
        };
        remove.retain(|r| !lead.contains(&r.0));
        let announced = announced_lists(doc, &ids, &remove);
        for (id, score) in remove.into_iter().filter(|r| !announced.contains(&r.0)) {
            doc.remove(
                id,
                Reason { filter: NAME, rule: Rule::Scored { name: "outside-main-block", score } },
            );
        }
    }
}

/// The lines of runs that a kept line of text announces (`The dates are:`,
/// `Risk factors include:`): a list that goes with the text above it,
/// however short its items. The first paragraph after the list, or a line
/// removed before this stage, ends it.
fn announced_lists(
    doc: &Document<'_>,
    ids: &[LineId],
    remove: &[(LineId, f32)],
) -> HashSet<LineId> {
    let announces = |id: LineId| {
        doc.text(id).trim_end().ends_with(':') && doc.effective_words(id) >= ANNOUNCE_MIN_WORDS
    };
    let removed: HashSet<LineId> = remove.iter().map(|r| r.0).collect();
    let mut keep = HashSet::new();
    let mut announced = false;
    let mut last = None;
    for &id in ids {
        // A line an earlier stage removed (a footer link, a share prompt)
        // ends the list.
        let adjacent = last.is_some_and(|l: LineId| (l + 1..id).all(|k| doc.is_blank(k)));
        last = Some(id);
        if !removed.contains(&id) {
            // The list's first items may have been let into the main block;
            // the rest of it is still announced.
            announced = announces(id) || (announced && is_list_item(doc.text(id)));
            continue;
        }
        if announced && adjacent {
            keep.insert(id);
            announced = !doc.is_prose(id) || announces(id);
        } else {
            announced = false;
        }
    }
    keep
}

impl StructureFilter {
    /// Decides about a stretch of lines outside the main block: a block of
    /// text strong enough on its own stays (the article went on after an
    /// interruption); around it, runs of chrome go.
    ///
    /// Cost: each block found costs one [`best_block`] pass over what is
    /// left, so blocks are looked for [`MAX_SECOND_BLOCKS`] times at most
    /// (linear, not quadratic, in the number of lines); once that many are
    /// found, the stretches still undecided are kept, the content-safe
    /// choice. A work list instead of recursion keeps the stack flat.
    fn judge_outside(
        &self,
        doc: &Document<'_>,
        ids: &[LineId],
        scores: &[f32],
        main_score: f32,
        remove: &mut Vec<(LineId, f32)>,
    ) {
        let mut todo = vec![(0, ids.len())];
        let mut blocks = 0;
        while let Some((from, to)) = todo.pop() {
            if from == to {
                continue;
            }
            let (ids, scores) = (&ids[from..to], &scores[from..to]);
            if blocks >= MAX_SECOND_BLOCKS {
                continue;
            }
            if let Some((s, e, sum)) = best_block(scores, &[])
                && sum >= second_block_needs(main_score)
            {
                blocks += 1;
                todo.push((from + e + 1, to));
                todo.push((from, from + s));
                continue;
            }
            let lone_sentence = ids.len() == 1 && ends_sentence(doc.text(ids[0]));
            if ids.len() >= MIN_RUN || !lone_sentence {
                remove.extend(ids.iter().zip(scores).map(|(&id, &s)| (id, s)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamped_headlines() {
        for line in [
            "駅前の再開発計画がまとまる 新しい広場と図書館を整備へ 地方新聞 3/9(木) 18:01",
            "Stadtrat beschließt neuen Radweg entlang des Flusses Lokalblatt 09.03.2017 14:30",
            "新しい図書館が来月開館へ 市民の声を反映した設計 日報 3月9日 7:05",
        ] {
            assert!(ends_in_timestamp(line), "{line}");
        }
        for line in [
            // A time in running text, not a stamp.
            "The council meets in the town hall every Thursday evening at 18:30",
            "会議は毎週木曜日の夜に市役所で開かれ、開始は午後 18:30",
            // A ratio, a score, a verse.
            "Die Mannschaft gewann das Heimspiel am Samstag deutlich mit 3:1",
            "He read the passage aloud from the old book, John 3:16",
            "Ends in a date only 09.03.2017",
        ] {
            assert!(!ends_in_timestamp(line), "{line}");
        }
    }

    #[test]
    fn japanese_titles() {
        for line in [
            "古いノートパソコンに軽量なLinuxを入れて快適に使えるようにした手順",
            "ワイヤレスイヤホンの片方だけ音が出なくなった問題を設定の見直しで解決",
        ] {
            assert!(is_unmarked_title(line), "{line}");
        }
        for line in [
            // Prose: a comma inside, a full stop, a space between clauses.
            "設定画面を開き、下の方にある項目を選んでから保存します",
            "今日は朝から雨が降っていた。午後には晴れて",
            "朝から雨が降っていた 午後には晴れて散歩に出かけることができた",
            // Chinese: no kana, left to the other scores.
            "園區給愛攝一族淨空場景而不是散搭帳蓬之下反而影響拍照畫面",
        ] {
            assert!(!is_unmarked_title(line), "{line}");
        }
    }

    #[test]
    fn teaser_headlines() {
        // Headlines over blurbs of a sentence or two.
        assert!(heads_teaser("Stadtrat beschließt neuen Radweg am Fluss", 7, 14));
        assert!(heads_teaser("Die große Pause", 3, 24));
        assert!(heads_teaser("Brot wie früher", 3, 31));
        // A glossary's term over its short definition.
        assert!(!heads_teaser("Materials Management System", 3, 12));
        // A quote's attribution, a sentence, a step title.
        assert!(!heads_teaser("Zitat von Anna:", 3, 40));
        assert!(!heads_teaser("Das ist gut.", 3, 40));
        assert!(!heads_teaser("Schritt zwei", 2, 40));
    }

    #[test]
    fn headline_shapes() {
        assert!(headline_shaped("Bibliothek verlängert ihre Öffnungszeiten"));
        assert!(headline_shaped("Wie gut kennen Sie unsere Stadt?"));
        assert!(headline_shaped("\"Wir können nicht ohne einander\""));
        // A sentence, a line of verse, an ingredient, a list's announcement.
        assert!(!headline_shaped("He left early."));
        assert!(!headline_shaped("Her heart was lost, her peace was gone!”"));
        assert!(!headline_shaped("3 fresh peaches, peeled and sliced"));
        assert!(!headline_shaped("The steps are:"));
    }

    #[test]
    fn labelled_values() {
        for line in [
            "Born: 1954",
            "Opening Hours: 9am to 5pm",
            "Stat: Old Trafford",
            "Entry Fee: —",
            "Kick-off 19:45: Old Trafford",
        ] {
            assert!(is_labelled_value(line), "{line}");
        }
        for line in [
            // A sentence with a colon, a lowercase start, a label too long.
            "Note: the office is closed on Mondays.",
            "he said: no",
            "What the committee decided after a long meeting: nothing",
            "Home | News: Sport",
            "Contact us:",
        ] {
            assert!(!is_labelled_value(line), "{line}");
        }
    }

    #[test]
    fn quantity_lines() {
        for l in ["200 g Zucker", "1 Pck. Backpulver", "2 EL Kakao", "½ cup milk", "5 Eier (Gr. M)"]
        {
            assert!(quantity_led(l, l.split_whitespace().count()), "{l}");
        }
        // Led by whitespace, any ASCII character, a fraction.
        for l in [" 200 g Zucker", "\t2 EL Kakao", "\u{a0}5 Eier", "¼ l Milch", "x2 EL Kakao"] {
            let words = l.split_whitespace().count();
            let t = l.trim_start();
            let led = t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾'));
            assert_eq!(quantity_led(l, words), led, "{l:?}");
        }
        for b in 0..0x80u8 {
            let l = format!("{}200 g Zucker", b as char);
            let led = b.is_ascii_digit() || (b as char).is_whitespace();
            assert_eq!(quantity_led(&l, 3), led, "{l:?}");
        }
        // Near misses: a date, a price alone, a sentence led by a year.
        for l in [
            "12.05.2020",
            "19,99 €",
            "2019 war ein gutes Jahr für den Verein.",
            "Zutaten",
            "3 Gründe, warum sich ein Vergleich der Angebote vor dem Abschluss eines Vertrags lohnt",
        ] {
            assert!(!quantity_led(l, l.split_whitespace().count()), "{l}");
        }
    }

    #[test]
    fn fact_box_runs_cost_nothing() {
        let text =
            "Home\nBorn: 1954\nHeight: 1.85 m\nTeam: Rovers\nNews\nPhone: 555 0100\nSports\n";
        let doc = Document::from_text(text);
        let scores = line_scores(&doc, &doc.kept_ids()).main;
        // Three labelled values in a row are a fact box; a lone one is not.
        assert_eq!(&scores[1..4], &[0.0, 0.0, 0.0]);
        assert!(scores[5] < 0.0);
        assert!(scores[0] < 0.0 && scores[4] < 0.0);
    }

    #[test]
    fn drawn_table_rows_cost_nothing() {
        let doc =
            Document::from_text("404 │ 0 │ 0.13\n────┼────\nstatus │ total\nHome\nNews | Sport\n");
        let scores = line_scores(&doc, &doc.kept_ids()).main;
        assert_eq!(&scores[..3], &[0.0, 0.0, 0.0]);
        // Menus drawn with plain pipes or none are still fragments.
        assert!(scores[3] < 0.0 && scores[4] < 0.0);
    }

    #[test]
    fn code_lines() {
        assert!(is_code_like("it(\"should greet passed target\", function() {"));
        assert!(is_code_like("12.3. OAuth dialog form submission.............14"));
        assert!(is_code_like("SELECT unnest(array[2, 3, 5]) AS n;"));
        assert!(!is_code_like("Home"));
        assert!(!is_code_like("The mayor (who spoke first) said no."));
        // Marks counted over bytes agree with counting decoded characters,
        // whatever whitespace the line holds.
        let reference = |line: &str| {
            let marks = line.bytes().filter(|b| b"{}()[]<>;=\"$\\`".contains(b)).count();
            let visible = line.chars().filter(|c| !c.is_whitespace()).count();
            marks >= CODE_MIN_MARKS && marks * CODE_MARK_SHARE >= visible
        };
        for line in [
            "f(x) = {y}",
            "f(x)\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}ab",
            "f(x)\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}é",
            "Él dijo (sí) «vale» y se fue del salón a las nueve",
            "東京(とうきょう)は日本の首都です",
            "a\t\x0b(b)\x0c\r",
        ] {
            assert_eq!(is_code_like(line), reference(line), "{line}");
        }
        // The ranges of marks are the marks.
        for b in 0..=u8::MAX {
            assert_eq!(is_code_mark(b), CODE_MARKS.contains(&b), "{b}");
        }
        // Marks and printable characters counted a block at a time, as one
        // at a time: at every place of lines of every length up to three
        // blocks, with the count's limit on either side.
        for len in 0..3 * SCAN_BLOCK {
            for at in 0..len {
                for mark in [b'{', b'`', b'\\', b'"', b'a', b' ', 0x80] {
                    let mut line = vec![b'x'; len];
                    line[at] = mark;
                    line[len - 1 - at / 2] = b'=';
                    let marks = line.iter().filter(|b| CODE_MARKS.contains(b)).count();
                    assert_eq!(code_marks(&line), marks, "{len} {at} {mark}");
                    let graphic = line.iter().filter(|b| b.is_ascii_graphic()).count();
                    for limit in [at, graphic.saturating_sub(1), graphic, len] {
                        let more = more_bytes_than(&line, limit, |b| b.is_ascii_graphic());
                        assert_eq!(more, graphic > limit, "{len} {at} {mark} {limit}");
                    }
                }
            }
        }
        // Dot leaders anywhere, as a substring search finds them.
        for line in ["Intro....3", "....", "a...b", "...", "Wait... what.... ok", "x.y.z.w", "..."]
        {
            assert_eq!(is_code_like(line), line.contains("....") || reference(line), "{line}");
        }
    }

    #[test]
    fn drawn_rules_found_by_their_bytes() {
        for line in [
            "404 │ 0 │ 0.13",
            "────┼────",
            "a ┃ b",
            "═══╋═══",
            "“Quoted” — text – with ’ marks",
            "─── ━━━ plain rules",
            "│",
            "x\u{2500}",
            "",
        ] {
            assert_eq!(is_drawn_table_row(line), line.contains(['│', '┃', '┼', '╋']), "{line}");
        }
    }

    #[test]
    fn kadane() {
        assert_eq!(best_block(&[-3.0, 20.0, -1.0, 15.0, -3.0, -3.0], &[]), Some((1, 3, 34.0)));
        let mut gap = vec![30.0];
        gap.extend([-3.0; GAP_LINES]);
        gap.push(40.0);
        assert_eq!(best_block(&gap, &[]), Some((GAP_LINES + 1, GAP_LINES + 1, 40.0)));
        assert_eq!(best_block(&[-3.0, -1.0], &[]), None);
        // Lines removed before this stage join a run of weak lines.
        assert_eq!(best_block(&[20.0, -1.0, 15.0], &[0, 0, 0]), Some((0, 2, 34.0)));
        assert_eq!(best_block(&[20.0, -1.0, 15.0], &[0, GAP_LINES - 1, 0]), Some((0, 0, 20.0)));
        assert_eq!(best_block(&[20.0, 15.0], &[0, GAP_LINES - 1]), Some((0, 1, 35.0)));
    }

    #[test]
    fn weak_tail() {
        // Article, a share bar, then a two-line pitch: the pitch is cut off.
        let s = [40.0, 60.0, 30.0, -3.0, -3.0, -3.0, 8.0, 9.0];
        assert_eq!(trim_weak_tail(&s, 0, 7, 20.0), 2);
        // A strong last piece (the article went on after a gallery) stays.
        let s = [40.0, 60.0, -3.0, -3.0, -3.0, 45.0, 30.0];
        assert_eq!(trim_weak_tail(&s, 0, 6, 20.0), 6);
        // Two sub-headings in a row are no gap.
        let s = [40.0, 60.0, -3.0, -3.0, 12.0, 9.0];
        assert_eq!(trim_weak_tail(&s, 0, 5, 20.0), 5);
        // Pieces are cut one after the other, never the whole block.
        let s = [40.0, -3.0, -3.0, -3.0, 5.0, -3.0, -3.0, -3.0, 8.0];
        assert_eq!(trim_weak_tail(&s, 0, 8, 20.0), 0);
        let s = [10.0, -3.0, -3.0, -3.0, 5.0];
        assert_eq!(trim_weak_tail(&s, 0, 4, 20.0), 0);
    }
}
