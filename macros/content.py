"""What the page macros put into a page, as plain functions of data.

Markdown is returned where MkDocs should process it further (links it checks and
rewrites, admonitions); HTML where the structure needs ids or SVG.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from collections.abc import Sequence
from html import escape as html_escape
from typing import Any

from markupsafe import Markup, escape

from .data import SUMMARISED, FindingsTable, Glossary, RedFlags, Reference, slug
from .render import Renderer

REFERENCES_PAGE = "references.md"
RED_FLAGS_PAGE = "red-flags.md"


def link_from(page_src: str, target_src: str) -> str:
    """A relative link from one page's source path to another's (both `*.md`)."""
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")


def _markdown_title(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", tooltip(text.replace('"', "'")))


def tooltip(text: str) -> str:
    """Data text for a `title` that Markdown writes into a page (abbr and link titles).

    Material's tooltips show a title as HTML, so the browser must read `&lt;` where the
    text has `<`: escaped twice here, because Markdown leaves entities as they are.
    (Without JavaScript, the browser's own tooltip shows `&lt;` and `&amp;` as such.)
    """
    return html_escape(html_escape(text, quote=False), quote=False)


# Characters Markdown reads as syntax (each can be escaped with a backslash).
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!>]")


def markdown_literal(text: str) -> str:
    """Data text placed into a page's Markdown so that it shows as typed: no link, tag or emphasis in it works."""
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text).replace("&", "&amp;").replace("<", "&lt;")


# ---------------------------------------------------------------- citations


def cite(references: dict[str, Reference], keys: Sequence[str], page_src: str) -> str:
    """`(Ashar 2022; Kent 2023)`, each a link to its entry on the references page."""
    target = link_from(page_src, REFERENCES_PAGE)
    links = [
        f'[{markdown_literal(references[key].short)}]({target}#{key} "{_markdown_title(references[key].title)}")'
        for key in keys
    ]
    return f'<span class="course-cite">({"; ".join(links)})</span>'


def cite_html(references: dict[str, Reference], keys: Sequence[str], page_src: str) -> str:
    """The same citation as HTML, for use inside generated HTML (figures), where Markdown is not processed."""
    target = link_from(page_src, REFERENCES_PAGE).removesuffix(".md") + ".html"
    links = [
        f'<a href="{target}#{key}" title="{escape(html_escape(references[key].title, quote=False))}">'
        f"{escape(references[key].short)}</a>"
        for key in keys
    ]
    return f'<span class="course-cite">({"; ".join(links)})</span>'


def references_list(references: dict[str, Reference]) -> str:
    """The references page: every entry, sorted by author, with its id and address."""
    items = []
    for key, ref in sorted(references.items(), key=lambda kv: (kv[1].authors.lower(), kv[1].year)):
        address = f"doi:{ref.doi}" if ref.doi else ref.url
        note = f' <span class="course-ref-note">{escape(ref.note)}</span>' if ref.note else ""
        items.append(
            f'<li id="{key}">{escape(ref.authors)} ({ref.year}). {escape(ref.title)}. '
            f"<em>{escape(ref.published)}</em>. "
            f'<a href="{escape(ref.link)}">{escape(address)}</a>.{note}</li>'
        )
    return '<ol class="course-references">\n' + "\n".join(items) + "\n</ol>"


# ---------------------------------------------------------------- glossary


def glossary_terms(glossary: Glossary) -> dict[str, str]:
    """Words in the text that get a hover and focus definition (Markdown's abbr glossary)."""
    return {word: tooltip(term.short) for term in glossary.root for word in term.match}


def glossary_list(glossary: Glossary, renderer: Renderer) -> str:
    by_id = {term.id: term for term in glossary.root}
    parts = ['<dl class="course-glossary">']
    for term in sorted(glossary.root, key=lambda t: t.term.lower()):
        see = ""
        if term.see:
            links = ", ".join(f'<a href="#{sid}">{escape(by_id[sid].term)}</a>' for sid in term.see)
            see = f'<p class="course-see">See also: {links}.</p>'
        parts.append(f'<dt id="{term.id}">{escape(term.term)}</dt>')
        parts.append(f"<dd>{renderer.block(term.definition)}{see}</dd>")
    parts.append("</dl>")
    return "\n".join(parts)


# ---------------------------------------------------------------- chapter frame


def _long_date(value: Any) -> str:
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def clinical_review(meta: dict[str, Any]) -> str:
    """The chapter's clinical-review status in plain words, from `clinical_review` (empty if it has none)."""
    review = meta.get("clinical_review")
    if review == "pending":
        return "Not yet reviewed by a clinician."
    if isinstance(review, dict):
        return f"Reviewed by {escape(review['by'])}, on {_long_date(review['date'])}."
    return ""


def objectives(meta: dict[str, Any]) -> str:
    facts = []
    if meta.get("minutes"):
        facts.append(f"About {meta['minutes']} minutes to read.")
    if meta.get("reviewed"):
        facts.append(f"Checked against published sources on {_long_date(meta['reviewed'])}.")
    if clinical_review(meta):
        facts.append(clinical_review(meta))
    items = "\n".join(f"    - {item}" for item in meta.get("objectives") or [])
    lines = []
    if facts:
        lines += [f'<p class="course-facts">{" ".join(facts)}</p>', ""]
    lines += ['!!! abstract "In this chapter you will"', "", items]
    return "\n".join(lines)


def review_table(chapters: Sequence[tuple[str, dict[str, Any]]], page_src: str) -> str:
    """The about page's table: each chapter (source path, front matter) with its review dates, in plain words."""
    rows = []
    for path, meta in chapters:
        target = link_from(page_src, path).removesuffix(".md") + ".html"
        checked = _long_date(meta["reviewed"]) if meta.get("reviewed") else "not yet"
        rows.append(
            f'<tr><th scope="row"><a href="{escape(target)}">{escape(meta.get("title", path))}</a></th>'
            f"<td>{checked}</td><td>{clinical_review(meta) or 'Not yet reviewed by a clinician.'}</td></tr>"
        )
    return "\n".join(
        [
            '<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="course-review-caption">',
            '<table class="course-table">',
            '<caption id="course-review-caption">Each chapter and its checks</caption>',
            '<thead><tr><th scope="col">Chapter</th><th scope="col">Checked against published sources</th>'
            '<th scope="col">Review by a clinician</th></tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table></div>",
        ]
    )


def key_points(meta: dict[str, Any]) -> str:
    items = "\n".join(f"    - {item}" for item in meta.get("key_points") or [])
    return f'!!! success "Key points"\n\n{items}'


# ---------------------------------------------------------------- red flags


def red_flags(flags: RedFlags, which: str, references: dict[str, Reference], page_src: str) -> str:
    """One list (`emergency`, `urgent`, `soon`, `clinicians`): what to do, then each part's signs and sources."""
    flag_list = getattr(flags, which)
    blocks = [f"**{markdown_literal(flag_list.action)}**"]
    for part in flag_list.parts:
        if part.lead:
            blocks.append(markdown_literal(part.lead))
        blocks.append("\n".join(f"- {markdown_literal(sign)}" for sign in part.signs))
        noun = "Source" if len(part.sources) == 1 else "Sources"
        blocks.append(f'<span class="course-flag-source">{noun}: {cite(references, part.sources, page_src)}</span>')
    return "\n\n".join(blocks)


def red_flags_summary(flags: RedFlags, page_src: str) -> str:
    """The reminder box: every emergency sign, then a line for each other tier, each linking to its part of the page."""
    target = link_from(page_src, RED_FLAGS_PAGE)

    def heading_link(flag_list: Any) -> str:
        return f"**[{markdown_literal(flag_list.heading)}]({target}#{slug(flag_list.heading)})**"

    lines = [
        '!!! danger "Warning signs: when to get help"',
        "",
        f"    {heading_link(flags.emergency)}. {markdown_literal(flags.emergency.action)}",
        "",
        *(f"    - {markdown_literal(sign)}" for sign in flags.emergency.signs),
    ]
    for name in SUMMARISED:
        flag_list = getattr(flags, name)
        lines += ["", f"    {heading_link(flag_list)}. {markdown_literal(flag_list.summary or '')}"]
    lines += ["", f"    [See all the warning signs]({target})."]
    return "\n".join(lines)


# ---------------------------------------------------------------- chart


def findings_chart(table: FindingsTable, source: Reference, citation: str) -> str:
    """Small bar charts, one per finding, drawn from the data; with the numbers as a table."""
    panels = []
    for number, finding in enumerate(table.findings):
        panels.append(_panel(table, finding, number))
    head = "".join(f'<th scope="col">{age}</th>' for age in table.ages)
    rows = []
    for finding in table.findings:
        cells = "".join(
            f"<td>{_cell_text(finding, age, value)}</td>" for age, value in zip(table.ages, finding.values, strict=True)
        )
        rows.append(f'<tr><th scope="row">{escape(finding.name)}</th>{cells}</tr>')
    notes = []
    modelled = [f for f in table.findings if f.modelled_ages]
    if modelled:
        which = " and ".join(f"{escape(f.name).lower()} at {' and '.join(map(str, f.modelled_ages))}" for f in modelled)
        notes.append(
            f"Bars with a dashed outline, marked *, were estimated by the study's model, not counted in people: "
            f"{which}."
        )
    return "\n".join(
        [
            '<figure class="course-figure course-chart">',
            '<p class="course-chart-lead">Out of every 100 people <strong>without</strong> back pain, '
            "how many have each finding on a scan, by age.</p>",
            '<div class="course-chart-grid">',
            *panels,
            "</div>",
            f"<figcaption>Findings on spine scans of {escape(table.population)}. "
            f"Source: {Markup(citation)}. {' '.join(notes)}</figcaption>",
            "</figure>",
            # After the figure, not in it: a figcaption must be the figure's first or last child.
            '<details class="course-chart-table"><summary>Show the numbers as a table</summary>',
            # Our own class keeps the theme from wrapping the table in a scroll box that the keyboard
            # cannot reach; this wrapper scrolls instead, and is a focusable, named region.
            '<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="course-chart-caption">',
            '<table class="course-table">',
            '<caption id="course-chart-caption">Percent of people without back pain with each finding</caption>',
            f'<thead><tr><th scope="col">Finding</th>{head}</tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table></div></details>",
        ]
    )


def _cell_text(finding: Any, age: int, value: int) -> str:
    return f"{value}%{' *' if age in finding.modelled_ages else ''}"


def _panel(table: FindingsTable, finding: Any, number: int) -> str:
    width, height, top, bottom, left = 300, 170, 30, 30, 8
    slot = (width - 2 * left) / len(table.ages)
    bar = slot * 0.62
    plot = height - top - bottom
    label = f"{finding.name}: " + ", ".join(
        f"{value}% at age {age}{' (estimated)' if age in finding.modelled_ages else ''}"
        for age, value in zip(table.ages, finding.values, strict=True)
    )
    parts = [
        f'<svg class="course-chart-panel" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<text class="course-fig-ink course-chart-name" x="{left}" y="18">{escape(finding.name)}</text>',
        f'<line class="course-fig-line course-fig-muted" x1="{left}" y1="{top + plot}" x2="{width - left}" '
        f'y2="{top + plot}"/>',
    ]
    for index, (age, value) in enumerate(zip(table.ages, finding.values, strict=True)):
        x = left + index * slot + (slot - bar) / 2
        centre = x + bar / 2
        parts.append(
            f'<text class="course-fig-muted course-chart-age" x="{centre:.1f}" y="{height - 10}" '
            f'text-anchor="middle">{age}</text>'
        )
        h = plot * value / 100
        y = top + plot - h
        modelled = age in finding.modelled_ages
        kind = "course-chart-bar course-chart-modelled" if modelled else "course-chart-bar"
        parts.append(f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 1):.1f}"/>')
        parts.append(
            f'<text class="course-fig-ink course-chart-value" x="{centre:.1f}" y="{y - 4:.1f}" '
            f'text-anchor="middle">{value}{"*" if modelled else ""}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- saved answers


def clear_saved(words: dict[str, dict[str, str]]) -> str:
    """The privacy page's button that clears what the course kept in this browser (course.js and store.js).

    Hidden until the script shows it; the status line announces what was cleared, in the page's language.
    """
    clear = words["clear"]
    data = html_escape(json.dumps(clear, ensure_ascii=False, separators=(",", ":")))
    return (
        f'<p><button type="button" class="md-button" data-course-clear data-words="{data}" hidden>'
        f"{html_escape(clear['button'])}</button></p>\n"
        '<p class="course-clear-status" data-course-clear-status role="status" aria-live="polite"></p>'
    )
