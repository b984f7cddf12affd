#!/usr/bin/env bash
# Fuzzes records parsing, validation, the rules and the check report's JSON with libFuzzer.
#
#   scripts/fuzz.sh SECONDS      (default 60)
#
# Builds the cedocs-records-fuzz target with -sanitize=fuzzer,address in its own scratch folder
# (.build-fuzz, so the normal build is untouched), then runs it from the seed corpus in
# Tests/Fuzz/corpus and the regressions in Tests/Fuzz/regressions. New interesting inputs go to
# .build-fuzz/corpus; a crash, timeout or out-of-memory input goes to .build-fuzz/findings/: replay it
# with `swift run cedocs-records-fuzz FILE` and, once fixed, copy it into Tests/Fuzz/regressions, which
# the normal tests (FuzzRegressionTests, CLITests) run on every build.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."

swift build --scratch-path .build-fuzz --product cedocs-records-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DCEDOCS_FUZZ

mkdir -p .build-fuzz/corpus .build-fuzz/findings
# -rss_limit_mb: an input that makes memory grow past 1 GB is a finding (memory must follow the
# limits, not the input); -max_len: records files are large, but the bugs live in small ones.
exec .build-fuzz/debug/cedocs-records-fuzz .build-fuzz/corpus Tests/Fuzz/corpus Tests/Fuzz/regressions \
    -max_total_time="$seconds" -rss_limit_mb=1024 -max_len=65536 -timeout=10 \
    -artifact_prefix=.build-fuzz/findings/ -print_final_stats=1
