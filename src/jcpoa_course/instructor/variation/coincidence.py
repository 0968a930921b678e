"""How often two students share a question's key: computed over every variant, not sampled.

Two variants of a question *coincide* when their right answers are the same (the same letter,
the same set of layers, the same results on every hidden input): only then does a classmate's
right answer earn the points on mine. For each varied question this module lists every variant
the bank can draw (label set x order for a choice, each parameter set for a pick), works out
each one's right answer with the source notebook's own solution (:mod:`.solve`), and gives
the chance that two students drawn independently coincide: the sum, over groups of variants
with the same answer, of the group's share squared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import permutations
from pathlib import Path

from ...variants import ChoiceVariant, PickVariant, Variant, draw_variant, question_bank
from ...variants.bank import LABEL_SETS, VariedQuestion
from ...variants.draw import CANONICAL, QuestionVariant
from .solve import SourceNotebook, comparable, question_of, read_answers, run_solutions


@dataclass(frozen=True)
class Coincidence:
    """One question: how many variants, how many different right answers, the chance two coincide."""

    question: str
    kind: str
    variants: int
    answers: int
    rate: float


def every_variant(spec: VariedQuestion) -> list[QuestionVariant]:
    """Every variant of one question the bank can draw, each equally likely."""
    if spec.kind == "pick":
        return [PickVariant(spec.id, dict(params)) for params in spec.parameter_sets]
    count = len(spec.options)
    texts = dict(zip(CANONICAL, spec.options, strict=False))
    label_sets = [tuple(range(1, count + 1))] if spec.numbered else [tuple(s[:count]) for s in LABEL_SETS]
    return [ChoiceVariant(spec.id, labels, order, texts)
            for labels in label_sets for order in permutations(CANONICAL[:count])]


def right_answer(source: SourceNotebook, base: Variant, question: QuestionVariant, key: bytes | None) -> str:
    """The right answer(s) to one question under one of its variants, as comparable text."""
    variant = replace(base, questions={**base.questions, question.question: question})
    payloads = read_answers(source, run_solutions(source, variant, key), variant)
    return repr(sorted((item, comparable(payload)) for item, payload in payloads.items()
                       if question_of(item) == question.question))


def coincidence_rates(source_path: Path, assignment: str, key: bytes | None = None) -> list[Coincidence]:
    """The chance, per varied question, that two students' variants share the right answer."""
    source, base = SourceNotebook.read(source_path), draw_variant(assignment, None, key)
    found = []
    for spec in question_bank(assignment).values():
        variants = every_variant(spec)
        answers = Counter(right_answer(source, base, variant, key) for variant in variants)
        rate = sum(count * count for count in answers.values()) / len(variants) ** 2
        found.append(Coincidence(spec.id, spec.kind, len(variants), len(answers), rate))
    return found
