"""Keep hidden tests out of the feedback students receive.

nbgrader's feedback shows the autograded notebook, hidden tests included, and its
``ClearHiddenTests`` step removes only the *source*: a failing hidden assert still prints
a traceback that quotes the test line. :class:`HideHiddenTestOutput` runs before that step
and replaces the output of every cell holding a hidden-test region with a neutral note,
so the feedback tells a student *whether* the hidden tests passed, never *what* they check.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool

HIDDEN_MARKER = "BEGIN HIDDEN TESTS"
PASSED_NOTE = "Hidden tests: passed.\n"
FAILED_NOTE = "Hidden tests: not passed. Re-read the question and the visible tests, then try again.\n"


def holds_hidden_tests(cell: NotebookNode) -> bool:
    """True for a code cell whose source contains a hidden-test region."""
    return cell.cell_type == "code" and HIDDEN_MARKER in cell.source


def neutral_outputs(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """One stream output saying only whether the cell raised an error."""
    failed = any(output.get("output_type") == "error" for output in outputs)
    return [new_output("stream", name="stdout", text=FAILED_NOTE if failed else PASSED_NOTE)]


class HideHiddenTestOutput(Preprocessor):
    """Replace the outputs of hidden-test cells by a pass/fail note (feedback step)."""

    # nbconvert preprocessors are off unless enabled; nbgrader registers this one by name only.
    enabled = Bool(True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if holds_hidden_tests(cell):
            cell.outputs = neutral_outputs(cell.get("outputs", []))
        return cell, resources
