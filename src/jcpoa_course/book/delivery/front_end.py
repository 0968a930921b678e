"""The book's own CSS and JS, and the chart loader added only to pages that draw a chart.

A chart arrives drawn as SVG (see ``jcpoa_course.views.render``); vega, vega-lite and vega-embed
(about 0.8 MB, 270 kB gzipped) make it live, and ``chart-loader.js`` fetches them from
``_static/vendor/`` only when a reader reaches for a chart or the browser is idle. A page gets the
loader only when its HTML holds a chart marker. Adding it with ``app.add_js_file`` during
``html-page-context`` lets Sphinx write its path relative to the page, and the loader finds the
vendored scripts beside its own address, so both stay right at every folder depth.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from jcpoa_course.views.render import CHART_MARKER_CLASS

from ...views.vendored import VENDOR_DIR, VENDORED_SCRIPTS

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"  # overrides of the theme's templates
STYLESHEET = "jcpoa-book.css"
SELF_CHECK_SCRIPT = "self-check.js"
CHART_LOADER_SCRIPT = "chart-loader.js"


def add_static_files(app: Sphinx) -> None:
    """Ship the extension's stylesheet and self-check script with every page."""
    app.add_css_file(STYLESHEET)
    app.add_js_file(SELF_CHECK_SCRIPT, loading_method="defer")


def add_static_path(app: Sphinx, config: Any) -> None:
    """Serve ``static/`` beside the book's own assets (runs once the config is read)."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def add_templates_path(app: Sphinx, config: Any) -> None:
    """Put the extension's template overrides before the theme's (see ``templates/``)."""
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES_DIR))


def vendored_paths(app: Sphinx) -> list[Path]:
    """Where the vendored scripts must be in the source tree, relative to the book's root."""
    return [Path(app.srcdir) / VENDOR_DIR / name for _, _, name in VENDORED_SCRIPTS]


def add_chart_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give a page the chart loader if, and only if, its body has a chart marker."""
    if CHART_MARKER_CLASS not in context.get("body", ""):
        return
    missing = [str(path) for path in vendored_paths(app) if not path.is_file()]
    if missing:
        logger.warning("page '%s' draws a chart but %s is missing: run `make vendor`",
                       pagename, ", ".join(missing), location=pagename, type="jcpoa", subtype="vendor")
    app.add_js_file(CHART_LOADER_SCRIPT, loading_method="defer")


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Keep one copy of each inline script: Jupyter Book 1.0.4 emits sphinx-thebe's and
    sphinx-togglebutton's config twice, and the second ``const THEBE_JS_URL`` is a SyntaxError
    on every page."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in context.get("script_files", []):
        # The same inline script arrives once with filename None and once with "": treat them alike.
        filename = str(getattr(script, "filename", script) or "")
        key = (filename, str(getattr(script, "attributes", {}).get("body", "")))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    if "script_files" in context:
        context["script_files"][:] = unique


def set_default_mode(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the theme an explicit colour mode: with the empty default that Jupyter Book passes,
    pydata-sphinx-theme logs "Got invalid theme mode" as a console error on a reader's first visit."""
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
