//! textsieve strips boilerplate from web-scraped text and normalises its Unicode.
//!
//! Input is plain text pulled out of web pages, one paragraph per line. A
//! [`Pipeline`] of [`Filter`]s judges the lines of a [`Document`]: site chrome,
//! disclaimers, image placeholders, related-news blocks and repeated headlines
//! are removed, every kept line is normalised, and every change carries a
//! [`Reason`]. The rules that decide what is boilerplate live in data files,
//! one folder per language (see `src/rules/README.md`).
//!
//! Many documents go through one process as a form-feed separated stream
//! ([`stream::clean_documents`]) or as JSON Lines records
//! ([`jsonl::clean_stream`]); both read as they go, clean batches in parallel
//! on the current rayon pool and write in input order.
//!
//! ```
//! use textsieve::{Document, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! assert_eq!(pipeline.clean("Caf\u{65}\u{301} opens   at noon.\r\n"), "Café opens at noon.\n");
//!
//! // Or keep the trace of what happened and why.
//! let mut doc = Document::from_text("A&amp;B\n");
//! doc.trace(true);
//! pipeline.run(&mut doc);
//! assert_eq!(doc.events()[0].reason.as_ref().unwrap().filter, "normalize");
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod bytes;
pub mod decode;
pub mod document;
mod error;
pub mod filter;
pub mod filters;
pub mod jsonl;
pub mod normalize;
pub mod pipeline;
pub mod rules;
pub mod stream;
pub mod verdict;

pub use decode::{Decoded, EncodingChoice, to_utf8};
pub use document::{Action, Counts, Document, Event, LineId};
pub use error::{Error, Result};
pub use filter::{Filter, LineFilter};
pub use pipeline::{Pipeline, PipelineBuilder};
pub use verdict::{Reason, Rule, Verdict};
