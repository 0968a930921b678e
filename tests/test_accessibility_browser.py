"""axe-core on every page: live charts, build-time drawings, and dark mode's colours.

Only serious and critical violations fail a test; axe comes from the npm lock (node_modules).
"""

from __future__ import annotations

import json

import pytest
from book_pages import LIVE_CHARTS, open_page, page_urls, pages_containing, save_data
from conftest import ROOT, BookBuild, offline_context
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.build, pytest.mark.browser]


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page: Page, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical axe-core violations on the open page (all rules, or only ``rules``)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return lines


def test_no_serious_accessibility_violations(built_book: BookBuild, book_url: str, page: Page) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make vendor`)")
    report = {}
    for relative, url in page_urls(built_book, book_url):
        open_page(page, url)
        page.wait_for_function(LIVE_CHARTS, timeout=15_000)  # axe reads the live charts, as a reader meets them
        page.wait_for_timeout(200)
        found = axe_violations(page)
        if found:
            report[relative] = describe(found)
    assert not report, json.dumps(report, indent=2)


def test_charts_drawn_at_build_time_are_accessible_before_vega_loads(
    built_book: BookBuild, book_url: str, page: Page
) -> None:
    """A reader saving data keeps the build-time drawings until they reach for a chart: axe reads those,
    on a laptop and on a phone (where the charts scroll sideways)."""
    save_data(page)
    report = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
            open_page(page, f"{book_url}/{relative}")
            assert page.locator("div.jcpoa-chart[data-live]").count() == 0
            found = axe_violations(page)
            if found:
                report[f"{width}px {relative}"] = describe(found)
    assert not report, json.dumps(report, indent=2)


def test_text_contrast_holds_in_dark_mode(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """The theme follows the reader's dark mode; the book's own colours must stay readable there."""
    context = offline_context(browser, color_scheme="dark")
    report = {}
    try:
        page = context.new_page()
        for relative, url in page_urls(built_book, book_url):
            open_page(page, url)
            assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
            found = axe_violations(page, rules=["color-contrast"])
            if found:
                report[relative] = describe(found)
    finally:
        context.close()
    assert not report, json.dumps(report, indent=2)
