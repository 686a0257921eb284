"""Glossary words: a definition on hover and on keyboard focus, with each term in the Tab order once
(outside quiz answer choices, which quiz.js keeps to one Tab stop per question)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_first_use_of_each_term_is_focusable_and_repeats_are_not(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/how-it-is-treated.html")
    terms = page.evaluate(
        """[...document.querySelectorAll('article abbr[title]')].filter(a => !a.closest('.quiz-options')).map(a => ({
             term: a.textContent.toLowerCase(), focusable: a.getAttribute('tabindex') === '0', title: a.title }))"""
    )
    assert len(terms) > len({t["term"] for t in terms})  # the page repeats some terms
    first_uses = {}
    for term in terms:
        assert term["title"].strip()  # every use carries its definition for hover and screen readers
        first_uses.setdefault(term["term"], term)
        assert term["focusable"] == (first_uses[term["term"]] is term)
    word = page.locator("article abbr[tabindex='0']").first
    tooltip = page.locator(".md-tooltip2, .md-tooltip").first
    expect(tooltip).to_be_hidden()
    definition = first_uses[word.inner_text().lower()]["title"]
    word.focus()
    expect(word).to_be_focused()
    expect(tooltip).to_be_visible()  # Material shows the definition
    expect(tooltip).to_contain_text(definition)
    assert page.watch.errors == []  # type: ignore[attr-defined]
