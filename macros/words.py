"""The interface's words (buttons, hints, messages, announcements) in the site's language.

One file per language, `data/words/<language>.yml`; `theme: language:` in mkdocs.yml
picks it. The English file in the repository is the reference: a translation has
exactly its groups and keys, and keeps each text's {placeholders}. A site without
its own `data/words/` (the fixture sites) uses the repository's.

Templates get the words as a nested dict; the JavaScript gets the groups it needs
as JSON in a `data-words` attribute (never an inline script: Material's instant
navigation re-runs every <script> in the page as JavaScript).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, create_model
from ruamel.yaml.comments import CommentedMap

from .data import Loaded, load
from .pages import ROOT
from .yamlfile import Problem, line_of

REFERENCE = ROOT / "data" / "words" / "en.yml"
_TEXT = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=400)]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_LANGUAGE = re.compile(r"^\s+language:\s*([A-Za-z-]+)\s*$", re.M)

Words = dict[str, dict[str, str]]


def site_language(root: Path) -> str:
    """`theme: language:` from a site's mkdocs.yml, or "en"."""
    config = root / "mkdocs.yml"
    if config.is_file():
        match = _LANGUAGE.search(config.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return "en"


def _reference() -> dict[str, dict[str, str]]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(REFERENCE.read_text(encoding="utf-8"))


def _model(reference: dict[str, dict[str, str]]) -> type[BaseModel]:
    strict = ConfigDict(extra="forbid", frozen=True)
    groups = {
        group: (create_model(f"Words_{group}", __config__=strict, **dict.fromkeys(keys, (_TEXT, ...))), ...)
        for group, keys in reference.items()
    }
    return create_model("Words", __config__=strict, **groups)


def words_file(root: Path, language: str) -> tuple[Path, str]:
    """The file holding `language`'s words for the site at `root`, and how to show its path."""
    own = root / "data" / "words" / f"{language}.yml"
    if own.is_file() or (root / "data" / "words").is_dir():
        return own, f"data/words/{language}.yml"
    return ROOT / "data" / "words" / f"{language}.yml", f"data/words/{language}.yml"


def load_words(root: Path, language: str) -> tuple[Words, list[Problem]]:
    """The words for `language`, and every problem with the file (missing, unknown or empty keys, placeholders)."""
    path, display = words_file(root, language)
    if not path.is_file():
        return {}, [
            Problem(
                display,
                1,
                f"there are no interface words for the language `{language}` (theme: language: in mkdocs.yml); "
                f"copy data/words/en.yml to {display} and translate it",
            )
        ]
    reference = _reference()
    translation = language != "en"  # a translation starts with `translated_from:`
    loaded: Loaded[Any] = load(path, _model(reference), display, "`page:`", translation=translation)
    problems = list(loaded.problems)
    if loaded.model is None:
        return {}, problems
    words: Words = loaded.model.model_dump()
    for group, keys in reference.items():
        for key, english in keys.items():
            wanted, found = set(_PLACEHOLDER.findall(english)), set(_PLACEHOLDER.findall(words[group][key]))
            if wanted != found:
                tree = loaded.tree if isinstance(loaded.tree, CommentedMap) else None
                problems.append(
                    Problem(
                        display,
                        line_of(tree, (group, key)) if tree is not None else 1,
                        f"`{group}: {key}` must keep the placeholders {_list(wanted)} of data/words/en.yml "
                        f"(found {_list(found)}); they are filled in when the page is built or shown",
                    )
                )
    return ({} if problems else words), problems


@cache
def english() -> Words:
    """The repository's English words (data/words/en.yml): the default when a caller passes none."""
    words, problems = load_words(ROOT, "en")
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    return words


def _list(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def fill(text: str, **values: Any) -> str:
    """`text` with its {placeholders} filled in."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def for_script(words: Words, *groups: str) -> str:
    """The groups a script needs, as compact JSON for a `data-words` attribute (escaped by the template)."""
    return json.dumps({group: words[group] for group in groups}, ensure_ascii=False, separators=(",", ":"))
