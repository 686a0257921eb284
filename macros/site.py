"""Reading every page before the build: front matter, headings, content blocks, macro calls.

This is what lets a broken page fail with a clear `file:line: message` instead of
a traceback half-way through a build.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from markdown.extensions.toc import slugify, unique

from .pages import split_front_matter
from .yamlfile import Problem, decode, line_of, parse_yaml

# Front-matter keys a page may use, and what each one is for. CONVENTIONS.md documents each
# name here and in BLOCKS with an example; tests/test_conventions.py fails if one is missing.
FRONT_MATTER = {
    "title": "the page title (also its first heading)",
    "description": "one sentence saying what the reader gets",
    "objectives": "chapter: what the reader will be able to do (list)",
    "key_points": "chapter: the takeaways, shown at the end (list)",
    "minutes": "chapter: minutes to read (whole number)",
    "reviewed": "chapter: date the chapter was last checked against its sources (YYYY-MM-DD)",
    "clinical_review": 'chapter: `pending`, or `{by: "Name, role", date: YYYY-MM-DD}` once a clinician signs off',
    "reading_level": "`skip` for list pages that the reading-level check leaves out",
    "hide": "Material: parts of the layout to hide, such as `navigation`",
}
# Front-matter keys a translated page (docs/<language>/) has as well.
TRANSLATION_FRONT_MATTER = {
    "translated_from": "translation: the git blob id of the English page it follows (tools/translations.py)",
}
CHAPTER_KEYS = ("objectives", "key_points", "minutes", "reviewed", "clinical_review")

# Content blocks (admonitions) authors may use; `???` makes any of them collapsible.
BLOCKS = {
    "note": "extra information",
    "tip": "a practical suggestion",
    "warning": "a caution",
    "danger": "red flags and urgent care only",
    "example": "an invented story or case",
    "question": "questions to ask your clinician",
}

# Names that mkdocs-macros itself provides to pages.
BUILTIN_NAMES = frozenset({"page", "config", "extra", "environment", "plugin", "navigation", "files", "now"})

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ADMONITION = re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]+([\w-]+)")
_HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_INLINE_MARKUP = re.compile(r"\{\{.*?\}\}|[*`]|(?<!\w)_+|_+(?!\w)|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
_JINJA = re.compile(r"\{\{|\{%")


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]
    line: int
    constant: bool  # every argument is a literal


@dataclass
class Page:
    path: Path
    display: str
    meta: dict[str, Any] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)  # id -> heading text
    ids: set[str] = field(default_factory=set)  # every id the page will have
    calls: list[Call] = field(default_factory=list)
    title_line: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_chapter(self) -> bool:
        return any(call.name == "quiz" for call in self.calls)

    def calls_to(self, name: str) -> list[Call]:
        return [call for call in self.calls if call.name == name]


def heading_id(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading, from its Markdown source."""
    plain = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text).strip()
    return slugify(plain, "-")


# A heading's own id, as a translation writes it: `## Qué significa { #what-it-means }` (attr_list).
_EXPLICIT_ID = re.compile(r"[ \t]*\{:?[ \t]*#([A-Za-z0-9_-]+)[ \t]*\}[ \t]*$")


def explicit_id(text: str) -> tuple[str, str | None]:
    """A heading's text without a trailing `{ #id }`, and that id (None if it has none)."""
    match = _EXPLICIT_ID.search(text)
    return (text[: match.start()], match.group(1)) if match else (text, None)


def section_headings(text: str) -> list[tuple[str, str, int]]:
    """(id, text, line) of every section heading (`##` and below) of a page's Markdown, in order."""
    front, body, first_line = split_front_matter(text)
    used: set[str] = set()
    found = []
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _HEADING.match(line)
        if not heading:
            continue
        words, own = explicit_id(heading.group(2))
        hid = own or unique(heading_id(words), used)
        used.add(hid)
        if len(heading.group(1)) > 1:
            found.append((hid, _INLINE_MARKUP.sub(lambda m: m.group(1) or "", words).strip(), first_line + offset))
    return found


def read_page(path: Path, display: str, jinja: jinja2.Environment, known: set[str], explicit_ids: bool = False) -> Page:
    """Parse one page; problems are collected, never raised.

    With `explicit_ids` (a translation), a heading may end with its English id, `{ #id }`."""
    page = Page(path, display)

    def problem(line: int, message: str) -> None:
        page.problems.append(Problem(display, line, message))

    text, unreadable = decode(path.read_bytes(), "page")
    if unreadable:
        problem(*unreadable)
        return page
    text = text.replace("\r\n", "\n")

    front, body, body_line = split_front_matter(text)
    _read_front_matter(page, front, problem, {**FRONT_MATTER, **(TRANSLATION_FRONT_MATTER if explicit_ids else {})})
    _read_body(page, body, body_line, problem, explicit_ids)
    _read_macros(page, text, jinja, known, problem)
    return page


def _read_front_matter(page: Page, front: str, problem, allowed: dict[str, str] = FRONT_MATTER) -> None:
    if not front.strip():
        return
    tree, unreadable = parse_yaml(front)
    if unreadable:
        line, message = unreadable
        problem(line + 1, f"front matter: {message}")
        return
    if not isinstance(tree, dict):
        problem(2, "front matter must be `key: value` lines between the two `---` lines")
        return
    for key in tree:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            problem(line_of(tree, [key]) + 1, f"unknown front-matter key `{key}`; {hint}allowed: {', '.join(allowed)}")
    page.meta = {str(k): v for k, v in tree.items()}
    for key in ("objectives", "key_points"):
        value = tree.get(key)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(i, str) and i.strip() for i in value)
        ):
            problem(line_of(tree, [key]) + 1, f"`{key}` must be a list of sentences, each on a line starting with `- `")
    minutes = tree.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 120):
        problem(line_of(tree, ["minutes"]) + 1, "`minutes` must be a whole number of minutes, like `6`")
    reviewed = tree.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, datetime.date):
        problem(line_of(tree, ["reviewed"]) + 1, "`reviewed` must be a date written YYYY-MM-DD, like `2026-11-23`")
    if "clinical_review" in tree:
        for line, message in clinical_review_problems(tree):
            problem(line + 1, message)
    for key in ("title", "description"):
        if key in tree and (not isinstance(tree[key], str) or not tree[key].strip()):
            problem(line_of(tree, [key]) + 1, f"`{key}` must be text")
    hide = tree.get("hide")
    if hide is not None and (not isinstance(hide, list) or not all(isinstance(i, str) for i in hide)):
        problem(line_of(tree, ["hide"]) + 1, "`hide` must be a list of parts to hide, each on a line like `- toc`")
    if tree.get("reading_level", "skip") != "skip":
        problem(line_of(tree, ["reading_level"]) + 1, "`reading_level` can only be `skip`")


CLINICAL_REVIEW_FORMS = '`clinical_review: pending`, or `clinical_review: {by: "Name, role", date: 2027-01-31}`'


def clinical_review_problems(tree: Any) -> list[tuple[int, str]]:
    """(line in the front matter, message) for a `clinical_review` that is neither `pending` nor `{by:, date:}`."""
    value = tree["clinical_review"]
    line = line_of(tree, ["clinical_review"])
    if value == "pending":
        return []
    if not isinstance(value, dict):
        shown = "nothing" if value is None else repr(str(value))
        return [(line, f"`clinical_review` must be {CLINICAL_REVIEW_FORMS}, not {shown}")]
    problems = []
    for key in value:
        if key not in ("by", "date"):
            problems.append(
                (
                    line_of(tree, ["clinical_review", key]),
                    f"`clinical_review` has an unknown key `{key}`; it takes `by` and `date` only",
                )
            )
    by, date = value.get("by"), value.get("date")
    if not isinstance(by, str) or not by.strip():
        problems.append(
            (
                line_of(tree, ["clinical_review", "by"]),
                "`clinical_review` needs `by:` with the clinician's name and role, "
                'like `by: "Sam Lee, physiotherapist"`',
            )
        )
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        problems.append(
            (
                line_of(tree, ["clinical_review", "date"]),
                "`clinical_review` needs `date:` with the day the clinician signed off, "
                "written YYYY-MM-DD, like `2027-01-31`",
            )
        )
    return problems


def _read_body(page: Page, body: str, first_line: int, problem, explicit_ids: bool = False) -> None:
    in_fence = False
    used: set[str] = set()
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        page.ids.update(_HTML_ID.findall(line))
        admonition = _ADMONITION.match(line)
        if admonition and admonition.group(2) not in BLOCKS:
            kind = admonition.group(2)
            close = difflib.get_close_matches(kind, BLOCKS, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            problem(number, f"unknown content block `{kind}`; {hint}allowed: {', '.join(BLOCKS)}")
        heading = _HEADING.match(line)
        if not heading:
            continue
        text, own = explicit_id(heading.group(2)) if explicit_ids else (heading.group(2), None)
        if "{:" in text or re.search(r"\{\s*#", text):
            problem(number, "do not set heading ids by hand (`{#id}` breaks the build); ids come from the heading text")
        if len(heading.group(1)) == 1:
            page.title_line = page.title_line or number
            if not _JINJA.search(text):
                page.ids.add(unique(heading_id(text), used))
            continue
        if _JINJA.search(text):
            problem(number, "do not put macros in headings (the heading's id would change); put them in the text below")
        hid = own or unique(heading_id(text), used)
        used.add(hid)
        page.headings[hid] = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text).strip()
    page.ids.update(page.headings)


def _read_macros(page: Page, text: str, jinja: jinja2.Environment, known: set[str], problem) -> None:
    try:
        tree = jinja.parse(text)
    except jinja2.TemplateSyntaxError as error:
        problem(error.lineno, f"macro syntax error: {error.message}; check the `{{{{ ... }}}}` around this line")
        return
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for node in tree.find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name):
            continue
        args = tuple(arg.value if isinstance(arg, nodes.Const) else None for arg in node.args)
        constant = all(isinstance(arg, nodes.Const) for arg in node.args) and not node.kwargs
        page.calls.append(Call(node.node.name, args, node.lineno, constant))
    reported: set[tuple[str, int]] = set()
    for node in tree.find_all(nodes.Name):
        if node.ctx != "load" or node.name in known or node.name in assigned or (node.name, node.lineno) in reported:
            continue
        reported.add((node.name, node.lineno))
        close = difflib.get_close_matches(node.name, sorted(known - BUILTIN_NAMES), n=1, cutoff=0.5)
        hint = f"did you mean `{close[0]}`? " if close else ""
        problem(
            node.lineno,
            f"unknown macro `{node.name}`; {hint}macros you can use: {', '.join(sorted(known - BUILTIN_NAMES))}",
        )
