"""The book on a phone: charts keep their size and scroll in their own box, no page scrolls sideways,
the explorer's wall fits a common phone whole, and its inputs stay in view on a smaller one.
"""

from __future__ import annotations

import json

import pytest
from book_pages import LIVE_CHARTS, page_urls, pages_containing, save_data
from conftest import BookBuild, offline_context
from playwright.sync_api import Browser, Page

from jcpoa_course.data import load_catalog
from jcpoa_course.logic.wall import remaining_layers

pytestmark = [pytest.mark.build, pytest.mark.browser]


# Each chart's drawn and shown width, its box, and where its title starts and ends within that box.
CHART_FIT = """() => [...document.querySelectorAll('div.jcpoa-chart')].map(chart => {
    const svg = chart.querySelector('svg.marks');
    const box = chart.getBoundingClientRect();
    const title = chart.querySelector('g.role-title').getBoundingClientRect();
    return {id: chart.id, drawn: Number(svg.getAttribute('width')), shown: svg.getBoundingClientRect().width,
            column: chart.clientWidth, scrolls: chart.scrollWidth > chart.clientWidth, tabindex: chart.tabIndex,
            title_from: title.left - box.left, title_to: title.right - box.left, title_width: title.width};
})"""


def title_in_view(chart: dict) -> bool:
    """A title starts at the chart's left edge, and a title that fits the box ends inside it."""
    fits = chart["title_width"] <= chart["column"]
    return chart["title_from"] <= 20 and (not fits or chart["title_to"] <= chart["column"] + 1)


def test_on_a_phone_charts_keep_their_size_and_scroll_sideways(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Scaled to a phone's column a chart's labels would shrink to about 5 px: there it keeps the size
    it was drawn at, scrolls within its own box if it is wider, shows its title on the first screen,
    and the keyboard can reach it; on a laptop it is scaled to the column as before."""
    problems = {}
    for width in (390, 1280):
        context = offline_context(browser, viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
                page.goto(f"{book_url}/{relative}", wait_until="load")
                for chart in page.evaluate(CHART_FIT):
                    if width == 390:
                        too_wide = chart["drawn"] > chart["column"]
                        wrong = (abs(chart["shown"] - chart["drawn"]) > 1 or too_wide != chart["scrolls"]
                                 or not title_in_view(chart))
                    else:
                        wrong = chart["shown"] > chart["column"] + 1 or chart["scrolls"]
                    if wrong or chart["tabindex"] != 0:
                        problems[f"{width}px {relative} {chart['id']}"] = chart
        finally:
            context.close()
    assert not problems, json.dumps(problems, indent=2)


def test_no_page_scrolls_sideways_on_a_phone(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """On a small phone (320 px) every page fits the screen's width: wide things (charts, tables, code
    blocks) scroll in their own boxes, and long words and paths in the text wrap."""
    context = offline_context(browser, viewport={"width": 320, "height": 640})
    too_wide = {}
    try:
        page = context.new_page()
        for relative, url in page_urls(built_book, book_url):
            if 'http-equiv="Refresh"' in (built_book.html / relative).read_text(encoding="utf-8"):
                continue  # the root index.html only forwards to the first chapter
            page.goto(url, wait_until="load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 320:
                too_wide[relative] = width
    finally:
        context.close()
    assert not too_wide, too_wide


# Scroll the explorer's chart to its far end; then where its inputs are, against the chart's visible box.
INPUTS_IN_VIEW = """() => {
    const chart = document.querySelector('div.jcpoa-chart');
    chart.scrollLeft = chart.scrollWidth;
    const box = chart.getBoundingClientRect();
    const outside = [...chart.querySelectorAll('.vega-bindings select, .vega-bindings input')]
        .map(input => input.getBoundingClientRect())
        .filter(r => r.left < box.left - 1 || r.right > box.right + 1);
    return {scrolled: chart.scrollLeft, inputs: chart.querySelectorAll('.vega-bindings select').length,
            outside: outside.length};
}"""


def test_on_a_small_phone_the_explorer_inputs_stay_in_view_while_its_chart_scrolls(
    book_url: str, page: Page
) -> None:
    """The wall's menu and boxes are how a reader uses it: drawn and live, they stay within the
    chart's box while the drawing scrolls sideways beside them (at 320 px the wall is wider than its box)."""
    page.set_viewport_size({"width": 320, "height": 640})
    save_data(page)
    page.goto(f"{book_url}/book/explore-sanctions-wall.html", wait_until="load")
    drawn = page.evaluate(INPUTS_IN_VIEW)
    page.locator("div.jcpoa-chart select").first.focus()  # wakes the chart: vega draws it live
    page.locator("div.jcpoa-chart").first.evaluate("chart => chart.scrollLeft = 0")
    page.locator("body").click(position={"x": 5, "y": 5})  # leave the menu, so the live chart swaps in
    page.wait_for_function(LIVE_CHARTS, timeout=15_000)
    live = page.evaluate(INPUTS_IN_VIEW)
    for state in (drawn, live):
        assert state["scrolled"] > 0 and state["inputs"] == 1, state
        assert state["outside"] == 0, state


# Where the explorer's bricks and fallen bricks are drawn, against the chart's visible box.
WALL_IN_VIEW = """() => {
    const chart = document.querySelector('div.jcpoa-chart');
    const box = chart.getBoundingClientRect();
    const marks = [...chart.querySelectorAll('g.bricks_marks path, g.rubble_marks path')]
        .map(mark => mark.getBoundingClientRect());
    return {scrolls: chart.scrollWidth > chart.clientWidth, marks: marks.length,
            outside: marks.filter(r => r.left < box.left - 1 || r.right > box.right + 1).length};
}"""


def test_on_a_phone_the_whole_wall_is_in_view_fallen_bricks_included(book_url: str, page: Page) -> None:
    """On a 390 px phone the reader sees the wall and the row its bricks fall to without scrolling
    the chart: they tick the boxes and watch both."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{book_url}/book/explore-sanctions-wall.html", wait_until="load")
    page.wait_for_function(LIVE_CHARTS, timeout=15_000)
    standing = page.evaluate(WALL_IN_VIEW)
    wall = load_catalog().sanctions
    entity = wall.entities[0]  # the one the explorer opens on
    boxes = page.locator("div.jcpoa-chart .vega-bindings input[type=checkbox]")
    assert boxes.count() == len(wall.instruments)
    for box in boxes.all():
        box.check()
    fallen_count = len(entity.layers) - len(remaining_layers(entity.id, [i.id for i in wall.instruments]))
    assert fallen_count >= 1
    page.wait_for_function(f"() => document.querySelectorAll('div.jcpoa-chart g.rubble_marks path').length"
                           f" === {fallen_count}")
    fallen = page.evaluate(WALL_IN_VIEW)
    for state in (standing, fallen):
        assert state["marks"] >= 1 and state["outside"] == 0 and not state["scrolls"], state
