"""Grades out of the gradebook into a CSV that Canvas or Moodle imports: one row per student.

Columns by format (``<assignment>`` is one column per assignment, in points):

- ``plain``: ``student_id, first_name, last_name, email, <assignment>..., total, max_total,
  manual_grading_pending`` (the number of submissions still waiting for a hand-graded score).
- ``canvas``: ``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>..., Final Points``.
  ``Student`` is the registered name (``Last, First``) and ``SIS Login ID`` the nbgrader id, so
  students' Canvas logins should be their ids; an assignment column Canvas does not know becomes
  a new assignment; ``Final Points`` is a read-only column Canvas ignores on import.
- ``moodle``: ``Username, First name, Last name, Email address, <assignment>..., Total``.
  Map ``Username`` to *username* (or ``Email address`` to *useremail*); map each assignment
  column to a grade item (or a new one); leave ``Total`` unmapped: Moodle computes its own.

A student without a submission gets 0 for that assignment. Hand-graded answers count as 0
until they are graded, so export after manual grading (``manual_grading_pending`` tells).

Names and ids come from students and LMS rosters, so they are untrusted: a text cell that a
spreadsheet would run as a formula (OWASP "CSV injection": a first character ``=``, ``+``,
``-``, ``@``, tab or carriage return) gets a leading single quote, OWASP's advice, so that a
spreadsheet takes it as text instead of running it. Scores are written as numbers, untouched.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry, Student

from .course import Course, CourseError

FORMATS = ("plain", "canvas", "moodle")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


@dataclass(frozen=True)
class StudentGrades:
    """One student's points per assignment, from the gradebook."""

    student_id: str
    first_name: str
    last_name: str
    email: str
    scores: dict[str, float]
    max_scores: dict[str, float]
    pending_manual: int

    @property
    def total(self) -> float:
        return round(sum(self.scores.values()), 2)

    @property
    def max_total(self) -> float:
        return round(sum(self.max_scores.values()), 2)


def read_grades(course: Course) -> list[StudentGrades]:
    """Every student in the gradebook with their points on every released assignment."""
    if not course.gradebook.is_file():
        raise CourseError(f"no gradebook at {course.gradebook}: release and autograde an assignment first")
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        assignments = sorted(a.name for a in gradebook.assignments)
        return [_student_grades(gradebook, student, assignments) for student in gradebook.students]


def _student_grades(gradebook: Gradebook, student: Student, assignments: list[str]) -> StudentGrades:
    scores: dict[str, float] = {}
    max_scores: dict[str, float] = {}
    pending = 0
    for name in assignments:
        max_scores[name] = float(gradebook.find_assignment(name).max_score)
        try:
            submission = gradebook.find_submission(name, student.id)
        except MissingEntry:
            scores[name] = 0.0
            continue
        scores[name] = round(float(submission.score), 2)
        pending += int(bool(submission.needs_manual_grade))
    return StudentGrades(
        student.id, student.first_name or "", student.last_name or "", student.email or "", scores, max_scores, pending
    )


def export_grades(course: Course, out: Path, fmt: str = "plain") -> list[StudentGrades]:
    """Write the grades CSV to ``out`` in format ``fmt``; return the rows written."""
    if fmt not in FORMATS:
        raise CourseError(f"unknown export format '{fmt}'; expected one of {', '.join(FORMATS)}")
    grades = read_grades(course)
    assignments = sorted(grades[0].scores) if grades else []
    header, rows = _TABLES[fmt](grades, assignments)
    write_table(Path(out), [header, *rows])
    return grades


def write_table(out: Path, rows: list[list[object]]) -> None:
    """Write ``rows`` as CSV, every cell passed through :func:`neutralise`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([neutralise(cell) for cell in row] for row in rows)


def neutralise(cell: object) -> object:
    """A cell a spreadsheet cannot run: text that starts like a formula gets a leading ``'``.

    Numbers pass unchanged, and so does text that is only a number (``-3``, ``+1.5``): a
    spreadsheet reads it as that number and runs nothing, while ``-2+3`` or ``-A1`` is a formula.
    """
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.match(cell):
        return cell
    return "'" + cell


def _plain(grades: list[StudentGrades], assignments: list[str]) -> tuple[list[str], list[list[object]]]:
    header = ["student_id", "first_name", "last_name", "email", *assignments, "total", "max_total",
              "manual_grading_pending"]
    rows = [[g.student_id, g.first_name, g.last_name, g.email, *(g.scores[a] for a in assignments), g.total,
             g.max_total, g.pending_manual] for g in grades]
    return header, rows


def _canvas(grades: list[StudentGrades], assignments: list[str]) -> tuple[list[str], list[list[object]]]:
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *assignments, "Final Points"]
    rows = [[_display_name(g), "", "", g.student_id, "", *(g.scores[a] for a in assignments), g.total]
            for g in grades]
    return header, rows


def _moodle(grades: list[StudentGrades], assignments: list[str]) -> tuple[list[str], list[list[object]]]:
    header = ["Username", "First name", "Last name", "Email address", *assignments, "Total"]
    rows = [[g.student_id, g.first_name, g.last_name, g.email, *(g.scores[a] for a in assignments), g.total]
            for g in grades]
    return header, rows


def _display_name(grades: StudentGrades) -> str:
    """Canvas shows ``Last, First``; fall back to the id when the gradebook has no name."""
    if grades.last_name or grades.first_name:
        return ", ".join(part for part in (grades.last_name, grades.first_name) if part)
    return grades.student_id


_TABLES = {"plain": _plain, "canvas": _canvas, "moodle": _moodle}
