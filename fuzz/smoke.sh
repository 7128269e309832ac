#!/usr/bin/env bash
# smoke.sh FUZZ_BUILD TARGET SEED_CORPUS RUNS: runs one fuzz target over its seed
# corpus and then RUNS inputs in all, with a fixed seed (the short run of make
# test; make fuzz runs for minutes). New inputs go to a temporary folder, crashes
# to FUZZ_BUILD/artifacts/. Skipped (exit 77) where the target was not built: the
# fuzz build needs clang++ and clang's libFuzzer (make fuzz-build installs them).
set -u
build=$1 target=$2 seeds=$3 runs=$4
binary=$build/$target
if [ ! -x "$binary" ]; then
  echo "$target: not built in $build (needs clang++ and libFuzzer: make fuzz-build): skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/artifacts"
"$binary" "$work" "$seeds" -runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 2>&1 | tail -n 40
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || echo "$target: finding above; the input is in $build/artifacts/"
exit "$status"
