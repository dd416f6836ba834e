#!/usr/bin/env bash
# Runs one fuzz target under libFuzzer with AddressSanitizer for a given time.
#   scripts/fuzz.sh TARGET [SECONDS]      TARGET: markup | feed | detector | toml | pdf (default 600 s)
# The seed corpus is Fuzz/corpus/TARGET (committed); new inputs and crashes go to fuzz-out/TARGET (not committed).
# Without libFuzzer, `swift run selfbuy-fuzz TARGET SECONDS Fuzz/corpus/TARGET` runs the seeded mutation harness.
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh markup|feed|detector|toml|pdf [SECONDS]}
seconds=${2:-600}
cd "$(dirname "$0")/.."
swift build -c release --product selfbuy-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >/dev/null
binary=.build-fuzz/release/selfbuy-fuzz
mkdir -p "fuzz-out/$target/corpus" "fuzz-out/$target/crashes"
SELFBUY_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1 "$binary" "fuzz-out/$target/corpus" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="fuzz-out/$target/crashes/"
