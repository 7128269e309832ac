#!/usr/bin/env bash
# Loads a page in headless Chromium (Debian's chromium) and fails on any console
# error or warning, uncaught exception or failed load, and on any required element
# that is missing or drawn with no size; writes a full-page screenshot either way.
# Skipped (exit 77, CTest's SKIP_RETURN_CODE) where Chromium or python3 is absent.
#   render_check.sh PAGE.html SCREENSHOT.png ['#id' | '.class' ...]
# The driver, render_check.py, speaks Chromium's DevTools protocol over a pipe with
# the Python standard library only.
set -u
if ! command -v python3 >/dev/null; then
  echo "python3 is not installed (apt-get install python3): render check skipped"
  exit 77
fi
exec python3 "$(dirname "$0")/render_check.py" "$@"
