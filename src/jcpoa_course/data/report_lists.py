"""Lists the report gives (conditions, steps, parties, instruments, alternatives) that a chapter covers.

A chapter that quotes one item of a list the report gives in full leaves the student unable to learn
the rest (the fact-check's example: Rouhani's conditions, p. 18). Each list here names the chapter that
covers it and, per item, the words that chapter must contain, so a chapter cannot lose an item unnoticed.
The items are in the course's own words; the report's are on the pages given.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .citation import REPORT_PAGES


class ReportListItem(BaseModel):
    """One item of a report list, in the course's words, with the words a chapter shows it by."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    text: str
    cues: tuple[str, ...] = Field(min_length=1, description="Words the covering chapter must contain (any case).")


class ReportList(BaseModel):
    """A list the report gives on ``pages``, complete, and the chapter that covers it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    pages: tuple[int, ...] = Field(min_length=1)
    chapter: str = Field(pattern=r"^[a-z0-9-]+$", description="File stem of the chapter in book/.")
    items: tuple[ReportListItem, ...] = Field(min_length=1)

    @field_validator("pages")
    @classmethod
    def _within_the_report(cls, pages: tuple[int, ...]) -> tuple[int, ...]:
        bad = [page for page in pages if not 1 <= page <= REPORT_PAGES]
        if bad:
            raise ValueError(f"report pages must be within 1-{REPORT_PAGES}, got {bad}")
        return pages

    @field_validator("items")
    @classmethod
    def _distinct_items(cls, items: tuple[ReportListItem, ...]) -> tuple[ReportListItem, ...]:
        ids = [item.id for item in items]
        repeated = sorted({item_id for item_id in ids if ids.count(item_id) > 1})
        if repeated:
            raise ValueError(f"repeated item id(s) {repeated}")
        return items
