//! Byte scans shared by the stages: tests that most lines fail, written so
//! that the compiler vectorises them.

/// True when some byte of `bytes` passes `test`.
///
/// Cost: the bytes are tested a chunk at a time without an early exit inside
/// a chunk, which the compiler vectorises; `any` would go a byte at a time.
pub(crate) fn has_byte_where(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes.chunks(64).any(|chunk| chunk.iter().fold(false, |found, &c| found | test(c)))
}

#[cfg(test)]
mod tests {
    use super::has_byte_where;

    #[test]
    fn finds_a_byte_in_any_chunk() {
        let mut line = vec![b'a'; 200];
        assert!(!has_byte_where(&line, |b| b.is_ascii_digit()));
        for at in [0, 63, 64, 150, 199] {
            line[at] = b'7';
            assert!(has_byte_where(&line, |b| b.is_ascii_digit()), "{at}");
            line[at] = b'a';
        }
        assert!(!has_byte_where(b"", |_| true));
    }
}
