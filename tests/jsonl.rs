//! Drives the binary over JSON Lines input: what is kept byte for byte, what
//! is cleaned, how bad records are reported, gzip, threads and closed pipes.

use std::io::{Read, Write};
use std::process::Output;

mod util;

struct Run {
    status: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn textsieve(args: &[&str], stdin: &[u8]) -> Run {
    let Output { status, stdout, stderr } = util::run(args, stdin);
    Run { status: status.code().unwrap(), stdout, stderr: String::from_utf8(stderr).unwrap() }
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn other_fields_keep_their_order_and_bytes() {
    let input = concat!(
        r#"{"z":1,"a":{"x":[1,2.50,-0.0]},"text":"Caf\u0065\u0301   opens.\r\n\r\n\r\nAt noon.","big":123456789012345678901234567890,"f":1e400,"raw":"çğış 😀","esc":"\u00e9\n"}"#,
        "\n",
        r#"  {"text" : "Ünïcödé  raw", "k" : true }  "#,
        "\n",
    );
    let want = concat!(
        r#"{"z":1,"a":{"x":[1,2.50,-0.0]},"text":"Café opens.\n\nAt noon.","big":123456789012345678901234567890,"f":1e400,"raw":"çğış 😀","esc":"\u00e9\n"}"#,
        "\n",
        r#"  {"text" : "Ünïcödé raw", "k" : true }  "#,
        "\n",
    );
    let run = textsieve(&["--jsonl"], input.as_bytes());
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(text(&run.stdout), want);
    assert_eq!(run.stderr, "");
}

#[test]
fn text_is_cleaned_as_plain_mode_cleans_it() {
    let doc = "  Title&nbsp;here \r\n\r\n\r\nBody\u{200B} text\u{0301}.\r\n";
    let plain = textsieve(&[], doc.as_bytes());
    let record = format!("{{\"text\":{}}}\n", json_string(doc));
    let run = textsieve(&["--jsonl"], record.as_bytes());
    let want = text(&plain.stdout).strip_suffix('\n').unwrap();
    assert_eq!(text(&run.stdout), format!("{{\"text\":{}}}\n", json_string(want)));
}

/// A minimal JSON string encoder for the test inputs.
fn json_string(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[test]
fn dotted_field_reaches_into_objects() {
    let input = "{\"id\":\"a\",\"doc\":{\"title\":\"t  t\",\"body\":\"x   y\"}}\n";
    let run = textsieve(&["--jsonl", "--field", "doc.body"], input.as_bytes());
    assert_eq!(run.status, 0);
    assert_eq!(text(&run.stdout), "{\"id\":\"a\",\"doc\":{\"title\":\"t  t\",\"body\":\"x y\"}}\n");
}

#[test]
fn annotate_adds_counts_per_filter() {
    let input = "{\"text\":\"a  b\\nc\"}\n";
    let run = textsieve(&["--jsonl", "--annotate"], input.as_bytes());
    let out = text(&run.stdout);
    assert!(
        out.starts_with(
            "{\"text\":\"a b\\nc\",\"textsieve\":{\"normalize\":{\"removed\":0,\"rewritten\":1}"
        ),
        "{out}"
    );
    assert!(out.ends_with("}}\n"));
    let named = textsieve(&["--jsonl", "--annotate=audit"], input.as_bytes());
    assert!(text(&named.stdout).contains(",\"audit\":{"));
}

#[test]
fn drop_empty_leaves_out_empty_records_and_counts_them() {
    let input = "{\"id\":1,\"text\":\" \\u200b \\n\\n\"}\n{\"id\":2,\"text\":\"kept\"}\n{\"id\":3,\"text\":\"\"}\n";
    let run = textsieve(&["--jsonl", "--drop-empty", "--stats"], input.as_bytes());
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(text(&run.stdout), "{\"id\":2,\"text\":\"kept\"}\n");
    assert!(run.stderr.contains("dropped\t2\n"), "{}", run.stderr);
    assert!(run.stderr.contains("cleaned\t1\n"), "{}", run.stderr);
    // Without the flag they stay, with empty text.
    let kept = textsieve(&["--jsonl"], input.as_bytes());
    assert_eq!(text(&kept.stdout).lines().count(), 3);
}

#[test]
fn bad_records_in_the_middle_are_written_unchanged_and_reported() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"text\":\"one  1\"}\n");
    input.extend_from_slice(b"{\"text\": \"unterminated\n");
    input.extend_from_slice(b"[\"not\", \"an object\"]\n");
    input.extend_from_slice(b"{\"body\":\"no text field\"}\n");
    input.extend_from_slice(b"{\"text\":42}\n");
    input.extend_from_slice(b"{\"text\":\"lone \\ud800 surrogate\"}\n");
    input.extend_from_slice(b"{\"text\":\"bad \xff byte\"}\n");
    input.extend_from_slice(b"{\"text\":\"two  2\"}\n");
    let run = textsieve(&["--jsonl"], &input);
    assert_eq!(run.status, 1);
    let mut want = b"{\"text\":\"one 1\"}\n".to_vec();
    want.extend_from_slice(&input[18..input.len() - 18]);
    want.extend_from_slice(b"{\"text\":\"two 2\"}\n");
    assert_eq!(String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&want));
    for (line, what) in [
        (2, "not valid JSON"),
        (3, "not a JSON object"),
        (4, "no field 'text'"),
        (5, "field 'text' holds a number"),
        (6, "field 'text' cannot be decoded"),
        (7, "invalid UTF-8"),
    ] {
        let needle = format!("textsieve: <stdin>: line {line}: {what}");
        assert!(run.stderr.contains(&needle), "missing {needle:?} in\n{}", run.stderr);
    }
    assert!(run.stderr.ends_with("textsieve: 6 bad records written unchanged\n"), "{}", run.stderr);
}

#[test]
fn messages_are_capped_and_the_rest_counted() {
    let input = "nope\n".repeat(25) + "{\"text\":\"ok\"}\n";
    let run = textsieve(&["--jsonl"], input.as_bytes());
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, input.as_bytes());
    assert_eq!(run.stderr.lines().filter(|l| l.contains(": line ")).count(), 20);
    assert!(
        run.stderr.contains("25 bad records written unchanged (5 not shown above)"),
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_cleanable_is_status_2() {
    let run = textsieve(&["--jsonl"], b"plain text\nis not JSONL\n");
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, b"plain text\nis not JSONL\n");
}

#[test]
fn on_error_fail_stops_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let input = b"{\"text\":\"a\"}\n{oops\n{\"text\":\"b\"}\n";
    let run = textsieve(&["--jsonl", "--on-error", "fail", "-o", out.to_str().unwrap()], input);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("line 2: not valid JSON"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a partial file was left");
    let to_stdout = textsieve(&["--jsonl", "--on-error=fail"], input);
    assert_eq!((to_stdout.status, &to_stdout.stdout[..]), (2, &b"{\"text\":\"a\"}\n"[..]));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn gzip_in_and_out() {
    let input = corpus(300);
    let plain = textsieve(&["--jsonl"], &input);
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("shard.jsonl.gz");
    std::fs::write(&src, gzip(&input)).unwrap();
    let dst = dir.path().join("clean.jsonl.gz");
    // Named *.jsonl.gz: JSONL without the flag, decompressed by its magic bytes.
    let run = textsieve(&[src.to_str().unwrap(), "-o", dst.to_str().unwrap()], b"");
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(gunzip(&std::fs::read(&dst).unwrap()), plain.stdout);
    // Gzip on stdin is recognised too.
    let piped = textsieve(&["--jsonl"], &gzip(&input));
    assert_eq!(piped.stdout, plain.stdout);
}

/// Generated records of varied sizes, with things for normalize to do.
fn corpus(records: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..records {
        let paragraphs = 1 + i % 7;
        let mut body = String::new();
        for p in 0..paragraphs {
            body.push_str(&format!(
                "Paragraph {p} of record {i}:  caf\\u0065\\u0301 &amp; na\\u00efve\\r\\n"
            ));
            if p % 2 == 0 {
                body.push_str("\\n\\n");
            }
        }
        writeln!(out, "{{\"id\":{i},\"text\":\"{body}\",\"score\":0.{i:04}}}").unwrap();
        if i % 97 == 50 {
            out.extend_from_slice(b"{\"broken\":\n");
        }
    }
    out
}

#[test]
fn output_is_the_same_for_every_thread_count() {
    // Enough records for several batches.
    let input = corpus(9000);
    let one = textsieve(&["--jsonl", "-j", "1", "--annotate"], &input);
    let four = textsieve(&["--jsonl", "-j", "4", "--annotate"], &input);
    assert_eq!(one.status, 1);
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
    assert_eq!(one.stderr, four.stderr);
    assert_eq!(text(&one.stdout).lines().count(), 9000 + 9000 / 97 + 1);
}

#[test]
fn plain_streams_are_the_same_for_every_thread_count() {
    let mut input = Vec::new();
    for i in 0..3000 {
        if i > 0 {
            input.extend_from_slice(b"\x0c\n");
        }
        for l in 0..(i % 5 + 1) {
            writeln!(input, "Document {i}, line {l}:  text&nbsp;here\r\n").unwrap();
        }
    }
    let one = textsieve(&["-j", "1"], &input);
    let four = textsieve(&["-j", "4"], &input);
    assert_eq!(one.status, 0, "{}", one.stderr);
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
    assert_eq!(one.stdout.iter().filter(|&&b| b == 0x0c).count(), 2999);
}

#[test]
fn closed_stdout_is_a_quiet_success() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let input = corpus(4000).repeat(8);
    std::fs::write(&path, &input).unwrap();
    let out = util::run_closing_stdout(&[path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    // Only the bad records met before the pipe closed may have been reported.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.lines().all(|l| l.contains(": line ")), "{stderr}");
}

#[test]
fn jsonl_by_name_and_mixing_needs_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "{\"text\":\"x  y\"}\n").unwrap();
    std::fs::write(&b, "{\"text\":\"p  q\"}\n").unwrap();
    let named = textsieve(&[a.to_str().unwrap()], b"");
    assert_eq!(text(&named.stdout), "{\"text\":\"x y\"}\n");
    let mixed = textsieve(&[a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(mixed.status, 2);
    assert!(mixed.stderr.contains("--jsonl"), "{}", mixed.stderr);
    let both = textsieve(&["--jsonl", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_eq!(text(&both.stdout), "{\"text\":\"x y\"}\n{\"text\":\"p q\"}\n");
}

#[test]
fn jsonl_only_flags_are_refused_on_plain_text() {
    let run = textsieve(&["--drop-empty"], b"x\n");
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--jsonl"), "{}", run.stderr);
}

#[test]
fn last_line_without_newline_gets_one() {
    let run = textsieve(&["--jsonl"], b"{\"text\":\"a\"}\n{\"text\":\"b\"}");
    assert_eq!(run.stdout, b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
}

#[test]
fn truncated_gzip_keeps_what_was_read() {
    let input = corpus(2000);
    let gz = gzip(&input);
    let run = textsieve(&["--jsonl"], &gz[..gz.len() / 2]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("textsieve: <stdin>: read error after line "), "{}", run.stderr);
    let whole = textsieve(&["--jsonl"], &input);
    assert!(!run.stdout.is_empty());
    assert!(whole.stdout.starts_with(&run.stdout), "the records before the error differ");
}

#[test]
fn closed_stdout_is_a_quiet_success_for_plain_streams_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let doc = "A line of text,  with&nbsp;work for normalize.\n".repeat(200);
    std::fs::write(&path, vec![doc; 2000].join("\x0c\n")).unwrap();
    let out = util::run_closing_stdout(&["-j", "2", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
