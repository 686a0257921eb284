"""Question banks (macros/banks.py, macros/yamlfile.py): every malformed bank is reported
with its exact file, line and fix; valid banks load into the expected model; the real
banks in quiz/ are all valid.

Line numbers in the tables were counted by hand from the YAML text of each row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.banks import (
    QUESTION_TYPES,
    MultipleQuestion,
    Option,
    SingleQuestion,
    TrueFalseQuestion,
    load_bank,
    option_list,
    signature,
)

ROOT = Path(__file__).resolve().parents[2]
REAL_BANKS = sorted((ROOT / "quiz").glob("*.yml"))

TYPES = "single, multiple, true-false, classify"
SINGLE_KEYS = "explanation, id, learn_more, options, prompt, sources, type"
TRUE_FALSE_KEYS = "answer, explanation, feedback, id, learn_more, prompt, sources, type"
OPTION_KEYS = "correct, feedback, text"
SLUG_RULE = "must be lower-case words or numbers joined by single hyphens, like"


def write_bank(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "quiz" / "demo.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, content: str | bytes) -> list[str]:
    loaded = load_bank(write_bank(tmp_path, content), "quiz/demo.yml")
    return [str(problem) for problem in loaded.problems]


# ---------------------------------------------------------------- malformed banks

# (case, bank text, the exact problems reported)
# fmt: off
MALFORMED = [
    (
        "empty file",
        "",
        ["quiz/demo.yml:1: the bank is empty; start it with `questions:`"],
    ),
    (
        "only comments and blank lines",
        "# yaml-language-server: $schema=schema.json\n"
        "\n"
        "# questions to come\n",
        ["quiz/demo.yml:1: the bank is empty; start it with `questions:`"],
    ),
    (
        "not UTF-8: a Latin-1 byte on line 2",
        b"questions:\n  - id: a\xff\n",
        [
            "quiz/demo.yml:2: this line has a character saved in another encoding (such as Latin-1 or "
            "Windows-1252), not UTF-8; save the file as UTF-8 in your editor"
        ],
    ),
    (
        "binary: NUL bytes",
        b"questions:\n\x00\x01\x02\n",
        [
            "quiz/demo.yml:1: this is not a text file (it looks like a picture, a document or a program); "
            "the bank must be plain text saved as UTF-8"
        ],
    ),
    (
        "saved as UTF-16 with a byte-order mark: named as such, not called binary",
        "questions:\n".encode("utf-16"),
        [
            "quiz/demo.yml:1: the file is saved as UTF-16 (or UTF-32) text; save it as UTF-8 instead "
            "(in your editor, choose the UTF-8 encoding when you save)"
        ],
    ),
    (
        "oversized: one byte over 256 KiB",
        "#" * (256 * 1024 + 1),
        ["quiz/demo.yml:1: the file is 262,145 bytes, more than the 262,144 allowed; split it or shorten it"],
    ),
    (
        "exactly 256 KiB is allowed (then it is only empty)",
        "#" * (256 * 1024),
        ["quiz/demo.yml:1: the bank is empty; start it with `questions:`"],
    ),
    (
        "YAML syntax error: a key indented one space too little",
        "questions:\n"
        "  - id: a\n"
        "   type: single\n",
        [
            "quiz/demo.yml:3: this line is not lined up with the lines above it: keys of the same block start in "
            "the same column, and so do the `- ` items of a list"
        ],
    ),
    (
        "YAML syntax error: a key indented too far",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "      prompt: P?\n",
        [
            "quiz/demo.yml:4: this line is indented more than the line above it (or the line above is missing its "
            "`key:`); line up keys of the same block in the same column"
        ],
    ),
    (
        "YAML syntax error: unclosed quote (reported on the line where it opens)",
        "questions:\n"
        "  - id: a\n"
        '    prompt: "Is it?\n'
        "    type: single\n",
        ["quiz/demo.yml:3: a quotation mark opened on this line is never closed; add the closing quote"],
    ),
    (
        "YAML syntax error: tab indentation",
        "questions:\n"
        "\t- id: a\n",
        [
            "quiz/demo.yml:2: this line is indented with a tab; indent with spaces only "
            "(set your editor to insert spaces)"
        ],
    ),
    (
        "a second YAML document in the file",
        "questions: []\n"
        "---\n"
        "questions: []\n",
        [
            "quiz/demo.yml:2: a second document starts here (after a `---` or `...` line); one file holds one "
            "document: remove that line, or move what follows into a file of its own"
        ],
    ),
    (
        "a top-level list instead of a mapping",
        "- id: a\n"
        "  type: single\n",
        ["quiz/demo.yml:1: the bank must be a block of `key: value` lines starting with `questions:`, not a list"],
    ),
    (
        "a top-level sentence instead of a mapping",
        "Check your understanding\n",
        [
            "quiz/demo.yml:1: the bank must be a block of `key: value` lines starting with `questions:`, "
            "not 'Check your understanding'"
        ],
    ),
    (
        "duplicate key in one question",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    prompt: Q?\n",
        ["quiz/demo.yml:5: the key `prompt` appears twice in the same block; keep one of them"],
    ),
    (
        "unknown top-level key: `titel` (typo with suggestion)",
        "titel: Check yourself\n"
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: Pain is real.\n"
        "    answer: true\n"
        "    feedback: It is real.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:1: unknown key `titel`; did you mean `title`? allowed keys here: questions, title"],
    ),
    (
        "`question:` instead of `questions:`",
        "question:\n"
        "  - id: a\n",
        [
            "quiz/demo.yml:1: missing `questions`; add `questions:` followed by a list of questions",
            "quiz/demo.yml:1: unknown key `question`; did you mean `questions`? allowed keys here: questions, title",
        ],
    ),
    (
        "`questions:` with nothing after it",
        "questions:\n",
        [
            "quiz/demo.yml:1: `questions` is empty; write the questions, each starting with `- `, on the lines "
            "after `questions:`"
        ],
    ),
    (
        "`questions: []` (no questions)",
        "questions: []\n",
        ["quiz/demo.yml:1: `questions` needs at least 1 item"],
    ),
    (
        "a question that is a plain sentence",
        "questions:\n"
        "  - hello\n",
        ["quiz/demo.yml:2: question 1: each question must be a block of `key: value` lines, not 'hello'"],
    ),
    (
        "unknown question key `promt`: did you mean, and the prompt is then missing",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    promt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:2: question 'a': missing `prompt`; add `prompt:` with the question text",
            "quiz/demo.yml:4: question 'a': unknown key `promt`; did you mean `prompt`? "
            f"allowed keys here: {SINGLE_KEYS}",
        ],
    ),
    (
        "unknown option key `feedbak`",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "        feedbak: No.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:9: question 'a': unknown key `feedbak`; did you mean `feedback`? "
            f"allowed keys here: {OPTION_KEYS}"
        ],
    ),
    (
        "true-false question given options (keys of another type)",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: Pain is real.\n"
        "    options:\n"
        "      - text: True\n"
        "        correct: true\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:2: question 'a': missing `answer`; add `answer:` with true or false",
            "quiz/demo.yml:2: question 'a': missing `feedback`; add `feedback:` saying why the other answer is wrong",
            f"quiz/demo.yml:5: question 'a': unknown key `options`; allowed keys here: {TRUE_FALSE_KEYS}",
        ],
    ),
    (
        "unknown type `singel` with suggestion",
        "questions:\n"
        "  - id: a\n"
        "    type: singel\n"
        "    prompt: P?\n"
        "    explanation: E.\n",
        [f"quiz/demo.yml:3: question 'a': unknown question type `singel`; did you mean `single`? use one of: {TYPES}"],
    ),
    (
        "unknown type `true-or-false` with suggestion",
        "questions:\n"
        "  - id: a\n"
        "    type: true-or-false\n"
        "    prompt: P?\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:3: question 'a': unknown question type `true-or-false`; did you mean `true-false`? "
            f"use one of: {TYPES}"
        ],
    ),
    (
        "missing type",
        "questions:\n"
        "  - id: a\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        [f"quiz/demo.yml:2: question 'a': missing `type`; add `type:` with one of: {TYPES}"],
    ),
    (
        "missing prompt",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:2: question 'a': missing `prompt`; add `prompt:` with the question text"],
    ),
    (
        "missing explanation",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: Pain is real.\n"
        "    answer: true\n"
        "    feedback: It is real.\n",
        ["quiz/demo.yml:2: question 'a': missing `explanation`; add `explanation:` with what the right answer teaches"],
    ),
    (
        "missing options",
        "questions:\n"
        "  - id: a\n"
        "    type: multiple\n"
        "    prompt: P?\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:2: question 'a': missing `options`; add `options:` with a list of options, each `- text: ...`"],
    ),
    (
        'empty prompt: `prompt: ""`',
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        '    prompt: ""\n'
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:4: question 'a': `prompt` is empty; write the text after `prompt:`"],
    ),
    (
        "prompt of spaces only",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        '    prompt: "   "\n'
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:4: question 'a': `prompt` is empty; write the text after `prompt:`"],
    ),
    (
        "`prompt:` with nothing after it (reported on the prompt's own line)",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt:\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:4: question 'a': `prompt` is empty; write the text after `prompt:`"],
    ),
    (
        "prompt as a number",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: 42\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:4: question 'a': `prompt` must be text, not the number 42; "
            "put it in quotes if it is meant as text"
        ],
    ),
    (
        "prompt longer than 4,000 characters",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        f"    prompt: {'x' * 4001}\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:4: question 'a': `prompt` is too long (4,001 characters); keep it under 4,000"],
    ),
    (
        "`correct: yes` (a string, not a boolean)",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: yes\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:7: question 'a': `correct` must be true or false (without quotes), not 'yes'"],
    ),
    (
        "`correct:` with nothing after it (reported on its own line)",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct:\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:7: question 'a': `correct` is empty; write true or false after `correct:`"],
    ),
    (
        'true-false `answer: "false"` in quotes',
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: Scans show why you hurt.\n"
        '    answer: "false"\n'
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:5: question 'a': `answer` must be true or false (without quotes), not 'false'"],
    ),
    (
        "true-false missing feedback",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: Pain is real.\n"
        "    answer: true\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:2: question 'a': missing `feedback`; add `feedback:` saying why the other answer is wrong"],
    ),
    (
        "single with zero correct",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: One\n"
        "        feedback: No.\n"
        "      - text: Two\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:5: question 'a': a `single` question needs exactly one correct option, found 0; "
            "mark one option `correct: true`"
        ],
    ),
    (
        "single with two correct",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: One\n"
        "        correct: true\n"
        "      - text: Two\n"
        "        correct: true\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:5: question 'a': a `single` question needs exactly one correct option, found 2; "
            "keep `correct: true` on one option only, or use `type: multiple`"
        ],
    ),
    (
        "multiple with all correct",
        "questions:\n"
        "  - id: a\n"
        "    type: multiple\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: One\n"
        "        correct: true\n"
        "      - text: Two\n"
        "        correct: true\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:5: question 'a': a `multiple` question needs at least one correct and one wrong "
            "option; add at least one wrong option (with `feedback`)"
        ],
    ),
    (
        "multiple with none correct",
        "questions:\n"
        "  - id: a\n"
        "    type: multiple\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: One\n"
        "        feedback: No.\n"
        "      - text: Two\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:5: question 'a': a `multiple` question needs at least one correct and one wrong "
            "option; mark at least one option `correct: true`"
        ],
    ),
    (
        "wrong option 2 without feedback",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "      - text: Also wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:8: question 'a': wrong option 2 has no `feedback`; add `feedback:` saying why it is wrong"],
    ),
    (
        "duplicate question ids",
        "questions:\n"
        "  - id: same\n"
        "    type: true-false\n"
        "    prompt: A.\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n"
        "  - id: same\n"
        "    type: true-false\n"
        "    prompt: B.\n"
        "    answer: false\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:8: question 'same': duplicate id (also used on line 2); give each question its own id"],
    ),
    (
        "invalid id: capitals and underscores",
        "questions:\n"
        "  - id: Scan_Findings\n"
        "    type: true-false\n"
        "    prompt: A.\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        [f"quiz/demo.yml:2: question 'Scan_Findings': `id` {SLUG_RULE} `scan-findings`, not 'Scan_Findings'"],
    ),
    (
        "options not a list",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options: Right\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:5: question 'a': `options` must be a list, each item on its own line starting with `- `"],
    ),
    (
        "options that are plain strings, not `- text:` blocks",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - Right\n"
        "      - Wrong\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:6: question 'a': each option must be a block of `key: value` lines, not 'Right'",
            "quiz/demo.yml:7: question 'a': each option must be a block of `key: value` lines, not 'Wrong'",
        ],
    ),
    (
        "single with one option only",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:5: question 'a': `options` needs at least 2 items"],
    ),
    (
        "too many options: 9",
        "questions:\n"
        "  - id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - {text: A, correct: true}\n"
        "      - {text: B, feedback: No.}\n"
        "      - {text: C, feedback: No.}\n"
        "      - {text: D, feedback: No.}\n"
        "      - {text: E, feedback: No.}\n"
        "      - {text: F, feedback: No.}\n"
        "      - {text: G, feedback: No.}\n"
        "      - {text: H, feedback: No.}\n"
        "      - {text: I, feedback: No.}\n"
        "    explanation: E.\n",
        ["quiz/demo.yml:5: question 'a': `options` has more than the 8 items allowed"],
    ),
    (
        "learn_more with an invalid slug (a pasted `#anchor`)",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: A.\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n"
        '    learn_more: "#why-scans"\n',
        [
            f"quiz/demo.yml:8: question 'a': `learn_more` {SLUG_RULE} `why-scans-can-mislead` (a heading id from "
            "the chapter page, without `#`), not '#why-scans'"
        ],
    ),
    (
        "sources not a list",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: A.\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n"
        "    sources: nice-ng59\n",
        ["quiz/demo.yml:8: question 'a': `sources` must be a list, each item on its own line starting with `- `"],
    ),
    (
        "several problems in one bank, reported together in line order",
        "titel: Quiz\n"
        "questions:\n"
        "  - id: first\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: Right\n"
        "        correct: true\n"
        "      - text: Wrong\n"
        "    explanation: E.\n"
        "  - id: second\n"
        "    type: multipel\n"
        "    prompt: P?\n"
        "    explanation: E.\n"
        "  - id: first\n"
        "    type: true-false\n"
        '    prompt: "yes"\n'
        '    answer: "true"\n'
        "    feedback: F.\n"
        "    explanation: E.\n",
        [
            "quiz/demo.yml:1: unknown key `titel`; did you mean `title`? allowed keys here: questions, title",
            "quiz/demo.yml:9: question 'first': wrong option 2 has no `feedback`; "
            "add `feedback:` saying why it is wrong",
            "quiz/demo.yml:12: question 'second': unknown question type `multipel`; did you mean `multiple`? "
            f"use one of: {TYPES}",
            "quiz/demo.yml:15: question 'first': duplicate id (also used on line 3); give each question its own id",
            "quiz/demo.yml:18: question 'first': `answer` must be true or false (without quotes), not 'true'",
        ],
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "content", "expected"), MALFORMED, ids=[row[0] for row in MALFORMED])
def test_malformed_bank_is_reported_with_file_line_and_fix(
    case: str, content: str | bytes, expected: list[str], tmp_path: Path
) -> None:
    loaded = load_bank(write_bank(tmp_path, content), "quiz/demo.yml")
    assert [str(problem) for problem in loaded.problems] == expected


def test_the_malformed_table_covers_enough_cases() -> None:
    assert len(MALFORMED) >= 30
    assert len({row[0] for row in MALFORMED}) == len(MALFORMED)


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    loaded = load_bank(tmp_path / "quiz" / "missing.yml", "quiz/missing.yml")
    assert [str(p) for p in loaded.problems] == [
        "quiz/missing.yml:1: cannot read the file (No such file or directory); check that it exists and is readable"
    ]
    assert loaded.bank is None


def test_display_defaults_to_the_path(tmp_path: Path) -> None:
    path = write_bank(tmp_path, "")
    assert [str(p) for p in load_bank(path).problems] == [
        f"{path.as_posix()}:1: the bank is empty; start it with `questions:`"
    ]


# Loading "never raises for bad content" (module docstring). These inputs made it raise.
# fmt: off
NEVER_RAISES = [
    (
        "an impossible date where text is expected (ruamel builds a date and fails)",
        "questions:\n"
        "  - id: a\n"
        "    type: true-false\n"
        "    prompt: 2026-13-01\n"
        "    answer: true\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
    ),
    (
        "a YAML merge key `<<: *base` whose merged keys hold a problem",
        "questions:\n"
        "  - &base\n"
        "    id: a\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - text: One\n"
        "        feedback: No.\n"
        "      - text: Two\n"
        "        feedback: No.\n"
        "    explanation: E.\n"
        "  - <<: *base\n"
        "    id: b\n",
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "content"), NEVER_RAISES, ids=[row[0] for row in NEVER_RAISES])
def test_loading_never_raises(case: str, content: str, tmp_path: Path) -> None:
    loaded = load_bank(write_bank(tmp_path, content), "quiz/demo.yml")
    assert all(problem.path == "quiz/demo.yml" for problem in loaded.problems)


# ---------------------------------------------------------------- valid banks

# (case, bank text, title, [(class, id, [(option text, correct, feedback), ...])])
# fmt: off
VALID = [
    (
        "single, with schema comment, learn_more and flow-style sources",
        "# yaml-language-server: $schema=schema.json\n"
        "questions:\n"
        "  - id: pain-protects\n"
        "    type: single\n"
        "    prompt: What is pain's *main* job?\n"
        "    options:\n"
        "      - text: To protect you\n"
        "        correct: true\n"
        "      - text: To measure damage\n"
        "        feedback: Pain and damage often do not match.\n"
        "    explanation: Pain is a protector.\n"
        "    learn_more: pain-is-a-protector\n"
        "    sources: [raja-2020]\n",
        None,
        [
            (
                SingleQuestion,
                "pain-protects",
                [("To protect you", True, None), ("To measure damage", False, "Pain and damage often do not match.")],
            )
        ],
    ),
    (
        "multiple, with a title",
        "title: Try these\n"
        "questions:\n"
        "  - id: paths\n"
        "    type: multiple\n"
        "    prompt: Which apply?\n"
        "    options:\n"
        "      - text: Using it often\n"
        "        correct: true\n"
        "      - text: Practice\n"
        "        correct: true\n"
        "      - text: Never using it\n"
        "        feedback: Paths that are not used fade.\n"
        "    explanation: Repetition helps.\n",
        "Try these",
        [
            (
                MultipleQuestion,
                "paths",
                [
                    ("Using it often", True, None),
                    ("Practice", True, None),
                    ("Never using it", False, "Paths that are not used fade."),
                ],
            )
        ],
    ),
    (
        "true-false whose answer is true: False is wrong and carries the feedback",
        "questions:\n"
        "  - id: pain-is-real\n"
        "    type: true-false\n"
        "    prompt: Pain is real.\n"
        "    answer: true\n"
        "    feedback: All pain is real.\n"
        "    explanation: E.\n",
        None,
        [(TrueFalseQuestion, "pain-is-real", [("True", True, None), ("False", False, "All pain is real.")])],
    ),
    (
        "true-false whose answer is false: True is wrong and carries the feedback",
        "questions:\n"
        "  - id: scans-tell-all\n"
        "    type: true-false\n"
        "    prompt: A scan always shows why you hurt.\n"
        "    answer: false\n"
        "    feedback: Many people without pain have the same findings.\n"
        "    explanation: E.\n",
        None,
        [
            (
                TrueFalseQuestion,
                "scans-tell-all",
                [("True", False, "Many people without pain have the same findings."), ("False", True, None)],
            )
        ],
    ),
    (
        "UTF-8 with a byte-order mark, text with surrounding spaces is stripped",
        "\ufeffquestions:\n"
        "  - id: a\n"
        "    type: single\n"
        '    prompt: "  P?  "\n'
        "    options:\n"
        '      - text: "  Right "\n'
        "        correct: true\n"
        "      - text: Wrong\n"
        "        feedback: No.\n"
        "    explanation: E.\n",
        None,
        [(SingleQuestion, "a", [("Right", True, None), ("Wrong", False, "No.")])],
    ),
    (
        "all three types in one bank, with comments and blank lines between",
        "questions:\n"
        "  # the first\n"
        "  - id: one\n"
        "    type: single\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - {text: A, correct: true}\n"
        "      - {text: B, feedback: No.}\n"
        "    explanation: E.\n"
        "\n"
        "  - id: two\n"
        "    type: multiple\n"
        "    prompt: P?\n"
        "    options:\n"
        "      - {text: A, correct: true}\n"
        "      - {text: B, feedback: No.}\n"
        "    explanation: E.\n"
        "\n"
        "  - id: three\n"
        "    type: true-false\n"
        "    prompt: P.\n"
        "    answer: false\n"
        "    feedback: F.\n"
        "    explanation: E.\n",
        None,
        [
            (SingleQuestion, "one", [("A", True, None), ("B", False, "No.")]),
            (MultipleQuestion, "two", [("A", True, None), ("B", False, "No.")]),
            (TrueFalseQuestion, "three", [("True", False, "F."), ("False", True, None)]),
        ],
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "content", "title", "questions"), VALID, ids=[row[0] for row in VALID])
def test_valid_bank_loads_into_the_model(
    case: str, content: str, title: str | None, questions: list, tmp_path: Path
) -> None:
    loaded = load_bank(write_bank(tmp_path, content), "quiz/demo.yml")
    assert loaded.problems == []
    assert loaded.bank is not None
    assert loaded.slug == "demo"
    assert loaded.bank.title == title
    got = [(type(q), q.id, [(o.text, o.correct, o.feedback) for o in option_list(q)]) for q in loaded.bank.questions]
    assert got == questions


def test_valid_bank_keeps_every_field(tmp_path: Path) -> None:
    loaded = load_bank(write_bank(tmp_path, VALID[0][1]), "quiz/demo.yml")
    question = loaded.bank.questions[0]
    assert question.type == "single"
    assert question.prompt == "What is pain's *main* job?"
    assert question.explanation == "Pain is a protector."
    assert question.learn_more == "pain-is-a-protector"
    assert question.sources == ["raja-2020"]
    assert loaded.line_of("questions", 0, "learn_more") == 12
    assert loaded.line_of("questions", 0, "options", 1) == 9


# ---------------------------------------------------------------- signature

BASE = {
    "id": "q",
    "type": "single",
    "prompt": "P?",
    "explanation": "E.",
    "options": [
        {"text": "Right", "correct": True},
        {"text": "Wrong", "feedback": "No."},
    ],
}


def _changed(**changes) -> dict:
    return {**BASE, **changes}


# (case, edited question, whether a saved answer must be dropped: the signature changes)
SIGNATURE = [
    ("same question", _changed(), False),
    ("explanation changed", _changed(explanation="A better explanation."), False),
    ("prompt reworded", _changed(prompt="P, reworded?"), False),
    ("feedback changed", _changed(options=[BASE["options"][0], {"text": "Wrong", "feedback": "Other."}]), False),
    ("learn_more added", _changed(learn_more="a-heading"), False),
    ("option text changed", _changed(options=[{"text": "Right!", "correct": True}, BASE["options"][1]]), True),
    ("options reordered", _changed(options=list(reversed(BASE["options"]))), True),
    (
        "option added",
        _changed(options=[*BASE["options"], {"text": "Third", "feedback": "No."}]),
        True,
    ),
    (
        "correct answer moved",
        _changed(options=[{"text": "Right", "feedback": "No."}, {"text": "Wrong", "correct": True}]),
        True,
    ),
    ("type changed to multiple", _changed(type="multiple"), True),
]


@pytest.mark.parametrize(("case", "edited", "changes"), SIGNATURE, ids=[row[0] for row in SIGNATURE])
def test_signature_changes_only_with_the_options(case: str, edited: dict, changes: bool) -> None:
    from pydantic import TypeAdapter

    from macros.banks import Question

    adapter = TypeAdapter(Question)
    before = signature(adapter.validate_python(BASE))
    after = signature(adapter.validate_python(edited))
    assert len(before) == 10 and all(c in "0123456789abcdef" for c in before)
    assert (before != after) is changes


def test_true_false_signature_changes_when_the_answer_flips() -> None:
    common = {"id": "q", "type": "true-false", "prompt": "P.", "feedback": "F.", "explanation": "E."}
    true = TrueFalseQuestion(**common, answer=True)
    false = TrueFalseQuestion(**common, answer=False)
    assert signature(true) != signature(false)
    assert signature(true) == signature(TrueFalseQuestion(**{**common, "explanation": "Other."}, answer=True))


def test_option_list_copies_the_options() -> None:
    question = SingleQuestion(
        id="q",
        type="single",
        prompt="P?",
        explanation="E.",
        options=[Option(text="A", correct=True), Option(text="B", feedback="No.")],
    )
    options = option_list(question)
    options.append(Option(text="C"))
    assert len(question.options) == 2


# ---------------------------------------------------------------- the real banks


@pytest.mark.parametrize("path", REAL_BANKS, ids=[p.name for p in REAL_BANKS])
def test_real_bank_is_valid(path: Path) -> None:
    loaded = load_bank(path, f"quiz/{path.name}")
    assert [str(p) for p in loaded.problems] == []
    questions = loaded.bank.questions
    assert 5 <= len(questions) <= 8, f"{path.name} has {len(questions)} questions"
    assert {"single", "multiple", "true-false"} <= {q.type for q in questions} <= set(QUESTION_TYPES)
    for question in questions:
        for number, option in enumerate(option_list(question), start=1):
            assert option.correct or option.feedback, f"{path.name}: '{question.id}' option {number} has no feedback"


def test_there_are_real_banks() -> None:
    assert len(REAL_BANKS) >= 1
