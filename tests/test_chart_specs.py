"""Chart specs leave the pages for JSON files that chart-loader.js fetches when it makes a chart live."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BookBuild

from jcpoa_course.book.delivery.chart_specs import move_specs_out, spec_file
from jcpoa_course.views.render import vega_html

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "description": "Two bars, one labelled </script>",
    "data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 2}]},
    "mark": "bar",
    "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
}


def test_a_spec_moves_to_its_file_and_the_drawing_stays(tmp_path: Path) -> None:
    snippet = vega_html(SPEC)
    chart_id = re.search(r'<div class="jcpoa-chart" id="([^"]+)"', snippet).group(1)
    body = f"<p>before</p>\n{snippet}\n<p>after</p>"
    moved = move_specs_out(body, tmp_path)
    assert "jcpoa-chart-spec" not in moved and "<svg" in moved and "<p>after</p>" in moved
    assert json.loads(spec_file(tmp_path, chart_id).read_text(encoding="utf-8")) == SPEC


def test_a_body_without_charts_is_left_as_it_is(tmp_path: Path) -> None:
    body = '<script type="application/json" class="other">{}</script>'
    assert move_specs_out(body, tmp_path) == body
    assert not any(tmp_path.iterdir())


@pytest.mark.build
def test_built_chart_pages_hold_no_spec_and_every_chart_has_its_file(built_book: BookBuild) -> None:
    charts = 0
    for page in built_book.pages():
        html = page.read_text(encoding="utf-8")
        assert "jcpoa-chart-spec" not in html, page.relative_to(built_book.html)
        for chart_id in re.findall(r'<div class="jcpoa-chart" id="([^"]+)"', html):
            spec = json.loads(spec_file(built_book.html, chart_id).read_text(encoding="utf-8"))
            assert spec.get("description"), chart_id
            charts += 1
    assert charts >= 4
