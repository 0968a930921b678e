"""No trick earns points: every cheating submission scores no more than a blank one.

Both assignments, both graders (`jcpoa-course grade`: parallel and sandboxed; `jcpoa-course
autograde`: nbgrader's own run), with the tricks of :mod:`cheating_submissions`. Tampering with
the notebook is also named: in the grading summary, and in the feedback the student receives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cheating_submissions import write_cheats
from nbgrader.api import Gradebook, MissingEntry

from jcpoa_course.instructor.course import Course, locate_course
from jcpoa_course.instructor.grading.pool import ParallelGrader
from jcpoa_course.instructor.nbgrader_steps import autograde, generate_assignment, generate_feedback
from jcpoa_course.instructor.rehearsal import scratch_course
from jcpoa_course.instructor.workflow_commands import grader_notes

pytestmark = pytest.mark.grading

ASSIGNMENTS = ("sanctions-wall", "communique")
# What the grader must say about each piece of tampering (a fragment of the note).
EXPECTED_NOTES = {
    "raised-points": "points were changed from 1 to 100",
    "own-graded-cell": "'my-bonus' is not part of the assignment",
    "answer-cell-made-graded": "q2-answer: its 'grade' flag was changed",
    "renamed-grade-ids": "the test cell was deleted; the assignment's version was put back",
    "deleted-tests": "q1-hidden: the test cell was deleted",
    "edited-tests": "q1-hidden: the test cell was edited",
    "forged-probe": "q1-hidden: the answer could not be read from the kernel",
}


def _class_of_cheats(tmp: Path, assignment: str) -> tuple[Course, list[str]]:
    course = scratch_course(locate_course(), tmp / "assignments")
    assert generate_assignment(course, assignment).ok
    released = course.notebooks(assignment, "release")[0]
    return course, write_cheats(released, assignment, course.root / "submitted")


def _scores(course: Course, assignment: str, students: list[str]) -> dict[str, float]:
    """Each student's autograded score; a submission the grader could not grade scores 0."""
    scores = {}
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        for student in students:
            try:
                scores[student] = gradebook.find_submission(assignment, student).score
            except MissingEntry:
                scores[student] = 0.0
    return scores


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded_in_parallel(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    assignment = request.param
    course, students = _class_of_cheats(tmp_path_factory.mktemp(f"grade-{assignment}"), assignment)
    report = ParallelGrader(course.root, assignment).run(progress=False)
    feedback = generate_feedback(course, assignment)
    return {"assignment": assignment, "course": course, "students": students, "report": report,
            "feedback": feedback}


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def autograded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    assignment = request.param
    course, students = _class_of_cheats(tmp_path_factory.mktemp(f"autograde-{assignment}"), assignment)
    step = autograde(course, assignment)
    return {"assignment": assignment, "course": course, "students": students, "step": step}


def test_no_trick_beats_a_blank_submission_with_grade(graded_in_parallel: dict) -> None:
    run = graded_in_parallel
    scores = _scores(run["course"], run["assignment"], run["students"])
    assert scores["blank"] == 0
    assert {name: score for name, score in scores.items() if score > scores["blank"]} == {}
    graded = {result.student for result in run["report"].results if result.status == "graded"}
    assert graded == set(run["students"]), run["report"].summary()  # every trick was graded, none crashed


def test_no_trick_beats_a_blank_submission_with_autograde(autograded: dict) -> None:
    run = autograded
    scores = _scores(run["course"], run["assignment"], run["students"])
    assert scores["blank"] == 0
    assert {name: score for name, score in scores.items() if score > scores["blank"]} == {}
    # Only the kernel that kills itself stops nbgrader's own run for that student.
    assert set(run["step"].failed_students) <= {"kills-its-kernel"}, run["step"].log[-3000:]


def test_tampering_is_named_in_the_grading_summary(graded_in_parallel: dict) -> None:
    lines = {result.student: result.line() for result in graded_in_parallel["report"].results}
    for student, fragment in EXPECTED_NOTES.items():
        assert fragment in lines[student], lines[student]
    assert "kernel stopped in cell" in lines["kills-its-kernel"]
    assert "(" not in lines["blank"]  # an honest blank submission has nothing to report
    summary = graded_in_parallel["report"].summary()
    assert "Traceback" not in summary and "KeyError" not in summary


def test_tampering_is_named_by_autograde(autograded: dict) -> None:
    notes = grader_notes(autograded["course"], autograded["assignment"])
    for student, fragment in EXPECTED_NOTES.items():
        assert any(fragment in note for note in notes[student]), notes.get(student)
    assert "blank" not in notes


def test_tampering_is_named_in_the_feedback(graded_in_parallel: dict) -> None:
    run = graded_in_parallel
    assert run["feedback"].ok, run["feedback"].log[-2000:]
    for student, fragment in EXPECTED_NOTES.items():
        html = (run["course"].root / "feedback" / student / run["assignment"]).glob("*.html")
        text = "".join(path.read_text(encoding="utf-8") for path in html)
        assert "Grader&#39;s notes" in text or "Grader's notes" in text, student
        assert fragment.replace("'", "&#39;") in text or fragment in text, (student, fragment)
