"""The ``{p}`` and ``{pp}`` roles: citations of the report's own pages, a reader can follow.

``{p}`19``` renders as a parenthetical "(p. 19)" wherever it stands, and the page number links to
that page's line in the report concordance (``report_concordance``), which in turn links back to
every citation of the page. Each citation therefore gets an anchor of its own, and the roles
record (document, anchor, pages) in the build environment for the concordance to list.

A page number outside the report (1-31) must stop the build rather than print, since the
page-coverage test and the concordance count these roles.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from jcpoa_course.data.citation import PAGE_ANCHOR, ReportPageError, parse_page, parse_pages

__all__ = ["PageRangeRole", "PageRole", "ReportPageError", "parse_page", "parse_pages"]

logger = logging.getLogger(__name__)

CITATIONS_ATTR = "jcpoa_page_citations"


class page_citation(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A report-page citation, turned into "(p. N)" linking to the concordance once pages are written."""



def page_citations(env: BuildEnvironment) -> dict[str, list[tuple[str, tuple[int, ...]]]]:
    """For each document, its page citations in reading order: (anchor id, pages cited)."""
    if not hasattr(env, CITATIONS_ATTR):
        setattr(env, CITATIONS_ATTR, {})
    return getattr(env, CITATIONS_ATTR)


class PageRole(SphinxRole):
    """``{p}`14``` renders "(p. 14)"; a bad page is a warning that names the page and the document."""

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
        anchor = f"cite-p{pages[0]}-{self.env.new_serialno('jcpoa-page-cite')}"
        label = f"{self.prefix}\u00a0{', '.join(str(p) for p in pages) if ',' in self.text else self.text.strip()}"
        node = page_citation(self.rawtext, label, pages=pages, anchor=anchor)
        page_citations(self.env).setdefault(self.env.docname, []).append((anchor, pages))
        return [node], []


class PageRangeRole(PageRole):
    """``{pp}`15-17``` renders "(pp. 15-17)"."""

    prefix = "pp."

    def pages(self) -> tuple[int, ...]:
        return parse_pages(self.text)


def resolve_page_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write each citation as "(p. N)" with the page label linking to its concordance line."""
    concordance = app.config.jcpoa_concordance_doc
    has_page = concordance in app.env.all_docs
    for node in list(doctree.findall(page_citation)):
        label = node.astext()
        classes = ["report-page", *(f"cites-p{page}" for page in node["pages"])]
        cite = nodes.inline("", "", classes=classes, ids=[node["anchor"]])
        cite += nodes.Text("(")
        if has_page:
            uri = app.builder.get_relative_uri(docname, concordance) + "#" + PAGE_ANCHOR.format(page=node["pages"][0])
            cite += nodes.reference(label, label, refuri=uri, internal=True, classes=["report-page-link"],
                                    reftitle="What this page of the report covers, and where else the book cites it")
        else:
            cite += nodes.Text(label)
        cite += nodes.Text(")")
        node.replace_self(cite)


def purge_page_citations(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget a document's citations before it is read again."""
    page_citations(env).pop(docname, None)


def merge_page_citations(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Collect the citations read by parallel workers."""
    mine = page_citations(env)
    for docname, entries in page_citations(other).items():
        if docname in docnames:
            mine[docname] = entries
