"""A self-learner's progress on an assignment, from their own working copy: nothing is graded here.

Two things can be known without running anything: whether the learner has started the
assignment, and which answer cells they have filled in (a blank code answer still raises
``NotImplementedError``; a blank written answer still says ``YOUR ANSWER HERE``). A third comes
from the last time they checked their work: how many visible checks passed. Visible checks test
the *form* of an answer, so "passing" here never means "right".

The functions take plain notebook cells (dicts, as ``nbformat`` reads them) and the statuses a
check reported, so the home page, the command line and the tests all count the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ANSWER_SUFFIX = "-answer"  # nbgrader grade id of an answer cell: "q1-answer" answers question "q1"
BLANK_MARKS = ("raise NotImplementedError", "YOUR ANSWER HERE")
PASSED = "passed"


@dataclass(frozen=True)
class AssignmentProgress:
    """Where a learner stands on one assignment."""

    assignment: str
    started: bool = False
    answered: int = 0
    questions: int = 0
    passed: int | None = None  # visible checks passing at the last check; None: never checked
    checks: int = 0

    @property
    def summary(self) -> str:
        """One line for the home page, e.g. 'started: 3 of 8 answers written; last check: 3 of 7 pass'."""
        if not self.started:
            return "not started"
        line = f"started: {self.answered} of {self.questions} answers written"
        if self.passed is not None:
            line += f"; last check: {self.passed} of {self.checks} visible checks pass"
        return line


def answered_questions(cells: Iterable[Mapping]) -> dict[str, bool]:
    """Each question with an answer cell (by its name, e.g. 'q1'), and whether the learner wrote in it."""
    found = {}
    for cell in cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = nbgrader.get("grade_id", "")
        if nbgrader.get("solution") and grade_id.endswith(ANSWER_SUFFIX):
            source = "".join(cell.get("source", ""))
            found[grade_id.removesuffix(ANSWER_SUFFIX)] = not any(mark in source for mark in BLANK_MARKS)
    return found


def progress_of(
    assignment: str, cells: Iterable[Mapping] | None = None, last_check: Mapping[str, str] | None = None
) -> AssignmentProgress:
    """Progress from the working copy's ``cells`` (None: not started) and the ``last_check`` statuses."""
    if cells is None:
        return AssignmentProgress(assignment)
    answers = answered_questions(cells)
    passed = None if last_check is None else sum(status == PASSED for status in last_check.values())
    return AssignmentProgress(assignment, True, sum(answers.values()), len(answers), passed,
                              len(last_check or {}))


def course_summary(progress: Iterable[AssignmentProgress]) -> str:
    """One line over all assignments, e.g. '1 of 2 assignments started, 3 of 15 answers written'."""
    items = list(progress)
    started = [item for item in items if item.started]
    line = f"{len(started)} of {len(items)} assignments started"
    if started:
        line += (f", {sum(item.answered for item in started)} of {sum(item.questions for item in started)}"
                 " answers written")
    return line
