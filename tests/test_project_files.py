"""Help for contributors outside the site: editor settings, pre-commit hooks, issue and pull request forms.

Each file must parse and say what CONTRIBUTING.md says it does; pre-commit's own
validator (installed by `make test`) checks the hook configuration too.
"""

from __future__ import annotations

import configparser
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT

ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load_yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- pre-commit


def hooks() -> dict[str, list[dict]]:
    """Hook id -> its entries (check-yaml appears twice: mkdocs.yml needs --unsafe for !ENV)."""
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    found: dict[str, list[dict]] = {}
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            found.setdefault(hook["id"], []).append({**hook, "repo": repo["repo"], "rev": repo.get("rev")})
    return found


def test_pre_commit_runs_the_fast_check_ruff_and_a_yaml_check() -> None:
    found = hooks()
    assert set(found) == {"course-check", "ruff", "check-yaml"}
    (check,) = found["course-check"]
    assert check["repo"] == "local" and check["entry"] == ".venv/bin/python -m tools.check"
    assert check["pass_filenames"] is False
    (ruff,) = found["ruff"]
    assert ruff["repo"] == "local" and ruff["entry"].startswith(".venv/bin/ruff check")
    assert re.match(ruff["files"], "macros/site.py") and re.match(ruff["files"], "tests/test_check.py")
    yaml_hooks = found["check-yaml"]
    assert {hook["repo"] for hook in yaml_hooks} == {"https://github.com/pre-commit/pre-commit-hooks"}
    assert all(re.fullmatch(r"v\d+\.\d+\.\d+", hook["rev"]) for hook in yaml_hooks), "pin a released version"
    unsafe = [hook for hook in yaml_hooks if hook.get("args") == ["--unsafe"]]
    assert len(unsafe) == 1 and re.fullmatch(unsafe[0]["files"], "mkdocs.yml")
    (safe,) = [hook for hook in yaml_hooks if "args" not in hook]
    for skipped in ("mkdocs.yml", "tests/corpus/yaml-unclosed-quote/quiz/chapter.yml"):  # broken on purpose
        assert re.fullmatch(safe["exclude"], skipped), skipped
    assert not re.fullmatch(safe["exclude"], "quiz/red-flags.yml")


def test_local_hooks_run_only_what_the_venv_provides() -> None:
    for hook_id in ("course-check", "ruff"):
        (hook,) = hooks()[hook_id]
        assert hook["language"] == "unsupported"  # pre-commit >= 4.4; formerly `system`
        assert hook["entry"].startswith(".venv/bin/")
    assert load_yaml(ROOT / ".pre-commit-config.yaml")["minimum_pre_commit_version"] == "4.4.0"


def test_pre_commit_validates_its_config() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- editors


def jsonc(path: Path):
    """VS Code's JSON with `//` comments."""
    text = re.sub(
        r'^\s*//.*$|("(?:\\.|[^"\\])*")|\s//.*$', lambda m: m.group(1) or "", path.read_text("utf-8"), flags=re.M
    )
    return json.loads(text)


def test_vs_code_checks_every_bank_against_the_schema() -> None:
    settings = jsonc(ROOT / ".vscode" / "settings.json")
    assert settings["yaml.schemas"] == {"./quiz/schema.json": ["quiz/*.yml", "templates/quiz.yml"]}
    assert (ROOT / "quiz" / "schema.json").is_file()
    assert "redhat.vscode-yaml" in jsonc(ROOT / ".vscode" / "extensions.json")["recommendations"]


def test_editorconfig_saves_utf8_with_spaces() -> None:
    parser = configparser.ConfigParser()
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    parser.read_string("[top]\n" + text)
    assert parser["top"]["root"] == "true"
    assert parser["*"]["charset"] == "utf-8" and parser["*"]["indent_style"] == "space"
    assert parser["Makefile"]["indent_style"] == "tab"


# ---------------------------------------------------------------- GitHub forms


@pytest.mark.parametrize("name", ["content-correction.yml", "new-chapter.yml", "bug.yml"])
def test_issue_form_is_valid(name: str) -> None:
    form = load_yaml(ISSUE_FORMS / name)
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        if item["type"] != "markdown":
            assert item["attributes"]["label"] and "id" in item
    assert any(item.get("validations", {}).get("required") for item in form["body"])


@pytest.mark.parametrize("name", ["content-correction.yml", "new-chapter.yml"])
def test_content_forms_require_sources(name: str) -> None:
    form = load_yaml(ISSUE_FORMS / name)
    (sources,) = [item for item in form["body"] if item.get("id") == "sources"]
    assert sources["validations"]["required"] is True
    assert "DOI" in sources["attributes"]["description"]


def test_issue_chooser_offers_only_the_forms() -> None:
    assert load_yaml(ISSUE_FORMS / "config.yml") == {"blank_issues_enabled": False}


def test_pull_request_template_asks_for_sources_and_the_checks() -> None:
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for needed in ("## Sources", "make check", "make serve", 'cite("', "clinician", "reviewed", "own words"):
        assert needed in text, needed
