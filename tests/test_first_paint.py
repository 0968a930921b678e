"""Which of the extensions' files a page keeps (book/delivery/first_paint.py), decided from its body alone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from jcpoa_course.book.delivery.first_paint import load_after_first_paint, needed, unused_features


def book(thebe: bool = False) -> SimpleNamespace:
    """The little of a Sphinx app the decision reads: the theme's launch buttons."""
    return SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": thebe}}))


def asset(filename: str = "", body: str = "") -> SimpleNamespace:
    """A stylesheet or script as Sphinx hands it to html-page-context."""
    return SimpleNamespace(filename=filename, attributes={"body": body} if body else {})


def kept(body: str, *assets: SimpleNamespace, thebe: bool = False) -> list[str]:
    unused = unused_features(book(thebe), body)
    return [a.filename or a.attributes["body"] for a in assets if needed(a, unused)]


PROSE = '<section><p class="admonition-title">What happened next</p><p>Talks opened.</p></section>'
ALWAYS = ("_static/styles/sphinx-book-theme.css", "_static/jcpoa-book.css", "_static/doctools.js")


def test_a_prose_page_keeps_only_what_every_page_needs() -> None:
    assets = [asset(name) for name in (*ALWAYS, "_static/pygments.css", "_static/copybutton.js",
                                       "_static/togglebutton.js", "_static/sphinx-design.min.css",
                                       "_static/exercise.css", "_static/sphinx-thebe.js")]
    assets += [asset(body="let toggleHintShow = 'Click to show';"), asset(body="const THEBE_JS_URL = 'x';"),
               asset(body="DOCUMENTATION_OPTIONS.pagename = 'book/epilogue';")]
    assert kept(PROSE, *assets) == [*ALWAYS, "DOCUMENTATION_OPTIONS.pagename = 'book/epilogue';"]


@pytest.mark.parametrize(("markup", "files"), [
    ('<div class="highlight-python notranslate"><div class="highlight"><pre>x</pre></div></div>',
     ["pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js"]),
    ('<div class="admonition dropdown">...</div>', ["togglebutton.css", "togglebutton.js"]),
    ('<details class="toggle-details">...</details><div class="toggle">...</div>', ["togglebutton.js"]),
    ('<div class="sd-tab-set docutils">...</div>', ["sphinx-design.min.css", "design-tabs.js"]),
    ('<div class="solution admonition" id="solution-1">...</div>', ["exercise.css"]),
])
def test_a_page_that_uses_a_feature_keeps_its_files(markup: str, files: list[str]) -> None:
    assert kept(PROSE + markup, *(asset(f"_static/{name}") for name in files)) == [f"_static/{n}" for n in files]


def test_a_word_in_the_text_is_not_a_feature() -> None:
    """"highlight", "toggle" or "solution" in prose or in an id is not markup that needs a script."""
    body = '<p id="solution">The highlight of the talks was a toggle between sd-free positions.</p>'
    assert kept(body, asset("_static/copybutton.js"), asset("_static/togglebutton.js"),
                asset("_static/exercise.css"), asset("_static/design-tabs.js")) == []


def test_thebe_stays_when_the_book_turns_it_on() -> None:
    assert kept(PROSE, asset("_static/sphinx-thebe.js"), thebe=True) == ["_static/sphinx-thebe.js"]
    assert kept(PROSE, asset("_static/sphinx-thebe.js"), thebe=False) == []


def test_the_theme_scripts_wait_for_the_first_paint_except_where_search_needs_them() -> None:
    """Sphinx's helpers and the theme's script leave <head> for the layout's after-paint list; the book's
    own scripts stay (the chart loader must see a first hover). The search page keeps everything: its
    searchtools.js runs deferred and needs doctools.js before it."""
    names = ("_static/doctools.js", "_static/sphinx_highlight.js", "_static/scripts/sphinx-book-theme.js",
             "_static/self-check.js", "_static/chart-loader.js")
    chapter = {"script_files": [asset(name) for name in names]}
    load_after_first_paint(book(), "book/epilogue", "page.html", chapter, None)
    assert [a.filename for a in chapter["script_files"]] == ["_static/self-check.js", "_static/chart-loader.js"]
    assert [a.filename for a in chapter["jcpoa_after_first_paint"]] == list(names[:3])
    search = {"script_files": [asset(name) for name in names]}
    load_after_first_paint(book(), "search", "search.html", search, None)
    assert [a.filename for a in search["script_files"]] == list(names)
    assert search["jcpoa_after_first_paint"] == []
