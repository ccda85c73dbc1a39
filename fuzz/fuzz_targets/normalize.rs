//! The line normaliser on arbitrary text: no panic, NFC, no edge spaces, and
//! a second pass changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textsieve::normalize;

fuzz_target!(|text: &str| {
    // `line` takes one line; a break inside is the caller's bug, not ours.
    if text.contains(['\n', '\r']) {
        return;
    }
    let once = normalize::line(text);
    assert_eq!(once.trim(), &*once, "edge spaces");
    assert_eq!(&*normalize::nfc(&once), &*once, "not NFC");
    let twice = normalize::line(&once);
    assert_eq!(once, twice, "normalising is not idempotent");
});
