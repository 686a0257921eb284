"""mkdocs-macros module: registers the course's macros. The logic lives in sibling modules.

Everything is loaded and checked here, before any page renders, so that a broken
bank, page or data file stops the build with a list of `file:line: message`
lines instead of a traceback or a half-written site.
"""

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from .course import Course
from .glossary import FirstUsesOnly


def define_env(env):
    config_dir = Path(env.conf["config_file_path"]).resolve().parent
    docs_dir = Path(env.conf["docs_dir"])
    course = Course.load(
        root=config_dir,
        extensions=env.conf["markdown_extensions"],
        configs=env.conf["mdx_configs"],
        jinja=_parser(env.config),
        docs_dir=docs_dir.relative_to(config_dir).as_posix(),
        language=env.conf["theme"]["language"],
        nav=env.conf["nav"],
        preview=os.environ.get("COURSE_PREVIEW") == "1",  # set by `make serve`
    )
    for note in course.notes:  # INFO, not WARNING: a warning would stop `mkdocs serve --strict`
        logging.getLogger("mkdocs.plugins.course").info("preview only, `make check` stops on this: %s", note)
    if course.problems:
        count = len(course.problems)
        lines = "\n".join(f"  {problem}" for problem in course.problems)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} to fix before the site can be built:\n{lines}")
    # Hover and focus definitions for glossary words on every page (Markdown's abbr glossary).
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = course.glossary_terms()
    # ... on each term's first use in a page only (macros/glossary.py): later uses are plain text.
    env.conf["markdown_extensions"].append(FirstUsesOnly())
    # The theme override (overrides/main.html) takes its words from the same file as the macros.
    env.conf["extra"]["course_words"] = course.words
    for name, function in course.macros(lambda: env.page).items():
        env.macro(function, name)
    _offline_features(env.conf)


def _offline_features(conf) -> None:
    """Without a public address (offline copies, opened from file://), switch off instant
    navigation: it needs site_url, and on file:// Material 9 then never signals that a page
    is ready, so its own page parts and our scripts would not start."""
    if not conf.get("site_url"):
        features = conf["theme"]["features"]
        if "navigation.instant" in features:
            features.remove("navigation.instant")


def _parser(plugin_config) -> jinja2.Environment:
    """A Jinja environment with the delimiters the pages are rendered with (j2_* options)."""
    options = {
        key[3:]: value
        for key, value in plugin_config.items()
        if key.startswith("j2_") and key != "j2_extensions" and value
    }
    return jinja2.Environment(**options)
