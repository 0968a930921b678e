"""Self-learners: `start` a copy, work it, `check` it against the visible tests only."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.course import CourseError, locate_course
from jcpoa_course.instructor.rehearsal import scratch_course, synthetic_submission
from jcpoa_course.instructor.self_check import (
    SELF_CHECK_MARK,
    check_notebook,
    last_check,
    record_check,
    start_assignment,
)

pytestmark = pytest.mark.grading
ASSIGNMENT = "communique"


@pytest.fixture(scope="module")
def working_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = scratch_course(locate_course(), tmp_path_factory.mktemp("course") / "assignments")
    (copy,) = start_assignment(course, ASSIGNMENT)
    return copy


def statuses(results: list) -> dict[str, str]:
    return {result.question: result.status for result in results}


def test_start_copies_the_blank_version_and_keeps_existing_work(working_copy: Path, tmp_path: Path) -> None:
    assert "BEGIN SOLUTION" not in working_copy.read_text(encoding="utf-8")
    course = scratch_course(locate_course(), tmp_path / "second" / "assignments")
    with pytest.raises(CourseError, match="exists: your work is kept"):
        start_assignment(course, ASSIGNMENT, working_copy.parent)


def test_start_puts_the_copy_in_the_learners_lab_with_a_check_cell_at_its_end(working_copy: Path) -> None:
    """By default the copy lands in notebooks/work/ beside the course: the folder `make lab` shows."""
    course_folder = working_copy.parents[3]
    assert working_copy == course_folder / "notebooks" / "work" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    heading, button = nbformat.read(working_copy, as_version=4).cells[-2:]
    assert heading.source.startswith("## Check my answers")
    assert button.source.endswith(f"check_my_answers({ASSIGNMENT + '.ipynb'!r})")
    assert button.metadata[SELF_CHECK_MARK] and button.metadata["editable"] is False


def test_blank_copy_is_reported_not_answered(working_copy: Path) -> None:
    before = working_copy.read_bytes()
    results = check_notebook(working_copy)
    assert set(statuses(results).values()) == {"not answered"}
    assert len(results) == 7
    assert working_copy.read_bytes() == before  # the check runs a copy
    assert last_check(working_copy) is None
    record_check(working_copy, results)
    assert last_check(working_copy) == statuses(results)


def test_right_and_wrong_answers_are_told_apart(working_copy: Path, tmp_path: Path) -> None:
    answers = {"q1-answer": 'q1_answer = "b"', "q2-answer": "q2_answer = 3", "q4-answer": 'q4_answer = "z"'}
    attempt = synthetic_submission(working_copy, answers, tmp_path / "attempt.ipynb")
    results = {result.question: result for result in check_notebook(attempt)}
    assert results["q1"].status == "passed"
    assert results["q2"].status == "failed" and "should be a string" in results["q2"].message
    assert results["q4"].status == "failed" and "one of 'a', 'b', 'c', 'd'" in results["q4"].message
    assert results["q3"].status == "not answered"


def test_a_wrong_but_well_formed_answer_passes_the_visible_test(working_copy: Path, tmp_path: Path) -> None:
    """Visible tests check form, not truth: they must not give the answer away."""
    attempt = synthetic_submission(working_copy, {"q1-answer": 'q1_answer = "d"'}, tmp_path / "attempt.ipynb")
    assert statuses(check_notebook(attempt))["q1"] == "passed"


def test_an_answer_cell_that_raises_is_reported(working_copy: Path, tmp_path: Path) -> None:
    attempt = synthetic_submission(working_copy, {"q1-answer": "1 / 0"}, tmp_path / "attempt.ipynb")
    (q1,) = [r for r in check_notebook(attempt) if r.question == "q1"]
    assert q1.status == "failed" and "ZeroDivisionError" in q1.message


def test_an_endless_loop_is_interrupted(working_copy: Path, tmp_path: Path) -> None:
    attempt = synthetic_submission(working_copy, {"q1-answer": "while True:\n    pass",
                                                  "q2-answer": 'q2_answer = "a"'}, tmp_path / "attempt.ipynb")
    results = statuses(check_notebook(attempt, timeout=3))
    assert results["q1"] == "failed" and results["q2"] == "passed"


def test_hidden_tests_never_run_even_in_the_instructor_version(tmp_path: Path) -> None:
    """Checking the source notebook runs its visible tests only: a hidden test that writes a file must not."""
    (source,) = locate_course().notebooks(ASSIGNMENT)
    notebook = nbformat.read(source, as_version=4)
    marker = tmp_path / "hidden-ran"
    for cell in notebook.cells:
        if "### END HIDDEN TESTS" in cell.source:
            trap = f"open({str(marker)!r}, 'w')\n### END HIDDEN TESTS"
            cell.source = cell.source.replace("### END HIDDEN TESTS", trap)
    copy = tmp_path / "source-copy.ipynb"
    nbformat.write(notebook, copy)
    results = check_notebook(copy)
    assert set(statuses(results).values()) == {"passed"}
    assert not marker.exists()


def test_a_corrupt_notebook_gets_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CourseError, match="not a readable notebook"):
        check_notebook(broken)
