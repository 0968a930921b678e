"""Each chart's Vega-Lite spec moved out of its page into a JSON file that the live chart fetches.

A chart reaches a page drawn (its SVG and its inputs) and followed by its spec, which only vega
reads, when ``chart-loader.js`` makes the chart live after the page has loaded. Inline, the specs
are a third of the explorer's HTML (44 kB of 139 kB) that the browser must receive and parse before
its first paint, and they are needed only later. So, as each page is written, every spec leaves the
page for ``_static/chart-specs/<chart id>.json``, and the loader fetches it beside vega when it
wakes the charts. A page rendered without the extension (a notebook in JupyterLab) keeps its spec
inline, and the loader still reads an inline one first.

Chart ids come from the spec's content and its order on the page (``views.render``), so a spec
file keeps its name from build to build while its chart is unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from jcpoa_course.views.render import SPEC_CLASS

SPEC_FOLDER = Path("_static") / "chart-specs"
_INLINE_SPEC = re.compile(
    rf'<script type="application/json" class="{SPEC_CLASS}" data-chart="([A-Za-z0-9_-]+)">(.*?)</script>\n?',
    re.DOTALL,
)


def spec_file(outdir: Path, chart_id: str) -> Path:
    """Where the spec of chart ``chart_id`` is written in a built book."""
    return outdir / SPEC_FOLDER / f"{chart_id}.json"


def move_specs_out(body: str, outdir: Path) -> str:
    """``body`` without its inline chart specs, each written to its own file under ``outdir``.

    The inline text is JSON with ``</`` written ``<\\/`` (so it could not close its script
    element), which is still the same JSON: it is written as it is."""
    def write(match: re.Match[str]) -> str:
        target = spec_file(outdir, match.group(1))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match.group(2), encoding="utf-8")
        return ""

    return _INLINE_SPEC.sub(write, body)


def move_chart_specs(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Take every chart spec out of the page's body into ``_static/chart-specs/`` (HTML builds)."""
    if app.builder.format != "html" or SPEC_CLASS not in context.get("body", ""):
        return
    context["body"] = move_specs_out(context["body"], Path(app.outdir))
