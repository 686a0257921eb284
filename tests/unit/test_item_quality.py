"""Item-quality rules (macros/banks.py, item_quality): each bad habit is an error naming the bank,
the line, the question and the fix; the good version of the same question passes.

One row per case; line numbers were counted by hand from each row's YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.banks import load_bank, words_in

HEAD = "questions:\n"


def single(qid: str, prompt: str, options: list[tuple[str, bool]]) -> str:
    """A single-choice question in YAML; every wrong option gets feedback."""
    lines = [f"  - id: {qid}", "    type: single", f"    prompt: {prompt}", "    options:"]
    for text, correct in options:
        lines.append(f"      - text: {text}")
        lines.append("        correct: true" if correct else "        feedback: Not this one.")
    lines.append("    explanation: E.")
    return "\n".join(lines) + "\n"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "quiz" / "demo.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in load_bank(path, "quiz/demo.yml").problems]


FORTY_ONE = " ".join(["word"] * 40) + " why?"
THIRTY_ONE = " ".join(["word"] * 31)

# (case, bank text, the exact problems; [] for a good question)
# fmt: off
CASES = [
    (
        "all of the above as an option",
        HEAD + single("a", "What helps?", [("Moving", True), ("Resting", False), ("All of the above", False)]),
        ["quiz/demo.yml:10: question 'a': option 3 is 'All of the above', which lets a reader answer without "
         "weighing each option; use `type: multiple` (choose all that apply), or write a real option instead"],
    ),
    (
        "none of these, in bold, still counts",
        HEAD + single("a", "What helps?", [("Moving", True), ("Resting", False), ('"**None of these**"', False)]),
        ["quiz/demo.yml:10: question 'a': option 3 is 'None of these', which lets a reader answer without "
         "weighing each option; use `type: multiple` (choose all that apply), or write a real option instead"],
    ),
    (
        "good: a real option instead",
        HEAD + single("a", "What helps?", [("Moving", True), ("Resting", False), ("Waiting", False)]),
        [],
    ),
    (
        "two options with the same text, after trimming and case",
        HEAD + single("a", "What helps?", [("Moving", True), ("Resting", False), ("  resting ", False)]),
        ["quiz/demo.yml:10: question 'a': options 2 and 3 have the same text; make each option say something "
         "different"],
    ),
    (
        "a negative prompt: which is NOT",
        HEAD + single("a", "Which of these is NOT a warning sign?", [("Fever", False), ("Ache", True)]),
        ["quiz/demo.yml:4: question 'a': the prompt asks in the negative (`NOT`), which readers easily miss; "
         "ask it the positive way, or make the word stand out: **not**"],
    ),
    (
        "a negative prompt: except",
        HEAD + single("a", "All of these are warning signs except one. Which?", [("Fever", False), ("Ache", True)]),
        ["quiz/demo.yml:4: question 'a': the prompt asks in the negative (`except`), which readers easily miss; "
         "ask it the positive way, or make the word stand out: **except**"],
    ),
    (
        "good: the negative word emphasised",
        HEAD + single("a", "Which of these is **not** a warning sign?", [("Fever", False), ("Ache", True)]),
        [],
    ),
    (
        "good: 'not' in the situation, not in the question",
        HEAD + single("a", "You feel you were not heard. Which step helps?", [("Leave", False), ("Ask", True)]),
        [],
    ),
    (
        "a prompt over 40 words",
        HEAD + single("a", FORTY_ONE, [("Moving", False), ("Rest", True)]),
        ["quiz/demo.yml:4: question 'a': the prompt has 41 words, over 40; ask one short question (move the "
         "background into the chapter or the explanation)"],
    ),
    (
        "good: exactly 40 words",
        HEAD + single("a", " ".join(["word"] * 39) + " why?", [("Moving", False), ("Rest", True)]),
        [],
    ),
    (
        "an option over 30 words",
        HEAD + single("a", "What helps?", [("Rest", True), (THIRTY_ONE, False)]),
        ["quiz/demo.yml:8: question 'a': option 2 has 31 words, over 30; say it in fewer words (the why belongs "
         "in `feedback` or the explanation)"],
    ),
    (
        "a classify statement over 30 words",
        HEAD + "  - id: c\n    type: classify\n    prompt: Sort them.\n    categories:\n"
        "      - {id: x, text: X}\n      - {id: y, text: Y}\n    statements:\n"
        f"      - {{text: {THIRTY_ONE}, category: x, feedback: F.}}\n"
        "      - {text: Two, category: y, feedback: F.}\n    explanation: E.\n",
        ["quiz/demo.yml:9: question 'c': statement 1 has 31 words, over 30; say it in fewer words (the why "
         "belongs in `feedback` or the explanation)"],
    ),
    (
        "the right answer is the longest in 2 of 3 single-choice questions: both named",
        HEAD + single("a", "A?", [("Short", False), ("Longer one", True)])
        + single("b", "B?", [("No", False), ("Yes indeed", True)])
        + single("c", "C?", [("A long wrong one", False), ("Right", True)]),
        [
            "quiz/demo.yml:5: question 'a': the right answer is the longest option, as it is in 2 of this bank's 3 "
            "single-choice questions, so length gives it away; make a wrong option as long and as careful, or the "
            "right one shorter",
            "quiz/demo.yml:14: question 'b': the right answer is the longest option, as it is in 2 of this bank's 3 "
            "single-choice questions, so length gives it away; make a wrong option as long and as careful, or the "
            "right one shorter",
        ],
    ),
    (
        "good: longest in exactly half (2 of 4) is not a cue",
        HEAD + single("a", "A?", [("Short", False), ("Longer one", True)])
        + single("b", "B?", [("No", False), ("Yes indeed", True)])
        + single("c", "C?", [("A long wrong one", False), ("Right", True)])
        + single("d", "D?", [("Same!", False), ("Same", True)]),
        [],
    ),
    (
        "good: a tie for longest is not a cue",
        HEAD + single("a", "A?", [("Equal", False), ("Equal", True)]).replace("- text: Equal\n        correct",
                                                                             "- text: Equals\n        correct")
        .replace("- text: Equal\n        feedback", "- text: Equal!\n        feedback"),
        [],
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[row[0] for row in CASES])
def test_item_quality_rule(case: str, text: str, expected: list[str], tmp_path: Path) -> None:
    assert problems_of(tmp_path, text) == expected


# (case, text, words a reader reads)
WORDS = [
    ("plain words", "Pain is real.", 3),
    ("bold marks are not words", "**not** a sign", 3),
    ("a link counts its text only", "see [the red flags](red-flags.md) now", 5),
]


@pytest.mark.parametrize(("case", "text", "count"), WORDS, ids=[row[0] for row in WORDS])
def test_words_in(case: str, text: str, count: int) -> None:
    assert words_in(text) == count
