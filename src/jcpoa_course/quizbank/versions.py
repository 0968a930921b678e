"""Drawing quiz versions from the bank: which questions, in which order, options in which order.

Every random choice comes from a generator seeded with the instructor's seed, so ``--versions 3
--seed 1`` gives the same three quizzes on any machine, and each version carries its own answer
key (the right option's place after shuffling).

Versions exist to stop copying, so the options are shuffled by default and where each question's
right answer stands is planned across the versions (:func:`right_places`): a question with four
options puts its right answer under a different letter in versions A to D, and within a version
the right letters are spread evenly over A, B, C ... A letter copied from another version is then
the right one only by chance.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Question, QuizBankError

# A drawn version identical to an earlier one is drawn again with the next sub-seed, this many times at most.
_REDRAWS = 50
# Each question's places are the least-used of this many random candidates: spread out, yet not predictable.
_CANDIDATES = 6
VERSION_LABELS = string.ascii_uppercase


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
    """One quiz: its number, its items in order, and its letter ("B") when the export has several versions.

    A quiz exported alone has no label, so nothing calls it a version; each of several versions is
    a quiz of its own, told apart by the label in its title and identifiers.
    """

    number: int
    items: tuple[QuizItem, ...]
    label: str | None = None

    def signature(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        return tuple((item.question.key, item.order) for item in self.items)


def make_versions(questions: Sequence[Question], *, count: int | None = None, versions: int = 1,
                  seed: int = 0, shuffle_questions: bool = False,
                  shuffle_options: bool = True) -> list[QuizVersion]:
    """``versions`` quizzes of ``count`` questions each (all when None).

    With more than one version the questions are always shuffled, so the versions differ even
    when every question is used; a draw that repeats an earlier version is redrawn. Options are
    shuffled unless ``shuffle_options`` is False (the book's order, the same in every version).
    """
    if not questions:
        raise QuizBankError("no questions to draw from")
    if count is not None and not 1 <= count <= len(questions):
        raise QuizBankError(f"--questions {count} is out of range: the chosen chapters have {len(questions)}")
    if not 1 <= versions <= len(VERSION_LABELS):
        raise QuizBankError(f"--versions {versions} is out of range: versions are lettered A to Z, "
                            f"so give 1 to {len(VERSION_LABELS)}")
    shuffle_questions = shuffle_questions or versions > 1
    places = right_places(questions, versions, random.Random(f"jcpoa-quiz:{seed}:places")) \
        if shuffle_options else None
    drawn: list[QuizVersion] = []
    for number in range(1, versions + 1):
        label = VERSION_LABELS[number - 1] if versions > 1 else None
        for attempt in range(_REDRAWS):
            rng = random.Random(f"jcpoa-quiz:{seed}:{number}:{attempt}")
            chosen = _choose(questions, rng, count, shuffle_questions)
            items = tuple(QuizItem(question, _order(question, places, number, rng)) for question in chosen)
            version = QuizVersion(number=number, items=items, label=label)
            if all(version.signature() != earlier.signature() for earlier in drawn):
                break
        drawn.append(version)
    return drawn


def right_places(questions: Sequence[Question], versions: int, rng: random.Random) -> dict[str, tuple[int, ...]]:
    """For each question (by key), the 1-based place of its right option in each version.

    A question's places differ from version to version while its options last (the places are
    a shuffled run of 1..k, started again after k versions). Of a few such candidates, each question
    takes the one whose places are least used so far in their versions, so every version's right
    answers spread over the letters instead of bunching where chance or the book put them.
    """
    used: list[Counter[int]] = [Counter() for _ in range(versions)]
    plan: dict[str, tuple[int, ...]] = {}
    for question in questions:
        candidates = [_distinct_places(len(question.options), versions, rng) for _ in range(_CANDIDATES)]
        best = min(candidates, key=lambda places: sum(used[index][place] for index, place in enumerate(places)))
        for index, place in enumerate(best):
            used[index][place] += 1
        plan[question.key] = best
    return plan


def _distinct_places(options: int, versions: int, rng: random.Random) -> tuple[int, ...]:
    places: list[int] = []
    while len(places) < versions:
        run = list(range(1, options + 1))
        rng.shuffle(run)
        places += run
    return tuple(places[:versions])


def _choose(questions: Sequence[Question], rng: random.Random, count: int | None,
            shuffle_questions: bool) -> list[Question]:
    chosen = list(questions)
    if count is not None and count < len(chosen):
        picked = set(rng.sample(range(len(chosen)), count))
        chosen = [question for index, question in enumerate(chosen) if index in picked]
    if shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def _order(question: Question, places: dict[str, tuple[int, ...]] | None, number: int,
           rng: random.Random) -> tuple[int, ...]:
    """The printed order of a question's options: the right one at its planned place, the others shuffled."""
    if places is None:
        return tuple(range(1, len(question.options) + 1))
    wrong = [option for option in range(1, len(question.options) + 1) if option != question.answer]
    rng.shuffle(wrong)
    wrong.insert(places[question.key][number - 1] - 1, question.answer)
    return tuple(wrong)
