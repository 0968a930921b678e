"""A tiny nbgrader course the grading tests build in a temporary folder.

One assignment, ``quiz``, one notebook with two questions (1 + 2 points) and a hidden test
(1 point). The source notebook and the gradebook hold a secret marker: a test that finds it in
a student's autograded notebook has caught a sandbox leak.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.preprocessors import NbGraderPreprocessor

ASSIGNMENT = "quiz"
SECRET = "SOURCE-SECRET-5e1f0c"  # only in the source notebook's solutions (and so the gradebook)
FULL_MARKS = 4.0

CONFIG = '''from pathlib import Path
c = get_config()  # noqa: F821
ROOT = Path(__file__).resolve().parent
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "quiz-course"
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'gradebook.db'}"
c.Execute.timeout = TIMEOUT
'''

DOUBLE = f"def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x  # {SECRET}\n    ### END SOLUTION"
GREETING = 'def greeting(name):\n    ### BEGIN SOLUTION\n    return "hi " + name\n    ### END SOLUTION'
ANSWERS = {"double": "def double(x):\n    return 2 * x", "greeting": 'def greeting(name):\n    return "hi " + name'}


def _meta(grade_id: str, *, solution: bool = False, points: int = 0) -> dict:
    return {"nbgrader": {"grade_id": grade_id, "solution": solution, "grade": points > 0,
                         "locked": not solution, "points": points, "schema_version": 3, "task": False}}


def source_notebook() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell("Write `double(x)`.", metadata=_meta("ask-double")),
        new_code_cell(DOUBLE, metadata=_meta("double", solution=True)),
        new_code_cell("assert double(2) == 4", metadata=_meta("double-check", points=1)),
        new_markdown_cell("Write `greeting(name)`.", metadata=_meta("ask-greeting")),
        new_code_cell(GREETING, metadata=_meta("greeting", solution=True)),
        new_code_cell('assert greeting("a") == "hi a"', metadata=_meta("greeting-check", points=2)),
        new_code_cell("### BEGIN HIDDEN TESTS\nassert double(5) == 10\n### END HIDDEN TESTS",
                      metadata=_meta("double-hidden", points=1)),
    ]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def build_course(root: Path, timeout: int = 5) -> Path:
    """Write the config and source, then release the assignment with nbgrader itself."""
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(CONFIG.replace("TIMEOUT", str(timeout)))
    nbformat.write(source_notebook(), root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    released = nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    if released.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed:\n{released.stderr}")
    return root


def nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the nbgrader command line in the course root, as an instructor would."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # nbgrader calls alembic
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, capture_output=True,
                          text=True, timeout=900, env={**os.environ, "PATH": path})


def submit(root: Path, student: str, answers: dict[str, str], timestamp: str = "2026-11-20 10:00:00 UTC",
           assignment: str = ASSIGNMENT) -> Path:
    """A submission: the released notebook with ``answers`` (by grade id) in the answer cells."""
    notebook = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{assignment}.ipynb")
    (folder / "timestamp.txt").write_text(timestamp)
    return folder


def copy_course(template: Path, destination: Path) -> Path:
    shutil.copytree(template, destination)
    return destination


def grades(root: Path) -> dict[tuple[str, str], float | None]:
    """Every (student, grade cell) auto score in the gradebook, read with plain SQL."""
    query = """select s.student_id, g.name, gr.auto_score from grade gr
               join base_cell g on gr.cell_id = g.id
               join submitted_notebook n on gr.notebook_id = n.id
               join submitted_assignment s on n.assignment_id = s.id"""
    with sqlite3.connect(root / "gradebook.db") as db:
        return {(student, cell): score for student, cell, score in db.execute(query)}


def totals(root: Path) -> dict[str, float]:
    """Each student's total auto score."""
    result: dict[str, float] = {}
    for (student, _cell), score in grades(root).items():
        result[student] = result.get(student, 0.0) + (score or 0.0)
    return result


def autograded_text(root: Path, student: str) -> str:
    return (root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()


# Answer variants for a class of mixed submissions, with the points each earns.
DOUBLE_VARIANTS = {
    "right": (ANSWERS["double"], 2.0),
    "plus-two": ("def double(x):\n    return x + 2", 1.0),  # passes the visible test, fails the hidden one
    "triple": ("def double(x):\n    return 3 * x", 0.0),
    "noisy": ("import sys\n\ndef double(x):\n    print('working', file=sys.stderr)\n    return 2 * x", 0.0),
    "raises": ("def double(x):\n    raise ValueError('not yet')", 0.0),
    "blank": (None, 0.0),
}
GREETING_VARIANTS = {
    "right": (ANSWERS["greeting"], 2.0),
    "wrong": ('def greeting(name):\n    return "hello " + name', 0.0),
    "syntax": ("def greeting(name)\n    return name", 0.0),
    "blank": (None, 0.0),
    "slow": ("import time\ntime.sleep(600)\n" + ANSWERS["greeting"], 0.0),  # interrupted at the timeout
}


def mixed_class(root: Path, size: int) -> dict[str, float]:
    """``size`` submissions cycling through every pair of variants; returns the expected totals."""
    doubles, greetings = list(DOUBLE_VARIANTS.items()), list(GREETING_VARIANTS.items())
    expected = {}
    for number in range(size):
        (d_name, (d_code, d_points)), (g_name, (g_code, g_points)) = doubles[number % 6], greetings[number % 5]
        student = f"s{number:03d}-{d_name}-{g_name}"
        answers = {key: code for key, code in (("double", d_code), ("greeting", g_code)) if code is not None}
        submit(root, student, answers, timestamp=f"2026-11-{10 + number % 15:02d} 09:00:00 UTC")
        expected[student] = d_points + g_points
    return expected


WORKER_KILLER = "zz-kills-its-worker"
# Appended to a course's config: every submission of WORKER_KILLER kills its grading worker.
KILL_WORKER_CONFIG = """
from nbgrader.converters import Autograde
c.Autograde.sanitize_preprocessors = [
    *Autograde.class_traits()["sanitize_preprocessors"].default(), "grading_course.KillWorker"]
"""


class KillWorker(NbGraderPreprocessor):
    """Stands in for the system killing a grading worker (the out-of-memory killer, say): the
    worker process exits on the spot when it sanitizes WORKER_KILLER's notebook."""

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict) -> tuple:
        if resources["nbgrader"]["student"] == WORKER_KILLER:
            os._exit(137)
        return nb, resources
