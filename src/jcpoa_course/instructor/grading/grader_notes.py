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


def add_note(nb: NotebookNode, text: str, cell: str | None = None) -> None:
    """Record ``text`` about ``cell`` (a grade id); the same text about several cells is one line."""
    notes = nb.metadata.setdefault(METADATA_KEY, {}).setdefault("notes", [])
    for note in notes:
        if note["text"] == text:
            if cell and cell not in note["cells"]:
                note["cells"].append(cell)
            return
    notes.append({"text": text, "cells": [cell] if cell else []})


def notes_of(nb: NotebookNode) -> list[str]:
    """The notes as lines: ``q1-hidden, q2-hidden: the test cell was deleted; ...``."""
    notes = nb.metadata.get(METADATA_KEY, {}).get("notes", [])
    return [f"{', '.join(note['cells'])}: {note['text']}" if note["cells"] else note["text"] for note in notes]


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


class StartGraderNotes(Preprocessor):
    """First sanitising step: clear any notes the submission brought, and take cells that claim
    to be graded but have no grade id out of grading (nbgrader's later steps would stop the whole
    submission with ``KeyError: 'grade_id'``)."""

    enabled = Bool(True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        reset_notes(nb)
        for cell in nb.cells:
            claimed = cell.get("metadata", {}).get("nbgrader")
            if isinstance(claimed, dict) and not claimed.get("grade_id"):
                if claimed.get("grade") or claimed.get("solution") or claimed.get("task"):
                    add_note(nb, "a cell marked for grading without a grade id is not part of the assignment: ignored")
                del cell.metadata["nbgrader"]
        return nb, resources


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
