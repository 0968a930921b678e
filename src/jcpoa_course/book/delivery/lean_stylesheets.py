"""The theme's stylesheets, cut down to the rules that can apply to the built book.

A chart page's first paint waits for its render-blocking stylesheets to arrive, be parsed and be
matched against the page; pydata-sphinx-theme's alone is about 400 kB, most of it Bootstrap and
Font Awesome rules for components this book never shows (docs/benchmarks.md, first paint). Once
the HTML is written (``build-finished``), this module rewrites the theme's big stylesheets in the
output, under their own names, keeping a rule when it may apply:

- a style rule is kept when one of its selectors names only classes and ids that the book uses:
  that appear in a ``class``/``id`` attribute of a built page, or anywhere in a script the book
  serves (Bootstrap and the theme add ``show``, ``collapsing``, ``active``... at run time; every
  word of every script counts, and a word ending in ``-`` such as Bootstrap's ``bs-`` in
  `` `bs-${name}-auto` `` keeps every class it begins);
- classes inside a functional pseudo-class (``:not(.a)``, ``:is(.b)``, ``:has(.c)``) are never
  required: ``.x:not(.a)`` applies exactly when ``.a`` is nowhere;
- a selector with no class or id (``:root``, ``html``, ``[data-theme=dark]``, ``a:hover``) is
  kept, so the theme's custom properties and colour modes all stay; a rule setting custom properties
  on a class nowhere in the book (``.btn-outline-danger{--bs-btn-color:...}``) sets them on no
  element and goes, like any other;
- every at-rule other than a grouping one (``@font-face``, ``@keyframes``, ``@import``, ``@page``...)
  and license comments (``/*! ... */``) are kept;
- ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks keep their kept rules, and go
  when none is left.

A rule is kept or dropped whole: its selector list is never rewritten, since one selector a
browser does not know makes it ignore the whole list, and dropping that one would change what the
page looks like. Sphinx copies the theme's complete files into ``_static`` again whenever a build
writes any page (and myst-nb its stylesheet on every build), so a rebuild that uses a new class gets
its rules back; a build that writes no page leaves the pages, and the files cut for them, as they
were. The book's own stylesheet is left whole.
Colour contrast checks in light and dark mode (tests/test_accessibility_browser.py) guard against a needed
rule going missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging
from tinycss2 import ast

from .icon_fonts import UNREAD_SCRIPTS

logger = logging.getLogger(__name__)

# The stylesheets rewritten, by their path under _static/ (glob patterns: myst-nb's carries a hash).
THEME_STYLESHEETS = (
    "basic.css",
    "styles/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css",
    "mystnb.*.css",
    "sphinx-design.min.css",
)
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}

_ATTRIBUTE = re.compile(r"""\s(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SCRIPT_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class BookVocabulary:
    """The class and id names the book can put on an element, and the prefixes its scripts build
    names from (``bs-`` of `` `bs-${name}` ``)."""

    names: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def knows(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def page_names(html: str) -> set[str]:
    """Class and id names in a page's attributes, and every word of its inline scripts."""
    names: set[str] = set()
    for match in _ATTRIBUTE.finditer(html):
        value = next(group for group in match.groups()[1:] if group is not None)
        names.update(value.split())
    for script in _INLINE_SCRIPT.findall(html):
        names.update(_SCRIPT_WORD.findall(script))
    return names


def book_vocabulary(pages: Iterable[str], scripts: Iterable[str]) -> BookVocabulary:
    """What the pages name in their markup, and every word the scripts hold."""
    names: set[str] = set()
    for page in pages:
        names |= page_names(page)
    for script in scripts:
        names.update(_SCRIPT_WORD.findall(script))
    prefixes = tuple(sorted(word for word in names if word.endswith("-") and len(word) > 2))
    return BookVocabulary(frozenset(names), prefixes)


def split_selectors(prelude: list[ast.Node]) -> Iterator[list[ast.Node]]:
    """The selectors of a selector list, as token lists (split at top-level commas)."""
    selector: list[ast.Node] = []
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def required_names(selector: list[ast.Node]) -> set[str]:
    """The classes and ids an element (or its ancestors) must carry for ``selector`` to match;
    names inside functional pseudo-classes and brackets are not required."""
    names: set[str] = set()
    for before, token in zip([None, *selector], selector, strict=False):
        is_id = isinstance(token, ast.HashToken) and token.is_identifier
        is_class = (isinstance(token, ast.IdentToken) and isinstance(before, ast.LiteralToken)
                    and before.value == ".")
        if is_id or is_class:
            names.add(token.value)
    return names


def may_apply(rule: ast.QualifiedRule, vocabulary: BookVocabulary) -> bool:
    """Whether a style rule can style something in the book (conservatively: when unsure, yes)."""
    return any(all(vocabulary.knows(name) for name in required_names(selector))
               for selector in split_selectors(rule.prelude))


def lean_rules(rules: Iterable[ast.Node], vocabulary: BookVocabulary) -> str:
    """The CSS text of the rules that may apply, grouping at-rules holding only those."""
    kept: list[str] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            if may_apply(rule, vocabulary):
                kept.append(rule.serialize())
        elif isinstance(rule, ast.AtRule):
            if rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
                inner = lean_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True), vocabulary)
                if inner:
                    kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            else:
                kept.append(rule.serialize())
        elif isinstance(rule, ast.Comment) and rule.value.startswith("!"):
            kept.append(rule.serialize())
    return "\n".join(kept)


def lean_stylesheet(css: str, vocabulary: BookVocabulary) -> str:
    """``css`` with only the rules that may apply to the book."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
    return lean_rules(rules, vocabulary) + "\n"


def read_vocabulary(outdir: Path) -> BookVocabulary:
    """The vocabulary of a built book: its pages and the scripts it serves."""
    pages = (path.read_text(encoding="utf-8", errors="replace") for path in sorted(outdir.rglob("*.html")))
    scripts = (path.read_text(encoding="utf-8", errors="replace") for path in sorted(outdir.rglob("*.js"))
               if path.name not in UNREAD_SCRIPTS)
    return book_vocabulary(pages, scripts)


def theme_stylesheets(static: Path) -> list[Path]:
    return sorted({path for pattern in THEME_STYLESHEETS for path in static.glob(pattern) if path.is_file()})


def lean_theme_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, rewrite the theme's stylesheets with only the rules the book can use."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    stylesheets = theme_stylesheets(outdir / "_static")
    if not stylesheets:
        return
    vocabulary = read_vocabulary(outdir)
    before = after = 0
    for path in stylesheets:
        css = path.read_text(encoding="utf-8")
        lean = lean_stylesheet(css, vocabulary)
        path.write_text(lean, encoding="utf-8")
        before, after = before + len(css.encode()), after + len(lean.encode())
    logger.info("theme stylesheets cut to the rules the book can use: %.0f kB -> %.0f kB (%.0f kB removed)",
                before / 1000, after / 1000, (before - after) / 1000)
