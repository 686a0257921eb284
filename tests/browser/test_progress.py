"""The classify question, the progress page, review links and clearing, in real headless Chromium.

The `classify` fixture site has two chapters (chapter.md with a classify and a true-false
question, second.md with a single and a true-false question), a progress page and a
privacy page. It is built once as for the web (instant navigation on) and served over
HTTP; the file:// tests open the same build from disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import serve
from tests.conftest import built_site, free_port

pytestmark = pytest.mark.browser

CLASSIFY = "#quiz-chapter-how-soon"
TRUE_FALSE = "#quiz-chapter-pain-is-real"
SECOND_SINGLE = "#quiz-second-pain-protects"
SECOND_TRUE_FALSE = "#quiz-second-moving-helps"


@pytest.fixture(scope="module")
def classify_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def classify_site(tmp_path_factory: pytest.TempPathFactory, classify_port: int) -> Path:
    return built_site("classify", tmp_path_factory.mktemp("classify"), classify_port)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same fixture built as for a USB stick (file://)."""
    return built_site("classify", tmp_path_factory.mktemp("classify-offline"))


@pytest.fixture(scope="module")
def url(classify_site: Path, classify_port: int) -> Iterator[str]:
    yield from serve(classify_site, classify_port)


def open_quiz(page: Page, address: str, quiz: str = "#quiz-chapter") -> None:
    page.goto(address)
    expect(page.locator(quiz)).to_have_attribute("data-quiz-ready", "1")


def saved(page: Page, bank: str) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('course-quiz:{bank}'))")


# ---------------------------------------------------------------- classify


def test_classify_by_mouse_announces_how_many_are_in_the_right_place(page: Page, url: str) -> None:
    open_quiz(page, f"{url}/chapter.html")
    question = page.locator(CLASSIFY)
    groups = question.locator("fieldset.quiz-statement")
    expect(groups).to_have_count(3)
    expect(groups.nth(0).locator("legend")).to_contain_text("Numbness in both legs")
    expect(question.locator(".quiz-answer")).to_be_hidden()
    # two statements only: Check asks for the third first, and nothing is saved
    groups.nth(0).get_by_label("Emergency now").check()
    groups.nth(1).get_by_label("Emergency now").check()  # wrong: a fever is same or next day
    question.get_by_role("button", name="Check").click()
    feedback = question.locator('.quiz-feedback[role="status"][aria-live="polite"]')
    expect(feedback).to_have_text("Choose a place for every statement first, then press Check.")
    assert page.evaluate("localStorage.getItem('course-quiz:chapter')") is None
    groups.nth(2).get_by_label("Within weeks").check()
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("2 of 3 in the right place.")
    expect(feedback).to_contain_text(
        "2. A high temperature Belongs in: Same or next day. A fever can go with an infection."
    )
    expect(feedback).not_to_contain_text("Numbness in both legs")  # right ones are not repeated
    expect(groups.nth(1).locator("li.quiz-wrong")).to_contain_text("Emergency now")
    expect(groups.nth(1).locator("li.quiz-right")).to_contain_text("Same or next day")
    expect(question.get_by_role("button", name="Try again")).to_be_focused()
    state = saved(page, "chapter")
    assert state["v"] == 2 and state["q"]["how-soon"]["ok"] is False and state["q"]["how-soon"]["sel"] == [0, 3, 8]
    # try again, all right
    question.get_by_role("button", name="Try again").click()
    groups.nth(0).get_by_label("Emergency now").check()
    groups.nth(1).get_by_label("Same or next day").check()
    groups.nth(2).get_by_label("Within weeks").check()
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Correct.")
    expect(feedback).to_contain_text("3 of 3 in the right place.")
    page.reload()
    expect(page.locator("#quiz-chapter")).to_have_attribute("data-quiz-ready", "1")
    expect(question.locator("input:checked")).to_have_count(3)
    expect(feedback).to_contain_text("3 of 3 in the right place.")


def test_classify_by_keyboard_only_arrows_never_submit(page: Page, url: str) -> None:
    open_quiz(page, f"{url}/chapter.html")
    question = page.locator(CLASSIFY)
    question.locator("input").first.focus()
    page.keyboard.press("ArrowRight")  # statement 1: Emergency now -> Same or next day
    page.keyboard.press("ArrowLeft")  # back to Emergency now
    feedback = question.locator(".quiz-feedback")
    expect(feedback).to_have_text("")
    assert page.evaluate("localStorage.getItem('course-quiz:chapter')") is None
    page.keyboard.press("Tab")  # one Tab stop per statement: on to statement 2
    page.keyboard.press("ArrowRight")  # Same or next day
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # Within weeks
    expect(feedback).to_have_text("")
    page.keyboard.press("Tab")
    expect(question.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text("Correct.")
    expect(feedback).to_contain_text("3 of 3 in the right place.")
    expect(question.get_by_role("button", name="Try again")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question.locator("input").first).to_be_focused()
    expect(question.locator("input:checked")).to_have_count(0)


def test_classify_without_javascript_keeps_the_key_in_a_closed_disclosure(browser: Browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/chapter.html")
    details = page.locator(f"{CLASSIFY} details.quiz-answer")
    expect(details).not_to_have_attribute("open", "")
    expect(page.locator(f"{CLASSIFY} .quiz-key")).to_be_hidden()
    expect(page.locator(f"{CLASSIFY} input:visible")).to_have_count(0)
    expect(page.locator(f"{CLASSIFY} legend", has_text="A high temperature")).to_be_visible()
    page.locator(CLASSIFY).get_by_text("Show the answer").click()
    expect(page.locator(f"{CLASSIFY} .quiz-key")).to_have_text("Answer: 1 A; 2 B; 3 C.")
    context.close()


def test_classify_prints_as_a_worksheet_with_the_key_at_the_end(page: Page, url: str) -> None:
    open_quiz(page, f"{url}/chapter.html")
    page.emulate_media(media="print")
    expect(page.locator(f"{CLASSIFY} .quiz-statement").first.locator("input").first).to_be_visible()
    expect(page.locator(f"{CLASSIFY} .quiz-answer")).to_be_hidden()
    expect(page.locator(f"{CLASSIFY} .quiz-actions")).to_be_hidden()
    key = page.locator(".quiz-print-key")
    expect(key).to_be_visible()
    expect(key.locator("li").first).to_contain_text("1 A; 2 B; 3 C.")
    page.emulate_media(media="screen")
    expect(key).to_be_hidden()


# ---------------------------------------------------------------- the progress page


def answer(page: Page, question: str, labels: list[str]) -> None:
    """Choose `labels` and press Check: for a classify question, one label per statement, in order."""
    q = page.locator(question)
    groups = q.locator("fieldset.quiz-statement")
    for number, label in enumerate(labels):
        where = groups.nth(number) if groups.count() else q
        where.get_by_label(label).check()
    q.get_by_role("button", name="Check").click()
    expect(q.locator(".quiz-retry")).to_be_visible()


def test_progress_after_finishing_one_chapter_and_missing_one_question_in_another(page: Page, url: str) -> None:
    page.goto(f"{url}/progress.html")
    rows = page.locator("tr[data-bank]")
    expect(rows).to_have_count(2)  # from the build, in menu order
    expect(rows.nth(0)).to_contain_text("Sorting signs")
    expect(rows.nth(0)).to_contain_text("0 of 2")
    expect(rows.nth(0)).to_contain_text("Not started")
    expect(page.locator(".quiz-progress-none")).to_be_visible()
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(0)

    open_quiz(page, f"{url}/chapter.html")
    expect(page.locator(".quiz-place")).to_have_text("Chapter 1 of 2 · your progress")
    answer(page, CLASSIFY, ["Emergency now", "Same or next day", "Within weeks"])
    answer(page, TRUE_FALSE, ["True"])
    open_quiz(page, f"{url}/second.html", "#quiz-second")
    expect(page.locator(".quiz-place")).to_have_text("Chapter 2 of 2 · your progress")
    answer(page, SECOND_SINGLE, ["To measure damage"])  # wrong
    page.locator(".quiz-place a").click()  # the note links to the progress page

    expect(page).to_have_url(f"{url}/progress.html")
    expect(rows.nth(0).locator(".quiz-progress-score")).to_have_text("2 of 2")
    expect(rows.nth(0).locator(".quiz-progress-status")).to_have_text("Done")
    expect(rows.nth(1).locator(".quiz-progress-score")).to_have_text("0 of 2")
    expect(rows.nth(1).locator(".quiz-progress-status")).to_have_text("Started")
    today = page.evaluate(
        "new Date().toLocaleDateString(document.documentElement.lang, {year: 'numeric', month: 'long', day: 'numeric'})"
    )
    expect(rows.nth(1).locator(".quiz-progress-date")).to_have_text(today)
    review = page.locator(".quiz-progress-review li:visible")
    expect(review).to_have_count(1)
    expect(review).to_contain_text("What is pain's main job?")
    expect(review).to_contain_text("(Pain as a protector, question 1)")
    expect(page.locator(".quiz-progress-none")).to_be_hidden()


def test_the_review_link_lands_on_the_question_and_a_right_answer_removes_it(page: Page, url: str) -> None:
    open_quiz(page, f"{url}/second.html", "#quiz-second")
    answer(page, SECOND_TRUE_FALSE, ["False"])  # wrong
    page.goto(f"{url}/progress.html")
    link = page.locator(".quiz-progress-review li:visible a")
    expect(link).to_have_count(1)
    # relative in the page; Material's instant navigation makes links absolute
    expect(link).to_have_attribute("href", re.compile(r"(^|/)second\.html#quiz-second-moving-helps$"))
    link.click()
    expect(page).to_have_url(f"{url}/second.html#quiz-second-moving-helps")
    target = page.locator(SECOND_TRUE_FALSE)
    expect(target).to_be_in_viewport()
    expect(page.locator("#quiz-second")).to_have_attribute("data-quiz-ready", "1")
    target.get_by_role("button", name="Try again").click()
    page.goto(f"{url}/progress.html")
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(1)  # still wrong until answered right
    page.goto(f"{url}/second.html#quiz-second-moving-helps")
    answer(page, SECOND_TRUE_FALSE, ["True"])
    page.goto(f"{url}/progress.html")
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(0)
    expect(page.locator(".quiz-progress-none")).to_be_visible()


def test_a_changed_question_drops_its_old_answer_from_the_progress_page(page: Page, url: str) -> None:
    page.goto(f"{url}/progress.html")
    page.evaluate(
        "localStorage.setItem('course-quiz:second', JSON.stringify("
        "{'pain-protects': {sel: [0], ok: false, sig: 'old-version', at: 1}}))"  # version 1, old signature
    )
    page.reload()
    expect(page.locator("tr[data-bank=second] .quiz-progress-status")).to_have_text("Not started")
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(0)


def test_version_one_answers_are_still_read(page: Page, url: str, classify_site: Path) -> None:
    html = (classify_site / "second.html").read_text(encoding="utf-8")
    sig = html.split('data-qid="pain-protects" data-type="single" data-sig="')[1].split('"')[0]
    page.goto(f"{url}/progress.html")
    page.evaluate(
        "localStorage.setItem('course-quiz:second', JSON.stringify("
        f"{{'pain-protects': {{sel: [1], ok: true, sig: '{sig}'}}}}))"
    )
    page.reload()
    expect(page.locator("tr[data-bank=second] .quiz-progress-score")).to_have_text("1 of 2")


def test_progress_and_quiz_survive_storage_that_throws(browser: Browser, url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    ours: list[str] = []
    page.on("pageerror", lambda e: ours.append(e.stack or "") if "javascripts/" in (e.stack or "") else None)
    page.goto(f"{url}/progress.html")
    expect(page.locator(".quiz-progress-storage")).to_be_visible()
    expect(page.locator("tr[data-bank=chapter] .quiz-progress-status")).to_have_text("Not started")
    open_quiz(page, f"{url}/chapter.html")
    answer(page, TRUE_FALSE, ["True"])
    expect(page.locator(f"{TRUE_FALSE} .quiz-feedback")).to_contain_text("Correct.")
    page.goto(f"{url}/privacy.html")
    page.get_by_role("button", name="Clear my saved answers").click()
    expect(page.locator("[data-course-clear-status]")).to_contain_text("There was nothing to clear")
    assert ours == []
    context.close()


def test_clear_all_on_the_privacy_page_empties_the_progress_page(page: Page, url: str) -> None:
    open_quiz(page, f"{url}/chapter.html")
    answer(page, TRUE_FALSE, ["False"])
    open_quiz(page, f"{url}/second.html", "#quiz-second")
    answer(page, SECOND_TRUE_FALSE, ["True"])
    page.goto(f"{url}/privacy.html")
    page.get_by_role("button", name="Clear my saved answers").click()
    status = page.locator('[data-course-clear-status][role="status"]')
    expect(status).to_have_text(
        "Done. Your saved answers for 2 quizzes were cleared. Nothing from this course is left in this browser."
    )
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-quiz:'))") == []
    page.goto(f"{url}/progress.html")
    expect(page.locator(".quiz-progress-status").first).to_have_text("Not started")
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(0)


def test_after_instant_navigation_the_quiz_and_progress_page_start(page: Page, url: str) -> None:
    page.goto(f"{url}/index.html")
    page.wait_for_load_state("networkidle")  # Material fetches the sitemap before it takes over links
    page.evaluate("window.__sameDocument = true")
    assert page.evaluate("!!window.courseQuiz") is False  # the quiz's script is not on a page without a quiz
    page.get_by_role("link", name="the first chapter").click()
    expect(page.locator("#quiz-chapter")).to_have_attribute("data-quiz-ready", "1")
    answer(page, CLASSIFY, ["Emergency now", "Emergency now", "Within weeks"])
    expect(page.locator(f"{CLASSIFY} .quiz-feedback")).to_contain_text("2 of 3 in the right place.")
    page.locator(".quiz-place a").click()
    expect(page.locator("tr[data-bank=chapter] .quiz-progress-score")).to_have_text("0 of 2")
    expect(page.locator(".quiz-progress-review li:visible")).to_have_count(1)
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded, not instantly navigated"
    assert page.watch.errors == []  # type: ignore[attr-defined]


def test_from_file_the_quiz_progress_and_clear_work(browser: Browser, offline_site: Path) -> None:
    context = browser.new_context()
    blocked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (blocked.append(route.request.url), route.abort()))  # fmt: skip
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = offline_site.as_uri()
    open_quiz(page, f"{base}/chapter.html")
    answer(page, CLASSIFY, ["Emergency now", "Same or next day", "Within weeks"])
    expect(page.locator(f"{CLASSIFY} .quiz-feedback")).to_contain_text("3 of 3 in the right place.")
    page.locator(".quiz-place a").click()
    expect(page.locator("tr[data-bank=chapter] .quiz-progress-score")).to_have_text("1 of 2")
    expect(page.locator("tr[data-bank=chapter] .quiz-progress-status")).to_have_text("Started")
    page.goto(f"{base}/privacy.html")
    page.get_by_role("button", name="Clear my saved answers").click()
    expect(page.locator("[data-course-clear-status]")).to_contain_text("Your saved answers for 1 quiz were cleared.")
    assert errors == [] and blocked == []
    context.close()
