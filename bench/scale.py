"""Scale: validation and rendering time for generated sites of 10, 100 and 1,000 banks of 10 questions.

Usage:
    python -m bench.scale [--sizes 10 100 1000] [--build-sizes 10 100] [--repeats 3]

Each generated site has one chapter page and one bank per chapter (4 single, 3
multiple and 3 true-false questions, with Markdown, feedback, learn_more and a
source), beside the project's mkdocs.yml (minus its nav), theme and assets.

Measured in this process, median of `--repeats` runs:

- validation: `Course.load()`, which reads and checks every bank, page and data
  file, as the build does before any page renders; and the bank loader alone
  (`load_banks`: YAML with line numbers, models, cross-field rules);
- rendering: the quiz macro (`quiz(slug)`) for every chapter, with the site's own
  Markdown extensions, as mkdocs-macros calls it.

Measured as a full build (the real build command, strict, one run; CPU time of
the command and its children, which other work on the machine moves less than
wall-clock time) for `--build-sizes`: per-question time then includes MkDocs'
fixed cost, so the marginal cost per added question between sizes is printed
too. A full build of 1,000 pages takes about 100 CPU seconds (3 minutes or more
of wall-clock time on a busy 2-core machine), so it is left out by default; add
1000 to --build-sizes to time it.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.config import load_config

from bench.common import ROOT, build, config_text, copy_site, heading, median, table
from macros.banks import load_banks
from macros.course import Course

QUESTIONS = 10
FIXTURE_REFERENCES = ROOT / "tests" / "sites" / "good" / "data" / "references.yml"
REFERENCE = "raja-2020"  # a key in that file


def bank_yaml(n: int) -> str:
    """Ten questions: 4 single, 3 multiple, 3 true-false, each with feedback, learn_more and a source."""
    parts = ["questions:"]
    for q in range(QUESTIONS):
        learn = "how-pain-works" if q % 2 else "what-helps"
        head = f"""
  - id: question-{q + 1}
    learn_more: {learn}
    sources: [{REFERENCE}]
    explanation: Chapter {n}, question {q + 1}. Pain is a **protector**, and the brain can *learn* to turn it down."""
        if q < 4:
            parts.append(f"""{head}
    type: single
    prompt: In chapter {n}, what is pain's main job (question {q + 1})?
    options:
      - text: To protect you
        correct: true
      - text: To measure damage *exactly*
        feedback: Pain and damage often do not match, as many scans show.
      - text: To make you rest for ever
        feedback: Rest helps for a short time, but moving usually helps more.""")
        elif q < 7:
            parts.append(f"""{head}
    type: multiple
    prompt: Which of these can help, in chapter {n} (question {q + 1})? Choose all that apply.
    options:
      - text: Gentle movement
        correct: true
      - text: Learning how pain works
        correct: true
      - text: Avoiding all movement for weeks
        feedback: Long rest tends to make pain and stiffness worse.
      - text: Fearing every twinge
        feedback: Fear can turn up the pain alarm.""")
        else:
            parts.append(f"""{head}
    type: true-false
    prompt: "In chapter {n}, a scan always shows why your back hurts (question {q + 1})."
    answer: false
    feedback: Many people **without** pain have the same findings on their scans.""")
    return "\n".join(parts) + "\n"


def page_markdown(n: int) -> str:
    return f"""---
title: Chapter {n}
description: A generated chapter for the scale benchmark.
objectives:
  - Say what pain is for.
key_points:
  - Pain is a protector.
minutes: 3
reviewed: 2026-11-23
---

# Chapter {n}

{{{{ learning_objectives() }}}}

## How pain works

Pain is a message from your nervous system. It protects you.

## What helps

Gentle movement and learning about pain both help.

{{{{ key_points_summary() }}}}

{{{{ quiz("chapter-{n:04d}") }}}}
"""


def generate(banks: int, work: Path) -> Path:
    """A buildable site with `banks` chapters, each with its own bank of ten questions."""
    docs = work / f"docs-{banks}"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: Home\ndescription: Generated.\n---\n\n# Home\n", encoding="utf-8")
    for n in range(1, banks + 1):
        (docs / f"chapter-{n:04d}.md").write_text(page_markdown(n), encoding="utf-8")
    root = copy_site(work / f"site-{banks}", docs, config_text(nav=False))
    (root / "quiz").mkdir()
    for n in range(1, banks + 1):
        (root / "quiz" / f"chapter-{n:04d}.yml").write_text(bank_yaml(n), encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "references.yml").write_bytes(FIXTURE_REFERENCES.read_bytes())
    return root


def timed(function: Callable[[], object], repeats: int) -> float:
    """Median CPU milliseconds of `repeats` calls (this process's time, so other work on the machine counts little)."""
    times = []
    for _ in range(repeats):
        gc.collect()  # garbage left by the previous run is not charged to this one
        started = time.process_time()
        function()
        times.append((time.process_time() - started) * 1000)
    return median(times)


def load(root: Path, config: Any) -> Course:
    course = Course.load(root=root, extensions=config["markdown_extensions"], configs=config["mdx_configs"])
    if course.problems:
        raise RuntimeError("generated site has problems:\n" + "\n".join(map(str, course.problems[:20])))
    return course


def render_all(course: Course) -> int:
    """Call the quiz macro for every chapter, as mkdocs-macros would while building; returns bytes of HTML."""
    current = SimpleNamespace(file=SimpleNamespace(src_path=""), meta={})
    quiz = course.macros(lambda: current)["quiz"]
    size = 0
    for src, page in course.pages.items():
        current.file.src_path, current.meta = src, page.meta
        for call in page.calls_to("quiz"):
            size += len(quiz(call.args[0]))
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="banks per site")
    parser.add_argument("--build-sizes", type=int, nargs="*", default=[10, 100], help="sizes to time a full build of")
    parser.add_argument("--repeats", type=int, default=3, help="in-process runs per size; the median is printed")
    parser.add_argument("--large-repeats", type=int, default=1, help="runs for sizes of 1,000 banks and more")
    args = parser.parse_args(argv)
    heading(f"Scale: {', '.join(map(str, args.sizes))} banks of {QUESTIONS} questions")
    rows, build_rows = [], []
    previous = None
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as work:
        for banks in args.sizes:
            root = generate(banks, Path(work))
            questions = banks * QUESTIONS
            repeats = args.large_repeats if banks >= 1000 else args.repeats
            config = load_config(str(root / "mkdocs.yml"))
            loaded: list[Course] = []
            validate = timed(lambda root=root, config=config, loaded=loaded: loaded.append(load(root, config)), repeats)
            loader = timed(lambda root=root: load_banks(root / "quiz"), repeats)
            render = timed(lambda course=loaded[-1]: render_all(course), repeats)
            del loaded
            per = lambda ms, questions=questions: ms / questions  # noqa: E731
            rows.append([banks, questions, validate, per(validate), loader, per(loader), render, per(render)])
            if banks in args.build_sizes:
                seconds = build(root, Path(work) / f"built-{banks}")
                marginal = "-"
                if previous:
                    marginal = f"{(seconds.cpu - previous[1]) * 1000 / (questions - previous[0]):.2f}"
                build_rows.append([banks, questions, seconds.wall, seconds.cpu, per(seconds.cpu * 1000), marginal])
                previous = (questions, seconds.cpu)
            print(f"  {banks} banks done", flush=True)
    print(f"\nin process, CPU milliseconds, median of {args.repeats} runs ({args.large_repeats} from 1,000 banks on):")
    headers = ["banks", "questions", "Course.load", "per question", "load_banks", "per question"]
    table([*headers, "quiz macro", "per question"], rows)
    if build_rows:
        print("\nfull build (python -m tools.build, strict), one run each; seconds, and CPU milliseconds per question:")
        table(["banks", "questions", "wall s", "CPU s", "CPU ms per question", "marginal, per question"], build_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
