"""A synthetic class written straight into the answer store: planted answers with known shares.

Student ``i`` of ``size`` has rank ``i`` (0 the weakest): each question is answered right above a
threshold of rank, so every figure is known in advance. For a class of 100 (``PLANTED``):

- ``q1-hidden`` (1 point, multiple choice, key ``b``): 60 right, 25 chose ``c``, 15 chose ``a``;
- ``q2-hidden`` (1 point, key ``a``): the 55 *weakest* are right: negative discrimination;
- ``q3-hidden`` (2 points, a function on three hidden inputs): 5 right: almost nobody;
- ``q4-hidden`` (2 points, key ``c``): 30 right, 45 chose ``a``: a wrong answer more popular;
- ``q5-hidden`` (2 points, a set, key ``{'x', 'y', 'z'}``): 70 right, 20 missed ``'z'``, 10 added ``'w'``;
- ``q6-hidden`` (1 point, two checks): 80 right; the other 20 gave the year 2023;
- ``q7-hidden`` (1 point, key ``a``): variant A (even ranks) 45 of 50 right, variant B 25 of 50;
- ``q10-answer`` (5 points, written): rank % 6 points for the first 90, 10 not graded yet.

Only ``q2`` (negative discrimination), ``q3`` (almost nobody), ``q4`` (popular wrong answer) and
``q7`` (a harder variant) should be flagged.
"""

from __future__ import annotations

from jcpoa_course.instructor.class_report.item_analysis import ClassAnswers, merge_sheets
from jcpoa_course.instructor.class_report.store import (
    AnswerSheet,
    InputOutcome,
    JudgedCell,
    JudgedCheck,
    JudgedStore,
)

ASSIGNMENT = "planted"
INPUTS = ("'bank-mellat'", "'nioc'", "'irgc'")
PLANTED_FLAGS = {("q2-hidden", "negative-discrimination"), ("q3-hidden", "almost-nobody"),
                 ("q4-hidden", "popular-wrong-answer"), ("q7-hidden", "harder-variant")}


def _choice(cell: str, points: float, right: str, given: str) -> JudgedCell:
    check = JudgedCheck(f"{cell}_answer", "answer", "letter", given, given == right,
                        None if given == right else f"{cell}_answer: not the right answer")
    return JudgedCell(cell, points, given == right, checks=(check,))


def _function(rank: int) -> JudgedCell:
    if rank >= 95:
        outcomes = ("right", "right", "right")
    elif rank >= 50:
        outcomes = ("right", "wrong", "wrong")
    else:
        outcomes = ("right", "error", "right")
    right = all(outcome == "right" for outcome in outcomes)
    recorded = tuple(InputOutcome(text, outcome) for text, outcome in zip(INPUTS, outcomes, strict=True))
    check = JudgedCheck("layers_left", "function", "list[str]", None, right, None if right else "wrong result",
                        inputs=recorded)
    return JudgedCell("q3-hidden", 2, right, checks=(check,))


def _members(rank: int) -> JudgedCell:
    members = ("'x'", "'y'", "'z'") if rank >= 30 else ("'w'", "'x'", "'y'", "'z'") if rank >= 20 else ("'x'", "'y'")
    right = rank >= 30
    check = JudgedCheck("q5_left", "answer", "set[str]", "{" + ", ".join(members) + "}", right,
                        None if right else "q5_left: not the right answer", elements=members)
    return JudgedCell("q5-hidden", 2, right, checks=(check,))


def _two_checks(rank: int) -> JudgedCell:
    year_right = rank >= 20
    checks = (JudgedCheck("q6_answer", "answer", "letter", "b", True),
              JudgedCheck("q6_year", "answer", "int", "2024" if year_right else "2023", year_right,
                          None if year_right else "q6_year: not the right answer"))
    return JudgedCell("q6-hidden", 1, year_right, checks=checks)


def planted_sheet(rank: int) -> AnswerSheet:
    variant = "A" if rank % 2 == 0 else "B"
    q7_right = rank >= (10 if variant == "A" else 50)
    cells = (
        _choice("q1-hidden", 1, "b", "b" if rank >= 40 else "c" if rank >= 15 else "a"),
        _choice("q2-hidden", 1, "a", "a" if rank < 55 else "d" if rank < 85 else "b"),
        _function(rank),
        _choice("q4-hidden", 2, "c", "c" if rank >= 70 else "a" if rank >= 25 else "d"),
        _members(rank),
        _two_checks(rank),
        _choice("q7-hidden", 1, "a", "a" if q7_right else "b"),
    )
    return AnswerSheet(ASSIGNMENT, f"student-{rank:03d}", ASSIGNMENT, cells, variant)


def written_scores(size: int) -> dict[str, dict[str, float | None]]:
    return {"q10-answer": {f"student-{rank:03d}": (float(rank % 6) if rank < size - 10 else None)
                           for rank in range(size)}}


def plant_class(store: JudgedStore, size: int = 100) -> None:
    """Write ``size`` planted sheets into ``store``."""
    for rank in range(size):
        store.save(planted_sheet(rank))


def planted_answers(store: JudgedStore, size: int = 100) -> ClassAnswers:
    """The planted class as the analysis reads it: the store's sheets and the written scores."""
    return ClassAnswers(ASSIGNMENT, merge_sheets(store.sheets(ASSIGNMENT)), written_scores(size), {"q10-answer": 5.0})


# A varied class: sanctions-wall's questions, each student answering in the letters of their own
# variant. Canonical option b of q1 is right for ranks >= 40, c for 15-39, a below (as q1 above);
# q3's key is {c, d}: ranks 20-29 add a, ranks below 20 miss d; q5 (a pick question) is right
# from rank 30, below it adds 'w' to their own entity.
VARIED = "sanctions-wall"
VARIED_KEY = bytes(range(32))


def varied_sheet(rank: int) -> AnswerSheet:
    from jcpoa_course.variants import draw_variant

    student = f"student-{rank:03d}"
    variant = draw_variant(VARIED, student, VARIED_KEY)
    option = "b" if rank >= 40 else "c" if rank >= 15 else "a"
    chosen = ["c", "d", "a"] if 20 <= rank < 30 else ["c"] if rank < 20 else ["c", "d"]
    letters = tuple(sorted(repr(variant.q3.letter(o)) for o in chosen))
    q3 = JudgedCheck("q3_true", "answer", "set[letter]", "{" + ", ".join(letters) + "}", rank >= 30,
                     elements=letters)
    entity = repr(variant.q5.entity)
    members = (entity,) if rank >= 30 else (entity, "'w'")
    q5 = JudgedCheck("q5_left", "answer", "set[str]", "{" + ", ".join(members) + "}", rank >= 30,
                     elements=members)
    cells = (_choice("q1-hidden", 1, variant.q1.letter("b"), variant.q1.letter(option)),
             JudgedCell("q3-hidden", 1, rank >= 30, checks=(q3,)),
             JudgedCell("q5-hidden", 2, rank >= 30, checks=(q5,)))
    return AnswerSheet(VARIED, student, VARIED, cells, variant.code)
