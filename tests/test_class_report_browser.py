"""The class report in chromium: offline, every chart drawn (live and as the static drawing), axe clean.

The report of the planted class of 100 (``tests/synthetic_class.py``) is served on 127.0.0.1;
every non-local request is aborted and counted (conftest's ``page``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import ROOT, served_folder
from playwright.sync_api import Browser, Page
from synthetic_class import plant_class, planted_answers
from test_accessibility_browser import AXE_SCRIPT, axe_violations, describe

from jcpoa_course.data.assignment_items import items_of
from jcpoa_course.instructor.class_report.flags import flags
from jcpoa_course.instructor.class_report.item_analysis import analyse
from jcpoa_course.instructor.class_report.store import JudgedStore
from jcpoa_course.instructor.class_report.views import BookLinks, report_html
from jcpoa_course.views.vendored import VENDOR_DIR

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module", params=[100, 3], ids=["class-of-100", "class-of-3"])
def report_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The planted class's report, and a class of 3 (too small for discrimination: no such chart)."""
    folder = tmp_path_factory.mktemp("report")
    store = JudgedStore(folder / "judged")
    plant_class(store, size=request.param)
    figures = analyse(planted_answers(store, size=request.param))
    items = items_of("sanctions-wall")  # the planted cells share the course's grade ids: links are drawn
    book = BookLinks("book", {"sanctions-trap": "Setting a sanctions trap"})
    (folder / "index.html").write_text(report_html(figures, flags(figures), items, book, ROOT / VENDOR_DIR))
    with served_folder(folder) as url:
        yield f"{url}/index.html"


def chart_marks(page: Page) -> list[int]:
    """For each chart on the page, how many drawn marks (paths, rects, symbols) its SVG holds."""
    return page.eval_on_selector_all(
        "div.jcpoa-chart", "charts => charts.map(c => c.querySelectorAll('svg path, svg rect').length)")


def test_every_chart_goes_live_offline_and_axe_finds_nothing_serious(report_url: str, page: Page,
                                                                     network_log: object) -> None:
    page.goto(report_url)
    charts = page.locator("div.jcpoa-chart").count()
    assert charts >= 6
    page.wait_for_function(f"document.querySelectorAll('div.jcpoa-chart[data-live]').length === {charts}",
                           timeout=20_000)
    assert all(marks > 5 for marks in chart_marks(page)), chart_marks(page)
    assert not network_log.external and not network_log.failed and not network_log.console_errors
    found = axe_violations(page)
    assert not found, json.dumps(describe(found), indent=2)


def test_without_scripts_every_chart_is_drawn_and_accessible(report_url: str, browser: Browser) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make vendor`)")
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    try:
        page = context.new_page()
        page.goto(report_url)
        labels = page.eval_on_selector_all("div.jcpoa-chart > svg",
                                           "svgs => svgs.map(s => s.getAttribute('aria-label'))")
        assert len(labels) == page.locator("div.jcpoa-chart").count() and all(labels), labels
        assert all(marks > 5 for marks in chart_marks(page))
        assert "Questions to look at first" in page.inner_text("main")
    finally:
        context.close()
    # axe needs a script: run it on the same page with scripts on, before the live charts replace the drawings.
    static = browser.new_context()
    static.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    try:
        page = static.new_page()
        page.route("**/index.html", lambda route: route.fulfill(
            body=_without_scripts(route.fetch().text()), content_type="text/html"))
        page.goto(report_url)
        found = axe_violations(page)
        assert not found, json.dumps(describe(found), indent=2)
    finally:
        static.close()


def _without_scripts(html: str) -> str:
    head, _, _ = html.partition("<script>")
    return head + "</body></html>"
