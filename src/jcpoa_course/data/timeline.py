"""Dated events, from the 2015 deal to Termination Day in 2025.

``era`` keeps apart what the report itself describes (it was written in mid-2020) and
what came after it, so the book can mark the difference clearly.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .citation import Citation

EventKind = Literal["diplomacy", "escalation", "sanctions", "nuclear", "politics"]


class Position(BaseModel):
    """What one side holds about a disputed event, so the course can say who holds which view.

    Used where the parties dispute an event's legal meaning (snapback, Termination Day): the
    course then reports each position with its holders, in the voice of neither side.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    held_by: tuple[str, ...] = Field(min_length=1, description="Who holds it, as the course names them.")
    view: str
    source: Citation


class TimelineEvent(BaseModel):
    """One dated event, told in the course's own words, with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    date: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="ISO date; month precision allowed.")
    title: str = Field(max_length=80)
    summary: str
    kind: EventKind
    era: Literal["before-report", "after-report"]
    source: Citation
    positions: tuple[Position, ...] = Field(
        default=(), description="For a disputed event: each side's reading, with its holders and source."
    )
    told_by: tuple[str, ...] = Field(
        default=(),
        description="For a disputed event: patterns (regular expressions) of wording that tells the event, so a "
        "paragraph using them can be held to naming every side.",
    )

    @property
    def disputed(self) -> bool:
        """True when the parties read the event differently (two positions or more)."""
        return len(self.positions) >= 2
