//! Content safety of the built-in rule packs: no rule of any kind, in any
//! language, may match a line that a gold file under `fixtures/` keeps. A rule
//! that does would remove article text the policy says to keep.

use std::path::{Path, PathBuf};

use textsieve::rules::{Caps, KINDS, RuleSet};

fn gold_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            gold_files(&p, out);
        } else if p.to_str().is_some_and(|s| s.ends_with(".gold.txt")) {
            out.push(p);
        }
    }
}

#[test]
fn no_rule_matches_a_kept_line() {
    let rules = RuleSet::builtin(&[]).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut golds = Vec::new();
    gold_files(&root, &mut golds);
    assert!(!golds.is_empty(), "no gold files found");
    let mut hits = Vec::new();
    for (kind, _) in KINDS {
        let matcher = rules.matcher(kind);
        for gold in &golds {
            let text = std::fs::read_to_string(gold).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                if let Some(hit) = matcher.find(line, Caps::Apply) {
                    hits.push(format!(
                        "{}:{} [{kind}] {}: {line}",
                        gold.strip_prefix(&root).unwrap().display(),
                        n + 1,
                        hit.rule
                    ));
                }
            }
        }
    }
    assert!(hits.is_empty(), "rules match kept lines:\n{}", hits.join("\n"));
}
