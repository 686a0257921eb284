"""Reading YAML data files with line numbers, and explaining what is wrong in them.

Used for question banks and for the data files in data/. Nothing here raises for
bad content: every problem is returned as a `Problem` with file, line and a fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
    """ruamel's round-trip types as plain Python values, for strict validation."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def read_yaml(
    path: Path, display: str, what: str, starts_with: str, top: type = CommentedMap
) -> tuple[Any, list[Problem]]:
    """Parse a YAML file keeping positions; (tree or None, problems)."""
    problems: list[Problem] = []

    def fail(line: int, message: str) -> tuple[Any, list[Problem]]:
        problems.append(Problem(display, line, message))
        return None, problems

    try:
        raw = path.read_bytes()
    except OSError as error:
        return fail(1, f"cannot read the file ({error.strerror}); check that it exists and is readable")
    if len(raw) > MAX_BYTES:
        return fail(1, f"the file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed; split it or shorten it")
    if b"\x00" in raw:
        return fail(1, "this is not a text file (it contains NUL bytes); save it as plain UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, "the file is not UTF-8 text; save it with UTF-8 encoding in your editor")
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return fail(1, f"the {what} is empty; start it with `{starts_with}`")

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = (error.problem or "not valid YAML").strip()
        if "duplicate key" in what or "found duplicate" in what:
            key = what.split('"')[1] if '"' in what else ""
            return fail(line, f"the key `{key}` appears twice in the same block; keep one of them")
        hint = "check the indentation, and put text containing `: ` or starting with a special character in quotes"
        return fail(line, f"YAML syntax error: {what}; {hint}")
    except YAMLError as error:
        return fail(1, f"YAML syntax error: {error}")
    except ValueError as error:  # e.g. an impossible date such as 2026-13-01
        return fail(1, f"a value cannot be read ({error}); put text that looks like a date in quotes")
    if not isinstance(tree, top):
        shape = "a list of entries" if top is CommentedSeq else "a block of `key: value` lines"
        return fail(1, f"the {what} must be {shape} starting with `{starts_with}`")
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
) -> Iterator[Problem]:
    """Turn pydantic's errors into sentences a contributor can act on."""
    seen: set[tuple[int, str]] = set()
    for item in error.errors(include_url=False):
        location = tuple(item["loc"])
        field_location = without_tags(tree, location)
        name = next((s for s in reversed(field_location) if isinstance(s, str)), "")
        kind = item["type"]
        line = line_of(tree, location)
        if kind == "extra_forbidden":
            allowed = allowed_keys(location)
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            message = f"unknown key `{name}`; {hint}allowed keys here: {', '.join(allowed)}"
        elif kind == "missing":
            parent = field_location[:-1]
            line = line_of(tree, parent)
            message = f"missing `{name}`; add `{name}:` {_how_to_fill(name)}"
        elif kind == "union_tag_invalid":
            given = item["ctx"].get("tag")
            line = line_of(tree, (*location, "type"))
            close = difflib.get_close_matches(str(given), types, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            message = f"unknown question type `{given}`; {hint}use one of: {', '.join(types)}"
        elif kind == "union_tag_not_found":
            message = f"missing `type`; add `type:` with one of: {', '.join(types)}"
        elif kind in ("bool_type", "bool_parsing"):
            message = f"`{name}` must be true or false (without quotes), not {item['input']!r}"
        elif kind in ("string_type", "str_type"):
            message = f"`{name}` must be text, not {_describe(item['input'])}; put it in quotes if it is meant as text"
        elif kind == "string_too_short":
            message = f"`{name}` is empty; write the text after `{name}:`"
        elif kind == "string_too_long":
            message = (
                f"`{name}` is too long ({len(item['input']):,} characters); keep it under {item['ctx']['max_length']:,}"
            )
        elif kind == "string_pattern_mismatch":
            message = (
                f"`{name}` value {item['input']!r} is not a valid id; use lower-case letters, digits "
                "and single hyphens, like `scan-findings`"
            )
        elif kind == "too_short":
            need = item["ctx"].get("min_length")
            message = f"`{name}` needs at least {need} item{'s' if need != 1 else ''}"
        elif kind == "too_long":
            message = f"`{name}` has more than the {item['ctx'].get('max_length')} items allowed"
        elif kind == "list_type":
            message = f"`{name}` must be a list, each item on its own line starting with `- `"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            what = "each option" if name == "options" or location[-2:-1] == ("options",) else "each question"
            if not field_location:
                what = "the bank"
            message = f"{what} must be a block of `key: value` lines, not {_describe(item['input'])}"
        else:
            message = f"`{name}`: {item['msg']}"
        message = label(tree, field_location) + message
        if (line, message) not in seen:
            seen.add((line, message))
            yield Problem(display, line, message)


def _how_to_fill(name: str) -> str:
    return {
        "questions": "followed by a list of questions",
        "id": "with a short unique id like `scan-findings`",
        "prompt": "with the question text",
        "explanation": "with what the right answer teaches",
        "options": "with a list of options, each `- text: ...`",
        "text": "with the option's text",
        "answer": "with true or false",
        "feedback": "saying why the other answer is wrong",
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
    return repr(value)
