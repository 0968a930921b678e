"""The second half of the book follows the chapter pattern and cites what it teaches.

Checked on the MyST source, so a broken chapter is caught without a book build: the order of the
required sections, self-checks whose answer is one of their options, every page of Part 2
(pp. 21-31) cited, and every cited source id and glossary term known to the course data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jcpoa_course.data import load_catalog

BOOK = Path(__file__).resolve().parents[1] / "book"
CHAPTERS = (
    "why-transform",
    "joint-communique",
    "negotiation-tracks",
    "conclusion",
    "critical-perspectives",
    "epilogue",
)
REQUIRED_SECTIONS = ("## Learning goals", "## Key terms", "## Check yourself", "## Discussion questions")
SELF_CHECK = re.compile(r"```\{self-check\}[^\n]*\n(?P<body>.*?)\n```", re.DOTALL)
PAGE_ROLE = re.compile(r"\{(p|pp)\}`(\d+)(?:-(\d+))?`")


def chapter_text(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def body_without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


@pytest.mark.parametrize("name", CHAPTERS)
def test_label_line_then_title(name):
    lines = [line for line in body_without_front_matter(chapter_text(name)).splitlines() if line.strip()]
    assert lines[0] == f"({name})="
    assert lines[1].startswith("# ")


@pytest.mark.parametrize("name", CHAPTERS)
def test_required_sections_in_order(name):
    text = chapter_text(name)
    positions = [text.find(section + "\n") for section in REQUIRED_SECTIONS]
    assert -1 not in positions, f"{name}: missing one of {REQUIRED_SECTIONS}"
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", CHAPTERS)
def test_at_least_three_self_checks_with_valid_answers(name):
    checks = list(SELF_CHECK.finditer(chapter_text(name)))
    assert len(checks) >= 3
    for check in checks:
        body = check.group("body")
        answer = int(re.search(r"^:answer: (\d+)$", body, re.MULTILINE).group(1))
        options = re.findall(r"^(\d+)\. ", body, re.MULTILINE)
        assert str(answer) in options, f"{name}: answer {answer} is not one of options {options}"


def test_part_two_pages_are_all_cited():
    cited: set[int] = set()
    for name in CHAPTERS:
        for _, first, last in PAGE_ROLE.findall(chapter_text(name)):
            cited.update(range(int(first), int(last or first) + 1))
    assert set(range(21, 32)) - cited == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_cited_sources_and_terms_exist(name):
    catalog = load_catalog()
    text = chapter_text(name)
    sources = {document.id for document in catalog.sources}
    terms = {term.term.lower() for term in catalog.glossary}
    assert set(re.findall(r"\{source\}`([^`]+)`", text)) - sources == set()
    assert {term.lower() for term in re.findall(r"\{term\}`([^`]+)`", text)} - terms == set()


def test_epilogue_is_marked_as_after_the_report():
    text = body_without_front_matter(chapter_text("epilogue"))
    first_admonition = text.index("```{admonition}")
    assert text[first_admonition:].splitlines()[1] == ":class: after-report"
    assert first_admonition < text.index("## Learning goals")
