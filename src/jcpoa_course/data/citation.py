"""Where a fact comes from.

Every item of course data carries a :class:`Citation`: the report's pages, a public
document listed in ``sources.yaml``, or both. A fact without one fails to load, so
nothing the book, the charts or the assignments show can be unsourced.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, model_validator

REPORT_PAGES = 31
# The id of a report page's entry in the book's concordance (book/concordance.md), which lists every
# place the course cites that page: page citations in the book and the class report link to it.
PAGE_ANCHOR = "report-page-{page}"


class Citation(BaseModel):
    """Report pages (1-31) and/or ids of public documents in ``sources.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pages: tuple[int, ...] = Field(default=(), description="Report pages, 1-31.")
    documents: tuple[str, ...] = Field(default=(), description="Ids of entries in sources.yaml.")

    @model_validator(mode="after")
    def _has_a_source(self) -> Citation:
        if not self.pages and not self.documents:
            raise ValueError("a citation needs report pages or a document id")
        bad = [p for p in self.pages if not 1 <= p <= REPORT_PAGES]
        if bad:
            raise ValueError(f"report pages must be within 1-{REPORT_PAGES}, got {bad}")
        return self

    @property
    def label(self) -> str:
        """The page reference as the book prints it: ``p. 14`` or ``pp. 15-17``."""
        return page_label(self.pages)


def page_label(pages: tuple[int, ...] | list[int]) -> str:
    """Render report pages as ``p. N``, ``pp. N-M`` or ``pp. 3, 7``; empty when none."""
    ordered = sorted(set(pages))
    if not ordered:
        return ""
    if len(ordered) == 1:
        return f"p. {ordered[0]}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"pp. {ordered[0]}-{ordered[-1]}"
    return "pp. " + ", ".join(str(p) for p in ordered)


# Page citations as chapters write them ({p}`14`, {pp}`15-17`); the book's roles and the quiz bank
# both read them through these functions, so a page outside the report fails the same way in each.
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
