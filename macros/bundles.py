"""MkDocs hook: the course's every-page stylesheet and script, each served as one file.

Every page needs the course's styles (course.css, and quiz.css, which the quiz, the
progress page and the print worksheet use) and its small every-page scripts (store.js,
the saved-data helper, then course.js). They stay separate files in docs/ for the
people who edit them; the build joins each group into one file (stylesheets/site.css,
javascripts/site.js), in the order listed, and leaves the parts out of the site.

Why: a browser fetches at most six files at a time from one server over HTTP/1.1
(`python -m http.server`, many clinic intranets), and every file it must fetch before
the first paint waits its turn. Measured with Lighthouse (bench/lighthouse.py), two
files fewer on a chapter page brought its first paint closer to bare Material's.

Runs in every language's build and in `mkdocs serve`, after macros/shared_assets.py
in a translation's build. A plain function: no state, nothing else changes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Each file the pages load, and the files in docs/ it is made of, in order.
BUNDLES: dict[str, tuple[str, ...]] = {
    "stylesheets/site.css": ("stylesheets/course.css", "stylesheets/quiz.css"),
    "javascripts/site.js": ("javascripts/store.js", "javascripts/course.js"),
}


def joined(parts: tuple[str, ...], docs: Path = DOCS) -> str:
    """The text of `parts` (paths under `docs`), one after another, each under a comment naming it."""
    return "".join(f"/* {part} */\n{(docs / part).read_text(encoding='utf-8').rstrip()}\n" for part in parts)


def on_files(files: Files, config) -> Files:
    for bundle, parts in BUNDLES.items():
        for part in parts:
            if (file := files.get_file_from_path(part)) is not None:
                files.remove(file)
        files.append(File.generated(config, bundle, content=joined(parts)))
    return files
