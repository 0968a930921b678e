"""`jcpoa-course grade sanctions-wall` on the course's real assignment, in a copy of the course root.

The copy holds the course's own ``nbgrader_config.py`` (which finds the root from its own
location) and the ``sanctions-wall`` source. Two submissions: the solution notebook and the
blank release. The parallel sandboxed grader and nbgrader's own autograde must agree, and the
solution must earn every autograded point.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from grading_course import grades, nbgrader
from nbgrader.api import Gradebook

from jcpoa_course.instructor import cli

pytestmark = [pytest.mark.grading, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "sanctions-wall"


def course_copy(folder: Path) -> Path:
    (folder / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", folder)
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, folder / "source" / ASSIGNMENT)
    released = nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    assert released.returncode == 0, released.stderr
    for student, step in (("sol", "source"), ("blank", "release")):
        target = folder / "submitted" / student / ASSIGNMENT
        shutil.copytree(folder / step / ASSIGNMENT, target)
        (target / "timestamp.txt").write_text("2026-11-20 10:00:00 UTC")
    return folder


def test_grade_sanctions_wall_matches_nbgrader_and_the_solution_earns_every_point(tmp_path: Path) -> None:
    ours = course_copy(tmp_path / "ours")
    theirs = tmp_path / "theirs"
    shutil.copytree(ours, theirs)

    assert cli.main(["grade", ASSIGNMENT, "--course-root", str(ours), "--no-progress"]) == 0
    assert nbgrader(theirs, "autograde", ASSIGNMENT).returncode == 0

    assert grades(ours) == grades(theirs)
    with Gradebook(f"sqlite:///{ours / 'gradebook.db'}", "jcpoa-course") as gradebook:
        solution = gradebook.find_submission(ASSIGNMENT, "sol")
        blank = gradebook.find_submission(ASSIGNMENT, "blank")
        assert solution.max_code_score > 0
        assert solution.code_score == solution.max_code_score
        assert blank.code_score == 0
