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

from playwright.sync_api import Browser, Response, sync_playwright

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


def measure(browser: Browser, url: str) -> tuple[int, int, int, float | None]:
    """(bytes loaded, their gzip size, number of responses, seconds to first chart or None), cold cache.

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
    page.goto(url, wait_until="load")
    first_chart = None
    if page.locator("div.jcpoa-chart").count():
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
        first_chart = page.evaluate("() => performance.now()") / 1000
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes), sum(compressed), len(sizes), first_chart


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
    for relative, (size, packed, count, _) in ranked[: args.top]:
        print(f"  {size / 1024:8.0f} KiB ({packed / 1024:5.0f} KiB gzipped) in {count:3d} responses  {relative}")
    charts = {relative: t for relative, (_, _, _, t) in results.items() if t is not None}
    print(f"time to first chart drawn (target <= {CHART_TARGET_S:.0f} s):")
    for relative, seconds in sorted(charts.items(), key=lambda item: -item[1]):
        status = "met" if seconds <= CHART_TARGET_S else "MISSED"
        print(f"  {seconds:6.3f} s  {status:6}  {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
