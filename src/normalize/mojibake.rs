//! Mojibake repair: UTF-8 that was decoded with a legacy code page.
//!
//! When UTF-8 bytes are read as Windows-1252 (or Latin-1, Windows-1254, ...),
//! every non-ASCII character turns into two to four characters of that code
//! page: `ı` (C4 B1) becomes `Ä±`, `’` (E2 80 99) becomes `â€™`. The repair
//! maps characters back to the bytes they came from and looks for valid UTF-8
//! sequences among them ("candidates"). Because correct text in many scripts
//! also contains such character pairs now and then (`DrÃ¥ber` as a style,
//! `ВІКІ` in Ukrainian, `√π` in maths), each candidate is judged before
//! anything is changed:
//!
//! * **strong**: a three- or four-byte sequence (`â€™`), a run of adjacent
//!   two-byte sequences (`Õ€Õ¡`), or a two-byte sequence inside a word whose
//!   second character no real word would put there (`Ã©`, `Ä±`);
//! * **weak**: plausible, but correct text could look like it (`Ã”` next to
//!   letters of the same case, an isolated pair between digits). Two weak
//!   candidates, or one strong, make the line count as mojibake;
//! * **dependent**: only repaired when the line has a strong candidate, such
//!   as a `0xA0` byte that later became a plain space (`Å veices`);
//! * **rejected**: the result would be a character no such text produces
//!   (IPA letters, modifier letters), or letter case that does not fit.
//!
//! The "western" code page is the union of Windows-1252, Latin-1 (C1
//! controls stand for their own byte) and Windows-1254, so mixed lines and
//! Turkish mojibake are repaired in one pass. Windows-1251, Windows-1250,
//! ISO-8859-2, Windows-1257, Mac Roman and CP437 are tried as well; their
//! two-byte pairs are weak unless they run on or start with a character that
//! is no letter (Mac Roman's `√`, CP437's box drawing), because the pairs are
//! letters of real alphabets. Each layer takes the code page with the most
//! strong candidates (then the most repaired characters), and up to four
//! layers are undone; a repair that still leaves a pile of mojibake-looking
//! pairs behind is a guess inside a garble and is dropped. C1 controls left
//! over at the end are read as Windows-1252 (`\u{93}` → `“`), as browsers do.
//!
//! Clean text is rejected before any of this by [`might_be_mojibake`], which
//! only looks for a lead-byte character followed by a continuation-byte
//! character of any supported code page.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use encoding_rs::Encoding;

/// The byte a U+FFFD stands for: ftfy's "sloppy" code pages write the
/// replacement character as the SUB control, so a lost byte inside a UTF-8
/// sequence can be told from a real one.
const LOST: u8 = 0x1A;

/// How many layers of mojibake are undone at most: three layers of Mac Roman
/// read once more as Latin-1 happen in the wild.
const MAX_LAYERS: usize = 4;

/// How many Windows-1252 lead/continuation pairs may survive a repair
/// before it is taken back (see [`western_residue`]).
const GARBLE_RESIDUE: usize = 3;

/// One legacy code page, as the reverse of its decoder.
struct CodePage {
    /// True for the Windows-1252/Latin-1/Windows-1254 union, whose two-byte
    /// pairs can be strong on their own.
    western: bool,
    /// Every non-ASCII character of the code page and its byte.
    to_byte: HashMap<char, u8>,
}

impl CodePage {
    fn from_encodings(western: bool, encodings: &[&'static Encoding]) -> Self {
        let mut to_byte = HashMap::new();
        for enc in encodings {
            for byte in 0x80..=0xffu8 {
                let one = [byte];
                let decoded = enc.decode_without_bom_handling_and_without_replacement(&one);
                if let Some(c) = decoded.and_then(|s| s.chars().next())
                    && c != '\u{FFFD}'
                {
                    to_byte.entry(c).or_insert(byte);
                }
            }
        }
        if western {
            // Latin-1 has no decoder of its own in encoding_rs (the label
            // means Windows-1252), and it is the identity on 0x80..=0xFF.
            for byte in 0x80..=0xffu8 {
                to_byte.entry(char::from(byte)).or_insert(byte);
            }
        }
        CodePage { western, to_byte }
    }

    /// A code page from the characters of its bytes 0x80..=0xFF.
    fn from_upper_half(upper: &[char; 128]) -> Self {
        let to_byte = upper.iter().zip(0x80..=0xffu8).map(|(&c, b)| (c, b)).collect();
        CodePage { western: false, to_byte }
    }

    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            Some(c as u8)
        } else if c == '\u{FFFD}' {
            Some(LOST)
        } else {
            self.to_byte.get(&c).copied()
        }
    }
}

/// The code pages in order of preference (ties go to the earlier one).
static CODE_PAGES: LazyLock<Vec<CodePage>> = LazyLock::new(|| {
    use encoding_rs::{
        ISO_8859_2, MACINTOSH, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1254, WINDOWS_1257,
    };
    vec![
        CodePage::from_encodings(true, &[WINDOWS_1252, WINDOWS_1254]),
        CodePage::from_encodings(false, &[WINDOWS_1251]),
        CodePage::from_encodings(false, &[WINDOWS_1250]),
        CodePage::from_encodings(false, &[ISO_8859_2]),
        CodePage::from_encodings(false, &[WINDOWS_1257]),
        CodePage::from_encodings(false, &[MACINTOSH]),
        // The DOS code page of consoles; encoding_rs (a WHATWG library) does
        // not have it, so its table comes from the oem_cp crate.
        CodePage::from_upper_half(&oem_cp::code_table::DECODING_TABLE_CP437),
    ]
});

/// Characters below this are looked up in [`CHAR_ROLES`]; the few above it
/// that a code page has are in [`HIGH_ROLES`].
const ROLE_TABLE_LEN: usize = 0x2600;

/// What byte a character can stand for, one bit per code page (index `p` in
/// [`CODE_PAGES`]): bit `p` for a lead byte, bit `8 + p` for a continuation
/// byte, so a lead and a continuation of the same code page can be told
/// from two characters of different ones.
type Roles = u16;

const CONT_SHIFT: u32 = 8;

/// [`Roles`] of every character below [`ROLE_TABLE_LEN`].
static CHAR_ROLES: LazyLock<Vec<Roles>> = LazyLock::new(|| {
    let mut roles = vec![0; ROLE_TABLE_LEN];
    for (p, page) in CODE_PAGES.iter().enumerate() {
        for (&c, &b) in &page.to_byte {
            if let Some(slot) = roles.get_mut(c as usize) {
                *slot |= role_of_byte(p, b);
            }
        }
    }
    roles
});

/// [`Roles`] of the code-page characters above [`ROLE_TABLE_LEN`] (Mac
/// Roman's ligatures and Apple logo, among others).
static HIGH_ROLES: LazyLock<Vec<(char, Roles)>> = LazyLock::new(|| {
    let mut high: Vec<(char, Roles)> = Vec::new();
    for (p, page) in CODE_PAGES.iter().enumerate() {
        for (&c, &b) in &page.to_byte {
            if c as usize >= ROLE_TABLE_LEN {
                high.push((c, role_of_byte(p, b)));
            }
        }
    }
    high
});

/// The lowest character in [`HIGH_ROLES`], so most text never searches it.
static HIGH_ROLES_MIN: LazyLock<char> =
    LazyLock::new(|| HIGH_ROLES.iter().map(|&(c, _)| c).min().unwrap_or(char::MAX));

fn role_of_byte(page: usize, b: u8) -> Roles {
    match b {
        0x80..=0xbf => 1 << (CONT_SHIFT + page as u32),
        0xc2..=0xf4 => 1 << page,
        _ => 0,
    }
}

fn char_roles(c: char) -> Roles {
    if let Some(&r) = CHAR_ROLES.get(c as usize) {
        return r;
    }
    if c == '\u{FFFD}' {
        // A lost byte, in any code page.
        return 0xff << CONT_SHIFT;
    }
    if c < *HIGH_ROLES_MIN {
        return 0;
    }
    HIGH_ROLES.iter().filter(|&&(h, _)| h == c).fold(0, |acc, &(_, r)| acc | r)
}

/// Cheap test that a line could hold mojibake at all: a character that is a
/// lead byte in a code page followed by one that is a continuation byte in
/// the same code page, or `Ã` followed by a space (`à` whose `0xA0` became a
/// space).
///
/// Cost: both characters of a pair are non-ASCII, so only runs of at least
/// two non-ASCII characters are decoded (in most text they stand alone); the
/// rest is byte scans.
pub(crate) fn might_be_mojibake(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    // The searcher is built once: `memmem::find` builds one per call.
    static A_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Ã ".as_bytes()));
    if A_SPACE.find(text.as_bytes()).is_some() {
        return true;
    }
    // Runs of non-ASCII bytes are whole characters, ASCII bytes being
    // boundaries; a run of two characters has at least four bytes.
    let bytes = text.as_bytes();
    if !has_non_ascii_run_of_four(bytes) {
        return false;
    }
    let mut at = 0;
    while let Some(skip) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        let start = at + skip;
        let len = bytes[start..].iter().position(u8::is_ascii).unwrap_or(bytes.len() - start);
        if len >= 4 && has_lead_continuation_pair(&text[start..start + len]) {
            return true;
        }
        at = start + len;
    }
    false
}

/// True when `bytes` holds four non-ASCII bytes in a row: in most text that
/// is not ASCII, the non-ASCII characters stand alone (`’`, `ü`).
///
/// Cost: one pass without an early exit, which the compiler vectorises.
fn has_non_ascii_run_of_four(bytes: &[u8]) -> bool {
    if bytes.len() < 4 {
        return false;
    }
    let n = bytes.len() - 3;
    let (a, b, c, d) = (&bytes[..n], &bytes[1..][..n], &bytes[2..][..n], &bytes[3..][..n]);
    a.iter()
        .zip(b)
        .zip(c)
        .zip(d)
        .fold(false, |found, (((&a, &b), &c), &d)| found | (a & b & c & d >= 0x80))
}

/// True when a character of `run` is a lead byte in a code page and the
/// next one a continuation byte in the same code page.
fn has_lead_continuation_pair(run: &str) -> bool {
    let mut prev_lead: Roles = 0;
    run.chars().any(|c| {
        let roles = char_roles(c);
        let pair = (roles >> CONT_SHIFT) & prev_lead != 0;
        prev_lead = roles & 0xff;
        pair
    })
}

/// Repairs mojibake spans in a line; returns the line borrowed when there are none.
///
/// ```
/// use textsieve::normalize::repair_mojibake;
/// assert_eq!(repair_mojibake("Ä°stanbul’da bugÃ¼n"), "İstanbul’da bugün");
/// assert_eq!(repair_mojibake("doesnÃ¢â‚¬â„¢t"), "doesn’t");
/// assert_eq!(repair_mojibake("Ελληνικά and ВІКІ stay"), "Ελληνικά and ВІКІ stay");
/// ```
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    let mut current = Cow::Borrowed(text);
    if might_be_mojibake(text) {
        // Cost: each layer is a few linear passes per code page, and there
        // are at most MAX_LAYERS + 1 of them.
        for layer in 0..=MAX_LAYERS {
            match repair_layer(&current) {
                // Still finding mojibake after the last layer means the
                // repairs are not converging on text: a hopeless garble is
                // better left as it came.
                Some(_) if layer == MAX_LAYERS => current = Cow::Borrowed(text),
                Some(fixed) => current = Cow::Owned(fixed),
                None => break,
            }
            if !might_be_mojibake(&current) {
                break;
            }
        }
        // Repairs that leave a pile of mojibake-looking pairs behind were
        // guesses inside a hopeless garble, not repairs.
        if matches!(current, Cow::Owned(_)) && western_residue(&current) >= GARBLE_RESIDUE {
            current = Cow::Borrowed(text);
        }
    }
    match current {
        Cow::Borrowed(b) => c1_as_windows_1252(b),
        Cow::Owned(o) => match c1_as_windows_1252(&o) {
            Cow::Owned(n) => Cow::Owned(n),
            Cow::Borrowed(_) => Cow::Owned(o),
        },
    }
}

/// Counts adjacent pairs of a Windows-1252 lead character and continuation
/// character (`ã‚`, `Ã¢`): after a repair there should be none left.
fn western_residue(text: &str) -> usize {
    let mut count = 0;
    let mut prev_lead = false;
    for c in text.chars() {
        let roles = char_roles(c);
        if prev_lead && roles & (1 << CONT_SHIFT) != 0 {
            count += 1;
        }
        prev_lead = roles & 1 != 0;
    }
    count
}

/// Reads C1 controls (U+0080..U+009F) as the Windows-1252 characters of the
/// same byte: they are what is left of single bytes decoded as Latin-1.
/// Bytes Windows-1252 leaves undefined stay controls (and are dropped later).
fn c1_as_windows_1252(text: &str) -> Cow<'_, str> {
    let has_c1 = memchr::memchr_iter(0xc2, text.as_bytes())
        .any(|i| text.as_bytes().get(i + 1).is_some_and(|&b| b < 0xa0));
    if !has_c1 {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{80}'..='\u{9f}' => {
                let byte = [c as u8];
                let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                s.chars().next().unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// What stood in for a byte of a sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filler {
    /// Every byte is there.
    None,
    /// U+FFFD or `?`: a byte that was lost; the sequence becomes U+FFFD.
    Lost,
    /// A plain space where `0xA0` was (NBSP turned into a space).
    Space,
}

/// A UTF-8 sequence found among the bytes of a line.
#[derive(Debug)]
struct Candidate {
    /// Char indices of the characters the sequence replaces.
    start: usize,
    end: usize,
    /// Number of UTF-8 bytes.
    len: usize,
    filler: Filler,
    /// The decoded text.
    text: String,
}

impl Candidate {
    fn decoded(&self) -> char {
        self.text.chars().next().unwrap_or('\u{FFFD}')
    }
}

/// How sure we are that a candidate is mojibake (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Reject,
    Dependent,
    Weak,
    Strong,
}

/// Undoes one layer of mojibake. Returns `None` when no code page finds any.
fn repair_layer(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    // The code page with more strong evidence wins, then the one that
    // repairs more characters.
    let mut best: Option<((usize, usize), Vec<Candidate>)> = None;
    for page in CODE_PAGES.iter() {
        let bytes: Vec<Option<u8>> = chars.iter().map(|&c| page.byte(c)).collect();
        let (accepted, strong) = judge(&chars, scan(&chars, &bytes), page.western);
        let score = (strong, accepted.iter().map(|c| c.end - c.start).sum::<usize>());
        if score.1 > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, accepted));
        }
    }
    let (_, accepted) = best?;
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    for cand in &accepted {
        out.extend(&chars[i..cand.start]);
        out.push_str(&cand.text);
        i = cand.end;
    }
    out.extend(&chars[i..]);
    Some(out)
}

/// Finds the UTF-8 sequences among a line's bytes, left to right.
fn scan(chars: &[char], bytes: &[Option<u8>]) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match sequence_at(chars, bytes, i) {
            Some(cand) => {
                i = cand.end;
                found.push(cand);
            }
            None => i += 1,
        }
    }
    found
}

/// Two-byte leads whose `0xA0` continuation is common enough to be restored
/// from a plain space: `à`, NBSP, `Š`, `Π`, `Р`, `٠`.
fn a0_lead(lead: u8) -> bool {
    matches!(lead, 0xc2 | 0xc3 | 0xc5 | 0xce | 0xd0 | 0xd9)
}

/// Words that start with `à` glued to them in Portuguese (`àquele`, `às`):
/// a space after `Ã` before these is the lost `0xA0`, elsewhere `à` is a word
/// of its own and the space stays.
fn a_grave_joins(rest: &[char]) -> bool {
    let word: String = rest.iter().take(5).collect();
    ["quele", "quela", "quilo"].iter().any(|p| word.starts_with(p))
        || (rest.first() == Some(&'s') && rest.get(1) == Some(&' '))
}

/// Reads one UTF-8 sequence starting at char index `i`, if there is one.
fn sequence_at(chars: &[char], bytes: &[Option<u8>], i: usize) -> Option<Candidate> {
    let lead = bytes[i]?;
    let need = match lead {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        0xf0..=0xf4 => 3,
        _ => return None,
    };
    let mut seq = [lead, 0, 0, 0];
    let mut filler = Filler::None;
    let conts = bytes.get(i + 1..i + 1 + need)?;
    for (slot, &b) in seq[1..].iter_mut().zip(conts) {
        let b = b?;
        *slot = match b {
            0x80..=0xbf => b,
            LOST if filler != Filler::Space => {
                filler = Filler::Lost;
                0x80
            }
            b'?' if filler == Filler::None && (need > 1 || matches!(lead, 0xc2 | 0xc3)) => {
                filler = Filler::Lost;
                0x80
            }
            b' ' if filler == Filler::None && (need > 1 || a0_lead(lead)) => {
                filler = Filler::Space;
                0xa0
            }
            _ => return None,
        };
    }
    let len = need + 1;
    let mut end = i + len;
    let text = match filler {
        Filler::Lost => "\u{FFFD}".to_string(),
        _ => match std::str::from_utf8(&seq[..len]) {
            Ok(s) => s.to_string(),
            Err(_) => return surrogate_pair_at(bytes, i, &seq),
        },
    };
    if filler == Filler::Space && lead == 0xc3 && need == 1 && !a_grave_joins(&chars[end..]) {
        // `à` as a word: the space after it was a real one.
        end -= 1;
    }
    Some(Candidate { start: i, end, len, filler, text })
}

/// CESU-8 ("UTF-8" from Java and old MySQL): an astral character written
/// as two three-byte surrogates, `ED A0..AF xx ED B0..BF xx`.
fn surrogate_pair_at(bytes: &[Option<u8>], i: usize, high: &[u8; 4]) -> Option<Candidate> {
    if high[0] != 0xed || !(0xa0..=0xaf).contains(&high[1]) || !(0x80..=0xbf).contains(&high[2]) {
        return None;
    }
    let low: Vec<u8> = bytes.get(i + 3..i + 6)?.iter().copied().collect::<Option<_>>()?;
    if low[0] != 0xed || !(0xb0..=0xbf).contains(&low[1]) || !(0x80..=0xbf).contains(&low[2]) {
        return None;
    }
    let hi = 0xd000 | (u32::from(high[1] & 0x3f) << 6) | u32::from(high[2] & 0x3f);
    let lo = 0xd000 | (u32::from(low[1] & 0x3f) << 6) | u32::from(low[2] & 0x3f);
    let c = char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))?;
    Some(Candidate { start: i, end: i + 6, len: 6, filler: Filler::None, text: c.to_string() })
}

/// Keeps the candidates that should be repaired, given the whole line.
/// Also tells how many of them were strong.
fn judge(chars: &[char], found: Vec<Candidate>, western: bool) -> (Vec<Candidate>, usize) {
    if found.is_empty() {
        return (found, 0);
    }
    let found: Vec<Candidate> = found.into_iter().filter(plausible).collect();
    let in_run = runs(chars, &found, western);
    let strengths: Vec<Strength> = found
        .iter()
        .zip(&in_run)
        .map(|(c, &(touching, run))| strength(chars, c, touching, run, western))
        .collect();
    let strong_count = strengths.iter().filter(|&&s| s == Strength::Strong).count();
    let strong = strong_count > 0;
    let weak = strengths.iter().filter(|&&s| s == Strength::Weak).count();
    let accepted = found
        .into_iter()
        .zip(strengths)
        .filter(|(_, s)| match s {
            Strength::Strong => true,
            Strength::Weak | Strength::Dependent => strong || weak >= 2,
            Strength::Reject => false,
        })
        .map(|(c, _)| c)
        .collect();
    (accepted, strong_count)
}

/// For each candidate, whether it is part of a run of adjacent sequences that
/// counts as evidence. In the western code page any run does. In the others,
/// pairs of two letters (`Хі`, `О’`) are ordinary spelling, so a run of them
/// must be at least three long (`РґРѕСЂ` → `дор`), or have a pair with a
/// symbol in it (`Г‚ВЈ` → `Â£`), and every run must decode to one script
/// (`ПОЉЕ“` would be Greek and Latin).
///
/// Returns `(touching, in_run)` for each: `touching` when it is next to
/// another candidate at all, so its neighbours are mojibake too and say
/// nothing about letter case.
fn runs(chars: &[char], found: &[Candidate], western: bool) -> Vec<(bool, bool)> {
    let mut in_run = vec![(false, false); found.len()];
    let mut start = 0;
    while start < found.len() {
        let mut end = start + 1;
        while end < found.len()
            && found[end - 1].end == found[end].start
            && found[end - 1].filler == Filler::None
            && found[end].filler == Filler::None
        {
            end += 1;
        }
        let run = &found[start..end];
        if run.len() >= 2 {
            let script = script_of(run[0].decoded());
            let coherent = run.iter().all(|c| script_of(c.decoded()) == script);
            let word_like: Vec<bool> = run.iter().map(|c| is_word_like(chars, c)).collect();
            let with_symbol = word_like.contains(&false);
            for (k, &word) in word_like.iter().enumerate() {
                let counts = western || (coherent && (!word || run.len() >= 3 || with_symbol));
                in_run[start + k] = (true, counts);
            }
        }
        start = end;
    }
    in_run
}

/// A two-byte pair of two letters (or a letter and an apostrophe), which is
/// ordinary spelling in the alphabet of its code page.
fn is_word_like(chars: &[char], cand: &Candidate) -> bool {
    let (lead, second) = (chars[cand.start], chars[cand.start + 1]);
    cand.len == 2 && lead.is_alphabetic() && (second.is_alphabetic() || second == '’')
}

/// A coarse script id: the Unicode block range of the letters two-byte
/// UTF-8 covers (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic), else 0.
fn script_of(c: char) -> u8 {
    match c as u32 {
        0x80..=0x24f => 1,
        0x370..=0x3ff => 2,
        0x400..=0x52f => 3,
        0x530..=0x58f => 4,
        0x590..=0x5ff => 5,
        0x600..=0x6ff => 6,
        _ => 0,
    }
}

/// False for decodings that mojibake of real text does not produce.
fn plausible(cand: &Candidate) -> bool {
    let d = cand.decoded();
    let cp = d as u32;
    if cand.len == 2 {
        // IPA and spacing modifier letters; Syriac, Thaana, N'Ko and the
        // Arabic supplement: rare scripts whose pairs are mostly accidents.
        // The spacing accents U+02D8..U+02DD (`˛`, `˜`) are real text.
        // Arabic Quranic annotation marks (U+06D6..) are not running text either.
        // `ˆ` and `ˇ` (U+02C6, U+02C7) are code-page characters themselves,
        // and `ə` (U+0259) is an Azerbaijani letter.
        cp == 0x259 || !matches!(cp, 0x250..=0x2c5 | 0x2c8..=0x2d7 | 0x2de..=0x2ff | 0x6d6..=0x7ff)
    } else {
        // Private use and non-characters.
        !matches!(cp, 0xe000..=0xf8ff | 0xfdd0..=0xfdef | 0xfffe | 0xffff)
    }
}

/// Characters that correct text puts right after a letter, so a pair ending
/// in one of them is weak evidence on its own.
fn natural_after_letter(c: char) -> bool {
    matches!(
        c,
        '’' | '‘'
            | '”'
            | '“'
            | '„'
            | '…'
            | '—'
            | '–'
            | '™'
            | '´'
            | '¨'
            | '¡'
            | '¿'
            | '«'
            | '»'
            | '·'
            | '\u{a0}'
    )
}

/// Symbols that follow a letter only in mojibake, but whose pairs are also a
/// deliberate style now and then (`DrÃ¥ber`): weak evidence only.
fn rare_after_letter(c: char) -> bool {
    matches!(c, '¥' | '¦' | '¬')
}

/// Blocks that three-byte mojibake of real text hardly ever decodes to:
/// Canadian syllabics and Ogham, phonetic extensions, Glagolitic to Ethiopic Extended, Bopomofo to Kanbun
/// and CJK Extension A, Yi to Bamum.
fn rare_block(c: char) -> bool {
    matches!(c as u32, 0x800..=0x8ff | 0x1400..=0x169f | 0x1d00..=0x1dff | 0x2c00..=0x2dff | 0x3100..=0x4dbf | 0xa000..=0xabff)
}

/// Blocks that three-byte mojibake from the code pages other than the
/// western one mostly comes from: Vietnamese letters and Greek extended,
/// punctuation and symbols, CJK, Hangul, and the presentation forms and
/// specials at the end of the plane (`ﬁ`, U+FEFF, U+FFFD). Lao from
/// `ає»` is a Ukrainian word, not mojibake.
fn usual_three_byte(c: char) -> bool {
    matches!(c as u32, 0x1e00..=0x2bff | 0x3000..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xffff)
}

fn is_wordish(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c))
}

fn strength(
    chars: &[char],
    cand: &Candidate,
    touching: bool,
    in_run: bool,
    western: bool,
) -> Strength {
    let level = base_strength(chars, cand, touching, in_run, western);
    if level == Strength::Weak && cand.len == 2 && !touching {
        // A lone pair between digits or symbols (`5×£35`, `√π`, `2012—∞`)
        // only counts next to real evidence. A combining mark after a digit
        // or letter (`$Ì¶6Ì¶3Ì¶`, strike-through prices) does attach to it.
        let prev = cand.start.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(cand.end).copied();
        let d = cand.decoded();
        let attached_mark =
            ('\u{300}'..='\u{36f}').contains(&d) && prev.is_some_and(char::is_alphanumeric);
        if !is_wordish(prev) && !is_wordish(next) && !attached_mark {
            return Strength::Dependent;
        }
    }
    level
}

fn base_strength(
    chars: &[char],
    cand: &Candidate,
    touching: bool,
    in_run: bool,
    western: bool,
) -> Strength {
    let d = cand.decoded();
    if cand.len >= 3 {
        return match cand.filler {
            Filler::Space => Strength::Dependent,
            Filler::Lost if chars[cand.start..cand.end].contains(&'?') => Strength::Weak,
            // A run of sequences (`а°Ёа±Љ`, Telugu read as Windows-1251).
            _ if in_run => Strength::Strong,
            // `Zvlášť` and Ukrainian `з’є` are letters (and an apostrophe) of
            // the code page that happen to be a valid sequence: letters of
            // other code pages are words first, unless they spell
            // punctuation (`вЂњ` is `“`).
            _ if !western
                && !('\u{2000}'..='\u{214f}').contains(&d)
                && chars[cand.start..cand.end]
                    .iter()
                    .all(|&c| c.is_alphabetic() || matches!(c, '’' | '\u{FFFD}')) =>
            {
                Strength::Dependent
            }
            _ if cand.len == 3 && rare_block(d) => Strength::Weak,
            _ if !western && !usual_three_byte(d) => Strength::Dependent,
            // `Brontë…”`: a letter and two marks that often follow words
            // (`â` and `ï` lead symbols and are left out: `â™«` is `♫`).
            _ if cand.len == 3
                && !matches!(chars[cand.start], 'â' | 'ï')
                && chars[cand.start].is_alphabetic()
                && chars[cand.start + 1..cand.end].iter().all(|&c| natural_after_letter(c)) =>
            {
                Strength::Weak
            }
            _ => Strength::Strong,
        };
    }
    let prev = cand.start.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(cand.end).copied();
    let second = chars[cand.start + 1];
    match cand.filler {
        Filler::Space => {
            let after_letter = prev.is_some_and(char::is_lowercase);
            return if western && cand.end == cand.start + 1 && after_letter {
                Strength::Strong
            } else {
                Strength::Dependent
            };
        }
        Filler::Lost if second == '?' => return Strength::Dependent,
        Filler::Lost => {
            return if is_wordish(prev) && is_wordish(next) {
                Strength::Strong
            } else {
                Strength::Weak
            };
        }
        Filler::None => {}
    }
    if second == '\u{a0}' {
        // NBSP inside a word never happens, so a capital whose NBSP is
        // followed by the rest of a lower-case word is mojibake (`Å\u{a0}tevil`
        // is `Števil`); between words (`SELKÄ\u{a0}EDELLÄ`) it is a space.
        let title = d.is_uppercase()
            && !is_wordish(prev)
            && next.is_some_and(char::is_lowercase)
            && is_common_latin_letter(d);
        if western && title {
            return Strength::Strong;
        }
        if d != 'à' {
            return Strength::Dependent;
        }
        // `Ã` + NBSP + space is the French word `à` on its own.
        if western && next == Some(' ') {
            return Strength::Strong;
        }
    }
    // `Â` before a Latin-1 symbol (`Â£`, `Â©`, `Â°`) or a C1 control is the
    // classic sign of Windows-1252 mojibake and never a word.
    if western && chars[cand.start] == 'Â' && ('\u{80}'..='\u{bf}').contains(&d) {
        return Strength::Strong;
    }
    // A C1 control never is text; after a lead character it is the second
    // byte of a Latin-1 reading (`Å\u{89}` is `ŉ`).
    if western && ('\u{80}'..='\u{9f}').contains(&second) && !('\u{80}'..='\u{9f}').contains(&d) {
        return Strength::Strong;
    }
    if ('\u{80}'..='\u{9f}').contains(&d) {
        return Strength::Weak;
    }
    if in_run {
        return Strength::Strong;
    }
    if is_box_drawing(chars[cand.start]) && is_box_drawing(second) {
        // Box art (`├┤a┼┐a`) is not CP437 mojibake unless it runs on.
        return Strength::Reject;
    }
    let before = cand.start.checked_sub(2).map(|p| chars[p]);
    if !touching && case_conflict(d, before, prev, next) {
        return Strength::Reject;
    }
    if !western {
        return other_page_strength(chars[cand.start], second, d, prev, next);
    }
    if rare_after_letter(second) {
        // `smÃ¥ ` and `pÃ¥ ` end a word as `å` does; inside one (`DrÃ¥ber`)
        // the pair can be a deliberate style.
        let word_end = prev.is_some_and(char::is_lowercase) && !is_wordish(next);
        return if western && word_end { Strength::Strong } else { Strength::Weak };
    }
    if is_word_like(chars, cand) && ('\u{300}'..='\u{36f}').contains(&d) {
        // Two capitals such as `ÍŽ` in `PROHLÍŽEČ` that decode to a
        // combining mark are a word, not a mark lost in transit.
        return Strength::Weak;
    }
    let quote = matches!(second, '’' | '‘' | '”' | '“');
    if western && chars[cand.start] == 'Ã' && !quote && is_common_latin_letter(d) {
        // `Ã` before a Windows-1252 character is by far the most common
        // mojibake (`Ã¨` → `è`, `Ã„` → `Ä`); only a quote after it can be
        // text (`Ã’s`).
        return Strength::Strong;
    }
    if natural_after_letter(second) {
        return if is_common_latin_letter(d) && same_case_fits(d, prev, next) {
            Strength::Strong
        } else {
            Strength::Weak
        };
    }
    if is_wordish(prev) || is_wordish(next) { Strength::Strong } else { Strength::Weak }
}

/// Two-byte pairs of the code pages other than the western one are letters
/// of real alphabets (`ВІ`, `ĂĄ`), so they are weak at best. The exception is
/// a lead that is no letter after a lower-case letter, as Mac Roman's `√` in
/// `wei√ü`, which turns into a Latin letter.
fn other_page_strength(
    lead: char,
    second: char,
    d: char,
    prev: Option<char>,
    next: Option<char>,
) -> Strength {
    if !lead.is_alphabetic() && is_common_latin_letter(d) && prev.is_some_and(char::is_lowercase) {
        return Strength::Strong;
    }
    let latin_neighbour = prev.is_some_and(|c| c.is_ascii_alphabetic())
        || next.is_some_and(|c| c.is_ascii_alphabetic());
    if is_cyrillic(lead) && is_common_latin_letter(d) && latin_neighbour {
        // A Cyrillic pair glued to Latin letters (`ktorГЎ`, `Гњber`) is
        // Latin text read as Windows-1251.
        return Strength::Strong;
    }
    if lead == 'Ă' && is_common_latin_letter(d) && !matches!(second, '’' | '‘' | '”' | '“')
    {
        // Windows-1250's `Ã`: Latin-1 letters read as Central European
        // (`secciĂł`, `dĂ©sactiver`). `Ă` is a Romanian letter too, so only
        // a lower-case letter after a lower-case one, or a letter inside a
        // word, counts (`NICIODATĂ™` stays).
        let lower_after_lower = d.is_lowercase() && prev.is_some_and(char::is_lowercase);
        let inside = is_wordish(prev) && next.is_some_and(char::is_lowercase);
        if lower_after_lower || inside {
            return Strength::Strong;
        }
    }
    if lead.is_alphabetic() && second.is_alphabetic() && d.is_uppercase() {
        // `HÅØYA`: two capitals in a row are a word more often than mojibake.
        return Strength::Dependent;
    }
    if matches!(lead, 'В' | 'Г') && !second.is_alphabetic() && second != '’' {
        // `В«` and `Г—` are Latin-1 symbols and letters (C2/C3 leads).
        return Strength::Weak;
    }
    if is_cyrillic(lead) && (is_cyrillic(second) || natural_after_letter(second)) {
        // Windows-1251 is all Cyrillic letters: `Хі`, `МІ` and `О’` are
        // Ukrainian and Belarusian spelling, not mojibake, unless they run on.
        return Strength::Dependent;
    }
    if lead.is_alphabetic() && second.is_alphabetic() {
        // Two Latin letters (`ÍŽ` in `PROHLÍŽEČ`) are a word unless they make
        // a common lower-case letter inside a lower-case word (`ÄÆdomu`).
        let lower_word = d.is_lowercase() && next.is_some_and(char::is_lowercase);
        if !(is_common_latin_letter(d) && lower_word) {
            return Strength::Dependent;
        }
    }
    Strength::Weak
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Letters of Latin-1 and Latin Extended-A, what most Latin-script text
/// uses (without the long s, `ſ`, long out of use), plus the few from
/// Extended-B and IPA that national alphabets use: Pinyin `ǎ`, Romanian
/// `ș` `ț`, Azerbaijani `ə`.
fn is_common_latin_letter(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{17e}' | '\u{1cd}'..='\u{1dc}' | '\u{218}'..='\u{21b}' | 'ə' | 'Ə')
        && c.is_alphabetic()
}

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{259f}').contains(&c)
}

/// True when the decoded letter's case contradicts its neighbours, as with a
/// lower-case letter at the end of an all-capitals word (`AHÅ™` → `AHř`).
/// `before` is the character before `prev`: a lower-case letter ending a
/// word after one capital is title case (`OÃ¹` → `Où`), after two it is not.
fn case_conflict(d: char, before: Option<char>, prev: Option<char>, next: Option<char>) -> bool {
    let upper = |c: Option<char>| c.is_some_and(char::is_uppercase);
    let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
    if d.is_lowercase() {
        upper(next) || (upper(before) && upper(prev) && !is_wordish(next))
    } else if d.is_uppercase() {
        lower(prev) && lower(next)
    } else {
        false
    }
}

/// True when a neighbouring letter has the decoded letter's case and the
/// next character, if a letter, does too (`HÃ”TEL` yes, `Ã’s` no).
fn same_case_fits(d: char, prev: Option<char>, next: Option<char>) -> bool {
    let same = |c: Option<char>| {
        c.is_some_and(|c| {
            (d.is_lowercase() && c.is_lowercase()) || (d.is_uppercase() && c.is_uppercase())
        })
    };
    (same(prev) || same(next)) && (!next.is_some_and(char::is_alphabetic) || same(next))
}

#[cfg(test)]
mod tests {
    use super::{CONT_SHIFT, Roles, char_roles, might_be_mojibake, repair_mojibake};
    use std::borrow::Cow;

    /// UTF-8 bytes of `s` read as Windows-1252, undefined bytes as C1 controls.
    fn as_1252(s: &str) -> String {
        s.bytes()
            .map(|b| {
                let one = [b];
                let (d, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
                d.chars().next().unwrap()
            })
            .collect()
    }

    #[track_caller]
    fn fixed(input: &str, expected: &str) {
        assert_eq!(repair_mojibake(input), expected, "input: {input:?}");
    }

    #[track_caller]
    fn untouched(input: &str) {
        assert!(
            matches!(repair_mojibake(input), Cow::Borrowed(_)),
            "changed: {input:?} -> {:?}",
            repair_mojibake(input)
        );
    }

    /// The character-by-character form of [`might_be_mojibake`].
    fn might_be_mojibake_by_chars(text: &str) -> bool {
        let mut prev_lead: Roles = 0;
        let mut prev_char = '\0';
        for c in text.chars() {
            if c.is_ascii() {
                if c == ' ' && prev_char == 'Ã' {
                    return true;
                }
                prev_lead = 0;
            } else {
                let roles = char_roles(c);
                if (roles >> CONT_SHIFT) & prev_lead != 0 {
                    return true;
                }
                prev_lead = roles & 0xff;
            }
            prev_char = c;
        }
        false
    }

    #[test]
    fn mojibake_pairs_found_as_char_by_char() {
        for s in [
            "lâ€™Ã©tÃ©",
            "Ã la carte",
            "Ã",
            "déjà vu, ça",
            "Ğüşıöç İstanbul",
            "Привет мир",
            "a Ã© b",
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
            "x\u{fffd}\u{fffd}y",
            "ÃÃ",
            "ç€",
            "plain",
            "日本語のテキスト",
        ] {
            assert_eq!(might_be_mojibake(s), might_be_mojibake_by_chars(s), "{s}");
        }
    }

    #[test]
    fn turkish_through_windows_1252_and_1254() {
        fixed("Ä°stanbul", "İstanbul");
        fixed("HÄ±rsÄ±zÄ± BÃ¼yÃ¼ Korkuttu", "Hırsızı Büyü Korkuttu");
        fixed("ÅŸehir ve Ã§arÅŸÄ±", "şehir ve çarşı");
        // Ş and Ğ end in bytes Windows-1254 leaves undefined: C1 controls.
        fixed("Å\u{9e}ubat ve Ä\u{9e}", "Şubat ve Ğ");
    }

    #[test]
    fn punctuation_and_symbols() {
        fixed("doesnâ€™t â€œworkâ€\u{9d}", "doesn’t “work”");
        fixed("Â£5 and 30Â°", "£5 and 30°");
        fixed("hatikuâ™«~", "hatiku♫~");
        fixed("ï»¿", "\u{feff}");
    }

    #[test]
    fn other_scripts() {
        fixed("Õ€Õ¡ÕµÕ¡Õ½Õ¿Õ¡Õ¶", "Հայաստան");
        fixed("Ð“Ð¾Ñ€Ð¾Ð´", "Город");
        fixed("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά");
        fixed("×‘×”×•×“×¢×”", "בהודעה");
        fixed("æ—¥æœ¬èªž", "日本語");
        fixed("ðŸ˜€ done", "😀 done");
    }

    #[test]
    fn layers() {
        for s in ["Größe", "’", "Ağaç", "Հայերեն"] {
            fixed(&as_1252(s), s);
            fixed(&as_1252(&as_1252(s)), s);
            fixed(&as_1252(&as_1252(&as_1252(s))), s);
        }
    }

    #[test]
    fn spans_inside_good_text() {
        fixed("Bugün İstanbul’da Ã§ok gÃ¼zel bir gün.", "Bugün İstanbul’da çok güzel bir gün.");
        fixed("l’Ã©tÃ© à Paris", "l’été à Paris");
    }

    #[test]
    fn lost_nbsp_and_lost_bytes() {
        fixed("CÃ\u{a0}nan nan GÃ\u{a0}idheal", "Cànan nan Gàidheal");
        fixed("voilÃ le travail", "voilà le travail");
        fixed("Ã s crianÃ§as", "às crianças");
        fixed("Å veices baÅ†Ä·ieri", "Šveices baņķieri");
        fixed("SlovenÄ\u{fffd}ina", "Sloven\u{fffd}ina");
        fixed("Hi í\u{a0}½í¸\u{8d}", "Hi 😍");
    }

    #[test]
    fn single_letters_of_many_languages() {
        for s in ["È è stato", "på", "små", "Är av", "Ålande", "Števil", "Eșec", "dəstə"]
        {
            fixed(&as_1252(s), s);
        }
    }

    #[test]
    fn windows_1251_of_other_scripts() {
        for s in ["తెలుగు", "ქართული", "または", "ktorá je", "Über"]
        {
            let wrong: String = s
                .bytes()
                .map(|b| {
                    let one = [b];
                    let (d, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&one);
                    d.chars().next().unwrap()
                })
                .collect();
            fixed(&wrong, s);
        }
    }

    #[test]
    fn other_code_pages() {
        fixed("вЂњB-вЂњ Rating", "“B-“ Rating");
        fixed("РґРѕСЂРѕРіРµ", "дороге");
        fixed("LiĂ¨ge Avenue de l'HĂ´pital", "Liège Avenue de l'Hôpital");
        fixed("wei√ü", "weiß");
    }

    #[test]
    fn c1_controls_read_as_windows_1252() {
        fixed("\u{84}Handwerk\u{93}", "„Handwerk“");
        fixed("parlé\u{85} Tu", "parlé… Tu");
    }

    #[test]
    fn correct_text_is_untouched() {
        for s in [
            "Η ¨ανατροφή¨ δυστυχώς",
            "ВІКІ is Ukrainian for WIKI",
            "Київ, її, ЄС, ґанок",
            "Он её видел; всё ещё",
            "AHÅ™, the new sofa",
            "a radius of 10 Å—",
            "!YO SÉ¡",
            "There are a lot of Ã’s in mojibake text",
            "NICIODATĂ™",
            "HÅØYA ER BLÅØYD",
            "Bremer/Mccoy – DrÃ¥ber",
            "4288×…",
            "Offering 5×£35 pin ups",
            "HUHLL Õ…",
            "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
            "NESTLÉ® requiere",
            "C O N C L U S Ã O",
            "(-1/2)! = √π",
            "∆° and 2012—∞",
            "I'm not such a fan of Charlotte Brontë…”",
            "DAĞ’DA ŞİŞLİ’DE İZMİR’İN",
            "MÄ£ÄM ÌÑÌ Q £ÄGÌ SÖÄ£",
            "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN",
            "Dråber på Ærø",
            "Zvlášť ještě příští úterý",
            "NICIODATĂ™ ÎNVĂŢĂMÂNT ŞI ĂŞTIA",
            "použít %s nebo PROHLÍŽEČ k zobrazení",
            "-j ПОЉЕ исто што и „-1 ПОЉЕ -2 ПОЉЕ“",
            "(«немає», будь-який) „Штампај“",
            "Сен-П’ер і Мікелон, О’Хігінс, Селебі Фіквэ",
            "Калі ІСЬЦІНА, [МАЖОР МІНОР]",
            "Не вдалося об’єднати з’єднання: об’єкт є, РОЗМІР задано",
            "日本語のテキスト 👩\u{200d}💻",
            "ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’ã‚â¢ãƒâ¢ã¢â‚¬å¡ã‚â¬ãƒâ€šã‚â",
        ] {
            untouched(s);
        }
    }

    #[test]
    fn precheck_skips_clean_text() {
        for s in
            ["plain ASCII", "Türkçe ağaç", "Русский текст", "Հայերեն", "中文", "“quotes”  — dash"]
        {
            assert!(!might_be_mojibake(s), "{s}");
        }
        assert!(might_be_mojibake("Ã©"));
        assert!(might_be_mojibake("voilÃ le"));
    }

    #[test]
    fn runs_of_four_non_ascii_bytes() {
        let plain = |b: &[u8]| b.windows(4).any(|w| w.iter().all(|&c| c >= 0x80));
        for s in ["", "a", "ü", "üü", "a’b", "’’", "xx ü ü é’ x", "Привет", "abcdefgh\u{e9}\u{e9}"]
        {
            assert_eq!(super::has_non_ascii_run_of_four(s.as_bytes()), plain(s.as_bytes()), "{s}");
        }
    }
}
