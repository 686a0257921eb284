"""Translations kept in step with the English (macros/translations.py, tools/translations.py) and the
course in Spanish (macros: words, data and banks from quiz/es/ and data/es/; item-quality rules in Spanish;
reading ease). One row per case, with a comment saying what it shows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from macros import content
from macros.banks import Bank, load_bank
from macros.course import Course
from macros.translations import (
    bank_problems,
    blob_id,
    changed_lines,
    data_problems,
    heading_problems,
    languages,
    source_of,
    what_changed,
)
from macros.words import english
from tests.conftest import SITES, prepare_site
from tests.unit.test_schema import errors
from tools import check, readability
from tools import translations as tool

SPANISH = SITES / "corpus-es"


def site(tmp_path: Path) -> Path:
    """The corpus fixture site with its Spanish side, as the translation cases use it."""
    root = prepare_site("corpus-base", tmp_path)
    shutil.copytree(SPANISH, root, dirs_exist_ok=True)
    return root


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"}
        | {
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(root),
        },
    ).stdout


# ---------------------------------------------------------------- blob ids: what `git hash-object` prints

BLOBS = [
    b"",  # an empty file
    b"---\ntitle: Hola\n---\n",  # a page
    "¿Qué significa?\n".encode(),  # accents: bytes, not characters, are counted
    b"no newline at the end",  # no final newline
]


@pytest.mark.parametrize("data", BLOBS)
def test_blob_id_is_what_git_hash_object_prints(data: bytes) -> None:
    printed = subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True)
    assert blob_id(data) == printed.stdout.decode().strip()


# ---------------------------------------------------------------- the translated_from line

# (case, text, (blob or None, line))
# fmt: off
SOURCES = [
    # a page's front matter
    ("front matter", "---\ntitle: T\ntranslated_from: " + "a" * 40 + "\n---\n", ("a" * 40, 3)),
    # a bank: the first key after the comments, quoted
    ("quoted in a bank", '# schema\ntranslated_from: "' + "b" * 40 + '"\nquestions: []\n', ("b" * 40, 2)),
    # a comment after the value is not part of it
    ("with a comment", "translated_from: abc  # old\n", ("abc", 1)),
    # an indented key belongs to something else: not the file's source
    ("indented", "entries:\n  translated_from: x\n", (None, 0)),
    # no line at all
    ("missing", "title: T\n", (None, 0)),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "expected"), SOURCES, ids=[row[0] for row in SOURCES])
def test_source_of(case: str, text: str, expected: tuple[str | None, int]) -> None:
    found = source_of(text)
    assert (found.blob, found.line) == expected


# ---------------------------------------------------------------- stamping

BLOB = "c" * 40
# (case, text, is a page, stamped text)
# fmt: off
STAMPS = [
    # a page: added as the last front-matter key
    ("page, new", "---\ntitle: T\n---\n\n# T\n", True, f"---\ntitle: T\ntranslated_from: {BLOB}\n---\n\n# T\n"),
    # a page: the old id replaced where it is
    (
        "page, again", f"---\ntranslated_from: {'d' * 40}\ntitle: T\n---\n", True,
        f"---\ntranslated_from: {BLOB}\ntitle: T\n---\n"),
    # a page with no front matter gets one
    ("page, no front matter", "# T\n", True, f"---\ntranslated_from: {BLOB}\n---\n\n# T\n"),
    # YAML: after the leading comments, before the first key
    ("yaml, new", "# yaml-language-server: $schema=../schema.json\nquestions: []\n", False,
     f"# yaml-language-server: $schema=../schema.json\ntranslated_from: {BLOB}\nquestions: []\n"),
    # YAML: replaced in place
    ("yaml, again", "translated_from: old\nentries: []\n", False, f"translated_from: {BLOB}\nentries: []\n"),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "page", "expected"), STAMPS, ids=[row[0] for row in STAMPS])
def test_stamped(case: str, text: str, page: bool, expected: str) -> None:
    assert tool.stamped(text, BLOB, page) == expected


# (translated file, its English file or None)
ENGLISH_OF = [
    ("docs/es/red-flags.md", "docs/red-flags.md"),  # a page
    ("quiz/es/red-flags.yml", "quiz/red-flags.yml"),  # a bank
    ("data/es/glossary.yml", "data/glossary.yml"),  # a data file
    ("data/words/es.yml", "data/words/en.yml"),  # the interface words
    ("docs/red-flags.md", None),  # an English page is not a translation
    ("data/words/en.yml", None),  # nor are the English words
]


@pytest.mark.parametrize(("translated", "expected"), ENGLISH_OF)
def test_english_of(translated: str, expected: str | None) -> None:
    assert tool.english_of(translated) == expected


# ---------------------------------------------------------------- what changed in the English

# (case, before, now, changed line ranges of `now`)
CHANGES = [
    ("one line edited", "a\nb\nc\n", "a\nB\nc\n", [(2, 2)]),  # the edited line
    ("two lines added", "a\nc\n", "a\nb1\nb2\nc\n", [(2, 3)]),  # both new lines, as one range
    ("a line deleted", "a\nb\nc\n", "a\nc\n", [(2, 2)]),  # the line after the gap
    ("nothing", "a\n", "a\n", []),  # the same text
]


@pytest.mark.parametrize(("case", "before", "now", "expected"), CHANGES, ids=[row[0] for row in CHANGES])
def test_changed_lines(case: str, before: str, now: str, expected: list[tuple[int, int]]) -> None:
    assert changed_lines(before, now) == expected


def test_what_changed_names_the_english_lines_when_git_has_the_old_version(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    page = tmp_path / "docs" / "x.md"
    page.parent.mkdir()
    page.write_text("# X\n\nOne.\n\nTwo.\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "x")
    old = blob_id(page.read_bytes())
    page.write_text("# X\n\nOne, changed.\n\nTwo.\n", encoding="utf-8")
    assert what_changed(tmp_path, "docs/x.md", old, None, []) == (
        "line 3 of docs/x.md changed (`python -m tools.translations status` shows how)"
    )


# (case, ids when translated, ids now, message) without git: which ids differ
# fmt: off
WITHOUT_GIT = [
    # a heading or question added and one gone
    ("ids added and gone", ["a", "b"], ["a", "c"], "docs/x.md now has the id `c`; no longer has the id `b`"),
    # the same ids: only the wording changed
    ("same ids", ["a"], ["a"], "the wording of docs/x.md changed (its ids are the same)"),
    # nothing known about the old version
    ("old unknown", None, ["a"],
        "the old docs/x.md is not in this repository's git history; compare the two "
        "texts by hand"),
]
# fmt: on


@pytest.mark.parametrize(("case", "old", "new", "expected"), WITHOUT_GIT, ids=[row[0] for row in WITHOUT_GIT])
def test_what_changed_without_git(
    case: str, old: list[str] | None, new: list[str], expected: str, tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("# X\n", encoding="utf-8")
    assert what_changed(tmp_path, "docs/x.md", "e" * 40, old, new) == expected


# ---------------------------------------------------------------- a page's sections

EN = [("a", "A"), ("b", "B"), ("c", "C")]
# (case, translated (id, line) list, the problems)
# fmt: off
HEADINGS = [
    # the same ids in the same order
    ("same", [("a", 5), ("b", 9), ("c", 12)], []),
    # one heading without its English id
    ("one id wrong", [("a", 5), ("be", 9), ("c", 12)],
     [
         "docs/es/x.md:9: this section's id is `be`, but the English section here is `b` "
         "('B' in docs/x.md); end the heading with { #b }"]),
    # a section left out: one problem, not one per later heading
    ("one missing", [("a", 5), ("c", 12)],
     [
         "docs/es/x.md:12: section of docs/x.md missing before this heading: `b` ('B'); "
         "translate each, its heading ending with the English id like { #id }"]),
    # the last section left out
    ("last missing", [("a", 5), ("b", 9)],
     [
         "docs/es/x.md:9: section of docs/x.md missing after this heading: `c` ('C'); "
         "translate each, its heading ending with the English id like { #id }"]),
    # a heading the English does not have
    ("one extra", [("a", 5), ("b", 9), ("z", 10), ("c", 12)],
     [
         "docs/es/x.md:10: this heading's id `z` is not a section of docs/x.md; end it "
         "with the id of the English section it translates, like { #c }, or remove it"]),
]
# fmt: on


@pytest.mark.parametrize(("case", "translated", "expected"), HEADINGS, ids=[row[0] for row in HEADINGS])
def test_heading_problems(case: str, translated: list[tuple[str, int]], expected: list[str]) -> None:
    assert [str(p) for p in heading_problems("docs/es/x.md", "docs/x.md", EN, translated)] == expected


# ---------------------------------------------------------------- a bank's questions

SINGLE = {"id": "s", "type": "single", "prompt": "P", "explanation": "E",
          "options": [{"text": "A", "correct": True}, {"text": "B", "feedback": "F"}]}  # fmt: skip
TRUE_FALSE = {"id": "t", "type": "true-false", "prompt": "P", "answer": True, "feedback": "F", "explanation": "E"}
CLASSIFY = {"id": "c", "type": "classify", "prompt": "P", "explanation": "E",
            "categories": [{"id": "now", "text": "Now"}, {"id": "later", "text": "Later"}],
            "statements": [{"text": "X", "category": "now", "feedback": "F"},
                           {"text": "Y", "category": "later", "feedback": "F"}]}  # fmt: skip
ENGLISH_BANK = {"questions": [SINGLE, TRUE_FALSE, CLASSIFY]}


def swapped(question: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**question, **changes}


TWO = SINGLE["options"]
RIGHT_MOVED = [{"text": "A", "feedback": "F"}, {"text": "B", "correct": True}]
BOTH_LATER = [{"text": "X", "category": "later", "feedback": "F"}, {"text": "Y", "category": "later", "feedback": "F"}]
AHORA = [{"id": "ahora", "text": "Ahora"}, {"id": "later", "text": "Más tarde"}]
IN_AHORA = [{"text": "X", "category": "ahora", "feedback": "F"}, {"text": "Y", "category": "later", "feedback": "F"}]


# (case, translated bank data, the problems; line 1 stands for every line: there is no file)
# fmt: off
BANKS = [
    # texts translated, everything else kept
    ("same", {"questions": [swapped(SINGLE, prompt="¿P?"), swapped(TRUE_FALSE, prompt="¿P?"), CLASSIFY]}, []),
    # a question left out
    ("missing question", {"questions": [SINGLE, CLASSIFY]},
     ["es.yml:1: questions missing from this translation: t; translate them from en.yml, with the same ids"]),
    # a question the English does not have
    ("extra question", {"questions": [SINGLE, TRUE_FALSE, CLASSIFY, swapped(TRUE_FALSE, id="new")]},
     ["es.yml:1: question 'new' is not in en.yml; use the English question ids (s, t, c), or delete it"]),
    # the same questions in another order
    ("order", {"questions": [TRUE_FALSE, SINGLE, CLASSIFY]},
     ["es.yml:1: the questions are in another order than in en.yml; put them in this order: s, t, c"]),
    # the right option moved
    (
        "right answer changed",
        {"questions": [swapped(SINGLE, options=RIGHT_MOVED), TRUE_FALSE, CLASSIFY]},
     [
         "es.yml:1: question 's': option 1 is wrong here but right in en.yml; keep the "
         "English `correct:` flags (the right answer changed)",
      "es.yml:1: question 's': option 2 is right here but wrong in en.yml; keep the "
          "English `correct:` flags (the right answer changed)"]),
    # true-false answer flipped
    ("true-false flipped", {"questions": [SINGLE, swapped(TRUE_FALSE, answer=False), CLASSIFY]},
     [
         "es.yml:1: question 't': `answer: false`, but `answer: true` in en.yml; keep the "
         "English answer (the right answer changed)"]),
    # a statement put in another category
    (
        "statement moved",
        {"questions": [SINGLE, TRUE_FALSE, swapped(CLASSIFY, statements=BOTH_LATER)]},
     [
         "es.yml:1: question 'c': statement 1 is in `later` here but in `now` in en.yml; "
         "keep the English category (the right answer changed)"]),
    # category ids translated by mistake
    (
        "category ids translated",
        {"questions": [SINGLE, TRUE_FALSE, swapped(CLASSIFY, categories=AHORA, statements=IN_AHORA)]},
     ["es.yml:1: question 'c': category ids ahora, later, but now, later in en.yml; keep the English ids, in order",
      "es.yml:1: question 'c': statement 1 is in `ahora` here but in `now` in en.yml; "
          "keep the English category (the right answer changed)"]),
    # another type
    (
        "type changed",
        {"questions": [SINGLE, swapped(TRUE_FALSE, type="single", options=TWO, answer=None, feedback=None), CLASSIFY]},
     ["es.yml:1: question 't': `type: single`, but it is `type: true-false` in en.yml; keep the English type"]),
    # an option left out
    (
        "option missing",
        {"questions": [swapped(SINGLE, options=[*TWO, {"text": "C", "feedback": "F"}]), TRUE_FALSE, CLASSIFY]},
     ["es.yml:1: question 's': 3 options, but 2 in en.yml; translate each English option, in the same order"]),
    # learn_more is the English anchor, kept
    ("learn_more changed", {"questions": [swapped(SINGLE, learn_more="otro"), TRUE_FALSE, CLASSIFY]},
     ["es.yml:1: question 's': `learn_more` differs from en.yml (none); keep it as in the English"]),
]
# fmt: on


def _bank(data: dict[str, Any]) -> Bank:
    clean = {"questions": [{k: v for k, v in q.items() if v is not None} for q in data["questions"]]}
    return Bank.model_validate(clean)


@pytest.mark.parametrize(("case", "data", "expected"), BANKS, ids=[row[0] for row in BANKS])
def test_bank_problems(case: str, data: dict[str, Any], expected: list[str]) -> None:
    found = bank_problems("es.yml", "en.yml", _bank(ENGLISH_BANK), _bank(data), lambda *where: 1)
    assert [str(p) for p in found] == expected


# ---------------------------------------------------------------- a data file's keys and numbers

YAML_RT = YAML(typ="rt")
FLAGS = "source: brinjikji-2015\nages: [20, 30]\nrows:\n  - name: Disc bulge\n    values: [30, 40]\n"
# (case, translated YAML, the problems)
# fmt: off
DATA = [
    # texts translated, keys, numbers and ids kept
    ("same", FLAGS.replace("Disc bulge", "Abultamiento"), []),
    # a number changed
    ("number", FLAGS.replace("[30, 40]", "[30, 41]"),
     ["es.yml:5: `rows[1].values[2]` is 41, but 40 in en.yml; numbers and true/false stay as in the English"]),
    # a source key translated
    ("source key", FLAGS.replace("source: brinjikji-2015", "source: brinjikji"),
     ["es.yml:1: `source` is brinjikji, but brinjikji-2015 in en.yml; ids and source keys stay as in the English"]),
    # a key translated by mistake
    ("key translated", FLAGS.replace("  - name:", "  - nombre:"),
     ["es.yml:4: `rows[1]`: missing `name`, which en.yml has; keep the English keys",
      "es.yml:4: `rows[1]`: `nombre` is not in en.yml; keep the English keys (name, values)"]),
    # a row left out
    ("row missing", "source: brinjikji-2015\nages: [20, 30]\nrows: []\n",
     ["es.yml:3: `rows`: 0 entries, but 1 in en.yml; translate each English entry"]),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "expected"), DATA, ids=[row[0] for row in DATA])
def test_data_problems(case: str, text: str, expected: list[str]) -> None:
    found = data_problems("es.yml", "en.yml", YAML_RT.load(FLAGS), YAML_RT.load(text))
    assert [str(p) for p in found] == expected


# ---------------------------------------------------------------- item quality in Spanish

HEAD = "translated_from: " + "f" * 40 + "\nquestions:\n"


def single(prompt: str, options: list[tuple[str, bool]]) -> str:
    lines = ["  - id: q", "    type: single", f"    prompt: {prompt}", "    options:"]
    for text, correct in options:
        lines += [f"      - text: {text}", "        correct: true" if correct else "        feedback: No."]
    return "\n".join([*lines, "    explanation: E."]) + "\n"


# (case, bank text, the item-quality problems)
# fmt: off
QUALITY = [
    # "all of the above" in Spanish
    ("todas las anteriores", HEAD + single("¿Qué ayuda?", [(
        "Caminar cada día un poco más", False), ("Dormir", False), ("Todas las anteriores", True)]),
     [
         "quiz/es/demo.yml:11: question 'q': option 3 is 'Todas las anteriores', which "
         "lets a reader answer without weighing "
      "each option; use `type: multiple` (choose all that apply), or write a real option instead"]),
    # "none of the above" in Spanish
    (
        "ninguna de las anteriores",
        HEAD + single("¿Qué ayuda?", [("Caminar", True), ("Ninguna de las anteriores", False)]),
     ["quiz/es/demo.yml:9: question 'q': option 2 is 'Ninguna de las anteriores', which lets a reader answer without "
      "weighing each option; use `type: multiple` (choose all that apply), or write a real option instead"]),
    # a negative prompt not emphasised
    ("NO not emphasised", HEAD + single(
        "¿Cuál de estas NO es una señal de alarma?", [("Fiebre alta", False), ("Rigidez", True)]),
     ["quiz/es/demo.yml:5: question 'q': the prompt asks in the negative (`NO`), which readers easily miss; ask it the "
      "positive way, or make the word stand out: **no**"]),
    # "excepto"
    ("excepto", HEAD + single('"Todas ayudan excepto:"', [("Caminar un poco más", False), ("Reposo total", True)]),
     [
         "quiz/es/demo.yml:5: question 'q': the prompt asks in the negative (`excepto`), "
         "which readers easily miss; ask it "
      "the positive way, or make the word stand out: **excepto**"]),
    # emphasised: fine
    ("**no** emphasised", HEAD + single(
        "¿Cuál de estas **no** es una señal de alarma?", [("Fiebre alta", False), ("Rigidez", True)]), []),
    # an ordinary prompt and options
    ("good", HEAD + single("¿Qué puede ayudar a Sam?", [("Moverse poco a poco", True), (
        "Quedarse en cama todo el día", False)]), []),
]
# fmt: on


@pytest.mark.parametrize(("case", "text", "expected"), QUALITY, ids=[row[0] for row in QUALITY])
def test_item_quality_in_spanish(case: str, text: str, expected: list[str], tmp_path: Path) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in load_bank(path, "quiz/es/demo.yml", "es").problems] == expected


def test_english_rules_stay_english() -> None:
    # "no" in an English prompt is not the Spanish negative: English banks keep their own rules
    from macros.banks import _NEGATIVE

    assert not _NEGATIVE["en"].search("Which exercise needs no equipment?")
    assert _NEGATIVE["es"].search("¿Qué ejercicio no necesita equipo?")


# ---------------------------------------------------------------- the course in Spanish


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = site(tmp_path_factory.mktemp("es"))
    return Course.load(root=root, language="es", docs_dir="docs/es")


def test_the_spanish_fixture_loads_without_problems(spanish: Course) -> None:
    assert spanish.problems == []
    assert spanish.translated and set(spanish.pages) == {"chapter.md", "glossary.md", "index.md", "references.md"}
    assert spanish.banks["chapter"].display == "quiz/es/chapter.yml"


def test_glossary_hover_definitions_are_spanish(spanish: Course) -> None:
    assert spanish.glossary_terms() == {"alodinia": "Dolor por algo que no debería doler.",
                                        "hiperalgesia": "Más dolor del que se esperaría."}  # fmt: skip


def test_red_flag_links_keep_the_english_anchors(spanish: Course) -> None:
    box = content.red_flags_summary(spanish.model("red_flags"), "chapter.md", spanish.words, spanish.flag_anchors)
    assert '!!! danger "Señales de alarma: cuándo buscar ayuda"' in box
    assert "(red-flags.md#emergency-get-help-now)" in box  # the English heading's id, not a Spanish slug
    assert "(red-flags.md#urgent-see-a-doctor-the-same-or-next-day)" in box


def test_chapter_frame_and_review_table_in_spanish(spanish: Course) -> None:
    meta = spanish.pages["chapter.md"].meta
    assert content.objectives(meta, spanish.words).startswith(
        '<p class="course-facts">Unos 2 minutos de lectura. Revisado con las fuentes publicadas el 23 de noviembre '
        "de 2026. Aún no lo ha revisado un profesional de la salud.</p>"
    )
    table = content.review_table([("chapter.md", meta)], "about.md", spanish.words, [(1, 1)])
    assert table.startswith(
        '<p class="course-translation-review">El texto en español aún no lo ha revisado un profesional de la salud '
        "cuya lengua materna sea el español (1 de 1 capítulos esperan esa revisión).</p>"
    )


# (case, the Spanish chapter's clinical_review, the notice in English, or None)
# fmt: off
NOTICES = [
    # pending: the English about page says so too
    ("pending", "pending",
        "The Spanish text has not yet been reviewed by a native-speaking clinician (1 of "
        "1 chapters wait for that review)."),
    # signed off: no notice
    ("signed off", '{by: "Ana Ruiz, fisioterapeuta", date: 2027-01-05}', None),
]
# fmt: on


@pytest.mark.parametrize(("case", "review", "expected"), NOTICES, ids=[row[0] for row in NOTICES])
def test_the_about_page_notice_follows_the_spanish_review(
    case: str, review: str, expected: str | None, tmp_path: Path
) -> None:
    from macros.course import translation_reviews

    root = site(tmp_path)
    page = root / "docs" / "es" / "chapter.md"
    page.write_text(page.read_text(encoding="utf-8").replace("clinical_review: pending", f"clinical_review: {review}"))
    table = content.review_table([], "about.md", english(), translation_reviews(root))
    notice = f'<p class="course-translation-review">{expected}</p>'
    assert (notice in table) if expected else ("course-translation-review" not in table)


def test_languages_come_from_the_configurations(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "mkdocs.es.yml", "mkdocs.fr.yml", "mkdocs.base.yml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert languages(tmp_path) == ["es", "fr"]


# ---------------------------------------------------------------- the tool, end to end


def test_status_and_stamp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(tmp_path)
    assert tool.main(["--root", str(root), "status"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "es: 8 files: 8 current"
    english_page = root / "docs" / "chapter.md"
    english_page.write_text(english_page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert tool.main(["--root", str(root), "status"]) == 1
    out = capsys.readouterr().out
    assert "docs/es/chapter.md:11: stale: docs/chapter.md changed since" in out
    assert tool.main(["--root", str(root), "stamp", "docs/es/chapter.md"]) == 0
    assert f"translated_from: {blob_id(english_page.read_bytes())}" in (root / "docs/es/chapter.md").read_text()
    assert tool.main(["--root", str(root), "status"]) == 0


def test_stamp_refuses_a_file_that_is_not_a_translation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(tmp_path)
    assert tool.main(["--root", str(root), "stamp", "docs/chapter.md"]) == 1
    assert "not a translated file" in capsys.readouterr().err


# ---------------------------------------------------------------- the fast check and reading ease


def test_the_fast_check_passes_the_spanish_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(tmp_path)
    assert check.main(["--root", str(root)]) == 0
    assert "; es: 4 pages, 1 banks (3 questions); " in capsys.readouterr().out


def test_the_fast_check_stops_a_spanish_page_that_is_hard_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path)
    page = root / "docs" / "es" / "index.md"
    hard = (
        "La neuroplasticidad interindividual condiciona significativamente la caracterización "
        "psicofisiológica contemporánea de manifestaciones dolorosas persistentes e incapacitantes."
    )
    page.write_text(page.read_text(encoding="utf-8") + f"\n{hard}\n", encoding="utf-8")
    assert check.main(["--root", str(root), "--no-reading-level"]) == 0  # the reading ease is the only problem
    capsys.readouterr()
    assert check.main(["--root", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" (")[0] for line in lines if line.startswith("docs/es/")] == [
        "docs/es/index.md:1: reading ease is -12.9"
    ]


# (case, Spanish text, whether it reaches 70): Fernández-Huerta, as textstat measures it with set_lang("es")
EASES = [
    ("short words, short sentences", "Su dolor es real. Puede mejorar. Muévase un poco cada día.", True),
    (
        "long words, one long sentence",
        "La caracterización psicofisiológica contemporánea condiciona manifestaciones.",
        False,
    ),
]


@pytest.mark.parametrize(("case", "text", "easy"), EASES, ids=[row[0] for row in EASES])
def test_measure_ease(case: str, text: str, easy: bool, tmp_path: Path) -> None:
    import textstat

    page = tmp_path / "x.md"
    page.write_text(f"# X\n\n{text}\n", encoding="utf-8")
    measured = readability.measure_ease(page).ease
    textstat.set_lang("es")
    try:
        assert measured == round(textstat.fernandez_huerta(readability.body_text(page.read_text())), 1)
    finally:
        textstat.set_lang("en_US")
    assert (measured >= readability.MIN_EASE) == easy


# ---------------------------------------------------------------- the schema


def test_the_schema_accepts_a_translated_bank_and_checks_its_id() -> None:
    import json

    from tools.schema import SCHEMA

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    one = {"id": "a", "type": "true-false", "prompt": "P.", "answer": True, "feedback": "F.", "explanation": "E."}
    assert errors({"translated_from": "0" * 40, "questions": [one]}, schema, schema) == []
    assert errors({"translated_from": "old", "questions": [one]}, schema, schema) == ["/translated_from: pattern"]
