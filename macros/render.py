"""Markdown fragments (quiz text, glossary definitions) as safe HTML.

Fragments are rendered with the site's own Markdown extensions, so they look like
the rest of the page, and then sanitised: no script, no event handler and no
`javascript:` URL survives, whatever a bank contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "i", "ins", "kbd", "li", "mark", "ol",
    "p", "s", "span", "strong", "sub", "sup", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "code": {"class"}, "span": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}

_SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_PAGE_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*?)\.md(#[^"]*)?"')


class Renderer:
    """Renders Markdown fragments with one configured Markdown instance."""

    def __init__(self, extensions: Iterable[Any] = (), configs: dict[str, Any] | None = None):
        self._md = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {})
        # Raw HTML is not interpreted: Markdown then escapes it, so it shows as typed.
        for registry, name in ((self._md.preprocessors, "html_block"), (self._md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)

    def block(self, text: str) -> Markup:
        """Markdown that may hold paragraphs and lists.

        Raw HTML in the text is shown as text, never interpreted: contributors
        write Markdown, and a pasted tag or script is displayed as typed.
        """
        self._md.reset()
        html = self._md.convert(text)
        html = _PAGE_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html)
        return Markup(sanitise(html))

    def inline(self, text: str) -> Markup:
        """Markdown for one line (a label or legend): no wrapping paragraph."""
        html = str(self.block(text))
        match = _SINGLE_PARAGRAPH.match(html)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_no_markup_in_titles,
    )


def _no_markup_in_titles(element: str, attribute: str, value: str) -> str:
    """Material's tooltips show a title as HTML: a `<` in one must arrive as text."""
    return value.replace("<", "&lt;") if attribute == "title" else value
