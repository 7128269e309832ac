#!/usr/bin/env bash
# Keeps the examples of a Markdown file true: every ```console block there is run
# and must print exactly what it shows. In a block, a line starting with '$ ' is a
# command (run by bash from a folder where build/elicit is the binary under test);
# the lines after it, up to the next command or the end of the block, are its
# expected output. Other blocks are left alone. Fails if the file has no command.
#   check_console_blocks.sh FILE.md ELICIT_BINARY
set -u
doc=$1 binary=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/run/build" "$work/cases"
ln -s "$(realpath "$binary")" "$work/run/build/elicit"
# Split the blocks into cases: case N's command in N.cmd, its expected output in N.out.
awk -v dir="$work/cases" '
  /^```console[[:space:]]*$/ { inside = 1; next }
  /^```/ && inside { inside = 0; next }
  inside && /^\$ / { n++; print substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".out"); next }
  inside && n { print > (dir "/" n ".out") }
' "$doc"
cases=$(find "$work/cases" -name '*.cmd' | wc -l)
if [ "$cases" -eq 0 ]; then echo "$doc has no \`\`\`console command to check"; exit 1; fi
failed=0
for ((n = 1; n <= cases; n++)); do
  command=$(cat "$work/cases/$n.cmd")
  (cd "$work/run" && bash -c "$command") >"$work/actual" 2>&1
  if ! diff -u "$work/cases/$n.out" "$work/actual" >"$work/diff"; then
    echo "$doc: the output of \$ $command differs from the document:"
    cat "$work/diff"
    failed=1
  fi
done
echo "$doc: $cases commands checked"
exit $failed
