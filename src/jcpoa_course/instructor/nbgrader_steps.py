"""The nbgrader steps of the instructor workflow, each one function over a :class:`Course`.

Every step runs nbgrader in a child process started *in the course root*, because nbgrader
reads ``nbgrader_config.py`` from its current folder only (elsewhere it silently creates an
empty gradebook). The child's ``PATH`` starts with this interpreter's ``bin`` folder, because
nbgrader starts ``alembic`` by name to set up the gradebook.

The Python API, for other tools (the parallel grader builds on it):

- :func:`generate_assignment` (course, assignment) -> StepResult
- :func:`autograde_submission` (course, assignment, student) -> StepResult
- :func:`autograde` (course, assignment, student=None) -> StepResult
- :func:`generate_feedback` (course, assignment, student=None) -> StepResult
- :func:`run_nbgrader` (course, args) -> StepResult, for anything else
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import Course, CourseError
from .grading.judging.checks import BadCheck, hidden_checks
from .variation.release import write_release_file

FAILED_STUDENT = re.compile(r"There was an error processing assignment '[^']*' for student '([^']+)'")


@dataclass(frozen=True)
class StepResult:
    """What an nbgrader run did: its exit code, its log, and the students it could not process."""

    args: tuple[str, ...]
    returncode: int
    log: str
    failed_students: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def nbgrader_env() -> dict[str, str]:
    """The environment for nbgrader: this interpreter's ``bin`` first on ``PATH``."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def run_nbgrader(course: Course, args: Sequence[str], timeout: float | None = None) -> StepResult:
    """Run ``nbgrader <args>`` in the course root with the course's config."""
    if not course.config.is_file():
        raise CourseError(f"{course.root}: not a course root (no nbgrader_config.py)")
    command = [sys.executable, "-m", "nbgrader", *args]
    done = subprocess.run(
        command, cwd=course.root, env=nbgrader_env(), capture_output=True, text=True, timeout=timeout
    )
    log = done.stdout + done.stderr
    failed = tuple(dict.fromkeys(FAILED_STUDENT.findall(log)))
    return StepResult(tuple(args), done.returncode, log, failed)


def generate_assignment(course: Course, assignment: str) -> StepResult:
    """Write the student version of ``assignment`` to ``release/`` and record it in the gradebook.

    Every declarative hidden check is parsed first: a malformed one is refused here, naming its
    notebook and cell, rather than failing every student's submission at grading time. The
    release gets the file a notebook finds its student's variant with (:mod:`.variation.release`).
    """
    course.require_assignment(assignment)
    for notebook in course.notebooks(assignment):
        try:
            hidden_checks(nbformat.read(notebook, as_version=4))
        except BadCheck as error:
            raise CourseError(f"{notebook.name}: {error}") from error
    step = run_nbgrader(course, ["generate_assignment", assignment, "--force"])
    if step.ok and course.step_dir("release", assignment).is_dir():
        write_release_file(course, assignment)
    return step


def autograde(course: Course, assignment: str, student: str | None = None, extra: Sequence[str] = ()) -> StepResult:
    """Autograde the submissions of ``assignment``: every student's, or only ``student``'s.

    nbgrader restores edited or deleted test cells from the gradebook, runs each notebook
    with the cell timeout of the config, and keeps going when one student's notebook fails
    (that student is listed in ``failed_students`` and the exit code is 1).
    """
    course.require_assignment(assignment)
    _require_released(course, assignment)
    return run_nbgrader(course, ["autograde", assignment, "--force", *_only(student), *extra])


def autograde_submission(course: Course, assignment: str, student: str, extra: Sequence[str] = ()) -> StepResult:
    """Autograde one student's submission (the unit a parallel grader schedules)."""
    submission = course.step_dir("submitted", assignment, student)
    if not submission.is_dir():
        raise CourseError(f"no submission of '{assignment}' for student '{student}' (looked in {submission})")
    return autograde(course, assignment, student, extra)


def generate_feedback(course: Course, assignment: str, student: str | None = None) -> StepResult:
    """Write HTML feedback for autograded submissions; hidden tests are removed (see the config)."""
    course.require_assignment(assignment)
    return run_nbgrader(course, ["generate_feedback", assignment, "--force", *_only(student)])


def _only(student: str | None) -> list[str]:
    return [] if student is None else [f"--student={student}"]


def _require_released(course: Course, assignment: str) -> None:
    if not course.step_dir("release", assignment).is_dir():
        raise CourseError(
            f"assignment '{assignment}' has not been released yet: run 'jcpoa-course release {assignment}'"
        )
