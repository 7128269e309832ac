#!/usr/bin/env python3
"""Mutation testing: applies each mutant of mutants.txt alone to a copy of the sources,
builds it, runs the test suite, and reports which mutants the suite kills.

    python3 tests/mutation/mutate.py [--build build-mutate] [--only N,...]

A mutant is killed when the build fails or any CTest test fails. The sources are
restored after every mutant, also on an interrupt. Not part of `make test`: each
mutant costs an incremental build and a run of the suite (about a minute here)."""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Tests that cannot see a semantic bug (they build other projects or check style).
EXCLUDE = "^(consumer\\.|style\\.|fuzz\\.)"


def read_mutants(path):
    mutants, block = [], {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "---":
            mutants.append(block)
            block = {}
        elif not line.strip() and "file" not in block:
            block = {}  # a comment above a blank line is not the next mutant's description
        elif line.startswith("# ") and "description" not in block and "file" not in block:
            block["description"] = line[2:]
        elif line.startswith("#") or not line.strip():
            continue
        else:
            key, _, value = line.partition(": ")
            block[key] = value
    if block:
        mutants.append(block)
    return [m for m in mutants if "file" in m]


def run(command, cwd):
    return subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True).returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build-mutate"))
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    mutants = read_mutants(os.path.join(ROOT, "tests", "mutation", "mutants.txt"))
    only = {int(i) for i in args.only.split(",") if i}
    if run(["cmake", "-S", ROOT, "-B", args.build, "-DCMAKE_BUILD_TYPE=Release",
            "-DELICIT_BUILD_BENCH=OFF"], ROOT) != 0:
        sys.exit("mutate: cannot configure " + args.build)
    if run(["cmake", "--build", args.build, "-j", "2"], ROOT) != 0:
        sys.exit("mutate: the unmutated sources do not build")
    if run(["ctest", "-j", "2", "-E", EXCLUDE], args.build) != 0:
        sys.exit("mutate: the unmutated suite fails; fix it first")
    killed, survived = [], []
    for index, mutant in enumerate(mutants, 1):
        if only and index not in only:
            continue
        path = os.path.join(ROOT, mutant["file"])
        original = open(path, encoding="utf-8").read()
        if original.count(mutant["from"]) != 1:
            sys.exit(f"mutate: mutant {index} ({mutant['description']}): its text occurs "
                     f"{original.count(mutant['from'])} times in {mutant['file']}")
        start = time.time()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace(mutant["from"], mutant["to"]))
            built = run(["cmake", "--build", args.build, "-j", "2"], ROOT) == 0
            # The first failing test kills the mutant: no need to run the rest.
            passed = built and run(["ctest", "-j", "2", "--stop-on-failure", "-E", EXCLUDE],
                                   args.build) == 0
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        outcome = "survived" if passed else ("killed (build)" if not built else "killed")
        (survived if passed else killed).append(index)
        print(f"{index:3} {outcome:15} {time.time() - start:6.0f} s  {mutant['description']}",
              flush=True)
    run(["cmake", "--build", args.build, "-j", "2"], ROOT)  # leave the build unmutated
    total = len(killed) + len(survived)
    print(f"\nkilled {len(killed)} of {total} mutants ({100.0 * len(killed) / max(total, 1):.1f}%)")
    if survived:
        print("survivors:", ", ".join(str(i) for i in survived))


if __name__ == "__main__":
    main()
