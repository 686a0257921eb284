"""Glossary words in a page: only the first use of each term carries its definition.

Markdown's abbr extension (with the glossary from data/glossary.yml) marks every use of
a `match` word as `<abbr title="short meaning">`. A chapter uses its terms again and
again (95 marks for 13 terms on one chapter), and Material's
`content.tooltips` turns each mark into a tooltip on the page's main thread while the
page loads. So after the whole page is written (quiz HTML included), a term's later
uses become plain text: the reader gets each definition once, at its first use, by
hover and by keyboard focus (docs/javascripts/course.js puts that first use in the Tab
order), as a printed glossary would. A term is known by its definition, so that
"clinician" and "clinicians" count as one term.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# What Markdown's abbr extension and the fragment renderer (macros/render.py) write.
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def first_uses_only(html: str) -> str:
    """`html` with each `<abbr>` whose title was already used earlier in it replaced by its text."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        title, text = match.groups()
        if title in seen:
            return text
        seen.add(title)
        return match.group(0)

    return _ABBR.sub(keep_first, html)


class _FirstUses(Postprocessor):
    def run(self, text: str) -> str:
        return first_uses_only(text)


class FirstUsesOnly(Extension):
    """A Markdown extension that applies `first_uses_only` to each page's whole HTML.

    Its postprocessor runs after the raw-HTML one (priority 30), so it sees the quiz,
    figures and other macro output too, in page order.
    """

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.postprocessors.register(_FirstUses(md), "course_glossary_first_uses", 5)
