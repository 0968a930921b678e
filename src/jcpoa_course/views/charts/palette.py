"""Colours with meaning, shared by every chart so a category looks the same everywhere.

The hues come from the colour-blind-safe Okabe-Ito set; each is dark enough for text on white.
"""

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
