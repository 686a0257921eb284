"""MkDocs hook for a second-language build: add the shared scripts and stylesheets.

The Spanish configuration (mkdocs.es.yml) builds docs/es/, which holds only pages.
The course's own JavaScript and CSS live once, in docs/javascripts/ and
docs/stylesheets/; this hook adds those files to the build so that every language
ships the same copy. A plain function: no state, nothing else changes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

SHARED = ("javascripts", "stylesheets")
DOCS = Path(__file__).resolve().parent.parent / "docs"


def on_files(files: Files, config) -> Files:
    if Path(config["docs_dir"]).resolve() == DOCS:
        return files
    for folder in SHARED:
        for path in sorted((DOCS / folder).rglob("*")):
            name = path.relative_to(DOCS).as_posix()
            if path.is_file() and not files.get_file_from_path(name):
                files.append(File(name, str(DOCS), config["site_dir"], config["use_directory_urls"]))
    return files
