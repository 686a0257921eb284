"""What the build ships: the course's own scripts and stylesheets minified in place (tools/minify.py),
and the local server that benchmarks use sending text gzipped as GitHub Pages does (tools/localhost.py)."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from tools.localhost import serve
from tools.minify import course_assets, minified, minify_site

CASES = [
    # (file name, source, what must survive, what must go)
    ("a.js", "/* a comment */\nvar  x = 1;  // note\n", ["var x=1"], ["a comment", "note"]),
    ("a.js", 'var s = "/* not a comment */";\n', ['"/* not a comment */"'], []),  # strings are kept whole
    ("a.js", "var r = /a\\/b/g; var u = 'x' +\n  'y';\n", ["/a\\/b/g", "'x'+'y'"], []),  # regular expressions too
    ("a.css", "/* why */\n.quiz {\n  margin: 0 ;\n}\n", [".quiz{margin:0}"], ["why"]),
    ("a.css", '.q::after { content: "  two  spaces  "; }\n', ['"  two  spaces  "'], []),  # CSS strings kept
]


@pytest.mark.parametrize("name, source, kept, gone", CASES)
def test_minified_keeps_behaviour_and_drops_comments_and_space(name, source, kept, gone) -> None:
    small = minified(name, source)
    for text in kept:
        assert text in small
    for text in gone:
        assert text not in small
    assert len(small) < len(source)


def test_only_scripts_and_stylesheets_are_minified() -> None:
    with pytest.raises(ValueError, match="only .js and .css"):
        minified("page.html", "<p>x</p>")


def test_minify_site_covers_every_language_and_leaves_vendor_files(tmp_path: Path) -> None:
    ours = {"javascripts/quiz.js": "/* c */ var a = 1;\n", "es/stylesheets/quiz.css": "/* c */ a { b: c; }\n"}
    theirs = {
        "javascripts/vendor/shim.js": "/* licence */ var v = 1;\n",  # third-party: as its authors ship it
        "assets/javascripts/bundle.js": "/* c */ x;\n",  # Material's own, minified already
    }
    for name, text in {**ours, **theirs}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in course_assets(tmp_path)) == sorted(ours)
    before, after = minify_site(tmp_path)
    assert after < before
    for name in ours:
        assert "/* c */" not in (tmp_path / name).read_text(encoding="utf-8")
    for name, text in theirs.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text


@pytest.mark.parametrize("gzip_on, name, encoded", [
    (True, "page.html", True),
    (True, "", True),             # a folder address answers with its index.html, gzipped too
    (True, "image.png", False),   # images are compressed already
    (False, "page.html", False),  # the default: as `python -m http.server` sends it
])  # fmt: skip
def test_serve_sends_text_gzipped_when_asked(tmp_path: Path, gzip_on, name, encoded) -> None:
    (tmp_path / "page.html").write_text("<p>" + "words " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(100))
    with serve(tmp_path, gzip=gzip_on) as base:
        request = urllib.request.Request(f"{base}/{name}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert (response.headers.get("Content-Encoding") == "gzip") is encoded
    expected = (tmp_path / (name or "index.html")).read_bytes()
    assert (gzip.decompress(body) if encoded else body) == expected
