"""Build the site in every language and the clinic bundle atomically: a failed build never touches the last good ones.

Usage:
    python -m tools.build [--root DIR] [--site DIR] [--dist DIR] [--no-bundle]

MkDocs builds each language with --strict, at the same time (one process each):
English from mkdocs.yml into a fresh folder beside site/, and each translation
from its own configuration (mkdocs.es.yml) into a folder of its own, moved into
the English one's es/ when every build has succeeded. Then the service worker,
which covers every language, is written (tools/offline.py) and the new folder
replaces site/; then the offline zip is written into dist/ under a temporary
name and renamed into place. On failure the new folders are deleted, MkDocs'
own error lines are left on screen (each under its language), and the exit
code is 1. Before the service worker is written, the course's own scripts and
stylesheets are minified in place (tools/minify.py), so its version covers them.

SITE_URL (the public address, set by the publishing workflow) goes into the web
build only: the zip is always built without it, for file:// and intranets. A
translation's address is SITE_URL plus its folder (`es/`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.pages import ROOT
from tools.minify import minify_site
from tools.offline import write_bundle, write_service_worker

MAIN = "mkdocs.yml"


def translations(root: Path) -> dict[str, str]:
    """Each translation's folder in the site and its configuration: {"es": "mkdocs.es.yml"}."""
    return {path.name.split(".")[1]: path.name for path in sorted(root.glob("mkdocs.*.yml"))}


def mkdocs(root: Path, target: Path, site_url: str, config: str = MAIN) -> bool:
    """Run MkDocs' strict build into `target`, showing its warnings and errors but not its INFO lines.

    Not `--quiet`: that hides warnings from MkDocs itself, so `--strict` would no
    longer turn a broken link or a missing image into a failed build.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "COURSE_SERVICE_WORKER": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["--config-file", str(root / config), "--site-dir", str(target)]
    result = subprocess.run(command, env=env, check=False, stderr=subprocess.PIPE, text=True)
    shown = [line for line in result.stderr.splitlines() if not line.startswith("INFO ")]
    if shown and config != MAIN:
        shown.insert(0, f"{config}:")
    if shown:
        print("\n".join(shown), file=sys.stderr)  # one write: the languages' messages never interleave
    return result.returncode == 0


def build_languages(root: Path, target: Path, site_url: str) -> bool:
    """Every language into `target` (English) and `target/<folder>/` (translations), built at the same
    time; False, with `target` left half-built for the caller to delete, if any build failed."""
    others = translations(root)
    folders = {folder: Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent)) for folder in others}
    try:
        with ThreadPoolExecutor(max_workers=1 + len(others)) as pool:
            main = pool.submit(mkdocs, root, target, site_url)
            jobs = [
                pool.submit(mkdocs, root, folders[folder], site_url and f"{site_url.rstrip('/')}/{folder}/", config)
                for folder, config in others.items()
            ]
            built = [job.result() for job in [main, *jobs]]
        if not all(built):
            return False
        for folder, staging in folders.items():
            # A web server shows the site's own 404.html for any missing address; a translation's
            # would only be reached by mistake, with links from the server's root that are wrong.
            (staging / "404.html").unlink(missing_ok=True)
            staging.rename(target / folder)
        return True
    finally:
        for staging in folders.values():
            shutil.rmtree(staging, ignore_errors=True)


def site_title(root: Path, config: str = MAIN) -> str:
    for line in (root / config).read_text(encoding="utf-8").splitlines():
        if line.startswith("site_name:"):
            return line.partition(":")[2].strip()
    return "The course"


def site_titles(root: Path) -> dict[str, str]:
    """The course's title in each language, by its folder in the site ("" for English)."""
    return {"": site_title(root), **{folder: site_title(root, config) for folder, config in translations(root).items()}}


def shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def build(root: Path = ROOT, site: Path | None = None, dist: Path | None = None, bundle: bool = True) -> int:
    site = site or root / "site"
    dist = dist or root / "dist"
    site_url = os.environ.get("SITE_URL", "")
    site.parent.mkdir(parents=True, exist_ok=True)  # `--site out/new/site` works like `mkdocs build -d`
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    offline = None
    started = time.perf_counter()
    try:
        if not build_languages(root, staging, site_url):
            kept = f"{site.name}/ and the zip were left as they were"
            print(f"Build failed: {kept}. Fix the problems above and build again.", file=sys.stderr)
            return 1
        minify_site(staging)  # before the service worker, whose version hashes every file
        version = write_service_worker(staging)
        if bundle and site_url:
            offline = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
            if not build_languages(root, offline, ""):
                print(f"Offline build failed: {site.name}/ and the zip were left as they were.", file=sys.stderr)
                return 1
            minify_site(offline)
            write_service_worker(offline)  # for clinics that host the zip on an intranet
        old = site.with_name(f".site-old-{os.getpid()}")
        if site.exists():
            site.rename(old)
        staging.rename(site)
        shutil.rmtree(old, ignore_errors=True)
        seconds = time.perf_counter() - started
        files = [p for p in site.rglob("*") if p.is_file()]
        size = f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB"
        languages = "".join(f" and {folder}/" for folder in translations(root))
        print(f"Built {shown(site, root)}/{languages}: {len(files)} files, {size}, build {version}, in {seconds:.1f} s")
        if bundle:
            zipped = write_bundle(offline or site, dist, root, site_titles(root))
            print(f"Offline bundle {shown(zipped, root)}: {zipped.stat().st_size / 1e6:.1f} MB")
        return 0
    finally:
        # Whatever happened, no build folder is left beside site/ (after the swap, staging is gone already).
        for folder in (staging, offline):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the site and the offline zip atomically.")
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding mkdocs.yml")
    parser.add_argument("--site", type=Path, default=None, help="output folder (default: ROOT/site)")
    parser.add_argument("--dist", type=Path, default=None, help="folder for the offline zip (default: ROOT/dist)")
    parser.add_argument("--no-bundle", action="store_true", help="skip the offline zip")
    args = parser.parse_args(argv)
    resolve = lambda path: path.resolve() if path else None  # noqa: E731
    return build(args.root.resolve(), resolve(args.site), resolve(args.dist), bundle=not args.no_bundle)


if __name__ == "__main__":
    sys.exit(main())
