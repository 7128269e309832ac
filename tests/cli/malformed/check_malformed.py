#!/usr/bin/env python3
"""Runs a table of malformed case files and options (rows.toml) through `elicit` and checks
that each is refused the way docs/case_files.md promises:

  - the exit status is exactly the row's (2 unless it says otherwise);
  - stderr names the place: it contains the row's `where` ("case.toml:8: key V:",
    "--seed:") and matches its `stderr` regex; a refusal is one line, never an
    "internal error";
  - nothing is left behind: the row's folder holds only the files the row wrote (no
    results folder, no FOLDER.incomplete, no results/ made by default);
  - stdout holds no results (it is empty).

    check_malformed.py ELICIT TABLE [--self-test]

Each row runs in its own scratch folder, as its working directory, so paths in messages
are the short relative ones the table writes. Fields of a row:

  name      unique; the scratch folder's name
  case      the text of case.toml (or `case_hex`: its bytes in hex, for non-UTF-8), or
  base      the name of a [base] text of the table, changed by `edit` ([[old, new], ...],
            each old text replaced once) and `append` (text added at the end)
  files     {relative path = text}, more files; the text "@folder" makes a folder and
            "@fifo" a named pipe
  args      the command line after `elicit` (default: run case.toml --out out); an
            args list starting with "!" runs that program instead (the self-test uses
            it to play a misbehaving elicit)
  setup     command lines run first (each must exit 0); "!" runs a program
  journal   after setup: new contents of out/cells.jsonl. {line1} is its first line as
            written, {digest} that line's digest, and {forged:JSON} a journal line whose
            row is JSON with a valid checksum (an edit made on purpose)
  rewrite   after setup: [[path, regex, replacement], ...], each file's first match replaced
  status    the expected exit status (2)
  where     text stderr must contain (required for status 2)
  stderr    a regex stderr must match
  leaves    what may remain beside the row's own files: [] (default), or ["out"]
  stdout_to "/dev/full": stdout goes there instead of a pipe
  timeout   seconds before the row counts as hung (60)
  xfail     a known defect, not fixed here: the row must fail (it is reported, and an
            unexpected pass is an error, so that the mark is removed when it is fixed)

With --self-test the table's rows are deliberately wrong (a valid file expected to be
refused, a regex that cannot match, a folder left behind, ...); each must be reported as
a failure whose reason contains the row's `must_fail_with`. That the checks can fail is
what makes their passing mean something.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

SMALL_CASE = (Path(__file__).resolve().parent.parent / "small_case.toml").read_text()
DEFAULT_ARGS = ["run", "case.toml", "--out", "out"]


def fnv1a(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def dump(value):  # as nlohmann::json::dump() writes it
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def expand(text, names):
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    return text


def journal_text(template, folder):
    lines = (folder / "out" / "cells.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    text = template.replace("{line1}", lines[0]).replace("{digest}", first["digest"])

    def forged(match):
        row = json.loads(match.group(1))
        return dump({"digest": first["digest"], "check": fnv1a(dump(row)), "row": row})

    text = re.sub(r"\{forged:(.*)\}$", forged, text, flags=re.MULTILINE)
    return text if text.endswith("\n") else text + "\n"


def command(elicit, args):
    if args and args[0].startswith("!"):
        return [args[0][1:]] + args[1:]
    return [elicit] + args


def run_row(elicit, row, scratch):
    """The reasons a row fails (empty when it passes)."""
    folder = scratch / row["name"]
    folder.mkdir(parents=True)
    names = {"small": SMALL_CASE}
    written = set()
    if "case" in row:
        (folder / "case.toml").write_text(expand(row["case"], names))
        written.add("case.toml")
    if "base" in row:
        (folder / "case.toml").write_text(row["text"])
        written.add("case.toml")
    if "case_hex" in row:
        (folder / "case.toml").write_bytes(bytes.fromhex(row["case_hex"]))
        written.add("case.toml")
    for path, text in row.get("files", {}).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if text == "@folder":
            target.mkdir(exist_ok=True)
        elif text == "@fifo":
            os.mkfifo(target)
        else:
            target.write_text(expand(text, names))
        written.add(path.split("/")[0])
    for setup in row.get("setup", []):
        done = subprocess.run(command(elicit, setup), cwd=folder, capture_output=True, timeout=120)
        if done.returncode != 0:
            return [f"setup {setup} exited {done.returncode}: {done.stderr.decode(errors='replace')}"]
    if "journal" in row:
        (folder / "out" / "cells.jsonl").write_text(journal_text(row["journal"], folder))
    for path, pattern, replacement in row.get("rewrite", []):
        text = (folder / path).read_text()
        if not re.search(pattern, text):
            return [f"rewrite: /{pattern}/ is not in {path}"]
        (folder / path).write_text(re.sub(pattern, replacement, text, count=1))
    before = {entry.name for entry in folder.iterdir()}
    stdout_target = open(row["stdout_to"], "wb") if "stdout_to" in row else subprocess.PIPE
    timeout = row.get("timeout", 60)
    try:
        done = subprocess.run(command(elicit, row.get("args", DEFAULT_ARGS)), cwd=folder,
                              stdout=stdout_target, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"did not finish within {timeout} s (work not refused before it starts?)"]
    finally:
        if stdout_target is not subprocess.PIPE:
            stdout_target.close()
    err = done.stderr.decode("utf-8", errors="replace")
    out = (done.stdout or b"").decode("utf-8", errors="replace")
    status = row.get("status", 2)
    reasons = []
    if done.returncode != status:
        reasons.append(f"exit status {done.returncode}, expected {status}")
    if "internal error" in err:
        reasons.append("reported as an internal error")
    where = row.get("where", "")
    if where and where not in err:
        reasons.append(f"stderr does not name {where!r}")
    if "stderr" in row and not re.search(row["stderr"], err):
        reasons.append(f"stderr does not match /{row['stderr']}/")
    if status == 2:
        if len(err.splitlines()) != 1:
            reasons.append(f"{len(err.splitlines())} lines on stderr, expected one")
        if out:
            reasons.append(f"stdout is not empty: {out[:80]!r}")
    allowed = before | written | set(row.get("leaves", []))
    left = sorted({entry.name for entry in folder.iterdir()} - allowed)
    if left:
        reasons.append(f"left behind: {', '.join(left)}")
    for name in row.get("leaves", []):
        if not (folder / name).exists():
            reasons.append(f"{name} was not written")
    if reasons:
        reasons.append(f"stderr was: {err.strip()[:300]!r}")
    return reasons


def load(table):
    document = tomllib.loads(Path(table).read_text(encoding="utf-8"))
    rows, bases = document["row"], document.get("base", {})
    seen = set()
    for row in rows:
        name = row.get("name", "")
        if "base" in row:
            text = bases[row["base"]]
            for old, new in row.get("edit", []):
                if old not in text:
                    raise SystemExit(f"{table}: row {name}: {old!r} is not in base {row['base']}")
                text = text.replace(old, new, 1)
            row["text"] = text + row.get("append", "")
        if not re.fullmatch(r"[a-z0-9_]+", name) or name in seen:
            raise SystemExit(f"{table}: row name {name!r} is missing, not [a-z0-9_]+ or repeated")
        seen.add(name)
        if row.get("status", 2) == 2 and not row.get("where"):
            raise SystemExit(f"{table}: row {name}: a refusal must say `where` it is named")
    return rows


def main():
    elicit, table = os.path.abspath(sys.argv[1]), sys.argv[2]
    self_test = "--self-test" in sys.argv[3:]
    rows = load(table)
    scratch = Path(tempfile.mkdtemp(prefix="elicit-malformed-"))
    failures = 0
    try:
        for row in rows:
            reasons = run_row(elicit, row, scratch)
            if self_test:
                wanted = row["must_fail_with"]
                if not reasons:
                    print(f"SELF-TEST FAIL {row['name']}: the driver accepted a wrong row")
                    failures += 1
                elif not any(wanted in reason for reason in reasons):
                    print(f"SELF-TEST FAIL {row['name']}: failed, but not with {wanted!r}: {reasons}")
                    failures += 1
                else:
                    print(f"caught {row['name']}: {reasons[0]}")
            elif "xfail" in row:
                if reasons:
                    print(f"xfail {row['name']} (known defect: {row['xfail']}): {reasons[0]}")
                else:
                    print(f"XPASS {row['name']}: the defect is fixed; remove its xfail")
                    failures += 1
            elif reasons:
                print(f"FAIL {row['name']}:\n  " + "\n  ".join(reasons))
                failures += 1
            else:
                print(f"ok {row['name']}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{len(rows) - failures} of {len(rows)} rows as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
