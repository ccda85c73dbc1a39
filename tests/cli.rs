//! The binary as users drive it: streams, files, flags, exit codes, errors.

use std::path::PathBuf;
use std::process::{Command, Output};

mod util;
use util::run;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textsieve"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

const ARTICLE: &str = "The council approved the new ferry line on Tuesday after a long debate.\n";

#[test]
fn stdin_to_stdout() {
    let o = run(&[], b"Skip to content\nThe council approved the new ferry line on Tuesday after a long debate.\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), ARTICLE);
    assert_eq!(stderr(&o), "");
}

#[test]
fn files_and_dash_are_documents_in_order() {
    let dir = temp_dir();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "First document, with a sentence of its own.\n").unwrap();
    let o = run(&[a.to_str().unwrap(), "-"], b"Second document from stdin.\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "First document, with a sentence of its own.\n\x0c\nSecond document from stdin.\n"
    );
}

#[test]
fn form_feed_separates_documents() {
    let o = run(&[], b"One.\n\x0c\nTwo.\n\x0c\n");
    assert_eq!(stdout(&o), "One.\n\x0c\nTwo.\n\x0c\n");
}

#[test]
fn output_file_is_written_whole() {
    let dir = temp_dir();
    let out = dir.path().join("clean.txt");
    let o = run(&["-o", out.to_str().unwrap()], ARTICLE.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), ARTICLE);
    assert_eq!(stdout(&o), "");
}

#[test]
fn unwritable_output_is_an_error_and_leaves_nothing() {
    let dir = temp_dir();
    let out = dir.path().join("missing-dir").join("clean.txt");
    let o = run(&["-o", out.to_str().unwrap()], ARTICLE.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("textsieve: "), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn missing_file_is_reported_and_others_go_through() {
    let dir = temp_dir();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    let missing = dir.path().join("nope.txt");
    let o = run(&[missing.to_str().unwrap(), a.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope.txt"), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("\x0c\n{ARTICLE}"));
}

#[test]
fn only_missing_file_is_fatal() {
    let o = run(&["/definitely/not/here.txt"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/definitely/not/here.txt"));
}

#[test]
fn unknown_encoding_label_is_named() {
    let o = run(&["-E", "klingon"], ARTICLE.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("klingon"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn explicit_encoding_is_used() {
    // "Güneşli" in windows-1254.
    let o = run(&["-E", "windows-1254"], b"G\xfcne\xfeli bir g\xfcn oldu.\n");
    assert_eq!(stdout(&o), "Güneşli bir gün oldu.\n");
}

#[test]
fn legacy_encodings_are_detected() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"\xd1\xf0\xe5\xe4\xe0 \xe1\xfb\xeb\xe0 \xf5\xee\xeb\xee\xe4\xed\xee\xe9, \xed\xee \xf1\xee\xeb\xed\xe5\xf7\xed\xee\xe9. \xc4\xe5\xf2\xe8 \xe8\xe3\xf0\xe0\xeb\xe8 \xe2\xee \xe4\xe2\xee\xf0\xe5 \xe4\xee \xe2\xe5\xf7\xe5\xf0\xe0.\n",
            "Среда была холодной, но солнечной. Дети играли во дворе до вечера.\n",
        ),
        (
            b"Bug\xfcn \xe7ok g\xfczel bir g\xfcnd\xfc; \xe7ocuklar bah\xe7ede oynad\xfd, \xfeehirde i\xfe yerleri a\xe7\xfdkt\xfd.\n",
            "Bugün çok güzel bir gündü; çocuklar bahçede oynadı, şehirde iş yerleri açıktı.\n",
        ),
    ];
    for (bytes, want) in cases {
        let o = run(&[], bytes);
        assert_eq!(stdout(&o), *want);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn utf16_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Merhaba dünya.\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let o = run(&[], &bytes);
    assert_eq!(stdout(&o), "Merhaba dünya.\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn binary_input_is_refused() {
    let o = run(&[], b"\x7fELF\x02\x01\x01\0\0\0\0\0");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn invalid_bytes_are_replaced_with_a_warning() {
    let mut bytes =
        "Çarşıda yeni dükkânlar açıldı ve esnaf memnun görünüyordu.".as_bytes().to_vec();
    bytes.extend(b" \xff\n");
    let o = run(&[], &bytes);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("Çarşıda yeni dükkânlar"));
    assert!(stdout(&o).contains('\u{FFFD}'));
    assert!(stderr(&o).contains("<stdin>"), "{}", stderr(&o));
}

#[test]
fn explain_lists_changes_as_tsv() {
    let o = run(&["--explain"], b"Skip to content\nA sentence that stays here.\n");
    let out = stdout(&o);
    let row: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(row.len(), 5, "{out}");
    assert_eq!(&row[..3], ["1", "remove", "chrome"]);
    assert!(row[3].contains("chrome"), "{out}");
    assert_eq!(row[4], "Skip to content");
    assert_eq!(out.lines().count(), 1);
    let all = stdout(&run(&["--explain=all"], b"Skip to content\nA sentence that stays here.\n"));
    assert!(all.contains("2\tkeep\t-\t-\tA sentence that stays here."), "{all}");
}

#[test]
fn only_and_skip_select_stages() {
    let input = b"Skip to content\nA&amp;B went home.\n";
    assert_eq!(stdout(&run(&["--only", "normalize"], input)), "Skip to content\nA&B went home.\n");
    assert_eq!(stdout(&run(&["--skip", "chrome"], input)), "Skip to content\nA&B went home.\n");
    let o = run(&["--skip", "nonsense"], input);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nonsense") && stderr(&o).contains("normalize"), "{}", stderr(&o));
}

#[test]
fn list_filters_names_every_stage() {
    let o = bin().arg("--list-filters").output().unwrap();
    let out = stdout(&o);
    for name in [
        "normalize",
        "images",
        "chrome",
        "disclaimer",
        "related",
        "structure",
        "headline",
        "repeats",
    ] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name} missing:\n{out}");
    }
}

#[test]
fn stats_go_to_stderr() {
    let o = run(&["--stats"], b"Skip to content\nA sentence that stays here.\n");
    assert_eq!(stdout(&o), "A sentence that stays here.\n");
    assert!(stderr(&o).lines().any(|l| l.starts_with("chrome\t1\t")), "{}", stderr(&o));
}

#[test]
fn user_rules_add_to_the_packs_and_bad_ones_are_named() {
    let dir = temp_dir();
    let rules = dir.path().join("site.chrome.txt");
    std::fs::write(&rules, "# site menu\nWeekly Puzzle Corner\n").unwrap();
    let o = run(
        &["--rules", rules.to_str().unwrap()],
        b"Weekly Puzzle Corner\nThe article text stays.\n",
    );
    assert_eq!(stdout(&o), "The article text stays.\n");
    std::fs::write(&rules, "ok\nre: (unclosed\n").unwrap();
    let o = run(&["--rules", rules.to_str().unwrap()], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("site.chrome.txt:2"), "{}", stderr(&o));
}

#[test]
fn unknown_language_is_named() {
    let o = run(&["--lang", "xx"], b"x\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'xx'"), "{}", stderr(&o));
}

#[test]
fn empty_and_boilerplate_only_input_give_no_output() {
    for input in
        [&b""[..], b"\n\n  \n", b"Skip to content\n\xc2\xa9 2024 Example. All rights reserved.\n"]
    {
        let o = run(&[], input);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let mut big = String::new();
    for i in 0..200_000 {
        big.push_str(&format!(
            "Paragraph number {i} says something different every time it is written.\n"
        ));
    }
    let o = util::run_closing_stdout(&[], big.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

#[test]
fn very_long_line_goes_through() {
    let line = "word ".repeat(2_000_000) + "end.\n";
    let o = run(&[], line.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o) == line, "a long line must come out whole");
}

#[test]
fn bundled_example_from_readme_runs() {
    let path: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "fixtures", "seeds", "004_937fd04f564aca70.txt"]
            .iter()
            .collect();
    let o = bin().arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!o.stdout.is_empty());
}
