#!/usr/bin/env bash
# merge_refusals.sh ELICIT WORK CASE: `elicit merge` refuses shards that do not
# make one run — each with exit 2, a message naming the folder, and no output.
set -u
elicit=$1 work=$2 case_file=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
failures=0
shard() { "$elicit" run "$case_file" --quiet "$@" >/dev/null || { echo "FAIL: run $*"; exit 1; }; }
shard --shard 1/2 --out s1
shard --shard 2/2 --out s2
shard --shard 2/2 --out s2_seed --seed 5
shard --shard 1/3 --out t1
cp -r s2 s2_cut && : >s2_cut/cells.jsonl
cp -r s2 s2_bad && printf '{"shard": 2' >s2_bad/shard.json

# expect NAME PATTERN SHARDS...: exit 2, stderr matches PATTERN, no folder "out".
expect() {
  local name=$1 pattern=$2
  shift 2
  local stderr status
  stderr=$("$elicit" merge "$@" --out out 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 2 ] || ! grep -Eq -- "$pattern" <<<"$stderr" || [ -e out ] ||
    [ -e out.incomplete ]; then
    echo "FAIL $name: exit $status, stderr: $stderr"
    failures=$((failures + 1))
  else
    echo "ok $name: $stderr"
  fi
}
expect missing "shard 2 of 2 is missing .* --shard 2/2" s1
expect twice "s1 and s1 are both shard 1 of 2; give each shard once" s1 s1
expect other_seed "s1 \(shard 1 of 2\) and s2_seed \(shard 2 of 2\) differ in the settings" s1 s2_seed
expect other_count "differ in their shard count: 2 against 3" s1 t1
expect unfinished "s2_cut/cells.jsonl: cell 2 .* is not finished; .* --resume --out s2_cut" s1 s2_cut
expect damaged "s2_bad/shard.json: not JSON" s1 s2_bad
expect not_a_shard "nowhere: no shard.json: not a shard folder" s1 nowhere
expect no_shards "shards is required|requires at least 1" 
[ "$failures" -eq 0 ]
