"""PEMAT scores (macros/pemat.py and Course's checks in macros/course.py): the items, the
arithmetic, every problem a score file can have with its file and line, the cross-checks
with the chapters, the live preview's notes, the about page's table, the readability
table's columns, and the real repository's score files."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from macros import pemat
from macros.course import Course
from macros.pages import ROOT
from tests.pemat_files import item_line, score_text
from tests.unit.test_data_and_course import BANK, CHAPTER, REFERENCES, make_site
from tools import readability

U, A = pemat.UNDERSTANDABLE, pemat.ACTIONABLE
NA_ALLOWED = {6, 8, 9, 11, 16, 17, 18, 19, 24, 25}

# ---------------------------------------------------------------- the items


def test_pemat_p_has_17_understandability_and_7_actionability_items() -> None:
    assert [n for n, item in pemat.ITEMS.items() if item.group == U] == [*range(1, 13), *range(15, 20)]
    assert [n for n, item in pemat.ITEMS.items() if item.group == A] == list(range(20, 27))
    assert not set(pemat.AUDIO_VISUAL_ONLY) & set(pemat.ITEMS)


def test_na_is_allowed_only_where_the_tool_allows_it() -> None:
    assert {n for n, item in pemat.ITEMS.items() if item.na_when} == NA_ALLOWED


def test_the_template_is_the_code_s_blank_file_and_reads_cleanly(tmp_path: Path) -> None:
    text = (ROOT / "templates" / "pemat.yml").read_text(encoding="utf-8")
    assert text == pemat.template()
    for number, item in pemat.ITEMS.items():
        assert f"  # {number}. {item.text}" in text
    (tmp_path / "data" / "pemat").mkdir(parents=True)
    (tmp_path / "data" / "pemat" / "chapter.yml").write_text(text, encoding="utf-8")
    loaded, stray = pemat.load_scores(tmp_path)
    assert stray == [] and loaded["chapter"].problems == []
    assert pemat.results(loaded["chapter"].model)[U].agree == 0


# ---------------------------------------------------------------- the arithmetic

ALL_AGREE = {n: "agree" for n in pemat.ITEMS}

# (case, scores, group, agree, applicable, percent, meets the goal, items disagreed)
ARITHMETIC = [
    # every item agreed: full marks
    ("all agree, understandability", ALL_AGREE, U, 17, 17, 100, True, ()),
    ("all agree, actionability", ALL_AGREE, A, 7, 7, 100, True, ()),
    # one disagree of 17 is 94%: above the 90% goal
    ("one disagree of 17", {**ALL_AGREE, 15: "disagree"}, U, 16, 17, 94, True, (15,)),
    # two of 17 is 88.2%: below 90%, and shown rounded down
    ("two disagree of 17", {**ALL_AGREE, 2: "disagree", 15: "disagree"}, U, 15, 17, 88, False, (2, 15)),
    # na counts in neither: 9 of 10 applicable is exactly 90%, which meets the goal
    (
        "na leaves items out: exactly 90%",
        {**ALL_AGREE, 6: "na", 16: "na", 17: "na", 18: "na", 19: "na", 8: "na", 9: "na", 1: "disagree"},
        U,
        9,
        10,
        90,
        True,
        (1,),
    ),
    # 4 of 5 is exactly 80%: meets the actionability goal
    ("exactly 80% actionable", {**ALL_AGREE, 24: "na", 25: "na", 23: "disagree"}, A, 4, 5, 80, True, (23,)),
    # 5 of 7 is 71.4%: below 80%
    ("5 of 7 actionable", {**ALL_AGREE, 22: "disagree", 23: "disagree"}, A, 5, 7, 71, False, (22, 23)),
    # 6 of 7 is 85.7%: shown as 85, never rounded up
    ("6 of 7 rounds down", {**ALL_AGREE, 26: "disagree"}, A, 6, 7, 85, True, (26,)),
    # the other group's items do not count
    ("actionability ignores understandability items", {**ALL_AGREE, 1: "disagree"}, A, 7, 7, 100, True, ()),
    # nothing applicable: no score and not the goal (PEMAT-P never allows this; the model refuses it first)
    ("nothing applicable", {n: "na" for n in pemat.ITEMS}, A, 0, 0, 0, False, ()),
]


@pytest.mark.parametrize(
    ("case", "scores", "group", "agree", "applicable", "percent", "meets", "disagreed"),
    ARITHMETIC,
    ids=[row[0] for row in ARITHMETIC],
)
def test_score_arithmetic(case, scores, group, agree, applicable, percent, meets, disagreed) -> None:
    found = pemat.result(scores, group)
    assert (found.agree, found.applicable, found.percent, found.meets_goal) == (agree, applicable, percent, meets)
    assert found.disagreed == disagreed


def test_a_rounded_score_never_shows_the_goal_when_it_fails() -> None:
    for applicable in range(1, 18):
        for agree in range(applicable + 1):
            for goal in pemat.GOALS.values():
                shown = agree * 100 // applicable
                assert (shown >= goal) == (agree * 100 >= goal * applicable)


# ---------------------------------------------------------------- one score file

FILE = "data/pemat/chapter.yml"

# (case, the file's text, every problem reported about it)
FILES = [
    # every item agreed, each with a reason: nothing to report
    ("a valid file", score_text(), []),
    # `na` where the tool allows it
    ("na where allowed", score_text(scores=dict.fromkeys(NA_ALLOWED, "na")), []),
    # an item PEMAT-P does not have
    (
        "unknown item 27",
        score_text(scores={27: "agree"}),
        [
            f"{FILE}:77: unknown item `27`; PEMAT for print has items 1 to 12 and 15 to 26, each written as its "
            "number (CONVENTIONS.md lists them)"
        ],
    ),
    # items 13 and 14 are for audio and video only
    (
        "audio-visual item 13",
        score_text(scores={13: "agree"}),
        [
            f"{FILE}:77: item 13 is for audio and video only; PEMAT for print has items 1 to 12 and 15 to 26: "
            "delete this item"
        ],
    ),
    # an item left out
    (
        "missing item 7",
        score_text(scores={7: None}),
        [f"{FILE}:4: missing item 7 (no calculations); score every item from 1 to 12 and 15 to 26"],
    ),
    # several left out: named in one line
    (
        "missing items 20 and 26",
        score_text(scores={20: None, 26: None}),
        [
            f"{FILE}:4: missing items 20 (an action named), 26 (visual aids for action); score every item from 1 to "
            "12 and 15 to 26"
        ],
    ),
    # N/A where PEMAT does not allow it
    (
        "na on item 1",
        score_text(scores={1: "na"}),
        [
            f"{FILE}:{item_line(1) + 1}: item 1 (purpose clear): PEMAT does not allow `na` for this item; "
            "score it agree or disagree"
        ],
    ),
    # a score word that is not agree, disagree or na
    (
        "score yes",
        score_text(scores={3: "yes"}),
        [f"{FILE}:{item_line(3) + 1}: item 3: `score` must be 'agree', 'disagree' or 'na', not 'yes'"],
    ),
    # a reason left out
    (
        "no reason",
        score_text().replace("    reason: Item 5 reason.\n", ""),
        [
            f"{FILE}:{item_line(5)}: item 5: missing `reason`; add `reason:` with one line saying why, from what "
            "the chapter says or shows"
        ],
    ),
    # an empty reason
    (
        "empty reason",
        score_text().replace("reason: Item 5 reason.", "reason: ' '"),
        [f"{FILE}:{item_line(5) + 2}: item 5: `reason` is empty; write the text after `reason:`"],
    ),
    # the number quoted as text
    (
        "item number in quotes",
        score_text().replace("  9:\n", "  '9':\n"),
        [
            f"{FILE}:{item_line(9)}: item '9' is written as text; write the number without quotes, like `9:`",
            f"{FILE}:4: missing item 9 (informative headers); score every item from 1 to 12 and 15 to 26",
        ],
    ),
    # a date that is not a date
    (
        "date in words",
        score_text(date="last Tuesday"),
        [f"{FILE}:3: `scored`: `date` must be a date written YYYY-MM-DD, like `2026-12-01`, not 'last Tuesday'"],
    ),
    # who scored it left out
    (
        "no scorer",
        score_text().replace("  by: Sam Lee, nurse\n", ""),
        [
            f"{FILE}:1: `scored`: missing `by`; add `by:` with the scorer's name and role, like "
            "`Sam Lee, physiotherapist`"
        ],
    ),
    # a key the file does not have
    (
        "unknown key",
        score_text() + "notes: fine\n",
        [f"{FILE}:77: unknown key `notes`; did you mean `items`? allowed keys here: items, scored"],
    ),
    # several problems at once: all reported, each at its line
    (
        "every problem at once",
        score_text(scores={1: "na", 3: "yes", 7: None, 27: "agree"}),
        [
            f"{FILE}:4: missing item 7 (no calculations); score every item from 1 to 12 and 15 to 26",
            f"{FILE}:{item_line(1) + 1}: item 1 (purpose clear): PEMAT does not allow `na` for this item; "
            "score it agree or disagree",
            f"{FILE}:{item_line(3) + 1}: item 3: `score` must be 'agree', 'disagree' or 'na', not 'yes'",
            f"{FILE}:74: unknown item `27`; PEMAT for print has items 1 to 12 and 15 to 26, each written as its "
            "number (CONVENTIONS.md lists them)",
        ],
    ),
    # not YAML at all
    ("empty file", "", [f"{FILE}:1: the file is empty; start it with {pemat.STARTS_WITH}"]),
]


@pytest.mark.parametrize(("case", "text", "expected"), FILES, ids=[row[0] for row in FILES])
def test_score_file_problems(case: str, text: str, expected: list[str], tmp_path: Path) -> None:
    (tmp_path / "data" / "pemat").mkdir(parents=True)
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    loaded, stray = pemat.load_scores(tmp_path)
    assert stray == []
    assert sorted(str(p) for p in loaded["chapter"].problems) == sorted(expected)
    assert (loaded["chapter"].model is None) == bool(expected)


def test_a_file_that_is_not_yml_is_reported_and_hidden_files_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "pemat"
    folder.mkdir(parents=True)
    (folder / "chapter.yaml").write_text(score_text(), encoding="utf-8")
    (folder / ".chapter.yml.swp").write_text("x", encoding="utf-8")
    loaded, stray = pemat.load_scores(tmp_path)
    assert loaded == {}
    assert [str(p) for p in stray] == [
        "data/pemat/chapter.yaml:1: score files are named after their chapter and end in .yml, like "
        "data/pemat/red-flags.yml; rename or delete this file"
    ]


# ---------------------------------------------------------------- against the chapters

PAGES = {
    "data/references.yml": REFERENCES,
    "docs/chapter.md": CHAPTER,  # reviewed: 2026-11-23
    "quiz/chapter.yml": BANK,
    "docs/index.md": "---\ntitle: Home\n---\n\n# Home\n\nWelcome to the course. We hope it helps you.\n",
}
NO_SCORE = (
    "docs/chapter.md:1: this chapter has no PEMAT score; copy templates/pemat.yml to data/pemat/chapter.yml and "
    'score the chapter item by item (CONTRIBUTING.md, "Score a chapter")'
)
STALE = (
    "data/pemat/chapter.yml:3: scored on 2026-11-01, before the chapter was last reviewed (2026-11-23, `reviewed` "
    "on docs/chapter.md); re-score on review: score every item again against the chapter as it is now, and set "
    "`date` to that day"
)
BELOW_U = (
    "data/pemat/chapter.yml:4: understandability is 88% (15 of 17 items), below the goal of 90%; items scored "
    "disagree: 6 (numbers clear), 15 (visual aids where they help). Change the chapter, not the score, then score "
    "it again"
)
BELOW_A = (
    "data/pemat/chapter.yml:4: actionability is 0% (0 of 7 items), below the goal of 80%; items scored disagree: "
    "20 (an action named), 21 (speaks to you), 22 (steps), 23 (a tool), 24 (calculations explained), 25 (charts "
    "explained), 26 (visual aids for action). Change the chapter, not the score, then score it again"
)
NO_ACTIONS = {n: "disagree" for n in range(20, 27)}

# (case, files added, every problem, the ones the live preview shows as notes instead)
COURSE = [
    # no data/pemat/ folder (the small test sites): nothing is scored and nothing is asked
    ("no data/pemat/", {}, [], []),
    # a score file for the chapter, on or after its review date, above the goal
    ("scored and at the goal", {FILE: score_text()}, [], []),
    # scored on the review day itself is not before it
    ("scored on the review day", {FILE: score_text(date="2026-11-23")}, [], []),
    # data/pemat/ exists, but this chapter has no file
    ("a chapter with no file", {"data/pemat/other.yml": score_text()}, None, None),
    # a file for a page with no quiz
    (
        "a file for a page that is not a chapter",
        {FILE: score_text(), "data/pemat/index.yml": score_text()},
        [
            "data/pemat/index.yml:1: docs/index.md is not a chapter (it has no quiz); only chapters are scored: "
            "delete this file"
        ],
        [],
    ),
    # a file named after no page, with a suggestion
    (
        "a file for no page",
        {FILE: score_text(), "data/pemat/chapters.yml": score_text()},
        [
            "data/pemat/chapters.yml:1: there is no page docs/chapters.md (did you mean `chapter`?); a score file is "
            "named after its chapter: rename it, or delete it if the chapter is gone"
        ],
        [],
    ),
    # scored before the chapter's `reviewed` date: re-score on review
    ("scored before the review", {FILE: score_text(date="2026-11-01")}, [STALE], [STALE]),
    # below the understandability goal: the disagreed items named
    (
        "below the understandability goal",
        {FILE: score_text(scores={6: "disagree", 15: "disagree"})},
        [BELOW_U],
        [BELOW_U],
    ),
    # below both goals and stale: every problem at once
    (
        "stale and below both goals",
        {FILE: score_text(date="2026-11-01", scores={6: "disagree", 15: "disagree", **NO_ACTIONS})},
        [STALE, BELOW_A, BELOW_U],
        [STALE, BELOW_A, BELOW_U],
    ),
    # a broken file: its own problems, and no goal or date check on top (the preview stops on it too)
    (
        "a broken file is not checked against the chapter",
        {FILE: score_text(date="2026-11-01", scores={1: "na", **NO_ACTIONS})},
        [
            f"{FILE}:{item_line(1) + 1}: item 1 (purpose clear): PEMAT does not allow `na` for this item; "
            "score it agree or disagree"
        ],
        [],
    ),
]


@pytest.mark.parametrize(("case", "files", "expected", "notes"), COURSE, ids=[row[0] for row in COURSE])
def test_course_checks_scores_against_the_chapters(case, files, expected, notes, tmp_path: Path) -> None:
    if expected is None:  # the chapter-with-no-file case also has a file for a page that does not exist
        expected = [
            "data/pemat/other.yml:1: there is no page docs/other.md; a score file is named after its chapter: "
            "rename it, or delete it if the chapter is gone",
            NO_SCORE,
        ]
        notes = [NO_SCORE]
    root = make_site(tmp_path, {**PAGES, **files})
    assert [str(p) for p in Course.load(root=root).problems] == sorted(expected)
    preview = Course.load(root=root, preview=True)
    assert [str(p) for p in preview.notes] == sorted(notes)
    assert sorted(str(p) for p in preview.problems) == sorted(set(expected) - set(notes))


# ---------------------------------------------------------------- the about page's table


class _Page:
    def __init__(self, src: str) -> None:
        self.file = type("File", (), {"src_path": src})()
        self.meta: dict = {}


def test_the_table_shows_each_chapter_s_scores_in_menu_order(tmp_path: Path) -> None:
    scores = {6: "disagree", 15: "disagree", 24: "na", 25: "na", 23: "disagree"}
    root = make_site(tmp_path, {**PAGES, FILE: score_text(scores=scores)})
    course = Course.load(root=root)
    html = course.macros(lambda: _Page("index.md"))["pemat_table"]()
    assert (
        '<caption id="course-pemat-caption">How easy each chapter is to understand and act on (PEMAT)</caption>' in html
    )
    assert '<th scope="col">Easy to understand</th><th scope="col">Easy to act on</th>' in html
    assert '<tr><th scope="row"><a href="chapter.html">A chapter</a></th><td>88%</td><td>80%</td>' in html
    assert "<td>1 December 2026</td></tr>" in html


def test_the_table_says_not_scored_yet_in_a_site_without_scores(tmp_path: Path) -> None:
    course = Course.load(root=make_site(tmp_path, PAGES))
    html = course.macros(lambda: _Page("index.md"))["pemat_table"]()
    assert '<a href="chapter.html">A chapter</a></th><td colspan="3">Not scored yet</td>' in html


# ---------------------------------------------------------------- the reading-level table


def test_readability_prints_pemat_columns_and_flags_long_pages(tmp_path: Path) -> None:
    long_page = CHAPTER.replace("Pain protects you {{", "The cat sat on the mat. " * 200 + "Pain protects you {{")
    root = make_site(
        tmp_path, {**PAGES, "docs/chapter.md": long_page, FILE: score_text(scores={15: "disagree", 23: "disagree"})}
    )
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = readability.main(["--root", str(root)])
    lines = printed.getvalue().splitlines()
    assert status == 0  # over the word limit is a warning only
    assert lines[0].split() == ["chapter", "words", "grade", "U%", "A%"]
    chapter = next(line for line in lines if line.startswith("docs/chapter.md"))
    assert chapter.split()[3:5] == ["94%", "85%"]
    assert chapter.endswith("over 1,100 words")
    index = next(line for line in lines if line.startswith("docs/index.md"))
    assert index.split()[3:5] == ["-", "-"] and "over" not in index
    assert (
        lines[-1] == "2 chapters, 0 above grade 8; 1 over 1,100 words (a warning: cut repetition, or split the chapter)"
    )


# ---------------------------------------------------------------- the real repository


@pytest.fixture(scope="module")
def real() -> Course:
    return Course.load()


def test_every_real_chapter_has_a_score_file_and_every_file_is_valid(real: Course) -> None:
    assert real.scores is not None, "data/pemat/ is missing"
    chapters = {src.removesuffix(".md") for src, page in real.pages.items() if page.is_chapter}
    assert set(real.scores) == chapters
    assert len(chapters) >= 15
    for slug, loaded in real.scores.items():
        assert loaded.problems == [], slug
        assert loaded.model is not None


def test_real_scores_fail_only_where_the_goal_is_not_met(real: Course) -> None:
    """Any PEMAT problem in the repository is a chapter below the goal, and every such chapter is reported."""
    below = {
        f"data/pemat/{slug}.yml"
        for slug, loaded in real.scores.items()
        if not all(found.meets_goal for found in pemat.results(loaded.model).values())
    }
    reported = [p for p in real.problems if p.path.startswith("data/pemat/")]
    assert all("below the goal of" in p.message for p in reported), reported
    assert {p.path for p in reported} == below


def test_the_real_course_passes_once_every_chapter_meets_the_goal(tmp_path: Path) -> None:
    """A copy of the repository whose scores all meet the goal has no problem at all: the score files
    name every chapter and are dated on or after each chapter's review, so the goal is all that is left."""
    root = tmp_path / "repository"
    for folder in ("docs", "quiz", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for path in (root / "data" / "pemat").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("score: disagree", "score: agree"), encoding="utf-8")
    assert [str(p) for p in Course.load(root=root).problems] == []
