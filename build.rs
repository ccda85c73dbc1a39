//! Embeds every rule file under `src/rules/<lang>/<kind>.txt` into the binary.
//!
//! The table is generated so that adding a language or a rule file needs no
//! code change; the files themselves are included with `include_str!`.

use std::fmt::Write as _;
use std::path::Path;

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
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_files.rs");
    std::fs::write(dest, out).unwrap();
}
