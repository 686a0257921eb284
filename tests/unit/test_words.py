"""Interface words (macros/words.py, data/words/en.yml): one file for every word, checked with
file:line; and no interface word hard-coded in the course's JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.words import fill, for_script, load_words, site_language

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
ENGLISH = (ROOT / "data" / "words" / "en.yml").read_text(encoding="utf-8")


def write_words(tmp_path: Path, text: str, language: str = "xx") -> Path:
    path = tmp_path / "data" / "words" / f"{language}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_english_words_load_without_problems() -> None:
    words, problems = load_words(ROOT, "en")
    assert problems == []
    assert words["quiz"]["check"] == "Check" and words["clear"]["button"] == "Clear my saved answers"


# (case, how en.yml is changed for the translation, the exact problems)
# fmt: off
BROKEN = [
    (
        # a key left out: named, with the line of its group
        "a missing key",
        lambda text: text.replace("  check: Check\n", ""),
        ["data/words/xx.yml:15: missing `check`; add `check:` with a value"],
    ),
    (
        # a key the reference does not have: a typo, with a suggestion
        "an unknown key",
        lambda text: text.replace("  check: Check\n", "  chek: Check\n"),
        None,
    ),
    (
        # a placeholder translated by mistake
        "a placeholder changed",
        lambda text: text.replace('"{right} of {count}"', '"{right} von {anzahl}"'),
        ["data/words/xx.yml:64: `progress: score_of` must keep the placeholders {count}, {right} of "
         "data/words/en.yml (found {anzahl}, {right}); they are filled in when the page is built or shown"],
    ),
]
# fmt: on


@pytest.mark.parametrize(("case", "edit", "expected"), BROKEN, ids=[row[0] for row in BROKEN])
def test_a_broken_translation_is_reported_with_file_and_line(case: str, edit, expected, tmp_path: Path) -> None:
    root = write_words(tmp_path, edit(ENGLISH))
    words, problems = load_words(root, "xx")
    shown = [str(p) for p in problems]
    assert words == {}
    assert shown, case
    if expected is not None:
        assert shown == expected
    else:
        assert all(line.startswith("data/words/xx.yml:") for line in shown)
        assert any("`chek`" in line for line in shown) and any("missing `check`" in line for line in shown)


def test_a_language_with_no_words_file_says_how_to_add_one(tmp_path: Path) -> None:
    (tmp_path / "data" / "words").mkdir(parents=True)
    _, problems = load_words(tmp_path, "fr")
    assert [str(p) for p in problems] == [
        "data/words/fr.yml:1: there are no interface words for the language `fr` (theme: language: in mkdocs.yml); "
        "copy data/words/en.yml to data/words/fr.yml and translate it"
    ]


def test_a_site_without_its_own_words_uses_the_course_words(tmp_path: Path) -> None:
    words, problems = load_words(tmp_path, "en")
    assert problems == [] and words["quiz"]["check"] == "Check"


def test_the_language_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    assert site_language(ROOT) == "en"
    (tmp_path / "mkdocs.yml").write_text("theme:\n  name: material\n  language: de\n", encoding="utf-8")
    assert site_language(tmp_path) == "de"
    assert site_language(tmp_path / "nowhere") == "en"


def test_fill_and_script_json() -> None:
    assert fill("{right} of {count}", right=3, count=7) == "3 of 7"
    words, _ = load_words(ROOT, "en")
    assert for_script(words, "clear").startswith('{"clear":{"button":"Clear my saved answers"')


# ---------------------------------------------------------------- nothing hard-coded in the JavaScript

_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def string_literals(source: str) -> list[str]:
    """Every quoted string in a script, without comments and the "use strict" directive."""
    return [a or b for a, b in _STRING.findall(_COMMENT.sub("", source)) if (a or b) != "use strict"]


def looks_like_words(literal: str) -> bool:
    """Text a reader would see: two letters-only words with a space between, outside any CSS selector."""
    if re.search(r"[.#\[\]=>:]\S", literal) and not re.search(r"[a-z] [a-z]+ [a-z]", literal):
        return False  # a selector such as '.quiz-why [data-option="1"]' or 'meta[name="x"]'
    return bool(re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", literal)) or bool(re.fullmatch(r"[A-Z][a-z]+[.!?:]?", literal))


def interface_words() -> list[str]:
    words, _ = load_words(ROOT, "en")
    texts = [text for group in words.values() for text in group.values()]
    # each text, and each run of words between its placeholders (not single lower-case words such as
    # "questions", which are also class names)
    parts = {part.strip() for text in texts for part in re.split(r"\{\w+\}", text)}
    return sorted(p for p in parts if len(p) > 3 and (" " in p or p[0].isupper()))


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_no_interface_word_is_hard_coded_in_the_javascript(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    literals = string_literals(source)
    assert [lit for lit in literals if looks_like_words(lit)] == [], f"{script.name}: put these in data/words/en.yml"
    code = _COMMENT.sub("", source)
    assert [text for text in interface_words() if text in code] == []


# (case, a literal, whether the check calls it interface words)
# fmt: off
LITERALS = [
    ("a message", "Choose an answer first, then press Check.", True),
    ("a one-word label", "Check", True),
    ("a label with a full stop", "Correct.", True),
    ("a class name", "quiz-check", False),
    ("a selector with an attribute", '.quiz-why [data-option="', False),
    ("a selector list", "[hidden].quiz-actions, .quiz-footer", False),
    ("a storage key prefix", "course-quiz:", False),
    ("a date option", "numeric", False),
]
# fmt: on


@pytest.mark.parametrize(("case", "literal", "words"), LITERALS, ids=[row[0] for row in LITERALS])
def test_the_hard_coded_word_check_tells_words_from_code(case: str, literal: str, words: bool) -> None:
    assert looks_like_words(literal) is words, case


def test_the_check_finds_a_planted_word() -> None:
    planted = 'feedback.textContent = "Not quite.";'
    assert "Not quite." in interface_words() and "Not quite." in planted
    assert [lit for lit in string_literals(planted) if looks_like_words(lit)] == ["Not quite."]
