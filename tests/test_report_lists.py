"""Where the report gives a list that a chapter covers, the chapter gives it whole, in its own words, cited.

The lists live in ``data/report_lists.yaml`` with the words each item is recognised by; these tests fail if a
chapter drops an item, stops citing the list's pages, or names a chapter that does not exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jcpoa_course.data import CourseDataError, load_catalog
from jcpoa_course.logic.report_lists import cites_the_list, missing_items

BOOK = Path(__file__).resolve().parents[1] / "book"


def chapter_text(report_list) -> str:
    path = BOOK / f"{report_list.chapter}.md"
    assert path.exists(), f"list '{report_list.id}' names a chapter that does not exist: {path.name}"
    return path.read_text(encoding="utf-8")


def test_every_report_list_is_whole_in_its_chapter(catalog):
    gaps = {rl.id: missing_items(rl, chapter_text(rl)) for rl in catalog.report_lists}
    assert {list_id: items for list_id, items in gaps.items() if items} == {}


def test_every_report_list_is_cited_where_it_is_given(catalog):
    assert [rl.id for rl in catalog.report_lists if not cites_the_list(rl, chapter_text(rl))] == []


def test_rouhanis_conditions_are_all_there(catalog):
    """The fact-check's example: the chapter quoted one of Rouhani's four conditions (p. 18)."""
    conditions = next(rl for rl in catalog.report_lists if rl.id == "rouhani-conditions")
    assert (conditions.chapter, conditions.pages, len(conditions.items)) == ("sequencing", (18,), 4)


def test_a_chapter_that_drops_an_item_fails(catalog):
    conditions = next(rl for rl in catalog.report_lists if rl.id == "rouhani-conditions")
    text = chapter_text(conditions).replace("compensated", "settled")
    assert missing_items(conditions, text) == ["compensation"]


def test_a_list_item_is_matched_across_line_breaks(catalog):
    banks = next(rl for rl in catalog.report_lists if rl.id == "sdgt-banks")
    assert missing_items(banks, "Bank Mellat, Bank Melli, Bank Parsian, Bank Tejarat, Parsian Bank, Sina\nBank, the "
                                "Export Development Bank of\nIran, Future Bank and Arian Bank") == []


def test_a_list_with_a_page_outside_the_report_is_refused(data_copy):
    path = data_copy / "report_lists.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  pages: [18]\n", "  pages: [38]\n", 1),
                    encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"report_lists\.yaml: lists item 'rouhani-conditions': field 'pages'"):
        load_catalog(data_copy)
