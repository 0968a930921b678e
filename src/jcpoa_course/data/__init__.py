"""The course's facts: YAML files in this folder, validated by the typed models beside them.

``load_catalog()`` is the one entry point: every chart, widget, static view and
assignment test reads the course data through it, so each fact has one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .citation import Citation, page_label
from .glossary import GlossaryTerm
from .loader import DATA_DIR, CourseDataError, load_items
from .report_lists import ReportList, ReportListItem
from .report_pages import ReportPage, missing_pages
from .sanctions import (
    LegalReading,
    LiftingInstrument,
    SanctionedEntity,
    SanctionsAuthority,
    SanctionsLayer,
    SanctionsWall,
    load_sanctions_wall,
    wall_citations,
)
from .sequencing import PathChoice, PathNode, SequencingGraph, graph_citations, load_sequencing_graph
from .sources import KIND_LABELS, SourceDocument, host_listed, read_host_list
from .timeline import TimelineEvent
from .tracks import NegotiationTrack

__all__ = [
    "Catalog",
    "Citation",
    "KIND_LABELS",
    "CourseDataError",
    "GlossaryTerm",
    "LegalReading",
    "LiftingInstrument",
    "PathChoice",
    "PathNode",
    "ReportList",
    "ReportListItem",
    "ReportPage",
    "SanctionedEntity",
    "SanctionsAuthority",
    "SanctionsLayer",
    "SanctionsWall",
    "SequencingGraph",
    "NegotiationTrack",
    "SourceDocument",
    "TimelineEvent",
    "host_listed",
    "load_catalog",
    "read_host_list",
    "record_hosts",
    "page_label",
]


DENIED_HOSTS = "denied-hosts.txt"
RECORD_HOSTS = "record-hosts.txt"


@dataclass(frozen=True)
class Catalog:
    """Everything the course knows, loaded and cross-checked."""

    sources: tuple[SourceDocument, ...]
    timeline: tuple[TimelineEvent, ...]
    tracks: tuple[NegotiationTrack, ...]
    glossary: tuple[GlossaryTerm, ...]
    report_pages: tuple[ReportPage, ...]
    report_lists: tuple[ReportList, ...]
    sanctions: SanctionsWall
    sequencing: SequencingGraph

    def source(self, source_id: str) -> SourceDocument:
        """The document with this id; a clear error if there is none."""
        for document in self.sources:
            if document.id == source_id:
                return document
        raise KeyError(f"unknown source '{source_id}'")

    def citations(self) -> list[tuple[str, Citation]]:
        """Every (item id, citation) pair, for cross-checks and page coverage."""
        pairs: list[tuple[str, Citation]] = []
        for group in (self.timeline, self.tracks, self.glossary):
            pairs += [(item.id, item.source) for item in group]
        pairs += [
            (f"{event.id}/position{i}", position.source)
            for event in self.timeline
            for i, position in enumerate(event.positions, start=1)
        ]
        pairs += wall_citations(self.sanctions)
        pairs += graph_citations(self.sequencing)
        return pairs


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Load and cross-check all course data in ``data_dir`` (the package's own by default)."""
    if data_dir == DATA_DIR:
        return _packaged_catalog()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _packaged_catalog() -> Catalog:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> Catalog:
    denied = _host_list(data_dir / DENIED_HOSTS)
    catalog = Catalog(
        sources=load_items(data_dir / "sources.yaml", "sources", SourceDocument, {"denied_hosts": denied}),
        timeline=load_items(data_dir / "timeline.yaml", "events", TimelineEvent),
        tracks=load_items(data_dir / "tracks.yaml", "tracks", NegotiationTrack),
        glossary=load_items(data_dir / "glossary.yaml", "terms", GlossaryTerm),
        report_pages=load_items(data_dir / "report_pages.yaml", "pages", ReportPage),
        report_lists=load_items(data_dir / "report_lists.yaml", "lists", ReportList),
        sanctions=load_sanctions_wall(data_dir / "sanctions.yaml"),
        sequencing=load_sequencing_graph(data_dir / "sequencing.yaml"),
    )
    _check_documents_exist(catalog)
    _check_reality_events_exist(catalog)
    if missing_pages(catalog.report_pages):
        raise CourseDataError(f"report_pages.yaml: pages missing or repeated: {missing_pages(catalog.report_pages)}")
    return catalog


def _host_list(path: Path) -> frozenset[str]:
    try:
        return read_host_list(path)
    except FileNotFoundError as err:
        raise CourseDataError(f"{path}: file not found") from err


def record_hosts(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Hosts of issuing bodies and publications of record (``record-hosts.txt``), for the source-quality check."""
    return _host_list(data_dir / RECORD_HOSTS)


def _check_documents_exist(catalog: Catalog) -> None:
    known = {document.id for document in catalog.sources}
    for item_id, citation in catalog.citations():
        missing = [doc for doc in citation.documents if doc not in known]
        if missing:
            raise CourseDataError(f"item '{item_id}': field 'source.documents': unknown source id(s) {missing}")


def _check_reality_events_exist(catalog: Catalog) -> None:
    """A path ending names the timeline events it tells; each must be in the timeline."""
    known = {event.id for event in catalog.timeline}
    for node in catalog.sequencing.nodes:
        missing = [event_id for event_id in node.reality_events if event_id not in known]
        if missing:
            raise CourseDataError(
                f"sequencing.yaml: node '{node.id}' field 'reality_events': unknown event(s) {missing}"
            )
