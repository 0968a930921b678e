"""The report's figures as CSV files a spreadsheet opens without running anything.

Answers are the students' own text, so every cell goes through :func:`..export.write_table`,
which quotes a cell a spreadsheet would take for a formula (the OWASP advice the grade export
follows). Numbers stay numbers. Only the optional per-student table names students (by their
course id, as the gradebook does); the other tables count.
"""

from __future__ import annotations

from pathlib import Path

from ...data.assignment_items import AssignmentItem
from ..export import write_table
from .flags import Flag
from .item_analysis import ClassAnswers, ClassFigures

QUESTION_HEADER = ["assignment", "question", "title", "chapter", "pages", "points", "students", "correct",
                   "share_correct", "mean_points", "discrimination", "not_run", "flags"]


def write_tables(out: Path, figures: ClassFigures, flags: list[Flag], items: dict[str, AssignmentItem],
                 answers: ClassAnswers | None = None) -> list[Path]:
    """Write questions.csv, answers.csv, totals.csv, written.csv (and students.csv if ``answers``)."""
    tables = {
        "questions.csv": question_rows(figures, flags, items),
        "answers.csv": answer_rows(figures),
        "totals.csv": total_rows(figures),
        "written.csv": written_rows(figures),
    }
    if answers is not None:
        tables["students.csv"] = student_rows(figures, answers)
    written = []
    for name, rows in tables.items():
        write_table(out / name, rows)
        written.append(out / name)
    return written


def question_rows(figures: ClassFigures, flags: list[Flag], items: dict[str, AssignmentItem]) -> list[list[object]]:
    rows: list[list[object]] = [QUESTION_HEADER]
    for q in figures.questions:
        item = items.get(q.cell)
        kinds = " ".join(flag.kind for flag in flags if flag.cell == q.cell)
        rows.append([figures.assignment, q.cell, item.title if item else "", item.chapter if item else "",
                     item.pages_label if item else "", q.points, q.students, q.correct, round(q.share_correct, 4),
                     round(q.mean_points, 4), "" if q.discrimination is None else round(q.discrimination, 4),
                     q.not_run, kinds])
    return rows


def answer_rows(figures: ClassFigures) -> list[list[object]]:
    """One row per answer, per wrongly added or missed member, and per failed hidden input; ``values``
    names a pick question's parameter set, within which a member was counted."""
    rows: list[list[object]] = [["question", "check", "what", "value", "count", "share", "right", "values"]]
    for q in figures.questions:
        for check in q.checks:
            rows += [[q.cell, check.subject, "answer", a.answer, a.count, round(a.share, 4), a.right, ""]
                     for a in check.answers]
            rows += [[q.cell, check.subject, f"member {v.how}", v.value, v.count, round(v.share, 4), False,
                      v.group or ""] for v in check.wrong_values]
            rows += [[q.cell, check.subject, "hidden input failed", f.input, f.failed, round(f.share, 4), False, ""]
                     for f in check.failed_inputs]
    return rows


def total_rows(figures: ClassFigures) -> list[list[object]]:
    counts: dict[float, int] = {}
    for total in figures.totals:
        counts[total] = counts.get(total, 0) + 1
    return [["total", "max_total", "students"], *([total, figures.max_total, n] for total, n in sorted(counts.items()))]


def written_rows(figures: ClassFigures) -> list[list[object]]:
    rows: list[list[object]] = [["question", "points", "score", "students"]]
    for written in figures.written:
        counts: dict[float, int] = {}
        for score in written.scores:
            counts[score] = counts.get(score, 0) + 1
        rows += [[written.cell, written.points, score, n] for score, n in sorted(counts.items())]
        if written.pending:
            rows.append([written.cell, written.points, "not graded yet", written.pending])
    return rows


def student_rows(figures: ClassFigures, answers: ClassAnswers) -> list[list[object]]:
    """One row per student: points per question, written scores, total (for the teacher only)."""
    cells = [q.cell for q in figures.questions]
    written = sorted(answers.written)
    rows: list[list[object]] = [["student", *cells, *written, "total"]]
    for sheet in answers.sheets:
        earned = {c.cell: (c.points if c.passed else 0.0) for c in sheet.cells}
        scores = [answers.written[cell].get(sheet.student) for cell in written]
        points = [earned.get(cell, 0.0) for cell in cells]
        rows.append([sheet.student, *points, *("" if s is None else s for s in scores),
                     sum(points) + sum(s or 0.0 for s in scores)])
    return rows
