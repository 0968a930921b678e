"""Taking the sanctions wall apart: which layers fall under which instruments, and what is left.

Pure functions over :class:`~jcpoa_course.data.SanctionsWall`; no UI. The explorer widget,
the static chart and the assignments all call these, so they agree on every answer.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..data import LegalReading, LiftingInstrument, SanctionedEntity, SanctionsLayer, SanctionsWall, load_catalog


class UnknownNameError(LookupError):
    """A name the user gave that the course data does not know; the message suggests the closest one."""


def _wall(wall: SanctionsWall | None) -> SanctionsWall:
    return wall if wall is not None else load_catalog().sanctions


def _unknown(kind: str, given: str, choices: dict[str, str]) -> UnknownNameError:
    """Build the error for an unknown ``kind``, with a did-you-mean over ids and display names."""
    close = difflib.get_close_matches(given.lower(), list(choices), n=1, cutoff=0.5)
    hint = f"; did you mean '{choices[close[0]]}'?" if close else f"; known: {sorted(set(choices.values()))}"
    return UnknownNameError(f"unknown {kind} '{given}'{hint}")


def find_entity(entity: str, wall: SanctionsWall | None = None) -> SanctionedEntity:
    """The entity with this id or name (case-insensitive), e.g. ``'bank-mellat'`` or ``'Bank Mellat'``."""
    if not isinstance(entity, str):
        raise TypeError(f"entity must be a string id or name, got {type(entity).__name__}")
    entities = _wall(wall).entities
    wanted = entity.strip().lower()
    for candidate in entities:
        if wanted in (candidate.id, candidate.name.lower()):
            return candidate
    names = {e.id: e.id for e in entities} | {e.name.lower(): e.name for e in entities}
    raise _unknown("entity", entity, names)


def find_instruments(instruments: Iterable[str], wall: SanctionsWall | None = None) -> frozenset[str]:
    """Check instrument ids and return them as a set; an unknown one fails with a suggestion."""
    if isinstance(instruments, str):
        raise TypeError("instruments must be a collection of ids, e.g. ['revoke-orders'], not one string")
    known = {i.id: i.id for i in _wall(wall).instruments}
    chosen = frozenset(instruments)
    for instrument in sorted(chosen):
        if instrument not in known:
            raise _unknown("instrument", instrument, known)
    return chosen


def instrument(instrument_id: str, wall: SanctionsWall | None = None) -> LiftingInstrument:
    """The instrument with this id."""
    (checked,) = find_instruments([instrument_id], wall)
    return next(i for i in _wall(wall).instruments if i.id == checked)


def is_lifted(layer: SanctionsLayer, instruments: frozenset[str]) -> bool:
    """A layer falls when every instrument it needs is chosen; a layer no step reaches never falls."""
    return bool(layer.lifted_by) and set(layer.lifted_by) <= instruments


def remaining_layers(
    entity: str, instruments: Iterable[str] = (), wall: SanctionsWall | None = None
) -> list[SanctionsLayer]:
    """The layers of ``entity`` still standing after ``instruments`` are used."""
    chosen = find_instruments(instruments, wall)
    return [layer for layer in find_entity(entity, wall).layers if not is_lifted(layer, chosen)]


def lifted_layers(
    entity: str, instruments: Iterable[str] = (), wall: SanctionsWall | None = None
) -> list[SanctionsLayer]:
    """The layers of ``entity`` that ``instruments`` take down."""
    chosen = find_instruments(instruments, wall)
    return [layer for layer in find_entity(entity, wall).layers if is_lifted(layer, chosen)]


def find_reading(reading: str, wall: SanctionsWall | None = None) -> LegalReading:
    """The legal reading with this id (``'report'``, ``'nuclear-only'``); an unknown one fails with a suggestion."""
    if not isinstance(reading, str):
        raise TypeError(f"reading must be a reading id such as 'report', got {type(reading).__name__}")
    readings = {r.id: r for r in _wall(wall).readings}
    if reading not in readings:
        raise _unknown("legal reading", reading, {r: r for r in readings})
    return readings[reading]


def must_fall(layer: SanctionsLayer, reading: LegalReading) -> bool:
    """Whether ``reading`` requires this layer to go for the U.S. to comply.

    Every reading starts from the layers the report counts; a reading with ``programs``
    keeps only those of its programs (the nuclear-only reading: the reimposed nuclear-related
    sanctions). A layer nobody counts never has to fall.
    """
    return layer.counts == "yes" and (not reading.programs or layer.program in reading.programs)


def blocking_layers(
    layers: Iterable[SanctionsLayer], reading: str = "report", wall: SanctionsWall | None = None
) -> list[SanctionsLayer]:
    """Of the given (remaining) layers, those that keep the U.S. out of compliance under ``reading``.

    The reading (pp. 14-16): to return to compliance the U.S. must lift the nuclear-related
    sanctions it reimposed *and* the new non-nuclear listings made since the withdrawal of
    May 8, 2018, because the authors see those listings as layers added to block a return;
    only legitimate human-rights listings may stay. Listings the deal itself kept (such as
    Bank Saderat's 2007 terrorism listing) do not count. The data records this reading per
    layer in ``counts``; a layer whose status the report leaves open (``unclear``) is not
    counted as blocking but is reported apart. This is the course's simplification of a
    legal question: the report argues it, courts and Treasury decide it. Another ``reading``
    (``'nuclear-only'``: the deal lifted only nuclear-related sanctions) narrows what must fall;
    see :func:`must_fall`.
    """
    chosen = find_reading(reading, wall)
    return [layer for layer in layers if must_fall(layer, chosen)]


def blocks_compliance(
    entity: str, instruments: Iterable[str] = (), wall: SanctionsWall | None = None, reading: str = "report"
) -> bool:
    """True while any layer that ``reading`` requires to fall (see :func:`blocking_layers`) still stands."""
    return bool(blocking_layers(remaining_layers(entity, instruments, wall), reading, wall))


@dataclass(frozen=True)
class ComplianceReading:
    """What is left of one entity's wall and what it means, as the report reads it."""

    entity: SanctionedEntity
    instruments: frozenset[str]
    remaining: tuple[SanctionsLayer, ...]
    lifted: tuple[SanctionsLayer, ...]

    @property
    def blocking(self) -> tuple[SanctionsLayer, ...]:
        """Remaining layers the report counts as keeping the U.S. out of compliance."""
        return tuple(blocking_layers(self.remaining))

    @property
    def left_standing(self) -> tuple[SanctionsLayer, ...]:
        """Remaining layers the report does not count (``no``) or leaves open (``unclear``)."""
        return tuple(layer for layer in self.remaining if layer.counts != "yes")

    @property
    def blocks(self) -> bool:
        return bool(self.blocking)

    @property
    def rests_on_uncertain(self) -> bool:
        """True when every blocking layer is one whose listing the public record leaves uncertain."""
        return self.blocks and all(layer.certainty == "uncertain" for layer in self.blocking)

    def summary(self, wall: SanctionsWall | None = None) -> str:
        """A plain-language account of what remains and why, for the explorer and the book."""
        return describe(self, wall)


def compliance_reading(
    entity: str, instruments: Iterable[str] = (), wall: SanctionsWall | None = None
) -> ComplianceReading:
    """Everything the explorer shows for one entity and one set of instruments."""
    chosen = find_instruments(instruments, wall)
    found = find_entity(entity, wall)
    return ComplianceReading(
        entity=found,
        instruments=chosen,
        remaining=tuple(layer for layer in found.layers if not is_lifted(layer, chosen)),
        lifted=tuple(layer for layer in found.layers if is_lifted(layer, chosen)),
    )


def describe(reading: ComplianceReading, wall: SanctionsWall | None = None) -> str:
    """Say what remains and why in a few sentences, naming the instruments still needed."""
    names = {i.id: i.short for i in _wall(wall).instruments}
    total = len(reading.entity.layers)
    standing = len(reading.remaining)
    parts = [f"{reading.entity.name}: {standing} of {total} layers {'stands' if standing == 1 else 'stand'}."]
    if reading.blocks:
        count = len(reading.blocking)
        parts.append(
            f"{count} {'keeps' if count == 1 else 'keep'} the U.S. out of compliance as the report reads it: "
            + "; ".join(_needs(layer, reading.instruments, names) for layer in reading.blocking)
            + "."
        )
        if reading.rests_on_uncertain:
            parts.append("Each of these rests on a listing the public record leaves uncertain (see the notes).")
    else:
        parts.append("Nothing left keeps the U.S. out of compliance as the report reads it.")
    if reading.left_standing:
        labels = ", ".join(layer.label for layer in reading.left_standing)
        parts.append(f"Still standing, but not counted by the report or left open by it: {labels}.")
    return " ".join(parts)


def _needs(layer: SanctionsLayer, chosen: frozenset[str], names: dict[str, str]) -> str:
    missing = [names[i] for i in layer.lifted_by if i not in chosen]
    return f"{layer.label} (still needs: {', '.join(missing)})"
