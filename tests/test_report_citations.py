"""Report-page citations a reader can follow, and the concordance they lead to.

Every ``{p}``/``{pp}`` citation in the built book must read as a parenthetical "(p. 19)" /
"(pp. 13-14)" (never doubled, "((p. 19))") and link to the page's line in the report
concordance; the concordance must list all 31 pages, each with at least one link back to a
citation, and each link back must land on a citation of that very page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import BookBuild

from jcpoa_course.data.citation import REPORT_PAGES

pytestmark = pytest.mark.build

CONCORDANCE = "book/concordance.html"
LABEL = re.compile(r"^pp?\.\u00a0\d+([-\u2013]\d+|(, \d+)+)?$")


class Citations(HTMLParser):
    """Collects each ``span.report-page`` with its text, its link and the characters around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._depth = 0
        self._current: dict | None = None
        self.ids: dict[str, str] = {}
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        cited = ",".join(c.removeprefix("cites-p") for c in classes if c.startswith("cites-p"))
        if attributes.get("id"):
            self.ids[attributes["id"]] = cited
        if self._current is not None:
            self._depth += 1
            if tag == "a":
                self._current["href"] = attributes.get("href")
            return
        if tag == "span" and "report-page" in classes:
            self._current = {"id": attributes.get("id"), "pages": cited, "text": "",
                             "before": self.text[-1:], "href": None}
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._current is None:
            return
        self._depth -= 1
        if self._depth == 0:
            self.found.append(self._current)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["text"] += data
        elif self.found and "after" not in self.found[-1]:
            self.found[-1]["after"] = data[:1]
        self.text += data


def parse(page: Path) -> Citations:
    parser = Citations()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_citation_is_parenthesised_and_links_to_the_concordance(built_book: BookBuild) -> None:
    problems, count = [], 0
    for page in built_book.pages():
        for cite in parse(page).found:
            count += 1
            where = f"{page.relative_to(built_book.html)} #{cite['id']}"
            text = cite["text"]
            if not (text.startswith("(") and text.endswith(")") and LABEL.match(text[1:-1])):
                problems.append(f"{where}: reads {text!r}")
            if cite["before"] == "(" or cite.get("after", "") == ")":
                problems.append(f"{where}: doubled parentheses around {text!r}")
            target = urlparse(cite["href"] or "")
            first_page = (cite["pages"] or "0").split(",")[0]
            if not target.path.endswith("concordance.html") or target.fragment != f"report-page-{first_page}":
                problems.append(f"{where}: links to {cite['href']!r}")
    assert count > 300, f"only {count} page citations found: the roles or the parser changed"
    assert problems == [], "\n".join(problems[:20])


def test_concordance_lists_every_page_with_links_back_to_its_citations(built_book: BookBuild) -> None:
    concordance = built_book.html / CONCORDANCE
    html = concordance.read_text(encoding="utf-8")
    entries = dict(re.findall(r'<li class="concordance-page" id="report-page-(\d+)">(.*?)</li>', html, re.S))
    assert sorted(int(n) for n in entries) == list(range(1, REPORT_PAGES + 1))
    for number, body in entries.items():
        links = re.findall(r'class="concordance-backlink[^"]*" href="([^"]+)"', body)
        assert links, f"p. {number} has no link back to a citation"
        for link in links:
            path, _, anchor = link.partition("#")
            target = parse((concordance.parent / path).resolve())
            assert anchor in target.ids, f"p. {number}: {link} has no such citation"
            assert number in target.ids[anchor].split(","), f"p. {number}: {link} cites {target.ids[anchor]}"


def test_source_citations_show_publisher_and_year_and_link_to_the_references(built_book: BookBuild) -> None:
    html = (built_book.html / "book" / "epilogue.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="source-link reference internal" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert links
    for href, label in links:
        assert href.startswith("references.html#source-"), href
        assert re.search(r", (19|20)\d\d$", label), label
