"""Accessibility gates on the real course in a real browser, for CI.

- Two engines on every built page, in the light and the dark palette, with quiz
  questions unanswered, answered wrong and answered right and every disclosure
  open, over HTTP and from file:// (a USB stick, where search runs in a hidden
  frame): axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA), zero violations;
  HTML_CodeSniffer (pa11y's default engine, WCAG2AA), zero errors but the
  theme heuristics allowed below, each with its reason and each still needed.
  Its warnings and notices are counted, not gated: they ask for a human check.
- A keyboard-only walk through every quiz (Tab, Shift+Tab, arrows, Space, Enter),
  with the focus visible at every stop.
- No horizontal scrolling at 320 CSS px; nothing cut off or overlapping at 200%
  zoom (whole-page zoom, and text-only zoom).
- With "reduce motion" asked for, nothing moves for longer than 0.01 s.

Pages are discovered from the build, never listed here: a new page is checked
as soon as it is built.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import material
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import language_of, say, words
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# The package's axe-core. Its Axe.run() waits for one page at a time; the two palettes are
# scanned side by side instead (two renderer processes on two cores), so axe is started by hand.
AXE_SCRIPT = Axe().axe_script
# Axe judges colours as drawn, so a control caught mid-fade (Material's back-to-top button after a
# scroll) has a contrast it never rests at: wait two frames, then for every finite transition to end.
START_AXE = """options => {
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const settled = () => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)));
  window.__axeRun = frame().then(frame).then(settled).then(() => axe.run(document, options));
}"""
THEME_TEMPLATES = Path(material.__file__).parent / "templates"

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
    const said = JSON.parse(q.closest('.quiz').dataset.words).quiz_script;  // "Correct." in the page's language
    if (!q.querySelector('.quiz-feedback').textContent.includes(turn === 2 ? said.correct : said.not_quite)) {
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
    assert len([name for name in pages if language_of(name) == "es"]) >= 12, "the Spanish pages (es/) are missing"
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


def axe_and_width(page: Page, where: str, width: int) -> list[str]:
    """The page as it is now: axe's violations, and what does not fit `width` px (a line each)."""
    page.evaluate(AXE_SCRIPT)
    page.evaluate(START_AXE, AXE_OPTIONS)
    problems = report(page.evaluate("() => window.__axeRun")["violations"], where)
    return problems + [f"{where} at {width} px: {problem}" for problem in page.evaluate(LAYOUT, width)]


def report(violations: list[dict], where: str) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}), {len(violation['nodes'])} element(s)")
        for node in violation["nodes"][:5]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            message = checks[0]["message"] if checks else violation["help"]
            lines.append(f"    {', '.join(map(str, node['target']))}: {message}")
    return lines


# ---------------------------------------------------------------- axe and HTML_CodeSniffer

# Both engines see the same pages in the same states, from both places readers open them: over HTTP (the
# web) and from file:// (a USB stick), where search runs in the iframe-worker shim's hidden frame.
ORIGINS = ("http", "file")
# axe's preload fetches the stylesheets again, which a browser does not allow from file://.
AXE_OPTIONS_BY_ORIGIN = {"http": AXE_OPTIONS, "file": {**AXE_OPTIONS, "preload": False}}

# HTML_CodeSniffer (pa11y's default engine), from npm (package-lock.json), run as pa11y runs it.
HTMLCS_SCRIPT = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
HTMLCS_STANDARD = "WCAG2AA"
START_HTMLCS = """standard => {
  window.__htmlcsRun = new Promise((resolve, reject) => HTMLCS.process(standard, document, error => {
    if (error) { reject(error); return; }
    const types = {1: 'error', 2: 'warning', 3: 'notice'};
    resolve(HTMLCS.getMessages().map(m => {
      const html = m.element && m.element.outerHTML;
      return {type: types[m.type] || String(m.type), code: m.code, message: m.msg,
              context: html ? html.slice(0, html.indexOf('>') + 1) : String(m.element && m.element.nodeName)};
    }));
  }));
}"""


@dataclass(frozen=True)
class Message:
    """One HTML_CodeSniffer message: where, and what (`context` is the element's start tag)."""

    page: str
    palette: str
    type: str
    code: str
    message: str
    context: str

    def __str__(self) -> str:
        return f"{self.page} [{self.palette}]: {self.code}: {self.message}\n    {self.context}"


@dataclass(frozen=True)
class Allowed:
    code: str  # HTML_CodeSniffer's code, exactly
    message: str  # its message, exactly
    context: str  # the element's start tag, exactly as the theme writes it
    template: str  # the Material template, under material/templates, that writes it
    reason: str


NO_SUBMIT_BUTTON = (
    "This form does not contain a submit button, which creates issues for those who cannot submit the form "
    'using the keyboard. Submit buttons are INPUT elements with type attribute "submit" or "image", '
    'or BUTTON elements with type "submit" or omitted/invalid.'
)
# H32.2 is a technique for WCAG 3.2.2 (On Input): changing a setting must not change the context
# (a new page, a new window, the focus moved) unless the reader asked for it, and a submit button is
# one way to make the reader ask. Neither of Material's two forms changes the context on input, and
# neither has anything to submit: the site is static and everything happens in the page.
HTMLCS_ALLOWED = [
    Allowed(
        "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        NO_SUBMIT_BUTTON,
        '<form class="md-header__option" data-md-component="palette">',
        "partials/palette.html",
        "the theme's light/dark switch: one button that changes the colours at once, in place; the page,"
        " the focus and the reading position stay, so there is no change of context to confirm",
    ),
    Allowed(
        "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        NO_SUBMIT_BUTTON,
        '<form class="md-search__form" name="search">',
        "partials/search.html",
        "the theme's search box: results show in the same dialog as the reader types (no change of"
        " context); a result opens only when the reader chooses it (a click, or Enter)",
    ),
]


def short(code: str) -> str:
    """WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name -> H91.InputCheckbox.Name"""
    return code.split(".", 4)[-1]


def allowed_by(message: Message) -> Allowed | None:
    for entry in HTMLCS_ALLOWED:
        if (message.code, message.message, message.context) == (entry.code, entry.message, entry.context):
            return entry
    return None


@dataclass
class Scan:
    """What both engines found on every page from one origin, in both palettes."""

    pages: list[str]
    axe: list[str] = field(default_factory=list)  # a line per violation and element
    htmlcs: list[Message] = field(default_factory=list)
    answered: int = 0
    questions: int = 0

    def of_type(self, kind: str) -> list[Message]:
        return [m for m in self.htmlcs if m.type == kind]


def run_engines(pages: dict[str, Page], name: str, origin: str, scan: Scan) -> None:
    """axe, then HTML_CodeSniffer, in every palette's page at once (a renderer process each)."""
    for page in pages.values():
        page.evaluate(AXE_SCRIPT)
        page.evaluate(START_AXE, AXE_OPTIONS_BY_ORIGIN[origin])
    for palette, page in pages.items():
        scan.axe += report(page.evaluate("() => window.__axeRun")["violations"], f"{origin} {name} [{palette}]")
    htmlcs = HTMLCS_SCRIPT.read_text(encoding="utf-8")
    for page in pages.values():
        page.add_script_tag(content=htmlcs)
        page.evaluate(START_HTMLCS, HTMLCS_STANDARD)
    for palette, page in pages.items():
        scan.htmlcs += [Message(name, palette, **m) for m in page.evaluate("() => window.__htmlcsRun")]


def scan_every_page(browser: Browser, origin: str, base: str, names: list[str]) -> Scan:
    scan = Scan(names)
    contexts = {
        palette: browser.new_context(viewport={"width": 1000, "height": 900}, color_scheme=palette)
        for palette in PALETTES
    }
    try:
        pages = {palette: context.new_page() for palette, context in contexts.items()}
        for name in names:
            for palette, page in pages.items():
                open_page(page, f"{base}/{name}")
                scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                assert scheme == PALETTES[palette], f"{name}: the {palette} system setting gave scheme {scheme!r}"
                # What the page first shows, and what it shows later, in one scan: quiz questions unanswered,
                # answered wrong and answered right (feedback, marks, score), and every disclosure open.
                done, total = page.evaluate(ANSWER_QUIZZES, True)
                scan.answered, scan.questions = scan.answered + done, scan.questions + total
                page.evaluate(OPEN_ALL_DETAILS)
            run_engines(pages, name, origin, scan)
    finally:
        for context in contexts.values():
            context.close()
    return scan


class Scans(dict):
    """Each origin scanned once, when a test first asks for it."""

    def __init__(self, browser: Browser, real_site: Path, real_url: str, built_pages: list[str]) -> None:
        super().__init__()
        self.browser, self.real_site, self.real_url, self.built_pages = browser, real_site, real_url, built_pages

    def __missing__(self, origin: str) -> Scan:
        if origin == "file":  # 404.html is for web servers only (not in the clinic zip), as in test_offline
            scan = scan_every_page(
                self.browser, origin, self.real_site.as_uri(), [name for name in self.built_pages if name != "404.html"]
            )
        else:
            scan = scan_every_page(self.browser, origin, self.real_url, self.built_pages)
        self[origin] = scan
        return scan


@pytest.fixture(scope="module")
def scans(browser: Browser, real_site: Path, real_url: str, built_pages: list[str]) -> Scans:
    assert HTMLCS_SCRIPT.exists(), f"{HTMLCS_SCRIPT.relative_to(ROOT)} is missing: run `make test`"
    return Scans(browser, real_site, real_url, built_pages)


@pytest.mark.parametrize("origin", ORIGINS)
def test_axe_finds_no_wcag_violation_on_any_page_in_either_palette(scans: Scans, origin: str) -> None:
    scan = scans[origin]
    print(
        f"\naxe ({origin}): {len(scan.pages)} pages x {len(PALETTES)} palettes; "
        f"{scan.answered} of {scan.questions} quiz questions answered"
    )
    assert len(scan.pages) >= 12
    assert scan.answered >= 2 * 30 and scan.questions - scan.answered >= 2 * 15, (scan.answered, scan.questions)
    assert scan.axe == [], "\n".join(scan.axe)


@pytest.mark.parametrize("origin", ORIGINS)
def test_html_codesniffer_finds_no_wcag2aa_error_on_any_page_in_either_palette(scans: Scans, origin: str) -> None:
    scan = scans[origin]
    errors = scan.of_type("error")
    ours = [m for m in errors if allowed_by(m) is None]
    by_code = Counter(short(m.code) for m in errors)
    print(
        f"\nHTML_CodeSniffer {HTMLCS_STANDARD} ({origin}): {len(scan.pages)} pages x {len(PALETTES)} palettes; "
        f"{len(errors)} errors ({len(errors) - len(ours)} allowed: {dict(by_code)}), "
        f"{len(scan.of_type('warning'))} warnings, {len(scan.of_type('notice'))} notices"
    )
    # It ran on every page in both palettes: each page draws some notices (things to check by hand).
    noticed = {(m.page, m.palette) for m in scan.of_type("notice")}
    assert noticed == {(name, palette) for name in scan.pages for palette in PALETTES}
    assert ours == [], "\n".join(map(str, ours))


@pytest.mark.parametrize("entry", HTMLCS_ALLOWED, ids=lambda entry: entry.context)
def test_each_allowed_html_codesniffer_error_is_still_needed_and_is_the_themes(scans: Scans, entry: Allowed) -> None:
    for origin in ORIGINS:
        # Still needed: the theme's markup still draws this very error, from both origins.
        assert any(allowed_by(m) is entry for m in scans[origin].of_type("error")), f"stale entry, remove it: {entry}"
    # The theme's: its template writes this markup, and our overrides do not.
    assert entry.context in (THEME_TEMPLATES / entry.template).read_text(encoding="utf-8")
    ours = [p for p in (ROOT / "overrides").rglob("*") if p.is_file() and entry.context in p.read_text("utf-8")]
    assert ours == [], f"the allowed markup comes from our overrides, fix it there: {ours}"


def test_html_codesniffer_as_run_here_finds_errors(browser: Browser, contexts: list[BrowserContext]) -> None:
    """The engine, injected as above, reports errors: a frame without a title, a checkbox without a name,
    and a form without a submit button, with the very message the allow-list names."""
    page = new_page(browser, contexts)
    page.set_content(
        "<!doctype html><html lang='en'><head><title>Bad</title></head><body><main><h1>Bad</h1>"
        "<iframe srcdoc='x'></iframe><form><input type='checkbox' id='box'></form></main></body></html>"
    )
    page.add_script_tag(content=HTMLCS_SCRIPT.read_text(encoding="utf-8"))
    page.evaluate(START_HTMLCS, HTMLCS_STANDARD)
    errors = {(m["code"], m["message"]) for m in page.evaluate("() => window.__htmlcsRun") if m["type"] == "error"}
    codes = {short(code) for code, _ in errors}
    assert {"H64.1", "F68", "H91.InputCheckbox.Name", "H32.2"} <= codes, codes
    assert ("WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2", NO_SUBMIT_BUTTON) in errors


# ---------------------------------------------------------------- theme controls named by course.js


def theme_words(language: str) -> dict[str, str]:
    """Material's own words in a language ("toc": "Tabla de contenidos"), from partials/languages/<language>.html."""
    text = (THEME_TEMPLATES / "partials" / "languages" / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)": "([^"]*)"', text, re.M))


def test_table_of_contents_toggle_has_a_name_and_still_works(
    browser: Browser, contexts: list[BrowserContext], real_site: Path, real_url: str, built_pages: list[str]
) -> None:
    # Material writes the #__toc checkbox on every page, its label only on pages with sections.
    html = {name: (real_site / name).read_text(encoding="utf-8") for name in built_pages}
    unlabelled = [name for name in built_pages if 'id="__toc"' in html[name] and 'for="__toc"' not in html[name]]
    labelled = [name for name in built_pages if 'for="__toc"' in html[name]]
    assert "glossary.html" in unlabelled and "what-is-neuroplastic-pain.html" in labelled, unlabelled
    page = new_page(browser, contexts, viewport={"width": 600, "height": 800})  # the menu holds the contents
    toggle = page.locator("#__toc")
    assert "es/glossary.html" in unlabelled
    for name in unlabelled:  # course.js names the box after the table of contents it belongs to
        open_page(page, f"{real_url}/{name}")
        # (the box itself is display: none, so read its name as an engine does: from the attribute)
        expect(toggle).to_have_attribute("aria-label", theme_words(language_of(name))["toc"])
    # On a chapter, its labels name it (course.js adds nothing), and it still opens the contents in the menu.
    open_page(page, f"{real_url}/what-is-neuroplastic-pain.html")
    assert toggle.get_attribute("aria-label") is None
    assert toggle.evaluate("box => [...box.labels].map(label => label.textContent.trim())")[:2] == [
        "What neuroplastic pain is",
        "Table of contents",
    ]
    page.locator(".md-header label[for=__drawer]").click()
    expect(toggle).not_to_be_checked()
    page.locator(".md-nav--primary label.md-nav__link[for=__toc]").click()
    expect(toggle).to_be_checked()
    section = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link").first
    expect(section).to_be_in_viewport()
    section.click()
    expect(page).to_have_url(re.compile(r"what-is-neuroplastic-pain\.html#what-the-word-means$"))


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


@pytest.fixture(scope="module")
def keyboard_pages(real_site: Path, quiz_pages: list[str]) -> list[str]:
    """Every English quiz, and Spanish quizzes until every question type has been met in Spanish too.

    A Spanish bank has the same questions, types and answers as its English one (make check holds
    them to it): walking every one again would press the same keys through the same script, for two
    more minutes of CI. The Spanish walk checks what differs, the words and the page around them.
    """
    english = [name for name in quiz_pages if language_of(name) == "en"]
    spanish, met = [], set()
    for name in quiz_pages:
        if language_of(name) == "es":
            types = set(re.findall(r'data-type="([\w-]+)"', (real_site / name).read_text(encoding="utf-8")))
            if types - met:
                spanish.append(name)
                met |= types
    assert met == {"single", "multiple", "true-false", "classify"}, met
    return english + spanish


def test_keyboard_only_walk_through_every_quiz(
    browser: Browser, contexts: list[BrowserContext], real_url: str, keyboard_pages: list[str]
) -> None:
    quiz_pages = keyboard_pages
    page = new_page(browser, contexts)
    walker = Walker(page)
    questions_done = 0
    every_input: set[str] = set()
    for name in quiz_pages:  # in both languages
        said = words(language_of(name))["quiz_script"]
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
            expect(feedback).to_contain_text(said["not_quite"])
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
            expect(feedback).to_contain_text(said["correct"])
            expect(question.locator(".quiz-retry")).to_be_focused()
            questions_done += 1

            # On through the shown answer (its summary, its Read more link) to the next question.
            if number + 1 < len(questions):
                walker.tab_until(f"#{questions[number + 1].get_attribute('id')} input", limit=20)
        count = len(questions)
        expect(quiz.locator(".quiz-score")).to_have_text(say(said["all_done"], right=count, count=count))
        walker.tab_until(".quiz-reset", limit=20)
        walker.press("Enter")
        expect(quiz.locator(".quiz-score")).to_have_text(say(said["so_far"], right=0, count=count, answered=0))
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
