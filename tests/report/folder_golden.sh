#!/usr/bin/env bash
# Compares files of a results folder with their goldens: every file below
# GOLDEN_FOLDER must equal the file at the same path below RESULTS_FOLDER.
# UPDATE_GOLDEN=1 copies the results over the goldens instead (then review the diff).
#   folder_golden.sh RESULTS_FOLDER GOLDEN_FOLDER
set -u
results=$1 golden=$2
[ -d "$golden" ] || { echo "no golden folder $golden"; exit 1; }
failed=0 count=0
while IFS= read -r file; do
  relative=${file#"$golden"/}
  count=$((count + 1))
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$results/$relative" "$file"; continue; fi
  if ! diff -u "$file" "$results/$relative"; then
    echo "$relative differs from its golden ($file)"; failed=1
  fi
done < <(find "$golden" -type f | sort)
echo "$count files compared with $golden"
exit $failed
