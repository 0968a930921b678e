"""What a page asks for before its first paint: only what the page uses, and no script that holds it.

Jupyter Book gives every page the assets of every extension it loads: sphinx-design's 55 kB
stylesheet and tab script, sphinx-togglebutton, sphinx-copybutton with clipboard.js, pygments'
colours, sphinx-exercise's and sphinx-thebe's files. A browser holds the first paint until every
stylesheet and every plain ``<script src>`` of ``<head>`` has arrived and run, and on a cold visit
these twenty files took most of the time before a chart could show (docs/benchmarks.md).

So, on each page:

- the files of a feature the page's body does not use are left out (``UNUSED_WHEN``): a chapter
  with no code block needs no copy button; a book without Thebe needs no Thebe;
- every script left in ``<head>`` loads with ``defer``: fetched alongside the stylesheets, run in
  the same order once the page is parsed, never before the page can paint;
- ``documentation_options.js`` (a dozen settings that the inline ``DOCUMENTATION_OPTIONS.pagename``
  line and the theme's scripts read) is written into the page instead, so those inline lines still
  find it without waiting for a file.

- the scripts a reader needs only once the page is on screen (``AFTER_FIRST_PAINT``: Sphinx's
  helpers, the two themes' scripts with Bootstrap) are not asked for at all until the browser reports
  the page's first contentful paint. A deferred script runs before ``DOMContentLoaded``, so the
  frame that shows the end of the chapter (often the one with its chart) waited for them: about
  100 ms of script on a cold visit here, Bootstrap's 46 ms the largest. The layout lists them in an
  inert ``<template>`` and a short inline script adds them, in order, after that paint (a second
  after the ``load`` event where no paint is reported). The book's own two scripts stay deferred: the
  chart loader must see a reader's first hover, and the self-check script marks the questions.

The stylesheets that stay (Sphinx's basic, pydata-sphinx-theme, sphinx-book-theme, myst-nb's and
the book's own) lay out the first screen, so they stay render-blocking: loading them late would
draw the page unstyled and then move it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

DOCUMENTATION_OPTIONS = "documentation_options.js"
# Loaded after the first contentful paint (the layout's ``scripts_end`` adds the theme's own
# bootstrap.js and pydata-sphinx-theme.js to them). All of them wait for the document to be ready
# through ``document.readyState``, so they work as well when it is long past.
AFTER_FIRST_PAINT = ("doctools.js", "sphinx_highlight.js", "scripts/sphinx-book-theme.js")
SEARCH_TEMPLATE = "search.html"  # its searchtools.js needs doctools.js first: that page keeps them all


@dataclass(frozen=True)
class PageFeature:
    """A feature an extension offers a page, the body markup that uses it, and the files it needs."""

    name: str
    used_by: re.Pattern[str]  # searched in the page's body
    files: tuple[str, ...]  # stylesheets and scripts, by their path under _static/
    inline_marks: tuple[str, ...] = ()  # inline scripts that configure it, by a word they hold


CLASS = r'class="(?:[^"]*\s)?'  # the start of a class attribute, up to one of its names
FEATURES = (
    PageFeature("code blocks (pygments colours, sphinx-copybutton)", re.compile(CLASS + r"highlight"),
                ("pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js")),
    PageFeature("toggles (sphinx-togglebutton)", re.compile(CLASS + r"(?:toggle|dropdown)\b"),
                ("togglebutton.css", "togglebutton.js"), ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")),
    PageFeature("sphinx-design components", re.compile(CLASS + r"sd-"),
                ("sphinx-design.min.css", "design-tabs.js")),
    PageFeature("exercises (sphinx-exercise)", re.compile(CLASS + r"(?:exercise|solution)\b"), ("exercise.css",)),
)
THEBE = PageFeature("live code (sphinx-thebe)", re.compile(CLASS + r"thebe"),
                    ("sphinx-thebe.css", "sphinx-thebe.js"), ("THEBE_JS_URL",))


def thebe_enabled(app: Sphinx) -> bool:
    """Thebe's launch button exists only when the book's launch_buttons ask for it."""
    options = app.config.html_theme_options or {}
    return bool((options.get("launch_buttons") or {}).get("thebe"))


def unused_features(app: Sphinx, body: str) -> list[PageFeature]:
    """The features whose files this page can do without."""
    unused = [feature for feature in FEATURES if not feature.used_by.search(body)]
    if not thebe_enabled(app):
        unused.append(THEBE)
    return unused


def asset_path(asset: Any) -> str:
    """The path of a stylesheet or script under _static/ ("" for an inline script); Sphinx keeps
    most as ``_static/name`` and some as the bare name."""
    return str(getattr(asset, "filename", asset) or "").removeprefix("_static/")


def needed(asset: Any, unused: list[PageFeature]) -> bool:
    path = asset_path(asset)
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    for feature in unused:
        if path and path in feature.files:
            return False
        if not path and any(mark in body for mark in feature.inline_marks):
            return False
    return True


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Leave out the stylesheets and scripts of the features this page's body does not use."""
    unused = unused_features(app, context.get("body", ""))
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if needed(asset, unused)]


def documentation_options_source(app: Sphinx) -> str:
    """documentation_options.js as Sphinx writes it into _static/ (its template, rendered)."""
    for theme_dir in app.builder.theme.get_theme_dirs():
        template = Path(theme_dir) / "static" / f"{DOCUMENTATION_OPTIONS}.jinja"
        if template.is_file():
            source = template.read_text(encoding="utf-8")
            return app.builder.templates.render_string(source, app.builder.globalcontext)
    raise FileNotFoundError(f"no {DOCUMENTATION_OPTIONS}.jinja in the theme's folders")


def defer_head_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give every ``<script src>`` of ``<head>`` ``defer`` (``async`` ones stay as they are) and write
    the documentation options into the page, ahead of the inline lines that set more of them."""
    if "script_files" not in context:
        return
    scripts = []
    for script in context["script_files"]:
        if not hasattr(script, "attributes"):  # an old-style plain path: Sphinx writes it as it is
            scripts.append(script)
            continue
        attributes = dict(script.attributes)
        path = asset_path(script)
        if path == DOCUMENTATION_OPTIONS:
            attributes = {"body": documentation_options_source(app)}
            scripts.append(type(script)("", priority=script.priority, **attributes))
        elif path and "async" not in attributes and "defer" not in attributes:
            scripts.append(type(script)(script.filename, priority=script.priority, **attributes, defer="defer"))
        else:
            scripts.append(script)
    context["script_files"] = scripts


def load_after_first_paint(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Move the scripts of ``AFTER_FIRST_PAINT`` from ``<head>`` to ``jcpoa_after_first_paint``, which
    the layout writes into its ``<template>`` of scripts to load once the page has painted."""
    scripts = context.get("script_files")
    if scripts is None or templatename == SEARCH_TEMPLATE:
        context["jcpoa_after_first_paint"] = []
        return
    later = [script for script in scripts if asset_path(script) in AFTER_FIRST_PAINT]
    context["script_files"] = [script for script in scripts if script not in later]
    context["jcpoa_after_first_paint"] = later
