"""Every page arrives light: a budget on what a reader's browser fetches on a cold first visit.

Each page is opened in a fresh browser context (empty cache) with every non-local request blocked,
and every response is counted at the size a host sends it: gzipped when it is text (HTML, CSS,
JavaScript, JSON, SVG), as it is otherwise (fonts are compressed already). What a page needs to
arrive is what it requests before its ``load`` event; charts fetch vega only after that, when the
reader reaches for one or the browser is idle (``chart-loader.js``), and the explorer page is also
held to a budget once its scripts have loaded. Budgets are in kB of 1,000 bytes (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import BookBuild, offline_context
from page_probes import ARRIVAL, sent_size
from playwright.sync_api import Browser, Page, Response

pytestmark = [pytest.mark.build, pytest.mark.browser]

TEXT_PAGE_BUDGET = 180_000
CHART_PAGE_BUDGET = 300_000
EXPLORER_LIVE_BUDGET = 600_000
EXPLORER_PAGE = "book/explore-sanctions-wall.html"
VEGA_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")





@dataclass
class Visit:
    """What one cold visit fetched, by URL, at the size a host would send."""

    sizes: dict[str, int]
    arrival: list[str]

    def arrival_bytes(self) -> int:
        return sum(self.sizes.get(url, 0) for url in self.arrival)

    def all_bytes(self) -> int:
        return sum(self.sizes.values())

    def heaviest(self, urls: list[str] | None = None) -> list[str]:
        chosen = {url: self.sizes.get(url, 0) for url in (urls if urls is not None else self.sizes)}
        top = sorted(chosen.items(), key=lambda item: -item[1])[:5]
        return [f"{size / 1000:.0f} kB {url.split('/', 3)[-1]}" for url, size in top]


def cold_visit(browser: Browser, url: str, until_live: bool = False) -> Visit:
    """Open ``url`` with an empty cache; with ``until_live``, also wait until every chart is live."""
    context = offline_context(browser)
    sizes: dict[str, int] = {}

    def record(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 (a redirect or an aborted request has no body)
            return
        sizes[response.url] = sent_size(response.headers.get("content-type", ""), body)

    page: Page = context.new_page()
    page.on("response", record)
    try:
        page.goto(url, wait_until="load")
        arrival = page.evaluate(ARRIVAL)
        page.wait_for_load_state("networkidle")
        if until_live:
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.jcpoa-chart')].every(c => c.dataset.live === 'yes')",
                timeout=30_000,
            )
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return Visit(sizes, arrival)


def test_every_page_arrives_within_its_budget(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    over = {}
    weights = {}
    for path in built_book.pages():
        relative = path.relative_to(built_book.html).as_posix()
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in html:
            continue  # Jupyter Book's root index.html only forwards to the first chapter, measured itself
        has_chart = 'class="jcpoa-chart"' in html
        visit = cold_visit(browser, f"{book_url}/{relative}")
        arrived = visit.arrival_bytes()
        budget = CHART_PAGE_BUDGET if has_chart else TEXT_PAGE_BUDGET
        weights[relative] = arrived
        if arrived > budget:
            over[relative] = f"{arrived / 1000:.0f} kB > {budget / 1000:.0f} kB: " + ", ".join(
                visit.heaviest(visit.arrival))
        early_vega = [url for url in visit.arrival if url.split("?")[0].endswith(VEGA_SCRIPTS)]
        if early_vega:
            over[relative] = f"fetched vega before its load event: {early_vega}"
        if not has_chart and visit.all_bytes() > budget:
            over[relative] = f"{visit.all_bytes() / 1000:.0f} kB after load > {budget / 1000:.0f} kB"
    assert not over, over
    assert len(weights) >= 15, weights  # the walk saw the whole book


def test_explorer_page_with_its_scripts_loaded_stays_within_budget(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    visit = cold_visit(browser, f"{book_url}/{EXPLORER_PAGE}", until_live=True)
    loaded = [url.split("?")[0].rsplit("/", 1)[-1] for url in visit.sizes]
    assert all(name in loaded for name in VEGA_SCRIPTS), loaded  # the scripts did load
    assert visit.all_bytes() <= EXPLORER_LIVE_BUDGET, visit.heaviest()


def test_search_index_loads_only_on_the_search_page(built_book: BookBuild) -> None:
    holders = [p.relative_to(built_book.html).as_posix() for p in built_book.pages()
               if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert holders == ["search.html"]


def test_the_search_box_of_a_chapter_still_finds_pages(book_url: str, page: Page) -> None:
    """A chapter no longer carries the index: its search box sends the reader to search.html, which does."""
    page.goto(f"{book_url}/book/sequencing.html")
    page.wait_for_selector("html[data-theme-scripts=loaded]")  # the shortcut is the theme's, loaded after paint
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]")
    box.fill("snapback")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=snapback*")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 2


def test_the_search_page_fetches_its_index_only_to_search(book_url: str, page: Page) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{book_url}/search.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "searchindex.js" in url]
    page.locator(".bd-search-container input[name=q]").press_sequentially("sanctions")
    page.keyboard.press("Enter")
    page.locator("#search-results ul.search li a").first.wait_for(timeout=15_000)
    assert [url for url in fetched if "searchindex.js" in url]
