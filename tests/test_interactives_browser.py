"""The two interactives in the built book, driven in chromium with every non-local request blocked.

The wall must draw exactly the bricks :mod:`jcpoa_course.logic.wall` says are standing, for every
entity and a growing set of instruments; the path must let a reader walk every route to its
ending with Back and Restart; neither page may hold a widget that needs a kernel.
"""

from __future__ import annotations

import re

import pytest
from conftest import BookBuild, NetworkLog, offline_context
from playwright.sync_api import Browser, Page

from jcpoa_course.data import load_catalog
from jcpoa_course.logic.sequencing import routes
from jcpoa_course.logic.wall import blocks_compliance, remaining_layers

pytestmark = [pytest.mark.build, pytest.mark.browser]

WALL_PAGE = "book/explore-sanctions-wall.html"
PATH_PAGE = "book/explore-sequencing.html"
CATALOG = load_catalog()
# Instruments ticked one after another, so each entity is checked against several growing sets.
TICK_ORDER = ["delist-since-2018", "revoke-orders", "statutory-waivers", "reissue-13716", "amend-regulations"]


# Printed on every page of the book by the theme (Jupyter Book's Thebe config is written twice); the
# page-wide browser test in test_offline_browser.py owns those. These tests check the interactives' own scripts.
THEME_ERRORS = ("THEBE_JS_URL", "invalid theme mode")


def _own_errors(log: NetworkLog) -> list[str]:
    return [error for error in log.console_errors if not any(known in error for known in THEME_ERRORS)]


def _bricks(page: Page) -> int:
    return page.locator(".jcpoa-wall-explorer g.bricks_marks path").count()


def _rubble(page: Page) -> int:
    return page.locator(".jcpoa-wall-explorer g.rubble_marks path").count()


def _verdict(page: Page) -> str:
    return page.locator(".jcpoa-wall-explorer g.verdict_marks text").first.text_content() or ""


def _checkbox(page: Page, instrument_id: str):
    label = next(i.short for i in CATALOG.sanctions.instruments if i.id == instrument_id)
    return page.locator(".jcpoa-wall-explorer .vega-bindings label", has_text=label).locator("input")


def _open_wall(page: Page, book_url: str) -> None:
    """Open the explorer and wait until its live chart has replaced the build-time drawing."""
    page.goto(f"{book_url}/{WALL_PAGE}")
    page.wait_for_selector(".jcpoa-wall-explorer .jcpoa-chart[data-live=yes] g.bricks_marks")


def test_wall_answers_a_reader_who_chooses_before_vega_has_loaded(book_url: str, page: Page,
                                                                  network_log: NetworkLog) -> None:
    """The explorer arrives drawn, with its inputs already on the page. A reader saving data gets no
    vega until they use one; then the live chart takes over exactly what they chose."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(f"{book_url}/{WALL_PAGE}", wait_until="load")
    assert _bricks(page) == len(remaining_layers("bank-mellat", []))  # drawn at build time
    assert not page.evaluate("() => Boolean(window.vegaEmbed)")
    page.select_option(".jcpoa-wall-explorer .vega-bindings select", "central-bank")
    _checkbox(page, "delist-since-2018").check()
    page.wait_for_selector(".jcpoa-wall-explorer .jcpoa-chart[data-live=yes] g.bricks_marks")
    page.wait_for_function("() => document.querySelector('.jcpoa-wall-explorer select').value === 'central-bank'")
    expected = remaining_layers("central-bank", ["delist-since-2018"])
    page.wait_for_function(f"() => document.querySelectorAll('.jcpoa-wall-explorer g.bricks_marks path')"
                           f".length === {len(expected)}")
    assert _checkbox(page, "delist-since-2018").is_checked()
    assert _rubble(page) == 1
    assert network_log.external == [] and network_log.failed == [] and _own_errors(network_log) == []


def test_wall_draws_the_bricks_the_logic_leaves_for_every_entity(
    built_book: BookBuild, book_url: str, page: Page, network_log: NetworkLog
) -> None:
    _open_wall(page, book_url)
    for entity in CATALOG.sanctions.entities:
        for box in page.locator(".jcpoa-wall-explorer .vega-bindings input[type=checkbox]").all():
            box.uncheck()
        page.select_option(".jcpoa-wall-explorer .vega-bindings select", entity.id)
        chosen: list[str] = []
        for instrument in [None, *TICK_ORDER]:
            if instrument:
                _checkbox(page, instrument).check()
                chosen.append(instrument)
            expected = remaining_layers(entity.id, chosen)
            assert _bricks(page) == len(expected), (entity.id, chosen)
            assert _rubble(page) == len(entity.layers) - len(expected), (entity.id, chosen)
            blocked = blocks_compliance(entity.id, chosen)
            assert ("Nothing left keeps" in _verdict(page)) is not blocked, (entity.id, chosen, _verdict(page))
    assert network_log.external == [] and network_log.failed == []
    assert _own_errors(network_log) == []


def test_wall_falls_and_rises_again_as_a_student_toggles(book_url: str, page: Page) -> None:
    _open_wall(page, book_url)
    page.select_option(".jcpoa-wall-explorer .vega-bindings select", "central-bank")
    assert _bricks(page) == 3 and "3 layers keep" in _verdict(page)
    _checkbox(page, "delist-since-2018").check()
    assert _bricks(page) == 2 and _rubble(page) == 1
    _checkbox(page, "public-guidance").check()  # context: lifts nothing
    assert _bricks(page) == 2
    _checkbox(page, "delist-since-2018").uncheck()
    assert _bricks(page) == 3 and _rubble(page) == 0


def test_wall_marks_uncertain_layers(book_url: str, page: Page) -> None:
    _open_wall(page, book_url)
    page.select_option(".jcpoa-wall-explorer .vega-bindings select", "sina-bank")
    labels = page.locator(".jcpoa-wall-explorer svg text").all_text_contents()
    assert "SDGT listing (as the report lists it) (?)" in labels
    assert page.locator(".jcpoa-wall-explorer .jcpoa-wall-entity[data-entity=sina-bank]").count() == 1


def _current(page: Page) -> str:
    return page.locator(".jcpoa-path").get_attribute("data-current") or ""


def _visible_nodes(page: Page) -> list[str]:
    return page.locator(".jcpoa-path .jcpoa-path-node:visible").evaluate_all(
        "nodes => nodes.map(n => n.dataset.node)"
    )


# One round trip per click: click an element of the visible node (or a control), then report what shows.
_CLICK = """([selector]) => {
  const root = document.querySelector('.jcpoa-path');
  root.querySelector(selector).click();
  const shown = [...root.querySelectorAll('.jcpoa-path-node')].filter(n => !n.hidden);
  return {current: root.dataset.current, shown: shown.map(n => n.dataset.node),
          reality: shown.length ? shown[0].querySelectorAll('.after-report').length : 0};
}"""


def test_path_walks_every_route_to_its_ending_with_back(built_book: BookBuild, book_url: str, page: Page,
                                                        network_log: NetworkLog) -> None:
    """Depth-first over the graph: click a choice, recurse, then Back, so every route is walked by clicking."""
    page.goto(f"{book_url}/{PATH_PAGE}")
    page.wait_for_selector(".jcpoa-path-live")
    assert _visible_nodes(page) == [CATALOG.sequencing.start]
    walked: list[tuple[str, ...]] = []

    def explore(trail: tuple[str, ...]) -> None:
        node = CATALOG.sequencing.node(trail[-1])
        if node.kind == "ending":
            walked.append(trail)
            return
        for target in dict.fromkeys(choice.to for choice in node.choices):
            shown = page.evaluate(_CLICK, [f".jcpoa-path-node:not([hidden]) a[data-to='{target}']"])
            assert shown["shown"] == [target] and shown["current"] == target
            if CATALOG.sequencing.node(target).kind == "ending":
                assert shown["reality"] == 1  # the ending shows what actually happened
            explore((*trail, target))
            back = page.evaluate(_CLICK, [".jcpoa-path-controls button[data-action=back]"])
            assert back["shown"] == [trail[-1]]

    explore((CATALOG.sequencing.start,))
    assert sorted(walked) == sorted(routes())
    assert network_log.external == [] and _own_errors(network_log) == []


def test_path_restart_and_back_at_the_start(book_url: str, page: Page) -> None:
    page.goto(f"{book_url}/{PATH_PAGE}")
    page.wait_for_selector(".jcpoa-path-live")
    back = page.locator(".jcpoa-path-controls button[data-action=back]")
    assert back.is_disabled()
    for _ in range(3):
        page.locator(".jcpoa-path-node:visible a[data-to]").first.click()
    assert _current(page) != "day-one"
    assert "your route" in page.locator(".jcpoa-path-trail").inner_text()
    page.locator(".jcpoa-path-controls button[data-action=restart]").click()
    assert _current(page) == "day-one" and _visible_nodes(page) == ["day-one"] and back.is_disabled()


def test_path_is_readable_and_followable_without_javascript(built_book: BookBuild, book_url: str,
                                                           browser: Browser) -> None:
    context = offline_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{book_url}/{PATH_PAGE}")
        nodes = page.locator(".jcpoa-path .jcpoa-path-node:visible")
        assert nodes.count() == len(CATALOG.sequencing.nodes)
        assert page.locator(".jcpoa-path-controls").is_hidden()
        page.locator(".jcpoa-path-node[data-node=day-one] a[data-to=conditions]").click()
        assert page.url.endswith("-conditions")
    finally:
        context.close()


@pytest.mark.parametrize("name", [WALL_PAGE, PATH_PAGE])
def test_pages_hold_no_widget_that_needs_a_kernel(built_book: BookBuild, name: str) -> None:
    html = (built_book.html / name).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    for marker in ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json",
                   "jupyter-widgets", "widget-state"):
        assert marker not in html, marker
    assert "make lab" in text  # the page says how to run the live version
    assert "SanctionsExplorer" in html or "SequencingPath" in html  # and shows its code


def test_no_page_of_the_book_saves_an_ipywidget_view(built_book: BookBuild) -> None:
    offenders = [p.name for p in built_book.pages() if "application/vnd.jupyter.widget-view+json" in p.read_text()]
    assert offenders == []
