"""The look every chart shares: colours with meaning, so a category looks the same everywhere, and titles.

The hues come from the colour-blind-safe Okabe-Ito set; each is dark enough for text on white.
"""

from __future__ import annotations

from typing import Any

import altair as alt


def left_title(text: str | list[str], **options: Any) -> alt.TitleParams:
    """A title from the chart's left edge, not centred on the plot: on a phone a chart keeps its
    drawn size and scrolls sideways, and a centred title would start off the first screen."""
    return alt.TitleParams(text, anchor="start", frame="bounds", **options)


EVENT_KINDS = {
    "diplomacy": "#0072B2",
    "escalation": "#C0392B",
    "sanctions": "#8E5B00",
    "nuclear": "#6A3D9A",
    "politics": "#1B7A50",
}

TRACTABILITY = {
    "more-tractable": "#1B7A50",
    "builds-on-existing": "#0072B2",
    "regional-roadmap": "#8E5B00",
    "longer-term": "#C0392B",
    "not-ranked": "#6B6B6B",
}

TRACTABILITY_LABELS = {
    "more-tractable": "More tractable",
    "builds-on-existing": "Builds on existing diplomacy",
    "regional-roadmap": "Regional roadmap",
    "longer-term": "Thorny: needs more time",
    "not-ranked": "Not ranked by the report",
}
"""Column labels; charts break them into lines at the spaces (see ``LABEL_LINES``)."""

LABEL_LINES = "split(datum.label, ' ')"
"""A Vega expression that turns an axis label into one line per word, so long labels never overlap."""
