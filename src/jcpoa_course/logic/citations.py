"""Turning a :class:`~jcpoa_course.data.Citation` into words a reader can follow.

Charts and widgets show sources on hover; they all word them the same way through
:func:`describe_citation`, so a tooltip and the book's references never disagree.
"""

from __future__ import annotations

from jcpoa_course.data import Catalog, Citation


def describe_citation(citation: Citation, catalog: Catalog) -> str:
    """``"Report, p. 14; OFAC FAQ 597 (U.S. Treasury)"``: pages first, then the documents by title."""
    parts = []
    if citation.pages:
        parts.append(f"Report, {citation.label}")
    for document_id in citation.documents:
        document = catalog.source(document_id)
        parts.append(f"{document.title} ({document.issuer}, {document.date[:4]})")
    return "; ".join(parts)
