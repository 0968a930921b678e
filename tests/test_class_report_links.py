"""The class report's links land in the built book: each question's chapter, and its pages' entry
in the concordance (``data/assignment_items.yaml`` is checked against the book as built)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import BookBuild

from jcpoa_course.data.assignment_items import load_assignment_items
from jcpoa_course.instructor.class_report.views import BookLinks

pytestmark = [pytest.mark.build]


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_of(path: object) -> set[str]:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


def test_every_question_links_to_a_built_chapter_and_a_concordance_entry(built_book: BookBuild) -> None:
    links = BookLinks(str(built_book.html))
    anchors: dict[str, set[str]] = {}
    missing = []
    for item in load_assignment_items():
        for target in re.findall(r'href="([^"]+)"', links.teaches(item)):
            path, _, anchor = target.partition("#")
            page = built_book.html / path.removeprefix(str(built_book.html)).lstrip("/")
            if not page.is_file():
                missing.append(f"{item.key}: {target}")
            elif anchor and anchor not in anchors.setdefault(str(page), ids_of(page)):
                missing.append(f"{item.key}: #{anchor} not in {page.name}")
    assert not missing, missing
