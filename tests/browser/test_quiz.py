"""The quiz in a real browser: mouse, keyboard, screen-reader regions, storage, navigation, no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import answer_every_question

pytestmark = pytest.mark.browser

QUIZ = "#quiz-chapter"
SINGLE = "#quiz-chapter-pain-protects"
MULTIPLE = "#quiz-chapter-highway-builders"
TRUE_FALSE = "#quiz-chapter-scans-tell-all"
STORAGE_KEY = "course-quiz:chapter"


def open_chapter(page: Page, url: str) -> None:
    page.goto(f"{url}/chapter.html")
    expect(page.locator(QUIZ)).to_have_attribute("data-quiz-ready", "1")


def test_answer_by_mouse(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    question = page.locator(SINGLE)
    feedback = question.locator(".quiz-feedback")
    expect(question.locator(".quiz-answer")).to_be_hidden()  # no peeking before checking
    question.get_by_text("To measure damage exactly").click()
    expect(feedback).to_have_text("")  # choosing is not answering
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text("Pain and damage often do not match.")  # why the chosen option is wrong
    expect(question.locator(".quiz-answer")).to_be_visible()
    expect(question.locator(".quiz-explanation")).to_contain_text("Pain is a protector.")
    expect(question.get_by_role("button", name="Try again")).to_be_focused()
    question.get_by_role("button", name="Try again").click()
    expect(feedback).to_have_text("")
    question.get_by_text("To protect you").click()
    question.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Correct.")
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 1 of 3 correct (1 answered).")


def test_answer_by_keyboard_only_and_arrows_never_submit(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    first = page.locator(f"{SINGLE} input").first
    first.focus()
    page.keyboard.press("ArrowDown")  # moves the choice to option B
    page.keyboard.press("ArrowDown")  # and on to option C
    page.keyboard.press("ArrowUp")  # back to B
    question = page.locator(SINGLE)
    expect(question.locator("input").nth(1)).to_be_checked()
    expect(question.locator(".quiz-feedback")).to_have_text("")
    expect(question.get_by_role("button", name="Check")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None  # nothing answered yet
    page.keyboard.press("Tab")  # radio group -> Check button
    expect(question.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question.locator(".quiz-feedback")).to_contain_text("Correct.")

    # a select-all question, by keyboard: Space ticks boxes
    boxes = page.locator(f"{MULTIPLE} input")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # past the third box, to Check
    page.keyboard.press("Tab")
    expect(page.locator(MULTIPLE).get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"{MULTIPLE} .quiz-feedback")).to_contain_text("Correct.")


def test_live_region_score_summary_and_reset(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    regions = page.locator('.quiz-feedback[aria-live="polite"]')
    expect(regions).to_have_count(3)
    page.locator(SINGLE).get_by_text("To protect you").click()
    page.locator(SINGLE).get_by_role("button", name="Check").click()
    page.locator(MULTIPLE).get_by_text("Using it often").click()  # one of two right answers: not enough
    page.locator(MULTIPLE).get_by_role("button", name="Check").click()
    expect(page.locator(f"{MULTIPLE} .quiz-feedback")).to_contain_text("Not quite.")
    page.locator(TRUE_FALSE).get_by_label("False").check()
    page.locator(TRUE_FALSE).get_by_role("button", name="Check").click()
    expect(page.locator(f"{TRUE_FALSE} .quiz-feedback")).to_contain_text("Correct.")
    expect(page.locator(".quiz-score")).to_have_text("All done: 2 of 3 correct.")
    expect(page.locator(".quiz-score")).to_have_attribute("aria-live", "polite")

    page.get_by_role("button", name="Reset quiz").click()
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 0 of 3 correct (0 answered).")
    expect(page.locator(f"{QUIZ} input:checked")).to_have_count(0)
    expect(page.locator(f"{QUIZ} .quiz-answer:visible")).to_have_count(0)
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None


def test_progress_survives_reload_and_is_keyed_by_bank_and_question(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    page.locator(TRUE_FALSE).get_by_label("True").check()
    page.locator(TRUE_FALSE).get_by_role("button", name="Check").click()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
    assert saved["v"] == 2 and list(saved["q"]) == ["scans-tell-all"] and saved["q"]["scans-tell-all"]["sel"] == [0]
    page.reload()
    expect(page.locator(QUIZ)).to_have_attribute("data-quiz-ready", "1")
    expect(page.locator(f"{TRUE_FALSE} input").nth(0)).to_be_checked()
    expect(page.locator(f"{TRUE_FALSE} .quiz-feedback")).to_contain_text("Not quite.")
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 0 of 3 correct (1 answered).")


def test_a_changed_question_forgets_its_old_answer(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    page.evaluate(
        f"localStorage.setItem('{STORAGE_KEY}', JSON.stringify("
        "{'scans-tell-all': {sel: [0], ok: false, sig: 'old-version'}}))"
    )
    page.reload()
    expect(page.locator(QUIZ)).to_have_attribute("data-quiz-ready", "1")
    expect(page.locator(f"{TRUE_FALSE} input:checked")).to_have_count(0)
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 0 of 3 correct (0 answered).")


def test_quiz_works_when_storage_is_blocked(browser: Browser, good_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    ours: list[str] = []  # the theme's own scripts also meet the blocked storage; ours must not fail
    page.on("pageerror", lambda e: ours.append(e.stack or "") if "quiz.js" in (e.stack or "") else None)
    open_chapter(page, good_url)
    page.locator(SINGLE).get_by_text("To protect you").click()
    page.locator(SINGLE).get_by_role("button", name="Check").click()
    expect(page.locator(f"{SINGLE} .quiz-feedback")).to_contain_text("Correct.")
    page.get_by_role("button", name="Reset quiz").click()
    expect(page.locator(f"{SINGLE} .quiz-feedback")).to_have_text("")
    assert ours == []
    context.close()


def test_quiz_works_after_instant_navigation(page: Page, good_url: str) -> None:
    page.goto(f"{good_url}/other.html")
    page.wait_for_load_state("networkidle")  # Material fetches the sitemap before it takes over links
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="the chapter").click()
    expect(page.locator(QUIZ)).to_have_attribute("data-quiz-ready", "1")
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded, not instantly navigated"
    page.locator(SINGLE).get_by_text("To protect you").click()
    page.locator(SINGLE).get_by_role("button", name="Check").click()
    expect(page.locator(f"{SINGLE} .quiz-feedback")).to_contain_text("Correct.")
    # the script ran once for this page: one answer gives one score line, not two listeners' worth
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 1 of 3 correct (1 answered).")
    # and it is safe to run again
    page.evaluate("window.courseQuiz.start()")
    page.locator(SINGLE).get_by_role("button", name="Try again").click()
    expect(page.locator(".quiz-score")).to_have_text("Score so far: 0 of 3 correct (0 answered).")


def test_without_javascript_answers_wait_in_closed_disclosures(browser: Browser, good_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{good_url}/chapter.html")
    details = page.locator(f"{QUIZ} details.quiz-answer")
    expect(details).to_have_count(3)
    for index in range(3):
        expect(details.nth(index)).not_to_have_attribute("open", "")
    expect(page.locator(f"{SINGLE} .quiz-key")).to_be_hidden()  # inside the closed disclosure
    expect(page.locator(f"{QUIZ} button:visible")).to_have_count(0)  # nothing clickable that does nothing
    expect(page.locator(f"{QUIZ} input:visible")).to_have_count(0)
    expect(page.locator(SINGLE).get_by_text("To protect you")).to_be_visible()  # options still readable
    page.locator(SINGLE).get_by_text("Show the answer").click()
    expect(page.locator(f"{SINGLE} .quiz-key")).to_have_text("Answer: B.")
    expect(page.locator(f"{SINGLE} .quiz-explanation")).to_be_visible()
    context.close()


def test_questions_wait_for_quiz_js_and_show_as_without_it_after_three_seconds(browser: Browser, good_url: str) -> None:
    # quiz.css: with JavaScript on, the questions are not drawn until quiz.js makes the quiz live
    context = browser.new_context()
    context.route("**/quiz.js", lambda route: route.abort())  # the script never arrives
    page = context.new_page()
    page.goto(f"{good_url}/chapter.html")
    drawn = "document.querySelector('#quiz-chapter-pain-protects label').checkVisibility()"
    assert page.evaluate("document.documentElement.classList.contains('course-js')")
    assert not page.evaluate(drawn)
    expect(page.locator(QUIZ).get_by_role("heading", name="Check your understanding")).to_be_visible()
    page.wait_for_function(drawn, timeout=10_000)
    assert page.evaluate("performance.now()") >= 3_000  # ms since the page was asked for: it waited, then gave up
    # shown as without JavaScript: readable options, the answer in its closed disclosure, no dead buttons
    expect(page.locator(SINGLE).get_by_text("To protect you")).to_be_visible()
    expect(page.locator(f"{QUIZ} button:visible")).to_have_count(0)
    page.locator(SINGLE).get_by_text("Show the answer").click()
    expect(page.locator(f"{SINGLE} .quiz-key")).to_have_text("Answer: B.")
    context.close()


def test_no_console_errors_and_no_request_to_another_host(page: Page, good_url: str) -> None:
    open_chapter(page, good_url)
    page.locator(SINGLE).get_by_text("To protect you").click()
    page.locator(SINGLE).get_by_role("button", name="Check").click()
    page.goto(f"{good_url}/index.html")
    page.wait_for_load_state("networkidle")
    assert page.watch.errors == []  # type: ignore[attr-defined]
    assert page.watch.outside() == []  # type: ignore[attr-defined]


def test_every_real_page_loads_cleanly_with_nothing_from_another_host(page: Page, real_url: str, real_site) -> None:
    pages = sorted(p.name for p in real_site.glob("*.html") if p.name != "404.html")
    assert len(pages) >= 12
    for name in pages:
        page.goto(f"{real_url}/{name}")
        page.wait_for_load_state("networkidle")
        notice = page.locator(".course-notice a").evaluate("a => a.href")
        assert notice == f"{real_url}/red-flags.html", name  # red flags one click away on every page
    assert page.watch.errors == []  # type: ignore[attr-defined]
    assert page.watch.outside() == []  # type: ignore[attr-defined]


def test_every_real_quiz_works(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/index.html")
    links = page.evaluate("[...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')].map(a => a.href)")
    chapters = list(dict.fromkeys(h.split("#")[0] for h in links if h.startswith(real_url) and h.endswith(".html")))
    assert len(chapters) >= 12
    checked = 0
    for href in chapters:
        page.goto(href)
        checked += answer_every_question(page)
    assert checked >= 45
    assert page.watch.errors == []  # type: ignore[attr-defined]
