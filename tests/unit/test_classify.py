"""The classify question type (macros/banks.py, macros/quiz.py): the model's limits and rules with
file:line, its signature, and its HTML (one radio group per statement, the key, the progress page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.banks import ClassifyQuestion, load_bank, signature
from macros.quiz import Chapter, Place, render_progress, render_quiz
from macros.render import Renderer


def classify(categories: str, statements: str) -> str:
    return (
        "questions:\n  - id: sort\n    type: classify\n    prompt: Sort them.\n"
        f"    categories:\n{categories}    statements:\n{statements}    explanation: E.\n"
    )


TWO = "      - {id: now, text: Now}\n      - {id: later, text: Later}\n"
STATEMENTS = "      - {text: A, category: now, feedback: F.}\n      - {text: B, category: later, feedback: G.}\n"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "quiz" / "demo.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in load_bank(path, "quiz/demo.yml").problems]


# (case, bank text, the exact problems)
# fmt: off
CASES = [
    ("valid: two categories, two statements", classify(TWO, STATEMENTS), []),
    (
        "a statement without its category",
        classify(TWO, STATEMENTS.replace("category: later, ", "")),
        ["quiz/demo.yml:10: question 'sort': missing `category`; add `category:` with the `id` of the category "
         "the statement belongs in"],
    ),
    (
        "one category only",
        classify("      - {id: now, text: Now}\n", STATEMENTS.replace("later", "now")),
        ["quiz/demo.yml:5: question 'sort': `categories` needs at least 2 items"],
    ),
    (
        "five categories",
        classify("".join(f"      - {{id: c{n}, text: C{n}}}\n" for n in range(5)),
                 STATEMENTS.replace("now", "c0").replace("later", "c1")),
        ["quiz/demo.yml:5: question 'sort': `categories` has more than the 4 items allowed"],
    ),
    (
        "eleven statements",
        classify(TWO, "".join(f"      - {{text: S{n}, category: now, feedback: F.}}\n" for n in range(11))),
        ["quiz/demo.yml:8: question 'sort': `statements` has more than the 10 items allowed"],
    ),
    (
        "a statement in an unknown category",
        classify(TWO, STATEMENTS.replace("category: later", "category: soon")),
        ["quiz/demo.yml:10: question 'sort': statement 2 names the category `soon`, which this question does "
         "not have; use one of: now, later"],
    ),
    (
        "two categories with one id",
        classify(TWO.replace("id: later", "id: now"), STATEMENTS.replace("later", "now")),
        ["quiz/demo.yml:7: question 'sort': categories 1 and 2 have the same id `now`; give each category its "
         "own id"],
    ),
    (
        "two statements with one text",
        classify(TWO, STATEMENTS.replace("text: B", "text: a")),
        ["quiz/demo.yml:10: question 'sort': statements 1 and 2 have the same text; make each statement say "
         "something different"],
    ),
    (
        "a statement without feedback",
        classify(TWO, STATEMENTS.replace(", feedback: G.", "")),
        ["quiz/demo.yml:10: question 'sort': missing `feedback`; add `feedback:` saying why the statement belongs "
         "in its category"],
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[row[0] for row in CASES])
def test_classify_bank(case: str, text: str, expected: list[str], tmp_path: Path) -> None:
    assert problems_of(tmp_path, text) == expected


def question(**change) -> ClassifyQuestion:
    data = {
        "id": "sort", "type": "classify", "prompt": "Sort.", "explanation": "E.",
        "categories": [{"id": "now", "text": "Now"}, {"id": "later", "text": "Later"}],
        "statements": [{"text": "A", "category": "now", "feedback": "F."},
                       {"text": "B", "category": "later", "feedback": "G."}],
    }  # fmt: skip
    data.update(change)
    return ClassifyQuestion.model_validate(data)


def test_signature_changes_with_categories_and_places_not_with_feedback() -> None:
    base = signature(question())
    moved = question(statements=[{"text": "A", "category": "later", "feedback": "F."},
                                 {"text": "B", "category": "later", "feedback": "G."}])  # fmt: skip
    renamed = question(categories=[{"id": "now", "text": "Today"}, {"id": "later", "text": "Later"}])
    reworded = question(statements=[{"text": "A", "category": "now", "feedback": "Other."},
                                    {"text": "B", "category": "later", "feedback": "G."}])  # fmt: skip
    assert signature(moved) != base and signature(renamed) != base and signature(reworded) == base


def test_classify_html_has_one_group_per_statement_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(classify(TWO, STATEMENTS), encoding="utf-8")
    bank = load_bank(path).bank
    html = render_quiz("demo", bank, Renderer(), place=Place(2, 5, "progress.html"))
    assert html.count('<fieldset class="quiz-statement"') == 2
    assert html.count('type="radio"') == 4 and html.count("data-correct") == 2
    assert 'name="quiz-demo-sort-1"' in html and 'name="quiz-demo-sort-2"' in html  # one group per statement
    assert '<strong>Answer:</strong> 1 A; 2 B.</p>' in html
    assert "<strong>2. B</strong> Belongs in: Later. G.</li>" in html
    assert '<p class="quiz-place">Chapter 2 of 5 · <a href="progress.html">your progress</a></p>' in html
    assert "data-search-exclude" in html


def test_progress_lists_chapters_and_links_each_question(tmp_path: Path) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(classify(TWO, STATEMENTS), encoding="utf-8")
    bank = load_bank(path).bank
    html = render_progress([Chapter("demo", "A <b> chapter", "demo.html", bank)], Renderer())
    assert '<tr data-bank="demo" data-count="1">' in html
    assert '<a href="demo.html">A &lt;b&gt; chapter</a>' in html  # titles are escaped
    assert f'data-qid="sort" data-sig="{signature(bank.questions[0])}"><a href="demo.html#quiz-demo-sort">' in html
