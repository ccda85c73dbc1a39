//! Throughput of the default pipeline and of each stage alone, in bytes of
//! input per second, over a multilingual corpus: every UTF-8 input under
//! `fixtures/`, plus, when the folder exists, an even sample of the page
//! texts in `../shared/bench/full` (at most `TEXTSIEVE_BENCH_MB` MB, default
//! 4). CI, which has no such folder, benches the fixtures alone.
//!
//! Run with `cargo bench`; `cargo bench -- normalize` runs one stage.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textsieve::Pipeline;
use textsieve::filters::STAGES;

/// Inputs (not gold files) under `dir`, sorted.
fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            inputs(&p, out);
        } else {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
                out.push(p);
            }
        }
    }
}

/// The documents to clean, each one input file.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    let mut fixtures = Vec::new();
    inputs(&root.join("fixtures"), &mut fixtures);
    docs.extend(fixtures.iter().filter_map(|p| String::from_utf8(fs::read(p).ok()?).ok()));

    let mut pages = Vec::new();
    inputs(&root.join("../shared/bench/full"), &mut pages);
    if !pages.is_empty() {
        let budget_mb: u64 =
            std::env::var("TEXTSIEVE_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(4);
        let total: u64 = pages.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
        // An even sample across the sorted names, so every source and language is in.
        let stride = (total / (budget_mb * 1_000_000).max(1) + 1) as usize;
        docs.extend(
            pages.iter().step_by(stride).filter_map(|p| String::from_utf8(fs::read(p).ok()?).ok()),
        );
    }
    docs
}

fn clean_all(pipeline: &Pipeline, docs: &[String]) -> usize {
    docs.iter().map(|d| pipeline.clean(black_box(d)).len()).sum()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    assert!(bytes > 0, "no bench corpus under fixtures/");

    let mut pipelines = vec![("all", Pipeline::default())];
    for stage in STAGES {
        let p = Pipeline::builder().only(stage.name).build().expect("built-in stages build");
        pipelines.push((stage.name, p));
    }

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, pipeline) in &pipelines {
        let expected = clean_all(pipeline, &docs);
        group.bench_function(*name, |b| {
            b.iter(|| {
                let got = clean_all(pipeline, &docs);
                assert_eq!(got, expected, "{name}: output length changed between runs");
                got
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
