"""The bad-input corpus (tests/corpus/): every malformed bank, page and data file stops
the real build with its exact `file:line: message`, no traceback, and the last good
site left byte for byte as it was. The fast check prints the same lines.

Each case is a folder of files put into the small fixture site tests/sites/corpus-base
(a `translation-` case: with its Spanish side, tests/sites/corpus-es, put in first);
tests/corpus/manifest.yml says what each case is and every line it must produce.
The builds are slow-ish (about a second each, mostly starting Python and MkDocs), so
they run two at a time; every case still gets its own real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import SITES, build, prepare_site, run_cases
from tools import check

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = YAML(typ="safe").load((CORPUS / "manifest.yml").read_text(encoding="utf-8"))
CASES = sorted(MANIFEST)
SPANISH = SITES / "corpus-es"  # the Spanish side of corpus-base: mkdocs.es.yml, docs/es/, quiz/es/, data/es/
PROBLEM = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+): (?P<message>.+)$")

pytestmark = pytest.mark.site


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_has_a_folder_and_expectations_for_every_case() -> None:
    folders = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    assert folders == CASES
    assert len(CASES) >= 40
    for case, entry in MANIFEST.items():
        assert set(entry) <= {"what", "expect", "remove"}, case
        assert entry["what"] and entry["expect"], case
        assert any(p.is_file() for p in (CORPUS / case).rglob("*")), case
        for expected in entry["expect"]:
            match = PROBLEM.match(expected)
            assert match and int(match["line"]) >= 1, f"{case}: {expected}"
        for removed in entry.get("remove", []):
            assert (SITES / "corpus-base" / removed).is_file() or (SPANISH / removed).is_file(), f"{case}: {removed}"


def test_the_corpus_covers_each_kind_of_bad_input() -> None:
    kinds = {
        "broken YAML": "yaml-",
        "wrong types": "type-",
        "missing fields": "missing-",
        "duplicates": "duplicate-",
        "unknown names": "unknown-",
        "bad pages": "page-",
        "references": "references-",
        "glossary": "glossary-",
        "chart data": "findings-",
        "UTF-16": "utf16",
        "Latin-1": "latin1",
        "byte-order marks": "bom",
        "tabs": "tab",
        "binary files": "binary",
        "oversized files": "oversized",
        "empty files": "empty",
        "item quality (CONVENTIONS.md, Item-quality rules)": "item-",
        "PEMAT scores (CONVENTIONS.md, PEMAT scores)": "pemat-",
        "translations kept in step (CONTRIBUTING.md, Update a translation)": "translation-",
    }
    for kind, prefix in kinds.items():
        assert sum(prefix in case for case in CASES) >= 1, kind
    assert sum(case.startswith("yaml-") for case in CASES) >= 5


# ---------------------------------------------------------------- placing a case


def place(case: str, source: Path, destination: Path) -> Path:
    """A copy of the fixture site at `source` with the case's files in place."""
    root = destination / case
    shutil.copytree(source, root, symlinks=True, ignore=shutil.ignore_patterns("dist"))
    if case.startswith("translation-"):
        shutil.copytree(SPANISH, root, dirs_exist_ok=True)
    for path in sorted((CORPUS / case).rglob("*")):
        if path.is_file():
            target = root / path.relative_to(CORPUS / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for removed in MANIFEST[case].get("remove", []):
        (root / removed).unlink()
    return root


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `folder`: its content's hash and its modification time."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        state[path.relative_to(folder).as_posix()] = (digest, info.st_mtime_ns)
    return state


@dataclass
class Outcome:
    result: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, int]]
    after: dict[str, tuple[str, int]]
    leftovers: list[str]


def run_case(case: str, base: Path, destination: Path) -> Outcome:
    root = place(case, base, destination)
    before = snapshot(root / "site")
    result = build(root)
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith((".site-new-", ".site-old-")))
    return Outcome(result, before, snapshot(root / "site"), leftovers)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus fixture site, built once with the real build: the last good site/ of every case."""
    root = prepare_site("corpus-base", tmp_path_factory.mktemp("corpus-base"))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "chapter.html").is_file()
    return root


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, base: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[Outcome]]]:
    """A real build of every selected case, WORKERS at a time; each test waits for its own."""
    destination = tmp_path_factory.mktemp("corpus-cases")
    yield from run_cases(request, "test_case_fails_the_build_cleanly", lambda case: run_case(case, base, destination))


# ---------------------------------------------------------------- the build


def reported(output: str) -> list[str]:
    """The `file:line: message` lines of the build's error (MkDocs indents them by two spaces)."""
    return [line[2:] for line in output.splitlines() if line.startswith("  ") and PROBLEM.match(line[2:])]


@pytest.mark.parametrize("case", CASES)
def test_case_fails_the_build_cleanly(case: str, outcomes: dict[str, Future[Outcome]]) -> None:
    outcome = outcomes[case].result()
    output = outcome.result.stdout + outcome.result.stderr
    expected = MANIFEST[case]["expect"]
    assert outcome.result.returncode != 0, output
    assert "Traceback" not in output
    assert re.search(r"ERROR\s+-\s+\d+ problems? to fix before the site can be built:", output), output
    assert reported(output) == expected, output
    count = len(expected)
    assert f"{count} problem{'s' if count != 1 else ''} to fix" in output
    # the last good site is untouched, and nothing half-written is left beside it
    assert outcome.after == outcome.before
    assert outcome.leftovers == []


# ---------------------------------------------------------------- the fast check


@pytest.mark.parametrize("case", CASES)
def test_case_fails_the_fast_check_with_the_same_lines(case: str, tmp_path: Path) -> None:
    root = place(case, SITES / "corpus-base", tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = check.main(["--root", str(root), "--no-reading-level"])
    lines = printed.getvalue().splitlines()
    assert status == 1
    assert [line for line in lines if PROBLEM.match(line)] == MANIFEST[case]["expect"]
    assert lines[-1].startswith("FAILED:")
