"""How charts reach the static book: an SVG drawn at build time, made live by the book's own vega-embed.

Altair's default renderers either need a live Jupyter front end (the Vega-Lite mimetype) or fetch
vega from a CDN (the ``html`` renderer). The book is served offline and must show its charts at
first paint, in print and with scripts off, so a chart reaches a page as a ``div`` carrying
:data:`CHART_MARKER_CLASS` that holds the chart already drawn as SVG (by vl-convert, the converter
Altair itself uses; no browser needed) and its bound inputs as plain HTML, followed by its
Vega-Lite spec as JSON. The book extension adds ``chart-loader.js`` to the pages that have one;
that script fetches the locally vendored vega only when the reader reaches for a chart or the
browser is idle, and then swaps the drawing for the live chart (tooltips, bound inputs).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Altair takes seconds to import; the book extension only needs the marker class.
    import altair as alt

CHART_MARKER_CLASS = "jcpoa-chart"
SPEC_CLASS = "jcpoa-chart-spec"
RENDERER_NAME = "jcpoa-book"
# JupyterLab's vega extension names its mimetypes ``application/vnd.vegalite.vN+json``. Altair 6's
# own constant ends in ``.v6.json``, which nbformat's schema rejects for a JSON object (only
# ``+json`` types may hold one), so myst-nb's glue fails on it; the ``+json`` form is valid.
VEGALITE_MIME_TYPE = "application/vnd.vegalite.v6+json"
# A chart that fills its container (``width="container"``) is drawn this wide in the book, axis
# labels and legend included (``BOOK_AUTOSIZE``), so it fits the text column at its own size; it is
# drawn so at build time and live alike, and the CSS scales or scrolls both the same way on a
# narrower screen: the swap never moves the text below.
BOOK_CHART_WIDTH = 640
BOOK_AUTOSIZE = {"type": "fit-x", "contains": "padding"}


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


def book_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the book draws it: a container-wide chart is :data:`BOOK_CHART_WIDTH` wide in all.
    Only its width is fitted: its height stays the plot's own, so long row labels narrow the plot
    instead of flattening it."""
    if spec.get("width") == "container":
        return {**spec, "width": BOOK_CHART_WIDTH, "autosize": BOOK_AUTOSIZE}
    return spec


def vegalite_minor_version() -> str:
    """The Vega-Lite version Altair writes its specs for, as vl-convert names it (``6.4``)."""
    import altair as alt
    import vl_convert

    version = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    known = vl_convert.get_vegalite_versions()
    if version not in known:
        raise RuntimeError(
            f"vl-convert-python cannot draw Vega-Lite {version} (Altair {alt.__version__}); it knows "
            f"{', '.join(known)}: pin a vl-convert-python that matches Altair in pyproject.toml"
        )
    return version


def static_svg(spec: dict[str, Any]) -> str:
    """The chart drawn as SVG at build time, named by its description as vega names its live SVG."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=vegalite_minor_version())
    name = escape(str(spec.get("description") or _title_text(spec) or "Chart"))
    label = f' role="graphics-document" aria-roledescription="visualization" aria-label="{name}"'
    return re.sub(r"^<svg\b", lambda match: match.group(0) + label, svg, count=1)


def bound_inputs_html(spec: dict[str, Any]) -> str:
    """The chart's bound inputs as plain HTML, in the markup vega itself generates for them.

    Drawn before vega loads, they hold their place (nothing jumps when the live chart arrives),
    and touching one wakes the chart, which then takes over the values the reader chose. Only
    the kinds of input this book uses (menus, checkboxes) are drawn; vega adds any other later.
    """
    inputs = "".join(_bound_input(param) for param in spec.get("params", []) if isinstance(param.get("bind"), dict))
    return f'<div class="vega-bindings">{inputs}</div>' if inputs else ""


def _bound_input(param: dict[str, Any]) -> str:
    bind, name, value = param["bind"], escape(param["name"]), param.get("value")
    label = f'<span class="vega-bind-name">{escape(str(bind.get("name", param["name"])))}</span>'
    if bind.get("input") == "checkbox":
        checked = " checked" if value else ""
        return f'<div class="vega-bind"><label>{label}<input type="checkbox" name="{name}"{checked}></label></div>'
    if bind.get("input") == "select":
        labels = bind.get("labels") or []
        options = "".join(
            f'<option value="{escape(str(option))}"{" selected" if option == value else ""}>'
            f"{escape(str(labels[i] if i < len(labels) else option))}</option>"
            for i, option in enumerate(bind["options"])
        )
        return f'<div class="vega-bind"><label>{label}<select name="{name}">{options}</select></label></div>'
    return ""


def vega_html(chart_or_spec: alt.TopLevelMixin | dict[str, Any]) -> str:
    """A self-contained HTML snippet: the chart drawn as SVG, its inputs, then its spec for vega.

    It shows with no script at all; in the book the ``jcpoa_course.book`` extension adds the
    loader that makes it live wherever it finds :data:`CHART_MARKER_CLASS`.
    """
    spec = book_spec(chart_spec(chart_or_spec))
    element_id = stable_element_id(CHART_MARKER_CLASS, json.dumps(spec, sort_keys=True))
    drawn = static_svg(spec) + bound_inputs_html(spec)
    # tabindex: on a phone the chart keeps its drawn size and scrolls sideways (jcpoa-book.css); a
    # keyboard reader scrolls it once it has focus, which also wakes the live chart (chart-loader.js).
    div = f'<div class="{CHART_MARKER_CLASS}" id="{element_id}" tabindex="0">{drawn}</div>'
    data = (f'<script type="application/json" class="{SPEC_CLASS}" data-chart="{element_id}">'
            f"{_script_safe_json(spec)}</script>")
    return div + "\n" + data


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
