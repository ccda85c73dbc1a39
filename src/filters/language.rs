//! The language of a document, and its stop words.
//!
//! Detection is whatlang's, on a sample of the document's longer lines; stop
//! word lists are the ones the `stop-words` crate ships (stopwords-iso). The
//! share of stop words in a line tells running text (many function words)
//! from keyword lists, tag clouds and menus (almost none), in any language
//! that has a list, as jusText does.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use crate::rules::fold;

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

/// A folded stop-word list. Every word of every scored line is looked up, so
/// it is hashed with foldhash (the words come from a shipped list, not from
/// input an attacker could shape against the hash).
pub(crate) type StopWords = foldhash::HashSet<String>;

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
    let set: &'static StopWords = Box::leak(Box::new(list.iter().map(|w| fold(w)).collect()));
    cache.insert(code, set);
    Some(set)
}

/// Guesses the language (ISO 639-1) of a document from its longer lines.
pub(crate) fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    let mut sample = String::new();
    for line in lines.filter(|l| l.split_whitespace().count() >= SAMPLE_MIN_WORDS) {
        sample.push_str(line);
        sample.push('\n');
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    if sample.is_empty() {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code3 = info.lang().code();
    ISO3_TO_ISO1.iter().find(|(c3, _)| *c3 == code3).map(|(_, c1)| *c1)
}

/// Share of a line's words that are stop words; the line comes folded (see
/// [`fold`]), as the document keeps it for every stage.
pub(crate) fn stop_word_density(folded: &str, stops: &StopWords) -> f32 {
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in folded.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()) {
        words += 1;
        if stops.contains(w) {
            hits += 1;
        }
    }
    if words == 0 { 0.0 } else { hits as f32 / words as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_scores() {
        let text = "Die Stadt hat am Montag beschlossen, dass die Bibliothek auch am Sonntag geöffnet wird, weil viele Menschen das wollten.";
        assert_eq!(detect([text].into_iter()), Some("de"));
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
