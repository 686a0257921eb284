"""CONTRIBUTING.md's steps work as written, followed in a clean copy of the repository.

The copy holds the files git would track: everything but what .gitignore lists
(read here; no git command is run). It reuses this test run's Python, the
project's .venv, instead of creating a new environment (which would take minutes
and need the network): `make check` and `make build` run `$(BIN)/python -m ...`,
so the test reads those two recipes from the Makefile and runs them with
sys.executable, in the copy. The Makefile copies the iframe-worker shim from
node_modules into docs/javascripts/vendor/ (ignored by git); the test copies it too.

The code blocks are taken from CONTRIBUTING.md itself, so the guide and the test
cannot drift apart: change an example there and this test runs the new one.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.pages import page_files
from macros.site import CHAPTER_KEYS
from tests.conftest import ROOT, build, prepare_site

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
SLUG = "my-new-chapter"
SUMMARY = re.compile(
    r"^OK: 0 problems in (\d+) pages, (\d+) banks \((\d+) questions\), (\d+) references; "
    r"(?:[a-z]{2}: \d+ pages, \d+ banks \(\d+ questions\); )*"  # each translation
    r"\d+ pages measured for reading level \(\d+\.\d s\)$"
)
SHIM = Path("docs/javascripts/vendor/iframe-worker-shim.js")

pytestmark = pytest.mark.site


# ---------------------------------------------------------------- reading CONTRIBUTING.md


@dataclass
class Block:
    language: str
    text: str


def sections(text: str) -> dict[str, tuple[str, list[Block]]]:
    """`## Heading` -> (the section's text, its fenced code blocks in order)."""
    found: dict[str, tuple[str, list[Block]]] = {}
    heading, lines, blocks = "", [], []
    fence: list[str] | None = None
    language = ""
    for line in text.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith("```"):
                indent = len(line) - len(line.lstrip())
                blocks.append(Block(language, "\n".join(f[indent:] for f in fence) + "\n"))
                fence = None
            else:
                fence.append(line)
            continue
        if stripped.startswith("```"):
            fence, language = [], stripped[3:].strip()
            continue
        if line.startswith("## "):
            if heading:
                found[heading] = ("\n".join(lines), blocks)
            heading, lines, blocks = line[3:].strip(), [], []
            continue
        lines.append(line)
    found[heading] = ("\n".join(lines), blocks)
    return found


GUIDE = sections(CONTRIBUTING.read_text(encoding="utf-8"))


def blocks(section: str, language: str) -> list[str]:
    return [block.text for block in GUIDE[section][1] if block.language == language]


# ---------------------------------------------------------------- a clean copy and the two commands


def ignored_patterns() -> list[str]:
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", "!"))]


def is_ignored(relative: str, is_dir: bool, patterns: list[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if pattern.endswith("/"):
            if not is_dir:
                continue
            pattern = pattern[:-1]
        anchored = "/" in pattern
        if fnmatch.fnmatch(relative if anchored else name, pattern.lstrip("/")):
            return True
    return False


def clean_copy(destination: Path) -> Path:
    """The repository as a fresh clone has it, plus the shim `make build` would copy in."""
    patterns = ignored_patterns()
    target = destination / "repository"

    def ignore(folder: str, names: list[str]) -> set[str]:
        base = Path(folder).relative_to(ROOT).as_posix()
        return {
            name
            for name in names
            if name == ".git"
            or is_ignored(name if base == "." else f"{base}/{name}", Path(folder, name).is_dir(), patterns)
        }

    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    for source in (ROOT / SHIM, ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"):
        if source.is_file():
            (target / SHIM).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / SHIM)
            break
    return target


def make(target: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run the Makefile's recipe for `target` ($(BIN)/python ...) with this venv's Python, in `folder`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, re.M).group(1)
    command = shlex.split(recipe.replace("$(BIN)/python", shlex.quote(sys.executable)))
    assert command[0] == sys.executable, f"`make {target}` no longer runs $(BIN)/python: {recipe}"
    return subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""},
    )


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} must appear once"
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------- following the steps


@dataclass
class Followed:
    root: Path
    first_check: subprocess.CompletedProcess[str]  # step 4 of "Add a chapter": the template, in the menu
    check: subprocess.CompletedProcess[str]  # after every step
    build: subprocess.CompletedProcess[str]


def add_a_chapter(root: Path) -> Path:
    text, _ = GUIDE["Add a chapter"]
    # Step 1: the shell commands, run as written.
    commands, spanish = blocks("Add a chapter", "sh")
    assert f"docs/{SLUG}.md" in commands and f"quiz/{SLUG}.yml" in commands
    subprocess.run(["bash", "-e", "-c", commands], cwd=root, check=True)
    chapter = root / "docs" / f"{SLUG}.md"
    # Step 2: the quiz call names the new bank.
    assert f'change `quiz("new-chapter")` at the end to `quiz("{SLUG}")`' in " ".join(text.split())
    replace_once(chapter, '{{ quiz("new-chapter") }}', f'{{{{ quiz("{SLUG}") }}}}')
    # Step 3: the line for the menu, under `- The course:`, at the end of the reading order.
    (menu_line,) = blocks("Add a chapter", "yaml")
    assert "`- The course:`" in text
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - The course:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("      - "):
        end += 1
    assert menu_line.rstrip("\n").startswith(" " * 6 + "- "), "the menu line is lined up with the chapters"
    lines.insert(end, menu_line.rstrip("\n"))
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Step 5, in part: a title of our own, on the `title:` line and the `# ` line.
    template_title = re.search(r"^title: (.+)$", chapter.read_text(encoding="utf-8"), re.M).group(1)
    replace_once(chapter, f"title: {template_title}\n", "title: Getting through a flare-up\n")
    replace_once(chapter, f"# {template_title}\n", "# Getting through a flare-up\n")
    # Step 3, the Spanish course (after the title above, which the test sets early): the page and quiz
    # copied under es/ and stamped, as written; the same menu line.
    assert f"docs/es/{SLUG}.md" in spanish and f"quiz/es/{SLUG}.yml" in spanish and "`- El curso:`" in text
    subprocess.run(["bash", "-e", "-c", spanish.replace(".venv/bin/python", sys.executable)], cwd=root, check=True)
    config = root / "mkdocs.es.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - El curso:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("      - "):
        end += 1
    lines.insert(end, menu_line.rstrip("\n"))
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chapter


def score_a_chapter(root: Path, chapter: Path) -> Path:
    """The steps of "Score a chapter": the blank file copied as written, then every item scored as a scorer would."""
    (command,) = blocks("Score a chapter", "sh")
    assert f"data/pemat/{SLUG}.yml" in command
    subprocess.run(["bash", "-e", "-c", command], cwd=root, check=True)
    scores = root / "data" / "pemat" / f"{SLUG}.yml"
    reviewed = re.search(r"^reviewed: (\S+)$", chapter.read_text(encoding="utf-8"), re.M).group(1)
    text = scores.read_text(encoding="utf-8")
    text = text.replace("score: disagree", "score: agree").replace("Not scored yet.", "Read in full; it holds.")
    text = re.sub(r"by: .+", "by: A. Tester, nurse", text)
    text = re.sub(r"date: .+", f"date: {reviewed}", text)  # "today's date": the day the chapter was checked
    scores.write_text(text, encoding="utf-8")
    return scores


def add_a_question(root: Path) -> str:
    (question,) = blocks("Add a question", "yaml")
    assert "for the chapter on treatment" in GUIDE["Add a question"][0]
    assert "at the same place in the Spanish bank" in " ".join(GUIDE["Add a question"][0].split())
    for bank in (root / "quiz" / "how-it-is-treated.yml", root / "quiz" / "es" / "how-it-is-treated.yml"):
        # The Spanish bank gets the English text: a stand-in for its translation.
        text = bank.read_text(encoding="utf-8")
        assert text.rstrip().splitlines()[-1].startswith("    "), "the questions list ends the bank"
        bank.write_text(text.rstrip("\n") + "\n\n" + question, encoding="utf-8")
    return re.search(r"- id: (\S+)", question).group(1)


def add_a_source(root: Path, chapter: Path) -> str:
    (entry,) = blocks("Add a source", "yaml")
    (sentence,) = blocks("Add a source", "markdown")
    key = entry.split(":", 1)[0]
    references = root / "data" / "references.yml"
    text = references.read_text(encoding="utf-8")
    assert f"\n{key}:" not in text, f"CONTRIBUTING.md's example source `{key}` is in the course now: pick another"
    references.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    # "Then cite it in the text": at the end of the chapter's first section.
    replace_once(chapter, "\n## The second idea\n", f"\n{sentence}\n## The second idea\n")
    return key


def add_a_glossary_word(root: Path, chapter: Path) -> str:
    (entry,) = blocks("Add a glossary word", "yaml")
    assert "in alphabetical order" in GUIDE["Add a glossary word"][0]
    term = re.match(r"- term: (.+)", entry).group(1)
    glossary = root / "data" / "glossary.yml"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    terms = [(n, line[len("- term: ") :].strip()) for n, line in enumerate(lines) if line.startswith("- term: ")]
    assert term.lower() not in {t.lower() for _, t in terms}, f"the glossary has `{term}` now: pick another example"
    before = next((n for n, existing in terms if existing.lower() > term.lower()), len(lines))
    lines.insert(before, entry + "\n")
    glossary.write_text("".join(lines), encoding="utf-8")
    # The Spanish glossary: the same place under `entries:`, two more spaces (English text: a stand-in).
    place = sum(1 for n, _ in terms if n < before)
    spanish = root / "data" / "es" / "glossary.yml"
    lines = spanish.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("  - term: ")]
    at = starts[place] if place < len(starts) else len(lines)
    lines.insert(at, "".join(f"  {line}" if line.strip() else line for line in (entry + "\n").splitlines(True)))
    spanish.write_text("".join(lines), encoding="utf-8")
    return term


def add_a_figure(chapter: Path) -> str:
    (figure,) = blocks("Add a figure", "html")
    replace_once(chapter, "{{ key_points_summary() }}", f"{figure}\n{{{{ key_points_summary() }}}}")
    return re.search(r'<title id="([^"]+)"', figure).group(1)


def add_an_icon_array(root: Path, chapter: Path) -> str:
    (entry,) = blocks("Add an icon array", "yaml")
    (call,) = blocks("Add an icon array", "markdown")
    key = entry.split(":", 1)[0]
    arrays = root / "data" / "icon-arrays.yml"
    text = arrays.read_text(encoding="utf-8")
    assert f"\n{key}:" not in text, f"CONTRIBUTING.md's example icon array `{key}` is in the course now"
    arrays.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    spanish = root / "data" / "es" / "icon-arrays.yml"  # English text: a stand-in for its translation
    spanish.write_text(spanish.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    replace_once(chapter, "\n## The second idea\n", f"\n{call}\n## The second idea\n")
    return key


def add_a_diagram(root: Path, chapter: Path) -> str:
    (entry,) = blocks("Add a diagram", "yaml")
    (call,) = blocks("Add a diagram", "markdown")
    key = entry.split(":", 1)[0]
    diagrams = root / "data" / "diagrams.yml"
    text = diagrams.read_text(encoding="utf-8")
    assert f"\n{key}:" not in text, f"CONTRIBUTING.md's example diagram `{key}` is in the course now"
    diagrams.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    spanish = root / "data" / "es" / "diagrams.yml"  # English text: a stand-in for its translation
    spanish.write_text(spanish.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    replace_once(chapter, "\n## The second idea\n", f"\n{call}\n## The second idea\n")
    return key


def update_the_translation(root: Path, chapter: Path) -> None:
    """Step 8 of "Add a chapter" and the steps of "Update a translation": the Spanish page and quiz get the
    finished English (the guide's fallback when the contributor cannot translate), then every changed
    Spanish file is stamped."""
    assert "copy the English over them" in " ".join(GUIDE["Add a chapter"][0].split())
    shutil.copyfile(chapter, root / "docs" / "es" / chapter.name)
    shutil.copyfile(root / "quiz" / f"{SLUG}.yml", root / "quiz" / "es" / f"{SLUG}.yml")
    status = subprocess.run(
        [sys.executable, "-m", "tools.translations", "status"], cwd=root, capture_output=True, text=True
    )
    stale = sorted({m.group(1) for m in re.finditer(r"^(\S+?):\d+: ", status.stdout, re.M)})  # stale or unstamped
    assert f"docs/es/{SLUG}.md" in stale and "data/es/glossary.yml" in stale, status.stdout
    subprocess.run([sys.executable, "-m", "tools.translations", "stamp", *stale], cwd=root, check=True)


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Followed:
    root = clean_copy(tmp_path_factory.mktemp("contributing"))
    assert not (root / ".venv").exists() and not (root / "site").exists()
    chapter = add_a_chapter(root)
    first_check = make("check", root)
    add_a_question(root)
    add_a_source(root, chapter)
    add_a_glossary_word(root, chapter)
    add_a_figure(chapter)
    add_an_icon_array(root, chapter)
    add_a_diagram(root, chapter)
    score_a_chapter(root, chapter)
    update_the_translation(root, chapter)
    return Followed(root, first_check, make("check", root), make("build", root))


def test_the_new_chapter_passes_the_check_before_it_is_written_but_for_its_score(followed: Followed) -> None:
    """Step 4: the only problem is the PEMAT score, which step 7 adds once the chapter is written."""
    lines = followed.first_check.stdout.splitlines()
    assert followed.first_check.returncode == 1, followed.first_check.stdout + followed.first_check.stderr
    assert lines[:-1] == [
        f"docs/{SLUG}.md:1: this chapter has no PEMAT score; copy templates/pemat.yml to data/pemat/{SLUG}.yml "
        'and score the chapter item by item (CONTRIBUTING.md, "Score a chapter")'
    ]
    assert lines[-1].startswith("FAILED: 1 problem in")
    assert "one problem only, that the new chapter\n   has no PEMAT score" in CONTRIBUTING.read_text(encoding="utf-8")


def test_the_fast_check_passes_after_following_the_steps(followed: Followed) -> None:
    lines = followed.check.stdout.splitlines()
    assert followed.check.returncode == 0, followed.check.stdout + followed.check.stderr
    assert len(lines) == 1 and SUMMARY.match(lines[0]), followed.check.stdout
    # the copy was checked, with the new chapter and its bank in it
    pages, banks = (int(n) for n in SUMMARY.match(lines[0]).group(1, 2))
    assert pages == len(page_files(ROOT / "docs")) + 1
    assert banks == len(list((ROOT / "quiz").glob("*.yml"))) + 1


def test_the_real_build_passes_and_shows_every_addition(followed: Followed) -> None:
    assert followed.build.returncode == 0, followed.build.stdout + followed.build.stderr
    site = followed.root / "site"
    chapter = (site / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "<h1" in chapter and "Getting through a flare-up" in chapter
    assert f'id="quiz-{SLUG}"' in chapter  # the quiz, from the copied template bank
    assert 'href="references.html#vives-2009"' in chapter  # the new source, cited
    assert re.search(r'<abbr title="A time when pain is worse than usual for a while.">flare-up</abbr>', chapter)
    assert 'aria-labelledby="dial-title dial-desc"' in chapter  # the figure
    # the icon array: 45 of 120 is 37.5, rounded up to 38 out of 100; 20 of 118 is 16.9, so 17
    assert '<figure class="course-figure course-icons" id="icon-array-example-trial">' in chapter
    assert "<td>45 of 120</td><td>38 out of 100</td>" in chapter
    assert "Usual care: 17 out of 100 people had the invented result (filled figures)" in chapter
    # the diagram: drawn from the guide's words, with its description, caption, source and list
    assert '<figure class="course-figure course-diagram" id="diagram-example-cycle">' in chapter
    assert (
        "It starts with a bad night. If the day goes badly: tired and sore, then resting all day, "
        "which leads back to a bad night." in chapter
    )
    assert 'Source: <span class="course-cite">(<a href="references.html#finan-2013"' in chapter
    assert "<li><strong>If the day goes well</strong><ol><li>A short walk</li></ol></li>" in chapter
    assert f'href="{SLUG}.html"' in (site / "index.html").read_text(encoding="utf-8")  # in the menu
    assert 'data-qid="whole-person-parts"' in (site / "how-it-is-treated.html").read_text(encoding="utf-8")
    assert '<li id="vives-2009">' in (site / "references.html").read_text(encoding="utf-8")
    assert '<dt id="flare-up">Flare-up</dt>' in (site / "glossary.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the templates and the examples


def test_the_template_chapter_builds_as_is(tmp_path: Path) -> None:
    """Copied unchanged, under the slug its quiz call names, into a small site with the real config."""
    root = prepare_site("good", tmp_path)
    shutil.copyfile(ROOT / "templates" / "chapter.md", root / "docs" / "new-chapter.md")
    shutil.copyfile(ROOT / "templates" / "quiz.yml", root / "quiz" / "new-chapter.yml")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (root / "site" / "new-chapter.html").read_text(encoding="utf-8")
    assert "In this chapter you will" in html and "Key points" in html
    assert 'id="quiz-new-chapter"' in html and 'href="references.html#raja-2020"' in html
    for kind in ("single", "multiple", "true-false"):
        assert f'data-type="{kind}"' in html
    checked = subprocess.run(
        [sys.executable, "-m", "tools.check", "--root", str(root)], cwd=ROOT, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout


def test_the_templates_have_what_a_chapter_needs_and_are_not_published() -> None:
    template = (ROOT / "templates" / "chapter.md").read_text(encoding="utf-8")
    front = template.split("---\n")[1]
    for key in ("title", "description", *CHAPTER_KEYS):
        assert re.search(rf"^{key}:", front, re.M), key
    for call in ("{{ learning_objectives() }}", "{{ key_points_summary() }}", '{{ quiz("new-chapter") }}', "cite("):
        assert call in template
    assert (
        (ROOT / "templates" / "quiz.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema.json\n")
    )
    assert not list((ROOT / "docs").rglob("templates")), "templates must stay out of docs/"


def test_the_example_error_in_the_guide_is_what_the_check_prints(tmp_path: Path) -> None:
    (example,) = [b for b in blocks("Preview as you write", "text")]
    path = example.split(":", 1)[0]
    root = clean_copy(tmp_path)
    question = re.search(r"question '([^']+)'", example).group(1)  # the bank's first question
    replace_once(root / path, f"id: {question}\n    type: single", f"id: {question}\n    type: singel")
    result = subprocess.run(
        [sys.executable, "-m", "tools.check", "--root", str(root), "--no-reading-level"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert example.strip() in result.stdout.splitlines(), result.stdout


def test_the_example_summary_in_the_guide_has_the_checks_format() -> None:
    (example,) = blocks("Check your work", "text")
    assert SUMMARY.match(example.strip())


def test_the_guide_covers_what_contributors_need() -> None:
    for heading in (
        "Set up (once)",
        "Preview as you write",
        "Check your work",
        "Editor help",
        "Add a chapter",
        "Add a question",
        "Add a source",
        "Add a glossary word",
        "Add a figure",
        "Add an icon array",
        "Add a diagram",
        "Score a chapter",
        "Writing rules",
        "How review works",
        "Update a translation",
        "Update a dependency",
    ):
        assert heading in GUIDE, heading
    text = CONTRIBUTING.read_text(encoding="utf-8")
    commands = ("make build", "make serve", "make check", "make test", "make lock")
    for needed in (*commands, ".vscode/settings.json", "pre-commit"):
        assert needed in text, needed
    for css_class in re.findall(r"\.(course-fig-[a-z]+)", (ROOT / "docs/stylesheets/course.css").read_text()):
        assert css_class in GUIDE["Add a figure"][0], f"Add a figure does not mention {css_class}"
