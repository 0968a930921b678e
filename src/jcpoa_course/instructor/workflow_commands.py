"""Subcommands of `jcpoa-course` for the assignment workflow.

Instructors: ``release``, ``students add|import``, ``collect``, ``autograde``, ``feedback``,
``export``. Self-learners: ``start`` and ``check``. Each command finds the course root itself
(see :mod:`.course`), so it works from any folder, and prints what it did in one or two lines;
nbgrader's full log is shown only when a step fails or with ``--verbose``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collect import ArchiveLimits, collect_submissions
from .course import Course, Handler, locate_course, one_line_errors
from .deadline import parse_deadline, set_deadline
from .export import FORMATS, export_grades
from .grading.grader_notes import notes_in
from .nbgrader_steps import StepResult, autograde, generate_assignment, generate_feedback
from .roster import add_student, import_students
from .self_check import check_notebook, record_check, start_assignment


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the CLI."""
    release = _add(subparsers, "release", "generate the student version of an assignment into assignments/release/",
                   _release, assignment=True)
    release.add_argument("--due", metavar="WHEN", help="the deadline, e.g. '2026-12-01 17:00' (local time) or "
                         "'2026-12-01T17:00+01:00': later submissions are marked late")
    deadline = _add(subparsers, "deadline", "set or move an assignment's deadline (nbgrader's due date)", _deadline,
                    assignment=True)
    deadline.add_argument("when", metavar="WHEN", help="e.g. '2026-12-01 17:00' (local time) or "
                          "'2026-12-01T17:00+01:00'")
    _add_students(subparsers)
    _add_collect(subparsers)
    grade = _add(subparsers, "autograde", "autograde the collected submissions of an assignment", _autograde,
                 assignment=True)
    grade.add_argument("--student", help="only this student")
    feedback = _add(subparsers, "feedback", "write HTML feedback (hidden tests removed) to assignments/feedback/",
                    _feedback, assignment=True)
    feedback.add_argument("--student", help="only this student")
    export = _add(subparsers, "export", "export grades as CSV, one row per student", _export)
    export.add_argument("out", type=Path, help="CSV file to write")
    export.add_argument("--format", choices=FORMATS, default="plain", help="column layout (default: plain)")
    start = _add(subparsers, "start", "self-learners: copy a blank assignment to work on", _start, assignment=True)
    start.add_argument("--to", type=Path,
                       help="working folder (default: notebooks/work/<assignment>, inside the lab of `make lab`)")
    start.add_argument("--force", action="store_true", help="overwrite an existing working copy")
    check = _add(subparsers, "check", "self-learners: run the visible tests of your notebook", _check)
    check.add_argument("notebook", type=Path, help="your working copy (.ipynb)")
    check.add_argument("--timeout", type=int, default=30, help="seconds per cell (default 30)")




def _add(
    subparsers: argparse._SubParsersAction, name: str, help_text: str, handler: Handler, assignment: bool = False
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    if assignment:
        parser.add_argument("assignment", help="assignment name, e.g. sanctions-wall or communique")
    parser.add_argument("--verbose", action="store_true", help="print nbgrader's full log")
    parser.set_defaults(handler=one_line_errors(handler))
    return parser


def _add_collect(subparsers: argparse._SubParsersAction) -> None:
    collect = _add(subparsers, "collect", "copy submissions (a folder or .zip) into assignments/submitted/",
                   _collect, assignment=True)
    collect.add_argument("submissions", type=Path,
                         help="folder or .zip with one folder or notebook per student, or Canvas's flat download")
    collect.add_argument("--roster", type=Path, metavar="CSV",
                         help="columns id,lms_user_id: maps the Canvas user ids in Canvas's file names to student "
                         "ids (default: the lms_user_id of the gradebook's students)")
    limits = collect.add_argument_group("zip limits", "a .zip that would pass one of these is refused as a whole")
    default = ArchiveLimits()
    limits.add_argument("--max-unzipped-mb", type=int, metavar="MB", default=default.max_total_bytes >> 20,
                        help="total size once unpacked, in MB (default: %(default)s)")
    limits.add_argument("--max-ratio", type=float, metavar="N", default=default.max_ratio,
                        help="how many times an entry of 1 MB or more may expand (default: %(default)g)")
    limits.add_argument("--max-files", type=int, metavar="N", default=default.max_entries,
                        help="number of entries (default: %(default)s)")


def _add_students(subparsers: argparse._SubParsersAction) -> None:
    students = subparsers.add_parser("students", help="add or import students into the gradebook")
    actions = students.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add or update one student")
    add.add_argument("student", help="student id, as in the LMS login")
    add.add_argument("--first-name")
    add.add_argument("--last-name")
    add.add_argument("--email")
    add.add_argument("--verbose", action="store_true")
    add.set_defaults(handler=one_line_errors(_students_add))
    imp = actions.add_parser("import", help="import a CSV with columns id[,first_name,last_name,email,lms_user_id]")
    imp.add_argument("csv", type=Path)
    imp.add_argument("--verbose", action="store_true")
    imp.set_defaults(handler=one_line_errors(_students_import))


def _report(step: StepResult, args: argparse.Namespace, done: str) -> int:
    if args.verbose or not step.ok:
        print(step.log, file=sys.stderr)
    if step.failed_students:
        print(f"could not process: {', '.join(step.failed_students)} (see the log above)", file=sys.stderr)
    print(done if step.ok else f"nbgrader {step.args[0]} reported errors (exit {step.returncode})")
    return step.returncode


def _release(args: argparse.Namespace) -> int:
    course = locate_course()
    due = parse_deadline(args.due) if args.due else None  # a bad date stops before anything is written
    if due is not None:
        step = set_deadline(course, args.assignment, due)
        if not step.ok:
            return _report(step, args, "")
    step = generate_assignment(course, args.assignment)
    when = f", due {due:%Y-%m-%d %H:%M:%S} UTC" if due else ""
    return _report(step, args, f"released: {course.step_dir('release', args.assignment)}{when}")


def _deadline(args: argparse.Namespace) -> int:
    due = parse_deadline(args.when)
    step = set_deadline(locate_course(), args.assignment, due)
    return _report(step, args, f"{args.assignment} is due {due:%Y-%m-%d %H:%M:%S} UTC; "
                   "grading marks later submissions late")


def _students_add(args: argparse.Namespace) -> int:
    step = add_student(locate_course(), args.student, args.first_name, args.last_name, args.email)
    return _report(step, args, f"student '{args.student}' is in the gradebook")


def _students_import(args: argparse.Namespace) -> int:
    step = import_students(locate_course(), args.csv)
    return _report(step, args, f"students imported from {args.csv}")


def _collect(args: argparse.Namespace) -> int:
    limits = ArchiveLimits(max_total_bytes=args.max_unzipped_mb << 20, max_ratio=args.max_ratio,
                           max_entries=args.max_files)
    collection = collect_submissions(locate_course(), args.assignment, args.submissions, args.roster, limits)
    for reason in collection.skipped:
        print(f"skipped {reason}", file=sys.stderr)
    print(f"collected {len(collection.students)} submission(s): {', '.join(collection.students) or '-'}")
    if collection.late:
        print(f"marked LATE by Canvas: {', '.join(collection.late)}")
    return 0 if collection.students else 1


def _autograde(args: argparse.Namespace) -> int:
    course = locate_course()
    step = autograde(course, args.assignment, args.student)
    for student, notes in grader_notes(course, args.assignment, args.student).items():
        print(f"{student}: {'; '.join(notes)}")
    return _report(step, args, f"autograded: {course.root / 'autograded'}")


def grader_notes(course: Course, assignment: str, student: str | None = None) -> dict[str, list[str]]:
    """What the grader found in each autograded submission (tampering, a dead kernel), by student."""
    folders = sorted(course.root.glob(f"autograded/{student or '*'}/{assignment}"))
    found = {folder.parent.name: notes_in(folder) for folder in folders}
    return {name: notes for name, notes in found.items() if notes}


def _feedback(args: argparse.Namespace) -> int:
    course = locate_course()
    step = generate_feedback(course, args.assignment, args.student)
    return _report(step, args, f"feedback: {course.root / 'feedback'}")


def _export(args: argparse.Namespace) -> int:
    grades = export_grades(locate_course(), args.out, args.format)
    print(f"wrote {args.out}: {len(grades)} student(s), format {args.format}")
    return 0


def _start(args: argparse.Namespace) -> int:
    copied = start_assignment(locate_course(), args.assignment, args.to, args.force)
    for path in copied:
        print(f"your copy: {path}")
    print("Work in it (make lab: it is under work/), then check it with its 'Check my answers' button, "
          "or: jcpoa-course check <your copy>")
    return 0


def _check(args: argparse.Namespace) -> int:
    results = check_notebook(args.notebook, args.timeout)
    record_check(args.notebook, results)
    for result in results:
        line = f"{result.question:>6}  {result.status}"
        print(line + (f"  ({result.message})" if result.message else ""))
    visible = [result for result in results if not result.written]
    written = [result for result in results if result.written]
    passed = sum(result.status == "passed" for result in visible)
    answered = sum(result.status == "answered" for result in written)
    print(f"{passed} of {len(visible)} visible checks pass. A pass means the answer has the right form, not that it"
          " is right: hidden tests decide the points when your work is marked.")
    if written:
        print(f"{answered} of {len(written)} written answer(s) filled in; they are marked by hand, not checked here.")
    return 0 if passed == len(visible) and answered == len(written) else 1
