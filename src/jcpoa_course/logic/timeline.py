"""Selecting and ordering timeline events: the chart and the epilogue read them through here."""

from __future__ import annotations

from collections.abc import Iterable

from jcpoa_course.data import TimelineEvent

REPORT_PUBLISHED = "2020-07-03"
"""When NIAC's site published the report (fact R02); the line between 'the report' and 'after'."""


def events_between(
    events: Iterable[TimelineEvent],
    start: str = "0000",
    end: str = "9999",
    era: str | None = None,
) -> list[TimelineEvent]:
    """Events whose date falls in [start, end] (ISO prefixes compare as text), optionally of one era, by date."""
    chosen = [
        event
        for event in events
        if start <= event.date and event.date[: len(end)] <= end and (era is None or event.era == era)
    ]
    return sorted(chosen, key=lambda event: event.date)
