"""The HTML of a chapter's quiz, from a validated bank."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .banks import Bank, option_list, signature
from .render import Renderer

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_TITLE = "Check your understanding"
HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose all the answers that are right.",
    "true-false": "Is this true or false?",
}

_templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["j2", "html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_quiz(slug: str, bank: Bank, renderer: Renderer, headings: dict[str, str] | None = None) -> str:
    """The quiz as one HTML block with no blank lines, so Markdown leaves it whole."""
    headings = headings or {}
    questions: list[dict[str, Any]] = []
    for question in bank.questions:
        options = option_list(question)
        questions.append(
            {
                "id": question.id,
                "dom_id": f"quiz-{slug}-{question.id}",
                "type": question.type,
                "sig": signature(question),
                "input": "checkbox" if question.type == "multiple" else "radio",
                "hint": HINTS[question.type],
                "prompt": renderer.inline(question.prompt),
                "explanation": renderer.block(question.explanation),
                "learn_more": question.learn_more,
                "learn_more_title": headings.get(question.learn_more or "", "this section of the chapter"),
                "options": [
                    {
                        "letter": chr(ord("A") + number),
                        "text": renderer.inline(option.text),
                        "correct": option.correct,
                        "feedback": renderer.inline(option.feedback) if option.feedback else None,
                    }
                    for number, option in enumerate(options)
                ],
            }
        )
    html = _templates.get_template("quiz.html.j2").render(
        slug=slug, title=bank.title or DEFAULT_TITLE, questions=questions
    )
    return re.sub(r"\n\s*\n+", "\n", html).strip()
