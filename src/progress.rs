//! A one-line progress display on stderr: items, megabytes read, speed and,
//! when the input size is known, the time left. Drawn only when enabled (stderr
//! is a terminal and `--quiet` was not given), at most a few times a second.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(200);
const MB: f64 = 1_000_000.0;

pub(crate) struct Progress {
    enabled: bool,
    unit: &'static str,
    total: Option<u64>,
    read: Arc<AtomicU64>,
    start: Instant,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    /// `unit` names what is counted ("records", "documents"); `total` is the
    /// input size in bytes when every input is a file.
    pub(crate) fn new(enabled: bool, unit: &'static str, total: Option<u64>) -> Progress {
        Progress {
            enabled,
            unit,
            total,
            read: Arc::new(AtomicU64::new(0)),
            start: Instant::now(),
            last: None,
            drawn: false,
        }
    }

    /// Wraps an input so the bytes read from it count towards the display.
    pub(crate) fn counting<R: Read>(&self, inner: R) -> Counting<R> {
        Counting { inner, read: Arc::clone(&self.read) }
    }

    /// Redraws, if enough time has passed, with `items` done so far.
    pub(crate) fn tick(&mut self, items: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.is_some_and(|t| now - t < EVERY) {
            return;
        }
        self.last = Some(now);
        let read = self.read.load(Ordering::Relaxed);
        let secs = (now - self.start).as_secs_f64().max(1e-3);
        let rate = read as f64 / secs;
        let mut line = format!("{items} {}  {:.1}", self.unit, read as f64 / MB);
        if let Some(total) = self.total {
            line.push_str(&format!("/{:.1}", total as f64 / MB));
        }
        line.push_str(&format!(" MB  {:.1} MB/s", rate / MB));
        if let Some(total) = self.total
            && rate > 0.0
            && total >= read
        {
            let left = ((total - read) as f64 / rate) as u64;
            line.push_str(&format!("  ETA {}:{:02}", left / 60, left % 60));
        }
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.drawn = true;
    }

    /// Prints a message line, clearing the display first so they do not mix.
    pub(crate) fn message(&mut self, msg: &str) {
        self.clear();
        let _ = writeln!(io::stderr().lock(), "{msg}");
    }

    /// Removes the display (it comes back on the next tick).
    pub(crate) fn clear(&mut self) {
        if self.drawn {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
            self.drawn = false;
            // Redraw on the next tick instead of waiting for the interval.
            self.last = None;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A reader that adds the bytes it reads to the progress count.
pub(crate) struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
