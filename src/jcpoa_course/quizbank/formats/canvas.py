"""A QTI 1.2 package for Canvas, written by text2qti (Canvas's own QTI dialect, kept and tested there).

We hand text2qti its plain-text quiz format and let it write the manifest and the assessment
XML. The zip is then packed here with fixed timestamps and order, because text2qti stamps each
entry with the current time (and the manifest with today's date): the same seed must give
byte-for-byte the same package.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from text2qti.config import Config
from text2qti.err import Text2qtiError
from text2qti.qti import QTI
from text2qti.quiz import Quiz

from ..markup import to_markdown
from ..model import QuizBankError
from ..versions import QuizVersion
from . import CORRECT, NOT_QUITE, QuizContext, item_name

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_EPOCH = (2020, 1, 1, 0, 0, 0)
# text2qti writes today's date into the manifest's metadata; a fixed date keeps a seed's package identical.
_MANIFEST_DATE = re.compile(r"<imsmd:dateTime>[^<]*</imsmd:dateTime>")


def quiz_text(version: QuizVersion, context: QuizContext) -> str:
    """The quiz in text2qti's format: options as ``a)``, the right one starred, ``...`` feedback lines."""
    catalog = context.catalog
    lines = [f"Quiz title: {context.title}",
             "Quiz description: Multiple-choice questions from the course's self-checks.",
             "Shuffle answers: false", "Show correct answers: true", ""]
    for place, item in enumerate(version.items, start=1):
        question = item.question
        lines += [f"Title: {item_name(question, place)}", "Points: 1",
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
        qti = QTI(Quiz(quiz_text(version, context), config=Config(), source_name=path.name))
    except Text2qtiError as err:
        raise QuizBankError(f"text2qti could not build the Canvas package: {err}") from err
    manifest = _MANIFEST_DATE.sub("<imsmd:dateTime>2020-01-01</imsmd:dateTime>", qti.imsmanifest_xml)
    entries = [("imsmanifest.xml", manifest), ("non_cc_assessments/", ""),
               (f"{qti.assessment_identifier}/assessment_meta.xml", qti.assessment_meta),
               (f"{qti.assessment_identifier}/{qti.assessment_identifier}.xml", qti.assessment)]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text)
    return [path]
