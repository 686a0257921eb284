"""The fast check (`make check`, `python -m tools.check`) catches every kind of mistake it claims to.

Each case copies the clean fixture site tests/sites/check-clean (with the real
mkdocs.yml and a menu), makes one mistake in it, runs the command, and asserts
the exact `file:line: message` lines, the FAILED summary and exit code 1. The
clean copy passes with exit 0. Every kind in tools.check.KINDS has a case.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, prepare_site, run_cases
from tests.pemat_files import score_text
from tools.check import KINDS
from tools.readability import measure

NAV = """
nav:
  - Home: index.md
  - The course:
      - chapter.md
  - Help and sources:
      - glossary.md
      - references.md
"""
SUMMARY = re.compile(
    r"^(OK|FAILED): (\d+) problems? in \d+ pages, \d+ banks \(\d+ questions\), \d+ references; "
    r"(?:[a-z]{2}: \d+ pages, \d+ banks \(\d+ questions\); )*"  # each translation (mkdocs.<language>.yml)
    r"\d+ pages measured for reading level \(\d+\.\d s\)$"
)
ALLOWED_KEYS = "title, description, objectives, key_points, minutes, reviewed, clinical_review, reading_level, hide"
ALLOWED_BLOCKS = "note, tip, warning, danger, example, question"
HARD_TEXT = (
    "Notwithstanding considerable methodological heterogeneity, epidemiological investigations "
    "consistently demonstrate substantial prevalence of degenerative intervertebral characteristics "
    "among asymptomatic individuals, necessitating circumspect interpretation of radiological documentation."
)


@dataclass(frozen=True)
class Mistake:
    kind: str  # a key of tools.check.KINDS
    path: str  # the file changed, relative to the site
    old: str | None  # text replaced (exactly once); None: `new` is the whole file
    new: str | None  # None: the file is deleted
    expect: tuple[str, ...]  # every problem line the check prints
    reading_level: bool = False  # run with the reading-level check (slower)
    encoding: str = "utf-8"  # how the changed file is saved
    also: tuple[tuple[str, str | None], ...] = ()  # other files changed with the mistake: (path, text or None)


def edit(path: str, old: str, new: str, kind: str, *expect: str, **options) -> Mistake:
    return Mistake(kind, path, old, new, expect, **options)


ICON_ARRAYS = """\
a-trial:
  title: Pain-free after treatment
  outcome: were pain-free
  source: raja-2020
  groups:
    - {label: Therapy, people: 50, events: 33}
    - {label: Usual care, people: 50, events: 5}
"""
CHAPTER_BANK = (ROOT / "tests" / "sites" / "check-clean" / "quiz" / "chapter.yml").read_text(encoding="utf-8")

# case -> the mistake and what the check must print
MISTAKES = {
    # a misspelt question type
    "bank-unknown-question-type": edit(
        "quiz/chapter.yml",
        "type: single",
        "type: singel",
        "bank",
        "quiz/chapter.yml:4: question 'pain-protects': unknown question type `singel`; did you mean `single`? "
        "use one of: single, multiple, true-false, classify",
    ),
    # two right answers in a one-answer question
    "bank-two-correct-in-single": edit(
        "quiz/chapter.yml",
        "      - text: To measure damage exactly\n        feedback: Pain and damage often do not match.\n",
        "      - text: To measure damage exactly\n        correct: true\n",
        "bank",
        "quiz/chapter.yml:6: question 'pain-protects': a `single` question needs exactly one correct option, "
        "found 2; keep `correct: true` on one option only, or use `type: multiple`",
    ),
    # a negative prompt that does not stand out
    "item-negative-prompt": edit(
        "quiz/chapter.yml",
        "prompt: What is pain's main job?",
        "prompt: Which of these is NOT pain's main job?",
        "item-quality",
        "quiz/chapter.yml:5: question 'pain-protects': the prompt asks in the negative (`NOT`), which readers "
        "easily miss; ask it the positive way, or make the word stand out: **not**",
    ),
    # a wrong option without feedback
    "bank-wrong-option-without-feedback": edit(
        "quiz/chapter.yml",
        "        feedback: Scans of people without pain often show some findings.\n",
        "",
        "bank",
        "quiz/chapter.yml:21: question 'scan-findings': wrong option 2 has no `feedback`; "
        "add `feedback:` saying why it is wrong",
    ),
    # a question's source that is not a reference
    "bank-source-unknown": edit(
        "quiz/chapter.yml",
        "sources: [raja-2020]",
        "sources: [raja-2021]",
        "bank-source",
        "quiz/chapter.yml:13: question 'pain-protects': unknown reference `raja-2021` (did you mean `raja-2020`?); "
        "add it to data/references.yml first",
    ),
    # learn_more naming a heading that is not on the chapter
    "learn-more-not-a-heading": edit(
        "quiz/chapter.yml",
        "learn_more: pain-is-a-protector",
        "learn_more: pain-is-a-protektor",
        "learn-more",
        "quiz/chapter.yml:12: question 'pain-protects': `learn_more: pain-is-a-protektor` is not a heading on "
        "docs/chapter.md (did you mean `pain-is-a-protector`?); headings there: pain-is-a-protector, "
        "why-scans-can-mislead",
    ),
    # a bank that no page shows
    "unused-bank": Mistake(
        "unused-bank",
        "quiz/spare.yml",
        None,
        CHAPTER_BANK,
        ('quiz/spare.yml:1: no page shows this bank; add {{ quiz("spare") }} to docs/spare.md',),
    ),
    # a bank named after something else than its page (and so the page's own bank is left unused)
    "unused-bank-not-named-after-its-page": edit(
        "docs/chapter.md",
        '{{ quiz("chapter") }}',
        '{{ quiz("chapter-quiz") }}',
        "unused-bank",
        'docs/chapter.md:44: the quiz here is "chapter-quiz", but a page shows the bank named after it: '
        'write {{ quiz("chapter") }} to show quiz/chapter.yml',
        'quiz/chapter.yml:1: no page shows this bank; add {{ quiz("chapter") }} to docs/chapter.md',
        also=(("quiz/chapter-quiz.yml", CHAPTER_BANK),),
    ),
    # a bank file named after something else than the page that shows it
    "unused-bank-named-after-something-else": edit(
        "docs/chapter.md",
        '{{ quiz("chapter") }}',
        '{{ quiz("spare") }}',
        "unused-bank",
        'docs/chapter.md:44: the quiz here is "spare", but a page shows the bank named after it: '
        'rename quiz/spare.yml to quiz/chapter.yml and write {{ quiz("chapter") }}',
        also=(("quiz/spare.yml", CHAPTER_BANK), ("quiz/chapter.yml", None)),
    ),
    # a reference with neither a doi nor an https address
    "reference-without-address": edit(
        "data/references.yml",
        "  doi: 10.1097/j.pain.0000000000001939\n",
        "",
        "reference",
        "data/references.yml:1: 'raja-2020': add a `doi:` (like `10.3174/ajnr.A4173`) or a `url:` starting with "
        "https://, so readers can find the source",
    ),
    # a citation of a key that is not in data/references.yml
    "cite-unknown-key": edit(
        "docs/chapter.md",
        'cite("raja-2020")',
        'cite("raja-2021")',
        "cite",
        "docs/chapter.md:20: unknown reference `raja-2021` (did you mean `raja-2020`?); "
        "add it to data/references.yml first",
    ),
    # `see` naming a term that does not exist
    "glossary-see-unknown-term": edit(
        "data/glossary.yml",
        "see: [hyperalgesia]",
        "see: [hyperalgsia]",
        "glossary",
        "data/glossary.yml:5: entry 'Allodynia': `see` names `hyperalgsia`, which is not a term here; "
        "use one of: allodynia, hyperalgesia",
    ),
    # one word matched by two terms
    "glossary-word-in-two-entries": edit(
        "data/glossary.yml",
        "match: [hyperalgesia]",
        "match: [hyperalgesia, allodynia]",
        "glossary",
        "data/glossary.yml:8: entry 'Hyperalgesia': the word `allodynia` is also in the `match` of 'Allodynia'; "
        "a word can point to one term only, so keep it in one entry",
    ),
    # a red-flag part with no signs left in it
    "red-flags-empty-list": edit(
        "data/red-flags.yml",
        "        - A high temperature (fever).\n        - You are losing weight without trying.\n",
        "        []\n",
        "red-flags",
        "data/red-flags.yml:15: `urgent`, part 1: `signs` needs at least 1 item",
    ),
    # one sign on two red-flag lists (the tiers would disagree about what to do)
    "red-flags-sign-on-two-lists": edit(
        "data/red-flags.yml",
        "        - You have ever injected drugs.\n",
        "        - A high temperature (fever).\n",
        "red-flags",
        "data/red-flags.yml:24: `clinicians`, part 1: the sign 'A high temperature (fever).' is also on line 16; "
        "keep each sign in one list only",
    ),
    # chart data with a value missing
    "chart-data-wrong-number-of-values": edit(
        "data/brinjikji-2015.yml",
        "values: [30, 40, 50]",
        "values: [30, 40]",
        "chart-data",
        "data/brinjikji-2015.yml:8: finding 'Disc bulge': `values` has 2 numbers but `ages` has 3 (20, 30, 40); "
        "give one value for each age, in the same order",
    ),
    # an icon array with more people who had the result than people in the group
    "icon-array-events-over-people": Mistake(
        "chart-data",
        "data/icon-arrays.yml",
        None,
        ICON_ARRAYS.replace("events: 5}", "events: 55}"),
        (
            "data/icon-arrays.yml:7: icon array 'a-trial', group 'Usual care': `events` is 55, more than the 50 "
            "`people` in the group; `events` counts the people in the group with the result",
        ),
    ),
    # a page showing an icon array that data/icon-arrays.yml does not have
    "icon-array-unknown-id": edit(
        "docs/chapter.md",
        "{{ key_points_summary() }}",
        '{{ icon_array("a-trail") }}\n\n{{ key_points_summary() }}',
        "macro",
        'docs/chapter.md:42: unknown icon array "a-trail": there is no `a-trail:` in data/icon-arrays.yml '
        "(did you mean `a-trial`?); icon arrays: a-trial",
        also=(("data/icon-arrays.yml", ICON_ARRAYS),),
    ),
    # a clinical review that is neither `pending` nor who and when
    "front-matter-clinical-review-bad": edit(
        "docs/chapter.md",
        "clinical_review: pending",
        "clinical_review: done",
        "front-matter",
        "docs/chapter.md:11: `clinical_review` must be `clinical_review: pending`, or "
        "`clinical_review: {by: \"Name, role\", date: 2027-01-31}`, not 'done'",
    ),
    # an unknown front-matter key: the message lists the allowed ones
    "front-matter-unknown-key": edit(
        "docs/chapter.md",
        "minutes: 3\n",
        "minutes: 3\nauthor: Sam\n",
        "front-matter",
        f"docs/chapter.md:10: unknown front-matter key `author`; allowed: {ALLOWED_KEYS}",
    ),
    # a chapter without its review date
    "front-matter-chapter-without-reviewed": edit(
        "docs/chapter.md",
        "reviewed: 2026-11-23\n",
        "",
        "front-matter",
        "docs/chapter.md:1: a chapter (a page with a quiz) needs front matter: reviewed",
    ),
    # an unknown content block: the message lists the allowed ones
    "block-unknown": edit(
        "docs/chapter.md",
        '!!! note "A word doctors use"',
        '!!! info "A word doctors use"',
        "block",
        f"docs/chapter.md:22: unknown content block `info`; allowed: {ALLOWED_BLOCKS}",
    ),
    # a misspelt macro
    "macro-unknown": edit(
        "docs/chapter.md",
        "{{ key_points_summary() }}",
        "{{ key_point_summary() }}",
        "macro",
        "docs/chapter.md:42: unknown macro `key_point_summary`; did you mean `key_points_summary`? macros you can "
        "use: cite, clear_saved, diagram, findings_chart, flare_plan, glossary, icon_array, key_points_summary, "
        "learning_objectives, my_questions, pemat_table, progress, quiz, red_flags, red_flags_summary, references, "
        "review_status",
        "docs/chapter.md:14: a chapter needs `{{ key_points_summary() }}` (the chapter's key points)",
    ),
    # a heading id set by hand
    "heading-id-by-hand": edit(
        "docs/chapter.md",
        "{{ key_points_summary() }}",
        "## More to read {#more}\n\nThere is more on the next page.\n\n{{ key_points_summary() }}",
        "heading",
        "docs/chapter.md:42: do not set heading ids by hand (`{#id}` breaks the build); ids come from the heading text",
        # Jinja reads `{#` as the start of a comment, so the page cannot be read further
        "docs/chapter.md:42: macro syntax error: Missing end of comment tag; check the `{{ ... }}` around this line",
    ),
    # a link to a heading that does not exist
    "link-to-missing-heading": edit(
        "docs/index.md",
        "chapter.md#why-scans-can-mislead",
        "chapter.md#why-scans-mislead",
        "link",
        "docs/index.md:8: link to `#why-scans-mislead` on chapter.md, which has no such heading "
        "(did you mean `why-scans-can-mislead`?)",
    ),
    # a link to a page that does not exist
    "link-to-missing-page": edit(
        "docs/index.md",
        "[the glossary](glossary.md)",
        "[the glossary](glosary.md)",
        "link",
        "docs/index.md:9: link to `glosary.md`, which is not a page in docs/ (did you mean `glossary.md`?)",
    ),
    # a link to another site from a chapter
    "link-to-another-site": edit(
        "docs/index.md",
        "[the glossary](glossary.md)",
        "[a website](https://example.org/pain)",
        "link",
        "docs/index.md:9: link to another site `https://example.org/pain`; the course links out only from the "
        "references page (add the source to data/references.yml and cite it)",
    ),
    # a page left out of the menu
    "menu-page-missing": edit(
        "mkdocs.yml",
        "      - glossary.md\n",
        "",
        "menu",
        "docs/glossary.md:1: this page is not in the menu; add `- glossary.md` under `nav:` in mkdocs.yml",
    ),
    # a menu entry naming a page that does not exist
    "menu-entry-without-page": edit(
        "mkdocs.yml",
        "      - chapter.md\n",
        "      - chapter.md\n      - chapters.md\n",
        "menu",
        "mkdocs.yml:{nav+4}: the menu names `chapters.md`, which is not a page in docs/ (did you mean `chapter.md`?)",
    ),
    # a figure a screen reader cannot read as one picture
    "figure-without-role": edit(
        "docs/chapter.md",
        ' role="img" aria-labelledby',
        " aria-labelledby",
        "figure",
        'docs/chapter.md:33: figure: add role="img" to the <svg> tag, so a screen reader reads it as one picture; '
        'see CONTRIBUTING.md, "Add a figure"',
    ),
    # a figure without a description
    "figure-without-desc": edit(
        "docs/chapter.md",
        '<desc id="alarm-desc">A bell with lines around it, to show an alarm ringing.</desc>\n',
        "",
        "figure",
        "docs/chapter.md:33: figure: give the <svg> a <title id=...> (a short name) and a <desc id=...> "
        '(what it shows), and name both ids in aria-labelledby="..."; see CONTRIBUTING.md, "Add a figure"',
    ),
    # a figure with a colour that stays the same in the dark palette
    "figure-fixed-colour": edit(
        "docs/chapter.md",
        'r="30" class="course-fig-line course-fig-ink"',
        'r="30" stroke="#1a237e"',
        "figure",
        "docs/chapter.md:36: figure: the fixed colour `#1a237e` stays the same in the dark palette; "
        "use a course-fig-* class instead (docs/stylesheets/course.css)",
    ),
    # an image without a description
    "image-without-alt-text": edit(
        "docs/chapter.md",
        "![A simple drawing of a spine](images/spine.svg)",
        "![](images/spine.svg)",
        "image",
        "docs/chapter.md:30: image `images/spine.svg` has no description; write what it shows in the brackets: "
        "![what the picture shows](images/spine.svg)",
    ),
    # an image whose file is missing
    "image-file-missing": edit(
        "docs/chapter.md",
        "(images/spine.svg)",
        "(images/spine.png)",
        "image",
        "docs/chapter.md:30: image `images/spine.png`, which is not a file in docs/",
    ),
    # an image loaded from another site
    "image-from-another-site": edit(
        "docs/chapter.md",
        "(images/spine.svg)",
        "(https://example.org/spine.png)",
        "image",
        "docs/chapter.md:30: image from another site `https://example.org/spine.png`; the course loads nothing "
        "from other hosts: save the picture under docs/images/ and link to it there",
    ),
    # a PEMAT score file dated before the chapter's last review: re-score on review
    "pemat-scored-before-review": Mistake(
        "pemat",
        "data/pemat/chapter.yml",
        None,
        score_text(date="2026-11-20"),
        (
            "data/pemat/chapter.yml:3: scored on 2026-11-20, before the chapter was last reviewed (2026-11-23, "
            "`reviewed` on docs/chapter.md); re-score on review: score every item again against the chapter as it "
            "is now, and set `date` to that day",
        ),
    ),
    # a chapter below the goal: the items scored disagree are named
    "pemat-below-goal": Mistake(
        "pemat",
        "data/pemat/chapter.yml",
        None,
        score_text(scores={22: "disagree", 23: "disagree"}),
        (
            "data/pemat/chapter.yml:4: actionability is 71% (5 of 7 items), below the goal of 80%; items scored "
            "disagree: 22 (steps), 23 (a tool). Change the chapter, not the score, then score it again",
        ),
    ),
    # a page above grade 8
    "reading-level-too-high": edit(
        "docs/chapter.md",
        "## Why scans can mislead\n",
        f"## Why scans can mislead\n\n{HARD_TEXT}\n",
        "reading-level",
        "docs/chapter.md:1: reading level is grade {grade}, above 8; use shorter sentences and everyday words "
        "(python -m tools.readability)",
        reading_level=True,
    ),
    # a Spanish site configured (mkdocs.es.yml) before anything is translated: each English file is named
    "translation-missing": Mistake(
        "translation",
        "mkdocs.es.yml",
        None,
        "INHERIT: mkdocs.yml\ndocs_dir: docs/es\nsite_dir: site/es\nexclude_docs: ''\ntheme:\n  language: es\n",
        tuple(
            f"{spanish}:1: missing translation of {english}: copy it to {spanish}, translate it, then run "
            f"`python -m tools.translations stamp {spanish}`"
            for english, spanish in [
                ("data/brinjikji-2015.yml", "data/es/brinjikji-2015.yml"),
                ("data/glossary.yml", "data/es/glossary.yml"),
                ("data/red-flags.yml", "data/es/red-flags.yml"),
                ("docs/chapter.md", "docs/es/chapter.md"),
                ("docs/glossary.md", "docs/es/glossary.md"),
                ("docs/index.md", "docs/es/index.md"),
                ("docs/references.md", "docs/es/references.md"),
                ("quiz/chapter.yml", "quiz/es/chapter.yml"),
            ]
        ),
    ),
    # a page saved in another encoding
    "encoding-not-utf8": Mistake(
        "encoding",
        "docs/index.md",
        "Look words up",
        "Look words up (café)",
        (
            "docs/index.md:9: this line has a character saved in another encoding (such as Latin-1 or "
            "Windows-1252), not UTF-8; save the file as UTF-8 in your editor",
        ),
        reading_level=True,  # a page that cannot be read is not measured either
        encoding="latin-1",
    ),
}


def place(tmp_path: Path) -> Path:
    root = prepare_site("check-clean", tmp_path)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(NAV)
    return root


def run_check(root: Path, reading_level: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tools.check", "--root", str(root)]
    if not reading_level:
        command.append("--no-reading-level")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def make_mistake(root: Path, mistake: Mistake) -> None:
    for other, text in mistake.also:
        if text is None:
            (root / other).unlink()
        else:
            (root / other).parent.mkdir(parents=True, exist_ok=True)
            (root / other).write_text(text, encoding="utf-8")
    path = root / mistake.path
    path.parent.mkdir(parents=True, exist_ok=True)  # a new folder, such as data/pemat/
    if mistake.new is None:
        path.unlink()
        return
    if mistake.old is None:
        path.write_text(mistake.new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(mistake.old) == 1, f"{mistake.path}: {mistake.old!r} must appear once"
    text = text.replace(mistake.old, mistake.new)
    path.write_bytes(text.encode(mistake.encoding))


def expected_lines(root: Path, mistake: Mistake) -> list[str]:
    """The expected lines, with the menu's line in mkdocs.yml and the page's measured grade filled in."""
    nav_line = next(n for n, line in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1) if line == "nav:")
    lines = [line.replace("{nav+4}", str(nav_line + 4)) for line in mistake.expect]
    if any("{grade}" in line for line in lines):
        grade = f"{measure(root / mistake.path).grade:.1f}"
        lines = [line.replace("{grade}", grade) for line in lines]
    return lines


def test_every_kind_the_check_claims_has_a_case() -> None:
    assert {mistake.kind for mistake in MISTAKES.values()} == set(KINDS)


def test_a_clean_tree_passes_with_a_summary(tmp_path: Path) -> None:
    result = run_check(place(tmp_path))
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(lines) == 1 and SUMMARY.match(lines[0]), result.stdout
    assert lines[0].startswith("OK: 0 problems in 4 pages, 1 banks (3 questions), 2 references; 2 pages measured")
    assert result.stderr == ""


@dataclass
class Outcome:
    root: Path
    result: subprocess.CompletedProcess[str]


def run_case(case: str, destination: Path) -> Outcome:
    folder = destination / case
    folder.mkdir()
    root = place(folder)
    make_mistake(root, MISTAKES[case])
    return Outcome(root, run_check(root, MISTAKES[case].reading_level))


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[Outcome]]]:
    """Every selected case, run WORKERS at a time (each is a new Python process); each test waits for its own."""
    destination = tmp_path_factory.mktemp("check-cases")
    yield from run_cases(request, "test_the_check_catches_one_mistake", lambda case: run_case(case, destination))


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_the_check_catches_one_mistake(case: str, outcomes: dict[str, Future[Outcome]]) -> None:
    mistake = MISTAKES[case]
    outcome = outcomes[case].result()
    result = outcome.result
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    expected = expected_lines(outcome.root, mistake)
    assert lines[:-1] == sorted(expected, key=_order), result.stdout
    match = SUMMARY.match(lines[-1])
    assert match and match.group(1) == "FAILED" and int(match.group(2)) == len(expected), lines[-1]


def _order(line: str) -> tuple[str, int, str]:
    path, number, message = line.split(":", 2)
    return path, int(number), message
