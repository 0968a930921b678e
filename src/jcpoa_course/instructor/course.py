"""Where the nbgrader course lives, and the names of its folders.

Every command works from any folder: the course root is the folder holding
``nbgrader_config.py``. It is found, in order, from the ``JCPOA_COURSE_ROOT`` environment
variable, from the current folder and its parents (``./assignments`` or ``.`` itself), and
finally next to the installed package (the repository checkout of an editable install).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "nbgrader_config.py"
ROOT_ENV = "JCPOA_COURSE_ROOT"
LEARNER_FOLDER = "notebooks"  # beside the course root: the self-learner's lab (`make lab`) opens here
STEPS = ("source", "release", "submitted", "autograded", "feedback")

# Cell-naming convention shared by the notebooks and the tools (see book/instructors.md):
VISIBLE_TEST_SUFFIX = "-check"  # read-only cells with tests the student may run
HIDDEN_TEST_SUFFIX = "-hidden"  # graded cells whose hidden tests decide the points


class CourseError(ValueError):
    """A course, assignment, student or file that the tools cannot use; the message says which."""


@dataclass(frozen=True)
class Course:
    """An nbgrader course root and the paths of its steps."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def gradebook(self) -> Path:
        return self.root / "gradebook.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.gradebook}"

    @property
    def learner_folder(self) -> Path:
        """The self-learner's folder: the course home, the interactives and, in ``work/``, their copies."""
        return self.root.parent / LEARNER_FOLDER

    def work_dir(self, assignment: str) -> Path:
        """Where ``jcpoa-course start`` puts a self-learner's copy: inside the folder their lab shows."""
        return self.learner_folder / "work" / assignment

    def step_dir(self, step: str, assignment: str, student: str | None = None) -> Path:
        """``root/step/[student/]assignment``: the layout nbgrader uses."""
        if step not in STEPS:
            raise CourseError(f"unknown step '{step}'; expected one of {', '.join(STEPS)}")
        base = self.root / step
        return base / assignment if student is None else base / student / assignment

    def assignments(self) -> list[str]:
        """Names of the assignments in ``source/``, sorted."""
        source = self.root / "source"
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))

    def require_assignment(self, assignment: str) -> str:
        """Return ``assignment`` if it exists in ``source/``, else fail naming the ones that do."""
        known = self.assignments()
        if assignment not in known:
            raise CourseError(f"unknown assignment '{assignment}'; expected one of: {', '.join(known)}")
        return assignment

    def notebooks(self, assignment: str, step: str = "source", student: str | None = None) -> list[Path]:
        """The ``.ipynb`` files of an assignment at one step."""
        folder = self.step_dir(step, self.require_assignment(assignment), student)
        return sorted(folder.glob("*.ipynb"))

    def students_submitted(self, assignment: str) -> list[str]:
        """Students with a submission folder for ``assignment``."""
        submitted = self.root / "submitted"
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())


def locate_course(start: Path | None = None) -> Course:
    """Find the course root (see the module docstring); a clear error when there is none."""
    override = os.environ.get(ROOT_ENV)
    if override and not (Path(override) / CONFIG_NAME).is_file():
        raise CourseError(f"{ROOT_ENV}={override!r} is not a course root: it has no {CONFIG_NAME}")
    for candidate in _candidates(Path.cwd() if start is None else Path(start)):
        if (candidate / CONFIG_NAME).is_file():
            return Course(candidate.resolve())
    raise CourseError(
        f"no nbgrader course found: no {CONFIG_NAME} in ${ROOT_ENV}, in the current folder or its parents "
        "(or their assignments/ folder), nor beside the installed package. Run the command from the "
        f"repository, or set {ROOT_ENV} to the folder that holds {CONFIG_NAME}."
    )


def _candidates(start: Path) -> list[Path]:
    if os.environ.get(ROOT_ENV):
        return [Path(os.environ[ROOT_ENV])]
    found: list[Path] = []
    for folder in (start.resolve(), *start.resolve().parents):
        found += [folder, folder / "assignments"]
    package_repo = Path(__file__).resolve().parents[3]
    found.append(package_repo / "assignments")
    return found


Handler = Callable[[argparse.Namespace], int]


def one_line_errors(handler: Handler) -> Handler:
    """Turn a :class:`CourseError` into a one-line message and exit code 2, instead of a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CourseError as err:
            print(f"jcpoa-course {args.command}: {err}", file=sys.stderr)
            return 2

    return run
