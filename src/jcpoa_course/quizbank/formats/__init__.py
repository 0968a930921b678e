"""Writers for each quiz format: one module per format, one ``write(version, path, context)`` each.

| format | file | for |
|---|---|---|
| ``canvas`` | ``.zip`` | a QTI 1.2 package (made with text2qti) that Canvas imports as a quiz or question bank |
| ``moodle`` | ``.xml`` | Moodle XML for the question bank, per-option feedback, explanation as general feedback |
| ``gift`` | ``.gift`` | Moodle's plain-text GIFT format |
| ``html`` | ``.html`` | a printable quiz, plus ``-key.html``: the answer key with explanations and citations |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jcpoa_course.data import Catalog, page_label

from ..markup import to_plain
from ..model import Question, QuizBankError
from ..versions import QuizVersion

# The verdicts the book's self-checks show; the exports give the same per-option feedback.
CORRECT = "Correct."
NOT_QUITE = "Not quite."
# How much of a question's text its name keeps (Moodle allows 255 characters).
_NAME_WORDS = 60


@dataclass(frozen=True)
class QuizContext:
    """What every writer needs besides the version: the quiz's title and the catalog for citations."""

    title: str
    catalog: Catalog


def quiz_title(version: QuizVersion, context: QuizContext) -> str:
    """The quiz's own title: "JCPOA course quiz, version B" for one of several versions, else the title alone."""
    return f"{context.title}, version {version.label}" if version.label else context.title


def item_name(question: Question, catalog: Catalog) -> str:
    """The title in the LMS's question list: the chapter and the question, or its opening words.

    It belongs to the question, not to its place in a quiz, so a question has the same name in
    every version and no name is given to two questions: a chapter's questions differ in their
    text (the bank refuses twins), and a shortened one ends with the start of its key's digest,
    since two questions may open with the same words.
    """
    words = to_plain(question.text, catalog)
    if len(words) > _NAME_WORDS:
        digest = question.key.rsplit("-", 1)[1][:6]
        words = f"{words[:_NAME_WORDS].rsplit(' ', 1)[0]} ... [{digest}]"
    return f"{question.chapter}: {words}"


def idnumber(question: Question, version: QuizVersion) -> str:
    """An id for the LMS's bank, unique across versions: the question's key, then the version's letter.

    Moodle keeps one question per idnumber in a category and silently drops a repeat on import.
    """
    return f"{question.key}-{version.label}" if version.label else question.key


def sources_line(question: Question, catalog: Catalog) -> str:
    """The full citation, for answer keys: report pages first, then each document's title and address."""
    parts = [f"Report, {page_label(question.pages)}"] if question.pages else []
    known = {document.id: document for document in catalog.sources}
    for document_id in question.documents:
        document = known.get(document_id)
        if document is None:
            raise QuizBankError(f"{question.source}, line {question.line}: unknown source id '{document_id}'")
        number = f", {document.number}" if document.number else ""
        where = f": {document.url}" if document.url is not None else ""
        parts.append(f"{document.title} ({document.issuer}{number}, {document.date}){where}")
    return "; ".join(parts)


Writer = Callable[[QuizVersion, Path, QuizContext], list[Path]]


def writers() -> dict[str, tuple[str, Writer]]:
    """Format name -> (file suffix, writer)."""
    from . import canvas, gift, moodle, printable

    return {
        "canvas": (".zip", canvas.write),
        "moodle": (".xml", moodle.write),
        "gift": (".gift", gift.write),
        "html": (".html", printable.write),
    }


FORMATS = ("canvas", "moodle", "gift", "html")


def writer_for(name: str) -> tuple[str, Writer]:
    table = writers()
    if name not in table:
        raise QuizBankError(f"unknown format '{name}'; choose one of: {', '.join(FORMATS)}")
    return table[name]
