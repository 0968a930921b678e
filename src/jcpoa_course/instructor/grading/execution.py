"""nbgrader's own ``Execute`` step, with the kernel started inside the sandbox.

Everything else in an autograde run (sanitizing, scoring, late penalties, gradebook writes)
stays nbgrader's code, so scores match a plain ``nbgrader autograde``. Three things change:

- the kernel starts inside :class:`~.sandbox.KernelSandbox` (or plainly, in unsafe mode);
- while the kernel runs, the worker lets go of the gradebook lock, so other workers can
  record their results: execution overlaps, gradebook access never does;
- a kernel death, or a cell that ignores the interrupt at its timeout, scores 0 on the unfinished
  cells (:mod:`.kernel_death`) instead of aborting the submission;
- text output beyond a cap is dropped before it can fill the grader's memory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Any as AnyTrait
from traitlets import Unicode, default

from ...kernel_replies import PromptKernelManager
from .grader_notes import add_note
from .kernel_death import KernelDeath, likely_cause, mark_not_run, record_death
from .sandbox import KernelSandbox, ResourceLimits

TRUNCATION_NOTE = "\n[output truncated by the grader: more than {limit} characters in this cell]\n"


@dataclass
class ExecutionContext:
    """What one worker's executions share: its sandbox, the gradebook lock, what happened."""

    sandbox: KernelSandbox | None
    limits: ResourceLimits
    gradebook_lock: Any = None  # the workers' shared lock, held around everything but kernel execution
    scratch: Path | None = None  # where kernels' private folders are made (the system's temp folder if None)
    deaths: list[KernelDeath] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)


class SandboxedKernelManager(PromptKernelManager):
    """A kernel manager whose kernel command runs inside the sandbox, over Unix sockets."""

    sandbox = AnyTrait(None, allow_none=True)
    workdir = Unicode("")
    private = Unicode("")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if self.sandbox is None:
            return command
        if os.geteuid() == 0:
            os.chown(self.connection_file, self.sandbox.uid, self.sandbox.uid)
        # A SIGINT to the process group would stop bwrap itself (and so the kernel): interrupt
        # a timed-out cell with a message on the control channel instead.
        self.kernel_spec.interrupt_mode = "message"
        return self.sandbox.wrap(command, Path(self.workdir), Path(self.private))

    def returncode(self) -> int | None:
        process = getattr(self.provisioner, "process", None)
        return None if process is None else process.poll()


class SandboxedExecute(Execute):
    """nbgrader's Execute preprocessor, run in a sandbox, surviving kernel deaths."""

    @default("shutdown_kernel")
    def _stop_at_once(self) -> str:
        """Stop the kernel as soon as its last cell is done, instead of asking it to exit and
        polling until it has: the outputs are already in, and the polling left a core idle for
        about a third of a second per submission. (A course may still set it to "graceful".)"""
        return "immediate"

    def __init__(self, context: ExecutionContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self._death: KernelDeath | None = None
        self._stream_chars: dict[int, int] = {}
        self._private: Path | None = None
        self._workdir: Path | None = None

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> Any:
        self._death, self._stream_chars = None, {}
        self._workdir = Path(resources["metadata"]["path"]).resolve()
        self._private = Path(tempfile.mkdtemp(prefix="jcpoa-kernel-", dir=self.context.scratch))
        if self.context.sandbox is not None:
            self.context.sandbox.admit(self._workdir, self._private)
        lock = self.context.gradebook_lock
        if lock is not None:
            lock.release()
        try:
            return self._execute_with_watchdog(nb, resources, km)
        finally:
            try:
                self._tidy_up()
            finally:
                if lock is not None:
                    lock.acquire()

    def _execute_with_watchdog(self, nb: NotebookNode, resources: Any, km: Any) -> Any:
        """Kill the sandbox if the notebook outlives all its cells' timeouts together.

        A backstop only: nbclient already gives up on a cell at its timeout. Without a cell
        timeout (``Execute.timeout = None``) there is no watchdog either, as in nbgrader.
        """
        if self.timeout is None:
            return super().preprocess(nb, resources, km)
        code_cells = sum(1 for cell in nb.cells if cell.cell_type == "code")
        budget = self.timeout * (code_cells + 2) + self.startup_timeout
        watchdog = threading.Timer(budget, self._kill_kernel)
        watchdog.daemon = True
        watchdog.start()
        try:
            return super().preprocess(nb, resources, km)
        finally:
            watchdog.cancel()

    def _kill_kernel(self) -> None:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it may exit in between
                os.killpg(process.pid, signal.SIGKILL)

    def _tidy_up(self) -> None:
        if self.context.sandbox is not None and self._workdir is not None:
            removed = self.context.sandbox.reclaim(self._workdir)
            self.context.removed_files += [f"{self._workdir.name}/{name}" for name in removed]
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)
        if self._death is not None:
            self.context.deaths.append(self._death)

    def start_new_kernel(self, **kwargs: Any) -> None:
        """Start the kernel with its console output discarded (its banner would garble the progress bar)."""
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        super().start_new_kernel(**kwargs)

    def create_kernel_manager(self) -> SandboxedKernelManager:
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or ""
        options: dict[str, Any] = {"config": self.config, "sandbox": self.context.sandbox}
        if self.kernel_name:
            options["kernel_name"] = self.kernel_name
        if self.context.sandbox is not None:
            assert self._private is not None and self._workdir is not None
            options |= {
                "transport": "ipc",
                "ip": str(self._private / "kernel"),
                "connection_file": str(self._private / "connection.json"),
                "workdir": str(self._workdir),
                "private": str(self._private),
            }
        self.km = SandboxedKernelManager(**options)
        return self.km

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        if self._death is not None:
            mark_not_run(cell)
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            returncode = self.km.returncode() if isinstance(self.km, SandboxedKernelManager) else None
            cause = likely_cause(returncode)
        except CellTimeoutError:
            # The cell outlived its timeout and ignored the interrupt: nbgrader would give up on
            # the whole submission. Stop the kernel and score what finished, as for a death.
            self._kill_kernel()
            cause = "still running after the cell timeout and the interrupt"
        record_death(cell, cause)
        notebook = resources.get("nbgrader", {}).get("notebook", "notebook")
        self._death = KernelDeath(notebook=notebook, cell_index=index, cause=cause)
        add_note(self.nb, f"{self._death.describe()}; the questions from there on score 0")
        return cell, resources

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        """Keep at most ``output_chars`` of text per cell: a 100 MB print must not fill the grader."""
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or out.get("output_type") != "stream":
            return out
        limit = self.context.limits.output_chars
        used = self._stream_chars.get(cell_index, 0)
        if used > limit:
            if outs and outs[-1] is out:
                outs.pop()
            return None
        if used + len(out.text) > limit:
            out.text = out.text[: limit - used] + TRUNCATION_NOTE.format(limit=limit)
            self._stream_chars[cell_index] = limit + 1
        else:
            self._stream_chars[cell_index] = used + len(out.text)
        return out
