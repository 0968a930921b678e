"""Every student their own question: per-student variants of the assignments' questions.

The design is PrairieLearn's: a question's parameters are drawn from a seed, and its key is
computed from the parameters. Here the seed is a keyed hash of (assignment, question, student
id) (:mod:`.seed`), the parameters come from the course's question banks (:mod:`.bank`), and
:func:`draw_variant` makes the same variant wherever it is asked: in the student's kernel to
show the questions (:func:`course_variant`, :func:`i_am`), in the grader to compute each
student's keys from the id nbgrader grades under, and in the instructor's tools.

What it guarantees: a student is graded on their own variant, whatever their notebook claims,
and a classmate's answers to another variant earn nothing where the two variants differ. What
not: a classmate can still explain the method, and two students share a question's variant by
chance (the instructors chapter gives the rates).
"""

from .bank import VariedQuestion, question_bank
from .draw import CLAIM_MIME, ChoiceVariant, PickVariant, Variant, draw_variant
from .identity import NotOnRoster, course_variant, i_am, read_release
from .seed import COURSE_KEY_FILE, PRACTICE_KEY, RELEASE_FILE, roster_token

__all__ = [
    "CLAIM_MIME", "COURSE_KEY_FILE", "PRACTICE_KEY", "RELEASE_FILE", "ChoiceVariant", "NotOnRoster", "PickVariant",
    "Variant", "VariedQuestion", "course_variant", "draw_variant", "i_am", "question_bank", "read_release",
    "roster_token",
]
