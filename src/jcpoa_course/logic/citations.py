"""Turning a :class:`~jcpoa_course.data.Citation` into words a reader can follow.

Charts and widgets show sources on hover; they all word them the same way through
:func:`describe_citation`, so a tooltip and the book's references never disagree.
"""

from __future__ import annotations

from jcpoa_course.data import Catalog, Citation, SourceDocument


def describe_citation(citation: Citation, catalog: Catalog) -> str:
    """``"Report, p. 14; OFAC FAQ 597 (U.S. Treasury)"``: pages first, then the documents by title."""
    parts = []
    if citation.pages:
        parts.append(f"Report, {citation.label}")
    for document_id in citation.documents:
        document = catalog.source(document_id)
        parts.append(f"{document.title} ({document.issuer}, {document.date[:4]})")
    return "; ".join(parts)


def short_label(document: SourceDocument) -> str:
    """A compact citation text: the issuer or publisher (its first clause) and the year, ``Federal Register, 2019``.

    The book's ``{source}`` links and the exported quizzes both print it, so a question cites a
    document the same way on paper, in the LMS and in the book.
    """
    who = document.issuer.split(" (")[0].split(", ")[0]
    return f"{who}, {document.date[:4]}"
