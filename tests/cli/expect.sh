#!/usr/bin/env bash
# Runs a command and checks its exit status, its stderr and (optionally) its stdout
# against a golden transcript.
#   expect.sh STATUS STDERR_REGEX GOLDEN_FILE|- -- command args...
# STDERR_REGEX '^$' requires an empty stderr; GOLDEN_FILE '-' skips the stdout check.
set -u
status=$1 stderr_regex=$2 golden=$3
shift 3
[ "$1" = "--" ] && shift
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
actual=$?
fail=0
if [ "$actual" -ne "$status" ]; then
  echo "exit status $actual, expected $status"; fail=1
fi
if ! grep -qE -- "$stderr_regex" "$err" && ! { [ "$stderr_regex" = '^$' ] && [ ! -s "$err" ]; }; then
  echo "stderr does not match /$stderr_regex/"; fail=1
fi
if [ "$stderr_regex" = '^$' ] && [ -s "$err" ]; then echo "stderr not empty"; fail=1; fi
lines=$(wc -l <"$err")
if [ "$status" -eq 2 ] && [ "$lines" -ne 1 ]; then echo "expected one line on stderr, got $lines"; fail=1; fi
if [ "$golden" != "-" ] && ! diff -u "$golden" "$out"; then echo "stdout differs from $golden"; fail=1; fi
if [ "$fail" -ne 0 ]; then
  echo "--- command: $*"; echo "--- stderr:"; cat "$err"; echo "--- stdout (head):"; head -20 "$out"
fi
exit $fail
