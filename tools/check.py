"""Fast check of the whole course, with no browser and no site build.

Usage:
    python -m tools.check [--no-reading-level]

Prints every problem as `file:line: message`, then a summary line; exits 1 if
there is any problem, 0 if there is none. It catches each kind of mistake in
KINDS below (tests/test_check.py has one test per kind).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from macros.course import Course, link_problems, page_text  # link_problems: also imported by tests
from macros.pages import ROOT, split_front_matter
from macros.translations import languages
from macros.yamlfile import Problem

# Each kind of mistake the check catches, with what it means. CONTRIBUTING.md and
# tests/test_check.py (one test per kind) follow this list.
KINDS = {
    "bank": "a question bank that is not valid: YAML, keys, types, answers, feedback, ids",
    "item-quality": "a question that breaks an item-quality rule (CONVENTIONS.md): all or none of the above, "
    "an unemphasised negative prompt, a prompt over 40 words or an option over 30, the right answer longest "
    "in most single-choice questions",
    "bank-source": "a question's `sources` naming a key that is not in data/references.yml",
    "learn-more": "a question's `learn_more` that is not a heading on its chapter",
    "unused-bank": "a bank that no page shows, or that is not named after its page",
    "reference": "an entry in data/references.yml that is not valid (authors, year, title, doi or https url)",
    "cite": "a cite() key that is not in data/references.yml",
    "glossary": "a glossary entry that is not valid, appears twice, has a `see` to no term, or shares a word",
    "red-flags": "data/red-flags.yml that is not valid",
    "chart-data": "chart data (data/brinjikji-2015.yml), an icon array (data/icon-arrays.yml) or a diagram "
    "(data/diagrams.yml) that is not valid or names an unknown source",
    "front-matter": "an unknown front-matter key (the message lists the allowed ones), a wrong value, "
    "or a chapter without objectives, key points, minutes, review date or clinical-review status",
    "block": "an unknown content block (the message lists the allowed ones)",
    "macro": "an unknown macro, a macro with wrong arguments, a quiz with no bank or an icon array or diagram "
    "with no data, a macro syntax error",
    "heading": "a heading id set by hand, or a macro inside a heading",
    "link": "a link to a page or a heading that does not exist, or to another site",
    "menu": "a page missing from the menu (`nav:` in mkdocs.yml), or a menu entry with no page",
    "figure": 'an inline SVG figure without role="img", <title> and <desc>, or with fixed colours',
    "image": "an image with no description (alt text), no file, or from another site",
    "pemat": "a PEMAT score file (data/pemat/) that is not valid (an unknown or missing item, `na` where PEMAT "
    "does not allow it, a score that is not agree, disagree or na, no reason), that names a page that is not a "
    "chapter, that was scored before the chapter's `reviewed` date, or whose chapter is below the goal (90% "
    "understandable, 80% actionable); or a chapter with no score file",
    "reading-level": "a page above US school grade 8 (Flesch-Kincaid), or a Spanish page below reading ease 70 "
    "(Fernández-Huerta)",
    "translation": "a Spanish page, bank, data file or words file that is missing, has no `translated_from`, "
    "follows an older version of its English file (the message says what changed), or differs from it in "
    "structure: heading ids, question ids and order, types, right answers, data keys, numbers and ids",
    "encoding": "a file that is not UTF-8 text",
}


# ---------------------------------------------------------------- the menu (nav in mkdocs.yml)


def menu_problems(course: Course, root: Path, name: str = "mkdocs.yml", docs: str = "docs") -> list[Problem]:
    """With a `nav:` in mkdocs.yml (or a translation's mkdocs.<language>.yml), every page must be in it
    and every entry must be a page.

    MkDocs' strict build fails on both; here they get a file and a line. With no
    `nav:` (fixture sites), MkDocs lists every page by itself and there is nothing to check.
    """
    config = root / name
    if not config.is_file():
        return []
    try:
        tree = YAML(typ="rt").load(config.read_text(encoding="utf-8"))
    except (YAMLError, ValueError, UnicodeDecodeError):
        return [Problem(name, 1, f"{name} is not valid YAML; run `make build` to see why")]
    nav = tree.get("nav") if isinstance(tree, CommentedMap) else None
    if not isinstance(nav, CommentedSeq):
        return []
    problems = []
    listed = set()
    for target, line in _menu_entries(nav):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or not target.endswith(".md"):
            continue
        listed.add(target)
        if target not in course.pages:
            close = difflib.get_close_matches(target, list(course.pages), n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            problems.append(Problem(name, line, f"the menu names `{target}`, which is not a page in {docs}/{hint}"))
    for src, page in course.pages.items():
        if src not in listed:
            problems.append(
                Problem(page.display, 1, f"this page is not in the menu; add `- {src}` under `nav:` in {name}")
            )
    return problems


def _menu_entries(node: object) -> Iterator[tuple[str, int]]:
    """(page, line) for every entry of a nav list, however deeply nested."""
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            if isinstance(item, str):
                yield item, node.lc.item(index)[0] + 1
            else:
                yield from _menu_entries(item)
    elif isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(value, str):
                yield value, node.lc.value(key)[0] + 1
            else:
                yield from _menu_entries(value)


# ---------------------------------------------------------------- banks and pages


def bank_use_problems(course: Course) -> list[Problem]:
    """Every bank is shown on one page, and named after it (quiz/<slug>.yml on docs/<slug>.md)."""
    calls = [(page, call) for page in course.pages.values() for call in page.calls_to("quiz")]
    slugs = [call.args[0] if call.constant and len(call.args) == 1 else None for _, call in calls]
    if (
        any(page.problems for page in course.pages.values())  # a page could not be read in full
        or any(slug not in course.banks for slug in slugs)  # a quiz() call is wrong; its message names the banks
        or len(set(slugs)) != len(slugs)  # a bank shown twice is reported already
    ):
        return []
    problems = []
    shown = {call.args[0] for _, call in calls}
    for slug, bank in course.banks.items():
        if slug not in shown:
            problems.append(
                Problem(bank.display, 1, f'no page shows this bank; add {{{{ quiz("{slug}") }}}} to docs/{slug}.md')
            )
    for page, call in calls:
        own, shown_here = Path(page.display).stem, call.args[0]
        if shown_here == own:
            continue
        if own in course.banks:
            fix = f'write {{{{ quiz("{own}") }}}} to show quiz/{own}.yml'
        else:
            fix = f'rename quiz/{shown_here}.yml to quiz/{own}.yml and write {{{{ quiz("{own}") }}}}'
        problems.append(
            Problem(
                page.display,
                call.line,
                f'the quiz here is "{shown_here}", but a page shows the bank named after it: {fix}',
            )
        )
    return problems


def glossary_word_problems(course: Course) -> list[Problem]:
    """A word can point to one glossary term only (Markdown's abbr glossary would keep just one)."""
    loaded = course.data.get("glossary")
    if not loaded or not loaded.model or loaded.problems:
        return []
    owner: dict[str, str] = {}
    problems = []
    for index, term in enumerate(loaded.model.root):
        for number, word in enumerate(term.match):
            if word in owner and owner[word] != term.term:
                line = loaded.tree[index]["match"].lc.item(number)[0] + 1 if _has_match_list(loaded.tree[index]) else 1
                problems.append(
                    Problem(
                        loaded.display,
                        line,
                        f"entry '{term.term}': the word `{word}` is also in the `match` of '{owner[word]}'; "
                        "a word can point to one term only, so keep it in one entry",
                    )
                )
            owner.setdefault(word, term.term)
    return problems


def _has_match_list(entry: object) -> bool:
    return isinstance(entry, CommentedMap) and isinstance(entry.get("match"), CommentedSeq)


# ---------------------------------------------------------------- figures and images

_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_SVG = re.compile(r"<svg\b(?P<attrs>[^>]*)>(?P<inside>.*?)</svg>", re.S | re.I)
_FIXED_COLOUR = re.compile(
    r"""\b(?P<attr>fill|stroke|color|stop-color)\s*(?:=\s*["']|:\s*)(?P<value>#[0-9a-f]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\)|[a-z]+)""",
    re.I,
)
_COLOUR_WORDS = {"none", "currentcolor", "transparent", "inherit"}
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_FIGURE_HELP = 'see CONTRIBUTING.md, "Add a figure"'


def _body_lines(page_source: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a page's body, outside code blocks."""
    _, body, first_line = split_front_matter(page_source)
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first_line + offset, line


def figure_problems(course: Course) -> list[Problem]:
    """Inline SVG figures: one picture for screen readers, with a name and a description, in theme colours."""
    problems = []
    for page in course.pages.values():
        text = page_text(page)
        if text is None:
            continue
        lines = list(_body_lines(text))
        body = "\n".join(line for _, line in lines)
        for match in _SVG.finditer(body):
            line = lines[body.count("\n", 0, match.start())][0]
            attrs, inside = match["attrs"], match["inside"]
            problems.extend(Problem(page.display, line, message) for message in _svg_messages(attrs, inside))
            for colour in _FIXED_COLOUR.finditer(match.group(0)):
                if colour["value"].lower() in _COLOUR_WORDS:
                    continue
                where = lines[body.count("\n", 0, match.start() + colour.start())][0]
                problems.append(
                    Problem(
                        page.display,
                        where,
                        f"figure: the fixed colour `{colour['value']}` stays the same in the dark palette; "
                        "use a course-fig-* class instead (docs/stylesheets/course.css)",
                    )
                )
    return problems


def _svg_messages(attrs: str, inside: str) -> Iterator[str]:
    if not re.search(r"""\brole\s*=\s*["']img["']""", attrs):
        yield f'figure: add role="img" to the <svg> tag, so a screen reader reads it as one picture; {_FIGURE_HELP}'
    title = re.search(r"""<title\b[^>]*\bid\s*=\s*["']([^"']+)["'][^>]*>\s*\S""", inside)
    desc = re.search(r"""<desc\b[^>]*\bid\s*=\s*["']([^"']+)["'][^>]*>\s*\S""", inside)
    labelled = re.search(r"""\baria-labelledby\s*=\s*["']([^"']*)["']""", attrs)
    ids = set(labelled.group(1).split()) if labelled else set()
    if not (title and desc and title.group(1) in ids and desc.group(1) in ids):
        yield (
            "figure: give the <svg> a <title id=...> (a short name) and a <desc id=...> (what it shows), "
            f'and name both ids in aria-labelledby="..."; {_FIGURE_HELP}'
        )


def image_problems(course: Course) -> list[Problem]:
    """Markdown images: a description for people who cannot see it, and a file in docs/."""
    problems = []
    for page in course.pages.values():
        text = page_text(page)
        if text is None:
            continue
        for line, content in _body_lines(text):
            for image in _IMAGE.finditer(content):
                target = image["target"]
                if _EXTERNAL.match(target):
                    problems.append(
                        Problem(
                            page.display,
                            line,
                            f"image from another site `{target}`; the course loads nothing from other hosts: "
                            "save the picture under docs/images/ and link to it there",
                        )
                    )
                    continue
                if not image["alt"].strip():
                    problems.append(
                        Problem(
                            page.display,
                            line,
                            f"image `{target}` has no description; write what it shows in the brackets: "
                            f"![what the picture shows]({target})",
                        )
                    )
                path = (page.path.parent / target.partition("#")[0]).resolve()
                if not path.is_file():
                    problems.append(Problem(page.display, line, f"image `{target}`, which is not a file in docs/"))
    return problems


def _readable(page: object) -> bool:
    text = page_text(page)
    return text is not None and "\x00" not in text


def all_problems(course: Course, root: Path) -> list[Problem]:
    """Everything the check finds apart from the reading level."""
    config = f"mkdocs.{course.language}.yml" if course.translated else "mkdocs.yml"
    docs = f"docs/{course.language}" if course.translated else "docs"
    problems: Iterable[Problem] = [
        *course.problems,
        *link_problems(course),
        *menu_problems(course, root, config, docs),
        *bank_use_problems(course),
        *glossary_word_problems(course),
        *figure_problems(course),
        *image_problems(course),
    ]
    return list(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the course without building it.")
    parser.add_argument("--no-reading-level", action="store_true", help="skip the reading-level check")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    course = Course.load(root=args.root)
    others = [
        Course.load(root=args.root, language=language, docs_dir=f"docs/{language}", english=course)
        for language in languages(args.root)
    ]
    problems = all_problems(course, args.root)
    for other in others:
        problems += all_problems(other, args.root)
    measured = 0
    if not args.no_reading_level:
        for checked in (course, *others):
            found = reading_problems(checked)
            measured += found[0]
            problems += found[1]
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
    for problem in problems:
        print(problem)
    print(
        f"{'OK' if not problems else 'FAILED'}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in "
        f"{_summary(course)}, {len(course.references)} references; "
        + "".join(f"{other.language}: {_summary(other)}; " for other in others)
        + f"{measured} pages measured for reading level ({time.perf_counter() - started:.1f} s)"
    )
    return 1 if problems else 0


def _summary(course: Course) -> str:
    questions = sum(len(b.bank.questions) for b in course.banks.values() if b.bank)
    return f"{len(course.pages)} pages, {len(course.banks)} banks ({questions} questions)"


def reading_problems(course: Course) -> tuple[int, list[Problem]]:
    """(pages measured, problems): each page's US grade (English) or reading ease (a translation)."""
    from tools.readability import EASE, MAX_GRADE, MIN_EASE, measure, measure_ease

    problems = []
    measured = 0
    for page in course.pages.values():
        if page.meta.get("reading_level") == "skip" or not _readable(page):
            continue
        measured += 1
        if course.translated and course.language in EASE:
            ease = measure_ease(page.path, course.language)
            if ease.ease < MIN_EASE:
                problems.append(
                    Problem(
                        page.display,
                        1,
                        f"reading ease is {ease.ease:.1f} ({EASE[course.language].replace('_', '-')}), below "
                        f"{MIN_EASE:g}; use shorter sentences and shorter, everyday words "
                        f"(python -m tools.readability --language {course.language})",
                    )
                )
            continue
        grade = measure(page.path)
        if grade.grade > MAX_GRADE:
            problems.append(
                Problem(
                    page.display,
                    1,
                    f"reading level is grade {grade.grade:.1f}, above {MAX_GRADE:g}; "
                    "use shorter sentences and everyday words (python -m tools.readability)",
                )
            )
    return measured, problems


if __name__ == "__main__":
    sys.exit(main())
