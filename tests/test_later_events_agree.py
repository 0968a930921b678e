"""Every account of events after the report agrees with the timeline, the course's one record of them.

The fact-check of 2026-12-02 found a path ending stating one side's legal reading as fact and a date
arithmetic slip. These tests hold the endings and chapters to the timeline data: an ending names the
events it tells, and may name only their months and cite only their sources; a disputed event is told
with every side named; a chapter's full dates after the report are dates the data holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jcpoa_course.logic.later_events import (
    dates_named,
    ending_disagreements,
    months_named,
    one_sided_boxes,
    one_sided_paragraphs,
    undated_claims,
)
from jcpoa_course.logic.timeline import REPORT_PUBLISHED

BOOK = Path(__file__).resolve().parents[1] / "book"


def known_dates(catalog) -> set[str]:
    """Dates the data holds besides the events': sources' dates and dates their notes or events' summaries name."""
    dates = {document.date for document in catalog.sources}
    for document in catalog.sources:
        dates |= dates_named(document.note or "")
    for event in catalog.timeline:
        dates |= dates_named(event.summary)
    return dates


def test_every_ending_agrees_with_the_timeline(catalog):
    events = {event.id: event for event in catalog.timeline}
    problems = [p for node in catalog.sequencing.nodes for p in ending_disagreements(node, events)]
    assert problems == []


@pytest.mark.parametrize("chapter", sorted(BOOK.glob("*.md")), ids=lambda path: path.name)
def test_chapter_dates_after_the_report_are_in_the_data(catalog, chapter):
    text = chapter.read_text(encoding="utf-8")
    assert undated_claims(text, catalog.timeline, known_dates(catalog), REPORT_PUBLISHED) == []


@pytest.mark.parametrize("chapter", sorted(BOOK.glob("*.md")), ids=lambda path: path.name)
def test_what_happened_next_names_every_side_of_a_disputed_event(catalog, chapter):
    assert one_sided_boxes(chapter.name, chapter.read_text(encoding="utf-8"), catalog.timeline) == []


def test_the_old_one_sided_ending_would_fail(catalog):
    """The wording the fact-check flagged, put back into the ending, is caught."""
    events = {event.id: event for event in catalog.timeline}
    node = catalog.sequencing.node("return-only")
    flagged = node.model_copy(update={"reality": (
        "No mutual return happened. Talks ran from April 2021 until the EU's final text of August 2022; the limits "
        "of Resolution 2231 ended in October 2025, when Iran declared them terminated.")})
    problems = ending_disagreements(flagged, events)
    assert any("without naming E3" in problem for problem in problems)


def test_a_month_no_told_event_has_is_caught(catalog):
    events = {event.id: event for event in catalog.timeline}
    node = catalog.sequencing.node("stalemate")
    wrong = node.model_copy(update={"reality": node.reality + " Talks resumed in March 2024."})
    assert ending_disagreements(wrong, events) == ["ending 'stalemate': names 2024-03 but tells no event of that month"]


def test_a_source_outside_the_told_events_is_caught(catalog):
    events = {event.id: event for event in catalog.timeline}
    node = catalog.sequencing.node("stalemate")
    cited = node.reality_source.model_copy(update={"documents": (*node.reality_source.documents, "un-d17")})
    problems = ending_disagreements(node.model_copy(update={"reality_source": cited}), events)
    assert problems == ["ending 'stalemate': cites 'un-d17', which none of its events rests on"]


def test_an_unknown_event_in_an_ending_is_refused_at_load(data_copy):
    from jcpoa_course.data import CourseDataError, load_catalog

    path = data_copy / "sequencing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "reality_events: [vienna-talks-open, revival-stalls]", "reality_events: [vienna-talks-open, no-such-event]"),
        encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"node 'stalemate' field 'reality_events'.*no-such-event"):
        load_catalog(data_copy)


def test_dates_and_months_are_read_as_written():
    assert months_named("in October\n2025 and April 2021") == {"2025-10", "2021-04"}
    assert dates_named("on October 18, 2025, and on\nSeptember 28, 2025") == {"2025-10-18", "2025-09-28"}


@pytest.mark.parametrize("chapter", sorted(BOOK.glob("*.md")), ids=lambda path: path.name)
def test_no_paragraph_tells_a_disputed_event_from_one_side(catalog, chapter):
    """'UN sanctions returned in 2025', 'Iran declared 2231 ended': wherever told, every side is named."""
    assert one_sided_paragraphs(chapter.name, chapter.read_text(encoding="utf-8"), catalog.timeline) == []


def test_glossary_and_endings_tell_disputed_events_with_every_side(catalog):
    texts = [(f"glossary '{term.id}'", term.definition) for term in catalog.glossary]
    texts += [(f"ending '{node.id}'", node.reality) for node in catalog.sequencing.nodes if node.reality]
    assert [p for where, text in texts for p in one_sided_paragraphs(where, text, catalog.timeline)] == []


def test_the_flagged_glossary_wording_would_fail(catalog):
    flagged = ("October 18, 2025, ten years after Adoption Day; by then UN sanctions had already returned "
               "through snapback.")
    problems = one_sided_paragraphs("glossary", flagged, catalog.timeline)
    assert {"Iran", "Russia", "China", "E3"} <= {p.split("without naming ")[1].split(" ")[0] for p in problems}
