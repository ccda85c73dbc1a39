//! Arbitrary text through the default pipeline with tracing on: no panic, the
//! layout invariants hold, and every change recorded is accounted for.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use textsieve::{Document, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|text: &str| {
    let mut doc = Document::from_text(text);
    doc.trace(true);
    PIPELINE.run(&mut doc);
    let out = doc.to_clean_string();
    assert_eq!(out, PIPELINE.clean(text), "tracing changed the result");
    assert!(!out.contains("\n\n\n"), "double blank line");
    assert!(!out.starts_with('\n'), "leading blank line");
    for line in out.lines() {
        assert_eq!(line, line.trim(), "edge spaces");
        assert!(!line.contains('\r'), "carriage return");
    }
});
