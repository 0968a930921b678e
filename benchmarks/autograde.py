"""Autograde time per submission over 20 synthetic submissions, and how much of it is nbgrader's start-up.

Runs on a scratch copy of the course (the real gradebook is untouched):

1. start-up: an autograde command that finds no submission to grade (nbgrader, traitlets, the
   gradebook and its migrations, nothing else), three times;
2. one submission per command, three times: what an instructor pays to regrade a single student;
3. one command for the whole batch of 20 (``jcpoa-course autograde``).

It prints the figures and a summary; it never fails on a slow machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jcpoa_course.instructor.course import Course, locate_course
from jcpoa_course.instructor.nbgrader_steps import StepResult, autograde, generate_assignment, run_nbgrader
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission

ASSIGNMENT = "sanctions-wall"
SUBMISSIONS = 20
REPEATS = 3


def timed(step: Callable[[], StepResult]) -> tuple[float, StepResult]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def make_submissions(course: Course, count: int) -> list[str]:
    """Right, blank and half-right notebooks in turn, as a class would hand in."""
    (released,) = course.notebooks(ASSIGNMENT, "release")
    answers = solution_answers(course.notebooks(ASSIGNMENT)[0])
    half = dict(list(answers.items())[: len(answers) // 2])
    kinds = [answers, {}, half]
    students = [f"student-{n:02d}" for n in range(1, count + 1)]
    for n, student in enumerate(students):
        target = course.step_dir("submitted", ASSIGNMENT, student) / released.name
        synthetic_submission(released, kinds[n % len(kinds)], target)
    return students


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        course = scratch_course(locate_course(), Path(scratch) / "assignments")
        release_time, released = timed(lambda: generate_assignment(course, ASSIGNMENT))
        if not released.ok:
            print(released.log[-3000:])
            return 1
        students = make_submissions(course, SUBMISSIONS)

        startup = [timed(lambda: run_nbgrader(course, ["autograde", ASSIGNMENT, "--student=nobody"]))[0]
                   for _ in range(REPEATS)]
        single = [timed(lambda: autograde(course, ASSIGNMENT, students[0]))[0] for _ in range(REPEATS)]
        batch_time, batch = timed(lambda: autograde(course, ASSIGNMENT))
        if not batch.ok:
            print(batch.log[-3000:])
            return 1

    report(release_time, statistics.median(startup), statistics.median(single), batch_time)
    return 0


def report(release_time: float, startup: float, single: float, batch: float) -> None:
    per_submission = batch / SUBMISSIONS
    marginal = (batch - startup) / SUBMISSIONS
    print(f"generate the student version:                    {release_time:6.1f} s")
    print(f"nbgrader start-up (autograde with nothing to do): {startup:6.1f} s  (median of {REPEATS})")
    print(f"one submission per command:                       {single:6.1f} s  (median of {REPEATS})")
    print(f"  of which start-up:                              {100 * startup / single:5.0f} %")
    print(f"batch of {SUBMISSIONS} in one command:                    {batch:6.1f} s")
    print(f"  per submission:                                 {per_submission:6.2f} s")
    print(f"  per submission without start-up:                {marginal:6.2f} s")
    print(f"  start-up share of the batch:                    {100 * startup / batch:5.0f} %")


if __name__ == "__main__":
    sys.exit(main())
