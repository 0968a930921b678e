"""Rehearse the workflow on a scratch copy of the course, with synthetic submissions.

Before a term an instructor wants to see the whole pipeline run: release, a few submissions
(right, wrong, broken), autograde, feedback, export. Doing that in the real course would
pollute its gradebook, so :func:`scratch_course` copies the configuration and the source
notebooks to another folder (the config derives every path from its own location, so the copy
is a complete course). :func:`solution_answers` and :func:`synthetic_submission` then build
submissions from the released notebook. The test suite and the benchmark use the same code.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from .course import CONFIG_NAME, Course, CourseError

SOLUTION_REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*$", re.S | re.M)


def scratch_course(course: Course, target: Path) -> Course:
    """Copy ``course``'s config and sources into ``target`` (which must not exist) and return it."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise CourseError(f"{target} is not empty: a scratch course needs an empty folder")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(course.config, target / CONFIG_NAME)
    shutil.copytree(course.root / "source", target / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Course(target.resolve())


def grade_id(cell: NotebookNode) -> str:
    """The nbgrader id of a cell, or ``""``."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def solution_answers(source_notebook: Path) -> dict[str, str]:
    """The solution of every code answer cell, by grade id: what a perfect student would type."""
    notebook = nbformat.read(source_notebook, as_version=4)
    answers = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            regions = SOLUTION_REGION.findall(cell.source)
            answers[grade_id(cell)] = "\n".join(region.rstrip("\n") for region in regions)
    return answers


def synthetic_submission(
    released_notebook: Path,
    answers: Mapping[str, str],
    target: Path,
    drop: Iterable[str] = (),
    replace: Mapping[str, str] | None = None,
) -> Path:
    """Write a submission: the released notebook with ``answers`` in the answer cells (by grade id).

    ``drop`` deletes cells by grade id (a student who deleted cells); ``replace`` overwrites any
    cell's source (a student who edited a test cell). Unknown ids are an error, so a typo in a
    rehearsal cannot silently test nothing.
    """
    notebook = nbformat.read(released_notebook, as_version=4)
    ids = {grade_id(cell) for cell in notebook.cells}
    overrides = {**answers, **(replace or {})}
    unknown = sorted((set(overrides) | set(drop)) - ids)
    if unknown:
        raise CourseError(f"{released_notebook.name}: no cell with grade id {unknown}")
    notebook.cells = [cell for cell in notebook.cells if grade_id(cell) not in set(drop)]
    for cell in notebook.cells:
        if grade_id(cell) in overrides:
            cell.source = overrides[grade_id(cell)]
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return Path(target)
