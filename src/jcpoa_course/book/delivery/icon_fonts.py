"""The theme's Font Awesome web fonts, cut down to the icons the built book uses.

pydata-sphinx-theme ships Font Awesome's whole solid, regular and brands fonts (about 300 kB
gzipped) for the dozen icons a page shows: the largest part of a text page's weight. Once the
HTML is written (``build-finished``), this module reads which icons the book can show and
rewrites each font in the output with only those glyphs, using fontTools' subsetter.

An icon can be asked for in three ways, and all three are read:

- a class on an element (``<i class="fa-solid fa-bars">``) in a built page or in one of the
  scripts the book serves, which may create such elements; the theme's CSS maps every class to
  its code point (``.fa-bars:before{content:"\\f0c9"}``);
- a code point written in any other CSS rule or custom property, which the theme uses for its
  admonition and link icons (``--pst-icon-external-link:"..."``).

The subset is always cut from the theme's own, complete font, never from the output's copy, so a
rebuild that uses a new icon gets its glyph. A browser test checks that every icon drawn on
every page has its glyph in the font it is drawn with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
# The theme's complete icon script: it is not loaded (templates/static/webpack-macros.html) and
# names every icon, so reading it would keep them all.
UNREAD_SCRIPTS = {"fontawesome.js"}

_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_ICON_SELECTOR = re.compile(r"^\.(fa-[a-z0-9-]+):{1,2}(?:before|after)$")
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
_PRIVATE_USE = range(0xE000, 0xF900)


def code_points(text: str) -> set[int]:
    """Private-use code points (where Font Awesome keeps its icons) written in a CSS value,
    as ``\\f0c9`` escapes or as the characters themselves."""
    points = {int(match, 16) for match in _CSS_ESCAPE.findall(text)}
    points |= {ord(char) for char in text}
    return {point for point in points if point in _PRIVATE_USE}


def read_icon_css(stylesheets: Iterable[str]) -> tuple[dict[str, set[int]], set[int]]:
    """(code points of each ``fa-*`` class, code points that other rules ask for directly)."""
    by_class: dict[str, set[int]] = {}
    direct: set[int] = set()
    for css in stylesheets:
        for selector_text, body in _RULE.findall(css):
            points = code_points(body)
            if not points:
                continue
            selectors = [s.strip() for s in selector_text.split(",")]
            classes = [_ICON_SELECTOR.match(s) for s in selectors]
            if all(classes):
                for match in classes:
                    by_class.setdefault(match.group(1), set()).update(points)
            else:
                direct |= points
    return by_class, direct


def used_classes(texts: Iterable[str]) -> set[str]:
    """Every ``fa-*`` class name written in the pages and scripts."""
    found: set[str] = set()
    for text in texts:
        found.update(_ICON_CLASS.findall(text))
    return found


def icons_in_use(outdir: Path) -> set[int]:
    """The code points a built book can show: from its pages, its scripts and its stylesheets."""
    stylesheets = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(outdir.rglob("*.css"))]
    by_class, direct = read_icon_css(stylesheets)
    readers = [p for p in outdir.rglob("*") if p.suffix in (".html", ".js") and p.name not in UNREAD_SCRIPTS]
    classes = used_classes(p.read_text(encoding="utf-8", errors="replace") for p in sorted(readers))
    points = set(direct)
    for name in classes & by_class.keys():
        points |= by_class[name]
    return points


def subset_font(original: Path, target: Path, points: set[int]) -> None:
    """Write ``original`` cut down to ``points`` as ``target``, in the same format (woff2 or ttf)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2" if original.suffix == ".woff2" else None
    options.layout_features = ["*"]
    font = TTFont(original)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(target)


def theme_webfonts(app: Sphinx) -> Path | None:
    """The theme's own, complete Font Awesome fonts (the first theme folder that has them)."""
    for theme_dir in app.builder.theme.get_theme_dirs():
        candidate = Path(theme_dir) / "static" / WEBFONTS.relative_to("_static")
        if candidate.is_dir():
            return candidate
    return None


def subset_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, replace the output's icon fonts with subsets holding the used icons."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    source = theme_webfonts(app)
    fonts = sorted((outdir / WEBFONTS).glob("*.woff2")) + sorted((outdir / WEBFONTS).glob("*.ttf"))
    if source is None or not fonts:
        return
    points = icons_in_use(outdir)
    before = after = 0
    for font in fonts:
        original = source / font.name
        if not original.is_file():
            continue
        subset_font(original, font, points)
        before, after = before + original.stat().st_size, after + font.stat().st_size
    logger.info("icon fonts cut to the %d icons the book uses: %.0f kB -> %.0f kB",
                len(points), before / 1000, after / 1000)
