"""The assignment notebooks: the structure the workflow relies on, and nothing secret in the release."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.course import HIDDEN_TEST_SUFFIX, VISIBLE_TEST_SUFFIX, locate_course
from jcpoa_course.instructor.nbgrader_steps import generate_assignment
from jcpoa_course.instructor.rehearsal import grade_id, scratch_course, solution_answers

COURSE = locate_course(Path(__file__).resolve().parents[1])
ASSIGNMENTS = ["communique", "sanctions-wall"]
HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def source_cells(assignment: str) -> list[nbformat.NotebookNode]:
    (notebook,) = COURSE.notebooks(assignment)
    return nbformat.read(notebook, as_version=4).cells


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def test_the_course_has_both_assignments() -> None:
    assert COURSE.assignments() == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_at_least_eight_graded_items_with_a_rubric_graded_written_answer(assignment: str) -> None:
    cells = source_cells(assignment)
    graded = [c for c in cells if nbgrader_meta(c).get("grade")]
    assert len(graded) >= 8
    written = [c for c in graded if c.cell_type == "markdown" and nbgrader_meta(c).get("solution")]
    assert len(written) >= 1
    for answer in written:
        rubric = cells[cells.index(answer) - 1]
        assert "Rubric" in rubric.source and nbgrader_meta(rubric).get("locked"), nbgrader_meta(answer)["grade_id"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_question_has_answer_visible_test_and_hidden_test(assignment: str) -> None:
    ids = [grade_id(c) for c in source_cells(assignment)]
    questions = [i.removesuffix(HIDDEN_TEST_SUFFIX) for i in ids if i.endswith(HIDDEN_TEST_SUFFIX)]
    assert len(questions) >= 7
    for question in questions:
        answer, check, hidden = (ids.index(f"{question}{suffix}") for suffix in
                                 ("-answer", VISIBLE_TEST_SUFFIX, HIDDEN_TEST_SUFFIX))
        assert answer < check < hidden, question


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_hidden_tests_sit_in_cells_of_their_own(assignment: str) -> None:
    """A visible assert sharing a cell with hidden tests would quote them in a traceback."""
    for cell in source_cells(assignment):
        if "BEGIN HIDDEN TESTS" not in cell.source:
            continue
        outside = HIDDEN_REGION.sub("", cell.source)
        code = [line for line in outside.splitlines() if line.strip() and not line.strip().startswith("#")]
        assert not code, f"{grade_id(cell)}: code outside the hidden region: {code}"
        meta = nbgrader_meta(cell)
        assert meta.get("grade") and meta.get("locked") and meta.get("points", 0) > 0, grade_id(cell)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_visible_tests_give_no_points_and_are_locked(assignment: str) -> None:
    for cell in source_cells(assignment):
        if grade_id(cell).endswith(VISIBLE_TEST_SUFFIX):
            assert nbgrader_meta(cell).get("locked") and not nbgrader_meta(cell).get("grade")


def secret_lines(source: Path) -> list[str]:
    """Distinctive lines of solutions and hidden tests that the source shows nowhere else.

    A generic line (``for entity in wall.entities:``) can sit in a hidden test and in a setup cell
    alike; finding it in the release is no leak, so lines shown outside the secret regions are left out.
    """
    secret = {line.strip() for answer in solution_answers(source).values() for line in answer.splitlines()}
    public = set()
    for cell in nbformat.read(source, as_version=4).cells:
        for region in HIDDEN_REGION.findall(cell.source):
            secret |= {line.strip() for line in region.splitlines()}
        outside = SOLUTION_REGION.sub("", HIDDEN_REGION.sub("", cell.source))
        public |= {line.strip() for line in outside.splitlines()}
    return sorted(line for line in secret - public if len(line) >= 12)


def test_the_leak_scan_has_secrets_to_look_for() -> None:
    for assignment in ASSIGNMENTS:
        lines = secret_lines(COURSE.notebooks(assignment)[0])
        assert len(lines) >= 12
        assert "for entity in wall.entities:" not in lines


@pytest.mark.grading
def test_released_notebooks_hold_no_solution_and_no_hidden_test(tmp_path: Path) -> None:
    course = scratch_course(COURSE, tmp_path / "assignments")
    for assignment in ASSIGNMENTS:
        result = generate_assignment(course, assignment)
        assert result.ok, result.log[-3000:]
        (released,) = course.notebooks(assignment, "release")
        text = released.read_text(encoding="utf-8")
        (source,) = course.notebooks(assignment)
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Model answer"):
            assert marker not in text, f"{assignment}: '{marker}' in the release"
        released_code = "\n".join(c.source for c in nbformat.read(released, as_version=4).cells)
        leaked = [line for line in secret_lines(source) if line in released_code]
        assert not leaked, f"{assignment}: secret lines in the release: {leaked}"
        assert "raise NotImplementedError()" in released_code


def test_communique_q6_gives_each_tractability_value_beside_the_chapters_label() -> None:
    """The question sends students to the chapter: every value the data can hold appears with its label."""
    from jcpoa_course.views.charts.palette import TRACTABILITY_LABELS

    (question,) = [c for c in source_cells("communique") if grade_id(c) == "q6-question"]
    for value, label in TRACTABILITY_LABELS.items():
        assert f"| `\"{value}\"` | {label} |" in question.source, value
