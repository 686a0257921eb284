"""The benchmarks' site variants (bench/common.py) are real MkDocs configurations of what they claim.

A benchmark that silently measures the wrong thing, or stops with a traceback after a change to
mkdocs.yml, is worse than none; these load each variant as MkDocs would before building it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from bench import common
from bench.common import ROOT, bare_material_config, config_text, copy_site


def loaded(text: str, tmp_path: Path):
    root = copy_site(tmp_path / "site", ROOT / "docs", text, extra=("quiz", "data"))
    return load_config(config_file=str(root / "mkdocs.yml"))


def extra_files(cfg) -> tuple[list[str], list[str]]:
    return [str(css) for css in cfg["extra_css"]], [str(js.path) for js in cfg["extra_javascript"]]


def hooks(cfg) -> list[str]:
    return sorted(Path(name).name for name in cfg["hooks"])


def test_the_course_as_it_is(tmp_path: Path) -> None:
    cfg = loaded(config_text(), tmp_path)
    assert extra_files(cfg) == (["stylesheets/site.css"], ["javascripts/site.js"])
    assert hooks(cfg) == ["bundles.py", "languages.py"]
    assert "macros" in cfg["plugins"] and "material/offline" in cfg["plugins"]


def test_without_macros_and_quiz_files_course_css_and_js_load_as_they_are(tmp_path: Path) -> None:
    cfg = loaded(config_text(macros=False, quiz_assets=False), tmp_path)
    assert extra_files(cfg) == (["stylesheets/course.css"], ["javascripts/course.js"])
    assert hooks(cfg) == ["languages.py"]
    assert "macros" not in cfg["plugins"]


def test_bare_material_has_none_of_ours(tmp_path: Path) -> None:
    cfg = loaded(bare_material_config(), tmp_path)
    assert extra_files(cfg) == ([], [])
    assert hooks(cfg) == [] and cfg["theme"].custom_dir is None
    assert sorted(cfg["plugins"]) == ["material/offline", "material/search"]


@pytest.mark.parametrize(
    "gone, variant",
    [("extra_css:", lambda: config_text(macros=False, quiz_assets=False)), ("hooks:", bare_material_config)],
)
def test_a_changed_mkdocs_yml_stops_the_benchmark_with_what_is_missing(gone, variant, tmp_path, monkeypatch) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(gone, "renamed_" + gone[:-1] + ":")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(common, "ROOT", tmp_path)
    with pytest.raises(RuntimeError, match="mkdocs.yml: .* was not found"):
        variant()
