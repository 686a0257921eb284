"""The publishing workflows do what the README says (test, strict build, official Pages actions, zip on
release), and they are hardened: actions pinned to commits, least token permissions per job, no token
left in a checkout. zizmor, run by `make test`, audits the same things; these tests name our rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ALL = sorted(WORKFLOWS.glob("*.yml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


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


def test_the_release_publishes_the_zips_sha256_beside_it() -> None:
    release = WORKFLOWS / "release.yml"
    commands = runs(release)
    assert re.search(r'sha256sum "\$zipped" > "\$zipped\.sha256"', commands)  # `sha256sum -c` reads it back
    publish = commands[commands.index("gh release create"):]
    assert "dist/*-offline-*.zip.sha256" in publish
    assert commands.index("SOURCE_DATE_EPOCH") < commands.index("sha256sum")  # the hash of the reproducible zip


# ---------------------------------------------------------------- hardening


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?P<comment>.*)$", re.M)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path: Path) -> None:
    found = list(USES.finditer(path.read_text(encoding="utf-8")))
    assert len(found) == len(uses(path)) > 0  # the pattern sees every step that uses an action
    for use in found:
        where = f"{path.name}: {use[0].strip()}"
        assert re.fullmatch(r"[0-9a-f]{40}", use["ref"]), f"{where}: pin a full commit hash"
        assert re.fullmatch(r"\s+#\s+v\d+\.\d+\.\d+\s*", use["comment"]), f"{where}: say which version, `# vX.Y.Z`"


def test_one_action_version_is_one_commit_everywhere() -> None:
    commits: dict[tuple[str, str], set[str]] = {}
    for path in ALL:
        for use in USES.finditer(path.read_text(encoding="utf-8")):
            commits.setdefault((use["action"], use["comment"].strip()), set()).add(use["ref"])
    assert commits and all(len(refs) == 1 for refs in commits.values()), commits


# Every job and the token permissions it may have; a new job must be added here, with its reason.
JOB_PERMISSIONS = {
    ("ci.yml", "test"): {"contents": "read"},  # check out and test
    ("pages.yml", "build"): {"contents": "read", "pages": "read"},  # configure-pages reads the site's address
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},  # the only job that may publish
    ("release.yml", "release"): {"contents": "write"},  # creates the release
}


def test_each_job_has_only_the_permissions_it_needs() -> None:
    jobs = {(path.name, name): job for path in ALL for name, job in load(path)["jobs"].items()}
    assert set(jobs) == set(JOB_PERMISSIONS)
    for key, job in jobs.items():
        assert job.get("permissions") == JOB_PERMISSIONS[key], key
    for path in ALL:
        assert load(path)["permissions"] in ({}, {"contents": "read"}), f"{path.name}: grant write access per job"


def test_the_job_that_publishes_runs_no_code_of_ours() -> None:
    deploy = load(WORKFLOWS / "pages.yml")["jobs"]["deploy"]
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert not [step for step in deploy["steps"] if "run" in step]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_checkout_keeps_the_token(path: Path) -> None:
    checkouts = [step for step in steps(path) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)
    assert "git push" not in runs(path)  # no job pushes, so none needs the token in .git/config


def test_dependabot_updates_every_pinned_dependency() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    watched = {(update["package-ecosystem"], update["directory"]) for update in config["updates"]}
    packages = [ROOT / "package.json", *ROOT.glob("*/package.json")]
    npm_folders = {"/" if package.parent == ROOT else f"/{package.parent.name}" for package in packages}
    assert watched == {("pip", "/"), ("github-actions", "/")} | {("npm", folder) for folder in npm_folders}
    assert all(update.get("cooldown", {}).get("default-days", 0) >= 1 for update in config["updates"])
