"""The ten tracks as a table in the page's own text: the problems each addresses and its group.

The chart shows the groups at a glance but keeps each track's problems in a tooltip, which a reader
of the page (or of a printout, or with a screen reader) may never open, and the assignments ask
about both. This table is written from the same data as the chart, as MyST Markdown for myst-nb's
``glue:md`` directive, so it becomes part of the page text; each group is given by the chart's
label and, beside it, the value of ``tractability`` that code over the course data sees.
"""

from __future__ import annotations

from jcpoa_course.data import Catalog, load_catalog

from .charts.palette import TRACTABILITY_LABELS


def tracks_table_markdown(catalog: Catalog | None = None) -> str:
    """One row per track, in the report's order: its name, problems, group label and data value."""
    catalog = catalog or load_catalog()
    lines = [
        "| Track | Problems it addresses | Group in the chart | `tractability` in the data |",
        "|---|---|---|---|",
    ]
    for track in sorted(catalog.tracks, key=lambda track: track.order):
        lines.append(
            f"| {track.order}. {track.name} {_pages_role(track.source.pages)} | {'; '.join(track.problems)} | "
            f"{TRACTABILITY_LABELS[track.tractability]} | `{track.tractability}` |"
        )
    return "\n".join(lines)


def _pages_role(pages: tuple[int, ...]) -> str:
    """The book's page role for the track's report pages: {p}`26` or {pp}`24, 26`."""
    role = "p" if len(pages) == 1 else "pp"
    return f"{{{role}}}`{', '.join(str(page) for page in pages)}`"
