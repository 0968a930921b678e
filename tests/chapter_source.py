"""Reading the book's MyST sources: the chapters in the table of contents and the roles they use."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from jcpoa_course.book.content.page_roles import ReportPageError, parse_page, parse_pages

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PAGE_ROLE = re.compile(r"\{(p|pp)\}`([^`]+)`")
SOURCE_ROLE = re.compile(r"\{source\}`([^`]+)`")
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
# Pages that are reference or guidance, not chapters teaching the report.
NOT_TEACHING = {"glossary", "references", "concordance", "instructors", "quiz-bank"}


def toc_pages() -> list[str]:
    """Every page of the book, in reading order, as names under book/."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [name.removeprefix("book/") for name in [toc["root"], *chapters]]


def teaching_chapters() -> list[str]:
    return [name for name in toc_pages() if name not in NOT_TEACHING]


def chapter_text(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def body_without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


def cited_pages(text: str) -> set[int]:
    """Pages cited by ``{p}``/``{pp}`` roles, read as the book reads them (``15-17`` and ``9, 15``)."""
    pages: set[int] = set()
    for role, written in PAGE_ROLE.findall(text):
        try:
            pages.update((parse_page(written),) if role == "p" else parse_pages(written))
        except ReportPageError:
            continue
    return pages
