"""Moodle XML for the question bank: one ``<question type="multichoice">`` per item.

Each option carries its own feedback (the book's "Correct." / "Not quite."), the right one a
fraction of 100 and the others 0; the explanation, with its citation, is the general feedback.
Built with ElementTree, so every text is escaped for us.

Each version is a quiz of its own: its own category ("JCPOA course quiz, version B") and
idnumbers ending in its letter, because Moodle keeps one question per idnumber in a category and
drops a repeat on import without a word. A question's name is the same in every version.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..markup import to_html
from ..versions import QuizVersion
from . import CORRECT, NOT_QUITE, QuizContext, idnumber, item_name, quiz_title


def _text(parent: ET.Element, tag: str, text: str, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = text
    return element


def write(version: QuizVersion, path: Path, context: QuizContext) -> list[Path]:
    catalog = context.catalog
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{quiz_title(version, context)}")
    for item in version.items:
        question = item.question
        element = ET.SubElement(quiz, "question", {"type": "multichoice"})
        _text(element, "name", item_name(question, catalog))
        _text(element, "questiontext", f"<p>{to_html(question.text, catalog)}</p>", html=True)
        _text(element, "generalfeedback", f"<p>{to_html(question.explanation, catalog)}</p>", html=True)
        for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("single", "true"),
                           ("shuffleanswers", "false"), ("answernumbering", "abc")):
            ET.SubElement(element, tag).text = value
        ET.SubElement(element, "idnumber").text = idnumber(question, version)
        for number, option in enumerate(item.options, start=1):
            right = number == item.answer
            answer = _text(element, "answer", to_html(option, catalog), html=True)
            answer.set("fraction", "100" if right else "0")
            _text(answer, "feedback", CORRECT if right else NOT_QUITE, html=True)
        ET.SubElement(element, "tags").append(_tag(f"chapter:{question.chapter}"))
    ET.indent(quiz)
    path.write_bytes(ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n")
    return [path]


def _tag(text: str) -> ET.Element:
    tag = ET.Element("tag")
    ET.SubElement(tag, "text").text = text
    return tag
