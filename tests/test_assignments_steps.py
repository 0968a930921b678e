"""Unit tests of the course's own nbgrader steps: hiding hidden-test output in feedback, and where a
deleted test cell goes back."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_notebook, new_output

from jcpoa_course.instructor.grading.feedback_privacy import FAILED_NOTE, PASSED_NOTE, HideHiddenTestOutput
from jcpoa_course.instructor.grading.restore_cells import cell_positions, insertion_index

HIDDEN = "# comment\n### BEGIN HIDDEN TESTS\nassert secret_answer == 42\n### END HIDDEN TESTS"
TRACEBACK = new_output("error", ename="AssertionError", evalue="",
                       traceback=["----> 3 assert secret_answer == 42"])


def hide(cells: list) -> list:
    notebook, _ = HideHiddenTestOutput().preprocess(new_notebook(cells=cells), {})
    return notebook.cells


def test_a_failing_hidden_test_shows_only_a_neutral_note() -> None:
    (cell,) = hide([new_code_cell(HIDDEN, outputs=[TRACEBACK])])
    assert [output.text for output in cell.outputs] == [FAILED_NOTE]
    assert "secret_answer" not in str(cell.outputs)


def test_a_passing_hidden_test_says_so() -> None:
    (cell,) = hide([new_code_cell(HIDDEN, outputs=[])])
    assert [output.text for output in cell.outputs] == [PASSED_NOTE]


def test_other_cells_keep_their_output() -> None:
    visible = new_code_cell("assert x == 1", outputs=[TRACEBACK])
    (cell,) = hide([visible])
    assert cell.outputs == [TRACEBACK]


def test_deleted_cell_goes_after_the_nearest_earlier_cell_still_present() -> None:
    order = ["q1-question", "q1-answer", "q1-check", "q1-hidden", "q2-question"]
    assert insertion_index(order, "q1-hidden", {"q1-question": 0, "q1-answer": 1, "q1-check": 2}) == 3
    # the visible check was deleted too: fall back to the answer cell
    assert insertion_index(order, "q1-hidden", {"q1-question": 0, "q1-answer": 1}) == 2
    assert insertion_index(order, "q1-question", {"q2-question": 0}) == 0


def test_cell_positions_reads_nbgrader_ids() -> None:
    cells = [new_code_cell("x", metadata={"nbgrader": {"grade_id": "a"}}), new_code_cell("y")]
    assert cell_positions(new_notebook(cells=cells)) == {"a": 0}
