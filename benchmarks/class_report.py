"""The class report of 300 students: time to read, analyse, draw and write it (target: under 10 s on 2 cores).

Runs on a scratch copy of the course (the real gradebook is untouched): ``sanctions-wall`` is
released, 300 students get a submission in the gradebook (one written answer graded by hand
for two thirds of them), and their answer sheets are planted in the store as in
``tests/synthetic_class.py`` (ranks cycling through the planted class of 100). Then
``jcpoa-course report`` is run in-process, stage by stage, and as one command.
It prints the figures; it never fails on a slow machine.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from nbgrader.api import Gradebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic_class import planted_sheet  # noqa: E402

from jcpoa_course.data.assignment_items import items_of  # noqa: E402
from jcpoa_course.instructor.class_report.class_answers import read_class  # noqa: E402
from jcpoa_course.instructor.class_report.commands import write_report  # noqa: E402
from jcpoa_course.instructor.class_report.flags import flags  # noqa: E402
from jcpoa_course.instructor.class_report.item_analysis import analyse  # noqa: E402
from jcpoa_course.instructor.class_report.store import JudgedStore  # noqa: E402
from jcpoa_course.instructor.class_report.tables import write_tables  # noqa: E402
from jcpoa_course.instructor.class_report.variant_answers import in_canonical_terms  # noqa: E402
from jcpoa_course.instructor.class_report.views import report_html  # noqa: E402
from jcpoa_course.instructor.course import Course  # noqa: E402
from jcpoa_course.instructor.grading.judging.keys import course_key  # noqa: E402
from jcpoa_course.instructor.nbgrader_steps import generate_assignment  # noqa: E402
from jcpoa_course.views.vendored import VENDOR_DIR  # noqa: E402

ASSIGNMENT = "sanctions-wall"
STUDENTS = 300
TARGET_SECONDS = 10.0
CHART_MARKUP = 'class="jcpoa-chart"'


def scratch_class(folder: Path) -> Course:
    """A released copy of the course with STUDENTS submissions in the gradebook and their sheets."""
    (folder / "source").mkdir(parents=True)
    shutil.copy(ROOT / "assignments" / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "assignments" / "source" / ASSIGNMENT, folder / "source" / ASSIGNMENT)
    course = Course(folder)
    if not generate_assignment(course, ASSIGNMENT).ok:
        raise SystemExit("nbgrader could not release the assignment")
    store = JudgedStore.beside(course.db_url)
    with Gradebook(course.db_url) as gradebook:
        for number in range(STUDENTS):
            student = f"s{number:03d}"
            gradebook.add_student(student)
            gradebook.add_submission(ASSIGNMENT, student)
            if number % 3:
                grade = gradebook.find_grade("q10-answer", ASSIGNMENT, ASSIGNMENT, student)
                grade.manual_score = number % 6
            store.save(dataclasses.replace(planted_sheet(number % 100), assignment=ASSIGNMENT, student=student,
                                           notebook=ASSIGNMENT))
        gradebook.db.commit()
    return course


def timed(label: str, action):  # noqa: ANN001, ANN201 - a stopwatch around any call
    start = time.perf_counter()
    result = action()
    print(f"  {label:<38} {time.perf_counter() - start:6.2f} s")
    return result


def as_command(course: Course, out: Path) -> tuple[float, float]:
    """The report as an instructor runs it: a fresh ``jcpoa-course`` process (imports, vl-convert
    start-up). Returns its wall-clock time and its CPU time (user + system, all its threads): on a
    machine shared with other work the first grows with the load, the second does not."""
    command = [str(Path(sys.executable).parent / "jcpoa-course"), "report", ASSIGNMENT, "--course-root",
               str(course.root), "--out", str(out), "--per-student"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    # nbgrader's gradebook warns that SQLAlchemy skips a cascade it does not need (as in grading/pool.py).
    warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session")
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="jcpoa-class-report-") as scratch:
        start = time.perf_counter()
        course = scratch_class(Path(scratch) / "course")
        print(f"setup (release, {STUDENTS} submissions, sheets): {time.perf_counter() - start:.1f} s (not counted)")
        store = JudgedStore.beside(course.db_url)
        print("stages:")
        answers = timed("read sheets and written scores", lambda: read_class(store, ASSIGNMENT, course.db_url))
        answers = timed("letters to options, per variant",
                        lambda: in_canonical_terms(answers, course_key(course.root)))
        figures = timed("item analysis", lambda: analyse(answers))
        found = timed("flags", lambda: flags(figures))
        html = timed("HTML, every chart drawn (vl-convert)", lambda: report_html(
            figures, found, items_of(ASSIGNMENT), None, ROOT / VENDOR_DIR))  # no book links
        timed("CSV tables", lambda: write_tables(Path(scratch) / "stages", figures, found, items_of(ASSIGNMENT),
                                                 answers))
        start = time.perf_counter()
        written = write_report(course, ASSIGNMENT, Path(scratch) / "report", per_student=True)
        total = time.perf_counter() - start
        charts = html.count(CHART_MARKUP)
        print(f"whole report in-process, warm ({len(figures.questions)} questions, {charts} charts, "
              f"{written[0].stat().st_size / 1e6:.2f} MB HTML): {total:.2f} s")
        wall, cpu = as_command(course, Path(scratch) / "command")
        print(f"`jcpoa-course report {ASSIGNMENT} --per-student`, a fresh process: {wall:.2f} s wall clock, "
              f"{cpu:.2f} s CPU (target under {TARGET_SECONDS:.0f} s: {'met' if wall < TARGET_SECONDS else 'NOT met'}"
              f"; load average now {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
