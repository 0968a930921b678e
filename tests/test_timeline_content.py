"""The timeline keeps the report and what came after apart, and covers the events the course teaches.

The epilogue and the timeline chart rely on ``era`` to mark what the report could not know; a
mislabelled event would present later history as the authors' own account, so the label is
checked against the report's publication date rather than trusted.
"""

from __future__ import annotations

from jcpoa_course.logic.timeline import REPORT_PUBLISHED

# Events the book's chapters discuss by name; each must stay in the data.
TAUGHT_EVENTS = {
    "jcpoa-agreed",
    "implementation-day",
    "us-withdrawal",
    "irgc-fto",
    "oil-waivers-end",
    "iran-first-step",
    "drone-downing-strike-called-off",
    "november-2019-protests",
    "soleimani-killed",
    "ps752-shot-down",
    "report-published",
    "arms-embargo-vote",
    "us-snapback-notice",
    "vienna-talks-open",
    "enrichment-60-percent",
    "raisi-elected",
    "final-text",
    "prisoner-exchange-2023",
    "nspm-2",
    "us-strikes-nuclear-sites",
    "e3-snapback",
    "un-sanctions-return",
    "termination-day",
    # the 2020-2025 record the fact-check of 2026-12-02 found missing (issue 26)
    "e3-dispute-mechanism",
    "biden-elected",
    "fakhrizadeh-killed",
    "iran-nuclear-law-2020",
    "natanz-sabotage",
    "transition-day",
    "trump-returns",
    "iaea-report-may-2025",
    "iaea-board-noncompliance",
    "iran-strikes-israel",
    "iran-strikes-al-udeid",
    "e3-extension-offer",
    "iran-suspends-iaea-cooperation",
    "snapback-rejected",
    "cairo-understanding",
    "cairo-understanding-ended",
    "iran-russia-china-letter",
}


def test_disputed_events_name_each_side_with_its_source(catalog):
    """Snapback's return, Termination Day and the 2020 embargo: two readings, each held by someone, each sourced."""
    disputed = {event.id: event for event in catalog.timeline if event.disputed}
    assert {"arms-embargo-expires", "un-sanctions-return", "termination-day"} <= set(disputed)
    for event in disputed.values():
        holders = [set(position.held_by) for position in event.positions]
        assert all(holders) and not set.intersection(*holders), event.id
        assert all(position.source.documents for position in event.positions), event.id


def test_era_follows_the_report_publication_date(catalog):
    wrong = [
        (event.id, event.date, event.era)
        for event in catalog.timeline
        if event.era != ("before-report" if event.date <= REPORT_PUBLISHED else "after-report")
    ]
    assert wrong == []


def test_later_events_rest_on_a_public_record(catalog):
    """The report's pages can show what it expected, never what happened after it."""
    kinds = {document.id: document.is_public_record for document in catalog.sources}
    unsupported = [
        event.id
        for event in catalog.timeline
        if event.era == "after-report"
        and not any(kinds[doc] for doc in event.source.documents)
    ]
    assert unsupported == []


def test_timeline_uses_only_high_or_medium_confidence_records(catalog):
    confidence = {document.id: document.confidence for document in catalog.sources}
    cited = {doc for event in catalog.timeline for doc in event.source.documents}
    assert {doc for doc in cited if confidence[doc] not in {"high", "medium", None}} == set()


def test_taught_events_are_present(catalog):
    assert TAUGHT_EVENTS - {event.id for event in catalog.timeline} == set()


def test_events_are_listed_in_date_order(catalog):
    dates = [event.date for event in catalog.timeline]
    assert dates == sorted(dates)


def test_termination_day_closes_the_timeline(catalog):
    last = max(catalog.timeline, key=lambda event: event.date)
    assert (last.id, last.date) == ("termination-day", "2025-10-18")
