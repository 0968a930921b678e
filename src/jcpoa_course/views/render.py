"""How charts reach the static book: HTML that draws a Vega-Lite spec with the book's own vega-embed.

Altair's default renderers either need a live Jupyter front end (the Vega-Lite mimetype) or fetch
vega from a CDN (the ``html`` renderer). The book is served offline, so its charts are a ``div``
carrying :data:`CHART_MARKER_CLASS` plus an inline script that calls ``window.vegaEmbed``. The
book's Sphinx extension looks for that marker and adds the locally vendored vega scripts to the
pages that have one, and only to those.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Altair takes seconds to import; the book extension only needs the marker class.
    import altair as alt

CHART_MARKER_CLASS = "jcpoa-chart"
RENDERER_NAME = "jcpoa-book"
# JupyterLab's vega extension names its mimetypes ``application/vnd.vegalite.vN+json``. Altair 6's
# own constant ends in ``.v6.json``, which nbformat's schema rejects for a JSON object (only
# ``+json`` types may hold one), so myst-nb's glue fails on it; the ``+json`` form is valid.
VEGALITE_MIME_TYPE = "application/vnd.vegalite.v6+json"

# vega-embed options: no export menu (it needs a network for the editor link and adds
# unlabelled controls), SVG so the chart's marks are in the page's accessibility tree.
_EMBED_OPTIONS = {"actions": False, "renderer": "svg"}

_SCRIPT = """<script type="text/javascript">
(function () {{
  var target = document.getElementById("{element_id}");
  var spec = {spec};
  function draw() {{
    if (!window.vegaEmbed) {{
      target.textContent = "This chart needs vega-embed, which did not load.";
      return;
    }}
    window.vegaEmbed(target, spec, {options}).catch(function (error) {{
      target.textContent = "The chart could not be drawn: " + error;
    }});
  }}
  if (window.vegaEmbed || document.readyState !== "loading") {{ draw(); }}
  else {{ document.addEventListener("DOMContentLoaded", draw); }}
}})();
</script>"""


def chart_spec(chart_or_spec: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """The Vega-Lite spec as a dict, from an Altair chart or a spec that is already a dict."""
    import altair as alt

    if isinstance(chart_or_spec, dict):
        return chart_or_spec
    if isinstance(chart_or_spec, alt.TopLevelMixin):
        return chart_or_spec.to_dict()
    raise TypeError(
        f"vega_html() needs an Altair chart or a Vega-Lite spec dict, got {type(chart_or_spec).__name__}"
    )


_ELEMENT_COUNT = itertools.count()


def stable_element_id(prefix: str, content: str) -> str:
    """An HTML id from the content and the order of drawing, not from chance: a rebuilt book
    whose charts did not change has byte-identical pages (a random id changed every build).
    The counter keeps two identical charts on one page apart."""
    digest = hashlib.sha256(f"{next(_ELEMENT_COUNT)}:{content}".encode()).hexdigest()
    return f"{prefix}-{digest[:12]}"


def _script_safe_json(value: Any) -> str:
    """JSON that cannot close the surrounding ``<script>`` element early."""
    return json.dumps(value).replace("</", "<\\/").replace("<!--", "<\\!--")


def vega_html(chart_or_spec: alt.TopLevelMixin | dict[str, Any]) -> str:
    """A self-contained HTML snippet drawing the chart with the page's ``window.vegaEmbed``.

    The snippet needs vega, vega-lite and vega-embed loaded on the page; in the book the
    ``jcpoa_course.book`` extension adds them wherever it finds :data:`CHART_MARKER_CLASS`.
    """
    spec = chart_spec(chart_or_spec)
    element_id = stable_element_id(CHART_MARKER_CLASS, json.dumps(spec, sort_keys=True))
    div = f'<div class="{CHART_MARKER_CLASS}" id="{element_id}"></div>'
    script = _SCRIPT.format(
        element_id=element_id, spec=_script_safe_json(spec), options=json.dumps(_EMBED_OPTIONS)
    )
    return div + "\n" + script


def _title_text(spec: dict[str, Any]) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(part) for part in title)
    return str(title)


def book_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Altair renderer: HTML for the static book, and the Vega-Lite mimetype for live front ends."""
    return {
        "text/html": vega_html(spec),
        VEGALITE_MIME_TYPE: spec,
        "text/plain": f"<Chart: {_title_text(spec) or 'untitled'}>",
    }


def use_book_renderer() -> None:
    """Register and enable :func:`book_renderer`; call it once in a page's setup cell."""
    import altair as alt

    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, book_renderer)
    alt.renderers.enable(RENDERER_NAME)
