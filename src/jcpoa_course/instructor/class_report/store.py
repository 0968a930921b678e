"""The judged answers of a class, kept next to the gradebook: what each student answered, and the verdict.

nbgrader's gradebook keeps a score per cell, not the answer that earned it. The judge, though,
receives every answer as plain data (:mod:`..grading.judging.wire`), so grading can keep it:
one JSON *answer sheet* per student and notebook, in ``judged/<assignment>/<student>/`` beside
``gradebook.db``. A sheet holds, for every judged cell, its points, whether it passed and, for
every check, the answer as canonical text (never an object of the student's), the verdict and,
for a function, the outcome on each hidden input.

Autograding a notebook first removes its old sheet and writes the new one when the judge has
finished, so a regrade replaces what an earlier run recorded and a run that fails leaves none.
Sheets are written whole (a temporary file, then renamed): a reader never sees half a sheet.
Only standard-library modules are imported: the grading workers load this module.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

STORE_FOLDER = "judged"
FORMAT_VERSION = 1


class StoreError(ValueError):
    """An answer sheet that cannot be read or a name that cannot be a folder; the message names it."""


@dataclass(frozen=True)
class InputOutcome:
    """How a function answer did on one hidden input: ``right``, ``wrong`` or ``error``."""

    input: str
    outcome: str


@dataclass(frozen=True)
class JudgedCheck:
    """One check of a cell: what was answered (canonical text) and whether it was right."""

    subject: str  # the answer's name(s), or the function's
    kind: str  # "answer" or "function"
    type: str
    answer: str | None  # None for a function, or when nothing could be read
    right: bool
    reason: str | None = None  # the judge's reason when not right
    elements: tuple[str, ...] | None = None  # the members of a set, list or tuple answer
    inputs: tuple[InputOutcome, ...] = ()
    group: str | None = None  # set by the report, not the grader: a pick question's parameter set


@dataclass(frozen=True)
class JudgedCell:
    """One graded cell of one student's notebook; ``status`` is ``judged``, or ``died`` when the
    kernel died (or was stopped) before the cell ran."""

    cell: str
    points: float
    passed: bool
    status: str = "judged"
    checks: tuple[JudgedCheck, ...] = ()


@dataclass(frozen=True)
class AnswerSheet:
    """Everything judged in one student's notebook of one assignment."""

    assignment: str
    student: str
    notebook: str
    cells: tuple[JudgedCell, ...]
    variant: str | None = None  # the student's variant of the assignment, once variants exist
    version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


@dataclass
class JudgedStore:
    """The sheets of every assignment under one folder (``judged/`` beside the gradebook)."""

    root: Path

    @classmethod
    def beside(cls, db_url: str) -> JudgedStore | None:
        """The store next to an SQLite gradebook; None when the gradebook is not a local file."""
        if not db_url.startswith("sqlite:///"):
            return None
        return cls(Path(db_url.removeprefix("sqlite:///")).resolve().parent / STORE_FOLDER)

    def path(self, assignment: str, student: str, notebook: str) -> Path:
        return self.root / _name(assignment) / _name(student) / f"{_name(notebook)}.json"

    def forget(self, assignment: str, student: str, notebook: str) -> None:
        """Remove a notebook's sheet (before it is graded again)."""
        self.path(assignment, student, notebook).unlink(missing_ok=True)

    def save(self, sheet: AnswerSheet) -> Path:
        """Write ``sheet`` whole, replacing the one an earlier grading left."""
        target = self.path(sheet.assignment, sheet.student, sheet.notebook)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".sheet-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(sheet.to_json())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def sheets(self, assignment: str) -> list[AnswerSheet]:
        """Every sheet of ``assignment``, by student then notebook."""
        folder = self.root / _name(assignment)
        return [read_sheet(path) for path in sorted(folder.glob("*/*.json"))]


def read_sheet(path: Path) -> AnswerSheet:
    """One sheet from its file; :class:`StoreError` names the file if it is not a sheet."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("version") != FORMAT_VERSION:
            raise StoreError(f"{path}: answer sheet format {raw.get('version')!r}, expected {FORMAT_VERSION}; "
                             "grade the assignment again with --force")
        cells = tuple(_cell(cell) for cell in raw["cells"])
        return AnswerSheet(raw["assignment"], raw["student"], raw["notebook"], cells, raw.get("variant"))
    except (OSError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, StoreError):
            raise
        raise StoreError(f"{path}: not a readable answer sheet ({type(error).__name__}: {error})") from error


def _cell(raw: dict) -> JudgedCell:
    checks = tuple(
        JudgedCheck(**{**check, "elements": None if check.get("elements") is None else tuple(check["elements"]),
                       "inputs": tuple(InputOutcome(**outcome) for outcome in check.get("inputs", ()))})
        for check in raw["checks"])
    return JudgedCell(raw["cell"], float(raw["points"]), bool(raw["passed"]), raw.get("status", "judged"), checks)


def _name(text: str) -> str:
    """A path component that stays one folder: no separators, not ``.`` or ``..``, not empty."""
    if not text or text in {".", ".."} or "/" in text or "\\" in text or "\0" in text:
        raise StoreError(f"{text!r} cannot name a folder of the answer store")
    return text
