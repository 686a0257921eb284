"""Every benchmark, one after the other, each printing its own table.

Usage:
    python -m bench                              # all four, about 10 minutes on 2 cores
    python -m bench --only quiz_weight scale     # some of them

The benchmarks print figures; they are not tests and fail only if they cannot
run (or, for quiz_weight, if our quiz files are over their 4 KB budget). Each can
be run on its own: python -m bench.quiz_weight, bench.build_cost, bench.scale,
bench.lighthouse. bench/RESULTS.md holds the last figures and how to reproduce them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from bench import build_cost, lighthouse, quiz_weight, scale
from bench.common import CHROMIUM, machine, versions

BENCHMARKS = {
    "quiz_weight": quiz_weight.main,
    "build_cost": build_cost.main,
    "scale": scale.main,
    "lighthouse": lighthouse.main,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these")
    args = parser.parse_args(argv)
    chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False).stdout
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout
    print(f"# Benchmarks: {machine()}")
    print(versions("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pydantic", "playwright"))
    print(f"{chromium.strip()}; Node {node.strip()}", flush=True)
    status = 0
    for name in args.only or BENCHMARKS:
        started = time.perf_counter()
        status |= BENCHMARKS[name]([])
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
