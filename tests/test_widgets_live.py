"""The live widgets, driven in a real Jupyter kernel through nbclient: set values, click buttons, read state.

Each test writes a small notebook whose cells act like a student (changing a dropdown's value,
toggling a button, calling ``.click()`` on a button) and print the widget's state as JSON; the
test then reads the executed notebook's outputs. The course's own lab notebooks are executed too.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from jcpoa_course.kernel_replies import PromptKernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def run_cells(*sources: str) -> nbformat.NotebookNode:
    """Execute the cells in a fresh python3 kernel, storing widget state as a front end would."""
    notebook = new_notebook(cells=[new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=True,
                   kernel_manager_class=PromptKernelManager,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


def printed_json(cell: nbformat.NotebookNode) -> object:
    text = "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def explorer_run() -> nbformat.NotebookNode:
    return run_cells(
        "from jcpoa_course import SanctionsExplorer\nexplorer = SanctionsExplorer()\nexplorer",
        # like a student: pick the Central Bank in the menu, then press the 'Delist since 2018' toggle
        "import json\n"
        "explorer.entity_menu.value = 'central-bank'\n"
        "explorer.toggles['delist-since-2018'].value = True\n"
        "params = {p['name']: p['value'] for p in explorer.drawn_spec['params']}\n"
        "print(json.dumps({'remaining': [l.id for l in explorer.remaining], 'blocks': explorer.blocks,\n"
        "  'summary': explorer.summary, 'html': explorer.summary_area.value, 'params': params}))",
        "explorer.use(['statutory-waivers', 'amend-regulations', 'revoke-orders', 'reissue-13716',\n"
        "              'delist-since-2018'])\n"
        "print(json.dumps({'remaining': [l.id for l in explorer.remaining], 'blocks': explorer.blocks,\n"
        "  'html': explorer.summary_area.value}))",
        "try:\n    explorer.select('Bank Mellatt')\nexcept LookupError as error:\n"
        "    print(json.dumps({'error': str(error), 'entity': explorer.entity}))",
    )


def test_explorer_displays_as_a_widget(explorer_run: nbformat.NotebookNode) -> None:
    outputs = explorer_run.cells[0].outputs
    assert any(WIDGET_VIEW in output.get("data", {}) for output in outputs)
    state = explorer_run.metadata["widgets"][WIDGET_STATE]["state"]
    models = {model["model_name"] for model in state.values()}
    assert {"DropdownModel", "ToggleButtonModel", "OutputModel", "HTMLModel"} <= models


def test_changing_the_controls_updates_state_summary_and_chart(explorer_run: nbformat.NotebookNode) -> None:
    state = printed_json(explorer_run.cells[1])
    assert state["remaining"] == ["reimposed-statutes", "reimposed-order"]
    assert state["blocks"] is True
    assert state["summary"].startswith("Central Bank of Iran: 2 of 3 layers stand.")
    assert "Central Bank of Iran: 2 of 3 layers stand." in state["html"]
    assert state["params"]["entity"] == "central-bank"
    assert state["params"]["use_delist_since_2018"] is True and state["params"]["use_revoke_orders"] is False


def test_the_chart_is_redrawn_into_the_output_widget(explorer_run: nbformat.NotebookNode) -> None:
    state = explorer_run.metadata["widgets"][WIDGET_STATE]["state"]
    outputs = [m["state"].get("outputs", []) for m in state.values() if m["model_name"] == "OutputModel"]
    drawn = [o for group in outputs for o in group if "application/vnd.vegalite.v5+json" in o.get("data", {})]
    assert len(drawn) == 1  # clear_output(wait=True) keeps only the latest wall
    assert "Central Bank of Iran, 0 layers standing" in drawn[0]["data"]["text/plain"]


def test_all_core_instruments_clear_the_central_bank(explorer_run: nbformat.NotebookNode) -> None:
    state = printed_json(explorer_run.cells[2])
    assert state == {"remaining": [], "blocks": False, "html": state["html"]}
    assert "Nothing left keeps the U.S. out of compliance" in state["html"]


def test_an_unknown_entity_gives_a_clear_error_and_leaves_the_explorer_as_it_was(
    explorer_run: nbformat.NotebookNode,
) -> None:
    state = printed_json(explorer_run.cells[3])
    assert state == {"error": "unknown entity 'Bank Mellatt'; did you mean 'Bank Mellat'?", "entity": "central-bank"}


def test_path_buttons_move_back_and_restart() -> None:
    run = run_cells(
        "import json\nfrom jcpoa_course import SequencingPath\npath = SequencingPath()\npath",
        "path.choice_buttons[0].click()\npath.choice_buttons[1].click()\n"
        "print(json.dumps({'history': path.history, 'choices': path.choices_made,"
        " 'shown': path.node_area.value, 'buttons': [b.description for b in path.choice_buttons]}))",
        "path.back_button.click()\nprint(json.dumps({'history': path.history, 'back': path.back_button.disabled}))",
        "path.restart_button.click()\nprint(json.dumps({'history': path.history, 'back': path.back_button.disabled}))",
        "for label in ['Set conditions first and seek a broader deal',"
        " 'Hold out for a broader agreement before returning']:\n"
        "    next(b for b in path.choice_buttons if b.description == label).click()\n"
        "print(json.dumps({'history': path.history, 'buttons': len(path.choice_buttons),"
        " 'shown': path.node_area.value}))",
    )
    assert any(WIDGET_VIEW in output.get("data", {}) for output in run.cells[0].outputs)
    moved = printed_json(run.cells[1])
    assert moved["history"] == ["day-one", "scope", "partial-reply"]
    assert moved["choices"][0] == "Lift the sanctions first and give Iran a deadline"
    assert "Tehran points to the layers left standing" in moved["shown"]
    assert moved["buttons"] == ["Delist them as well and pay the political price", "Keep them in place"]
    assert printed_json(run.cells[2]) == {"history": ["day-one", "scope"], "back": False}
    assert printed_json(run.cells[3]) == {"history": ["day-one"], "back": True}
    ended = printed_json(run.cells[4])
    assert ended["history"] == ["day-one", "conditions", "breakdown"] and ended["buttons"] == 0
    assert "What actually happened (after the report)" in ended["shown"]


@pytest.mark.parametrize("name", ["sanctions-wall-explorer.ipynb", "choose-your-path.ipynb"])
def test_the_lab_notebooks_run_and_show_their_widget(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", kernel_manager_class=PromptKernelManager,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(WIDGET_VIEW in output.get("data", {}) for output in outputs)
