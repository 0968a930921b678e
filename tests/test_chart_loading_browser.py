"""Charts drawn at build time, then live: shown at first paint and with scripts off, woken by the reader.

chart-loader.js swaps each build-time SVG for vega's live chart in idle time, or, for a reader
saving data, when they reach for it; these tests watch that swap from a reader's side.
"""

from __future__ import annotations

import json

import pytest
from book_pages import LIVE_CHARTS, pages_containing, save_data
from conftest import BookBuild, NetworkLog, offline_context
from page_probes import UNCOVERED_MARK
from playwright.sync_api import Browser, Page

from jcpoa_course.book.delivery.chart_specs import spec_file

pytestmark = [pytest.mark.build, pytest.mark.browser]


# Each chart's box, and where the block after its figure starts: the swap to the live chart must move neither.
CHART_BOXES = """() => [...document.querySelectorAll('div.jcpoa-chart')].map(chart => {
    const svg = chart.querySelector('svg').getBoundingClientRect();
    const block = chart.closest('figure, .jcpoa-wall-explorer') || chart;
    const next = block.nextElementSibling;
    return {width: svg.width, height: svg.height, next: next ? next.getBoundingClientRect().top + scrollY : null};
})"""


def test_every_chart_arrives_drawn_and_goes_live_without_moving(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Drawn at build time (an SVG in the HTML), then swapped for vega's live chart when the browser
    is idle: every chart goes live, and the swap changes neither its size nor what follows it."""
    chart_pages = pages_containing(built_book, 'class="jcpoa-chart"')
    assert len(chart_pages) >= 4, chart_pages
    problems = {}
    for width in (1280, 390):  # a laptop and a phone
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for relative in chart_pages:
                page.goto(f"{book_url}/{relative}", wait_until="domcontentloaded")
                drawn = page.evaluate(CHART_BOXES)
                page.wait_for_function(LIVE_CHARTS, timeout=15_000)
                live = page.evaluate(CHART_BOXES)
                if page.locator("div.jcpoa-chart > .vega-embed > svg").count() != len(drawn):
                    problems[f"{width}px {relative}"] = "not every chart holds vega-embed's live SVG"
                moved = [(a, b) for a, b in zip(drawn, live, strict=True)
                         if any(abs((a[k] or 0) - (b[k] or 0)) > 1 for k in ("width", "height", "next"))]
                if moved:
                    problems[f"{width}px {relative}"] = moved
        finally:
            context.close()
    assert not problems, json.dumps(problems, indent=2)


def test_charts_show_as_described_images_without_javascript(built_book: BookBuild, book_url: str,
                                                           browser: Browser) -> None:
    context = offline_context(browser, java_script_enabled=False)
    missing = {}
    try:
        page = context.new_page()
        for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
            page.goto(f"{book_url}/{relative}")
            for chart in page.locator("div.jcpoa-chart").all():
                spec = json.loads(spec_file(built_book.html, chart.get_attribute("id")).read_text(encoding="utf-8"))
                svg = chart.locator("svg").first
                box = svg.bounding_box()
                if not (box and box["width"] > 100 and box["height"] > 100) or not svg.is_visible():
                    missing[relative] = f"chart not shown: {box}"
                elif svg.get_attribute("aria-label") != spec["description"]:
                    missing[relative] = f"SVG named {svg.get_attribute('aria-label')!r}, not by its description"
    finally:
        context.close()
    assert not missing, missing


def test_first_hover_wakes_a_chart_and_shows_its_tooltip(book_url: str, page: Page,
                                                        network_log: NetworkLog) -> None:
    """With the reader saving data, vega loads only when they reach for a chart, and the hover that
    woke it still gets its tooltip (chart-loader.js replays it on the live chart)."""
    save_data(page)
    page.goto(f"{book_url}/book/epilogue.html", wait_until="load")
    page.wait_for_timeout(1500)  # idle time passes: nothing may load without the reader
    assert not page.evaluate("() => Boolean(window.vegaEmbed)")
    assert page.locator("div.jcpoa-chart[data-live]").count() == 0
    point = page.evaluate(UNCOVERED_MARK)
    assert point, "no chart mark to hover"
    page.mouse.move(*point)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=10_000)
    assert "Date" in page.locator("#vg-tooltip-element").inner_text()
    page.wait_for_function("() => !document.querySelector('div.jcpoa-chart[aria-busy]')")  # live: not busy
    assert network_log.external == [] and network_log.failed == []


def test_while_vega_is_on_its_way_charts_say_so_and_other_scripts_run(book_url: str, page: Page) -> None:
    """The layout adds the theme's scripts after the first paint with async = false, which the browser
    runs in one queue: while vega is still on its way (held here), such a script must still run, and
    the charts are marked busy; if vega never arrives, they stay as drawn and busy no more."""
    held = []
    page.route("**/vendor/vega.min.js*", lambda route: held.append(route))  # not answered while the test looks
    save_data(page)
    page.goto(f"{book_url}/book/epilogue.html", wait_until="load")
    page.locator("div.jcpoa-chart").first.dispatch_event("focusin")  # a reader reaches for the chart
    for _ in range(50):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the chart did not ask for vega"
    ran = page.evaluate("""() => new Promise(resolve => {
        const script = document.createElement('script');
        script.src = new URL('../_static/language_data.js', document.baseURI).href + '?in-order';
        script.async = false;
        script.onload = () => resolve(true);
        script.onerror = () => resolve('error');
        document.head.appendChild(script);
        setTimeout(() => resolve(false), 5000);
    })""")
    assert ran is True, "a script added in order waited behind vega" if ran is False else "language_data.js failed"
    assert page.locator("div.jcpoa-chart[aria-busy=true]").count() == page.locator("div.jcpoa-chart").count()
    held[0].abort()
    page.wait_for_function("() => !document.querySelector('div.jcpoa-chart[aria-busy]')")
    assert page.locator("div.jcpoa-chart svg.marks").count() >= 1  # the drawing stays
    assert page.locator("div.jcpoa-chart[data-live]").count() == 0
