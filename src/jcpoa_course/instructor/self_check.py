"""Self-learners: start an assignment, then check a working copy against its visible tests.

``start_assignment`` copies the student version (generated if needed) into a working folder,
by default inside the self-learner's lab (``notebooks/work/<assignment>``), and ends the copy
with a *Check my answers* cell, so the learner checks without leaving the notebook.
``check_notebook`` runs a *copy* of the learner's notebook in a fresh kernel, skipping every
graded test cell (hidden tests are never run nor printed, even if the notebook still holds
them), and reports each visible test: passed, failed with its hint, or not answered yet. A pass
means the answer has the right form, not that it is right (visible tests must not give the key away):
each passing line says so. It also lists each written answer as answered or not, with its word count
against the range its question asks, so that a green run cannot hide an empty answer worth the most
points; an answer that still holds nbgrader's placeholder counts as not answered. It never judges what
a written answer says (that is the rubric's job, by hand). The asked range is read from the question's
own text ("In 150-300 words"), the one place it is stated. Solutions are never read: the check only
uses the learner's own notebook. ``record_check`` keeps the statuses of the visible tests of the last
check beside the notebook, for the learner's progress on the course home.

The kernel is started with its log level at ERROR: its one start-up warning ("running over TCP
without encryption", about a kernel that only listens on this machine) reads like an error to a
student and is the only thing the check would print besides the results.
"""

from __future__ import annotations

import json
import re
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
SELF_CHECK_MARK = "jcpoa_self_check"  # cell metadata of the cells `start` adds; the check skips them
WRITTEN_PLACEHOLDER = "YOUR ANSWER HERE"  # what nbgrader puts in a written answer cell of the release
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]
RIGHT_FORM = "right form"  # what a pass says: the hidden test, not this one, decides whether it is right
ASKED_WORDS = re.compile(r"(\d+)\s*[-\u2013]\s*(\d+)\s+words")  # "In 150-300 words" in a question's text
WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")  # "U.S.", "13-14" and "Iran's" count as one word each


@dataclass(frozen=True)
class CheckResult:
    """One visible test (``passed``/``failed``/``not answered``) or, with ``written``, one written
    answer (``answered``/``not answered``, its ``words`` and the ``asked`` range): the question it
    belongs to, its status, and why."""

    question: str
    status: str
    message: str = ""
    written: bool = False
    words: int | None = None
    asked: tuple[int, int] | None = None


def start_assignment(course: Course, assignment: str, workdir: Path | None = None, force: bool = False) -> list[Path]:
    """Copy the student version of ``assignment`` into ``workdir`` (default ``notebooks/work/<assignment>``
    beside the course root), each copy ending with a *Check my answers* cell."""
    release = course.step_dir("release", course.require_assignment(assignment))
    if not release.is_dir():
        result = generate_assignment(course, assignment)
        if not result.ok:
            raise CourseError(f"could not generate the student version of '{assignment}':\n{result.log[-2000:]}")
    target = Path(workdir) if workdir else course.work_dir(assignment)
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in sorted(release.glob("*.ipynb")):
        destination = target / notebook.name
        if destination.exists() and not force:
            raise CourseError(f"{destination} exists: your work is kept. Use --force to start again from blank.")
        nbformat.write(with_check_cell(nbformat.read(notebook, as_version=4), notebook.name), destination)
        copied.append(destination)
    return copied


def with_check_cell(notebook: NotebookNode, name: str) -> NotebookNode:
    """``notebook`` with two cells at its end: a heading and the cell that shows *Check my answers*."""
    heading = nbformat.v4.new_markdown_cell(
        "## Check my answers\n\nRun the cell below, then press the button whenever you want to know where you "
        "stand: it saves this notebook and runs its visible checks in a fresh kernel. Hidden checks decide the "
        "grade; they are not run here.")
    button = nbformat.v4.new_code_cell(
        f"from jcpoa_course.instructor.lab import check_my_answers\n\ncheck_my_answers({name!r})")
    for cell in (heading, button):
        cell.metadata[SELF_CHECK_MARK] = True
        cell.metadata["editable"] = False
        cell.metadata["deletable"] = False
    notebook.cells += [heading, button]
    return notebook


def record_check(path: Path, results: list[CheckResult]) -> Path:
    """Keep the statuses of a check's visible tests beside the notebook (``.<name>.last-check.json``)."""
    record = _record_path(Path(path))
    visible = {result.question: result.status for result in results if not result.written}
    record.write_text(json.dumps(visible, indent=1), encoding="utf-8")
    return record


def last_check(path: Path) -> dict[str, str] | None:
    """The statuses of the last recorded check of the notebook at ``path``; None if never checked."""
    record = _record_path(Path(path))
    try:
        statuses = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return statuses if isinstance(statuses, dict) else None


def _record_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.last-check.json")


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
    return _results(runnable) + written_answers(runnable)


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
    """Drop hidden-test and other graded code cells (the learner checks against visible tests only),
    and the *Check my answers* cells."""
    kept = []
    for cell in notebook.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        is_test = cell.cell_type == "code" and nbgrader.get("grade") and not nbgrader.get("solution")
        if is_test or _grade_id(cell).endswith(HIDDEN_TEST_SUFFIX) or "BEGIN HIDDEN TESTS" in cell.source:
            continue
        if cell.get("metadata", {}).get(SELF_CHECK_MARK):
            continue  # the check button itself: running it inside the check would only slow it down
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


def written_answers(notebook: NotebookNode) -> list[CheckResult]:
    """Each hand-graded answer cell, with the word range asked by the markdown cell before it."""
    results = []
    question_text = ""
    for cell in notebook.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "markdown":
            continue
        if not (nbgrader.get("grade") and nbgrader.get("solution")):
            question_text = cell.source
            continue
        results.append(_written(_grade_id(cell).removesuffix("-answer"), cell.source, asked_words(question_text)))
    return results


def asked_words(question_text: str) -> tuple[int, int] | None:
    """The word range a question asks for ("in 200-350 words"), or None if its text names none."""
    found = ASKED_WORDS.search(question_text)
    return (int(found[1]), int(found[2])) if found else None


def _written(question: str, answer: str, asked: tuple[int, int] | None) -> CheckResult:
    """Answered or not, and how long against the asked range: never how good."""
    wanted = f"the question asks {asked[0]}-{asked[1]} words" if asked else "no length asked"
    if WRITTEN_PLACEHOLDER in answer or not answer.strip():
        why = f"still reads {WRITTEN_PLACEHOLDER}: replace it with your answer" if answer.strip() else "empty"
        return CheckResult(question, "not answered", f"written: {why}; {wanted}", True, 0, asked)
    words = len(WORD.findall(answer))
    length = f"{words} words; {wanted}"
    if asked and not asked[0] <= words <= asked[1]:
        length += ": shorter than asked" if words < asked[0] else ": longer than asked"
    return CheckResult(question, "answered", f"written: {length}; marked by hand, not here", True, words, asked)


def _result(question: str, error: str, answer_error: str) -> CheckResult:
    if answer_error.startswith(NOT_ANSWERED):
        return CheckResult(question, "not answered", "replace `raise NotImplementedError()` with your answer")
    if answer_error:
        return CheckResult(question, "failed", f"your answer cell raised {answer_error}")
    if error:
        return CheckResult(question, "failed", error)
    return CheckResult(question, "passed", RIGHT_FORM)


def _error_of(cell: NotebookNode) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    return ""
