"""The reader's two tools: "My flare-up plan" and "My questions for the visit".

The build writes the whole form, so the page works as a blank form to print without
JavaScript; javascripts/tools.js (loaded on these pages only, see overrides/main.html)
saves and restores what the reader types through store.js. Every word comes from
data/words/<language>.yml, passed to the script in a `data-words` attribute.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from .quiz import Chapter, plain_text, question_anchor
from .render import Renderer

# The plan's fields, in order: (id, key of its label in `plan:` words, key of its hint or "")
PLAN_FIELDS = (
    ("signs", "signs", "signs_hint"),
    ("helped", "helped", ""),
    ("activity", "activity", "activity_hint"),
    ("relief", "relief", "relief_hint"),
    ("calm", "calm", ""),
    ("people", "people", "people_hint"),
)
LINES = 3  # lines to write on, per field, on a blank printed plan


def _data(value: Any) -> str:
    """`value` as compact JSON, escaped for an HTML attribute."""
    return escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _confirm(w: dict[str, str], tool: str) -> str:
    """The clear button and its in-page confirmation (tools.js shows them)."""
    return (
        f'<div class="course-tool-actions" hidden>'
        f'<button type="button" class="md-button" data-tool-clear>{escape(w["clear"])}</button>'
        f'<div class="course-tool-confirm" data-tool-confirm hidden role="group" aria-labelledby="{tool}-confirm">'
        f'<p id="{tool}-confirm">{escape(w["confirm"])}</p>'
        f'<button type="button" class="md-button md-button--primary" data-tool-yes>{escape(w["confirm_yes"])}</button> '
        f'<button type="button" class="md-button" data-tool-no>{escape(w["confirm_no"])}</button>'
        f"</div></div>"
        f'<p class="course-tool-status" data-tool-status role="status" aria-live="polite"></p>'
    )


def flare_plan(words: dict[str, dict[str, str]]) -> str:
    """The flare-up plan: one labelled box per field, and the clear button (the page adds the warning signs)."""
    w = words["plan"]
    parts = [f'<div class="course-tool course-plan" data-tool="plan" data-words="{_data(w)}">']
    parts.append(f'<p class="course-tool-js" hidden>{escape(w["intro_script"])}</p>')
    for field, label, hint in PLAN_FIELDS:
        described = f' aria-describedby="plan-{field}-hint"' if hint else ""
        parts.append(f'<div class="course-plan-field"><label for="plan-{field}">{escape(w[label])}</label>')
        if hint:
            parts.append(f'<p class="course-plan-hint" id="plan-{field}-hint">{escape(w[hint])}</p>')
        parts.append(f'<textarea id="plan-{field}" name="{field}" rows="3"{described}></textarea>')
        parts.append('<div class="course-plan-print" aria-hidden="true"></div>')
        parts.append('<div class="course-plan-lines" aria-hidden="true">' + "<span></span>" * LINES + "</div></div>")
    parts.append(_confirm(w, "plan"))
    parts.append("</div>")
    return "\n".join(parts)


def askable(chapters: Sequence[Chapter], renderer: Renderer) -> dict[str, list[Any]]:
    """Every quiz question a chapter's "Ask my clinician about this" link may add, for tools.js:
    {bank: [chapter title, link to a question on the chapter page but its id, [[question id, prompt]]]},
    chapters in menu order, questions in bank order (tools.js numbers them). The link's fragment names
    only a bank and a question: the words and the link back come from here, so an address made up
    elsewhere can add nothing but a real question of the course."""
    return {
        chapter.slug: [
            chapter.title,
            f"{chapter.href}#{question_anchor(chapter.slug, '')}",
            [[q.id, plain_text(renderer.inline(q.prompt))] for q in chapter.bank.questions],
        ]
        for chapter in chapters
    }


def my_questions(
    words: dict[str, dict[str, str]],
    suggestions: Sequence[str],
    chapters: Sequence[Chapter] = (),
    renderer: Renderer | None = None,
) -> str:
    """The list of questions for the visit: a box to add one, suggested questions, the list, clear all;
    and (`data-ask`) the chapters' quiz questions that their "Ask my clinician about this" links may add."""
    w = words["questions"]
    asks = _data(askable(chapters, renderer or Renderer())) if chapters else "{}"
    parts = [
        f'<div class="course-tool course-questions" data-tool="questions" data-words="{_data(w)}" data-ask="{asks}">'
    ]
    parts.append(f'<p class="course-tool-nojs">{escape(w["no_script"])}</p>')
    parts.append(
        '<form class="course-questions-add course-tool-js" hidden autocomplete="off">'
        f'<label for="questions-new">{escape(w["label"])}</label>'
        '<span class="course-questions-row"><input type="text" id="questions-new" maxlength="300"> '
        f'<button type="submit" class="md-button md-button--primary">{escape(w["add"])}</button></span></form>'
    )
    parts.append(f'<h2 id="my-list">{escape(w["list_title"])}</h2>')
    parts.append(f'<p class="course-questions-empty course-tool-js" hidden>{escape(w["empty"])}</p>')
    parts.append('<ol class="course-questions-list" aria-labelledby="my-list"></ol>')
    parts.append(_confirm(w, "questions"))
    parts.append(f'<h2 id="suggested-questions">{escape(w["suggested_title"])}</h2>')
    parts.append('<ul class="course-questions-suggested">')
    for text in suggestions:
        parts.append(
            f'<li><span>{escape(text)}</span> <button type="button" class="md-button course-tool-js" hidden '
            f'data-suggestion="{escape(text)}" aria-label="{escape(w["add_this"].replace("{question}", text))}">'
            f"{escape(w['add'])}</button></li>"
        )
    parts.append("</ul></div>")
    return "\n".join(parts)
