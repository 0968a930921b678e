"""The 2015-2025 timeline: escalation and diplomacy, each event's source on hover.

A strip per kind of event, a line where the report was published, and a pan/zoom on
time so crowded years (2019-2020, 2025) can be pulled apart.
"""

from __future__ import annotations

import calendar

import altair as alt

from jcpoa_course.data import Catalog, load_catalog
from jcpoa_course.logic.citations import describe_citation
from jcpoa_course.logic.timeline import REPORT_PUBLISHED, events_between

from .palette import EVENT_KINDS, left_title

ERA_LABELS = {"before-report": "Described in the report", "after-report": "After the report"}


def timeline_rows(catalog: Catalog, start: str, end: str, era: str | None) -> list[dict]:
    """One row per event, with the words the tooltip shows."""
    return [
        {
            "date": event.date if len(event.date) == 10 else f"{event.date}-15",
            "when": _when(event.date),
            "title": event.title,
            "summary": event.summary,
            "kind": event.kind,
            "era": ERA_LABELS[event.era],
            "source": describe_citation(event.source, catalog),
        }
        for event in events_between(catalog.timeline, start, end, era)
    ]


def _when(date: str) -> str:
    """A date as a reader says it; month-precision dates stay month-precision ("June 2019")."""
    year, month, *day = date.split("-")
    month_name = calendar.month_name[int(month)]
    return f"{int(day[0])} {month_name} {year}" if day else f"{month_name} {year}"


def timeline_chart(
    start: str = "2015", end: str = "2025", era: str | None = None, catalog: Catalog | None = None
) -> alt.LayerChart:
    """Events from ``start`` to ``end`` (ISO prefixes), optionally only one era, as an interactive strip chart."""
    catalog = catalog or load_catalog()
    rows = timeline_rows(catalog, start, end, era)
    if not rows:
        raise ValueError(f"no timeline events between {start!r} and {end!r} for era {era!r}")
    kinds = list(EVENT_KINDS)
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    points = (
        alt.Chart(alt.Data(values=rows))
        .mark_point(filled=True, size=110, opacity=0.85)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(domain=[f"{start[:4]}-01-01", f"{end[:4]}-12-31"]),
            ),
            y=alt.Y("kind:N", title=None, sort=kinds),
            color=alt.Color(
                "kind:N",
                title="Kind of event",
                scale=alt.Scale(domain=kinds, range=list(EVENT_KINDS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape("era:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("summary:N", title="What happened"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("era:N", title="Period"),
            ],
        )
        .add_params(zoom)
    )
    layers: list[alt.Chart] = [points]
    marked = start <= REPORT_PUBLISHED[:4] <= end and era != "after-report"
    if marked:
        layers += _report_marker()
    return alt.layer(*layers).properties(
        width="container",
        height=240,
        title=left_title(f"Escalation and diplomacy, {start}-{end}", offset=20),
        description=_description(rows, marked),
    )


def _description(rows: list[dict], marked: bool) -> str:
    """The text a screen reader gets instead of the picture."""
    marker = "; a vertical line marks when the report was published in July 2020" if marked else ""
    return (
        f"Timeline of {len(rows)} events from {rows[0]['when']} to {rows[-1]['when']}, one row per kind of event "
        f"(diplomacy, escalation, sanctions, nuclear, politics){marker}. Hover over a point for the event and its "
        "source; drag to pan, scroll to zoom."
    )


def _report_marker() -> list[alt.Chart]:
    """A dashed rule and label where the report was published."""
    marker = alt.Data(values=[{"date": REPORT_PUBLISHED, "label": "Report published (July 2020)"}])
    rule = alt.Chart(marker).mark_rule(strokeDash=[4, 4], color="#333").encode(x="date:T")
    label = (
        alt.Chart(marker)
        .mark_text(align="left", baseline="top", dx=4, dy=2, fontSize=11, color="#333")
        .encode(x="date:T", y=alt.value(0), text="label:N")
    )
    return [rule, label]
