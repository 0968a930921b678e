"""`jcpoa-course grade <assignment>`: parallel, sandboxed autograding of every submission.

Exit status: 0 when every submission was graded (or skipped), 1 when some failed, 2 when
grading could not start (no sandbox tool, unknown assignment, no course).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nbgrader.converters.base import NbGraderException

from ..course import CourseError, locate_course
from .pool import ParallelGrader, default_workers
from .sandbox import MiB, ResourceLimits, SandboxUnavailable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the CLI."""
    grade = subparsers.add_parser(
        "grade",
        help="autograde every submission of an assignment, in parallel and sandboxed",
        description="Autograde every submission in submitted/*/ASSIGNMENT with nbgrader's pipeline, "
        "several at a time, each kernel in a bubblewrap sandbox; scores go to the gradebook.",
    )
    grade.add_argument("assignment", help="assignment name, e.g. sanctions-wall")
    grade.add_argument("--workers", type=int, default=None,
                       help=f"submissions graded at once (default: the cores available, {default_workers()})")
    grade.add_argument("--student", action="append", dest="students", metavar="ID",
                       help="grade only this student (repeatable)")
    grade.add_argument("--force", action="store_true", help="regrade submissions already autograded")
    grade.add_argument("--course-root", type=Path, default=None,
                       help="folder holding nbgrader_config.py (default: found from the current folder)")
    grade.add_argument("--unsafe-no-sandbox", action="store_true",
                       help="run student code WITHOUT a sandbox, with your own rights (not recommended)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_limit_arguments(grade)
    grade.set_defaults(handler=run_grade)


def _add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ResourceLimits()
    limits = parser.add_argument_group("limits per kernel")
    limits.add_argument("--memory-mib", type=int, default=defaults.memory_bytes // MiB,
                        help="address space (default %(default)s MiB)")
    limits.add_argument("--cpu-seconds", type=int, default=defaults.cpu_seconds,
                        help="CPU time for the whole notebook (default %(default)s s)")
    limits.add_argument("--processes", type=int, default=defaults.processes,
                        help="processes and threads (default %(default)s)")
    limits.add_argument("--file-mib", type=int, default=defaults.file_bytes // MiB,
                        help="largest file written (default %(default)s MiB)")
    limits.add_argument("--output-chars", type=int, default=defaults.output_chars,
                        help="text output kept per cell (default %(default)s characters)")


def run_grade(args: argparse.Namespace) -> int:
    try:
        grader = ParallelGrader(
            _course_root(args.course_root), args.assignment, workers=args.workers,
            sandboxed=not args.unsafe_no_sandbox, limits=_limits(args), force=args.force,
            students=args.students,
        )
    except (SandboxUnavailable, NbGraderException, CourseError, ValueError) as error:
        print(f"jcpoa-course grade: {error}", file=sys.stderr)
        return 2
    if args.unsafe_no_sandbox:
        print("WARNING: grading without a sandbox: student code runs with your rights.", file=sys.stderr)
    if not grader.students:
        print(f"jcpoa-course grade: no submissions of '{args.assignment}' in {grader.root / 'submitted'}",
              file=sys.stderr)
        return 0
    report = grader.run(progress=not args.no_progress)
    print(report.summary())
    return 1 if report.count("failed") else 0


def _course_root(given: Path | None) -> Path:
    return locate_course().root if given is None else given


def _limits(args: argparse.Namespace) -> ResourceLimits:
    return ResourceLimits(
        memory_bytes=args.memory_mib * MiB, cpu_seconds=args.cpu_seconds, processes=args.processes,
        file_bytes=args.file_mib * MiB, output_chars=args.output_chars,
    )
