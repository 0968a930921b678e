"""What a reader's browser loads: the heaviest page in bytes and the time until its first chart is drawn.

Serves ``_build/html`` on 127.0.0.1, opens every page in a fresh chromium context (empty cache),
and sums the bytes of every response the page needed. For pages with charts it also measures
the time from navigation start to the first ``svg``/``canvas`` inside a chart marker.
Target: first chart drawn <= 1 s on localhost. Needs a built book (``make book``).

    .venv/bin/python benchmarks/page_load.py [--top 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Page, Response, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CHART_TARGET_S = 1.0
CHART_DRAWN = "div.jcpoa-chart svg, div.jcpoa-chart canvas"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """No per-request log lines in the figures."""


def serve(directory: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(browser: Browser, url: str) -> tuple[int, int, int, float | None, float | None]:
    """(bytes, gzip size, responses, seconds to first chart cold, the same with a warm cache) for one page.

    "Cold" is a reader's first page (empty cache); "warm" opens the page again in the same
    browser, as when a reader moves between chapters and the theme and vega are cached.

    Python's test server sends files uncompressed; the gzip figure estimates what a host that
    compresses (GitHub Pages, Netlify, nginx with gzip on) would send."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    sizes: list[int] = []
    compressed: list[int] = []

    def record(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 (redirects and aborted requests have no body)
            body = b""
        sizes.append(len(body))
        compressed.append(len(gzip.compress(body, compresslevel=6)) if body else 0)

    page.on("response", record)
    cold = time_to_first_chart(page, url)
    page.remove_listener("response", record)
    warm = time_to_first_chart(page, url) if cold is not None else None
    context.close()
    return sum(sizes), sum(compressed), len(sizes), cold, warm


def time_to_first_chart(page: Page, url: str) -> float | None:
    """Seconds from navigation start to the first drawn chart; None for a page without charts."""
    page.goto(url, wait_until="load")
    seconds = None
    if page.locator("div.jcpoa-chart").count():
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
        seconds = page.evaluate("() => performance.now()") / 1000
    page.wait_for_load_state("networkidle")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="how many of the heaviest pages to list")
    args = parser.parse_args(argv)
    if not (HTML / "index.html").is_file():
        print(f"error: no built book in {HTML}: run `make book` first", file=sys.stderr)
        return 1
    pages = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html") if "_static" not in p.parts)
    server = serve(HTML)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for relative in pages:
            results[relative] = measure(browser, f"{base}/{relative}")
        browser.close()
    server.shutdown()
    ranked = sorted(results.items(), key=lambda item: item[1][0], reverse=True)
    print(f"{len(pages)} pages; heaviest (bytes incl. every asset loaded, cold cache):")
    for relative, (size, packed, count, _, _) in ranked[: args.top]:
        print(f"  {size / 1024:8.0f} KiB ({packed / 1024:5.0f} KiB gzipped) in {count:3d} responses  {relative}")
    charts = {relative: (cold, warm) for relative, (_, _, _, cold, warm) in results.items() if cold is not None}
    print(f"time to first chart drawn (target <= {CHART_TARGET_S:.0f} s), cold cache / warm cache:")
    for relative, (cold, warm) in sorted(charts.items(), key=lambda item: -item[1][0]):
        status = "/".join("met" if t is not None and t <= CHART_TARGET_S else "MISSED" for t in (cold, warm))
        print(f"  {cold:6.3f} s / {warm:6.3f} s  {status:10}  {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
