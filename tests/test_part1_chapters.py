"""The first half of the book (intro to sequencing) follows the chapter pattern and cites what it teaches.

Checked on the MyST source, so a broken chapter is caught without a book build: the order of the
required sections, self-checks whose answer is one of their options, every report page 1-20 cited,
later events kept in sourced after-report boxes, short quotations, the intro's map of the whole book,
and the glossary the whole book relies on. One browser test checks the timeline chart and a
self-check on the built page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from jcpoa_course.data import load_catalog

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
CHAPTERS = (
    "intro",
    "cost-of-maximum-pressure",
    "recommendations",
    "means-to-an-end",
    "sanctions-trap",
    "dismantling-the-wall",
    "sequencing",
)
REQUIRED_SECTIONS = ("## Learning goals", "## Key terms", "## Check yourself", "## Discussion questions")
SELF_CHECK = re.compile(r"(?P<fence>```|:::)\{self-check\}[^\n]*\n(?P<body>.*?)\n(?P=fence)", re.DOTALL)
PAGE_ROLE = re.compile(r"\{(p|pp)\}`(\d+)(?:-(\d+))?`")
AFTER_REPORT_BOX = re.compile(r"```\{admonition\}[^\n]*\n:class: after-report\n(?P<body>.*?)\n```", re.DOTALL)
QUOTATION = re.compile(r'"([^"\n]+)"')
MAX_QUOTED_WORDS = 25

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


def chapter_text(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def body_without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


def cited_pages(text: str) -> set[int]:
    pages: set[int] = set()
    for _, first, last in PAGE_ROLE.findall(text):
        pages.update(range(int(first), int(last or first) + 1))
    return pages


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


def test_report_pages_1_to_20_are_all_cited():
    """By the content chapters themselves: the intro's map of page ranges does not count."""
    cited: set[int] = set()
    for name in CHAPTERS[1:]:
        cited |= cited_pages(chapter_text(name))
    assert set(range(1, 21)) - cited == set()


@pytest.mark.parametrize("name", CHAPTERS[1:])
def test_each_content_chapter_cites_its_own_pages(name):
    """Each chapter states its page range in its opening; every page of that range is cited in it."""
    opening = chapter_text(name).split("## Learning goals", 1)[0]
    declared = cited_pages(opening)
    assert declared, f"{name}: the opening should say which report pages the chapter covers"
    assert declared - cited_pages(chapter_text(name).split("## Learning goals", 1)[1]) == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_cited_sources_and_terms_exist(name):
    catalog = load_catalog()
    text = chapter_text(name)
    sources = {document.id for document in catalog.sources}
    terms = {term.term.lower() for term in catalog.glossary}
    assert set(re.findall(r"\{source\}`([^`]+)`", text)) - sources == set()
    assert {term.lower() for term in re.findall(r"\{term\}`([^`]+)`", text)} - terms == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_after_report_boxes_rest_on_public_sources(name):
    """What happened after mid-2020 is told only inside after-report boxes that cite a public record."""
    catalog = load_catalog()
    public = {document.id for document in catalog.sources if document.kind == "public-record"}
    for box in AFTER_REPORT_BOX.finditer(chapter_text(name)):
        cited = set(re.findall(r"\{source\}`([^`]+)`", box.group("body")))
        assert cited & public, f"{name}: an after-report box cites no public record"


@pytest.mark.parametrize("name", CHAPTERS)
def test_quotations_are_short(name):
    text = re.sub(r"```\{self-check\}[^\n]*", "", chapter_text(name))
    long_quotes = [q for q in QUOTATION.findall(text) if len(q.split()) > MAX_QUOTED_WORDS]
    assert long_quotes == [], f"{name}: quotations over {MAX_QUOTED_WORDS} words: {long_quotes}"


def test_intro_maps_every_chapter_of_the_book():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"].removeprefix("book/") for part in toc["parts"] for c in part["chapters"]]
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
        used |= {t.lower() for t in re.findall(r"\{term\}`([^`]+)`", page.read_text(encoding="utf-8"))}
    assert used - names == set()


def test_glossary_terms_are_unique_regardless_of_case():
    """The {term} role matches case-insensitively, so two entries differing only in case would clash."""
    names = [term.term.lower() for term in load_catalog().glossary]
    assert len(names) == len(set(names))


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
