"""Build the site atomically: a failed build never touches the last good site/.

Usage:
    python -m tools.build

MkDocs builds into a fresh folder beside site/ with --strict; only when that
succeeds does the new folder replace site/. On failure the new folder is
deleted, MkDocs' own error lines are left on screen, and the exit code is 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.pages import ROOT


def build(root: Path = ROOT, site: Path | None = None) -> int:
    site = site or root / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(staging),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"Build failed: {site.name}/ was left as it was. Fix the problems above and run it again.", file=sys.stderr
        )
        return 1
    old = None
    if site.exists():
        old = site.with_name(f".site-old-{os.getpid()}")
        site.rename(old)
    staging.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(
        f"Built {site.relative_to(root) if site.is_relative_to(root) else site}/: "
        f"{len(files)} files, {size / 1e6:.1f} MB, in {seconds:.1f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the site atomically.")
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding mkdocs.yml")
    parser.add_argument("--site", type=Path, default=None, help="output folder (default: ROOT/site)")
    args = parser.parse_args(argv)
    return build(args.root.resolve(), args.site.resolve() if args.site else None)


if __name__ == "__main__":
    sys.exit(main())
