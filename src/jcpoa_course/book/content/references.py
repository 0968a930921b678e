"""The ``{course-references}`` directive: the references page, generated from ``sources.yaml``.

One list per kind of document (the report's own footnotes, primary documents, news of record,
analysis), each entry naming the original (issuer, title, official number, date) before the link,
so a reader can find the document even if the link dies, and saying when the link is only a copy.
Each entry carries the anchor that ``{source}`` links to. Writing the page by hand would let it
drift from the data the charts and assignments cite.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from jcpoa_course.data import KIND_LABELS, SourceDocument, page_label

from .course_data import book_catalog
from .source_links import source_anchor

KINDS = tuple(KIND_LABELS)

logger = logging.getLogger(__name__)


def _identity(document: SourceDocument) -> str:
    """``Issuer (author). `` then the title follows in italics."""
    return f"{document.issuer} ({document.author}). " if document.author else f"{document.issuer}. "


def reference_entry(document: SourceDocument) -> nodes.list_item:
    """One document: issuer, title, number and date, the link (marked when a copy), notes, report pages."""
    paragraph = nodes.paragraph()
    paragraph += nodes.Text(_identity(document))
    paragraph += nodes.emphasis(document.title, document.title)
    details = [part for part in (document.number, document.date) if part]
    paragraph += nodes.Text(". " + ", ".join(details) + ". ")
    if document.url is not None:
        url = str(document.url)
        label = "Copy: " if document.link_is_copy else ""
        if label:
            paragraph += nodes.strong(label, label, classes=["source-copy"])
        paragraph += nodes.reference(url, url, refuri=url, classes=["external-source"])
    else:
        paragraph += nodes.Text(f"No link: {document.unlinked}")
    if document.note:
        paragraph += nodes.Text(f" Note: {document.note}")
    if document.cited_on_pages:
        paragraph += nodes.Text(f" Cited in the report on {page_label(document.cited_on_pages)}.")
    return nodes.list_item("", paragraph, ids=[source_anchor(document.id)])


class CourseReferences(SphinxDirective):
    """``{course-references}`` lists every document by kind; an argument limits it to one kind."""

    optional_arguments = 1
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[Node]:
        kind_given = self.arguments[0].strip() if self.arguments else None
        if kind_given is not None and kind_given not in KINDS:
            logger.warning("{course-references}: unknown kind '%s'; expected one of %s",
                           kind_given, ", ".join(KINDS), location=self.get_location())
            return []
        kinds = (kind_given,) if kind_given else KINDS
        sources = book_catalog(self.env.app).sources
        result: list[Node] = []
        for kind in kinds:
            if kind_given is None:
                result.append(nodes.rubric(KIND_LABELS[kind], KIND_LABELS[kind]))
            listing = nodes.bullet_list(classes=["course-references", kind])
            listing += [reference_entry(doc) for doc in sources if doc.kind == kind]
            result.append(listing)
        return result
