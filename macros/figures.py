"""Figures drawn from data: icon arrays, and diagrams of ideas.

Icon arrays show a trial's result as "out of 100 people like those in the trial".

`{{ icon_array("prt-trial") }}` draws each group of data/icon-arrays.yml as 100
small figures of people, the first ones filled (had the result) and the rest
outlined, so the picture reads in black and white and without colour vision.
Each group's picture has a text alternative that says its numbers in words; a
table gives the trial's own figures ("33 of 50"), and a fixed note says that
the numbers describe the trial's people, not what will happen to the reader.

Diagrams (`{{ diagram("fear-avoidance") }}`, data/diagrams.yml) draw an idea made of
short phrases: a cycle with a way out, or two roads; see the section below.

Plain functions of the data, with no MkDocs import; the HTML is inline SVG that
takes its colours from Material's CSS variables (docs/stylesheets/course.css).
"""

from __future__ import annotations

import math
import textwrap
from fractions import Fraction

from markupsafe import Markup, escape

from .data import Diagram, IconArray, IconGroup
from .words import Words, english, fill

PER = 100  # figures drawn for each group
COLUMNS = 10  # figures in a row
CELL = 24  # size of one figure's square, in the picture's own units
NOTE = english()["content"]["icons_note"]  # the English note (data/words/en.yml); each language has its own

# One figure of a person: a head and shoulders, drawn in a CELL x CELL square.
_HEAD = '<circle cx="12" cy="7" r="4.2"/>'
_BODY = '<path d="M4.5 22.5v-2.8a7.5 7.5 0 0 1 15 0v2.8z"/>'


def out_of_100(events: int, people: int) -> int:
    """How many of 100 people like those in the group had the result: events/people, rounded half up."""
    return math.floor(Fraction(events * PER, people) + Fraction(1, 2))


def group_text(group: IconGroup, outcome: str, words: Words | None = None) -> str:
    """The text alternative of one group's picture: its numbers in words."""
    count = out_of_100(group.events, group.people)
    text = (words or english())["content"]["icons_group_text"]
    return fill(text, label=group.label, count=count, per=PER, outcome=outcome, rest=PER - count)


def element_id(key: str) -> str:
    return f"icon-array-{key}"


def icon_array(key: str, array: IconArray, citation: str, words: Words | None = None) -> str:
    """The figure (one picture per group, a key and a note) and a table of the trial's own numbers."""
    w = (words or english())["content"]
    base = element_id(key)
    groups = []
    for number, group in enumerate(array.groups, 1):
        count = out_of_100(group.events, group.people)
        groups.append(
            '<div class="course-icons-group">'
            f'<p class="course-icons-label" aria-hidden="true"><strong>{escape(group.label)}</strong>: '
            f"{escape(fill(w['icons_count'], count=count, per=PER))}</p>"
            f"{_grid(f'{base}-{number}', count, group_text(group, array.outcome, words))}"
            "</div>"
        )
    rows = "".join(
        f'<tr><th scope="row">{escape(g.label)}</th>'
        f"<td>{escape(fill(w['icons_events'], events=g.events, people=g.people))}</td>"
        f"<td>{escape(fill(w['icons_count'], count=out_of_100(g.events, g.people), per=PER))}</td></tr>"
        for g in array.groups
    )
    return "\n".join(
        [
            f'<figure class="course-figure course-icons" id="{base}">',
            f'<p class="course-icons-lead"><strong>{escape(array.title)}</strong>. '
            f"{escape(fill(w['icons_lead'], per=PER))}</p>",
            '<div class="course-icons-grid">',
            *groups,
            "</div>",
            f'<p class="course-icons-key" aria-hidden="true">{_key_figure(True)} '
            f"{escape(fill(w['icons_key_on'], outcome=array.outcome))} "
            f"&nbsp; {_key_figure(False)} {escape(w['icons_key_off'])}</p>",
            f"<figcaption>{escape(w['icons_note'])} {escape(w['icons_rounded'])} "
            f"{_source_line(w, citation)}</figcaption>",
            "</figure>",
            # After the figure, not in it (a figcaption is the figure's first or last child), as for the scan chart.
            f'<details class="course-chart-table course-icons-table"><summary>{escape(w["icons_show"])}</summary>',
            f'<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="{base}-caption">',
            '<table class="course-table">',
            f'<caption id="{base}-caption">{escape(fill(w["icons_caption"], title=array.title))}</caption>',
            f'<thead><tr><th scope="col">{escape(w["icons_group"])}</th>'
            f'<th scope="col">{escape(w["icons_in_trial"])}</th>'
            f'<th scope="col">{escape(fill(w["icons_out_of"], per=PER))}</th></tr></thead>',
            f"<tbody>{rows}</tbody></table></div></details>",
        ]
    )


def _source_line(w: dict[str, str], citation: str) -> str:
    """`Source: (Ashar 2022).`, the citation's HTML kept as it is."""
    before, _, after = w["source_line"].partition("{source}")
    return f"{escape(before)}{Markup(citation)}{escape(after)}"


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


# ---------------------------------------------------------------- diagrams of ideas

# `{{ diagram("fear-avoidance") }}` draws an entry of data/diagrams.yml: a picture of an
# idea made of short phrases, so that its words are data a contributor can edit and the
# drawing stays the same everywhere. Two kinds:
#   cycle: a `start` box, then two paths side by side; the first may loop back to the start.
#   roads: two roads, one above the other, each cut into stretches with a phrase under each;
#          the first is a wide highway, the second a path that widens stretch by stretch.
# The picture is narrow (WIDTH units) with large type (FONT), so that it still reads on a
# 320 px screen, where it is drawn about 0.8 times its size. Colours come only from the
# course-fig-* classes (docs/stylesheets/course.css), so it follows the palette and prints
# in black and white; the words, never the colour, carry the meaning.

WIDTH = 360
FONT = 16  # type size, in the picture's units
LEADING = 20  # from one line of text to the next
_CHAR = 8.6  # a generous width of one character at FONT, to wrap text before it overflows
_GUTTER = 26  # room on the left for the loop of a cycle
_GAP = 14  # between the two columns of a cycle


def diagram_id(key: str) -> str:
    return f"diagram-{key}"


def wrap(text: str, width: float) -> list[str]:
    """Split a phrase into lines that fit `width` units at FONT (a word longer than a line keeps its own line)."""
    chars = max(4, int(width // _CHAR))
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [text]


def diagram_text(diagram: Diagram, words: Words | None = None) -> str:
    """What the picture shows, in sentences: its <desc>, for screen readers."""
    w = (words or english())["content"]
    if diagram.kind == "cycle":
        start = _lower(diagram.start or "")
        sentences = [fill(w["diagram_starts"], start=start)]
        for path in diagram.paths:
            steps = f", {w['diagram_then']} ".join(_lower(step) for step in path.steps)
            end = fill(w["diagram_back"], start=start) if path.loop else ""
            sentences.append(f"{path.label}: {steps}{end}.")
        return " ".join(sentences)
    wide, narrow = diagram.paths
    sentences = [fill(w["diagram_road_wide"], label=wide.label, steps="; ".join(wide.steps))]
    sentences.append(fill(w["diagram_road_narrow"], label=narrow.label, steps="; ".join(narrow.steps)))
    return " ".join(sentences)


def _lower(text: str) -> str:
    """Lower-case the first letter, for a phrase inside a sentence (not a word such as "I" or "MRI")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def diagram(key: str, data: Diagram, citation: str, words: Words | None = None) -> str:
    """The figure (an SVG with a title, a description and a caption) and the same picture as a list."""
    w = (words or english())["content"]
    base = diagram_id(key)
    draw = _cycle if data.kind == "cycle" else _roads
    body, height = draw(base, data)
    svg = (
        f'<svg class="course-diagram-svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{base}-title {base}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{base}-title">{escape(data.title)}</title>'
        f'<desc id="{base}-desc">{escape(diagram_text(data, words))}</desc>'
        f"{body}</svg>"
    )
    source = f" {_source_line(w, citation)}" if citation else ""
    return "\n".join(
        [
            f'<figure class="course-figure course-diagram" id="{base}">',
            svg,
            f"<figcaption><strong>{escape(data.title)}</strong>. {escape(data.caption)}{source}</figcaption>",
            "</figure>",
            # After the figure, not in it (a figcaption is the figure's first or last child), as for the charts.
            f'<details class="course-chart-table course-diagram-list"><summary>{escape(w["diagram_show"])}</summary>',
            _as_list(data, w),
            "</details>",
        ]
    )


def _as_list(data: Diagram, w: dict[str, str]) -> str:
    items = []
    for path in data.paths:
        steps = "".join(f"<li>{escape(step)}</li>" for step in path.steps)
        if path.loop:
            steps += f"<li>{escape(fill(w['diagram_back_to_start'], start=_lower(data.start or '')))}</li>"
        items.append(f"<li><strong>{escape(path.label)}</strong><ol>{steps}</ol></li>")
    start = f"<p>Start: {escape(data.start)}.</p>" if data.start else ""
    return f'{start}<ul class="course-diagram-paths">{"".join(items)}</ul>'


def _text(lines: list[str], x: float, y: float, bold: bool = False, anchor: str = "middle") -> str:
    """Lines of text, the first with its baseline at y."""
    weight = ' font-weight="700"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if number == 0 else LEADING}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return (
        f'<text class="course-fig-ink" x="{x:g}" y="{y:g}" font-size="{FONT}" text-anchor="{anchor}"{weight}>'
        f"{spans}</text>"
    )


def _box(lines: list[str], x: float, y: float, width: float, kind: str) -> tuple[str, float]:
    """A rounded box around centred lines; returns the markup and the box's height."""
    height = len(lines) * LEADING + 14
    shape = (
        f'<rect class="course-fig-line course-fig-{kind}" x="{x:g}" y="{y:g}" width="{width:g}" '
        f'height="{height:g}" rx="8"/>'
    )
    return shape + _text(lines, x + width / 2, y + 7 + FONT - 1), height


def _arrow(base: str, points: list[tuple[float, float]]) -> str:
    d = "M" + " L".join(f"{x:g} {y:g}" for x, y in points)
    return (
        f'<path class="course-fig-line course-fig-ink course-diagram-arrow" d="{d}" marker-end="url(#{base}-arrow)"/>'
    )


def _marker(base: str) -> str:
    return (
        f'<defs><marker id="{base}-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" '
        'markerHeight="5" orient="auto-start-reverse" markerUnits="strokeWidth">'
        '<path class="course-fig-ink" d="M0 0L10 5L0 10z"/></marker></defs>'
    )


def _cycle(base: str, data: Diagram) -> tuple[str, float]:
    """The start box on top, then the two paths side by side, each a column of boxes joined by arrows."""
    parts = [_marker(base)]
    start_width = 180
    start_x = (WIDTH - start_width) / 2
    start_lines = wrap(data.start or "", start_width - 16)
    box, start_height = _box(start_lines, start_x, 4, start_width, "ink")
    parts.append(box)
    start_bottom = 4 + start_height
    column = (WIDTH - _GUTTER - _GAP - 4) / 2
    bottoms = []
    last_box: tuple[float, float] | None = None  # (centre x, bottom) of the looping path's last box
    for index, path in enumerate(data.paths):
        x = _GUTTER + index * (column + _GAP)
        centre = x + column / 2
        kind = "danger" if path.loop else "safe"
        # the fork: from the start box down to this path's label
        parts.append(_arrow(base, [(WIDTH / 2 + (index * 2 - 1) * 30, start_bottom), (centre, start_bottom + 30)]))
        y = start_bottom + 30 + FONT + 4
        label = wrap(path.label, column)
        parts.append(_text(label, centre, y, bold=True))
        y += (len(label) - 1) * LEADING + 8
        for step in path.steps:
            parts.append(_arrow(base, [(centre, y), (centre, y + 22)]))
            y += 24
            box, height = _box(wrap(step, column - 14), x, y, column, kind)
            parts.append(box)
            y += height
        bottoms.append(y)
        if path.loop:
            last_box = (centre, y)
    height = max(bottoms) + 8
    if last_box is not None:
        centre, bottom = last_box
        loop_y = bottom + 18
        middle = 4 + start_height / 2
        parts.append(_arrow(base, [(centre, bottom), (centre, loop_y), (8, loop_y), (8, middle), (start_x, middle)]))
        height = max(height, loop_y + 8)
    return "".join(parts), height


def _roads(base: str, data: Diagram) -> tuple[str, float]:
    """Two roads, each cut into stretches with a phrase under each: a wide highway, then a path that widens."""
    parts = []
    y = 4
    left, right = 8, WIDTH - 8
    for index, path in enumerate(data.paths):
        label = wrap(path.label, right - left)
        parts.append(_text(label, left, y + FONT, bold=True, anchor="start"))
        y += len(label) * LEADING + 8
        count = len(path.steps)
        gap = 6
        stretch = (right - left - gap * (count - 1)) / count
        road = 40  # the height of the widest road
        tallest = 0
        for number, step in enumerate(path.steps):
            x = left + number * (stretch + gap)
            if index == 0:  # the highway: wide all the way, with lane marks
                width = road
                parts.append(
                    f'<rect class="course-fig-muted" x="{x:g}" y="{y:g}" width="{stretch:g}" height="{road}"/>'
                )
                parts.append(
                    f'<rect class="course-fig-paper" x="{x + stretch / 4:g}" y="{y + road / 2 - 2:g}" '
                    f'width="{stretch / 2:g}" height="4"/>'
                )
            else:  # the new path: a thin line first, wider with each stretch
                width = max(4, road * (number + 1) / count)
                parts.append(
                    f'<rect class="course-fig-safe" x="{x:g}" y="{y + (road - width) / 2:g}" '
                    f'width="{stretch:g}" height="{width:g}" rx="{min(width / 2, 6):g}"/>'
                )
            lines = wrap(step, stretch - 4)
            parts.append(_text(lines, x + stretch / 2, y + road + 8 + FONT))
            tallest = max(tallest, len(lines))
        y += road + 8 + tallest * LEADING + 16
    return "".join(parts), y - 10
