"""Leak scan of the built book: no solution, no model answer and no hidden test of any assignment
appears on any page, and the book does not publish the assignments folder."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.course import locate_course

pytestmark = pytest.mark.build

COURSE = locate_course(Path(__file__).resolve().parents[1])
REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def secret_lines() -> list[str]:
    """Distinctive lines of solutions, hidden tests and model answers, minus lines also shown to students."""
    secret: set[str] = set()
    public: set[str] = set()
    for assignment in COURSE.assignments():
        for notebook in COURSE.notebooks(assignment):
            for cell in nbformat.read(notebook, as_version=4).cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.cell_type == "markdown" and meta.get("solution"):
                    secret |= {line.strip() for line in cell.source.splitlines() if len(line.strip()) >= 30}
                    continue
                for _, region in REGION.findall(cell.source):
                    secret |= {line.strip() for line in region.splitlines() if len(line.strip()) >= 12}
                public |= {line.strip() for line in REGION.sub("", cell.source).splitlines()}
    return sorted(secret - public)


def page_text(page: Path) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAGS.sub("", page.read_text(encoding="utf-8"))))


def test_the_scan_has_something_to_look_for() -> None:
    assert len(secret_lines()) >= 30


def leaks_in(page: Path, secrets: list[str]) -> list[str]:
    """The secret lines (and nbgrader markers) found in the visible text of ``page``."""
    text = page_text(page)
    markers = [m for m in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS") if m in text]
    return markers + [line for line in secrets if re.sub(r"\s+", " ", line) in text]


def test_the_scan_finds_a_leak_split_by_syntax_highlighting(tmp_path: Path) -> None:
    secret = secret_lines()[0]
    middle = len(secret) // 2
    page = tmp_path / "page.html"
    page.write_text(f"<pre><span>{html.escape(secret[:middle])}</span><span>{html.escape(secret[middle:])}</span></pre>")
    assert leaks_in(page, [secret]) == [secret]


def test_no_solution_or_hidden_test_in_the_built_book(built_book) -> None:
    secrets = secret_lines()
    for page in built_book.pages():
        leaked = leaks_in(page, secrets)
        assert not leaked, f"{page}: {leaked[:3]}"


def test_the_book_does_not_publish_the_assignments(built_book) -> None:
    published = [p for p in built_book.html.rglob("*") if "assignments" in p.relative_to(built_book.html).parts]
    assert not published
    names = {notebook.name for a in COURSE.assignments() for notebook in COURSE.notebooks(a)}
    assert not [p for p in built_book.html.rglob("*.ipynb") if p.name in names]
