"""Offline use in real headless Chromium: from a USB stick (file://) with the network blocked,
over HTTP after the server goes away (the service worker), on paper, and the privacy page's button."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import LANGUAGES, answer_every_question, say, words
from tests.conftest import ROOT, free_port
from tools import localhost

pytestmark = pytest.mark.browser

# Records every call to navigator.serviceWorker.register, before any page script runs.
SPY_ON_REGISTER = """
window.__registrations = [];
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (url, options) => {
    window.__registrations.push(String(url));
    return register(url, options);
  };
}
"""


class Sealed:
    """A browser context where only file:// may load: every other request is blocked and recorded."""

    def __init__(self, context: BrowserContext) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        context.add_init_script(SPY_ON_REGISTER)
        context.on("page", self._watch)

    def _route(self, route) -> None:  # noqa: ANN001 - Playwright's Route
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _watch(self, page: Page) -> None:
        page.on("console", lambda m: self.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))


@pytest.fixture
def sealed(browser: Browser) -> Iterator[tuple[Page, Sealed]]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    sealed = Sealed(context)
    page = context.new_page()
    yield page, sealed
    context.close()


# Material's count of results: "3 matching documents", "24 documentos encontrados"
FOUND = re.compile(r"^\s*\d+ (matching documents?|documentos? encontrados?)\s*$")


def search(page: Page, words: str) -> list[str]:
    """Type into the header's search box and return the titles of the results."""
    box, meta = page.locator("input.md-search__input"), page.locator(".md-search-result__meta")
    box.fill("")
    expect(meta).not_to_have_text(FOUND)  # the last search's results are gone
    box.press_sequentially(words)  # typed, as a reader would
    expect(meta).to_have_text(FOUND, timeout=15_000)
    return page.locator(".md-search-result__item > a h1").all_inner_texts()


# --- file:// (a USB stick), network blocked ------------------------------------------------------


@pytest.mark.parametrize("folder", LANGUAGES)
def test_every_page_opens_from_file_with_the_network_blocked(
    sealed: tuple[Page, Sealed], real_site: Path, folder: str
) -> None:
    page, seal = sealed
    language = LANGUAGES[folder]
    pages = sorted(set((real_site / folder).glob("*.html")) - {real_site / "404.html"})  # 404: web servers only
    assert len(pages) >= 15
    for html in pages:
        page.goto(html.as_uri())
        expect(page.locator("article h1").first).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".md-banner")).to_contain_text(words(language)["page"]["notice"])
    assert seal.errors == []
    assert seal.blocked == []  # nothing even tried to reach another host
    assert page.evaluate("window.__registrations") == []  # no service worker on file://


def test_search_works_from_file_with_the_network_blocked(sealed: tuple[Page, Sealed], real_site: Path) -> None:
    page, seal = sealed
    page.goto((real_site / "how-it-is-treated.html").as_uri())
    assert "What phantom limbs teach us" in search(page, "phantom")
    assert "When back pain needs urgent care" in search(page, "emergency")
    # The shim runs the search in a hidden frame; course.js gives it the title every frame needs.
    expect(page.locator("body > iframe[hidden]")).to_have_attribute("title", "Search helper (hidden, nothing to read)")
    page.locator(".md-search-result__item > a").first.click()
    expect(page.locator("article h1").first).to_be_visible()
    assert seal.errors == [] and seal.blocked == []


def test_spanish_search_works_from_file_with_the_network_blocked(sealed: tuple[Page, Sealed], real_site: Path) -> None:
    """From a Spanish page, "dolor" finds Spanish pages only (the Spanish index, with lunr's Spanish stemmer)."""
    page, seal = sealed
    spanish = {
        page_title(html) for html in (real_site / "es").glob("*.html")
    }  # each Spanish page's <h1>, as search shows it
    page.goto((real_site / "es" / "how-it-is-treated.html").as_uri())
    found = search(page, "dolor")
    assert len(found) >= 5 and set(found) <= spanish, found
    links = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
    assert links and all(link.startswith((real_site / "es").as_uri() + "/") for link in links), links
    expect(page.locator("body > iframe[hidden]")).to_have_attribute("title", words("es")["page"]["search_frame"])
    page.locator(".md-search-result__item > a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert seal.errors == [] and seal.blocked == []


def page_title(html: Path) -> str:
    """The text of a built page's first <h1>, as search results show it."""
    text = html.read_text(encoding="utf-8")
    start = text.index("<h1")
    heading = text[text.index(">", start) + 1 : text.index("</h1>", start)]
    return re.sub(r"<[^>]+>", "", heading).replace("&para;", "").replace("¶", "").strip()


def test_the_language_switch_goes_to_the_same_section_from_file(sealed: tuple[Page, Sealed], real_site: Path) -> None:
    """Every page links to itself in the other language; the section the reader is on comes along."""
    page, seal = sealed
    english, spanish = real_site / "red-flags.html", real_site / "es" / "red-flags.html"
    page.goto(english.as_uri())
    section = page.locator("article h2[id]").nth(1).get_attribute("id")
    page.goto(f"{english.as_uri()}#{section}")
    page.get_by_role("link", name="Español", exact=True).click()
    expect(page).to_have_url(f"{spanish.as_uri()}#{section}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(f"article h2[id='{section}']")).to_be_in_viewport()
    page.get_by_role("link", name="English", exact=True).click()  # and back, to the same section
    expect(page).to_have_url(f"{english.as_uri()}#{section}")
    page.goto(spanish.as_uri())
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(english.as_uri())
    assert seal.errors == [] and seal.blocked == []


def test_a_quiz_can_be_completed_from_file(sealed: tuple[Page, Sealed], real_site: Path) -> None:
    page, seal = sealed
    page.goto((real_site / "what-is-neuroplastic-pain.html").as_uri())
    assert answer_every_question(page) >= 5
    page.reload()  # progress kept on file:// too
    expect(page.locator(".quiz-score")).to_contain_text("All done")
    assert seal.errors == [] and seal.blocked == []


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clinic zip, built by the real build command and unzipped as a clinic would."""
    dist = tmp_path_factory.mktemp("dist")
    site = tmp_path_factory.mktemp("bundle-site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--site", str(site), "--dist", str(dist)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (zipped,) = dist.glob("*-offline-*.zip")
    unpacked = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(unpacked)
    (folder,) = unpacked.iterdir()
    return folder


def test_the_clinic_zip_opens_from_its_start_page(sealed: tuple[Page, Sealed], bundle: Path) -> None:
    page, seal = sealed
    page.goto((bundle / "START-HERE.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Understanding neuroplastic back pain")
    expect(page.get_by_text("Version 0.1.0")).to_be_visible()
    page.get_by_role("link", name="Open the course").click()
    expect(page).to_have_url((bundle / "course" / "index.html").as_uri())
    assert "How it is treated" in search(page, "treated")
    # The same start page opens the Spanish course, where search finds Spanish pages
    page.goto((bundle / "START-HERE.html").as_uri())
    page.get_by_role("link", name="Abrir el curso en español").click()
    expect(page).to_have_url((bundle / "course" / "es" / "index.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "es")
    search(page, "dolor")
    links = page.locator(".md-search-result__item > a").evaluate_all("a => a.map(l => l.href)")
    assert links and all(link.startswith((bundle / "course" / "es").as_uri() + "/") for link in links)
    assert seal.errors == [] and seal.blocked == []


# --- over HTTP: the service worker -------------------------------------------------------------


class Server:
    """A local HTTP server that can be stopped and started again on the same port."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port, self.running = folder, free_port(), contextlib.ExitStack()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.running.enter_context(localhost.serve(self.folder, self.port))

    def stop(self) -> None:
        self.running.close()


def copy_project(target: Path) -> Path:
    for name in ("mkdocs.yml", "mkdocs.es.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("docs", "quiz", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    (target / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return target


def build_into(root: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--root", str(root), "--site", str(site), "--no-bundle"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def wait_until_stored(page: Page) -> str:
    """Wait for the service worker to control the page and finish storing; returns its cache's name."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    return page.evaluate(
        """async () => {
             const registration = await navigator.serviceWorker.ready;
             const keys = await caches.keys();
             return keys.filter(k => k.startsWith('course-')).join(' ');
           }"""
    )


def test_after_one_visit_the_course_works_offline_and_new_builds_show(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    site = tmp_path / "served"
    build_into(project, site)
    server = Server(site)
    server.start()
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.add_init_script(SPY_ON_REGISTER)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server.url}/index.html")
        assert page.evaluate("window.__registrations") == [f"{server.url}/sw.js"]
        first_cache = wait_until_stored(page)
        assert first_cache.startswith("course-")

        # The server goes away: every page, search and a quiz still work.
        server.stop()
        page.reload()
        expect(page.locator("article h1").first).to_contain_text("Understanding neuroplastic back pain")
        page.locator(".md-banner").get_by_role("link", name="Warning signs").click()
        expect(page.locator("article h1").first).to_contain_text("When back pain needs urgent care")
        page.goto(f"{server.url}/")  # the bare folder address too
        expect(page.locator("article h1").first).to_contain_text("Understanding neuroplastic back pain")
        assert "What phantom limbs teach us" in search(page, "phantom")
        page.goto(f"{server.url}/why-it-develops.html")
        assert answer_every_question(page) >= 5
        # The Spanish pages too, and their search (the Spanish index and lunr's Spanish stemmer were stored)
        page.goto(f"{server.url}/es/why-it-develops.html")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        assert answer_every_question(page) >= 5
        search(page, "dolor")
        links = page.locator(".md-search-result__item > a").evaluate_all("a => a.map(l => l.href)")
        assert links and all(link.startswith(f"{server.url}/es/") for link in links)
        assert page.evaluate("window.__registrations") == [f"{server.url}/sw.js"]  # the root's, one for both

        # A new build with changed content: shown at once (pages come from the network first),
        # and the old build's cache is deleted when the new worker takes over. The change is to the
        # Spanish home page (changing the English one would leave its translation out of date, which
        # stops the build): one worker serves both languages, so a change to either makes a new build.
        index = project / "docs" / "es" / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nUna frase que añadió otra versión.\n", encoding="utf-8")
        build_into(project, site)
        server.start()
        page.goto(f"{server.url}/es/index.html")
        expect(page.get_by_text("Una frase que añadió otra versión.")).to_be_visible()
        page.wait_for_function(
            f"caches.keys().then(k => k.filter(n => n.startsWith('course-')).join(' ') !== '{first_cache}')",
            timeout=20_000,
        )
        page.wait_for_function(
            "caches.keys().then(k => k.filter(n => n.startsWith('course-')).length === 1)", timeout=20_000
        )
        assert errors == []
    finally:
        context.close()
        server.stop()


# --- paper ------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", LANGUAGES)
def test_a_chapter_prints_as_a_handout_with_a_worksheet_and_answer_key(page: Page, real_url: str, folder: str) -> None:
    page.goto(f"{real_url}/{folder}how-it-is-treated.html")
    key = page.locator(".quiz-print-key")
    expect(key).to_be_hidden()  # on screen the key stays out of sight
    page.emulate_media(media="print")
    for clutter in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        expect(page.locator(clutter).first).to_be_hidden()
    for hidden in (".quiz-actions", ".quiz-feedback", ".quiz-answer", ".quiz-footer"):
        for part in page.locator(f".quiz {hidden}").all():
            expect(part).to_be_hidden()
    expect(page.locator("figure svg").first).to_be_visible()
    expect(key).to_be_visible()
    questions = page.locator(".quiz-question").count()
    expect(key.locator("li")).to_have_count(questions)
    # the key comes after the last question, at the end of the printout
    assert page.evaluate(
        """(() => {
             const questions = document.querySelectorAll('.quiz-question');
             const key = document.querySelector('.quiz-print-key');
             return !!(questions[questions.length - 1].compareDocumentPosition(key) & Node.DOCUMENT_POSITION_FOLLOWING);
           })()"""
    )
    boxes = page.locator(".quiz-options input")
    assert boxes.first.evaluate("b => getComputedStyle(b).borderTopStyle") == "solid"  # an empty box to tick
    page.goto(f"{real_url}/{folder}references.html")
    page.emulate_media(media="print")
    link = page.locator("article a[href^='https://doi.org/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after  # web addresses are printed


# --- privacy ----------------------------------------------------------------------------------


def test_the_privacy_button_clears_what_the_course_stored(page: Page, real_url: str) -> None:
    page.goto(f"{real_url}/what-is-neuroplastic-pain.html")
    question = page.locator(".quiz-question").first
    question.locator("input[data-correct]").first.check()
    question.get_by_role("button", name="Check").click()
    page.evaluate("localStorage.setItem('unrelated', 'kept')")
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-quiz:'))")
    assert stored == ["course-quiz:what-is-neuroplastic-pain"]
    page.goto(f"{real_url}/privacy.html")
    button = page.get_by_role("button", name="Clear my saved answers")
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator("[data-course-clear-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Your saved answers for 1 quiz were cleared.")
    assert page.evaluate("Object.keys(localStorage)") == ["unrelated"]  # only what the course stored
    page.goto(f"{real_url}/what-is-neuroplastic-pain.html")
    expect(page.locator(".quiz-question").first.get_by_role("button", name="Check")).to_be_visible()
    assert page.watch.errors == []  # type: ignore[attr-defined]


def test_quiz_progress_is_kept_per_language_and_the_readers_own_words_are_shared(page: Page, real_url: str) -> None:
    """TEAM-13 decision 7: a quiz's answers are kept for each language apart (course-quiz:<bank> and
    course-quiz:es:<bank>); the flare-up plan and the colour choice are the same in both; the privacy
    page's button, in either language, clears everything from both."""
    bank = "what-is-neuroplastic-pain"
    page.goto(f"{real_url}/{bank}.html")
    answer_every_question(page)
    page.goto(f"{real_url}/es/{bank}.html")
    said = words("es")["quiz_script"]
    count = page.locator(".quiz-question").count()
    expect(page.locator(".quiz-score")).to_have_text(say(said["so_far"], right=0, count=count, answered=0))
    answer_every_question(page)
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-quiz:')).sort()")
    assert keys == sorted([f"course-quiz:{bank}", f"course-quiz:es:{bank}"])
    # the plan written in English is there in Spanish
    page.goto(f"{real_url}/my-flare-up-plan.html")
    page.locator("[data-tool] textarea").first.fill("Poor sleep.")
    expect(page.locator("[data-tool-status]")).to_have_text(words("en")["plan"]["saved"])
    page.goto(f"{real_url}/es/my-flare-up-plan.html")
    expect(page.locator("[data-tool]")).to_have_attribute("data-tool-ready", "")
    expect(page.locator("[data-tool] textarea").first).to_have_value("Poor sleep.")
    # the colour chosen on a Spanish page is kept at the course's root, for both languages
    page.locator("form[data-md-component=palette] label:visible").click()
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.endsWith('.__palette'))") == ["/.__palette"]
    page.goto(f"{real_url}/{bank}.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    # cleared from the Spanish privacy page: both languages' answers, the plan and the colour choice
    page.evaluate("localStorage.setItem('unrelated', 'kept')")
    page.goto(f"{real_url}/es/privacy.html")
    clear = words("es")["clear"]
    page.get_by_role("button", name=clear["button"]).click()
    status = page.locator("[data-course-clear-status]")
    expect(status).to_have_text(say(clear["quizzes_other"], count=2) + " " + clear["all_gone"])
    assert page.evaluate("Object.keys(localStorage)") == ["unrelated"]
    assert page.watch.errors == []  # type: ignore[attr-defined]
