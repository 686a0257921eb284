"""MkDocs hook: the language switch and the `hreflang` alternates point at the same page.

Both configurations list every language in `extra.alternate` (Material's setting for
other languages), each with `link:` set to that language's folder seen from this
build's root: `./` and `es/` in mkdocs.yml, `../` and `./` in mkdocs.es.yml. Pages
have the same file names in every language (TEAM-13 decision 2), so before each page
is rendered this hook points every language at that same page:

- the switch in the header (overrides/partials/alternate.html) gets relative links
  (`es/red-flags.html` from `red-flags.html`, `../red-flags.html` from
  `es/red-flags.html`), which work from file:// as over HTTP;
- the `<link rel="alternate" hreflang>` tags in <head> (written by Material from
  `extra.alternate`) get full addresses, as search engines require, and only in the
  web build, which has an address (`site_url`). Offline copies have none, and there
  Material's script would try to fetch a sitemap for every alternate, which a browser
  refuses on file:// (an error on every page).

So `extra.alternate` becomes, per page, an `Alternates` list: its items are the head's
links (none without `site_url`), its `switch` the header's; it is true even when empty,
so that Material still includes the switch. Pages rendered without a Markdown source
(404.html, sitemap.xml) get each language's home page. A language whose configuration
(`mkdocs.<lang>.yml`) is missing, as in the tests' fixture sites, is left out; with one
language left there is no switch.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin


class Alternates(list):
    """Material's `extra.alternate` for one page: the head's hreflang links; `.switch`, the header's."""

    def __init__(self, links: list[dict], switch: list[dict]) -> None:
        super().__init__(links)
        self.switch = switch

    def __bool__(self) -> bool:
        return bool(self.switch)


def same_page(root: str, url: str) -> str:
    """The page at `url` (relative to a build's root) in the language whose folder, from that root, is `root`."""
    return posixpath.normpath(posixpath.join(root, url))


def alternates(languages: list[dict], url: str, site_url: str | None) -> Alternates:
    """Every language's version of the page at `url`: relative for the switch, absolute (with an address) for <head>."""
    switch = [{**language, "link": same_page(language["link"], url)} for language in languages]
    links = [{**language, "link": urljoin(site_url, language["link"])} for language in switch] if site_url else []
    return Alternates(links, switch)


def on_config(config):
    here = Path(config["config_file_path"]).parent
    languages = [
        dict(language)
        for language in config["extra"].get("alternate") or []
        if language["link"].startswith(".") or (here / f"mkdocs.{language['lang']}.yml").is_file()
    ]
    config["extra"]["languages"] = languages if len(languages) > 1 else []
    config["extra"]["alternate"] = alternates(config["extra"]["languages"], "index.html", config["site_url"])
    return config


def on_page_context(context, page, config, nav):
    config["extra"]["alternate"] = alternates(
        config["extra"]["languages"], page.url or "index.html", config["site_url"]
    )
    return context


def on_post_page(output, page, config):
    config["extra"]["alternate"] = alternates(config["extra"]["languages"], "index.html", config["site_url"])
    return output
