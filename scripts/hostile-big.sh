#!/usr/bin/env bash
# The hostile-input tests too big for a debug build (a 300 MB line, 3 million
# lines), run against a release build. They need about 1.5 GB of memory and
# free space in the temporary directory for the inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked --release --test hostile -- --ignored --nocapture
