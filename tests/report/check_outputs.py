#!/usr/bin/env python3
"""Checks what a results folder gives to other programs, as they would read it.

- Every SVG under the folder parses as XML, and draws every series its gnuplot
  script names: one <g id="gnuplot_plot_K"> per series, titled as in the legend,
  and each holding something drawn.
- Every results.csv loads with Python's csv module; its column names are
  identifiers; every column is text (a known text column, or an exact fraction
  ending in "_exact") or else converts to float in every row that has a value.
- Every report.html is self-contained: no script, stylesheet, image or font is
  loaded from anywhere.

  check_outputs.py RESULTS_FOLDER
"""
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

TEXT_COLUMNS = {"target", "target_digest", "n_star_upper_basis", "n_star_lower_basis",
                "n_star_source", "width_note", "n_from", "verdict",
                "tightest_sufficient", "replay", "engine", "notes", "worst_law"}
SVG = "{http://www.w3.org/2000/svg}"
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EXTERNAL = re.compile(r"<script|<link|<img|<iframe|\bsrc=|@import|url\((?!#)|href=\"(?!#)",
                      re.IGNORECASE)


def series_titles(script_path):
    """The legend titles of a gnuplot script elicit wrote, in plot order."""
    text = open(script_path, encoding="utf-8").read()
    plot = text[text.index("\nplot ") :].split("\nset terminal")[0]
    return [t.replace("''", "'") for t in re.findall(r"title '((?:[^']|'')*)'", plot)]


def check_svg(path, problems):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        problems.append("%s: not XML: %s" % (path, error))
        return 0
    script = path[: -len(".svg")] + ".gp"
    if not os.path.exists(script):
        problems.append("%s: no script %s beside it" % (path, script))
        return 0
    expected = series_titles(script)
    groups = {g.get("id"): g for g in root.iter(SVG + "g")
              if (g.get("id") or "").startswith("gnuplot_plot_")}
    for k, title in enumerate(expected, start=1):
        group = groups.get("gnuplot_plot_%d" % k)
        if group is None:
            problems.append("%s: series %d (%s) is not drawn" % (path, k, title))
            continue
        shown = group.find(SVG + "title")
        if shown is None or shown.text != title:
            problems.append("%s: series %d is titled %r, not %r"
                            % (path, k, shown.text if shown is not None else None, title))
        drawn = [e for e in group.iter() if e.tag in (SVG + "path", SVG + "use")]
        if not drawn:
            problems.append("%s: series %d (%s) has nothing drawn" % (path, k, title))
    return len(expected)


def check_csv(path, problems):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        problems.append("%s: no rows" % path)
        return 0
    numeric = 0
    for column in rows[0].keys():
        if not IDENTIFIER.match(column):
            problems.append("%s: column %r is not an identifier" % (path, column))
        if column in TEXT_COLUMNS or column.endswith("_exact"):
            continue
        numeric += 1
        for i, row in enumerate(rows):
            value = row[column]
            if value == "":
                continue
            try:
                float(value)
            except ValueError:
                problems.append("%s: row %d, column %s: %r is not a number"
                                % (path, i + 1, column, value))
    return numeric


def main(argv):
    if len(argv) != 2:
        print("usage: check_outputs.py RESULTS_FOLDER", file=sys.stderr)
        return 2
    problems = []
    svgs = series = csvs = columns = pages = 0
    for folder, _, files in os.walk(argv[1]):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith(".svg"):
                svgs += 1
                series += check_svg(path, problems)
            elif name == "results.csv":
                csvs += 1
                columns += check_csv(path, problems)
            elif name == "report.html":
                pages += 1
                found = EXTERNAL.search(open(path, encoding="utf-8").read())
                if found:
                    problems.append("%s: loads something from outside: %r" % (path, found.group(0)))
    if svgs == 0 or csvs == 0 or pages == 0:
        problems.append("%s: expected SVGs, results.csv and report.html (found %d, %d, %d)"
                        % (argv[1], svgs, csvs, pages))
    for problem in problems:
        print(problem)
    print("%d SVGs (%d series), %d CSVs (%d numeric columns), %d pages: %s"
          % (svgs, series, csvs, columns, pages, "FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
