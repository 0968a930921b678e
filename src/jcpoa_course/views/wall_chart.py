"""The sanctions wall as a Vega-Lite chart: one brick per layer, bricks falling as instruments are chosen.

One function, :func:`wall_chart`, builds the chart for both places it appears. In the static
book its parameters are bound to HTML inputs (an entity menu, one checkbox per instrument), so
the wall responds in the reader's browser with no kernel. In the live explorer the same spec is
drawn with the parameters set from Python (:func:`with_choices`), because the ipywidgets hold
the controls there. The falling rule is written twice, once as a Vega expression here and once
in :mod:`jcpoa_course.logic.wall`; the tests compare the two brick for brick.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import altair as alt

from jcpoa_course.data import SanctionsWall, load_catalog

from .charts.palette import left_title

PROGRAM_COLOURS = {
    "nuclear": "#6A3D9A",
    "terrorism": "#C0392B",
    "proliferation": "#0072B2",
    "human-rights": "#1B7A50",
    "sectoral": "#8E5B00",
    "leadership": "#4D4D4D",
}

COUNTS_LABELS = {
    "yes": "Counted by the report",
    "no": "Not counted (kept under the deal)",
    "unclear": "Report does not say",
}

ENTITY_PARAM = "entity"
BRICKS_NAME = "bricks"
RUBBLE_NAME = "rubble"

# The wall is 10 units wide; fallen bricks lie in one row below it, after the "Lifted: n" caption.
# Below, not beside: a phone's first screen then holds the whole chart, pile included.
WALL_WIDTH = 10
BRICK_HEIGHT = 40  # px per unit of height: one brick
RUBBLE_START = 2.3
RUBBLE_ROW = (-1.1, -0.35)  # its bottom and top, in brick heights below the ground
LOWEST = RUBBLE_ROW[0] - 0.2  # the bottom of the y scale: just under the fallen bricks


def param_name(instrument_id: str) -> str:
    """The Vega parameter for an instrument's checkbox: ``revoke-orders`` -> ``use_revoke_orders``."""
    return "use_" + instrument_id.replace("-", "_")


def wall_rows(wall: SanctionsWall) -> list[dict[str, Any]]:
    """One row per (entity, layer) with everything the bricks, tooltips and the falling rule need."""
    authorities = {a.id: a.name for a in wall.authorities}
    instruments = {i.id: i.short for i in wall.instruments}
    rows = []
    for entity in wall.entities:
        for position, layer in enumerate(sorted(entity.layers, key=lambda layer: layer.date)):
            row = {
                "entity": entity.id,
                "entity_name": entity.name,
                "layer": layer.id,
                "label": layer.label + (" (?)" if layer.certainty == "uncertain" else ""),
                "position": position,
                "program": layer.program,
                "authorities": ", ".join(authorities[a] for a in layer.authorities),
                "date": layer.date,
                "certainty": layer.certainty,
                "counts": COUNTS_LABELS[layer.counts],
                "counted": layer.counts == "yes",
                "lifted_by": ", ".join(instruments[i] for i in layer.lifted_by) or "No step in the report's plan",
                "liftable": bool(layer.lifted_by),
                "note": layer.note,
                "sources": _source_text(layer.source.label, layer.source.documents),
            }
            row |= {f"needs_{param_name(i)}": i in layer.lifted_by for i in instruments}
            rows.append(row)
    return rows


def _source_text(pages: str, documents: tuple[str, ...]) -> str:
    parts = ([f"Report {pages}"] if pages else []) + list(documents)
    return "; ".join(parts)


def falling_expression(instrument_ids: Iterable[str]) -> str:
    """Vega expression: true when every instrument the brick needs is checked (see logic.wall.is_lifted)."""
    needs = [f"(!datum.needs_{param_name(i)} || {param_name(i)})" for i in instrument_ids]
    return "datum.liftable && " + " && ".join(needs)


def wall_chart(wall: SanctionsWall | None = None, entity: str | None = None) -> alt.LayerChart:
    """The explorer's chart: the chosen entity's standing bricks, fallen bricks beside them, and a verdict.

    Parameters are bound to inputs for the static book; use :func:`with_choices` to fix them
    from Python for the live explorer.
    """
    wall = wall or load_catalog().sanctions
    ids = [i.id for i in wall.instruments]
    tallest = max(len(e.layers) for e in wall.entities)
    entity_param = alt.param(
        name=ENTITY_PARAM,
        value=entity or wall.entities[0].id,
        bind=alt.binding_select(
            options=[e.id for e in wall.entities], labels=[e.name for e in wall.entities], name="Entity: "
        ),
    )
    checkboxes = [
        alt.param(name=param_name(i.id), value=False, bind=alt.binding_checkbox(name=_checkbox_label(i)))
        for i in wall.instruments
    ]
    base = (
        alt.Chart(alt.Data(values=wall_rows(wall)))
        .transform_filter(f"datum.entity == {ENTITY_PARAM}")
        .transform_calculate(fallen=falling_expression(ids))
    )
    layers = [
        _bricks(base, tallest),
        _uncertain_outlines(base, tallest),
        _brick_labels(base),
        _rubble(base, tallest),
        _rubble_caption(base),
        _verdict(base, tallest),
    ]
    return (
        alt.layer(*layers)
        .add_params(entity_param, *checkboxes)
        .properties(
            width=300,
            height=round(BRICK_HEIGHT * (tallest + 1 - LOWEST)),
            # Two lines, each no wider than the wall, so the chart fits a phone.
            title=left_title(["The sanctions wall: tick the instruments", "the report proposes and watch layers fall"]),
            description=(
                "A wall of bricks, one per sanctions layer on the chosen entity, coloured by program. Bricks fall "
                "to a grey row below the wall when every instrument they need is ticked. The verdict at the top "
                "says whether what is left still keeps the U.S. out of compliance as the report reads it."
            ),
        )
        .configure_view(stroke=None)
    )


def _checkbox_label(instrument: Any) -> str:
    return f" {instrument.short}" + (" (context)" if instrument.role == "context" else "")


def _standing(base: alt.Chart) -> alt.Chart:
    return base.transform_filter("!datum.fallen").transform_window(
        level="row_number()", sort=[alt.SortField("position")]
    )


def _scales(tallest: int) -> dict[str, Any]:
    return {
        "x": alt.Scale(domain=[0, WALL_WIDTH], nice=False),
        "y": alt.Scale(domain=[LOWEST, tallest + 1], nice=False),
    }


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("label:N", title="Layer"),
        alt.Tooltip("authorities:N", title="Authority"),
        alt.Tooltip("program:N", title="Program"),
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("counts:N", title="Report's reading"),
        alt.Tooltip("certainty:N", title="Certainty"),
        alt.Tooltip("lifted_by:N", title="Falls with"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("sources:N", title="Sources"),
    ]


def _colour() -> alt.Color:
    return alt.Color(
        "program:N",
        scale=alt.Scale(domain=list(PROGRAM_COLOURS), range=list(PROGRAM_COLOURS.values())),
        legend=alt.Legend(title="Program", orient="bottom", columns=3),
    )


def _bricks(base: alt.Chart, tallest: int) -> alt.Chart:
    scales = _scales(tallest)
    return (
        _standing(base)
        .transform_calculate(x0="0", x1="10", y0="datum.level - 1", y1="datum.level - 0.08")
        .mark_rect(cornerRadius=2, strokeWidth=2)
        .encode(
            x=alt.X("x0:Q", scale=scales["x"], axis=None),
            x2="x1:Q",
            y=alt.Y("y0:Q", scale=scales["y"], axis=None),
            y2="y1:Q",
            color=_colour(),
            opacity=alt.condition("datum.counted", alt.value(1.0), alt.value(0.45)),
            tooltip=_tooltip(),
        )
        .properties(name=BRICKS_NAME)
    )


def _uncertain_outlines(base: alt.Chart, tallest: int) -> alt.Chart:
    """A dashed outline on bricks whose listing the public record leaves uncertain."""
    return (
        _standing(base)
        .transform_filter("datum.certainty == 'uncertain'")
        .transform_calculate(x0="0.1", x1="9.9", y0="datum.level - 0.98", y1="datum.level - 0.1")
        .mark_rect(filled=False, stroke="#111111", strokeWidth=2, strokeDash=[6, 4], aria=False)
        .encode(x=alt.X("x0:Q", axis=None), x2="x1:Q", y=alt.Y("y0:Q", axis=None), y2="y1:Q", tooltip=_tooltip())
    )


def _brick_labels(base: alt.Chart) -> alt.Chart:
    return (
        _standing(base)
        .transform_calculate(xm="5", ym="datum.level - 0.54")
        .mark_text(color="white", fontSize=12, fontWeight="bold", aria=False)
        .encode(x=alt.X("xm:Q", axis=None), y=alt.Y("ym:Q", axis=None), text="label:N", tooltip=_tooltip())
    )


def _rubble(base: alt.Chart, tallest: int) -> alt.Chart:
    """Fallen bricks, small and grey, in a row below the wall; room for every brick of the tallest wall."""
    step = (WALL_WIDTH - RUBBLE_START) / tallest
    return (
        base.transform_filter("datum.fallen")
        .transform_window(pile="row_number()", sort=[alt.SortField("position")])
        .transform_calculate(
            x0=f"{RUBBLE_START} + (datum.pile - 1) * {step}",
            x1=f"{RUBBLE_START} + datum.pile * {step} - 0.15",
            y0=str(RUBBLE_ROW[0]),
            y1=str(RUBBLE_ROW[1]),
        )
        .mark_rect(color="#BBBBBB", cornerRadius=2, aria=False)
        .encode(x=alt.X("x0:Q", axis=None), x2="x1:Q", y=alt.Y("y0:Q", axis=None), y2="y1:Q", tooltip=_tooltip())
        .properties(name=RUBBLE_NAME)
    )


def _rubble_caption(base: alt.Chart) -> alt.Chart:
    """'Lifted: n' at the start of the row of fallen bricks; 'Lifted: none' before any falls, so the
    reader knows where to look."""
    return (
        base.transform_calculate(down="datum.fallen ? 1 : 0")
        .transform_aggregate(fallen_count="sum(down)")
        .transform_calculate(
            xc="0",
            yc=str(sum(RUBBLE_ROW) / 2),
            caption="'Lifted: ' + (datum.fallen_count > 0 ? datum.fallen_count : 'none')",
        )
        .mark_text(align="left", baseline="middle", fontSize=12, color="#4D4D4D", aria=False)
        .encode(x=alt.X("xc:Q", axis=None), y=alt.Y("yc:Q", axis=None), text="caption:N")
    )


def _verdict(base: alt.Chart, tallest: int) -> alt.Chart:
    """Two short lines: does anything the report counts still stand? Two, so that on a phone, where
    the chart keeps its size and scrolls, the whole verdict is on the first screen."""
    return (
        base.transform_calculate(blocking="(!datum.fallen && datum.counted) ? 1 : 0")
        .transform_aggregate(blocking="sum(blocking)")
        .transform_calculate(
            verdict=(
                "datum.blocking > 0 ? datum.blocking + (datum.blocking == 1 ? ' layer keeps' : ' layers keep') + "
                "' the U.S. out of compliance,|as the report reads it' : "
                "'Nothing left keeps the U.S. out of compliance,|as the report reads it'"
            ),
            xv="0",
            yv=str(tallest + 0.5),
        )
        .mark_text(align="left", baseline="bottom", lineBreak="|", fontSize=13, fontWeight="bold")
        .encode(
            x=alt.X("xv:Q", axis=None),
            y=alt.Y("yv:Q", axis=None),
            text="verdict:N",
            color=alt.condition("datum.blocking > 0", alt.value("#C0392B"), alt.value("#1B7A50")),
        )
        .properties(name="verdict")
    )


def with_choices(spec: dict[str, Any], entity: str, instruments: Iterable[str]) -> dict[str, Any]:
    """A copy of the chart's spec with the entity and instruments fixed and the HTML inputs removed."""
    chosen = set(instruments)
    drawn = copy.deepcopy(spec)
    for param in drawn.get("params", []):
        param.pop("bind", None)
        if param["name"] == ENTITY_PARAM:
            param["value"] = entity
        elif param["name"].startswith("use_"):
            param["value"] = any(param["name"] == param_name(i) for i in chosen)
    return drawn
