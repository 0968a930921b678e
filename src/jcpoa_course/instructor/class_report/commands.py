"""`jcpoa-course report ASSIGNMENT`: the class report, as HTML and CSV, from the judged answers.

Writes ``index.html`` (every chart drawn, readable offline and without scripts) and the CSV
tables into ``assignments/reports/<assignment>/`` (or ``--out``). Exit status 0 when written,
2 when there is nothing to report (the assignment was never graded) or no course.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from ...data.assignment_items import items_of
from ...views.vendored import VENDOR_DIR
from ..course import Course, CourseError, locate_course
from ..grading.judging.keys import course_key
from .class_answers import NothingToReport, read_class
from .flags import flags
from .item_analysis import analyse
from .store import JudgedStore, StoreError
from .tables import write_tables
from .variant_answers import in_canonical_terms
from .views import BookLinks, VendorMissing, report_html

CHECKOUT = Path(__file__).resolve().parents[4]  # the repository the package runs from, if it is one


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report`` to the CLI."""
    report = subparsers.add_parser(
        "report", help="the class report of a graded assignment: what the class got wrong, question by question",
        description="Item analysis of a graded assignment from the answers the judge kept: share right, mean "
        "points, discrimination, the answers given, and flags; HTML with charts, and CSV.")
    report.add_argument("assignment", help="assignment name, e.g. sanctions-wall")
    report.add_argument("--out", type=Path, default=None,
                        help="folder to write into (default: assignments/reports/ASSIGNMENT)")
    report.add_argument("--per-student", action="store_true",
                        help="also write students.csv: each student's points per question (names students)")
    report.add_argument("--book-url", default=None,
                        help="where the book is published, for the chapter links (default: the checkout's "
                        "built book, _build/html, if there is one)")
    report.add_argument("--static", action="store_true",
                        help="charts as drawings only: do not inline the vendored vega (a smaller file)")
    report.add_argument("--course-root", type=Path, default=None,
                        help="folder holding nbgrader_config.py (default: found from the current folder)")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("vl_convert") is None:
        print("jcpoa-course report: the charts are drawn with vl-convert-python, which is not installed: "
              "install the course with its book extra (`make install`, or pip install 'jcpoa-course[book]')",
              file=sys.stderr)
        return 2
    try:
        course = locate_course() if args.course_root is None else Course(args.course_root.resolve())
        written = write_report(course, args.assignment, args.out, per_student=args.per_student,
                               book_url=args.book_url, static=args.static)
    except (CourseError, NothingToReport, StoreError, VendorMissing) as error:
        print(f"jcpoa-course report: {error}", file=sys.stderr)
        return 2
    print(f"class report of {args.assignment}: {written[0]}")
    print("tables: " + ", ".join(path.name for path in written[1:]))
    return 0


def write_report(course: Course, assignment: str, out: Path | None = None, *, per_student: bool = False,
                 book_url: str | None = None, static: bool = False) -> list[Path]:
    """Write the report; return the HTML file's path, then the CSV files'."""
    if not course.config.is_file():
        raise CourseError(f"{course.root} is not a course root: it has no {course.config.name}")
    if (course.root / "source").is_dir():
        course.require_assignment(assignment)
    store = JudgedStore.beside(course.db_url)
    if store is None:
        raise CourseError(f"the gradebook {course.db_url} is not a local SQLite file: there is no answer store")
    # Letters become options, drawn per student with the key the grader used.
    answers = in_canonical_terms(read_class(store, assignment, course.db_url), course_key(course.root))
    figures = analyse(answers)
    found = flags(figures)
    items = items_of(assignment)
    out = (course.root / "reports" / assignment if out is None else out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    vendor = None if static else CHECKOUT / VENDOR_DIR
    titles = chapter_titles(CHECKOUT / "book", {item.chapter for item in items.values()})
    book = BookLinks(book_url or _built_book(out), titles)
    html = report_html(figures, found, items, book, vendor)
    page = out / "index.html"
    page.write_text(html, encoding="utf-8")
    tables = write_tables(out, figures, found, items, answers if per_student else None)
    return [page, *tables]


def _built_book(out: Path) -> str | None:
    """The checkout's built book, as a link relative to the report, when it has been built."""
    built = CHECKOUT / "_build" / "html"
    return os.path.relpath(built, out) if (built / "index.html").is_file() else None


def chapter_titles(book_sources: Path, chapters: set[str]) -> dict[str, str]:
    """Each chapter's title, read from its source in the checkout (``(label)=`` then ``# Title``);
    none when the package runs without its checkout: the report then names chapters by label."""
    titles = {}
    for chapter in sorted(chapters):
        source = book_sources / f"{chapter}.md"
        if not source.is_file():
            continue
        lines = source.read_text(encoding="utf-8").splitlines()
        for label, title in zip(lines, lines[1:], strict=False):
            if label.strip() == f"({chapter})=" and title.startswith("# "):
                titles[chapter] = title.removeprefix("# ").strip()
                break
    return titles
