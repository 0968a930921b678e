"""The ten negotiation tracks the report proposes for a U.S.-Iran joint communique (pp. 26-30)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .citation import Citation

Tractability = Literal["more-tractable", "builds-on-existing", "regional-roadmap", "longer-term", "not-ranked"]


class NegotiationTrack(BaseModel):
    """One track: its goal in the course's words and how hard the report suggests it will be.

    ``tractability`` follows the report's own grouping on pp. 24-25: issues that "could be
    more tractable", issues that build on diplomacy already under way, the regional roadmaps
    it calls critical, and "particularly thorny" issues that need more time. Tracks the
    report does not place in that passage are ``not-ranked`` rather than guessed; ``basis``
    says in a sentence why the course places the track where it does.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    order: int = Field(ge=1, le=10)
    name: str
    goal: str
    steps: tuple[str, ...] = Field(min_length=1)
    problems: tuple[str, ...] = Field(min_length=1, description="Problems in the relationship it addresses.")
    tractability: Tractability
    basis: str
    source: Citation
