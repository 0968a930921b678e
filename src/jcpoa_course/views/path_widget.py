"""The live choose-your-path: the current node, one button per choice, Back and Restart.

``SequencingPath()`` in a notebook shows the walk; ``path.history`` is the route taken (node
ids from the start), ``path.choices_made`` the labels clicked, so assignments can read them.
Moves go through :class:`~jcpoa_course.logic.sequencing.PathWalk`, the same rules the tests
check for every route.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from jcpoa_course.data import Catalog, PathNode, load_catalog
from jcpoa_course.logic.sequencing import PathWalk

from .static_explorer import citation_html
from .static_path import authors_reply_html


class SequencingPath(widgets.VBox):
    """Walk the report's sequencing choices from January 2021 to an ending."""

    def __init__(self, catalog: Catalog | None = None):
        self._catalog = catalog or load_catalog()
        self.walk = PathWalk(self._catalog.sequencing)
        self.node_area = widgets.HTML()
        self.choice_box = widgets.VBox()
        self.back_button = widgets.Button(description="Back", icon="arrow-left")
        self.restart_button = widgets.Button(description="Restart", icon="refresh")
        self.back_button.on_click(lambda _: self.back())
        self.restart_button.on_click(lambda _: self.restart())
        super().__init__(
            [self.node_area, self.choice_box, widgets.HBox([self.back_button, self.restart_button])]
        )
        self._redraw()

    @property
    def history(self) -> list[str]:
        """Node ids from the start to where the reader stands."""
        return list(self.walk.history)

    @property
    def choices_made(self) -> list[str]:
        return list(self.walk.choices_made)

    @property
    def current(self) -> PathNode:
        return self.walk.current

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        return list(self.choice_box.children)

    def choose(self, choice: int | str) -> PathNode:
        """Take a choice by position (0-based) or label, as clicking its button does."""
        node = self.walk.choose(choice)
        self._redraw()
        return node

    def back(self) -> PathNode:
        node = self.walk.back()
        self._redraw()
        return node

    def restart(self) -> PathNode:
        node = self.walk.restart()
        self._redraw()
        return node

    def _redraw(self) -> None:
        node = self.walk.current
        self.node_area.value = node_html(node, len(self.walk.history), self._catalog)
        buttons = []
        for index, choice in enumerate(node.choices):
            button = widgets.Button(description=choice.label, tooltip=choice.label,
                                    layout=widgets.Layout(width="auto", max_width="100%"))
            button.on_click(lambda _, i=index: self.choose(i))
            buttons.append(button)
        self.choice_box.children = buttons
        self.back_button.disabled = len(self.walk.history) == 1


def node_html(node: PathNode, step: int, catalog: Catalog) -> str:
    """The node as HTML: title, when and who decides, the situation; for an ending, outcome and reality."""
    who = f" &middot; decides: {escape(node.actor)}" if node.actor else ""
    parts = [
        f"<h3>{escape(node.title)}</h3><p><i>Step {step} &middot; {escape(node.when)}{who}</i></p>",
        f"<p>{escape(node.situation)} <small>{citation_html(node.source, catalog)}</small></p>",
    ]
    if node.kind == "ending":
        trade_offs = "".join(f"<li>{escape(item)}</li>" for item in node.trade_offs)
        sources = citation_html(node.reality_source, catalog) if node.reality_source else ""
        critics = citation_html(node.critics_source, catalog) if node.critics_source else ""
        parts += [
            f"<p><b>Ending.</b> As the authors argue: {escape(node.outcome or '')}</p>",
            f"<p>As critics argue: {escape(node.critics_view or '')} <small>{critics}</small></p>",
            authors_reply_html(node, catalog),
            f"<p>Trade-offs:</p><ul>{trade_offs}</ul>",
            "<div style='border-left:4px solid #0072B2;padding-left:8px'><b>What actually happened (after the "
            f"report):</b> {escape(node.reality or '')} <small>{sources}</small></div>",
        ]
    return "".join(parts)

