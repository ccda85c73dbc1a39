//! Arbitrary bytes through decoding, then the default pipeline: no panic, and
//! cleaning the clean text changes nothing.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use textsieve::{EncodingChoice, Pipeline, to_utf8};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = to_utf8(data, EncodingChoice::Auto) else { return };
    let once = PIPELINE.clean(&decoded.text);
    let twice = PIPELINE.clean(&once);
    assert_eq!(once, twice, "cleaning is not idempotent");
});
