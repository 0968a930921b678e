"""The class list in the gradebook: ``jcpoa-course students add|import``.

Students need not be registered before autograding (nbgrader creates unknown ones), but
names and e-mails in the gradebook end up in the exported CSV, which LMS imports match on.
"""

from __future__ import annotations

from pathlib import Path

from .course import Course, CourseError
from .nbgrader_steps import StepResult, run_nbgrader


def add_student(
    course: Course, student: str, first: str | None = None, last: str | None = None, email: str | None = None
) -> StepResult:
    """Add or update one student in the gradebook."""
    args = ["db", "student", "add", student]
    for flag, value in (("--first-name", first), ("--last-name", last), ("--email", email)):
        if value:
            args.append(f"{flag}={value}")
    return run_nbgrader(course, args)


def import_students(course: Course, csv_file: Path) -> StepResult:
    """Add or update students from a CSV with columns ``id`` and optionally ``first_name,last_name,email``."""
    csv_file = Path(csv_file).resolve()
    if not csv_file.is_file():
        raise CourseError(f"student list '{csv_file}' not found")
    header = csv_file.read_text(encoding="utf-8").splitlines()[:1]
    if not header or "id" not in [column.strip() for column in header[0].split(",")]:
        raise CourseError(f"{csv_file}: the first line must name the columns and include 'id'")
    return run_nbgrader(course, ["db", "student", "import", str(csv_file)])
