"""Translations kept in step with the English: where each language's files are, and what differs.

A translation mirrors the English file names (TEAM decision 2): pages in `docs/<lang>/`,
banks in `quiz/<lang>/`, data in `data/<lang>/`, interface words in `data/words/<lang>.yml`.
Each translated file records the English file it was translated from as a git blob id
(`translated_from:`, what `git hash-object <english file>` prints). `sync_problems` reports,
each as `file:line: message`:

- a missing translation (page, bank, data file, words file), or a translation with no English;
- a missing or malformed `translated_from`;
- a stale translation: the English file changed since (with what changed: `git diff` of the
  two blobs when git still has the old one, else the headings or question ids that differ);
- a different structure: heading ids of a page; question ids, order, types and right answers
  of a bank; keys, list lengths, numbers and ids of a data file.

Plain functions; no MkDocs import. `tools/translations.py` stamps files and lists their status.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yamlfile import Problem, line_of, parse_yaml, plain

ENGLISH = "en"
KEY = "translated_from"
_BLOB = re.compile(r"^[0-9a-f]{40}$")
# `translated_from: <id>` as the first-level key of a YAML file or of a page's front matter.
_SOURCE_LINE = re.compile(r"""^translated_from:[ \t]*["']?([^"'\s#]*)["']?[ \t]*(?:#.*)?$""", re.M)
_LANGUAGE_CONFIG = re.compile(r"^mkdocs\.([a-z]{2})\.yml$")

# Data files that are translated (TEAM decision 2); references, coverage and PEMAT scores are not.
DATA = ("glossary.yml", "red-flags.yml", "diagrams.yml", "icon-arrays.yml", "brinjikji-2015.yml")
# Data values that are ids, source keys or kinds, not text: a translation keeps them as they are.
_KEPT = frozenset({"source", "sources", "kind", "id", "category", "learn_more", "type"})
STAMP = "python -m tools.translations stamp"


def blob_id(data: bytes) -> str:
    """What `git hash-object` prints for a file holding `data`."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def languages(root: Path) -> list[str]:
    """The site's translations: one `mkdocs.<language>.yml` beside mkdocs.yml for each."""
    return sorted(m.group(1) for p in root.glob("mkdocs.*.yml") if (m := _LANGUAGE_CONFIG.match(p.name)))


def quiz_folder(language: str) -> str:
    return "quiz" if language == ENGLISH else f"quiz/{language}"


def data_file(name: str, language: str) -> str:
    """Where a data file is in `language` (`data/glossary.yml` -> `data/es/glossary.yml`)."""
    return f"data/{name}" if language == ENGLISH or name not in DATA else f"data/{language}/{name}"


@dataclass(frozen=True)
class Source:
    """What a translated file says about its English source: the blob id and its line (0: no such line)."""

    blob: str | None
    line: int


def source_of(text: str) -> Source:
    """The `translated_from:` line of a translated file's text (a page's front matter or a YAML file)."""
    match = _SOURCE_LINE.search(text)
    if not match:
        return Source(None, 0)
    return Source(match.group(1), text.count("\n", 0, match.start()) + 1)


def without_source(tree: Any, glossary: bool = False) -> Any:
    """A translated YAML file's tree as the English file's shape: `translated_from` removed;
    for the glossary (a list in English), the `entries:` list. None if the shape is wrong
    (the English shape's own message then says what the file must be)."""
    if not isinstance(tree, CommentedMap):
        return None if glossary else tree
    if KEY in tree:
        del tree[KEY]
    if glossary:
        entries = tree.get("entries")
        return entries if isinstance(entries, CommentedSeq) and set(tree) == {"entries"} else None
    return tree


# ---------------------------------------------------------------- what changed in the English


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def old_text(root: Path, blob: str) -> str | None:
    """The English file as it was when translated, if git still has that version."""
    if not _BLOB.match(blob):
        return None
    return _git(root, "cat-file", "blob", blob)


def english_diff(root: Path, old: str, english: str) -> str | None:
    """A unified diff from the English file as it was when translated (blob `old`, from git) to the
    file as it is now; None without git or that blob."""
    before = old_text(root, old)
    now = read_text(root / english)
    if before is None or now is None:
        return None
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), now.splitlines(keepends=True), f"{english} ({old[:10]})", english, n=1
    )
    return "".join(lines)


def changed_lines(before: str, now: str) -> list[tuple[int, int]]:
    """(first, last) line ranges of `now` that differ from `before`; a deletion counts as the line after it."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), now.splitlines(), autojunk=False)
    ranges = []
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag != "equal":
            ranges.append((start + 1, max(end, start + 1)))
    return ranges


def _ranges(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def what_changed(
    root: Path, english: str, old: str, old_ids: list[str] | None, new_ids: list[str], noun: str = "id"
) -> str:
    """One sentence on what changed in the English file since the translation (`noun`: what the ids name)."""
    before, now = old_text(root, old), read_text(root / english)
    if before is not None and now is not None:
        ranges = changed_lines(before, now)
        where = (
            f"line{'s' if len(ranges) > 1 or ranges[0][0] != ranges[0][1] else ''} {_ranges(ranges)}"
            if ranges
            else "its"
        )
        return f"{where} of {english} changed (`python -m tools.translations status` shows how)"
    if old_ids is None:
        return f"the old {english} is not in this repository's git history; compare the two texts by hand"
    added = [i for i in new_ids if i not in old_ids]
    gone = [i for i in old_ids if i not in new_ids]
    parts = []

    def named(ids: list[str]) -> str:
        return f"the {noun}{'s' if len(ids) > 1 else ''} {', '.join(f'`{i}`' for i in ids)}"

    if added:
        parts.append(f"now has {named(added)}")
    if gone:
        parts.append(f"no longer has {named(gone)}")
    if not parts and old_ids != new_ids:
        parts.append("has the same ids in another order")
    if parts:
        return f"{english} {'; '.join(parts)}"
    if new_ids:
        return f"the wording of {english} changed (its ids are the same)"
    return f"{english} changed (the old version is not in this repository's git history: compare the two by hand)"


# ---------------------------------------------------------------- the files of a translation


@dataclass(frozen=True)
class Pair:
    """An English file and its translation (paths relative to the site's root)."""

    kind: str  # page, bank, data, words
    english: str
    translation: str


def pairs(root: Path, language: str, english_pages: Iterable[str], docs_dir: str) -> list[Pair]:
    """Every English file that `language` translates, with where its translation is.

    Files that exist in the translation only are paired with an English path that does not exist.
    """
    found = []
    pages = set(english_pages)
    docs = root / docs_dir
    if docs.is_dir():
        pages |= {p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if not p.name.startswith("_")}
    for src in sorted(pages):
        found.append(Pair("page", f"docs/{src}", f"{docs_dir}/{src}"))
    banks = {p.name for p in (root / "quiz").glob("*.yml")}
    banks |= {p.name for p in (root / quiz_folder(language)).glob("*.yml")}
    for name in sorted(banks):
        found.append(Pair("bank", f"quiz/{name}", f"{quiz_folder(language)}/{name}"))
    for name in DATA:
        if (root / "data" / name).is_file() or (root / data_file(name, language)).is_file():
            found.append(Pair("data", f"data/{name}", data_file(name, language)))
    if (root / "data" / "words").is_dir():
        found.append(Pair("words", "data/words/en.yml", f"data/words/{language}.yml"))
    return found


def read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class State:
    """Where a translation stands: `missing`, `orphan` (no English), `unstamped`, `stale` or `current`."""

    pair: Pair
    status: str
    source: Source
    english_blob: str | None


def state(root: Path, pair: Pair) -> State:
    english, translation = root / pair.english, root / pair.translation
    if not english.is_file():
        return State(pair, "orphan", Source(None, 0), None)
    blob = blob_id(english.read_bytes())
    if not translation.is_file():
        return State(pair, "missing", Source(None, 0), blob)
    text = read_text(translation)
    source = source_of(text) if text is not None else Source(None, 0)
    if not source.blob or not _BLOB.match(source.blob):
        return State(pair, "unstamped", source, blob)
    return State(pair, "current" if source.blob == blob else "stale", source, blob)


# ---------------------------------------------------------------- structure: ids of pages, banks, data


def question_ids(tree: Any) -> list[str]:
    questions = tree.get("questions") if isinstance(tree, dict) else None
    if not isinstance(questions, list):
        return []
    return [str(q.get("id")) for q in questions if isinstance(q, dict) and q.get("id") is not None]


def ids_of(kind: str, text: str | None) -> list[str] | None:
    """The ids whose change a translator must follow: a page's heading ids, a bank's question ids."""
    if text is None:
        return None
    if kind == "page":
        from .site import section_headings

        return [hid for hid, _, _ in section_headings(text)]
    if kind == "bank":
        tree, problem = parse_yaml(text)
        return question_ids(tree) if not problem else None
    return None


def _answers(question: Any) -> list[Any]:
    """What makes a question's answer right: correct flags, the true-false answer, statements' categories."""
    kind = question.type
    if kind in ("single", "multiple"):
        return [o.correct for o in question.options]
    if kind == "true-false":
        return [question.answer]
    return [s.category for s in question.statements]


def bank_problems(display: str, english_display: str, english: Any, translated: Any, line: Any) -> Iterator[Problem]:
    """A translated bank (models) against its English: same questions, in order, same types and right answers.

    `line(*location)` gives the line of a location in the translated file."""
    ids = [q.id for q in english.questions]
    mine = [q.id for q in translated.questions]
    if ids != mine:
        missing = [i for i in ids if i not in mine]
        extra = [i for i in mine if i not in ids]
        if missing:
            yield Problem(
                display,
                line("questions"),
                f"questions missing from this translation: {', '.join(missing)}; translate them from "
                f"{english_display}, with the same ids",
            )
        for qid in extra:
            yield Problem(
                display,
                line("questions", mine.index(qid), "id"),
                f"question '{qid}' is not in {english_display}; use the English question ids "
                f"({', '.join(ids)}), or delete it",
            )
        if not missing and not extra:
            yield Problem(
                display,
                line("questions"),
                f"the questions are in another order than in {english_display}; put them in this order: "
                f"{', '.join(ids)}",
            )
        return
    for index, (source, question) in enumerate(zip(english.questions, translated.questions, strict=True)):
        label = f"question '{question.id}': "
        where = ("questions", index)
        if source.type != question.type:
            yield Problem(
                display,
                line(*where, "type"),
                f"{label}`type: {question.type}`, but it is `type: {source.type}` in {english_display}; "
                "keep the English type",
            )
            continue
        yield from _answer_problems(display, english_display, label, where, source, question, line)
        for key in ("learn_more", "sources"):
            if getattr(source, key) != getattr(question, key):
                yield Problem(
                    display,
                    line(*where, key),
                    f"{label}`{key}` differs from {english_display} ({_shown(getattr(source, key))}); "
                    f"keep it as in the English",
                )


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]" if value else "none"
    return str(value) if value is not None else "none"


def _answer_problems(
    display: str, english_display: str, label: str, where: tuple[Any, ...], source: Any, question: Any, line: Any
) -> Iterator[Problem]:
    kind = question.type
    if kind in ("single", "multiple"):
        if len(source.options) != len(question.options):
            yield _count_differs(display, english_display, label, line(*where, "options"), "option",
                                 len(question.options), len(source.options))  # fmt: skip
            return
        for number, (a, b) in enumerate(zip(source.options, question.options, strict=True)):
            if a.correct != b.correct:
                yield Problem(
                    display,
                    line(*where, "options", number),
                    f"{label}option {number + 1} is {'right' if b.correct else 'wrong'} here but "
                    f"{'right' if a.correct else 'wrong'} in {english_display}; keep the English "
                    f"`correct:` flags (the right answer changed)",
                )
    elif kind == "true-false":
        if source.answer != question.answer:
            yield Problem(
                display,
                line(*where, "answer"),
                f"{label}`answer: {str(question.answer).lower()}`, but `answer: {str(source.answer).lower()}` in "
                f"{english_display}; keep the English answer (the right answer changed)",
            )
    else:
        if [c.id for c in source.categories] != [c.id for c in question.categories]:
            yield Problem(
                display,
                line(*where, "categories"),
                f"{label}category ids {', '.join(c.id for c in question.categories)}, but "
                f"{', '.join(c.id for c in source.categories)} in {english_display}; keep the English ids, in order",
            )
        if len(source.statements) != len(question.statements):
            yield _count_differs(display, english_display, label, line(*where, "statements"), "statement",
                                 len(question.statements), len(source.statements))  # fmt: skip
            return
        for number, (a, b) in enumerate(zip(source.statements, question.statements, strict=True)):
            if a.category != b.category:
                yield Problem(
                    display,
                    line(*where, "statements", number, "category"),
                    f"{label}statement {number + 1} is in `{b.category}` here but in `{a.category}` in "
                    f"{english_display}; keep the English category (the right answer changed)",
                )


def _count_differs(
    display: str, english_display: str, label: str, line: Any, noun: str, here: int, there: int
) -> Problem:
    return Problem(
        display,
        line,
        f"{label}{here} {noun}s, but {there} in {english_display}; translate each English {noun}, in the same order",
    )


def heading_problems(
    display: str, english_display: str, english: list[tuple[str, str]], translated: list[tuple[str, int]]
) -> Iterator[Problem]:
    """A translated page's section ids (id, line) against the English page's (id, heading text), in order.

    The two lists are aligned (difflib), so one missing section is one problem, not one per later heading."""
    ids = [hid for hid, _ in english]
    text = dict(english)
    mine = [hid for hid, _ in translated]
    matcher = difflib.SequenceMatcher(None, ids, mine, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                wanted = ids[i1 + k]
                yield Problem(
                    display,
                    translated[j1 + k][1],
                    f"this section's id is `{mine[j1 + k]}`, but the English section here is `{wanted}` "
                    f"('{text[wanted]}' in {english_display}); end the heading with {{ #{wanted} }}",
                )
            continue
        for k in range(j1, j2):
            yield Problem(
                display,
                translated[k][1],
                f"this heading's id `{mine[k]}` is not a section of {english_display}; end it with the id of the "
                f"English section it translates, like {{ #{ids[min(i1, len(ids) - 1)]} }}, or remove it"
                if ids
                else f"this heading is not in {english_display}, which has no sections; remove it",
            )
        if i2 > i1:
            missing = ", ".join(f"`{hid}` ('{text[hid]}')" for hid in ids[i1:i2])
            if j2 < len(translated):
                where, place = translated[j2][1], "before this heading"
            else:
                where, place = (translated[-1][1], "after this heading") if translated else (1, "in this page")
            yield Problem(
                display,
                where,
                f"section{'s' if i2 - i1 > 1 else ''} of {english_display} missing {place}: {missing}; translate "
                "each, its heading ending with the English id like { #id }",
            )


def data_problems(display: str, english_display: str, english: Any, translated: Any) -> Iterator[Problem]:
    """A translated data file's tree against the English one: keys, list lengths, numbers, flags and ids the same."""
    yield from _compare(display, english_display, english, translated, translated, ())


def _where(location: tuple[Any, ...]) -> str:
    """`findings[2].values[1]`: a place in a data file, counting from 1, as a contributor reads it."""
    text = "".join(f"[{step + 1}]" if isinstance(step, int) else f".{step}" for step in location).lstrip(".")
    return f"`{text}`" if text else "the file"


def _compare(
    display: str, english_display: str, a: Any, b: Any, root: Any, where: tuple[Any, ...]
) -> Iterator[Problem]:
    path = _where(where)
    if isinstance(a, dict) and isinstance(b, dict):
        missing = [k for k in a if k not in b]
        extra = [k for k in b if k not in a]
        if missing:
            yield Problem(
                display,
                line_of(root, where),
                f"{path}: missing {', '.join(f'`{k}`' for k in missing)}, which {english_display} has; "
                "keep the English keys",
            )
        for key in extra:
            yield Problem(
                display,
                line_of(root, (*where, key)),
                f"{path}: `{key}` is not in {english_display}; keep the English keys "
                f"({', '.join(str(k) for k in a) or 'none'})",
            )
        for key in a:
            if key in b:
                if key in _KEPT and plain(a[key]) != plain(b[key]):
                    yield Problem(
                        display,
                        line_of(root, (*where, key)),
                        f"{_where((*where, key))} is {_shown(plain(b[key]))}, but {_shown(plain(a[key]))} in "
                        f"{english_display}; ids and source keys stay as in the English",
                    )
                    continue
                yield from _compare(display, english_display, a[key], b[key], root, (*where, key))
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield Problem(
                display,
                line_of(root, where),
                f"{path}: {len(b)} entries, but {len(a)} in {english_display}; translate each English entry",
            )
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _compare(display, english_display, x, y, root, (*where, index))
    elif isinstance(a, bool | int | float) or isinstance(b, bool | int | float):
        if plain(a) != plain(b) or type(plain(a)) is not type(plain(b)):
            yield Problem(
                display,
                line_of(root, where),
                f"{path} is {_shown(plain(b))}, but {_shown(plain(a))} in {english_display}; numbers and "
                "true/false stay as in the English",
            )
    elif (a is None) != (b is None) or isinstance(a, dict | list) != isinstance(b, dict | list):
        yield Problem(
            display,
            line_of(root, where),
            f"{path} has another shape than in {english_display}; copy the English structure and translate the text",
        )


def _glossary_see(display: str, english_display: str, english: list[Any], translated: list[Any]) -> Iterator[Problem]:
    for index, (a, b) in enumerate(zip(english, translated, strict=False)):
        if not isinstance(a, dict) or not isinstance(b, dict):
            continue
        if plain(a.get("see", [])) != plain(b.get("see", [])):
            yield Problem(
                display,
                line_of(translated, (index, "see") if "see" in b else (index,)),
                f"term {index + 1} ('{b.get('term')}'): `see` is {_shown(plain(b.get('see', [])))}, but "
                f"{_shown(plain(a.get('see', [])))} for '{a.get('term')}' in {english_display}; keep the English ids "
                "(each term keeps the id of the English term in the same place)",
            )


def glossary_problems(
    display: str, english_display: str, english: list[Any], translated: list[Any], root: Any
) -> Iterator[Problem]:
    """The glossary: the English terms in the English order (each keeps the English term's id), with the same `see`."""
    if len(english) != len(translated):
        yield Problem(
            display,
            line_of(root, ()),
            f"{len(translated)} entries, but {len(english)} in {english_display}; translate each English term, "
            "in the English order",
        )
        return
    yield from _glossary_see(display, english_display, english, translated)


# ---------------------------------------------------------------- everything at once


def sync_problems(root: Path, language: str, docs_dir: str, course: Any, english: Any = None) -> list[Problem]:
    """Every problem keeping `language` in step with the English, for a loaded translated `course`
    (with the `english` course, if it is loaded already: its banks and data are not read again)."""
    from .banks import load_bank
    from .pages import page_files
    from .site import section_headings
    from .yamlfile import read_yaml

    docs = root / "docs"
    english_pages = [p.relative_to(docs).as_posix() for p in page_files(docs)] if docs.is_dir() else []
    problems: list[Problem] = []
    for pair in pairs(root, language, english_pages, docs_dir):
        found = state(root, pair)
        problems.extend(_state_problems(root, found))
        if found.status in ("orphan", "missing"):
            continue
        english_text = read_text(root / pair.english)
        translated_text = read_text(root / pair.translation)
        if english_text is None or translated_text is None:
            continue  # not UTF-8: the file's own problem says so
        if pair.kind == "page":
            sections = [(hid, text) for hid, text, _ in section_headings(english_text)]
            translated = [(hid, line) for hid, _, line in section_headings(translated_text)]
            problems.extend(heading_problems(pair.translation, pair.english, sections, translated))
        elif pair.kind == "bank":
            mine = course.banks.get(Path(pair.translation).stem)
            slug = Path(pair.english).stem
            source = (
                english.banks[slug]
                if english and slug in english.banks
                else load_bank(root / pair.english, pair.english)
            )
            if mine is not None and mine.bank is not None and source.bank is not None:
                problems.extend(bank_problems(pair.translation, pair.english, source.bank, mine.bank, mine.line_of))
        elif pair.kind == "data":
            loaded = next((d for d in course.data.values() if d.display == pair.translation), None)
            glossary = pair.english.endswith("glossary.yml")
            top = CommentedSeq if glossary else CommentedMap
            known = next((d for d in english.data.values() if d.display == pair.english), None) if english else None
            english_tree = known.tree if known else read_yaml(root / pair.english, pair.english, "file", "", top=top)[0]
            if loaded is None or loaded.tree is None or english_tree is None:
                continue
            if glossary:
                problems.extend(
                    glossary_problems(pair.translation, pair.english, english_tree, loaded.tree, loaded.tree)
                )
            else:
                problems.extend(data_problems(pair.translation, pair.english, english_tree, loaded.tree))
    return problems


def _state_problems(root: Path, found: State) -> Iterator[Problem]:
    pair = found.pair
    fix = f"then run `{STAMP} {pair.translation}`"
    if found.status == "orphan":
        yield Problem(
            pair.translation,
            1,
            f"there is no English {pair.english} for this translation; name it after its English file, or delete it",
        )
    elif found.status == "missing":
        yield Problem(
            pair.translation,
            1,
            f"missing translation of {pair.english}: copy it to {pair.translation}, translate it, {fix}",
        )
    elif found.status == "unstamped":
        if found.source.line:
            yield Problem(
                pair.translation,
                found.source.line,
                f"`{KEY}: {found.source.blob}` is not a git blob id (40 hex digits); {fix.replace('then ', '')}",
            )
        else:
            where = "front matter" if pair.kind == "page" else "file"
            yield Problem(
                pair.translation,
                1,
                f"no `{KEY}:` in the {where}: a translation records the English version it follows; "
                f"when it matches {pair.english} as it is now, {fix.replace('then ', '')}",
            )
    elif found.status == "stale":
        old = found.source.blob or ""
        # Without the old English (not in git), the translation's own ids stand for it: it mirrors that version.
        old_source = old_text(root, old)
        old_ids = ids_of(pair.kind, old_source if old_source is not None else read_text(root / pair.translation))
        new_ids = ids_of(pair.kind, read_text(root / pair.english)) or []
        noun = {"page": "section", "bank": "question"}.get(pair.kind, "id")
        changed = what_changed(root, pair.english, old, old_ids, new_ids, noun)
        yield Problem(
            pair.translation,
            found.source.line,
            f"out of date: {pair.english} changed since this was translated from it; {changed}. "
            f"Update the translation to match, {fix}",
        )
