#!/usr/bin/env bash
# Every C++ source is clang-format clean (the project's .clang-format). Skipped
# (exit 77) where clang-format is not installed.
set -u
command -v clang-format >/dev/null || { echo "clang-format not installed: skipped"; exit 77; }
cd "$1" || exit 1
files=$(git ls-files '*.h' '*.cpp' 2>/dev/null || find . -name '*.h' -o -name '*.cpp' | grep -v '^./build')
clang-format --dry-run --Werror $files
