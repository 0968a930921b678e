"""The page each person lands on after logging in to the hub: a course home, not an empty Launcher.

- a student's ``course-home.ipynb``: the course in two lines, where the book is, the chapters'
  live notebooks, and the assignments: the *Assignments* tab one click away, and, when the cell
  runs, what is released, or plainly that nothing is yet (nbgrader's own list then says "No
  courses found.", which reads like an error);
- the instructor's ``instructor-home.ipynb``: the class at a glance (:mod:`.class_status`) with
  the next step for each assignment as the exact command, and the tools (Formgrader, a terminal).

`jcpoa-course hub up` writes both into the homes at every start (they are the hub's pages, not
the user's work), and the spawner opens the role's one as the server's first page.

The student's page is the hub's version of the self-learner's home notebook (``make lab``):
when that builder is in the package it should write this page too (its hub context), and this
module keep only where the page goes and the instructor's page.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from .class_roster import ClassRoster, Member
from .class_status import glance_text, released_text

STUDENT_HOME = "course-home.ipynb"
INSTRUCTOR_HOME = "instructor-home.ipynb"
REPORT = ("NIAC's 2020 report *Returning to and Building On the Iran Nuclear Deal: A 'Maximum Pressure' "
          "Exit Strategy*")


def home_page(role: str) -> str:
    """The file a server of ``role`` opens first (relative to the user's home)."""
    return INSTRUCTOR_HOME if role == "instructor" else STUDENT_HOME


def student_home(exchange: Path, book_url: str | None) -> nbformat.NotebookNode:
    book = (f"Read [the course book]({book_url}); each chapter's rocket button opens it here as a live notebook."
            if book_url else "Each chapter of the book opens here as a live notebook from its rocket button.")
    return new_notebook(cells=[
        new_markdown_cell(f"# The course home\n\nThis course explains {REPORT}, chapter by chapter, and lets you work "
                          "with its two hardest ideas: the layered sanctions wall and the sequencing of a mutual "
                          f"return to the deal.\n\n{book}"),
        new_markdown_cell("## Your assignments\n\nOpen **Nbgrader → Assignment List** in the menu bar: *Fetch* an "
                          "assignment, open it from the list, work, and *Submit* (as often as you like until the "
                          "deadline). Graded feedback arrives in the same list. What is released (as of the "
                          "hub's start; run the cell to see it now):"),
        _shown(new_code_cell("from jcpoa_course.instructor.hub.class_status import released_for_students\n\n"
                             f"released_for_students({str(exchange)!r})"), released_text(exchange)),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


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


def book_url(checkout: Path) -> str | None:
    """The online book's address (``html.baseurl`` in ``_config.yml``), if the checkout has one."""
    config = checkout / "_config.yml"
    if not config.is_file():
        return None
    url = ((yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("html") or {}).get("baseurl")
    return str(url).rstrip("/") if url else None


def write_homes(roster: ClassRoster, course_root: Path, exchange: Path, book_url: str | None) -> None:
    """Write each member's home page into their home, owned by them."""
    students = tuple(member.username for member in roster.students)
    for member in roster.members:
        page = (instructor_home(course_root, exchange, students) if member.role == "instructor"
                else student_home(exchange, book_url))
        _write_as(member, page)


def _write_as(member: Member, page: nbformat.NotebookNode) -> None:
    account = pwd.getpwnam(member.username)
    path = Path(account.pw_dir) / home_page(member.role)
    nbformat.write(page, path)
    os.chown(path, account.pw_uid, account.pw_gid)
    path.chmod(0o644)
