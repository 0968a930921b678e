"""The instructor's other inputs are hostile too (issue 9, part 4): names and ids that a spreadsheet
would run as formulas, archives that would fill the disk or hold links, and Canvas's flat
"Download Submissions" names. Nothing here runs nbgrader's grading; the export tests build a
small gradebook with nbgrader's own API."""

from __future__ import annotations

import csv
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy.exc import SAWarning

from jcpoa_course.instructor.course import Course
from jcpoa_course.instructor.export import export_grades

# --- grade exports: no cell a spreadsheet would run -----------------------------------------------

# One student per character OWASP lists as the start of a formula, plus a plain id and an id
# that is only a (negative) number, which a spreadsheet reads as that number and must stay as is.
HOSTILE = {
    "=HYPERLINK(\"http://x\")": ("=1+1", "=cmd|' /C calc'!A0", "=x@example.org"),
    "+1+1": ("+Ana", "+Lopez", "+ana@example.org"),
    "-2+3": ("-Ben", "-Ruiz", "-ben@example.org"),
    "@SUM(A1)": ("@Cleo", "@Diaz", "@cleo@example.org"),
    "\tdan": ("\tDan", "\tEvans", "\tdan@example.org"),
    "\reve": ("\rEve", "\rFox", "\reve@example.org"),
    "ana": ("Ana", "Lopez", "ana@example.org"),
    "-12": ("Numeric", "Id", "n@example.org"),
}
NEGATIVE_SCORE = -2.5  # a hand-graded penalty: numeric data, written as a number


def quoted(value: str) -> str:
    return value if value in {"ana", "-12"} or value[0] not in "=+-@\t\r" else "'" + value


@pytest.fixture(scope="module")
def hostile_course(tmp_path_factory) -> Iterator[Course]:
    """A gradebook holding the hostile students and one assignment; ``ana`` has a negative score."""
    from nbgrader.api import Gradebook

    course = Course(tmp_path_factory.mktemp("hostile-course"))
    bin_dir = str(Path(sys.executable).parent)  # nbgrader starts `alembic` by name for a new gradebook
    with mock.patch.dict(os.environ, {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}), \
            warnings.catch_warnings(), Gradebook(course.db_url, "jcpoa-course") as gradebook:
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's add_submission, not ours
        for student, (first, last, email) in HOSTILE.items():
            gradebook.update_or_create_student(student, first_name=first, last_name=last, email=email)
        gradebook.add_assignment("wall")
        gradebook.add_notebook("wall", "wall")
        gradebook.add_grade_cell("q1", "wall", "wall", max_score=5, cell_type="code")
        gradebook.add_submission("wall", "ana")
        grade = gradebook.find_grade("q1", "wall", "wall", "ana")
        grade.manual_score, grade.needs_manual_grade = NEGATIVE_SCORE, False
        gradebook.db.commit()
    yield course


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("fmt", "columns"), [
    ("plain", ("student_id", "first_name", "last_name", "email")),
    ("moodle", ("Username", "First name", "Last name", "Email address")),
])
def test_exports_neutralise_formula_cells_and_keep_numbers(hostile_course: Course, tmp_path: Path, fmt: str,
                                                           columns: tuple[str, ...]) -> None:
    out = tmp_path / f"{fmt}.csv"
    export_grades(hostile_course, out, fmt)
    rows = {row[columns[0]]: row for row in read_back(out)}
    assert set(rows) == {quoted(student) for student in HOSTILE}
    for student, details in HOSTILE.items():
        row = rows[quoted(student)]
        assert tuple(row[column] for column in columns[1:]) == tuple(quoted(value) for value in details)
    total = "total" if fmt == "plain" else "Total"
    assert rows["ana"]["wall"] == rows["ana"][total] == str(NEGATIVE_SCORE)
    assert rows["-12"]["wall"] == "0.0"


def test_canvas_export_neutralises_names_and_login_ids(hostile_course: Course, tmp_path: Path) -> None:
    out = tmp_path / "canvas.csv"
    export_grades(hostile_course, out, "canvas")
    rows = {row["SIS Login ID"]: row for row in read_back(out)}
    assert set(rows) == {quoted(student) for student in HOSTILE}
    assert rows["'=HYPERLINK(\"http://x\")"]["Student"] == "'=cmd|' /C calc'!A0, =1+1"
    assert rows["'\tdan"]["Student"] == "'\tEvans, \tDan"
    assert rows["ana"]["Student"] == "Lopez, Ana"
    assert rows["ana"]["Final Points"] == str(NEGATIVE_SCORE)
