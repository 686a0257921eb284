"""Minify the course's own scripts and stylesheets in a built site, in place.

The files in docs/javascripts/ and docs/stylesheets/ keep their comments for the
people who edit them; readers get them without comments and spare whitespace
(rjsmin and rcssmin, well-kept minifiers that only remove what cannot change
behaviour). Names stay the same, so pages, the service worker and the tests
find them where they were. Material's own assets are minified already, and
third-party files in javascripts/vendor/ are left as their authors ship them.

`tools.build` calls `minify_site(site)` before the service worker is written, so
the worker's version hash covers the minified bytes; `bench.quiz_weight` measures
the quiz's files through `minified()`, so its budget counts what readers load.
`mkdocs serve` serves the files unminified.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

FOLDERS = {"javascripts": ".js", "stylesheets": ".css"}
NOT_OURS = ("vendor", "assets")  # third-party files; Material's own (assets/) come minified


def minified(name: str, text: str) -> str:
    """`text` minified for a file called `name` (.js or .css)."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=False).strip() + "\n"
    if name.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=False).strip() + "\n"
    raise ValueError(f"{name}: only .js and .css files are minified")


def course_assets(site: Path) -> list[Path]:
    """The course's own scripts and stylesheets in a built site, in every language folder."""
    found = []
    for folder, suffix in FOLDERS.items():
        for path in sorted(site.rglob(f"{folder}/*{suffix}")):
            if not any(part in NOT_OURS for part in path.relative_to(site).parts):
                found.append(path)
    return found


def minify_site(site: Path) -> tuple[int, int]:
    """Minify every course asset under `site` in place; returns (bytes before, bytes after)."""
    before = after = 0
    for path in course_assets(site):
        text = path.read_text(encoding="utf-8")
        small = minified(path.name, text)
        before += len(text.encode())
        after += len(small.encode())
        path.write_text(small, encoding="utf-8")
    return before, after
