"""Build cost: the real site's full build against the same site with the quiz and macros switched off.

Usage:
    python -m bench.build_cost [--runs 5]

Both sites are copies taken at the start, built with the real build command
(`python -m tools.build --root COPY --site TMP`, strict; the offline zip is left
out where the command allows it):

- on: the course as it is (mkdocs-macros, every bank loaded and checked, every quiz rendered);
- off: the same mkdocs.yml without the macros plugin and without quiz.css and quiz.js, and
  every page with its `{{ ... }}` macro calls removed (no quiz, citations, objectives,
  key points, red-flag lists, glossary or references).

One warm-up build of each, then `--runs` builds of each, alternating, so that
other work on the machine falls on both alike. Times are wall-clock for the whole
command, Python start-up included. Prints every run, the medians and their ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Timing, build, config_text, copy_site, heading, median, strip_macros, table


def sites(work: Path) -> dict[str, Path]:
    """Copies of the course with the quiz and macros on and off."""
    on = copy_site(work / "on", ROOT / "docs", config_text(), extra=("quiz", "data"))
    stripped = work / "docs-stripped"
    shutil.copytree(ROOT / "docs", stripped)
    for page in stripped.rglob("*.md"):
        page.write_text(strip_macros(page.read_text(encoding="utf-8")), encoding="utf-8")
    off = copy_site(work / "off", stripped, config_text(macros=False, quiz_assets=False))
    return {"on": on, "off": off}


def measure(runs: int, work: Path) -> dict[str, list[Timing]]:
    roots = sites(work)
    times: dict[str, list[Timing]] = {name: [] for name in roots}
    for name, root in roots.items():
        build(root, work / f"site-{name}")  # warm-up: file cache, .pyc files
    for _ in range(runs):
        for name, root in roots.items():
            times[name].append(build(root, work / f"site-{name}"))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each site (default 5)")
    args = parser.parse_args(argv)
    heading(f"Build cost: full build with the quiz and macros on vs off ({args.runs} runs each)")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as work:
        times = measure(args.runs, Path(work))
    on, off = times["on"], times["off"]
    rows = [[f"run {n + 1}", on[n].wall, off[n].wall, on[n].cpu, off[n].cpu] for n in range(args.runs)]
    medians = {kind: (median([t[i] for t in on]), median([t[i] for t in off])) for i, kind in enumerate(Timing._fields)}
    rows.append(["median", medians["wall"][0], medians["wall"][1], medians["cpu"][0], medians["cpu"][1]])
    table(["seconds", "wall on", "wall off", "CPU on", "CPU off"], rows)
    for kind, (with_quiz, without) in medians.items():
        print(
            f"ratio on/off, median {kind} time: {with_quiz / without:.2f}x "
            f"({with_quiz:.2f} s vs {without:.2f} s; the quiz and macros add {with_quiz - without:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
