"""Icon arrays (macros/figures.py): rounding, the text alternative, and the picture drawn from the data."""

from __future__ import annotations

import re

import pytest

from macros import figures
from macros.data import Diagram, DiagramPath, Diagrams, IconArray, IconGroup
from macros.data import load as load_data

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


# ---------------------------------------------------------------- diagrams of ideas (data/diagrams.yml)

CYCLE = Diagram(
    kind="cycle",
    title="The fear-avoidance cycle",
    caption="A model, not a rule.",
    start="Pain",
    sources=["vlaeyen-2000"],
    paths=[
        DiagramPath(label="If pain seems dangerous", loop=True, steps=["Fear of moving", "Avoiding movement"]),
        DiagramPath(label="If pain seems not dangerous", steps=["Moving again, bit by bit", "Recovery is more likely"]),
    ],
)
ROADS = Diagram(
    kind="roads",
    title="The highway and the new path",
    caption="A picture of learning, not a map of your nerves.",
    paths=[
        DiagramPath(label="The old highway", steps=["Used often", "Wide and easy"]),
        DiagramPath(label="A new path", steps=["Hard going at first", "Easier with practice", "A usual way"]),
    ],
)

# (case, diagram, its description for screen readers)
DESCRIPTIONS = [
    (
        "a cycle: the start, then each path in order; the looping path leads back to the start",
        CYCLE,
        "It starts with pain. If pain seems dangerous: fear of moving, then avoiding movement, which leads back "
        "to pain. If pain seems not dangerous: moving again, bit by bit, then recovery is more likely.",
    ),
    (
        "roads: the highway, then the path that widens",
        ROADS,
        "Two roads. The old highway, a wide road: Used often; Wide and easy. A new path, narrow at first and wider "
        "at each stretch: Hard going at first; Easier with practice; A usual way.",
    ),
    (
        "a step that starts with an abbreviation keeps its capitals",
        CYCLE.model_copy(update={"start": "MRI report"}),
        "It starts with MRI report. If pain seems dangerous: fear of moving, then avoiding movement, which leads "
        "back to MRI report. If pain seems not dangerous: moving again, bit by bit, then recovery is more likely.",
    ),
]


@pytest.mark.parametrize(("case", "diagram", "expected"), DESCRIPTIONS, ids=[row[0] for row in DESCRIPTIONS])
def test_diagram_text_says_the_whole_picture_in_words(case: str, diagram: Diagram, expected: str) -> None:
    assert figures.diagram_text(diagram) == expected


# (case, text, width in the picture's units, the lines it becomes)
WRAPS = [
    ("a short phrase stays on one line", "Pain", 160, ["Pain"]),
    (
        "a phrase wider than the box wraps at spaces",
        "Avoiding movement and watching every twinge",
        140,
        ["Avoiding", "movement and", "watching every", "twinge"],
    ),
    ("a word longer than a line keeps its own line, unbroken", "Hyperalgesia", 40, ["Hyperalgesia"]),
    ("a hyphenated word is not split at the hyphen", "long-lasting pain", 60, ["long-lasting", "pain"]),
]


@pytest.mark.parametrize(("case", "text", "width", "expected"), WRAPS, ids=[row[0] for row in WRAPS])
def test_wrap_fits_the_box(case: str, text: str, width: float, expected: list[str]) -> None:
    lines = figures.wrap(text, width)
    assert lines == expected
    assert " ".join(lines) == text  # nothing lost or added


def _texts(svg: str) -> list[str]:
    """Every line of text drawn in a picture."""
    return re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)


@pytest.mark.parametrize("diagram", [CYCLE, ROADS], ids=["cycle", "roads"])
def test_the_picture_is_an_accessible_svg_made_from_the_data(diagram: Diagram) -> None:
    html = figures.diagram("key", diagram, '<span class="course-cite">(X)</span>')
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    # one image, named by its title and described by its description
    assert svg.count('role="img"') == 1
    assert 'aria-labelledby="diagram-key-title diagram-key-desc"' in svg
    assert f'<title id="diagram-key-title">{diagram.title}</title>' in svg
    assert f'<desc id="diagram-key-desc">{figures.diagram_text(diagram)}</desc>' in svg
    # every word of the data is drawn (lines wrapped, nothing dropped)
    drawn = " ".join(_texts(svg))
    for phrase in [
        diagram.start or "",
        *(p.label for p in diagram.paths),
        *(s for p in diagram.paths for s in p.steps),
    ]:
        assert " ".join(figures.wrap(phrase, 1000)) in drawn or all(w in drawn for w in phrase.split()), phrase
    # readable at 320 px: the picture is WIDTH units wide and drawn at most that wide on a phone (~290 px of
    # content), so type of FONT units shows at 13 px or more; nothing is drawn outside the viewBox
    assert f'viewBox="0 0 {figures.WIDTH} ' in svg and figures.FONT * 290 / figures.WIDTH >= 12.5
    assert not re.search(rf'font-size="(?!{figures.FONT}")', svg)
    height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg).group(1))
    for x in re.findall(r'\bx="([-\d.]+)"', svg):
        assert 0 <= float(x) <= figures.WIDTH
    for y in re.findall(r'\by="([-\d.]+)"', svg):
        assert 0 <= float(y) <= height
    # no fixed colour: every shape and line of text takes a course-fig class (palette and print follow)
    assert not re.search(r'(fill|stroke)="', svg)
    assert all("course-fig-" in tag for tag in re.findall(r"<(?:rect|path|text)\b[^>]*>", svg))
    # no outside requests: the only reference is to the picture's own arrowhead
    assert not re.search(r"(href|src)=", svg) and "http://www.w3.org/2000/svg" in svg
    assert not re.search(r"url\((?!#diagram-key-arrow\))", svg)
    # the caption names the picture, says what it means and cites its source; the list says it again
    assert f"<figcaption><strong>{diagram.title}</strong>. {diagram.caption}" in html
    assert "<summary>Show the picture in words</summary>" in html
    for path in diagram.paths:
        assert f"<li><strong>{path.label}</strong><ol>" in html
        for step in path.steps:
            assert f"<li>{step}</li>" in html
    # ids are unique on the page and built from the key; raw HTML must not hold a blank line
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and all(i.startswith("diagram-key") for i in ids)
    assert "\n\n" not in html


def test_a_cycle_loops_back_to_its_start_and_says_so() -> None:
    html = figures.diagram("key", CYCLE, "")
    arrows = re.findall(r'<path class="[^"]*course-diagram-arrow" d="([^"]+)"', html)
    # two arrows fork from the start, one leads into each step, and one loop goes back to the start
    assert len(arrows) == 2 + sum(len(p.steps) for p in CYCLE.paths) + 1
    loop = arrows[-1].split(" L")
    assert len(loop) == 5  # down, left, up, right into the start box
    assert "<li>Back to the start: pain.</li>" in html
    assert "<p>Start: Pain.</p>" in html
    # the paths differ in words and in colour, so the meaning never rests on colour alone
    assert "course-fig-danger" in html and "course-fig-safe" in html
    # with no sources, no empty "Source:" is shown
    assert "Source:" not in html


def test_roads_draw_a_wide_highway_and_a_path_that_widens() -> None:
    html = figures.diagram("key", ROADS, "")
    highway = re.findall(r'<rect class="course-fig-muted" [^>]*height="([\d.]+)"', html)
    path = [float(h) for h in re.findall(r'<rect class="course-fig-safe" [^>]*height="([\d.]+)"', html)]
    assert len(highway) == len(ROADS.paths[0].steps) and len(set(highway)) == 1
    assert len(path) == len(ROADS.paths[1].steps)
    assert path == sorted(path) and path[0] < path[-1] == float(highway[0])  # narrow at first, as wide in the end
    assert "Start:" not in html and "Back to the start" not in html


def test_diagram_words_are_escaped() -> None:
    diagram = ROADS.model_copy(update={"title": "A <script>", "caption": "B & C"})
    html = figures.diagram("x", diagram, "")
    assert "<script>" not in html
    assert "A &lt;script&gt;" in html and "B &amp; C" in html


# (case, the data file, every problem it gives)
DIAGRAM_DATA = [
    (
        "valid: a cycle",
        "c:\n  kind: cycle\n  title: T\n  caption: C\n  start: Pain\n  paths:\n"
        "    - {label: A, loop: true, steps: [x]}\n    - {label: B, steps: [y]}\n",
        [],
    ),
    (
        "a cycle needs a start",
        "c:\n  kind: cycle\n  title: T\n  caption: C\n  paths:\n"
        "    - {label: A, steps: [x]}\n    - {label: B, steps: [y]}\n",
        ["d.yml:2: diagram 'c': `kind: cycle` needs `start:`, the box both paths begin from (like `start: Pain`)"],
    ),
    (
        "roads have no start and no loop",
        "r:\n  kind: roads\n  title: T\n  caption: C\n  start: Pain\n  paths:\n"
        "    - {label: A, loop: true, steps: [x]}\n    - {label: B, steps: [y]}\n",
        [
            "d.yml:5: diagram 'r': `start:` is only for `kind: cycle`; two roads have no shared start, so remove it",
            "d.yml:7: diagram 'r', path 'A': `loop` is only for `kind: cycle`; remove it",
        ],
    ),
    (
        "only the first path of a cycle loops",
        "c:\n  kind: cycle\n  title: T\n  caption: C\n  start: P\n  paths:\n"
        "    - {label: A, steps: [x]}\n    - {label: B, loop: true, steps: [y]}\n",
        [
            "d.yml:8: diagram 'c', path 'B': only the first path can loop back to `start` (it is drawn on the left, "
            "beside the loop); put this path first"
        ],
    ),
    (
        "two paths with one label",
        "c:\n  kind: roads\n  title: T\n  caption: C\n  paths:\n"
        "    - {label: A, steps: [x]}\n    - {label: A, steps: [y]}\n",
        ["d.yml:7: diagram 'c': both paths are called 'A'; give each path its own label"],
    ),
    (
        "an unknown kind names the kinds there are",
        "c:\n  kind: circle\n  title: T\n  caption: C\n  paths:\n"
        "    - {label: A, steps: [x]}\n    - {label: B, steps: [y]}\n",
        ["d.yml:2: diagram 'c': `kind` must be 'cycle' or 'roads', not 'circle'"],
    ),
    (
        "a step too long for a box on a phone",
        "c:\n  kind: roads\n  title: T\n  caption: C\n  paths:\n"
        f"    - {{label: A, steps: [{'x' * 61}]}}\n    - {{label: B, steps: [y]}}\n",
        ["d.yml:6: diagram 'c', path 'A': `steps` is too long (61 characters); keep it under 60"],
    ),
    (
        "one path is not a diagram",
        "c:\n  kind: roads\n  title: T\n  caption: C\n  paths:\n    - {label: A, steps: [x]}\n",
        ["d.yml:5: diagram 'c': `paths` needs at least 2 items"],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), DIAGRAM_DATA, ids=[row[0] for row in DIAGRAM_DATA])
def test_diagram_data_problems_name_the_line(case: str, text: str, expected: list[str], tmp_path) -> None:
    path = tmp_path / "d.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_data(path, Diagrams, "d.yml", "a diagram id")
    assert [str(problem) for problem in loaded.problems] == expected
    assert (loaded.model is None) == bool(expected)
