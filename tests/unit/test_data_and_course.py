"""Data files (macros/data.py), the cross-checks of Course.load() (macros/course.py) and
the link check (tools/check.py), on small sites laid out like the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.course import Course
from tools.check import link_problems

SLUG_RULE = "must be lower-case words or numbers joined by single hyphens, like"
REFERENCE_KEYS = "authors, cite_as, doi, note, published, title, url, year"
ADD_REFERENCE = "add it to data/references.yml first"
LINK_OUT = "the course links out only from the references page (add the source to data/references.yml and cite it)"

REFERENCES = """\
raja-2020:
  authors: Raja SN, Carr DB, Cohen M
  year: 2020
  title: The revised IASP definition of pain
  published: Pain 2020;161:1976-1982
  doi: 10.1097/j.pain.0000000000001939
"""

GLOSSARY = """\
- term: Allodynia
  match: [allodynia]
  short: Pain from a light touch.
  definition: Pain from something that should not hurt.
  see: [hyperalgesia]
- term: Hyperalgesia
  short: More pain than expected.
  definition: Stronger pain than the cause would give.
"""

FINDINGS = """\
source: raja-2020
population: People without back pain
ages: [20, 30, 40]
findings:
  - name: Disc bulge
    values: [30, 40, 50]
  - name: Disc protrusion
    values: [29, 31, 33]
"""

ICON_ARRAYS = """\
prt-trial:
  title: Pain-free after treatment
  outcome: were pain-free
  source: raja-2020
  groups:
    - {label: Therapy, people: 50, events: 33}
    - {label: Usual care, people: 50, events: 5}
"""

RED_FLAGS = """\
emergency:
  heading: "Emergency: get help now"
  action: "Call your emergency number now if you have back pain with any of these:"
  parts:
    - sources: [raja-2020]
      signs:
        - Numbness around your genitals.
    - lead: "A sign of a burst blood vessel:"
      sources: [raja-2020]
      signs:
        - Sudden, severe pain in your tummy.
urgent:
  heading: "Urgent: see a doctor the same or next day"
  action: "See a doctor the same or next day if you have back pain with any of these:"
  summary: Signs such as a fever.
  parts:
    - sources: [raja-2020]
      signs:
        - A fever.
clinicians:
  heading: What a clinician looks for
  action: "A clinician also asks about these:"
  parts:
    - sources: [raja-2020]
      signs:
        - You have ever injected drugs.
soon:
  heading: See a doctor within days to weeks
  action: "See a doctor within days to weeks if:"
  summary: Pain that is not getting better.
  parts:
    - sources: [raja-2020]
      signs:
        - Your pain is not getting better after a few weeks.
"""

RED_FLAGS_PAGE = """\
---
title: Red flags
---

# Red flags

## Emergency: get help now

{{ red_flags("emergency") }}

## Urgent: see a doctor the same or next day

{{ red_flags("urgent") }}

### What a clinician looks for

{{ red_flags("clinicians") }}

## See a doctor within days to weeks

{{ red_flags("soon") }}
"""

CHAPTER = """\
---
title: A chapter
description: D.
objectives:
  - Do a thing.
key_points:
  - A point.
minutes: 2
reviewed: 2026-11-23
clinical_review: pending
---

# A chapter

{{ learning_objectives() }}

## Pain is a protector

Pain protects you {{ cite("raja-2020") }}.

{{ key_points_summary() }}

{{ quiz("chapter") }}
"""

BANK = """\
# yaml-language-server: $schema=schema.json
questions:
  - id: pain-protects
    type: single
    prompt: What is pain's main job?
    options:
      - text: To protect you
        correct: true
      - text: To measure damage
        feedback: Pain and damage often do not match.
    explanation: Pain is a protector.
    learn_more: pain-is-a-protector
    sources: [raja-2020]
"""

INDEX = """\
---
title: Home
---

# Home

Read [the chapter](chapter.md).
"""

BASE = {
    "data/references.yml": REFERENCES,
    "docs/chapter.md": CHAPTER,
    "docs/index.md": INDEX,
    "quiz/chapter.yml": BANK,
}


def make_site(tmp_path: Path, files: dict[str, str | None]) -> Path:
    """A folder laid out like the repository; a None value leaves that file out."""
    root = tmp_path / "site"
    for folder in ("data", "docs", "quiz"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        if text is not None:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
    return root


def problems(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    return [str(p) for p in Course.load(root=make_site(tmp_path, files)).problems]


# ---------------------------------------------------------------- data files

# (case, data files, the exact problems reported)
DATA = [
    (
        "all four files valid",
        {
            "data/references.yml": REFERENCES,
            "data/glossary.yml": GLOSSARY,
            "data/brinjikji-2015.yml": FINDINGS,
            "data/red-flags.yml": RED_FLAGS,
            "docs/red-flags.md": RED_FLAGS_PAGE,
        },
        [],
    ),
    (
        "reference with neither doi nor url",
        {"data/references.yml": REFERENCES.replace("  doi: 10.1097/j.pain.0000000000001939\n", "")},
        [
            "data/references.yml:1: 'raja-2020': add a `doi:` (like `10.3174/ajnr.A4173`) or a `url:` starting "
            "with https://, so readers can find the source"
        ],
    ),
    (
        "reference with a doi written as an address",
        {"data/references.yml": REFERENCES.replace("doi: 10.1097/", "doi: doi.org/10.1097/")},
        [
            "data/references.yml:6: 'raja-2020': `doi` must be the DOI alone, starting with `10.`, like "
            "`10.3174/ajnr.A4173`, not 'doi.org/10.1097/j.pain.0000000000001939'; leave out the `https://doi.org/` "
            "in front"
        ],
    ),
    (
        "reference with an http (not https) url",
        {
            "data/references.yml": REFERENCES.replace(
                "doi: 10.1097/j.pain.0000000000001939", "url: http://example.org/guide"
            )
        },
        [
            "data/references.yml:6: 'raja-2020': `url` must be a full web address starting with `https://`, "
            "not 'http://example.org/guide'; use the page's https:// address"
        ],
    ),
    (
        "unknown key `publisher` (typo of published)",
        {"data/references.yml": REFERENCES.replace("published:", "publisher:")},
        [
            "data/references.yml:1: 'raja-2020': missing `published`; add `published:` with the journal or "
            "publisher, like `Pain 2020;161(9):1976-1982`",
            "data/references.yml:5: 'raja-2020': unknown key `publisher`; did you mean `published`? "
            f"allowed keys here: {REFERENCE_KEYS}",
        ],
    ),
    (
        "unknown extra key in an entry",
        {"data/references.yml": REFERENCES + "  jornal: Pain\n"},
        [f"data/references.yml:7: 'raja-2020': unknown key `jornal`; allowed keys here: {REFERENCE_KEYS}"],
    ),
    (
        "year as text",
        {"data/references.yml": REFERENCES.replace("year: 2020", "year: '2020'")},
        ["data/references.yml:3: 'raja-2020': `year` must be a whole number without quotes, like `2020`, not '2020'"],
    ),
    (
        "year before 1900",
        {"data/references.yml": REFERENCES.replace("year: 2020", "year: 1820")},
        ["data/references.yml:3: 'raja-2020': `year` must be 1900 or more, not the number 1820"],
    ),
    (
        "reference key with capitals and an underscore",
        {"data/references.yml": REFERENCES.replace("raja-2020:", "Raja_2020:")},
        [
            f"data/references.yml:1: reference key 'Raja_2020' {SLUG_RULE} `ashar-2022` (first author's surname "
            "and year)"
        ],
    ),
    (
        "references as a list",
        {"data/references.yml": "- raja-2020\n"},
        [
            "data/references.yml:1: the file must be a block of `key: value` lines starting with a reference key "
            "such as `ashar-2022:`, not a list"
        ],
    ),
    (
        "glossary `see` names an unknown term",
        {"data/glossary.yml": GLOSSARY.replace("see: [hyperalgesia]", "see: [hyperalgsia]")},
        [
            "data/glossary.yml:5: entry 'Allodynia': `see` names `hyperalgsia`, which is not a term here; "
            "use one of: allodynia, hyperalgesia"
        ],
    ),
    (
        "glossary with a duplicate term",
        {"data/glossary.yml": GLOSSARY + "- term: Allodynia\n  short: S.\n  definition: D.\n"},
        [
            "data/glossary.yml:1: entry 'Allodynia': the term appears twice; keep one entry",
            "data/glossary.yml:9: entry 'Allodynia': the term appears twice; keep one entry",
        ],
    ),
    (
        "glossary term with an unknown key",
        {"data/glossary.yml": GLOSSARY.replace("  short: More pain", "  shrt: More pain")},
        [
            "data/glossary.yml:6: entry 'Hyperalgesia': missing `short`; add `short:` with a one-sentence "
            "definition (at most 150 characters)",
            "data/glossary.yml:7: entry 'Hyperalgesia': unknown key `shrt`; did you mean `short`? "
            "allowed keys here: definition, match, see, short, term",
        ],
    ),
    (
        "glossary as a mapping, not a list",
        {"data/glossary.yml": "term: Allodynia\n"},
        ["data/glossary.yml:1: the file must be a list of entries, each starting with `- term:`, not a block of keys"],
    ),
    (
        "findings row with a wrong number of values",
        {"data/references.yml": REFERENCES, "data/brinjikji-2015.yml": FINDINGS.replace("[29, 31, 33]", "[29, 31]")},
        [
            "data/brinjikji-2015.yml:8: finding 'Disc protrusion': `values` has 2 numbers but `ages` has 3 "
            "(20, 30, 40); give one value for each age, in the same order"
        ],
    ),
    (
        "findings value over 100",
        {
            "data/references.yml": REFERENCES,
            "data/brinjikji-2015.yml": FINDINGS.replace("[29, 31, 33]", "[29, 131, 33]"),
        },
        [
            "data/brinjikji-2015.yml:8: finding 'Disc protrusion': the value 131 is not between 0 and 100; "
            "values are percentages of people"
        ],
    ),
    (
        "findings source not in the references",
        {
            "data/references.yml": REFERENCES,
            "data/brinjikji-2015.yml": FINDINGS.replace("raja-2020", "brinjikji-2015a"),
        },
        ["data/brinjikji-2015.yml:1: `source` names `brinjikji-2015a`, which is not in data/references.yml"],
    ),
    ("icon arrays valid", {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS}, []),
    (
        "icon array: more events than people in a group",
        {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS.replace("events: 5}", "events: 60}")},
        [
            "data/icon-arrays.yml:7: icon array 'prt-trial', group 'Usual care': `events` is 60, more than the 50 "
            "`people` in the group; `events` counts the people in the group with the result"
        ],
    ),
    (
        "icon array: source not in the references, with a suggestion",
        {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS.replace("raja-2020", "raja-2021")},
        [
            "data/icon-arrays.yml:4: icon array 'prt-trial': `source` names `raja-2021`, which is not in "
            "data/references.yml (did you mean `raja-2020`?); add it there first"
        ],
    ),
    (
        "icon array: a group of no people",
        {
            "data/references.yml": REFERENCES,
            "data/icon-arrays.yml": ICON_ARRAYS.replace("people: 50, events: 5", "people: 0, events: 0"),
        },
        [
            "data/icon-arrays.yml:7: icon array 'prt-trial', group 'Usual care': `people` must be 1 or more, "
            "not the number 0"
        ],
    ),
    (
        "icon array: events written as a percentage",
        {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS.replace("events: 33}", "events: 66%}")},
        [
            "data/icon-arrays.yml:6: icon array 'prt-trial', group 'Therapy': `events` must be a whole number "
            "without quotes, like `2020`, not '66%'"
        ],
    ),
    (
        "icon array: two groups with one label",
        {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS.replace("Usual care", "Therapy")},
        [
            "data/icon-arrays.yml:7: icon array 'prt-trial': two groups are called 'Therapy'; "
            "give each group its own label"
        ],
    ),
    (
        "icon array: missing outcome, and a misspelt key",
        {"data/references.yml": REFERENCES, "data/icon-arrays.yml": ICON_ARRAYS.replace("  outcome:", "  outcom:")},
        [
            "data/icon-arrays.yml:1: icon array 'prt-trial': missing `outcome`; add `outcome:` with what the "
            'people with the result did, completing "66 out of 100 people ...", like `were pain-free`',
            "data/icon-arrays.yml:3: icon array 'prt-trial': unknown key `outcom`; did you mean `outcome`? "
            "allowed keys here: groups, outcome, source, title",
        ],
    ),
    (
        "red flags: a part with an empty list of signs",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.replace("        - A fever.\n", "        []\n"),
        },
        ["data/red-flags.yml:18: `urgent`, part 1: `signs` needs at least 1 item"],
    ),
    (
        "red flags: the whole `soon` list missing",
        {"data/references.yml": REFERENCES, "data/red-flags.yml": RED_FLAGS.split("soon:")[0]},
        [
            "data/red-flags.yml:1: missing `soon`; add `soon:` with the signs that need a doctor within days to "
            "weeks (`heading:`, `action:`, `summary:`, `parts:`)"
        ],
    ),
    (
        "red flags: the old layout (a plain list of signs under `urgent`)",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.split("urgent:")[0] + "urgent:\n  - A fever.\n",
        },
        [
            "data/red-flags.yml:1: missing `clinicians`; add `clinicians:` with the red flags a clinician looks for "
            "(`heading:`, `action:`, `parts:`)",
            "data/red-flags.yml:1: missing `soon`; add `soon:` with the signs that need a doctor within days to "
            "weeks (`heading:`, `action:`, `summary:`, `parts:`)",
            "data/red-flags.yml:12: `urgent`: each red-flag list must be a block of `key: value` lines, not a list",
        ],
    ),
    (
        "red flags: `sign:` typed for `signs:`",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.replace(
                "      signs:\n        - A fever.", "      sign:\n        - A fever."
            ),
        },
        [
            "data/red-flags.yml:17: `urgent`, part 1: missing `signs`; add `signs:` followed by the signs, each on "
            "its own line starting with `- `",
            "data/red-flags.yml:18: `urgent`, part 1: unknown key `sign`; did you mean `signs`? allowed keys here: "
            "lead, signs, sources",
        ],
    ),
    (
        "red flags: `urgent` without the line for the reminder box",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.replace("  summary: Signs such as a fever.\n", ""),
        },
        [
            "data/red-flags.yml:12: `urgent`: missing `summary`; add `summary:` with one line about these signs for "
            "the reminder box on chapters"
        ],
    ),
    (
        "red flags: the same sign on two lists",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.replace("- You have ever injected drugs.", "- A  fever."),
        },
        [
            "data/red-flags.yml:26: `clinicians`, part 1: the sign 'A  fever.' is also on line 19; keep each sign "
            "in one list only"
        ],
    ),
    (
        "red flags: a part's source not in the references",
        {"data/references.yml": REFERENCES, "data/red-flags.yml": RED_FLAGS.replace("[raja-2020]", "[raja-2021]", 1)},
        [
            "data/red-flags.yml:5: `emergency`, part 1: unknown reference `raja-2021` (did you mean `raja-2020`?); "
            "add it to data/references.yml first"
        ],
    ),
    (
        "red flags: a heading the red-flags page does not have (the reminder box links to it)",
        {
            "data/references.yml": REFERENCES,
            "data/red-flags.yml": RED_FLAGS.replace("heading: What a clinician", "heading: What clinicians"),
            "docs/red-flags.md": RED_FLAGS_PAGE,
        },
        [
            "data/red-flags.yml:21: `clinicians`: the heading 'What clinicians looks for' is not on docs/red-flags.md "
            "(did you mean `what-a-clinician-looks-for`?); write it as a heading there, or copy a heading from there: "
            "emergency-get-help-now, urgent-see-a-doctor-the-same-or-next-day, what-a-clinician-looks-for, "
            "see-a-doctor-within-days-to-weeks"
        ],
    ),
]


@pytest.mark.parametrize(("case", "files", "expected"), DATA, ids=[row[0] for row in DATA])
def test_data_file_problems(case: str, files: dict[str, str], expected: list[str], tmp_path: Path) -> None:
    assert problems(tmp_path, files) == expected


def test_reference_short_citation() -> None:
    from macros.data import Reference

    def ref(authors: str, **extra) -> Reference:
        return Reference(authors=authors, year=2022, title="T", published="J", doi="10.1000/x", **extra)

    assert ref("Ashar YK, Gordon A, et al.").short == "Ashar 2022"
    assert ref("National Institute for Health and Care Excellence (NICE)").short == (
        "National Institute for Health and Care Excellence 2022"
    )
    assert ref("NICE", cite_as="NICE 2016").short == "NICE 2016"
    assert ref("Kent P").link == "https://doi.org/10.1000/x"


# ---------------------------------------------------------------- cross-checks


# (case, files changed from BASE, the exact problems reported)
COURSE = [
    ("the base site is clean", {}, []),
    (
        'quiz("nope"): no such bank',
        {"docs/chapter.md": CHAPTER.replace('quiz("chapter")', 'quiz("nope")')},
        ['docs/chapter.md:23: unknown quiz "nope": there is no quiz/nope.yml; banks: chapter'],
    ),
    (
        'quiz("chapterr"): a typo, with a suggestion',
        {"docs/chapter.md": CHAPTER.replace('quiz("chapter")', 'quiz("chapterr")')},
        [
            'docs/chapter.md:23: unknown quiz "chapterr": there is no quiz/chapterr.yml (did you mean `chapter`?); '
            "banks: chapter"
        ],
    ),
    (
        'icon_array("prt-trail"): no such icon array, with a suggestion',
        {
            "data/icon-arrays.yml": ICON_ARRAYS,
            "docs/index.md": INDEX + '\n{{ icon_array("prt-trail") }}\n',
        },
        [
            'docs/index.md:9: unknown icon array "prt-trail": there is no `prt-trail:` in data/icon-arrays.yml '
            "(did you mean `prt-trial`?); icon arrays: prt-trial"
        ],
    ),
    (
        "icon_array() without data/icon-arrays.yml, and without an id",
        {"docs/index.md": INDEX + '\n{{ icon_array("prt-trial") }}\n\n{{ icon_array() }}\n'},
        [
            "docs/index.md:9: `icon_array` needs data/icon-arrays.yml, which does not exist",
            'docs/index.md:11: `icon_array` takes 1 argument, like {{ icon_array("prt-trial") }}',
        ],
    ),
    (
        "the same icon array twice on one page",
        {
            "data/icon-arrays.yml": ICON_ARRAYS,
            "docs/index.md": INDEX + '\n{{ icon_array("prt-trial") }}\n\n{{ icon_array("prt-trial") }}\n',
        },
        ['docs/index.md:11: icon array "prt-trial" is already on this page (line 9); show it once'],
    ),
    (
        "a chapter with a clinical_review that is neither pending nor who and when",
        {"docs/chapter.md": CHAPTER.replace("clinical_review: pending", "clinical_review: yes")},
        [
            "docs/chapter.md:10: `clinical_review` must be `clinical_review: pending`, or "
            "`clinical_review: {by: \"Name, role\", date: 2027-01-31}`, not 'yes'"
        ],
    ),
    (
        "a chapter without clinical_review",
        {"docs/chapter.md": CHAPTER.replace("clinical_review: pending\n", "")},
        ["docs/chapter.md:1: a chapter (a page with a quiz) needs front matter: clinical_review"],
    ),
    (
        "quiz() without a slug",
        {"docs/chapter.md": CHAPTER.replace('quiz("chapter")', "quiz()")},
        ['docs/chapter.md:23: `quiz` takes 1 argument, like {{ quiz("red-flags") }}'],
    ),
    (
        "quiz(slug) with a variable, not quoted text",
        {"docs/chapter.md": CHAPTER.replace('quiz("chapter")', "quiz(slug)")},
        [
            'docs/chapter.md:23: `quiz(...)` takes plain quoted text only, like {{ quiz("red-flags") }}',
            "docs/chapter.md:23: unknown macro `slug`; macros you can use: cite, clear_saved, diagram, findings_chart, "
            "flare_plan, glossary, icon_array, key_points_summary, learning_objectives, my_questions, pemat_table, "
            "progress, quiz, red_flags, red_flags_summary, references, review_status",
        ],
    ),
    (
        'cite("missing-key")',
        {"docs/chapter.md": CHAPTER.replace('cite("raja-2020")', 'cite("missing-key")')},
        ["docs/chapter.md:19: unknown reference `missing-key`; add it to data/references.yml first"],
    ),
    (
        'cite("raja-2021"): a typo, with a suggestion',
        {"docs/chapter.md": CHAPTER.replace('cite("raja-2020")', 'cite("raja-2020", "raja-2021")')},
        [
            "docs/chapter.md:19: unknown reference `raja-2021` (did you mean `raja-2020`?); "
            "add it to data/references.yml first"
        ],
    ),
    (
        "cite() with no key",
        {"docs/chapter.md": CHAPTER.replace('cite("raja-2020")', "cite()")},
        ['docs/chapter.md:19: cite() needs at least one reference key, like cite("ashar-2022")'],
    ),
    (
        "bank `sources: [raja-2020, missing]`",
        {"quiz/chapter.yml": BANK.replace("sources: [raja-2020]", "sources: [raja-2020, missing]")},
        [f"quiz/chapter.yml:13: question 'pain-protects': unknown reference `missing`; {ADD_REFERENCE}"],
    ),
    (
        "bank sources as a block list: the line of the unknown item",
        {"quiz/chapter.yml": BANK.replace("sources: [raja-2020]", "sources:\n      - raja-2020\n      - missing")},
        [f"quiz/chapter.yml:15: question 'pain-protects': unknown reference `missing`; {ADD_REFERENCE}"],
    ),
    (
        "learn_more anchor missing from the page",
        {"quiz/chapter.yml": BANK.replace("learn_more: pain-is-a-protector", "learn_more: pain-is-a-protektor")},
        [
            "quiz/chapter.yml:12: question 'pain-protects': `learn_more: pain-is-a-protektor` is not a heading on "
            "docs/chapter.md (did you mean `pain-is-a-protector`?); headings there: pain-is-a-protector"
        ],
    ),
    (
        "chapter (a page with a quiz) missing objectives",
        {"docs/chapter.md": CHAPTER.replace("objectives:\n  - Do a thing.\n", "")},
        ["docs/chapter.md:1: a chapter (a page with a quiz) needs front matter: objectives"],
    ),
    (
        "chapter with nothing but a quiz",
        {"docs/chapter.md": '---\ntitle: A chapter\n---\n\n# A chapter\n\n{{ quiz("chapter") }}\n'},
        [
            "docs/chapter.md:1: a chapter (a page with a quiz) needs front matter: objectives, key_points, minutes, "
            "reviewed, clinical_review",
            "docs/chapter.md:5: a chapter needs `{{ key_points_summary() }}` (the chapter's key points)",
            "docs/chapter.md:5: a chapter needs `{{ learning_objectives() }}` (minutes to read, review date and "
            "the chapter's objectives)",
            "quiz/chapter.yml:12: question 'pain-protects': `learn_more: pain-is-a-protector` is not a heading on "
            "docs/chapter.md; headings there: none",
        ],
    ),
    (
        "a bank used on two pages",
        {"docs/other.md": CHAPTER.replace("A chapter", "Another chapter")},
        ['docs/other.md:23: quiz "chapter" is already on docs/chapter.md; each bank is used once'],
    ),
    (
        "a page without a title",
        {"docs/index.md": INDEX.replace("title: Home", "description: The home page.")},
        ["docs/index.md:1: front matter needs `title:`"],
    ),
    (
        'red_flags("later") without data/red-flags.yml',
        {"docs/index.md": INDEX + '\n{{ red_flags("later") }}\n'},
        [
            "docs/index.md:9: `red_flags` needs data/red-flags.yml, which does not exist",
            'docs/index.md:9: red_flags() takes one of "emergency", "urgent", "clinicians", "soon", not "later"',
        ],
    ),
    (
        "problems from several files, sorted by file then line (a broken references file hides unknown keys)",
        {
            "docs/chapter.md": CHAPTER.replace('cite("raja-2020")', 'cite("nobody-1999")'),
            "quiz/chapter.yml": BANK.replace("correct: true", "correct: yes"),
            "data/references.yml": REFERENCES.replace("year: 2020", "year: '2020'"),
        },
        [
            "data/references.yml:3: 'raja-2020': `year` must be a whole number without quotes, like `2020`, not '2020'",
            "quiz/chapter.yml:8: question 'pain-protects': `correct` must be true or false (without quotes), not 'yes'",
        ],
    ),
]


@pytest.mark.parametrize(("case", "changes", "expected"), COURSE, ids=[row[0] for row in COURSE])
def test_course_cross_checks(case: str, changes: dict[str, str | None], expected: list[str], tmp_path: Path) -> None:
    assert problems(tmp_path, {**BASE, **changes}) == expected


def test_page_ids_include_what_macros_add(tmp_path: Path) -> None:
    files = {
        **BASE,
        "docs/references.md": (
            "---\ntitle: References\nreading_level: skip\n---\n\n# References\n\n{{ references() }}\n"
        ),
    }
    course = Course.load(root=make_site(tmp_path, files))
    assert course.problems == []
    assert course.page_ids("chapter.md") == {"a-chapter", "pain-is-a-protector", "quiz-chapter"}
    assert course.page_ids("references.md") == {"references", "raja-2020"}


# ---------------------------------------------------------------- red-flag macros

RED_FLAGS_URGENT = """\
**See a doctor the same or next day if you have back pain with any of these:**

- A fever\\.

<span class="course-flag-source">Source: <span class="course-cite">(<a href="references.html#raja-2020">\
Raja 2020</a>)</span></span>"""

RED_FLAGS_EMERGENCY_TAIL = """\
A sign of a burst blood vessel:

- Sudden, severe pain in your tummy\\.

<span class="course-flag-source">Source: <span class="course-cite">(<a href="references.html#raja-2020">\
Raja 2020</a>)</span></span>"""

RED_FLAGS_SUMMARY = """\
!!! danger "Warning signs: when to get help"

    **[Emergency: get help now](../red-flags.md#emergency-get-help-now)**. \
Call your emergency number now if you have back pain with any of these:

    - Numbness around your genitals\\.
    - Sudden, severe pain in your tummy\\.

    **[Urgent: see a doctor the same or next day](../red-flags.md#urgent-see-a-doctor-the-same-or-next-day)**. \
Signs such as a fever\\.

    **[See a doctor within days to weeks](../red-flags.md#see-a-doctor-within-days-to-weeks)**. \
Pain that is not getting better\\.

    [See all the warning signs](../red-flags.md)."""


def test_red_flag_lists_and_the_reminder_box_come_from_the_data(tmp_path: Path) -> None:
    from macros import content

    files = {**BASE, "data/red-flags.yml": RED_FLAGS, "docs/red-flags.md": RED_FLAGS_PAGE}
    course = Course.load(root=make_site(tmp_path, files))
    assert course.problems == []
    flags = course.model("red_flags")
    # each list: what to do (bold), then each part's lead, signs and sources
    assert content.red_flags(flags, "urgent", course.references, "red-flags.md") == RED_FLAGS_URGENT
    assert content.red_flags(flags, "emergency", course.references, "red-flags.md").endswith(RED_FLAGS_EMERGENCY_TAIL)
    # the box on a chapter in a sub-folder: every emergency sign, one line for each other tier, links to the headings
    assert content.red_flags_summary(flags, "part/chapter.md") == RED_FLAGS_SUMMARY


# ---------------------------------------------------------------- links

LINKS = """\
---
title: Home
---

# Home

Read [the chapter](chapter.md "The chapter"), [its quiz](chapter.md#quiz-chapter).
Read [a part](chapter.md#pain-is-a-protector).
See [a missing page](missing.md).
See [a missing part](chapter.md#nowhere).
See [another site](https://example.org/) or [write to us](mailto:team@example.org).

```
[a link in code](missing-too.md)
```

![a picture is not a link](missing.png)
"""


def test_link_problems_report_file_and_line(tmp_path: Path) -> None:
    course = Course.load(root=make_site(tmp_path, {**BASE, "docs/index.md": LINKS}))
    inside = [
        "docs/index.md:9: link to `missing.md`, which is not a page in docs/",
        "docs/index.md:10: link to `#nowhere` on chapter.md, which has no such heading",
    ]
    # the build reports links inside the course (with their lines); links out are the fast check's rule
    assert [str(p) for p in course.problems] == inside
    assert [str(p) for p in link_problems(course)] == [
        *inside,
        f"docs/index.md:11: link to another site `https://example.org/`; {LINK_OUT}",
        f"docs/index.md:11: link to another site `mailto:team@example.org`; {LINK_OUT}",
    ]


# (case, page in docs/, the link it holds)
GOOD_LINKS = [
    ("a page in the same folder", "index.md", "chapter.md"),
    ("an anchor on the same page", "other.md", "#part"),
    ("up from a sub-folder", "part/sub.md", "../chapter.md#pain-is-a-protector"),
    ("the page title's own anchor (Markdown gives the H1 an id too)", "index.md", "chapter.md#a-chapter"),
]


@pytest.mark.parametrize(("case", "page", "link"), GOOD_LINKS, ids=[row[0] for row in GOOD_LINKS])
def test_good_links_are_not_reported(case: str, page: str, link: str, tmp_path: Path) -> None:
    text = f"---\ntitle: P\n---\n\n# P\n\n## Part\n\n[x]({link})\n"
    course = Course.load(root=make_site(tmp_path, {**BASE, f"docs/{page}": text}))
    assert course.problems == []
    assert [str(p) for p in link_problems(course)] == []


# ---------------------------------------------------------------- the real repository


@pytest.fixture(scope="module")
def course() -> Course:
    return Course.load()


def test_real_course_has_no_problems(course: Course) -> None:
    assert [str(p) for p in course.problems] == []


def test_real_course_has_no_link_problems(course: Course) -> None:
    assert [str(p) for p in link_problems(course)] == []


def test_every_reference_has_a_doi_or_https_url(course: Course) -> None:
    assert course.references
    for key, reference in course.references.items():
        assert reference.doi or (reference.url or "").startswith("https://"), key
        assert reference.link.startswith("https://"), key


def test_every_glossary_see_resolves(course: Course) -> None:
    terms = course.model("glossary").root
    ids = {term.id for term in terms}
    assert len(ids) == len(terms)
    for term in terms:
        assert set(term.see) <= ids, term.term


def test_the_reminder_box_stays_in_step_with_the_red_flag_data(course: Course) -> None:
    from macros import content
    from macros.data import slug

    flags = course.model("red_flags")
    box = content.red_flags_summary(flags, "how-it-is-treated.md")
    signs = [line.strip() for line in box.splitlines() if line.strip().startswith("- ")]
    assert signs == [f"- {content.markdown_literal(sign)}" for sign in flags.emergency.signs]
    assert len(signs) >= 10  # both legs, wiping, the aneurysm signs ... (evidence brief §6)
    headings = course.pages["red-flags.md"].headings
    for name in ("emergency", "urgent", "soon"):
        anchor = slug(getattr(flags, name).heading)
        assert f"(red-flags.md#{anchor})" in box and anchor in headings, name
    for name in ("urgent", "soon"):
        assert content.markdown_literal(getattr(flags, name).summary) in box, name


def test_every_bank_is_the_quiz_of_the_page_with_its_slug(course: Course) -> None:
    for slug in course.banks:
        page = course.pages.get(f"{slug}.md")
        assert page is not None, f"quiz/{slug}.yml has no docs/{slug}.md"
        assert [call.args for call in page.calls_to("quiz")] == [(slug,)]
