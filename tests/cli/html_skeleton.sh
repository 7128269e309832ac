#!/usr/bin/env bash
# Runs a command that writes an HTML page with --html PAGE and prints the page's
# structure: one line per element that has an id or a class, as tag#id.class, in
# document order. A golden of this skeleton pins what a page contains (every head's
# map, the prompt, the stream, the output) without pinning its bytes. Fails when the
# page is not self-contained (it loads a script, style, image or link from anywhere).
#   html_skeleton.sh PAGE -- command args...     (the command gets --html PAGE added)
set -u
page=$1
shift
[ "$1" = "--" ] && shift
mkdir -p "$(dirname "$page")"
rm -f "$page"
"$@" --html "$page" >/dev/null || exit $?
[ -s "$page" ] || { echo "no page written to $page"; exit 1; }
if grep -qiE '<(script|link|img|iframe)|(src|href)=|url\(|@import' "$page"; then
  echo "$page is not self-contained:"; grep -noiE '<(script|link|img|iframe)|(src|href)=|url\(|@import' "$page"
  exit 1
fi
grep -oE '<[a-z][a-z0-9]*( [^>]*)?>' "$page" | awk '
{
  tag = $0; sub(/^</, "", tag); sub(/[ >].*$/, "", tag)
  id = ""; if (match($0, / id="[^"]*"/)) id = "#" substr($0, RSTART + 5, RLENGTH - 6)
  cls = ""
  if (match($0, / class="[^"]*"/)) { cls = substr($0, RSTART + 8, RLENGTH - 9); gsub(/ +/, ".", cls); cls = "." cls }
  if (id != "" || cls != "") print tag id cls
}'
