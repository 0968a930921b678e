"""What a reader's browser loads, and how soon a chart shows and answers: figures for docs/benchmarks.md.

Serves ``_build/html`` on 127.0.0.1 and opens every page in a fresh chromium context (empty cache,
every non-local request blocked). For each page it prints what arrived before the page's load event
(every response, gzipped as a host sends text; fonts as they are), and for chart pages also the total
once the charts have gone live, the time from navigation to the first chart painted, and the time
from a first hover on a chart mark (before vega has loaded) to its tooltip. Targets (issue 13):
text pages <= 180 kB, chart pages <= 300 kB before any interaction, the explorer <= 600 kB with its
scripts; first chart painted <= 300 ms; tooltip <= 1 s after the first hover. It measures; it never
fails a build (tests/test_page_weight.py holds the weight budgets). Needs a built book (``make book``).

    .venv/bin/python benchmarks/page_load.py [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Page, Response, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the probes the page tests use
from page_probes import ARRIVAL, UNCOVERED_MARK, sent_size  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
TEXT_BUDGET, CHART_BUDGET, EXPLORER_BUDGET = 180_000, 300_000, 600_000
FIRST_CHART_TARGET_MS, TOOLTIP_TARGET_MS = 300, 1000
EXPLORER = "book/explore-sanctions-wall.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIVE = "() => [...document.querySelectorAll('div.jcpoa-chart')].every(c => c.dataset.live === 'yes')"
# Runs before the page's own scripts: note when the first chart's SVG is in the DOM, then the end of
# the next frame after it (it has been painted by then).
PAINT_PROBE = """
window.__firstChartPainted = null;
new MutationObserver((records, observer) => {
  if (document.querySelector('div.jcpoa-chart svg')) {
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__firstChartPainted = performance.now(); }, 0));
  }
}).observe(document, {childList: true, subtree: true});
"""




class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """No per-request log lines in the figures."""


def serve(directory: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server




def fresh_page(browser: Browser, save_data: bool = False) -> Page:
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    context.add_init_script(PAINT_PROBE)
    page = context.new_page()
    if save_data:  # chart-loader.js then waits for the reader instead of idle time
        context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    return page


def weigh(browser: Browser, url: str) -> dict[str, float | None]:
    """Bytes before the load event and after the charts went live; ms to the first chart painted,
    and to the page's first contentful paint (the chart cannot show before the page's first paint)."""
    page = fresh_page(browser)
    sizes: dict[str, int] = {}

    def record(response: Response) -> None:
        with contextlib.suppress(Exception):  # redirects and aborted requests have no body
            sizes[response.url] = sent_size(response.headers.get("content-type", ""), response.body())

    page.on("response", record)
    page.goto(url, wait_until="load")
    arrival = page.evaluate(ARRIVAL)
    has_chart = page.locator("div.jcpoa-chart").count() > 0
    painted = fcp = None
    if has_chart:
        page.wait_for_function("() => window.__firstChartPainted !== null")
        painted = page.evaluate("() => window.__firstChartPainted")
        fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
        page.wait_for_function(LIVE, timeout=30_000)
    page.wait_for_load_state("networkidle")
    figures = {"arrival": sum(sizes.get(u, 0) for u in arrival), "live": sum(sizes.values()) if has_chart else None,
               "painted_ms": painted, "fcp_ms": fcp}
    page.context.close()
    return figures


def first_hover_to_tooltip(browser: Browser, url: str) -> float:
    """ms from hovering a chart mark on a cold page (vega not loaded yet) to its tooltip showing."""
    page = fresh_page(browser, save_data=True)
    page.goto(url, wait_until="load")
    point = page.evaluate(UNCOVERED_MARK)
    start = page.evaluate("() => performance.now()")
    page.mouse.move(*point)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=30_000)
    shown = page.evaluate("() => performance.now()")
    page.context.close()
    return shown - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold visits per chart page for the timings")
    args = parser.parse_args(argv)
    if not (HTML / "index.html").is_file():
        print(f"error: no built book in {HTML}: run `make book` first", file=sys.stderr)
        return 1
    pages = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                   if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8"))
    server = serve(HTML)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        results = {relative: weigh(browser, f"{base}/{relative}") for relative in pages}
        charts = [relative for relative, figures in results.items() if figures["live"] is not None]
        again = {r: [weigh(browser, f"{base}/{r}") for _ in range(args.runs)] for r in charts}
        tooltips = {r: [first_hover_to_tooltip(browser, f"{base}/{r}") for _ in range(args.runs)]
                    for r in charts if r != EXPLORER}  # the explorer's wall has no tooltips on hover
        browser.close()
    server.shutdown()
    print(f"{len(pages)} pages, cold first visit, kB (1,000 bytes) as a host sends them:")
    print("  before load event   after charts live  page")
    for relative, figures in sorted(results.items(), key=lambda item: -item[1]["arrival"]):
        budget = CHART_BUDGET if figures["live"] is not None else TEXT_BUDGET
        live = f"{figures['live'] / 1000:6.0f} kB" if figures["live"] is not None else "         "
        status = "met" if figures["arrival"] <= budget else "OVER"
        print(f"  {figures['arrival'] / 1000:6.0f} kB {status:4}        {live}          {relative}")
    explorer = results.get(EXPLORER, {}).get("live")
    if explorer is not None:
        print(f"explorer with its scripts: {explorer / 1000:.0f} kB (budget {EXPLORER_BUDGET / 1000:.0f} kB)")
    print(f"first chart painted, ms from navigation (target <= {FIRST_CHART_TARGET_MS}), {args.runs + 1} cold visits:")
    for relative in charts:
        visits = [results[relative], *again[relative]]
        times, fcps = [v["painted_ms"] for v in visits], [v["fcp_ms"] or 0 for v in visits]
        print(f"  median {statistics.median(times):5.0f}  max {max(times):5.0f}  "
              f"(page's first contentful paint: median {statistics.median(fcps):5.0f})  {relative}")
    print(f"first hover to tooltip, ms (target <= {TOOLTIP_TARGET_MS}), vega not yet loaded, {args.runs} cold visits:")
    for relative, times in tooltips.items():
        print(f"  median {statistics.median(times):5.0f}  max {max(times):5.0f}  {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
