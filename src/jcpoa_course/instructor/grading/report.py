"""What a grading run tells the instructor: one line per submission and a summary.

Kept apart from the worker pool because results cross a process boundary: they are plain,
picklable records, and the log each submission leaves is read here into a short reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

EXCEPTION_LINE = re.compile(r"^[\w.]*(Error|Exception|Interrupt)\b")  # "nbformat.reader.NotJSONError: ..."


@dataclass
class SubmissionResult:
    """One student's outcome: graded (with a score), skipped, or failed (with the reason)."""

    student: str
    status: str
    notes: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None

    def line(self) -> str:
        score = "" if self.score is None else f" {self.score:g}/{self.max_score:g}"
        notes = f" ({'; '.join(self.notes)})" if self.notes else ""
        return f"{self.student}: {self.status}{score}{notes}"


@dataclass
class GradingReport:
    """All outcomes of a run, for the summary printed at the end."""

    assignment: str
    results: list[SubmissionResult]

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    def summary(self) -> str:
        lines = [
            f"{self.assignment}: {self.count('graded')} graded, {self.count('failed')} failed, "
            f"{self.count('skipped')} skipped (already autograded; --force regrades them)"
        ]
        lines += ["  " + r.line() for r in sorted(self.results, key=lambda r: r.student)
                  if r.status != "graded" or r.notes]
        return "\n".join(lines)


class _RecordList(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def student_log(assignment: str, student: str) -> tuple[logging.Logger, list[str]]:
    """A logger of this student's own, so its errors end up in its line of the summary."""
    log = logging.getLogger(f"jcpoa_course.grade.{assignment}.{student}")
    log.handlers.clear()
    handler = _RecordList()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return log, handler.messages


def was_skipped(messages: list[str]) -> bool:
    return any(message.startswith("INFO: Skipping existing assignment") for message in messages)


def failure_reason(messages: list[str]) -> str:
    """The most telling line nbgrader logged: the last line of the last traceback, if any."""
    errors = [m.removeprefix("ERROR: ") for m in messages if not m.startswith(("INFO: ", "WARNING: "))]
    for message in reversed(errors):
        if message.startswith("Traceback"):
            raised = [line for line in message.splitlines() if EXCEPTION_LINE.match(line)]
            return raised[-1] if raised else message.strip().splitlines()[-1]
    generic = ("There was an error processing", "Please see", "Removing failed")
    specific = [m for m in errors if not m.startswith(generic)]
    return specific[-1] if specific else "nbgrader could not grade it (see its log)"
