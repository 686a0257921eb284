"""The whole course, loaded and cross-checked before any page renders.

`Course.load()` reads every bank, data file and page, and returns every problem
it finds (file, line, how to fix). The build refuses to start while there are
any; the fast check prints them. The page macros are methods of `Course`.
"""

from __future__ import annotations

import datetime
import difflib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from ruamel.yaml.comments import CommentedSeq

from . import content, figures, pemat, tools, translations
from .banks import LoadedBank, load_banks, stray_banks
from .data import Diagrams, FindingsTable, Glossary, IconArrays, Loaded, RedFlags, References, load, slug
from .pages import ROOT, page_files, split_front_matter
from .quiz import Chapter, Place, render_progress, render_quiz
from .render import Renderer
from .site import BUILTIN_NAMES, CHAPTER_KEYS, Page, read_page
from .words import Words, load_words, site_language
from .yamlfile import Problem, line_of

# Macro name -> (what it does, an example). The conventions page lists these.
MACROS = {
    "quiz": ("the chapter's self-check quiz, from quiz/<slug>.yml", '{{ quiz("red-flags") }}'),
    "cite": ("citation links to the references page", '{{ cite("ashar-2022", "kent-2023") }}'),
    "learning_objectives": (
        "minutes to read, review date and the chapter's objectives",
        "{{ learning_objectives() }}",
    ),
    "key_points_summary": ("the chapter's key points", "{{ key_points_summary() }}"),
    "findings_chart": ("the chart of scan findings in people without back pain", "{{ findings_chart() }}"),
    "icon_array": (
        'a trial result as "out of 100 people", from data/icon-arrays.yml',
        '{{ icon_array("prt-trial") }}',
    ),
    "diagram": (
        "a picture of an idea (a cycle, or two roads), from data/diagrams.yml",
        '{{ diagram("fear-avoidance") }}',
    ),
    "review_status": (
        "a table of the chapters with their review dates (about page)",
        "{{ review_status() }}",
    ),
    "pemat_table": (
        "a table of the chapters' PEMAT scores, from data/pemat/ (about page)",
        "{{ pemat_table() }}",
    ),
    "red_flags": (
        'one red-flag list: "emergency", "urgent", "soon" or "clinicians"',
        '{{ red_flags("emergency") }}',
    ),
    "red_flags_summary": (
        "a boxed reminder: the emergency signs and a line for each other tier",
        "{{ red_flags_summary() }}",
    ),
    "glossary": ("the whole glossary (glossary page only)", "{{ glossary() }}"),
    "references": ("the reference list (references page only)", "{{ references() }}"),
    "progress": ("every chapter's quiz score and the questions to look at again", "{{ progress() }}"),
    "clear_saved": ("the button that clears what the course kept in this browser", "{{ clear_saved() }}"),
    "flare_plan": ("the reader's flare-up plan, a form kept in this browser", "{{ flare_plan() }}"),
    "my_questions": (
        "the reader's list of questions for the visit, with suggested questions",
        '{{ my_questions("What should I do if my pain flares up?") }}',
    ),
}
PROGRESS_PAGE = "progress.md"

DATA_FILES = {
    "references": ("data/references.yml", References, "a reference key such as `ashar-2022:`", dict),
    "glossary": ("data/glossary.yml", Glossary, "`- term:`", list),
    "red_flags": ("data/red-flags.yml", RedFlags, "`emergency:`", dict),
    "findings": ("data/brinjikji-2015.yml", FindingsTable, "`source:`", dict),
    "icon_arrays": ("data/icon-arrays.yml", IconArrays, "an icon-array id such as `prt-trial:`", dict),
    "diagrams": ("data/diagrams.yml", Diagrams, "a diagram id such as `fear-avoidance:`", dict),
}


@dataclass
class Course:
    root: Path
    renderer: Renderer
    banks: dict[str, LoadedBank] = field(default_factory=dict)
    data: dict[str, Loaded[Any]] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)  # by src path, e.g. "red-flags.md"
    problems: list[Problem] = field(default_factory=list)
    words: Words = field(default_factory=dict)
    menu: list[str] = field(default_factory=list)  # page src paths in menu order (mkdocs.yml nav)
    # PEMAT score files by chapter (data/pemat/<slug>.yml); None: the site has no data/pemat/ (fixture sites)
    scores: dict[str, Loaded[pemat.ScoreFile]] | None = None
    # In the live preview (`make serve`), a chapter not scored yet, scored before its last review or below
    # the goal is a note, not a problem, so that a chapter can be written before it is scored. The fast
    # check and the build always count them as problems.
    preview: bool = False
    notes: list[Problem] = field(default_factory=list)
    language: str = translations.ENGLISH  # a translation ("es") reads quiz/<language>/, data/<language>/
    # The red-flags page's section ids for each list, from the English data file (a translation keeps them).
    flag_anchors: dict[str, str] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        return self.language != translations.ENGLISH

    # ------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        root: Path = ROOT,
        extensions: Iterable[Any] = ("abbr", "attr_list", "md_in_html"),
        configs: dict[str, Any] | None = None,
        jinja: jinja2.Environment | None = None,
        docs_dir: str = "docs",
        language: str | None = None,
        nav: Any = None,
        preview: bool = False,
        english: Course | None = None,
    ) -> Course:
        """The course in `language` (the site's by default). For a translation, `english` (the English
        course, if loaded already) saves reading the English files again."""
        language = language or site_language(root)
        course = cls(root=root, renderer=Renderer(), preview=preview, language=language)
        course._load_data(english)
        course.words, problems = load_words(root, language)
        course.problems.extend(problems)
        extensions = list(extensions)
        configs = dict(configs or {})
        if "abbr" in extensions:
            configs["abbr"] = {**configs.get("abbr", {}), "glossary": course.glossary_terms()}
        course.renderer = Renderer(extensions, configs)
        quiz = root / translations.quiz_folder(language)
        course.banks = load_banks(quiz, display_root=root, language=language)
        course.problems.extend(stray_banks(quiz, display_root=root))
        known = set(MACROS) | BUILTIN_NAMES
        jinja = jinja or jinja2.Environment()
        docs = root / docs_dir
        for path in page_files(docs):
            src = path.relative_to(docs).as_posix()
            display = path.relative_to(root).as_posix()
            course.pages[src] = read_page(path, display, jinja, known, explicit_ids=course.translated)
        if nav is None:
            nav = _nav_of(root, "mkdocs.yml" if not course.translated else f"mkdocs.{language}.yml")
        course.menu = menu_order(nav, list(course.pages))
        if pemat.folder_exists(root):
            course.scores, stray = pemat.load_scores(root)
            course.problems.extend(stray)
        course._check()
        if course.translated:
            course.problems.extend(translations.sync_problems(root, language, docs_dir, course, english))
        course.problems.sort(key=lambda p: (p.path, p.line, p.message))
        course.notes.sort(key=lambda p: (p.path, p.line, p.message))
        return course

    def _load_data(self, english: Course | None = None) -> None:
        for name, (source, model, starts_with, top) in DATA_FILES.items():
            relative = translations.data_file(source.removeprefix("data/"), self.language)
            path = self.root / relative
            if not path.exists():
                continue  # a fixture site may not need every file; a macro that needs it says so
            top_type = CommentedSeq if top is list else None
            kwargs = {"top": top_type} if top_type else {}
            if relative != source:
                kwargs = {"translation": True, "glossary": top is list}
            self.data[name] = load(path, model, relative, starts_with, **kwargs)
        if self.translated:
            self._keep_glossary_ids(english)
        english_flags = self.data.get("red_flags")
        if english is not None:
            english_flags = english.data.get("red_flags")
        elif self.translated and (self.root / DATA_FILES["red_flags"][0]).exists():
            english_flags = load(self.root / DATA_FILES["red_flags"][0], RedFlags, DATA_FILES["red_flags"][0], "")
        if english_flags and english_flags.model:
            self.flag_anchors = {n: slug(getattr(english_flags.model, n).heading) for n in RedFlags.lists()}

    def _keep_glossary_ids(self, english: Course | None) -> None:
        """A translated glossary lists the English terms in the English order: each keeps the English id,
        so that `see`, the glossary page's anchors and links are the same in every language. (A different
        number of terms is reported by macros/translations.py.)"""
        loaded = self.data.get("glossary")
        source = english.data.get("glossary") if english is not None else None
        path = self.root / DATA_FILES["glossary"][0]
        if source is None and path.exists():
            source = load(path, Glossary, DATA_FILES["glossary"][0], "`- term:`", top=CommentedSeq)
        if not loaded or not loaded.model or not source or not source.model:
            return
        if len(loaded.model.root) == len(source.model.root):
            for term, original in zip(loaded.model.root, source.model.root, strict=True):
                term.keep_id(original.id)

    def data_path(self, name: str) -> str:
        """Where a data file (a key of DATA_FILES) is in this course's language, like `data/es/diagrams.yml`."""
        return translations.data_file(DATA_FILES[name][0].removeprefix("data/"), self.language)

    def model(self, name: str) -> Any:
        loaded = self.data.get(name)
        return loaded.model if loaded else None

    @property
    def references(self) -> dict[str, Any]:
        model = self.model("references")
        return model.root if model else {}

    @property
    def references_unread(self) -> bool:
        """data/references.yml has problems of its own: checking keys against it would only add noise."""
        loaded = self.data.get("references")
        return loaded is not None and loaded.model is None

    # ------------------------------------------------------------ checks

    def _check(self) -> None:
        add = self.problems.extend
        for loaded in self.data.values():
            add(loaded.problems)
        for bank in self.banks.values():
            add(bank.problems)
        for page in self.pages.values():
            add(page.problems)
        add(self._check_glossary())
        add(self._check_findings())
        add(self._check_icon_arrays())
        add(self._check_diagrams())
        add(self._check_red_flags())
        add(self._check_bank_sources())
        for problem, not_yet in [] if self.translated else self._check_scores():  # scores are for the English
            (self.notes if self.preview and not_yet else self.problems).append(problem)
        used: dict[str, str] = {}
        for src, page in self.pages.items():
            add(self._check_page(src, page, used))
        add(link_problems(self, outside=False))

    def _check_glossary(self) -> Iterable[Problem]:
        loaded = self.data.get("glossary")
        if not loaded or not loaded.model:
            return
        ids = [t.id for t in loaded.model.root]
        for index, term in enumerate(loaded.model.root):
            line = line_of(loaded.tree, (index,))
            if ids.count(term.id) > 1:
                yield Problem(loaded.display, line, f"entry '{term.term}': the term appears twice; keep one entry")
            for target in term.see:
                if target not in ids:
                    yield Problem(
                        loaded.display,
                        line_of(loaded.tree, (index, "see")),
                        f"entry '{term.term}': `see` names `{target}`, which is not a term here; "
                        f"use one of: {', '.join(sorted(ids))}",
                    )

    def _check_findings(self) -> Iterable[Problem]:
        loaded = self.data.get("findings")
        if self.references_unread:
            return
        if loaded and loaded.model and loaded.model.source not in self.references:
            yield Problem(
                loaded.display,
                line_of(loaded.tree, ("source",)),
                f"`source` names `{loaded.model.source}`, which is not in data/references.yml",
            )

    def _check_red_flags(self) -> Iterable[Problem]:
        """Each part's sources are references; each heading is on the red-flags page (the reminder box links there)."""
        loaded = self.data.get("red_flags")
        if not loaded or not loaded.model:
            return
        page = self.pages.get(content.RED_FLAGS_PAGE)
        for name in RedFlags.lists():
            flag_list = getattr(loaded.model, name)
            anchor = self.flag_anchors.get(name) or slug(flag_list.heading)
            if page and anchor not in page.headings and not self.translated:
                yield Problem(
                    loaded.display,
                    line_of(loaded.tree, (name, "heading")),
                    f"`{name}`: the heading '{flag_list.heading}' is not on {page.display}"
                    f"{_suggest(anchor, page.headings)}; write it as a heading there, or copy a heading from there: "
                    f"{', '.join(page.headings) or 'none'}",
                )
            for index, part in enumerate(flag_list.parts):
                for number, key in enumerate(part.sources):
                    if key not in self.references and not self.references_unread:
                        yield Problem(
                            loaded.display,
                            line_of(loaded.tree, (name, "parts", index, "sources", number)),
                            f"`{name}`, part {index + 1}: unknown reference `{key}`{_suggest(key, self.references)}; "
                            "add it to data/references.yml first",
                        )

    def _check_icon_arrays(self) -> Iterable[Problem]:
        loaded = self.data.get("icon_arrays")
        if not loaded or not loaded.model or self.references_unread:
            return
        for key, array in loaded.model.root.items():
            if array.source not in self.references:
                yield Problem(
                    loaded.display,
                    line_of(loaded.tree, (key, "source")),
                    f"icon array '{key}': `source` names `{array.source}`, which is not in data/references.yml"
                    f"{_suggest(array.source, self.references)}; add it there first",
                )

    def _check_diagrams(self) -> Iterable[Problem]:
        loaded = self.data.get("diagrams")
        if not loaded or not loaded.model or self.references_unread:
            return
        for key, diagram in loaded.model.root.items():
            for number, source in enumerate(diagram.sources):
                if source not in self.references:
                    yield Problem(
                        loaded.display,
                        line_of(loaded.tree, (key, "sources", number)),
                        f"diagram '{key}': `sources` names `{source}`, which is not in data/references.yml"
                        f"{_suggest(source, self.references)}; add it there first",
                    )

    def _check_bank_sources(self) -> Iterable[Problem]:
        for bank in self.banks.values():
            if not bank.bank or self.references_unread:
                continue
            for index, question in enumerate(bank.bank.questions):
                for number, key in enumerate(question.sources):
                    if key not in self.references:
                        yield Problem(
                            bank.display,
                            bank.line_of("questions", index, "sources", number),
                            f"question '{question.id}': unknown reference `{key}`"
                            f"{_suggest(key, self.references)}; add it to data/references.yml first",
                        )

    def _check_scores(self) -> Iterable[tuple[Problem, bool]]:
        """With data/pemat/: a score file for every chapter and for chapters only, scored since the
        chapter's `reviewed` date, at or above the goal (macros/pemat.py has the items and the arithmetic).

        Each problem comes with whether it only says the chapter is not scored (yet) as it is now: no file,
        scored before the last review, or below the goal. The live preview shows those as notes."""
        if self.scores is None:
            return
        for loaded in self.scores.values():
            yield from ((problem, False) for problem in loaded.problems)
        chapters = {src.removesuffix(".md"): page for src, page in self.pages.items() if page.is_chapter}
        for slug_, loaded in self.scores.items():
            page = self.pages.get(f"{slug_}.md")
            if page is None:
                yield _hard(
                    loaded.display,
                    1,
                    f"there is no page docs/{slug_}.md{_suggest(slug_, chapters)}; a score file is named after "
                    "its chapter: rename it, or delete it if the chapter is gone",
                )
                continue
            if not page.is_chapter:
                yield _hard(
                    loaded.display,
                    1,
                    f"{page.display} is not a chapter (it has no quiz); only chapters are scored: delete this file",
                )
                continue
            if loaded.model is None:
                continue  # its own problems say why
            yield from ((problem, True) for problem in self._check_score(page, loaded))
        for slug_, page in chapters.items():
            if slug_ not in self.scores and not front_matter_unread(page):
                yield (
                    Problem(
                        page.display,
                        1,
                        f"this chapter has no PEMAT score; copy templates/pemat.yml to {pemat.FOLDER}/{slug_}.yml "
                        'and score the chapter item by item (CONTRIBUTING.md, "Score a chapter")',
                    ),
                    True,
                )

    def _check_score(self, page: Page, loaded: Loaded[pemat.ScoreFile]) -> Iterable[Problem]:
        scored = loaded.model.scored.date
        reviewed = page.meta.get("reviewed")
        if isinstance(reviewed, datetime.date) and scored < reviewed:
            yield Problem(
                loaded.display,
                line_of(loaded.tree, ("scored", "date")),
                f"scored on {scored.isoformat()}, before the chapter was last reviewed ({reviewed.isoformat()}, "
                f"`reviewed` on {page.display}); re-score on review: score every item again against the chapter "
                "as it is now, and set `date` to that day",
            )
        for found in pemat.results(loaded.model).values():
            if found.meets_goal:
                continue
            named = ", ".join(f"{n} ({pemat.ITEMS[n].short})" for n in found.disagreed)
            yield Problem(
                loaded.display,
                line_of(loaded.tree, ("items",)),
                f"{found.group} is {found.percent}% ({found.agree} of {found.applicable} items), below the goal "
                f"of {found.goal}%; items scored disagree: {named}. Change the chapter, not the score, "
                "then score it again",
            )

    def _check_page(self, src: str, page: Page, used: dict[str, str]) -> Iterable[Problem]:
        for call in page.calls:
            if call.name not in MACROS:
                continue
            if not call.constant:
                yield Problem(
                    page.display,
                    call.line,
                    f"`{call.name}(...)` takes plain quoted text only, like {MACROS[call.name][1]}",
                )
                continue
            yield from self._check_call(src, page, call, used)
        if front_matter_unread(page):
            return  # its own problem says why; what it lacks would only add noise
        if page.is_chapter:
            missing = [key for key in CHAPTER_KEYS if key not in page.meta]
            if missing:
                yield Problem(
                    page.display, 1, f"a chapter (a page with a quiz) needs front matter: {', '.join(missing)}"
                )
            for name in ("learning_objectives", "key_points_summary"):
                if not page.calls_to(name):
                    yield Problem(
                        page.display, page.title_line or 1, f"a chapter needs `{{{{ {name}() }}}}` ({MACROS[name][0]})"
                    )
        if "title" not in page.meta:
            yield Problem(page.display, 1, "front matter needs `title:`")

    def _check_call(self, src: str, page: Page, call: Any, used: dict[str, str]) -> Iterable[Problem]:
        name, args = call.name, call.args
        arity = {"quiz": 1, "red_flags": 1, "icon_array": 1, "diagram": 1}.get(name, 0)
        if name == "cite":
            if not args:
                yield Problem(
                    page.display, call.line, 'cite() needs at least one reference key, like cite("ashar-2022")'
                )
            for key in args:
                if key not in self.references and not self.references_unread:
                    yield Problem(
                        page.display,
                        call.line,
                        f"unknown reference `{key}`{_suggest(str(key), self.references)}; "
                        "add it to data/references.yml first",
                    )
            return
        if name == "my_questions":
            if not args or not all(str(arg).strip() for arg in args):
                yield Problem(
                    page.display,
                    call.line,
                    f"my_questions() needs one or more suggested questions, like {MACROS[name][1]}",
                )
            return
        if len(args) != arity:
            yield Problem(
                page.display,
                call.line,
                f"`{name}` takes {arity or 'no'} argument{'s' if arity != 1 else ''}, like {MACROS[name][1]}",
            )
            return
        needs = {
            "findings_chart": "findings",
            "icon_array": "icon_arrays",
            "diagram": "diagrams",
            "red_flags": "red_flags",
            "red_flags_summary": "red_flags",
            "glossary": "glossary",
            "references": "references",
        }.get(name)
        if needs and needs not in self.data:
            yield Problem(page.display, call.line, f"`{name}` needs {self.data_path(needs)}, which does not exist")
        if name == "red_flags" and args[0] not in RedFlags.lists():
            lists = ", ".join(f'"{n}"' for n in RedFlags.lists())
            yield Problem(page.display, call.line, f'red_flags() takes one of {lists}, not "{args[0]}"')
        if name == "quiz":
            yield from self._check_quiz_call(src, page, call, used)
        if name == "icon_array" and needs in self.data:
            yield from self._check_figure_call(page, call, "icon_arrays", "icon array", self.data_path("icon_arrays"))
        if name == "diagram" and needs in self.data:
            yield from self._check_figure_call(page, call, "diagrams", "diagram", self.data_path("diagrams"))

    def _check_figure_call(self, page: Page, call: Any, model: str, noun: str, file: str) -> Iterable[Problem]:
        """`icon_array("key")` or `diagram("key")`: a key that its data file has, shown once per page."""
        figures = self.model(model)
        if figures is None:
            return  # the data file has problems of its own
        key = str(call.args[0])
        if key not in figures.root:
            yield Problem(
                page.display,
                call.line,
                f'unknown {noun} "{key}": there is no `{key}:` in {file}'
                f"{_suggest(key, figures.root)}; {noun}s: {', '.join(sorted(figures.root)) or 'none yet'}",
            )
            return
        first = next(c for c in page.calls_to(call.name) if c.args == call.args)
        if first is not call:
            message = f'{noun} "{key}" is already on this page (line {first.line}); show it once'
            yield Problem(page.display, call.line, message)

    def _check_quiz_call(self, src: str, page: Page, call: Any, used: dict[str, str]) -> Iterable[Problem]:
        slug = str(call.args[0])
        bank = self.banks.get(slug)
        if bank is None:
            known = ", ".join(sorted(self.banks)) or "none yet"
            yield Problem(
                page.display,
                call.line,
                f'unknown quiz "{slug}": there is no {translations.quiz_folder(self.language)}/{slug}.yml'
                f"{_suggest(slug, self.banks)}; banks: {known}",
            )
            return
        if slug in used:
            yield Problem(page.display, call.line, f'quiz "{slug}" is already on {used[slug]}; each bank is used once')
            return  # its learn_more headings are checked against the page it is on first
        used[slug] = page.display
        if not bank.bank:
            return
        for index, question in enumerate(bank.bank.questions):
            anchor = question.learn_more
            if anchor and anchor not in page.headings:
                yield Problem(
                    bank.display,
                    bank.line_of("questions", index, "learn_more"),
                    f"question '{question.id}': `learn_more: {anchor}` is not a heading on {page.display}"
                    f"{_suggest(anchor, page.headings)}; headings there: {', '.join(page.headings) or 'none'}",
                )

    # ------------------------------------------------------------ macros

    def macros(self, current_page: Callable[[], Any]) -> dict[str, Callable[..., str]]:
        """The page macros, each reading the page being rendered from `current_page()`."""

        def src() -> str:
            return current_page().file.src_path.replace("\\", "/")

        def meta() -> dict[str, Any]:
            return self.pages[src()].meta if src() in self.pages else dict(current_page().meta)

        def quiz(slug: str) -> str:
            page = self.pages.get(src())
            current_page().meta["course_quiz"] = True  # overrides/main.html loads quiz.js
            return render_quiz(
                slug, self.banks[slug].bank, self.renderer, page.headings if page else {}, self.words, self.place(src())
            )

        def progress() -> str:
            current_page().meta["course_progress"] = True  # overrides/main.html loads progress.js
            return render_progress(self.chapters(src()), self.renderer, self.words)

        def flare_plan() -> str:
            current_page().meta["course_tool"] = True  # overrides/main.html loads tools.js
            return tools.flare_plan(self.words)

        def my_questions(*suggestions: str) -> str:
            current_page().meta["course_tool"] = True
            return tools.my_questions(self.words, suggestions, self.chapters(src()), self.renderer)

        def clear_saved() -> str:
            return content.clear_saved(self.words)

        def cite(*keys: str) -> str:
            return content.cite(self.references, keys, src())

        def icon_array(key: str) -> str:
            array = self.model("icon_arrays").root[key]
            citation = content.cite(self.references, [array.source], src())
            return figures.icon_array(key, array, citation, self.words)

        def diagram(key: str) -> str:
            data = self.model("diagrams").root[key]
            citation = content.cite(self.references, data.sources, src()) if data.sources else ""
            return figures.diagram(key, data, citation, self.words)

        def review_status() -> str:
            chapters = [(path, page.meta) for path, page in self.pages.items() if page.is_chapter]
            order = {path: number for number, path in enumerate(self.menu)}
            chapters.sort(key=lambda item: (order.get(item[0], len(order)), item[0]))
            return content.review_table(chapters, src(), self.words, translation_reviews(self.root))

        def pemat_table() -> str:
            rows = []
            for path in self.chapter_pages():
                loaded = (self.scores or {}).get(path.removesuffix(".md"))
                href = content.link_from(src(), path).removesuffix(".md") + ".html"
                title = str(self.pages[path].meta.get("title") or path)
                rows.append((href, title, loaded.model if loaded else None))
            return pemat.table(rows, self.words)

        def findings_chart() -> str:
            table = self.model("findings")
            citation = content.cite(self.references, [table.source], src())
            return content.findings_chart(table, self.references[table.source], citation, self.words)

        return {
            "quiz": quiz,
            "cite": cite,
            "learning_objectives": lambda: content.objectives(meta(), self.words),
            "key_points_summary": lambda: content.key_points(meta(), self.words),
            "findings_chart": findings_chart,
            "icon_array": icon_array,
            "diagram": diagram,
            "review_status": review_status,
            "pemat_table": pemat_table,
            "red_flags": lambda which: content.red_flags(
                self.model("red_flags"), which, self.references, src(), self.words
            ),
            "red_flags_summary": lambda: content.red_flags_summary(
                self.model("red_flags"), src(), self.words, self.flag_anchors
            ),
            "glossary": lambda: content.glossary_list(self.model("glossary"), self.renderer, self.words),
            "references": lambda: content.references_list(self.references),
            "progress": progress,
            "clear_saved": clear_saved,
            "flare_plan": flare_plan,
            "my_questions": my_questions,
        }

    def chapter_pages(self) -> list[str]:
        """The chapters (pages with a quiz) in menu order, as src paths."""
        return [src for src in self.menu if src in self.pages and self.quiz_slug(src)]

    def quiz_slug(self, src: str) -> str | None:
        calls = [c for c in self.pages[src].calls_to("quiz") if c.constant and len(c.args) == 1]
        return str(calls[0].args[0]) if calls else None

    def place(self, src: str) -> Place | None:
        """Chapter N of M, and the link to the progress page if the site has one."""
        chapters = self.chapter_pages()
        if src not in chapters:
            return None
        href = asks = None
        if PROGRESS_PAGE in self.pages:
            href = content.link_from(src, PROGRESS_PAGE).removesuffix(".md") + ".html"
        questions_page = self.questions_page()
        if questions_page:
            asks = content.link_from(src, questions_page).removesuffix(".md") + ".html"
        return Place(chapters.index(src) + 1, len(chapters), href, asks)

    def questions_page(self) -> str | None:
        """The page with the reader's list of questions for the visit (it calls my_questions()), if any."""
        return next((src for src in self.menu_pages() if self.pages[src].calls_to("my_questions")), None)

    def menu_pages(self) -> list[str]:
        """Every page: those in the menu in its order, then the rest by path."""
        return [src for src in self.menu if src in self.pages] + sorted(set(self.pages) - set(self.menu))

    def chapters(self, from_src: str) -> list[Chapter]:
        """Every chapter with a valid bank, in menu order, with links relative to `from_src`."""
        found = []
        for src in self.chapter_pages():
            slug = self.quiz_slug(src)
            loaded = self.banks.get(slug or "")
            if not loaded or not loaded.bank:
                continue
            title = self.pages[src].meta.get("title") or slug
            href = content.link_from(from_src, src).removesuffix(".md") + ".html"
            found.append(Chapter(slug, str(title), href, loaded.bank))
        return found

    def page_ids(self, src: str) -> set[str]:
        """Every id a built page will have: headings, HTML ids, and what its macros add."""
        page = self.pages[src]
        ids = set(page.ids)
        for call in page.calls:
            if call.name == "references":
                ids.update(self.references)
            elif call.name == "glossary" and self.model("glossary"):
                ids.update(term.id for term in self.model("glossary").root)
            elif call.name == "quiz" and call.args:
                ids.add(f"quiz-{call.args[0]}")
            elif call.name == "icon_array" and call.args:
                ids.add(figures.element_id(str(call.args[0])))
            elif call.name == "diagram" and call.args:
                ids.add(figures.diagram_id(str(call.args[0])))
        return ids

    def glossary_terms(self) -> dict[str, str]:
        model = self.model("glossary")
        return content.glossary_terms(model) if model else {}


def translation_reviews(root: Path) -> list[tuple[int, int]]:
    """For each translation (docs/<language>/): (chapters still `clinical_review: pending`, chapters).

    A translation's review is by a native-speaking clinician; the about page says so in every language."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    found = []
    for language in translations.languages(root):
        pending = total = 0
        for path in sorted((root / "docs" / language).glob("*.md")):
            text = page_text_of(path)
            front = split_front_matter(text)[0] if text else ""
            try:
                meta = YAML(typ="safe").load(front) if front.strip() else None
            except (YAMLError, ValueError):
                meta = None
            if not isinstance(meta, dict) or "clinical_review" not in meta or not _QUIZ_CALL.search(text or ""):
                continue
            total += 1
            pending += meta["clinical_review"] == "pending"
        found.append((pending, total))
    return found


_QUIZ_CALL = re.compile(r"\{\{-?\s*quiz\(")


def page_text_of(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def _nav_of(root: Path, name: str = "mkdocs.yml") -> Any:
    """`nav:` from a site's mkdocs.yml, or another configuration (None if it has none or cannot be read)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    config = root / name
    if not config.is_file():
        return None
    text = config.read_text(encoding="utf-8")
    if "\nnav:" not in text:
        return None
    try:
        return YAML(typ="safe").load("nav:" + text.split("\nnav:", 1)[1]).get("nav")
    except (YAMLError, ValueError, AttributeError):  # a broken mkdocs.yml is reported by MkDocs itself
        return None


def menu_order(nav: Any, pages: list[str]) -> list[str]:
    """Page src paths in menu order: as `nav:` lists them, or as MkDocs orders pages with no nav
    (index.md first, then the others by path)."""
    if not nav:
        return sorted(pages, key=lambda src: (src != "index.md", src))
    order: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            if node.endswith(".md") and node not in order:
                order.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(nav)
    return order


def page_text(page: Page) -> str | None:
    """A page's text as MkDocs reads it, or None if it is not UTF-8 text (read_page reports that)."""
    try:
        return page.path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def front_matter_unread(page: Page) -> bool:
    """The page has front matter (or a whole file) that could not be read; read_page said why."""
    if page.meta or not page.problems:
        return False
    text = page_text(page)
    return text is None or "\x00" in text or bool(split_front_matter(text)[0].strip())


# ---------------------------------------------------------------- links between pages

_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_OUTSIDE = "the course links out only from the references page (add the source to data/references.yml and cite it)"


def link_problems(course: Course, outside: bool = True) -> list[Problem]:
    """Markdown links between pages: the page must exist and so must the heading.

    With `outside`, links to other sites are reported too (the fast check does; the
    build leaves that rule to it, so a fixture page may link out).
    """
    problems = []
    for src, page in course.pages.items():
        text = page_text(page)
        if text is None:
            continue
        _, body, first_line = split_front_matter(text)
        in_fence = False
        for offset, line in enumerate(body.splitlines()):
            if _FENCE.match(line):
                in_fence = not in_fence
            if in_fence:
                continue
            where = first_line + offset
            for target in _LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    if outside:
                        problems.append(Problem(page.display, where, f"link to another site `{target}`; {_OUTSIDE}"))
                    continue
                path, _, anchor = target.partition("#")
                target_src = _resolve(src, path) if path else src
                if target_src not in course.pages:
                    hint = _suggest(path, [_relative(src, other) for other in course.pages])
                    problems.append(
                        Problem(page.display, where, f"link to `{path}`, which is not a page in docs/{hint}")
                    )
                    continue
                ids = course.page_ids(target_src)
                if anchor and anchor not in ids:
                    problems.append(
                        Problem(
                            page.display,
                            where,
                            f"link to `#{anchor}` on {target_src}, which has no such heading"
                            f"{_suggest(anchor, course.pages[target_src].headings)}",
                        )
                    )
    return problems


def _resolve(src: str, path: str) -> str:
    parts = (Path(src).parent / path).as_posix().split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


def _relative(src: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def _hard(path: str, line: int, message: str) -> tuple[Problem, bool]:
    """A problem the live preview does not let pass either."""
    return Problem(path, line, message), False


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""
