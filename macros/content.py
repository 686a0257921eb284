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
from .words import Words, english, fill

REFERENCES_PAGE = "references.md"
RED_FLAGS_PAGE = "red-flags.md"


def link_from(page_src: str, target_src: str) -> str:
    """A relative link from one page's source path to another's (both `*.md`)."""
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")


def tooltip(text: str) -> str:
    """Data text for a `title` that Markdown writes into a page (the glossary's abbr titles).

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
    """`(Ashar 2022; Kent 2023)`, each a link to its entry on the references page.

    Written as HTML, not Markdown, so that a citation works wherever a page puts it:
    in a paragraph, a table, a heading, and inside raw HTML such as a figure's
    <figcaption>, where Markdown is not processed (a Markdown link showed there as
    its source text). The tests' link gate checks every citation in the built site.

    No `title` on the link: Material turns every titled element in a page into a
    tooltip when the page loads, and a chapter's 20 to 40 citations made that the
    largest start-up cost left (measured in bench.lighthouse's notes). The
    reference's full title is one click away, on the references page.
    """
    target = link_from(page_src, REFERENCES_PAGE).removesuffix(".md") + ".html"
    links = [f'<a href="{target}#{key}">{escape(references[key].short)}</a>' for key in keys]
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


def glossary_list(glossary: Glossary, renderer: Renderer, words: Words | None = None) -> str:
    see_also = (words or english())["content"]["see_also"]
    by_id = {term.id: term for term in glossary.root}
    parts = ['<dl class="course-glossary">']
    for term in sorted(glossary.root, key=lambda t: t.term.lower()):
        see = ""
        if term.see:
            links = ", ".join(f'<a href="#{sid}">{escape(by_id[sid].term)}</a>' for sid in term.see)
            see = f'<p class="course-see">{escape(see_also)} {links}.</p>'
        parts.append(f'<dt id="{term.id}">{escape(term.term)}</dt>')
        parts.append(f"<dd>{renderer.block(term.definition)}{see}</dd>")
    parts.append("</dl>")
    return "\n".join(parts)


# ---------------------------------------------------------------- chapter frame


def _long_date(value: Any, words: Words | None = None) -> str:
    """A date in words, like `1 December 2026`, in the words' language."""
    if isinstance(value, datetime.date):
        w = (words or english())["content"]
        months = [m.strip() for m in w["months"].split(",")]
        month = months[value.month - 1] if len(months) == 12 else f"{value:%B}"
        return fill(w["date"], day=value.day, month=month, year=value.year)
    return str(value)


def clinical_review(meta: dict[str, Any], words: Words | None = None) -> str:
    """The chapter's clinical-review status in plain words, from `clinical_review` (empty if it has none)."""
    w = (words or english())["content"]
    review = meta.get("clinical_review")
    if review == "pending":
        return str(escape(w["review_pending"]))
    if isinstance(review, dict):
        return str(escape(fill(w["reviewed_by"], by=review["by"], date=_long_date(review["date"], words))))
    return ""


def objectives(meta: dict[str, Any], words: Words | None = None) -> str:
    w = (words or english())["content"]
    facts = []
    if meta.get("minutes"):
        facts.append(str(escape(fill(w["minutes"], minutes=meta["minutes"]))))
    if meta.get("reviewed"):
        facts.append(str(escape(fill(w["checked"], date=_long_date(meta["reviewed"], words)))))
    if clinical_review(meta, words):
        facts.append(clinical_review(meta, words))
    items = "\n".join(f"    - {item}" for item in meta.get("objectives") or [])
    lines = []
    if facts:
        lines += [f'<p class="course-facts">{" ".join(facts)}</p>', ""]
    lines += [f'!!! abstract "{_admonition_title(w["objectives"])}"', "", items]
    return "\n".join(lines)


def _admonition_title(text: str) -> str:
    return text.replace('"', "'")


def review_table(
    chapters: Sequence[tuple[str, dict[str, Any]]],
    page_src: str,
    words: Words | None = None,
    translations: Sequence[tuple[int, int]] = (),
) -> str:
    """The about page's table: each chapter (source path, front matter) with its review dates, in plain words.

    `translations`: for each translation with chapters not yet reviewed by a native-speaking clinician,
    (chapters pending, chapters), shown as a notice above the table."""
    w = (words or english())["content"]
    rows = []
    for path, meta in chapters:
        target = link_from(page_src, path).removesuffix(".md") + ".html"
        checked = _long_date(meta["reviewed"], words) if meta.get("reviewed") else w["review_not_yet"]
        review = clinical_review(meta, words) or escape(w["review_pending"])
        rows.append(
            f'<tr><th scope="row"><a href="{escape(target)}">{escape(meta.get("title", path))}</a></th>'
            f"<td>{escape(checked)}</td><td>{review}</td></tr>"
        )
    notices = [
        f'<p class="course-translation-review">{escape(fill(w["translation_pending"], count=count, total=total))}</p>'
        for count, total in translations
        if count
    ]
    return "\n".join(
        [
            *notices,
            '<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="course-review-caption">',
            '<table class="course-table">',
            f'<caption id="course-review-caption">{escape(w["review_caption"])}</caption>',
            f'<thead><tr><th scope="col">{escape(w["review_chapter"])}</th>'
            f'<th scope="col">{escape(w["review_checked"])}</th>'
            f'<th scope="col">{escape(w["review_clinician"])}</th></tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table></div>",
        ]
    )


def key_points(meta: dict[str, Any], words: Words | None = None) -> str:
    items = "\n".join(f"    - {item}" for item in meta.get("key_points") or [])
    title = _admonition_title((words or english())["content"]["key_points"])
    return f'!!! success "{title}"\n\n{items}'


# ---------------------------------------------------------------- red flags


def red_flags(
    flags: RedFlags, which: str, references: dict[str, Reference], page_src: str, words: Words | None = None
) -> str:
    """One list (`emergency`, `urgent`, `soon`, `clinicians`): what to do, then each part's signs and sources."""
    w = (words or english())["content"]
    flag_list = getattr(flags, which)
    blocks = [f"**{markdown_literal(flag_list.action)}**"]
    for part in flag_list.parts:
        if part.lead:
            blocks.append(markdown_literal(part.lead))
        blocks.append("\n".join(f"- {markdown_literal(sign)}" for sign in part.signs))
        noun = escape(w["source"] if len(part.sources) == 1 else w["sources"])
        blocks.append(f'<span class="course-flag-source">{noun}: {cite(references, part.sources, page_src)}</span>')
    return "\n\n".join(blocks)


def red_flags_summary(
    flags: RedFlags, page_src: str, words: Words | None = None, anchors: dict[str, str] | None = None
) -> str:
    """The reminder box: every emergency sign, then a line for each other tier, each linking to its part of the page.

    `anchors`: each list's section id on the red-flags page (a translation keeps the English ids)."""
    w = (words or english())["content"]
    target = link_from(page_src, RED_FLAGS_PAGE)

    def heading_link(name: str) -> str:
        flag_list = getattr(flags, name)
        anchor = (anchors or {}).get(name) or slug(flag_list.heading)
        return f"**[{markdown_literal(flag_list.heading)}]({target}#{anchor})**"

    lines = [
        f'!!! danger "{_admonition_title(w["flags_title"])}"',
        "",
        f"    {heading_link('emergency')}. {markdown_literal(flags.emergency.action)}",
        "",
        *(f"    - {markdown_literal(sign)}" for sign in flags.emergency.signs),
    ]
    for name in SUMMARISED:
        flag_list = getattr(flags, name)
        lines += ["", f"    {heading_link(name)}. {markdown_literal(flag_list.summary or '')}"]
    lines += ["", f"    [{markdown_literal(w['flags_all'])}]({target})."]
    return "\n".join(lines)


# ---------------------------------------------------------------- chart


def findings_chart(table: FindingsTable, source: Reference, citation: str, words: Words | None = None) -> str:
    """Small bar charts, one per finding, drawn from the data; with the numbers as a table."""
    w = (words or english())["content"]
    panels = []
    for number, finding in enumerate(table.findings):
        panels.append(_panel(table, finding, number, w))
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
        joiner = f" {w['and']} "
        which = joiner.join(
            fill(w["chart_modelled_at"], finding=f.name.lower(), ages=joiner.join(map(str, f.modelled_ages)))
            for f in modelled
        )
        notes.append(str(escape(fill(w["chart_modelled"], which=which))))
    lead = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", str(escape(w["chart_lead"])))
    return "\n".join(
        [
            '<figure class="course-figure course-chart">',
            f'<p class="course-chart-lead">{lead}</p>',
            '<div class="course-chart-grid">',
            *panels,
            "</div>",
            f"<figcaption>{escape(fill(w['chart_caption'], population=table.population))} "
            f"{_source_line(w, citation)} {' '.join(notes)}</figcaption>",
            "</figure>",
            # After the figure, not in it: a figcaption must be the figure's first or last child.
            f'<details class="course-chart-table"><summary>{escape(w["chart_show"])}</summary>',
            # Our own class keeps the theme from wrapping the table in a scroll box that the keyboard
            # cannot reach; this wrapper scrolls instead, and is a focusable, named region.
            '<div class="course-table-wrap" tabindex="0" role="region" aria-labelledby="course-chart-caption">',
            '<table class="course-table">',
            f'<caption id="course-chart-caption">{escape(w["chart_table_caption"])}</caption>',
            f'<thead><tr><th scope="col">{escape(w["chart_finding"])}</th>{head}</tr></thead>',
            "<tbody>" + "".join(rows) + "</tbody></table></div></details>",
        ]
    )


def _cell_text(finding: Any, age: int, value: int) -> str:
    return f"{value}%{' *' if age in finding.modelled_ages else ''}"


def _source_line(w: dict[str, str], citation: str) -> str:
    """`Source: (Brinjikji 2015).`, the citation's HTML kept as it is."""
    before, _, after = w["source_line"].partition("{source}")
    return f"{escape(before)}{Markup(citation)}{escape(after)}"


def _panel(table: FindingsTable, finding: Any, number: int, w: dict[str, str]) -> str:
    width, height, top, bottom, left = 300, 170, 30, 30, 8
    slot = (width - 2 * left) / len(table.ages)
    bar = slot * 0.62
    plot = height - top - bottom
    label = f"{finding.name}: " + ", ".join(
        fill(w["chart_value"], value=value, age=age)
        + (f" {w['chart_estimated']}" if age in finding.modelled_ages else "")
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
