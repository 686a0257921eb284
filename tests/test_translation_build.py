"""The Spanish build (mkdocs.es.yml) of the small fixture site: the page macros take the Spanish banks,
data and words; a translation out of step stops it with `file:line: message` and no traceback.

tools.build builds every language; these tests run MkDocs on the Spanish configuration alone, so that
what the macros write is checked on its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES, prepare_site

pytestmark = pytest.mark.site


def spanish_site(destination: Path) -> Path:
    root = prepare_site("corpus-base", destination)
    shutil.copytree(SITES / "corpus-es", root, dirs_exist_ok=True)
    return root


def build_spanish(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.es.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = spanish_site(tmp_path_factory.mktemp("es"))
    result = build_spanish(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site" / "es"


# (page, what it must hold: from the Spanish bank, data and words)
# fmt: off
RENDERED = [
    ("chapter.html", '<html lang="es"'),  # the page's language
    ("chapter.html", "Compruebe lo que entendió"),  # the Spanish bank's title
    ("chapter.html", "¿Cuál es la tarea principal del dolor?"),  # a Spanish question
    ("chapter.html", "Unos 2 minutos de lectura. Revisado con las fuentes publicadas el 23 de noviembre de 2026."),
    ("chapter.html", "Hallazgos en estudios de imagen de la columna de personas sin dolor de espalda."),  # chart
    ("chapter.html", "Abultamiento del disco"),  # a finding's name from data/es/brinjikji-2015.yml
    ("chapter.html", 'id="what-scans-show"'),  # the English section id, kept by the Spanish heading
    ("chapter.html", 'Puntos clave'),  # the key points box
    ("glossary.html", '<dt id="allodynia">Alodinia</dt>'),  # Spanish term, English id
    ("glossary.html", 'Vea también: <a href="#hyperalgesia">Hiperalgesia</a>.'),
]
# fmt: on


@pytest.mark.parametrize(("page", "text"), RENDERED, ids=[f"{p}: {t[:40]}" for p, t in RENDERED])
def test_the_spanish_build_renders_spanish_banks_data_and_words(built: Path, page: str, text: str) -> None:
    assert text in (built / page).read_text(encoding="utf-8")


def test_a_stale_translation_stops_the_spanish_build(tmp_path: Path) -> None:
    root = spanish_site(tmp_path)
    english = root / "quiz" / "chapter.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("answer: false", "answer: true"), encoding="utf-8")
    result = build_spanish(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    lines = [line.strip() for line in output.splitlines() if re.match(r"^  \S+:\d+: ", line)]
    assert lines == [
        "quiz/es/chapter.yml:2: out of date: quiz/chapter.yml changed since this was translated from it; the "
        "wording of quiz/chapter.yml changed (its ids are the same). Update the translation to match, then run "
        "`python -m tools.translations stamp quiz/es/chapter.yml`",
        "quiz/es/chapter.yml:30: question 'scans-tell-all': `answer: false`, but `answer: true` in quiz/chapter.yml; "
        "keep the English answer (the right answer changed)",
    ]
    assert not (root / "site" / "es").exists()  # nothing half-written


def _extensions(config: str) -> list[str]:
    """The `markdown_extensions:` block of a configuration, without comments or blank lines."""
    text = (ROOT / config).read_text(encoding="utf-8")
    block = re.search(r"^markdown_extensions:\n((?:[ #].*\n|\n)+)", text, re.M).group(1)
    return [line.split("#")[0].rstrip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_the_spanish_markdown_extensions_follow_the_english_with_a_spanish_section_link_title() -> None:
    # mkdocs.es.yml repeats the list (an inherited list is replaced, not merged): only the title differs
    english, spanish = _extensions("mkdocs.yml"), _extensions("mkdocs.es.yml")
    assert "      permalink_title: Link to this section" in english
    assert "      permalink_title: Enlace a esta sección" in spanish
    assert [line for line in english if "permalink_title" not in line] == [
        line for line in spanish if "permalink_title" not in line
    ]
