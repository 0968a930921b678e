"""The quiz bank: the book's ``{self-check}`` questions as one model, for the book and for quizzes.

A question is written once, in its chapter. :func:`read_bank` reads every chapter's self-checks
straight from the Markdown (no book build), :func:`build_question` is the one validator the
book's directive and the exports share, :func:`make_versions` draws reproducible quiz versions,
and :mod:`.formats` writes them for Canvas (QTI 1.2), Moodle (XML), GIFT and paper (HTML).

Layer: after ``data`` and ``logic`` (it cites sources through them), before ``book`` and
``instructor``, which both use it.
"""

from __future__ import annotations

from .model import BankChapter, Question, QuestionError, QuizBank, QuizBankError
from .parse import build_question, find_book_root, read_bank, read_chapter
from .versions import QuizItem, QuizVersion, make_versions

__all__ = [
    "BankChapter",
    "Question",
    "QuestionError",
    "QuizBank",
    "QuizBankError",
    "QuizItem",
    "QuizVersion",
    "build_question",
    "find_book_root",
    "make_versions",
    "read_bank",
    "read_chapter",
]
