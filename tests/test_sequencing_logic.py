"""The choose-your-path graph: shape, reachability, routes that end, the walk, and the static HTML."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jcpoa_course.data import CourseDataError, load_catalog
from jcpoa_course.data.loader import DATA_DIR
from jcpoa_course.data.sequencing import PathChoice, PathNode, SequencingGraph
from jcpoa_course.logic.sequencing import (
    PathWalk,
    RouteError,
    decisions,
    endings,
    find_cycle,
    graph_problems,
    reachable_nodes,
    routes,
    unreachable_nodes,
)
from jcpoa_course.views.static_path import static_path_html

CATALOG = load_catalog()
GRAPH = CATALOG.sequencing


def test_the_graph_has_enough_decisions_and_endings_and_no_problems() -> None:
    assert len(decisions()) >= 10
    assert len(endings()) >= 3
    assert graph_problems() == []


def test_it_starts_in_january_2021_with_a_new_administration() -> None:
    start = GRAPH.node(GRAPH.start)
    assert start.when == "January 2021" and start.actor == "United States"


def test_every_node_is_reachable_and_every_ending_is_reached_by_some_route() -> None:
    assert unreachable_nodes() == set()
    finals = {route[-1] for route in routes()}
    assert finals == {node.id for node in endings()}


def test_every_route_ends_at_an_ending() -> None:
    all_routes = routes()
    assert len(all_routes) > 20
    for route in all_routes:
        assert route[0] == GRAPH.start
        assert GRAPH.node(route[-1]).kind == "ending"
        assert all(GRAPH.node(node_id).kind == "decision" for node_id in route[:-1])


def test_the_report_s_choices_are_all_offered() -> None:
    text = " ".join(
        [node.situation for node in GRAPH.nodes] + [c.label for node in GRAPH.nodes for c in node.choices]
    )
    for needle in ("deadline", "IAEA", "Implementation Day", "Joint Commission", "dispute mechanism",
                   "compensation", "snap back", "Resolution 2231", "election"):
        assert needle in text, needle
    actors = {node.actor for node in decisions()}
    assert {"United States", "Iran", "UN Security Council"} <= actors


def test_endings_separate_the_report_s_argument_from_later_sourced_facts() -> None:
    for node in endings():
        assert node.source.pages, node.id
        assert node.reality_source is not None and not node.reality_source.pages
        for doc in node.reality_source.documents:
            assert CATALOG.source(doc).is_public_record


def test_every_page_cited_exists_in_the_report() -> None:
    """The report has 31 pages; the path and the wall cite only those, and only the pages on their topic."""
    for item_id, citation in CATALOG.citations():
        if item_id.startswith(("path:", "authority:", "instrument:")) or "/" in item_id:
            assert set(citation.pages) <= set(range(1, 32)), item_id
    path_pages = {p for node in GRAPH.nodes for p in node.source.pages}
    assert {8, 18, 19, 20} <= path_pages


def test_walk_choose_back_and_restart() -> None:
    walk = PathWalk()
    walk.choose("Lift the sanctions first and give Iran a deadline")
    walk.choose(0)
    assert walk.history == ["day-one", "scope", "deadline"]
    assert walk.back().id == "scope"
    assert walk.choices_made == ["Lift the sanctions first and give Iran a deadline"]
    assert walk.restart().id == "day-one" and walk.history == ["day-one"] and walk.choices_made == []
    assert walk.back().id == "day-one"  # back at the start stays there


def test_walk_reaches_an_ending_and_refuses_further_moves() -> None:
    walk = PathWalk()
    for node_id in routes()[0][1:]:
        options = [c.to for c in walk.current.choices]
        walk.choose(options.index(node_id))
    assert walk.finished
    with pytest.raises(RouteError, match="the walk has ended"):
        walk.choose(0)


def test_a_bad_choice_is_named() -> None:
    walk = PathWalk()
    with pytest.raises(RouteError, match=r"node 'day-one' has choices 0-3, not 7"):
        walk.choose(7)
    with pytest.raises(RouteError, match="has no choice 'Invade'"):
        walk.choose("Invade")


def _node(node_id: str, to: list[str]) -> PathNode:
    choices = tuple(PathChoice(label=t, to=t, source={"pages": [19]}) for t in to)
    return PathNode(id=node_id, kind="decision", title=node_id, when="2021", actor="Iran", situation="s",
                    source={"pages": [19]}, choices=choices)


def _ending(node_id: str) -> PathNode:
    return PathNode(id=node_id, kind="ending", title=node_id, when="2021", situation="s", source={"pages": [19]},
                    outcome="o", trade_offs=("t",), reality="r", reality_source={"documents": ["diplomacy-d01"]},
                    critics_view="c", critics_source={"documents": ["critic-schumer-2015"]},
                    reality_events=("vienna-talks-open",))


def test_a_loop_and_an_unreachable_node_are_found() -> None:
    graph = SequencingGraph(start="a", nodes=(_node("a", ["b", "end"]), _node("b", ["a", "end"]),
                                              _node("lost", ["end", "a"]), _ending("end")))
    assert find_cycle(graph) == ["a", "b", "a"]
    assert unreachable_nodes(graph) == {"lost"}
    assert reachable_nodes(graph) == {"a", "b", "end"}
    with pytest.raises(RouteError, match="loop"):
        routes(graph)
    assert "node 'lost' is unreachable" in graph_problems(graph)


def test_a_choice_to_an_unknown_node_fails_to_load_naming_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = data / "sequencing.yaml"
    path.write_text(path.read_text().replace("to: iaea-first", "to: iaea-frist"))
    with pytest.raises(CourseDataError, match="leads to unknown node 'iaea-frist'"):
        load_catalog(data)


def test_an_ending_without_its_reality_fails_to_load_naming_the_node(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = data / "sequencing.yaml"
    text = path.read_text()
    stripped = text.replace("  reality_source: {documents: [diplomacy-d01, diplomacy-d03]}\n", "")
    assert stripped != text
    path.write_text(stripped)
    with pytest.raises(CourseDataError, match="node 'stalemate' field '\\(node\\)'.*reality_source"):
        load_catalog(data)


def test_an_ending_without_the_critics_view_fails_to_load_naming_the_node(tmp_path: Path) -> None:
    """No path may resolve only as the authors predict: each ending states what the critics expect."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = data / "sequencing.yaml"
    text = path.read_text()
    stalemate_critics = "  critics_source: {documents: [e3-dispute-mechanism, critic-state-2020-pressure]}\n"
    path.write_text(text.replace(stalemate_critics, ""))
    with pytest.raises(CourseDataError, match="node 'stalemate'.*critics_view"):
        load_catalog(data)


def test_every_ending_gives_the_critics_view_beside_the_authors() -> None:
    for node in endings():
        assert node.outcome and node.critics_view and node.critics_source.documents, node.id
    assert "Breakdown" not in {node.title for node in endings()}


def test_the_critics_do_not_always_have_the_last_word() -> None:
    """Some endings give the authors' side's sourced answer after the critics, and both views print it there."""
    answered = [node for node in endings() if node.authors_reply]
    assert {"reimposed", "relief-taken"} <= {node.id for node in answered}
    assert all(node.authors_reply_source for node in answered)
    html = static_path_html()
    reimposed = html[html.index('data-node="reimposed"'):]
    assert "As critics argue" in reimposed
    assert reimposed.index("As critics argue") < reimposed.index("The authors' side answers")
    assert "E.O. 13846" in reimposed.split("The authors' side answers", 1)[1][:400]


def test_an_authors_reply_without_a_source_fails_to_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "sequencing.yaml").read_text()
    line = "  authors_reply_source: {documents: [reimposition-2018-winddown, jcpoa-milestone-c05]}\n"
    assert line in text
    (data / "sequencing.yaml").write_text(text.replace(line, ""))
    with pytest.raises(CourseDataError, match="authors_reply_source"):
        load_catalog(data)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.sections: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and (found.get("href") or "").startswith("#"):
            self.hrefs.append((found["href"] or "")[1:])
        if tag == "section" and found.get("data-node"):
            self.sections.append(found["data-node"] or "")


def test_static_path_has_every_node_and_every_link_lands_on_one() -> None:
    parser = _Links()
    parser.feed(static_path_html())
    assert sorted(parser.sections) == sorted(node.id for node in GRAPH.nodes)
    assert parser.hrefs and all(href in parser.ids for href in parser.hrefs)
    choice_count = sum(len(node.choices) for node in GRAPH.nodes)
    assert len(parser.hrefs) == choice_count + len(endings())  # each choice, plus "start again" per ending
