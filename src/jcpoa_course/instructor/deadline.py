"""An assignment's deadline: nbgrader's due date in the gradebook.

nbgrader keeps one due date per assignment. When it autogrades, it compares each submission's
timestamp (written by the student's *Submit*, kept by collect) with that date and records how
late the submission was; the course config's late-submission policy then sets the penalty
(see ``assignments/nbgrader_config.py``). The due date can be set at release and moved later:
what counts is the date in the gradebook when grading runs.

Dates are read as ISO 8601 (``2026-12-01 17:00``, ``2026-12-01T17:00+01:00``). A date without a
time zone is in the machine's local time, as an instructor typing it would mean; it is stored in
UTC, as nbgrader stores every time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .course import Course, CourseError
from .nbgrader_steps import StepResult, run_nbgrader


def parse_deadline(text: str) -> datetime:
    """The deadline ``text`` names, in UTC; a :class:`CourseError` says what was expected."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CourseError(f"deadline '{text}' is not a date and time like '2026-12-01 17:00' or "
                          "'2026-12-01T17:00+01:00'") from None
    return moment.astimezone(UTC)  # a naive time is taken as local time


def set_deadline(course: Course, assignment: str, deadline: datetime) -> StepResult:
    """Record ``deadline`` as the assignment's due date in the gradebook (creating its entry if needed)."""
    course.require_assignment(assignment)
    stamp = deadline.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    return run_nbgrader(course, ["db", "assignment", "add", assignment, f"--duedate={stamp}"])

