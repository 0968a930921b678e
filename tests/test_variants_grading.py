"""Per-student variants through a real nbgrader run: release, collect, autograde, feedback, the
copying report, one student's solution notebook, and a regrade after a key change.

Three students of the communique assignment: alice solves her own variant; bob hands in alice's
answers as values (and her written answer); carol solves her own variant, but her notebook was
last run on dave's. The expected scores come from the in-process judge (tests/test_variants.py),
so this run checks that the real pipeline agrees with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_output

from jcpoa_course.instructor.collect import collect_submissions
from jcpoa_course.instructor.copying.records import read_class
from jcpoa_course.instructor.copying.signals import ClassJudgement, class_evidence
from jcpoa_course.instructor.course import Course, locate_course
from jcpoa_course.instructor.grading.judging.wire import decode
from jcpoa_course.instructor.nbgrader_steps import autograde, generate_assignment, generate_feedback
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission
from jcpoa_course.instructor.roster import add_student
from jcpoa_course.instructor.variation.release import course_key
from jcpoa_course.instructor.variation.solution_notebook import solution_notebook
from jcpoa_course.instructor.variation.solve import ClassJudge, SourceNotebook, read_answers, run_solutions
from jcpoa_course.variants import CLAIM_MIME, RELEASE_FILE, draw_variant

pytestmark = pytest.mark.grading

ASSIGNMENT = "communique"
AUTO_POINTS = 10.0
WRITTEN = ("The authors argue that a joint communique would set the end state both sides want by 2024 and open "
           "separate tracks, so that progress on easier issues does not wait for the hardest ones (pp. 24-25).")


def copied_answers(source: Path, course: Course, owner: str) -> dict[str, str]:
    """``owner``'s right answers as a copier types them: values, and code with the owner's parameters."""
    notebook, key = SourceNotebook.read(source), course_key(course)
    variant = draw_variant(ASSIGNMENT, owner, key)
    namespace = run_solutions(notebook, variant, key)
    answers = {}
    for cell, code in solution_answers(source).items():
        names = re.findall(r"^(q\w+) = ", code, flags=re.M)
        if names:
            answers[cell] = "\n".join(f"{name} = {namespace[name]!r}" for name in names)
        else:  # a function: the owner's parameters written in
            answers[cell] = re.sub(r"variant\.(q\w+)\.(\w+)",
                                   lambda m: repr(getattr(variant.questions[m.group(1)], m.group(2))), code)
    return answers


def points(source: Path) -> dict[str, float]:
    cells = nbformat.read(source, as_version=4).cells
    return {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c.cell_type == "code"}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    course = scratch_course(locate_course(), tmp_path_factory.mktemp("course") / "assignments")
    for student in ("alice", "bob", "carol"):
        assert add_student(course, student).ok
    assert generate_assignment(course, ASSIGNMENT).ok
    (source,), (released,) = course.notebooks(ASSIGNMENT), course.notebooks(ASSIGNMENT, "release")
    inbox = tmp_path_factory.mktemp("inbox")
    solution = {**solution_answers(source), "q8-answer": WRITTEN}
    synthetic_submission(released, solution, inbox / "alice" / released.name)
    synthetic_submission(released, {**copied_answers(source, course, "alice"), "q8-answer": WRITTEN},
                         inbox / "bob" / released.name)
    own_words = ("In the report's plan, a communique fixes the goals for 2024 and leaves each issue to its own track; "
                 "the authors think this keeps talks alive when one issue stalls (p. 25).")
    carol = synthetic_submission(released, {**solution, "q8-answer": own_words}, inbox / "carol" / released.name)
    notebook = nbformat.read(carol, as_version=4)  # as if last run on dave's variant
    claim = draw_variant(ASSIGNMENT, "dave", course_key(course)).claim()
    notebook.cells[1].outputs = [new_output("display_data", data={CLAIM_MIME: claim, "text/plain": "dave"})]
    nbformat.write(notebook, carol)
    collect_submissions(course, ASSIGNMENT, inbox)
    run = autograde(course, ASSIGNMENT)
    feedback = generate_feedback(course, ASSIGNMENT)
    return {"course": course, "source": source, "run": run, "feedback": feedback}


def scores(course: Course) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gradebook:
        return {s.id: gradebook.find_submission(ASSIGNMENT, s.id).score for s in gradebook.students}


def test_the_release_carries_the_key_and_the_roster_tokens(graded: dict) -> None:
    course = graded["course"]
    assert (course.root / "variants.key").stat().st_mode & 0o077 == 0
    text = (course.step_dir("release", ASSIGNMENT) / RELEASE_FILE).read_text(encoding="utf-8")
    assert course_key(course).hex() in text and "alice" not in text


def test_each_student_is_graded_on_their_own_variant(graded: dict) -> None:
    course, source = graded["course"], graded["source"]
    assert graded["run"].ok, graded["run"].log[-3000:]
    got = scores(course)
    assert got["alice"] == AUTO_POINTS and got["carol"] == AUTO_POINTS
    key, notebook = course_key(course), SourceNotebook.read(source)
    alice = draw_variant(ASSIGNMENT, "alice", key)
    alice_answers = read_answers(notebook, run_solutions(notebook, alice, key), alice)
    verdicts = ClassJudge(notebook).verdicts(alice_answers, draw_variant(ASSIGNMENT, "bob", key))
    expected = sum(p for cell, p in points(source).items()
                   if all(v is None for item, v in verdicts.items() if item.startswith(cell + "#")))
    assert got["bob"] == expected < AUTO_POINTS


def test_feedback_names_the_graded_variant_and_a_changed_one(graded: dict) -> None:
    course = graded["course"]
    assert graded["feedback"].ok
    for student in ("alice", "bob", "carol"):
        (html,) = course.step_dir("feedback", ASSIGNMENT, student).glob("*.html")
        code = draw_variant(ASSIGNMENT, student, course_key(course)).code
        assert "Graded variant" in html.read_text(encoding="utf-8") and code in html.read_text(encoding="utf-8")
    (carol,) = course.step_dir("feedback", ASSIGNMENT, "carol").glob("*.html")
    assert "last run on the variant of" in carol.read_text(encoding="utf-8")
    (alice,) = course.step_dir("feedback", ASSIGNMENT, "alice").glob("*.html")
    assert "last run on the variant" not in alice.read_text(encoding="utf-8")


def test_the_copying_report_names_the_copier_from_the_real_run(graded: dict) -> None:
    course, source = graded["course"], graded["source"]
    submissions = read_class(course.root, ASSIGNMENT)
    assert {s.student for s in submissions} == {"alice", "bob", "carol"}
    assert all(decode(p["answers"]["q1_answer"]["value"]) for s in submissions
               for item, p in s.items.items() if item == "q1-hidden#0")
    variants = {s.student: draw_variant(ASSIGNMENT, s.student, course_key(course)) for s in submissions}
    flagged = [e for e in class_evidence(ClassJudgement(SourceNotebook.read(source), variants, submissions))
               if e.flagged]
    assert [(e.first, e.second) for e in flagged] == [("alice", "bob")]
    assert flagged[0].second_fits_first and flagged[0].written >= 90


def test_a_students_solution_notebook_shows_their_variant(graded: dict, tmp_path: Path) -> None:
    course = graded["course"]
    path = solution_notebook(course, ASSIGNMENT, "bob", tmp_path / "bob.ipynb")
    text = path.read_text(encoding="utf-8")
    code = draw_variant(ASSIGNMENT, "bob", course_key(course)).code
    assert "Solution of the variant of bob" in text and f"variant `{code}`" in text
    assert "Error" not in "".join(o.get("ename", "") for c in nbformat.read(path, as_version=4).cells
                                  for o in c.get("outputs", []))


def test_a_regrade_after_a_key_change_uses_the_new_key(graded: dict) -> None:
    course = graded["course"]
    (source,) = course.notebooks(ASSIGNMENT)
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:  # the instructor decides option (a) of Question 1 is the right one
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "q1-hidden":
            cell.source = cell.source.replace("letter('b')", "letter('a')")
    nbformat.write(notebook, source)
    assert generate_assignment(course, ASSIGNMENT).ok
    assert autograde(course, ASSIGNMENT, "alice").ok
    assert scores(course)["alice"] == AUTO_POINTS - 1


def test_the_commands_list_variants_and_write_the_copying_report(
        graded: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from jcpoa_course.instructor.cli import main

    course = graded["course"]
    monkeypatch.setenv("JCPOA_COURSE_ROOT", str(course.root))
    assert main(["variants", ASSIGNMENT, "--student", "dave", "--csv", str(tmp_path / "variants.csv")]) == 0
    listed = capsys.readouterr().out
    for student in ("alice", "bob", "carol", "dave"):
        assert f"{student}  {draw_variant(ASSIGNMENT, student, course_key(course)).code}" in listed
    assert (tmp_path / "variants.csv").read_text(encoding="utf-8").startswith("student,variant,q1,")
    assert main(["copying", ASSIGNMENT, "--out", str(tmp_path)]) == 0
    report = (tmp_path / f"copying-{ASSIGNMENT}.md").read_text(encoding="utf-8")
    assert "## alice and bob" in report and "carol" not in report.split("flagged.", 1)[1]
    assert (tmp_path / f"copying-{ASSIGNMENT}.csv").read_text(encoding="utf-8").count("\n") == 2
