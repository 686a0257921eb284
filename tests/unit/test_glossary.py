"""Glossary words marked on their first use in a page only (macros/glossary.py)."""

from __future__ import annotations

import markdown
import pytest

from macros.glossary import FirstUsesOnly, first_uses_only

NOCI = '<abbr title="Pain from tissue damage.">'
NERVE = '<abbr title="The brain, spinal cord and nerves.">'

# (case, page HTML, expected HTML)
CASES = [
    (
        # the first use keeps its mark; a repeat later in the same paragraph becomes text
        "repeat in one paragraph",
        f"<p>{NOCI}nociception</abbr> and more {NOCI}nociception</abbr>.</p>",
        f"<p>{NOCI}nociception</abbr> and more nociception.</p>",
    ),
    (
        # two match words of one term (same definition) count as one term
        "another word of the same term",
        f"<p>{NOCI}nociception</abbr></p><p>{NOCI}Nociception</abbr> again</p>",
        f"<p>{NOCI}nociception</abbr></p><p>Nociception again</p>",
    ),
    (
        # different terms are each marked once
        "two terms",
        f"<p>{NOCI}nociception</abbr> {NERVE}nervous system</abbr> {NERVE}nervous system</abbr></p>",
        f"<p>{NOCI}nociception</abbr> {NERVE}nervous system</abbr> nervous system</p>",
    ),
    (
        # a repeat inside a quiz (macro HTML later in the page) becomes text too
        "repeat in the quiz",
        f'<p>{NOCI}nociception</abbr></p><section class="quiz"><label>{NOCI}nociception</abbr></label></section>',
        f'<p>{NOCI}nociception</abbr></p><section class="quiz"><label>nociception</label></section>',
    ),
    (
        # a term first met in the quiz keeps its mark there
        "first use in the quiz",
        f'<p>text</p><section class="quiz"><label>{NOCI}nociception</abbr></label></section>',
        f'<p>text</p><section class="quiz"><label>{NOCI}nociception</abbr></label></section>',
    ),
    (
        # other titled elements (citation links) are left alone
        "links with titles",
        '<a href="references.html#a" title="A paper">(A 2020)</a> <a href="references.html#a" title="A paper">x</a>',
        '<a href="references.html#a" title="A paper">(A 2020)</a> <a href="references.html#a" title="A paper">x</a>',
    ),
    ("no glossary words", "<p>Plain text.</p>", "<p>Plain text.</p>"),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_first_uses_only(html: str, expected: str) -> None:
    assert first_uses_only(html) == expected


def test_the_extension_sees_the_whole_page_raw_html_included() -> None:
    """As on a chapter: Markdown's glossary marks the text, the quiz arrives as raw HTML with its own marks."""
    md = markdown.Markdown(
        extensions=["abbr", "md_in_html", FirstUsesOnly()],
        extension_configs={"abbr": {"glossary": {"nociception": "Pain from tissue damage."}}},
    )
    page = (
        "First nociception, then nociception again.\n\n"
        f'<div class="quiz"><p>{NOCI}nociception</abbr> in a question</p></div>\n'
    )
    html = md.convert(page)
    assert html.count("<abbr") == 1
    assert html.startswith(f"<p>First {NOCI}nociception</abbr>, then nociception again.</p>")
    assert "<p>nociception in a question</p>" in html
