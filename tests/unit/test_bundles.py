"""The every-page stylesheet and script, each joined from its parts by the build (macros/bundles.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from macros import bundles


def config(tmp_path: Path) -> MkDocsConfig:
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    (tmp_path / "docs").mkdir()
    errors, _ = cfg.validate()
    assert not errors
    cfg.plugins._current_plugin = None  # what MkDocs sets while it runs a hook (File.generated reads it)
    return cfg


def test_joined_keeps_the_order_and_names_each_part(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text(".a { color: red; }\n\n", encoding="utf-8")
    (tmp_path / "b.css").write_text(".b { color: blue; }", encoding="utf-8")  # no final newline
    text = bundles.joined(("a.css", "b.css"), tmp_path)
    assert text == "/* a.css */\n.a { color: red; }\n/* b.css */\n.b { color: blue; }\n"


def test_the_parts_are_replaced_by_the_bundle(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    docs = bundles.DOCS
    parts = [part for group in bundles.BUNDLES.values() for part in group]
    files = Files([File(part, str(docs), cfg["site_dir"], False) for part in parts])
    files.append(File("javascripts/quiz.js", str(docs), cfg["site_dir"], False))  # not a part: stays
    result = bundles.on_files(files, cfg)
    names = sorted(f.src_uri for f in result)
    assert names == sorted([*bundles.BUNDLES, "javascripts/quiz.js"])
    for bundle, group in bundles.BUNDLES.items():
        text = result.get_file_from_path(bundle).content_string
        starts = [text.index(f"/* {part} */") for part in group]
        assert starts == sorted(starts)  # in the order listed: store.js before the scripts that use it
        for part in group:
            assert (docs / part).read_text(encoding="utf-8").strip() in text


def test_a_bundle_is_made_even_when_the_build_lists_no_part(tmp_path: Path) -> None:
    # The Spanish build's own docs/es/ holds no scripts: the bundle still comes from docs/.
    result = bundles.on_files(Files([]), config(tmp_path))
    assert sorted(f.src_uri for f in result) == sorted(bundles.BUNDLES)


@pytest.mark.parametrize("bundle", sorted(bundles.BUNDLES))
def test_every_part_exists(bundle: str) -> None:
    for part in bundles.BUNDLES[bundle]:
        assert (bundles.DOCS / part).is_file(), part
