"""Property-based fuzzing of the loaders (macros/banks.py, macros/data.py, macros/pemat.py, macros/yamlfile.py).

Whatever a file holds, loading it never raises: it gives either a loaded model, or
problems that each name the file and a line of it (>= 1), in words with no Python
or parser jargon. Inputs: valid-shaped banks with one part mutated, YAML-like token
soup, real banks with characters changed, random text and random bytes.

The examples are fixed in CI (CI=true: derandomized, no example database) so a red
build is always reproducible; elsewhere each run tries new ones. Every input must load
within DEADLINE, generous for a busy two-core machine: a slower load is a bug (an
input that makes the parser crawl).
"""

from __future__ import annotations

import datetime
import io
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from macros.banks import QUESTION_TYPES, LoadedBank, load_bank
from macros.data import Glossary, References, load
from macros.pemat import load_scores

ROOT = Path(__file__).resolve().parents[2]
DISPLAY = "quiz/fuzz.yml"
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DEADLINE = datetime.timedelta(seconds=5)
# Words that mean a message leaked from pydantic, ruamel or Python instead of saying what to fix.
JARGON = (
    "Input should",
    "Value error",
    "String should",
    "validation error",
    "Traceback",
    "<block",
    "<scalar>",
    "<stream",
    "token",
    "ruamel",
    "pydantic",
    "NoneType",
    "CommentedMap",
)


def fuzz_settings(examples: int) -> settings:
    fixed = {"derandomize": True, "database": None} if CI else {}
    return settings(
        max_examples=examples,
        deadline=DEADLINE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        **fixed,
    )


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for the whole module: hypothesis runs many examples per test call."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def lines_in(raw: bytes) -> int:
    return raw.count(b"\n") + 1


def assert_clean(problems: list[Any], display: str, raw: bytes) -> None:
    for problem in problems:
        assert problem.path == display
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines_in(raw), problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        own_words = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "", problem.message)  # leave out what the file said
        assert not any(word in own_words for word in JARGON), problem


def load_bytes(folder: Path, raw: bytes) -> LoadedBank:
    path = folder / "fuzz.yml"
    path.write_bytes(raw)
    loaded = load_bank(path, DISPLAY)  # must not raise
    assert isinstance(loaded, LoadedBank)
    assert loaded.bank is not None or loaded.problems, "neither a bank nor a problem"
    assert_clean(loaded.problems, DISPLAY, raw)
    return loaded


# ---------------------------------------------------------------- strategies

texts = st.text(max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.sampled_from(["", " ", "yes", "no", "~", "null", "2026-13-01", "1e3", "0x1F", "<script>", "{{ 7*7 }}"]),
    st.dates().map(str),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)),
    max_leaves=12,
)
slugs = st.lists(st.sampled_from(["pain", "scan", "brain", "a", "b2", "2022"]), min_size=1, max_size=3).map("-".join)
words = st.text(min_size=1, max_size=20).filter(str.strip)  # the models strip text; blank is empty


@st.composite
def options(draw: st.DrawFn, kind: str) -> list[dict[str, Any]]:
    """Options that follow the answer rules: one correct for `single`, some right and some wrong for `multiple`."""
    count = draw(st.integers(min_value=2, max_value=5))
    if kind == "single":
        correct = {draw(st.integers(min_value=0, max_value=count - 1))}
    else:
        correct = draw(st.sets(st.integers(min_value=0, max_value=count - 1), min_size=1, max_size=count - 1))
    return [
        {"text": draw(words), "correct": True} if n in correct else {"text": draw(words), "feedback": draw(words)}
        for n in range(count)
    ]


@st.composite
def questions(draw: st.DrawFn) -> dict[str, Any]:
    # classify questions have no options; tests/unit/test_classify.py covers them
    kind = draw(st.sampled_from([t for t in QUESTION_TYPES if t != "classify"]))
    question: dict[str, Any] = {"id": draw(slugs), "type": kind, "prompt": draw(words)}
    if kind == "true-false":
        question |= {"answer": draw(st.booleans()), "feedback": draw(words)}
    else:
        question["options"] = draw(options(kind))
    question["explanation"] = draw(words)
    if draw(st.booleans()):
        question["learn_more"] = draw(slugs)
    if draw(st.booleans()):
        question["sources"] = draw(st.lists(slugs, max_size=3))
    return question


@st.composite
def banks(draw: st.DrawFn) -> dict[str, Any]:
    bank: dict[str, Any] = {"questions": draw(st.lists(questions(), min_size=1, max_size=3))}
    if draw(st.booleans()):
        bank = {"title": draw(words), **bank}
    return bank


def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and item in a bank, as a path from the top."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from places(value, (*path, index))


@st.composite
def mutated_banks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid-shaped bank with one place replaced, deleted, renamed or given a stray key."""
    bank = draw(banks())
    path = draw(st.sampled_from([p for p in places(bank) if p]))
    *parents, last = path
    parent = bank
    for step in parents:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "delete", "rename", "add"]))
    if action == "replace":
        parent[last] = draw(structures)
    elif action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(texts)] = parent.pop(last)
    elif isinstance(parent, dict):
        parent[draw(texts)] = draw(structures)
    else:
        parent.insert(last, draw(structures))
    return bank


def dump(data: Any, flow: bool | None, indent: int) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


TOKENS = [
    "questions:", "title:", "id:", "type:", "single", "multiple", "true-false", "prompt:", "options:", "text:",
    "correct:", "feedback:", "answer:", "explanation:", "learn_more:", "sources:", "true", "false", "yes",
    "null", "~", "42", "-1.5", ".nan", "2026-13-01", "2026-02-03", "\n", "\n", "\n", "  ", "  ", "    ", "\t",
    "- ", "-", ":", ": ", "[", "]", "{", "}", ",", "'", '"', "\\", "&a ", "*a", "&b", "*b", "<<: ", "!tag ",
    "!!str ", "!!binary ", "!!python/object:os.system ", "? ", "#", " # note", "---", "...", "|", ">-",
    "%YAML 1.2", "@", "`", "\ufeff", "\x07", "\r\n", "\u00e9", "\U0001f600", "<script>alert(1)</script>",
    "{{ 7*7 }}", "A sentence.", "What: now?",
]  # fmt: skip
token_soup = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)

REAL_BANK = (ROOT / "tests" / "sites" / "corpus-base" / "quiz" / "chapter.yml").read_text(encoding="utf-8")


@st.composite
def edited_real_bank(draw: st.DrawFn) -> str:
    """The corpus fixture's valid bank with a few characters deleted, inserted or changed."""
    text = REAL_BANK
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=12)) :]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    return text


# ---------------------------------------------------------------- properties


@fuzz_settings(500)
@given(bank=mutated_banks(), flow=st.sampled_from([None, True, False]), indent=st.sampled_from([2, 4]))
def test_a_mutated_bank_loads_or_says_where_it_is_wrong(
    folder: Path, bank: Any, flow: bool | None, indent: int
) -> None:
    load_bytes(folder, dump(bank, flow, indent).encode("utf-8"))


@fuzz_settings(100)
@given(bank=banks(), indent=st.sampled_from([2, 4]))
def test_a_valid_shaped_bank_with_consistent_answers_loads(folder: Path, bank: Any, indent: int) -> None:
    # block style only: ruamel writes some texts unquoted in `{...}` that it cannot read back (`{a: ?0}`)
    flow = False
    loaded = load_bytes(folder, dump(bank, flow, indent).encode("utf-8"))
    # the only rules the generator may break: duplicates, and the item-quality rules (random texts of random
    # lengths: the longest-answer cue, words over the limits, "none of these"); each has its own tests
    rules = {"have the same text", "duplicate id", "the right answer is the longest option", "words, over",
             "which lets a reader answer without weighing", "the prompt asks in the negative"}  # fmt: skip
    assert all(any(rule in p.message for rule in rules) for p in loaded.problems), loaded.problems


@fuzz_settings(1000)
@given(text=token_soup)
def test_yaml_token_soup_never_raises(folder: Path, text: str) -> None:
    load_bytes(folder, text.encode("utf-8"))


@fuzz_settings(300)
@given(text=edited_real_bank())
def test_a_real_bank_with_characters_changed_never_raises(folder: Path, text: str) -> None:
    load_bytes(folder, text.encode("utf-8"))


@fuzz_settings(500)
@given(
    raw=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        token_soup.map(lambda t: t.encode("utf-16")),
        token_soup.map(lambda t: t.encode("utf-16-be")),
        token_soup.map(lambda t: t.encode("latin-1", "replace")),
    )
)
def test_random_bytes_never_raise(folder: Path, raw: bytes) -> None:
    load_bytes(folder, raw)


@fuzz_settings(150)
@given(
    text=st.one_of(token_soup, structures.map(lambda d: dump(d, None, 2))),
    model=st.sampled_from([References, Glossary]),
)
def test_data_files_never_raise(folder: Path, text: str, model: Any) -> None:
    path = folder / "data.yml"
    raw = text.encode("utf-8")
    path.write_bytes(raw)
    top = {"top": CommentedSeq} if model is Glossary else {}
    loaded = load(path, model, "data/fuzz.yml", "`key:`", **top)
    assert loaded.model is not None or loaded.problems
    assert_clean(loaded.problems, "data/fuzz.yml", raw)


REAL_SCORES = (ROOT / "data" / "pemat" / "red-flags.yml").read_text(encoding="utf-8")
SCORE_TOKENS = ["items:", "scored:", "by:", "date:", "score:", "reason:", "agree", "disagree", "na", "13:", "27:"]


@st.composite
def edited_real_scores(draw: st.DrawFn) -> str:
    """A real PEMAT score file with a few characters deleted, inserted or changed."""
    text = REAL_SCORES
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        piece = draw(st.one_of(st.sampled_from(TOKENS + SCORE_TOKENS), st.text(max_size=3)))
        if draw(st.booleans()):
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=12)) :]
    return text


@fuzz_settings(300)
@given(text=edited_real_scores())
def test_a_real_score_file_with_characters_changed_never_raises(folder: Path, text: str) -> None:
    scores = folder / "scores"
    (scores / "data" / "pemat").mkdir(parents=True, exist_ok=True)
    raw = text.encode("utf-8")
    (scores / "data" / "pemat" / "chapter.yml").write_bytes(raw)
    loaded, stray = load_scores(scores)  # must not raise
    assert stray == []
    assert loaded["chapter"].model is not None or loaded["chapter"].problems
    assert_clean(loaded["chapter"].problems, "data/pemat/chapter.yml", raw)
