"""The sanctions wall's data and logic: every layer sourced, the falling rule, the report's compliance reading."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jcpoa_course.data import CourseDataError, load_catalog
from jcpoa_course.data.loader import DATA_DIR
from jcpoa_course.logic.wall import (
    UnknownNameError,
    blocks_compliance,
    compliance_reading,
    find_entity,
    find_reading,
    lifted_layers,
    must_fall,
    remaining_layers,
)

WALL = load_catalog().sanctions
ENTITY_IDS = [e.id for e in WALL.entities]
INSTRUMENT_IDS = [i.id for i in WALL.instruments]
CORE = [i.id for i in WALL.instruments if i.role == "core"]
REPORT_BANKS = [  # p. 14: the nine SDGT names, plus Bank Saderat among the largest banks
    "Bank Mellat", "Bank Melli", "Bank Parsian", "Bank Tejarat", "Parsian Bank", "Sina Bank",
    "Export Development Bank of Iran", "Future Bank", "Arian Bank", "Bank Saderat",
]


@pytest.mark.parametrize("name", REPORT_BANKS)
def test_every_bank_the_report_names_is_an_entity_citing_page_14(name: str) -> None:
    entity = find_entity(name)
    assert 14 in entity.named_in_report


def test_the_other_required_entities_are_there_with_their_orders() -> None:
    authorities = {e.id: {a for layer in e.layers for a in layer.authorities} for e in WALL.entities}
    assert "eo-13224" in authorities["central-bank"]
    assert authorities["supreme-leader-office"] == {"eo-13876"}
    assert authorities["metals-sectors"] == {"eo-13871"}
    assert authorities["e13902-sectors"] == {"eo-13902"}
    assert "fto" in authorities["irgc"]


def test_the_brief_s_authorities_and_instruments_are_modelled() -> None:
    ids = {a.id for a in WALL.authorities}
    for order in ("13224", "13382", "13553", "13606", "13846", "13871", "13876", "13902", "13716"):
        assert f"eo-{order}" in ids
    assert {"isa", "cisada", "tra", "ifca", "ndaa-1245", "fto", "itsr-560", "ifsr-561"} <= ids
    assert set(CORE) == {
        "statutory-waivers", "revoke-orders", "reissue-13716", "delist-since-2018", "amend-regulations"
    }


def test_every_layer_is_sourced_and_its_documents_back_designations() -> None:
    catalog = load_catalog()
    for entity in WALL.entities:
        for layer in entity.layers:
            assert layer.source.pages or layer.source.documents, f"{entity.id}/{layer.id}"
            for doc in layer.source.documents:
                assert catalog.source(doc).confidence in ("high", "medium")


def test_uncertain_designations_are_shown_as_uncertain_not_guessed() -> None:
    """facts E08 and E10 are medium, E09 (Sina Bank) low: the data must not present them as settled."""
    def layer(entity: str, layer_id: str):
        return next(x for x in find_entity(entity).layers if x.id == layer_id)

    assert layer("bank-mellat", "sdgt-2018").certainty == "uncertain"
    assert layer("bank-melli", "sdgt-2018").certainty == "uncertain"
    sina = layer("sina-bank", "sdgt-2018")
    assert sina.certainty == "uncertain" and sina.source.documents == ()  # E09 is never cited as fact
    assert layer("bank-parsian", "sdgt-2018").certainty == "uncertain"
    assert "same bank" in find_entity("bank-parsian").note
    assert layer("parsian-bank", "sdgt-2018").certainty == "documented"


def test_no_instrument_leaves_every_layer_and_the_wall_blocks() -> None:
    for entity in WALL.entities:
        assert remaining_layers(entity.id, []) == list(entity.layers)
    assert blocks_compliance("bank-mellat", [])
    assert not blocks_compliance("bank-saderat", [])  # its only layer is the 2007 listing the deal kept


def test_all_core_instruments_clear_every_entity_as_the_report_reads_it() -> None:
    for entity_id in ENTITY_IDS:
        assert not blocks_compliance(entity_id, CORE), entity_id


def test_paired_instruments_must_both_be_chosen() -> None:
    assert [x.id for x in lifted_layers("central-bank", ["revoke-orders"])] == []
    assert [x.id for x in lifted_layers("central-bank", ["revoke-orders", "reissue-13716"])] == ["reimposed-order"]


def test_context_instruments_lift_nothing() -> None:
    for entity_id in ENTITY_IDS:
        assert lifted_layers(entity_id, ["public-guidance", "u-turn-license"]) == []


def test_one_revocation_lifts_the_supreme_leader_s_office() -> None:
    reading = compliance_reading("Office of the Supreme Leader", ["revoke-orders"])
    assert reading.remaining == () and not reading.blocks
    assert "Nothing left keeps the U.S. out of compliance" in reading.summary()


def test_summary_names_what_remains_and_what_it_still_needs() -> None:
    summary = compliance_reading("sina-bank", ["revoke-orders", "reissue-13716"]).summary()
    assert summary.startswith("Sina Bank: 2 of 3 layers stand.")
    assert "still needs: Statutory waivers, Amend regulations" in summary
    assert "still needs: Delist since 2018" in summary


@settings(max_examples=200, deadline=None)
@given(
    entity=st.sampled_from(ENTITY_IDS),
    chosen=st.sets(st.sampled_from(INSTRUMENT_IDS)),
    extra=st.sampled_from(INSTRUMENT_IDS),
)
def test_adding_an_instrument_never_leaves_more_layers(entity: str, chosen: set[str], extra: str) -> None:
    before = remaining_layers(entity, chosen)
    after = remaining_layers(entity, chosen | {extra})
    assert {x.id for x in after} <= {x.id for x in before}
    assert blocks_compliance(entity, chosen | {extra}) <= blocks_compliance(entity, chosen)


@settings(max_examples=100, deadline=None)
@given(entity=st.sampled_from(ENTITY_IDS), chosen=st.sets(st.sampled_from(INSTRUMENT_IDS)))
def test_remaining_and_lifted_partition_the_layers(entity: str, chosen: set[str]) -> None:
    remaining = {x.id for x in remaining_layers(entity, chosen)}
    lifted = {x.id for x in lifted_layers(entity, chosen)}
    assert remaining.isdisjoint(lifted)
    assert remaining | lifted == {x.id for x in find_entity(entity).layers}


def test_unknown_entity_error_suggests_the_closest_name() -> None:
    with pytest.raises(UnknownNameError, match=re.escape("unknown entity 'Bank Mellatt'; did you mean 'Bank Mellat'?")):
        remaining_layers("Bank Mellatt", [])


def test_unknown_instrument_error_suggests_the_closest_id() -> None:
    with pytest.raises(UnknownNameError, match="unknown instrument 'revoke-order'; did you mean 'revoke-orders'"):
        blocks_compliance("bank-melli", ["revoke-order"])


def test_a_single_string_of_instruments_is_refused_clearly() -> None:
    with pytest.raises(TypeError, match="collection of ids"):
        remaining_layers("bank-melli", "revoke-orders")


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def test_a_layer_citing_an_unknown_authority_fails_to_load_naming_it(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "sanctions.yaml"
    path.write_text(path.read_text().replace("authorities: [eo-13876]", "authorities: [eo-13877]"))
    expected = r"supreme-leader-office' layer 'eo-13876'.*unknown id\(s\) \['eo-13877'\]"
    with pytest.raises(CourseDataError, match=expected):
        load_catalog(data)


def test_delisting_cannot_claim_a_pre_2018_listing(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "sanctions.yaml"
    text = path.read_text()
    saderat = text.index("id: bank-saderat")
    patched = text[:saderat] + text[saderat:].replace("lifted_by: []", "lifted_by: [delist-since-2018]", 1)
    path.write_text(patched)
    with pytest.raises(CourseDataError, match="before 2018-05-08: delisting does not reach it"):
        load_catalog(data)


def test_a_layer_citing_an_unknown_source_fails_to_load(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "sanctions.yaml"
    text = path.read_text().replace("documents: [designation-e12, designation-e06]", "documents: [designation-e99]")
    path.write_text(text)
    with pytest.raises(CourseDataError, match=r"central-bank/sdgt-2019.*designation-e99"):
        load_catalog(data)


NUCLEAR_STEPS = ["statutory-waivers", "amend-regulations", "revoke-orders", "reissue-13716"]


def test_another_legal_reading_changes_which_layers_must_fall() -> None:
    """Under the report's reading the Central Bank's 2019 terrorism listing must go; under the nuclear-only
    reading (the deal lifted nuclear-related sanctions only) lifting the reimposed layers is enough."""
    assert blocks_compliance("central-bank", NUCLEAR_STEPS)
    assert not blocks_compliance("central-bank", NUCLEAR_STEPS, reading="nuclear-only")
    assert blocks_compliance("central-bank", [], reading="nuclear-only")
    # Entities with only non-nuclear counted layers need nothing under the nuclear-only reading.
    assert blocks_compliance("arian-bank") and not blocks_compliance("arian-bank", reading="nuclear-only")
    assert not blocks_compliance("metals-sectors", reading="nuclear-only")


def test_each_reading_is_sourced_and_the_report_s_comes_first() -> None:
    readings = load_catalog().sanctions.readings
    assert [r.id for r in readings][:2] == ["report", "nuclear-only"]
    assert readings[0].source.pages and readings[1].source.documents
    layer = find_entity("central-bank").layers[-1]
    assert must_fall(layer, find_reading("report")) and not must_fall(layer, find_reading("nuclear-only"))


def test_an_unknown_reading_fails_naming_it() -> None:
    with pytest.raises(UnknownNameError, match="unknown legal reading 'nuclear only'; did you mean 'nuclear-only'"):
        blocks_compliance("central-bank", reading="nuclear only")
