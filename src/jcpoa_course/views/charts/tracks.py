"""The ten negotiation tracks, grouped by how tractable the report suggests each one is (pp. 24-25)."""

from __future__ import annotations

import altair as alt

from jcpoa_course.data import Catalog, load_catalog

from .palette import LABEL_LINES, TRACTABILITY, TRACTABILITY_LABELS, left_title


def tracks_rows(catalog: Catalog) -> list[dict]:
    """One row per track, with the words the tooltip shows."""
    return [
        {
            "order": track.order,
            "track": f"{track.order}. {track.name}",
            "goal": track.goal,
            "problems": "; ".join(track.problems),
            "tractability": TRACTABILITY_LABELS[track.tractability],
            "basis": track.basis,
            "pages": track.source.label,
        }
        for track in sorted(catalog.tracks, key=lambda track: track.order)
    ]


def tracks_chart(catalog: Catalog | None = None) -> alt.LayerChart:
    """A grid: each track on its own row, placed in the column of the report's tractability grouping."""
    catalog = catalog or load_catalog()
    rows = tracks_rows(catalog)
    groups = list(TRACTABILITY_LABELS.values())
    column_axis = alt.Axis(labelAngle=0, labelExpr=LABEL_LINES, orient="bottom", labelPadding=6)
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("tractability:N", sort=groups, title=None, axis=column_axis),
        y=alt.Y("track:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("track:N", title="Track"),
            alt.Tooltip("goal:N", title="Goal"),
            alt.Tooltip("problems:N", title="Problems it addresses"),
            alt.Tooltip("tractability:N", title="Report's grouping"),
            alt.Tooltip("basis:N", title="Why"),
            alt.Tooltip("pages:N", title="Report pages"),
        ],
    )
    squares = base.mark_square(size=380).encode(
        color=alt.Color(
            "tractability:N",
            sort=groups,
            scale=alt.Scale(domain=groups, range=list(TRACTABILITY.values())),
            legend=None,
        )
    )
    return alt.layer(squares).properties(
        width="container",
        height=320,
        title=left_title("The ten negotiation tracks and how tractable the report suggests they are"),
        description=(
            "Grid of the ten negotiation tracks the report proposes, one per row, each placed in a column for the "
            "report's grouping: more tractable (civilian diplomacy, mutual threats), building on existing diplomacy "
            "(fortifying the JCPOA, prisoner exchange), regional roadmaps (regional conflicts, Gulf security), "
            "thorny and needing more time (missiles), or not ranked by the report (human rights, border incidents, "
            "economic ties). Hover over a square for the track's goal and pages."
        ),
    )
