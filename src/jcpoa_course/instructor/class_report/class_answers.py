"""Gathering a class for the analysis: the answer sheets from the store, the written scores from the gradebook.

The store knows what the judge saw; the gradebook knows who was graded and the hand-given scores
of written answers (grade cells that are Markdown, scored in Formgrader). A sheet counts only
while its student has a submission in the gradebook, so a student removed from the course leaves
the report with them. Without a gradebook (a store copied elsewhere) the sheets alone are used.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .item_analysis import ClassAnswers, merge_sheets
from .store import JudgedStore


class NothingToReport(ValueError):
    """No judged answers for the assignment: the message says what to run first."""


def read_class(store: JudgedStore, assignment: str, db_url: str | None = None) -> ClassAnswers:
    """The class's answers to ``assignment``, with the written answers' scores if a gradebook is given."""
    sheets = store.sheets(assignment)
    if not sheets:
        raise NothingToReport(
            f"no judged answers of '{assignment}' in {store.root}: grade it first with "
            f"`jcpoa-course autograde {assignment}` or `jcpoa-course grade {assignment}` "
            "(an assignment graded before the class report existed needs --force)")
    if db_url is None or not _gradebook_exists(db_url):
        return ClassAnswers(assignment, merge_sheets(sheets))
    with Gradebook(db_url) as gradebook:
        try:
            submitted = {submission.student.id for submission in gradebook.assignment_submissions(assignment)}
        except MissingEntry as error:
            raise NothingToReport(f"the gradebook has no assignment '{assignment}'") from error
        merged = tuple(sheet for sheet in merge_sheets(sheets) if sheet.student in submitted)
        written, written_max = _written_scores(gradebook, assignment, {sheet.student for sheet in merged})
    return ClassAnswers(assignment, merged, written, written_max)


def _gradebook_exists(db_url: str) -> bool:
    return not db_url.startswith("sqlite:///") or Path(db_url.removeprefix("sqlite:///")).is_file()


def _written_scores(gradebook: Gradebook, assignment: str, students: set[str]
                    ) -> tuple[dict[str, dict[str, float | None]], dict[str, float]]:
    """Each written (Markdown) grade cell's hand-given score per student; None while not graded."""
    written: dict[str, dict[str, float | None]] = {}
    written_max: dict[str, float] = {}
    for notebook in gradebook.find_assignment(assignment).notebooks:
        for cell in notebook.grade_cells:
            if cell.cell_type != "markdown":
                continue
            written_max[cell.name] = float(cell.max_score)
            written[cell.name] = {
                student: _manual(gradebook, cell.name, notebook.name, assignment, student) for student in students}
    return written, written_max


def _manual(gradebook: Gradebook, cell: str, notebook: str, assignment: str, student: str) -> float | None:
    try:
        grade = gradebook.find_grade(cell, notebook, assignment, student)
    except MissingEntry:
        return None
    return None if grade.manual_score is None else float(grade.manual_score)
