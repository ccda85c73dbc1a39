//! What every integration test needs: the binary, run with arguments and
//! bytes on its standard input.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::thread::JoinHandle;

/// Starts the `textsieve` binary with `args` and writes `input` to its
/// standard input from another thread (so a large input cannot deadlock
/// against a full output pipe).
fn start(args: &[&str], input: &[u8]) -> (Child, JoinHandle<()>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_textsieve"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the textsieve binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early (closed pipe tests): not an error here.
        let _ = stdin.write_all(&input);
    });
    (child, writer)
}

/// Waits for a binary started by [`start`] and returns what it printed and its status.
fn finish(child: Child, writer: JoinHandle<()>) -> Output {
    let out = child.wait_with_output().expect("the textsieve binary runs");
    writer.join().expect("the stdin writer does not panic");
    out
}

/// Runs the `textsieve` binary with `args` and `input` on its standard input,
/// and returns what it printed and its status.
pub(crate) fn run(args: &[&str], input: &[u8]) -> Output {
    let (child, writer) = start(args, input);
    finish(child, writer)
}

/// Runs the binary like [`run`], but reads only the first bytes of its output
/// and then closes the pipe, as `textsieve ... | head -c 16` would.
// Not every test binary closes pipes early; the ones that don't would warn.
#[allow(dead_code)]
pub(crate) fn run_closing_stdout(args: &[&str], input: &[u8]) -> Output {
    use std::io::Read;
    let (mut child, writer) = start(args, input);
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the binary writes something first");
    drop(stdout);
    finish(child, writer)
}
