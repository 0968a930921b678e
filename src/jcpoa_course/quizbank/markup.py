"""The chapters' inline MyST, rendered for places that are not the book.

Self-checks use a few roles (``{p}``, ``{pp}``, ``{source}``, ``{term}``, ``{ref}``, ``{doc}``)
and Markdown emphasis. An LMS or a printed page cannot run Sphinx, so each role becomes the
words the book would show: ``{p}`16``` -> "(p. 16)" (the role brings its own parentheses, in the
book as here), ``{pp}`3, 7``` -> "(pp. 3, 7)", ``{source}`id``` -> "[publisher, year]".
"""

from __future__ import annotations

import html
import re

from jcpoa_course.data import Catalog
from jcpoa_course.data.citation import parse_page, parse_pages
from jcpoa_course.logic.citations import short_label

from .model import QuizBankError

ROLE = re.compile(r"\{(?P<name>[a-z][\w-]*)\}`(?P<text>[^`]*)`")
_STRONG = re.compile(r"\*\*(?P<text>[^*]+)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?P<text>[^*\s][^*]*)\*(?![\w*])")
_CODE = re.compile(r"`(?P<text>[^`]+)`")
_EXPLICIT_TITLE = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$")


def citations(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The report pages and the source ids a text cites, in order of first appearance."""
    pages: list[int] = []
    documents: list[str] = []
    for role in ROLE.finditer(text):
        if role["name"] == "p":
            pages.append(parse_page(role["text"]))
        elif role["name"] == "pp":
            pages.extend(parse_pages(role["text"]))
        elif role["name"] == "source":
            documents.append(role["text"].strip())
    return tuple(dict.fromkeys(pages)), tuple(dict.fromkeys(documents))


def role_words(name: str, text: str, catalog: Catalog) -> str:
    """What the book prints for one role."""
    text = text.strip()
    if name == "p":
        return f"(p. {text})"
    if name == "pp":
        return f"(pp. {_page_list(text)})"
    if name == "source":
        known = {document.id: document for document in catalog.sources}
        if text not in known:
            raise QuizBankError(f"unknown source id '{text}': it is not in data/sources.yaml")
        return f"[{short_label(known[text])}]"
    titled = _EXPLICIT_TITLE.match(text)
    if titled:
        return titled["title"]
    return text


def _page_list(text: str) -> str:
    """The pages of a ``{pp}`` role as the book writes them: a range as given, a list joined by ", "."""
    if "," in text:
        return ", ".join(str(page) for page in parse_pages(text))
    return text


def to_plain(text: str, catalog: Catalog) -> str:
    """Plain words, no markup: for GIFT, item titles and comparisons."""
    words = ROLE.sub(lambda role: role_words(role["name"], role["text"], catalog), text)
    words = _STRONG.sub(r"\g<text>", words)
    words = _EMPHASIS.sub(r"\g<text>", words)
    return _CODE.sub(r"\g<text>", words)


def to_html(text: str, catalog: Catalog) -> str:
    """An HTML fragment (escaped, emphasis kept): for Moodle and the printable quiz."""
    pieces = []
    last = 0
    for role in ROLE.finditer(text):
        pieces.append(_inline_html(text[last:role.start()]))
        pieces.append(html.escape(role_words(role["name"], role["text"], catalog), quote=False))
        last = role.end()
    pieces.append(_inline_html(text[last:]))
    return "".join(pieces)


def _inline_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _STRONG.sub(r"<strong>\g<text></strong>", escaped)
    escaped = _EMPHASIS.sub(r"<em>\g<text></em>", escaped)
    return _CODE.sub(r"<code>\g<text></code>", escaped)


def to_markdown(text: str, catalog: Catalog) -> str:
    """Markdown for text2qti: roles become words; ``$`` is escaped (text2qti reads it as LaTeX).

    A role's words are literal text: their brackets are escaped too, so "[Treasury, 2019]" followed
    by "(p. 7)" is not read as a Markdown link.
    """
    pieces = []
    last = 0
    for role in ROLE.finditer(text):
        pieces.append(_markdown_text(text[last:role.start()]))
        words = _markdown_text(role_words(role["name"], role["text"], catalog))
        pieces.append(words.replace("[", "\\[").replace("]", "\\]"))
        last = role.end()
    pieces.append(_markdown_text(text[last:]))
    return "".join(pieces)


def _markdown_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$")


def html_to_plain(fragment: str) -> str:
    """The words of an HTML fragment (tags dropped, entities decoded, spaces collapsed): for tests and checks."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())
