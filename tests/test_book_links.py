"""Every internal link and asset reference of the built book resolves, anchors included.

Parses each built page's ``href`` and ``src`` attributes, resolves them against the page's own
folder, and checks that the file exists and, for ``#fragment`` links, that the target page has
an element with that id.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import BookBuild

pytestmark = pytest.mark.build

EXTERNAL_SCHEMES = {"http", "https", "mailto", "data", "javascript", "tel"}


class LinkCollector(HTMLParser):
    """Collects the page's link targets and the ids its elements define."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and not (tag == "a" and name == "src"):
                self.targets.append(value)


@functools.cache
def parse(page: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def has_anchor(page: Path, fragment: str) -> bool:
    return unquote(fragment) in parse(page).ids


def broken_links(html_root: Path, page: Path) -> list[str]:
    """The link targets of ``page`` that do not resolve inside ``html_root``."""
    broken = []
    for target in parse(page).targets:
        parsed = urlparse(target)
        if parsed.scheme in EXTERNAL_SCHEMES or parsed.netloc:
            continue
        destination = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        if destination.is_dir():
            destination = destination / "index.html"
        if not destination.is_file() or html_root.resolve() not in destination.parents:
            broken.append(f"{target} (no file {destination})")
        elif parsed.fragment and destination.suffix == ".html" and not has_anchor(destination, parsed.fragment):
            broken.append(f"{target} (no id '{parsed.fragment}' in {destination.name})")
    return broken


def test_no_broken_internal_links(built_book: BookBuild) -> None:
    report = {}
    checked = 0
    for page in built_book.pages():
        checked += len(parse(page).targets)
        broken = broken_links(built_book.html, page)
        if broken:
            report[str(page.relative_to(built_book.html))] = broken
    assert checked > 0, "no links found: the parser or the build is wrong"
    assert not report, "\n".join(f"{page}: {links}" for page, links in report.items())


def test_the_checker_catches_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#nowhere">x</a><a href="c.html">y</a>'
                                     '<a href="#here">z</a></p>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<p id="somewhere"></p>', encoding="utf-8")
    broken = broken_links(tmp_path, tmp_path / "a.html")
    assert len(broken) == 2
    assert "no id 'nowhere'" in broken[0] and "no file" in broken[1]
