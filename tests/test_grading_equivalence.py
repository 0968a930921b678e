"""`jcpoa-course grade` gives exactly the scores of nbgrader's own sequential autograde.

Two copies of one course with 20 mixed submissions (right, partly right, wrong, noisy on stderr,
raising, blank, a syntax error, a cell that times out, and one corrupt notebook): nbgrader's
command line grades one copy, the parallel sandboxed grader the other; every grade in the two
gradebooks must match, and match the points each variant deserves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grading_course import (
    ANSWERS,
    ASSIGNMENT,
    KILL_WORKER_CONFIG,
    WORKER_KILLER,
    build_course,
    copy_course,
    grades,
    mixed_class,
    nbgrader,
    submit,
    totals,
)

from jcpoa_course.instructor.grading.pool import ParallelGrader

pytestmark = [pytest.mark.grading, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def mixed_courses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, float]]:
    root = build_course(tmp_path_factory.mktemp("equivalence") / "sequential", timeout=3)
    expected = mixed_class(root, 19)
    corrupt = submit(root, "s019-corrupt", {})
    (corrupt / f"{ASSIGNMENT}.ipynb").write_text("{ this is not a notebook")
    return root, copy_course(root, root.parent / "parallel"), expected


def test_parallel_scores_equal_nbgrader_sequential(mixed_courses) -> None:
    sequential, parallel, expected = mixed_courses
    nbgrader(sequential, "autograde", ASSIGNMENT)
    report = ParallelGrader(parallel, ASSIGNMENT, workers=2).run(progress=False)

    assert grades(parallel) == grades(sequential)
    assert len(grades(parallel)) == 20 * 3  # three graded cells each, the corrupt notebook included
    assert {s: t for s, t in totals(parallel).items() if s in expected} == expected
    graded = {p.parent.name for p in (parallel / "autograded").glob(f"*/{ASSIGNMENT}")}
    assert graded == {p.parent.name for p in (sequential / "autograded").glob(f"*/{ASSIGNMENT}")}
    assert graded == set(expected)
    failed = [r for r in report.results if r.status == "failed"]
    assert [r.student for r in failed] == ["s019-corrupt"]
    assert failed[0].notes[-1].startswith("nbformat.reader.NotJSONError: Notebook does not appear to be JSON")


def test_a_second_run_skips_what_is_graded_and_force_regrades(mixed_courses) -> None:
    _, parallel, expected = mixed_courses
    before = grades(parallel)
    report = ParallelGrader(parallel, ASSIGNMENT, workers=2, students=["s000-right-right"]).run(progress=False)
    assert [r.status for r in report.results] == ["skipped"]
    report = ParallelGrader(parallel, ASSIGNMENT, workers=2, force=True,
                            students=["s000-right-right", "s001-plus-two-wrong"]).run(progress=False)
    assert [r.status for r in report.results] == ["graded", "graded"]
    assert [r.score for r in report.results] == [expected["s000-right-right"], expected["s001-plus-two-wrong"]]
    assert grades(parallel) == before


def test_a_dying_worker_fails_only_its_own_submission(tmp_path: Path) -> None:
    """A worker killed mid-run breaks its pool; the submissions it left unfinished are graded
    again, and only the one that kills its worker fails, with the reason. The dead worker's
    kernel folder (sockets, home) is removed all the same: every kernel folder lives in the run's
    scratch folder, which is gone when the run ends. (This run's own folder is watched, not the
    system's temp folder, where another grading run on the machine may be busy.)"""
    root = build_course(tmp_path / "course", timeout=3)
    expected = mixed_class(root, 4)
    submit(root, WORKER_KILLER, ANSWERS)
    config = root / "nbgrader_config.py"
    config.write_text(config.read_text() + KILL_WORKER_CONFIG)
    grader = ParallelGrader(root, ASSIGNMENT, workers=2)
    scratch: set[Path] = set()

    report = grader.run(progress=False, on_result=lambda _: scratch.add(grader.scratch))

    assert len(scratch) == 1 and not scratch.pop().exists()

    assert [(r.student, r.status) for r in report.results] == [
        *((student, "graded") for student in sorted(expected)), (WORKER_KILLER, "failed")]
    assert "its grading worker died" in report.results[-1].notes[0]
    assert totals(root) == {**expected, WORKER_KILLER: 0.0}  # recorded with no points, as nbgrader records a failure
