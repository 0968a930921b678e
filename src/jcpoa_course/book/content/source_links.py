"""The ``{source}`` role: a short link from a claim to its document on the references page.

The role is checked against ``sources.yaml`` when the page is read (an unknown id is a warning,
so ``-W`` fails), and turned into a link once the builder knows where the references page is
relative to the citing page, so the link is right at any folder depth.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from jcpoa_course.logic.citations import short_label

from .course_data import book_catalog

logger = logging.getLogger(__name__)

ANCHOR_PREFIX = "source-"


class source_reference(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A citation of a document, resolved into a link to the references page."""


def source_anchor(source_id: str) -> str:
    """The HTML id of a document's entry on the references page."""
    return ANCHOR_PREFIX + source_id


class SourceRole(SphinxRole):
    """``{source}`executive-order-a01``` renders a bracketed link to that document's entry."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        source_id = self.text.strip()
        known = {document.id: document for document in book_catalog(self.env.app).sources}
        document = known.get(source_id)
        if document is None:
            logger.warning("unknown source id '%s' in {source}: it is not in data/sources.yaml",
                           source_id, location=self.get_location(), type="jcpoa", subtype="source")
            return [nodes.inline(self.rawtext, f"[{source_id}]", classes=["source-invalid"])], []
        node = source_reference(self.rawtext, short_label(document), source_id=source_id,
                                reftitle=document.title)
        return [nodes.inline("", "[", classes=["source-cite"]), node, nodes.inline("", "]")], []


def resolve_source_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each citation node by a link to the references page, relative to ``docname``."""
    references_doc = app.config.jcpoa_references_doc
    has_page = references_doc in app.env.all_docs
    for node in list(doctree.findall(source_reference)):
        text = node.astext()
        if not has_page:
            logger.warning("{source} links need the references page '%s', which is not in the book",
                           references_doc, location=node, type="jcpoa", subtype="source")
            node.replace_self(nodes.inline(text, text))
            continue
        uri = app.builder.get_relative_uri(docname, references_doc) + "#" + source_anchor(node["source_id"])
        link = nodes.reference(text, text, refuri=uri, internal=True, reftitle=node["reftitle"],
                               classes=["source-link"])
        node.replace_self(link)
