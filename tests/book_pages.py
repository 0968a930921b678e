"""Walking the built book in a browser: every page's address, a page opened until its network is quiet,
charts gone live, a reader who saves data. Shared by the browser tests."""

from __future__ import annotations

from conftest import BookBuild
from playwright.sync_api import Page


def page_urls(built_book: BookBuild, book_url: str) -> list[tuple[str, str]]:
    """(relative path, URL) of every built page."""
    result = []
    for path in built_book.pages():
        relative = path.relative_to(built_book.html).as_posix()
        result.append((relative, f"{book_url}/{relative}"))
    return result


def pages_containing(built_book: BookBuild, marker: str) -> list[str]:
    """The built pages whose HTML holds ``marker`` (e.g. ``class="jcpoa-chart"``), as relative paths."""
    return [
        path.relative_to(built_book.html).as_posix()
        for path in built_book.pages()
        if marker in path.read_text(encoding="utf-8")
    ]


def open_page(page: Page, url: str) -> None:
    """Open ``url`` and wait until its network is quiet: the scripts deferred to idle time have arrived."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


# True once chart-loader.js has swapped every build-time drawing for vega's live chart.
LIVE_CHARTS = "() => [...document.querySelectorAll('div.jcpoa-chart')].every(c => c.dataset.live === 'yes')"


def save_data(page: Page) -> None:
    """Ask the page's browser to save data, so chart-loader.js waits for the reader and not for idle time."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
