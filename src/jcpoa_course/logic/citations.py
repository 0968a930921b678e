"""Turning a :class:`~jcpoa_course.data.Citation` into words a reader can follow.

Charts and widgets show sources on hover; they all word them the same way through
:func:`describe_citation`, so a tooltip and the book's references never disagree.
"""

from __future__ import annotations

from urllib.parse import urlparse

from jcpoa_course.data import Catalog, Citation, SourceDocument


def describe_citation(citation: Citation, catalog: Catalog) -> str:
    """``"Report, p. 14; OFAC FAQ 597 (U.S. Treasury)"``: pages first, then the documents by title."""
    parts = []
    if citation.pages:
        parts.append(f"Report, {citation.label}")
    for document_id in citation.documents:
        document = catalog.source(document_id)
        publisher = f" ({document.publisher})" if document.publisher else ""
        parts.append(f"{document.title}{publisher}")
    return "; ".join(parts)


def short_label(document: SourceDocument) -> str:
    """A compact citation text: who published it (or the site) and the year.

    The book's ``{source}`` links and the exported quizzes both print it, so a question cites a
    document the same way on paper, in the LMS and in the book.
    """
    who = (document.publisher or "").split(" (")[0] or (urlparse(str(document.url)).hostname or "source")
    who = who.removeprefix("www.")
    return f"{who}, {document.date[:4]}" if document.date else who
