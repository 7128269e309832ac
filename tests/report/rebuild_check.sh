#!/usr/bin/env bash
# `elicit report DIR` rebuilds a results folder from results.json and manifest.json:
# copy the folder, delete everything derived (CSV, summaries, tables, plots, report
# pages), render it again, and require the same bytes as the run wrote (manifests
# included, as they are written again too).
#   rebuild_check.sh ELICIT RESULTS_FOLDER WORK_FOLDER
set -u
elicit=$1 results=$2 work=$3
rm -rf "$work"
mkdir -p "$(dirname "$work")"
cp -r "$results" "$work"
find "$work" \( -name results.csv -o -name summary.md -o -name report.html \
  -o -name tables -o -name plots \) -prune -exec rm -rf {} +
"$elicit" report "$work" --quiet || { echo "elicit report failed"; exit 1; }
failed=0
while IFS= read -r file; do
  relative=${file#"$results"/}
  case "$relative" in *.pdf) continue ;; esac  # PDFs embed their creation time
  if ! cmp -s "$file" "$work/$relative"; then echo "$relative differs after elicit report"; failed=1; fi
done < <(find "$results" -type f | sort)
[ $failed -eq 0 ] && echo "elicit report rebuilt $(find "$work" -type f | wc -l) files of $results identically"
exit $failed
