"""What each page of the report covers: the lines of the book's report concordance."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .citation import REPORT_PAGES


class ReportPage(BaseModel):
    """One report page and a one-line summary of it in the course's own words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page: int = Field(ge=1, le=REPORT_PAGES)
    covers: str = Field(min_length=20, max_length=200)


def missing_pages(pages: tuple[ReportPage, ...]) -> list[int]:
    """The report pages with no line, or listed more than once (each must appear exactly once)."""
    numbers = [page.page for page in pages]
    return [n for n in range(1, REPORT_PAGES + 1) if numbers.count(n) != 1]
