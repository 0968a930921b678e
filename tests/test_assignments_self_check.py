"""Self-learners: `start` a copy, work it, `check` it against the visible tests only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.course import CourseError, locate_course
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission
from jcpoa_course.instructor.self_check import (
    SELF_CHECK_MARK,
    check_notebook,
    last_check,
    record_check,
    start_assignment,
    written_answers,
)

pytestmark = pytest.mark.grading
ASSIGNMENT = "communique"


@pytest.fixture(scope="module")
def working_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = scratch_course(locate_course(), tmp_path_factory.mktemp("course") / "assignments")
    (copy,) = start_assignment(course, ASSIGNMENT)
    return copy


def statuses(results: list) -> dict[str, str]:
    return {result.question: result.status for result in results if not result.written}


def written(results: list) -> dict[str, str]:
    return {result.question: result.status for result in results if result.written}


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


def _answer(question: str, results: list) -> object:
    """The written answer to ``question`` among a notebook's (the communique has two)."""
    (found,) = [result for result in results if result.question == question]
    return found


def test_blank_copy_is_reported_not_answered(working_copy: Path) -> None:
    before = working_copy.read_bytes()
    results = check_notebook(working_copy)
    assert set(statuses(results).values()) == {"not answered"}
    assert len(statuses(results)) == 8
    assert written(results) == {"q8": "not answered", "q9": "not answered"}
    q8, q9 = [result for result in results if result.written]
    assert q8.asked == (200, 350) and "still reads YOUR ANSWER HERE" in q8.message
    assert q9.asked == (250, 400)
    assert working_copy.read_bytes() == before  # the check runs a copy
    assert last_check(working_copy) is None
    record_check(working_copy, results)
    assert last_check(working_copy) == statuses(results)


def test_an_answer_left_under_the_placeholder_is_not_answered(working_copy: Path, tmp_path: Path) -> None:
    """Text written below nbgrader's placeholder still counts as not answered; without it, the words
    are counted against the range the question's own text asks (and nothing more is said of them)."""
    kept = synthetic_submission(working_copy, {"q8-answer": "YOUR ANSWER HERE\n\nThe authors argue that ..."},
                                tmp_path / "kept.ipynb")
    q8 = _answer("q8", written_answers(nbformat.read(kept, as_version=4)))
    assert q8.status == "not answered" and q8.asked == (200, 350)
    answer = "The authors argue (pp. 24-25) that the U.S. and Iran's leaders could agree. " * 20
    long = synthetic_submission(working_copy, {"q8-answer": answer}, tmp_path / "long.ipynb")
    q8 = _answer("q8", written_answers(nbformat.read(long, as_version=4)))
    assert (q8.status, q8.words) == ("answered", 260) and "260 words; the question asks 200-350" in q8.message
    assert "than asked" not in q8.message


@pytest.mark.parametrize("assignment", ["sanctions-wall", ASSIGNMENT])
def test_each_written_question_asks_a_length_its_model_answer_meets(assignment: str) -> None:
    """The range is read from the question's text (its one statement); the model answer keeps to it."""
    (source,) = locate_course().notebooks(assignment)
    models = written_answers(nbformat.read(source, as_version=4))
    assert models
    for model in models:
        assert model.status == "answered" and model.asked is not None, model.question
        assert model.asked[0] <= model.words <= model.asked[1], model.message


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
    assert written(results) == {"q8": "answered", "q9": "answered"}  # model answers: answered, never judged
    assert not marker.exists()


def test_a_corrupt_notebook_gets_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CourseError, match="not a readable notebook"):
        check_notebook(broken)


def test_visible_tests_catch_a_wrong_form_that_would_lose_the_hidden_points(tmp_path: Path) -> None:
    """A name where an id is asked (Q2), a toolkit with a spare instrument (Q7), a nuclear layer (Q6)
    and a function that reads the global `tracks` instead of its argument (communique Q6) all fail
    their visible test, as they would fail the hidden one; the right answers pass."""
    (wall,) = locate_course().notebooks("sanctions-wall")
    wrong = {
        "q2-answer": 'q2_entity = "Bank Saderat"',
        "q6-answer": "def non_nuclear_to_lift(entity_id):\n"
                     "    return [l.id for l in find_entity(entity_id).layers if l.counts == 'yes']",
        "q7-answer": "def instruments_needed(entity_id):\n"
                     "    return sorted(i.id for i in wall.instruments if i.role == 'core')",
    }
    results = {r.question: r for r in check_notebook(synthetic_submission(wall, wrong, tmp_path / "wall.ipynb"))}
    assert results["q2"].status == "failed" and "has the id 'bank-saderat'" in results["q2"].message
    assert results["q6"].status == "failed" and "A nuclear layer" in results["q6"].message
    assert results["q7"].status == "failed" and "not the smallest toolkit" in results["q7"].message
    assert {results[q].status for q in ("q1", "q3", "q4", "q5", "q8", "q9")} == {"passed"}
    (communique,) = locate_course().notebooks(ASSIGNMENT)
    global_tracks = {"q6-answer": "def tracks_by_tractability(track_list):\n    groups = {}\n"
                     "    for track in sorted(catalog.tracks, key=lambda t: t.order):\n"
                     "        groups.setdefault(track.tractability, []).append(track.id)\n    return groups"}
    attempt = synthetic_submission(communique, global_tracks, tmp_path / "communique.ipynb")
    (q6,) = [r for r in check_notebook(attempt) if r.question == "q6"]
    assert q6.status == "failed" and "Use the list you are given" in q6.message


def test_the_cli_flags_an_empty_written_answer_and_runs_quietly(working_copy: Path, tmp_path: Path) -> None:
    """Every visible check green but the written answer blank: `check` says so, fails, and prints
    nothing on stderr (no kernel start-up warning). Filling the answer in makes it pass."""
    (source,) = locate_course().notebooks(ASSIGNMENT)
    answers = {key: value for key, value in solution_answers(source).items() if key not in ("q8-answer", "q9-answer")}
    cli = str(Path(sys.executable).with_name("jcpoa-course"))
    blank_written = synthetic_submission(working_copy, answers, tmp_path / "blank-written.ipynb")
    run = subprocess.run([cli, "check", str(blank_written)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and run.stderr == ""
    assert "8 of 8 visible checks pass" in run.stdout and "0 of 2 written answer(s) filled in" in run.stdout
    assert "q8  not answered  (written: still reads YOUR ANSWER HERE" in run.stdout
    assert "the question asks 200-350 words" in run.stdout
    # A pass is said to mean the right form, on every passing line, and once what that does not mean.
    assert run.stdout.count("passed  (right form)") == 8 and run.stdout.count("not that it is right") == 1
    filled = {**answers, "q8-answer": "The authors argue ...", "q9-answer": "Critics argue ..."}
    done = synthetic_submission(working_copy, filled, tmp_path / "done.ipynb")
    run = subprocess.run([cli, "check", str(done)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "2 of 2 written answer(s) filled in" in run.stdout, run.stdout + run.stderr
    assert "3 words; the question asks 200-350 words: shorter than asked" in run.stdout
