"""Who is who: Canvas user ids to the course's student ids.

A Canvas download names students by their Canvas user id (a number), while nbgrader files them
under the course's student ids (the Canvas login, say). The map comes from one place:

- a roster CSV given to ``collect --roster``, with columns ``id`` (the student id) and
  ``lms_user_id`` (the Canvas user id); other columns are ignored; or, without one,
- the gradebook's students, whose ``lms_user_id`` nbgrader keeps: ``jcpoa-course students
  import`` fills it from the same CSV, so one file serves both commands.

A Canvas id given to two different students is an error that names both: collecting the wrong
student's notebook under someone's name is worse than collecting nothing.
"""

from __future__ import annotations

import csv
from functools import cached_property
from pathlib import Path

from ..course import Course, CourseError

STUDENT_COLUMN = "id"
CANVAS_COLUMN = "lms_user_id"


class CanvasRoster:
    """Canvas user id -> student id, from ``roster`` when given, else from the gradebook.

    The gradebook is read only when a Canvas name needs it; a roster file is read (and checked)
    by :meth:`check`, before a zip is unpacked, so a wrong file fails first.
    """

    def __init__(self, course: Course, roster: Path | None = None) -> None:
        self.course = course
        self.roster = None if roster is None else Path(roster)

    @cached_property
    def students(self) -> dict[str, str]:
        return _from_csv(self.roster) if self.roster is not None else _from_gradebook(self.course)

    @property
    def source(self) -> str:
        """Where the map comes from, for messages."""
        return f"the roster {self.roster}" if self.roster is not None else f"the gradebook ({self.course.gradebook})"

    @property
    def remedy(self) -> str:
        """What to do about a Canvas id the map lacks."""
        if self.roster is not None:
            return f"add it to {self.roster} (column {CANVAS_COLUMN}) and collect again"
        return (f"import a roster with an {CANVAS_COLUMN} column (jcpoa-course students import), or give one "
                "with --roster, and collect again")

    def check(self) -> None:
        if self.roster is not None:
            _ = self.students  # reading the file is the check


def _from_csv(roster: Path) -> dict[str, str]:
    if not roster.is_file():
        raise CourseError(f"roster '{roster}' not found")
    with roster.open(newline="", encoding="utf-8-sig") as handle:  # -sig: spreadsheets often add a BOM
        reader = csv.DictReader(handle)
        columns = [column.strip() for column in reader.fieldnames or []]
        if STUDENT_COLUMN not in columns or CANVAS_COLUMN not in columns:
            raise CourseError(f"{roster}: the first line must name the columns '{STUDENT_COLUMN}' (student id) "
                              f"and '{CANVAS_COLUMN}' (Canvas user id); found: {', '.join(columns) or 'nothing'}")
        reader.fieldnames = columns
        pairs = [((row[CANVAS_COLUMN] or "").strip(), (row[STUDENT_COLUMN] or "").strip(), reader.line_num)
                 for row in reader]
    return _unique(pairs, str(roster))


def _from_gradebook(course: Course) -> dict[str, str]:
    if not course.gradebook.is_file():  # opening a missing gradebook would create an empty one
        return {}
    from nbgrader.api import Gradebook  # slow to import; only needed for Canvas names

    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        pairs = [((student.lms_user_id or "").strip(), student.id, 0) for student in gradebook.students]
    return _unique(pairs, str(course.gradebook))


def _unique(pairs: list[tuple[str, str, int]], source: str) -> dict[str, str]:
    """The map from (canvas id, student id, line) triples; a Canvas id claimed twice is an error."""
    found: dict[str, tuple[str, int]] = {}
    for canvas_id, student, line in pairs:
        if not canvas_id:
            continue
        if canvas_id in found and found[canvas_id][0] != student:
            where = f" (lines {found[canvas_id][1]} and {line})" if line else ""
            raise CourseError(f"{source}: Canvas user id {canvas_id} belongs to both '{found[canvas_id][0]}' "
                              f"and '{student}'{where}; fix the roster before collecting")
        found[canvas_id] = (student, line)
    return {canvas_id: student for canvas_id, (student, _) in found.items()}
