"""The book on a phone: charts keep their size and scroll in their own box, no page scrolls sideways,
and the explorer's inputs stay in view.
"""

from __future__ import annotations

import json

import pytest
from book_pages import LIVE_CHARTS, page_urls, pages_containing, save_data
from conftest import BookBuild, offline_context
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.build, pytest.mark.browser]


CHART_FIT = """() => [...document.querySelectorAll('div.jcpoa-chart')].map(chart => {
    const svg = chart.querySelector('svg.marks');
    return {id: chart.id, drawn: Number(svg.getAttribute('width')), shown: svg.getBoundingClientRect().width,
            column: chart.clientWidth, scrolls: chart.scrollWidth > chart.clientWidth, tabindex: chart.tabIndex};
})"""


def test_on_a_phone_charts_keep_their_size_and_scroll_sideways(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Scaled to a phone's column a chart's labels would shrink to about 5 px: there it keeps the size
    it was drawn at and scrolls within its own box, and the keyboard can reach it; on a laptop it is
    scaled to the column as before."""
    problems = {}
    for width in (390, 1280):
        context = offline_context(browser, viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
                page.goto(f"{book_url}/{relative}", wait_until="load")
                for chart in page.evaluate(CHART_FIT):
                    if width == 390:
                        wrong = abs(chart["shown"] - chart["drawn"]) > 1 or not chart["scrolls"]
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


def test_on_a_phone_the_explorer_inputs_stay_in_view_while_its_chart_scrolls(book_url: str, page: Page) -> None:
    """The wall's menu and boxes are how a reader uses it: drawn and live, they stay within the
    chart's box while the drawing scrolls sideways beside them."""
    page.set_viewport_size({"width": 390, "height": 800})
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
