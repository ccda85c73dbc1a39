//! What a filter decided about a line, and why.

use std::fmt;
use std::sync::Arc;

/// The rule behind a removal or rewrite.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// A line of a rule file: built-in (`rules/tr/chrome.txt`) or given with `--rules`.
    Data {
        /// The rule file's name as shown to users.
        file: Arc<str>,
        /// 1-based line number in that file.
        line: u32,
    },
    /// A rule written in code, named by a short stable id such as `date-only`.
    Builtin(&'static str),
    /// A rule written in code that also reports the score it computed for the line.
    Scored {
        /// Short stable id of the rule.
        name: &'static str,
        /// The score, in the rule's own units (see the filter's docs).
        score: f32,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Data { file, line } => write!(f, "{file}:{line}"),
            Rule::Builtin(name) => f.write_str(name),
            Rule::Scored { name, score } => write!(f, "{name}({score:.2})"),
        }
    }
}

/// A filter's name together with the rule that fired: why a line changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    /// The stage that made the change (`chrome`, `normalize`, ...).
    pub filter: &'static str,
    /// The rule inside that stage.
    pub rule: Rule,
}

impl Reason {
    /// A reason for a rule written in code.
    pub fn builtin(filter: &'static str, rule: &'static str) -> Reason {
        Reason { filter, rule: Rule::Builtin(rule) }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t{}", self.filter, self.rule)
    }
}

/// A line filter's judgement of one line.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The line stays as it is.
    Keep,
    /// The line goes, for this rule.
    Remove(Rule),
    /// The line stays with new text (a stripped prefix or teaser), for this rule.
    Rewrite(String, Rule),
}
