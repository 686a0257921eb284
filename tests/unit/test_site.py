"""Reading pages before the build (macros/site.py): heading ids, front matter, content
blocks and macro calls, each problem with its exact file and line."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import markdown
import pytest

from macros import content
from macros.course import MACROS
from macros.data import Reference
from macros.site import BLOCKS, BUILTIN_NAMES, CHAPTER_KEYS, FRONT_MATTER, heading_id, read_page

KNOWN = set(MACROS) | BUILTIN_NAMES
ALLOWED_FRONT_MATTER = (
    "title, description, objectives, key_points, minutes, reviewed, clinical_review, reading_level, hide"
)
ALLOWED_BLOCKS = "note, tip, warning, danger, example, question"
MACRO_LIST = (
    "cite, clear_saved, diagram, findings_chart, flare_plan, glossary, icon_array, key_points_summary, "
    "learning_objectives, my_questions, pemat_table, progress, quiz, red_flags, red_flags_summary, references, "
    "review_status"
)
HAND_ID = "do not set heading ids by hand (`{#id}` breaks the build); ids come from the heading text"
# The extensions in mkdocs.yml that change what a heading becomes.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]


# ---------------------------------------------------------------- heading ids

# (case, heading text as written in Markdown, the id the built page gives it)
HEADINGS = [
    ("plain words", "Why scans can mislead", "why-scans-can-mislead"),
    ("apostrophe and question mark", "What's a red flag?", "whats-a-red-flag"),
    ("curly apostrophe", "Don’t panic", "dont-panic"),
    ("emphasis", "The *real* story", "the-real-story"),
    ("strong and underscore emphasis", "It's **very** _important_", "its-very-important"),
    ("code span", "Using `grep` well", "using-grep-well"),
    ("link keeps its text, drops its address", "See [the red flags](red-flags.md) first", "see-the-red-flags-first"),
    ("accents are folded", "Café au lait", "cafe-au-lait"),
    ("runs of hyphens and spaces", "A  --  B", "a-b"),
    ("percent sign and digits", "100% sure", "100-sure"),
    ("ampersand", "Tips & tricks", "tips-tricks"),
    ("colon", "Pain: what it is", "pain-what-it-is"),
    ("underscore inside a word is kept, as Markdown keeps it", "snake_case words", "snake_case-words"),
]

RAJA = Reference(
    authors="Raja SN, Carr DB, Cohen M, et al.",
    year=2020,
    title="The revised IASP definition of pain",
    published="Pain 2020;161(9):1976-1982",
    doi="10.1097/j.pain.0000000000001939",
)


def built_heading_id(text: str) -> str:
    """What a build does: mkdocs-macros renders the macros, then Markdown's toc makes the id."""
    rendered = (
        jinja2.Environment()
        .from_string(text)
        .render(cite=lambda *keys: content.cite({"raja-2020": RAJA}, keys, "x.md"))
    )
    html = markdown.Markdown(extensions=EXTENSIONS).convert(f"## {rendered}")
    return re.search(r'<h2 id="([^"]*)"', html).group(1)


@pytest.mark.parametrize(("case", "text", "expected"), HEADINGS, ids=[row[0] for row in HEADINGS])
def test_heading_id(case: str, text: str, expected: str) -> None:
    assert heading_id(text) == expected


@pytest.mark.parametrize(("case", "text", "expected"), HEADINGS, ids=[row[0] for row in HEADINGS])
def test_the_expected_ids_are_what_a_build_gives(case: str, text: str, expected: str) -> None:
    assert built_heading_id(text) == expected


# ---------------------------------------------------------------- read_page

CHAPTER_FRONT = """\
---
title: T
description: D.
objectives:
  - Do a thing.
key_points:
  - A point.
minutes: 3
reviewed: 2026-11-23
clinical_review: pending
---
"""
REVIEW_FORMS = '`clinical_review: pending`, or `clinical_review: {by: "Name, role", date: 2027-01-31}`'

# (case, page text, the exact problems reported)
# fmt: off
PAGES = [
    ("a clean chapter", CHAPTER_FRONT + "\n# T\n\n## Part one\n\nText.\n", []),
    (
        "unknown front-matter key with a suggestion",
        "---\n"
        "title: T\n"
        "objectivs:\n"
        "  - Do a thing.\n"
        "---\n",
        [
            "docs/x.md:3: unknown front-matter key `objectivs`; did you mean `objectives`? "
            f"allowed: {ALLOWED_FRONT_MATTER}"
        ],
    ),
    (
        "unknown front-matter key without a suggestion",
        "---\n"
        "title: T\n"
        "author: Me\n"
        "---\n",
        [f"docs/x.md:3: unknown front-matter key `author`; allowed: {ALLOWED_FRONT_MATTER}"],
    ),
    (
        "front-matter lines are the real file lines (key on line 6)",
        "---\n"
        "# a comment\n"
        "title: T\n"
        "\n"
        "description: D.\n"
        "minuts: 4\n"
        "---\n",
        [f"docs/x.md:6: unknown front-matter key `minuts`; did you mean `minutes`? allowed: {ALLOWED_FRONT_MATTER}"],
    ),
    (
        "minutes as words",
        "---\n"
        "title: T\n"
        "minutes: five\n"
        "---\n",
        ["docs/x.md:3: `minutes` must be a whole number of minutes, like `6`"],
    ),
    (
        "minutes zero",
        "---\n"
        "title: T\n"
        "minutes: 0\n"
        "---\n",
        ["docs/x.md:3: `minutes` must be a whole number of minutes, like `6`"],
    ),
    (
        "minutes with a fraction",
        "---\n"
        "title: T\n"
        "minutes: 5.5\n"
        "---\n",
        ["docs/x.md:3: `minutes` must be a whole number of minutes, like `6`"],
    ),
    (
        "minutes as true",
        "---\n"
        "title: T\n"
        "minutes: true\n"
        "---\n",
        ["docs/x.md:3: `minutes` must be a whole number of minutes, like `6`"],
    ),
    (
        "reviewed as day/month/year",
        "---\n"
        "title: T\n"
        "reviewed: 23/11/2026\n"
        "---\n",
        ["docs/x.md:3: `reviewed` must be a date written YYYY-MM-DD, like `2026-11-23`"],
    ),
    (
        "reviewed in quotes",
        "---\n"
        "title: T\n"
        "reviewed: '2026-11-23'\n"
        "---\n",
        ["docs/x.md:3: `reviewed` must be a date written YYYY-MM-DD, like `2026-11-23`"],
    ),
    (
        "reviewed on a day that does not exist (30 days in November)",
        "---\n"
        "title: T\n"
        "reviewed: 2026-11-31\n"
        "---\n",
        [
            "docs/x.md:3: front matter: `2026-11-31` looks like a date but is not a real one; fix the date, "
            "or put it in quotes if it is meant as text"
        ],
    ),
    (
        "clinical_review signed off, with who and when: clean",
        "---\n"
        "title: T\n"
        "clinical_review: {by: 'Sam Lee, physiotherapist', date: 2027-01-31}\n"
        "---\n",
        [],
    ),
    (
        "clinical_review as a word other than pending",
        "---\n"
        "title: T\n"
        "clinical_review: done\n"
        "---\n",
        [f"docs/x.md:3: `clinical_review` must be {REVIEW_FORMS}, not 'done'"],
    ),
    (
        "clinical_review left empty",
        "---\n"
        "title: T\n"
        "clinical_review:\n"
        "---\n",
        [f"docs/x.md:3: `clinical_review` must be {REVIEW_FORMS}, not nothing"],
    ),
    (
        "clinical_review without `by`, and its date in quotes (text, not a date), each at its own line",
        "---\n"
        "title: T\n"
        "clinical_review:\n"
        "  date: '2027-01-31'\n"
        "---\n",
        [
            "docs/x.md:3: `clinical_review` needs `by:` with the clinician's name and role, "
            'like `by: "Sam Lee, physiotherapist"`',
            "docs/x.md:4: `clinical_review` needs `date:` with the day the clinician signed off, "
            "written YYYY-MM-DD, like `2027-01-31`",
        ],
    ),
    (
        "clinical_review with a misspelt key",
        "---\n"
        "title: T\n"
        "clinical_review:\n"
        "  by: Sam Lee, physiotherapist\n"
        "  date: 2027-01-31\n"
        "  role: physio\n"
        "---\n",
        ["docs/x.md:6: `clinical_review` has an unknown key `role`; it takes `by` and `date` only"],
    ),
    (
        "objectives as one sentence, not a list",
        "---\n"
        "title: T\n"
        "objectives: Learn things.\n"
        "---\n",
        ["docs/x.md:3: `objectives` must be a list of sentences, each on a line starting with `- `"],
    ),
    (
        "reading_level other than skip",
        "---\n"
        "title: T\n"
        "reading_level: easy\n"
        "---\n",
        ["docs/x.md:3: `reading_level` can only be `skip`"],
    ),
    ("title as a number", "---\ntitle: 42\n---\n", ["docs/x.md:2: `title` must be text"]),
    (
        "front matter that is not valid YAML",
        "---\n"
        "title: T\n"
        "objectives: [one, two\n"
        "---\n",
        [
            "docs/x.md:3: front matter: a list in square brackets `[` on this line is not closed; add `]` after its "
            "last item, or put the whole text in quotes"
        ],
    ),
    (
        "front matter with a duplicate key",
        "---\n"
        "title: T\n"
        "title: U\n"
        "---\n",
        ["docs/x.md:3: front matter: the key `title` appears twice in the same block; keep one of them"],
    ),
    (
        "front matter that is a list",
        "---\n"
        "- title\n"
        "---\n",
        ["docs/x.md:2: front matter must be `key: value` lines between the two `---` lines"],
    ),
    (
        "unknown admonition type with a suggestion",
        "# T\n"
        "\n"
        '!!! warnig "Careful"\n'
        "    Text.\n",
        [f"docs/x.md:3: unknown content block `warnig`; did you mean `warning`? allowed: {ALLOWED_BLOCKS}"],
    ),
    (
        "unknown collapsible block with a suggestion",
        "# T\n"
        "\n"
        '???+ exampel "A story"\n'
        "    Text.\n",
        [f"docs/x.md:3: unknown content block `exampel`; did you mean `example`? allowed: {ALLOWED_BLOCKS}"],
    ),
    (
        "Material block outside the allowed list, no suggestion",
        "# T\n"
        "\n"
        "!!! abstract\n"
        "    Text.\n",
        [f"docs/x.md:3: unknown content block `abstract`; allowed: {ALLOWED_BLOCKS}"],
    ),
    (
        "blocks and headings inside a fenced code block are ignored",
        "# T\n"
        "\n"
        "```\n"
        "!!! bogus\n"
        "## Heading {: #x }\n"
        "```\n",
        [],
    ),
    (
        "`{#id}` after a heading (Jinja also reads `{#` as a comment)",
        "# T\n"
        "\n"
        "## Why scans mislead {#why}\n",
        [
            f"docs/x.md:3: {HAND_ID}",
            "docs/x.md:3: macro syntax error: Missing end of comment tag; check the `{{ ... }}` around this line",
        ],
    ),
    (
        "`{: #id }` after a heading",
        "# T\n"
        "\n"
        "## Why scans mislead {: #why }\n",
        [f"docs/x.md:3: {HAND_ID}"],
    ),
    (
        "Jinja syntax error, with its line",
        "---\n"
        "title: T\n"
        "---\n"
        "# T\n"
        "\n"
        'Text {{ cite("raja-2020" }}.\n',
        ["docs/x.md:6: macro syntax error: unexpected '}', expected ')'; check the `{{ ... }}` around this line"],
    ),
    (
        "unknown macro with a suggestion",
        "# T\n"
        "\n"
        'Pain is real {{ citation("raja-2020") }}.\n',
        [f"docs/x.md:3: unknown macro `citation`; did you mean `cite`? macros you can use: {MACRO_LIST}"],
    ),
    (
        "unknown macro without a suggestion, and a second one on a later line",
        "# T\n"
        "\n"
        "{{ zzzz() }}\n"
        "\n"
        '{{ qiz("x") }}\n',
        [
            f"docs/x.md:3: unknown macro `zzzz`; macros you can use: {MACRO_LIST}",
            f"docs/x.md:5: unknown macro `qiz`; did you mean `quiz`? macros you can use: {MACRO_LIST}",
        ],
    ),
    (
        "names mkdocs-macros provides, and names the page sets, are known",
        "# {{ page.title }}\n"
        "\n"
        "{% set n = 3 %}{{ n }} {{ config.site_name }} {% for x in [1] %}{{ x }}{% endfor %}\n",
        [],
    ),
    (
        "a page that is not UTF-8",
        b"# T\n\nCaf\xe9\n",
        [
            "docs/x.md:3: this line has a character saved in another encoding (such as Latin-1 or Windows-1252), "
            "not UTF-8; save the file as UTF-8 in your editor"
        ],
    ),
]
# fmt: on


def write_page(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "docs" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path: Path, text: str | bytes):
    return read_page(write_page(tmp_path, text), "docs/x.md", jinja2.Environment(), KNOWN)


@pytest.mark.parametrize(("case", "text", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_read_page_problems(case: str, text: str | bytes, expected: list[str], tmp_path: Path) -> None:
    assert [str(p) for p in read(tmp_path, text).problems] == expected


def test_front_matter_is_read(tmp_path: Path) -> None:
    import datetime

    page = read(tmp_path, CHAPTER_FRONT + "\n# T\n")
    assert page.meta["title"] == "T"
    assert page.meta["objectives"] == ["Do a thing."]
    assert page.meta["minutes"] == 3
    assert page.meta["reviewed"] == datetime.date(2026, 11, 23)
    assert page.meta["clinical_review"] == "pending"
    assert page.title_line == 13


def test_windows_line_endings_read_like_unix_ones(tmp_path: Path) -> None:
    # MkDocs opens pages in text mode, so a page saved with CRLF line endings builds; the check must read it too
    text = CHAPTER_FRONT + "\n# T\n\n## Part one\n"
    unix = read(tmp_path, text)
    windows = read(tmp_path, text.replace("\n", "\r\n").encode("utf-8"))
    assert windows.meta == unix.meta
    assert windows.headings == unix.headings == {"part-one": "Part one"}
    assert windows.title_line == unix.title_line == 13
    assert windows.problems == unix.problems == []


def test_duplicate_headings_get_numbered_ids(tmp_path: Path) -> None:
    page = read(tmp_path, "# T\n\n## Intro\n\nText.\n\n## Intro\n\n### Intro\n\n## Other\n")
    assert list(page.headings) == ["intro", "intro_1", "intro_2", "other"]
    assert page.headings["intro_1"] == "Intro"
    assert page.problems == []


def test_heading_text_keeps_the_words_without_markup(tmp_path: Path) -> None:
    page = read(tmp_path, "# T\n\n## The *real* story of [scans](x.md)\n")
    assert page.headings == {"the-real-story-of-scans": "The real story of scans"}


def test_h1_is_the_title_not_a_section(tmp_path: Path) -> None:
    page = read(tmp_path, "---\ntitle: T\n---\n\n# T\n\n## Part\n")
    assert page.title_line == 5
    assert list(page.headings) == ["part"]


def test_html_ids_are_collected(tmp_path: Path) -> None:
    page = read(tmp_path, '# T\n\n<div id="chart" class="x"></div>\n\n## Part\n')
    assert page.ids == {"chart", "part", "t"}  # the title's own id too


def test_macro_calls_are_recorded_with_line_and_literal_arguments(tmp_path: Path) -> None:
    page = read(
        tmp_path,
        "---\ntitle: T\n---\n# T\n\n"  # lines 1-5
        'A {{ cite("a-2020", "b-2021") }}.\n'  # line 6
        "\n"
        "{{ quiz(slug) }}\n",  # line 8
    )
    calls = [(c.name, c.args, c.line, c.constant) for c in page.calls]
    assert calls == [("cite", ("a-2020", "b-2021"), 6, True), ("quiz", (None,), 8, False)]
    assert page.is_chapter
    # `slug` is not a macro: it is reported
    assert [str(p) for p in page.problems] == [f"docs/x.md:8: unknown macro `slug`; macros you can use: {MACRO_LIST}"]


# ---------------------------------------------------------------- vocabularies


def test_front_matter_keys_do_not_hide_macros() -> None:
    # mkdocs-macros makes each front-matter key a variable of the page, which would hide a macro of that name
    assert set(FRONT_MATTER) & set(MACROS) == set()
    assert set(FRONT_MATTER) & BUILTIN_NAMES == set()


def test_chapter_keys_are_front_matter_keys() -> None:
    assert set(CHAPTER_KEYS) <= set(FRONT_MATTER)


def test_block_names_are_admonition_types() -> None:
    assert all(re.fullmatch(r"[a-z]+", name) for name in BLOCKS)
