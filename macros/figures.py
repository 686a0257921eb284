"""Icon arrays: a trial's result as "out of 100 people like those in the trial", drawn from data.

`{{ icon_array("prt-trial") }}` draws each group of data/icon-arrays.yml as 100
small figures of people, the first ones filled (had the result) and the rest
outlined, so the picture reads in black and white and without colour vision.
Each group's picture has a text alternative that says its numbers in words; a
table gives the trial's own figures ("33 of 50"), and a fixed note says that
the numbers describe the trial's people, not what will happen to the reader.

Plain functions of the data, with no MkDocs import; the HTML is inline SVG that
takes its colours from Material's CSS variables (docs/stylesheets/course.css).
"""

from __future__ import annotations

import math
from fractions import Fraction

from markupsafe import Markup, escape

from .data import IconArray, IconGroup

PER = 100  # figures drawn for each group
COLUMNS = 10  # figures in a row
CELL = 24  # size of one figure's square, in the picture's own units
NOTE = (
    "Each figure stands for one person. The numbers describe the people in the trial: "
    "they are not a promise of what will happen to you."
)

# One figure of a person: a head and shoulders, drawn in a CELL x CELL square.
_HEAD = '<circle cx="12" cy="7" r="4.2"/>'
_BODY = '<path d="M4.5 22.5v-2.8a7.5 7.5 0 0 1 15 0v2.8z"/>'


def out_of_100(events: int, people: int) -> int:
    """How many of 100 people like those in the group had the result: events/people, rounded half up."""
    return math.floor(Fraction(events * PER, people) + Fraction(1, 2))


def group_text(group: IconGroup, outcome: str) -> str:
    """The text alternative of one group's picture: its numbers in words."""
    count = out_of_100(group.events, group.people)
    return (
        f"{group.label}: {count} out of {PER} people {outcome} (filled figures); "
        f"the other {PER - count} are outlined figures."
    )


def element_id(key: str) -> str:
    return f"icon-array-{key}"


def icon_array(key: str, array: IconArray, citation: str) -> str:
    """The figure (one picture per group, a key and a note) and a table of the trial's own numbers."""
    base = element_id(key)
    groups = []
    for number, group in enumerate(array.groups, 1):
        count = out_of_100(group.events, group.people)
        groups.append(
            '<div class="course-icons-group">'
            f'<p class="course-icons-label" aria-hidden="true"><strong>{escape(group.label)}</strong>: '
            f"{count} out of {PER}</p>"
            f"{_grid(f'{base}-{number}', count, group_text(group, array.outcome))}"
            "</div>"
        )
    rows = "".join(
        f'<tr><th scope="row">{escape(g.label)}</th><td>{g.events} of {g.people}</td>'
        f"<td>{out_of_100(g.events, g.people)} out of {PER}</td></tr>"
        for g in array.groups
    )
    return "\n".join(
        [
            f'<figure class="course-figure course-icons" id="{base}">',
            f'<p class="course-icons-lead"><strong>{escape(array.title)}</strong>. '
            f"Out of {PER} people like those in the trial, in each group:</p>",
            '<div class="course-icons-grid">',
            *groups,
            "</div>",
            f'<p class="course-icons-key" aria-hidden="true">{_key_figure(True)} people who {escape(array.outcome)} '
            f"&nbsp; {_key_figure(False)} everyone else</p>",
            f"<figcaption>{NOTE} Numbers rounded to whole people. Source: {Markup(citation)}.</figcaption>",
            "</figure>",
            # After the figure, not in it (a figcaption is the figure's first or last child), as for the scan chart.
            '<details class="course-chart-table course-icons-table"><summary>Show the trial\'s numbers</summary>',
            f'<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="{base}-caption">',
            '<table class="course-table">',
            f'<caption id="{base}-caption">{escape(array.title)}: how many people in each group of the trial</caption>',
            '<thead><tr><th scope="col">Group</th><th scope="col">In the trial</th>'
            f'<th scope="col">Out of {PER}</th></tr></thead>',
            f"<tbody>{rows}</tbody></table></div></details>",
        ]
    )


def _grid(svg_id: str, count: int, text: str) -> str:
    """100 figures in rows of 10: `count` filled, then the rest outlined.

    Whole rows are one rectangle painted with a pattern of one figure, so the
    picture stays small (about 1 kB) whatever the numbers.
    """
    width = COLUMNS * CELL
    rows = math.ceil(PER / COLUMNS)
    parts = [
        f'<svg class="course-icons-svg" id="{svg_id}" viewBox="0 0 {width} {rows * CELL}" width="{width}" '
        f'height="{rows * CELL}" role="img" aria-label="{escape(text)}" xmlns="http://www.w3.org/2000/svg">',
        "<defs>",
        f'<pattern id="{svg_id}-on" width="{CELL}" height="{CELL}" patternUnits="userSpaceOnUse">'
        f'<g class="course-icon-on">{_HEAD}{_BODY}</g></pattern>',
        f'<pattern id="{svg_id}-off" width="{CELL}" height="{CELL}" patternUnits="userSpaceOnUse">'
        f'<g class="course-icon-off">{_HEAD}{_BODY}</g></pattern>',
        "</defs>",
    ]
    for kind, start, end in (("on", 0, count), ("off", count, PER)):
        for x, y, w, h in _spans(start, end):
            parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{svg_id}-{kind})"/>')
    parts.append("</svg>")
    return "".join(parts)


def _spans(start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Rectangles (x, y, width, height) covering the figures numbered start to end-1, row by row."""
    spans = []
    index = start
    while index < end:
        row, column = divmod(index, COLUMNS)
        if column == 0 and end - index >= COLUMNS:  # whole rows at once
            whole = (end - index) // COLUMNS
            spans.append((0, row * CELL, COLUMNS * CELL, whole * CELL))
            index += whole * COLUMNS
            continue
        stop = min(end, (row + 1) * COLUMNS)
        spans.append((column * CELL, row * CELL, (stop - index) * CELL, CELL))
        index = stop
    return spans


def _key_figure(filled: bool) -> str:
    kind = "on" if filled else "off"
    return (
        f'<svg class="course-icons-key-figure" viewBox="0 0 {CELL} {CELL}" width="20" height="20" '
        f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
        f'<g class="course-icon-{kind}">{_HEAD}{_BODY}</g></svg>'
    )
