"""Every built page through the Nu HTML Checker (vnu): no errors in markup we generate.

vnu.jar comes from npm (package-lock.json) and runs on the machine's Java, once over
the whole site. A message from the theme's own markup may be allowed, but only in
the list below: exact message, the exact offending markup, and the Material
template that writes it. Every entry must still be needed, so a stale entry fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import material
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME_TEMPLATES = Path(material.__file__).parent / "templates"


@dataclass(frozen=True)
class ThemeMessage:
    message: str  # vnu's message, exactly
    markup: str  # the element it is about, exactly as the theme writes it (found in vnu's extract)
    template: str  # the Material template, under material/templates, that writes that markup
    reason: str


AUTOCOMPLETE_ON_CHECKBOX = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
# Material for MkDocs keeps its drawer and search open/closed state in two hidden checkboxes and sets
# autocomplete="off" on them so that Firefox does not restore a checked box on reload or on going back
# (Firefox bug 654072), which would reopen the drawer or the search on its own. HTML allows the
# attribute on text-like inputs only; on a checkbox it does nothing else, and assistive technology
# ignores it. Changing it would mean overriding the theme's base.html wholesale.
THEME_ALLOWED = [
    ThemeMessage(
        AUTOCOMPLETE_ON_CHECKBOX,
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        "base.html",
        "the theme's navigation-drawer toggle; autocomplete=off works around Firefox restoring it",
    ),
    ThemeMessage(
        AUTOCOMPLETE_ON_CHECKBOX,
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        "base.html",
        "the theme's search toggle; autocomplete=off works around Firefox restoring it",
    ),
]


def allowed_by(message: dict) -> ThemeMessage | None:
    for entry in THEME_ALLOWED:
        if message.get("message") == entry.message and entry.markup in message.get("extract", ""):
            return entry
    return None


@pytest.fixture(scope="module")
def vnu_run(real_site: Path) -> tuple[list[dict], set[str]]:
    """vnu over the whole built site in one JVM: its messages, and the pages it says it checked."""
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`, which installs a Java runtime"
    assert VNU.exists(), f"{VNU.relative_to(ROOT)} is missing: run `make node_modules/.installed`"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--verbose", "--skip-non-html", str(real_site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: it found errors, which are judged below
    messages = json.loads(result.stdout)["messages"]
    # --verbose names each file it checks; files it skipped come back as an info message each.
    skipped = "File was not checked."
    checked = {line.strip() for line in result.stderr.splitlines() if line.strip().endswith(".html")}
    messages = [m for m in messages if not m.get("message", "").startswith(skipped)]
    return messages, checked


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").removeprefix("file:")
    where = Path(where).relative_to(site).as_posix() if where.startswith(str(site)) else where
    extract = " ".join(message.get("extract", "").split())
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}\n    {extract}"


def test_vnu_checked_every_built_page(vnu_run: tuple[list[dict], set[str]], real_site: Path) -> None:
    _, checked = vnu_run
    pages = {str(p) for p in real_site.rglob("*.html")}
    assert len(pages) >= 12
    assert checked == pages


def test_no_html_errors_in_our_markup(vnu_run: tuple[list[dict], set[str]], real_site: Path) -> None:
    messages, checked = vnu_run
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    ours = [m for m in errors if allowed_by(m) is None]
    warnings = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    print(
        f"\nvnu: {len(checked)} pages, {len(errors)} errors ({len(errors) - len(ours)} theme-owned, allowed), "
        f"{len(warnings)} warnings"
    )
    assert ours == [], "\n".join(describe(m, real_site) for m in ours)


@pytest.mark.parametrize("entry", THEME_ALLOWED, ids=lambda entry: entry.markup[:60])
def test_each_allowed_theme_message_is_still_needed_and_is_the_themes(
    entry: ThemeMessage, vnu_run: tuple[list[dict], set[str]]
) -> None:
    messages, _ = vnu_run
    # Still needed: the theme's markup still draws this very message.
    assert any(allowed_by(m) is entry for m in messages), f"stale allow-list entry, remove it: {entry}"
    # The theme's: its template writes this markup, and our overrides do not.
    assert entry.markup in (THEME_TEMPLATES / entry.template).read_text(encoding="utf-8")
    ours = [p for p in (ROOT / "overrides").rglob("*") if p.is_file() and entry.markup in p.read_text("utf-8")]
    assert ours == [], f"the allowed markup comes from our overrides, fix it there: {ours}"
