"""The "Ask my clinician about this" link (macros/templates/quiz.html.j2) and what the questions page
gives tools.js to resolve it (macros/tools.py): only the course's own questions, as plain text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from macros.banks import load_bank
from macros.quiz import Chapter, Place, render_quiz
from macros.render import Renderer
from macros.tools import askable, my_questions
from macros.words import load_words

ROOT = Path(__file__).resolve().parents[2]
BANK = """questions:
  - id: pain-protects
    type: true-false
    prompt: Pain's main job is to **protect** you.
    answer: true
    feedback: It is.
    explanation: E.
  - id: quote-and-tag
    type: single
    prompt: 'Is "<b>" a tag?'
    options:
      - {text: "Yes", correct: true}
      - {text: "Not at all", feedback: F.}
    explanation: E.
"""


@pytest.fixture
def bank(tmp_path: Path):
    path = tmp_path / "demo.yml"
    path.write_text(BANK, encoding="utf-8")
    return load_bank(path).bank


# (case, where the chapter sits, the ask links the quiz must have)
# fmt: off
PLACES = [
    # a site with a questions page: one link per question, the same words, a name with its number
    ("with a questions page", Place(1, 2, None, "../my-questions.html"), [
        '<a class="quiz-ask" href="../my-questions.html#ask=demo/pain-protects" '
        'aria-label="Ask my clinician about this: question 1">Ask my clinician about this</a>',
        '<a class="quiz-ask" href="../my-questions.html#ask=demo/quote-and-tag" '
        'aria-label="Ask my clinician about this: question 2">Ask my clinician about this</a>',
    ]),
    # no page calls my_questions(): no link to nowhere
    ("without a questions page", Place(1, 2, "progress.html"), []),
    # not a chapter in the menu (no place): no link
    ("outside the menu", None, []),
]
# fmt: on


@pytest.mark.parametrize(("case", "place", "links"), PLACES, ids=[row[0] for row in PLACES])
def test_each_question_links_to_the_questions_page_when_there_is_one(case, place, links, bank) -> None:
    page = render_quiz("demo", bank, Renderer(), place=place)
    assert re.findall(r'<a class="quiz-ask"[^>]*>[^<]*</a>', page) == links, case
    # inside the actions quiz.js shows, so it is never shown without JavaScript, nor printed
    for link in links:
        assert re.search(r'<div class="quiz-actions" hidden><button[^\n]*' + re.escape(link) + "</div>", page)


def test_the_questions_page_carries_each_chapters_questions_as_plain_text(bank) -> None:
    words, _ = load_words(ROOT, "en")
    chapters = [Chapter("demo", "A <b> chapter", "demo/index.html", bank)]
    assert askable(chapters, Renderer()) == {
        "demo": [
            "A <b> chapter",
            "demo/index.html#quiz-demo-",
            [["pain-protects", "Pain's main job is to protect you."], ["quote-and-tag", 'Is "<b>" a tag?']],
        ]
    }
    page = my_questions(words, ["Do I need a scan?"], chapters, Renderer())
    attribute = re.search(r' data-ask="([^"]*)"', page).group(1)
    assert "<" not in attribute  # escaped for the attribute
    assert json.loads(html.unescape(attribute)) == askable(chapters, Renderer())
    # a site with no chapters: an empty map, so every #ask= address adds nothing
    assert ' data-ask="{}"' in my_questions(words, ["Do I need a scan?"])
