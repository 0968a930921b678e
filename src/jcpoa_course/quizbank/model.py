"""What a quiz question is, independent of where it is shown (book, LMS or paper).

Texts stay in the chapter's own MyST inline markup (``{p}`16```, ``**bold**``); each output
renders them through :mod:`.markup`, so a citation reads the same in every format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


class QuizBankError(ValueError):
    """The bank cannot be read or a request names something it does not hold; the message says what."""


class QuestionError(QuizBankError):
    """A malformed self-check, located by chapter file and line."""

    def __init__(self, source: str, line: int, question: str, problem: str) -> None:
        self.source, self.line, self.problem = source, line, problem
        shown = question if len(question) <= 70 else question[:67] + "..."
        super().__init__(f"{source}, line {line}: self-check '{shown}': {problem}")


@dataclass(frozen=True)
class Question:
    """One multiple-choice self-check; ``answer`` and ``goal`` are 1-based, as the chapter writes them."""

    chapter: str
    source: str
    line: int
    text: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    goal: int | None = None
    pages: tuple[int, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable id from the chapter and the question's text: what the browser remembers answers by.

        It does not depend on the question's position, so moving a question keeps a reader's answer;
        rewording it starts afresh, which is right since it is then a different question.
        """
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:10]
        return f"{self.chapter}-{digest}"

    @property
    def right_option(self) -> str:
        return self.options[self.answer - 1]


@dataclass(frozen=True)
class BankChapter:
    """A chapter's id (file stem), title, learning goals and self-checks, in book order."""

    id: str
    source: str
    title: str
    goals: tuple[str, ...]
    questions: tuple[Question, ...]

    def goals_covered(self) -> dict[int, int]:
        """Learning goal number -> how many questions test it."""
        counts: dict[int, int] = {}
        for question in self.questions:
            if question.goal is not None:
                counts[question.goal] = counts.get(question.goal, 0) + 1
        return counts


@dataclass(frozen=True)
class QuizBank:
    """Every chapter that has learning goals or self-checks, in the order of ``_toc.yml``."""

    chapters: tuple[BankChapter, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(question for chapter in self.chapters for question in chapter.questions)

    def chapter(self, chapter_id: str) -> BankChapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        known = ", ".join(chapter.id for chapter in self.chapters if chapter.questions)
        raise QuizBankError(f"unknown chapter '{chapter_id}'; chapters with questions: {known}")

    def select(self, chapter_ids: list[str] | None) -> tuple[Question, ...]:
        """The questions of the named chapters (all when None), in book order."""
        if not chapter_ids:
            return self.questions
        wanted = [self.chapter(chapter_id) for chapter_id in chapter_ids]
        return tuple(question for chapter in self.chapters if chapter in wanted for question in chapter.questions)
