"""What a graded notebook shows when its kernel dies.

nbgrader scores a test cell by its outputs: no error means full points. A cell that never ran
has no outputs, so after a kernel death (memory, CPU limit, a crash) the unrun tests would pass
(nbgrader issue #427). Here the cell that was running and every later code cell get an error
output instead: they score 0, and the student's feedback says why. A kernel that ignores the
interrupt at a cell's timeout is stopped and treated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output

DIED_NAME = "KernelDied"
NOT_RUN_NAME = "KernelDiedEarlier"


@dataclass(frozen=True)
class KernelDeath:
    """Where a kernel died and the likely cause, for the grading summary."""

    notebook: str
    cell_index: int
    cause: str

    def describe(self) -> str:
        return f"kernel stopped in cell {self.cell_index} of {self.notebook} ({self.cause})"


def record_death(cell: NotebookNode, cause: str) -> None:
    """Mark the cell that was running when the kernel died as failed."""
    cell.outputs = [*cell.get("outputs", []), _error(DIED_NAME, f"the kernel died while running this cell: {cause}")]


def mark_not_run(cell: NotebookNode) -> None:
    """Mark a code cell after a kernel death as failed: it never ran, so it cannot pass."""
    if cell.cell_type == "code" and cell.source.strip():
        cell.outputs = [_error(NOT_RUN_NAME, "not run: the kernel died in an earlier cell")]


def likely_cause(returncode: int | None) -> str:
    """Name the usual reason for a kernel exit code (negative means killed by that signal)."""
    causes = {-9: "killed: memory or wall-time limit", -24: "CPU time limit reached",
              -11: "crashed (segmentation fault)", -6: "aborted (often out of memory)",
              -25: "file size limit reached"}
    if returncode is None:
        return "stopped responding"
    if returncode > 128:  # bwrap reports a kernel killed by signal N as exit code 128 + N
        returncode = 128 - returncode
    return causes.get(returncode, f"exit code {returncode}")


def _error(name: str, value: str) -> NotebookNode:
    return new_output("error", ename=name, evalue=value, traceback=[f"{name}: {value}"])
