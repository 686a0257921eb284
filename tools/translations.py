"""Keep translations in step with the English: list what is out of date, and stamp what you updated.

Usage:
    python -m tools.translations status [--language es]   # every translation that is missing or stale
    python -m tools.translations stamp FILE...            # record the English version FILE now follows

`status` lists each translated file that is missing, has no `translated_from:`, or follows an
older English file, with what changed in the English since (the `git diff` when git still has
the old version); it exits 1 if there is any. `stamp` writes `translated_from: <blob id>` (what
`git hash-object <english file>` prints) into each translated file: in a page's front matter,
or as the first key of a YAML file. Stamp a file only after its text matches the English.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from macros.pages import ROOT, page_files
from macros.translations import (
    ENGLISH,
    KEY,
    blob_id,
    english_diff,
    languages,
    pairs,
    read_text,
    state,
)

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_LINE = re.compile(rf"^{KEY}:.*\n?", re.M)


def english_of(relative: str) -> str | None:
    """The English file a translated file follows (`docs/es/x.md` -> `docs/x.md`), or None."""
    parts = relative.split("/")
    if len(parts) >= 3 and parts[0] in ("docs", "quiz", "data") and re.fullmatch(r"[a-z]{2}", parts[1]):
        if parts[0] == "data" and parts[1] == "words":
            return None
        return "/".join([parts[0], *parts[2:]])
    if len(parts) == 3 and parts[:2] == ["data", "words"] and parts[2].endswith(".yml") and parts[2] != "en.yml":
        return f"data/words/{ENGLISH}.yml"
    return None


def stamped(text: str, blob: str, page: bool) -> str:
    """`text` with `translated_from: <blob>`: the line replaced if there is one, else added."""
    line = f"{KEY}: {blob}\n"
    if page:
        match = _FRONT.match(text)
        if not match:
            return f"---\n{line}---\n\n{text}"
        front = match.group(1) or ""
        front = _LINE.sub(line, front, count=1) if _LINE.search(front) else front + line
        return f"---\n{front}---\n{text[match.end() :]}"
    if _LINE.search(text):
        return _LINE.sub(line, text, count=1)
    lines = text.splitlines(keepends=True)
    at = next((n for n, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), len(lines))
    return "".join([*lines[:at], line, *lines[at:]])


def stamp(root: Path, files: list[str]) -> int:
    status = 0
    for name in files:
        path = Path(name) if Path(name).exists() else root / name
        try:
            relative = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = name
        english = english_of(relative)
        if english is None:
            print(
                f"{name}:1: not a translated file (docs/<language>/, quiz/<language>/, data/<language>/ "
                "or data/words/<language>.yml)",
                file=sys.stderr,
            )
            status = 1
            continue
        if not (root / english).is_file():
            print(f"{name}:1: there is no English {english} to follow", file=sys.stderr)
            status = 1
            continue
        text = read_text(path)
        if text is None:
            print(f"{name}:1: cannot read it as UTF-8 text", file=sys.stderr)
            status = 1
            continue
        blob = blob_id((root / english).read_bytes())
        path.write_text(stamped(text, blob, relative.endswith(".md")), encoding="utf-8")
        print(f"{relative}: {KEY}: {blob} ({english})")
    return status


def status(root: Path, only: str | None) -> int:
    docs = root / "docs"
    english_pages = [p.relative_to(docs).as_posix() for p in page_files(docs)]
    found = 0
    for language in languages(root):
        if only and language != only:
            continue
        states = [state(root, pair) for pair in pairs(root, language, english_pages, f"docs/{language}")]
        counts: dict[str, int] = {}
        for item in states:
            counts[item.status] = counts.get(item.status, 0) + 1
            if item.status == "current":
                continue
            found += 1
            pair = item.pair
            line = item.source.line or 1
            if item.status == "missing":
                print(f"{pair.translation}:1: missing: translate {pair.english}")
            elif item.status == "orphan":
                print(f"{pair.translation}:1: no English {pair.english}")
            elif item.status == "unstamped":
                print(f"{pair.translation}:{line}: no valid `{KEY}:`; stamp it once it matches {pair.english}")
            else:
                print(f"{pair.translation}:{line}: stale: {pair.english} changed since")
                diff = english_diff(root, item.source.blob or "", pair.english)
                if diff is None:
                    print("    (the old English is not in git: compare the two files by hand)")
                else:
                    for text in diff.splitlines():
                        print(f"    {text}")
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        print(f"{language}: {len(states)} files: {summary}")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    stamp_parser = commands.add_parser("stamp", help="record the English version each FILE now follows")
    stamp_parser.add_argument("files", nargs="+")
    status_parser = commands.add_parser("status", help="list missing and out-of-date translations")
    status_parser.add_argument("--language", default=None)
    args = parser.parse_args(argv)
    if args.command == "stamp":
        return stamp(args.root, args.files)
    return status(args.root, args.language)


if __name__ == "__main__":
    sys.exit(main())
