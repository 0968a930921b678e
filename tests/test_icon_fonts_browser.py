"""The subset icon fonts in a real browser: every icon any page draws still finds its glyph.
"""

from __future__ import annotations

import json

import pytest
from book_pages import open_page, page_urls
from conftest import BookBuild
from playwright.sync_api import Page

pytestmark = [pytest.mark.build, pytest.mark.browser]


ICON_GLYPHS = """() => Array.from(document.querySelectorAll('i.fa-solid, i.fa-brands, i.fa-regular'))
    .filter(icon => icon.offsetParent !== null)
    .map(icon => {
        const before = getComputedStyle(icon, '::before');
        return {icon: icon.className, font: before.fontFamily, glyph: before.content,
                width: icon.getBoundingClientRect().width};
    })"""


# Every icon a page draws from Font Awesome, on an element or a ::before/::after, and the glyph it asks for.
DRAWN_ICONS = """() => {
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
        if (!element.getClientRects().length) continue;
        for (const pseudo of ['::before', '::after']) {
            const style = getComputedStyle(element, pseudo);
            if (!style.fontFamily.includes('Font Awesome') || !style.content.startsWith('"')) continue;
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            const glyph = style.content.slice(1, -1);
            if (!glyph) continue;
            found.push({where: element.className.toString() || element.tagName, family: style.fontFamily,
                        weight: style.fontWeight, point: glyph.codePointAt(0)});
        }
    }
    return found;
}"""


def icon_font_file(family: str, weight: str) -> str:
    """The web font a Font Awesome family and weight is drawn from (the theme's @font-face rules)."""
    if "Brands" in family:
        return "fa-brands-400.woff2"
    return "fa-solid-900.woff2" if int(weight) >= 900 else "fa-regular-400.woff2"


def test_every_visible_icon_has_its_glyph_in_the_subset_fonts(
    built_book: BookBuild, book_url: str, page: Page
) -> None:
    """The icon fonts are cut to the icons the book uses (icon_fonts.py): every icon drawn on every
    page must still find its glyph in the font it is drawn with, and the fonts must be small."""
    from fontTools.ttLib import TTFont

    assert "fontawesome.js" not in (built_book.html / "book" / "epilogue.html").read_text(encoding="utf-8")
    webfonts = built_book.html / "_static" / "vendor" / "fontawesome" / "webfonts"
    glyphs = {font.name: set(TTFont(font).getBestCmap()) for font in webfonts.glob("*.woff2")}
    assert all(font.stat().st_size < 20_000 for font in webfonts.glob("*.woff2")), "icon fonts not subset"
    missing, seen = {}, 0
    for relative, url in page_urls(built_book, book_url):
        open_page(page, url)
        page.evaluate("document.fonts.ready")
        for icon in page.evaluate(DRAWN_ICONS):
            seen += 1
            font = icon_font_file(icon["family"], icon["weight"])
            if icon["point"] not in glyphs[font]:
                missing.setdefault(relative, []).append(f"{icon['where']}: U+{icon['point']:04X} not in {font}")
    assert seen >= len(page_urls(built_book, book_url)), seen  # the walk found icons at all
    assert not missing, json.dumps(missing, indent=2)
    open_page(page, f"{book_url}/book/epilogue.html")
    page.evaluate("document.fonts.ready")
    icons = page.evaluate(ICON_GLYPHS)
    assert len(icons) >= 5, icons  # search, colour mode, previous/next, contents
    undrawn = [i for i in icons if "Font Awesome" not in i["font"] or i["glyph"] in ("none", "") or i["width"] < 1]
    assert not undrawn, undrawn
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
