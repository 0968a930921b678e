"""The page each person lands on after logging in to the hub: a course home, not an empty Launcher.

- a student's ``course-home.ipynb`` is the self-learner's course home (``make lab``,
  :mod:`..lab.home_notebook`) in its hub version: the course, each chapter as a live notebook (in
  ``jcpoa-course/``, where the book's launch buttons clone the course with nbgitpuller) and in the
  book the hub serves itself, the interactives, and how assignments go on the hub; then what is
  released, or plainly that nothing is yet (nbgrader's own list then says "No courses found.",
  which reads like an error);
- the instructor's ``instructor-home.ipynb``: the class at a glance (:mod:`.class_status`) with
  the next step for each assignment as the exact command, and where the tools are.

`jcpoa-course hub up` writes both into the homes at every start (they are the hub's pages, not
the user's work: an edited copy is replaced), with the state of the class at that moment already
shown, and the spawner opens the role's page as the server's first page.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ..lab.home_notebook import home_notebook, hub_context
from .class_roster import ClassRoster, Member
from .class_status import glance_text, released_text

STUDENT_HOME = "course-home.ipynb"
INSTRUCTOR_HOME = "instructor-home.ipynb"
COURSE_CLONE = "jcpoa-course"  # where nbgitpuller (the book's launch buttons) clones the course in a home


def home_page(role: str) -> str:
    """The file a server of ``role`` opens first (relative to the user's home)."""
    return INSTRUCTOR_HOME if role == "instructor" else STUDENT_HOME


def student_home(checkout: Path, exchange: Path, book_url: str | None) -> nbformat.NotebookNode:
    """The self-learner's home in its hub version, and what is released now."""
    page = home_notebook(checkout, hub_context(COURSE_CLONE, book_url))
    page.cells.append(new_markdown_cell(
        f"The chapters and interactives above open from `{COURSE_CLONE}/` in your folder, which a chapter's launch "
        "button (the rocket, in the book) fills the first time it is used; on a hub with no outside network, read "
        "them in the book the hub serves.\n\n## Released now\n\nAs of the hub's start (run the cell to see it now):"))
    page.cells.append(_shown(new_code_cell("from jcpoa_course.instructor.hub.class_status import released_for_students"
                                           f"\n\nreleased_for_students({str(exchange)!r})"), released_text(exchange)))
    return page


def instructor_home(course_root: Path, exchange: Path, students: tuple[str, ...]) -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell("# Instructor home\n\nThe class at a glance: who is enrolled, each assignment's state "
                          "(released, submitted, collected, graded) and its next step, as the exact command to "
                          "run in a terminal (*File → New → Terminal*). Written work is graded in "
                          "**Nbgrader → Formgrader**. The table is as of the hub's start: run the cell to "
                          "refresh it."),
        _shown(new_code_cell("from jcpoa_course.instructor.hub.class_status import class_at_a_glance\n\n"
                             f"class_at_a_glance({str(course_root)!r}, {str(exchange)!r}, {list(students)!r})"),
               glance_text(course_root, exchange, list(students))),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def _shown(cell: nbformat.NotebookNode, markdown: str) -> nbformat.NotebookNode:
    """The cell with the output it gives now, so the page is right at first sight, before any kernel runs."""
    cell.outputs = [new_output("display_data", data={"text/markdown": markdown, "text/plain": markdown})]
    return cell


def write_homes(roster: ClassRoster, checkout: Path, course_root: Path, exchange: Path, book_url: str | None) -> None:
    """Write each member's home page into their home, owned by them (the book's chapters from ``checkout``)."""
    students = tuple(member.username for member in roster.students)
    for member in roster.members:
        page = (instructor_home(course_root, exchange, students) if member.role == "instructor"
                else student_home(checkout, exchange, book_url))
        _write_as(member, page)


def _write_as(member: Member, page: nbformat.NotebookNode) -> None:
    account = pwd.getpwnam(member.username)
    path = Path(account.pw_dir) / home_page(member.role)
    nbformat.write(page, path)
    os.chown(path, account.pw_uid, account.pw_gid)
    path.chmod(0o644)
