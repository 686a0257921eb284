"""Question banks: typed models, a loader that keeps YAML line numbers, and checks.

A bank is `quiz/<chapter-slug>.yml`. Loading never raises for bad input: every
problem in every bank comes back as a `Problem` naming the file, the line and how
to fix it, so one run reports them all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .translations import without_source
from .yamlfile import SLUG_PATTERN, Problem, explain, line_of, plain, read_yaml

QUESTION_TYPES = ("single", "multiple", "true-false", "classify")

# ---------------------------------------------------------------- models

Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=4000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer a reader can choose."""

    text: Text = Field(description="What the reader sees. Markdown allowed.")
    correct: StrictBool = Field(False, description="true for a right answer.")
    feedback: Text | None = Field(
        None, description="Why this option is wrong (required on wrong options). Markdown allowed."
    )


class _Question(_Strict):
    id: Slug = Field(description="Stable id, unique in the bank: lower-case words joined by hyphens.")
    prompt: Text = Field(description="The question. Markdown allowed.")
    explanation: Text = Field(description="Shown after answering: what the right answer teaches.")
    learn_more: Slug | None = Field(None, description="Id of the heading on the chapter page that teaches this.")
    sources: list[Slug] = Field(default_factory=list, description="Keys in data/references.yml.")


class SingleQuestion(_Question):
    """Exactly one correct option."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)


class MultipleQuestion(_Question):
    """Select all that apply: at least one correct and one incorrect option."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2, max_length=8)


class TrueFalseQuestion(_Question):
    """A statement that is true or false."""

    type: Literal["true-false"]
    answer: StrictBool = Field(description="The correct answer: true or false.")
    feedback: Text = Field(description="Why the other answer is wrong. Markdown allowed.")


class Category(_Strict):
    """One place a statement can go, such as "Emergency now"."""

    id: Slug = Field(description="Short id the statements name in `category`, unique in the question.")
    text: Text = Field(description="What the reader sees: a few words. Markdown allowed.")


class Statement(_Strict):
    """One statement the reader puts in a category."""

    text: Text = Field(description="What the reader sees. Markdown allowed.")
    category: Slug = Field(description="The `id` of the category it belongs in.")
    feedback: Text = Field(description="Why it belongs there (shown when it is put elsewhere). Markdown allowed.")


class ClassifyQuestion(_Question):
    """Put each statement in one of two to four categories."""

    type: Literal["classify"]
    categories: list[Category] = Field(min_length=2, max_length=4)
    statements: list[Statement] = Field(min_length=2, max_length=10)


Question = Annotated[
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | ClassifyQuestion, Field(discriminator="type")
]
_QUESTION = TypeAdapter(Question)


class Bank(_Strict):
    """A chapter's self-check quiz."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Question bank")
    title: Text | None = Field(None, description="Heading above the quiz (default: Check your understanding).")
    questions: list[Question] = Field(min_length=1, max_length=40)


def option_list(question: Any) -> list[Option]:
    """The options a reader chooses from; true-false questions get True and False.

    A classify question has one group of options per statement (see `classify_groups`); here,
    each statement is one option, "correct" in the sense that every statement has a right place.
    """
    if isinstance(question, ClassifyQuestion):
        return [Option(text=s.text, correct=True, feedback=s.feedback) for s in question.statements]
    if isinstance(question, TrueFalseQuestion):
        wrong = question.feedback
        return [
            Option(text="True", correct=question.answer, feedback=None if question.answer else wrong),
            Option(text="False", correct=not question.answer, feedback=wrong if question.answer else None),
        ]
    return list(question.options)


def signature(question: Any) -> str:
    """A short fingerprint of what a saved answer refers to (options and their order).

    Saved progress is ignored when an editor changes the options, so a reader's
    old choice is never shown against new answers.
    """
    if isinstance(question, ClassifyQuestion):
        parts = [question.type, *(f"{c.id}:{c.text}" for c in question.categories)]
        parts += [f"{s.category}:{s.text}" for s in question.statements]
    else:
        parts = [question.type, *(f"{o.correct}:{o.text}" for o in option_list(question))]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


@dataclass
class LoadedBank:
    """A bank file: the model if it is valid, and where each key sits in the file."""

    slug: str
    path: Path
    display: str
    bank: Bank | None = None
    tree: Any = None
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, *location: Any) -> int:
        return line_of(self.tree, location)


# ---------------------------------------------------------------- loading


def load_bank(path: Path, display: str | None = None, language: str = "en") -> LoadedBank:
    """Read, parse and validate one bank. Never raises for bad content.

    A translation (`language` is not "en": quiz/<language>/) starts with `translated_from:`, which
    macros/translations.py checks; its item-quality rules are in its language."""
    translation = language != "en"
    display = display or path.as_posix()
    first = "`translated_from:`, then `questions:`" if translation else "`questions:`"
    tree, problems = read_yaml(path, display, what="bank", starts_with=first)
    if translation and tree is not None:
        tree = without_source(tree)
    loaded = LoadedBank(slug=path.stem, path=path, display=display, tree=tree, problems=problems)
    if tree is None:
        return loaded
    data = plain(tree)
    try:
        loaded.bank = Bank.model_validate(data)
        valid = list(enumerate(loaded.bank.questions))
    except ValidationError as error:
        problems.extend(explain(display, tree, error, _allowed_keys, _question_label, QUESTION_TYPES))
        valid = list(_valid_questions(data.get("questions")))
    problems.extend(_check_rules(loaded, valid))
    problems.extend(item_quality(loaded, valid, language))
    problems.sort(key=lambda p: p.line)
    return loaded


def _valid_questions(questions: Any) -> Iterator[tuple[int, Any]]:
    """The questions that are well-formed on their own, so their rules can be checked too."""
    if not isinstance(questions, list):
        return
    for index, raw in enumerate(questions):
        try:
            yield index, _QUESTION.validate_python(raw)
        except ValidationError:
            continue


def _question_label(tree: Any, location: tuple[Any, ...]) -> str:
    if len(location) >= 2 and location[0] == "questions" and isinstance(location[1], int):
        index = location[1]
        try:
            qid = tree["questions"][index].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            qid = None
        return f"question '{qid}': " if isinstance(qid, str) and qid else f"question {index + 1}: "
    return ""


_ALLOWED_KEYS = {
    "bank": sorted(Bank.model_fields),
    "single": sorted(SingleQuestion.model_fields),
    "multiple": sorted(MultipleQuestion.model_fields),
    "true-false": sorted(TrueFalseQuestion.model_fields),
    "classify": sorted(ClassifyQuestion.model_fields),
    "option": sorted(Option.model_fields),
    "category": sorted(Category.model_fields),
    "statement": sorted(Statement.model_fields),
}


def _allowed_keys(location: tuple[Any, ...]) -> list[str]:
    return _ALLOWED_KEYS[_where_allowed(location)]


def _where_allowed(location: tuple[Any, ...]) -> str:
    if "options" in location[:-1]:
        return "option"
    if "categories" in location[:-1]:
        return "category"
    if "statements" in location[:-1]:
        return "statement"
    for step in location:
        if step in QUESTION_TYPES:
            return step
    return "bank"


def _check_rules(loaded: LoadedBank, questions: list[tuple[int, Any]]) -> Iterator[Problem]:
    """Rules that span fields: duplicate ids, correct-answer counts, feedback."""
    yield from _duplicate_ids(loaded)
    for index, question in questions:
        where = ("questions", index)
        label = f"question '{question.id}': "
        if isinstance(question, ClassifyQuestion):
            yield from _classify_rules(loaded, where, label, question)
            continue
        if isinstance(question, TrueFalseQuestion):
            continue
        correct = sum(o.correct for o in question.options)
        wrong = len(question.options) - correct
        if isinstance(question, SingleQuestion) and correct != 1:
            fix = (
                "mark one option `correct: true`"
                if correct == 0
                else "keep `correct: true` on one option only, or use `type: multiple`"
            )
            yield Problem(
                loaded.display,
                loaded.line_of(*where, "options"),
                f"{label}a `single` question needs exactly one correct option, found {correct}; {fix}",
            )
        if isinstance(question, MultipleQuestion) and (correct == 0 or wrong == 0):
            fix = (
                "mark at least one option `correct: true`"
                if correct == 0
                else "add at least one wrong option (with `feedback`)"
            )
            yield Problem(
                loaded.display,
                loaded.line_of(*where, "options"),
                f"{label}a `multiple` question needs at least one correct and one wrong option; {fix}",
            )
        yield from _repeated_texts(loaded, where, label, "options", [option.text for option in question.options])
        for number, option in enumerate(question.options):
            if not option.correct and option.feedback is None:
                yield Problem(
                    loaded.display,
                    loaded.line_of(*where, "options", number),
                    f"{label}wrong option {number + 1} has no `feedback`; add `feedback:` saying why it is wrong",
                )


def _classify_rules(
    loaded: LoadedBank, where: tuple[Any, ...], label: str, question: ClassifyQuestion
) -> Iterator[Problem]:
    """Categories unique (ids and texts); every statement in exactly one known category; statements unique."""
    ids: dict[str, int] = {}
    for number, category in enumerate(question.categories):
        line = loaded.line_of(*where, "categories", number)
        if category.id in ids:
            yield Problem(
                loaded.display,
                line,
                f"{label}categories {ids[category.id] + 1} and {number + 1} have the same id `{category.id}`; "
                "give each category its own id",
            )
        ids.setdefault(category.id, number)
    yield from _repeated_texts(loaded, where, label, "categories", [c.text for c in question.categories])
    for number, statement in enumerate(question.statements):
        if statement.category not in ids:
            yield Problem(
                loaded.display,
                loaded.line_of(*where, "statements", number, "category"),
                f"{label}statement {number + 1} names the category `{statement.category}`, which this question "
                f"does not have; use one of: {', '.join(ids)}",
            )
    yield from _repeated_texts(loaded, where, label, "statements", [s.text for s in question.statements])


ONE = {"options": "option", "categories": "category", "statements": "statement"}


def _repeated_texts(
    loaded: LoadedBank, where: tuple[Any, ...], label: str, field: str, texts: list[str]
) -> Iterator[Problem]:
    """Entries of one list (options, categories or statements) with the same text, ignoring case and spacing."""
    first: dict[str, int] = {}
    for number, text in enumerate(texts):
        same = first.setdefault(" ".join(text.lower().split()), number)
        if same != number:
            yield Problem(
                loaded.display,
                loaded.line_of(*where, field, number),
                f"{label}{field} {same + 1} and {number + 1} have the same text; "
                f"make each {ONE[field]} say something different",
            )


# ---------------------------------------------------------------- item quality
# Rules that teach how to write a fair question (CONVENTIONS.md, "Item-quality rules"); each
# is an error. Two options with the same text are caught by _check_rules above.

MAX_PROMPT_WORDS = 40
MAX_OPTION_WORDS = 30
# By language: options that let a reader answer without weighing each one ("All of the above",
# "Todas las anteriores"), and prompts that ask for the wrong one ("Which is NOT...", "...all of these
# except", "¿Cuál NO es...?", "...todas excepto"), caught unless the word is emphasised.
_CATCH_ALL = {
    "en": re.compile(r"^(all|none|both|neither) of (the )?(above|these|them)\b", re.I),
    "es": re.compile(
        r"^(todas|todos|ninguna|ninguno|ambas|ambos)\b(?:\s+(?:las|los|de|opciones|respuestas))*"
        r"\s+(anteriores|estas|estos|ellas|ellos)\b",
        re.I,
    ),
}
_NEGATIVE = {
    "en": re.compile(r"\b(?:which|what|who|where|when|how)\b(?:\W+\w+){0,6}?\W+(not|never)\b|\b(except)\b", re.I),
    "es": re.compile(
        r"\b(?:cuál|cuáles|qué|quién|quiénes|dónde|cuándo|cómo)\b(?:\W+\w+){0,6}?\W+(no|nunca)\b"
        r"|\b(excepto|salvo)\b",
        re.I,
    ),
}
_EMPHASIS = re.compile(r"\*\*[^*]+\*\*|__[^_]+__|(?<!\*)\*[^*]+\*(?!\*)|(?<!\w)_[^_]+_(?!\w)")
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def words_in(text: str) -> int:
    """Words a reader reads: Markdown marks and link targets left out."""
    return len(_MARKUP.sub(lambda m: m.group(1) or "", text).split())


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split())


def item_quality(loaded: LoadedBank, questions: list[tuple[int, Any]], language: str = "en") -> Iterator[Problem]:
    """Catch-all options, unemphasised negative prompts, long prompts and options, and the longest-answer cue
    (the first two with the words of the bank's `language`: English rules for a language without its own)."""
    catch_all = _CATCH_ALL.get(language, _CATCH_ALL["en"])
    negative = _NEGATIVE.get(language, _NEGATIVE["en"])
    for index, question in questions:
        where = ("questions", index)
        label = f"question '{question.id}': "
        count = words_in(question.prompt)
        if count > MAX_PROMPT_WORDS:
            yield Problem(
                loaded.display,
                loaded.line_of(*where, "prompt"),
                f"{label}the prompt has {count} words, over {MAX_PROMPT_WORDS}; ask one short question "
                "(move the background into the chapter or the explanation)",
            )
        if isinstance(question, SingleQuestion | MultipleQuestion):
            unmarked = negative.search(_EMPHASIS.sub("", question.prompt))
            if unmarked:
                word = unmarked.group(1) or unmarked.group(2)
                yield Problem(
                    loaded.display,
                    loaded.line_of(*where, "prompt"),
                    f"{label}the prompt asks in the negative (`{word}`), which readers easily miss; ask it the "
                    f"positive way, or make the word stand out: **{word.lower()}**",
                )
        texts: list[tuple[str, tuple[Any, ...], str]] = []
        if isinstance(question, SingleQuestion | MultipleQuestion):
            texts = [("option", ("options", n), o.text) for n, o in enumerate(question.options)]
        elif isinstance(question, ClassifyQuestion):
            texts = [("category", ("categories", n), c.text) for n, c in enumerate(question.categories)]
            texts += [("statement", ("statements", n), st.text) for n, st in enumerate(question.statements)]
        for kind, place, text in texts:
            number = place[1] + 1
            if kind == "option" and catch_all.match(_plain(text)):
                yield Problem(
                    loaded.display,
                    loaded.line_of(*where, *place),
                    f"{label}option {number} is '{_plain(text)}', which lets a reader answer without weighing each "
                    "option; use `type: multiple` (choose all that apply), or write a real option instead",
                )
            count = words_in(text)
            if count > MAX_OPTION_WORDS:
                yield Problem(
                    loaded.display,
                    loaded.line_of(*where, *place),
                    f"{label}{kind} {number} has {count} words, over {MAX_OPTION_WORDS}; say it in fewer words "
                    "(the why belongs in `feedback` or the explanation)",
                )
    yield from _longest_answer_cue(loaded, questions)


def _longest_answer_cue(loaded: LoadedBank, questions: list[tuple[int, Any]]) -> Iterator[Problem]:
    """The right answer is the single longest option in more than half of the bank's single-choice questions."""
    singles = [(i, q) for i, q in questions if isinstance(q, SingleQuestion) and sum(o.correct for o in q.options) == 1]
    cued = []
    for index, question in singles:
        lengths = [len(_plain(o.text)) for o in question.options]
        right = next(n for n, o in enumerate(question.options) if o.correct)
        if all(lengths[right] > length for n, length in enumerate(lengths) if n != right):
            cued.append((index, question))
    if len(cued) * 2 <= len(singles):
        return
    for index, question in cued:
        yield Problem(
            loaded.display,
            loaded.line_of("questions", index, "options"),
            f"question '{question.id}': the right answer is the longest option, as it is in {len(cued)} of this "
            f"bank's {len(singles)} single-choice questions, so length gives it away; make a wrong option as long "
            "and as careful, or the right one shorter",
        )


def _duplicate_ids(loaded: LoadedBank) -> Iterator[Problem]:
    raw = loaded.tree.get("questions") if isinstance(loaded.tree, CommentedMap) else None
    if not isinstance(raw, CommentedSeq):
        return
    first_line: dict[str, int] = {}
    for index, item in enumerate(raw):
        qid = item.get("id") if isinstance(item, CommentedMap) else None
        if not isinstance(qid, str):
            continue
        line = line_of(loaded.tree, ("questions", index, "id"))
        if qid in first_line:
            yield Problem(
                loaded.display,
                line,
                f"question '{qid}': duplicate id (also used on line {first_line[qid]}); give each question its own id",
            )
        else:
            first_line[qid] = line


def load_banks(folder: Path, display_root: Path | None = None, language: str = "en") -> dict[str, LoadedBank]:
    """Every `*.yml` bank in `folder`, keyed by slug."""
    banks = {}
    for path in sorted(folder.glob("*.yml")):
        display = path.relative_to(display_root).as_posix() if display_root else path.as_posix()
        banks[path.stem] = load_bank(path, display, language)
    return banks


def stray_banks(folder: Path, display_root: Path | None = None) -> Iterator[Problem]:
    """Files in quiz/ that look like banks but would be ignored: `.yaml` or `.YML` instead of `.yml`."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yml" or path.suffix.lower() not in (".yml", ".yaml"):
            continue
        display = path.relative_to(display_root).as_posix() if display_root else path.as_posix()
        wanted = path.with_suffix(".yml")
        if wanted.exists():
            fix = f"there is also {wanted.name}, which is the bank used; merge the two and delete {path.name}"
        else:
            fix = f"rename it to {wanted.name}"
        yield Problem(display, 1, f"this bank is ignored: bank files end in `.yml`; {fix}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check banks as contributors type."""
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "quiz/schema.json"
    schema["description"] = (
        "A chapter's self-check quiz (quiz/<chapter-slug>.yml), or its translation "
        "(quiz/<language>/<chapter-slug>.yml, which starts with `translated_from`). Generated from "
        "macros/banks.py by `python -m tools.schema`; do not edit by hand."
    )
    # A translated bank's first key (macros/translations.py checks it; the loader takes it off before the model).
    schema["properties"] = {
        "translated_from": {
            "type": "string",
            "pattern": "^[0-9a-f]{40}$",
            "title": "Translated From",
            "description": "Translations only (quiz/<language>/): the git blob id of the English bank this one "
            "follows, as `python -m tools.translations stamp` writes it.",
        },
        **schema["properties"],
    }
    return schema
