//! Language-independent features of a line's shape, shared by the filters.

use crate::bytes::has_byte_where;

/// Characters that end a sentence in the scripts we support (Latin, Cyrillic,
/// Greek, Armenian, Arabic/Persian, Devanagari, CJK, Georgian uses `.`).
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '۔' | '։' | '।' | '።' | ';')
}

/// Closing marks that may follow the sentence end (`."`, `.»`, `.)`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』' | '*')
}

/// The last character that is not a closing quote or bracket.
pub(crate) fn last_significant(line: &str) -> Option<char> {
    line.trim_end().chars().rev().find(|&c| !is_closer(c))
}

/// True when the line ends like a sentence (`.`, `!`, `?`, `…`, `。`, `؟`,
/// possibly followed by closing quotes).
pub(crate) fn ends_sentence(line: &str) -> bool {
    if let Some(b) = plain_last_byte(line) {
        return is_terminal(char::from(b));
    }
    last_significant(line).is_some_and(is_terminal)
}

/// The line's last byte when it is an ASCII character that is neither
/// whitespace nor a closing mark: then it is the last significant character,
/// read without decoding the line's end backwards (most lines end so).
fn plain_last_byte(line: &str) -> Option<u8> {
    let &b = line.as_bytes().last()?;
    let c = char::from(b);
    (b.is_ascii() && !c.is_whitespace() && !is_closer(c)).then_some(b)
}

/// True when the line ends with a full stop (not `!`, `?` or an ellipsis):
/// the mark that tells a prose line from a headline.
pub(crate) fn ends_with_full_stop(line: &str) -> bool {
    if let Some(b) = plain_last_byte(line) {
        return b == b'.' && !line.ends_with("...");
    }
    let t = line.trim_end().trim_end_matches(is_closer);
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    matches!(t.chars().next_back(), Some('.' | '。' | '۔' | '։' | '।'))
}

/// Number of whitespace-separated words (see [`crate::rules::word_count`]).
pub(crate) fn word_count(line: &str) -> usize {
    crate::rules::word_count(line)
}

/// True when the line holds at least one letter or digit.
pub(crate) fn has_alnum(line: &str) -> bool {
    // Most lines start with an ASCII letter or digit, or hold one a few
    // bytes on (`| Home`, `- 2`): no character decoded. Only a line without
    // one, and with characters beyond ASCII, is decoded.
    line.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
        || line.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!line.is_ascii() && line.chars().any(char::is_alphanumeric))
}

/// True for a script without spaces between words (CJK, Thai): word counts
/// mean nothing there, so lengths are judged in characters.
pub(crate) fn is_unspaced_script(line: &str) -> bool {
    // Those scripts are all encoded in three bytes led by E0 or E3 to ED; most
    // lines (ASCII, Latin, Cyrillic, Arabic...) have no such byte at all.
    // Plain ASCII lines, many of them short, are told first by std's
    // word-at-a-time check.
    if line.is_ascii()
        || !has_byte_where(line.as_bytes(), |b| b == 0xE0 || (0xE3..=0xED).contains(&b))
    {
        return false;
    }
    let mut cjk = 0usize;
    let mut total = 0usize;
    for c in line.chars().filter(|c| c.is_alphabetic()).take(64) {
        total += 1;
        if matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0x0e00..=0x0e7f)
        {
            cjk += 1;
        }
    }
    total > 0 && cjk * 2 > total
}

/// Word count, with unspaced scripts counted as one word per two characters.
pub(crate) fn effective_words(line: &str) -> usize {
    if is_unspaced_script(line) { unspaced_words(line) } else { word_count(line) }
}

/// The length of a line of an unspaced script in words: one per two
/// letters or digits.
pub(crate) fn unspaced_words(line: &str) -> usize {
    line.chars().filter(|c| c.is_alphanumeric()).count() / 2
}

/// A prose line: long enough and ending like a sentence.
pub(crate) fn is_prose(line: &str) -> bool {
    is_prose_of(line, effective_words(line))
}

/// [`is_prose`] for a line whose [`effective_words`] are known.
pub(crate) fn is_prose_of(line: &str, effective_words: usize) -> bool {
    (effective_words >= 12 && ends_sentence(line)) || effective_words >= 30
}

/// A headline-like line: 2 to 24 words, no final full stop, starting with an
/// upper-case letter, a digit or a quote (not a lower-case continuation).
pub(crate) fn is_headline_like(line: &str) -> bool {
    let words = effective_words(line);
    if !(1..=24).contains(&words) || ends_with_full_stop(line) || !has_alnum(line) {
        return false;
    }
    line.chars().any(char::is_alphanumeric) && !starts_lowercase(line)
}

/// True for a letter that counts as lower case at the start of a sentence.
/// Georgian has case mappings since Unicode 11 but its text never capitalises
/// sentences, so its letters count as caseless.
pub(crate) fn is_sentence_lowercase(c: char) -> bool {
    c.is_lowercase() && !matches!(c as u32, 0x10A0..=0x10FF | 0x2D00..=0x2D2F | 0x1C90..=0x1CBF)
}

/// True when the line's first letter or digit is a lower-case letter: the line
/// goes on with a sentence begun elsewhere.
pub(crate) fn starts_lowercase(line: &str) -> bool {
    line.chars().find(|c| c.is_alphanumeric()).is_some_and(is_sentence_lowercase)
}

/// Title-cased word: an upper-case letter followed by lower-case letters, in
/// each part between hyphens and apostrophes (`Jean-Luc`, `O'Neil`), or an
/// initial (`J.`).
fn is_name_word(w: &str) -> bool {
    // A word that does not start with a capital fails before it is split.
    if !w.starts_with(char::is_uppercase) {
        return false;
    }
    if w.is_ascii() {
        return is_ascii_name_word(w.as_bytes());
    }
    is_name_word_by_chars(w)
}

/// [`is_name_word`] read `char` by `char`, for words of any script (ASCII
/// words take the byte path, which must agree with this one).
fn is_name_word_by_chars(w: &str) -> bool {
    let several_parts = w.contains(['-', '\'', '’']);
    let mut parts = w.split(['-', '\'', '’']);
    let first_part_ok = parts.next().is_some_and(|p| {
        let mut cs = p.chars();
        let Some(first) = cs.next() else { return false };
        let rest = cs.as_str();
        first.is_uppercase()
            && (rest == "."
                || ((several_parts || !rest.is_empty()) && rest.chars().all(char::is_lowercase)))
    });
    first_part_ok
        && parts.all(|p| {
            let mut cs = p.chars();
            cs.next().is_some_and(char::is_alphabetic) && cs.all(char::is_lowercase)
        })
}

/// [`is_name_word`] of an ASCII word, read byte by byte: the same tests
/// without decoding characters or searching for `’` (most names on the
/// pages are ASCII, and `char` splits cost several times as much).
fn is_ascii_name_word(w: &[u8]) -> bool {
    let separator = |b: &u8| matches!(b, b'-' | b'\'');
    let several_parts = w.iter().any(separator);
    let mut parts = w.split(separator);
    let first_part_ok = parts.next().is_some_and(|p| match p {
        [first, rest @ ..] => {
            first.is_ascii_uppercase()
                && (rest == b"."
                    || ((several_parts || !rest.is_empty())
                        && rest.iter().all(u8::is_ascii_lowercase)))
        }
        [] => false,
    });
    first_part_ok
        && parts.all(|p| {
            p.first().is_some_and(u8::is_ascii_alphabetic)
                && p[1..].iter().all(u8::is_ascii_lowercase)
        })
}

/// A line that is only a person's name: 2 to 4 title-cased words, no digits
/// and no punctuation besides what names carry.
pub(crate) fn is_name_like(line: &str) -> bool {
    // Counted without decoding characters (see `word_count`).
    if !(2..=4).contains(&word_count(line)) {
        return false;
    }
    // An ASCII line (most) is split and its words read as bytes, without
    // decoding characters: its whitespace characters are whitespace bytes.
    let names = if line.is_ascii() {
        line.as_bytes()
            .split(|&b| (b as char).is_whitespace())
            .filter(|w| !w.is_empty())
            .all(is_ascii_name_word)
    } else {
        line.split_whitespace().all(is_name_word)
    };
    names && !line.bytes().any(|b| b.is_ascii_digit())
}

/// The text of a table row drawn with pipes (`| cell | cell |`), without the
/// pipes at its ends: layout tables wrap whole paragraphs that way.
pub(crate) fn table_cell_text(line: &str) -> &str {
    if starts_and_ends_plain(line) {
        return line;
    }
    line.trim_matches(|c: char| c == '|' || c.is_whitespace())
}

/// True when the line's first and last bytes are printable ASCII other than
/// `|`, as in most lines: neither a pipe nor whitespace to trim at its ends.
fn starts_and_ends_plain(line: &str) -> bool {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic() && b != b'|');
    plain(line.as_bytes().first()) && plain(line.as_bytes().last())
}

/// A row of a data table drawn with pipes: two cells or more with something
/// in them (`| Phoenix | $83 | 28.7% |`). Short cells do not make it a menu.
/// A layout table's row (`| | a paragraph |`) has one.
pub(crate) fn is_table_row(line: &str) -> bool {
    if starts_and_ends_plain(line) {
        return false;
    }
    let t = line.trim();
    t.starts_with('|')
        && t.ends_with('|')
        && table_cell_text(t).split('|').filter(|cell| has_alnum(cell)).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows() {
        assert!(is_table_row("| Phoenix | $83 | 28.7% | -2.1% |"));
        assert!(is_table_row("| Year | Sales |"));
        // A layout table wrapping one paragraph, or one cell: not data.
        assert!(!is_table_row("| | Does the centre offer follow-up visits? |"));
        assert!(!is_table_row("| Home |"));
        assert!(!is_table_row("|---|---|"));
        assert!(!is_table_row("Prices | Sales | Rents"));
    }

    #[test]
    fn plain_ends_need_no_trim() {
        for line in [
            "Home",
            " Home ",
            "| Home |",
            "|Home|",
            "a|",
            "|a",
            "\u{a0}x\u{a0}",
            "x\u{3000}",
            "é",
            "x",
            "",
            "| Phoenix | $83 |",
            "Prices | Sales | Rents",
        ] {
            let trimmed = line.trim_matches(|c: char| c == '|' || c.is_whitespace());
            assert_eq!(table_cell_text(line), trimmed, "{line:?}");
            let t = line.trim();
            let row = t.starts_with('|')
                && t.ends_with('|')
                && trimmed.split('|').filter(|cell| has_alnum(cell)).count() >= 2;
            assert_eq!(is_table_row(line), row, "{line:?}");
        }
    }

    #[test]
    fn sentence_ends_read_from_the_last_byte_as_in_full() {
        let plain = |line: &str| last_significant(line).is_some_and(is_terminal);
        for line in ["", "a", ".", "Bitti.", "Neden?", "ok!", "a;", "x\u{b}", "x.\u{b}", "x.\t"] {
            assert_eq!(ends_sentence(line), plain(line), "{line:?}");
        }
        let plain_full_stop = |line: &str| {
            let t = line.trim_end().trim_end_matches(is_closer);
            !(t.ends_with("...") || t.ends_with('…'))
                && matches!(t.chars().next_back(), Some('.' | '。' | '۔' | '։' | '।'))
        };
        // Every ASCII character at the end, after a sentence end and not.
        for b in 0..0x80u8 {
            for head in ["He left.", "He left", "Ende.\u{a0}", "Ende。", "", "..", "Wait…"] {
                let line = format!("{head}{}", b as char);
                assert_eq!(ends_sentence(&line), plain(&line), "{line:?}");
                assert_eq!(ends_with_full_stop(&line), plain_full_stop(&line), "{line:?}");
            }
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("Bitti.\u{201D}"));
        assert!(ends_sentence("Neden?"));
        assert!(ends_sentence("انتهى؟"));
        assert!(!ends_sentence("Benzer Haberler"));
        assert!(ends_with_full_stop("He left."));
        assert!(!ends_with_full_stop("Can parks really cool a city?"));
        assert!(!ends_with_full_stop("İşte detaylar..."));
    }

    #[test]
    fn headline_like() {
        assert!(is_headline_like("Metro hattında hafta sonu bakım çalışması yapılacak"));
        assert!(is_headline_like("Can parks really cool a city?"));
        assert!(!is_headline_like("and then it continued without a capital"));
        assert!(!is_headline_like("The meeting ended early."));
    }

    #[test]
    fn georgian_is_caseless() {
        assert!(is_headline_like("თეატრში ახალი სეზონი იწყება"));
        assert!(!starts_lowercase("მუზეუმები უფასოდ იმუშავებს"));
        assert!(starts_lowercase("and so on"));
    }

    #[test]
    fn ascii_names_read_by_bytes_as_by_chars() {
        // The general test, on `char`s.
        let plain = is_name_word_by_chars;
        let words = [
            "",
            "J",
            "J.",
            "Jo",
            "JO",
            "Jo.",
            "O'Neil",
            "O'neil",
            "O'",
            "'O",
            "Jean-Luc",
            "Jean-",
            "-Luc",
            "Jean--Luc",
            "Jean-luc",
            "J.-L.",
            "Mc3",
            "Ab'c-De",
            "A-B",
            "A'",
            "Ab.",
            "ab",
            "A-1",
            "X'Y'Z",
            "Q-",
        ];
        for w in words {
            assert_eq!(is_ascii_name_word(w.as_bytes()), plain(w), "{w:?}");
        }
        // Every pair of ASCII characters after a capital and around a hyphen.
        for a in 0x20..0x7fu8 {
            for b in [b'a', b'B', b'-', b'\'', b'.', b'1'] {
                for w in [
                    format!("J{}{}", a as char, b as char),
                    format!("Ja-{}{}", a as char, b as char),
                ] {
                    assert_eq!(is_ascii_name_word(w.as_bytes()), plain(&w), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn alphanumerics_found_as_by_chars() {
        for line in ["", " ", "| Home", "- 2", "—", "• ·", "Привет", "— мир", "①", "²", "x", "%%a"]
        {
            assert_eq!(has_alnum(line), line.chars().any(char::is_alphanumeric), "{line:?}");
        }
    }

    #[test]
    fn names() {
        assert!(is_name_like("Elena Teslova"));
        assert!(is_name_like("Jean-Luc O'Neil"));
        assert!(is_name_like("Zeynep Arıkan"));
        assert!(!is_name_like("Liberation of Karabakh"));
        assert!(!is_name_like("ÖNEMLİ GELİŞME"));
        assert!(!is_name_like("Paris"));
        // The byte path of ASCII lines agrees with the words' own test.
        let plain = |line: &str| {
            (2..=4).contains(&line.split_whitespace().count())
                && line.split_whitespace().all(is_name_word)
                && !line.bytes().any(|b| b.is_ascii_digit())
        };
        for line in [
            "Jane Doe",
            "Jane\u{b}Doe",
            "Jane\t Doe ",
            " Jane Doe",
            "Jane doe",
            "J. Doe",
            "Jean-Luc O'Neil",
            "-Jane Doe",
            "Jane Doe2",
            "Jane Doe Smith Jones Brown",
            "Jane",
        ] {
            assert_eq!(is_name_like(line), plain(line), "{line:?}");
        }
    }
}
