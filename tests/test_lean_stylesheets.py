"""The theme's stylesheets keep every rule that can apply to the book and lose the rest.

What is kept is decided by the class and id names of the built pages and of the scripts the book
serves; the browser tests (colour contrast in light and dark mode, icons drawn, interactives that
open and close) check that the built book still looks and works as it did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BookBuild

from jcpoa_course.book.delivery.lean_stylesheets import book_vocabulary, lean_stylesheet, page_names, theme_stylesheets

PAGE = '<body class="bd-page"><nav id="sidebar" class="bd-links  active"><a class=\'reference\'>x</a></nav>' \
       "<script>document.body.classList.add('inline-added')</script></body>"
SCRIPT = 'e.classList.add("show"),t.classList.remove("collapsing");n.className=`bs-${this.NAME}-auto`'
VOCABULARY = book_vocabulary([PAGE], [SCRIPT])


def lean(css: str) -> str:
    return lean_stylesheet(css, VOCABULARY)


def test_names_come_from_attributes_and_inline_scripts_not_from_prose() -> None:
    names = page_names(PAGE + "<p>the show must go on</p>")
    assert {"bd-page", "sidebar", "bd-links", "active", "reference", "inline-added"} <= names
    assert "show" not in names and "must" not in names


def test_a_rule_naming_an_unused_class_or_id_is_dropped() -> None:
    assert lean(".bd-page{color:red}.btn-outline-danger{color:blue}#nowhere{margin:0}") == ".bd-page{color:red}\n"
    assert lean(".bd-links .unused-child{color:red}") == "\n"  # every name of the selector must be used


def test_a_class_found_only_in_a_script_keeps_its_rule() -> None:
    css = ".collapse:not(.show){display:none}.collapsing{height:0}.bd-links.show{display:block}"
    kept = lean(css)
    assert ".collapsing{height:0}" in kept and ".bd-links.show{display:block}" in kept
    assert ".collapse:not(.show)" not in kept  # .collapse itself is nowhere


def test_a_class_a_script_builds_from_a_prefix_is_kept() -> None:
    assert ".bs-tooltip-auto" in lean('.bs-tooltip-auto[data-popper-placement^="top"]{bottom:0}')


def test_names_inside_functional_pseudo_classes_are_not_required() -> None:
    assert ".bd-page:not(.never-used)" in lean(".bd-page:not(.never-used){color:red}")
    assert ".bd-page :is(.never-used)" in lean(".bd-page :is(.never-used){color:red}")


def test_one_usable_selector_keeps_the_whole_rule_as_written() -> None:
    rule = ".unused,.active::-moz-focus-inner,.bd-page{border:0}"
    assert lean(rule) == rule + "\n"


def test_font_faces_custom_properties_colour_modes_and_licenses_stay() -> None:
    css = (
        '/*! Bootstrap, MIT licence */@charset "UTF-8";'
        '@font-face{font-family:"Font Awesome";src:url(fa.woff2)}'
        ":root,[data-bs-theme=light]{--bs-blue:#0d6efd}"
        'html[data-theme="dark"]{--pst-color-text-base:#ced6dd}'
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )
    kept = lean(css)
    for part in ("/*! Bootstrap, MIT licence */", "@font-face", ":root,[data-bs-theme=light]{--bs-blue:#0d6efd}",
                 'html[data-theme="dark"]{--pst-color-text-base:#ced6dd}', "@keyframes spin"):
        assert part in kept


def test_grouping_at_rules_keep_their_kept_rules_and_go_when_empty() -> None:
    css = "@media (min-width:960px){.bd-page{width:1px}.unused{width:2px}}@supports (display:grid){.unused{x:1}}"
    assert lean(css) == "@media (min-width:960px){.bd-page{width:1px}}\n"


def test_a_stylesheet_with_nothing_to_drop_keeps_every_rule() -> None:
    css = "a:hover{color:red}\n.bd-page>.bd-links{margin:0 auto}\n@media print{html{font-size:12pt}}\n"
    assert lean(css) == css


@pytest.mark.build
def test_the_built_theme_stylesheets_are_much_smaller_than_the_themes(built_book: BookBuild) -> None:
    """pydata-sphinx-theme's stylesheet and myst-nb's (copied at the very end of a build) are both cut."""
    import myst_nb
    import pydata_sphinx_theme

    static = built_book.html / "_static"
    originals = {
        static / "styles" / "pydata-sphinx-theme.css": Path(pydata_sphinx_theme.__file__).parent / "theme"
        / "pydata_sphinx_theme" / "static" / "styles" / "pydata-sphinx-theme.css",
        next(static.glob("mystnb.*.css")): Path(myst_nb.__file__).parent / "static" / "mystnb.css",
    }
    for built, original in originals.items():
        assert built.stat().st_size < original.stat().st_size / 2, built.name
    names = {path.relative_to(static).as_posix() for path in theme_stylesheets(static)}
    assert {"basic.css", "styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css"} <= names
    assert "theme stylesheets cut to the rules the book can use" in built_book.log or built_book.reused
