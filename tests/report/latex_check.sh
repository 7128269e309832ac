#!/usr/bin/env bash
# Compiles each LaTeX table elicit wrote inside a standard article, as an author
# would paste it (\documentclass{article}, booktabs, the default font encoding), and
# fails on a compile error, an overfull box (a table wider than \textwidth), a
# character the font lacks, or a float too large for the page. Skipped (exit 77,
# CTest's SKIP_RETURN_CODE) where pdflatex or booktabs is not installed; `make test`
# installs them (texlive-latex-base, texlive-latex-recommended).
#   latex_check.sh FILE.tex|FOLDER ...     (a folder: every .tex below it)
set -u
if ! command -v pdflatex >/dev/null; then
  echo "pdflatex is not installed (apt-get install texlive-latex-base): LaTeX check skipped"
  exit 77
fi
if ! kpsewhich booktabs.sty >/dev/null; then
  echo "booktabs is not installed (apt-get install texlive-latex-recommended): LaTeX check skipped"
  exit 77
fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.tex' | sort)
  else
    files+=("$arg")
  fi
done
if [ ${#files[@]} -eq 0 ]; then echo "no .tex file to check in: $*"; exit 1; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for file in "${files[@]}"; do
  [ -s "$file" ] || { echo "$file: missing or empty"; failed=1; continue; }
  packages='\usepackage{booktabs}'
  grep -q 'usepackage{graphicx}' "$file" && packages="$packages\\usepackage{graphicx}"
  cp "$file" "$work/table.tex"
  printf '%s\n' '\documentclass{article}' "$packages" '\begin{document}' \
    'Text before the table.' '\input{table}' '\clearpage' '\end{document}' >"$work/doc.tex"
  if ! (cd "$work" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null 2>&1); then
    echo "$file: pdflatex failed:"; grep -A3 '^!' "$work/doc.log" | head -12; failed=1; continue
  fi
  if grep -qE 'Overfull \\[hv]box|Missing character|Float too large|Unicode character' "$work/doc.log"; then
    echo "$file:"; grep -E -A1 'Overfull \\[hv]box|Missing character|Float too large|Unicode character' "$work/doc.log" | head -12
    failed=1; continue
  fi
  echo "$file: compiles, fits"
done
echo "${#files[@]} LaTeX files checked"
exit $failed
