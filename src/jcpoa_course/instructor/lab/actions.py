"""The home page's buttons, wired to the same code as ``jcpoa-course start`` and ``check``.

``course_home()`` (the home notebook's one code cell) shows a card per assignment of the course;
``check_my_answers(name)`` (the last cell of every copy ``start`` makes) shows the check button
inside the assignment. Both save nothing but the learner's copy and the record of their last
check, and show only what the visible checks say.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

from jcpoa_course.logic.progress import AssignmentProgress, progress_of
from jcpoa_course.views.course_home import CheckPanel, CourseHome

from ..course import Course, CourseError, locate_course
from ..self_check import CheckResult, check_notebook, last_check, record_check, start_assignment
from .front_end import open_in_lab, save_in_lab, when_ready


@dataclass(frozen=True)
class LearnerAssignment:
    """One assignment as a self-learner sees it: their copy in the lab's ``work/`` folder."""

    course: Course
    name: str

    @property
    def title(self) -> str:
        """The assignment's own title: the heading that opens its notebook."""
        for notebook in self.course.notebooks(self.name):
            first = nbformat.read(notebook, as_version=4).cells[0]
            if first.cell_type == "markdown" and first.source.startswith("# "):
                return first.source.splitlines()[0].removeprefix("# ")
        return f"Assignment: {self.name}"

    @property
    def copy(self) -> Path:
        """The learner's working copy (it exists once the assignment is started)."""
        return self.course.work_dir(self.name) / f"{self.name}.ipynb"

    def progress(self) -> AssignmentProgress:
        if not self.copy.is_file():
            return progress_of(self.name)
        try:
            cells = nbformat.read(self.copy, as_version=4).cells
        except Exception:  # a copy being written, or broken by hand: the check names the problem
            cells = []
        return progress_of(self.name, cells, last_check(self.copy))

    def start(self) -> str:
        """Copy the blank assignment unless the learner has a copy; open it in the lab; link to it."""
        if not self.copy.is_file():
            start_assignment(self.course, self.name)
        opened = open_in_lab(self.copy)
        link = Path(os.path.relpath(self.copy, Path.cwd())).as_posix()
        return f"{'Opened' if opened else 'Open'} your copy: [{link}]({link})"

    def check(self) -> list[CheckResult]:
        return checked(self.copy)


def checked(path: Path) -> list[CheckResult]:
    """Save ``path`` in the lab if it is open there, run its visible checks and record the outcome."""
    if not path.is_file():
        raise CourseError(f"{path.name} is not started yet: press Start first")
    save_in_lab(path)
    results = check_notebook(path)
    record_check(path, results)
    return results


def course_home(course: Course | None = None) -> CourseHome:
    """The assignments' cards for the home notebook, with the learner's progress."""
    course = course or locate_course()
    home = CourseHome([LearnerAssignment(course, name) for name in course.assignments()])
    starts = [card.start_button for card in home.cards]
    for button in starts:
        button.disabled = True  # until the lab can open the copy it makes
    when_ready(lambda: [setattr(button, "disabled", False) for button in starts])
    return home


def check_my_answers(notebook: str | Path) -> CheckPanel:
    """The *Check my answers* button for the notebook ``notebook`` (a path from the kernel's folder)."""
    path = Path(notebook).resolve()
    panel = CheckPanel(lambda: checked(path))
    panel.button.disabled = True  # until the lab can save the notebook for the learner
    when_ready(lambda: setattr(panel.button, "disabled", False))
    return panel

