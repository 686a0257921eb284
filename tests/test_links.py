"""Every internal link in the built site resolves, and every reference has a proper address.

The whole built site is walked with the standard library's HTML parser: each
href and src that stays on the site must name a file that exists, and each
#fragment must be an id (or a named anchor) in the page it points into. That
includes quiz "Read more" links and citations (references.html#key). Outside
addresses are only checked for form, never fetched.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT

pytestmark = pytest.mark.site

LINKING = {  # tag -> attributes that point at another file or place
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "use": ("href", "xlink:href"),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
OUTSIDE = {"http", "https", "mailto", "tel", "data", "javascript", "blob", "about"}
MARKED = {"quiz-learn-more": "learn_more", "course-cite": "citation"}  # classes whose links are also counted apart
LANGUAGES = ["", "es/"]  # where each language's pages are in the built site


@dataclass
class Link:
    page: str  # the page it is on, relative to the site root
    tag: str
    attribute: str
    value: str
    kind: str | None  # "learn_more", "citation" or None
    line: int


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    asks: set[str] = field(default_factory=set)  # the questions page's `data-ask` keys (bank/question-id)


class Collector(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.page = Page()
        self.open: list[tuple[str, str | None]] = []  # open <p> and <span>, with the mark they carry

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if values.get("data-ask"):  # {bank: [chapter title, link, [[question id, prompt], ...]]}
            for bank, (_, _, questions) in json.loads(values["data-ask"]).items():
                self.page.asks.update(f"{bank}/{question}" for question, _ in questions)
        if tag in ("p", "span"):
            classes = values.get("class", "").split()
            self.open.append((tag, next((MARKED[c] for c in classes if c in MARKED), None)))
        kind = next((mark for _, mark in reversed(self.open) if mark), None)
        for attribute in LINKING.get(tag, ()):
            if attribute in values:
                self.page.links.append(Link(self.name, tag, attribute, values[attribute], kind, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "span"):  # <span/> opens nothing
            self.handle_starttag("br", attrs)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "span"):
            for index in range(len(self.open) - 1, -1, -1):
                if self.open[index][0] == tag:
                    del self.open[index:]
                    break


@pytest.fixture(scope="module")
def pages(real_site: Path) -> dict[str, Page]:
    """Every built HTML page, parsed: its ids and its links."""
    parsed = {}
    for path in sorted(real_site.rglob("*.html")):
        name = path.relative_to(real_site).as_posix()
        collector = Collector(name)
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        parsed[name] = collector.page
    assert len(parsed) >= 12
    return parsed


def resolve(link: Link, site: Path) -> tuple[str | None, str | None]:
    """The site file (relative to the root) and fragment a link points at; (None, None) if it leaves the site."""
    parts = urlsplit(link.value.strip())
    if parts.scheme or parts.netloc:
        assert parts.scheme in OUTSIDE or not parts.scheme, f"{link.page}: unexpected address {link.value}"
        return None, None
    path = unquote(parts.path)
    if not path:
        target = link.page  # "#fragment" or "": this page
    else:
        if path.startswith("/"):
            # MkDocs writes 404.html with links from the site's root, as a server shows it for any
            # missing address at any depth; everywhere else a root link would break the offline copy.
            assert link.page == "404.html", f"{link.page}: absolute link {link.value} breaks the offline copy"
            path = path.lstrip("/")
            base = ""
        else:
            base = posixpath.dirname(link.page)
        target = posixpath.normpath(posixpath.join(base, path))
        if path.endswith("/") or (site / target).is_dir():
            target = posixpath.join(target, "index.html")
    return target, unquote(parts.fragment) if parts.fragment else None


def test_every_internal_link_and_anchor_resolves(pages: dict[str, Page], real_site: Path) -> None:
    broken: list[str] = []
    counts: Counter[str] = Counter()
    for page in pages.values():
        for link in page.links:
            target, fragment = resolve(link, real_site)
            if target is None:
                counts["outside"] += 1
                continue
            where = f"{link.page}:{link.line}: <{link.tag} {link.attribute}={link.value!r}>"
            if target.startswith("../") or not (real_site / target).is_file():
                broken.append(f"{where}: no file {target}")
                continue
            counts["files"] += 1
            if link.kind:
                counts[link.kind] += 1
            if fragment is not None and fragment.startswith("ask="):
                # "Ask my clinician about this": not an anchor, a question the questions page must know
                counts["ask"] += 1
                asked = fragment.removeprefix("ask=")
                if asked not in pages.get(target, Page()).asks:
                    broken.append(f"{where}: {target} cannot add {asked!r} (not in its data-ask)")
            elif fragment is not None:
                counts["anchors"] += 1
                if target not in pages:
                    broken.append(f"{where}: #{fragment} points into {target}, which is not a page")
                elif fragment not in pages[target].ids:
                    broken.append(f"{where}: {target} has no id {fragment!r}")
    print(
        f"\nlinks: {counts['files']} internal links checked ({counts['anchors']} with an anchor), "
        f"{counts['learn_more']} quiz Read more links, {counts['citation']} citation links, "
        f"{counts['ask']} Ask my clinician links, "
        f"{counts['outside']} outside addresses not followed, on {len(pages)} pages"
    )
    assert broken == [], "\n".join(broken)
    assert counts["files"] >= 500 and counts["anchors"] >= 100, counts
    assert counts["learn_more"] >= 45, "quiz Read more links were not found"
    assert counts["citation"] >= 30, "citation links were not found"
    assert counts["ask"] >= 100, "Ask my clinician links were not found"


def test_citations_and_quiz_links_point_where_they_should(pages: dict[str, Page], real_site: Path) -> None:
    """Citations go to an entry of the references page in the page's own language (es/ pages to
    es/references.html); a quiz's Read more stays on its own chapter."""
    wrong = []
    for page in pages.values():
        for link in page.links:
            target, fragment = resolve(link, real_site)
            references = posixpath.join(posixpath.dirname(link.page), "references.html")
            if link.kind == "citation" and (target != references or not fragment):
                wrong.append(f"{link.page}:{link.line}: citation {link.value}")
            if link.kind == "learn_more" and (target != link.page or not fragment):
                wrong.append(f"{link.page}:{link.line}: Read more {link.value}")
    assert wrong == [], "\n".join(wrong)


# Crossref's pattern for modern DOIs: https://www.crossref.org/blog/dois-and-matching-regular-expressions/
DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9<>\[\]]+$", re.IGNORECASE)


def test_every_reference_has_a_well_formed_doi_or_https_address() -> None:
    references = YAML(typ="safe").load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    assert len(references) >= 20
    bad = []
    for key, entry in references.items():
        doi, url = entry.get("doi"), entry.get("url")
        if doi is not None and not DOI.match(str(doi)):
            bad.append(f"{key}: doi {doi!r} is not like 10.1234/abc")
        if url is not None:
            parts = urlsplit(str(url))
            if parts.scheme != "https" or not parts.netloc or "." not in parts.netloc or re.search(r"\s", str(url)):
                bad.append(f"{key}: url {url!r} is not a full https:// address")
        if doi is None and url is None:
            bad.append(f"{key}: needs a doi or an https url")
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_references_page_links_every_reference_by_its_key(pages: dict[str, Page], language: str) -> None:
    """In every language: references stay as published, so both pages list and link every one."""
    references = YAML(typ="safe").load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    page = pages[f"{language}references.html"]
    assert set(references) <= page.ids
    addresses = {link.value for link in page.links}
    for key, entry in references.items():
        expected = f"https://doi.org/{entry['doi']}" if entry.get("doi") else entry["url"]
        assert expected in addresses, f"{key}: {expected} is not linked from the references page"


class Languages(HTMLParser):
    """A page's language (<html lang>), its hreflang alternates in <head> and its language switch's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            self.alternates[values["hreflang"]] = values["href"]
        elif tag == "a" and "data-course-language" in values:
            self.switch[values["hreflang"]] = values["href"]


def test_every_page_has_a_language_switch_and_alternates_to_the_same_page(real_site: Path) -> None:
    """English pages at the root, Spanish ones in es/ with the same names; each page says its language
    and links to the same page in the other one (relative, so it works from file://). This build has
    no address (like the zip), so no hreflang alternates: search engines need full addresses, and
    Material's script would fetch a sitemap for each, which file:// refuses (test_offline_build checks
    the web build's)."""
    english = {p.name for p in real_site.glob("*.html")} - {"404.html"}
    spanish = {p.name for p in (real_site / "es").glob("*.html")}
    assert len(english) >= 20
    assert spanish == english  # same file names in both languages (TEAM-13 decision 2); no es/404.html
    wrong = []
    for name in sorted(english):
        for folder, lang, other, other_href in (("", "en", "es", f"es/{name}"), ("es/", "es", "en", f"../{name}")):
            parser = Languages()
            parser.feed((real_site / folder / name).read_text(encoding="utf-8"))
            found = (parser.lang, parser.switch, parser.alternates)
            expected = (lang, {other: other_href}, {})
            if found != expected:
                wrong.append(f"{folder}{name}: {found}, expected {expected}")
    assert wrong == [], "\n".join(wrong)
