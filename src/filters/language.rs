//! The language of a document, and its stop words.
//!
//! Detection works on a sample of the document's longer lines: whatlang names
//! the script, and in the scripts that many languages share (Latin, Cyrillic,
//! Arabic) the words of the sample vote for the languages whose stop-word
//! lists hold them; elsewhere whatlang's trigram statistics decide. Stop
//! word lists are the ones the `stop-words` crate ships (stopwords-iso). The
//! share of stop words in a line tells running text (many function words)
//! from keyword lists, tag clouds and menus (almost none), in any language
//! that has a list, as jusText does.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use crate::rules::{fold, is_alphanumeric};

/// Bytes of text enough for a reliable guess: about 150 words of prose.
/// (On the full-page and segment benchmarks 4000, 1500, 1000 and 800 bytes
/// give the same scores; detection cost grows with the sample.)
const SAMPLE_BYTES: usize = 1000;
/// Lines shorter than this (in words) are not sampled: menus mislead detection.
const SAMPLE_MIN_WORDS: usize = 8;

/// ISO 639-3 (whatlang) to ISO 639-1 (stop-words) for every language whatlang knows.
const ISO3_TO_ISO1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "no"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Folded words from the shipped stop-word lists, each with a value. Every
/// word of every scored line is looked up, so the table is laid out for
/// lookups: a word of up to 16 bytes (nearly all of them) is its own key,
/// packed into an integer, so a lookup hashes one number and compares in the
/// table's slot, without following a pointer to the string (on the full
/// benchmark stream that pointer was where lookups waited). Longer words are
/// kept as strings. Hashed with foldhash: the keys come from a shipped list,
/// not from input an attacker could shape against the hash.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    short: foldhash::HashMap<u128, V>,
    long: foldhash::HashMap<String, V>,
}

/// A word of up to 16 bytes as an integer: its bytes, zero-padded. Words
/// (runs of letters, digits and apostrophes) hold no zero byte, so two words
/// have the same key only when they are equal.
///
/// Built in registers, byte by byte: copying the word into a buffer and
/// reading the buffer back as one number stalls on the read.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| bytes.iter().rev().fold(0, |key, &b| key << 8 | u128::from(b)))
}

/// [`short_key`] of the word `text[start..end]` (1 to 16 bytes), read with
/// one 16-byte load from the text around it and masked to the word's length:
/// a few instructions where the byte-by-byte key costs a few per byte. A
/// word too near the end of the text for a load from its start is read from
/// the text's last 16 bytes, shifted down; in a text shorter than 16 bytes,
/// byte by byte.
#[inline]
fn short_key_in(text: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    debug_assert!((1..=16).contains(&len), "a short word");
    /// The mask of the low `len` bytes, by `len`: read from a table, as a
    /// 128-bit shift by a variable amount takes several instructions.
    static MASKS: [u128; 17] = {
        let mut masks = [0; 17];
        let mut len = 1;
        while len <= 16 {
            masks[len] = u128::MAX >> (8 * (16 - len));
            len += 1;
        }
        masks
    };
    let mask = MASKS[len];
    let load = |from: usize| u128::from_le_bytes(text[from..from + 16].try_into().expect("16"));
    if start + 16 <= text.len() {
        load(start) & mask
    } else if text.len() >= 16 {
        let from = text.len() - 16;
        (load(from) >> (8 * (start - from))) & mask
    } else {
        text[start..end].iter().rev().fold(0, |key, &b| key << 8 | u128::from(b))
    }
}

impl<V: Default> WordMap<V> {
    fn new() -> WordMap<V> {
        WordMap { short: foldhash::HashMap::default(), long: foldhash::HashMap::default() }
    }

    /// The value of `word`, inserted as `V::default()` when it is new.
    fn entry(&mut self, word: &str) -> &mut V {
        match short_key(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }

    /// The value of `word`, if it is in the map: the plain lookup, which
    /// [`WordMap::get_in`] does faster for the words of a line.
    #[cfg(test)]
    fn get(&self, word: &str) -> Option<&V> {
        match short_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// [`WordMap::get`] of the word `text[start..end]`, a token of `text`:
    /// a short word's key is read from the text in one load (see
    /// [`short_key_in`]).
    fn get_in(&self, text: &str, start: usize, end: usize) -> Option<&V> {
        if end - start <= 16 {
            self.short.get(&short_key_in(text.as_bytes(), start, end))
        } else {
            self.long.get(&text[start..end])
        }
    }
}

/// A folded stop-word list.
pub(crate) type StopWords = WordMap<()>;

/// A word of a stop-word list, folded (see [`fold`]). Most are already
/// folded (lowercase ASCII): those are borrowed, not copied, which halves
/// the cost of building the tables (thousands of words, once per process).
fn fold_word(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`') {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// Folded stop-word sets, built once per language on first use.
static STOP_WORDS: LazyLock<Mutex<HashMap<&'static str, &'static StopWords>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The stop words of a language (ISO 639-1), folded; `None` when there is no list.
pub(crate) fn stop_words(code: &'static str) -> Option<&'static StopWords> {
    let mut cache = STOP_WORDS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(set) = cache.get(code) {
        return Some(set);
    }
    let list = stop_words::lookup(code)?;
    // Leaked once per language for the life of the process: at most ~70 small sets.
    let mut set = StopWords::new();
    for w in list {
        set.entry(&fold_word(w));
    }
    let set: &'static StopWords = Box::leak(Box::new(set));
    cache.insert(code, set);
    Some(set)
}

/// Guesses the language (ISO 639-1) of a document from its longer lines,
/// each given with its number of words and its folded text (see [`fold`]),
/// both of which the document keeps. The folded text is asked for only of
/// the lines sampled.
pub(crate) fn detect<'a, F>(
    lines: impl Iterator<Item = (&'a str, usize, F)>,
) -> Option<&'static str>
where
    F: FnOnce() -> &'a str,
{
    let mut sample = String::new();
    // The sample folded, line by line: folding maps each character on its
    // own, so this is `fold(&sample)`, without folding it again.
    let mut folded = String::new();
    for (line, _, fold_line) in lines.filter(|&(_, words, _)| words >= SAMPLE_MIN_WORDS) {
        sample.push_str(line);
        sample.push('\n');
        folded.push_str(fold_line());
        folded.push('\n');
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    if sample.is_empty() {
        return None;
    }
    let ballot = match script(&sample)? {
        whatlang::Script::Latin => &*LATIN,
        whatlang::Script::Cyrillic => &*CYRILLIC,
        whatlang::Script::Arabic => &*ARABIC,
        _ => return detect_by_trigrams(&sample),
    };
    ballot.vote(&folded).or_else(|| detect_by_trigrams(&sample))
}

/// The script of `sample`, as `whatlang::detect_script` names it, which
/// tries some 25 scripts' ranges on each character. Text made of ASCII, of
/// characters from U+0080 to U+027F (the letters of Western and Central
/// European languages and Turkish) and of U+2000 to U+20FF (typographic
/// quotes, dashes, currency signs) is settled by one pass over its bytes:
/// whatlang counts the letters of ASCII and all of U+0080 to U+027F as
/// Latin, and the rest of ASCII (but DEL) and U+2000 to U+20FF as no script.
fn script(sample: &str) -> Option<whatlang::Script> {
    let bytes = sample.as_bytes();
    // Plain ASCII first, checked a word at a time (DEL has no script).
    if sample.is_ascii() && !bytes.contains(&0x7F) {
        return bytes.iter().any(u8::is_ascii_alphabetic).then_some(whatlang::Script::Latin);
    }
    let mut latin = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            // ASCII letters; C2 to C9 lead the characters U+0080 to U+027F.
            b'A'..=b'Z' | b'a'..=b'z' | 0xC2..=0xC9 => latin = true,
            // The rest of ASCII but DEL; the bytes that continue a character.
            0x00..=0x7E | 0x80..=0xBF => {}
            // U+2000 to U+20FF.
            0xE2 if matches!(bytes.get(i + 1), Some(0x80..=0x83)) => {}
            _ => return whatlang::detect_script(sample),
        }
    }
    latin.then_some(whatlang::Script::Latin)
}

/// whatlang's guess, when it is confident.
fn detect_by_trigrams(sample: &str) -> Option<&'static str> {
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code3 = info.lang().code();
    ISO3_TO_ISO1.iter().find(|(c3, _)| *c3 == code3).map(|(_, c1)| *c1)
}

/// Languages of one script told apart by their stop words: each word of a
/// sample votes for every language whose list holds it.
///
/// Trigram statistics over ~40 Latin-script languages cost more than the rest
/// of a short page's cleaning; a lookup per word costs a fraction of that, and
/// the guess only picks the stop-word list, whose density is then read
/// relative to the page's own prose (see the `structure` stage).
struct Ballot {
    /// ISO 639-1 codes, at most 64 (one bit each).
    langs: Vec<&'static str>,
    /// Folded stop word to the set of languages (bits) whose list holds it.
    words: WordMap<u64>,
}

/// A vote counts when the winner has this many stop words in the sample...
const MIN_VOTES: usize = 5;
/// ...and this many times as many as the runner-up. Closer votes go to
/// whatlang: they are related languages (Ukrainian and Russian, Danish and
/// Norwegian) where a long stop-word list outvotes a short one. Chosen on the
/// benchmark pages: whatlang and a decisive vote agree on all but a handful
/// of mixed-language pages.
const MIN_LEAD: f32 = 2.0;

impl Ballot {
    fn new(langs: &[&'static str]) -> Ballot {
        let langs: Vec<&'static str> =
            langs.iter().copied().filter(|&l| stop_words::lookup(l).is_some()).take(64).collect();
        let mut words = WordMap::new();
        for (bit, &lang) in langs.iter().enumerate() {
            for w in stop_words::lookup(lang).unwrap_or_default() {
                *words.entry(&fold_word(w)) |= 1 << bit;
            }
        }
        Ballot { langs, words }
    }

    /// The language with the most stop words in `folded`, when it has enough
    /// of them and at least [`MIN_LEAD`] times as many as any other.
    fn vote(&self, folded: &str) -> Option<&'static str> {
        let mut votes = [0usize; 64];
        for_each_stop_word_token(folded, |start, end| {
            let mut bits = self.words.get_in(folded, start, end).copied().unwrap_or(0);
            while bits != 0 {
                votes[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        });
        let votes = &votes[..self.langs.len()];
        let (best, &top) = votes.iter().enumerate().max_by_key(|&(_, v)| *v)?;
        let runner_up = votes.iter().enumerate().filter(|&(i, _)| i != best).map(|(_, v)| *v).max();
        (top >= MIN_VOTES && top as f32 >= MIN_LEAD * runner_up.unwrap_or(0) as f32)
            .then(|| self.langs[best])
    }
}

/// The languages whatlang knows in each script that has several.
static LATIN: LazyLock<Ballot> = LazyLock::new(|| {
    Ballot::new(&[
        "af", "az", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "fi", "fr", "hr", "hu",
        "id", "it", "jv", "la", "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sn", "sv",
        "tk", "tl", "tr", "uz", "vi", "zu",
    ])
});
static CYRILLIC: LazyLock<Ballot> =
    LazyLock::new(|| Ballot::new(&["be", "bg", "mk", "ru", "sr", "uk"]));
static ARABIC: LazyLock<Ballot> = LazyLock::new(|| Ballot::new(&["ar", "fa", "ur"]));

/// Calls `f` with the start and end (byte offsets) of each word of a folded
/// line as stop-word lists spell them: runs of letters, digits and
/// apostrophes (`l'`, `don't`). The same words as
/// `split(|c| !c.is_alphanumeric() && c != '\'')` without the empty ones.
fn for_each_stop_word_token(folded: &str, f: impl FnMut(usize, usize)) {
    for_each_word::<true>(folded, f);
}

/// Calls `f` with the start and end (byte offsets) of each run of letters
/// and digits of `text`, apostrophes included when `APOSTROPHES`: the same
/// runs as `split(|c: char| !c.is_alphanumeric())` (with `&& c != '\''`)
/// without the empty ones.
///
/// Cost: the text is read [`BLOCK`] bytes at a time. Each block becomes a
/// mask of its word bytes, which the compiler vectorises for the ASCII bytes;
/// only the non-ASCII characters are decoded, one by one. The words' ends
/// are then read off the mask's edges, a few instructions per word rather
/// than several per byte.
pub(crate) fn for_each_word<const APOSTROPHES: bool>(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    // Whether the byte before the current block is part of a word, and
    // where that word started.
    let (mut in_word, mut start) = (false, 0);
    // Whether the last non-ASCII character seen is a letter or digit: its
    // continuation bytes, which may open the next block, go with it.
    let mut char_is_word = false;
    // The last block is padded with spaces, which end the last word (a text
    // of whole blocks gets one of spaces only): so there is one place below
    // that calls `f`, which the compiler then inlines.
    for base in (0..=bytes.len()).step_by(BLOCK) {
        let end = (base + BLOCK).min(bytes.len());
        let mut block = [b' '; BLOCK];
        block[..end - base].copy_from_slice(&bytes[base..end]);
        let (mut words, mut high) = ascii_word_mask::<APOSTROPHES>(&block);
        while high != 0 {
            let k = high.trailing_zeros() as usize;
            high &= high - 1;
            if block[k] >= 0xC0 {
                // A character's first byte: decoded from the whole text, as
                // it may run on past the block.
                let c = text[base + k..].chars().next().expect("a character starts here");
                char_is_word = is_alphanumeric(c);
            }
            words |= u32::from(char_is_word) << k;
        }
        // A word starts at a word byte after a byte that is not one, and
        // ends (exclusive) at a byte that is not one after one that is. The
        // two alternate, so each edge opens or closes the current word.
        let after_word = words << 1 | u32::from(in_word);
        let mut edges = words ^ after_word;
        while edges != 0 {
            let at = base + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if in_word {
                f(start, at);
            } else {
                start = at;
            }
            in_word = !in_word;
        }
    }
    debug_assert!(!in_word, "the padding ends every word");
}

/// Bytes read at a time by [`for_each_word`]: one bit each in a `u32`.
const BLOCK: usize = 32;

/// Two masks of the bytes of `block`, bit `k` for byte `k`: its ASCII
/// letters and digits (and apostrophes, when `APOSTROPHES`), and its bytes
/// that are not ASCII.
///
/// Cost: a few dozen instructions a block. The bytes are tested into arrays
/// of flags, which the compiler vectorises; each eight flags are then packed
/// into a byte of the mask with one multiplication (see [`pack_flags`]).
#[inline]
fn ascii_word_mask<const APOSTROPHES: bool>(block: &[u8; BLOCK]) -> (u32, u32) {
    let mut words = [0u8; BLOCK];
    let mut high = [0u8; BLOCK];
    for k in 0..BLOCK {
        let b = block[k];
        words[k] = u8::from(b.is_ascii_alphanumeric() || (APOSTROPHES && b == b'\''));
        high[k] = b >> 7;
    }
    (pack_flags(&words), pack_flags(&high))
}

/// The flags (bytes 0 or 1) of `flags` as the bits of a mask, flag `k` to
/// bit `k`. Read as an integer, eight flags are the bits 0, 8, 16, ... 56;
/// multiplied by the sum of 2^(56 - 7j), flag `j` lands on bit 56 + `j`,
/// and no two of the products that land on the top byte share a bit, so
/// nothing carries into it.
#[inline]
fn pack_flags(flags: &[u8; BLOCK]) -> u32 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    flags.chunks_exact(8).enumerate().fold(0, |mask, (i, eight)| {
        let eight = u64::from_le_bytes(eight.try_into().expect("eight flags"));
        mask | ((eight.wrapping_mul(GATHER) >> 56) as u32) << (8 * i)
    })
}

/// Share of a line's words that are stop words; the line comes folded (see
/// [`fold`]), as the document keeps it for every stage.
pub(crate) fn stop_word_density(folded: &str, stops: &StopWords) -> f32 {
    let mut words = 0usize;
    let mut hits = 0usize;
    for_each_stop_word_token(folded, |start, end| {
        words += 1;
        hits += usize::from(stops.get_in(folded, start, end).is_some());
    });
    if words == 0 { 0.0 } else { hits as f32 / words as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`detect`] over one line.
    fn detect_line(line: &str) -> Option<&'static str> {
        let folded = fold(line);
        detect([(line, line.split_whitespace().count(), || folded.as_str())].into_iter())
    }

    #[test]
    fn a_sample_folds_line_by_line() {
        // `detect` folds each line of its sample on its own.
        let lines = ["Don`t STOP", "Ünïcödé İstanbul ΣΊΣΥΦΟΣ", "", "ß ǅ Ⅻ ＡＢＣ", "x"];
        let joined: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let folded: String = lines.iter().map(|l| format!("{}\n", fold(l))).collect();
        assert_eq!(fold(&joined), folded);
    }

    #[test]
    fn stop_words_pick_the_language_within_a_script() {
        for (text, lang) in [
            (
                "The council said on Monday that the library will also be open on Sundays, because many people had asked for it.",
                "en",
            ),
            (
                "Le conseil a décidé lundi que la bibliothèque serait aussi ouverte le dimanche, car beaucoup de gens le demandaient.",
                "fr",
            ),
            (
                "El consejo decidió el lunes que la biblioteca también abrirá los domingos, porque mucha gente lo había pedido.",
                "es",
            ),
            (
                "O conselho decidiu na segunda-feira que a biblioteca também vai abrir aos domingos, porque muitas pessoas pediram.",
                "pt",
            ),
            (
                "Belediye meclisi pazartesi günü kütüphanenin pazar günleri de açık olacağına karar verdi, çünkü bunu çok kişi istemişti ve bu da iyi oldu.",
                "tr",
            ),
            (
                "Совет в понедельник решил, что библиотека будет открыта и по воскресеньям, потому что об этом просили многие жители.",
                "ru",
            ),
            (
                "Рада в понеділок вирішила, що бібліотека буде відкрита і в неділю, бо про це просило багато людей, які там живуть.",
                "uk",
            ),
        ] {
            assert_eq!(detect_line(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn close_votes_go_to_trigrams() {
        // Ukrainian shares many function words with Russian, whose list is
        // longer: the vote is close, and trigrams tell them apart.
        let text = "Рада в понеділок вирішила, що бібліотека буде відкрита і в неділю, бо про це просило багато людей, які там живуть.";
        let ballot = &*CYRILLIC;
        assert_eq!(ballot.vote(&fold(text)), None);
        assert_eq!(detect_line(text), Some("uk"));
    }

    #[test]
    fn too_few_stop_words_is_no_vote() {
        // Eight words, none of them a function word of any language.
        let menu = "Startseite Politik Wirtschaft Sport Kultur Reisen Auto Digital";
        assert_eq!(LATIN.vote(&fold(menu)), None);
        assert_eq!(LATIN.vote("kurz"), None);
        assert_eq!(detect_line("kurz"), None, "a sample needs longer lines");
    }

    #[test]
    fn tokens_split_like_the_stop_word_lists() {
        let split = |text: &'static str| -> Vec<&'static str> {
            text.split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect()
        };
        let tokens = |text: &'static str| {
            let mut all = Vec::new();
            for_each_stop_word_token(text, |start, end| all.push(&text[start..end]));
            all
        };
        // Without apostrophes: the runs of letters and digits.
        let runs = |text: &'static str| {
            let mut all = Vec::new();
            for_each_word::<false>(text, |start, end| all.push(&text[start..end]));
            let split: Vec<&str> =
                text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(all, split, "{text:?}");
        };
        let text = "l'été, don't — 3½ «mots» x²y naïve-test ''";
        assert_eq!(tokens(text), split(text));
        runs(text);
        assert!(tokens("").is_empty());
        assert!(tokens(" - ").is_empty());
        // Words and characters of every length across the edges of the
        // blocks read at a time: each piece after every shift of 0 to 40
        // letters or spaces, alone and repeated.
        let pieces = [
            "a",
            "don't",
            "x—y",
            "«mots»",
            "naïve",
            "слово и дело",
            "日本語、テキスト",
            "𝒳𝒴 z",
            "3½",
            "ab\u{a0}cd",
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        ];
        for piece in pieces {
            for shift in 0..=40 {
                for pad in ["a", " ", "é", "—"] {
                    for times in [1, 3] {
                        let text: &'static str =
                            format!("{}{}", pad.repeat(shift), piece.repeat(times)).leak();
                        assert_eq!(tokens(text), split(text), "{text:?}");
                        runs(text);
                    }
                }
            }
        }
    }

    #[test]
    fn flags_pack_into_bits() {
        let mut flags = [0u8; BLOCK];
        assert_eq!(pack_flags(&flags), 0);
        for k in 0..BLOCK {
            flags[k] = 1;
            assert_eq!(pack_flags(&flags), u32::MAX >> (BLOCK - 1 - k), "{k}");
        }
        let alternate: [u8; BLOCK] = std::array::from_fn(|k| u8::from(k % 3 == 0));
        let bits = (0..BLOCK).filter(|k| k % 3 == 0).fold(0u32, |m, k| m | 1 << k);
        assert_eq!(pack_flags(&alternate), bits);
    }

    #[test]
    fn keys_of_every_length_are_the_plain_keys() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for start in 0..text.len() {
            for end in start + 1..=(start + 16).min(text.len()) {
                assert_eq!(
                    short_key_in(text.as_bytes(), start, end),
                    short_key(&text[start..end]).unwrap(),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn words_fold_as_lines_do() {
        for w in ["and", "l'été", "DON`T", "İçin", "don’t", "x-y"] {
            assert_eq!(fold_word(w), fold(w), "{w}");
        }
    }

    #[test]
    fn word_maps_hold_short_and_long_words() {
        let mut map = WordMap::new();
        for w in ["a", "ab", "sixteen-bytes-ok", "seventeen-bytes-x", "ünïcödé"] {
            *map.entry(w) += 1;
        }
        *map.entry("a") += 1;
        assert_eq!(map.get("a"), Some(&2));
        for w in ["ab", "sixteen-bytes-ok", "seventeen-bytes-x", "ünïcödé"] {
            assert_eq!(map.get(w), Some(&1), "{w}");
        }
        for w in ["", "b", "abc", "sixteen-bytes-o", "seventeen-bytes-", "seventeen-bytes-xy"] {
            assert!(map.get(w).is_none(), "{w}");
        }
    }

    #[test]
    fn latin_script_is_settled_as_whatlang_settles_it() {
        for text in [
            "",
            "12:30 - 1.5%",
            "Hello, world!",
            "Bugün hava çok güzel, ağaçlar yeşil.",
            "“Quoted” – dashed — 20 € … ‘single’",
            "Zażółć gęślą jaźń; façade naïve œuvre ß",
            "ɐɑɒ ʀʁ",
            "\u{a0}«»",
            "del \u{7f} only",
            "\u{7f}",
            "ʰʱ modifier letters",
            "Привет мир",
            "Mixed Привет and Latin",
            "Tiếng Việt có dấu",
            "日本語のテキスト",
        ] {
            assert_eq!(script(text), whatlang::detect_script(text), "{text:?}");
        }
        // Every character of the ranges settled here, alone, after a
        // letter of another script, and before a Latin letter.
        for c in ('\0'..='\u{2ff}').chain('\u{1fff}'..='\u{2100}') {
            for text in [format!("{c}"), format!("я{c}"), format!("{c}я"), format!("{c}a")] {
                assert_eq!(script(&text), whatlang::detect_script(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn keys_read_in_place_are_the_words_keys() {
        let mut map = WordMap::new();
        let words = ["a", "l'été", "sixteen-bytes-ok", "seventeen-bytes-x", "ünïcödé", "x"];
        for (v, w) in words.iter().enumerate() {
            *map.entry(w) = v + 1;
        }
        // Words at the start, the middle and the end of texts long and short.
        for text in [
            "a",
            "x a",
            "l'été a x",
            "a sixteen-bytes-ok seventeen-bytes-x ünïcödé x",
            "not a word in the list here, then x ünïcödé sixteen-bytes-ok",
            "ünïcödé sixteen-bytes-ok",
            "zz a zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz l'été",
        ] {
            for_each_stop_word_token(text, |start, end| {
                let word = &text[start..end];
                assert_eq!(map.get_in(text, start, end), map.get(word), "{word} in {text}");
                if let Some(key) = short_key(word) {
                    assert_eq!(short_key_in(text.as_bytes(), start, end), key, "{word} in {text}");
                }
            });
        }
    }

    #[test]
    fn detects_and_scores() {
        let text = "Die Stadt hat am Montag beschlossen, dass die Bibliothek auch am Sonntag geöffnet wird, weil viele Menschen das wollten.";
        assert_eq!(detect_line(text), Some("de"));
        let stops = stop_words("de").unwrap();
        assert!(stop_word_density(&fold(text), stops) > 0.3);
        assert!(
            stop_word_density(
                &fold("Startseite Politik Wirtschaft Sport Kultur Reisen Auto Digital"),
                stops
            ) < 0.2
        );
    }
}
