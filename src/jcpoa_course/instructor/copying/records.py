"""What the copying signals read: each student's answers as the grader received them.

The judge keeps every probed answer, as the plain tagged data the kernel sent, in the autograded
notebook's metadata (:data:`~..grading.judging.steps.ANSWERS_KEY`); the written answers are the
hand-graded Markdown answer cells of the same notebook. Nothing is re-run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..grading.judging.steps import ANSWERS_KEY

STUBS = {"", "YOUR ANSWER HERE"}


@dataclass(frozen=True)
class Submission:
    """One student's graded answers: payloads by item (``q5-hidden#0``) and written texts by cell."""

    student: str
    items: dict[str, dict]
    written: dict[str, str] = field(default_factory=dict)


def read_submission(student: str, folder: Path) -> Submission:
    """The answers the grader kept for ``student`` in an autograded folder."""
    items: dict[str, dict] = {}
    written: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        items |= notebook.metadata.get(ANSWERS_KEY, {}).get("items", {})
        for cell in notebook.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
                text = cell.source.strip()
                if text not in STUBS:
                    written[meta["grade_id"]] = text
    return Submission(student, items, written)


def read_class(course_root: Path, assignment: str) -> list[Submission]:
    """Every autograded submission of ``assignment``, by student id."""
    folders = sorted(Path(course_root).glob(f"autograded/*/{assignment}"))
    return [read_submission(folder.parent.name, folder) for folder in folders]
