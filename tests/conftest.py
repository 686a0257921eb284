"""Shared fixtures: fixture sites built with the project's real configuration."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


def prepare_site(name: str, destination: Path) -> Path:
    """Copy fixture `name` beside the project's mkdocs.yml (minus its nav), theme overrides and assets."""
    target = destination / name
    shutil.copytree(SITES / name, target)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("\nnav:")[0]  # a fixture's pages are its own
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (target / "macros").symlink_to(ROOT / "macros", target_is_directory=True)  # module_name: macros is local
    shutil.copytree(ROOT / "overrides", target / "overrides")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / folder, target / "docs" / folder)
    return target


def built_site(name: str, destination: Path, port: int | None = None) -> Path:
    """Fixture `name` built into `destination`: for the web at 127.0.0.1:`port`, or, without a port,
    as for a USB stick (no site_url, so no instant navigation: what file:// gets). Returns its site/."""
    root = prepare_site(name, destination)
    result = build(root, site_url=f"http://127.0.0.1:{port}/" if port else "")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def build(root: Path, site: Path | None = None, site_url: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real build command on a folder; returns the finished process with its output.

    `site_url` is what the publishing workflow sets (SITE_URL); Material's instant
    navigation needs it. Offline copies are built without it.
    """
    command = [sys.executable, "-m", "tools.build", "--root", str(root)]
    if site:
        command += ["--site", str(site)]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
    )


Result = TypeVar("Result")
WORKERS = max(1, min(2, os.cpu_count() or 1))  # each case runs a new Python process


def run_cases(
    request: pytest.FixtureRequest, test_name: str, run: Callable[[str], Result]
) -> Iterator[dict[str, Future[Result]]]:
    """Start `run(case)` for the `case` parameter of every collected run of `test_name`, WORKERS at a time.

    For a module-scoped fixture to `yield from`: each test then waits for its own case's Future,
    so `-k` selections run only what they select.
    """
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if getattr(item, "originalname", "") == test_name
    ]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        yield {case: pool.submit(run, case) for case in selected}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def good_port() -> int:
    """The port the good site is served on: its site_url names it, as GitHub Pages' would."""
    return free_port()


@pytest.fixture(scope="session")
def good_site(tmp_path_factory: pytest.TempPathFactory, good_port: int) -> Path:
    """The `good` fixture site, built once as for the web: the folder with its site/ inside."""
    return built_site("good", tmp_path_factory.mktemp("sites"), good_port).parent


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, built once into a temporary folder whose parent does not exist yet (`--site` allows it)."""
    site = tmp_path_factory.mktemp("real") / "not-yet" / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
