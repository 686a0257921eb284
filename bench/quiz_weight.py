"""Quiz weight: our quiz files against the 4 KB budget, and what a chapter page loads, beside mkdocs-quiz.

Usage:
    python -m bench.quiz_weight              # both parts (builds three small sites, needs Chromium)
    python -m bench.quiz_weight --assets     # only the quiz JavaScript and CSS against the budget

Part 1 prints the bytes of the JavaScript and CSS a chapter page loads for its quiz
(quiz.js, and quiz.css and store.js, which every page gets inside site.css and site.js),
as the build ships them (minified by tools/minify.py),
raw and gzipped (level 9, as a web server or GitHub
Pages would send them), and exits 1 if the gzipped total is over the budget; then
the same for the progress page (progress.js, quiz.css, store.js), which loads no quiz.js.

Part 2 builds the fixture chapter of tests/sites/good (three questions, one of
each type) three ways, on the project's own mkdocs.yml and theme, with the same
Material version:

- ours: as the course builds it (mkdocs-macros and quiz/chapter.yml);
- mkdocs-quiz: the same three questions in mkdocs-quiz's syntax (intro, per-answer
  feedback, explanation, results panel), built in bench/.venv-mkdocs-quiz, which is
  created on first use with mkdocs-quiz and the same MkDocs, Material,
  pymdown-extensions and Markdown versions as .venv;
- no quiz: the same page without a quiz.

The other macros (objectives, citations, key points) are rendered into the page
beforehand for the last two, so the three pages differ only by their quiz. Each
page is then loaded in headless Chromium (Debian's /usr/bin/chromium, Playwright)
from a local server with an empty cache, and every response it receives is summed:
the HTML and every same-origin CSS, JavaScript and other file (the search index
included). The course's service worker is blocked, because it would fetch the
whole site in the background; that is not what one page costs. A chapter of the
real site, built with the real build command, is measured the same way.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import jinja2

from bench.common import (
    BENCH,
    CHROMIUM,
    ROOT,
    build,
    config_text,
    copy_site,
    gzipped,
    heading,
    mkdocs_build,
    table,
    versions,
)
from macros.banks import Bank, option_list
from macros.course import Course
from macros.pages import split_front_matter
from macros.quiz import DEFAULT_TITLE
from tools.localhost import serve
from tools.minify import minified

# What a chapter page loads for its quiz (store.js is the saved-answers script the quiz needs), and
# what the progress page loads instead of quiz.js. quiz.css and store.js reach every page inside
# site.css and site.js (macros/bundles.py), so they are the quiz's share of those two files;
# overrides/main.html adds quiz.js to pages with a quiz only, progress.js to the progress page only.
FILES = ["docs/javascripts/quiz.js", "docs/stylesheets/quiz.css", "docs/javascripts/store.js"]
PROGRESS_FILES = ["docs/javascripts/progress.js", "docs/stylesheets/quiz.css", "docs/javascripts/store.js"]
BUDGET = 4 * 1024

FIXTURE = ROOT / "tests" / "sites" / "good"
CHAPTER = "chapter"  # the fixture's chapter page and its bank
REAL_CHAPTER = "what-is-neuroplastic-pain"

MKDOCS_QUIZ = "1.7.1"
VENV = BENCH / ".venv-mkdocs-quiz"
SHARED = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")  # pinned to .venv's versions

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}  # anything else is "other"


# ---------------------------------------------------------------- part 1: our quiz files


def shipped(name: str) -> bytes:
    """A file as the build ships it: minified by tools/minify.py, as readers receive it."""
    return minified(name, (ROOT / name).read_text(encoding="utf-8")).encode()


def assets(files: list[str] = FILES, budget: bool = True) -> int:
    """Our quiz JavaScript and CSS, as shipped (minified), against the budget; returns the gzipped total."""
    rows = []
    total_raw = total_gz = 0
    for name in files:
        data = shipped(name)
        rows.append([f"{name} (minified; source {len((ROOT / name).read_bytes()):,})", len(data), gzipped(data)])
        total_raw += len(data)
        total_gz += gzipped(data)
    both = b"".join(shipped(name) for name in files)
    rows += [[f"total ({len(files)} files)", total_raw, total_gz], ["as one stream", len(both), gzipped(both)]]
    table(["file", "raw", "gzip"], rows)
    if not budget:
        return total_gz
    verdict = "within" if total_gz <= BUDGET else "OVER"
    print(f"budget {BUDGET:,} bytes gzipped: {verdict} ({total_gz / BUDGET:.0%} used)")
    return total_gz


def peer_assets(python: str) -> list[list[object]]:
    """What mkdocs-quiz inlines into every page that has a quiz: its CSS, JS and confetti library."""
    script = (
        "import json, mkdocs_quiz, pathlib; p = pathlib.Path(mkdocs_quiz.__file__).parent; "
        "print(json.dumps([str(p / f) for f in ('css/quiz.css', 'js/quiz.js', 'js/vendor/js-confetti.browser.js')]))"
    )
    paths = json.loads(subprocess.run([python, "-c", script], capture_output=True, text=True, check=True).stdout)
    rows: list[list[object]] = []
    for path in map(Path, paths):
        data = path.read_bytes()
        rows.append([f"mkdocs-quiz {path.parent.name}/{path.name}", len(data), gzipped(data)])
    rows.append(["mkdocs-quiz total", sum(r[1] for r in rows), sum(r[2] for r in rows)])  # type: ignore[misc]
    return rows


# ---------------------------------------------------------------- part 2: three builds of one chapter


def mkdocs_quiz_python() -> str:
    """bench/.venv-mkdocs-quiz's Python, created or brought in line with .venv's versions if needed."""
    from importlib import metadata

    pins = [f"{name}=={metadata.version(name)}" for name in SHARED] + [f"mkdocs-quiz=={MKDOCS_QUIZ}"]
    python = VENV / "bin" / "python"
    if python.exists():
        script = (
            "import json, sys; from importlib import metadata as m; "
            "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
        )
        names = [*SHARED, "mkdocs-quiz"]
        found = subprocess.run([python, "-c", script, *names], capture_output=True, text=True, check=False)
        if found.returncode == 0 and [f"{n}=={v}" for n, v in json.loads(found.stdout).items()] == pins:
            return str(python)
    print(f"setting up {VENV}: {' '.join(pins)}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", *pins], check=True)
    return str(python)


def mkdocs_quiz_markdown(slug: str, bank: Bank, headings: dict[str, str]) -> str:
    """The bank in mkdocs-quiz syntax: what an author would write for the same quiz.

    Answers are `- [x]` / `- [ ]` lines, per-answer feedback a `>` line under its
    answer, the explanation and the "Read more" link the content after the answers.
    The intro (with its reset button) and the results panel match our intro and score.
    """

    def quote(text: str) -> list[str]:
        return [f"> {line}" for line in text.splitlines()]

    lines = [f"## {bank.title or DEFAULT_TITLE} {{#quiz-{slug}}}", "", "<!-- mkdocs-quiz intro -->", ""]
    for question in bank.questions:
        lines += ["<quiz>", question.prompt]
        for option in option_list(question):
            lines.append(f"- [{'x' if option.correct else ' '}] {option.text}")
            lines += quote(option.feedback) if option.feedback else []
        lines += ["", question.explanation]
        if question.learn_more:
            title = headings.get(question.learn_more, "this section of the chapter")
            lines += ["", f"Read more: [{title}](#{question.learn_more})"]
        lines += ["</quiz>", ""]
    lines.append("<!-- mkdocs-quiz results -->")
    return "\n".join(lines)


def prerendered_docs(ours: Path, docs: Path, quiz: Callable[[str, Bank, dict[str, str]], str]) -> Path:
    """The fixture's pages written to `docs` with every macro rendered, `quiz(slug)` by `quiz(slug, bank, headings)`."""
    course = Course.load(root=ours)
    if course.problems:
        raise RuntimeError("\n".join(map(str, course.problems)))
    for src, page in course.pages.items():
        current = SimpleNamespace(file=SimpleNamespace(src_path=src), meta=page.meta)
        functions = course.macros(lambda current=current: current)
        functions["quiz"] = lambda slug, headings=page.headings: quiz(slug, course.banks[slug].bank, headings)
        front, body, _ = split_front_matter((ours / "docs" / src).read_text(encoding="utf-8"))
        body = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(body).render(**functions)
        if quiz is _no_quiz:  # links to the quiz now point at the chapter itself
            body = body.replace(f"#quiz-{CHAPTER})", ")")
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(f"---\n{front}---\n{body}" if front else body, encoding="utf-8")
    return docs


def _no_quiz(slug: str, bank: Bank, headings: dict[str, str]) -> str:
    return ""


def build_three(work: Path, peer_python: str) -> dict[str, Path]:
    """Build the fixture chapter as ours, with mkdocs-quiz, and with no quiz; returns each site folder."""
    ours = copy_site(work / "ours", FIXTURE / "docs", config_text(nav=False))
    for folder in ("quiz", "data"):
        shutil.copytree(FIXTURE / folder, ours / folder)
    build(ours, ours / "site")

    peer_config = config_text(macros=False, quiz_assets=False, nav=False, plugins=["mkdocs_quiz"])
    peer_docs = prerendered_docs(ours, work / "docs-mkdocs-quiz", mkdocs_quiz_markdown)
    peer = copy_site(work / "mkdocs-quiz", peer_docs, peer_config)
    mkdocs_build(peer, peer / "site", python=peer_python)

    bare_config = config_text(macros=False, quiz_assets=False, nav=False)
    bare_docs = prerendered_docs(ours, work / "docs-no-quiz", _no_quiz)
    bare = copy_site(work / "no-quiz", bare_docs, bare_config)
    mkdocs_build(bare, bare / "site")
    return {"ours": ours / "site", "mkdocs-quiz": peer / "site", "no quiz": bare / "site"}


# ---------------------------------------------------------------- loading a page in Chromium


@dataclass
class Load:
    """Every response one page load received, by kind: bytes raw and gzipped."""

    raw: dict[str, int] = field(default_factory=lambda: dict.fromkeys(["HTML", "CSS", "JS", "other"], 0))
    gz: dict[str, int] = field(default_factory=lambda: dict.fromkeys(["HTML", "CSS", "JS", "other"], 0))
    requests: int = 0
    failed: list[str] = field(default_factory=list)  # same-origin responses that were not 200
    outside: list[str] = field(default_factory=list)  # requests to any other host (should be none)


def load_page(browser, url: str) -> Load:
    context = browser.new_context(service_workers="block", viewport={"width": 1000, "height": 900})
    responses = []
    requests = []
    context.on("response", lambda response: responses.append(response))
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # late requests after idle (none expected)
    load = Load()
    host = urlparse(url).netloc
    for request in requests:
        parts = urlparse(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != host:
            load.outside.append(request.url)
    for response in responses:
        if urlparse(response.url).netloc != host:
            continue
        load.requests += 1
        if response.status != 200:
            load.failed.append(f"{response.status} {urlparse(response.url).path}")
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted response has no body
            body = b""
        kind = KINDS.get(response.request.resource_type, "other")
        load.raw[kind] += len(body)
        load.gz[kind] += gzipped(body) if body else 0
    context.close()
    return load


def load_pages(sites: dict[str, tuple[Path, str]]) -> dict[str, Load]:
    from playwright.sync_api import sync_playwright

    loads = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for name, (site, page) in sites.items():
            with serve(site) as url:
                loads[name] = load_page(browser, f"{url}/{page}")
        browser.close()
    return loads


def print_loads(loads: dict[str, Load]) -> None:
    base = loads["no quiz"]
    for label, attr in (("raw bytes", "raw"), ("gzipped bytes (level 9, each response)", "gz")):
        print(f"\n{label}:")
        rows = []
        for name, load in loads.items():
            part = getattr(load, attr)
            total = sum(part.values())
            extra = f"{total - sum(getattr(base, attr).values()):+,}" if name in ("ours", "mkdocs-quiz") else "-"
            rows.append([name, load.requests, *part.values(), total, extra])
        table(["page", "requests", "HTML", "CSS", "JS", "other", "total", "vs no quiz"], rows)


def per_page_cost(loads: dict[str, Load]) -> None:
    """The quiz's extra bytes split into what every page sends again (HTML) and what is cached once."""
    base = loads["no quiz"]
    rows = []
    for name in ("ours", "mkdocs-quiz"):
        load = loads[name]
        html = load.gz["HTML"] - base.gz["HTML"]
        rest = sum(load.gz.values()) - sum(base.gz.values()) - html
        rows.append([name, html, rest])
    print("\nquiz cost in gzipped bytes vs no quiz: sent again with every chapter's HTML, and cached after the first:")
    table(["page", "in each page's HTML", "CSS, JS, search index"], rows)


def pages(work: Path) -> dict[str, Load]:
    peer_python = mkdocs_quiz_python()
    print(f"\nmkdocs-quiz inlines into every page with a quiz ({versions('mkdocs-material')} in both):")
    table(["file", "raw", "gzip"], peer_assets(peer_python))
    sites = build_three(work, peer_python)
    real = work / "real-site"
    build(ROOT, real)
    chosen = {name: (site, f"{CHAPTER}.html") for name, site in sites.items()}
    chosen[f"real chapter ({REAL_CHAPTER})"] = (real, f"{REAL_CHAPTER}.html")
    loads = load_pages(chosen)
    print("\nOne chapter page loaded in headless Chromium, empty cache, service worker blocked; every same-origin")
    print("response summed (HTML, CSS, JS and other: the search index, icons). Fixture chapter, 3 questions:")
    print_loads(loads)
    per_page_cost(loads)
    for name, load in loads.items():
        if load.failed or load.outside:
            print(f"note: {name}: not 200: {load.failed or 'none'}; other hosts: {load.outside or 'none'}")
    if not any(load.outside for load in loads.values()):
        print("no request left 127.0.0.1 on any page")
    return loads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", action="store_true", help="only our quiz JS and CSS against the budget")
    args = parser.parse_args(argv)
    heading("Quiz weight: the quiz JavaScript and CSS on a chapter page (quiz.css, store.js: in site.css, site.js)")
    total_gz = assets()
    heading("Progress page: progress.js (on that page only), with quiz.css and store.js (in site.css and site.js)")
    assets(PROGRESS_FILES, budget=False)
    if not args.assets:
        heading("Quiz weight: one chapter page, ours vs mkdocs-quiz vs no quiz")
        with tempfile.TemporaryDirectory(prefix="bench-weight-") as work:
            pages(Path(work))
    return 0 if total_gz <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
