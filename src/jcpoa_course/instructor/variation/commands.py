"""``jcpoa-course variants`` (list, solve, rates) and ``jcpoa-course copying`` (the copying signals)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...variants import ChoiceVariant, Variant, draw_variant, question_bank
from ..copying.records import read_class
from ..copying.report import summary, write_csv
from ..copying.signals import ClassJudgement, class_evidence
from ..course import Course, CourseError, locate_course, one_line_errors
from ..export import write_table
from .coincidence import coincidence_rates
from .release import course_key, roster
from .solution_notebook import solution_notebook
from .solve import SourceNotebook


def register(subparsers: argparse._SubParsersAction) -> None:
    variants = subparsers.add_parser(
        "variants", help="list each student's variant of an assignment, or write one student's solution notebook",
        description="Each student's variant (from the gradebook's students and the submissions, plus --student). "
                    "--solution writes the solution notebook of one student's variant; --rates computes how often "
                    "two students share each question's key.")
    variants.add_argument("assignment")
    variants.add_argument("--student", action="append", default=[], help="also list this id (repeatable)")
    variants.add_argument("--csv", type=Path, help="write the list as CSV too")
    variants.add_argument("--solution", metavar="STUDENT", help="write the solution notebook of STUDENT's variant")
    variants.add_argument("--out", type=Path, help="where --solution writes (default: variant-solutions/...)")
    variants.add_argument("--rates", action="store_true", help="per question: variants, answers, chance two coincide")
    variants.set_defaults(handler=one_line_errors(_variants))
    copying = subparsers.add_parser(
        "copying", help="after grading: pairs of students whose answers suggest copying, with the evidence",
        description="Reads the autograded submissions of ASSIGNMENT and writes copying-ASSIGNMENT.csv and .md "
                    "in the course root (or --out): each flagged pair and why.")
    copying.add_argument("assignment")
    copying.add_argument("--out", type=Path, help="folder for the CSV and the report (default: the course root)")
    copying.set_defaults(handler=one_line_errors(_copying))


def describe(variant: Variant) -> dict[str, str]:
    """One short text per question: a choice's letters and order, a pick's parameters."""
    found = {}
    for name, question in variant.questions.items():
        if isinstance(question, ChoiceVariant):
            found[name] = f"{''.join(map(str, question.labels))}<-{''.join(question.order)}"
        else:
            found[name] = " ".join(f"{k}={v}" for k, v in question.params.items())
    return found


def _students(course: Course, assignment: str, extra: list[str]) -> list[str]:
    return sorted({*roster(course), *course.students_submitted(assignment), *extra})


def _variants(args: argparse.Namespace) -> int:
    course = locate_course()
    assignment = course.require_assignment(args.assignment)
    if not question_bank(assignment):
        raise CourseError(f"assignment '{assignment}' has no varied questions")
    key = course_key(course)
    if args.solution:
        print(f"wrote {solution_notebook(course, assignment, args.solution, args.out)}")
        return 0
    if args.rates:
        for rate in coincidence_rates(course.notebooks(assignment)[0], assignment, key):
            print(f"{rate.question:>4} {rate.kind:<6} {rate.variants:>4} variants, {rate.answers:>4} different "
                  f"answers: two students coincide {rate.rate:.3f} (1 in {1 / rate.rate:.0f})")
        return 0
    rows = []
    for student in _students(course, assignment, args.student):
        variant = draw_variant(assignment, student, key)
        rows.append([student, variant.code, *describe(variant).values()])
        print(f"{student}  {variant.code}  " + "  ".join(f"{q}:{d}" for q, d in describe(variant).items()))
    if key is None:
        print("(no course key yet: these are practice variants; 'jcpoa-course release' makes the key)")
    if args.csv:
        write_table(args.csv, [["student", "variant", *question_bank(assignment)], *rows])
    return 0


def _copying(args: argparse.Namespace) -> int:
    course = locate_course()
    assignment = course.require_assignment(args.assignment)
    submissions = read_class(course.root, assignment)
    if not submissions:
        raise CourseError(f"no autograded submissions of '{assignment}': run 'jcpoa-course autograde' first")
    key = course_key(course)
    variants = {s.student: draw_variant(assignment, s.student, key) for s in submissions}
    judged = ClassJudgement(SourceNotebook.read(course.notebooks(assignment)[0]), variants, submissions)
    evidence = class_evidence(judged)
    out = Path(args.out) if args.out else course.root
    out.mkdir(parents=True, exist_ok=True)
    write_csv(evidence, out / f"copying-{assignment}.csv")
    report = summary(assignment, evidence, len(submissions))
    (out / f"copying-{assignment}.md").write_text(report, encoding="utf-8")
    print(report)
    return 0
