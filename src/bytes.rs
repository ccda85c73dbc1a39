//! Byte scans shared by the stages: tests that most lines fail, written so
//! that the compiler vectorises them.

/// True when some byte of `bytes` passes `test`.
///
/// Cost: the bytes are tested a block of a fixed size at a time, without an
/// early exit inside a block, which the compiler vectorises whole; `any`
/// would go a byte at a time. The last block is padded with the last byte,
/// already tested, so that it is a whole block too.
pub(crate) fn has_byte_where(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    const BLOCK: usize = 32;
    let in_block =
        |block: &[u8; BLOCK]| block.iter().fold(0u8, |found, &c| found | u8::from(test(c))) != 0;
    let Some(&last) = bytes.last() else { return false };
    let mut blocks = bytes.chunks_exact(BLOCK);
    if blocks.any(|block| in_block(block.try_into().expect("a whole block"))) {
        return true;
    }
    let rest = blocks.remainder();
    let mut padded = [last; BLOCK];
    padded[..rest.len()].copy_from_slice(rest);
    in_block(&padded)
}

#[cfg(test)]
mod tests {
    use super::has_byte_where;

    #[test]
    fn finds_a_byte_in_any_chunk() {
        let mut line = vec![b'a'; 200];
        assert!(!has_byte_where(&line, |b| b.is_ascii_digit()));
        for at in [0, 31, 32, 63, 64, 150, 191, 192, 199] {
            line[at] = b'7';
            assert!(has_byte_where(&line, |b| b.is_ascii_digit()), "{at}");
            line[at] = b'a';
        }
        assert!(!has_byte_where(b"", |_| true));
        // Every length, the byte at every place, against `any`.
        for len in 0..100 {
            for at in 0..len {
                let mut line = vec![b'a'; len];
                line[at] = b'7';
                assert!(has_byte_where(&line, |b| b.is_ascii_digit()), "{len} {at}");
                assert!(!has_byte_where(&line, |b| b == b'x'), "{len} {at}");
            }
        }
    }
}
