"""What makes the built site work with no connection: the service worker and the clinic bundle.

`tools.build` calls both after MkDocs succeeds:

- `write_service_worker(site)` writes `site/sw.js` from `tools/templates/sw.js`, with
  this build's version (a hash of every file) and the list of files to store.
- `write_bundle(site, dist)` writes `dist/<name>-offline-<version>.zip`: a start page,
  the course in `course/`, nothing else. It is written beside its final name and
  renamed into place, so a failed run never leaves a half-written zip.
"""

from __future__ import annotations

import hashlib
import json
import os
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

# Not stored ahead of time: source maps, sitemaps (for search engines) and lunr's
# language packs (English search needs none); fetched and kept only if asked for.
SKIP_PREFIXES = ("assets/javascripts/lunr/",)
SKIP_SUFFIXES = (".map", "sitemap.xml", "sitemap.xml.gz")
# The service worker runs over http(s) only, where search reads search_index.json; the
# offline plugin's search_index.js (the same index as a script) is for file:// alone.
FILE_URL_ONLY = ("search/search_index.js",)
# MkDocs writes 404.html with addresses from the server's root ("/assets/…"), for web
# servers to show on a missing page. Opened from a folder it would be unstyled and
# broken, so the clinic zip leaves it out (intranet servers show their own).
NOT_IN_BUNDLE = ("404.html",)


def site_files(site: Path) -> list[str]:
    """Every file of the built site, as sorted '/'-separated paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def version_of(site: Path, files: list[str]) -> str:
    """A short hash of every file's path and bytes: any change to the site changes it."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def precache_list(files: list[str]) -> list[str]:
    """What a reader needs offline, each file once: every page, style, script, image and the
    search index. No "./" beside "index.html": the worker answers a folder address with
    the folder's index.html (tools/templates/sw.js)."""
    return [
        name
        for name in files
        if name != SERVICE_WORKER
        and name not in NOT_IN_BUNDLE
        and name not in FILE_URL_ONLY
        and not name.startswith(SKIP_PREFIXES)
        and not name.endswith(SKIP_SUFFIXES)
    ]


def write_service_worker(site: Path) -> str:
    """Write site/sw.js for this build; returns the build's version."""
    files = [name for name in site_files(site) if name != SERVICE_WORKER]
    version = version_of(site, files)
    source = (TEMPLATES / "sw.js").read_text(encoding="utf-8")
    source = source.replace('"__VERSION__"', json.dumps(version))
    source = source.replace("__PRECACHE__", json.dumps(precache_list(files), indent=0).replace("\n", ""))
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


def start_page(title: str, version: str, date: datetime) -> str:
    template = Template((TEMPLATES / "start-here.html").read_text(encoding="utf-8"))
    return template.substitute(title=title, version=version, date=date.strftime("%d %B %Y").lstrip("0"))


def write_bundle(site: Path, dist: Path, root: Path, title: str) -> Path:
    """Zip the site for clinics; returns the zip's path. Atomic: written aside, then renamed."""
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
            for relative in site_files(site):
                if relative in NOT_IN_BUNDLE:
                    continue
                add(f"course/{relative}", (site / relative).read_bytes())
        os.chmod(partial, 0o644)  # mkstemp makes it private; a release file is for everyone
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target
