"""Collecting submissions into ``submitted/<student>/<assignment>/``, where nbgrader looks.

An LMS or a shared drive hands back a folder or a ``.zip``. Accepted layouts, per student:

- ``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``;
- ``<student>.ipynb`` at the top level, when the assignment has a single notebook.

A student's only notebook is renamed to the assignment's notebook when the assignment has one
(LMS downloads often add suffixes). Nothing is graded here; bad student ids and unsafe zip
entries are refused with a message naming them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .course import Course, CourseError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$")


@dataclass
class Collection:
    """What :func:`collect_submissions` did: students collected and entries skipped, with reasons."""

    students: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def collect_submissions(course: Course, assignment: str, source: Path) -> Collection:
    """Copy every submission in ``source`` (folder or zip) into the course's ``submitted/``."""
    expected = [path.name for path in course.notebooks(assignment)]
    source = Path(source)
    if not source.exists():
        raise CourseError(f"submissions '{source}' not found")
    if source.is_file():
        with tempfile.TemporaryDirectory() as unpacked:
            _unzip(source, Path(unpacked))
            return _collect_folder(course, assignment, Path(unpacked), expected)
    return _collect_folder(course, assignment, source, expected)


def _unzip(archive: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as bundle:
            for name in bundle.namelist():
                resolved = (target / name).resolve()
                if not resolved.is_relative_to(target.resolve()):
                    raise CourseError(f"{archive}: unsafe entry '{name}' points outside the archive")
            bundle.extractall(target)
    except zipfile.BadZipFile as err:
        raise CourseError(f"{archive}: not a folder nor a valid zip file ({err})") from err


def _collect_folder(course: Course, assignment: str, folder: Path, expected: list[str]) -> Collection:
    result = Collection()
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__")):
            continue
        student = entry.stem if entry.is_file() else entry.name
        notebooks = _notebooks_of(entry, assignment)
        problem = _problem(student, notebooks, expected)
        if problem:
            result.skipped.append(f"{entry.name}: {problem}")
            continue
        _store(course, assignment, student, notebooks, expected)
        result.students.append(student)
    return result


def _notebooks_of(entry: Path, assignment: str) -> list[Path]:
    if entry.is_file():
        return [entry] if entry.suffix == ".ipynb" else []
    inner = entry / assignment if (entry / assignment).is_dir() else entry
    return sorted(p for p in inner.glob("*.ipynb") if not p.name.startswith("."))


def _problem(student: str, notebooks: list[Path], expected: list[str]) -> str | None:
    if not STUDENT_ID.match(student):
        return f"'{student}' is not a usable student id (letters, digits, . _ @ - only)"
    if not notebooks:
        return "no .ipynb notebook found"
    if len(expected) > 1 and not {p.name for p in notebooks} & set(expected):
        return f"none of the expected notebooks {expected}"
    return None


def _store(course: Course, assignment: str, student: str, notebooks: list[Path], expected: list[str]) -> None:
    target = course.step_dir("submitted", assignment, student)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for notebook in notebooks:
        name = expected[0] if len(expected) == 1 and len(notebooks) == 1 else notebook.name
        shutil.copyfile(notebook, target / name)
