"""Walking the choose-your-path graph: moves, back and restart, and checks that every route ends.

Pure logic over :class:`~jcpoa_course.data.SequencingGraph`; the live buttons, the static
page and the tests all drive a :class:`PathWalk` or call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data import PathNode, SequencingGraph, load_catalog


class RouteError(ValueError):
    """A move that the graph does not allow, named with where the walk stands."""


def _graph(graph: SequencingGraph | None) -> SequencingGraph:
    return graph if graph is not None else load_catalog().sequencing


def successors(node: PathNode) -> list[str]:
    """Ids of the nodes a decision's choices lead to, in order (no duplicates)."""
    return list(dict.fromkeys(choice.to for choice in node.choices))


def reachable_nodes(graph: SequencingGraph | None = None) -> set[str]:
    """Ids of every node a reader can reach from the start."""
    graph = _graph(graph)
    seen, frontier = {graph.start}, [graph.start]
    while frontier:
        for target in successors(graph.node(frontier.pop())):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def unreachable_nodes(graph: SequencingGraph | None = None) -> set[str]:
    """Ids of nodes no route reaches: dead text a reader could never see."""
    graph = _graph(graph)
    return {node.id for node in graph.nodes} - reachable_nodes(graph)


def find_cycle(graph: SequencingGraph | None = None) -> list[str] | None:
    """A loop of node ids if there is one; a loop would make a route that never ends."""
    graph = _graph(graph)
    state: dict[str, str] = {}

    def visit(node_id: str, trail: list[str]) -> list[str] | None:
        state[node_id] = "open"
        for target in successors(graph.node(node_id)):
            if state.get(target) == "open":
                return trail[trail.index(target) :] + [target]
            if target not in state and (loop := visit(target, trail + [target])):
                return loop
        state[node_id] = "done"
        return None

    return visit(graph.start, [graph.start])


def routes(graph: SequencingGraph | None = None) -> list[tuple[str, ...]]:
    """Every route from the start to an ending, as node ids; fails on a loop rather than running forever."""
    graph = _graph(graph)
    loop = find_cycle(graph)
    if loop:
        raise RouteError(f"the path graph has a loop, so some routes never end: {' -> '.join(loop)}")

    def walk(node_id: str) -> list[tuple[str, ...]]:
        node = graph.node(node_id)
        if node.kind == "ending":
            return [(node_id,)]
        return [(node_id, *rest) for target in successors(node) for rest in walk(target)]

    return walk(graph.start)


def graph_problems(graph: SequencingGraph | None = None) -> list[str]:
    """Everything that would spoil the path for a reader: unreachable nodes, loops, too few endings."""
    graph = _graph(graph)
    problems = [f"node '{node_id}' is unreachable" for node_id in sorted(unreachable_nodes(graph))]
    loop = find_cycle(graph)
    if loop:
        problems.append(f"loop: {' -> '.join(loop)}")
    if len(endings(graph)) < 3:
        problems.append("fewer than three endings")
    return problems


def endings(graph: SequencingGraph | None = None) -> list[PathNode]:
    """The ending nodes, in file order."""
    return [node for node in _graph(graph).nodes if node.kind == "ending"]


def decisions(graph: SequencingGraph | None = None) -> list[PathNode]:
    """The decision nodes, in file order."""
    return [node for node in _graph(graph).nodes if node.kind == "decision"]


@dataclass
class PathWalk:
    """One reader's walk through the graph: where they are, how they got there, back and restart."""

    graph: SequencingGraph = field(default_factory=lambda: load_catalog().sequencing)
    history: list[str] = field(default_factory=list)
    choices_made: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.history:
            self.history = [self.graph.start]

    @property
    def current(self) -> PathNode:
        return self.graph.node(self.history[-1])

    @property
    def finished(self) -> bool:
        return self.current.kind == "ending"

    def choose(self, choice: int | str) -> PathNode:
        """Take a choice by its position (0-based) or its exact label; return the node it leads to."""
        options = self.current.choices
        if self.finished:
            raise RouteError(f"the walk has ended at '{self.current.id}'; use back() or restart()")
        index = self._index(choice, [c.label for c in options])
        self.history.append(options[index].to)
        self.choices_made.append(options[index].label)
        return self.current

    def _index(self, choice: int | str, labels: list[str]) -> int:
        if isinstance(choice, int) and not isinstance(choice, bool):
            if 0 <= choice < len(labels):
                return choice
            raise RouteError(f"node '{self.current.id}' has choices 0-{len(labels) - 1}, not {choice}")
        if choice in labels:
            return labels.index(choice)
        raise RouteError(f"node '{self.current.id}' has no choice {choice!r}; its choices are {labels}")

    def back(self) -> PathNode:
        """Undo the last choice; at the start, stay there."""
        if len(self.history) > 1:
            self.history.pop()
            self.choices_made.pop()
        return self.current

    def restart(self) -> PathNode:
        """Go back to the start and forget the route."""
        self.history[:] = [self.graph.start]
        self.choices_made.clear()
        return self.current
