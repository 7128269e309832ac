#!/usr/bin/env bash
# build_and_run.sh MODE CONSUMER_SOURCE WORK_DIR PREFIX_OR_SOURCE
# Configures, builds and runs the consumer; it must print the paper's 460.5.
set -euo pipefail
mode=$1 source=$2 work=$3 where=$4
rm -rf "$work"
if [ "$mode" = find_package ]; then
  cmake -S "$source" -B "$work" -DCMAKE_PREFIX_PATH="$where" -DCMAKE_BUILD_TYPE=Release >/dev/null
else
  cmake -S "$source" -B "$work" -DELICIT_SOURCE_DIR="$where" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$work" -j 2 >/dev/null
output=$("$work/consumer")
[ "$output" = "460.5" ] || { echo "consumer printed '$output', expected 460.5"; exit 1; }
echo "consumer ($mode): $output"
