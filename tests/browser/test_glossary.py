"""Glossary words: a definition on hover and on keyboard focus at a term's first use on a page, which
is in the Tab order (outside quiz answer choices, which quiz.js keeps to one Tab stop per question)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_each_term_is_marked_once_at_its_first_use_with_hover_and_focus(page: Page, real_url: str) -> None:
    """The build marks only a term's first use on a page (macros/glossary.py); later uses are plain text."""
    page.goto(f"{real_url}/how-it-is-treated.html")
    terms = page.evaluate(
        """() => {
             const article = document.querySelector('article'), text = article.textContent.toLowerCase();
             return [...article.querySelectorAll('abbr')].map(a => {
               const word = a.textContent.toLowerCase();
               return { word, title: a.title, choice: !!a.closest('.quiz-options'),
                        focusable: a.getAttribute('tabindex') === '0', uses: text.split(word).length - 1 };
             });
           }"""
    )
    assert len(terms) >= 5
    titles = [t["title"] for t in terms]
    assert all(title.strip() for title in titles)  # every mark carries its definition for hover and screen readers
    assert len(titles) == len(set(titles))  # each term is marked once on the page
    repeated = [t["word"] for t in terms if t["uses"] > 1]
    assert len(repeated) >= 3, terms  # the page uses these words again, unmarked
    # every mark outside quiz answer choices is in the Tab order (quiz.js keeps choices to one Tab stop)
    assert all(t["focusable"] != t["choice"] for t in terms)
    first = page.locator("article abbr[tabindex='0']").first
    definition = next(t["title"] for t in terms if t["word"] == first.inner_text().lower())
    expect(page.locator(".md-tooltip2, .md-tooltip").first).to_be_hidden()
    first.focus()
    expect(first).to_be_focused()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition)
    expect(tooltip).to_be_visible()  # Material shows the definition on keyboard focus
    first.blur()
    expect(tooltip).to_be_hidden()
    second = page.locator("article abbr[tabindex='0']").nth(1)
    other = next(t["title"] for t in terms if t["word"] == second.inner_text().lower())
    second.hover()
    expect(page.locator(".md-tooltip2, .md-tooltip").filter(has_text=other)).to_be_visible()  # and on hover
    assert page.watch.errors == []  # type: ignore[attr-defined]
