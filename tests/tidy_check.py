#!/usr/bin/env python3
"""Every C++ source under sim/ is clang-tidy clean at the checks of the project's
.clang-tidy (where any finding is an error).

  tidy_check.py SOURCE_DIR BUILD_DIR [--jobs N] [--no-cache] [--record] [FILE...]

Checks the files of SOURCE_DIR/sim/ that BUILD_DIR/compile_commands.json compiles (with
the build's own flags), N at a time (2 unless given), or only the FILEs given. Exits 77
(skipped) where clang-tidy is not installed, 1 on any finding.

clang-tidy costs ~13 s of CPU per file here (half parsing, half the checks walking every
header's declarations), ~22 min of CPU for all of sim/: more than the rest of the suite.
So, as ccache does for a compiler, a file is not checked again when everything its result
depends on is what it was when found clean. That is its digest: clang-tidy's version, the
.clang-tidy files, the compile command, and the content of the file and of every header
the build's dependency file lists for it, with the source and build folders' names taken
out (so the digest is the same in any clone). Known-clean digests come from two places:
BUILD_DIR/tidy-cache/ (this build's earlier runs) and the committed record
tests/tidy_clean.txt, which --record rewrites after a run that finds nothing (`make
tidy`). A file whose object is older than one of its inputs is always checked (its
dependency list may be stale); --no-cache checks every file. (Ninja keeps dependencies in
its own log, not in .d files: under Ninja every file is checked each time.)
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

# The build adds -Wno-restrict for GCC, an option clang does not know: clang's complaint
# about it is not a finding.
EXTRA_ARGS = ["--quiet", "--extra-arg=-Wno-unknown-warning-option"]
GENERATED = re.compile(r"^\d+ warnings?( and \d+ errors?)? generated\.$")


def find_tidy():
    """The clang-tidy program, or None."""
    for name in ("clang-tidy", "clang-tidy-14"):
        path = shutil.which(name)
        if path:
            return path
    return None


def object_of(entry):
    """The object file a compile command writes (absolute), or None."""
    if "output" in entry:
        out = entry["output"]
    else:
        args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
        if "-o" not in args or args.index("-o") + 1 >= len(args):
            return None
        out = args[args.index("-o") + 1]
    return os.path.join(entry["directory"], out)


def dependencies(entry):
    """The files the build read to compile the entry (from the compiler's dependency file
    next to the object), or None where there is none or it may be stale."""
    obj = object_of(entry)
    if obj is None or not os.path.isfile(obj + ".d"):
        return None
    with open(obj + ".d", encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    _, _, listed = text.partition(": ")
    files = [os.path.join(entry["directory"], p) for p in listed.split()]
    built = min(os.path.getmtime(obj), os.path.getmtime(obj + ".d"))
    try:
        if any(os.path.getmtime(p) > built for p in files):
            return None
    except OSError:
        return None
    return files


class Digests:
    """Content digests of files, each file read once per run."""

    def __init__(self):
        self.known = {}

    def of(self, path):
        if path not in self.known:
            with open(path, "rb") as f:
                self.known[path] = hashlib.sha256(f.read()).hexdigest()
        return self.known[path]


class Places:
    """Replaces the source and build folders' names by placeholders, so that a digest
    does not depend on where the project was cloned or built."""

    def __init__(self, source_dir, build_dir):
        # The longer first: the build folder is often inside the source folder.
        self.pairs = sorted([(build_dir, "<build>"), (source_dir, "<source>")],
                            key=lambda pair: -len(pair[0]))

    def __call__(self, text):
        for folder, name in self.pairs:
            text = text.replace(folder, name)
        return text


def cache_key(entry, source_dir, tidy_version, digests, places):
    """The digest of everything clang-tidy's result on the entry depends on, or None."""
    deps = dependencies(entry)
    if deps is None:
        return None
    h = hashlib.sha256()
    h.update(tidy_version.encode())
    h.update(json.dumps(EXTRA_ARGS).encode())
    h.update(places(json.dumps(entry.get("arguments", entry.get("command")))).encode())
    folder = os.path.dirname(entry["file"])
    while True:
        config = os.path.join(folder, ".clang-tidy")
        if os.path.isfile(config):
            h.update(places(config).encode() + digests.of(config).encode())
        if os.path.samefile(folder, source_dir) or folder == os.path.dirname(folder):
            break
        folder = os.path.dirname(folder)
    # In the order of the names as hashed, which does not depend on the folders' names.
    named = sorted({places(os.path.realpath(p)): p for p in deps}.items())
    for name, path in [(places(entry["file"]), entry["file"])] + named:
        h.update(name.encode() + b"\0" + digests.of(path).encode())
    return h.hexdigest()


def version_of(tidy):
    """clang-tidy's version text without the line naming this machine's processor."""
    text = subprocess.run([tidy, "--version"], stdout=subprocess.PIPE, text=True).stdout
    return "\n".join(l for l in text.splitlines() if "Host CPU" not in l)


def read_record(path):
    """The committed digests of files found clean: {digest: file}."""
    if not os.path.isfile(path):
        return {}
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                digest, _, shown = line.strip().partition(" ")
                known[digest] = shown
    return known


def write_record(path, keys, source_dir):
    """The digest of every file checked clean by this run, one line each."""
    shown = sorted((os.path.relpath(p, source_dir), key) for p, key in keys.items() if key)
    lines = [f"{key} {path}" for path, key in shown]
    with open(path + ".new", "w", encoding="utf-8") as f:
        f.write("# Digests of the sim/ sources found clang-tidy clean (tests/tidy_check.py; "
                "rewritten by make tidy)\n")
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".new", path)


def run_tidy(tidy, build_dir, path):
    """clang-tidy on one file: (clean, its findings as text)."""
    done = subprocess.run([tidy, "-p", build_dir] + EXTRA_ARGS + [path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [l for l in done.stdout.splitlines() if not GENERATED.match(l)]
    return done.returncode == 0, "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir")
    parser.add_argument("build_dir")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--record", action="store_true",
                        help="after a clean run of every file, rewrite tests/tidy_clean.txt")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    source_dir = os.path.realpath(args.source_dir)
    build_dir = os.path.realpath(args.build_dir)

    tidy = find_tidy()
    if tidy is None:
        print("clang-tidy not installed (Debian package clang-tidy): skipped")
        return 77
    database = os.path.join(build_dir, "compile_commands.json")
    if not os.path.isfile(database):
        print(f"no {database}: configure with CMAKE_EXPORT_COMPILE_COMMANDS ON", file=sys.stderr)
        return 1
    with open(database, encoding="utf-8") as f:
        entries = {}
        for entry in json.load(f):
            path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
            if path.startswith(os.path.join(source_dir, "sim", "")) and path.endswith(".cpp"):
                entries.setdefault(path, dict(entry, file=path))
    if args.files:
        wanted = {os.path.realpath(os.path.join(source_dir, p)) for p in args.files}
        missing = wanted - entries.keys()
        if missing:
            print(f"not compiled by this build: {', '.join(sorted(missing))}", file=sys.stderr)
            return 1
        entries = {p: e for p, e in entries.items() if p in wanted}
    if not entries:
        print(f"no file of {source_dir}/sim/ in {database}", file=sys.stderr)
        return 1

    tidy_version = version_of(tidy)
    cache_dir = os.path.join(build_dir, "tidy-cache")
    os.makedirs(cache_dir, exist_ok=True)
    record = os.path.join(source_dir, "tests", "tidy_clean.txt")
    recorded = {} if args.no_cache else read_record(record)
    digests = Digests()
    places = Places(source_dir, build_dir)
    keys, todo = {}, []
    for path, entry in sorted(entries.items()):
        key = cache_key(entry, source_dir, tidy_version, digests, places)
        keys[path] = key
        known = key is not None and (key in recorded or
                                     os.path.isfile(os.path.join(cache_dir, key)))
        if args.no_cache or not known:
            todo.append(path)
    print(f"{os.path.basename(tidy)}: {len(todo)} of the {len(entries)} files of sim/ to check "
          f"({len(entries) - len(todo)} unchanged since found clean), {args.jobs} at a time",
          flush=True)

    start = time.monotonic()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = {pool.submit(run_tidy, tidy, build_dir, path): path for path in todo}
        for run in concurrent.futures.as_completed(runs):
            path = runs[run]
            clean, text = run.result()
            shown = os.path.relpath(path, source_dir)
            if clean:
                print(f"clean: {shown}", flush=True)
                if keys[path] is not None:
                    with open(os.path.join(cache_dir, keys[path]), "w", encoding="utf-8") as f:
                        f.write(shown + "\n")
            else:
                failed.append(shown)
                print(f"findings in {shown}:\n{text}", flush=True)
    print(f"clang-tidy took {time.monotonic() - start:.0f} s")
    if failed:
        print(f"clang-tidy findings in {len(failed)} file{'s' if len(failed) > 1 else ''} "
              f"(checks in {source_dir}/.clang-tidy): {', '.join(sorted(failed))}", file=sys.stderr)
        return 1
    print("no finding")
    if args.record:
        if args.files or None in keys.values():
            print("--record: not rewritten (it needs every file, each with a digest)",
                  file=sys.stderr)
            return 1
        write_record(record, keys, source_dir)
        print(f"recorded {len(keys)} digests in {record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
