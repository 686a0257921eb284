"""The publishing workflows do what the README says: test, strict build, official Pages actions, zip on release."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def steps(path: Path) -> list[dict]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(path: Path) -> str:
    return "\n".join(step.get("run", "") for step in steps(path))


def uses(path: Path) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(path) if "uses" in step]


def test_pages_workflow_tests_builds_and_deploys_with_official_actions() -> None:
    pages = WORKFLOWS / "pages.yml"
    commands = runs(pages)
    assert commands.index("bash .ci/run") < commands.index("make build")  # nothing deploys untested
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(pages))
    build = next(step for step in steps(pages) if step.get("run") == "make build")
    assert "vars.SITE_URL" in build["env"]["SITE_URL"]  # the address is configuration, not code


def test_release_workflow_attaches_the_offline_zip() -> None:
    release = WORKFLOWS / "release.yml"
    commands = runs(release)
    assert commands.index("bash .ci/run") < commands.index("make build")
    assert "gh release create" in commands and "dist/*-offline-*.zip" in commands
    assert "pyproject.toml" in commands  # the tag must match the version the zip is named after


def test_pull_requests_run_the_readme_test_command() -> None:
    ci = WORKFLOWS / "ci.yml"
    workflow = yaml.safe_load(ci.read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "bash .ci/run" in runs(ci)
