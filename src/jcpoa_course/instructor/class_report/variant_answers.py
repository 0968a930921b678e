"""The class's answers in the terms of the question, not of each student's variant.

With per-student variants (:mod:`jcpoa_course.variants`) a letter means a different option for
each student: Ana's ``b`` may be Ben's ``f``. Counting letters would mix options together, so
before the analysis every letter a student recorded (an answer, or a member of a set or list of
letters) is turned into the canonical option it shows that student, labelled with its text
(``b. Bank Melli``), and a matching answer (number -> track) is keyed by canonical option
(``{a: 'economic-ties', ...}``). Students who chose the same option then count together,
whatever letter they saw.

A *pick* question (which entity, which instruments) has a key of its own for each parameter
set, so the members wrongly added or missed are only comparable within one parameter set: each
sheet's check of such a question is tagged with its parameter set (``group``), and the analysis
counts wrong members per group.

Each student's variant is drawn once (from the id on the sheet and the course key, as the
grader does), so a class of hundreds costs a few milliseconds per student.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import cache

from ...variants import ChoiceVariant, PickVariant, Variant, draw_variant, question_bank
from .item_analysis import ClassAnswers
from .store import AnswerSheet, JudgedCell, JudgedCheck

LETTER_TYPES = ("letter", "set[letter]", "list[letter]")


def in_canonical_terms(answers: ClassAnswers, key: bytes | None) -> ClassAnswers:
    """``answers`` with letters replaced by canonical options and pick checks tagged by parameter set.

    ``key`` is the course's variant key (None: practice variants, as the grader uses then). An
    assignment without varied questions is returned unchanged."""
    if not question_bank(answers.assignment):
        return answers
    variant_of = cache(lambda student: draw_variant(answers.assignment, student, key))
    sheets = tuple(_sheet(sheet, variant_of(sheet.student)) for sheet in answers.sheets)
    return replace(answers, sheets=sheets)


def question_of(cell: str) -> str:
    """The varied question a graded cell judges: ``q5-hidden`` -> ``q5``."""
    return cell.split("-", 1)[0]


def option_label(question: ChoiceVariant, canonical: str) -> str:
    """How the report names an option: its canonical letter and its text."""
    return f"{canonical}. {question.texts[canonical]}"


def _sheet(sheet: AnswerSheet, variant: Variant) -> AnswerSheet:
    return replace(sheet, cells=tuple(_cell(cell, variant) for cell in sheet.cells))


def _cell(cell: JudgedCell, variant: Variant) -> JudgedCell:
    question = variant.questions.get(question_of(cell.cell))
    if question is None:
        return cell
    return replace(cell, checks=tuple(_check(check, question) for check in cell.checks))


def _check(check: JudgedCheck, question: ChoiceVariant | PickVariant) -> JudgedCheck:
    if isinstance(question, PickVariant):
        return replace(check, group=_parameters(question))
    if check.kind == "answer" and check.type.startswith("dict[") and check.answer is not None:
        return replace(check, answer=_matching(question, check.answer))
    if check.kind != "answer" or check.type not in LETTER_TYPES:
        return check
    if check.elements is None:
        return replace(check, answer=_option(question, check.answer))
    elements = tuple(_option(question, element, quoted=True) for element in check.elements)
    shown = sorted(elements) if check.type.startswith("set") else elements
    text = ("{" + ", ".join(shown) + "}") if check.type.startswith("set") else "[" + ", ".join(shown) + "]"
    return replace(check, answer=text, elements=tuple(shown))


def _option(question: ChoiceVariant, recorded: str | None, quoted: bool = False) -> str | None:
    """The canonical option behind a recorded letter; a letter of no option (or a placeholder) stays."""
    if recorded is None:
        return None
    letter: object = recorded
    if quoted:
        try:
            letter = ast.literal_eval(recorded)
        except (ValueError, SyntaxError):
            return recorded
    if isinstance(letter, str) and letter.strip().isdigit() and isinstance(question.labels[0], int):
        letter = int(letter)  # a numbered question's answer recorded as text
    if not isinstance(letter, (str, int)):
        return recorded
    canonical = question.canonical(letter)
    return recorded if canonical is None else option_label(question, canonical)


def _matching(question: ChoiceVariant, recorded: str) -> str:
    """A matching answer (label -> value) keyed by canonical option instead: ``{a: 'x', b: 'y'}``."""
    try:
        matches = ast.literal_eval(recorded)
    except (ValueError, SyntaxError):
        return recorded
    if not isinstance(matches, dict):
        return recorded
    canonical = {question.canonical(label) if isinstance(label, (str, int)) else None: value
                 for label, value in matches.items()}
    if None in canonical or len(canonical) != len(matches):
        return recorded  # a label of no option: the answer is shown as the student gave it
    return "{" + ", ".join(f"{option}: {canonical[option]!r}" for option in sorted(canonical)) + "}"


def _parameters(question: PickVariant) -> str:
    return ", ".join(f"{name}={value}" for name, value in question.params.items())
