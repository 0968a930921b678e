"""What the page-weight test, the browser tests and `benchmarks/page_load.py` measure a page with.

One copy of each probe, so that a budget held by the tests and a figure printed by the benchmark are
measured the same way.
"""

from __future__ import annotations

import gzip

COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml")

# The resources the page asked for before its load event had run (chart-loader.js starts later).
ARRIVAL = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const end = navigation.loadEventEnd || performance.now();
  return [navigation.name, ...performance.getEntriesByType("resource")
    .filter(entry => entry.startTime <= end).map(entry => entry.name)];
}"""

# The centre of the first chart mark that no other mark covers (scrolled into view), to hover it.
UNCOVERED_MARK = """() => {
    for (const mark of document.querySelectorAll('div.jcpoa-chart g.role-mark[role=graphics-object] path')) {
        mark.scrollIntoView({block: 'center'});
        const box = mark.getBoundingClientRect();
        const x = box.x + box.width / 2, y = box.y + box.height / 2;
        if (document.elementFromPoint(x, y) === mark) return [x, y];
    }
    return null;
}"""


def sent_size(content_type: str, body: bytes) -> int:
    """Bytes a host sends for this body: gzip (level 6, nginx's and most hosts' default) for text;
    Python's test server sends it uncompressed."""
    if any(kind in content_type for kind in COMPRESSIBLE):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)

# The page's own paint entries (ms from navigation), null until the browser has painted.
PAINTS = """() => {
  const at = name => { const entry = performance.getEntriesByName(name)[0]; return entry ? entry.startTime : null; };
  return {first_paint: at("first-paint"), first_contentful_paint: at("first-contentful-paint")};
}"""

# The files the browser held the first paint for (Chrome's renderBlockingStatus, Chromium 107+), with
# the time each had arrived: a stylesheet in <head>, or a script there without defer or async.
RENDER_BLOCKING = """() => performance.getEntriesByType("resource")
  .filter(entry => entry.renderBlockingStatus === "blocking")
  .map(entry => ({name: entry.name, kind: entry.initiatorType, arrived: entry.responseEnd}))"""
