"""Fast check of the whole course, with no browser and no site build.

Usage:
    python -m tools.check [--no-reading-level]

Validates every question bank, data file (references, glossary, red flags,
figure data), front matter, content block, macro call, internal link and the
reading level of every chapter. Prints every problem as `file:line: message`,
then a summary; exits 1 if there is any problem.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from macros.course import Course
from macros.pages import ROOT, split_front_matter
from macros.yamlfile import Problem

_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def link_problems(course: Course) -> list[Problem]:
    """Markdown links between pages: the page must exist and so must the heading."""
    problems = []
    for src, page in course.pages.items():
        _, body, first_line = split_front_matter(page.path.read_text(encoding="utf-8"))
        in_fence = False
        for offset, line in enumerate(body.splitlines()):
            if _FENCE.match(line):
                in_fence = not in_fence
            if in_fence:
                continue
            for target in _LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    problems.append(
                        Problem(
                            page.display,
                            first_line + offset,
                            f"link to another site `{target}`; the course links out only from the "
                            "references page (add the source to data/references.yml and cite it)",
                        )
                    )
                    continue
                path, _, anchor = target.partition("#")
                target_src = _resolve(src, path) if path else src
                if target_src not in course.pages:
                    problems.append(
                        Problem(page.display, first_line + offset, f"link to `{path}`, which is not a page in docs/")
                    )
                    continue
                ids = course.page_ids(target_src)
                if anchor and anchor not in ids:
                    problems.append(
                        Problem(
                            page.display,
                            first_line + offset,
                            f"link to `#{anchor}` on {target_src}, which has no such heading",
                        )
                    )
    return problems


def _resolve(src: str, path: str) -> str:
    parts = (Path(src).parent / path).as_posix().split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the course without building it.")
    parser.add_argument("--no-reading-level", action="store_true", help="skip the reading-level check")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    course = Course.load(root=args.root)
    problems = list(course.problems) + link_problems(course)
    grades = []
    if not args.no_reading_level:
        from tools.readability import MAX_GRADE, measure

        for page in course.pages.values():
            if page.meta.get("reading_level") == "skip":
                continue
            grade = measure(page.path)
            grades.append(grade)
            if grade.grade > MAX_GRADE:
                problems.append(
                    Problem(
                        page.display,
                        1,
                        f"reading level is grade {grade.grade:.1f}, above {MAX_GRADE:g}; "
                        "use shorter sentences and everyday words (python -m tools.readability)",
                    )
                )
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
    for problem in problems:
        print(problem)
    questions = sum(len(b.bank.questions) for b in course.banks.values() if b.bank)
    print(
        f"{'OK' if not problems else 'FAILED'}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in "
        f"{len(course.pages)} pages, {len(course.banks)} banks ({questions} questions), "
        f"{len(course.references)} references; {len(grades)} pages measured for reading level "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
