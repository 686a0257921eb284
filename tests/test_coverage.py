"""Every point of the coverage list is taught on an existing page, under an existing heading."""

from __future__ import annotations

from ruamel.yaml import YAML

from macros.course import Course
from macros.pages import ROOT

EXPECTED = [
    f"{letter}{n}"
    for letter, numbers in (
        ("A", range(1, 4)),
        ("B", range(4, 8)),
        ("C", range(8, 11)),
        ("D", [11]),
        ("E", range(12, 16)),
        ("F", range(16, 21)),
        ("G", [21, 22]),
        ("H", range(23, 27)),
        ("I", range(27, 33)),  # what you can do: the six self-management chapters (issue 12)
    )
    for n in numbers
]


def test_every_coverage_point_maps_to_a_heading_on_a_page() -> None:
    coverage = YAML(typ="safe").load((ROOT / "data" / "coverage.yml").read_text(encoding="utf-8"))
    assert list(coverage) == EXPECTED  # A1..I32, each once, in order
    course = Course.load()
    missing = [
        f"{point}: {entry['page']}#{entry['anchor']}"
        for point, entry in coverage.items()
        if entry["page"] not in course.pages or entry["anchor"] not in course.pages[entry["page"]].headings
    ]
    assert missing == []


def test_every_chapter_quiz_checks_the_points_its_page_teaches() -> None:
    """Each page that teaches a coverage point has a quiz whose questions point back at its headings."""
    coverage = YAML(typ="safe").load((ROOT / "data" / "coverage.yml").read_text(encoding="utf-8"))
    course = Course.load()
    for page in {entry["page"] for entry in coverage.values()}:
        calls = course.pages[page].calls_to("quiz")
        assert len(calls) == 1, page
        bank = course.banks[calls[0].args[0]].bank
        assert 5 <= len(bank.questions) <= 8, page
        assert {q.type for q in bank.questions} == {"single", "multiple", "true-false"}, page
        assert all(q.learn_more in course.pages[page].headings for q in bank.questions), page
