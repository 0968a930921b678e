"""Key terms, defined in the course's own words."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .citation import Citation


class GlossaryTerm(BaseModel):
    """A term the chapters use, with a plain definition and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    term: str
    definition: str
    source: Citation
