"""A student's variant: the parameters of each varied question, drawn from their seed.

:func:`draw_variant` is the one place a variant is made, in the student's kernel (to show the
questions), in the grader (to compute the keys) and in the instructor's tools (to list, solve
and compare). The same key, assignment and student always give the same variant.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from .bank import LABEL_SETS, VariedQuestion, question_bank
from .seed import PRACTICE_KEY, PRACTICE_STUDENT, question_random

CANONICAL = "abcdefgh"
CLAIM_MIME = "application/vnd.jcpoa.variant+json"


@dataclass(frozen=True)
class ChoiceVariant:
    """A choice question as one student sees it: ``labels[i]`` shows canonical option ``order[i]``."""

    question: str
    labels: tuple[str, ...] | tuple[int, ...]
    order: tuple[str, ...]
    texts: dict[str, str] = field(compare=False, repr=False)

    def letter(self, canonical: str) -> str | int:
        """The letter (or number) this student sees on canonical option ``canonical`` (a check's key)."""
        return self.labels[self.order.index(canonical.strip().lower())]

    number = letter

    def letters(self, canonicals: list[str] | str) -> list[str]:
        """The letters of several canonical options, in the order given (an ordering's key)."""
        return [self.letter(canonical) for canonical in canonicals]

    def canonical(self, shown: str | int) -> str | None:
        """The canonical option behind a label this student sees (None for another label)."""
        shown = shown.strip().lower() if isinstance(shown, str) else shown
        return self.order[self.labels.index(shown)] if shown in self.labels else None

    @property
    def params(self) -> dict[str, Any]:
        return {"labels": "".join(map(str, self.labels)), "order": "".join(self.order)}

    @property
    def options(self) -> dict[str | int, str]:
        """The options as this student sees them: label -> text."""
        return {label: self.texts[canonical] for label, canonical in zip(self.labels, self.order, strict=True)}

    def _repr_markdown_(self) -> str:
        if isinstance(self.labels[0], int):
            return "\n".join(f"{label}. {text}" for label, text in self.options.items())
        lines = [f"- **{label}.** {text}" for label, text in self.options.items()]
        return "\n".join([*lines, "", f"(The letters of this question: {', '.join(self.labels)}.)"])


@dataclass(frozen=True)
class PickVariant:
    """A pick question as one student gets it: its parameters, readable as attributes."""

    question: str
    params: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.params[name]
        except KeyError:
            raise AttributeError(f"{self.question} has no parameter {name!r}; it has {sorted(self.params)}") from None

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- `{name}` = `{value!r}`" for name, value in self.params.items())


QuestionVariant = ChoiceVariant | PickVariant


@dataclass(frozen=True)
class Variant:
    """One student's variant of one assignment."""

    assignment: str
    student: str
    questions: dict[str, QuestionVariant]
    practice: bool = False

    def __getattr__(self, name: str) -> QuestionVariant:
        questions = self.__dict__.get("questions", {})
        if name in questions:
            return questions[name]
        raise AttributeError(f"{self.assignment} has no varied question {name!r}; varied: {sorted(questions)}")

    @property
    def code(self) -> str:
        """A short fingerprint of the parameters: two students with the same code have the same questions."""
        params = {name: question.params for name, question in sorted(self.questions.items())}
        return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:8]

    def claim(self) -> dict[str, str]:
        """What the notebook shows it was worked on: read back by the grader, never trusted for a score."""
        return {"assignment": self.assignment, "student": self.student, "code": self.code}

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        who = "a practice variant" if self.practice else f"the variant of **{self.student}**"
        text = f"You are working on {who} of this assignment (variant `{self.code}`)."
        return {"text/markdown": text, "text/plain": text.replace("**", ""), CLAIM_MIME: self.claim()}


def draw_question(spec: VariedQuestion, key: bytes, assignment: str, student: str) -> QuestionVariant:
    """One question's variant, from its own seed."""
    rng = question_random(key, assignment, spec.id, student)
    if spec.kind == "pick":
        return PickVariant(spec.id, dict(rng.choice(spec.parameter_sets)))
    count = len(spec.options)
    labels = tuple(range(1, count + 1)) if spec.numbered else tuple(rng.choice(LABEL_SETS)[:count])
    order = tuple(rng.sample(CANONICAL[:count], count))
    return ChoiceVariant(spec.id, labels, order, dict(zip(CANONICAL, spec.options, strict=False)))


def draw_variant(assignment: str, student: str | None, key: bytes | None = None) -> Variant:
    """The variant of ``student`` (None: the practice variant) under the course ``key``."""
    practice = student is None
    student = PRACTICE_STUDENT if practice else student.strip()
    key = PRACTICE_KEY if key is None else key
    questions = {spec.id: draw_question(spec, key, assignment, student) for spec in question_bank(assignment).values()}
    return Variant(assignment, student, questions, practice)
