"""The live sanctions-wall explorer: a menu, one toggle per instrument, the wall and a plain summary.

``SanctionsExplorer()`` in a notebook shows the controls; its state is readable from Python
(``explorer.remaining``, ``explorer.blocks``, ``explorer.reading``) so assignments can build on
it. The chart is the same spec the static book binds to HTML inputs, drawn here with the
parameters fixed from the widgets' values.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from jcpoa_course.data import Catalog, SanctionsLayer, load_catalog
from jcpoa_course.logic.wall import ComplianceReading, compliance_reading, find_entity, find_instruments

from .wall_chart import wall_chart, with_choices

# JupyterLab 4 draws Vega-Lite from this mimetype with its own bundled vega, offline.
LIVE_VEGALITE_MIME = "application/vnd.vegalite.v5+json"


class SanctionsExplorer(widgets.VBox):
    """Pick an entity, toggle lifting instruments, and watch its layers fall.

    >>> explorer = SanctionsExplorer("Bank Mellat")
    >>> explorer.use(["delist-since-2018"])
    >>> [layer.id for layer in explorer.remaining]
    """

    def __init__(self, entity: str = "bank-mellat", instruments: Iterable[str] = (), catalog: Catalog | None = None):
        self._catalog = catalog or load_catalog()
        wall = self._catalog.sanctions
        first = find_entity(entity, wall).id
        chosen = find_instruments(instruments, wall)
        self._spec = wall_chart(wall).to_dict()
        self.entity_menu = widgets.Dropdown(
            options=[(e.name, e.id) for e in wall.entities], value=first, description="Entity"
        )
        self.toggles = {
            i.id: widgets.ToggleButton(
                value=i.id in chosen, description=i.short, tooltip=i.name, layout=widgets.Layout(width="auto")
            )
            for i in wall.instruments
        }
        self.chart_area = widgets.Output()
        self.summary_area = widgets.HTML()
        super().__init__(
            [self.entity_menu, widgets.HBox(list(self.toggles.values()), layout={"flex_flow": "row wrap"}),
             self.chart_area, self.summary_area]
        )
        self.entity_menu.observe(self._redraw, names="value")
        for toggle in self.toggles.values():
            toggle.observe(self._redraw, names="value")
        self._redraw()

    @property
    def entity(self) -> str:
        """The chosen entity's id."""
        return self.entity_menu.value

    @property
    def instruments(self) -> frozenset[str]:
        """The ids of the instruments toggled on."""
        return frozenset(i for i, toggle in self.toggles.items() if toggle.value)

    @property
    def reading(self) -> ComplianceReading:
        return compliance_reading(self.entity, self.instruments, self._catalog.sanctions)

    @property
    def remaining(self) -> list[SanctionsLayer]:
        """The layers still standing for the chosen entity and instruments."""
        return list(self.reading.remaining)

    @property
    def blocks(self) -> bool:
        """Whether what is left keeps the U.S. out of compliance, as the report reads it."""
        return self.reading.blocks

    @property
    def summary(self) -> str:
        return self.reading.summary(self._catalog.sanctions)

    def select(self, entity: str) -> None:
        """Choose an entity by id or name; an unknown one raises an error suggesting the closest name."""
        self.entity_menu.value = find_entity(entity, self._catalog.sanctions).id

    def toggle(self, instrument: str, on: bool = True) -> None:
        """Switch one instrument on or off by id."""
        (checked,) = find_instruments([instrument], self._catalog.sanctions)
        self.toggles[checked].value = on

    def use(self, instruments: Iterable[str]) -> None:
        """Switch on exactly these instruments (and off all others), redrawing once."""
        chosen = find_instruments(instruments, self._catalog.sanctions)
        with self.hold_redraw():
            for instrument, toggle in self.toggles.items():
                toggle.value = instrument in chosen

    def hold_redraw(self) -> _HeldRedraw:
        """Context manager: change several controls, then redraw once at the end."""
        return _HeldRedraw(self)

    _holding = False
    drawn_spec: dict[str, Any] = {}
    """The Vega-Lite spec last drawn: the book's chart with this explorer's entity and instruments fixed."""

    def _redraw(self, change: Any = None) -> None:
        if self._holding:
            return
        reading = self.reading
        for toggle in self.toggles.values():
            toggle.icon = "check" if toggle.value else ""
        self.summary_area.value = summary_html(reading, self.summary)
        self.drawn_spec = with_choices(self._spec, reading.entity.id, reading.instruments)
        bundle = {
            LIVE_VEGALITE_MIME: self.drawn_spec,
            "text/plain": f"<sanctions wall: {reading.entity.name}, {len(reading.remaining)} layers standing>",
        }
        self.chart_area.clear_output(wait=True)
        with self.chart_area:
            display(bundle, raw=True)


class _HeldRedraw:
    def __init__(self, explorer: SanctionsExplorer):
        self.explorer = explorer

    def __enter__(self) -> SanctionsExplorer:
        self.explorer._holding = True
        return self.explorer

    def __exit__(self, *exc: object) -> None:
        self.explorer._holding = False
        self.explorer._redraw()


def summary_html(reading: ComplianceReading, summary: str) -> str:
    """The summary line under the wall, with each remaining layer's note (uncertain ones flagged)."""
    colour = "#C0392B" if reading.blocks else "#1B7A50"
    notes = "".join(
        f"<li><b>{escape(layer.label)}</b>{' (uncertain)' if layer.certainty == 'uncertain' else ''}: "
        f"{escape(layer.note)}</li>"
        for layer in reading.remaining
    )
    return f'<p style="color:{colour}"><b>{escape(summary)}</b></p><ul>{notes}</ul>'
