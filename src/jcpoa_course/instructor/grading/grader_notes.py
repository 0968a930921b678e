"""What the grader found in a submission, told to the instructor and to the student.

Tampering (changed points or grade ids, a graded cell of the student's own, deleted or edited
test cells), a kernel that died, answers that could not be read: each becomes one plain line.
The lines are kept in the notebook's metadata while nbgrader's steps run (the sanitising and the
autograding passes see the same notebook file, not the same ``resources``), then shown in a
Markdown cell at the top of the autograded notebook: formgrader shows it to the instructor,
the feedback to the student, and the grading summary reads it back from there.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_markdown_cell
from traitlets import Bool

METADATA_KEY = "jcpoa_grader"
NOTES_CELL_TAG = "jcpoa-grader-notes"
HEADING = "**Grader's notes.** The grader found the following in this submission:"


def reset_notes(nb: NotebookNode) -> None:
    """Start a submission with no notes (a student's own metadata of that name is thrown away)."""
    nb.metadata[METADATA_KEY] = {"notes": []}
    nb.cells = [cell for cell in nb.cells if not _is_notes_cell(cell)]


def add_note(nb: NotebookNode, note: str) -> None:
    notes = nb.metadata.setdefault(METADATA_KEY, {}).setdefault("notes", [])
    if note not in notes:
        notes.append(note)


def notes_of(nb: NotebookNode) -> list[str]:
    return list(nb.metadata.get(METADATA_KEY, {}).get("notes", []))


def notes_in(autograded: Path) -> list[str]:
    """The notes of every autograded notebook in a folder (for the grading summary)."""
    notes: list[str] = []
    for path in sorted(Path(autograded).glob("*.ipynb")):
        try:
            notes += notes_of(nbformat.read(path, as_version=4))
        except Exception:  # noqa: BLE001 - an unreadable notebook has its own line in the summary
            continue
    return notes


def _is_notes_cell(cell: NotebookNode) -> bool:
    return NOTES_CELL_TAG in cell.get("metadata", {}).get("tags", [])


class ShowGraderNotes(Preprocessor):
    """Last autograde step: put the notes, if any, in a Markdown cell at the top of the notebook."""

    enabled = Bool(True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb.cells = [cell for cell in nb.cells if not _is_notes_cell(cell)]
        notes = notes_of(nb)
        if notes:
            text = "\n".join([HEADING, "", *(f"- {note}" for note in notes)])
            nb.cells.insert(0, new_markdown_cell(text, metadata={"tags": [NOTES_CELL_TAG]}))
        return nb, resources
