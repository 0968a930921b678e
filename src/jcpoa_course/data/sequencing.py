"""The choose-your-path graph of a mutual return to the deal (report pp. 18-20, with pp. 6, 8-10, 14-17).

The report argues that the order of steps is open, because the JCPOA has no re-entry
clause (p. 18), and weighs several sequences. The graph turns them into decisions a
student takes from January 2021 on. Each ending says what the authors argue would
follow and, apart from that, what actually happened after the report, with sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .citation import Citation
from .loader import CourseDataError, read_yaml, repeated_ids

Actor = Literal["United States", "Iran", "UN Security Council", "JCPOA participants"]


class PathChoice(BaseModel):
    """One option at a decision, leading to another node."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(max_length=90)
    to: str
    source: Citation


class PathNode(BaseModel):
    """A decision point (``choices``) or an ending (``outcome``, ``critics_view``, ``trade_offs``, ``reality``).

    An ending gives what the authors argue would follow and, beside it, what the report's critics expect
    (``critics_view``, sourced to their own records), so no path resolves only as one side predicts. Where the
    report or the record answers the critics, ``authors_reply`` gives that answer after them, so that the
    critics do not always have the last word.

    ``reality`` is what happened after the report (mid-2020); it needs public-record
    sources in ``reality_source`` because the report cannot vouch for later events.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["decision", "ending"]
    title: str = Field(max_length=80)
    when: str
    actor: Actor | None = None
    situation: str
    source: Citation
    choices: tuple[PathChoice, ...] = ()
    outcome: str | None = None
    trade_offs: tuple[str, ...] = ()
    critics_view: str | None = None
    critics_source: Citation | None = None
    authors_reply: str | None = None
    authors_reply_source: Citation | None = None
    reality: str | None = None
    reality_source: Citation | None = None
    reality_events: tuple[str, ...] = Field(
        default=(), description="Ids of the timeline events ``reality`` tells; its sources and dates must match them."
    )

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> PathNode:
        if self.kind == "decision":
            if len(self.choices) < 2 or not self.actor:
                raise ValueError("a decision needs an actor and at least two choices")
            if self.outcome or self.reality or self.reality_events:
                raise ValueError("a decision has no outcome or reality; make it an ending")
        else:
            if self.choices:
                raise ValueError("an ending has no choices")
            if not (self.outcome and self.trade_offs and self.reality and self.reality_source and self.reality_events):
                raise ValueError("an ending needs outcome, trade_offs, reality, reality_source and reality_events")
            if not (self.critics_view and self.critics_source and self.critics_source.documents):
                raise ValueError(
                    "an ending needs critics_view with critics_source documents: what the report's critics"
                    " expect, in their own sourced words, beside what the authors argue"
                )
            if self.reality_source.pages:
                raise ValueError("reality_source must cite public records, not report pages")
            if self.authors_reply and not self.authors_reply_source:
                raise ValueError("authors_reply needs authors_reply_source: the report's pages or a record")
        return self


class SequencingGraph(BaseModel):
    """All nodes, and the node where every route starts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str
    nodes: tuple[PathNode, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _targets_exist(self) -> SequencingGraph:
        ids = [node.id for node in self.nodes]
        duplicates = repeated_ids(ids)
        if duplicates:
            raise ValueError(f"duplicate node id(s) {duplicates}")
        if self.start not in ids:
            raise ValueError(f"start node '{self.start}' is not among the nodes")
        for node in self.nodes:
            for choice in node.choices:
                if choice.to not in ids:
                    raise ValueError(f"node '{node.id}': choice '{choice.label}' leads to unknown node '{choice.to}'")
        return self

    def node(self, node_id: str) -> PathNode:
        """The node with this id; a clear error naming it if there is none."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"unknown node '{node_id}'")


def load_sequencing_graph(path: Path) -> SequencingGraph:
    """Read ``sequencing.yaml`` into a checked graph, or fail naming the file and the field."""
    raw = read_yaml(path)
    try:
        return SequencingGraph.model_validate(raw)
    except ValidationError as err:
        problems = [f"{_where(raw, e['loc'])}: {e['msg']}" for e in err.errors()]
        raise CourseDataError(f"{path.name}: " + "; ".join(problems)) from err


def _where(raw: object, loc: tuple) -> str:
    """Name a node by its id rather than its position: ``node 'election' field 'when'``."""
    if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int) and isinstance(raw, dict):
        node = raw["nodes"][loc[1]]
        name = node.get("id", f"#{loc[1] + 1}") if isinstance(node, dict) else f"#{loc[1] + 1}"
        field = ".".join(str(part) for part in loc[2:]) or "(node)"
        return f"node '{name}' field '{field}'"
    return ".".join(str(part) for part in loc) or "(file)"


def graph_citations(graph: SequencingGraph) -> list[tuple[str, Citation]]:
    """Every (item id, citation) pair of the graph, for the catalog's cross-checks."""
    pairs: list[tuple[str, Citation]] = []
    for node in graph.nodes:
        pairs.append((f"path:{node.id}", node.source))
        pairs += [(f"path:{node.id}/choice{i}", c.source) for i, c in enumerate(node.choices, start=1)]
        if node.reality_source:
            pairs.append((f"path:{node.id}/reality", node.reality_source))
    return pairs
