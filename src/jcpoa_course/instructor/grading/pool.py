"""Autograde every submission of an assignment in parallel, with nbgrader's own pipeline.

nbgrader grades one submission after another (its issue #174). Most of a submission's time
is its kernel: starting it and running the notebook. Here a pool of worker *processes* (one per
core by default, forked from a clean server process: :mod:`.worker_server`) each runs nbgrader's
``Autograde`` converter for one student at a time. Processes rather than threads, because
nbgrader's own steps are Python: in threads they would queue for one interpreter lock.

The gradebook is SQLite: one lock shared by the workers is held for every step of a
submission *except* kernel execution (:class:`~.execution.SandboxedExecute` lets go
of it while the kernel runs). So kernels run side by side while the gradebook sees one writer at
a time: no lost writes, no "database is locked", and the scores are nbgrader's own.
"""

from __future__ import annotations

import copy
import logging
import os
import signal
import subprocess
import tempfile
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde
from nbgrader.converters.base import NbGraderException
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from tqdm import tqdm
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from .execution import ExecutionContext, SandboxedExecute
from .grader_notes import notes_in
from .report import GradingReport, SubmissionResult, failure_reason, student_log, was_skipped
from .sandbox import FIRST_SANDBOX_UID, KernelSandbox, ResourceLimits, SandboxUnavailable, find_bwrap
from .worker_server import worker_context

__all__ = ["GradingReport", "ParallelGrader", "SubmissionResult", "default_workers"]

CONFIG_NAME = "nbgrader_config.py"
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"  # nbgrader's default Exchange.root


def load_course_config(root: Path) -> Config:
    """The course's ``nbgrader_config.py``, with the course root pinned to its folder."""
    if not (root / CONFIG_NAME).is_file():
        raise NbGraderException(f"no {CONFIG_NAME} in course root '{root}'")
    config = PyFileConfigLoader(CONFIG_NAME, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return config


def default_workers() -> int:
    return len(os.sched_getaffinity(0))


class ParallelGrader:
    """Grades one assignment of one course root; see the module docstring for the design."""

    def __init__(self, root: Path, assignment: str, *, workers: int | None = None,
                 sandboxed: bool = True, limits: ResourceLimits | None = None,
                 force: bool = False, students: list[str] | None = None) -> None:
        self.root = Path(root).resolve()
        self.assignment = assignment
        self.workers = default_workers() if workers is None else workers
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        self.limits = limits or ResourceLimits()
        self.force = force
        self.config = load_course_config(self.root)
        self._require_assignment()
        self._require_execute_step()
        self.bwrap = _usable_bwrap() if sandboxed else None
        self.students = self._chosen_students(students)
        self.scratch: Path | None = None  # during run(): the folder every kernel's private folder is made in

    def submitted_students(self) -> list[str]:
        """Students with a folder for this assignment under ``submitted/``."""
        submitted = self.root / "submitted"
        return sorted(p.parent.name for p in submitted.glob(f"*/{self.assignment}") if p.is_dir())

    def _require_assignment(self) -> None:
        if not (self.root / "source" / self.assignment).is_dir():
            known = sorted(p.name for p in (self.root / "source").glob("*") if p.is_dir())
            raise NbGraderException(f"unknown assignment '{self.assignment}'; expected one of: {', '.join(known)}")

    def _chosen_students(self, students: list[str] | None) -> list[str]:
        submitted = self.submitted_students()
        if students is None:
            return submitted
        missing = [student for student in students if student not in submitted]
        if missing:
            raise NbGraderException(
                f"no submission of '{self.assignment}' for student {', '.join(repr(m) for m in missing)} "
                f"in {self.root / 'submitted'}; submitted: {', '.join(submitted) or 'nobody'}")
        return sorted(set(students))

    def _require_execute_step(self) -> None:
        """Refuse a course whose autograde pipeline has no nbgrader Execute step to put in the sandbox."""
        steps = Autograde(coursedir=CourseDirectory(config=self.config), config=self.config).autograde_preprocessors
        if not any(_is_execute(step) for step in steps):
            raise NbGraderException(
                "Autograde.autograde_preprocessors in the course config has no nbgrader Execute step "
                "(nbgrader.preprocessors.Execute or a subclass): there is no kernel start to sandbox")

    def run(self, progress: bool = True, on_result: Callable[[SubmissionResult], None] | None = None
            ) -> GradingReport:
        """Grade every student; the gradebook holds the scores when this returns.

        If a worker process dies (the system's out-of-memory killer, say), the pool breaks and
        every submission it still held comes back unfinished. Those are graded again one at a
        time, each in a pool of its own, so the one that kills its worker fails alone, named.
        A worker that dies cannot tidy up after its kernel, so every kernel's private folder
        (sockets, home) is made in one scratch folder of this run, removed when it ends.
        """
        results: list[SubmissionResult] = []
        with (tempfile.TemporaryDirectory(prefix="jcpoa-grading-", ignore_cleanup_errors=True) as scratch,
              tqdm(total=len(self.students), desc=f"grading {self.assignment}", unit="submission",
                   disable=not progress) as bar):
            self.scratch = Path(scratch)  # set before the workers start: each gets a copy of this grader
            def record(result: SubmissionResult) -> None:
                results.append(result)
                bar.update(1)
                if on_result is not None:
                    on_result(result)

            try:
                unfinished = self._grade_batch(self.students, self.workers, record)
                for student in unfinished:
                    self._grade_batch([student], 1, record, retry=True)
            finally:
                self.scratch = None
        self._attach_scores(results)
        return GradingReport(self.assignment, sorted(results, key=lambda r: r.student))

    def _grade_batch(self, students: list[str], workers: int, record: Callable[[SubmissionResult], None],
                     retry: bool = False) -> list[str]:
        """Grade ``students`` in a pool of ``workers``; return those a dying worker left unfinished.

        A retry regrades (``force``): the dead worker may have left a half-written autograded
        folder, which nbgrader would otherwise take for a finished one and skip.
        """
        unfinished = []
        with self._worker_pool(workers) as pool:
            futures = {pool.submit(_grade_in_worker, student, self.force or retry): student
                       for student in students}
            try:
                for future in as_completed(futures):
                    student = futures[future]
                    try:
                        record(future.result())
                    except BrokenProcessPool as error:
                        if not retry:
                            unfinished.append(student)
                            continue
                        record(SubmissionResult(student, "failed", [
                            f"its grading worker died, also when graded alone ({error})"]))
            except KeyboardInterrupt:
                # Ctrl-C: start nothing new; the submissions being graded finish and are recorded.
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        return sorted(unfinished)

    def _worker_pool(self, workers: int) -> ProcessPoolExecutor:
        """Workers forked from the worker server (nbgrader is imported once, not once per
        worker), each given a slot (its sandbox uid) and the shared gradebook lock."""
        context = worker_context()
        slots = context.SimpleQueue()
        for slot in range(workers):
            slots.put(slot)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(self, context.Lock(), slots))

    def grade_one(self, student: str, slot: int = 0, lock: Any = None, force: bool | None = None
                  ) -> SubmissionResult:
        """Run nbgrader's autograde for one student, holding the gradebook lock outside execution."""
        lock = threading.Lock() if lock is None else lock
        context = ExecutionContext(sandbox=self._sandbox(slot), limits=self.limits, gradebook_lock=lock,
                                   scratch=self.scratch)
        log, records = student_log(self.assignment, student)
        with lock:
            try:
                self._converter(student, context, log, self.force if force is None else force).start()
                status = "skipped" if was_skipped(records) else "graded"
            except NbGraderException:
                status = "failed"
            except Exception as error:  # noqa: BLE001 - one broken submission must not stop the batch
                status, records = "failed", [*records, f"{type(error).__name__}: {error}"]
        # A graded notebook carries the grader's notes (tampering, a kernel death) for its feedback too.
        autograded = self.root / "autograded" / student / self.assignment
        notes = notes_in(autograded) if status == "graded" else [death.describe() for death in context.deaths]
        notes += [f"removed {name} (not a regular file)" for name in context.removed_files]
        if status == "failed":
            notes.append(failure_reason(records))
        return SubmissionResult(student, status, notes)

    def _sandbox(self, slot: int) -> KernelSandbox | None:
        if self.bwrap is None:
            return None
        return KernelSandbox(hidden=self._hidden_paths(), uid=FIRST_SANDBOX_UID + slot,
                             limits=self.limits, bwrap=self.bwrap)

    def _hidden_paths(self) -> tuple[Path, ...]:
        """The course root, the gradebook's folder if it lives elsewhere, and nbgrader's exchange
        (every student's inbound submissions) if the course uses one."""
        hidden = [self.root]
        db_url = str(self.config.CourseDirectory.get("db_url", ""))
        if db_url.startswith("sqlite:///"):
            hidden.append(Path(db_url.removeprefix("sqlite:///")).resolve().parent)
        hidden.append(Path(str(self.config.Exchange.get("root", DEFAULT_EXCHANGE))).resolve())
        outside_root = [p for p in hidden[1:] if p.is_dir() and not p.is_relative_to(self.root) and p != Path("/")]
        return (self.root, *dict.fromkeys(outside_root))

    def _converter(self, student: str, context: ExecutionContext, log: logging.Logger, force: bool
                   ) -> Autograde:
        config = copy.deepcopy(self.config)
        coursedir = CourseDirectory(config=config, log=log)
        coursedir.assignment_id, coursedir.student_id = self.assignment, student
        converter = Autograde(coursedir=coursedir, config=config, log=log)
        converter.force = force
        converter.autograde_preprocessors = [
            SandboxedExecute(context=context, config=config, log=log) if _is_execute(step) else step
            for step in converter.autograde_preprocessors
        ]
        return converter

    def _attach_scores(self, results: list[SubmissionResult]) -> None:
        """Read each graded student's total back from the gradebook (after all writes)."""
        db_url = CourseDirectory(config=self.config).db_url
        with Gradebook(db_url) as gradebook:
            for result in results:
                try:
                    submission = gradebook.find_submission(self.assignment, result.student)
                except MissingEntry:
                    continue
                result.score, result.max_score = submission.score, submission.max_score


_WORKER: dict[str, Any] = {}  # in a worker process: its grader, slot and the gradebook lock


def _start_worker(grader: ParallelGrader, lock: Any, slots: Any) -> None:
    os.chdir(grader.root)  # nbgrader's converter works relative to the course root
    # Ctrl-C reaches the whole process group: the parent decides; a worker finishes its submission.
    # A no-op handler, not SIG_IGN, so that the kernels it starts still get the default.
    signal.signal(signal.SIGINT, lambda *_: None)
    # nbgrader's gradebook code warns thrice per new submission that SQLAlchemy skips a cascade
    # it does not need; the scores are unaffected, and the lines would bury the progress bar.
    warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session")
    _WORKER.update(grader=grader, lock=lock, slot=slots.get())


def _grade_in_worker(student: str, force: bool) -> SubmissionResult:
    return _WORKER["grader"].grade_one(student, _WORKER["slot"], _WORKER["lock"], force)


def _is_execute(step: object) -> bool:
    """True for nbgrader's Execute step, given as a class or, in a config file, by dotted name."""
    if isinstance(step, str):
        step = import_item(step)
    return isinstance(step, type) and issubclass(step, Execute)


def _usable_bwrap() -> str:
    """``bwrap`` if it is installed and can create the namespaces the sandbox uses."""
    bwrap = find_bwrap()
    probe = subprocess.run(
        [bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--", "prlimit", "--", "true"],
        capture_output=True, text=True, timeout=30,
    )
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap is installed but cannot create a sandbox here: {probe.stderr.strip()}. "
            "It needs user namespaces (or root); pass --unsafe-no-sandbox to grade without one."
        )
    return bwrap
