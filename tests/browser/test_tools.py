"""The reader's tools ("My flare-up plan", "My questions for the visit") in real headless Chromium.

The `tools` fixture site has the two tool pages and a privacy page. It is built once as for
the web (instant navigation on) and served over HTTP; the file:// tests open a build made
as for a USB stick.
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

PLAN_KEY = "course-plan:plan"
QUESTIONS_KEY = "course-questions:list"


@pytest.fixture(scope="module")
def tools_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def tools_site(tmp_path_factory: pytest.TempPathFactory, tools_port: int) -> Path:
    return built_site("tools", tmp_path_factory.mktemp("tools"), tools_port)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same fixture built as for a USB stick (file://)."""
    return built_site("tools", tmp_path_factory.mktemp("tools-offline"))


@pytest.fixture(scope="module")
def url(tools_site: Path, tools_port: int) -> Iterator[str]:
    yield from serve(tools_site, tools_port)


def open_tool(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")


def stored(page: Page, key: str):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{key}'))")


def fill_plan(page: Page) -> None:
    page.get_by_label("My early warning signs").fill("Poor sleep.\nStiff in the morning.")
    page.get_by_label("People I can contact").fill("Sam: 0123 456")


# ---------------------------------------------------------------- the flare-up plan


def test_the_plan_is_saved_as_the_reader_types_and_restored_on_return(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-flare-up-plan.html")
    expect(page.get_by_text("What you type is saved in this browser as you go.")).to_be_visible()
    status = page.locator('[data-tool-status][role="status"][aria-live="polite"]')
    signs = page.get_by_label("My early warning signs")
    signs.press_sequentially("Poor", delay=20)
    # debounced: nothing is saved, and nothing announced, while the reader is still typing
    expect(status).to_have_text("")
    assert stored(page, PLAN_KEY) is None
    fill_plan(page)
    expect(status).to_have_text("Saved.")
    assert stored(page, PLAN_KEY) == {
        "v": 1,
        "f": {"signs": "Poor sleep.\nStiff in the morning.", "people": "Sam: 0123 456"},
    }
    # the medicine line is the pain-relief box's description
    expect(page.get_by_label("Pain relief I have agreed with my clinician")).to_have_accessible_description(
        "Never start, stop or change a prescribed medicine without your prescriber."
    )
    page.reload()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    expect(page.get_by_label("My early warning signs")).to_have_value("Poor sleep.\nStiff in the morning.")
    expect(page.get_by_label("People I can contact")).to_have_value("Sam: 0123 456")
    expect(page.get_by_label("What has helped me before")).to_have_value("")
    assert page.watch.errors == [] and page.watch.outside() == []  # type: ignore[attr-defined]


def test_clear_my_plan_asks_first_and_keep_it_keeps_it(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-flare-up-plan.html")
    fill_plan(page)
    status = page.locator("[data-tool-status]")
    expect(status).to_have_text("Saved.")
    page.get_by_role("button", name="Clear my plan").click()
    keep = page.get_by_role("button", name="Keep it")
    expect(keep).to_be_focused()
    expect(page.locator("[data-tool-confirm]")).to_contain_text("Clear every box of your plan?")
    page.keyboard.press("Enter")  # Keep it
    expect(status).to_have_text("Your plan was kept.")
    expect(page.get_by_role("button", name="Clear my plan")).to_be_focused()
    expect(page.get_by_label("People I can contact")).to_have_value("Sam: 0123 456")
    assert stored(page, PLAN_KEY) is not None
    page.keyboard.press("Enter")  # Clear my plan again
    page.get_by_role("button", name="Yes, clear my plan").click()
    expect(status).to_have_text("Cleared. Your plan is empty.")
    expect(page.get_by_label("My early warning signs")).to_be_focused()
    expect(page.get_by_label("My early warning signs")).to_have_value("")
    expect(page.get_by_label("People I can contact")).to_have_value("")
    assert stored(page, PLAN_KEY) is None
    page.reload()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    expect(page.get_by_label("People I can contact")).to_have_value("")


def test_the_plan_prints_the_readers_words_without_buttons(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-flare-up-plan.html")
    fill_plan(page)
    expect(page.locator("[data-tool-status]")).to_have_text("Saved.")
    page.emulate_media(media="print")
    field = page.locator(".course-plan-field").filter(has=page.get_by_label("My early warning signs"))
    expect(field.locator(".course-plan-print")).to_be_visible()
    expect(field.locator(".course-plan-print")).to_have_text("Poor sleep.\nStiff in the morning.")
    expect(field.locator(".course-plan-lines")).to_be_hidden()
    expect(page.get_by_label("My early warning signs")).to_be_hidden()
    expect(page.get_by_role("button", name="Clear my plan")).to_be_hidden()
    # an empty box prints lines to write on
    empty = page.locator(".course-plan-field").filter(has=page.get_by_label("What has helped me before"))
    expect(empty.locator(".course-plan-lines")).to_be_visible()
    expect(empty.locator(".course-plan-lines span")).to_have_count(3)
    # black ink on white paper, even in the dark palette
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.course-plan-print')).color") == "rgba(0, 0, 0, 0.87)"
    )


def test_without_javascript_the_plan_is_a_blank_form_that_prints_with_lines(browser: Browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/my-flare-up-plan.html")
    expect(page.locator("textarea")).to_have_count(6)
    expect(page.get_by_role("button", name="Clear my plan")).to_be_hidden()
    expect(page.get_by_text("What you type is saved in this browser")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".course-plan-lines:visible")).to_have_count(6)
    expect(page.locator("textarea:visible")).to_have_count(0)
    context.close()


def test_the_plan_works_from_file_and_after_instant_navigation(page: Page, url: str, offline_site: Path) -> None:
    page.goto((offline_site / "my-flare-up-plan.html").as_uri())
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    fill_plan(page)
    expect(page.locator("[data-tool-status]")).to_have_text("Saved.")
    page.reload()
    expect(page.get_by_label("People I can contact")).to_have_value("Sam: 0123 456")
    # over HTTP, arriving by instant navigation from the home page
    page.goto(f"{url}/index.html")
    page.evaluate(f"localStorage.setItem('{PLAN_KEY}', JSON.stringify({{v: 1, f: {{helped: 'A heat pack.'}}}}))")
    page.get_by_role("link", name="your flare-up plan").click()
    expect(page).to_have_url(f"{url}/my-flare-up-plan.html")
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    expect(page.get_by_label("What has helped me before")).to_have_value("A heat pack.")
    assert page.watch.errors == []  # type: ignore[attr-defined]


def test_storage_that_throws_says_so_and_the_tools_still_work(page: Page, url: str) -> None:
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    ours: list[str] = []  # the theme's own scripts also meet the blocked storage; ours must not fail
    page.on("pageerror", lambda e: ours.append(e.stack or "") if "javascripts/" in (e.stack or "") else None)
    open_tool(page, f"{url}/my-flare-up-plan.html")
    status = page.locator("[data-tool-status]")
    expect(status).to_contain_text("This browser does not let the course keep anything")
    page.get_by_label("People I can contact").fill("Sam")
    expect(status).to_contain_text("your plan is not saved")
    open_tool(page, f"{url}/my-questions.html")
    page.get_by_label("Type a question for your clinician").fill("Is this normal?")
    page.keyboard.press("Enter")
    expect(page.locator(".course-questions-list li")).to_have_count(1)
    expect(page.locator("[data-tool-status]")).to_contain_text("Added.")
    expect(page.locator("[data-tool-status]")).to_contain_text("your list is not saved")
    assert ours == []


# ---------------------------------------------------------------- the questions for the visit


def items(page: Page) -> list[str]:
    return page.locator(".course-questions-text").all_inner_texts()


def test_questions_added_reordered_and_removed_by_keyboard_with_announcements(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-questions.html")
    status = page.locator('[data-tool-status][role="status"]')
    expect(page.get_by_text("No questions yet.")).to_be_visible()
    box = page.get_by_label("Type a question for your clinician")
    box.focus()
    page.keyboard.press("Enter")  # nothing typed
    expect(status).to_have_text("Type a question first, then press Add.")
    page.keyboard.type("Why does it hurt more at night?")
    page.keyboard.press("Enter")
    expect(status).to_have_text("Added.")
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    # a suggested question, by its button (named after the question)
    suggested = page.get_by_role("button", name="Add: What should I do if my pain flares up?")
    suggested.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Added.")
    page.keyboard.press("Enter")  # the same again
    expect(status).to_have_text("That question is already on your list.")
    assert items(page) == ["Why does it hurt more at night?", "What should I do if my pain flares up?"]
    assert stored(page, QUESTIONS_KEY) == {"v": 1, "q": items(page)}
    # move the second up: it moves, focus stays with it, the move is announced
    second = page.locator(".course-questions-list li").nth(1)
    second.get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Moved up.")
    assert items(page) == ["What should I do if my pain flares up?", "Why does it hurt more at night?"]
    first = page.locator(".course-questions-list li").nth(0)
    expect(first.get_by_role("button", name="Move down")).to_be_focused()
    expect(first.get_by_role("button", name="Move down")).to_have_accessible_description(
        "What should I do if my pain flares up?"
    )
    page.keyboard.press("Enter")
    expect(status).to_have_text("Moved down.")
    assert items(page) == ["Why does it hurt more at night?", "What should I do if my pain flares up?"]
    expect(page.locator(".course-questions-list li").nth(1).get_by_role("button", name="Move up")).to_be_focused()
    # remove the first: focus goes to the question that took its place
    page.locator(".course-questions-list li").nth(0).get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Removed.")
    assert items(page) == ["What should I do if my pain flares up?"]
    expect(page.locator(".course-questions-list li").nth(0).get_by_role("button", name="Remove")).to_be_focused()
    page.reload()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    assert items(page) == ["What should I do if my pain flares up?"]
    assert page.watch.errors == []  # type: ignore[attr-defined]


def test_clear_all_questions_asks_first(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-questions.html")
    expect(page.get_by_role("button", name="Clear all")).to_be_hidden()  # nothing to clear yet
    page.get_by_role("button", name="Add: Do I need a scan? Why, or why not?").click()
    page.get_by_role("button", name="Clear all").click()
    expect(page.get_by_role("button", name="Keep it")).to_be_focused()
    page.get_by_role("button", name="Yes, clear my list").click()
    expect(page.locator("[data-tool-status]")).to_have_text("Cleared. Your list is empty.")
    expect(page.get_by_label("Type a question for your clinician")).to_be_focused()
    expect(page.locator(".course-questions-list li")).to_have_count(0)
    assert stored(page, QUESTIONS_KEY) is None


def test_questions_print_as_a_list_with_space_for_answers(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-questions.html")
    page.get_by_role("button", name="Add: Do I need a scan? Why, or why not?").click()
    page.get_by_role("button", name="Add: What can I do myself, day to day?").click()
    page.emulate_media(media="print")
    expect(page.locator(".course-questions-text:visible")).to_have_count(2)
    expect(page.locator(".course-questions-answer:visible")).to_have_count(2)
    expect(page.locator(".course-questions-answer").first).to_have_text("Answer:")
    expect(page.locator("button:visible")).to_have_count(0)
    expect(page.locator(".course-questions-suggested")).to_be_hidden()
    expect(page.get_by_label("Type a question for your clinician")).to_be_hidden()


def test_the_privacy_button_clears_both_tools(page: Page, url: str) -> None:
    open_tool(page, f"{url}/my-flare-up-plan.html")
    fill_plan(page)
    expect(page.locator("[data-tool-status]")).to_have_text("Saved.")
    open_tool(page, f"{url}/my-questions.html")
    page.get_by_role("button", name="Add: Do I need a scan? Why, or why not?").click()
    assert stored(page, PLAN_KEY) and stored(page, QUESTIONS_KEY)
    page.goto(f"{url}/privacy.html")
    page.get_by_role("button", name="Clear my saved answers").click()
    expect(page.locator("[data-course-clear-status]")).to_contain_text("your flare-up plan, your questions")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-'))") == []
    open_tool(page, f"{url}/my-flare-up-plan.html")
    expect(page.get_by_label("People I can contact")).to_have_value("")
    open_tool(page, f"{url}/my-questions.html")
    expect(page.locator(".course-questions-list li")).to_have_count(0)


# ---------------------------------------------------------------- accessibility with the tools in use


def test_the_tools_filled_in_are_axe_clean_in_both_palettes_and_fit_320_px(browser: Browser, url: str) -> None:
    # The accessibility gate scans every built page as it first shows; this scans the tools in use:
    # a plan filled in, a list with questions and its buttons, the confirmation open.
    from tests.browser.test_accessibility import axe_and_width

    problems: list[str] = []
    for scheme, width in (("light", 320), ("dark", 1000)):
        context = browser.new_context(viewport={"width": width, "height": 700}, color_scheme=scheme)
        page = context.new_page()
        open_tool(page, f"{url}/my-flare-up-plan.html")
        fill_plan(page)
        expect(page.locator("[data-tool-status]")).to_have_text("Saved.")
        page.get_by_role("button", name="Clear my plan").click()
        problems += axe_and_width(page, f"plan [{scheme}]", width)
        open_tool(page, f"{url}/my-questions.html")
        page.get_by_role("button", name="Add: Do I need a scan? Why, or why not?").click()
        page.get_by_role("button", name="Add: What can I do myself, day to day?").click()
        page.get_by_role("button", name="Clear all").click()
        problems += axe_and_width(page, f"questions [{scheme}]", width)
        context.close()
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- "Ask my clinician about this", from a quiz

CHAPTER_PROMPT = "Which of these can make a path in the brain easier to travel? Choose all that apply."
ASKED = {"t": CHAPTER_PROMPT, "a": "chapter/highway-builders"}


def open_chapter(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator(".quiz")).to_have_class("quiz quiz-live")


def ask(page: Page, number: int):
    """Question `number`'s link: the same visible words on every question, its name says which one."""
    return page.get_by_role("link", name=f"Ask my clinician about this: question {number}", exact=True)


def test_ask_my_clinician_adds_the_question_with_a_link_back_once(page: Page, url: str) -> None:
    open_chapter(page, f"{url}/chapter.html")
    links = page.locator(".quiz-ask")
    expect(links).to_have_count(3)
    assert links.all_inner_texts() == ["Ask my clinician about this"] * 3
    assert len({link.get_attribute("aria-label") for link in links.all()}) == 3
    # arriving by instant navigation: added, announced, and the fragment gone from the address
    ask(page, 2).click()
    expect(page).to_have_url(f"{url}/my-questions.html")
    status = page.locator('[data-tool-status][role="status"][aria-live="polite"]')
    expect(status).to_have_text(f"Added: {CHAPTER_PROMPT}")
    assert items(page) == [CHAPTER_PROMPT]
    assert stored(page, QUESTIONS_KEY) == {"v": 1, "q": [ASKED]}
    # the way back: a link to the question itself on its chapter page
    back = page.get_by_role("link", name="From the quiz in “A sample chapter”, question 2")
    expect(back).to_have_attribute("href", "chapter.html#quiz-chapter-highway-builders")
    back.click()
    expect(page).to_have_url(f"{url}/chapter.html#quiz-chapter-highway-builders")
    expect(page.locator("#quiz-chapter-highway-builders")).to_be_in_viewport()
    # the same question again: not added twice, and the reader is told
    ask(page, 2).click()
    expect(page).to_have_url(f"{url}/my-questions.html")
    expect(status).to_have_text("That question is already on your list.")
    assert items(page) == [CHAPTER_PROMPT]
    # a reload (the fragment is gone) adds nothing and announces nothing
    page.reload()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    page.wait_for_timeout(600)  # longer than the announcement's delay
    expect(status).to_have_text("")
    assert items(page) == [CHAPTER_PROMPT] and stored(page, QUESTIONS_KEY) == {"v": 1, "q": [ASKED]}
    # a question typed by hand sits beside it; moved and removed like any other
    page.get_by_label("Type a question for your clinician").fill("Is this normal?")
    page.keyboard.press("Enter")
    assert stored(page, QUESTIONS_KEY) == {"v": 1, "q": [ASKED, "Is this normal?"]}
    page.locator(".course-questions-list li").nth(1).get_by_role("button", name="Move up").click()
    assert stored(page, QUESTIONS_KEY) == {"v": 1, "q": ["Is this normal?", ASKED]}
    expect(page.locator(".course-questions-list li").nth(1).locator(".course-questions-from")).to_have_count(1)
    # the fragment never reaches the server: no request carries the question
    assert [r for r in page.watch.requests if "ask=" in r] == []  # type: ignore[attr-defined]
    assert page.watch.errors == [] and page.watch.outside() == []  # type: ignore[attr-defined]


def test_ask_my_clinician_by_keyboard_only(page: Page, url: str) -> None:
    open_chapter(page, f"{url}/chapter.html")
    question = page.locator("#quiz-chapter-pain-protects")
    question.locator("input").first.focus()
    page.keyboard.press("Tab")  # out of the group of choices
    expect(question.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Tab")
    expect(ask(page, 1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/my-questions.html")
    expect(page.locator("[data-tool-status]")).to_have_text("Added: What is pain's main job?")
    # Tab from the box to type in reaches the link back before the question's buttons
    page.get_by_label("Type a question for your clinician").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    back = page.get_by_role("link", name="From the quiz in “A sample chapter”, question 1")
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/chapter.html#quiz-chapter-pain-protects")


def test_ask_my_clinician_works_from_file(page: Page, offline_site: Path) -> None:
    chapter = (offline_site / "chapter.html").as_uri()
    open_chapter(page, chapter)
    ask(page, 3).click()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    expect(page.locator("[data-tool-status]")).to_have_text("Added: A scan always shows why your back hurts.")
    assert page.url == (offline_site / "my-questions.html").as_uri()
    page.reload()
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    assert items(page) == ["A scan always shows why your back hurts."]
    page.get_by_role("link", name="From the quiz in “A sample chapter”, question 3").click()
    assert page.url == f"{chapter}#quiz-chapter-scans-tell-all"
    expect(page.locator("#quiz-chapter-scans-tell-all")).to_be_in_viewport()
    assert page.watch.errors == []  # type: ignore[attr-defined]


# (case, the fragment an address carries: only a question of the course is ever added)
# fmt: off
MADE_UP = [
    ("a question the course does not have", "#ask=chapter/no-such-question"),
    ("a chapter the course does not have", "#ask=other/pain-protects"),
    ("a name from the script's own objects", "#ask=constructor/name"),
    ("text in place of a question", "#ask=Ask%20for%20stronger%20pills"),
]
# fmt: on


@pytest.mark.parametrize(("case", "fragment"), MADE_UP, ids=[row[0] for row in MADE_UP])
def test_an_address_made_up_elsewhere_adds_nothing(page: Page, url: str, case: str, fragment: str) -> None:
    open_tool(page, f"{url}/my-questions.html{fragment}")
    expect(page.locator("[data-tool-status]")).to_have_text(
        "That quiz question is not in this copy of the course, so nothing was added."
    )
    assert items(page) == [] and stored(page, QUESTIONS_KEY) is None, case
    assert page.url == f"{url}/my-questions.html"
    assert page.watch.errors == []  # type: ignore[attr-defined]


def test_on_paper_no_ask_links_and_the_way_back_as_words(page: Page, url: str) -> None:
    open_chapter(page, f"{url}/chapter.html")
    page.emulate_media(media="print")
    expect(page.locator(".quiz-ask:visible")).to_have_count(0)
    page.emulate_media(media="screen")
    ask(page, 1).click()
    expect(page.locator("[data-tool-status]")).to_have_text("Added: What is pain's main job?")
    page.emulate_media(media="print")
    expect(page.locator(".course-questions-text:visible")).to_have_text(["What is pain's main job?"])
    expect(page.locator(".course-questions-from")).to_have_text("From the quiz in “A sample chapter”, question 1")
    assert page.evaluate(PRINT_LEGIBILITY, ".course-questions-list") == []


# ---------------------------------------------------------------- on paper: the real course's pages

# A plan filled in as a reader might: two or three lines in every box.
FULL_PLAN = {
    "My early warning signs": "Poor sleep for two nights.\nStiff and tense in the morning.\nSnapping at people.",
    "What has helped me before": "A warm shower, then a short slow walk.\nBreathing out slowly for five minutes.",
    "How I will scale my activity down, and then build it back up": (
        "Halve my walks, but still go out every day.\nAdd five minutes every two days when it settles."
    ),
    "Pain relief I have agreed with my clinician": "Paracetamol as agreed with Dr Lee, for a few days only.",
    "How I will calm my body": "Music, a call with my sister, the relaxation recording.",
    "People I can contact": "Sam (partner): 0123 456 789\nPhysio clinic: 0123 999 000, mornings",
}

# Text on paper: its colour against what is behind it (white paper unless a box has a background), as
# luminance contrast, which is what a black-and-white printer keeps; and its size.
PRINT_LEGIBILITY = """(selector) => {
  const rgba = text => text.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const background = el => {
    const layers = [];
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c[3] > 0) layers.push(c);
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const luminance = rgb => rgb.map(c => c / 255).map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const problems = [];
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el.checkVisibility()) continue;
    const style = getComputedStyle(el), under = background(el);
    const ink = over(rgba(style.color), under);
    const [a, b] = [luminance(ink), luminance(under)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05), size = parseFloat(style.fontSize);
    if (ratio < 4.5 || size < 12) problems.push(`${node.data.trim().slice(0, 40)}: ${ratio.toFixed(1)}:1, ${size}px`);
  }
  return problems;
}"""


# What takes the height on paper, for the message when a page does not fit.
PRINT_HEIGHTS = """() => [...document.querySelectorAll('.md-banner, .md-typeset > *, .course-plan > *')]
  .filter(e => e.checkVisibility())
  .map(e => `${e.tagName}.${e.className.split(' ')[0]} ${Math.round(e.offsetHeight)}`)"""


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# Paper as readers print it. The margins here are what Chromium offers by default; the pages' own @page
# margins (Material: 25 mm; the tools' pages: 15 mm) take precedence over them, as in a browser.
PAPER = {"format": "A4", "margin": dict.fromkeys(("top", "right", "bottom", "left"), "1cm")}
LETTER = {**PAPER, "format": "Letter"}


@pytest.mark.parametrize("paper", [PAPER, LETTER], ids=["A4", "Letter"])
def test_a_filled_in_plan_prints_on_one_page_legible_in_black_and_white(
    browser: Browser, real_url: str, paper: dict
) -> None:
    # the dark palette on screen: paper is still dark ink on white
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    open_tool(page, f"{real_url}/my-flare-up-plan.html")
    for label, text in FULL_PLAN.items():
        page.get_by_label(label).fill(text)
    expect(page.locator("[data-tool-status]")).to_have_text("Saved.")
    page.emulate_media(media="print")
    expect(page.locator(".course-plan-print:visible")).to_have_count(6)
    emergency = page.locator(".course-plan ~ .admonition")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Call your local emergency number")
    assert page.evaluate(PRINT_LEGIBILITY, ".md-content") == []
    pages = pdf_pages(page.pdf(**paper))
    assert pages == 1, f"{pages} pages: " + ", ".join(page.evaluate(PRINT_HEIGHTS))
    context.close()


def test_a_blank_plan_prints_on_one_page_with_lines_to_write_on(browser: Browser, real_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/my-flare-up-plan.html")
    page.emulate_media(media="print")
    expect(page.locator(".course-plan-lines:visible")).to_have_count(6)
    pages = pdf_pages(page.pdf(**PAPER))
    assert pages == 1, f"{pages} pages: " + ", ".join(page.evaluate(PRINT_HEIGHTS))
    context.close()


def test_the_question_list_prints_as_a_short_list_with_space_for_answers(page: Page, real_url: str) -> None:
    open_tool(page, f"{real_url}/my-questions.html")
    suggested = page.locator("[data-suggestion]")
    for index in range(6):
        suggested.nth(index).click()
    page.emulate_media(media="print")
    expect(page.locator(".course-questions-text:visible")).to_have_count(6)
    expect(page.locator(".course-questions-answer:visible")).to_have_count(6)
    # each question has room to write under it
    heights = page.locator(".course-questions-answer").evaluate_all("els => els.map(e => e.offsetHeight)")
    assert min(heights) >= 50, heights
    expect(page.locator(".course-questions-suggested")).to_be_hidden()
    assert page.evaluate(PRINT_LEGIBILITY, ".md-content") == []
    assert pdf_pages(page.pdf(**PAPER)) == 1


def test_the_ask_links_and_an_asked_question_are_axe_clean_in_both_palettes_and_fit_320_px(
    browser: Browser, url: str
) -> None:
    from tests.browser.conftest import answer_every_question
    from tests.browser.test_accessibility import axe_and_width

    problems: list[str] = []
    for scheme, width in (("light", 320), ("dark", 1000)):
        context = browser.new_context(viewport={"width": width, "height": 700}, color_scheme=scheme)
        page = context.new_page()
        open_chapter(page, f"{url}/chapter.html")
        answer_every_question(page)  # the links sit beside "Try again"
        for where in ("chapter", "questions"):
            if where == "questions":
                ask(page, 1).click()
                expect(page.locator("[data-tool-status]")).to_have_text("Added: What is pain's main job?")
            problems += axe_and_width(page, f"{where} [{scheme}]", width)
        context.close()
    assert problems == [], "\n".join(problems)
