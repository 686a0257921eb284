"""Markdown fragments as safe HTML (macros/render.py) and the quiz HTML (macros/quiz.py)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.banks import Bank, load_bank
from macros.quiz import render_quiz
from macros.render import Renderer

# The extensions Course.load() renders fragments with.
RENDERER = Renderer(["abbr", "attr_list", "md_in_html"])


# ---------------------------------------------------------------- inline and block

# (case, method, Markdown, exact HTML)
FRAGMENTS = [
    (
        "emphasis, inline",
        "inline",
        "Some *emphasis* and **strong**",
        "Some <em>emphasis</em> and <strong>strong</strong>",
    ),
    ("emphasis, block", "block", "Some *emphasis*", "<p>Some <em>emphasis</em></p>"),
    ("underscore emphasis", "inline", "_this_ and __that__", "<em>this</em> and <strong>that</strong>"),
    ("code span", "inline", "Run `make test` now", "Run <code>make test</code> now"),
    (
        ".md link becomes .html",
        "inline",
        "See [red flags](red-flags.md)",
        'See <a href="red-flags.html" rel="noopener noreferrer">red flags</a>',
    ),
    (
        ".md link keeps its anchor",
        "inline",
        "See [help](red-flags.md#get-emergency-help-now)",
        'See <a href="red-flags.html#get-emergency-help-now" rel="noopener noreferrer">help</a>',
    ),
    (
        ".md link in a folder",
        "inline",
        "[x](../part/page.md#a-b)",
        '<a href="../part/page.html#a-b" rel="noopener noreferrer">x</a>',
    ),
    (
        "anchor on this page is left alone",
        "inline",
        "[x](#the-pain-highway)",
        '<a href="#the-pain-highway" rel="noopener noreferrer">x</a>',
    ),
    (
        "external .md address is left alone",
        "inline",
        "[x](https://example.org/readme.md)",
        '<a href="https://example.org/readme.md" rel="noopener noreferrer">x</a>',
    ),
    ("single paragraph unwrapped by inline", "inline", "One paragraph.", "One paragraph."),
    ("single paragraph kept by block", "block", "One paragraph.", "<p>One paragraph.</p>"),
    ("two paragraphs kept by inline", "inline", "One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
    ("bullet list kept by block", "block", "- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("numbered list kept by block", "block", "1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
    ("paragraph then list", "block", "Why:\n\n- a", "<p>Why:</p>\n<ul>\n<li>a</li>\n</ul>"),
    ("ampersand is escaped once", "inline", "AT&T", "AT&amp;T"),
    ("less-than in prose", "inline", "a < b", "a &lt; b"),
    ("an image is dropped", "inline", "![alt](x.png)", ""),
    ("code span with an ampersand shows it once", "inline", "`a & b`", "<code>a &amp; b</code>"),
    ("code span with a tag shows the tag as typed", "inline", "`<br>`", "<code>&lt;br&gt;</code>"),
]


@pytest.mark.parametrize(("case", "method", "text", "html"), FRAGMENTS, ids=[row[0] for row in FRAGMENTS])
def test_fragment_renders(case: str, method: str, text: str, html: str) -> None:
    assert str(getattr(RENDERER, method)(text)) == html


def test_renderer_resets_between_calls() -> None:
    first = RENDERER.block("Text with a footnote-like [ref].\n\n[ref]: https://example.org")
    second = RENDERER.block("[ref]")
    assert "example.org" in first
    assert second == "<p>[ref]</p>"


# ---------------------------------------------------------------- injection


class _Tags(HTMLParser):
    """Every element and attribute in a fragment, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: list[str] = []  # each start tag as written, attribute values still escaped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.raw.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


# (case, text typed in a bank, what must show as escaped text, or None)
PAYLOADS = [
    ("script element", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("img with onerror", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("svg with onload", "<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;"),
    ("javascript: link in Markdown", "[click](javascript:alert(1))", None),
    ("javascript: link in mixed case", "[click](JaVaScRiPt:alert(1))", None),
    ("javascript: reference-style link", "[click][x]\n\n[x]: javascript:alert(1)", None),
    ("data: URL link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", None),
    ("vbscript: link", "[click](vbscript:msgbox(1))", None),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "&lt;iframe"),
    ("raw a href=javascript:", '<a href="javascript:alert(1)">x</a>', "&lt;a href="),
    ("breaking out of an attribute", '"><script>alert(1)</script>', "&lt;script&gt;"),
    ("style element", "<style>body{display:none}</style>", "&lt;style&gt;"),
    ("event handler attribute in raw HTML", '<p onclick="alert(1)">hi</p>', "&lt;p onclick="),
    ("event handler in a link title", '[x](https://example.org "t" onmouseover="alert(1)")', None),
    ("event handler through attr_list", 'Text\n{: onclick="alert(1)" }', None),
    ("HTML entity-encoded javascript: in a link", "[click](&#106;avascript:alert(1))", None),
    ("HTML entity-encoded javascript: in raw HTML", '<a href="&#106;avascript:alert(1)">x</a>', "&lt;a href="),
    ("autolink to javascript:", "<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
    ("md_in_html block", '<div markdown="1" onclick="alert(1)">*x*</div>', "&lt;div markdown="),
]

FORBIDDEN_TAGS = {"script", "iframe", "style", "svg", "img", "object", "embed", "form", "input", "math", "link", "meta"}
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")


@pytest.mark.parametrize("method", ["inline", "block"])
@pytest.mark.parametrize(("case", "payload", "escaped"), PAYLOADS, ids=[row[0] for row in PAYLOADS])
def test_injection_is_neutralised(case: str, payload: str, escaped: str | None, method: str) -> None:
    html = str(getattr(RENDERER, method)(payload))
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "<style" not in lowered
    parsed = parse(html)
    # `javascript:` may show as text (a typed tag, escaped); never inside markup
    assert not any("javascript:" in tag.lower() for tag in parsed.raw), html
    if escaped is None:
        assert "javascript:" not in lowered
    for tag, attrs in parsed.tags:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith(FORBIDDEN_SCHEMES), html
    if escaped is not None:
        assert escaped in html


def test_the_injection_table_is_long_enough() -> None:
    assert len(PAYLOADS) >= 10


# ---------------------------------------------------------------- the quiz HTML

BANK = """\
title: Try it
questions:
  - id: pick-one
    type: single
    prompt: Which is *right*?
    options:
      - text: This one
        correct: true
      - text: That one
        feedback: It is not.
    explanation: |
      Because.

      It is.
    learn_more: the-pain-highway
  - id: pick-many
    type: multiple
    prompt: Which apply?
    options:
      - text: A
        correct: true
      - text: B
        feedback: No.
      - text: C
        correct: true
    explanation: A and C.
    learn_more: not-a-heading-here
  - id: yes-or-no
    type: true-false
    prompt: Pain is real.
    answer: false
    feedback: It is real.
    explanation: Always.
"""
HEADINGS = {"the-pain-highway": "The pain highway"}
VOID = {"input", "br", "img", "hr", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    path = tmp_path_factory.mktemp("quiz") / "demo.yml"
    path.write_text(BANK, encoding="utf-8")
    loaded = load_bank(path, "quiz/demo.yml")
    assert loaded.problems == []
    return loaded.bank


@pytest.fixture(scope="module")
def html(bank: Bank) -> str:
    return render_quiz("demo", bank, RENDERER, HEADINGS)


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.content: list[Element | str] = []  # child elements and text, in document order

    @property
    def children(self) -> list[Element]:
        return [c for c in self.content if isinstance(c, Element)]

    def ancestors(self) -> list[Element]:
        node, found = self.parent, []
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.walk()
            if e.tag == tag and all(attrs_match(e.attrs.get(k.rstrip("_")), v) for k, v in attrs.items())
        ]

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)


def attrs_match(actual: str | None, wanted: str) -> bool:
    return actual is not None and wanted in actual.split()


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.content.append(data)


def tree_of(html: str) -> Element:
    parser = Tree()
    parser.feed(html)
    parser.close()
    assert parser.current is parser.root, "an element is left open"
    return parser.root


def test_quiz_is_one_section_with_a_title(html: str) -> None:
    root = tree_of(html)
    assert [e.tag for e in root.children] == ["section"]
    section = root.children[0]
    assert section.attrs["id"] == "quiz-demo"
    assert section.attrs["data-quiz"] == "demo"
    assert [h.all_text() for h in section.find("h2")] == ["Try it"]


def test_one_fieldset_with_a_legend_per_question(html: str) -> None:
    fieldsets = tree_of(html).find("fieldset")
    assert [f.attrs["data-qid"] for f in fieldsets] == ["pick-one", "pick-many", "yes-or-no"]
    assert [f.attrs["data-type"] for f in fieldsets] == ["single", "multiple", "true-false"]
    for number, fieldset in enumerate(fieldsets, start=1):
        legends = [c for c in fieldset.children if c.tag == "legend"]
        assert len(legends) == 1
        assert fieldset.children[0] is legends[0], "the legend must be the fieldset's first child"
        assert legends[0].all_text().startswith(f"Question {number} of 3.")
    assert "Which is <em>right</em>?</legend>" in html


# (question id, input type, option texts)
INPUTS = [
    ("pick-one", "radio", ["This one", "That one"]),
    ("pick-many", "checkbox", ["A", "B", "C"]),
    ("yes-or-no", "radio", ["True", "False"]),
]


@pytest.mark.parametrize(("qid", "kind", "texts"), INPUTS, ids=[row[0] for row in INPUTS])
def test_inputs_have_the_right_type_and_a_label(html: str, qid: str, kind: str, texts: list[str]) -> None:
    root = tree_of(html)
    fieldset = next(f for f in root.find("fieldset") if f.attrs["data-qid"] == qid)
    inputs = fieldset.find("input")
    assert [i.attrs["type"] for i in inputs] == [kind] * len(texts)
    assert {i.attrs["name"] for i in inputs} == {f"quiz-demo-{qid}"}
    labels = {label.attrs["for"]: label.all_text() for label in fieldset.find("label")}
    for letter, (element, text) in zip("ABCDEFGH", zip(inputs, texts, strict=True), strict=False):
        assert element.attrs["id"] in labels
        assert labels[element.attrs["id"]] == f"{letter}. {text}"


def test_every_input_is_disabled_in_the_static_html(html: str) -> None:
    inputs = tree_of(html).find("input")
    assert len(inputs) == 7
    assert all("disabled" in i.attrs for i in inputs)


def test_check_and_try_again_sit_in_a_hidden_container(html: str) -> None:
    root = tree_of(html)
    buttons = root.find("button", class_="quiz-check") + root.find("button", class_="quiz-retry")
    assert len(buttons) == 6
    for button in buttons:
        container = button.parent
        assert container.tag == "div" and "quiz-actions" in container.attrs["class"].split()
        assert "hidden" in container.attrs
    footer = root.find("div", class_="quiz-footer")
    assert len(footer) == 1 and "hidden" in footer[0].attrs


def test_the_answer_is_in_a_closed_details(html: str) -> None:
    root = tree_of(html)
    details = root.find("details")
    assert len(details) == 3
    for element in details:
        assert "open" not in element.attrs
        assert element.children[0].tag == "summary"
        assert element.children[0].all_text() == "Show the answer"
    keys = root.find("p", class_="quiz-key")
    assert [k.all_text() for k in keys] == ["Answer: A.", "Answers: A, C.", "Answer: B."]
    for key in keys + root.find("div", class_="quiz-explanation") + root.find("ul", class_="quiz-why"):
        assert any(a.tag == "details" for a in key.ancestors())


def test_feedback_region_is_polite_live_region(html: str) -> None:
    regions = tree_of(html).find("div", class_="quiz-feedback")
    assert len(regions) == 3
    for region in regions:
        assert region.attrs["aria-live"] == "polite"
        assert region.attrs["role"] == "status"
        assert region.content == []


def test_data_correct_marks_exactly_the_correct_options(html: str) -> None:
    marked = {i.attrs["id"] for i in tree_of(html).find("input") if "data-correct" in i.attrs}
    assert marked == {"quiz-demo-pick-one-1", "quiz-demo-pick-many-1", "quiz-demo-pick-many-3", "quiz-demo-yes-or-no-2"}


def test_wrong_options_show_their_feedback(html: str) -> None:
    why = [li.all_text() for li in tree_of(html).find("li") if "data-option" in li.attrs]
    assert why == [
        "A. Right.",
        "B. Not right. It is not.",
        "A. Right.",
        "B. Not right. No.",
        "C. Right.",
        "A. Not right. It is real.",
        "B. Right.",
    ]


def test_learn_more_links_to_the_heading_with_its_title(html: str) -> None:
    links = [
        (a.attrs["href"], a.all_text()) for p in tree_of(html).find("p", class_="quiz-learn-more") for a in p.find("a")
    ]
    assert links == [("#the-pain-highway", "The pain highway"), ("#not-a-heading-here", "this section of the chapter")]


def test_explanation_keeps_its_paragraphs(html: str) -> None:
    first = tree_of(html).find("div", class_="quiz-explanation")[0]
    assert [p.all_text() for p in first.find("p")] == ["Because.", "It is."]


def test_html_has_no_blank_line(html: str) -> None:
    assert html == html.strip()
    assert all(line.strip() for line in html.splitlines())


def test_ids_are_unique(html: str) -> None:
    ids = Counter(e.attrs["id"] for e in tree_of(html).walk() if "id" in e.attrs)
    assert ids and max(ids.values()) == 1, [i for i, n in ids.items() if n > 1]


def test_aria_references_point_at_existing_ids(html: str) -> None:
    root = tree_of(html)
    ids = {e.attrs["id"] for e in root.walk() if "id" in e.attrs}
    for element in root.walk():
        for name in ("aria-describedby", "aria-labelledby"):
            if name in element.attrs:
                assert element.attrs[name] in ids


def test_default_title_and_no_headings(bank: Bank) -> None:
    untitled = bank.model_copy(update={"title": None})
    html = render_quiz("demo", untitled, RENDERER)
    assert '<h2 class="quiz-title" id="quiz-demo-title">Check your understanding</h2>' in html
    assert '<a href="#the-pain-highway">this section of the chapter</a>' in html


def test_bank_text_is_sanitised_inside_the_quiz(tmp_path: Path) -> None:
    path = tmp_path / "evil.yml"
    path.write_text(
        "questions:\n"
        "  - id: evil\n"
        "    type: single\n"
        '    prompt: "<script>alert(1)</script> [x](javascript:alert(1))"\n'
        "    options:\n"
        '      - text: "<img src=x onerror=alert(1)>"\n'
        "        correct: true\n"
        "      - text: A wrong answer, longer than the right one\n"  # (the longest-answer rule)
        '        feedback: "<iframe src=x></iframe>"\n'
        '    explanation: "<style>*{}</style>"\n',
        encoding="utf-8",
    )
    loaded = load_bank(path)
    assert loaded.problems == []
    html = render_quiz("evil", loaded.bank, RENDERER)
    for forbidden in ("<script", "<img", "<iframe", "<style", "javascript:"):
        assert forbidden not in html
    assert "&lt;script&gt;" in html
