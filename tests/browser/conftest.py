"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, and a local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from ruamel.yaml import YAML

from tests.conftest import ROOT
from tools import localhost

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # `make test` installs Debian's chromium; a missing browser is a failure, never a skip.
    assert CHROMIUM.exists(), "Chromium is missing: run `make test`, which installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


def serve(folder: Path, port: int = 0) -> Iterator[str]:
    with localhost.serve(folder, port) as url:
        yield url


@pytest.fixture(scope="session")
def good_url(good_site: Path, good_port: int) -> Iterator[str]:
    yield from serve(good_site / "site", good_port)


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


class Watch:
    """Console errors, page errors and every request a page makes."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def outside(self, allowed_host: str = "127.0.0.1") -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme not in ("data", "blob", "file", "about") and urlparse(url).hostname != allowed_host
        ]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.watch = Watch(page)  # type: ignore[attr-defined]
    yield page
    context.close()


LANGUAGES = {"": "en", "es/": "es"}  # each language's folder in the built site, and its language


@cache
def words(language: str) -> dict:
    """The interface's words in a language (data/words/<language>.yml), as the pages show them."""
    return YAML(typ="safe").load((ROOT / "data" / "words" / f"{language}.yml").read_text(encoding="utf-8"))


def language_of(name: str) -> str:
    """The language of a built page from its path in the site: es/… is Spanish, the rest English."""
    return "es" if name.startswith("es/") else "en"


def say(text: str, **values: object) -> str:
    """Fill a words file's {placeholders}, as store.js does."""
    return text.format(**values)


def answer_every_question(page: Page) -> int:
    """Tick exactly the right answers of every question on the page and check each: all must say "Correct."
    (in the page's language: <html lang>)."""
    w = words(page.evaluate("document.documentElement.lang"))
    questions = page.locator(".quiz-question").all()
    for question in questions:
        for box in question.locator("input[data-correct]").all():
            box.check()
        question.get_by_role("button", name=w["quiz"]["check"], exact=True).click()
        expect(question.locator(".quiz-feedback")).to_contain_text(w["quiz_script"]["correct"])
    if questions:
        count = len(questions)
        expect(page.locator(".quiz-score")).to_have_text(say(w["quiz_script"]["all_done"], right=count, count=count))
    return len(questions)
