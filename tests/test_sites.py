"""Fixture sites built with the real build command: good ones build, bad ones fail cleanly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build, prepare_site

pytestmark = pytest.mark.site


def test_good_site_builds_with_a_quiz_of_every_type(good_site: Path) -> None:
    html = (good_site / "site" / "chapter.html").read_text(encoding="utf-8")
    assert html.count('<fieldset class="quiz-question"') == 3
    for kind in ("single", "multiple", "true-false"):
        assert f'data-type="{kind}"' in html
    assert 'href="references.html#raja-2020"' in html
    assert "Macro Rendering Error" not in html
    assert "In this chapter you will" in html and "Key points" in html
    references = (good_site / "site" / "references.html").read_text(encoding="utf-8")
    assert '<li id="raja-2020">' in references and "https://doi.org/10.1097/j.pain.0000000000001939" in references


# fixture -> lines that must appear in the build's error output
FAILURES = {
    # a bank with two problems: both reported, each with its line
    "bad-bank": [
        "quiz/chapter.yml:10: question 'pain-protects': `correct` must be true or false (without quotes), not 'yes'",
        "quiz/chapter.yml:29: question 'scans-tell-all': unknown question type `true-or-false`; "
        "did you mean `true-false`? use one of: single, multiple, true-false, classify",
    ],
    # a quiz() call naming a bank that does not exist
    "unknown-slug": [
        'docs/chapter.md:27: unknown quiz "chapterr": there is no quiz/chapterr.yml (did you mean `chapter`?); '
        "banks: chapter",
    ],
    # a learn_more anchor that is not a heading on the page
    "missing-anchor": [
        "quiz/chapter.yml:27: question 'highway-builders': `learn_more: the-pain-motorway` is not a heading on "
        "docs/chapter.md (did you mean `the-pain-highway`?); headings there: pain-is-a-protector, the-pain-highway",
    ],
    # a misspelt macro
    "unknown-macro": ["docs/chapter.md:19: unknown macro `citation`; did you mean `cite`?"],
    # a classify question with two categories of the same text and a statement in no known category
    "classify-bad": [
        "quiz/chapter.yml:11: question 'how-soon': categories 1 and 3 have the same text; "
        "make each category say something different",
        "quiz/chapter.yml:18: question 'how-soon': statement 2 names the category `same-day`, which this question "
        "does not have; use one of: now, today, weeks",
    ],
}


def test_a_classify_bank_builds_with_a_progress_page(tmp_path: Path) -> None:
    root = prepare_site("classify", tmp_path)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (root / "site" / "chapter.html").read_text(encoding="utf-8")
    assert html.count('<fieldset class="quiz-statement"') == 3
    assert html.count('data-correct=""') == 3 + 1  # one right place per statement, and the true-false answer
    assert '<p class="quiz-place">Chapter 1 of 2 · <a href="progress.html">your progress</a></p>' in html
    assert "data-search-exclude" in html
    assert '<script src="javascripts/quiz.js" defer></script>' in html
    assert '<link rel="stylesheet" href="stylesheets/print.css" media="print">' in html
    progress = (root / "site" / "progress.html").read_text(encoding="utf-8")
    assert progress.count("<tr data-bank=") == 2
    assert 'href="second.html#quiz-second-pain-protects"' in progress
    assert '<script src="javascripts/progress.js" defer></script>' in progress
    # The review list holds every question's prompt, hidden: it stays out of the search index, like the quizzes
    searched = (root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "What is pain" in progress and "What is pain" not in searched
    assert "questions to look at again" in searched.lower()  # the page itself is still found
    assert "javascripts/quiz.js" not in progress
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "quiz.js" not in index and "progress.js" not in index
    # Every page loads one stylesheet and one script of ours, each joined from its parts (macros/bundles.py)
    for page in (html, progress, index):
        assert '<link rel="stylesheet" href="stylesheets/site.css">' in page
        assert '<script src="javascripts/site.js" defer></script>' in page
        assert "course.css" not in page and "quiz.css" not in page and "store.js" not in page
    assert not any((root / "site" / part).exists() for part in ("stylesheets/quiz.css", "javascripts/store.js"))
    styles = (root / "site" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert ".course-notice" in styles and styles.index(".course-notice") < styles.index(".quiz-list")
    script = (root / "site" / "javascripts" / "site.js").read_text(encoding="utf-8")
    assert script.index("window.courseStore") < script.index("window.courseSite")


@pytest.mark.parametrize("fixture", sorted(FAILURES))
def test_bad_site_fails_with_file_line_and_fix(fixture: str, tmp_path: Path) -> None:
    root = prepare_site(fixture, tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build", encoding="utf-8")
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for line in FAILURES[fixture]:
        assert line in output
    assert "ERROR" in output
    assert "Traceback" not in output
    # the last good site is untouched and no half-written folder is left behind
    assert (site / "index.html").read_text(encoding="utf-8") == "last good build"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_build_replaces_the_site_only_when_it_succeeds(tmp_path: Path) -> None:
    root = prepare_site("good", tmp_path)
    (root / "site").mkdir()
    (root / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "stale.html").exists()
    assert (root / "site" / "chapter.html").exists()
    assert "Built site/" in result.stdout


def test_a_warning_from_mkdocs_itself_fails_the_build(tmp_path: Path) -> None:
    """--strict must see MkDocs' own warnings (a missing picture), so they can't ship silently."""
    root = prepare_site("good", tmp_path)
    page = root / "docs" / "other.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A picture](missing.png)\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "missing.png" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (root / "site").exists()


def test_the_real_course_is_built_in_both_languages(real_site: Path) -> None:
    """Every Spanish page (docs/es/) is built into es/ under the same name, in Spanish, beside its English page."""
    spanish = sorted(p.stem for p in (ROOT / "docs" / "es").glob("*.md"))
    assert spanish == sorted(p.stem for p in (ROOT / "docs").glob("*.md"))  # same file names (TEAM-13 decision 2)
    for name in spanish:
        assert '<html lang="es"' in (real_site / "es" / f"{name}.html").read_text(encoding="utf-8"), name
        assert '<html lang="en"' in (real_site / f"{name}.html").read_text(encoding="utf-8"), name
    assert (real_site / "es" / "search" / "search_index.js").is_file()  # its own index, for file://


@pytest.mark.parametrize("page", ["what-is-neuroplastic-pain.html", "es/what-is-neuroplastic-pain.html"])
def test_every_script_is_deferred_so_the_page_is_drawn_before_any_runs(real_site: Path, page: str) -> None:
    html = (real_site / page).read_text(encoding="utf-8")
    scripts = re.findall(r"<script src=\"([^\"]+)\"( defer)?></script>", html)
    names = [src.rsplit("/", 1)[-1] for src, _ in scripts]
    # Material's too (overrides/main.html), in their order: the shim before Material's bundle, site.js after it
    assert [re.sub(r"\.[0-9a-f]{8}\.min", "", n) for n in names] == [
        "iframe-worker-shim.js", "quiz.js", "bundle.js", "site.js"
    ], names  # fmt: skip
    assert all(defer for _, defer in scripts), scripts


def test_a_broken_link_in_a_spanish_page_fails_the_whole_build(tmp_path: Path) -> None:
    """--strict holds for the Spanish build too: its warning stops both languages, and says which build it came from."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("mkdocs.yml", "mkdocs.es.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("docs", "quiz", "data", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    (root / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    page = root / "docs" / "es" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Otra página](no-such-page.md)\n", encoding="utf-8")
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "mkdocs.es.yml:" in result.stderr and "no-such-page.md" in result.stderr
    assert "Traceback" not in output
    assert not (root / "site").exists() and not [p for p in root.iterdir() if p.name.startswith(".site")]
