//! Content safety: the default pipeline leaves every gold file in `fixtures/`
//! exactly as it is. A gold file is what an article looks like once cleaned,
//! so any rule that removes or rewrites one of its lines would eat content in
//! the wild. (Fixtures run with flags of their own, `NAME.args`, are skipped:
//! their gold follows those flags, not the default pipeline.)

use std::path::{Path, PathBuf};

use textsieve::{Document, Pipeline};

fn golds(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            golds(&p, out);
        } else if let Some(name) = p.file_name().and_then(|n| n.to_str())
            && let Some(stem) = name.strip_suffix(".gold.txt")
            && !p.with_file_name(format!("{stem}.args")).exists()
        {
            out.push(p);
        }
    }
}

#[test]
fn no_rule_touches_a_gold_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    golds(&root, &mut files);
    assert!(!files.is_empty());
    let pipeline = Pipeline::default();
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let mut doc = Document::from_text(&text);
        doc.trace(true);
        pipeline.run(&mut doc);
        for e in doc.events() {
            let reason =
                e.reason.as_ref().map(|r| format!("{}\t{}", r.filter, r.rule)).unwrap_or_default();
            problems.push(format!(
                "{}:{}: {} by {reason}: {}",
                path.strip_prefix(&root).unwrap().display(),
                e.line,
                e.action.as_str(),
                e.text
            ));
        }
    }
    assert!(problems.is_empty(), "{} gold lines changed:\n{}", problems.len(), problems.join("\n"));
}
