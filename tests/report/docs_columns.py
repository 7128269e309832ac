#!/usr/bin/env python3
"""docs/results.md documents every column of results.csv and every field of
results.json and manifest.json, as a results folder actually has them: each name
must appear in the document in backquotes (`n_star`). Names that depend on the
case stand for their pattern: a grid key or an exact fact as `<key>` and
`<key>_exact`, a bound's columns as `bound_<id>`, `ratio_<id>`, `ratio_<id>_lower`
and `ratio_<id>_upper`.

  docs_columns.py RESULTS_FOLDER docs/results.md
"""
import csv
import json
import os
import re
import sys


def documented(doc, name):
    return ("`%s`" % name) in doc


def csv_problems(path, doc):
    with open(path, newline="", encoding="utf-8") as f:
        columns = next(csv.reader(f))
    problems = []
    for column in columns:
        if documented(doc, column):
            continue
        if column.endswith("_exact") and column[: -len("_exact")] in columns:
            pattern = "<key>_exact"
        elif column + "_exact" in columns:
            pattern = "<key>"
        elif re.match(r"^bound_", column):
            pattern = "bound_<id>"
        elif re.match(r"^ratio_.*_lower$", column):
            pattern = "ratio_<id>_lower"
        elif re.match(r"^ratio_.*_upper$", column):
            pattern = "ratio_<id>_upper"
        elif re.match(r"^ratio_", column):
            pattern = "ratio_<id>"
        else:
            pattern = None
        if pattern is None or not documented(doc, pattern):
            problems.append("%s: column %s is not documented" % (path, column))
    return problems


def json_problems(path, doc):
    problems = []

    def walk(value, where):
        if isinstance(value, list):
            for item in value:
                walk(item, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                if where in ("parameters", "libraries"):
                    continue  # grid keys and library names: their own tables
                exact = isinstance(item, dict) and set(item) == {"fraction", "decimal"}
                if not documented(doc, key) and not (exact and documented(doc, "<fact>")):
                    problems.append("%s: field %s (in %s) is not documented" % (path, key, where))
                walk(item, key)

    walk(json.load(open(path, encoding="utf-8")), "the top level")
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: docs_columns.py RESULTS_FOLDER RESULTS_DOC", file=sys.stderr)
        return 2
    doc = open(argv[2], encoding="utf-8").read()
    problems, files = [], 0
    for folder, _, names in os.walk(argv[1]):
        for name in names:
            path = os.path.join(folder, name)
            if name == "results.csv":
                files += 1
                problems += csv_problems(path, doc)
            elif name in ("results.json", "manifest.json", "index.json"):
                files += 1
                problems += json_problems(path, doc)
    for problem in sorted(set(problems)):
        print(problem)
    print("%d files' names checked against %s: %s"
          % (files, argv[2], "FAILED" if problems or not files else "ok"))
    return 1 if problems or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
