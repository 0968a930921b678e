"""The "sanctions wall" of pp. 13-17: authorities, the instruments that lift them, and who carries which layer.

The report argues that after 2018 Iranian entities were designated under several
authorities at once, so that undoing one would leave the others standing (pp. 13-14),
and it lists the instruments a successor could use to lift them (pp. 15-17). These
models keep each of those pieces typed and sourced, so the explorer, the book and the
assignments all read one description of the wall.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .citation import Citation
from .loader import CourseDataError, read_yaml, repeated_ids

Program = Literal["nuclear", "terrorism", "human-rights", "proliferation", "sectoral", "leadership"]
AuthorityKind = Literal["executive-order", "statute", "designation-list", "regulation"]
InstrumentRole = Literal["core", "context"]
Certainty = Literal["documented", "uncertain"]
Counts = Literal["yes", "no", "unclear"]
EntityKind = Literal["bank", "central-bank", "office", "sector", "military"]

REPORT_CUTOFF = "2018-05-08"
"""The date from which the report asks for designations to be delisted (p. 16): the U.S. withdrawal."""


class SanctionsAuthority(BaseModel):
    """An executive order, statute, list or regulation under which sanctions were imposed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: AuthorityKind
    program: Program
    summary: str
    source: Citation


class LiftingInstrument(BaseModel):
    """A step the report proposes for lifting sanctions (pp. 15-17).

    ``role`` is ``core`` for the steps the report lists as what a return to compliance
    entails (p. 16) and ``context`` for steps it recommends beside them (guidance,
    the U-turn license) that lift no layer in the course's model.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    short: str = Field(max_length=28, description="Label for a toggle or checkbox.")
    role: InstrumentRole
    summary: str
    source: Citation


class LegalReading(BaseModel):
    """A reading of what a U.S. return to compliance requires: which counted layers must fall.

    The report reads compliance broadly: every layer it counts (``counts == "yes"``) must go
    (pp. 14-16). Other readings exist. ``programs`` narrows the layers that must fall to those
    of the listed programs (for example only the nuclear-related sanctions the deal lifted);
    an empty ``programs`` means no narrowing. The course states each reading with its holders'
    sources; it decides none of them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    held_by: str
    programs: tuple[Program, ...] = ()
    summary: str
    source: Citation


class SanctionsLayer(BaseModel):
    """One brick of the wall: one authority's sanctions on one entity.

    ``lifted_by`` lists the instruments that must *all* be used for the layer to fall;
    an empty list means no step in the report's plan removes it. ``counts`` says whether
    the report counts the layer among what must be lifted to return to compliance
    (``unclear`` where the report does not say). ``certainty`` is ``uncertain`` where the
    public record the course could check leaves the authority or the listing open;
    ``note`` then says what is known.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str = Field(max_length=60)
    authorities: tuple[str, ...] = Field(min_length=1)
    program: Program
    date: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    certainty: Certainty
    counts: Counts
    lifted_by: tuple[str, ...] = ()
    note: str
    source: Citation

    @model_validator(mode="after")
    def _uncertain_layers_explain(self) -> SanctionsLayer:
        if self.certainty == "uncertain" and len(self.note) < 40:
            raise ValueError("an uncertain layer needs a note saying what is and is not known")
        return self


class SanctionedEntity(BaseModel):
    """A bank, office, sector or force that carries one or more layers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: EntityKind
    named_in_report: tuple[int, ...] = Field(default=(), description="Report pages that name it.")
    note: str
    layers: tuple[SanctionsLayer, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _layer_ids_unique(self) -> SanctionedEntity:
        ids = [layer.id for layer in self.layers]
        duplicates = repeated_ids(ids)
        if duplicates:
            raise ValueError(f"duplicate layer id(s) {duplicates}")
        return self


class SanctionsWall(BaseModel):
    """The whole wall: authorities, instruments and entities, cross-checked on load."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    authorities: tuple[SanctionsAuthority, ...]
    instruments: tuple[LiftingInstrument, ...]
    entities: tuple[SanctionedEntity, ...]
    readings: tuple[LegalReading, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> SanctionsWall:
        if self.readings[0].id != "report" or self.readings[0].programs:
            raise ValueError("readings: the first reading must be the report's own ('report', no narrowing)")
        duplicates = repeated_ids([r.id for r in self.readings])
        if duplicates:
            raise ValueError(f"readings: duplicate id(s) {duplicates}")
        authorities = {a.id for a in self.authorities}
        instruments = {i.id for i in self.instruments}
        for entity in self.entities:
            for layer in entity.layers:
                where = f"entity '{entity.id}' layer '{layer.id}'"
                _require_known(where, "authorities", layer.authorities, authorities)
                _require_known(where, "lifted_by", layer.lifted_by, instruments)
                _check_delisting_reach(where, layer)
        return self


def _require_known(where: str, field: str, given: tuple[str, ...], known: set[str]) -> None:
    unknown = [value for value in given if value not in known]
    if unknown:
        raise ValueError(f"{where}: field '{field}': unknown id(s) {unknown}; known: {sorted(known)}")


def _check_delisting_reach(where: str, layer: SanctionsLayer) -> None:
    """The report's delisting step reaches only listings since May 8, 2018, not human-rights ones (p. 16)."""
    if "delist-since-2018" not in layer.lifted_by:
        return
    if layer.date[:10] < REPORT_CUTOFF[: len(layer.date)]:
        raise ValueError(f"{where}: dated {layer.date}, before {REPORT_CUTOFF}: delisting does not reach it")
    if layer.program == "human-rights":
        raise ValueError(f"{where}: the report's delisting step excepts human-rights designations")


def load_sanctions_wall(path: Path) -> SanctionsWall:
    """Read ``sanctions.yaml``; keys starting with ``x-`` hold YAML anchors only and are dropped."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise CourseDataError(f"{path.name}: expected a mapping with authorities, instruments and entities")
    content = {key: value for key, value in raw.items() if not str(key).startswith("x-")}
    try:
        return SanctionsWall.model_validate(content)
    except ValidationError as err:
        raise CourseDataError(f"{path.name}: {_describe(err)}") from err


def _describe(err: ValidationError) -> str:
    problems = []
    for error in err.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(file)"
        problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)


def wall_citations(wall: SanctionsWall) -> list[tuple[str, Citation]]:
    """Every (item id, citation) pair of the wall, for the catalog's cross-checks."""
    pairs = [(f"authority:{a.id}", a.source) for a in wall.authorities]
    pairs += [(f"instrument:{i.id}", i.source) for i in wall.instruments]
    pairs += [(f"reading:{r.id}", r.source) for r in wall.readings]
    for entity in wall.entities:
        pairs += [(f"{entity.id}/{layer.id}", layer.source) for layer in entity.layers]
    return pairs
