"""The solution notebook of one student's variant, for the instructor to check a key by eye.

The source notebook (solutions and hidden checks included) runs in a real kernel, pinned to
the student's variant the way the grader pins it, so every printed question, computed answer
and hidden check is that student's. The pin cell is removed again; a note at the top says whose
variant it is. It is an instructor's file: it holds the student's keys.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell

from ...kernel_replies import PromptKernelManager
from ...variants import draw_variant
from ...variants.identity import PIN_KEY, PIN_STUDENT
from ..course import Course, CourseError
from .release import course_key

FOLDER = "variant-solutions"


def solution_notebook(course: Course, assignment: str, student: str, out: Path | None = None,
                      timeout: int = 60) -> Path:
    """Run the source of ``assignment`` for ``student``'s variant; write it to ``out``."""
    course.require_assignment(assignment)
    key = course_key(course)
    variant = draw_variant(assignment, student, key)
    (source,) = course.notebooks(assignment)[:1] or [None]
    if source is None:
        raise CourseError(f"assignment '{assignment}' has no source notebook")
    notebook = nbformat.read(source, as_version=4)
    pins = {PIN_STUDENT: student, PIN_KEY: key.hex() if key else ""}
    notebook.cells.insert(0, new_code_cell(f"__import__('os').environ.update({pins!r})"))
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            kernel_manager_class=PromptKernelManager,
                            resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    notebook.cells[0] = new_markdown_cell(
        f"**Solution of the variant of {student}** (variant `{variant.code}`), for the instructor: "
        "the answers and hidden checks below are this student's keys.")
    target = Path(out) if out else course.root / FOLDER / assignment / f"{student}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target
