"""What a reader's browser loads, and how soon a chart shows and answers: figures for docs/benchmarks.md.

Serves ``_build/html`` on 127.0.0.1 as a host does (text gzipped) and opens every page in a fresh
chromium context (empty cache, every non-local request refused by the browser, see ``OFFLINE_ARGS``).
For each page it prints what arrived before the page's load event (every response, at the size a host
sends it) and the total once the network is idle: on a text page, with the theme's scripts that load
after the first paint; on a chart page, once its charts have gone live. Then, over several cold visits
of each chart page (visits that record nothing but the page's own timings, so the probe does not slow
the page), it prints the median and 95th percentile of the page's first paint, its first contentful
paint and the first chart painted, and the files the browser held the first paint for (Chrome's
``renderBlockingStatus``); and the time from a first hover on a chart mark (before vega has loaded) to
its tooltip. Targets (issue 13): text pages <= 180 kB, chart pages <= 300 kB before any interaction, the
explorer <= 600 kB with its scripts; first chart painted <= 300 ms; tooltip <= 1 s after the first
hover. It measures; it never fails a build (tests/test_page_weight.py holds the weight budgets,
tests/test_first_paint_browser.py that no script in <head> holds the first paint). Needs a built book
(``make book``). With ``--line mobile`` every timed visit runs on an emulated phone on a slow line
(``MOBILE_LINE``: Lighthouse's mobile preset), to see what the readers the budgets are for wait.

    .venv/bin/python benchmarks/page_load.py [--runs 10] [--timings-only] [--line mobile] [--html DIR --html DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import os
import statistics
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

from playwright.sync_api import Browser, Page, Response, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the probes the page tests use
from page_probes import ARRIVAL, COMPRESSIBLE, PAINTS, RENDER_BLOCKING, UNCOVERED_MARK, sent_size  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
TEXT_BUDGET, CHART_BUDGET, EXPLORER_BUDGET = 180_000, 300_000, 600_000
FIRST_CHART_TARGET_MS, TOOLTIP_TARGET_MS = 300, 1000
EXPLORER = "book/explore-sanctions-wall.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Every non-local request is refused by the browser itself: no host name resolves but 127.0.0.1, and
# any other address goes to a proxy that is not there (loopback never uses a proxy). The tests guard
# with Playwright's page.route instead, which holds every request until the Python process answers:
# about 150 ms more before a chart page's first paint here, which a reader does not pay.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9"]
CHART_MARKER = 'class="jcpoa-chart"'
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


@functools.lru_cache(maxsize=512)
def gzipped(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


class _Host(SimpleHTTPRequestHandler):
    """Serves the book as a host does: text gzipped (level 6, as ``sent_size`` counts it) for a browser
    that accepts it, so an emulated slow line carries what a real one would."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = self.translate_path(self.path)
        kind = self.guess_type(path)
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path)
                or not any(text in kind for text in COMPRESSIBLE)):
            return super().send_head()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """No per-request log lines in the figures."""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A page closed while a file was on its way (the next visit starts): not a figure's concern."""


def serve(directory: Path) -> ThreadingHTTPServer:
    server = _Server(("127.0.0.1", 0), functools.partial(_Host, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# A phone on a slow line, as Lighthouse's mobile preset emulates it: 150 ms round trips, 1.6 Mbit/s
# down, 750 kbit/s up, and a CPU four times slower than this machine's.
MOBILE_LINE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
MOBILE_CPU_SLOWDOWN = 4
LINE: dict[str, bool] = {"mobile": False}  # set by --line mobile, for every visit of the run


def fresh_page(browser: Browser, save_data: bool = False) -> Page:
    context = browser.new_context()
    context.add_init_script(PAINT_PROBE)
    page = context.new_page()
    session = context.new_cdp_session(page)
    if save_data:  # chart-loader.js then waits for the reader instead of idle time
        session.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    if LINE["mobile"]:
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", MOBILE_LINE)
        session.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU_SLOWDOWN})
    return page


def weigh(browser: Browser, url: str) -> dict[str, Any]:
    """Bytes before the load event, and in all once the network is idle (a chart page's charts live)."""
    page = fresh_page(browser)
    sizes: dict[str, int] = {}

    def record(response: Response) -> None:
        with contextlib.suppress(Exception):  # redirects and aborted requests have no body
            sizes[response.url] = sent_size(response.headers.get("content-type", ""), response.body())

    page.on("response", record)
    page.goto(url, wait_until="load")
    arrival = page.evaluate(ARRIVAL)
    has_chart = page.locator("div.jcpoa-chart").count() > 0
    if has_chart:
        page.wait_for_function(LIVE, timeout=30_000)
    page.wait_for_load_state("networkidle")
    figures = {"arrival": sum(sizes.get(u, 0) for u in arrival), "total": sum(sizes.values()), "chart": has_chart}
    page.context.close()
    return figures


@dataclass
class PaintVisit:
    """One cold visit's paint times, ms from navigation, and what held its first paint."""

    first_paint: float
    first_contentful_paint: float
    first_chart_painted: float
    blocking: list[dict[str, Any]]  # {"name", "kind", "arrived"} per render-blocking file


def paint_visit(browser: Browser, url: str) -> PaintVisit:
    """Open a chart page cold and read when it painted; nothing is recorded while it loads."""
    page = fresh_page(browser)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.__firstChartPainted !== null"
                           " && performance.getEntriesByName('first-contentful-paint').length > 0")
    paints = page.evaluate(PAINTS)
    visit = PaintVisit(paints["first_paint"], paints["first_contentful_paint"],
                       page.evaluate("() => window.__firstChartPainted"), page.evaluate(RENDER_BLOCKING))
    page.context.close()
    return visit


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


def median_p95(times: list[float]) -> str:
    """``median   p95`` in ms; the 95th percentile interpolates between the slowest visits."""
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
    return f"{statistics.median(times):5.0f} {p95:5.0f}"


def print_weights(results: dict[str, dict[str, Any]]) -> None:
    """A text page's budget holds for all it loads; a chart page's for what arrives before vega."""
    print(f"{len(results)} pages, cold first visit, kB (1,000 bytes) as a host sends them:")
    print("  before load event   in all, no interaction   page")
    for relative, figures in sorted(results.items(), key=lambda item: -item[1]["arrival"]):
        budget = CHART_BUDGET if figures["chart"] else TEXT_BUDGET
        held = figures["arrival"] if figures["chart"] else figures["total"]  # total includes arrival
        status = "met" if held <= budget else "OVER"
        total = f"{figures['total'] / 1000:6.0f} kB" + (" (charts live)" if figures["chart"] else "")
        print(f"  {figures['arrival'] / 1000:6.0f} kB {status:4}        {total:24} {relative}")
    explorer = results.get(EXPLORER)
    if explorer is not None:
        print(f"explorer with its scripts: {explorer['total'] / 1000:.0f} kB (budget {EXPLORER_BUDGET / 1000:.0f} kB)")


def print_paints(visits: dict[str, list[PaintVisit]]) -> None:
    runs = len(next(iter(visits.values())))
    print(f"paint times, ms from navigation, {runs} cold visits per page: median p95 "
          f"(first chart painted: target <= {FIRST_CHART_TARGET_MS})")
    print("  first paint   first contentful   first chart painted   page")
    for page, page_visits in visits.items():
        print(f"  {median_p95([v.first_paint for v in page_visits])}   "
              f"{median_p95([v.first_contentful_paint for v in page_visits])}        "
              f"{median_p95([v.first_chart_painted for v in page_visits])}           {page}")
    print("render-blocking files (Chrome's renderBlockingStatus), and when the last had arrived (median ms):")
    for page, page_visits in visits.items():
        names = sorted({entry["name"].split("/_static/")[-1].split("?")[0]
                        for visit in page_visits for entry in visit.blocking})
        last = [max((entry["arrived"] for entry in visit.blocking), default=0.0) for visit in page_visits]
        print(f"  {len(names):2} files, last at {statistics.median(last):5.0f}  {page}: {', '.join(names) or '-'}")


def print_tooltips(tooltips: dict[str, list[float]]) -> None:
    if not tooltips:
        return
    runs = len(next(iter(tooltips.values())))
    print(f"first hover to tooltip, ms (target <= {TOOLTIP_TARGET_MS}), vega not yet loaded, "
          f"{runs} cold visits: median p95")
    for relative, times in tooltips.items():
        print(f"  {median_p95(times)}  {relative}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold visits per chart page for the timings")
    parser.add_argument("--timings-only", action="store_true", help="skip weighing every page")
    parser.add_argument("--line", choices=("localhost", "mobile"), default="localhost",
                        help="mobile: every visit on an emulated phone on a slow line (150 ms, 1.6 Mbit/s, CPU / 4)")
    parser.add_argument("--html", type=Path, action="append",
                        help=f"a built book's HTML folder (default {HTML}); give two to compare builds, "
                             "whose visits then take turns so both meet the same load")
    args = parser.parse_args(argv)
    folders = args.html or [HTML]
    LINE["mobile"] = args.line == "mobile"
    for folder in folders:
        if not (folder / "index.html").is_file():
            print(f"error: no built book in {folder}: run `make book` first", file=sys.stderr)
            return 1
    pages = sorted(p.relative_to(folders[0]).as_posix() for p in folders[0].rglob("*.html")
                   if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8"))
    charts = [relative for relative in pages if CHART_MARKER in (folders[0] / relative).read_text(encoding="utf-8")]
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; line: {args.line}", flush=True)
    servers = [serve(folder) for folder in folders]
    bases = {(f"{folder}: " if len(folders) > 1 else ""): f"http://127.0.0.1:{server.server_address[1]}"
             for folder, server in zip(folders, servers, strict=True)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS + OFFLINE_ARGS)
        first = next(iter(bases.values()))
        if not args.timings_only:
            print_weights({relative: weigh(browser, f"{first}/{relative}") for relative in pages})
        # Visits take turns over pages (and builds), so a burst of load on the shared machine spreads over all.
        visits: dict[str, list[PaintVisit]] = {label + r: [] for label in bases for r in charts}
        for _ in range(args.runs):
            for relative in charts:
                for label, base in bases.items():
                    visits[label + relative].append(paint_visit(browser, f"{base}/{relative}"))
        print_paints(visits)
        tooltips: dict[str, list[float]] = {label + r: [] for label in bases for r in charts if r != EXPLORER}
        for _ in range(max(3, args.runs // 2)):
            for relative in charts:
                if relative == EXPLORER:  # the explorer's wall has no tooltips on hover
                    continue
                for label, base in bases.items():
                    tooltips[label + relative].append(first_hover_to_tooltip(browser, f"{base}/{relative}"))
        print_tooltips(tooltips)
        browser.close()
    for server in servers:
        server.shutdown()
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
