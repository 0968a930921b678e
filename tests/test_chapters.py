"""Every teaching chapter follows the book's pattern (CONTRIBUTING.md), checked on its MyST source.

A broken chapter is caught without a book build: the label line and title, the required sections in
order, at least three self-checks whose answer is one of their options, known sources and glossary
terms, later events kept in after-report boxes that cite a public record, and short quotations.
"""

from __future__ import annotations

import re

import pytest
from chapter_source import (
    SOURCE_ROLE,
    TERM_ROLE,
    body_without_front_matter,
    chapter_text,
    teaching_chapters,
)

from jcpoa_course.data import load_catalog

CHAPTERS = teaching_chapters()
REQUIRED_SECTIONS = ("## Learning goals", "## Key terms", "## Check yourself", "## Discussion questions")
SELF_CHECK = re.compile(r"(?P<fence>```|:::)\{self-check\}[^\n]*\n(?P<body>.*?)\n(?P=fence)", re.DOTALL)
AFTER_REPORT_BOX = re.compile(r"```\{admonition\}[^\n]*\n:class: after-report\n(?P<body>.*?)\n```", re.DOTALL)
QUOTATION = re.compile(r'"([^"\n]+)"')
MAX_QUOTED_WORDS = 25


def test_the_book_has_all_its_chapters():
    assert len(CHAPTERS) >= 15


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
    assert len(checks) >= 3, f"{name}: {len(checks)} self-checks"
    for check in checks:
        body = check.group("body")
        answer = int(re.search(r"^:answer: (\d+)$", body, re.MULTILINE).group(1))
        options = re.findall(r"^(\d+)\. ", body, re.MULTILINE)
        assert str(answer) in options, f"{name}: answer {answer} is not one of options {options}"
        assert re.search(r"^:explanation: \S", body, re.MULTILINE), f"{name}: a self-check has no explanation"


@pytest.mark.parametrize("name", CHAPTERS)
def test_cited_sources_and_terms_exist(name):
    catalog = load_catalog()
    text = chapter_text(name)
    sources = {document.id for document in catalog.sources}
    terms = {term.term.lower() for term in catalog.glossary}
    assert set(SOURCE_ROLE.findall(text)) - sources == set()
    assert {term.lower() for term in TERM_ROLE.findall(text)} - terms == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_after_report_boxes_rest_on_public_sources(name):
    """What happened after mid-2020 is told inside after-report boxes that cite a public record."""
    catalog = load_catalog()
    public = {document.id for document in catalog.sources if document.is_public_record}
    for box in AFTER_REPORT_BOX.finditer(chapter_text(name)):
        assert set(SOURCE_ROLE.findall(box.group("body"))) & public, f"{name}: an after-report box cites no record"


@pytest.mark.parametrize("name", CHAPTERS)
def test_quotations_are_short(name):
    text = re.sub(r"```\{self-check\}[^\n]*", "", chapter_text(name))
    long_quotes = [q for q in QUOTATION.findall(text) if len(q.split()) > MAX_QUOTED_WORDS]
    assert long_quotes == [], f"{name}: quotations over {MAX_QUOTED_WORDS} words: {long_quotes}"
