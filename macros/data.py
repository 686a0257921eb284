"""The course's data files in data/: references, glossary, red flags, figure data.

Each loader returns the parsed model (or None) and a list of problems with file
and line, in the same way as the question banks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints, ValidationError, model_validator
from ruamel.yaml.comments import CommentedMap

from .yamlfile import Problem, explain, plain, read_yaml

Key = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Line = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=600)]
Short = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=150)]
Doi = Annotated[str, StringConstraints(strict=True, pattern=r"^10\.\d{4,9}/\S+$")]
Https = Annotated[str, StringConstraints(strict=True, pattern=r"^https://[^\s/$.?#][^\s]*$")]


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

    @model_validator(mode="after")
    def _has_address(self) -> Reference:
        if not self.doi and not self.url:
            raise ValueError("needs a `doi:` (like 10.1000/xyz) or an `url:` starting with https://")
        return self

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

    @property
    def id(self) -> str:
        return slug(self.term)


class Glossary(RootModel[list[Term]]):
    pass


# ---------------------------------------------------------------- red flags


class RedFlags(_Strict):
    emergency: list[Line] = Field(min_length=1)
    urgent: list[Line] = Field(min_length=1)


# ---------------------------------------------------------------- figure data


class Finding(_Strict):
    name: Line
    values: list[int] = Field(min_length=1)
    modelled_ages: list[int] = Field(default_factory=list)
    unchecked_ages: list[int] = Field(default_factory=list)


class FindingsTable(_Strict):
    source: Key
    population: Line
    ages: list[int] = Field(min_length=2)
    findings: list[Finding] = Field(min_length=1)

    @model_validator(mode="after")
    def _shape(self) -> FindingsTable:
        for finding in self.findings:
            if len(finding.values) != len(self.ages):
                raise ValueError(
                    f"`{finding.name}` has {len(finding.values)} values but there are {len(self.ages)} ages"
                )
            if any(not 0 <= v <= 100 for v in finding.values):
                raise ValueError(f"`{finding.name}` has a value outside 0 to 100 (values are percentages)")
            stray = set(finding.modelled_ages + finding.unchecked_ages) - set(self.ages)
            if stray:
                raise ValueError(f"`{finding.name}` names ages that are not in `ages`: {sorted(stray)}")
        return self


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


def load(path: Path, model: type[M], display: str, starts_with: str, top: type = CommentedMap) -> Loaded[M]:
    """Read one data file into `model`, collecting problems instead of raising."""
    loaded: Loaded[M] = Loaded(display)
    tree, problems = read_yaml(path, display, what="file", starts_with=starts_with, top=top)
    loaded.problems = problems
    if tree is None:
        return loaded
    loaded.tree = tree
    try:
        loaded.model = model.model_validate(plain(tree))
    except ValidationError as error:
        problems.extend(explain(display, tree, error, _allowed_keys_for(model), _entry_label))
    return loaded


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


def _entry_label(tree: Any, location: tuple[Any, ...]) -> str:
    if not location:
        return ""
    first = location[0]
    if isinstance(first, int):
        try:
            term = tree[first].get("term")
        except (AttributeError, IndexError, KeyError, TypeError):
            term = None
        return f"entry '{term}': " if isinstance(term, str) else f"entry {first + 1}: "
    if isinstance(first, str) and len(location) > 1 and isinstance(tree.get(first), dict):
        return f"'{first}': "
    return ""


__all__ = [
    "FindingsTable",
    "Glossary",
    "Loaded",
    "RedFlags",
    "Reference",
    "References",
    "Term",
    "load",
    "slug",
]
