//! Runs the binary over every `fixtures/**/NAME.txt` and compares its output
//! byte for byte with `NAME.gold.txt`; likewise `NAME.jsonl` (run with
//! `--jsonl`) with `NAME.gold.jsonl`. Every failure is reported, then the test
//! fails once. `NAME.args` (one flag per line) adds flags; `TEXTSIEVE_BLESS=1`
//! rewrites the gold files from the current output (review the diff against
//! POLICY.md before committing it).

use std::path::{Path, PathBuf};

mod util;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if let Some(name) = p.file_name().and_then(|n| n.to_str())
            && EXTENSIONS
                .iter()
                .any(|ext| name.ends_with(ext) && !name.ends_with(&format!(".gold{ext}")))
        {
            out.push(p);
        }
    }
}

/// Input kinds: plain text, and JSON Lines (run with `--jsonl`).
const EXTENSIONS: [&str; 2] = [".txt", ".jsonl"];

/// The input's name without its extension, and the extension.
fn stem_of(input: &Path) -> (&str, &'static str) {
    let name = input.file_name().unwrap().to_str().unwrap();
    EXTENSIONS.iter().find_map(|ext| Some((name.strip_suffix(ext)?, *ext))).unwrap()
}

fn gold_of(input: &Path) -> PathBuf {
    let (stem, ext) = stem_of(input);
    input.with_file_name(format!("{stem}.gold{ext}"))
}

fn args_of(input: &Path) -> Vec<String> {
    let (stem, ext) = stem_of(input);
    let p = input.with_file_name(format!("{stem}.args"));
    let mut args: Vec<String> = match std::fs::read_to_string(p) {
        Ok(s) => s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        Err(_) => Vec::new(),
    };
    if ext == ".jsonl" {
        args.insert(0, "--jsonl".to_string());
    }
    args
}

fn run(input: &Path) -> Vec<u8> {
    let args = args_of(input);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    util::run(&args, &std::fs::read(input).unwrap()).stdout
}

#[test]
fn fixtures_match_gold_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut inputs = Vec::new();
    collect(&root, &mut inputs);
    assert!(inputs.len() >= 5, "fixtures missing");
    let bless = std::env::var_os("TEXTSIEVE_BLESS").is_some();
    let mut failures = Vec::new();
    for input in &inputs {
        let gold_path = gold_of(input);
        let got = run(input);
        if bless {
            std::fs::write(&gold_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read(&gold_path)
            .unwrap_or_else(|_| panic!("{} has no gold file", input.display()));
        if got != want {
            failures.push(format!(
                "### {}\n--- expected\n{}\n--- got\n{}",
                input.strip_prefix(&root).unwrap().display(),
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&got)
            ));
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} fixtures differ:\n\n{}",
            failures.len(),
            inputs.len(),
            failures.join("\n\n")
        );
    }
}
