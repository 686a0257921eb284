"""The build's offline parts without a browser: the service worker file and the clinic zip."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, build, prepare_site
from tests.test_contributing import clean_copy
from tools.build import site_titles
from tools.offline import precache_list, version_of, write_bundle

pytestmark = pytest.mark.site


def precached(sw: str) -> list[str]:
    return json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw, re.S).group(1))


def zip_in(folder: Path) -> Path:
    (zipped,) = folder.glob("*-offline-*.zip")
    return zipped


def test_service_worker_stores_every_page_and_names_this_build(good_site: Path) -> None:
    site = good_site / "site"
    sw = (site / "sw.js").read_text(encoding="utf-8")
    stored = precached(sw)
    pages = sorted(p.name for p in site.glob("*.html") if p.name != "404.html")
    assert set(pages) <= set(stored)
    assert "sw.js" not in stored
    assert "search/search_index.json" in stored
    assert not [name for name in stored if name.endswith(".map") or name.startswith("assets/javascripts/lunr/")]
    assert all((site / name).is_file() for name in stored)
    # Each file once: no "./" beside index.html, no search_index.js (the same index, for file:// only)
    assert len(stored) == len(set(stored))
    assert "index.html" in stored and "./" not in stored
    assert "search/search_index.js" not in stored and (site / "search" / "search_index.js").is_file()
    assert '{ cache: "no-cache" }' in sw  # what the page already loaded is checked, not downloaded again
    assert re.search(r'var VERSION = "[0-9a-f]{12}";', sw)
    assert "__PRECACHE__" not in sw and "__VERSION__" not in sw


def test_the_version_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("one", encoding="utf-8")
    (tmp_path / "b.css").write_text("two", encoding="utf-8")
    first = version_of(tmp_path, ["a.html", "b.css"])
    assert version_of(tmp_path, ["a.html", "b.css"]) == first  # same files, same version
    (tmp_path / "b.css").write_text("two!", encoding="utf-8")
    assert version_of(tmp_path, ["a.html", "b.css"]) != first
    files = ["404.html", "a.html", "index.html", "search/search_index.js", "search/search_index.json", "sw.js",
             "x.js.map", "sitemap.xml"]  # fmt: skip
    assert precache_list(files) == ["a.html", "index.html", "search/search_index.json"]


def test_the_zip_has_a_start_page_and_the_course(good_site: Path) -> None:
    zipped = zip_in(good_site / "dist")
    assert re.fullmatch(r"neuroplastic-back-pain-course-offline-\d+\.\d+\.\d+\.zip", zipped.name)
    assert zipped.stat().st_mode & 0o777 == 0o644
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        folder = zipped.name.removesuffix(".zip")
        assert all(name.startswith(f"{folder}/") for name in names)  # one folder, not files spilled everywhere
        assert f"{folder}/START-HERE.html" in names
        assert f"{folder}/course/index.html" in names
        assert f"{folder}/course/search/search_index.js" in names  # search from file://
        assert f"{folder}/course/404.html" not in names
        start = archive.read(f"{folder}/START-HERE.html").decode("utf-8")
    assert 'href="course/index.html"' in start
    for topic in ("USB stick", "intranet", "Update it", "Version 0.1.0"):
        assert topic in start
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", start)  # nothing from another host


def test_the_zip_is_built_without_the_public_address(good_site: Path) -> None:
    web = (good_site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1' in web  # the web build knows its address
    # A site with no translation (no mkdocs.es.yml beside its mkdocs.yml) has no switch and no alternates
    assert "data-course-language" not in web and 'rel="alternate"' not in web
    with zipfile.ZipFile(zip_in(good_site / "dist")) as archive:
        (index,) = [n for n in archive.namelist() if n.endswith("/course/index.html")]
        offline = archive.read(index).decode("utf-8")
    assert "http://127.0.0.1" not in offline
    assert "navigation.instant" not in offline  # needs an address; never starts on file://
    with zipfile.ZipFile(zip_in(good_site / "dist")) as archive:
        (sw,) = [n for n in archive.namelist() if n.endswith("/course/sw.js")]  # for intranet hosting
        assert "chapter.html" in precached(archive.read(sw).decode("utf-8"))


def test_only_the_real_build_asks_for_a_service_worker(good_site: Path, tmp_path: Path) -> None:
    built = (good_site / "site" / "chapter.html").read_text(encoding="utf-8")
    assert '<meta name="course-service-worker" content="sw.js">' in built
    # `mkdocs serve` and plain `mkdocs build` write no sw.js, so their pages must not ask for one
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain")],
        cwd=good_site, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_SERVICE_WORKER": ""},
    )
    assert plain.returncode == 0, plain.stderr
    assert "course-service-worker" not in (tmp_path / "plain" / "chapter.html").read_text(encoding="utf-8")
    assert not (tmp_path / "plain" / "sw.js").exists()


def test_a_failed_build_keeps_the_last_site_and_zip(tmp_path: Path) -> None:
    root = prepare_site("good", tmp_path)
    assert build(root).returncode == 0
    zipped = zip_in(root / "dist")
    before_zip, before_page = zipped.read_bytes(), (root / "site" / "chapter.html").read_bytes()
    bank = next((root / "quiz").glob("*.yml"))
    bank.write_text(bank.read_text(encoding="utf-8") + "\n  - this: [is not valid\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert zipped.read_bytes() == before_zip
    assert (root / "site" / "chapter.html").read_bytes() == before_page
    assert sorted(p.name for p in (root / "dist").iterdir()) == [zipped.name]  # no partial zip left behind
    assert not [p for p in root.iterdir() if p.name.startswith(".site")]


def test_a_failed_offline_build_leaves_no_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With SITE_URL set the zip needs a second build; if only that one fails, nothing changes and nothing is left."""
    from tools import build as build_module

    calls = []

    def web_then_failing_offline(root: Path, target: Path, site_url: str) -> bool:
        calls.append(site_url)
        (target / "index.html").write_text("new", encoding="utf-8")
        return bool(site_url)  # the web build succeeds, the offline one (no address) fails

    monkeypatch.setattr(build_module, "mkdocs", web_then_failing_offline)
    monkeypatch.setenv("SITE_URL", "https://example.org/course/")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("last good", encoding="utf-8")
    assert build_module.build(tmp_path) == 1
    assert calls == ["https://example.org/course/", ""]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no .site-new-* and no dist/


# ---------------------------------------------------------------- both languages


def fake_mkdocs(calls: list[tuple[str, str]], failing: str = ""):
    """Stands in for tools.build.mkdocs: writes a page and a 404 page naming the configuration, fails for `failing`."""

    def run(root: Path, target: Path, site_url: str, config: str = "mkdocs.yml") -> bool:
        calls.append((config, site_url))
        (target / "index.html").write_text(config, encoding="utf-8")
        (target / "404.html").write_text(config, encoding="utf-8")
        return config != failing

    return run


def test_both_languages_are_built_into_one_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools import build as build_module

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(build_module, "mkdocs", fake_mkdocs(calls))
    monkeypatch.setenv("SITE_URL", "https://example.org/course/")
    for config in ("mkdocs.yml", "mkdocs.es.yml"):
        (tmp_path / config).write_text("site_name: x\n", encoding="utf-8")
    assert build_module.build(tmp_path, bundle=False) == 0
    # each language gets its own public address: the Spanish pages' canonical links and sitemap say es/
    assert sorted(calls) == [
        ("mkdocs.es.yml", "https://example.org/course/es/"),
        ("mkdocs.yml", "https://example.org/course/"),
    ]
    site = tmp_path / "site"
    assert (site / "index.html").read_text(encoding="utf-8") == "mkdocs.yml"
    assert (site / "es" / "index.html").read_text(encoding="utf-8") == "mkdocs.es.yml"
    assert (site / "404.html").is_file() and not (site / "es" / "404.html").exists()  # servers show the root's
    assert (site / "sw.js").is_file() and not (site / "es" / "sw.js").exists()  # one service worker for both
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.es.yml", "mkdocs.yml", "site"]


def test_a_failed_translation_keeps_the_last_site_and_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """English builds, Spanish fails: nothing changes, nothing is left behind, exit code 1."""
    from tools import build as build_module

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(build_module, "mkdocs", fake_mkdocs(calls, failing="mkdocs.es.yml"))
    for config in ("mkdocs.yml", "mkdocs.es.yml"):
        (tmp_path / config).write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("last good", encoding="utf-8")
    assert build_module.build(tmp_path) == 1
    assert sorted(config for config, _ in calls) == ["mkdocs.es.yml", "mkdocs.yml"]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.es.yml", "mkdocs.yml", "site"]  # no dist/


def test_the_web_build_lists_both_languages_as_hreflang_alternates(tmp_path: Path) -> None:
    """With an address (SITE_URL, as the publishing workflow builds), each page's <head> names itself and
    the same page in the other language by full address; the switch in the header stays relative."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", "mkdocs.es.yml", "-d", str(tmp_path / "es")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/course/es/"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "es" / "red-flags.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="(\w+)">', page) == [
        ("https://example.org/course/es/red-flags.html", "es"),
        ("https://example.org/course/red-flags.html", "en"),
    ]
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*data-course-language', page) == [
        ("../red-flags.html", "en")
    ]
    assert '<html lang="es"' in page


def test_the_service_worker_covers_both_languages(real_site: Path) -> None:
    stored = precached((real_site / "sw.js").read_text(encoding="utf-8"))
    spanish = sorted(f"es/{p.name}" for p in (real_site / "es").glob("*.html"))
    assert len(spanish) >= 20 and set(spanish) <= set(stored)
    assert "es/search/search_index.json" in stored and "es/search/search_index.js" not in stored
    index = json.loads((real_site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]  # Spanish stemming and stop words (theme: language: es)
    assert all(doc["location"] for doc in index["docs"])
    # Spanish search over HTTP needs lunr's Spanish stemmer; English needs no pack, and no other language is stored
    lunr = sorted(name for name in stored if "/lunr/" in name)
    assert lunr == [
        "es/assets/javascripts/lunr/min/lunr.es.min.js",
        "es/assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    ]
    assert all((real_site / name).is_file() for name in stored)
    assert not (real_site / "es" / "sw.js").exists()
    page = (real_site / "es" / "red-flags.html").read_text(encoding="utf-8")
    assert '<meta name="course-service-worker" content="../sw.js">' in page  # the root's, covering both


def test_the_zip_carries_both_languages_with_a_start_page_in_both(real_site: Path, tmp_path: Path) -> None:
    zipped = write_bundle(real_site, tmp_path, ROOT, site_titles(ROOT))
    with zipfile.ZipFile(zipped) as archive:
        names = {name.split("/", 1)[1] for name in archive.namelist()}
        start = archive.read(f"{zipped.stem}/START-HERE.html").decode("utf-8")
    for language in ("", "es/"):
        assert {f"course/{language}index.html", f"course/{language}red-flags.html"} <= names
        assert f"course/{language}search/search_index.js" in names  # search from file://, in each language
    assert not [name for name in names if name.endswith((".map", "404.html"))]
    assert sorted(name for name in names if "/lunr/" in name) == [
        "course/es/assets/javascripts/lunr/min/lunr.es.min.js",
        "course/es/assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    ]
    # One start page for both: the Spanish part in Spanish (lang="es"), opening the Spanish course
    spanish = start[start.index('<section lang="es"') :]
    assert 'href="course/es/index.html"' in spanish and "Abrir el curso en español" in spanish
    assert 'href="course/es/red-flags.html"' in spanish and "Para el personal de la clínica" in spanish
    assert site_titles(ROOT)["es"] in start and site_titles(ROOT)[""] in start
    assert start.index('href="course/index.html"') < start.index('href="course/es/index.html"')
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", start)


# ---------------------------------------------------------------- reproducible zip

RELEASE_EPOCH = "1780315200"  # 1 June 2026, 12:00 UTC: what release.yml takes from the tagged commit


def release_zip(root: Path, out: Path, time_zone: str) -> bytes:
    """Build `root` as release.yml does (SOURCE_DATE_EPOCH set, no SITE_URL) into `out`; the zip's bytes."""
    out.mkdir(parents=True)
    command = [sys.executable, "-m", "tools.build", "--root", str(root)]
    command += ["--site", str(out / "site"), "--dist", str(out / "dist")]
    release = {"SITE_URL": "", "SOURCE_DATE_EPOCH": RELEASE_EPOCH, "TZ": time_zone}
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **release},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return zip_in(out / "dist").read_bytes()


def differences(first: bytes, second: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(first)) as one, zipfile.ZipFile(io.BytesIO(second)) as two:
        a = {info.filename: (info.date_time, one.read(info)) for info in one.infolist()}
        b = {info.filename: (info.date_time, two.read(info)) for info in two.infolist()}
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name)) or ["(entry order or metadata)"]


def test_the_release_zip_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    """The real course built twice, the second time later, from another checkout and in another time zone."""
    first = release_zip(ROOT, tmp_path / "first", "UTC")
    elsewhere = clean_copy(tmp_path / "elsewhere")
    second = release_zip(elsewhere, tmp_path / "second", "Pacific/Auckland")
    assert first == second, f"the two zips differ in: {differences(first, second)[:10]}"
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 6, 1, 12, 0, 0)}  # the epoch, not now
        (start,) = [name for name in archive.namelist() if name.endswith("/START-HERE.html")]
        start_page = archive.read(start).decode("utf-8")
        assert "made on 1 June 2026." in start_page and "hecha el 1 de junio de 2026." in start_page
