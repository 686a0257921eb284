"""What makes the built site work with no connection: the service worker and the clinic bundle.

`tools.build` calls both after MkDocs succeeds:

- `write_service_worker(site)` writes `site/sw.js` from `tools/templates/sw.js`, with
  this build's version (a hash of every file) and the list of files to store: one
  service worker for every language (English at the root, translations in `es/`).
- `write_bundle(site, dist)` writes `dist/<name>-offline-<version>.zip`: a start page
  in every language, the course in `course/`, nothing else. It is written beside its
  final name and renamed into place, so a failed run never leaves a half-written zip.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from string import Template

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
SERVICE_WORKER = "sw.js"

# Not stored ahead of time: source maps, sitemaps (for search engines) and the lunr
# language packs the site's search does not use (English needs none; Spanish needs
# lunr.es and the stemmer support, see lunr_packs); fetched and kept only if asked for.
SKIP_SUFFIXES = (".map", "sitemap.xml", "sitemap.xml.gz")
LUNR = re.compile(r"^(?:(?P<folder>[a-z]{2})/)?assets/javascripts/lunr/")
# The service worker runs over http(s) only, where search reads search_index.json; the
# offline plugin's search_index.js (the same index as a script) is for file:// alone.
FILE_URL_ONLY = re.compile(r"^(?:[a-z]{2}/)?search/search_index\.js$")
# MkDocs writes 404.html with addresses from the server's root ("/assets/…"), for web
# servers to show on a missing page. Opened from a folder it would be unstyled and
# broken, so the clinic zip leaves it out (intranet servers show their own). Nor does
# it carry source maps (for developers' tools) or lunr packs that no language uses.
NOT_IN_BUNDLE = re.compile(r"^(?:[a-z]{2}/)?404\.html$")


def site_files(site: Path) -> list[str]:
    """Every file of the built site, as sorted '/'-separated paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def version_of(site: Path, files: list[str]) -> str:
    """A short hash of every file's path and bytes: any change to the site changes it."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def search_languages(site: Path, folder: str) -> list[str]:
    """The languages of a build's search index (`theme: language:`), e.g. ["es"]; [] without one."""
    index = site / folder / "search" / "search_index.json"
    try:
        return list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def lunr_packs(languages: list[str]) -> set[str]:
    """The lunr files Material's search worker loads for these languages (its importScripts)."""
    packs = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if len(languages) > 1:
        packs.add("min/lunr.multi.min.js")
    return packs | {"min/lunr.stemmer.support.min.js"} if packs else set()


def needed(files: list[str], site: Path) -> list[str]:
    """`files` minus the lunr language packs that no build's search uses."""
    packs: dict[str, set[str]] = {}
    kept = []
    for name in files:
        match = LUNR.match(name)
        if match:
            folder = match.group("folder") or ""
            if folder not in packs:
                packs[folder] = lunr_packs(search_languages(site, folder))
            if name[match.end() :] not in packs[folder]:
                continue
        kept.append(name)
    return kept


def precache_list(files: list[str], site: Path | None = None) -> list[str]:
    """What a reader needs offline, each file once: every page, style, script, image, the
    search index and the lunr packs its language needs (none for English), in every
    language. No "./" beside "index.html": the worker answers a folder address with
    the folder's index.html (tools/templates/sw.js)."""
    return [
        name
        for name in needed(files, site or Path("."))
        if name != SERVICE_WORKER
        and not NOT_IN_BUNDLE.match(name)
        and not FILE_URL_ONLY.match(name)
        and not name.endswith(SKIP_SUFFIXES)
    ]


def write_service_worker(site: Path) -> str:
    """Write site/sw.js for this build; returns the build's version."""
    files = [name for name in site_files(site) if name != SERVICE_WORKER]
    version = version_of(site, files)
    source = (TEMPLATES / "sw.js").read_text(encoding="utf-8")
    source = source.replace('"__VERSION__"', json.dumps(version))
    source = source.replace("__PRECACHE__", json.dumps(precache_list(files, site), indent=0).replace("\n", ""))
    (site / SERVICE_WORKER).write_text(source, encoding="utf-8")
    return version


def project(root: Path) -> tuple[str, str]:
    """The project's name and version, from pyproject.toml (the repository's, if `root` has none)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        path = REPOSITORY / "pyproject.toml"
    with path.open("rb") as handle:
        meta = tomllib.load(handle)["project"]
    return meta["name"], meta["version"]


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH if set (reproducible releases), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


MONTHS = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}
DATES = {"es": "{day} de {month} de {year}"}


def spoken_date(date: datetime, language: str) -> str:
    """ "1 June 2026" in English, "1 de junio de 2026" in Spanish: never the machine's locale."""
    if language not in MONTHS:
        return f"{date.day} {date.strftime('%B')} {date.year}"
    return DATES[language].format(day=date.day, month=MONTHS[language][date.month - 1], year=date.year)


def start_page(titles: dict[str, str] | str, version: str, date: datetime) -> str:
    """START-HERE.html: the English page (tools/templates/start-here.html) with, for each
    translation in `titles` ({"": English title, "es": Spanish title}), its readers' part
    under the English one and its staff notes under the English ones (start-here.es.html,
    two parts split by `<!-- staff -->`)."""
    titles = {"": titles} if isinstance(titles, str) else titles
    readers, staff, others = [], [], []
    for folder, title in titles.items():
        if not folder:
            continue
        part = Template((TEMPLATES / f"start-here.{folder}.html").read_text(encoding="utf-8"))
        text = part.substitute(title=title, version=version, date=spoken_date(date, folder))
        top, _, bottom = text.partition("<!-- staff -->\n")
        readers.append(top.rstrip("\n"))
        staff.append(bottom.rstrip("\n"))
        others.append(f" / {title}")
    template = Template((TEMPLATES / "start-here.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=titles[""], version=version, date=spoken_date(date, "en"),
        other_titles="".join(others), other_readers="\n".join(readers), other_staff="\n".join(staff),
    )  # fmt: skip


def write_bundle(site: Path, dist: Path, root: Path, title: dict[str, str] | str) -> Path:
    """Zip the site for clinics (every language; `title` by language folder, see start_page);
    returns the zip's path. Atomic: written aside, then renamed."""
    name, version = project(root)
    folder = f"{name}-offline-{version}"
    target = dist / f"{folder}.zip"
    dist.mkdir(parents=True, exist_ok=True)
    date = build_date()
    stamp = time.gmtime(date.timestamp())[:6]
    handle, partial = tempfile.mkstemp(prefix=f".{folder}-", suffix=".zip.part", dir=dist)
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:

            def add(arcname: str, data: bytes) -> None:
                info = zipfile.ZipInfo(f"{folder}/{arcname}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, data)

            add("START-HERE.html", start_page(title, version, date).encode("utf-8"))
            for relative in needed(site_files(site), site):
                if NOT_IN_BUNDLE.match(relative) or relative.endswith(".map"):
                    continue
                add(f"course/{relative}", (site / relative).read_bytes())
        os.chmod(partial, 0o644)  # mkstemp makes it private; a release file is for everyone
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target
