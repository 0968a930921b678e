"""The ``{report-concordance}`` directive: the report's 31 pages, what each covers, and who cites it.

Each page gets a line in the course's own words (``data/report_pages.yaml``) and links back to every
citation of it in the book, grouped by chapter, so an instructor can find which chapter teaches p. 14
and a reader can see where else a page is used. The links can only be known once every chapter has
been read, so the directive leaves a placeholder that is filled when the page is written.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .course_data import book_catalog
from .page_roles import PAGE_ANCHOR, page_citations


class report_concordance(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder for the concordance list, filled at ``doctree-resolved``."""


class ReportConcordance(SphinxDirective):
    """``{report-concordance}``: no arguments, no content."""

    def run(self) -> list[Node]:
        return [report_concordance("")]


def citations_by_page(app: Sphinx) -> dict[int, list[tuple[str, list[str]]]]:
    """For each page, the citing documents in table-of-contents order with the anchors citing it."""
    found: dict[int, dict[str, list[str]]] = {}
    order = {name: i for i, name in enumerate(_toc_order(app))}
    for docname, entries in page_citations(app.env).items():
        for anchor, pages in entries:
            for page in pages:
                found.setdefault(page, {}).setdefault(docname, []).append(anchor)
    return {page: sorted(docs.items(), key=lambda item: order.get(item[0], len(order)))
            for page, docs in found.items()}


def _toc_order(app: Sphinx) -> list[str]:
    """Documents in reading order (the root, then the table of contents depth-first)."""
    env = app.env
    ordered: list[str] = []

    def walk(docname: str) -> None:
        if docname in ordered:
            return
        ordered.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(app.config.root_doc)
    return ordered


def _page_entry(app: Sphinx, fromdoc: str, page: int, covers: str, citing: list[tuple[str, list[str]]]) -> nodes.Node:
    item = nodes.list_item("", ids=[PAGE_ANCHOR.format(page=page)], classes=["concordance-page"])
    line = nodes.paragraph()
    line += nodes.strong(f"p.\u00a0{page}", f"p.\u00a0{page}")
    line += nodes.Text(f" {covers}")
    item += line
    cited = nodes.paragraph(classes=["concordance-cited"])
    if not citing:
        cited += nodes.Text("Not cited in the book.")
    else:
        cited += nodes.Text("Cited in: ")
        for position, (docname, anchors) in enumerate(citing):
            if position:
                cited += nodes.Text("; ")
            base = app.builder.get_relative_uri(fromdoc, docname)
            title = app.env.titles[docname].astext() if docname in app.env.titles else docname
            cited += nodes.reference(title, title, refuri=f"{base}#{anchors[0]}", internal=True,
                                     classes=["concordance-backlink"])
            for number, anchor in enumerate(anchors[1:], start=2):
                cited += nodes.Text(" ")
                cited += nodes.reference(str(number), f"[{number}]", refuri=f"{base}#{anchor}", internal=True,
                                         classes=["concordance-backlink"],
                                         reftitle=f"citation {number} of this page in {title}")
    item += cited
    return item


def fill_concordance(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with one entry per report page."""
    placeholders = list(doctree.findall(report_concordance))
    if not placeholders:
        return
    by_page = citations_by_page(app)
    listing = nodes.bullet_list(classes=["report-concordance"])
    for report_page in book_catalog(app).report_pages:
        listing += _page_entry(app, docname, report_page.page, report_page.covers, by_page.get(report_page.page, []))
    for placeholder in placeholders:
        placeholder.replace_self(listing.deepcopy())


def rewrite_concordance(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                        removed: set[str]) -> list[str]:
    """The concordance is written from every chapter's citations: when any chapter was read again, its
    citations (and their anchors) may have changed, so the concordance is written again too."""
    concordance = app.config.jcpoa_concordance_doc
    if (added | changed | removed) - {concordance} and concordance in env.found_docs:
        return [concordance]
    return []
