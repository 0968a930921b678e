"""The choose-your-path for the static book: every node as HTML, walked by a few lines of JavaScript.

Without JavaScript every node is visible and each choice is a plain link to the node it leads
to, so the whole graph can be read and followed. With JavaScript only the current node shows,
and Back and Restart buttons keep the route. The HTML is generated from the same graph the live
widget walks, so the two cannot drift apart.
"""

from __future__ import annotations

from html import escape

from jcpoa_course.data import Catalog, PathNode, load_catalog

from .render import stable_element_id
from .static_explorer import citation_html

PATH_CLASS = "jcpoa-path"

# Own colours, light on dark or dark on light alike: in the theme's dark mode, notebook output areas get a
# light background while text and links keep the dark theme's light colours, which fails contrast checks.
STYLE = """<style>
.jcpoa-path { color: #1a1a1a; background: #ffffff; padding: 0.5em 0.8em; border: 1px solid #8a8a8a;
  border-radius: 6px; }
.jcpoa-path h4 { color: #1a1a1a; margin-top: 0.4em; }
.jcpoa-path a { color: #0b4f9c; }
.jcpoa-path .jcpoa-cite { color: #4a4a4a; }
.jcpoa-path button { color: #1a1a1a; background: #e8e8e8; border: 1px solid #6b6b6b; border-radius: 4px;
  padding: 0.2em 0.8em; }
.jcpoa-path button:disabled { color: #5c5c5c; }
.jcpoa-path-live .jcpoa-path-choices li { margin: 0.3em 0; }
.jcpoa-path .after-report { color: #1a1a1a; background: #eef4fb; border-left: 4px solid #0b4f9c;
  padding: 0.2em 0.8em; }
.jcpoa-path .after-report .admonition-title { color: #1a1a1a; background: #dbe8f6; }
</style>"""

_SCRIPT = """<script type="text/javascript">
(function () {
  var root = document.getElementById("%(root_id)s");
  var start = root.getAttribute("data-start");
  var route = [start];
  var controls = root.querySelector(".jcpoa-path-controls");
  function show() {
    var current = route[route.length - 1];
    root.querySelectorAll(".jcpoa-path-node").forEach(function (node) {
      node.hidden = node.getAttribute("data-node") !== current;
    });
    root.querySelector(".jcpoa-path-trail").textContent =
      "Step " + route.length + (route.length > 1 ? " \\u00b7 your route: " + route.join(" \\u2192 ") : "");
    root.querySelector("[data-action=back]").disabled = route.length === 1;
    root.setAttribute("data-current", current);
  }
  root.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-to]");
    var button = event.target.closest("button[data-action]");
    if (event.target.closest("a.jcpoa-path-restart-link")) { event.preventDefault(); route = [start]; }
    else if (link) { event.preventDefault(); route.push(link.getAttribute("data-to")); }
    else if (button && button.getAttribute("data-action") === "back" && route.length > 1) { route.pop(); }
    else if (button && button.getAttribute("data-action") === "restart") { route = [start]; }
    else { return; }
    show();
    root.scrollIntoView({block: "nearest"});
  });
  controls.hidden = false;
  root.classList.add("jcpoa-path-live");
  show();
})();
</script>"""


def node_anchor(root_id: str, node_id: str) -> str:
    """The HTML id of a node's section, unique on the page."""
    return f"{root_id}-{node_id}"


def static_path_html(catalog: Catalog | None = None) -> str:
    """The whole graph as linked sections, plus the script that turns it into a one-node-at-a-time walk."""
    catalog = catalog or load_catalog()
    graph = catalog.sequencing
    root_id = stable_element_id(PATH_CLASS, graph.model_dump_json())
    controls = (
        '<div class="jcpoa-path-controls" hidden><button type="button" data-action="back">Back</button> '
        '<button type="button" data-action="restart">Restart</button> '
        '<span class="jcpoa-path-trail" aria-live="polite"></span></div>'
    )
    ordered = sorted(graph.nodes, key=lambda node: node.id != graph.start)
    sections = "\n".join(_node_html(node, root_id, catalog) for node in ordered)
    return (
        STYLE
        + f'<div class="{PATH_CLASS}" id="{root_id}" data-start="{graph.start}">\n{controls}\n{sections}\n</div>\n'
        + _SCRIPT % {"root_id": root_id}
    )


def _node_html(node: PathNode, root_id: str, catalog: Catalog) -> str:
    header = f"<h4>{escape(node.title)}</h4><p class=\"jcpoa-path-when\">{escape(node.when)}"
    header += f" &middot; decides: {escape(node.actor)}</p>" if node.actor else "</p>"
    body = f"<p>{escape(node.situation)} {citation_html(node.source, catalog)}</p>"
    if node.kind == "decision":
        body += _choices_html(node, root_id, catalog)
    else:
        body += _ending_html(node, root_id, catalog.sequencing.start, catalog)
    return (
        f'<section class="jcpoa-path-node" id="{node_anchor(root_id, node.id)}" data-node="{node.id}" '
        f'data-kind="{node.kind}">{header}{body}</section>'
    )


def _choices_html(node: PathNode, root_id: str, catalog: Catalog) -> str:
    items = "".join(
        f'<li><a href="#{node_anchor(root_id, choice.to)}" data-to="{choice.to}">{escape(choice.label)}</a> '
        f"{citation_html(choice.source, catalog)}</li>"
        for choice in node.choices
    )
    return f'<ol class="jcpoa-path-choices">{items}</ol>'


def _ending_html(node: PathNode, root_id: str, start: str, catalog: Catalog) -> str:
    trade_offs = "".join(f"<li>{escape(item)}</li>" for item in node.trade_offs)
    reality = node.reality_source
    return (
        f'<p class="jcpoa-path-ending-label"><strong>Ending.</strong> As the authors argue: '
        f"{escape(node.outcome or '')}</p>"
        f'<p class="jcpoa-path-critics">As critics argue: {escape(node.critics_view or "")} '
        f"{citation_html(node.critics_source, catalog) if node.critics_source else ''}</p>"
        f"{authors_reply_html(node, catalog)}"
        f"<p>Trade-offs:</p><ul>{trade_offs}</ul>"
        '<div class="admonition after-report"><p class="admonition-title">What actually happened (after the '
        f"report)</p><p>{escape(node.reality or '')} {citation_html(reality, catalog) if reality else ''}</p></div>"
        '<p class="jcpoa-path-again">Use <em>Back</em> to try another choice, or '
        f'<a class="jcpoa-path-restart-link" href="#{node_anchor(root_id, start)}">start again</a>.</p>'
    )


def authors_reply_html(node: PathNode, catalog: Catalog) -> str:
    """The authors' side's answer to the critics, where the report or the record gives one."""
    if not node.authors_reply:
        return ""
    cited = citation_html(node.authors_reply_source, catalog) if node.authors_reply_source else ""
    return f'<p class="jcpoa-path-authors-reply">The authors\' side answers: {escape(node.authors_reply)} {cited}</p>'
