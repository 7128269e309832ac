#!/usr/bin/env bash
# Every example command that `elicit trace --help` prints runs and exits 0, so the
# help never shows a prompt the parser refuses.
#   help_examples.sh ELICIT_BINARY
set -u
elicit=$1
examples=$("$elicit" trace --help | sed -n 's/^ *elicit trace /trace /p')
[ -n "$examples" ] || { echo "elicit trace --help shows no example"; exit 1; }
failed=0 count=0
while IFS= read -r example; do
  count=$((count + 1))
  # The examples are shell words (quoted prompts): let bash split them.
  if ! eval "\"\$elicit\" $example" >/dev/null; then echo "failed: elicit $example"; failed=1; fi
done <<<"$examples"
echo "$count examples run"
exit $failed
