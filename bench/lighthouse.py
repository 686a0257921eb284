"""Lighthouse: our pages beside the same chapter on bare Material, interleaved in one run, offline.

Usage:
    npm ci --prefix bench --ignore-scripts --no-audit --no-fund   # once: Lighthouse 12.8.2 (bench/package-lock.json)
    python -m bench.lighthouse [--runs 3] [--keep DIR]

Builds the real site with the real build command into a temporary folder, as
published (SITE_URL set to the local address, so canonical links and the service
worker are there), serves it with Python's http.server on 127.0.0.1 (text files
gzipped, as GitHub Pages and most web servers send them; `--no-gzip` sends them
as they are), and runs
Lighthouse (mobile, its default: simulated slow 4G and a mid-range phone) with
Debian's Chromium (CHROME_PATH=/usr/bin/chromium, --headless=new --no-sandbox) on
the home page, a chapter and the red-flags page; and the same chapter and home page
built on bare Material (no macros plugin, no theme overrides, no extra CSS or
JavaScript; search, the offline plugin and the iframe-worker shim kept; every
`{{ ... }}` stripped), served the same way. Runs are interleaved (run 1 of every
page of both sites, then run 2, ...), so a change in machine load falls on both.
Prints the median of `--runs` runs per category, ours and bare side by side, the
median load metrics, every audit that errored, every audit that did not pass in
the last three categories, and any request that left 127.0.0.1 (there should be
none: the site loads nothing from other hosts, and Lighthouse 12 fetches nothing
itself).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from bench.common import (
    BENCH,
    CHROMIUM,
    ROOT,
    bare_material_config,
    build,
    heading,
    machine,
    median,
    mkdocs_build,
    strip_macros,
    table,
)
from tools.localhost import serve

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "index.html", "chapter": "what-is-neuroplastic-pain.html", "red flags": "red-flags.html"}
BARE = {"home (bare Material)": "index.html", "chapter (bare Material)": "what-is-neuroplastic-pain.html"}
INSTALL = "npm ci --prefix bench --ignore-scripts --no-audit --no-fund"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP s",
    "largest-contentful-paint": "LCP s",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
}
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(url: str, output: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    return json.loads(output.read_text(encoding="utf-8"))


def problems(report: dict, host: str) -> list[str]:
    """Errored audits, audits that did not pass outside performance, requests to other hosts, run warnings."""
    found = [f"run error: {report['runtimeError']['message']}"] if report.get("runtimeError") else []
    found += [f"warning: {text}" for text in report.get("runWarnings", [])]
    audits = report["audits"]
    for audit_id, audit in audits.items():
        if audit.get("scoreDisplayMode") == "error":
            found.append(f"audit errored: {audit_id}: {audit.get('errorMessage', '')}")
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if audit.get("scoreDisplayMode") in ("binary", "numeric") and (audit.get("score") or 0) < 1:
                found.append(f"{category}: {ref['id']} ({audit['title']}) score {audit.get('score')}")
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    for item in items:
        parts = urlparse(item.get("url", ""))
        if parts.scheme in ("http", "https") and parts.netloc != host:
            found.append(f"request to another host: {item['url']}")
    return found


def bare_site(work: Path) -> Path:
    """The course's pages, macros stripped, built on plain Material (see the module's docstring)."""
    docs = work / "bare-docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("javascripts", "stylesheets"))
    shutil.copytree(ROOT / "docs" / "javascripts" / "vendor", docs / "javascripts" / "vendor")  # the offline shim
    for page in docs.rglob("*.md"):
        page.write_text(strip_macros(page.read_text(encoding="utf-8")), encoding="utf-8")
    root = work / "bare"
    root.mkdir()
    shutil.copytree(docs, root / "docs")
    (root / "mkdocs.yml").write_text(bare_material_config(), encoding="utf-8")
    mkdocs_build(root, root / "site")
    return root / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; medians are printed")
    parser.add_argument("--keep", type=Path, help="folder to copy the JSON reports into")
    parser.add_argument("--no-gzip", action="store_true", help="send files uncompressed (both sites)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is missing: run `{INSTALL}`", file=sys.stderr)
        return 1
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    sent = "sent uncompressed" if args.no_gzip else "text files sent gzipped, as GitHub Pages sends them"
    heading(f"Lighthouse {version}, {chromium}, mobile, median of {args.runs} runs; {sent}")
    print(machine(), flush=True)  # the load average: other work on the machine moves the performance score
    scores: dict[str, dict[str, list[float]]] = {}
    metrics: dict[str, dict[str, list[float]]] = {}
    notes: dict[str, set[str]] = {}
    benchmark: list[float] = []  # Lighthouse's own measure of this machine's CPU speed, per run
    everything = {**PAGES, **BARE}
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as work:
        port, bare_port = free_port(), free_port()
        site = Path(work) / "site"
        build(ROOT, site, site_url=f"http://127.0.0.1:{port}/")
        bare = bare_site(Path(work))
        gzip = not args.no_gzip
        with serve(site, port, gzip=gzip) as base, serve(bare, bare_port, gzip=gzip) as bare_base:
            for name in everything:
                scores[name] = {c: [] for c in CATEGORIES}
                metrics[name] = {m: [] for m in METRICS}
                notes[name] = set()
            for number in range(args.runs):
                for name, page in everything.items():  # interleaved: every page of both sites in each round
                    address = bare_base if name in BARE else base
                    output = Path(work) / f"{name.replace(' ', '-')}-{number + 1}.json"
                    report = run(f"{address}/{page}", output)
                    for category in CATEGORIES:
                        scores[name][category].append(round((report["categories"][category]["score"] or 0) * 100))
                    for metric in METRICS:
                        value = report["audits"][metric].get("numericValue", 0)
                        metrics[name][metric].append(value / 1000 if metric.endswith("paint") else value)
                    notes[name].update(problems(report, urlparse(address).netloc))
                    benchmark.append(report["environment"]["benchmarkIndex"])
                    print(f"  {name} run {number + 1}: {[scores[name][c][-1] for c in CATEGORIES]}", flush=True)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for report in Path(work).glob("*.json"):
                shutil.copy(report, args.keep / report.name)
    print()
    rows = [
        [f"{name} ({everything[name]})", *(int(median(scores[name][c])) for c in CATEGORIES)] for name in everything
    ]
    table(["page", *CATEGORIES], rows)
    print("\nmedian load metrics (simulated mobile):")
    rows = [[name, *(median(metrics[name][m]) for m in METRICS)] for name in everything]
    table(["page", *METRICS.values()], rows)
    print("\nours against bare Material, same run (median performance; FCP and LCP ratios):")
    for page in ("home", "chapter"):
        ours, plain = page, f"{page} (bare Material)"
        ratio = {m: median(metrics[ours][m]) / max(median(metrics[plain][m]), 1e-9) for m in list(METRICS)[:2]}
        print(
            f"  {page}: performance {int(median(scores[ours]['performance']))} against "
            f"{int(median(scores[plain]['performance']))}; FCP {ratio['first-contentful-paint']:.2f}x, "
            f"LCP {ratio['largest-contentful-paint']:.2f}x"
        )
    low, middle, high = min(benchmark), median(benchmark), max(benchmark)
    print(f"Lighthouse's CPU benchmark index of this machine: median {middle:.0f} ({low:.0f} to {high:.0f});")
    print("its 4x mobile CPU slow-down assumes a fast desktop, so a low index lowers the performance score")
    print("load average at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    print()
    for name in everything:
        for note in sorted(notes[name]) or ["every audit passed or did not apply; no request left 127.0.0.1"]:
            print(f"{name}: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
