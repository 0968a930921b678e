"""The course catalog as the book extension sees it: loaded once per build, with a clear failure.

The glossary, the references page and the ``{source}`` role all read ``load_catalog()``, so the
book shows exactly the data the charts and assignments use. Broken data stops the build with
the loader's own message (file, item, field) instead of a traceback deep inside a directive.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from jcpoa_course.data import Catalog, CourseDataError, load_catalog


def book_catalog(app: Sphinx) -> Catalog:
    """The catalog for this build; raises an ExtensionError naming the data problem."""
    catalog = getattr(app, "_jcpoa_catalog", None)
    if catalog is None:
        try:
            catalog = load_catalog()
        except CourseDataError as err:
            raise ExtensionError(f"jcpoa_course.book: the course data does not load: {err}") from err
        app._jcpoa_catalog = catalog  # type: ignore[attr-defined]
    return catalog


def load_on_init(app: Sphinx) -> None:
    """Load the catalog when the builder starts, so broken data fails before any page is read."""
    book_catalog(app)
