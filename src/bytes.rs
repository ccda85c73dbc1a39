//! Byte scans shared by the stages: tests that most lines fail, written so
//! that the compiler vectorises them.

/// Width of the blocks the scans here read at a time.
pub(crate) const BLOCK: usize = 32;

/// Calls `each` on every block of [`BLOCK`] bytes of `bytes` in order, the
/// last one (also when `bytes` is empty or a whole number of blocks) padded
/// with `pad`, a byte the caller counts as nothing.
///
/// Cost: `each` sees whole blocks of a fixed size, so a branch-free count in
/// it is vectorised by the compiler; a byte loop over a short line's tail
/// is not.
#[inline(always)]
pub(crate) fn for_each_block(bytes: &[u8], pad: u8, mut each: impl FnMut(&[u8; BLOCK])) {
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in &mut blocks {
        each(block.try_into().expect("chunks_exact gives whole blocks"));
    }
    let rest = blocks.remainder();
    let mut last = [pad; BLOCK];
    last[..rest.len()].copy_from_slice(rest);
    each(&last);
}

/// True when some byte of `bytes` passes `test`.
///
/// Cost: the bytes are tested a block of a fixed size at a time, without an
/// early exit inside a block, which the compiler vectorises whole; `any`
/// would go a byte at a time. The last block is padded with the last byte,
/// already tested, so that it is a whole block too.
pub(crate) fn has_byte_where(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
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
    use super::{BLOCK, for_each_block, has_byte_where};

    #[test]
    fn blocks_cover_every_byte_once_then_padding() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 200) as u8 + 1).collect();
            let mut seen = Vec::new();
            for_each_block(&bytes, 0, |block| seen.extend_from_slice(block));
            assert_eq!(seen.len(), (len / BLOCK + 1) * BLOCK, "{len}");
            assert_eq!(&seen[..len], &bytes[..], "{len}");
            assert!(seen[len..].iter().all(|&b| b == 0), "{len}");
        }
    }

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
