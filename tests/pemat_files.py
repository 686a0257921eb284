"""PEMAT score files for tests: every item scored, agree unless told otherwise (macros/pemat.py).

The layout is fixed so that tests can name lines: `scored:` on line 1, `by:` 2,
`date:` 3, `items:` 4, then three lines per item in ITEMS order (its number, `score:`,
`reason:`); `item_line(n)` is the line of item n's number.
"""

from __future__ import annotations

from macros.pemat import ITEMS

ORDER = list(ITEMS)


def score_text(
    date: str = "2026-12-01", scores: dict[int, str | None] | None = None, by: str = "Sam Lee, nurse"
) -> str:
    """A score file; `scores` overrides items (None leaves the item out)."""
    chosen = {number: "agree" for number in ITEMS} | dict(scores or {})
    lines = ["scored:", f"  by: {by}", f"  date: {date}", "items:"]
    for number in ORDER:
        score = chosen[number]
        if score is None:
            continue
        lines += [f"  {number}:", f"    score: {score}", f"    reason: Item {number} reason."]
    extra = [n for n in chosen if n not in ITEMS and chosen[n] is not None]
    for number in extra:
        lines += [f"  {number}:", f"    score: {chosen[number]}", "    reason: Not a print item."]
    return "\n".join(lines) + "\n"


def item_line(number: int) -> int:
    """The line of item `number` in a file from score_text() with every item present."""
    return 5 + 3 * ORDER.index(number)
