"""The ``{p}`` and ``{pp}`` roles: citations of the report's own pages.

Every claim about the report points at its pages, and the page-coverage test counts these
roles, so a page number outside the report (1-31) must stop the build rather than print.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from jcpoa_course.data.citation import ReportPageError, parse_page, parse_pages

__all__ = ["PageRangeRole", "PageRole", "ReportPageError", "parse_page", "parse_pages"]

logger = logging.getLogger(__name__)


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
