"""The book's own CSS and JS, and the vega scripts added only to pages that draw a chart.

vega, vega-lite and vega-embed weigh about 1.1 MB together, so a page gets them only when its
HTML holds a chart marker (see ``jcpoa_course.views.render``). Adding them with
``app.add_js_file`` during ``html-page-context`` lets Sphinx write each path relative to the
page, which keeps them right at every folder depth.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from jcpoa_course.views.render import CHART_MARKER_CLASS

from .vendored import STATIC_SUBDIR, VENDOR_DIR, VENDORED_SCRIPTS

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "jcpoa-book.css"
SELF_CHECK_SCRIPT = "self-check.js"


def add_static_files(app: Sphinx) -> None:
    """Ship the extension's stylesheet and self-check script with every page."""
    app.add_css_file(STYLESHEET)
    app.add_js_file(SELF_CHECK_SCRIPT, loading_method="defer")


def add_static_path(app: Sphinx, config: Any) -> None:
    """Serve ``static/`` beside the book's own assets (runs once the config is read)."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def vendored_paths(app: Sphinx) -> list[Path]:
    """Where the vendored scripts must be in the source tree, relative to the book's root."""
    return [Path(app.srcdir) / VENDOR_DIR / name for _, _, name in VENDORED_SCRIPTS]


def add_chart_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give a page vega, vega-lite and vega-embed if, and only if, its body has a chart marker."""
    if CHART_MARKER_CLASS not in context.get("body", ""):
        return
    missing = [str(path) for path in vendored_paths(app) if not path.is_file()]
    if missing:
        logger.warning("page '%s' draws a chart but %s is missing: run `make vendor`",
                       pagename, ", ".join(missing), type="jcpoa", subtype="vendor")
    for _, _, name in VENDORED_SCRIPTS:
        app.add_js_file(f"{STATIC_SUBDIR}/{name}", loading_method="defer")
