//! `chrome`: site chrome (POLICY.md "Remove" 1).
//!
//! Phrase rules from the `chrome.txt` packs (skip links, share and follow
//! prompts, cookie notices, ad markers, tag and source labels, copyright
//! lines...), and language-independent shapes: lines without a letter or digit
//! (`+`, `|`, `»`), lines that hold only a date or time, menus and breadcrumbs
//! (short items between `|`, `›`, `>`, `/` or `•`), ticker and calendar
//! widgets, bylines (`By Jane Doe`, a lone author name above the article
//! body), and comment sections from their heading (`comments.txt`) to the end.
//!
//! Never removed here: a line with more words than a rule's cap, prose that
//! mentions a phrase, interview speaker lines (`NAME: text.`), fact-box lines
//! (`Stat: ...`), timeline lines that start with a date and go on as a
//! sentence, sub-headings inside the article.

use crate::bytes::for_each_block;
use crate::document::{Document, LineId};
use crate::filter::Filter;
use crate::filters::dates::{WordSet, is_calendar_word, is_date_line};
use crate::filters::shape::{
    ends_sentence, ends_with_full_stop, has_alnum, is_name_like, is_table_row, table_cell_text,
    word_count,
};
use crate::rules::{Caps, Hit, Matcher, PatternKind, Probe, RuleSet, fold};
use crate::verdict::{Reason, Rule};

const NAME: &str = "chrome";

/// A menu item has at most this many words; longer pieces are prose or headlines.
const MENU_ITEM_MAX_WORDS: usize = 4;
/// A keyword list has at least this many comma-separated items...
const KEYWORD_LIST_ITEMS: usize = 8;
/// ...of at most this many words each (two on average).
const KEYWORD_ITEM_MAX_WORDS: usize = 3;
/// A menu has at least this many items (two separators).
const MENU_MIN_ITEMS: usize = 3;
/// A navigation bar drawn as a table row has at least this many cells.
const TABLE_MENU_CELLS: usize = 4;
/// A calendar's row (`| Sun | Mon | ... |`, `| 3 | 4 | ... |`) has at least this many.
const CALENDAR_ROW_CELLS: usize = 5;
/// A count of views written out after a title has at least this many
/// characters (`1,204 views`; `2 cups` is a quantity).
const COUNT_MIN_DIGITS: usize = 3;
/// A run of list items ending in counts has at least this many.
const COUNTED_LIST_ITEMS: usize = 3;
/// A marker followed by this many more markers starts a comment thread.
const COMMENT_THREAD_MARKERS: usize = 2;
/// ...each within this many lines of the previous one.
const COMMENT_THREAD_GAP: usize = 15;
/// Lines above a thread's first reply marker (its comment) that go with it. a thread's first marker that go with it.
const COMMENT_HEADER_LINES: usize = 2;
/// A comment count ends a post's meta line in at most this many words
/// (`Comments: 0`, `3 Kommentare`, `Yorumlar (2)`).
const COMMENT_COUNT_TAIL_WORDS: usize = 3;
/// A thread of dated comment headers has at least this many...
const DATED_THREAD_HEADERS: usize = 5;
/// ...each at most this many lines after the previous...
const DATED_THREAD_GAP: usize = 12;
/// ...and at least this many words of prose come before its first.
const DATED_THREAD_PROSE_BEFORE: usize = 40;
/// A dated thread's first header is the article's own byline when the text
/// under it has at least this many words of prose, more than all the other
/// headers' posts together: a comment rarely runs that long, an article does.
/// (An article's body runs to several hundred words; the longest comments of
/// the fixtures' threads stay well below it.)
const DATED_BYLINE_BODY_WORDS: usize = 200;
/// A dated thread ends after its last post (as many lines as the widest gap
/// between its headers) when at least this many words of prose follow, and at
/// least [`DATED_TEXT_AFTER_FACTOR`] times what the thread itself and the
/// page above it hold: a box of customer reviews above the article, not the
/// comments closing the page.
const DATED_TEXT_AFTER_WORDS: usize = 100;
const DATED_TEXT_AFTER_FACTOR: usize = 4;
/// Lines longer than this are never chrome by themselves (the longest rule
/// caps, for cookie notices, are below it).
const MAX_CHROME_WORDS: usize = 80;
/// A dated meta line (`8. November 2021 | Aktuelles`) has at most this many
/// words: a date, a time, a category, an author, a comment count. Headlines
/// with a date run longer.
const DATED_META_MAX_WORDS: usize = 16;
/// Besides the date and a byline, each piece of a dated meta line is a
/// label of at most this many words (`Aktuelles`, `View Comments`,
/// `0 Kommentare`): a section name or a counter, not a phrase of text.
const DATED_META_LABEL_WORDS: usize = 3;
/// A page has at most this many dated meta lines of its own: the post's, at
/// the top and perhaps repeated at the end (more are a list or a thread).
const DATED_META_MAX_LINES: usize = 2;
/// ...and they stand above this share of its text, where a post's meta line
/// sits (under the headline). Lower down, a date with a name heads a comment
/// or signs off a post (`Posted on ... | Permalink`), and goes or stays with
/// what it heads. (0.5 took a fixture's sign-off line; 0.2 keeps every gain
/// on the segment benchmark.)
const DATED_META_TEXT_BEFORE_SHARE: f64 = 0.2;
/// A comment section swallows the rest of the document only when at least this
/// share of the document's words lies before its heading: the article is over.
const COMMENTS_AFTER_SHARE: f64 = 0.5;

/// Removes site chrome.
#[derive(Clone, Debug)]
pub struct ChromeFilter {
    phrases: Matcher,
    comments: Matcher,
    replies: Matcher,
    date_labels: WordSet,
    byline_words: WordSet,
}

impl ChromeFilter {
    /// Builds the filter from the `chrome`, `comments`, `dates` and `byline` rules.
    pub fn new(rules: &RuleSet) -> ChromeFilter {
        ChromeFilter {
            phrases: rules.matcher("chrome"),
            comments: rules.matcher("comments"),
            replies: rules.matcher("replies"),
            date_labels: rules.phrases("dates").into_iter().collect(),
            byline_words: rules.phrases("byline").into_iter().collect(),
        }
    }

    /// Judges one line on its own; `None` keeps it.
    fn judge_line(&self, doc: &Document<'_>, id: LineId) -> Option<Rule> {
        let line = doc.text(id);
        if !has_alnum(line) {
            return Some(Rule::Builtin("lone-symbol"));
        }
        let words = doc.words(id);
        if words > MAX_CHROME_WORDS {
            return None;
        }
        let probe = doc.probe(id);
        if let Some(hit) = self.phrases.probe(&probe, Caps::Apply)
            && !is_labelled_sentence(line, &hit)
        {
            return Some(hit.rule);
        }
        if words <= 24 && is_date_line(probe.folded(), &self.date_labels) {
            return Some(Rule::Builtin("date-time"));
        }
        // Most lines hold too few separators for any of the three shapes
        // below: one pass over their bytes spares them the searches.
        let bounds = SeparatorBounds::of(line);
        if (bounds.may_be_menu() && is_menu(line)) || is_post_navigation(line) {
            return Some(Rule::Builtin("menu"));
        }
        if bounds.may_be_widget() && is_widget(line) {
            return Some(Rule::Builtin("widget"));
        }
        if bounds.may_be_keyword_list() && is_keyword_list(line) {
            return Some(Rule::Builtin("keyword-list"));
        }
        if self.is_byline(line, &probe) {
            return Some(Rule::Builtin("byline"));
        }
        None
    }

    /// Removes a post's dated meta lines ([`Self::is_dated_meta`]) when the
    /// page has only a few, near the top of its text: an article's own. More
    /// of them, or ones lower down, head the posts of a list or the comments
    /// of a thread, which go or stay as a whole (the comment
    /// section, the structure stage): taking out only their headers would
    /// leave the text under them looking like one block.
    ///
    /// `prose` holds the words of each line of `ids` that is prose (0 for others).
    ///
    /// Cost: two passes over the kept lines.
    fn remove_dated_meta(&self, doc: &mut Document<'_>, ids: &[LineId], prose: &[usize]) {
        let total: usize = prose.iter().sum();
        let mut before = 0usize;
        let mut dated = Vec::new();
        for (&id, &words) in ids.iter().zip(prose) {
            if (before as f64) < total as f64 * DATED_META_TEXT_BEFORE_SHARE
                && doc.is_kept(id)
                && self.is_dated_meta(doc.text(id), doc.words(id))
            {
                dated.push(id);
            }
            before += words;
        }
        if dated.len() <= DATED_META_MAX_LINES {
            for id in dated {
                doc.remove(id, Reason::builtin(NAME, "dated-meta"));
            }
        }
    }

    /// A post's meta line: a date first, then a category, an author or a
    /// comment count, between separators (`8. November 2021 | Aktuelles`,
    /// `2021-10-16 | Botschaft`, `23.06.2016 um 16:14 Uhr - Jane Doe - 91
    /// Kommentare`). The date names a day (two figures at least: `March
    /// 1999 - Translator` is a line of a CV); after it, every piece must be a
    /// byline or a short label without a colon (`Instructor: Jane` is a fact
    /// of the event the date belongs to). A title before its date (`Diary -
    /// March 13, 2001`: an entry of a list), a table row or a sentence keeps
    /// the line.
    ///
    /// Cost: only short lines with a digit; a linear date test on the first
    /// piece, a word count on the others.
    fn is_dated_meta(&self, line: &str, words: usize) -> bool {
        if words > DATED_META_MAX_WORDS
            || !line.bytes().any(|b| b.is_ascii_digit())
            || is_table_row(line)
            || ends_with_full_stop(line)
        {
            return false;
        }
        let pieces = meta_pieces(line);
        let [first, rest @ ..] = pieces.as_slice() else { return false };
        let figures = first.split(|c: char| !c.is_ascii_digit()).filter(|f| !f.is_empty());
        !rest.is_empty()
            && figures.count() >= 2
            && is_date_line(&fold(first), &self.date_labels)
            && rest.iter().all(|piece| {
                self.is_byline_piece(piece)
                    || (word_count(piece) <= DATED_META_LABEL_WORDS
                        && !ends_sentence(piece)
                        && !piece.contains(':'))
            })
    }

    /// True when a line ends with a comment count or a comments link, as the
    /// `comments` rules word them (`Posted by Jane at 11:21 PM | 3 Comments`,
    /// `... 4:05 pm Kommentare (2)`): the header or footer of a post in a list
    /// of posts, which counts the comments under it. A comment's own header
    /// never does.
    ///
    /// Cost: up to three matcher probes of the line's last words; run only
    /// on dated header lines.
    fn ends_with_comment_count(&self, line: &str) -> bool {
        let line = line.trim_end();
        let mut tail_start = line.len();
        for _ in 0..COMMENT_COUNT_TAIL_WORDS {
            let Some(space) = line[..tail_start].rfind(' ') else { return false };
            tail_start = space;
            let tail = line[space + 1..].trim_start_matches(['|', '-', '–', '·', '•', ' ']);
            if !tail.is_empty() && self.comments.find(tail, Caps::Apply).is_some() {
                return true;
            }
        }
        false
    }

    /// `By Jane Doe`, `Von Max Muster | Redakteur`: a byline word, then a name.
    fn is_byline(&self, line: &str, probe: &Probe<'_>) -> bool {
        // The first word, up to a space or a colon: a short walk over bytes
        // (both are ASCII), cheaper than a memchr call or a `char` split.
        let folded = probe.folded();
        let end = folded.bytes().position(|b| b == b' ' || b == b':').unwrap_or(folded.len());
        let first = &folded[..end];
        if !self.byline_words.contains(first) {
            return false;
        }
        let main = line.split(['|', ',', '–', '—']).next().unwrap_or(line).trim();
        let Some((_, rest)) = main.split_once(' ') else { return false };
        is_name_like(rest) || is_name_like(&format!("X {rest}"))
    }

    /// A byline word and a name (`von Jane Doe`, `by Jane Doe`).
    fn is_byline_piece(&self, piece: &str) -> bool {
        let Some((first, rest)) = piece.split_once(' ') else { return false };
        self.byline_words.contains(&fold(first))
            && (is_name_like(rest) || is_name_like(&format!("X {rest}")))
    }
}

/// The pieces of a meta line between its separators: pipes, middle dots,
/// bullets and spaced dashes (a hyphen inside a word or a date is no separator).
fn meta_pieces(line: &str) -> Vec<&str> {
    line.split(['|', '·', '•'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .filter(|p| has_alnum(p))
        .collect()
}

/// `text` up to its first `|`, `–` or `—`, what follows an author's name on
/// an author line (all of it when it has none): `text.split(['|', '–',
/// '—']).next()`.
///
/// Cost: a memchr search for `|` and 0xE2, the lead byte of both dashes,
/// where a split on a set of chars decodes every character.
fn before_name_separator(text: &str) -> &str {
    let bytes = text.as_bytes();
    let end = memchr::memchr2_iter(b'|', 0xE2, bytes)
        .find(|&i| bytes[i] == b'|' || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])))
        .unwrap_or(bytes.len());
    &text[..end]
}

/// `The Lorenz Equations`, `The Harbour Lights`: capitalised words after
/// `The` are a title (a section, a book, a band), never a person's name.
fn is_titled(line: &str) -> bool {
    line.starts_with("The ")
}

/// A label rule (`prefix: Muhabir:`) followed by a sentence, not by a name or
/// a list: an interview's speaker line (`MUHABİR: Neden?`), which is content.
fn is_labelled_sentence(line: &str, hit: &Hit) -> bool {
    if hit.pattern != PatternKind::Prefix || !line[..hit.span.end].trim_end().ends_with(':') {
        return false;
    }
    let rest = line[hit.span.end..].trim();
    rest.ends_with('?') || (ends_sentence(rest) && word_count(rest) >= 4)
}

/// A few characters looked for in every line.
struct CharSet<const N: usize> {
    chars: [char; N],
    /// The distinct bytes that start one of `chars` in UTF-8 (the first `leads`).
    lead_bytes: [u8; N],
    leads: usize,
}

impl<const N: usize> CharSet<N> {
    const fn new(chars: [char; N]) -> CharSet<N> {
        let mut lead_bytes = [0; N];
        let mut leads = 0;
        let mut k = 0;
        while k < N {
            let mut utf8 = [0; 4];
            let lead = chars[k].encode_utf8(&mut utf8).as_bytes()[0];
            let mut seen = false;
            let mut j = 0;
            while j < leads {
                seen |= lead_bytes[j] == lead;
                j += 1;
            }
            if !seen {
                lead_bytes[leads] = lead;
                leads += 1;
            }
            k += 1;
        }
        CharSet { chars, lead_bytes, leads }
    }

    /// How many of the characters `text` holds.
    ///
    /// Cost: a memchr search for their lead bytes, three at a time; a
    /// character is decoded only where one of them is found (a lead byte is
    /// never inside another character, so it is a character boundary).
    fn count(&self, text: &str) -> usize {
        let bytes = text.as_bytes();
        let at = |i: &usize| text[*i..].starts_with(self.chars);
        self.lead_bytes[..self.leads]
            .chunks(3)
            .map(|leads| match *leads {
                [a] => memchr::memchr_iter(a, bytes).filter(at).count(),
                [a, b] => memchr::memchr2_iter(a, b, bytes).filter(at).count(),
                [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).filter(at).count(),
                _ => unreachable!("chunks of one to three"),
            })
            .sum()
    }
}

/// Upper bounds on the separator counts that [`is_menu`], [`is_widget`] and
/// [`is_keyword_list`] need, from the bytes a separator can start with: no
/// character is counted without its first byte.
#[derive(Debug, Default)]
struct SeparatorBounds {
    /// `|`, `>` and `/`.
    ascii_menu: usize,
    colons: usize,
    /// 0xC2 and 0xE2, the first bytes of the other menu separators, the
    /// degree sign and the ticks.
    c2_e2: usize,
    /// `,`, `;` and 0xD8 (the first byte of `،`).
    keyword: usize,
}

impl SeparatorBounds {
    /// Counts the bytes of `line`.
    ///
    /// Cost: the line is read in blocks of a fixed size, the last one padded
    /// with zeros (which count as nothing), so that the compiler vectorises
    /// every block; cheaper than the half dozen memchr searches it spares
    /// most lines.
    fn of(line: &str) -> SeparatorBounds {
        let mut bounds = SeparatorBounds::default();
        for_each_block(line.as_bytes(), 0, |block| {
            let (mut menu, mut colons, mut c2_e2, mut keyword) = (0u8, 0u8, 0u8, 0u8);
            for &b in block {
                menu += u8::from(matches!(b, b'|' | b'>' | b'/'));
                colons += u8::from(b == b':');
                c2_e2 += u8::from(matches!(b, 0xc2 | 0xe2));
                keyword += u8::from(matches!(b, b',' | b';' | 0xd8));
            }
            bounds.ascii_menu += usize::from(menu);
            bounds.colons += usize::from(colons);
            bounds.c2_e2 += usize::from(c2_e2);
            bounds.keyword += usize::from(keyword);
        });
        bounds
    }

    /// False when `line` cannot hold the separators of a menu.
    fn may_be_menu(&self) -> bool {
        self.ascii_menu + self.c2_e2 >= MENU_MIN_ITEMS - 1
    }

    /// False when `line` has too few colons for a widget, and no degree sign or tick.
    fn may_be_widget(&self) -> bool {
        self.colons >= 3 || self.c2_e2 > 0
    }

    /// False when `line` cannot hold the separators of a keyword list.
    fn may_be_keyword_list(&self) -> bool {
        self.keyword >= KEYWORD_LIST_ITEMS - 1
    }
}

/// What separates the items of a menu or a breadcrumb trail.
const MENU_SEPARATORS: CharSet<9> = CharSet::new(['|', '›', '»', '•', '·', '>', '/', '¦', '→']);

/// What separates the items of a keyword list.
const KEYWORD_SEPARATORS: CharSet<3> = CharSet::new([',', ';', '،']);

/// What separates the fields of a ticker or clock widget.
const WIDGET_SEPARATORS: CharSet<4> = CharSet::new(['|', '/', '▲', '▼']);

/// A ticker's up and down marks.
const TICKS: CharSet<2> = CharSet::new(['▲', '▼']);

/// The sign of a temperature. (`str::contains` with a non-ASCII `char` sets
/// up a substring searcher per call; this is a memchr.)
const DEGREE: CharSet<1> = CharSet::new(['°']);

/// Splits on menu separators and checks every piece is a short label.
///
/// Cost: most lines hold fewer than two separators and are rejected by one
/// byte scan.
fn is_menu(line: &str) -> bool {
    // `| cell | cell |`: a table row, whose cells are content as often as not.
    // A row of one cell is judged by its content, where a menu's separators
    // were escaped (`| Help \| Contact \| Jobs |`).
    let unescaped;
    let line = if line.starts_with('|') && line.ends_with('|') {
        let cell = table_cell_text(line);
        if cell.replace("\\|", "").contains('|') {
            return false;
        }
        unescaped = cell.replace("\\|", "|");
        unescaped.as_str()
    } else {
        line
    };
    // Three items need two separators.
    if MENU_SEPARATORS.count(line) < MENU_MIN_ITEMS - 1 {
        return false;
    }
    // Cost: the line is split twice, without collecting the pieces.
    let pieces = || line.split(MENU_SEPARATORS.chars).map(str::trim);
    if pieces().filter(|p| !p.is_empty()).nth(MENU_MIN_ITEMS - 1).is_none() {
        return false;
    }
    // ` / ` must be spaced to count: `km/h` and dates are not menus.
    if line.contains('/') && !line.contains(" / ") && !line.contains(['|', '›', '»', '•', '·', '>'])
    {
        return false;
    }
    pieces().all(|p| word_count(p) <= MENU_ITEM_MAX_WORDS && !ends_with_full_stop(p))
}

/// The filled cells of a pipe-drawn table row (`| a | b \| c |`: escaped
/// pipes stay inside their cell).
fn row_cells(line: &str) -> Vec<&str> {
    let inner = table_cell_text(line);
    let mut cells = Vec::new();
    let mut start = 0;
    let b = inner.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'|' && !(i > 0 && b[i - 1] == b'\\') {
            cells.push(inner[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(inner[start..].trim());
    cells.retain(|c| has_alnum(c));
    cells
}

/// A calendar drawn as a table: a row of day numbers or weekday names.
fn is_calendar_row(cells: &[&str]) -> bool {
    cells.len() >= CALENDAR_ROW_CELLS
        && cells.iter().all(|c| {
            c.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
                || (c.chars().all(char::is_alphabetic) && is_calendar_word(&fold(c)))
                || (c.chars().count() == 1 && c.chars().all(char::is_uppercase))
        })
}

/// A navigation bar drawn as one table row: several short labels side by
/// side, no numbers. (Only a row standing alone counts: a data table's
/// header row has its data rows under it.)
fn is_menu_row(cells: &[&str]) -> bool {
    cells.len() >= TABLE_MENU_CELLS
        && cells.iter().all(|c| {
            word_count(c) <= MENU_ITEM_MAX_WORDS
                && !ends_with_full_stop(c)
                && c.chars().any(char::is_alphabetic)
                && !c.chars().any(|ch| ch.is_ascii_digit())
        })
}

/// Calendars and navigation bars that an extractor kept as table rows.
///
/// Rows are judged among `before`, the lines as they were before this stage,
/// so that a table's separator row (`|---|---|`) still joins its rows.
fn remove_table_widgets(doc: &mut Document<'_>, before: &[LineId]) {
    let ids = before;
    let rows: Vec<Option<Vec<&str>>> = ids
        .iter()
        .map(|&id| doc.text(id))
        .map(|t| (t.starts_with('|') && t.ends_with('|')).then(|| row_cells(t)))
        .collect();
    let is_row = |p: Option<usize>| p.and_then(|p| rows.get(p)).is_some_and(Option::is_some);
    let mut found = Vec::new();
    for (p, row) in rows.iter().enumerate() {
        let Some(cells) = row else { continue };
        if !doc.is_kept(ids[p]) || cells.len() < 2 {
            continue;
        }
        if is_calendar_row(cells) {
            found.push((ids[p], "widget"));
        } else if is_menu_row(cells) && !is_row(p.checked_sub(1)) && !is_row(Some(p + 1)) {
            found.push((ids[p], "menu"));
        }
    }
    for (id, rule) in found {
        doc.remove(id, Reason::builtin(NAME, rule));
    }
}

/// `- Post title (383)`, `- Post title - 15,023 views`: a bulleted list item
/// that ends in a count of views, comments or posts. A year in brackets
/// (`- Frog Prince (1971)`) is not a count, nor a quantity (`- Flour - 2 cups`).
fn is_counted_item(line: &str) -> bool {
    // The bullet is the line's first character: most lines start with a
    // byte that leads none (`•` and `·` are led by 0xE2 and 0xC2).
    if !matches!(line.as_bytes().first(), Some(b'-' | b'*' | 0xC2 | 0xE2)) {
        return false;
    }
    let t = line.trim_end();
    if !t.starts_with(['-', '•', '*', '·']) {
        return false;
    }
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && s.starts_with(|c: char| c.is_ascii_digit())
    };
    if let Some(inner) = t.strip_suffix(')').and_then(|r| r.rsplit_once('(')).map(|(_, n)| n) {
        let year =
            inner.len() == 4 && inner.parse::<u16>().is_ok_and(|y| (1800..2100).contains(&y));
        return digits(inner) && !year && word_count(t) >= 2;
    }
    // `title - 15,023 views`: a separator, a number and one word.
    let Some((head, tail)) = t.rsplit_once([' ', '\u{a0}']) else { return false };
    let Some((head, number)) = head.trim_end().rsplit_once(' ') else { return false };
    tail.chars().all(char::is_alphabetic)
        && digits(number)
        && number.len() >= COUNT_MIN_DIGITS
        && head.trim_end().ends_with(['-', '–', '—', '|', '·'])
}

/// A run of such items: a most-read or archive widget.
fn remove_counted_lists(doc: &mut Document<'_>) {
    let ids = doc.kept_ids();
    let mut run: Vec<LineId> = Vec::new();
    let mut found = Vec::new();
    for &id in ids.iter().chain([&usize::MAX]) {
        if id != usize::MAX && is_counted_item(doc.text(id)) {
            run.push(id);
            continue;
        }
        if run.len() >= COUNTED_LIST_ITEMS {
            found.append(&mut run);
        }
        run.clear();
    }
    for id in found {
        doc.remove(id, Reason::builtin(NAME, "widget"));
    }
}

/// `« Older post title | Main | Newer post title »`: a blog's links to the
/// posts before and after this one.
fn is_post_navigation(line: &str) -> bool {
    line.starts_with('«') && line.ends_with('»') && line.contains(" | ") && word_count(line) <= 40
}

/// `travel, hotels, cheap flights, city, beach, ...`: a comma-separated list
/// of single words or short phrases, no sentence, as tag clouds and keyword
/// stuffing leave behind. An article's enumerations run inside a sentence.
fn is_keyword_list(line: &str) -> bool {
    // So many items need one separator fewer.
    if ends_sentence(line) || KEYWORD_SEPARATORS.count(line) < KEYWORD_LIST_ITEMS - 1 {
        return false;
    }
    // Cost: one pass, stopping at the first item too long for a keyword.
    let (mut items, mut words) = (0usize, 0usize);
    for item in line.split(KEYWORD_SEPARATORS.chars).map(str::trim).filter(|p| !p.is_empty()) {
        let n = word_count(item);
        if n > KEYWORD_ITEM_MAX_WORDS {
            return false;
        }
        items += 1;
        words += n;
    }
    items >= KEYWORD_LIST_ITEMS && words <= items * 2
}

/// Tickers, clocks, weather and calendar widgets: numbers, `key : value`
/// pairs and separators, no sentence.
///
/// Cost: most lines have neither three colons, a degree sign nor a tick, and
/// are rejected by byte searches.
fn is_widget(line: &str) -> bool {
    if ends_sentence(line) {
        return false;
    }
    let colons = memchr::memchr_iter(b':', line.as_bytes()).count();
    let has_temp_sign = DEGREE.count(line) > 0;
    let has_ticks = TICKS.count(line) > 0;
    if (colons < 3 && !has_temp_sign && !has_ticks) || word_count(line) > 30 {
        return false;
    }
    let b = line.as_bytes();
    // `key : value` pairs, not clock times (a colon between two digits).
    let pairs = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            c == b':'
                && !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
        .count();
    let separators = WIDGET_SEPARATORS.count(line);
    if pairs >= 3 && separators >= 2 {
        return true;
    }
    // A clock or temperature among a few words: `Saat: 07:15 | İstanbul 3°C`.
    let has_clock =
        b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let has_temp =
        has_temp_sign && (line.contains("°C") || line.contains("°F") || line.contains("° "));
    (has_temp && has_clock && word_count(line) <= 8) || (has_ticks && separators >= 2)
}

impl Filter for ChromeFilter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "site chrome: skip links, menus, dates, bylines, widgets, share/cookie/ad lines, tags, copyright, comments"
    }

    fn apply(&self, doc: &mut Document<'_>) {
        let ids = doc.kept_ids();
        for &id in &ids {
            if let Some(rule) = self.judge_line(doc, id) {
                doc.remove(id, Reason { filter: NAME, rule });
            }
        }
        // Words of prose per line of `ids`, for the passes below: worked out
        // once, as this stage removes lines but never changes their text.
        let prose: Vec<usize> =
            ids.iter().map(|&id| if doc.is_prose(id) { doc.words(id) } else { 0 }).collect();
        self.remove_author_lines(doc);
        self.remove_dated_meta(doc, &ids, &prose);
        remove_table_widgets(doc, &ids);
        remove_counted_lists(doc);
        self.remove_comment_section(doc, &ids, &prose);
    }
}

impl ChromeFilter {
    /// A lone author name (`Elena Teslova`) between the headline and the first
    /// prose paragraph is a byline; further down it could be anything.
    fn remove_author_lines(&self, doc: &mut Document<'_>) {
        let ids = doc.kept_ids();
        let first_prose = ids.iter().position(|&id| doc.is_prose(id)).unwrap_or(0);
        let mut found: Vec<LineId> = Vec::new();
        for &id in ids.iter().take(first_prose).skip(1) {
            // The word count is known already: longer lines need no other test.
            if doc.words(id) > 8 {
                continue;
            }
            let name_part = before_name_separator(doc.text(id)).trim();
            if is_name_like(name_part) && !is_titled(name_part) {
                found.push(id);
            }
        }
        for id in found {
            doc.remove(id, Reason::builtin(NAME, "author-line"));
        }
    }

    /// A comment section, from where it starts to the end of the document.
    ///
    /// Every line matching a `comments.txt` rule (a heading, a form, a count)
    /// or a `replies.txt` rule (`Reply` under each comment) goes. The rest of
    /// the document goes too from the first heading after which lies less
    /// than half of the document's prose (the article is over), or from the
    /// start of a thread: three reply markers a few lines apart, taken back
    /// to a heading shortly above them or else to the first comment's header
    /// line (`Jane July 3, 2012 at 4:05 pm`).
    ///
    /// Comment headers are looked for among `before`, the lines as they were
    /// before this stage: a phrase rule may already have taken them
    /// (`Posted by: Jane | March 3, 2007 2:04 PM`), but they still mark the
    /// thread; `before_prose` holds the words of each that is prose.
    fn remove_comment_section(
        &self,
        doc: &mut Document<'_>,
        before: &[LineId],
        before_prose: &[usize],
    ) {
        if self.comments.is_empty() && self.replies.is_empty() {
            return;
        }
        let ids = doc.kept_ids();
        // The kept lines are some of `before`, in the same order, and their
        // text has not changed: their prose words are read from there.
        let prose: Vec<usize> = {
            let mut at = 0;
            ids.iter()
                .map(|&id| {
                    while before[at] != id {
                        at += 1;
                    }
                    before_prose[at]
                })
                .collect()
        };
        let total: usize = prose.iter().sum();
        let mut headings = Vec::new();
        let mut replies = Vec::new();
        for (p, &id) in ids.iter().enumerate() {
            let probe = doc.probe(id);
            if let Some(hit) = self.comments.probe(&probe, Caps::Apply) {
                headings.push((p, hit.rule));
            } else if let Some(hit) = self.replies.probe(&probe, Caps::Apply) {
                replies.push((p, hit.rule));
            }
        }
        // Cost: one pass over the lines, the headings consumed as it goes.
        let late_heading = {
            let mut before = 0usize;
            let mut found = None;
            let mut h = headings.iter().peekable();
            for (p, &w) in prose.iter().enumerate() {
                if h.peek().is_some_and(|(hp, _)| *hp == p) {
                    h.next();
                    if total > 0 && before as f64 / total as f64 >= COMMENTS_AFTER_SHARE {
                        found = Some(p);
                        break;
                    }
                }
                before += w;
            }
            found
        };
        // Cost: a fixed-size window slid once over the reply markers; the
        // walks back from the first marker take at most a few lines.
        let thread_start = replies
            .windows(COMMENT_THREAD_MARKERS + 1)
            .find(|w| w.windows(2).all(|pair| pair[1].0 - pair[0].0 <= COMMENT_THREAD_GAP))
            .map(|w| {
                let first = w[0].0;
                let heading = headings
                    .iter()
                    .rev()
                    .map(|(p, _)| *p)
                    .find(|&p| p < first && first - p <= COMMENT_THREAD_GAP * 2);
                heading.unwrap_or_else(|| {
                    let mut start = first;
                    let mut taken = 0;
                    // The first comment: its header line(s) and its text above the marker.
                    while start > 0
                        && taken < COMMENT_HEADER_LINES + 1
                        && !is_prose_heavy(doc.text(ids[start - 1]))
                    {
                        start -= 1;
                        taken += 1;
                    }
                    start
                })
            });
        let dated = dated_comment_thread(doc, before, before_prose, |line| {
            self.ends_with_comment_count(line)
        });
        // Where a dated thread that text follows ends, in `ids`.
        let dated_end = dated
            .and_then(|(_, end)| end)
            .map(|e| before.get(e).map_or(ids.len(), |&id| ids.partition_point(|&i| i < id)));
        let dated_thread = dated.map(|(p, _)| {
            let first = ids.partition_point(|&id| id < before[p]);
            // A comments heading shortly above the first header: the first
            // comment lies between them (its header may come under its text).
            headings
                .iter()
                .rev()
                .map(|(h, _)| *h)
                .find(|&h| h < first && first - h <= DATED_THREAD_GAP)
                .unwrap_or(first)
        });
        for (p, rule) in headings.into_iter().chain(replies) {
            doc.remove(ids[p], Reason { filter: NAME, rule });
        }
        let Some(cut) = [late_heading, thread_start, dated_thread].into_iter().flatten().min()
        else {
            return;
        };
        // A dated thread with the article after it goes alone, unless a
        // comments heading or reply markers start the end of the page first.
        let stop = match dated_end {
            Some(end) if Some(cut) == dated_thread && end > cut => end,
            _ => ids.len(),
        };
        for &rest in &ids[cut..stop] {
            doc.remove(rest, Reason::builtin(NAME, "comment-section"));
        }
    }
}

/// The start of a thread of comments recognised by their header lines alone
/// (`jane 11.06.12 at 11:22 am`, `Bart | November 9, 2012 12:20 AM`): at
/// least four short dated lines, each a few lines after the previous one,
/// the first of them after a paragraph of prose (so an article's own dated
/// byline above its text never starts one).
///
/// Returns the position of its first header and, when text follows the
/// thread (see [`thread_extent`]), the position where it ends.
fn dated_comment_thread(
    doc: &Document<'_>,
    ids: &[LineId],
    prose: &[usize],
    counts_comments: impl Fn(&str) -> bool,
) -> Option<(usize, Option<usize>)> {
    let dated: Vec<usize> =
        (0..ids.len()).filter(|&p| is_dated_header(doc.text(ids[p]), doc.words(ids[p]))).collect();
    // A header of the same shape above the page's prose: the text it heads is
    // itself the first post (a forum topic, a blog's front page), and what
    // follows are more posts, not comments on it.
    let opening =
        dated.first().filter(|&&p| prose[..p].iter().sum::<usize>() < DATED_THREAD_PROSE_BEFORE);
    let opening_shape = opening.map(|&p| header_shape(doc.text(ids[p])));
    let mut prose_before = 0usize;
    let mut next = 0usize;
    for w in dated.windows(DATED_THREAD_HEADERS) {
        while next < w[0] {
            prose_before += prose[next];
            next += 1;
        }
        let regular = w.windows(2).all(|pair| pair[1] - pair[0] <= DATED_THREAD_GAP);
        if regular && prose_before >= DATED_THREAD_PROSE_BEFORE {
            let posts = opening_shape
                .as_ref()
                .is_some_and(|shape| w.iter().any(|&p| header_shape(doc.text(ids[p])) == *shape));
            // Most headers count the comments under them: a list of posts
            // (a blog's front page), each signed off with its meta line.
            let counted = w.iter().filter(|&&p| counts_comments(doc.text(ids[p]))).count();
            if posts || 2 * counted > w.len() {
                return None;
            }
            let at = dated.partition_point(|&p| p < w[0]);
            return Some(thread_extent(&dated[at..], prose));
        }
    }
    None
}

/// The first header and the end (exclusive) of a dated thread whose regular
/// run of headers opens `dated`: the first header is left out when it heads
/// the article itself (see [`DATED_BYLINE_BODY_WORDS`]), and the end is given
/// only when the article goes on after the thread (see
/// [`DATED_TEXT_AFTER_WORDS`]).
///
/// Cost: one pass over the run of headers and one sum over the lines.
fn thread_extent(dated: &[usize], prose: &[usize]) -> (usize, Option<usize>) {
    let run = 1 + dated.windows(2).take_while(|p| p[1] - p[0] <= DATED_THREAD_GAP).count();
    let run = &dated[..run];
    let widest = run.windows(2).map(|p| p[1] - p[0]).max().unwrap_or(1);
    let last_end = (run[run.len() - 1] + widest).min(prose.len());
    let post = |k: usize| {
        let to = run.get(k + 1).copied().unwrap_or(last_end);
        prose[run[k]..to].iter().sum::<usize>()
    };
    let rest: usize = (1..run.len()).map(post).sum();
    let byline = post(0) >= DATED_BYLINE_BODY_WORDS && post(0) > rest;
    let start = if byline { run[1] } else { run[0] };
    // Both the thread and the text above it must be outweighed: comments
    // close the article, so most of its text lies above them.
    let inside: usize = prose[start..last_end].iter().sum();
    let above: usize = prose[..start].iter().sum();
    let after: usize = prose[last_end..].iter().sum();
    // A later header means the thread only paused (a long comment).
    let followed = run.len() == dated.len()
        && after >= DATED_TEXT_AFTER_WORDS
        && after >= DATED_TEXT_AFTER_FACTOR * inside.max(above);
    (start, followed.then_some(last_end))
}

/// The shape of a header line, the same for every post of a thread: words
/// and handles (runs of them) as `w`, month and weekday names as `M`,
/// numbers as `0`, punctuation as itself, spaces and a leading post number
/// left out.
fn header_shape(line: &str) -> String {
    let mut shape = String::new();
    let tokens = line.split(|c: char| !(c.is_alphanumeric() || c == '_'));
    let mut rest = line;
    for token in tokens {
        // The punctuation between the previous token and this one.
        let at = rest.find(token).unwrap_or(0);
        shape.extend(rest[..at].chars().filter(|c| !c.is_whitespace()));
        rest = &rest[at + token.len()..];
        if token.is_empty() {
            continue;
        }
        let class = if !token.chars().any(char::is_alphabetic) {
            '0'
        } else if is_calendar_word(&fold(token)) {
            'M'
        } else {
            'w'
        };
        if !(class != 'M' && shape.ends_with(class)) {
            shape.push(class);
        }
    }
    shape.extend(rest.chars().filter(|c| !c.is_whitespace()));
    shape.trim_start_matches(|c: char| c == '0' || c.is_ascii_punctuation()).to_string()
}

/// A comment's header: a short line, no full stop, with a date and a clock
/// time (references and timelines have dates without times).
fn is_dated_header(line: &str, words: usize) -> bool {
    if words > 16 {
        return false;
    }
    let b = line.as_bytes();
    // `4:05`: a digit, a colon and two digits. Cost: a memchr search for the
    // colons, which most lines do not have: tried before the full stop, whose
    // test decodes the line's last chars.
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let clock =
        memchr::memchr_iter(b':', b).any(|i| i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2));
    if !clock || ends_with_full_stop(line) {
        return false;
    }
    let month = line
        .split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && is_calendar_word(&fold(w)));
    let numeric_date = b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[2], b'.' | b'/' | b'-')
            && w[1].is_ascii_digit()
            && w[3].is_ascii_digit()
    });
    // Someone's name or handle beside the date: data rows have only numbers.
    let named = line
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 3 && !is_calendar_word(&fold(w)));
    (month || numeric_date) && named
}

/// A long paragraph: where walking back from a thread's first reply marker stops.
fn is_prose_heavy(line: &str) -> bool {
    word_count(line) > 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_headers_need_a_clock() {
        assert!(is_dated_header("jane 11.06.12 at 11:22 am", 6));
        assert!(is_dated_header("Bart | November 9, 2012 12:20 AM", 7));
        assert!(!is_dated_header("Bart | November 9, 2012 12:2 AM", 7));
        assert!(!is_dated_header("Bart | November 9, 2012 1:2", 6));
        assert!(!is_dated_header(":20 Bart November 9, 2012", 5));
    }

    #[test]
    fn separator_bounds_never_undercount() {
        let long = "a | b, ".repeat(100);
        for line in [
            "",
            "Home | News › World » Europe • Today · Now > Here / There ¦ X → Y",
            "Saat: 07:15 | İstanbul 3°C ▲ 0,5 ▼ 1,2",
            "a, b; c، d, e, f, g, h",
            "Plain prose line with no separators at all.",
            "“Quotes” and ’ apostrophes — dashes",
            long.as_str(),
        ] {
            let b = SeparatorBounds::of(line);
            assert!(b.ascii_menu + b.c2_e2 >= MENU_SEPARATORS.count(line), "{line}");
            assert!(b.colons == line.matches(':').count(), "{line}");
            assert!(b.c2_e2 >= DEGREE.count(line) + TICKS.count(line), "{line}");
            assert!(b.keyword >= KEYWORD_SEPARATORS.count(line), "{line}");
            assert!(b.may_be_menu() || !is_menu(line), "{line}");
            assert!(b.may_be_widget() || !is_widget(line), "{line}");
            assert!(b.may_be_keyword_list() || !is_keyword_list(line), "{line}");
        }
    }

    #[test]
    fn dated_thread_extent() {
        // Prose words per line; headers at 10, 12, 14, 16, 18 (no prose).
        let mut prose = vec![0usize; 60];
        prose[2] = 50;
        // A box of short reviews, then the article: the thread ends after
        // its last post (one line, the widest gap less the header).
        for (k, p) in prose.iter_mut().enumerate().skip(21).take(10) {
            *p = if k % 2 == 1 { 40 } else { 0 };
        }
        let headers = [10, 12, 14, 16, 18];
        assert_eq!(thread_extent(&headers, &prose), (10, Some(20)));
        // Near miss: comments closing the page, the text above them.
        let mut closing = prose.clone();
        closing[2] = 400;
        assert_eq!(thread_extent(&headers, &closing), (10, None));
        // Near miss: a later header, the thread only paused for a long post.
        assert_eq!(thread_extent(&[10, 12, 14, 16, 18, 40], &prose), (10, None));
        // The first header over a long text is the article's byline.
        let mut byline = vec![0usize; 60];
        byline[2] = 50;
        for p in byline.iter_mut().skip(11).take(5) {
            *p = 60;
        }
        assert_eq!(thread_extent(&[10, 17, 19, 21, 23], &byline).0, 17);
        // Near miss: a long first comment among long ones stays in the thread.
        for p in byline.iter_mut().skip(18).take(6) {
            *p = 60;
        }
        assert_eq!(thread_extent(&[10, 17, 19, 21, 23], &byline).0, 10);
    }

    #[test]
    fn char_sets_count_as_chars_do() {
        for l in ["Home › News » World", "a|b/c > d • e · f ¦ g → h", "Привет / мир", "", "›››"]
        {
            let want = l.chars().filter(|c| MENU_SEPARATORS.chars.contains(c)).count();
            assert_eq!(MENU_SEPARATORS.count(l), want, "{l}");
        }
        assert_eq!(KEYWORD_SEPARATORS.count("a، b; c, d"), 3);
        assert_eq!(TICKS.count("DOW ▲0.42% | NASDAQ ▼0.12%"), 2);
    }

    #[test]
    fn menus_and_breadcrumbs() {
        for l in [
            "Anasayfa | Gündem | Ekonomi | Spor | Yaşam",
            "Home › Science › Environment",
            "Главная / Новости / Общество",
            "Facebook'ta paylaş | X'te paylaş | WhatsApp ile gönder",
        ] {
            assert!(is_menu(l), "{l}");
        }
        for l in [
            "Ankara / İstanbul arasında yeni hızlı tren seferleri başladı",
            "Hız 120 km/h ile sınırlandı, dedi.",
            "Galatasaray 2 - 1 Fenerbahçe",
            "A | B",
        ] {
            assert!(!is_menu(l), "{l}");
        }
    }

    #[test]
    fn speaker_lines_are_not_labels() {
        let hit =
            |end| Hit { rule: Rule::Builtin("t"), pattern: PatternKind::Prefix, span: 0..end };
        assert!(is_labelled_sentence("MUHABİR: Şarkının hikâyesi nedir?", &hit("MUHABİR:".len())));
        assert!(is_labelled_sentence("Source: The ministry said the figures were final.", &hit(7)));
        assert!(!is_labelled_sentence("Muhabir: Selin Karaca", &hit("Muhabir:".len())));
        assert!(!is_labelled_sentence("Source: Reuters.", &hit(7)));
    }

    #[test]
    fn dated_comment_headers() {
        let dated = |l: &str| is_dated_header(l, word_count(l));
        assert!(dated("Bart | November 9, 2012 12:20 AM | Reply"));
        assert!(dated("jane doe 11.06.12 at 11:22 am"));
        assert!(!dated("2020-08-01 18:00:00+00 │ 200 │ 4084"));
        assert!(!dated("The meeting began on 3 May 2024 at 10:00 and ended late."));
        assert!(!dated("1986: Chernobyl"));
    }

    #[test]
    fn header_shapes() {
        // Every post of a thread has the same header, whatever the names and dates.
        assert_eq!(
            header_shape("- Joined: Wed Jan 21, 2015 12:12 pm"),
            header_shape("- Joined: Sat Jun 05, 2019 6:01 am")
        );
        assert_eq!(
            header_shape("Posted on 12/20/2004 12:19:30 PM PST by Jim Robinson"),
            header_shape("17 posted on 12/21/2004 9:02:11 AM PST by some_reader")
        );
        // An article's byline is not shaped like the comments under it.
        assert_ne!(
            header_shape("By Jane Doe on November 8, 2012 11:04 PM | 270 Comments"),
            header_shape("Bart | November 9, 2012 12:20 AM | Reply")
        );
        assert_ne!(
            header_shape("by Sam Lee August 2, 2020 at 12:02 am in Economics"),
            header_shape("August 2, 2020 at 12:10 am Hide Replies 1")
        );
    }

    #[test]
    fn dated_meta_lines() {
        let rules = RuleSet::builtin(&[]).expect("built-in rules load");
        let chrome = ChromeFilter::new(&rules);
        let meta = |l: &str| chrome.is_dated_meta(l, word_count(l));
        assert!(meta("8. November 2021 | Aktuelles"));
        assert!(meta("2021-10-16 | Botschaft"));
        assert!(meta("24. März 2004, 19:49 | Blog"));
        assert!(meta("23.06.2016 um 16:14 Uhr - Jane Doe - 12 Kommentare"));
        assert!(meta("March 3, 2020 · by Jane Doe · 4 comments"));
        // A title before its date, an event's fact, a month of a CV, a
        // sentence, a table row, a lone date, a headline with a date.
        assert!(!meta("Diary - March 13, 2001"));
        assert!(!meta("Tuesday, October 24 at 7:30pm | Instructor: Jane"));
        assert!(!meta("March 1999 - Freelance translator"));
        assert!(!meta("On 3 May 2024 | the council met again."));
        assert!(!meta("| 12.03.2021 | Meeting | Room 4 |"));
        assert!(!meta("8. November 2021"));
        assert!(!meta("14. Juli 2021 – Die Flut im Ahrtal und was danach kam"));
    }

    #[test]
    fn keyword_lists() {
        assert!(is_keyword_list(
            "travel, hotels, cheap flights, city, beach, museum, food, nightlife, shopping"
        ));
        assert!(!is_keyword_list(
            "They bought apples, pears, plums, cherries, grapes, figs, dates and nuts."
        ));
        assert!(!is_keyword_list("Ali, Veli, Ayşe"));
        assert!(is_menu(r"| Help \| Member Center \| Message Boards \| Site Rules |"));
        assert!(!is_menu("| Year | Sales | Profit |"));
    }

    #[test]
    fn table_widgets() {
        assert!(is_calendar_row(&row_cells("| Sun | Mon | Tue | Wed | Thu | Fri | Sat |")));
        assert!(is_calendar_row(&row_cells("| 24 | 25 | 26 | 27 | 28 | 29 | 30 |")));
        assert!(!is_calendar_row(&row_cells("| 2019 | 2020 | 2021 | 2022 | 2023 |")));
        assert!(!is_calendar_row(&row_cells("| Mon | 9:00 | Yoga | Hall B | Free |")));
        assert!(is_menu_row(&row_cells("| Home | Archives | Garden Map | Seed Swap |")));
        assert!(is_menu_row(&row_cells(r"| Home \| News | Sports | Weather | Contact us |")));
        assert!(!is_menu_row(&row_cells("| Year | Sales | Profit |")));
        assert!(!is_menu_row(&row_cells("| Cherry | 4 | 2 | 1 |")));
        assert!(!is_menu_row(&row_cells("| Ali scored. | Veli missed. | Ayşe won. | Done. |")));
        assert!(is_post_navigation(
            "« Spring planting notes | Main | A visit to the seed library »"
        ));
        assert!(!is_post_navigation("« Non, merci », a-t-il dit."));
    }

    #[test]
    fn name_parts_end_where_a_split_ends_them() {
        for text in [
            "",
            "Jane Doe",
            "Jane Doe | Reporter",
            "Jane Doe – Reporter",
            "Jane Doe — Reporter | x",
            "Jane “Doe” … Reporter",
            "Jane Doe ‒ ― Reporter",
            "|",
            "—",
            "Élodie Dupont € – x",
        ] {
            let split = text.split(['|', '–', '—']).next().unwrap_or(text);
            assert_eq!(before_name_separator(text), split, "{text:?}");
        }
    }

    #[test]
    fn counted_items() {
        assert!(is_counted_item("- Free Icon Sets for Bloggers (506)"));
        assert!(is_counted_item("- breakfast recipes for a crowd - 12,570 views"));
        // Every bullet passes the test of the first byte.
        for bullet in ['-', '•', '*', '·'] {
            assert!(is_counted_item(&format!("{bullet} Free Icon Sets (506)")), "{bullet}");
        }
        assert!(!is_counted_item("March 2012 (5)"));
        assert!(!is_counted_item("- Frog Prince (1971)"));
        assert!(!is_counted_item("- Add the flour - 2 cups"));
        assert!(!is_counted_item("He scored twice in the final minutes."));
    }

    #[test]
    fn widgets() {
        assert!(is_widget("Saat: 07:15 | İstanbul 3°C"));
        assert!(is_widget(
            "DOW 38,712.21 ▲0.42% | S&P 500 5,123.40 ▲0.31% | NASDAQ 16,274.94 ▼0.12%"
        ));
        assert!(is_widget(
            "24 Kasım 2024 - Takvim - Yıl : 4517 / Ay : Üç / Gün : Beş / Saat : Akşam"
        ));
        assert!(!is_widget("Hakemler: Ali Veli, Ayşe Kaya"));
        assert!(!is_widget(
            "SELİN ARAS: Kesinlikle. Saat 10:00'da başladık: önce prova, sonra konser."
        ));
    }
}
