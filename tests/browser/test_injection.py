"""Script and Jinja payloads in every text field of a bank, a reference, a glossary entry,
the red flags and the chart data (tests/sites/injection/) show as typed in real Chromium,
and none of them runs: no dialog opens, `window.xssRan` stays unset, no element gains an
event handler or a `javascript:` link, and `{{ 7*7 }}` is never worked out to 49.

Each payload, if it ran, would set `window.xssRan` and call `alert(1)`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.conftest import build, prepare_site

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.xssRan=1;alert(1)</script>"
IMG = '<img src=x onerror="window.xssRan=1;alert(1)">'
SVG = '"><svg onload="window.xssRan=1;alert(1)">'
JINJA = "{{ 7*7 }}"
JINJA_BLOCK = "{% if true %}JINJA-RAN{% endif %}"
RAW_LINK = '<a href="javascript:window.xssRan=1">raw link</a>'
MARKDOWN_LINK = "[click me](javascript:window.xssRan=1)"

# What ran would leave a trace in the page: these are all checked after every step.
TRACES = r"""() => ({
  flag: typeof window.xssRan,
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on')
          || (/(href|src|action|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)))
      .map(a => el.tagName + ' ' + a.name)),
  scripts: [...document.scripts].filter(s => s.textContent.includes('xssRan')).length,
  frames: document.querySelectorAll('iframe, object, embed').length,
  images: [...document.images].filter(i => i.getAttribute('src') === 'x').length,
  forms: document.querySelectorAll('article form').length,
})"""


@pytest.fixture(scope="module")
def injection_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = prepare_site("injection", tmp_path_factory.mktemp("injection"))
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    yield from serve(root / "site")


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    opened: list[str] = []

    def dismiss(dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(200)  # an onerror or onload handler would have fired by now
    assert dialogs == []
    assert page.evaluate(TRACES) == {
        "flag": "undefined",
        "handlers": [],
        "scripts": 0,
        "frames": 0,
        "images": 0,
        "forms": 0,
    }
    assert [url for url in page.watch.requests if url.rstrip("/").endswith("/x")] == []  # no <img src=x> loaded


def expect_text(page: Page, selector: str, *pieces: str) -> None:
    """Every piece shows, as typed, in the first element matching `selector`."""
    element = page.locator(selector).first
    expect(element).to_be_visible()
    for piece in pieces:
        expect(element).to_contain_text(piece)


def hover_every_tooltip(page: Page) -> None:
    """Hover every element whose title Material turns into a tooltip (it then drops the title: hold handles)."""
    for element in page.locator("article abbr[title]:visible, article a[title]:visible").element_handles():
        element.hover()
        page.wait_for_timeout(50)


def check_and_see_feedback(page: Page, question: str, option: str, *feedback: str) -> None:
    box = page.locator(question)
    box.locator("label", has_text=option).click()
    box.get_by_role("button", name="Check").click()
    expect(box.locator(".quiz-feedback")).to_contain_text("Not quite.")
    for piece in feedback:
        expect(box.locator(".quiz-feedback")).to_contain_text(piece)


def test_quiz_payloads_show_as_text_and_never_run(page: Page, dialogs: list[str], injection_url: str) -> None:
    page.goto(f"{injection_url}/chapter.html")
    expect(page.locator("#quiz-chapter")).to_have_attribute("data-quiz-ready", "1")
    assert_nothing_ran(page, dialogs)

    single, multiple, true_false = (f"#quiz-chapter-{qid}-payloads" for qid in ("single", "multiple", "true-false"))
    expect_text(page, ".quiz-title", "QUIZ-TITLE", SCRIPT, IMG, JINJA)
    expect_text(page, f"{single} legend", "Q1-PROMPT", SCRIPT, IMG, SVG, JINJA, JINJA_BLOCK, RAW_LINK, "click me")
    expect_text(page, f"{single} .quiz-options", "Q1-WRONG", "Q1-RIGHT", SCRIPT, IMG, SVG, JINJA, RAW_LINK)
    expect_text(page, f"{multiple} legend", "Q2-PROMPT", SCRIPT, '<iframe src="javascript:window.xssRan=1"></iframe>')
    expect_text(page, f"{multiple} .quiz-options", "Q2-RIGHT-A", "Q2-RIGHT-B", IMG, f"<svg>{SCRIPT}</svg>")
    expect_text(page, f"{true_false} legend", "Q3-PROMPT", SCRIPT, IMG, JINJA, "hover me", "hover too")
    page.locator(f"{true_false} legend a", has_text="hover me").hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text("<img src=x onerror=window.xssRan=1;alert(1)>")
    hover_every_tooltip(page)

    # answer every question wrongly: the feedback and the explanation show, as typed
    check_and_see_feedback(page, single, "Q1-WRONG", "Q1-FEEDBACK", SCRIPT, IMG, SVG, JINJA, RAW_LINK, "click me")
    expect_text(page, f"{single} .quiz-explanation", "Q1-EXPLANATION", SCRIPT, IMG, SVG, JINJA, RAW_LINK)
    check_and_see_feedback(
        page, multiple, "Q2-WRONG", "Q2-FEEDBACK", '<details open ontoggle="window.xssRan=1;alert(1)">x</details>'
    )
    expect_text(page, f"{multiple} .quiz-explanation", "Q2-EXPLANATION", "<style>body{display:none}</style>")
    check_and_see_feedback(page, true_false, "False", "Q3-FEEDBACK", SCRIPT, SVG, JINJA, "click me")
    expect_text(page, f"{true_false} .quiz-explanation", "Q3-EXPLANATION", '<body onload="window.xssRan=1;alert(1)">')
    assert_nothing_ran(page, dialogs)

    # and then rightly; the links in the text go nowhere when clicked
    page.locator(single).get_by_role("button", name="Try again").click()
    page.locator(single).locator("label", has_text="Q1-RIGHT").click()
    page.locator(single).get_by_role("button", name="Check").click()
    expect(page.locator(f"{single} .quiz-feedback")).to_contain_text("Correct.")
    for link in page.locator(".quiz a:visible", has_text="click me").all():
        assert link.get_attribute("href") is None
        link.click()
    assert page.url == f"{injection_url}/chapter.html"
    assert_nothing_ran(page, dialogs)


def test_data_payloads_in_a_chapter_show_as_text_and_never_run(
    page: Page, dialogs: list[str], injection_url: str
) -> None:
    page.goto(f"{injection_url}/chapter.html")
    # citations: the first author (and `cite_as`) as link text; no title (no tooltip to mount on load)
    expect_text(page, ".course-cite", "<script>window.xssRan=1;alert </script>", "AUTHORS-ONE 2020")
    expect_text(page, ".course-cite", "CITE-AS", IMG, "x](javascript:window.xssRan=1)", JINJA)
    cites = page.locator(".course-cite").first.locator("a")
    assert cites.evaluate_all("links => links.map(a => a.getAttribute('title'))") == [None, None]
    assert all(
        href.endswith(("#payload-doi", "#payload-url"))
        for href in cites.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    # a glossary word's definition, shown on hover; Material shows a title as HTML, so it must arrive escaped
    glossary_word = page.locator("article abbr", has_text="neuroplastic").first
    glossary_word.hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text(f"GLOSS-SHORT {IMG} {JINJA}")
    page.locator("article abbr", has_text="hyperalgesia").first.hover()
    expect(page.locator(".md-tooltip2--active")).to_contain_text('GLOSS-ENTITY &lt;img src=x onerror="')
    assert_nothing_ran(page, dialogs)
    hover_every_tooltip(page)
    # the chart and the red-flag box
    expect_text(page, "figure.course-chart figcaption", "CHART-POPULATION", SCRIPT, JINJA)
    expect_text(page, "figure.course-chart .course-chart-name", "CHART-NAME", IMG, JINJA)
    page.get_by_text("Show the numbers as a table").click()
    expect_text(page, ".course-chart-table table", "CHART-NAME", IMG, JINJA)
    expect_text(page, ".admonition.danger", "FLAG-EMERGENCY", SCRIPT, IMG, JINJA)
    expect_text(page, ".admonition.danger", "FLAG-ACTION", "FLAG-SUMMARY", MARKDOWN_LINK, "FLAG-SOON-SUMMARY")
    assert_nothing_ran(page, dialogs)


# (page, selector, what must show there as typed)
PAGES = [
    (
        "references.html",
        "#payload-doi",
        [
            "AUTHORS-ONE",
            SCRIPT,
            IMG,
            "REF-TITLE",
            SVG,
            "[x](javascript:window.xssRan=1)",
            "REF-PUBLISHED",
            "REF-NOTE",
            RAW_LINK,
            JINJA,
            'doi:10.1234/"><svg/onload=window.xssRan=1;alert(1)>',
        ],
    ),
    ("references.html", "#payload-url", ["REF-TITLE-TWO", IMG, 'https://example.org/"><script>']),
    ("glossary.html", "dl.course-glossary dt:has-text('Payload')", [SCRIPT, "term"]),
    ("glossary.html", "dl.course-glossary dd:has-text('GLOSS-DEFINITION')", [SCRIPT, IMG, SVG, JINJA, "click me"]),
    ("red-flags.html", "article ul", ["FLAG-EMERGENCY", SCRIPT, IMG, JINJA]),
    ("red-flags.html", "article ul >> nth=1", ["FLAG-URGENT", IMG, MARKDOWN_LINK, JINJA]),
    ("red-flags.html", "article ul >> nth=2", ["FLAG-CLINICIAN", IMG, JINJA]),
    ("red-flags.html", "article ul >> nth=3", ["FLAG-SOON", IMG, JINJA]),
    ("red-flags.html", "article p:has-text('FLAG-ACTION')", [SCRIPT, JINJA]),
    ("red-flags.html", "article p:has-text('FLAG-URGENT-ACTION')", [IMG, JINJA]),
    ("red-flags.html", "article p:has-text('FLAG-LEAD')", [SCRIPT, MARKDOWN_LINK, JINJA]),
]


@pytest.mark.parametrize(("path", "selector", "pieces"), PAGES, ids=[f"{p[0]} {p[1]}" for p in PAGES])
def test_data_payloads_on_list_pages_show_as_text_and_never_run(
    page: Page, dialogs: list[str], injection_url: str, path: str, selector: str, pieces: list[str]
) -> None:
    page.goto(f"{injection_url}/{path}")
    expect_text(page, selector, *pieces)
    hover_every_tooltip(page)
    for link in page.locator(f"article {selector.split(' >> ')[0]} a").all():
        href = link.get_attribute("href")
        assert href is None or href.startswith(("https://", "#", "references.html#")), href
    assert_nothing_ran(page, dialogs)
