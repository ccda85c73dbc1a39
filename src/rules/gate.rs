//! Literal gates of `re:` rules: the few literals one of which every match
//! of a pattern starts (or ends) with, so that a line holding none of them
//! need not be searched with the pattern at all.
//!
//! Working a gate out means parsing the pattern, which for the hundreds of
//! built-in patterns took a third of a short run. So `build.rs` includes this
//! file too and works out the gates of the built-in patterns at build time;
//! at run time only the patterns of `--rules` files are parsed for them.

/// Where a regex's required literals must stand in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GateAt {
    /// At its start: the pattern begins with `^`.
    Start,
    /// At its end: the pattern ends with `$`.
    End,
    /// Anywhere.
    Anywhere,
}

/// Literals one of which every match of a pattern starts (or ends) with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Gate {
    /// The literals, as bytes of the folded line.
    pub(crate) literals: Vec<Vec<u8>>,
    /// Where they must stand.
    pub(crate) at: GateAt,
}

/// Shortest literal worth gating on anywhere in a line: shorter ones occur in
/// most lines anyway. (At a line's start or end any length is selective.)
const GATE_MIN_LITERAL: usize = 3;

/// Folds the letters of a regex pattern the way `rules::fold` folds lines,
/// leaving its syntax alone: Turkish `ı`/`İ` become `i`, typographic
/// apostrophes `'`. (Upper-case ASCII is left: it may be part of an escape
/// such as `\p{Lu}`.)
pub(crate) fn fold_pattern(pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| match c {
            'ı' | 'İ' => 'i',
            '’' | '‘' | 'ʼ' | '´' => '\'',
            c => c,
        })
        .collect()
}

/// Literals one of which every match of `pattern` starts (or else ends) with,
/// when there is a small finite set of them, each long enough to be selective
/// unless the pattern anchors them at the line's start (or end); cut to
/// [`GATE_LITERAL_BYTES`].
pub(crate) fn required_literals(pattern: &str) -> Option<Gate> {
    let mut gate = whole_literals(pattern)?;
    shorten(&mut gate);
    Some(gate)
}

/// Bytes of a gate literal worth matching: the first ones (the last ones of
/// a literal that ends the line).
///
/// A gate only picks the regexes worth running, so a part of each literal
/// serves as well as the whole: a line holding a literal holds its part, and
/// a regex picked for a line that holds only the part runs and fails to
/// match. Cut like this, the literals of the built-in packs (many written out
/// from alternations, such as `download (this )?(article|story|…)`) share
/// most of their automaton states, and the automata take a fraction of the
/// time to build that they did, while a line still rarely holds one of the
/// parts without the whole.
const GATE_LITERAL_BYTES: usize = 16;

/// Cuts a gate's literals to [`GATE_LITERAL_BYTES`], dropping repeats (the
/// first of each is kept, in order).
fn shorten(gate: &mut Gate) {
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(gate.literals.len());
    for mut lit in gate.literals.drain(..) {
        let cut = lit.len().saturating_sub(GATE_LITERAL_BYTES);
        match gate.at {
            GateAt::End => drop(lit.drain(..cut)),
            GateAt::Start | GateAt::Anywhere => lit.truncate(GATE_LITERAL_BYTES),
        }
        if !kept.contains(&lit) {
            kept.push(lit);
        }
    }
    gate.literals = kept;
}

/// The whole literals of [`required_literals`], before they are cut.
fn whole_literals(pattern: &str) -> Option<Gate> {
    use regex_syntax::hir::Look;
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let props = hir.properties();
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let anchored = match kind {
            ExtractKind::Prefix => props.look_set_prefix().contains(Look::Start),
            _ => props.look_set_suffix().contains(Look::End),
        };
        let seq = Extractor::new().kind(kind.clone()).limit_total(64).extract(&hir);
        if let Some(lits) = seq.literals()
            && !lits.is_empty()
            && lits.iter().all(|l| anchored || l.as_bytes().len() >= GATE_MIN_LITERAL)
            && lits.iter().all(|l| !l.as_bytes().is_empty())
        {
            let at = match (anchored, kind) {
                (false, _) => GateAt::Anywhere,
                (true, ExtractKind::Prefix) => GateAt::Start,
                (true, _) => GateAt::End,
            };
            return Some(Gate {
                literals: lits.iter().map(|l| l.as_bytes().to_vec()).collect(),
                at,
            });
        }
    }
    // A pattern anchored at the line's start is cheaper run than gated by a
    // scan of the whole line: on most lines it fails at the first bytes. So
    // it is gated by those bytes, when there are few of them.
    if props.look_set_prefix().contains(Look::Start) {
        return first_byte_literals(&hir).map(|literals| Gate { literals, at: GateAt::Start });
    }
    inner_literals(&hir).map(|literals| Gate { literals, at: GateAt::Anywhere })
}

/// Most bytes a line may start with for [`first_byte_literals`] to gate a
/// pattern: `\d` starts with one of 18 (ASCII digits, UTF-8 lead bytes of
/// other scripts' digits), `\S` with nearly any.
const GATE_MAX_FIRST_BYTES: usize = 32;

/// For a pattern anchored at the line's start with no literal there
/// (`^\d+ (comments|replies) on …`): the bytes its matches can start with,
/// as literals of one byte, when there are at most [`GATE_MAX_FIRST_BYTES`].
/// Gated by them, it is not run at all on lines that start otherwise, where
/// it would fail at the first byte.
fn first_byte_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    let mut set = [false; 256];
    if first_bytes(hir, &mut set) {
        // It can match without taking a byte.
        return None;
    }
    let literals: Vec<Vec<u8>> =
        (0..=u8::MAX).filter(|&b| set[usize::from(b)]).map(|b| vec![b]).collect();
    (literals.len() <= GATE_MAX_FIRST_BYTES).then_some(literals)
}

/// Marks in `set` every byte a match of `hir` can start with (a superset:
/// each UTF-8 lead byte of a class's ranges); true when `hir` can also match
/// without taking a byte, so that what follows it may start a match too.
pub(crate) fn first_bytes(hir: &regex_syntax::hir::Hir, set: &mut [bool; 256]) -> bool {
    let lead = |c: char| usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0]);
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&b) => {
                set[usize::from(b)] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            // UTF-8 keeps the order of code points: a range's characters
            // start with the bytes from its first one's to its last one's.
            for r in class.ranges() {
                set[lead(r.start())..=lead(r.end())].fill(true);
            }
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            for r in class.ranges() {
                set[usize::from(r.start())..=usize::from(r.end())].fill(true);
            }
            false
        }
        HirKind::Repetition(rep) => first_bytes(&rep.sub, set) || rep.min == 0,
        HirKind::Capture(cap) => first_bytes(&cap.sub, set),
        HirKind::Concat(subs) => subs.iter().all(|sub| first_bytes(sub, set)),
        HirKind::Alternation(subs) => {
            subs.iter().fold(false, |empty, sub| first_bytes(sub, set) | empty)
        }
    }
}

/// For a pattern that neither starts nor ends with a usable literal
/// (`\d+ (comments|replies) on .{1,80}$`): the literals of one piece of it
/// that every match must hold somewhere, each long enough to be selective.
/// Of several such pieces, the one whose shortest literal is longest.
fn inner_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::HirKind;
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let HirKind::Concat(pieces) = hir.kind() else { return None };
    pieces
        .iter()
        .filter_map(|piece| {
            // Every match of the piece starts with one of these, and every
            // match of the pattern holds a match of the piece.
            let seq = Extractor::new().kind(ExtractKind::Prefix).limit_total(64).extract(piece);
            let lits = seq.literals()?;
            let selective =
                !lits.is_empty() && lits.iter().all(|l| l.as_bytes().len() >= GATE_MIN_LITERAL);
            selective.then(|| lits.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>())
        })
        .max_by_key(|lits| lits.iter().map(Vec::len).min())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(pattern: &str) -> Option<(GateAt, Vec<String>)> {
        required_literals(pattern).map(|g| {
            let lits = g.literals.into_iter().map(|l| String::from_utf8(l).unwrap()).collect();
            (g.at, lits)
        })
    }

    #[test]
    fn gates_at_the_ends_and_inside() {
        let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            gate("^skip to (content|main)$"),
            Some((GateAt::Start, strs(&["skip to content", "skip to main"])))
        );
        assert_eq!(gate(r"\d+ (views|reads)$"), Some((GateAt::End, strs(&[" views", " reads"]))));
        assert_eq!(
            gate("cookie (policy|notice)"),
            Some((GateAt::Anywhere, strs(&["cookie policy", "cookie notice"])))
        );
        // Neither end has a literal: the words in the middle gate it,
        // unless the pattern is anchored at the start (it fails fast there).
        assert_eq!(
            gate(r"\d+ (comments|replies) on .{1,80}$"),
            Some((GateAt::Anywhere, strs(&["comments", "replies"])))
        );
        // There, it is gated by the bytes it can start with, when they are
        // few: the digits, and the lead bytes of other scripts' digits.
        let digits = required_literals(r"^\d+ (comments|replies) on .{1,80}$").unwrap();
        assert_eq!(digits.at, GateAt::Start);
        assert!(digits.literals.iter().all(|l| l.len() == 1));
        let ascii: Vec<Vec<u8>> = (b'0'..=b'9').map(|b| vec![b]).collect();
        assert_eq!(digits.literals[..10], ascii);
        assert!(!digits.literals.contains(&b"a".to_vec()));
        // Only short or optional pieces, and too many first bytes: no gate.
        assert_eq!(gate(r"^\w+ (a|b)?.{1,8}$"), None);
        assert_eq!(gate(r"^\w+, \w+$"), None);
        assert_eq!(gate(r"^\S+\.(jpe?g|png)(\?\S*)?$"), None);
    }
}
