"""No trick earns points: every cheating submission scores no more than a blank one.

Both assignments, both graders (`jcpoa-course grade`: parallel and sandboxed; `jcpoa-course
autograde`: nbgrader's own run), with the tricks of :mod:`cheating_submissions`. Tampering with
the notebook is also named: in the grading summary, and in the feedback the student receives.
"""

from __future__ import annotations

import html
import shutil
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
    "raised-points": "q1-hidden, q2-hidden, q3-hidden, q4-hidden, q5-hidden, q6-hidden, q7-hidden",
    "own-graded-cell": "my-bonus: marked for grading but not part of the assignment: ignored",
    "answer-cell-made-graded": "q2-answer: its 'grade' flag was changed to True; set back",
    "renamed-grade-ids": "q1-hidden-mine, q2-hidden-mine, q3-hidden-mine, q4-hidden-mine",
    "deleted-tests": "q1-hidden, q2-hidden, q3-hidden, q4-hidden, q5-hidden, q6-hidden, q7-hidden",
    "edited-tests": "q1-hidden, q2-hidden, q3-hidden, q4-hidden, q5-hidden, q6-hidden, q7-hidden",
    "forged-probe": "q1-hidden, q2-hidden, q3-hidden, q4-hidden, q5-hidden, q6-hidden, q7-hidden",
}
# ... and what it says of them.
EXPECTED_WHAT = {
    "raised-points": "its points were changed; the assignment's points count",
    "own-graded-cell": "a cell marked for grading without a grade id is not part of the assignment: ignored",
    "answer-cell-made-graded": "set back",
    "renamed-grade-ids": "marked for grading but not part of the assignment: ignored",
    "deleted-tests": "the test cell was deleted; the assignment's version was put back",
    "edited-tests": "the test cell was edited; the assignment's version was graded",
    "forged-probe": "the answer could not be read from the kernel (scored 0)",
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


def _feedback_pages(course: Course, assignment: str, students: list[str]) -> dict[str, str]:
    """Each student's feedback, as text a reader sees."""
    pages = {}
    for student in students:
        files = (course.root / "feedback" / student / assignment).glob("*.html")
        pages[student] = html.unescape("".join(path.read_text(encoding="utf-8") for path in files))
    return pages


def _forget_grading(course: Course, assignment: str, students: list[str]) -> None:
    """Remove the first grader's results, so the second one's are read from a clean slate."""
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        for student in students:
            gradebook.remove_submission(assignment, student)
    shutil.rmtree(course.root / "autograded")


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded_both_ways(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One class of cheats per assignment, graded by `grade`, then (from a clean slate) by `autograde`.

    Both graders read the same submissions: one class per assignment instead of one per grader.
    """
    assignment = request.param
    course, students = _class_of_cheats(tmp_path_factory.mktemp(f"cheats-{assignment}"), assignment)
    report = ParallelGrader(course.root, assignment).run(progress=False)
    feedback = generate_feedback(course, assignment)
    parallel = {"scores": _scores(course, assignment, students), "report": report, "feedback": feedback,
                "pages": _feedback_pages(course, assignment, students)}
    _forget_grading(course, assignment, students)
    step = autograde(course, assignment)
    sequential = {"scores": _scores(course, assignment, students), "step": step,
                  "notes": grader_notes(course, assignment)}
    return {"assignment": assignment, "students": students, "grade": parallel, "autograde": sequential}


def test_no_trick_beats_a_blank_submission_with_grade(graded_both_ways: dict) -> None:
    run = graded_both_ways["grade"]
    scores = run["scores"]
    assert scores["blank"] == 0
    assert {name: score for name, score in scores.items() if score > scores["blank"]} == {}
    graded = {result.student for result in run["report"].results if result.status == "graded"}
    assert graded == set(graded_both_ways["students"]), run["report"].summary()  # every trick graded, none crashed


def test_no_trick_beats_a_blank_submission_with_autograde(graded_both_ways: dict) -> None:
    run = graded_both_ways["autograde"]
    scores = run["scores"]
    assert scores["blank"] == 0
    assert {name: score for name, score in scores.items() if score > scores["blank"]} == {}
    # Only the kernel that kills itself stops nbgrader's own run for that student.
    assert set(run["step"].failed_students) <= {"kills-its-kernel"}, run["step"].log[-3000:]


def test_tampering_is_named_in_the_grading_summary(graded_both_ways: dict) -> None:
    report = graded_both_ways["grade"]["report"]
    lines = {result.student: result.line() for result in report.results}
    for student, fragment in EXPECTED_NOTES.items():
        assert fragment in lines[student] and EXPECTED_WHAT[student] in lines[student], lines[student]
    assert "kernel stopped in cell" in lines["kills-its-kernel"]
    assert "(" not in lines["blank"]  # an honest blank submission has nothing to report
    summary = report.summary()
    assert "Traceback" not in summary and "KeyError" not in summary


def test_tampering_is_named_by_autograde(graded_both_ways: dict) -> None:
    notes = graded_both_ways["autograde"]["notes"]
    for student, fragment in EXPECTED_NOTES.items():
        assert any(fragment in note for note in notes[student]), notes.get(student)
        assert any(EXPECTED_WHAT[student] in note for note in notes[student]), notes.get(student)
    assert "blank" not in notes


def test_tampering_is_named_in_the_feedback(graded_both_ways: dict) -> None:
    run = graded_both_ways["grade"]
    assert run["feedback"].ok, run["feedback"].log[-2000:]
    for student, what in EXPECTED_WHAT.items():
        text = run["pages"][student]
        assert "Grader's notes" in text, student
        assert what in text, (student, what)
