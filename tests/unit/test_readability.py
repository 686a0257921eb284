"""Reading level (tools/readability.py): only the prose a reader reads is measured, and
every chapter is at or below the maximum grade."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.pages import DOCS, chapter_files, split_front_matter
from tools.readability import MAX_GRADE, body_text, measure

# (case, Markdown page, the plain text that is measured)
BODIES = [
    ("front matter removed", "---\ntitle: Hard words\nminutes: 3\n---\nHello there.\n", "Hello there."),
    ("headings removed", "# Title\n\n## Section two\n\nBody text", "Body text."),
    ("fenced code removed", "Before.\n\n```python\nx = 1\n```\n\nAfter.", "Before. After."),
    ("tilde fence removed", "Before.\n\n~~~\ncode here\n~~~\n\nAfter.", "Before. After."),
    ("svg removed", 'A.\n\n<svg viewBox="0 0 1 1"><text>Label</text></svg>\n\nB.', "A. B."),
    ("figure removed", "A.\n\n<figure>\n<figcaption>Caption words</figcaption>\n</figure>\n\nB.", "A. B."),
    ("details removed", "A.\n\n<details><summary>Sum</summary>\nHidden words\n</details>\n\nB.", "A. B."),
    ("div removed", '<div class="x">\nInside.\n</div>\n\nOutside.', "Outside."),
    ("Jinja calls removed", '{{ learning_objectives() }}\n\nPain is real.\n\n{{ quiz("x") }}', "Pain is real."),
    ("Jinja statements and comments removed", "{% set n = 1 %}{# note #}Words here.", "Words here."),
    ("link text kept, address removed", "Read [the red flags](red-flags.md#now) first.", "Read the red flags first."),
    ("reference link text kept", "Read [the guide][g] now.", "Read the guide now."),
    ("image removed", "See ![alt text](x.png) here.", "See here."),
    ("table removed", "Intro.\n\n| A | B |\n|---|---|\n| one | two |\n\nOutro.", "Intro. Outro."),
    (
        "list items become sentences",
        "- first item\n- second item\n1. third\n2) fourth",
        "first item. second item. third. fourth.",
    ),
    ("list item ending in a question mark keeps it", "- Is it real?\n- Yes", "Is it real? Yes."),
    ("admonition title counts, marker removed", '!!! note "A title"\n    Body words.', "A title. Body words."),
    ("admonition without a title", "!!! tip\n    More.", "More."),
    ("emphasis and code marks removed", "Some *very* **bold** _words_ and `code`.", "Some very bold words and code."),
    ("abbreviation definitions removed", "Text.\n\n*[HTML]: Hyper Text", "Text."),
    ("attribute lists removed", "Para {: .class #id }", "Para."),
    ("lines of a paragraph joined", "Line one\nline two\n\nPara two", "Line one line two. Para two."),
    ("horizontal rule removed", "A\n\n---\n\nB", "A. B."),
    ("inline HTML tags removed, text kept", "Some <strong>strong</strong> text.", "Some strong text."),
]


@pytest.mark.parametrize(("case", "markdown", "expected"), BODIES, ids=[row[0] for row in BODIES])
def test_body_text(case: str, markdown: str, expected: str) -> None:
    assert body_text(markdown) == expected


def test_skip_pages_are_left_out() -> None:
    measured = set(chapter_files())
    for path in DOCS.glob("*.md"):  # docs/es/ is the Spanish site's (tools.readability --language es)
        front = split_front_matter(path.read_text(encoding="utf-8"))[0]
        skip = "reading_level: skip" in front.splitlines()
        assert (path in measured) == (not skip), path.name
    assert any(path.name == "references.md" for path in DOCS.glob("*.md") if path not in measured)


def test_measure_on_a_simple_page(tmp_path: Path) -> None:
    page = tmp_path / "easy.md"
    page.write_text("---\ntitle: Easy\n---\n\n# Easy\n\nThe cat sat. The dog ran. We all had fun.\n", encoding="utf-8")
    grade = measure(page)
    assert grade.words == 10
    assert grade.grade <= 2


CHAPTERS = chapter_files()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_page_reading_level(path: Path) -> None:
    grade = measure(path)
    assert grade.words > 0
    assert grade.grade <= MAX_GRADE, f"{path.name} reads at grade {grade.grade}"


def test_pages_are_measured() -> None:
    assert len(CHAPTERS) >= 1
