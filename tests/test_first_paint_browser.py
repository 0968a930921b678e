"""Nothing but the stylesheets that lay a page out holds its first paint (issue 13).

How soon a chart shows is a figure of ``benchmarks/page_load.py``; these tests hold the structure
that figure depends on, and fail when a script comes back into the critical path: no script in a
chart page's ``<head>`` that the browser must fetch and run before painting, none that Chrome
reports as render-blocking, the theme's scripts asked for only after the first contentful paint
(and still run), and a dark-mode reader's colour theme settled before the body is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from conftest import BookBuild, offline_context
from page_probes import RENDER_BLOCKING
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHART_MARKER = 'class="jcpoa-chart"'


class HeadScripts(HTMLParser):
    """The ``<script>`` tags of a page's ``<head>`` that name a file, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "script" and self.in_head and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def parser_blocking(script: dict[str, str | None]) -> bool:
    """A classic script with neither defer nor async stops the parser and the first paint."""
    return "defer" not in script and "async" not in script and script.get("type") != "module"


def chart_pages(built_book: BookBuild) -> list[str]:
    pages = [path.relative_to(built_book.html).as_posix() for path in built_book.pages()
             if CHART_MARKER in path.read_text(encoding="utf-8")]
    assert len(pages) >= 4, pages
    return pages


def visit_chart_pages(built_book: BookBuild, book_url: str, browser: Browser) -> Iterator[tuple[str, Page]]:
    """Each chart page, cold, in one offline browser context that is closed when the walk ends."""
    context = offline_context(browser)
    try:
        page = context.new_page()
        for relative in chart_pages(built_book):
            page.goto(f"{book_url}/{relative}", wait_until="load")
            yield relative, page
    finally:
        context.close()


def test_parser_blocking_scripts_are_told_apart() -> None:
    """The check below must see a plain <script src> in <head> as blocking, and nothing else."""
    probe = HeadScripts()
    probe.feed('<html><head><script src="a.js"></script><script defer src="b.js"></script>'
               '<script async src="c.js"></script><script>inline()</script></head>'
               '<body><script src="d.js"></script></body></html>')
    assert [script["src"] for script in probe.scripts if parser_blocking(script)] == ["a.js"]


def test_no_script_in_the_head_of_a_chart_page_holds_the_first_paint(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Each chart page's <head> as built, and as Chrome judged it on a cold visit."""
    problems: dict[str, object] = {}
    for relative, page in visit_chart_pages(built_book, book_url, browser):
        probe = HeadScripts()
        probe.feed((built_book.html / relative).read_text(encoding="utf-8"))
        blocking_tags = [script["src"] for script in probe.scripts if parser_blocking(script)]
        blocking = page.evaluate(RENDER_BLOCKING)
        scripts = [entry["name"] for entry in blocking if entry["kind"] == "script"]
        if blocking_tags or scripts:
            problems[relative] = {"plain <script src> in <head>": blocking_tags, "render-blocking": scripts}
        elif not any(entry["kind"] == "link" for entry in blocking):
            problems[relative] = "Chrome reported no render-blocking stylesheet: the probe saw nothing"
    assert not problems, json.dumps(problems, indent=2)


# Runs before the page's own scripts: the colour theme at the moment <body> enters the document,
# before anything in it can be drawn.
THEME_AT_BODY = """
new MutationObserver((records, observer) => {
  if (document.body) {
    observer.disconnect();
    window.__themeAtBody = document.documentElement.dataset.theme;
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_colour_theme_is_settled_before_the_body_is_drawn(
    built_book: BookBuild, book_url: str, browser: Browser, scheme: str
) -> None:
    """The theme's script that turns "auto" into light or dark loads deferred; the page must not
    wait for it, or a dark-mode reader sees a light page flash first."""
    context = offline_context(browser, color_scheme=scheme)
    context.add_init_script(THEME_AT_BODY)
    try:
        page = context.new_page()
        page.goto(f"{book_url}/{chart_pages(built_book)[0]}", wait_until="load")
        assert page.evaluate("() => window.__themeAtBody") == scheme
        assert page.evaluate("() => document.documentElement.dataset.theme") == scheme
    finally:
        context.close()


# The theme's and Sphinx's scripts (first_paint.AFTER_FIRST_PAINT and the theme's own two) and a
# global each one defines once it has run (doctools and sphinx_highlight as top-level consts, not on window).
AFTER_PAINT = {"doctools.js": "Documentation", "sphinx_highlight.js": "SphinxHighlight",
               "sphinx-book-theme.js": None, "bootstrap.js": "bootstrap", "pydata-sphinx-theme.js": None}
BOOK_SCRIPTS = ("self-check.js", "chart-loader.js")  # deferred in <head>: a first hover must not be missed
WHEN_ASKED = """() => ({
  contentful: performance.getEntriesByName("first-contentful-paint")[0].startTime,
  asked: Object.fromEntries(performance.getEntriesByType("resource").filter(e => e.initiatorType === "script")
                            .map(e => [e.name.split("/").pop().split("?")[0], e.startTime])),
})"""


def test_the_theme_scripts_are_asked_for_after_the_first_paint_and_still_run(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    problems: dict[str, object] = {}
    for relative, page in visit_chart_pages(built_book, book_url, browser):
        try:
            page.wait_for_selector("html[data-theme-scripts=loaded]", state="attached", timeout=10_000)
        except PlaywrightTimeoutError:
            problems[relative] = "the scripts to load after the first paint never all ran"
            continue
        seen = page.evaluate(WHEN_ASKED)
        paint, asked = seen["contentful"], seen["asked"]
        early = {name: asked.get(name) for name in AFTER_PAINT if asked.get(name, -1) < paint}
        missing = [name for name in BOOK_SCRIPTS if asked.get(name, paint) >= paint]
        not_run = [name for name, global_name in AFTER_PAINT.items()
                   if global_name and page.evaluate(f"() => typeof {global_name}") == "undefined"]
        if early or missing or not_run:
            problems[relative] = {"first contentful paint": paint, "asked before it": early,
                                  "book scripts not asked before it": missing, "did not run": not_run}
    assert not problems, json.dumps(problems, indent=2)
