#!/usr/bin/env bash
# suite_scaling.sh [ELICIT] [SUITE]: the paper suite (or SUITE) at 1 and 2 threads,
# and under `mpirun -np 2` when elicit was built with MPI: wall time, CPU time and
# peak memory of each run (GNU time), and whether the results are the same bytes.
#   bash bench/suite_scaling.sh build/elicit cases/paper.toml
set -u
elicit=${1:-build/elicit}
suite=${2:-cases/paper.toml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {
  local label=$1
  shift
  /usr/bin/time -f "$label: wall %e s, user %U s, system %S s, peak %M KB" "$@" \
    --out "$work/$label" --quiet >/dev/null
}
measure threads-1 "$elicit" run "$suite" --threads 1
measure threads-2 "$elicit" run "$suite" --threads 2
if command -v mpirun >/dev/null && "$elicit" --version | grep -q "MPI:"; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # runs as root in CI
  measure mpi-2x1 mpirun -np 2 "$elicit" run "$suite" --threads 1
fi
for other in "$work"/threads-2 "$work"/mpi-2x1; do
  [ -d "$other" ] || continue
  if diff -rq -x manifest.json -x index.json -x report.html -x '*.svg' -x '*.pdf' \
    -x cells.jsonl "$work/threads-1" "$other" >/dev/null; then
    echo "$(basename "$other"): results identical to threads-1"
  else
    echo "$(basename "$other"): results DIFFER from threads-1"
  fi
done
