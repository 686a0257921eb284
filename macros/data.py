"""The course's data files in data/: references, glossary, red flags, figure data.

Each loader returns the parsed model (or None) and a list of problems with file
and line, in the same way as the question banks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, RootModel, StringConstraints, ValidationError
from ruamel.yaml.comments import CommentedMap

from .translations import without_source
from .yamlfile import DOI_PATTERN, HTTPS_PATTERN, SLUG_PATTERN, Problem, explain, line_of, plain, read_yaml

Key = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=80)]
Line = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=600)]
Short = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=150)]
Doi = Annotated[str, StringConstraints(strict=True, pattern=DOI_PATTERN)]
Https = Annotated[str, StringConstraints(strict=True, pattern=HTTPS_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- references


class Reference(_Strict):
    authors: Line
    year: int = Field(ge=1900, le=2100, strict=True)
    title: Line
    published: Line
    doi: Doi | None = None
    url: Https | None = None
    note: Line | None = None
    cite_as: Short | None = None

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)

    @property
    def short(self) -> str:
        """How a citation reads in the text: `cite_as`, or first author's surname and year."""
        if self.cite_as:
            return self.cite_as
        first = self.authors.split(",")[0].strip().rstrip(".")
        if " " in first and first.split()[-1].isupper() and len(first.split()[-1]) <= 3:
            first = " ".join(first.split()[:-1])  # "Ashar YK" -> "Ashar"
        first = re.sub(r"\s*\(.*?\)\s*", " ", first).strip()
        return f"{first} {self.year}"


class References(RootModel[dict[Key, Reference]]):
    pass


# ---------------------------------------------------------------- glossary


class Term(_Strict):
    term: Line
    match: list[Line] = Field(default_factory=list)
    short: Short
    definition: Line
    see: list[Key] = Field(default_factory=list)
    # A translated term keeps the English term's id (its anchor on the glossary page, what `see` names).
    _anchor: str | None = PrivateAttr(default=None)

    @property
    def id(self) -> str:
        return self._anchor or slug(self.term)

    def keep_id(self, anchor: str) -> None:
        """Use the English term's id for this (translated) term."""
        self._anchor = anchor


class Glossary(RootModel[list[Term]]):
    pass


# ---------------------------------------------------------------- red flags


class FlagPart(_Strict):
    """Signs from the same sources, with an optional line shown above them."""

    lead: Line | None = None
    sources: list[Key] = Field(min_length=1)
    signs: list[Line] = Field(min_length=1)


class FlagList(_Strict):
    """One list of warning signs: its heading on the red-flags page, what to do, and the signs."""

    heading: Short
    action: Line
    summary: Line | None = None  # the line in the reminder box (urgent and soon)
    parts: list[FlagPart] = Field(min_length=1)

    @property
    def signs(self) -> list[str]:
        return [sign for part in self.parts for sign in part.signs]


class RedFlags(_Strict):
    """Three tiers (evidence brief §6), and the clinicians' list kept apart from the public advice."""

    emergency: FlagList
    urgent: FlagList
    clinicians: FlagList
    soon: FlagList

    @classmethod
    def lists(cls) -> list[str]:
        return list(cls.model_fields)


# Lists whose line in the reminder box is their `summary`; the emergency signs are listed in full.
SUMMARISED = ("urgent", "soon")


# ---------------------------------------------------------------- figure data


class Finding(_Strict):
    name: Line
    values: list[int] = Field(min_length=1)
    modelled_ages: list[int] = Field(default_factory=list)  # estimated by the study's model, not observed


class FindingsTable(_Strict):
    source: Key
    population: Line
    ages: list[int] = Field(min_length=2)
    findings: list[Finding] = Field(min_length=1)


class IconGroup(_Strict):
    label: Short
    people: int = Field(ge=1, le=1_000_000, strict=True)
    events: int = Field(ge=0, strict=True)


class IconArray(_Strict):
    """One trial result drawn as 100 figures per group (macros/figures.py)."""

    title: Short
    outcome: Short  # completes "66 out of 100 people ...", like `were pain-free or nearly pain-free`
    source: Key
    groups: list[IconGroup] = Field(min_length=1, max_length=6)


class IconArrays(RootModel[dict[Key, IconArray]]):
    pass


# A few words in a box or under a stretch of road: short enough to read at 320 px.
Label = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=60)]


class DiagramPath(_Strict):
    """One path of a diagram: its label and its steps, in order."""

    label: Label
    steps: list[Label] = Field(min_length=1, max_length=5)
    loop: bool = False  # kind `cycle` only: the last step leads back to `start`


class Diagram(_Strict):
    """A picture of an idea drawn from words (macros/figures.py): a cycle with a way out, or two roads."""

    kind: Literal["cycle", "roads"]
    title: Short
    caption: Line
    start: Label | None = None  # kind `cycle`: the box both paths begin from
    sources: list[Key] = Field(default_factory=list)
    paths: list[DiagramPath] = Field(min_length=2, max_length=2)


class Diagrams(RootModel[dict[Key, Diagram]]):
    pass


# ---------------------------------------------------------------- loading


def slug(text: str) -> str:
    """The id a heading or term gets: lower-case words joined by hyphens."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded(Generic[M]):
    display: str
    model: M | None = None
    tree: Any = None
    problems: list[Problem] = field(default_factory=list)


def load(
    path: Path,
    model: type[M],
    display: str,
    starts_with: str,
    top: type = CommentedMap,
    translation: bool = False,
    glossary: bool = False,
) -> Loaded[M]:
    """Read one data file into `model`, collecting problems instead of raising.

    The rules that span fields (a reference's address, a chart row's length) are
    checked after the shape, each at its own line; a file with any problem has no model.
    A `translation` starts with `translated_from:` (macros/translations.py checks it); a
    translated `glossary` is a block with `translated_from:` and `entries:` (the list).
    """
    loaded: Loaded[M] = Loaded(display)
    if translation:
        first = "`translated_from:`, then `entries:` (the list of terms)" if glossary else "`translated_from:`"
        tree, problems = read_yaml(path, display, what="file", starts_with=first)
        if tree is not None:
            tree = without_source(tree, glossary)
            if tree is None:
                problems.append(
                    Problem(
                        display,
                        1,
                        "a translated glossary is a block of two keys: `translated_from:` (the English file's "
                        "blob id) and `entries:` (the list of terms, each starting with `- term:`)",
                    )
                )
    else:
        tree, problems = read_yaml(path, display, what="file", starts_with=starts_with, top=top)
    loaded.problems = problems
    if tree is None:
        return loaded
    loaded.tree = tree
    try:
        loaded.model = model.model_validate(plain(tree))
    except ValidationError as error:
        nouns = {
            References: "reference",
            FindingsTable: "finding",
            IconArrays: "icon array",
            Diagrams: "diagram",
            RedFlags: "red-flag list",
        }
        noun = nouns.get(model, getattr(model, "noun", "entry"))
        problems.extend(explain(display, tree, error, _allowed_keys_for(model), _labeller(model), entry=noun))
        return loaded
    rules = _RULES.get(model)
    if rules:
        problems.extend(rules(loaded))
    if problems:
        loaded.model = None
    return loaded


def _reference_rules(loaded: Loaded[References]) -> Iterator[Problem]:
    for key, reference in loaded.model.root.items():
        if not reference.doi and not reference.url:
            yield Problem(
                loaded.display,
                line_of(loaded.tree, (key,)),
                f"'{key}': add a `doi:` (like `10.3174/ajnr.A4173`) or a `url:` starting with https://, "
                "so readers can find the source",
            )


def _findings_rules(loaded: Loaded[FindingsTable]) -> Iterator[Problem]:
    table, tree = loaded.model, loaded.tree
    ages = ", ".join(str(age) for age in table.ages)
    for index, finding in enumerate(table.findings):
        label = f"finding '{finding.name}': "
        where = ("findings", index)
        if len(finding.values) != len(table.ages):
            yield Problem(
                loaded.display,
                line_of(tree, (*where, "values")),
                f"{label}`values` has {len(finding.values)} numbers but `ages` has {len(table.ages)} ({ages}); "
                "give one value for each age, in the same order",
            )
        for number, value in enumerate(finding.values):
            if not 0 <= value <= 100:
                yield Problem(
                    loaded.display,
                    line_of(tree, (*where, "values", number)),
                    f"{label}the value {value} is not between 0 and 100; values are percentages of people",
                )
        stray = sorted(set(finding.modelled_ages) - set(table.ages))
        if stray:
            yield Problem(
                loaded.display,
                line_of(tree, (*where, "modelled_ages")),
                f"{label}`modelled_ages` names {', '.join(map(str, stray))}, which "
                f"{'is' if len(stray) == 1 else 'are'} not in `ages` ({ages}); use ages from that list",
            )


def _icon_array_rules(loaded: Loaded[IconArrays]) -> Iterator[Problem]:
    for key, array in loaded.model.root.items():
        for index, group in enumerate(array.groups):
            if group.events > group.people:
                yield Problem(
                    loaded.display,
                    line_of(loaded.tree, (key, "groups", index, "events")),
                    f"icon array '{key}', group '{group.label}': `events` is {group.events}, more than the "
                    f"{group.people} `people` in the group; `events` counts the people in the group with the result",
                )
        labels = [group.label for group in array.groups]
        for index, label in enumerate(labels):
            if labels.index(label) != index:
                yield Problem(
                    loaded.display,
                    line_of(loaded.tree, (key, "groups", index, "label")),
                    f"icon array '{key}': two groups are called '{label}'; give each group its own label",
                )


def _diagram_rules(loaded: Loaded[Diagrams]) -> Iterator[Problem]:
    for key, diagram in loaded.model.root.items():
        if diagram.kind == "cycle" and diagram.start is None:
            yield Problem(
                loaded.display,
                line_of(loaded.tree, (key, "kind")),
                f"diagram '{key}': `kind: cycle` needs `start:`, the box both paths begin from (like `start: Pain`)",
            )
        if diagram.kind == "roads" and diagram.start is not None:
            yield Problem(
                loaded.display,
                line_of(loaded.tree, (key, "start")),
                f"diagram '{key}': `start:` is only for `kind: cycle`; two roads have no shared start, so remove it",
            )
        for index, path in enumerate(diagram.paths):
            if not path.loop:
                continue
            where = line_of(loaded.tree, (key, "paths", index, "loop"))
            if diagram.kind != "cycle":
                yield Problem(
                    loaded.display,
                    where,
                    f"diagram '{key}', path '{path.label}': `loop` is only for `kind: cycle`; remove it",
                )
            elif index != 0:
                yield Problem(
                    loaded.display,
                    where,
                    f"diagram '{key}', path '{path.label}': only the first path can loop back to `start` "
                    "(it is drawn on the left, beside the loop); put this path first",
                )
        labels = [path.label for path in diagram.paths]
        if len(set(labels)) != len(labels):
            yield Problem(
                loaded.display,
                line_of(loaded.tree, (key, "paths", 1, "label")),
                f"diagram '{key}': both paths are called '{labels[0]}'; give each path its own label",
            )


def _red_flag_rules(loaded: Loaded[RedFlags]) -> Iterator[Problem]:
    flags, tree = loaded.model, loaded.tree
    for name in SUMMARISED:
        if getattr(flags, name).summary is None:
            yield Problem(
                loaded.display,
                line_of(tree, (name,)),
                f"`{name}`: missing `summary`; add `summary:` with one line about these signs for the reminder "
                "box on chapters",
            )
    seen: dict[str, int] = {}
    for name in RedFlags.lists():
        for index, part in enumerate(getattr(flags, name).parts):
            for number, sign in enumerate(part.signs):
                line = line_of(tree, (name, "parts", index, "signs", number))
                first = seen.setdefault(" ".join(sign.lower().split()), line)
                if first != line:
                    yield Problem(
                        loaded.display,
                        line,
                        f"`{name}`, part {index + 1}: the sign '{sign}' is also on line {first}; "
                        "keep each sign in one list only",
                    )


_RULES: dict[type[BaseModel], Callable[[Any], Iterator[Problem]]] = {
    References: _reference_rules,
    FindingsTable: _findings_rules,
    RedFlags: _red_flag_rules,
    IconArrays: _icon_array_rules,
    Diagrams: _diagram_rules,
}


def _allowed_keys_for(model: type[BaseModel]):
    def allowed(location: tuple[Any, ...]) -> list[str]:
        current: Any = model
        for step in location[:-1]:
            if isinstance(current, type) and issubclass(current, RootModel):
                current = _inner(current.model_fields["root"].annotation)
                continue
            if isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
                current = _inner(current.model_fields[step].annotation)
        if isinstance(current, type) and issubclass(current, RootModel):
            current = _inner(current.model_fields["root"].annotation)
        return sorted(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []

    return allowed


def _inner(annotation: Any) -> Any:
    """list[X] -> X, dict[str, X] -> X, X | None -> X."""
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    return args[-1] if args else annotation


def _labeller(model: type[BaseModel]) -> Callable[[Any, tuple[Any, ...]], str]:
    """What a problem's sentence starts with: which reference, glossary entry or finding it is about."""

    def label(tree: Any, location: tuple[Any, ...]) -> str:
        if not location:
            return ""
        if hasattr(model, "problem_label"):  # a model in another module labels its own problems (macros/pemat.py)
            return model.problem_label(tree, location)
        first = location[0]
        if model is References and isinstance(first, str):
            return "" if location[-1] == "[key]" else f"'{first}': "
        if model is Glossary and isinstance(first, int):
            return _named("entry", tree, first, "term")
        if model is FindingsTable and first == "findings" and len(location) > 1 and isinstance(location[1], int):
            return _named("finding", tree.get("findings"), location[1], "name")
        if model is RedFlags and isinstance(first, str) and (len(location) > 1 or first in tree):
            if len(location) > 3 and location[1] == "parts" and isinstance(location[2], int):
                return f"`{first}`, part {location[2] + 1}: "
            return f"`{first}`: "
        if model is IconArrays and isinstance(first, str):
            if location[-1] == "[key]":
                return ""
            if len(location) > 2 and location[1] == "groups" and isinstance(location[2], int):
                try:
                    groups = tree[first]["groups"]
                except (KeyError, TypeError):
                    groups = None
                return f"icon array '{first}', " + _named("group", groups, location[2], "label")
            return f"icon array '{first}': "
        if model is Diagrams and isinstance(first, str):
            if location[-1] == "[key]":
                return ""
            if len(location) > 2 and location[1] == "paths" and isinstance(location[2], int):
                try:
                    paths = tree[first]["paths"]
                except (KeyError, TypeError):
                    paths = None
                return f"diagram '{first}', " + _named("path", paths, location[2], "label")
            return f"diagram '{first}': "
        return ""

    return label


def _named(noun: str, items: Any, index: int, key: str) -> str:
    try:
        name = items[index].get(key)
    except (AttributeError, IndexError, KeyError, TypeError):
        name = None
    return f"{noun} '{name}': " if isinstance(name, str) else f"{noun} {index + 1}: "


__all__ = [
    "Diagram",
    "DiagramPath",
    "Diagrams",
    "FindingsTable",
    "FlagList",
    "FlagPart",
    "Glossary",
    "IconArray",
    "IconArrays",
    "Loaded",
    "RedFlags",
    "Reference",
    "References",
    "SUMMARISED",
    "Term",
    "load",
    "slug",
]
