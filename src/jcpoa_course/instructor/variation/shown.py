"""What a student's notebook shows of their variant, for tests that look at it from outside
(the hub's browser test: two students open the same assignment and see different questions).

The notebook's first code cell prints :attr:`ShownVariant.header`; each ``qN-variant`` cell prints
a choice question's options under the student's letters, or a code question's parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...variants import ChoiceVariant, draw_variant
from ..course import Course
from .release import course_key


@dataclass(frozen=True)
class ShownVariant:
    """The header line and, per question, what its variant cell prints (label -> option, or name -> value)."""

    student: str
    code: str
    header: str
    questions: dict[str, dict[str, str]]


def shown_variant(course: Course, assignment: str, student: str) -> ShownVariant:
    """What ``student``'s copy of ``assignment`` shows, under the course's key (as on the hub)."""
    variant = draw_variant(assignment, student, course_key(course))
    questions = {}
    for name, question in variant.questions.items():
        if isinstance(question, ChoiceVariant):
            questions[name] = {str(label): text for label, text in question.options.items()}
        else:
            questions[name] = {key: repr(value) for key, value in question.params.items()}
    header = variant._repr_mimebundle_()["text/plain"]
    return ShownVariant(student, variant.code, header, questions)
