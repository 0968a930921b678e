"""The ``{p}`` and ``{pp}`` roles: citations of the report's own pages.

Every claim about the report points at its pages, and the page-coverage test counts these
roles, so a page number outside the report (1-31) must stop the build rather than print.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from jcpoa_course.data.citation import REPORT_PAGES

logger = logging.getLogger(__name__)

_SINGLE = re.compile(r"^\s*(\d+)\s*$")
_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2013]\s*(\d+)\s*$")


class ReportPageError(ValueError):
    """A page citation that does not name pages of the report."""


def parse_page(text: str) -> int:
    """One report page, as written in ``{p}`14```."""
    match = _SINGLE.match(text)
    if not match:
        raise ReportPageError(f"'{text}' is not a page number (write {{p}}`14`, or {{pp}}`15-17` for a range)")
    return _checked(int(match.group(1)))


def parse_pages(text: str) -> tuple[int, ...]:
    """Report pages as written in ``{pp}``: a range ``15-17`` or a list ``3, 7``."""
    match = _RANGE.match(text)
    if match:
        first, last = _checked(int(match.group(1))), _checked(int(match.group(2)))
        if first >= last:
            raise ReportPageError(f"page range '{text}' must go from a lower to a higher page")
        return tuple(range(first, last + 1))
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2 or not all(part.isdigit() for part in parts):
        raise ReportPageError(f"'{text}' is not a page range (write {{pp}}`15-17` or {{pp}}`3, 7`)")
    return tuple(_checked(int(part)) for part in parts)


def _checked(page: int) -> int:
    if not 1 <= page <= REPORT_PAGES:
        raise ReportPageError(f"page {page} is outside the report (pages 1-{REPORT_PAGES})")
    return page


class PageRole(SphinxRole):
    """``{p}`14``` renders "p. 14"; a bad page is a warning that names the page and the document."""

    prefix = "p."

    def pages(self) -> tuple[int, ...]:
        return (parse_page(self.text),)

    def run(self) -> tuple[list[Node], list[system_message]]:
        try:
            pages = self.pages()
        except ReportPageError as err:
            logger.warning("report page citation {%s}`%s`: %s", self.name, self.text, err,
                           location=self.get_location(), type="jcpoa", subtype="page")
            return [nodes.inline(self.rawtext, self.text, classes=["report-page", "report-page-invalid"])], []
        node = nodes.inline(self.rawtext, f"{self.prefix}\u00a0{self.text.strip()}", classes=["report-page"])
        node["data-pages"] = ",".join(str(page) for page in pages)
        return [node], []


class PageRangeRole(PageRole):
    """``{pp}`15-17``` renders "pp. 15-17"."""

    prefix = "pp."

    def pages(self) -> tuple[int, ...]:
        return parse_pages(self.text)
