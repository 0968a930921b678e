"""Which of the report's 31 pages the book cites through ``{p}`` and ``{pp}`` roles.

A course that explains the whole report should cite every page of it. The test reads the
chapters' MyST source (``book/*.md``), so it needs no build, and prints the uncited pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

from jcpoa_course.book.content.page_roles import ReportPageError, parse_page, parse_pages
from jcpoa_course.data.citation import REPORT_PAGES

PAGE_ROLE = re.compile(r"\{(?P<role>pp?)\}`(?P<text>[^`]+)`")


def cited_pages(markdown: str) -> set[int]:
    """The report pages cited in a MyST text by ``{p}`` and ``{pp}`` roles (invalid ones are ignored:
    the build rejects them)."""
    pages: set[int] = set()
    for match in PAGE_ROLE.finditer(markdown):
        try:
            if match["role"] == "p":
                pages.add(parse_page(match["text"]))
            else:
                pages.update(parse_pages(match["text"]))
        except ReportPageError:
            continue
    return pages


def book_citations(book_dir: Path = ROOT / "book") -> dict[int, list[str]]:
    """For each report page, the chapters that cite it."""
    citations: dict[int, list[str]] = {page: [] for page in range(1, REPORT_PAGES + 1)}
    for chapter in sorted(book_dir.glob("*.md")):
        for page in cited_pages(chapter.read_text(encoding="utf-8")):
            citations[page].append(chapter.stem)
    return citations


def test_cited_pages_reads_both_roles() -> None:
    text = "See {p}`3`, {pp}`15-17`, {pp}`20, 22` and not {p}`40` or {p}`x`."
    assert cited_pages(text) == {3, 15, 16, 17, 20, 22}


def test_every_report_page_is_cited_somewhere() -> None:
    citations = book_citations()
    for page, chapters in citations.items():
        print(f"p. {page:>2}: {', '.join(chapters) if chapters else '-- uncited --'}")
    uncited = [page for page, chapters in citations.items() if not chapters]
    assert not uncited, f"report pages the book never cites with {{p}}/{{pp}}: {uncited}"
