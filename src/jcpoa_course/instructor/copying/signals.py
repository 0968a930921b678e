"""The three copying signals for a pair of students, from their answers and their variants.

Each signal is computed with the grader's own judge (:mod:`..variation.solve`): an answer is
"right for a variant" exactly when the hidden check would give it the points under that
variant's keys. Questions whose two variants coincide are left out of the first two signals:
there, the same answer is what two honest students would give. Two more precautions keep
honest pairs out:

- a copier's answers also fit every classmate whose variant happens to share keys with the one
  copied: a student's fits to anyone else are counted without the questions their answers already
  fit their best match on (a student who copied from two classmates still shows both);
- a wrong answer counts as shared only if no third student gave it: a mistake many make is
  a common mistake, not a copied one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, permutations

from rapidfuzz import fuzz

from ...variants import Variant
from ..variation.solve import ClassJudge, SourceNotebook, comparable, question_of
from .records import Submission

# How much evidence flags a pair. An honest wrong answer fits a given classmate's variant by chance
# about 1 time in 20 on a multiple-choice question (same letters drawn, 1 in 5; key on that letter,
# 1 in 4), less often on a code question; the same wrong letter on different variants about as
# rarely. So one such coincidence is common in a class, three in one pair are not (about 1 pair in
# 10 000 for a student who gets a quarter of the questions wrong).
FITS_OTHER_MIN = 3  # answers right for the other's variant and wrong for one's own
SHARED_WRONG_MIN = 2  # identical wrong answers where the variants differ
FITS_WITH_SHARED_WRONG = 2  # ... or this many fits together with one shared wrong answer
WRITTEN_MIN = 90.0  # rapidfuzz ratio (0-100) of two written answers, after normalising spaces and case
WRITTEN_MIN_WORDS = 25  # shorter texts say too little to compare


@dataclass(frozen=True)
class PairEvidence:
    """What links two students: each signal's questions, and the written answers' similarity."""

    first: str
    second: str
    first_fits_second: tuple[str, ...]  # questions where first's answer is right only for second's variant
    second_fits_first: tuple[str, ...]
    shared_wrong: tuple[str, ...]
    written: float  # the highest similarity of a written answer, 0-100

    @property
    def flagged(self) -> bool:
        fits = max(len(self.first_fits_second), len(self.second_fits_first))
        return (fits >= FITS_OTHER_MIN or len(self.shared_wrong) >= SHARED_WRONG_MIN
                or (fits >= FITS_WITH_SHARED_WRONG and self.shared_wrong) or self.written >= WRITTEN_MIN)

    def reasons(self) -> list[str]:
        """The evidence, one plain sentence per signal present."""
        found = []
        for who, other, questions in ((self.first, self.second, self.first_fits_second),
                                      (self.second, self.first, self.second_fits_first)):
            if questions:
                found.append(f"{who}'s answers to {', '.join(questions)} are wrong for {who}'s own variant "
                             f"but right for {other}'s")
        if self.shared_wrong:
            found.append(f"the same wrong answers to {', '.join(self.shared_wrong)}, on different variants")
        if self.written >= WRITTEN_MIN:
            found.append(f"written answers {self.written:.0f}% alike")
        return found


class ClassJudgement:
    """Every student's answers judged once under every variant that matters (cached)."""

    def __init__(self, source: SourceNotebook, variants: dict[str, Variant], submissions: list[Submission]) -> None:
        self.judge, self.variants = ClassJudge(source), variants
        self.submissions = {s.student: s for s in submissions if s.student in variants}
        self.given = Counter((item, comparable(payload)) for submission in self.submissions.values()
                             for item, payload in submission.items.items())

    def verdicts(self, student: str, under: str) -> dict[str, str | None]:
        """``student``'s answers judged against ``under``'s variant: item -> None (right) or why not."""
        return self.judge.verdicts(self.submissions[student].items, self.variants[under])

    def same_question(self, first: str, second: str, question: str) -> bool:
        """Do the two students have the same variant of ``question`` (or is it not varied)?"""
        ours = [self.variants[s].questions.get(question) for s in (first, second)]
        return ours[0] is None or ours[1] is None or ours[0].params == ours[1].params


def fits_other(judged: ClassJudgement, student: str, other: str) -> tuple[str, ...]:
    """Questions where ``student``'s answer is wrong for their own variant but right for ``other``'s."""
    own, theirs = judged.verdicts(student, student), judged.verdicts(student, other)
    found = {question_of(item) for item in own if own[item] and theirs.get(item) is None
             and not judged.same_question(student, other, question_of(item))}
    return tuple(sorted(found, key=_question_order))


def shared_wrong(judged: ClassJudgement, first: str, second: str) -> tuple[str, ...]:
    """Questions both got wrong with the very same answer, on different variants."""
    mine, theirs = judged.verdicts(first, first), judged.verdicts(second, second)
    answers = (judged.submissions[first].items, judged.submissions[second].items)
    found = set()
    for item in mine:
        same = _answered(answers[0].get(item)) and comparable(answers[0][item]) == comparable(answers[1].get(item))
        only_theirs = same and judged.given[item, comparable(answers[0][item])] == 2
        varied = not judged.same_question(first, second, question_of(item))
        if mine[item] and theirs.get(item) and only_theirs and varied:
            found.add(question_of(item))
    return tuple(sorted(found, key=_question_order))


def _answered(payload: dict | None) -> bool:
    """A payload that holds an answer (not a missing name, not nothing at all)."""
    return bool(payload) and not payload.get("missing") and bool(payload.get("answers") or payload.get("results"))


def written_similarity(first: Submission, second: Submission) -> float:
    """The highest similarity (0-100) of the two students' written answers to the same question."""
    scores = [fuzz.ratio(_normal(first.written[cell]), _normal(second.written[cell]))
              for cell in first.written.keys() & second.written.keys()
              if min(len(first.written[cell].split()), len(second.written[cell].split())) >= WRITTEN_MIN_WORDS]
    return max(scores, default=0.0)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _question_order(question: str) -> tuple[int, str]:
    number = re.match(r"q(\d+)(.*)", question)
    return (int(number.group(1)), number.group(2)) if number else (0, question)


def _beyond_best_match(fits: dict[tuple[str, str], tuple[str, ...]], pair: tuple[str, str],
                       students: list[str]) -> tuple[str, ...]:
    """``a``'s fits to ``b``, less those already explained by ``a``'s best match(es)."""
    a, b = pair
    most = max(len(fits[a, c]) for c in students if c != a)
    best = [c for c in students if c != a and len(fits[a, c]) == most]
    if b in best:
        return fits[pair]
    explained = {question for c in best for question in fits[a, c]}
    return tuple(question for question in fits[pair] if question not in explained)


def class_evidence(judged: ClassJudgement) -> list[PairEvidence]:
    """The evidence for every pair of students (flagged or not), pairs in id order."""
    students = sorted(judged.submissions)
    fits = {(a, b): fits_other(judged, a, b) for a, b in permutations(students, 2)}
    fits = {pair: _beyond_best_match(fits, pair, students) for pair in fits}
    evidence = []
    for first, second in combinations(students, 2):
        evidence.append(PairEvidence(
            first, second, fits[first, second], fits[second, first], shared_wrong(judged, first, second),
            written_similarity(judged.submissions[first], judged.submissions[second])))
    return evidence
