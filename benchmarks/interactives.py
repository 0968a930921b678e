"""How fast the interactives answer a change: live (Python callback in a kernel) and static (browser).

Targets (issue 3): a live view updated within 50 ms of a change, a static one within 100 ms.

- live: a real ipykernel runs the widgets; inside it we time, per change, the widget callback
  from setting a control's value (or clicking a button) to the redrawn summary and chart.
- static: the explorer and the path HTML the book embeds, served on 127.0.0.1 with the book's
  vendored vega scripts (fetched by the book's chart loader), in Debian's chromium (non-local requests
  aborted); once the chart is live we time, in the page,
  from a checkbox click to the redrawn wall (bricks in the SVG changed), and from a choice click
  to the next node shown.

Prints figures; never fails. Run: ``.venv/bin/python benchmarks/interactives.py``.
"""

from __future__ import annotations

import functools
import json
import shutil
import statistics
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "book" / "assets" / "vendor"
SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
CHART_LOADER = ROOT / "src" / "jcpoa_course" / "book" / "static" / "chart-loader.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LIVE_TARGET_MS, STATIC_TARGET_MS = 50, 100

KERNEL_CODE = r"""
import json, statistics, time
from jcpoa_course import SanctionsExplorer, SequencingPath
explorer = SanctionsExplorer("central-bank")
toggle = explorer.toggles["delist-since-2018"]
wall = []
for _ in range(40):
    start = time.perf_counter(); toggle.value = not toggle.value; wall.append((time.perf_counter() - start) * 1000)
menu = []
for entity in [e.id for e in explorer._catalog.sanctions.entities] * 2:
    start = time.perf_counter(); explorer.entity_menu.value = entity; menu.append((time.perf_counter() - start) * 1000)
path = SequencingPath()
clicks = []
for _ in range(20):
    start = time.perf_counter(); path.choice_buttons[0].click(); clicks.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter(); path.back_button.click(); clicks.append((time.perf_counter() - start) * 1000)
print(json.dumps({"toggle": wall, "entity menu": menu, "path click": clicks}))
"""


def figures(name: str, samples: list[float], target: float) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    verdict = "meets" if p95 <= target else "MISSES"
    return (f"  {name:28} n={len(samples):3}  median {statistics.median(samples):6.1f} ms  "
            f"p95 {p95:6.1f} ms  max {max(samples):6.1f} ms  ({verdict} the {target} ms target at p95)")


def live() -> None:
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        lines: list[str] = []
        kc.execute_interactive(KERNEL_CODE, timeout=300,
                               output_hook=lambda m: lines.append(m["content"].get("text", "")))
        result = json.loads("".join(lines).strip().splitlines()[-1])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("live (ipykernel, from a control's change to the redrawn widget):")
    for name, samples in result.items():
        print(figures(name, samples, LIVE_TARGET_MS))


STATIC_JS = """async ([kind, rounds]) => {
  const times = [];
  const settle = () => new Promise(r => requestAnimationFrame(() => r()));
  if (kind === 'wall') {
    const box = [...document.querySelectorAll('.vega-bindings input[type=checkbox]')][3];
    const bricks = () => document.querySelectorAll('g.bricks_marks path').length;
    for (let i = 0; i < rounds; i++) {
      const before = bricks();
      const start = performance.now();
      box.click();
      while (bricks() === before) { await new Promise(r => setTimeout(r, 0)); }
      times.push(performance.now() - start);
      await settle();
    }
  } else {
    const root = document.querySelector('.jcpoa-path');
    for (let i = 0; i < rounds; i++) {
      const start = performance.now();
      root.querySelector('.jcpoa-path-node:not([hidden]) a[data-to]').click();
      await settle();
      times.push(performance.now() - start);
      root.querySelector('button[data-action=back]').click();
      await settle();
    }
  }
  return times;
}"""


def static() -> None:
    from playwright.sync_api import sync_playwright

    from jcpoa_course.views.static_explorer import static_wall_explorer_html
    from jcpoa_course.views.static_path import static_path_html

    with tempfile.TemporaryDirectory(prefix="jcpoa-bench-") as folder:
        site = Path(folder)
        (site / "vendor").mkdir()
        for name in SCRIPTS:
            shutil.copy(VENDOR / name, site / "vendor" / name)
        shutil.copy(CHART_LOADER, site / CHART_LOADER.name)  # fetches vendor/*.js, as in the book
        head = f'<script defer src="{CHART_LOADER.name}"></script>'
        body = static_wall_explorer_html(entity="central-bank") + static_path_html()
        (site / "index.html").write_text(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
                page.wait_for_selector(".jcpoa-chart[data-live=yes] g.bricks_marks")
                wall = page.evaluate(STATIC_JS, ["wall", 40])
                path = page.evaluate(STATIC_JS, ["path", 40])
                browser.close()
        finally:
            server.shutdown()
    print("static (chromium, from a click to the redrawn view):")
    print(figures("wall checkbox -> bricks", wall, STATIC_TARGET_MS))
    print(figures("path choice -> next node", path, STATIC_TARGET_MS))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """No line per request."""


if __name__ == "__main__":
    live()
    static()
