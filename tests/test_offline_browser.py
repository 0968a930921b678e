"""The built book in a real browser, offline: every page loads with nothing from outside the book.

Every page is opened in Debian's chromium with all non-local requests blocked (and counted), so
a CDN dependency anywhere fails here rather than for a reader without a network. The guard itself
is tested too: a hollow guard would make every "zero external requests" pass.
"""

from __future__ import annotations

import json

import pytest
from book_pages import open_page, page_urls
from conftest import BookBuild, NetworkLog
from playwright.sync_api import Page

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_every_page_loads_with_no_external_or_failed_request(
    built_book: BookBuild, book_url: str, page: Page, network_log: NetworkLog
) -> None:
    problems = {}
    for relative, url in page_urls(built_book, book_url):
        network_log.clear()
        open_page(page, url)
        if network_log.external or network_log.failed or network_log.console_errors:
            problems[relative] = {
                "external": list(network_log.external),
                "failed": list(network_log.failed),
                "console errors": list(network_log.console_errors),
            }
    assert not problems, json.dumps(problems, indent=2)


def test_network_guard_counts_blocked_requests(book_url: str, page: Page, network_log: NetworkLog) -> None:
    """The guard itself must see an external request, or every 'zero external requests' above is hollow."""
    open_page(page, f"{book_url}/index.html")
    page.evaluate("() => fetch('https://cdn.jsdelivr.net/npm/vega@6').catch(() => null)")
    page.wait_for_timeout(300)
    assert network_log.external == ["https://cdn.jsdelivr.net/npm/vega@6"]


def test_network_guard_counts_missing_files_but_not_loads_cut_short_by_leaving(
    book_url: str, page: Page, network_log: NetworkLog
) -> None:
    """A 404 is a broken book; a script still arriving when the reader moves on is not."""
    open_page(page, f"{book_url}/index.html")
    page.evaluate("() => fetch('/_static/no-such-file.js').catch(() => null)")
    page.wait_for_timeout(300)
    assert network_log.failed == [f"{book_url}/_static/no-such-file.js: HTTP 404"]

    network_log.clear()
    held = []
    page.route("**/_static/held-script.js", lambda route: held.append(route))  # never answered
    page.evaluate("() => { const s = document.createElement('script'); s.src = '/_static/held-script.js';"
                  " document.head.append(s); }")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    with page.expect_event("requestfailed") as cut_short:
        open_page(page, f"{book_url}/book/intro.html")
    assert cut_short.value.failure == "net::ERR_ABORTED"
    assert network_log.failed == []
