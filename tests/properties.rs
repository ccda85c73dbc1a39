//! Properties every input must keep, on generated input: cleaning twice
//! changes nothing, nothing panics, the layout and Unicode rules hold, nothing
//! is invented, clean prose passes as is, and thread count does not matter.
//!
//! Case counts are kept low because `cargo test` runs in debug builds; the
//! fuzz targets in `fuzz/` go much further on the same properties.

use std::sync::LazyLock;

use proptest::prelude::*;
use textsieve::jsonl::{JsonlOptions, clean_stream};
use textsieve::{EncodingChoice, Pipeline, normalize, to_utf8};
use unicode_normalization::is_nfc;

mod util;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

/// Pieces web-scraped text is made of: prose, boilerplate, odd characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The council approved the new ferry line on Tuesday after a long debate.".to_string()),
        Just("Skip to content".to_string()),
        Just("Home | News | Sport | Weather".to_string()),
        Just("Read more".to_string()),
        Just("Related news".to_string()),
        Just("© 2024 Example. All rights reserved.".to_string()),
        Just("Yorumlar".to_string()),
        Just("Reply".to_string()),
        Just("***This is not investment advice.***".to_string()),
        Just("12.02.2024 | Son dakika: Deprem".to_string()),
        Just("Caf\u{65}\u{301} &amp; bar&nbsp;".to_string()),
        Just("Ã§alÄ±ÅŸma".to_string()),
        Just("\u{200B}\u{FEFF}\u{202E}x\u{202C}".to_string()),
        Just("   ".to_string()),
        Just(String::new()),
        "[a-zA-Z ,.!?|:&;#0-9-]{0,60}",
        any::<String>(),
    ]
}

/// A document of up to 30 such lines with mixed line endings.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]), 0..30)
        .prop_map(|lines| lines.into_iter().map(|(l, e)| l + e).collect())
}

fn assert_layout(out: &str) {
    assert!(is_nfc(out), "not NFC: {out:?}");
    assert!(!out.starts_with('\n'), "leading blank line: {out:?}");
    assert!(!out.contains("\n\n\n"), "double blank line: {out:?}");
    assert!(out.is_empty() || out.ends_with('\n'), "no final newline: {out:?}");
    for line in out.lines() {
        assert_eq!(line, line.trim(), "edge spaces: {out:?}");
        assert!(
            !line.chars().any(|c| matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}')),
            "invisible or control character: {line:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_is_idempotent(doc in document()) {
        let once = PIPELINE.clean(&doc);
        let twice = PIPELINE.clean(&once);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn output_keeps_the_layout_and_unicode_rules(doc in document()) {
        assert_layout(&PIPELINE.clean(&doc));
    }

    #[test]
    fn nothing_is_invented(doc in document()) {
        let normalised: Vec<String> =
            doc.split(['\n', '\r']).map(|l| normalize::line(l).into_owned()).collect();
        for line in PIPELINE.clean(&doc).lines().filter(|l| !l.is_empty()) {
            prop_assert!(
                normalised.iter().any(|n| n.contains(line)),
                "{:?} is in no normalised input line of {:?}", line, doc
            );
        }
    }

    #[test]
    fn arbitrary_bytes_decode_and_clean(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = to_utf8(&bytes, EncodingChoice::Auto) {
            let once = PIPELINE.clean(&decoded.text);
            assert_layout(&once);
            prop_assert_eq!(PIPELINE.clean(&once), once);
        }
    }

    #[test]
    fn arbitrary_jsonl_lines_are_cleaned_or_kept(
        lines in prop::collection::vec(
            prop_oneof![
                any::<String>().prop_map(|s| serde_json::json!({ "text": s }).to_string()),
                Just(r#"{"text":"\ud800 lone"}"#.to_string()),
                Just(r#"{"text":1}"#.to_string()),
                "[{}\":,a-z0-9\\\\ ]{0,40}",
            ],
            0..12,
        )
    ) {
        let input = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        let mut out = Vec::new();
        let summary = clean_stream(input.as_bytes(), &mut out, &PIPELINE, &JsonlOptions::default())
            .expect("writing to a Vec cannot fail");
        let n_out = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        let n_in = lines.iter().filter(|l| !l.is_empty()).count();
        // Every record comes out, cleaned or unchanged; none is lost or made up.
        prop_assert_eq!(n_out, n_in, "summary: {:?}", summary);
    }
}

/// Sentences of plain running text, each different from the others.
fn prose() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "river", "garden", "stone", "morning", "quiet", "village", "farmer", "walked", "along",
        "the", "old", "road", "towards", "market", "bread", "warm", "children", "played", "near",
        "water", "evening", "light", "slowly", "green", "hills", "and", "with", "under",
    ];
    prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 10..24), 2..8)
        .prop_map(|paragraphs| {
            let mut out = String::new();
            for (i, words) in paragraphs.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i % 3 == 0 { "\n\n" } else { "\n" });
                }
                // A number makes each paragraph unique, as an article's are.
                out.push_str(&format!("In year {} the ", 1900 + i));
                out.push_str(&words.join(" "));
                out.push('.');
            }
            out.push('\n');
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn clean_prose_passes_unchanged(text in prose()) {
        prop_assert_eq!(PIPELINE.clean(&text), text);
    }
}

fn run_binary(args: &[&str], input: &[u8]) -> Vec<u8> {
    util::run(args, input).stdout
}

proptest! {
    // Each case starts the binary four times: keep the count small.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn thread_count_does_not_change_the_output(docs in prop::collection::vec(document(), 1..40)) {
        let stream = docs.join("\x0c");
        let one = run_binary(&["-j", "1"], stream.as_bytes());
        let four = run_binary(&["-j", "4"], stream.as_bytes());
        prop_assert_eq!(one, four);
        let jsonl: String = docs
            .iter()
            .map(|d| serde_json::json!({ "id": 1, "text": d }).to_string() + "\n")
            .collect();
        let one = run_binary(&["--jsonl", "-j", "1"], jsonl.as_bytes());
        let four = run_binary(&["--jsonl", "-j", "4"], jsonl.as_bytes());
        prop_assert_eq!(one, four);
    }
}
