"""Icon arrays (macros/figures.py): rounding, the text alternative, and the picture drawn from the data."""

from __future__ import annotations

import re

import pytest

from macros import figures
from macros.data import IconArray, IconGroup

# (case, events, people, figures filled out of 100)
ROUNDING = [
    ("exact: 33 of 50 is 66 of 100", 33, 50, 66),
    ("rounds up: 10 of 51 is 19.6, so 20", 10, 51, 20),
    ("rounds down: 1 of 3 is 33.3, so 33", 1, 3, 33),
    ("half rounds up, not to even: 1 of 8 is 12.5, so 13", 1, 8, 13),
    ("half rounds up, not to even: 3 of 8 is 37.5, so 38", 3, 8, 38),
    ("nobody", 0, 50, 0),
    ("everybody", 51, 51, 100),
    ("just under everybody still rounds to 100: 999 of 1000", 999, 1000, 100),
    ("a few in many rounds to none: 4 of 1000", 4, 1000, 0),
]


@pytest.mark.parametrize(("case", "events", "people", "expected"), ROUNDING, ids=[row[0] for row in ROUNDING])
def test_out_of_100(case: str, events: int, people: int, expected: int) -> None:
    assert figures.out_of_100(events, people) == expected


PRT = IconArray(
    title="Pain-free or nearly pain-free after treatment",
    outcome="were pain-free or nearly pain-free",
    source="ashar-2022",
    groups=[
        IconGroup(label="Pain reprocessing therapy", people=50, events=33),
        IconGroup(label="Placebo injection", people=51, events=10),
        IconGroup(label="Usual care", people=50, events=5),
    ],
)


# (case, group, the text alternative)
TEXTS = [
    (
        "the trial's first group",
        PRT.groups[0],
        "Pain reprocessing therapy: 66 out of 100 people were pain-free or nearly pain-free (filled figures); "
        "the other 34 are outlined figures.",
    ),
    (
        "a rounded group says the rounded number",
        PRT.groups[1],
        "Placebo injection: 20 out of 100 people were pain-free or nearly pain-free (filled figures); "
        "the other 80 are outlined figures.",
    ),
    (
        "markup in a label stays text here; the HTML escapes it",
        IconGroup(label="<b>Group</b>", people=10, events=10),
        "<b>Group</b>: 100 out of 100 people were pain-free or nearly pain-free (filled figures); "
        "the other 0 are outlined figures.",
    ),
]


@pytest.mark.parametrize(("case", "group", "expected"), TEXTS, ids=[row[0] for row in TEXTS])
def test_group_text_says_the_numbers_in_words(case: str, group: IconGroup, expected: str) -> None:
    assert figures.group_text(group, PRT.outcome) == expected


def cells(svg: str, kind: str) -> int:
    """How many figures of one kind ("on" or "off") the rectangles of a picture cover."""
    total = 0
    for width, height, fill in re.findall(
        r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)" fill="url\(#([^)]+)\)"', svg
    ):
        if fill.endswith(f"-{kind}"):
            total += (int(width) // figures.CELL) * (int(height) // figures.CELL)
    return total


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 20, 66, 99, 100])
def test_each_picture_has_count_filled_and_the_rest_outlined(count: int) -> None:
    svg = figures._grid("g", count, "text")
    assert cells(svg, "on") == count
    assert cells(svg, "off") == 100 - count
    # the rectangles tile the 10 x 10 grid without overlapping: every cell covered once
    covered = set()
    for x, y, w, h in figures._spans(0, count) + figures._spans(count, 100):
        for row in range(y // figures.CELL, (y + h) // figures.CELL):
            for column in range(x // figures.CELL, (x + w) // figures.CELL):
                assert (row, column) not in covered
                covered.add((row, column))
    assert len(covered) == 100


def test_the_figure_has_pictures_a_key_a_note_a_citation_and_a_table() -> None:
    html = figures.icon_array("prt-trial", PRT, '<span class="course-cite">(X)</span>')
    assert html.count('role="img"') == 3  # one picture per group, each read as one image
    for group in PRT.groups:
        assert f'aria-label="{figures.group_text(group, PRT.outcome)}"' in html
    assert "<td>33 of 50</td><td>66 out of 100</td>" in html
    assert "<td>10 of 51</td><td>20 out of 100</td>" in html
    assert "<td>5 of 50</td><td>10 out of 100</td>" in html
    assert figures.NOTE in html and "not a promise of what will happen to you" in figures.NOTE
    assert 'Source: <span class="course-cite">(X)</span>.' in html
    # ids are unique on the page and built from the array's id
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and all(i.startswith("icon-array-prt-trial") for i in ids)
    # no fixed colour: shapes get classes, which follow the palette (docs/stylesheets/course.css)
    assert not re.search(r'(fill|stroke)="(#|rgb|[a-z]+")', html.replace('fill="url(', ""))
    # Raw HTML blocks in Markdown end at a blank line; the figure must not have one
    assert "\n\n" not in html


def test_labels_and_titles_are_escaped() -> None:
    array = PRT.model_copy(update={"title": "A <script>", "groups": [IconGroup(label="B & <i>", people=2, events=1)]})
    html = figures.icon_array("x", array, "")
    assert "<script>" not in html and "<i>" not in html
    assert "A &lt;script&gt;" in html and "B &amp; &lt;i&gt;" in html
