"""What the benchmarks share: site copies with parts switched off, builds, a local server, tables.

Plain helpers, no figures of their own. Every site a benchmark builds is written
into a temporary folder; nothing here touches site/, dist/ or the project's files.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from macros.pages import ROOT

PYTHON = sys.executable  # the project's .venv: our own builds
CHROMIUM = Path("/usr/bin/chromium")
BENCH = ROOT / "bench"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}  # offline builds, as a USB-stick copy

_MACROS_PLUGIN = re.compile(r"^  - macros:\n(?:      .*\n)+", re.M)
_WATCH = re.compile(r"^watch:\n(?:  - .*\n)+", re.M)  # only `mkdocs serve` uses it; it names quiz/, data/, macros/
# Pages load site.css and site.js, joined by macros/bundles.py from course.css with quiz.css and
# store.js (saved answers) with course.js; quiz.js comes from overrides/main.html on quiz pages only.
# A variant without the quiz loads course.css and course.js alone, as they are.
_BUNDLES_HOOK = re.compile(r"^  - macros/bundles\.py.*\n", re.M)
_WITHOUT_QUIZ = (
    "extra_css:\n  - stylesheets/course.css\n",
    "extra_javascript:\n  - path: javascripts/course.js\n    defer: true\n",
)
_EXTRA_CSS = re.compile(r"^extra_css:\n(?:  - .*\n)+", re.M)
_EXTRA_JS = re.compile(r"^extra_javascript:\n(?:  [- ] .*\n)+", re.M)  # entries may span lines (path:, defer:)
_CUSTOM_DIR = re.compile(r"^  custom_dir: .*\n", re.M)
_HOOKS = re.compile(r"^hooks:\n(?:  - .*\n)+", re.M)  # the language switch (macros/languages.py)
_ALTERNATE = re.compile(r"^  alternate:\n(?:    .*\n)+", re.M)  # the languages it links
_MACRO_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


# ---------------------------------------------------------------- numbers


def gzipped(data: bytes) -> int:
    """Bytes after gzip level 9, as a web server or GitHub Pages would send them."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], left: int = 1) -> None:
    """Print rows under headers; the first `left` columns are left-aligned, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for number, row in enumerate(cells):
        pairs = enumerate(zip(row, widths, strict=True))
        line = "  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in pairs)
        print(line.rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


def _cell(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def heading(text: str) -> None:
    print(f"\n## {text}\n", flush=True)


def versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{date.today().isoformat()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load} at start"
    )


# ---------------------------------------------------------------- site copies


def config_text(*, macros: bool = True, quiz_assets: bool = True, nav: bool = True, plugins: Sequence[str] = ()) -> str:
    """The project's mkdocs.yml, optionally without the macros plugin, the quiz assets or the nav.

    Fails loudly if the lines it removes are no longer there, so a changed
    mkdocs.yml never silently benchmarks the wrong thing.
    """
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not macros:
        text, count = _MACROS_PLUGIN.subn("", text)
        if count != 1:
            raise RuntimeError("mkdocs.yml: the `- macros:` plugin block was not found")
        text = _WATCH.sub("", text)
        # The theme override takes its words from data/words/ through the macros plugin; without it, from here.
        text = _with_words(text)
    if not quiz_assets:
        for pattern, replacement, what in ((_EXTRA_CSS, _WITHOUT_QUIZ[0], "extra_css"),
                                           (_EXTRA_JS, _WITHOUT_QUIZ[1], "extra_javascript"),
                                           (_BUNDLES_HOOK, "", "the `macros/bundles.py` hook")):  # fmt: skip
            text, count = pattern.subn(replacement, text)
            if count != 1:
                raise RuntimeError(f"mkdocs.yml: {what} was not found")
    if not nav:
        text = text.split("\nnav:")[0] + "\n"
    if plugins:
        if "\nplugins:\n" not in text:
            raise RuntimeError("mkdocs.yml: no `plugins:` section")
        text = text.replace("\nplugins:\n", "\nplugins:\n" + "".join(f"  - {p}\n" for p in plugins), 1)
    return text


def _with_words(text: str) -> str:
    import json

    from macros.words import load_words, site_language

    words, problems = load_words(ROOT, site_language(ROOT))
    if problems:
        raise RuntimeError("\n".join(map(str, problems)))
    if "\nextra:\n" not in text:
        raise RuntimeError("mkdocs.yml: no `extra:` section")
    return text.replace("\nextra:\n", f"\nextra:\n  course_words: {json.dumps(words)}\n", 1)


def bare_material_config() -> str:
    """The project's mkdocs.yml as plain Material: no macros plugin, no theme overrides (custom_dir),
    no extra CSS or JavaScript, no hooks and no second language. Search, the offline plugin and the
    iframe-worker shim are kept."""
    text = config_text(macros=True)
    for pattern, what in ((_MACROS_PLUGIN, "the `- macros:` plugin block"), (_EXTRA_CSS, "extra_css"),
                          (_EXTRA_JS, "extra_javascript"), (_CUSTOM_DIR, "custom_dir"),
                          (_HOOKS, "hooks"), (_ALTERNATE, "extra.alternate")):  # fmt: skip
        text, count = pattern.subn("", text)
        if count != 1:
            raise RuntimeError(f"mkdocs.yml: {what} was not found")
    return _WATCH.sub("", text)


def strip_macros(markdown: str) -> str:
    """A page with every `{{ ... }}` and `{% ... %}` removed: what it is without mkdocs-macros."""
    return _MACRO_CALL.sub("", markdown)


def copy_site(destination: Path, docs: Path, config: str, *, extra: Sequence[str] = ()) -> Path:
    """A buildable site: `docs` copied with the project's theme overrides and our own assets.

    `extra` names project folders to copy too (quiz, data). The project's macros package is
    linked in: mkdocs-macros imports it from beside mkdocs.yml when `macros` is on, and the
    hooks in mkdocs.yml (macros/languages.py, macros/bundles.py) live there either way.
    """
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(docs, destination / "docs", dirs_exist_ok=True)
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / folder, destination / "docs" / folder, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", destination / "overrides", dirs_exist_ok=True)
    for folder in extra:
        shutil.copytree(ROOT / folder, destination / folder, dirs_exist_ok=True)
    (destination / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


# ---------------------------------------------------------------- building


class Timing(NamedTuple):
    """Seconds of one command: wall-clock, and CPU (user + system) of the command and its children.

    CPU time is what the command itself used: on a shared 2-core machine it moves
    far less than wall-clock time when other work is running.
    """

    wall: float
    cpu: float


def build(root: Path, site: Path, site_url: str = "") -> Timing:
    """The real build command (`python -m tools.build`, strict) on `root`; SITE_URL empty (offline) unless given."""
    command = [PYTHON, "-m", "tools.build", "--root", str(root), "--site", str(site), "--no-bundle"]  # zip not timed
    return _run(command, {**ENV, "SITE_URL": site_url})


def mkdocs_build(root: Path, site: Path, python: str = PYTHON) -> Timing:
    """A plain `mkdocs build --strict` with any Python (a virtual environment of another plugin).

    Pages carry the same service-worker tag as the real build's (COURSE_SERVICE_WORKER), so
    variants differ only in what is compared. Not --quiet: it would hide the warnings --strict counts.
    """
    command = [python, "-m", "mkdocs", "build", "--strict"]
    command += ["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)]
    return _run(command, {**ENV, "COURSE_SERVICE_WORKER": "true"})


def _run(command: list[str], env: dict[str, str] = ENV) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)
