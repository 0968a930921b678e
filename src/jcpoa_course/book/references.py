"""The ``{course-references}`` directive: the references page, generated from ``sources.yaml``.

One list per kind of document, the report's own footnotes first and the later public records
after, each entry carrying the anchor that ``{source}`` links to. Writing the page by hand would
let it drift from the data the charts and assignments cite.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from jcpoa_course.data import SourceDocument, page_label

from .course_data import book_catalog
from .source_links import source_anchor

KINDS = ("report-footnote", "public-record")

logger = logging.getLogger(__name__)


HEADINGS = {"report-footnote": "The report's footnotes", "public-record": "Public records"}


def reference_entry(document: SourceDocument) -> nodes.list_item:
    """One document: title, publisher and date, a link to it, and where the report cites it."""
    paragraph = nodes.paragraph()
    paragraph += nodes.emphasis(document.title, document.title)
    details = [part for part in (document.publisher, document.date) if part]
    if details:
        paragraph += nodes.Text(". " + ", ".join(details))
    paragraph += nodes.Text(". ")
    url = str(document.url)
    paragraph += nodes.reference(url, url, refuri=url, classes=["external-source"])
    if document.cited_on_pages:
        paragraph += nodes.Text(f" Cited in the report on {page_label(document.cited_on_pages)}.")
    item = nodes.list_item("", paragraph, ids=[source_anchor(document.id)])
    return item


class CourseReferences(SphinxDirective):
    """``{course-references}`` lists every document; an argument limits it to one kind."""

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
                result.append(nodes.rubric(HEADINGS[kind], HEADINGS[kind]))
            listing = nodes.bullet_list(classes=["course-references", kind])
            listing += [reference_entry(doc) for doc in sources if doc.kind == kind]
            result.append(listing)
        return result
