"""Keep hidden tests out of the feedback students receive.

nbgrader's feedback shows the autograded notebook, hidden tests included, and its
``ClearHiddenTests`` step removes only the *source*: a failing hidden assert still prints
a traceback that quotes the test line. :class:`HideHiddenTestOutput` runs before that step
and replaces the output of every cell holding a hidden-test region with a neutral note,
so the feedback tells a student *whether* the hidden tests passed, never *what* they check.
A check judged by the grader (:mod:`.judging`) also gives its reason ("q5_left must be a
set[str]; got list"), which is written to say what is wrong with the answer, never the key.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool

from .judging.steps import FAILED_NAME

HIDDEN_MARKER = "BEGIN HIDDEN TESTS"
PASSED_NOTE = "Hidden tests: passed.\n"
FAILED_NOTE = "Hidden tests: not passed. Re-read the question and the visible tests, then try again.\n"


def holds_hidden_tests(cell: NotebookNode) -> bool:
    """True for a code cell whose source contains a hidden-test region."""
    return cell.cell_type == "code" and HIDDEN_MARKER in cell.source


def neutral_outputs(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """One stream output saying whether the cell failed, with the judge's reason if it gave one."""
    errors = [output for output in outputs if output.get("output_type") == "error"]
    if not errors:
        return [new_output("stream", name="stdout", text=PASSED_NOTE)]
    reasons = [output.get("evalue", "") for output in errors if output.get("ename") == FAILED_NAME]
    text = f"Hidden tests: not passed: {reasons[0]}.\n" if reasons else FAILED_NOTE
    return [new_output("stream", name="stdout", text=text)]


class HideHiddenTestOutput(Preprocessor):
    """Replace the outputs of hidden-test cells by a pass/fail note (feedback step)."""

    # nbconvert preprocessors are off unless enabled; nbgrader registers this one by name only.
    enabled = Bool(True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if holds_hidden_tests(cell):
            cell.outputs = neutral_outputs(cell.get("outputs", []))
        return cell, resources
