"""A QTI 1.2 package for Canvas, written by text2qti (Canvas's own QTI dialect, kept and tested there).

We hand text2qti its plain-text quiz format and let it write the manifest and the assessment
XML. Three things are then made right for Canvas's importer:

- identifiers: text2qti derives them from the text alone, so every version of a quiz would carry
  the same assessment and item identifiers and Canvas would import one over another. Here each
  is re-keyed by the quiz's own title (which names its version): versions import side by side,
  and exporting the same version again gives the same identifiers.
- characters: Canvas keeps a plain-text copy of every answer, made by ``clear_html``, which drops
  named entities (``&rsquo;``) with their characters. The HTML is written with the characters
  themselves, and ``&``, ``<``, ``>`` as numeric references, which ``clear_html`` decodes.
- bytes: the zip is packed here with fixed timestamps and order, because text2qti stamps each
  entry with the current time (and the manifest with today's date): the same seed must give
  byte-for-byte the same package.
"""

from __future__ import annotations

import hashlib
import html.entities
import re
import zipfile
from pathlib import Path

from text2qti.config import Config
from text2qti.err import Text2qtiError
from text2qti.qti import QTI
from text2qti.quiz import Question, Quiz

from ..markup import to_markdown
from ..model import QuizBankError
from ..versions import QuizVersion
from . import CORRECT, NOT_QUITE, QuizContext, item_name, quiz_title

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_EPOCH = (2020, 1, 1, 0, 0, 0)
# text2qti writes today's date into the manifest's metadata; a fixed date keeps a seed's package identical.
_MANIFEST_DATE = re.compile(r"<imsmd:dateTime>[^<]*</imsmd:dateTime>")
# An HTML named reference inside the XML's text (so its "&" is written "&amp;"): "&amp;rsquo;".
_NAMED_REFERENCE = re.compile(r"&amp;(?P<name>[A-Za-z][A-Za-z0-9]*);")
# The references HTML needs (a bare "&" or "<" would be markup) stay references, but numeric ones.
_NUMERIC_IN_HTML = {"amp": "&amp;#38;", "lt": "&amp;#60;", "gt": "&amp;#62;"}
_XML_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def quiz_text(version: QuizVersion, context: QuizContext) -> str:
    """The quiz in text2qti's format: options as ``a)``, the right one starred, ``...`` feedback lines."""
    catalog = context.catalog
    lines = [f"Quiz title: {quiz_title(version, context)}",
             "Quiz description: Multiple-choice questions from the course's self-checks.",
             "Shuffle answers: false", "Show correct answers: true", ""]
    for place, item in enumerate(version.items, start=1):
        question = item.question
        lines += [f"Title: {item_name(question, catalog)}", "Points: 1",
                  f"{place}.  {to_markdown(question.text, catalog)}",
                  f"...   {to_markdown(question.explanation, catalog)}"]
        for number, option in enumerate(item.options, start=1):
            right = number == item.answer
            star = "*" if right else ""
            lines.append(f"{star}{_LETTERS[number - 1]}) {to_markdown(option, catalog)}")
            lines.append(f"... {CORRECT if right else NOT_QUITE}")
        lines.append("")
    return "\n".join(lines)


def write(version: QuizVersion, path: Path, context: QuizContext) -> list[Path]:
    try:
        quiz = Quiz(quiz_text(version, context), config=Config(), source_name=path.name)
        own_identifiers(quiz, quiz_title(version, context))
        qti = QTI(quiz)
    except Text2qtiError as err:
        raise QuizBankError(f"text2qti could not build the Canvas package: {err}") from err
    manifest = _MANIFEST_DATE.sub("<imsmd:dateTime>2020-01-01</imsmd:dateTime>", qti.imsmanifest_xml)
    entries = [("imsmanifest.xml", manifest), ("non_cc_assessments/", ""),
               (f"{qti.assessment_identifier}/assessment_meta.xml", qti.assessment_meta),
               (f"{qti.assessment_identifier}/{qti.assessment_identifier}.xml", characters(qti.assessment))]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text)
    return [path]


def own_identifiers(quiz: Quiz, title: str) -> None:
    """Re-key the quiz's, its questions' and its options' identifiers by the quiz's title.

    The same title gives the same identifiers (the same seed, the same package); another version's
    title gives others (versions import side by side). References between them stay consistent,
    since text2qti writes every reference from these same attributes.
    """
    key = hashlib.blake2b(title.encode("utf-8"), digest_size=32).digest()

    def own(identifier: str) -> str:
        return hashlib.blake2b(identifier.encode("utf-8"), key=key).hexdigest()[:64]

    quiz.id = own(quiz.id)
    for question in quiz.questions_and_delims:
        if isinstance(question, Question):
            question.id = own(question.id)
            for choice in question.choices:
                choice.id = own(choice.id)


def characters(assessment_xml: str) -> str:
    """The assessment with every HTML named reference in its text written as the character it names.

    ``&``, ``<`` and ``>`` must stay references inside HTML, so they become numeric ones
    (``&#38;``), which Canvas's ``clear_html`` turns back into the character.
    """
    def replace(reference: re.Match[str]) -> str:
        name = reference["name"]
        if name in _NUMERIC_IN_HTML:
            return _NUMERIC_IN_HTML[name]
        character = html.entities.html5.get(f"{name};")
        if character is None:
            return reference[0]
        return "".join(_XML_TEXT.get(char, char) for char in character)

    return _NAMED_REFERENCE.sub(replace, assessment_xml)
