"""CONVENTIONS.md documents the whole closed vocabulary, and every example in it works.

Each `### `name`` entry under Front matter, Macros, Content blocks and Question
types has one example (a fenced block) and one or more `<!-- expect: TEXT -->`
lines: TEXT must appear in the HTML the example builds into. All examples are
built together, one page each, in the `conventions` fixture site with the real
configuration (tests/conftest.py), and the fast check must pass on that site too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from macros.banks import QUESTION_TYPES
from macros.course import MACROS
from macros.site import BLOCKS, CHAPTER_KEYS, FRONT_MATTER
from tests.conftest import ROOT, build, prepare_site
from tools.readability import MAX_GRADE, measure

CONVENTIONS = ROOT / "CONVENTIONS.md"

# section heading in CONVENTIONS.md -> the code's list of names it must document, exactly
SECTIONS = {
    "Front matter": set(FRONT_MATTER),
    "Macros": set(MACROS),
    "Content blocks": set(BLOCKS),
    "Question types": set(QUESTION_TYPES),
}

_ENTRY = re.compile(r"^### `([^`]+)`\s*$")
_FENCE = re.compile(r"^(```|~~~)\s*(\w*)")
_EXPECT = re.compile(r"^<!-- expect: (.+?) -->\s*$")
_EXPECT_CHECK = re.compile(r"^<!-- expect check: (.+?) -->\s*$")
_MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(")


@dataclass
class Entry:
    section: str
    name: str
    line: int
    examples: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    expects: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)  # what the fast check should do, in words
    text: list[str] = field(default_factory=list)  # the entry's prose

    @property
    def example(self) -> str:
        return self.examples[0][1]

    @property
    def slug(self) -> str:
        calls = re.findall(r'\{\{\s*quiz\("([^"]+)"\)', self.example)
        if calls:  # a page shows the bank with its own name
            return calls[0]
        return f"{self.section}-{self.name}".lower().replace(" ", "-").replace("_", "-")


def read_entries(text: str) -> list[Entry]:
    entries: list[Entry] = []
    section, entry = "", None
    fence: list[str] | None = None
    language = ""
    for number, line in enumerate(text.splitlines(), 1):
        if fence is not None:
            if _FENCE.match(line):
                if entry:
                    entry.examples.append((language, "\n".join(fence) + "\n"))
                fence = None
            else:
                fence.append(line)
            continue
        if match := _FENCE.match(line):
            fence, language = [], match.group(2)
            continue
        if line.startswith("## "):
            section, entry = line[3:].strip(), None
            continue
        if (match := _ENTRY.match(line)) and section in SECTIONS:
            entry = Entry(section, match.group(1), number)
            entries.append(entry)
            continue
        if entry is None:
            continue
        if match := _EXPECT.match(line):
            entry.expects.append(match.group(1))
        elif match := _EXPECT_CHECK.match(line):
            entry.check.append(match.group(1))
        else:
            entry.text.append(line)
    return entries


ENTRIES = read_entries(CONVENTIONS.read_text(encoding="utf-8"))
IDS = [f"{e.section}:{e.name}" for e in ENTRIES]

# ---------------------------------------------------------------- the page each example is placed in

WRAPPER_FRONT = """\
title: An example page
description: A page built from one example in CONVENTIONS.md.
objectives:
  - Find the example on this page.
key_points:
  - Each example builds.
minutes: 3
reviewed: 2026-11-23
clinical_review: pending
"""
WRAPPER_BODY = """\
# {title}

{{{{ learning_objectives() }}}}

## Why scans can mislead

Many people have findings on a scan and no pain at all.

{example}

{{{{ key_points_summary() }}}}

{{{{ quiz("{slug}") }}}}
"""
WRAPPER_BANK = """\
questions:
  - id: scans-and-pain
    type: true-false
    prompt: A finding on a scan always explains back pain.
    answer: false
    feedback: Many people with findings on a scan have no pain.
    explanation: Scans show the body's structure, not pain.
    learn_more: why-scans-can-mislead
"""
# Long words and long sentences: far above grade 8, so only `reading_level: skip` lets the page pass.
HARD_TEXT = (
    "Notwithstanding considerable methodological heterogeneity, epidemiological investigations "
    "consistently demonstrate substantial prevalence of degenerative intervertebral characteristics "
    "among asymptomatic individuals, necessitating circumspect interpretation of radiological documentation."
)


def _keys(yaml_text: str) -> set[str]:
    return {line.split(":")[0] for line in yaml_text.splitlines() if re.match(r"^[a-z_]+:", line)}


def example_files(entry: Entry) -> dict[str, str]:
    """The files (path -> text) one example becomes in the fixture site."""
    front, example, bank = WRAPPER_FRONT, "", WRAPPER_BANK
    if entry.section == "Front matter":
        keys = _keys(entry.example)
        kept, skipping = [], False
        for line in WRAPPER_FRONT.splitlines():
            if re.match(r"^[a-z_]+:", line):
                skipping = line.split(":")[0] in keys
            if not skipping:
                kept.append(line)
        front = "\n".join(kept) + "\n" + entry.example
    elif entry.section == "Question types":
        bank = entry.example
    else:
        example = entry.example
    if entry.check:
        example += "\n" + HARD_TEXT + "\n"
    title = re.search(r"^title: (.+)$", front, re.M).group(1)
    # The example replaces the page's own call of the same macro (a bank is shown once).
    called = set(_MACRO_CALL.findall(example))
    wrapper = "\n".join(line for line in WRAPPER_BODY.splitlines() if not set(_MACRO_CALL.findall(line)) & called)
    body = wrapper.format(title=title, example=example.rstrip("\n"), slug=entry.slug)
    return {f"quiz/{entry.slug}.yml": bank, f"docs/{entry.slug}.md": f"---\n{front}---\n\n{body}\n"}


@pytest.fixture(scope="module")
def conventions_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The fixture site with every example on a page of its own, built once; and the fast check's result."""
    root = prepare_site("conventions", tmp_path_factory.mktemp("conventions"))
    for entry in ENTRIES:
        for relative, text in example_files(entry).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            assert not path.exists(), f"two examples write {relative}"
            path.write_text(text, encoding="utf-8")
    built = build(root)
    assert built.returncode == 0, built.stdout + built.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "tools.check", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return root, checked


# ---------------------------------------------------------------- the file documents the code, exactly


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_conventions_document_every_name_the_code_knows(section: str) -> None:
    documented = [entry.name for entry in ENTRIES if entry.section == section]
    assert len(documented) == len(set(documented)), f"an entry appears twice under {section}"
    assert set(documented) == SECTIONS[section], (
        f"CONVENTIONS.md, {section}: missing {sorted(SECTIONS[section] - set(documented))}, "
        f"unknown to the code {sorted(set(documented) - SECTIONS[section])}"
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_each_entry_has_one_example_and_says_what_it_shows(entry: Entry) -> None:
    assert len(entry.examples) == 1, f"CONVENTIONS.md:{entry.line}: one example per entry"
    assert entry.examples[0][0] == ("markdown" if entry.section in ("Macros", "Content blocks") else "yaml")
    assert entry.expects or entry.check, f"CONVENTIONS.md:{entry.line}: add an `<!-- expect: ... -->` line"
    assert any(line.strip() for line in entry.text), f"CONVENTIONS.md:{entry.line}: say what it is for"


@pytest.mark.parametrize("key", CHAPTER_KEYS)
def test_keys_a_chapter_needs_are_marked_required(key: str) -> None:
    entry = next(e for e in ENTRIES if e.section == "Front matter" and e.name == key)
    assert "Required on every chapter." in " ".join(entry.text)


def test_every_macro_entry_shows_its_own_macro() -> None:
    for entry in ENTRIES:
        if entry.section == "Macros":
            assert entry.name in _MACRO_CALL.findall(entry.example), entry.name


# ---------------------------------------------------------------- every example builds as described


@pytest.mark.site
@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_example_renders_as_described(entry: Entry, conventions_site: tuple[Path, subprocess.CompletedProcess]) -> None:
    root, _ = conventions_site
    html = (root / "site" / f"{entry.slug}.html").read_text(encoding="utf-8")
    for expected in entry.expects:
        assert expected in html, f"CONVENTIONS.md:{entry.line}: `{entry.name}` does not render {expected!r}"
    assert "Macro Rendering Error" not in html


@pytest.mark.site
def test_every_example_passes_the_fast_check(conventions_site: tuple[Path, subprocess.CompletedProcess]) -> None:
    _, checked = conventions_site
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("OK: 0 problems")


@pytest.mark.site
@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e.check], ids=[i for e, i in zip(ENTRIES, IDS, strict=True) if e.check]
)
def test_reading_level_skip_leaves_a_hard_page_out(
    entry: Entry, conventions_site: tuple[Path, subprocess.CompletedProcess]
) -> None:
    """The page is far above grade 8, yet the fast check (above) passes: it was left out."""
    root, _ = conventions_site
    assert measure(root / "docs" / f"{entry.slug}.md").grade > MAX_GRADE
