"""MkDocs hook: the language switch and the `hreflang` alternates point at the same page.

Both configurations list every language in `extra.alternate` (Material's language
selector), each with `link:` set to that language's folder seen from this build's
root: `./` and `es/` in mkdocs.yml, `../` and `./` in mkdocs.es.yml. Material shows
one link for the whole site; before each page is rendered this hook turns each
`link` into the same page in that language (`es/red-flags.html` from
`red-flags.html`, `../red-flags.html` from `es/red-flags.html`). Pages have the
same file names in every language (TEAM-13 decision 2), and the `url` filter makes
the links relative, so they work from file:// as over HTTP. Pages rendered without
a Markdown source (404.html) get each language's home page. A language whose
configuration (`mkdocs.<lang>.yml`) is missing is left out.
"""

from __future__ import annotations

import posixpath
from pathlib import Path


def on_config(config):
    """Drop a language whose build is not there (a fixture site has mkdocs.yml only); one language, no switch."""
    here = Path(config.config_file_path).parent
    alternate = [
        language
        for language in config["extra"].get("alternate") or []
        if language["link"].startswith(".") or (here / f"mkdocs.{language['lang']}.yml").is_file()
    ]
    config["extra"]["alternate"] = alternate if len(alternate) > 1 else []
    return config


def _languages(config) -> list[dict]:
    alternate = config["extra"].get("alternate") or []
    for language in alternate:
        language.setdefault("root", language["link"])  # the folder, kept before the first page changes `link`
    return alternate


def same_page(root: str, url: str) -> str:
    """The page at `url` (relative to a build's root) in the language whose folder is `root`."""
    joined = posixpath.normpath(posixpath.join(root, url))
    return joined + "/" if url.endswith("/") and not joined.endswith("/") else joined


def on_page_context(context, page, config, nav):
    for language in _languages(config):
        language["link"] = same_page(language["root"], page.url or "index.html")
    return context


def _home_pages(config) -> None:
    for language in _languages(config):
        language["link"] = same_page(language["root"], "index.html")


def on_env(env, config, files):
    _home_pages(config)  # 404.html and sitemap.xml are rendered next, before any page
    return env


def on_post_page(output, page, config):
    _home_pages(config)
    return output
