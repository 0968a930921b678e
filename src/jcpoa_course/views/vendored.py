"""Which front-end files draw charts live, and where a checkout keeps them.

Shared by the book (``book.delivery.vendor`` copies them, ``front_end`` serves them) and the
class report (``instructor.class_report.views`` inlines them), so both draw with the same vega.
"""

from __future__ import annotations

from pathlib import Path

# (npm package, file inside the package, name in the vendor folder), in the order pages load them.
VENDORED_SCRIPTS = (
    ("vega", "build/vega.min.js", "vega.min.js"),
    ("vega-lite", "build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed", "build/vega-embed.min.js", "vega-embed.min.js"),
)

# Relative to the project root; ``book/assets`` is the book's html_static_path, so these files
# are served from ``_static/vendor/``, where ``static/chart-loader.js`` fetches them by name.
VENDOR_DIR = Path("book/assets/vendor")
