"""The instructor workflow end to end on a scratch copy of the course: release, collect, autograde,
feedback and export, with synthetic submissions that are right, wrong, broken or malicious.

One nbgrader run per assignment grades the whole batch (as an instructor would); the tests then
read the gradebook, the feedback HTML and the exported CSV.
"""

from __future__ import annotations

import csv
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.collect import collect_submissions
from jcpoa_course.instructor.course import Course, locate_course
from jcpoa_course.instructor.export import export_grades, read_grades
from jcpoa_course.instructor.nbgrader_steps import autograde, generate_assignment, generate_feedback
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission

pytestmark = pytest.mark.grading

WALL, COMMUNIQUE = "sanctions-wall", "communique"
WALL_AUTO, COMMUNIQUE_AUTO = 15.0, 10.0  # autograded points of the two assignments
CELL_TIMEOUT = 5  # seconds, so the infinite loop costs little
WRITTEN = "The authors argue that ... (a student's written answer, left for the instructor to grade)."


def wall_submissions(answers: dict[str, str]) -> dict[str, tuple[dict, dict]]:
    """Synthetic sanctions-wall students: name -> (keyword arguments, expected autograded score)."""
    hidden = [f"q{n}-hidden" for n in range(1, 10)]
    checks = [f"q{n}-check" for n in range(1, 10)]
    wrong_types = {
        "q1-answer": "q1_answer = 2",
        "q2-answer": answers["q2-answer"],
        "q3-answer": 'q3_wall_blocks_return = "False"\nq3_needs_congress_review = "False"',
        "q4-answer": answers["q4-answer"],
        "q5-answer": answers["q5-answer"].replace("{layer.id", "[layer.id").replace(")}", ")]"),
        "q6-answer": "def non_nuclear_to_lift(entity_id):\n    return tuple()",
        **{key: answers[key] for key in ("q7-answer", "q8-answer", "q9-answer")},
    }
    return {
        "sol": ({"answers": {**answers, "q10-answer": WRITTEN}}, 15.0),
        "blank": ({"answers": {}}, 0.0),
        "partial": ({"answers": {"q1-answer": 'q1_answer = "b"', "q2-answer": 'q2_entity = "bank-saderat"',
                                 "q5-answer": 'q5_left = {"sdgt-2018"}'}}, 2.0),
        "wrong-types": ({"answers": wrong_types}, 7.0),
        # nbgrader puts deleted test cells back; a deleted answer cell loses its question.
        "deleted-cells": ({"answers": answers, "drop": ["q1-hidden", "q5-hidden", "q3-check", "q9-answer"]}, 14.0),
        # Tests edited to pass: nbgrader restores them from the gradebook, so q1's wrong answer still fails.
        "edited-tests": ({"answers": {**answers, "q1-answer": 'q1_answer = "a"'},
                          "replace": {cell: "pass" for cell in hidden + checks}}, 14.0),
        "infinite-loop": ({"answers": {**answers, "q5-answer": "while True:\n    pass"}}, 13.0),
        "exception": ({"answers": {**answers, "q6-answer": 'raise RuntimeError("boom")'}}, 13.0),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A scratch course with both assignments released, submitted, autograded, with feedback."""
    course = scratch_course(locate_course(), tmp_path_factory.mktemp("course") / "assignments")
    for assignment in (WALL, COMMUNIQUE):
        assert generate_assignment(course, assignment).ok
    inbox = tmp_path_factory.mktemp("inbox")
    expected = _make_wall_inbox(course, inbox / WALL)
    _make_communique_inbox(course, inbox / COMMUNIQUE)
    collected = {a: collect_submissions(course, a, inbox / a) for a in (WALL, COMMUNIQUE)}
    extra = [f"--Execute.timeout={CELL_TIMEOUT}"]
    runs = {a: autograde(course, a, extra=extra) for a in (WALL, COMMUNIQUE)}
    feedback = {a: generate_feedback(course, a) for a in (WALL, COMMUNIQUE)}
    return {"course": course, "expected": expected, "collected": collected, "runs": runs, "feedback": feedback}


def _make_wall_inbox(course: Course, inbox: Path) -> dict[str, float]:
    released = course.notebooks(WALL, "release")[0]
    answers = solution_answers(course.notebooks(WALL)[0])
    expected = {}
    for student, (kwargs, score) in wall_submissions(answers).items():
        synthetic_submission(released, target=inbox / student / released.name, **kwargs)
        expected[student] = score
    (inbox / "corrupt").mkdir()
    (inbox / "corrupt" / released.name).write_text('{"cells": [ this is not JSON', encoding="utf-8")
    return expected


def _make_communique_inbox(course: Course, inbox: Path) -> None:
    released = course.notebooks(COMMUNIQUE, "release")[0]
    answers = solution_answers(course.notebooks(COMMUNIQUE)[0])
    # the flat <student>.ipynb layout
    synthetic_submission(released, {**answers, "q8-answer": WRITTEN}, inbox / "sol.ipynb")
    synthetic_submission(released, {}, inbox / "blank.ipynb")


def _scores(course: Course, assignment: str) -> dict[str, float]:
    from nbgrader.api import Gradebook, MissingEntry

    scores = {}
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        for student in gradebook.students:
            try:
                scores[student.id] = gradebook.find_submission(assignment, student.id).score
            except MissingEntry:
                continue
    return scores


def test_every_submission_is_collected(graded: dict) -> None:
    assert sorted(graded["collected"][WALL].students) == sorted([*graded["expected"], "corrupt"])
    assert sorted(graded["collected"][COMMUNIQUE].students) == ["blank", "sol"]


def test_solutions_score_full_autograded_points_and_blank_scores_zero(graded: dict) -> None:
    course = graded["course"]
    assert _scores(course, WALL)["sol"] == WALL_AUTO
    assert _scores(course, WALL)["blank"] == 0
    assert _scores(course, COMMUNIQUE) == {"sol": COMMUNIQUE_AUTO, "blank": 0}


def test_each_synthetic_submission_gets_its_expected_score(graded: dict) -> None:
    assert _scores(graded["course"], WALL) == {**graded["expected"], "corrupt": 0.0}


def test_corrupt_notebook_is_recorded_and_the_batch_completes(graded: dict) -> None:
    run = graded["runs"][WALL]
    assert run.failed_students == ("corrupt",)
    assert run.returncode == 1  # nbgrader reports the failure at the end, after grading everyone else
    assert _scores(graded["course"], WALL)["corrupt"] == 0  # recorded in the gradebook, with no points
    graded_folders = {p.name for p in (graded["course"].root / "autograded").iterdir()}
    assert set(graded["expected"]) <= graded_folders
    assert "corrupt" not in graded_folders


def test_edited_tests_were_restored(graded: dict) -> None:
    notebook = graded["course"].step_dir("autograded", WALL, "edited-tests") / f"{WALL}.ipynb"
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(notebook, as_version=4).cells
             if "nbgrader" in c.metadata}
    assert "BEGIN HIDDEN TESTS" in cells["q1-hidden"].source
    assert cells["q1-check"].source != "pass"


def test_deleted_test_cells_were_put_back(graded: dict) -> None:
    notebook = graded["course"].step_dir("autograded", WALL, "deleted-cells") / f"{WALL}.ipynb"
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(notebook, as_version=4).cells
             if "nbgrader" in c.metadata}
    assert "was missing from the submission" in cells["q5-hidden"].source
    assert not any(output.output_type == "error" for output in cells["q5-hidden"].outputs)


def test_infinite_loop_is_interrupted_as_an_error(graded: dict) -> None:
    notebook = graded["course"].step_dir("autograded", WALL, "infinite-loop") / f"{WALL}.ipynb"
    cell = next(c for c in nbformat.read(notebook, as_version=4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "q5-answer")
    assert any(output.output_type == "error" for output in cell.outputs)


# --- leak scan: feedback -----------------------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text of an HTML page (code included), without tags, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"[ \t]+", " ", html.unescape("".join(parser.parts)))


def public_lines(course: Course, assignment: str) -> set[str]:
    """Lines anyone can read in the released notebook: finding them elsewhere is no leak."""
    (released,) = course.notebooks(assignment, "release")
    cells = nbformat.read(released, as_version=4).cells
    return {line.strip() for cell in cells for line in cell.source.splitlines()}


def hidden_test_lines(course: Course, assignment: str) -> list[str]:
    """The distinctive lines of every hidden-test region of the source notebook."""
    lines = []
    for cell in nbformat.read(course.notebooks(assignment)[0], as_version=4).cells:
        for region in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.S):
            lines += [line.strip() for line in region.splitlines() if len(line.strip()) >= 12]
    return [line for line in lines if line not in public_lines(course, assignment)]


def solution_lines(course: Course, assignment: str) -> list[str]:
    answers = solution_answers(course.notebooks(assignment)[0]).values()
    lines = [line.strip() for answer in answers for line in answer.splitlines() if len(line.strip()) >= 12]
    return [line for line in lines if line not in public_lines(course, assignment)]


def test_feedback_never_shows_hidden_tests(graded: dict) -> None:
    course = graded["course"]
    for assignment in (WALL, COMMUNIQUE):
        assert graded["feedback"][assignment].ok, graded["feedback"][assignment].log[-3000:]
        pages = sorted((course.root / "feedback").glob(f"*/{assignment}/*.html"))
        assert len(pages) >= 2
        secrets = hidden_test_lines(course, assignment)
        assert secrets
        for page in pages:
            text = page_text(page)
            assert "Hidden tests:" in text  # the neutral note that replaces their output
            leaked = [line for line in secrets if line in text]
            assert not leaked, f"{page}: hidden test lines in feedback: {leaked}"


def test_feedback_of_a_blank_submission_shows_no_solution(graded: dict) -> None:
    course = graded["course"]
    for assignment in (WALL, COMMUNIQUE):
        page = course.step_dir("feedback", assignment, "blank") / f"{assignment}.html"
        text = page_text(page)
        leaked = [line for line in solution_lines(course, assignment) if line in text]
        assert not leaked, f"{page}: solution lines in feedback: {leaked}"


# --- export ------------------------------------------------------------------------------------------


def test_export_has_one_row_per_student_with_expected_totals(graded: dict, tmp_path: Path) -> None:
    course = graded["course"]
    out = tmp_path / "grades.csv"
    export_grades(course, out, "plain")
    rows = {row["student_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    students = {*graded["expected"], "corrupt"}
    assert set(rows) == students
    communique = {"sol": COMMUNIQUE_AUTO, "blank": 0.0}
    for student in students:
        wall = graded["expected"].get(student, 0.0)
        assert float(rows[student][WALL]) == wall
        assert float(rows[student][COMMUNIQUE]) == communique.get(student, 0.0)
        assert float(rows[student]["total"]) == wall + communique.get(student, 0.0)
        assert float(rows[student]["max_total"]) == 20.0 + 22.0  # both assignments, written answers included
    assert rows["sol"]["manual_grading_pending"] == "2"


@pytest.mark.parametrize(("fmt", "id_column", "total_column"), [
    ("canvas", "SIS Login ID", "Final Points"), ("moodle", "Username", "Total"),
])
def test_lms_formats_carry_the_same_totals(graded: dict, tmp_path: Path, fmt: str, id_column: str,
                                           total_column: str) -> None:
    out = tmp_path / f"{fmt}.csv"
    export_grades(graded["course"], out, fmt)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    totals = {g.student_id: g.total for g in read_grades(graded["course"])}
    assert len(rows) == len(totals)
    assert {row[id_column]: float(row[total_column]) for row in rows} == totals
    assert totals["sol"] == WALL_AUTO + COMMUNIQUE_AUTO


def test_hand_graded_points_reach_the_export(graded: dict, tmp_path: Path) -> None:
    """Grade the written answer as the formgrader does (a manual score in the gradebook), then export.

    Runs last: it changes the gradebook the other tests read.
    """
    from nbgrader.api import Gradebook

    course = graded["course"]
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        grade = gradebook.find_grade("q10-answer", WALL, WALL, "sol")
        assert grade.needs_manual_grade
        grade.manual_score = 4
        grade.needs_manual_grade = False  # what the formgrader's API does with a score
        gradebook.db.commit()
    out = tmp_path / "after-manual.csv"
    export_grades(course, out, "plain")
    row = next(r for r in csv.DictReader(out.open(encoding="utf-8")) if r["student_id"] == "sol")
    assert float(row[WALL]) == WALL_AUTO + 4
    assert float(row["total"]) == WALL_AUTO + 4 + COMMUNIQUE_AUTO
    assert row["manual_grading_pending"] == "1"  # the communique's written answer still waits
