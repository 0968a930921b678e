"""Collecting submissions into ``submitted/<student>/<assignment>/``, where nbgrader looks.

An LMS or a shared drive hands back a folder or a ``.zip``. Accepted layouts, per student:

- ``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``;
- ``<student>.ipynb`` at the top level, when the assignment has a single notebook;
- Canvas's flat download, ``<name>_<canvas user id>_<file id>_<file>`` at the top level (see
  :mod:`.canvas_names`), the Canvas id mapped to a student id by :mod:`.canvas_roster`.

A student's only notebook is renamed to the assignment's notebook when the assignment has one
(LMS downloads often add suffixes). Nothing is graded here, and nothing is lost: whatever cannot
be collected (an unusable student id, a Canvas id no roster knows, a link, a second submission
for the same student) is listed with the reason and left where it was. A zip is unpacked only
after :mod:`.archive` has checked it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course, CourseError
from .archive import DEFAULT_LIMITS, ArchiveLimits, unpack
from .canvas_names import CanvasFile, is_anonymous_canvas_name, read_canvas_name
from .canvas_roster import CanvasRoster

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$")


@dataclass
class Collection:
    """What :func:`collect_submissions` did: students collected, Canvas's late ones, entries skipped with reasons."""

    students: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)


@dataclass
class Submission:
    """One student's files as found: ``notebooks`` maps the name each notebook had to its path."""

    student: str
    origin: str
    notebooks: dict[str, Path]
    late: bool = False
    links: list[Path] = field(default_factory=list)


def collect_submissions(
    course: Course, assignment: str, source: Path, roster: Path | None = None, limits: ArchiveLimits = DEFAULT_LIMITS
) -> Collection:
    """Copy every submission in ``source`` (folder or zip) into the course's ``submitted/``.

    ``roster`` is a CSV mapping Canvas user ids to student ids, needed only for Canvas download
    names when the gradebook's students do not carry their Canvas ids; ``limits`` bound a zip.
    """
    expected = [path.name for path in course.notebooks(assignment)]
    source = Path(source)
    if not source.exists():
        raise CourseError(f"submissions '{source}' not found")
    canvas_roster = CanvasRoster(course, roster)
    canvas_roster.check()
    if source.is_file():
        with tempfile.TemporaryDirectory() as unpacked:
            unpack(source, Path(unpacked), limits)
            return _collect_folder(course, assignment, Path(unpacked), expected, canvas_roster)
    return _collect_folder(course, assignment, source, expected, canvas_roster)


def _collect_folder(course: Course, assignment: str, folder: Path, expected: list[str],
                    canvas_roster: CanvasRoster) -> Collection:
    result = Collection()
    collected_from: dict[str, str] = {}
    for submission in _gather(assignment, folder, canvas_roster, result):
        problem = _problem(submission, expected, collected_from)
        if problem:
            result.skipped.append(f"{submission.origin}: {problem}")
            continue
        _store(course, assignment, submission, expected)
        collected_from[submission.student] = submission.origin
        result.students.append(submission.student)
        if submission.late:
            result.late.append(submission.student)
    return result


def _gather(assignment: str, folder: Path, canvas_roster: CanvasRoster, result: Collection) -> list[Submission]:
    """Every submission in ``folder``: folders and notebooks first, then Canvas's flat files by user."""
    plain, canvas = [], {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__")):  # .DS_Store, __MACOSX
            continue
        if entry.is_file() and is_anonymous_canvas_name(entry.name):
            result.skipped.append(f"{entry.name}: from an anonymously graded Canvas assignment, whose file "
                                  "names do not say who sent them")
        elif entry.is_file() and (name := read_canvas_name(entry.name)):
            canvas[entry] = name
        else:
            plain.append(_plain_submission(entry, assignment))
    return plain + _canvas_submissions(canvas, canvas_roster, result)


def _plain_submission(entry: Path, assignment: str) -> Submission:
    """A ``<student>/`` folder or a ``<student>.ipynb`` file, and any link met on the way."""
    if entry.is_symlink() or not entry.is_dir():
        notebooks = [entry] if entry.suffix == ".ipynb" or entry.is_symlink() else []
        return Submission(entry.stem, entry.name, {path.name: path for path in notebooks})
    inner = entry / assignment if (entry / assignment).is_dir() else entry
    notebooks = sorted(p for p in inner.glob("*.ipynb") if not p.name.startswith("."))
    links = [inner] if inner.is_symlink() else []
    return Submission(entry.name, entry.name, {path.name: path for path in notebooks}, links=links)


def _canvas_submissions(files: dict[Path, CanvasFile], canvas_roster: CanvasRoster,
                        result: Collection) -> list[Submission]:
    """One submission per Canvas user, under the student id the roster gives them."""
    by_user: dict[str, list[tuple[Path, CanvasFile]]] = {}
    for path, name in files.items():
        by_user.setdefault(name.user_id, []).append((path, name))
    submissions = []
    for user_id, group in by_user.items():
        origin = f"Canvas user {user_id} ({_list_files(path.name for path, _ in group)})"
        student = canvas_roster.students.get(user_id)
        if student is None:
            result.skipped.append(f"{origin}: Canvas user id {user_id} is not in {canvas_roster.source}; "
                                  f"{canvas_roster.remedy}")
            continue
        notebooks = {name.file: path for path, name in group if name.file.endswith(".ipynb")}
        submissions.append(Submission(student, origin, notebooks, any(name.late for _, name in group)))
    return submissions


def _list_files(names: Iterable[str]) -> str:
    names = sorted(names)
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more file(s)"


def _problem(submission: Submission, expected: list[str], collected_from: dict[str, str]) -> str | None:
    student = submission.student
    if not STUDENT_ID.match(student):
        return f"'{student}' is not a usable student id (letters, digits, . _ @ - only)"
    if student in collected_from:
        return f"'{student}' was already collected from {collected_from[student]}; this one is left out"
    links = submission.links + [path for path in submission.notebooks.values() if path.is_symlink()]
    if links:
        return f"{', '.join(link.name for link in links)}: a symbolic link, which collect never follows"
    if not submission.notebooks:
        return "no .ipynb notebook found"
    if len(expected) > 1 and not set(submission.notebooks) & set(expected):
        return f"none of the expected notebooks {expected}"
    return None


def _store(course: Course, assignment: str, submission: Submission, expected: list[str]) -> None:
    target = course.step_dir("submitted", assignment, submission.student)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    rename = len(expected) == 1 and len(submission.notebooks) == 1
    for name, path in submission.notebooks.items():
        shutil.copyfile(path, target / (expected[0] if rename else name))
