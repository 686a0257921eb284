"""PEMAT scores: how easy each chapter is to understand and to act on.

PEMAT is AHRQ's Patient Education Materials Assessment Tool (Shoemaker, Wolf and
Brach, 2013, updated 2014). Its print version, PEMAT-P, has 17 understandability
items (1-12 and 15-19; 13 and 14 are for audio and video only) and 7 actionability
items (20-26). A scorer marks each item agree or disagree, or `na` where the tool
allows it; a score is the share of agrees among the items that apply.

Each chapter has one score file, data/pemat/<chapter-slug>.yml (CONVENTIONS.md,
"PEMAT scores"). This module holds the items (in our own short words), the file's
model, the rules that span fields, and the arithmetic. The checks that need the
pages (a file for every chapter, the goal, the `reviewed` date) are in macros/course.py.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

from .content import _long_date as long_date
from .data import Loaded, load
from .words import Words, english
from .yamlfile import Problem, line_of

FOLDER = "data/pemat"
UNDERSTANDABLE, ACTIONABLE = "understandability", "actionability"
# The course's goal (issue 15); PEMAT itself counts 70% or more as understandable or actionable.
GOALS = {UNDERSTANDABLE: 90, ACTIONABLE: 80}
SCORES = ("agree", "disagree", "na")


@dataclass(frozen=True)
class Item:
    number: int
    group: str  # UNDERSTANDABLE or ACTIONABLE
    short: str  # a few words, for messages and tables
    text: str  # the item, in our own words
    na_when: str | None = None  # when PEMAT-P allows N/A; None: agree or disagree only


# PEMAT-P, in our own words. `na_when` follows the tool: only these items may be N/A.
ITEMS: dict[int, Item] = {
    item.number: item
    for item in (
        Item(1, UNDERSTANDABLE, "purpose clear", "The purpose is clear from the start."),
        Item(2, UNDERSTANDABLE, "nothing off-purpose", "Nothing in it pulls the reader away from that purpose."),
        Item(3, UNDERSTANDABLE, "everyday words", "It uses common, everyday words."),
        Item(
            4,
            UNDERSTANDABLE,
            "medical terms defined",
            "Medical terms appear only where the reader needs them, and each is explained.",
        ),
        Item(5, UNDERSTANDABLE, "active voice", "It uses the active voice."),
        Item(
            6,
            UNDERSTANDABLE,
            "numbers clear",
            "Its numbers are clear and easy to understand.",
            "there are no numbers",
        ),
        Item(7, UNDERSTANDABLE, "no calculations", "It does not ask the reader to work anything out with numbers."),
        Item(8, UNDERSTANDABLE, "short sections", "It is broken into short sections.", "the material is very short"),
        Item(
            9,
            UNDERSTANDABLE,
            "informative headers",
            "Its sections have headers that say what is in them.",
            "the material is very short",
        ),
        Item(10, UNDERSTANDABLE, "logical order", "It presents the information in a logical order."),
        Item(11, UNDERSTANDABLE, "summary", "It gives a summary.", "the material is very short"),
        Item(
            12,
            UNDERSTANDABLE,
            "visual cues",
            "Visual cues (boxes, bullets, bold) draw the eye to the key points.",
        ),
        Item(
            15,
            UNDERSTANDABLE,
            "visual aids where they help",
            "It uses a picture, chart or diagram wherever one would make the content easier to understand.",
        ),
        Item(
            16,
            UNDERSTANDABLE,
            "visual aids support",
            "Its visual aids support the text rather than distract from it.",
            "there are no visual aids",
        ),
        Item(
            17,
            UNDERSTANDABLE,
            "visual aids titled",
            "Its visual aids have clear titles or captions.",
            "there are no visual aids",
        ),
        Item(
            18,
            UNDERSTANDABLE,
            "pictures uncluttered",
            "Its pictures and diagrams are clear and uncluttered.",
            "there are no visual aids",
        ),
        Item(
            19,
            UNDERSTANDABLE,
            "simple tables",
            "Its tables are simple, with short, clear row and column headings.",
            "there are no tables",
        ),
        Item(20, ACTIONABLE, "an action named", "It names at least one thing the reader can do."),
        Item(21, ACTIONABLE, "speaks to you", 'It speaks to the reader directly ("you") when it describes an action.'),
        Item(22, ACTIONABLE, "steps", "It breaks each action into small, explicit steps."),
        Item(
            23,
            ACTIONABLE,
            "a tool",
            "It offers a tangible tool (a checklist, a plan, a list of questions) wherever one would help.",
        ),
        Item(
            24,
            ACTIONABLE,
            "calculations explained",
            "It explains, simply, how to do any calculation it asks for.",
            "there are no calculations",
        ),
        Item(
            25,
            ACTIONABLE,
            "charts explained",
            "It explains how to use its charts, tables or diagrams to act.",
            "there are no charts, graphs, tables or diagrams",
        ),
        Item(
            26,
            ACTIONABLE,
            "visual aids for action",
            "It uses visual aids wherever they would make an action easier to take.",
        ),
    )
}
AUDIO_VISUAL_ONLY = (13, 14)  # PEMAT-A/V items: not part of PEMAT-P


# ---------------------------------------------------------------- the score file

Line = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=300)]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_text(value: Any) -> Any:
    """`plain()` writes YAML dates as YYYY-MM-DD; anything else is not a date."""
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"`date` must be a date written YYYY-MM-DD, like `2026-12-01`, not {_shown(value)}")


def _shown(value: Any) -> str:
    return "nothing" if value is None else repr(str(value))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scored(_Strict):
    """Who scored the chapter, and on what date."""

    by: Line
    date: Annotated[datetime.date, BeforeValidator(_date_text)]


class ItemScore(_Strict):
    score: Literal["agree", "disagree", "na"]
    reason: Line


class ScoreFile(_Strict):
    scored: Scored
    items: dict[str, ItemScore]  # item number (YAML reads `1:` as 1; plain() makes keys text) -> score

    noun: ClassVar[str] = "item"  # "each item must be a block of `key: value` lines"

    @staticmethod
    def problem_label(tree: Any, location: tuple[Any, ...]) -> str:
        """What a problem's sentence starts with: `item 7: ` for anything inside an item."""
        if len(location) > 2 and location[0] == "items":
            return f"item {location[1]}: "
        if location[:1] == ("scored",) and len(location) > 1:
            return "`scored`: "
        return ""

    def score(self, number: int) -> str | None:
        item = self.items.get(str(number))
        return item.score if item else None


@dataclass(frozen=True)
class Result:
    """One group's result: agrees out of the items that apply, and the items scored disagree."""

    group: str
    agree: int
    applicable: int
    disagreed: tuple[int, ...]

    @property
    def percent(self) -> int:
        """Rounded down to a whole percent, so that a score never looks better than it is."""
        return self.agree * 100 // self.applicable if self.applicable else 0

    @property
    def goal(self) -> int:
        return GOALS[self.group]

    @property
    def meets_goal(self) -> bool:
        return self.applicable > 0 and self.agree * 100 >= self.goal * self.applicable


def result(scores: dict[int, str], group: str) -> Result:
    """PEMAT's arithmetic: agrees / (agrees + disagrees) over the group's items; `na` counts in neither."""
    numbers = [n for n, item in ITEMS.items() if item.group == group]
    agree = sum(scores.get(n) == "agree" for n in numbers)
    disagreed = tuple(n for n in numbers if scores.get(n) == "disagree")
    return Result(group, agree, agree + len(disagreed), disagreed)


def results(file: ScoreFile) -> dict[str, Result]:
    scores = {int(key): item.score for key, item in file.items.items() if key.isdigit()}
    return {group: result(scores, group) for group in GOALS}


# ---------------------------------------------------------------- loading

STARTS_WITH = "`scored:` (who scored the chapter and when), then `items:`"


def folder_exists(root: Path) -> bool:
    return (root / FOLDER).is_dir()


def load_scores(root: Path) -> tuple[dict[str, Loaded[ScoreFile]], list[Problem]]:
    """Every score file in data/pemat/, by chapter (its page's path without `.md`), and stray files.

    A file with any problem has no model; its problems are in its `Loaded`.
    """
    folder = root / FOLDER
    scores: dict[str, Loaded[ScoreFile]] = {}
    stray: list[Problem] = []
    if not folder.is_dir():
        return scores, stray
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        display = f"{FOLDER}/{relative}"
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # editor and system files (.DS_Store, .swp)
        if path.suffix != ".yml":
            stray.append(
                Problem(
                    display,
                    1,
                    f"score files are named after their chapter and end in .yml, like {FOLDER}/red-flags.yml; "
                    f"rename or delete this file",
                )
            )
            continue
        loaded = load(path, ScoreFile, display, STARTS_WITH)
        if loaded.tree is not None:
            # The item rules read the file itself, so they are reported with any problem of shape.
            known = {(p.line, p.message) for p in loaded.problems}
            loaded.problems.extend(p for p in item_problems(loaded.tree, display) if (p.line, p.message) not in known)
            if loaded.problems:
                loaded.model = None
        scores[relative.removesuffix(".yml")] = loaded
    return scores, stray


def item_problems(tree: Any, display: str) -> Iterator[Problem]:
    """Every PEMAT-P item once, no other item, and `na` only where the tool allows it."""
    items = tree.get("items") if isinstance(tree, dict) else None
    if not isinstance(items, dict):
        return  # missing or not a block: the model's problem says so
    given = set()
    for key, value in items.items():
        where = line_of(tree, ("items", key))
        number = key if isinstance(key, int) and not isinstance(key, bool) else None
        if number in AUDIO_VISUAL_ONLY:
            yield Problem(
                display,
                where,
                f"item {key} is for audio and video only; PEMAT for print has items 1 to 12 and 15 to 26: "
                "delete this item",
            )
            continue
        if isinstance(key, str) and key.strip().isdigit():
            yield Problem(
                display,
                where,
                f"item '{key}' is written as text; write the number without quotes, like `{key.strip()}:`",
            )
            continue
        if number not in ITEMS:
            yield Problem(
                display,
                where,
                f"unknown item `{key}`; PEMAT for print has items 1 to 12 and 15 to 26, each written as its "
                "number (CONVENTIONS.md lists them)",
            )
            continue
        given.add(number)
        score = value.get("score") if isinstance(value, dict) else None
        if score == "na" and ITEMS[number].na_when is None:
            yield Problem(
                display,
                line_of(tree, ("items", key, "score")),
                f"item {number} ({ITEMS[number].short}): PEMAT does not allow `na` for this item; "
                "score it agree or disagree",
            )
    missing = [n for n in ITEMS if n not in given]
    if missing:
        named = ", ".join(f"{n} ({ITEMS[n].short})" for n in missing)
        yield Problem(
            display,
            line_of(tree, ("items",)),
            f"missing item{'s' if len(missing) != 1 else ''} {named}; score every item from 1 to 12 and 15 to 26",
        )


# ---------------------------------------------------------------- the about page's table


def table(rows: list[tuple[str, str, ScoreFile | None]], words: Words | None = None) -> str:
    """(link, chapter title, score file or None) -> the table of scores, in plain words."""
    w = (words or english())["content"]
    body = []
    for href, title, file in rows:
        if file is None:
            cells = f'<td colspan="3">{escape(w["pemat_not_scored"])}</td>'
        else:
            found = results(file)
            cells = (
                "".join(f"<td>{found[group].percent}%</td>" for group in (UNDERSTANDABLE, ACTIONABLE))
                + f"<td>{escape(long_date(file.scored.date, words))}</td>"
            )
        body.append(f'<tr><th scope="row"><a href="{escape(href)}">{escape(title)}</a></th>{cells}</tr>')
    return "\n".join(
        [
            '<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="course-pemat-caption">',
            '<table class="course-table course-pemat">',
            f'<caption id="course-pemat-caption">{escape(w["pemat_caption"])}</caption>',
            f'<thead><tr><th scope="col">{escape(w["review_chapter"])}</th>'
            f'<th scope="col">{escape(w["pemat_understand"])}</th>'
            f'<th scope="col">{escape(w["pemat_act"])}</th><th scope="col">{escape(w["pemat_date"])}</th></tr></thead>',
            "<tbody>" + "".join(body) + "</tbody></table></div>",
        ]
    )


TEMPLATE_BY = "Your name, your role"
TEMPLATE_DATE = datetime.date(2000, 1, 1)  # before any chapter's review: the check asks for the real date


def template(by: str = TEMPLATE_BY, date: datetime.date = TEMPLATE_DATE) -> str:
    """A blank score file (templates/pemat.yml): every item with its words as a comment, `disagree` until scored."""
    lines = [
        "# A PEMAT-P score file. Copy it to data/pemat/<chapter-slug>.yml and score every item",
        '# (CONTRIBUTING.md, "Score a chapter"; the items: CONVENTIONS.md, "PEMAT scores").',
        "scored:",
        f"  by: {by}",
        f"  date: {date.isoformat()}",
        "items:",
    ]
    for number, item in ITEMS.items():
        na = f" N/A if {item.na_when}." if item.na_when else ""
        lines += [
            f"  # {number}. {item.text}{na}",
            f"  {number}:",
            "    score: disagree",
            "    reason: Not scored yet.",
        ]
    return "\n".join(lines) + "\n"
