"""What particular chapters must do, beyond the pattern every chapter follows (test_chapters.py).

Each content chapter of the first half cites every page of the range its opening declares, the intro
maps the whole book, each recommendation points to its chapter, the glossary the whole book relies on
is complete, and the epilogue is marked as after the report from its first lines. One browser test
checks the timeline chart and a self-check on the built page.
"""

from __future__ import annotations

import re

import pytest
from chapter_source import (
    BOOK,
    PAGE_ROLE,
    TERM_ROLE,
    body_without_front_matter,
    chapter_text,
    cited_pages,
    toc_pages,
)

from jcpoa_course.data import load_catalog

FIRST_HALF_CONTENT = (
    "cost-of-maximum-pressure",
    "recommendations",
    "means-to-an-end",
    "sanctions-trap",
    "dismantling-the-wall",
    "sequencing",
)

# Terms the brief asks the glossary to define, by the exact name the {term} role matches.
REQUIRED_TERMS = (
    "JCPOA", "P5+1", "IAEA", "Implementation Day", "Adoption Day", "Termination Day", "Joint Commission",
    "dispute resolution mechanism", "snapback", "UNSCR 2231", "maximum pressure", "OFAC", "SDN list", "SDGT",
    "FTO", "secondary sanctions", "statutory waiver", "Executive Order", "E.O. 13846", "E.O. 13871",
    "E.O. 13876", "E.O. 13716", "E.O. 13224", "E.O. 13382", "E.O. 13902", "ITSR", "IFSR", "U-turn transactions",
    "delisting", "sanctions wall", "sanctions trap", "breakout", "sunset clauses", "joint communique",
    "grand bargain", "incremental approach", "more-for-more", "Incidents at Sea agreement", "OSCE",
    "civilian diplomacy", "compensation", "countermeasure",
)


@pytest.mark.parametrize("name", FIRST_HALF_CONTENT)
def test_each_content_chapter_cites_its_own_pages(name):
    """Each chapter states its page range in its opening; every page of that range is cited in it."""
    opening = chapter_text(name).split("## Learning goals", 1)[0]
    declared = cited_pages(opening)
    assert declared, f"{name}: the opening should say which report pages the chapter covers"
    assert declared - cited_pages(chapter_text(name).split("## Learning goals", 1)[1]) == set()


def test_intro_maps_every_chapter_of_the_book():
    chapters = toc_pages()[1:]
    linked = set(re.findall(r"\{doc\}`([^`]+)`", chapter_text("intro")))
    assert [c for c in chapters if c not in linked] == []


def test_every_recommendation_points_to_a_chapter():
    rows = [line for line in chapter_text("recommendations").splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) >= 7
    for row in rows:
        assert re.search(r"\{(ref|doc)\}`[^`]+`", row.rsplit("|", 2)[-2]), row
        assert PAGE_ROLE.search(row), f"a recommendation without its report page: {row}"


def test_glossary_defines_the_terms_the_book_needs():
    names = {term.term for term in load_catalog().glossary}
    assert [t for t in REQUIRED_TERMS if t not in names] == []


def test_glossary_terms_used_anywhere_in_the_book_are_defined():
    names = {term.term.lower() for term in load_catalog().glossary}
    used = set()
    for page in BOOK.glob("*.md"):
        used |= {t.lower() for t in TERM_ROLE.findall(page.read_text(encoding="utf-8"))}
    assert used - names == set()


def test_glossary_terms_are_unique_regardless_of_case():
    """The {term} role matches case-insensitively, so two entries differing only in case would clash."""
    names = [term.term.lower() for term in load_catalog().glossary]
    assert len(names) == len(set(names))


def test_epilogue_is_marked_as_after_the_report():
    text = body_without_front_matter(chapter_text("epilogue"))
    first_admonition = text.index("```{admonition}")
    assert text[first_admonition:].splitlines()[1] == ":class: after-report"
    assert first_admonition < text.index("## Learning goals")


@pytest.mark.build
@pytest.mark.browser
def test_timeline_chart_and_a_self_check_work_on_the_built_page(book_url, page, network_log):
    page.goto(f"{book_url}/book/cost-of-maximum-pressure.html")
    figure = page.locator("#fig-timeline")
    figure.locator("svg").first.wait_for(timeout=15000)
    assert figure.locator("svg path.mark-symbol, svg .mark-symbol path").count() > 20
    assert "dashed line marks" in figure.inner_text()

    question = page.locator("text=Why does the report date the Soleimani strike").first
    check = question.locator("xpath=ancestor::*[contains(@class,'self-check')][1]")
    check.locator("input").nth(0).check()
    assert "Not quite" in check.inner_text()
    check.locator("input").nth(2).check()
    assert "Correct" in check.inner_text()
    assert network_log.external == [] and network_log.console_errors == []
