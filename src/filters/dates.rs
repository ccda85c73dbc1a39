//! Recognising lines that hold only a date and/or a time.
//!
//! Month and weekday names (full, abbreviated, and the genitive forms Slavic
//! languages use in dates) come from the GNU C library's locale data, shipped
//! by the `pure-rust-locales` crate; labels such as `Updated` or
//! `Yayınlanma` come from the `dates.txt` rule files.

use std::sync::LazyLock;

use pure_rust_locales::{Locale, locale_match};

use crate::bytes::has_byte_where;
use crate::rules::fold;

/// Locales whose month and day names are recognised: the languages we have
/// rule packs for, and the other languages common in web text.
const LOCALES: &[Locale] = &[
    Locale::tr_TR,
    Locale::en_US,
    Locale::en_GB,
    Locale::de_DE,
    Locale::fr_FR,
    Locale::es_ES,
    Locale::it_IT,
    Locale::pt_PT,
    Locale::pt_BR,
    Locale::nl_NL,
    Locale::pl_PL,
    Locale::ru_RU,
    Locale::uk_UA,
    Locale::ar_SA,
    Locale::ar_EG,
    Locale::az_AZ,
    Locale::hy_AM,
    Locale::id_ID,
    Locale::ro_RO,
    Locale::el_GR,
    Locale::bg_BG,
    Locale::fa_IR,
    Locale::ka_GE,
    Locale::cs_CZ,
    Locale::sk_SK,
    Locale::hr_HR,
    Locale::sr_RS,
    Locale::sl_SI,
    Locale::hu_HU,
    Locale::sv_SE,
    Locale::da_DK,
    Locale::nb_NO,
    Locale::fi_FI,
    Locale::ca_ES,
    Locale::lt_LT,
    Locale::lv_LV,
    Locale::et_EE,
    Locale::ja_JP,
    Locale::ko_KR,
    Locale::zh_CN,
];

/// A set of folded words, looked up for many tokens of many lines: hashed
/// with foldhash rather than SipHash (the words come from our own data).
pub(crate) type WordSet = foldhash::HashSet<String>;

/// Folded month and weekday names of every locale in [`LOCALES`].
static CALENDAR_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words = WordSet::default();
    let mut add = |list: &[&str]| {
        for w in list {
            let w = fold(w.trim_end_matches('.'));
            if !w.is_empty() {
                words.insert(w);
            }
        }
    };
    for &loc in LOCALES {
        add(locale_match!(loc => LC_TIME::MON));
        add(locale_match!(loc => LC_TIME::ABMON));
        add(locale_match!(loc => LC_TIME::DAY));
        add(locale_match!(loc => LC_TIME::ABDAY));
        if let Some(l) = locale_match!(loc => LC_TIME::ALT_MON) {
            add(l);
        }
        if let Some(l) = locale_match!(loc => LC_TIME::AB_ALT_MON) {
            add(l);
        }
    }
    words
});

/// True when `word` (folded) is a month or weekday name in some language.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORDS.contains(word)
}

/// Splits a folded line into tokens: runs of letters, runs of digits, and
/// single other characters (spaces dropped).
fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    let mut rest = folded.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = rest.next()?;
            let kind = if c.is_alphabetic() {
                1
            } else if c.is_numeric() {
                2
            } else if c.is_whitespace() {
                continue;
            } else {
                return Some(&folded[start..start + c.len_utf8()]);
            };
            let same = |c: char| {
                if kind == 1 { c.is_alphabetic() } else { c.is_numeric() && !c.is_alphabetic() }
            };
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = rest.peek().filter(|&&(_, c)| same(c)) {
                end = i + c.len_utf8();
                rest.next();
            }
            return Some(&folded[start..end]);
        }
    })
}

/// A date line has at most this many tokens.
const MAX_TOKENS: usize = 24;

/// The separators a date line may hold between its numbers and words.
fn is_date_separator(token: &str) -> bool {
    matches!(
        token,
        ":" | "."
            | ","
            | "/"
            | "-"
            | "–"
            | "—"
            | "|"
            | "("
            | ")"
            | "["
            | "]"
            | "·"
            | "•"
            | "'"
            | "+"
            | "@"
    )
}

/// True when `text` holds a number (a character that is `char::is_numeric`).
///
/// Cost: a vectorised scan for ASCII digits (a chunk at a time, no early
/// exit inside one); only when there is none and the line is not ASCII,
/// another for the lead bytes of the other numeric characters (see
/// [`may_lead_a_number`]), and only a line with one of those (in scripts
/// that have numerals of their own, or with typographic punctuation) is
/// decoded.
fn has_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    has_byte_where(bytes, |b| b.is_ascii_digit())
        || (!text.is_ascii()
            && has_byte_where(bytes, may_lead_a_number)
            && text.chars().any(|c| !c.is_ascii() && c.is_numeric()))
}

/// False for a byte that starts no numeric character but an ASCII digit: an
/// ASCII byte, a continuation byte, or a lead byte from C3 to D8, which start
/// U+00C0 to U+063F (Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic
/// letters and marks, no numerals): the bytes of most lines without a digit.
fn may_lead_a_number(b: u8) -> bool {
    b >= 0xC0 && !(0xC3..=0xD8).contains(&b)
}

/// True when a line (folded) holds a date or time and nothing else but
/// separators and the given label words (`updated`, `yayınlanma`, `am`, `gmt`).
///
/// Cost: no allocation; most lines with a number stop at their first token
/// that is neither a number, a calendar word, a label nor a separator.
pub(crate) fn is_date_line(folded: &str, labels: &WordSet) -> bool {
    // A date line holds a number: most lines have none, and need no tokens.
    if !has_number(folded) {
        return false;
    }
    // First pass: every token must be admissible (a short number, a calendar
    // word, a label or a separator), and there may be only a few.
    let mut toks = [""; MAX_TOKENS];
    let mut n = 0;
    let mut calendar = 0;
    for t in tokens(folded) {
        if n == MAX_TOKENS {
            return false;
        }
        let first = t.chars().next().unwrap_or(' ');
        let admissible = if first.is_numeric() {
            t.len() <= 4
        } else if first.is_alphabetic() {
            if is_calendar_word(t) {
                calendar += 1;
                true
            } else {
                labels.contains(t)
            }
        } else {
            is_date_separator(t)
        };
        if !admissible {
            return false;
        }
        toks[n] = t;
        n += 1;
    }
    let toks = &toks[..n];
    // Second pass: the numbers, and whether they form a clock time or a
    // numeric date (`14:05`, `21.11.2024`).
    let mut numbers = 0;
    let mut clock_or_numeric_date = false;
    for (i, t) in toks.iter().enumerate() {
        if !t.chars().next().is_some_and(char::is_numeric) {
            continue;
        }
        numbers += 1;
        let num = |k: usize| toks.get(k).is_some_and(|n| n.chars().all(char::is_numeric));
        let sep = toks.get(i + 1).copied();
        if sep == Some(":") && num(i + 2) {
            clock_or_numeric_date = true;
        }
        if matches!(sep, Some("." | "/" | "-"))
            && num(i + 2)
            && toks.get(i + 3).copied() == sep
            && num(i + 4)
        {
            clock_or_numeric_date = true;
        }
    }
    numbers > 0 && (calendar > 0 || clock_or_numeric_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> WordSet {
        [
            "updated",
            "published",
            "güncelleme",
            "yayınlanma",
            "am",
            "pm",
            "et",
            "bst",
            "actualizado",
            "de",
        ]
        .iter()
        .map(|s| fold(s))
        .collect()
    }

    #[test]
    fn dates_and_times() {
        let l = labels();
        for s in [
            "02 Eylül 2024",
            "14 Mart 2024 Perşembe, 09:42",
            "Published 4 June 2024, 10:15 BST",
            "March 12, 2024 4:05 PM ET",
            "Yayınlanma: 21.11.2024 14:05 | Güncelleme: 21.11.2024 14:30",
            "12 апреля 2024, 08:15",
            "Actualizado: 12/05/2024 14:30",
            "16 Ocak 2025 Perşembe",
            "12 de mayo de 2024",
        ] {
            assert!(is_date_line(&fold(s), &l), "{s}");
        }
    }

    #[test]
    fn numbers_are_found_as_char_is_numeric_finds_them() {
        // The characters whose lead byte is passed over hold no numeral.
        for c in '\u{c0}'..='\u{63f}' {
            assert!(!c.is_numeric(), "{c:?}");
        }
        for c in ['\0', 'a', '7', '²', '¾', 'é', 'Ж', '٣', '۵', '߃', '३', 'Ⅻ', '①', '〇', '７', '𝟘']
        {
            for text in [format!("{c}"), format!("Привет {c} мир"), format!("x{c}")] {
                let plain = text.chars().any(char::is_numeric);
                assert_eq!(has_number(&text), plain, "{text:?}");
            }
        }
    }

    #[test]
    fn not_dates() {
        let l = labels();
        for s in [
            "1986: Çernobil faciası yaşandı.",
            "2024",
            "Hakemler: Ali Veli, Ayşe Kaya",
            "May the best team win",
            "3-1",
            "Saat: 07:15 | İstanbul 3°C",
        ] {
            assert!(!is_date_line(&fold(s), &l), "{s}");
        }
    }
}
