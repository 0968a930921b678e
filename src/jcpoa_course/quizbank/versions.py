"""Drawing quiz versions from the bank: which questions, in which order, options in which order.

Every random choice comes from a generator seeded with the instructor's seed and the version's
number, so ``--versions 3 --seed 1`` gives the same three quizzes on any machine, and each
version carries its own answer key (the right option's place after shuffling).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Question, QuizBankError

# A drawn version identical to an earlier one is drawn again with the next sub-seed, this many times at most.
_REDRAWS = 50


@dataclass(frozen=True)
class QuizItem:
    """A question as one version prints it: ``order`` lists the original option numbers in printed order."""

    question: Question
    order: tuple[int, ...]

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.question.options[number - 1] for number in self.order)

    @property
    def answer(self) -> int:
        """The 1-based place of the right option in this version."""
        return self.order.index(self.question.answer) + 1


@dataclass(frozen=True)
class QuizVersion:
    """One quiz: its number (1 when there is only one) and its items in order."""

    number: int
    items: tuple[QuizItem, ...]

    def signature(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        return tuple((item.question.key, item.order) for item in self.items)


def make_versions(questions: Sequence[Question], *, count: int | None = None, versions: int = 1,
                  seed: int = 0, shuffle_questions: bool = False,
                  shuffle_options: bool = False) -> list[QuizVersion]:
    """``versions`` quizzes of ``count`` questions each (all when None).

    With more than one version the questions are always shuffled, so the versions differ even
    when every question is used; a draw that repeats an earlier version is redrawn.
    """
    if not questions:
        raise QuizBankError("no questions to draw from")
    if count is not None and not 1 <= count <= len(questions):
        raise QuizBankError(f"--questions {count} is out of range: the chosen chapters have {len(questions)}")
    if versions < 1:
        raise QuizBankError(f"--versions {versions} must be 1 or more")
    shuffle_questions = shuffle_questions or versions > 1
    drawn: list[QuizVersion] = []
    for number in range(1, versions + 1):
        for attempt in range(_REDRAWS):
            rng = random.Random(f"jcpoa-quiz:{seed}:{number}:{attempt}")
            version = _draw(questions, number, rng, count, shuffle_questions, shuffle_options)
            if all(version.signature() != earlier.signature() for earlier in drawn):
                break
        drawn.append(version)
    return drawn


def _draw(questions: Sequence[Question], number: int, rng: random.Random, count: int | None,
          shuffle_questions: bool, shuffle_options: bool) -> QuizVersion:
    chosen = list(questions)
    if count is not None and count < len(chosen):
        picked = set(rng.sample(range(len(chosen)), count))
        chosen = [question for index, question in enumerate(chosen) if index in picked]
    if shuffle_questions:
        rng.shuffle(chosen)
    items = []
    for question in chosen:
        order = list(range(1, len(question.options) + 1))
        if shuffle_options:
            rng.shuffle(order)
        items.append(QuizItem(question, tuple(order)))
    return QuizVersion(number=number, items=tuple(items))
