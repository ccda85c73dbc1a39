//! Embeds every rule file under `src/rules/<lang>/<kind>.txt` into the binary,
//! with the literal gate of each of their `re:` patterns (see
//! `src/rules/gate.rs`), worked out here once instead of in every run.
//!
//! The table is generated so that adding a language or a rule file needs no
//! code change; the files themselves are included with `include_str!`.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/rules/gate.rs"]
mod gate;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    for lang in std::fs::read_dir(&root).expect("src/rules exists") {
        let lang = lang.expect("readable dir entry").path();
        if !lang.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", lang.display());
        for file in std::fs::read_dir(&lang).expect("readable language dir") {
            let file = file.expect("readable dir entry").path();
            if file.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let code = lang.file_name().unwrap().to_str().unwrap().to_string();
            // `chrome.languages.txt` is one more file of kind `chrome`.
            let stem = file.file_stem().unwrap().to_str().unwrap().to_string();
            let kind = stem.split('.').next().unwrap().to_string();
            entries.push((code, kind, stem, file));
        }
    }
    entries.sort();
    let mut out = String::from("/// Every built-in rule file: (language, kind, path, text).\n");
    out.push_str("pub(crate) const FILES: &[BuiltinFile] = &[\n");
    for (code, kind, stem, path) in &entries {
        let rel = format!("rules/{code}/{stem}.txt");
        writeln!(
            out,
            "    BuiltinFile {{ lang: {code:?}, kind: {kind:?}, path: {rel:?}, text: include_str!({:?}) }},",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("rule_files.rs"), out).unwrap();
    let gates = builtin_gates(entries.iter().map(|(_, _, _, path)| path.as_path()));
    std::fs::write(Path::new(&out_dir).join("rule_gates.rs"), gates).unwrap();
}

/// The source of `BUILTIN_GATES`: each distinct folded `re:` pattern of the
/// rule files with its gate. A line the rule parser reads differently would
/// only miss the table and have its gate worked out at run time.
fn builtin_gates<'a>(files: impl Iterator<Item = &'a Path>) -> String {
    let mut patterns = std::collections::BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(path).expect("rule files are UTF-8");
        for line in text.lines() {
            if let Some(body) = line.trim().strip_prefix("re:") {
                patterns.insert(gate::fold_pattern(body.trim()));
            }
        }
    }
    let mut out = String::from(
        "/// The literal gate of every built-in pattern, folded, worked out by `build.rs`.\n",
    );
    out.push_str("const BUILTIN_GATES: &[(&str, BuiltinGate)] = &[\n");
    for pattern in &patterns {
        let gate = match gate::required_literals(pattern) {
            Some(gate::Gate { literals, at }) => {
                let literals: Vec<String> = literals.iter().map(|l| format!("&{l:?}")).collect();
                format!("Some((GateAt::{at:?}, &[{}]))", literals.join(", "))
            }
            None => "None".to_string(),
        };
        writeln!(out, "    ({pattern:?}, {gate}),").unwrap();
    }
    out.push_str("];\n");
    out
}
