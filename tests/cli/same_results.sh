#!/usr/bin/env bash
# same_results.sh ELICIT WORK CHECK CASE: a results folder does not depend on how
# the work was split. CHECK is one of
#   threads  1 thread against 2
#   shards   3 shards (run in any order, merged) against one run
#   resume   a run killed with SIGKILL part way through, then --resume, against one run
#   mpi      mpirun -np 2 against one process (exit 77, skipped, without MPI)
#   seeds    another seed against one run: the comparison must FAIL (it can tell)
# The comparison covers every file a results folder holds except the manifests and
# the suite index (they record the command, times, threads and processes), the
# report pages that show those, and the figures' PDF/SVG (gnuplot stamps dates).
set -u
elicit=$1 work=$2 check=$3 case_file=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

fail() {
  echo "FAIL ($check): $*"
  exit 1
}

run() { "$elicit" run "$case_file" --quiet "$@" >/dev/null || fail "elicit run $* exited $?"; }

# Byte-compares two results folders (recursively), timing fields aside.
compare() {
  local a=$1 b=$2 n=0
  while IFS= read -r file; do
    case "$file" in
    */manifest.json | */index.json | */report.html | *.pdf | *.svg | */cells.jsonl) continue ;;
    esac
    [ -f "$b/$file" ] || fail "$b/$file is missing"
    cmp -s "$a/$file" "$b/$file" || fail "$a/$file and $b/$file differ"
    n=$((n + 1))
  done < <(cd "$a" && find . -type f | sort)
  [ "$n" -gt 0 ] || fail "$a holds no results"
  # The other way round: nothing extra.
  local extra
  extra=$(comm -13 <(cd "$a" && find . -type f | sort) <(cd "$b" && find . -type f | sort))
  [ -z "$extra" ] || fail "$b holds files $a does not: $extra"
  echo "$check: $n files byte-identical"
}

run --out one --threads 1
case "$check" in
threads)
  run --out two --threads 2
  compare one two
  ;;
shards)
  # Shards may run anywhere and in any order; the merge checks they belong together.
  for i in 3 1 2; do run --shard "$i/3" --out "shard$i" --threads 1; done
  "$elicit" merge shard2 shard3 shard1 --out merged --quiet >/dev/null || fail "merge exited $?"
  compare one merged
  ;;
resume)
  "$elicit" run "$case_file" --quiet --out cut --threads 1 >/dev/null &
  pid=$!
  # Killed once three cells are in its journal (a dozen take seconds).
  for _ in $(seq 1 3000); do
    lines=$(cat cut.incomplete/cells.jsonl cut.incomplete/*/cells.jsonl 2>/dev/null | wc -l)
    [ "$lines" -ge 3 ] && break
    sleep 0.01
  done
  kill -9 "$pid" 2>/dev/null || fail "the run ended before it could be killed"
  wait "$pid" 2>/dev/null
  [ -d cut.incomplete ] && [ ! -e cut/results.json ] ||
    fail "the killed run left no interrupted folder"
  run --out cut --resume --threads 2
  [ ! -e cut.incomplete ] || fail "the resumed run left cut.incomplete behind"
  compare one cut
  ;;
mpi)
  mpirun=$(command -v mpirun) || {
    echo "mpirun not found (Debian's openmpi-bin): skipped"
    exit 77
  }
  "$elicit" --version | grep -q "MPI" || {
    echo "this elicit was built without MPI (Debian's libopenmpi-dev): skipped"
    exit 77
  }
  # Under make sanitize: Open MPI leaks in MPI_Init and MPI_Finalize by design (~20 KB,
  # much of it in components it has already unloaded, so no suppression can name them).
  # elicit's own MPI messages are checked for leaks by the unit tests.
  [ -z "${ASAN_OPTIONS:-}" ] || export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
  OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
    "$mpirun" -np 2 "$elicit" run "$case_file" --quiet --out ranks --threads 1 >/dev/null ||
    fail "mpirun -np 2 exited $?"
  grep -q '"processes": 2' ranks/manifest.json ranks/*/manifest.json 2>/dev/null ||
    fail "the manifest does not say 2 processes"
  compare one ranks
  # Bad input under mpirun is bad input: exit 2, the key named, nothing written.
  cat >huge.toml <<'TOML'
[case]
name = "huge"
title = "a sample size past 2^53, found while running"
theorem = "T2"
reading = "T2/L1"
mode = "verdict"
[grid]
V = [3, 4, 5, 6]
m = 2
eps = "0.3"
delta = "0.1"
[run]
n_from_bound = "T2/mcdiarmid"
n_factor = "1e300"
TOML
  stderr=$(OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
    OMPI_MCA_rmaps_base_oversubscribe=1 "$mpirun" -np 2 "$elicit" run huge.toml --quiet --out huge 2>&1)
  status=$?
  [ "$status" -eq 2 ] && grep -Eq "huge.toml(:[0-9]+)?: key n_factor: " <<<"$stderr" && [ ! -e huge ] &&
    [ ! -e huge.incomplete ] || fail "bad input under mpirun: exit $status: $stderr"
  echo "mpi: bad input refused with exit 2"
  # Bad input found while running, on whichever rank computes a cell: too few trials to
  # decide (every cell raises it; the worker's error travels to rank 0 with its kind).
  cat >few.toml <<'TOML'
[case]
name = "few"
theorem = "T2"
reading = "T2/L1"
mode = "verdict"
[grid]
V = [3, 4, 5, 6, 7, 8]
m = 1
n = 100
eps = "1/2"
delta = "1/10"
[run]
trials = 50
TOML
  stderr=$(OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
    OMPI_MCA_rmaps_base_oversubscribe=1 "$mpirun" -np 2 "$elicit" run few.toml --quiet --out few \
    --threads 1 2>&1)
  status=$?
  [ "$status" -eq 2 ] && grep -Eq "few.toml:[0-9]+: key trials: 50 trials cannot" <<<"$stderr" &&
    [ ! -e few ] && [ ! -e few.incomplete ] ||
    fail "bad input found while running under mpirun: exit $status: $stderr"
  echo "mpi: bad input found while running refused with exit 2"
  ;;
seeds)
  run --out other --threads 1 --seed 987654321
  if (compare one other >/dev/null); then fail "the comparison cannot tell two seeds apart"; fi
  echo "seeds: another seed's results differ, and the comparison says so"
  ;;
*) fail "unknown check" ;;
esac
