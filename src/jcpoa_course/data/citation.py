"""Where a fact comes from.

Every item of course data carries a :class:`Citation`: the report's pages, a public
document listed in ``sources.yaml``, or both. A fact without one fails to load, so
nothing the book, the charts or the assignments show can be unsourced.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

REPORT_PAGES = 31


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
