"""The HTML of a chapter's quiz, from a validated bank; and the progress page's chapter list."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .banks import Bank, ClassifyQuestion, option_list, signature
from .render import Renderer
from .words import Words, english, fill, for_script

TEMPLATES = Path(__file__).parent / "templates"

_templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["j2", "html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters["fill"] = lambda text, **values: fill(text, **values)


def css_string(text: str) -> str:
    """`text` as a CSS string for `content: var(...)`: quotes, backslashes and line ends as CSS escapes.
    The template's autoescape then makes it safe inside the `style` attribute."""
    return '"' + re.sub(r'["\\\n]', lambda m: f"\\{ord(m.group(0)):x} ", text) + '"'


_templates.filters["css_string"] = css_string


DEFAULT_TITLE = english()["quiz"]["title"]


@dataclass(frozen=True)
class Place:
    """Where a chapter sits in the course: its number among the chapters, the progress page's address,
    and the address of the reader's list of questions for the visit."""

    number: int
    count: int
    progress_href: str | None = None  # None when the site has no progress page
    questions_href: str | None = None  # None when no page calls my_questions(): no "Ask my clinician" links


def question_anchor(slug: str, qid: str) -> str:
    """The stable id of a question on its chapter page: links from the progress page land on it."""
    return f"quiz-{slug}-{qid}"


def ask_fragment(slug: str, qid: str) -> str:
    """What an "Ask my clinician about this" link adds to the questions page's address: a fragment,
    never a query, so it never reaches a server; tools.js adds that question to the reader's list."""
    return f"ask={slug}/{qid}"


def _hint(words: Words, kind: str) -> str:
    return words["quiz"]["hint_" + kind.replace("-", "_")]


def _question(slug: str, question: Any, renderer: Renderer, headings: dict[str, str], words: Words) -> dict[str, Any]:
    quiz = words["quiz"]
    dom_id = question_anchor(slug, question.id)
    entry: dict[str, Any] = {
        "id": question.id,
        "dom_id": dom_id,
        "ask": ask_fragment(slug, question.id),
        "type": question.type,
        "sig": signature(question),
        "hint": _hint(words, question.type),
        "prompt": renderer.inline(question.prompt),
        "explanation": renderer.block(question.explanation),
        "learn_more": question.learn_more,
        "learn_more_title": headings.get(question.learn_more or "", quiz["read_more_fallback"]),
    }
    if isinstance(question, ClassifyQuestion):
        categories = [renderer.inline(c.text) for c in question.categories]
        where = {c.id: number for number, c in enumerate(question.categories)}
        entry["categories"] = [
            {"letter": chr(ord("A") + number), "text": text} for number, text in enumerate(categories)
        ]
        entry["statements"] = [
            {
                "text": renderer.inline(s.text),
                "right": where[s.category],
                "category": categories[where[s.category]],
                "feedback": renderer.inline(s.feedback),
            }
            for s in question.statements
        ]
        entry["key"] = "; ".join(
            f"{number} {chr(ord('A') + where[s.category])}" for number, s in enumerate(question.statements, 1)
        )
        return entry
    options = option_list(question)
    entry["input"] = "checkbox" if question.type == "multiple" else "radio"
    if question.type == "true-false":
        options = [
            option.model_copy(update={"text": quiz["answer_true" if number == 0 else "answer_false"]})
            for number, option in enumerate(options)
        ]
    entry["options"] = [
        {
            "letter": chr(ord("A") + number),
            "text": renderer.inline(option.text),
            "correct": option.correct,
            "feedback": renderer.inline(option.feedback) if option.feedback else None,
        }
        for number, option in enumerate(options)
    ]
    entry["key"] = ", ".join(o["letter"] for o in entry["options"] if o["correct"])
    return entry


def render_quiz(
    slug: str,
    bank: Bank,
    renderer: Renderer,
    headings: dict[str, str] | None = None,
    words: Words | None = None,
    place: Place | None = None,
) -> str:
    """The quiz as one HTML block with no blank lines, so Markdown leaves it whole."""
    words = words or english()
    questions = [_question(slug, q, renderer, headings or {}, words) for q in bank.questions]
    page = _templates.get_template("quiz.html.j2").render(
        slug=slug,
        title=bank.title or words["quiz"]["title"],
        questions=questions,
        words=words,
        script_words=for_script(words, "quiz_script"),
        place=place,
    )
    return re.sub(r"\n\s*\n+", "\n", page).strip()


def plain_text(markup: str) -> str:
    """Rendered inline HTML as the plain text a reader sees."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(markup))).split())


@dataclass(frozen=True)
class Chapter:
    """A chapter in menu order, as the progress page lists it."""

    slug: str
    title: str
    href: str
    bank: Bank


def render_progress(chapters: list[Chapter], renderer: Renderer, words: Words | None = None) -> str:
    """The progress page's chapter list and review list, with what progress.js needs in data attributes."""
    words = words or english()
    rows = []
    for number, chapter in enumerate(chapters, 1):
        rows.append(
            {
                "number": number,
                "slug": chapter.slug,
                "title": chapter.title,
                "href": chapter.href,
                "count": len(chapter.bank.questions),
                "questions": [
                    {
                        "id": q.id,
                        "sig": signature(q),
                        "prompt": plain_text(renderer.inline(q.prompt)),
                        "href": f"{chapter.href}#{question_anchor(chapter.slug, q.id)}",
                    }
                    for q in chapter.bank.questions
                ],
            }
        )
    page = _templates.get_template("progress.html.j2").render(
        chapters=rows, words=words, script_words=for_script(words, "progress")
    )
    return re.sub(r"\n\s*\n+", "\n", page).strip()
