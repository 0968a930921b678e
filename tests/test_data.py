"""The course data: every item loads, validates and carries a source; broken data fails clearly."""

from __future__ import annotations

import pytest

from jcpoa_course.data import CourseDataError, load_catalog
from jcpoa_course.data.citation import REPORT_PAGES


def test_every_item_has_a_source_within_the_report(catalog):
    pairs = catalog.citations()
    assert len(pairs) > 40
    for item_id, citation in pairs:
        assert citation.pages or citation.documents, item_id
        assert all(1 <= page <= REPORT_PAGES for page in citation.pages), item_id


def test_every_cited_document_is_listed(catalog):
    known = {document.id for document in catalog.sources}
    for item_id, citation in catalog.citations():
        assert set(citation.documents) <= known, item_id


def test_ten_tracks_in_order(catalog):
    assert [track.order for track in catalog.tracks] == list(range(1, 11))


def test_timeline_spans_the_deal_to_termination_day(catalog):
    dates = sorted(event.date for event in catalog.timeline)
    assert dates[0] <= "2015-07-14" and dates[-1] >= "2025-10-18"
    assert {event.era for event in catalog.timeline} == {"before-report", "after-report"}


def test_report_footnotes_say_where_they_are_cited(catalog):
    footnotes = [d for d in catalog.sources if d.kind == "report-footnote"]
    assert footnotes and all(d.cited_on_pages for d in footnotes)


def test_yaml_syntax_error_names_the_file(data_copy):
    (data_copy / "tracks.yaml").write_text("tracks:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"tracks\.yaml: not valid YAML"):
        load_catalog(data_copy)


def test_bad_field_names_file_item_and_field(data_copy):
    path = data_copy / "tracks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pages: [27]", "pages: [32]"), encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        load_catalog(data_copy)
    message = str(caught.value)
    assert "tracks.yaml" in message and "'human-rights-dialogue'" in message and "source" in message
    assert "1-31" in message


def test_missing_source_is_refused(data_copy):
    path = data_copy / "tracks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("source: {pages: [28]}", "source: {}"), encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"'border-incidents'.*field 'source'"):
        load_catalog(data_copy)


def test_unknown_document_id_is_refused(data_copy):
    path = data_copy / "tracks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("source: {pages: [30]}", "source: {documents: [no-such-doc]}"),
        encoding="utf-8",
    )
    with pytest.raises(CourseDataError, match=r"'economic-ties'.*unknown source id.*no-such-doc"):
        load_catalog(data_copy)


def test_duplicate_ids_are_refused(data_copy):
    path = data_copy / "tracks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: economic-ties", "id: civilian-diplomacy"),
                    encoding="utf-8")
    with pytest.raises(CourseDataError, match="duplicate id"):
        load_catalog(data_copy)


def test_duplicate_path_node_is_refused(data_copy):
    path = data_copy / "sequencing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: scope\n", "- id: day-one\n", 1), encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"duplicate node id\(s\) \['day-one'\]"):
        load_catalog(data_copy)
