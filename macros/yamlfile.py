"""Reading YAML data files with line numbers, and explaining what is wrong in them.

Used for question banks and for the data files in data/. Nothing here raises for
bad content: every problem is returned as a `Problem` with file, line and a fix.
"""

from __future__ import annotations

import datetime
import difflib
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, CommentedSet, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean

MAX_BYTES = 256 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    """Something a contributor must fix, at a place in a file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def line_of(tree: Any, location: Iterable[Any]) -> int:
    """1-based line of the deepest key or item of `location` that exists in the YAML tree."""
    node, line = tree, 1
    if isinstance(node, CommentedMap | CommentedSeq):
        line = node.lc.line + 1
    for step in location:
        if isinstance(node, CommentedMap):
            if step not in node:
                # plain() makes every key text: `1:` in the file is "1" in a pydantic location
                step = next((key for key in node if not isinstance(key, str) and str(key) == step), step)
            if step not in node:
                continue  # a union tag in a pydantic location, or a missing key
            child = node[step]
            try:
                line = node.lc.key(step)[0] + 1
                if child is not None and not isinstance(child, CommentedMap | CommentedSeq) and step != "type":
                    line = node.lc.value(step)[0] + 1
            except KeyError:
                pass  # a key merged in with `<<:` has no position of its own
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            continue
    return line


def plain(node: Any) -> Any:
    """ruamel's round-trip types as plain Python values, for strict validation.

    Call it on a tree from `parse_yaml`, which has already refused cycles and tags.
    """
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool | ScalarBoolean):
        return bool(node)
    if node is None:
        return node
    if isinstance(node, TaggedScalar):
        return str(node.value)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


# ---------------------------------------------------------------- reading files

# Characters YAML refuses: control characters other than tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_DATE_LIKE = re.compile(r"(?:^|[:\-\[,]\s*)(\d{4}-\d{1,2}-\d{1,2})(?:[Tt ][\d:.]+)?\s*(?:$|[,\]#])")
# Values a file may hold after all `*name` references are followed: more means an alias bomb.
MAX_VALUES = 100_000
STANDARD_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {STANDARD_TAG + name for name in ("str", "map", "seq")}
_UNREADABLE_FIX = (
    "check that it is lined up with the lines above it (spaces, not tabs), and put the whole text in quotes "
    f"if it contains `: ` or starts with a special character such as {', '.join(f'`{c}`' for c in '@%*&!|>')}, "
    "a backquote, `[` or `{`"
)
_UNREADABLE = f"this file cannot be read as YAML; {_UNREADABLE_FIX.replace('it is', 'each line is', 1)}"
_TOO_DEEP = "lists and blocks are nested too deeply here to read; use at most a few levels"
MAX_DEPTH = 60


def decode(raw: bytes, what: str) -> tuple[str | None, tuple[int, str] | None]:
    """The text of a file, or where and why it cannot be read as UTF-8 text."""
    if len(raw) > MAX_BYTES:
        return None, (1, f"the file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed; split it or shorten it")
    if _is_utf16_or_32(raw):
        return None, (
            1,
            "the file is saved as UTF-16 (or UTF-32) text; save it as UTF-8 instead "
            "(in your editor, choose the UTF-8 encoding when you save)",
        )
    if b"\x00" in raw:
        return None, (
            1,
            f"this is not a text file (it looks like a picture, a document or a program); "
            f"the {what} must be plain text saved as UTF-8",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, (
            line,
            "this line has a character saved in another encoding (such as Latin-1 or Windows-1252), "
            "not UTF-8; save the file as UTF-8 in your editor",
        )
    bom = text.find("\ufeff")
    if bom >= 0:
        return None, (
            text.count("\n", 0, bom) + 1,
            "this line holds an invisible byte-order mark (U+FEFF), often left when two files are joined; "
            "delete it (retype the start of the line)",
        )
    control = _CONTROL.search(text)
    if control:
        return None, (
            text.count("\n", 0, control.start()) + 1,
            f"this line holds an invisible control character (U+{ord(control.group()):04X}), often pasted in "
            "from another program; delete it (retype the line)",
        )
    return text, None


def _is_utf16_or_32(raw: bytes) -> bool:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    sample = raw[:400]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    # ASCII text saved as UTF-16 has a NUL in every other byte; a binary file does not.
    odd, even = sample[1::2], sample[0::2]
    return odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even)


def parse_yaml(text: str) -> tuple[Any, tuple[int, str] | None]:
    """Parse YAML text keeping positions: (tree, None), or (None, (line, what to fix))."""
    deep = _too_deep(text)
    if deep:
        return None, (deep, _TOO_DEEP)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():  # a reused `&name` is valid YAML; ruamel's warning would only be noise
            warnings.simplefilter("ignore")
            tree = yaml.load(text)
    except MarkedYAMLError as error:
        return None, yaml_error(error, text)
    except ReaderError as error:  # decode() refuses these characters first; kept in case ruamel refuses more
        line = text.count("\n", 0, max(error.position, 0)) + 1
        return None, (line, "this line holds a character that YAML does not allow; delete it (retype the line)")
    except RecursionError:
        return None, (1, _TOO_DEEP)
    except (YAMLError, ValueError, OverflowError) as error:  # e.g. an impossible date such as 2026-13-01
        return None, _bad_value(text, error)
    except TypeError:  # ruamel meets a block or list used as a key (`? {a: 1}`) in a way it cannot store
        return None, (1, "a key in this file is a list or a block; a key must be a plain word followed by `:`")
    except Exception:  # any other failure inside the parser is still a file to fix, not a crash
        return None, (1, _UNREADABLE)
    problem = _refuse_tags_and_loops(tree)
    return (None, problem) if problem else (tree, None)


def _too_deep(text: str) -> int:
    """The line where `[` and `{` brackets nest deeper than anyone writes by hand (0 if none).

    ruamel reads nested brackets recursively and slowly: thousands of them take seconds
    to fail. Outside brackets, only one that starts a value counts (`key: [`, `- [`),
    so a `[` inside a sentence does not; quotes are not parsed, which errs on the safe side.
    """
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        previous = " "
        for char in line:
            if depth == 0 and char in "[{" and previous not in " -:":
                previous = char
                continue
            if char in "[{" and (depth or not previous.strip() or previous in "-:"):
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}" and depth:
                depth -= 1
            if not char.isspace():
                previous = char
    return 0


def _bad_value(text: str, error: Exception) -> tuple[int, str]:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(r"\d{1000}", line):
            return number, "this number is too long to read; put it in quotes if it is meant as text"
        for match in _DATE_LIKE.finditer(line.split(" #")[0]):
            try:
                datetime.date.fromisoformat("-".join(f"{int(p):02d}" for p in match.group(1).split("-")))
            except ValueError:
                return number, (
                    f"`{match.group(1)}` looks like a date but is not a real one; fix the date, "
                    "or put it in quotes if it is meant as text"
                )
    return 1, "a value in this file cannot be read; put any text that looks like a date or a number in quotes"


def yaml_error(error: MarkedYAMLError, text: str) -> tuple[int, str]:
    """Where a YAML syntax error is and how to fix it, in plain words: (line, message)."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    context_line = error.context_mark.line + 1 if error.context_mark else line
    lines = text.splitlines()
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    before = here[: mark.column].rstrip() if mark else ""
    quote_fix = "put the whole text in quotes"
    if isinstance(error, DuplicateKeyError) or "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        return line, f"the key `{key}` appears twice in the same block; keep one of them"
    if "'\\t'" in problem or "tab character" in problem:
        return line, "this line is indented with a tab; indent with spaces only (set your editor to insert spaces)"
    if "mapping values are not allowed" in problem:
        if ": " in before or before.endswith(":"):
            return line, f'this line has a second `: ` inside its text; {quote_fix}, like `prompt: "Pain: what is it?"`'
        return line, (
            "this line is indented more than the line above it (or the line above is missing its `key:`); "
            "line up keys of the same block in the same column"
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return context_line, "a quotation mark opened on this line is never closed; add the closing quote"
    if "flow sequence" in context:
        return (
            context_line,
            f"a list in square brackets `[` on this line is not closed; add `]` after its last item, or {quote_fix}",
        )
    if "flow mapping" in context:
        return context_line, f"a block in curly brackets `{{` on this line is not closed; add `}}`, or {quote_fix}"
    if "another document" in problem or "expected <document start>" in problem:
        return line, (
            "a second document starts here (after a `---` or `...` line); one file holds one document: "
            "remove that line, or move what follows into a file of its own"
        )
    if "undefined alias" in problem:
        name = problem.split("'")[1] if "'" in problem else ""
        return (
            line,
            f"`*{name}` refers to `&{name}`, which is not defined above it; define it first, or write the value out",
        )
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else ""
        shown = "a backquote (`)" if char == "`" else f"`{char}`"
        return line, f"a text cannot start with {shown}; {quote_fix}"
    if "alias" in context or "anchor" in context:
        return line, f"`*` and `&` at the start of a text have a special meaning; {quote_fix}"
    if "unknown escape" in problem:
        return line, (
            "a backslash `\\` inside double quotes must start a known code such as `\\n`; "
            "use single quotes instead, or write `\\\\` for a backslash"
        )
    if "block scalar" in context:
        return line, "after `|` or `>` the text must start on the next line, indented"
    if "simple key" in context:
        return context_line, (
            "this line has no `: ` after its key; write `key: value`, or indent the line to carry on the text above"
        )
    if "expected <block end>" in problem or "found '-'" in problem:
        if before and before[-1] in "\"']}":
            closing = before[-1]
            return line, (
                f"the text goes on after a closing `{closing}`; when a text starts with a quote or bracket, "
                f"{quote_fix} of the other kind, like `prompt: '\"Pain\" is real'`"
            )
        if "'-'" in problem:
            return line, (
                "a `- ` list item here does not belong to a list: line it up with the other `- ` items, "
                "or put it under a key that holds a list"
            )
        return line, (
            "this line is not lined up with the lines above it: keys of the same block start in the same column, "
            "and so do the `- ` items of a list"
        )
    if "merging" in problem:
        return line, "`<<:` must be followed by `*name`, naming a block marked `&name` above"
    return line, f"this line cannot be read; {_UNREADABLE_FIX}"


def _refuse_tags_and_loops(tree: Any) -> tuple[int, str] | None:
    """Custom tags (`!include`), binary values, `*name` loops and alias bombs; without recursion."""
    seen = 0
    stack: list[tuple[Any, int, bool]] = [(tree, 1, False)]
    path: set[int] = set()
    while stack:
        node, line, leaving = stack.pop()
        if leaving:
            path.discard(id(node))
            continue
        seen += 1
        if seen > MAX_VALUES:
            return 1, (
                f"this file holds more than {MAX_VALUES:,} values once its `*name` references are followed; "
                "write the values out instead of repeating blocks with `&name` and `*name`"
            )
        tag = getattr(getattr(node, "tag", None), "value", None)
        if isinstance(node, TaggedScalar | CommentedMap | CommentedSeq) and tag and tag not in PLAIN_TAGS:
            shown = tag.replace(STANDARD_TAG, "!!")
            return line, f"the tag `{shown}` is not allowed; remove it, or put the whole text in quotes"
        if isinstance(node, bytes | set | CommentedSet):
            return line, "YAML tags such as `!!binary` or `!!set` are not allowed; write plain text, lists and blocks"
        if not isinstance(node, CommentedMap | CommentedSeq):
            continue
        if id(node) in path:
            return line, (
                "this `*name` reference points back into its own block, which would never end; write the values out"
            )
        path.add(id(node))
        stack.append((node, line, True))
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                at = _item_line(node, key, line)
                if key is None:
                    return at, "this line has a `:` with no key before it; write the key, like `prompt: ...`"
                if not isinstance(key, str | int | float | bool):
                    return at, "a key must be a plain word followed by `:`, like `prompt:`, not a list or a block"
                stack.append((value, at, False))
        else:
            for index, value in enumerate(node):
                stack.append((value, _item_line(node, index, line), False))
    return None


def _item_line(node: Any, step: Any, fallback: int) -> int:
    try:
        if isinstance(node, CommentedMap):
            return node.lc.key(step)[0] + 1
        return node.lc.item(step)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return fallback


def read_yaml(
    path: Path, display: str, what: str, starts_with: str, top: type = CommentedMap
) -> tuple[Any, list[Problem]]:
    """Read and parse a YAML file keeping positions; (tree or None, problems). Never raises."""
    problems: list[Problem] = []

    def fail(line: int, message: str) -> tuple[Any, list[Problem]]:
        problems.append(Problem(display, max(line, 1), message))
        return None, problems

    try:
        raw = path.read_bytes()
    except OSError as error:
        return fail(1, f"cannot read the file ({error.strerror}); check that it exists and is readable")
    text, problem = decode(raw, what)
    if problem:
        return fail(*problem)
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return fail(1, f"the {what} is empty; start it with {starts_with}")
    tree, problem = parse_yaml(text)
    if problem:
        return fail(*problem)
    if not isinstance(tree, top):
        shape = "a list of entries, each" if top is CommentedSeq else "a block of `key: value` lines"
        return fail(1, f"the {what} must be {shape} starting with {starts_with}, not {_describe(plain(tree))}")
    return tree, problems


def without_tags(tree: Any, location: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic puts a union's tag (such as `single`) in error locations; the file has no such key."""
    kept, node = [], tree
    for step in location:
        if isinstance(node, CommentedMap) and step not in node and node.get("type") == step:
            continue
        kept.append(step)
        if isinstance(node, CommentedMap | CommentedSeq):
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                node = None
    return tuple(kept)


def explain(
    display: str,
    tree: Any,
    error: ValidationError,
    allowed_keys: Callable[[tuple[Any, ...]], list[str]],
    label: Callable[[Any, tuple[Any, ...]], str] = lambda tree, location: "",
    types: tuple[str, ...] = (),
    entry: str = "question",
) -> Iterator[Problem]:
    """Turn pydantic's errors into sentences a contributor can act on: what is wrong and what to write."""
    seen: set[tuple[int, str]] = set()
    for item in error.errors(include_url=False):
        location = tuple(item["loc"])
        field_location = without_tags(tree, location)
        line = line_of(tree, location)
        if item["type"] == "missing":
            line = line_of(tree, field_location[:-1])
        elif item["type"] == "union_tag_invalid":
            line = line_of(tree, (*location, "type"))
        message = label(tree, field_location) + _sentence(item, location, field_location, allowed_keys, types, entry)
        if (line, message) not in seen:
            seen.add((line, message))
            yield Problem(display, line, message)


def _sentence(
    item: Any,
    location: tuple[Any, ...],
    field_location: tuple[Any, ...],
    allowed_keys: Callable[[tuple[Any, ...]], list[str]],
    types: tuple[str, ...],
    entry: str,
) -> str:
    """One pydantic error as a plain sentence."""
    kind, given, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    name = next((s for s in reversed(field_location) if isinstance(s, str)), "")
    shown = _describe(given)
    if kind == "extra_forbidden":
        allowed = allowed_keys(location)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return f"unknown key `{name}`; {hint}allowed keys here: {', '.join(allowed)}"
    if kind == "missing":
        if name == "feedback" and "statements" in field_location:
            return "missing `feedback`; add `feedback:` saying why the statement belongs in its category"
        return f"missing `{name}`; add `{name}:` {_how_to_fill(name)}"
    if kind == "union_tag_invalid":
        given_tag = given.get("type") if isinstance(given, dict) else ctx.get("tag")
        if given_tag is None:
            return f"`type` is empty; write one of: {', '.join(types)}"
        if not isinstance(given_tag, str):
            return f"`type` must be one of: {', '.join(types)}, not {_describe(given_tag)}"
        close = difflib.get_close_matches(str(given_tag), types, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return f"unknown question type `{given_tag}`; {hint}use one of: {', '.join(types)}"
    if kind == "union_tag_not_found":
        return f"missing `type`; add `type:` with one of: {', '.join(types)}"
    if kind == "literal_error":
        return f"`{name}` must be {ctx.get('expected', 'one of the allowed words')}, not {shown}"
    if kind == "value_error":
        return str(ctx.get("error") or item["msg"].removeprefix("Value error, "))
    if given is None and kind in ("bool_type", "string_type", "list_type", "int_type"):
        return f"`{name}` is empty; write {_how_to_fill(name, short=True)} after `{name}:`"
    if kind in ("bool_type", "bool_parsing"):
        return f"`{name}` must be true or false (without quotes), not {shown}"
    if kind in ("string_type", "str_type"):
        return f"`{name}` must be text, not {shown}; put it in quotes if it is meant as text"
    if kind == "string_too_short":
        return f"`{name}` is empty; write the text after `{name}:`"
    if kind == "string_too_long":
        return f"`{name}` is too long ({len(given):,} characters); keep it under {ctx['max_length']:,}"
    if kind == "string_pattern_mismatch":
        in_list = bool(field_location) and isinstance(field_location[-1], int)
        return _pattern_sentence(name, ctx.get("pattern", ""), given, in_list)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"`{name}` must be a whole number without quotes, like `2020`, not {shown}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"`{name}` must be {ctx.get('ge', ctx.get('gt'))} or more, not {shown}"
    if kind in ("less_than_equal", "less_than"):
        return f"`{name}` must be {ctx.get('le', ctx.get('lt'))} or less, not {shown}"
    if kind == "too_short":
        need = ctx.get("min_length")
        return f"`{name}` needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        return f"`{name}` has more than the {ctx.get('max_length')} items allowed"
    if kind == "literal_error":
        return f"`{name}` must be {ctx.get('expected')}, not {shown}"
    if kind == "list_type":
        return f"`{name}` must be a list, each item on its own line starting with `- `"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        what = f"each {entry}"
        if name == "options" or location[-2:-1] == ("options",):
            what = "each option"
        if not field_location:
            what = "the file"
        return f"{what} must be a block of `key: value` lines, not {shown}"
    return f"`{name}` cannot be {shown}; see CONTRIBUTING.md for what this key needs"


# Patterns of the values that are ids, and what a correct one looks like.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
HTTPS_PATTERN = r"^https://[^\s/$.?#][^\s]*$"
_SLUG_EXAMPLES = {
    "id": "`scan-findings`",
    "learn_more": "`why-scans-can-mislead` (a heading id from the chapter page, without `#`)",
    "sources": "`ashar-2022` (a key from data/references.yml)",
    "source": "`brinjikji-2015a` (a key from data/references.yml)",
    "see": "`central-sensitisation` (the term in lower case, with hyphens for spaces)",
    "[key]": "`ashar-2022` (first author's surname and year)",
}


def _pattern_sentence(name: str, pattern: str, given: Any, in_list: bool) -> str:
    shown = _describe(given)
    if pattern == DOI_PATTERN:
        hint = "; leave out the `https://doi.org/` in front" if "doi.org/" in str(given) else ""
        return f"`doi` must be the DOI alone, starting with `10.`, like `10.3174/ajnr.A4173`, not {shown}{hint}"
    if pattern == HTTPS_PATTERN:
        hint = "; use the page's https:// address" if str(given).startswith("http://") else ""
        return f"`url` must be a full web address starting with `https://`, not {shown}{hint}"
    example = _SLUG_EXAMPLES.get(name, "`scan-findings`")
    if name == "[key]":
        return f"reference key {shown} must be lower-case words or numbers joined by single hyphens, like {example}"
    what = f"each item of `{name}`" if in_list else f"`{name}`"
    return f"{what} must be lower-case words or numbers joined by single hyphens, like {example}, not {shown}"


def _how_to_fill(name: str, short: bool = False) -> str:
    if short:
        return {
            "correct": "true or false",
            "answer": "true or false",
            "year": "the year, like `2020`,",
            "questions": "the questions, each starting with `- `, on the lines",
        }.get(name, "the text")
    return {
        "questions": "followed by a list of questions",
        "id": "with a short unique id like `scan-findings`",
        "prompt": "with the question text",
        "explanation": "with what the right answer teaches",
        "options": "with a list of options, each `- text: ...`",
        "text": "with the option's text",
        "answer": "with true or false",
        "feedback": "saying why the other answer is wrong",
        "authors": "with the authors as the source lists them, like `Ashar YK, Gordon A, et al.`",
        "year": "with the year of publication, like `2022`",
        "title": "with the title of the article, book or page",
        "published": "with the journal or publisher, like `Pain 2020;161(9):1976-1982`",
        "term": "with the word or phrase being explained",
        "short": "with a one-sentence definition (at most 150 characters)",
        "definition": "with a definition of one to three sentences",
        "source": "with the key of the study in data/references.yml",
        "population": "saying who was studied",
        "ages": "with the ages, like `[20, 30, 40]`",
        "findings": "followed by a list of findings",
        "name": "with the finding's name",
        "values": "with one percentage for each age",
        "outcome": 'with what the people with the result did, completing "66 out of 100 people ...", '
        "like `were pain-free`",
        "groups": "followed by a list of groups, each `- {label: ..., people: ..., events: ...}`",
        "label": "with the group's name, like `Usual care`",
        "people": "with how many people were in the group",
        "events": "with how many people in the group had the result",
        "emergency": "with the signs that need emergency help now (`heading:`, `action:`, `parts:`)",
        "urgent": "with the signs that need a doctor the same or next day "
        "(`heading:`, `action:`, `summary:`, `parts:`)",
        "soon": "with the signs that need a doctor within days to weeks (`heading:`, `action:`, `summary:`, `parts:`)",
        "clinicians": "with the red flags a clinician looks for (`heading:`, `action:`, `parts:`)",
        "heading": "with the heading of this list on docs/red-flags.md",
        "action": "with what the reader should do, one sentence that leads into the list",
        "parts": "followed by the signs in parts, each part with `sources:` and `signs:`",
        "signs": "followed by the signs, each on its own line starting with `- `",
        "sources": "with the keys of its sources in data/references.yml, like `[nhs-back-pain]`",
        "categories": "with a list of two to four categories, each `- id: ...` and `text: ...`",
        "statements": "with a list of statements, each `- text: ...`, `category: ...` and `feedback: ...`",
        "category": "with the `id` of the category the statement belongs in",
        "scored": "with `by:` (who scored the chapter) and `date:` (the day, YYYY-MM-DD) on the lines below it",
        "by": "with the scorer's name and role, like `Sam Lee, physiotherapist`",
        "date": "with the date, written YYYY-MM-DD, like `2026-12-01`",
        "items": "followed by every PEMAT item, each `12:` with `score:` and `reason:` below it",
        "score": "with agree, disagree or na",
        "reason": "with one line saying why, from what the chapter says or shows",
    }.get(name, "with a value")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "...")
