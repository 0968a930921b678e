"""Flags: the questions a teacher should look at first, each with what to do about it.

Four kinds, each decided from the figures of :mod:`.item_analysis` alone:

- ``almost-nobody``: fewer than :data:`ALMOST_NOBODY` of the class got it right;
- ``negative-discrimination``: students who did worse on the rest of the test did better here;
- ``popular-wrong-answer``: one wrong answer was given by more students than the right one;
- ``harder-variant``: one variant of the question was answered right markedly less often than
  its siblings (only once students get variants).
"""

from __future__ import annotations

from dataclasses import dataclass

from .item_analysis import ClassFigures, QuestionFigures

ALMOST_NOBODY = 0.2  # share correct below this
HARDER_VARIANT = 0.2  # a variant's share correct this far below its siblings' together
MIN_VARIANT_STUDENTS = 5  # a variant held by fewer students is not compared

KINDS = {
    "almost-nobody": (
        "Almost nobody got it right",
        "Teach the pages again before the next assignment, or check that the question asks what the "
        "pages say; if the key itself is wrong, fix the hidden check and regrade with --force.",
    ),
    "negative-discrimination": (
        "Weaker students did better than stronger ones",
        "Read the question as a strong student would: an ambiguity, a trick or a wrong key usually "
        "explains it. Fix the question or its check, then regrade.",
    ),
    "popular-wrong-answer": (
        "A wrong answer was more popular than the right one",
        "The class shares a misconception (or the option is defensible): discuss that answer in "
        "class, using the chapter and pages listed with the question.",
    ),
    "harder-variant": (
        "One variant was markedly harder than its siblings",
        "Compare that variant's values with the others'; make the variants equally hard, or weigh "
        "them fairly before the scores count.",
    ),
}


@dataclass(frozen=True)
class Flag:
    """One reason to look at a question: its kind, what the figures show, and what to do."""

    cell: str
    kind: str
    evidence: str

    @property
    def title(self) -> str:
        return KINDS[self.kind][0]

    @property
    def advice(self) -> str:
        return KINDS[self.kind][1]


def flags(figures: ClassFigures) -> list[Flag]:
    """Every flag of every question, in the order of the questions."""
    return [flag for question in figures.questions for flag in question_flags(question)]


def question_flags(question: QuestionFigures) -> list[Flag]:
    found = []
    if question.students and question.share_correct < ALMOST_NOBODY:
        found.append(Flag(question.cell, "almost-nobody",
                          f"{question.correct} of {question.students} right ({question.share_correct:.0%})"))
    if question.discrimination is not None and question.discrimination < 0:
        found.append(Flag(question.cell, "negative-discrimination",
                          f"discrimination {question.discrimination:+.2f}"))
    for check in question.checks:
        popular = [answer for answer in check.wrong_answers if answer.count > check.right]
        if popular:
            found.append(Flag(question.cell, "popular-wrong-answer",
                              f"{check.subject}: {popular[0].answer!r} given by {popular[0].count}, "
                              f"the right answer by {check.right}"))
    found += _harder_variants(question)
    return found


def _harder_variants(question: QuestionFigures) -> list[Flag]:
    found = []
    compared = [v for v in question.variants if v.students >= MIN_VARIANT_STUDENTS]
    for variant in compared:
        others = [v for v in compared if v is not variant]
        if not others:
            continue
        siblings = sum(v.share_correct * v.students for v in others) / sum(v.students for v in others)
        if siblings - variant.share_correct >= HARDER_VARIANT:
            found.append(Flag(question.cell, "harder-variant",
                              f"variant {variant.variant}: {variant.share_correct:.0%} right, "
                              f"its siblings {siblings:.0%}"))
    return found
