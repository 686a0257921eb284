"""Reading the Markdown pages in docs/: front matter, headings and macro calls.

Plain functions with no MkDocs import, shared by the build (macros/__init__.py)
and the fast check (tools/check.py).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a page into (front matter, body, line number where the body starts)."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end() :], match.group(0).count("\n") + 1


def page_files(docs: Path = DOCS) -> list[Path]:
    """Every Markdown page under docs/, in a stable order; translations (docs/<language>/) are another site's."""
    return sorted(
        p
        for p in docs.rglob("*.md")
        if not p.name.startswith("_") and not re.fullmatch(r"[a-z]{2}", p.relative_to(docs).parts[0])
    )


def chapter_files(docs: Path = DOCS) -> list[Path]:
    """Pages whose reading level is measured: all but those marked `reading_level: skip`."""
    return [
        path
        for path in page_files(docs)
        if not re.search(r"^reading_level:\s*skip\s*$", split_front_matter(path.read_text(encoding="utf-8"))[0], re.M)
    ]
