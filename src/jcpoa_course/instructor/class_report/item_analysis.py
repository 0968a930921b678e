"""Item analysis of one assignment: pure statistics over the class's answer sheets.

For each question (a graded cell): how many students got it right, the mean points, and its
*discrimination*: the point-biserial correlation between the question's score and the rest of
the test (the student's total without this question), the figure PrairieLearn and most item
analyses report. Near +1: the students who do well overall get it right; near 0: it tells the
strong from the weak no better than chance; below 0: the weaker students do better, which
usually means a flawed question or key.

For each check of a question, what the class answered: every distinct answer with its count
(for a multiple choice, how many chose each option), for a set or list the values most often
wrongly added or missed, and for a function the hidden inputs it failed on most often. Shares
are of the whole class (every student with a sheet), so a multiple choice's shares, with those
whose notebook did not run, add up to 1.

Nothing here reads files or names a student: the input is plain data (:class:`ClassAnswers`),
the output frozen records. Students appear only as positions in a list of totals.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from .store import AnswerSheet, JudgedCell, JudgedCheck

UNREADABLE = ("(not defined)", "(not read)", "(not recorded)")  # placeholders, not answers a student chose
MIN_FOR_DISCRIMINATION = 5  # fewer students than this: no correlation is reported


@dataclass(frozen=True)
class ClassAnswers:
    """What the analysis reads: one merged sheet per student, and the written answers' scores."""

    assignment: str
    sheets: tuple[AnswerSheet, ...]
    written: dict[str, dict[str, float | None]] = field(default_factory=dict)  # cell -> student -> score
    written_max: dict[str, float] = field(default_factory=dict)  # cell -> its points


@dataclass(frozen=True)
class AnswerCount:
    """One distinct answer to a check: how many gave it, their share of the class, right or not."""

    answer: str
    count: int
    share: float
    right: bool


@dataclass(frozen=True)
class ValueCount:
    """A member of a set or list answer: wrongly ``added``, or ``missed`` (in the right answers)."""

    value: str
    how: str
    count: int
    share: float
    group: str | None = None  # a pick question's parameter set: members compare only within one


@dataclass(frozen=True)
class InputFailure:
    """A hidden input of a function answer, with how many students' functions got it wrong or raised."""

    input: str
    wrong: int
    errors: int
    share: float

    @property
    def failed(self) -> int:
        return self.wrong + self.errors


@dataclass(frozen=True)
class CheckFigures:
    """What the class answered to one check of a question."""

    subject: str
    kind: str
    type: str
    right: int
    answers: tuple[AnswerCount, ...] = ()
    wrong_values: tuple[ValueCount, ...] = ()
    failed_inputs: tuple[InputFailure, ...] = ()

    @property
    def wrong_answers(self) -> tuple[AnswerCount, ...]:
        """Wrong answers a student chose (not the placeholders for nothing read), most frequent first."""
        return tuple(a for a in self.answers if not a.right and a.answer not in UNREADABLE)


@dataclass(frozen=True)
class VariantFigures:
    """One variant of a question: how many students had it and their share correct."""

    variant: str
    students: int
    share_correct: float


@dataclass(frozen=True)
class QuestionFigures:
    """The figures of one autograded question."""

    cell: str
    points: float
    students: int
    correct: int
    not_run: int
    mean_points: float
    discrimination: float | None
    checks: tuple[CheckFigures, ...]
    variants: tuple[VariantFigures, ...] = ()

    @property
    def share_correct(self) -> float:
        return self.correct / self.students if self.students else 0.0


@dataclass(frozen=True)
class WrittenFigures:
    """A hand-graded question: the scores given so far and how many wait for one."""

    cell: str
    points: float
    scores: tuple[float, ...]
    pending: int

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None


@dataclass(frozen=True)
class ClassFigures:
    """Everything the report shows, for one assignment."""

    assignment: str
    students: int
    questions: tuple[QuestionFigures, ...]
    written: tuple[WrittenFigures, ...]
    totals: tuple[float, ...]  # one per student, sorted: no student is named
    max_total: float


def analyse(answers: ClassAnswers) -> ClassFigures:
    """The item analysis of a class (see the module docstring for what each figure means)."""
    sheets = answers.sheets
    cells = _question_cells(sheets)
    earned = {cell: [_earned(sheet, cell) for sheet in sheets] for cell in cells}
    written = [_written_scores(answers, cell, sheets) for cell in sorted(answers.written)]
    totals = [sum(scores) for scores in zip(*earned.values(), *written, strict=True)] if sheets else []
    questions = tuple(_question(cell, points, sheets, earned[cell], totals) for cell, points in cells.items())
    written_figures = tuple(
        WrittenFigures(cell, answers.written_max.get(cell, 0.0),
                       tuple(s for s in answers.written[cell].values() if s is not None),
                       sum(1 for sheet in sheets if answers.written[cell].get(sheet.student) is None))
        for cell in sorted(answers.written))
    max_total = sum(cells.values()) + sum(answers.written_max.get(cell, 0.0) for cell in answers.written)
    return ClassFigures(answers.assignment, len(sheets), questions, written_figures, tuple(sorted(totals)), max_total)


def merge_sheets(sheets: list[AnswerSheet]) -> tuple[AnswerSheet, ...]:
    """One sheet per student: an assignment of several notebooks has a sheet for each."""
    merged: dict[str, AnswerSheet] = {}
    for sheet in sheets:
        known = merged.get(sheet.student)
        merged[sheet.student] = sheet if known is None else AnswerSheet(
            sheet.assignment, sheet.student, "*", known.cells + sheet.cells, known.variant or sheet.variant)
    return tuple(merged[student] for student in sorted(merged))


def _question_cells(sheets: tuple[AnswerSheet, ...]) -> dict[str, float]:
    """Every judged cell, in the order the notebooks hold them, with its points."""
    cells: dict[str, float] = {}
    for sheet in sheets:
        for cell in sheet.cells:
            cells[cell.cell] = max(cells.get(cell.cell, 0.0), cell.points)
    return cells


def _find(sheet: AnswerSheet, cell: str) -> JudgedCell | None:
    return next((judged for judged in sheet.cells if judged.cell == cell), None)


def _earned(sheet: AnswerSheet, cell: str) -> float:
    judged = _find(sheet, cell)
    return judged.points if judged is not None and judged.passed else 0.0


def _written_scores(answers: ClassAnswers, cell: str, sheets: tuple[AnswerSheet, ...]) -> list[float]:
    scores = answers.written[cell]
    return [scores.get(sheet.student) or 0.0 for sheet in sheets]


def _question(cell: str, points: float, sheets: tuple[AnswerSheet, ...], earned: list[float],
              totals: list[float]) -> QuestionFigures:
    judged = [_find(sheet, cell) for sheet in sheets]
    ran = [j for j in judged if j is not None and j.status == "judged"]
    students = len(sheets)
    checks = tuple(_check_figures([j.checks[n] for j in ran if n < len(j.checks)], students)
                   for n in range(max((len(j.checks) for j in ran), default=0)))
    return QuestionFigures(
        cell=cell, points=points, students=students, correct=sum(1 for j in judged if j is not None and j.passed),
        not_run=students - len(ran), mean_points=statistics.fmean(earned) if earned else 0.0,
        discrimination=point_biserial(earned, [total - mine for total, mine in zip(totals, earned, strict=True)]),
        checks=checks, variants=_variants(sheets, judged))


def point_biserial(item: list[float], rest: list[float]) -> float | None:
    """The correlation of an item's scores with the rest of the test; None when it is undefined
    (too few students, or everyone scored the same on either)."""
    if len(item) < MIN_FOR_DISCRIMINATION or len(set(item)) < 2 or len(set(rest)) < 2:
        return None
    return statistics.correlation(item, rest)


def _check_figures(checks: list[JudgedCheck], students: int) -> CheckFigures:
    first = checks[0]
    right = sum(1 for check in checks if check.right)
    if first.kind == "function":
        return CheckFigures(first.subject, "function", first.type, right,
                            failed_inputs=_failed_inputs(checks, students))
    counted = Counter((check.answer or "(not read)", check.right) for check in checks)
    answers = tuple(AnswerCount(answer, count, count / students, is_right)
                    for (answer, is_right), count in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0][0])))
    return CheckFigures(first.subject, "answer", first.type, right, answers, _wrong_values(checks, students))


def _wrong_values(checks: list[JudgedCheck], students: int) -> tuple[ValueCount, ...]:
    """Members wrongly added to, or missed from, a set or list answer, counted apart for each
    parameter set of a pick question (each has its own key: see :mod:`.variant_answers`)."""
    groups: dict[str | None, list[JudgedCheck]] = {}
    for check in checks:
        groups.setdefault(check.group, []).append(check)
    found = [value for group, members in groups.items() for value in _group_wrong_values(members, students, group)]
    return tuple(sorted(found, key=lambda v: (-v.count, v.how, v.value, v.group or "")))


def _group_wrong_values(checks: list[JudgedCheck], students: int, group: str | None) -> list[ValueCount]:
    """The right members are those every right answer holds (the key, for a question judged by
    equality); with no right answer there is nothing to compare with, and nothing is counted."""
    right = [set(check.elements) for check in checks if check.right and check.elements is not None]
    wrong = [set(check.elements) for check in checks if not check.right and check.elements is not None]
    if not right or not wrong:
        return []
    key = set.intersection(*right)
    added = Counter(value for members in wrong for value in members - key)
    missed = Counter(value for members in wrong for value in key - members)
    found = [ValueCount(value, "added", count, count / students, group) for value, count in added.items()]
    return found + [ValueCount(value, "missed", count, count / students, group) for value, count in missed.items()]


def _failed_inputs(checks: list[JudgedCheck], students: int) -> tuple[InputFailure, ...]:
    wrong: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    order: dict[str, int] = {}
    for check in checks:
        for outcome in check.inputs:
            order.setdefault(outcome.input, len(order))
            wrong[outcome.input] += outcome.outcome == "wrong"
            errors[outcome.input] += outcome.outcome == "error"
    failures = [InputFailure(text, wrong[text], errors[text], (wrong[text] + errors[text]) / students)
                for text in order]
    return tuple(sorted(failures, key=lambda f: (-f.failed, order[f.input])))


def _variants(sheets: tuple[AnswerSheet, ...], judged: list[JudgedCell | None]) -> tuple[VariantFigures, ...]:
    by_variant: dict[str, list[bool]] = {}
    for sheet, cell in zip(sheets, judged, strict=True):
        if sheet.variant is not None and cell is not None:
            by_variant.setdefault(sheet.variant, []).append(cell.passed)
    if len(by_variant) < 2:
        return ()
    return tuple(VariantFigures(variant, len(results), sum(results) / len(results))
                 for variant, results in sorted(by_variant.items()))
