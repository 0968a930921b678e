"""The documents the course cites besides the report: the report's own footnotes and public records."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class SourceDocument(BaseModel):
    """A document a fact rests on. ``kind`` separates the report's footnotes from later public records."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["report-footnote", "public-record"]
    title: str
    publisher: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}){0,2}$")
    url: HttpUrl
    cited_on_pages: tuple[int, ...] = Field(default=(), description="For footnotes: where the report cites it.")
    fact_sheet_id: str | None = Field(default=None, description="Id in the project's checked fact sheet.")
    confidence: Literal["high", "medium"] | None = Field(
        default=None, description="How well the fact sheet could confirm it; 'low' facts are never used."
    )
