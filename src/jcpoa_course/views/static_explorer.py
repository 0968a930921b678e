"""The sanctions-wall explorer for the static book: the bound Vega-Lite chart plus a text version.

The chart responds in the reader's browser with no kernel (its parameters are bound to HTML
inputs). The text version under it lists every entity's layers with notes and sources, so the
content stays readable without JavaScript and for screen readers.
"""

from __future__ import annotations

from html import escape

from jcpoa_course.data import Catalog, Citation, SanctionedEntity, load_catalog

from .render import vega_html
from .wall_chart import COUNTS_LABELS, wall_chart

EXPLORER_CLASS = "jcpoa-wall-explorer"

# Own colours (see static_path.STYLE for why), and the chart's inputs laid out as a compact panel.
STYLE = """<style>
.jcpoa-wall-explorer { color: #1a1a1a; background: #ffffff; padding: 0.5em 0.8em; border: 1px solid #8a8a8a;
  border-radius: 6px; }
.jcpoa-wall-explorer .vega-bindings { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; margin: 0.5em 0; }
.jcpoa-wall-explorer .vega-bind:first-child { flex-basis: 100%; }
.jcpoa-wall-explorer .vega-bind:not(:first-child) label { display: flex; align-items: center; gap: 0.3em;
  flex-direction: row-reverse; }
.jcpoa-wall-explorer select, .jcpoa-wall-explorer input { color: #1a1a1a; background: #ffffff; }
.jcpoa-wall-explorer a { color: #0b4f9c; }
.jcpoa-wall-explorer table { font-size: 0.85em; }
.jcpoa-wall-explorer th, .jcpoa-wall-explorer td { color: #1a1a1a; background: #ffffff; vertical-align: top; }
</style>"""


def static_wall_explorer_html(catalog: Catalog | None = None, entity: str | None = None) -> str:
    """HTML for the book page: the interactive wall, then every layer as text."""
    catalog = catalog or load_catalog()
    chart = vega_html(wall_chart(catalog.sanctions, entity=entity))
    return f'{STYLE}<div class="{EXPLORER_CLASS}">\n{chart}\n{wall_text_html(catalog)}\n</div>'


def wall_text_html(catalog: Catalog) -> str:
    """Every entity as a short section: its note and a table of its layers."""
    sections = "\n".join(_entity_html(entity, catalog) for entity in catalog.sanctions.entities)
    return (
        '<details class="jcpoa-wall-text"><summary>Every entity and layer as text, with notes and sources'
        f"</summary>\n{sections}\n</details>"
    )


def _entity_html(entity: SanctionedEntity, catalog: Catalog) -> str:
    authorities = {a.id: a.name for a in catalog.sanctions.authorities}
    instruments = {i.id: i.short for i in catalog.sanctions.instruments}
    rows = []
    for layer in entity.layers:
        falls = ", ".join(instruments[i] for i in layer.lifted_by) or "no step in the report's plan"
        certainty = "uncertain" if layer.certainty == "uncertain" else "documented"
        rows.append(
            "<tr>"
            f"<td>{escape(layer.label)}</td>"
            f"<td>{escape(', '.join(authorities[a] for a in layer.authorities))}</td>"
            f"<td>{escape(layer.program)}</td><td>{escape(layer.date)}</td>"
            f"<td>{escape(COUNTS_LABELS[layer.counts])}</td><td>{certainty}</td>"
            f"<td>{escape(falls)}</td>"
            f"<td>{escape(layer.note)} {citation_html(layer.source, catalog)}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>Layer</th><th>Authority</th><th>Program</th><th>Date</th><th>Report's reading</th>"
        "<th>Certainty</th><th>Falls with</th><th>Note and sources</th></tr>"
    )
    return (
        f'<section class="jcpoa-wall-entity" data-entity="{entity.id}"><h4>{escape(entity.name)}</h4>'
        f"<p>{escape(entity.note)}</p><table>{head}{''.join(rows)}</table></section>"
    )


def citation_html(citation: Citation, catalog: Catalog) -> str:
    """A citation as text: the report's pages, then each document's title linked to its address."""
    parts = [f"Report {citation.label}"] if citation.pages else []
    for doc_id in citation.documents:
        document = catalog.source(doc_id)
        if document.url is None:  # cited by its identity only (sources.yaml says why there is no link)
            parts.append(escape(f"{document.title} ({document.issuer}, {document.date[:4]})"))
        else:
            parts.append(f'<a href="{escape(str(document.url))}">{escape(document.title)}</a>')
    return f'<span class="jcpoa-cite">({"; ".join(parts)})</span>'
