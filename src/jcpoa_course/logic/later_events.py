"""Whether a passage about events after the report agrees with the timeline.

The timeline (``data/timeline.yaml``) is the course's one record of what happened after mid-2020.
A path ending or a chapter that tells those events must not drift from it: a month it names must be
the month of an event it tells, its sources must be that event's sources, and where the parties
read an event differently (``TimelineEvent.positions``) it must name every side rather than state
one side's reading as fact. These functions find the disagreements; the tests fail on any.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from jcpoa_course.data import PathNode, TimelineEvent

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH = "|".join(MONTHS)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(20\d\d)\b")
_FULL_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(20\d\d)\b")


def months_named(text: str) -> set[str]:
    """The months a text names with their year ("in October 2025" -> ``2025-10``), as ISO prefixes."""
    text = " ".join(text.split())
    return {f"{year}-{MONTHS.index(month) + 1:02d}" for month, year in _MONTH_YEAR.findall(text)}


def dates_named(text: str) -> set[str]:
    """The full dates a text names ("October 18, 2025" -> ``2025-10-18``)."""
    text = " ".join(text.split())
    return {
        f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}" for month, day, year in _FULL_DATE.findall(text)
    }


def event_documents(event: TimelineEvent) -> set[str]:
    """The documents an event rests on, its positions' included."""
    documents = set(event.source.documents)
    for position in event.positions:
        documents |= set(position.source.documents)
    return documents


def ending_disagreements(node: PathNode, events: Mapping[str, TimelineEvent]) -> list[str]:
    """What in an ending's account of later events the timeline does not bear out (empty when it agrees)."""
    if node.kind != "ending":
        return []
    unknown = [event_id for event_id in node.reality_events if event_id not in events]
    if unknown:
        return [f"ending '{node.id}': unknown timeline event(s) {unknown}"]
    told = [events[event_id] for event_id in node.reality_events]
    problems = [f"ending '{node.id}': '{e.id}' is not an event after the report" for e in told
                if e.era != "after-report"]
    months = {event.date[:7] for event in told}
    problems += [f"ending '{node.id}': names {month} but tells no event of that month"
                 for month in sorted(months_named(node.reality or "") - months)]
    documents = set().union(*(event_documents(event) for event in told)) if told else set()
    problems += [f"ending '{node.id}': cites '{doc}', which none of its events rests on"
                 for doc in node.reality_source.documents if doc not in documents] if node.reality_source else []
    problems += unnamed_sides(node.id, node.reality or "", told)
    return problems


def unnamed_sides(where: str, text: str, told: Iterable[TimelineEvent]) -> list[str]:
    """For each disputed event a passage tells, the holders of a position it leaves unnamed."""
    flat = " ".join(text.split())
    return [
        f"{where}: tells disputed event '{event.id}' without naming {holder} (who holds: {position.view})"
        for event in told if event.disputed
        for position in event.positions
        for holder in position.held_by
        if not re.search(rf"\b{re.escape(holder)}\b", flat)
    ]


def undated_claims(text: str, events: Iterable[TimelineEvent], known_dates: set[str], after: str) -> list[str]:
    """Full dates after ``after`` that a chapter names but neither the timeline nor the sources hold."""
    dated = {event.date for event in events} | known_dates
    return sorted(date for date in dates_named(text) if date > after and date not in dated)


def after_report_boxes(chapter: str) -> list[str]:
    """The bodies of a chapter's "What happened next" boxes (``:class: after-report`` admonitions)."""
    boxes, lines = [], chapter.splitlines()
    for start, line in enumerate(lines):
        if line.strip() == ":class: after-report":
            fence = lines[start - 1].split("{")[0].strip()
            body = []
            for later in lines[start + 1:]:
                if later.strip() == fence:
                    break
                body.append(later)
            boxes.append("\n".join(body))
    return boxes


def one_sided_boxes(where: str, chapter: str, events: Iterable[TimelineEvent]) -> list[str]:
    """A "What happened next" box that dates a disputed event but leaves one of its sides unnamed."""
    disputed = [event for event in events if event.disputed and len(event.date) == 10]
    problems = []
    for box in after_report_boxes(chapter):
        named = dates_named(box)
        problems += unnamed_sides(where, box, [event for event in disputed if event.date in named])
    return problems


def paragraphs(text: str) -> list[str]:
    """A chapter's or definition's paragraphs (blocks between blank lines)."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def one_sided_paragraphs(where: str, text: str, events: Iterable[TimelineEvent]) -> list[str]:
    """Paragraphs that tell a disputed event (its telling words and its year) but leave one of its sides unnamed."""
    disputed = [event for event in events if event.disputed and event.told_by]
    problems = []
    for paragraph in paragraphs(text):
        flat = " ".join(paragraph.split())
        told = [
            event for event in disputed
            if event.date[:4] in flat and any(re.search(pattern, flat) for pattern in event.told_by)
        ]
        problems += unnamed_sides(f"{where}: '{flat[:60]}...'", flat, told)
    return problems
