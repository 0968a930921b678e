"""The Altair charts are drawn from the course data, with tooltips, sources and text descriptions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import escape

import pytest

from jcpoa_course.data import load_catalog
from jcpoa_course.logic.timeline import events_between
from jcpoa_course.views.charts import timeline_chart, tracks_chart
from jcpoa_course.views.charts.palette import TRACTABILITY_LABELS
from jcpoa_course.views.tracks_table import tracks_table_markdown


def _rows(spec: dict) -> list[dict]:
    """The chart's rows, wherever Altair placed them (top level when one layer carries all data)."""
    data = spec["layer"][0].get("data") or spec["data"]
    return data["values"]


def test_timeline_has_every_event_with_its_source():
    catalog = load_catalog()
    spec = timeline_chart("2015", "2025").to_dict()
    rows = _rows(spec)
    assert len(rows) == len(events_between(catalog.timeline, "2015", "2025"))
    assert all(row["source"] for row in rows)
    tooltip_fields = {t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]}
    assert {"title", "source", "when"} <= tooltip_fields
    assert "July 2020" in spec["description"]


def test_the_epilogue_chart_shows_both_sides_of_the_june_2025_war():
    """The fact-check found the war told from one side; the chart the epilogue places must show both."""
    rows = _rows(timeline_chart(start="2020", end="2025", era="after-report").to_dict())
    june_2025 = {row["title"] for row in rows if row["date"].startswith("2025-06") and row["kind"] == "escalation"}
    catalog = load_catalog()
    titles = {event.id: event.title for event in catalog.timeline}
    assert {titles["israel-strikes-iran"], titles["us-strikes-nuclear-sites"]} <= june_2025
    assert {titles["iran-strikes-israel"], titles["iran-strikes-al-udeid"]} <= june_2025


def test_timeline_after_the_report_only():
    rows = _rows(timeline_chart(era="after-report").to_dict())
    assert rows and all(row["era"] == "After the report" for row in rows)
    assert min(row["date"] for row in rows) > "2020-07"
    assert "report was published" not in timeline_chart(era="after-report").to_dict()["description"]


def test_month_precision_dates_are_not_given_a_day():
    rows = _rows(timeline_chart("2019", "2019").to_dict())
    drone = next(row for row in rows if "drone" in row["title"])
    assert drone["when"] == "June 2019"


def test_timeline_with_no_events_says_so():
    with pytest.raises(ValueError, match="no timeline events"):
        timeline_chart("1990", "1991")


def test_tracks_chart_shows_all_ten_with_pages():
    spec = tracks_chart().to_dict()
    rows = _rows(spec)
    assert len(rows) == 10
    assert all(row["pages"].startswith("p") for row in rows)
    assert spec["description"]


IDS = re.compile(r'id="(jcpoa-(?:chart|path)-[0-9a-f]+)"')
DRAW_TWICE = (
    "from jcpoa_course.views.render import vega_html\n"
    "from jcpoa_course.views.static_path import static_path_html\n"
    "spec = {'mark': 'bar', 'data': {'values': [{'a': 1}]}}\n"
    "print(vega_html(spec), vega_html(spec), static_path_html())\n"
)


def test_tracks_table_gives_every_problem_and_the_group_by_label_and_value() -> None:
    """The chart's tooltip is not the only place a reader finds a track's problems or its data value."""
    rows = tracks_table_markdown().splitlines()[2:]
    assert len(rows) == 10
    for track, row in zip(sorted(load_catalog().tracks, key=lambda t: t.order), rows, strict=True):
        assert row.startswith(f"| {track.order}. {track.name} ")
        assert all(problem in row for problem in track.problems)
        assert f"| {TRACTABILITY_LABELS[track.tractability]} | `{track.tractability}` |" in row


def test_element_ids_are_the_same_in_every_build_and_distinct_on_a_page() -> None:
    """A rebuilt book whose charts did not change must be byte-identical (random ids were not)."""
    runs = [subprocess.run([sys.executable, "-c", DRAW_TWICE], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    ids = [IDS.findall(run) for run in runs]
    assert ids[0] == ids[1]
    assert len(ids[0]) == 3 and len(set(ids[0])) == 3  # the same chart twice still gets two ids


def test_a_chart_arrives_drawn_named_by_its_description_with_its_spec() -> None:
    """vega_html draws the chart at build time: an SVG named by the description, then the spec as JSON."""
    from jcpoa_course.views.render import BOOK_CHART_WIDTH, vega_html

    chart = tracks_chart()
    html = vega_html(chart)
    description = chart.to_dict()["description"]
    svg = re.search(r'<div class="jcpoa-chart" id="([^"]+)"[^>]*><svg ([^>]*)>', html)
    assert svg, html[:300]
    assert f'aria-label="{escape(description)}"' in svg.group(2)
    assert 'role="graphics-document"' in svg.group(2)
    spec = json.loads(re.search(rf'<script type="application/json" class="jcpoa-chart-spec" '
                                rf'data-chart="{svg.group(1)}">(.*?)</script>', html, re.S).group(1))
    assert spec["width"] == BOOK_CHART_WIDTH  # container-wide charts: one width drawn and live
    assert f'width="{BOOK_CHART_WIDTH}"' in svg.group(2)  # labels and all, so it fits the text column
    assert "<script>" not in html and "vegaEmbed" not in html  # nothing runs inline


def test_bound_inputs_are_drawn_as_vega_draws_them() -> None:
    """The explorer's menu and checkboxes are on the page before vega: same markup, same defaults."""
    from jcpoa_course.views.render import bound_inputs_html
    from jcpoa_course.views.wall_chart import ENTITY_PARAM, param_name, wall_chart

    catalog = load_catalog()
    html = bound_inputs_html(wall_chart(catalog.sanctions, entity="sina-bank").to_dict())
    assert html.startswith('<div class="vega-bindings"><div class="vega-bind"><label><span class="vega-bind-name">')
    assert f'<select name="{ENTITY_PARAM}">' in html
    assert '<option value="sina-bank" selected>' in html
    assert html.count("<option") == len(catalog.sanctions.entities)
    for instrument in catalog.sanctions.instruments:
        assert f'<input type="checkbox" name="{param_name(instrument.id)}">' in html
    assert bound_inputs_html({"mark": "bar"}) == ""
