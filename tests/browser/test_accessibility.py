"""Accessibility gates on the real course in a real browser, for CI.

- axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every built page, in the
  light and the dark palette, and again with every quiz answered and every
  disclosure open: zero violations.
- A keyboard-only walk through every quiz (Tab, Shift+Tab, arrows, Space, Enter),
  with the focus visible at every stop.
- No horizontal scrolling at 320 CSS px; nothing cut off or overlapping at 200%
  zoom (whole-page zoom, and text-only zoom).
- With "reduce motion" asked for, nothing moves for longer than 0.01 s.

Pages are discovered from the build, never listed here: a new page is checked
as soon as it is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# The package's axe-core. Its Axe.run() waits for one page at a time; the two palettes are
# scanned side by side instead (two renderer processes on two cores), so axe is started by hand.
AXE_SCRIPT = Axe().axe_script
START_AXE = "options => { window.__axeRun = axe.run(document, options); }"

# Emulated system preference -> the scheme Material must pick (the first palette entry follows the system).
PALETTES = {"light": "default", "dark": "slate"}

OPEN_ALL_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
# Quiz states: with `mixed`, every third question is left unanswered and the others are answered wrong
# and right in turn, so one page shows choices, Check buttons, both kinds of feedback, marks and the
# score at once; without it, every question is answered (the longest a quiz gets).
ANSWER_QUIZZES = """(mixed) => {
  const questions = [...document.querySelectorAll('.quiz-live .quiz-question')];
  let answered = 0;
  questions.forEach((q, number) => {
    const turn = mixed ? number % 3 : 1 + (number % 2);  // 0: unanswered, 1: wrong, 2: right
    if (!turn) return;
    const inputs = [...q.querySelectorAll('input')];
    // a classify question needs every statement placed: all right, then (for a wrong answer) one moved
    const right = inputs.filter(i => i.hasAttribute('data-correct'));
    if (turn === 2 || q.dataset.type === 'classify') right.forEach(i => i.click());
    if (turn === 1) inputs.find(i => !i.hasAttribute('data-correct')).click();
    q.querySelector('.quiz-check').click();
    if (!q.querySelector('.quiz-feedback').textContent.includes(turn === 2 ? 'Correct.' : 'Not quite.')) {
      throw new Error('no feedback after answering ' + q.id);
    }
    answered++;
  });
  return [answered, questions.length];
}"""


@pytest.fixture(scope="module")
def built_pages(real_site: Path) -> list[str]:
    """Every HTML page of the build, as a path relative to the site root."""
    pages = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))
    assert len(pages) >= 12, pages
    return pages


@pytest.fixture(scope="module")
def quiz_pages(real_site: Path, built_pages: list[str]) -> list[str]:
    pages = [name for name in built_pages if 'class="quiz"' in (real_site / name).read_text(encoding="utf-8")]
    assert len(pages) >= 8, pages
    return pages


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Browser contexts a test opens, closed however the test ends."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def new_page(browser: Browser, contexts: list[BrowserContext], **options: object) -> Page:
    context = browser.new_context(**{"viewport": {"width": 1000, "height": 900}, **options})
    contexts.append(context)
    return context.new_page()


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    if page.locator(".quiz[data-quiz]").count():
        expect(page.locator(".quiz[data-quiz]").first).to_have_attribute("data-quiz-ready", "1")


def report(violations: list[dict], where: str) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}), {len(violation['nodes'])} element(s)")
        for node in violation["nodes"][:5]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = checks[0]["message"] if checks else violation["help"]
            lines.append(f"    {', '.join(map(str, node['target']))}: {message}")
    return lines


# ---------------------------------------------------------------- axe


def scan(pages: dict[str, Page], where: str) -> list[str]:
    """Run axe in every page at once (a renderer process each), then collect a line per violation and element."""
    for page in pages.values():
        page.evaluate(AXE_SCRIPT)
        page.evaluate(START_AXE, AXE_OPTIONS)
    problems = []
    for palette, page in pages.items():
        problems += report(page.evaluate("() => window.__axeRun")["violations"], f"{where} [{palette}]")
    return problems


def test_axe_finds_no_wcag_violation_on_any_page_in_either_palette(
    browser: Browser, contexts: list[BrowserContext], real_url: str, built_pages: list[str]
) -> None:
    pages = {}
    for palette in PALETTES:
        pages[palette] = new_page(browser, contexts, color_scheme=palette)
    problems: list[str] = []
    answered = questions = 0
    for name in built_pages:
        for palette, page in pages.items():
            open_page(page, f"{real_url}/{name}")
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == PALETTES[palette], f"{name}: the {palette} system setting gave scheme {scheme!r}"
            # What the page first shows, and what it shows later, in one scan: quiz questions unanswered,
            # answered wrong and answered right (feedback, marks, score), and every disclosure open.
            done, total = page.evaluate(ANSWER_QUIZZES, True)
            answered, questions = answered + done, questions + total
            page.evaluate(OPEN_ALL_DETAILS)
        problems += scan(pages, name)
    print(f"\naxe: {len(built_pages)} pages x {len(pages)} palettes; {answered} of {questions} quiz questions answered")
    assert answered >= 2 * 30 and questions - answered >= 2 * 15, (answered, questions)
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- keyboard

FOCUS = r"""(wanted) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !/^rgba\(.*, 0\)$/.test(style.outlineColor) && style.outlineColor !== 'transparent';
  const shadow = style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  const q = el.closest('.quiz-question');
  return {
    what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className) : '')
      + ' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '"',
    id: el.id, question: q ? q.id : null, inQuiz: !!el.closest('.quiz'), wanted: !!wanted && el.matches(wanted),
    visible: (outline || shadow) && box.width > 0 && box.height > 0,
  };
}"""


class Walker:
    """Presses keys, and after every press records what has the focus and whether that focus is visible."""

    KEYS = {"Tab", "Shift+Tab", "Space", "Enter", "ArrowDown"}

    def __init__(self, page: Page) -> None:
        self.page = page
        self.presses = 0
        self.stops: list[dict] = []
        self.invisible: list[str] = []

    def press(self, key: str, wanted: str | None = None) -> dict:
        assert key in self.KEYS
        self.page.keyboard.press(key)
        self.presses += 1
        focus = self.page.evaluate(FOCUS, wanted)
        assert focus is not None, f"{key} left the focus on nothing on {self.page.url}"
        return self.seen(focus)

    def follow_skip_link(self) -> None:
        """Enter on "Skip to content": the focus leaves the link and Tab goes on from the chapter's title."""
        self.page.keyboard.press("Enter")
        self.presses += 1
        assert self.page.evaluate("document.activeElement === document.body"), self.page.evaluate(FOCUS, None)

    def seen(self, focus: dict) -> dict:
        self.stops.append(focus)
        if not focus["visible"]:
            self.invisible.append(f"{self.page.url.rsplit('/', 1)[-1]}: {focus['what']}")
        return focus

    def tab_until(self, wanted: str, limit: int, back: bool = False) -> dict:
        """Tab (or Shift+Tab) until the focused element matches a CSS selector."""
        for _ in range(limit):
            focus = self.press("Shift+Tab" if back else "Tab", wanted)
            if focus["wanted"]:
                return focus
        raise AssertionError(f"{limit} presses of {'Shift+' if back else ''}Tab never reached {wanted}")


def choose(walker: Walker, qid: str, kind: str, indexes: list[int], total: int) -> None:
    """From the question's first input, focused and nothing chosen: choose `indexes`, then on to Check."""
    if kind == "checkbox":
        for index in range(total):
            if index:  # one Tab to the next box: nothing else in between
                walker.tab_until(f"#{qid}-{index + 1}", limit=1)
            if index in indexes:
                walker.press("Space")
    else:
        (index,) = indexes
        walker.press("Space")  # chooses the first option
        for _ in range(index):
            walker.press("ArrowDown")  # arrows move the choice within a radio group
    walker.tab_until(f"#{qid} .quiz-check", limit=1)  # one Tab from the choices to Check
    # Shift+Tab goes back into the choices, Tab returns to Check.
    walker.tab_until(f"#{qid} input", limit=1, back=True)
    walker.tab_until(f"#{qid} .quiz-check", limit=1)


def place(walker: Walker, qid: str, places: list[int], per: int, every: bool = False) -> None:
    """A classify question by keyboard: in each statement's radio group (one Tab stop each), arrows move
    the choice to its place (Space chooses the first), then Tab goes on to the next group, and to Check.
    With `every`, the arrows first go once round each group, back to its first place."""
    for number, target in enumerate(places):
        if number:
            walker.tab_until(f"#{qid}-{number + 1}-1", limit=1)
        if every:
            for _ in range(per):
                walker.press("ArrowDown")
            expect(walker.page.locator(f"#{qid}-{number + 1}-1")).to_be_checked()
        elif target == 0:
            walker.press("Space")
        for _ in range(target):
            walker.press("ArrowDown")
    walker.tab_until(f"#{qid} .quiz-check", limit=1)


def test_keyboard_only_walk_through_every_quiz(
    browser: Browser, contexts: list[BrowserContext], real_url: str, quiz_pages: list[str]
) -> None:
    page = new_page(browser, contexts)
    walker = Walker(page)
    questions_done = 0
    every_input: set[str] = set()
    for name in quiz_pages:
        open_page(page, f"{real_url}/{name}")
        quiz = page.locator(".quiz[data-quiz]")
        expect(quiz).to_have_count(1)
        # From the top of the page: the first Tab shows the theme's "Skip to content" link, Enter follows it,
        # and Tab alone goes on through the chapter (its links and glossary words) to the quiz.
        assert walker.press("Tab")["what"].startswith("a.md-skip"), name
        walker.follow_skip_link()
        walker.tab_until(".quiz input", limit=300)
        questions = quiz.locator(".quiz-question").all()
        for number, question in enumerate(questions):
            qid = question.get_attribute("id") or ""
            kind, correct = question.evaluate(
                "q => [q.querySelector('input').type,"
                " [...q.querySelectorAll('input')].flatMap((i, n) => i.hasAttribute('data-correct') ? [n] : [])]"
            )
            total = question.locator("input").count()
            wrong = [i for i in range(total) if i not in correct]
            groups = question.locator(".quiz-statement").count()  # a classify question: one radio group each
            if groups:
                per = total // groups
                ids = [f"{qid}-{g + 1}-{c + 1}" for g in range(groups) for c in range(per)]
                right_places = [i % per for i in correct]
                wrong_places = [(right_places[0] + 1) % per, *right_places[1:]]  # the first statement misplaced
            else:
                ids = [f"{qid}-{i + 1}" for i in range(total)]
            first = page.locator(f"#{ids[0]}")
            every_input.update(ids)
            expect(first).to_be_focused()
            feedback = question.locator(".quiz-feedback")

            # Every option first: arrows round a radio group and back to the first; Tab visits every box.
            if groups:
                place(walker, qid, wrong_places, per, every=True)
            elif kind == "radio":
                for _ in range(total):
                    walker.press("ArrowDown")
                expect(first).to_be_checked()
                for _ in range(wrong[0]):
                    walker.press("ArrowDown")
                walker.tab_until(f"#{qid} .quiz-check", limit=1)
            else:
                choose(walker, qid, kind, wrong, total)
            # A wrong answer: feedback, the answer shown, the focus on Try again.
            walker.press("Enter" if number % 2 else "Space")
            expect(feedback).to_contain_text("Not quite.")
            expect(question.locator(".quiz-answer")).to_be_visible()
            expect(question.locator(".quiz-retry")).to_be_focused()

            # Try again (by Space or Enter), then the right answer.
            walker.press("Space" if number % 2 else "Enter")
            expect(feedback).to_have_text("")
            expect(first).to_be_focused()
            if groups:
                place(walker, qid, right_places, per)
            else:
                choose(walker, qid, kind, correct, total)
            walker.press("Enter")
            expect(feedback).to_contain_text("Correct.")
            expect(question.locator(".quiz-retry")).to_be_focused()
            questions_done += 1

            # On through the shown answer (its summary, its Read more link) to the next question.
            if number + 1 < len(questions):
                walker.tab_until(f"#{questions[number + 1].get_attribute('id')} input", limit=20)
        count = len(questions)
        expect(quiz.locator(".quiz-score")).to_have_text(f"All done: {count} of {count} correct.")
        walker.tab_until(".quiz-reset", limit=20)
        walker.press("Enter")
        expect(quiz.locator(".quiz-score")).to_have_text(f"Score so far: 0 of {count} correct (0 answered).")
        expect(quiz.locator("input:checked")).to_have_count(0)
    in_quiz = [stop for stop in walker.stops if stop["inQuiz"]]
    missed = every_input - {stop["id"] for stop in walker.stops}
    summary = (
        f"{len(quiz_pages)} quizzes, {questions_done} questions, {len(every_input)} inputs, "
        f"{walker.presses} key presses, {len(walker.stops)} focus stops ({len(in_quiz)} in quizzes)"
    )
    print(f"\nkeyboard walk: {summary}")
    assert questions_done >= 45, summary
    assert missed == set(), f"inputs never reached by keyboard: {sorted(missed)}"
    assert walker.invisible == [], "focus not visible on:\n" + "\n".join(dict.fromkeys(walker.invisible))


# ---------------------------------------------------------------- reflow and zoom

LAYOUT = """(limit) => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px`);
  }
  const scrolls = el => { const o = getComputedStyle(el).overflowX; return o === 'auto' || o === 'scroll'; };
  const inScroller = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (scrolls(p)) return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  for (const el of document.querySelectorAll('.md-main *, .md-banner *')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (box.right > limit + 1 && !inScroller(el)) {
      problems.push(`${name(el)} reaches ${Math.round(box.right)} px, past the ${limit} px width`);
    }
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (clips && el.closest('.md-content') && !el.matches('.md-typeset__table table, svg, svg *')
        && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`${name(el)} cuts off its content: `
        + `${el.scrollWidth}x${el.scrollHeight} px in ${el.clientWidth}x${el.clientHeight} px`);
    }
  }
  // Blocks of the chapter follow each other without overlapping, and quiz choices sit beside their boxes.
  for (const parent of document.querySelectorAll('.md-content article, .md-content article > *')) {
    let above = null;
    for (const el of parent.children) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!box.height || style.display.startsWith('inline') || style.position !== 'static' || style.float !== 'none') {
        continue;
      }
      if (above && box.top < above.bottom - 1 && box.left < above.right && box.right > above.left) {
        problems.push(`${name(el)} overlaps the block above it`);
      }
      above = box;
    }
  }
  for (const label of document.querySelectorAll('.quiz-options label')) {
    const input = document.getElementById(label.htmlFor).getBoundingClientRect();
    const text = label.getBoundingClientRect();
    if (input.width && input.right > text.left + 1 && input.bottom > text.top && input.top < text.bottom) {
      problems.push(`${name(label)} overlaps its box`);
    }
  }
  return [...new Set(problems)];
}"""


def layout_problems(page: Page, real_url: str, pages: list[str]) -> list[str]:
    problems = []
    for name in pages:
        open_page(page, f"{real_url}/{name}")
        page.evaluate(ANSWER_QUIZZES, False)  # feedback and answers make the quiz longer and wider
        page.evaluate(OPEN_ALL_DETAILS)
        width = page.evaluate("window.innerWidth")
        problems += [f"{name} at {width} px: {problem}" for problem in page.evaluate(LAYOUT, width)]
    return problems


def test_no_horizontal_scrolling_at_320_px(
    browser: Browser, contexts: list[BrowserContext], real_url: str, built_pages: list[str]
) -> None:
    page = new_page(browser, contexts, viewport={"width": 320, "height": 640})
    problems = layout_problems(page, real_url, built_pages)
    assert problems == [], "\n".join(problems)


def test_readable_at_200_percent_zoom(
    browser: Browser, contexts: list[BrowserContext], real_url: str, built_pages: list[str]
) -> None:
    # Browser zoom to 200% on a 1280 px wide screen: 640 CSS px, two device pixels each.
    page = new_page(browser, contexts, viewport={"width": 640, "height": 360}, device_scale_factor=2)
    problems = layout_problems(page, real_url, built_pages)
    # Text-only zoom to 200% on the same screen: the browser's default font size doubled (16 -> 32 px),
    # as the reader's own setting would, so the theme's em-based breakpoints follow too.
    page = new_page(browser, contexts, viewport={"width": 1280, "height": 720})
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    open_page(page, f"{real_url}/{built_pages[0]}")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "40px"  # 125% of 32 px
    problems += layout_problems(page, real_url, built_pages)
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------- motion

LONGEST_MOTION = """() => {
  const seconds = list => Math.max(0, ...list.split(',').map(v => v.trim().endsWith('ms')
    ? parseFloat(v) / 1000 : parseFloat(v)));
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const transition = s.transitionProperty === 'none' ? 0 : seconds(s.transitionDuration);
      const animation = s.animationName === 'none' ? 0 : seconds(s.animationDuration);
      const longest = Math.max(transition, animation);
      if (longest > 0.01) {
        moving.push({where: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (pseudo || ''),
          seconds: longest, quiz: !!el.closest('.quiz')});
      }
    }
  }
  return moving;
}"""


def test_reduced_motion_is_respected(
    browser: Browser, contexts: list[BrowserContext], real_url: str, quiz_pages: list[str]
) -> None:
    name = quiz_pages[0]
    page = new_page(browser, contexts)
    open_page(page, f"{real_url}/{name}")
    page.evaluate(ANSWER_QUIZZES, False)
    # The check can see motion: without the preference, quiz choices fade their border.
    assert any(m["quiz"] for m in page.evaluate(LONGEST_MOTION)), "no quiz transition found to begin with"

    page = new_page(browser, contexts, reduced_motion="reduce")
    open_page(page, f"{real_url}/{name}")
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    page.evaluate(ANSWER_QUIZZES, False)
    page.evaluate(OPEN_ALL_DETAILS)
    moving = page.evaluate(LONGEST_MOTION)
    assert moving == [], "\n".join(f"{m['where']}: {m['seconds']} s" for m in moving[:20])
