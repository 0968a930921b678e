"""Self-learners: start an assignment, then check a working copy against its visible tests.

``start_assignment`` copies the student version (generated if needed) into a working folder.
``check_notebook`` runs a *copy* of the learner's notebook in a fresh kernel, skipping every
graded test cell (hidden tests are never run nor printed, even if the notebook still holds
them), and reports each visible test: passed, failed with its hint, or not answered yet. It also
lists each written answer as answered or not, so that a green run cannot hide an empty answer worth
the most points; it never judges what a written answer says (that is the rubric's job, by hand).
Solutions are never read: the check only uses the learner's own notebook.

The kernel is started with its log level at ERROR: its one start-up warning ("running over TCP
without encryption", about a kernel that only listens on this machine) reads like an error to a
student and is the only thing the check would print besides the results.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode

from ..kernel_replies import PromptKernelManager
from .course import HIDDEN_TEST_SUFFIX, VISIBLE_TEST_SUFFIX, Course, CourseError
from .nbgrader_steps import generate_assignment

NOT_ANSWERED = "NotImplementedError"
WRITTEN_PLACEHOLDER = "YOUR ANSWER HERE"  # what nbgrader puts in a written answer cell of the release
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


@dataclass(frozen=True)
class CheckResult:
    """One visible test (``passed``/``failed``/``not answered``) or, with ``written``, one written
    answer (``answered``/``not answered``): the question it belongs to, its status, and why."""

    question: str
    status: str
    message: str = ""
    written: bool = False


def start_assignment(course: Course, assignment: str, workdir: Path | None = None, force: bool = False) -> list[Path]:
    """Copy the student version of ``assignment`` into ``workdir`` (default ``<course>/work/<assignment>``)."""
    release = course.step_dir("release", course.require_assignment(assignment))
    if not release.is_dir():
        result = generate_assignment(course, assignment)
        if not result.ok:
            raise CourseError(f"could not generate the student version of '{assignment}':\n{result.log[-2000:]}")
    target = Path(workdir) if workdir else course.root / "work" / assignment
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in sorted(release.glob("*.ipynb")):
        destination = target / notebook.name
        if destination.exists() and not force:
            raise CourseError(f"{destination} exists: your work is kept. Use --force to start again from blank.")
        shutil.copyfile(notebook, destination)
        copied.append(destination)
    return copied


def check_notebook(path: Path, timeout: int = 30) -> list[CheckResult]:
    """Run the visible tests of the notebook at ``path``; the file itself is not changed."""
    notebook = _read(Path(path))
    runnable = _without_graded_tests(notebook)
    client = NotebookClient(
        runnable, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        kernel_manager_class=PromptKernelManager, extra_arguments=QUIET_KERNEL,
        resources={"metadata": {"path": str(Path(path).parent.resolve())}},
    )
    try:
        client.execute()
    except (CellTimeoutError, DeadKernelError) as err:
        reason = type(err).__name__
        raise CourseError(f"{path}: the notebook did not finish ({reason}); look for an endless loop") from err
    return _results(runnable) + _written_answers(runnable)


def _read(path: Path) -> NotebookNode:
    if not path.is_file():
        raise CourseError(f"notebook '{path}' not found")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several unrelated types for broken JSON
        raise CourseError(f"{path}: not a readable notebook ({err})") from err


def _grade_id(cell: NotebookNode) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _without_graded_tests(notebook: NotebookNode) -> NotebookNode:
    """Drop hidden-test and other graded code cells: the learner checks against visible tests only."""
    kept = []
    for cell in notebook.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        is_test = cell.cell_type == "code" and nbgrader.get("grade") and not nbgrader.get("solution")
        if is_test or _grade_id(cell).endswith(HIDDEN_TEST_SUFFIX) or "BEGIN HIDDEN TESTS" in cell.source:
            continue
        kept.append(cell)
    notebook.cells = kept
    return notebook


def _results(notebook: NotebookNode) -> list[CheckResult]:
    results = []
    last_answer_error = ""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        grade_id = _grade_id(cell)
        error = _error_of(cell)
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            last_answer_error = error
        if grade_id.endswith(VISIBLE_TEST_SUFFIX):
            results.append(_result(grade_id.removesuffix(VISIBLE_TEST_SUFFIX), error, last_answer_error))
    return results


def _written_answers(notebook: NotebookNode) -> list[CheckResult]:
    """Each hand-graded answer cell: answered when it holds more than nbgrader's placeholder."""
    results = []
    for cell in notebook.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "markdown" or not (nbgrader.get("grade") and nbgrader.get("solution")):
            continue
        question = _grade_id(cell).removesuffix("-answer")
        if cell.source.replace(WRITTEN_PLACEHOLDER, "").strip():
            results.append(CheckResult(question, "answered", "written: graded by hand with the rubric", True))
        else:
            results.append(CheckResult(question, "not answered", "written: replace YOUR ANSWER HERE", True))
    return results


def _result(question: str, error: str, answer_error: str) -> CheckResult:
    if answer_error.startswith(NOT_ANSWERED):
        return CheckResult(question, "not answered", "replace `raise NotImplementedError()` with your answer")
    if answer_error:
        return CheckResult(question, "failed", f"your answer cell raised {answer_error}")
    if error:
        return CheckResult(question, "failed", error)
    return CheckResult(question, "passed")


def _error_of(cell: NotebookNode) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return ""
