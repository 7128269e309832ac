#!/usr/bin/env python3
"""docs/case_files.md states the limits the code enforces: each constant below is read
from its source file, and the document must show the value as written here.

    limits_documented.py SOURCE_DIR
"""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
doc = (root / "docs/case_files.md").read_text(encoding="utf-8")

# (source file, the constant's definition as a regex with its value in group 1,
#  the value as the source writes it, the text the document must contain)
LIMITS = [
    ("sim/cases/grid.h", r"kMaxCells = ([0-9']+);", "100'000", "at most 100,000 cells"),
    ("sim/cases/case_file.h", r"kMaxTrialNumbers = (1 << \d+);", "1 << 23", "2^23 = 8,388,608"),
    ("sim/cases/case_file.h", r"kMaxCaseWork = ([0-9e.]+);", "1e12", "| numbers per case | 10^12 |"),
    ("sim/cases/toml_reader.h", r"kMaxCaseFileBytes = (1 << \d+);", "1 << 20", "at most 1 MiB"),
    ("sim/cases/toml_reader.h", r"kMaxNumberCharacters = (\d+);", "1000", "at most 1000 characters"),
    ("sim/cases/case_file.h", r"kMaxCellBytes = ([0-9e.]+);", "4e9", "| memory per cell | 4 GB |"),
    ("sim/cases/case_file.h", r"kMaxReplayTrials = (\d+);", "1000", "`replay_trials` 0 … 1000"),
    ("sim/cases/case_file.h", r"kMaxReplayTokens = ([0-9']+);", "100'000", "`replay_max_tokens` 1 … 100,000"),
    ("sim/cases/case_file.h", r"kMaxReplayWork = ([0-9e.]+);", "1e13", "| replays | 10^13 token pairs |"),
    ("sim/engine/run_settings.h", r"kMaxTrials = ([0-9']+);", "100'000'000", "`trials` 1 … 10^8"),
    ("sim/engine/run_settings.h", r"kMaxThreads = (\d+);", "1024", "`threads` 1 … 1024"),
    ("sim/readings/registry.cpp", r"kMaxSymbols = std::int64_t\{1\} << (\d+);", "24", "| `V` | 2 … 2^24 |"),
    ("sim/readings/registry.cpp", r"kMaxContexts = std::int64_t\{1\} << (\d+);", "20", "| `m` | 1 … 2^20 |"),
    ("sim/readings/registry.cpp", r"kMaxLength = (\d+);", "64", "| `l` | 1 … 64 |"),
    ("sim/teaching/views.h", r"kMaxTraceNumbers = ([0-9e.]+);", "3e6", "at most 3·10^6 recorded numbers"),
    ("sim/cli/exact_command.cpp", r"kMaxExactDigits = ([0-9e.]+);", "1e6", "at most 10^6 digits"),
    ("sim/cli/exact_command.cpp", r"kMaxDoubleSteps = ([0-9e.]+);", "1e12", "at most 10^12 steps"),
    ("sim/cli/exact_command.cpp", r"kMaxRationalSteps = ([0-9e.]+);", "3e10", "at most 3·10^10"),
]

failures = 0
for source, pattern, value, text in LIMITS:
    match = re.search(pattern, (root / source).read_text(encoding="utf-8"))
    if not match:
        print(f"{source}: no definition matching {pattern}")
        failures += 1
    elif match.group(1) != value:
        print(f"{source}: the limit is {match.group(1)}, the document says {value} ({text!r}): "
              "update docs/case_files.md and this table")
        failures += 1
    elif text not in doc:
        print(f"docs/case_files.md: does not say {text!r} ({source}: {value})")
        failures += 1
print(f"{len(LIMITS) - failures} of {len(LIMITS)} limits documented as enforced")
sys.exit(1 if failures else 0)
