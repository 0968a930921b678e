"""Independent readers for the exported quiz files, so the tests check what an LMS would read back.

Each reader returns :class:`ReadItem` values: the texts as plain words (tags dropped, entities
decoded, typography normalised), the 1-based right option, and the feedback attached to it.
They use only the standard library and BeautifulSoup, never the package's own writers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
# text2qti runs Markdown's typography (smart quotes, dashes, ellipses); compare modulo that.
_TYPOGRAPHY = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2026": "...",
               "\u2013": "--", "\u2014": "---", "\u00a0": " "}


def words(text: str) -> str:
    """Plain, comparable words from text or an HTML fragment."""
    plain = unescape(re.sub(r"<[^>]+>", " ", text))
    for fancy, simple in _TYPOGRAPHY.items():
        plain = plain.replace(fancy, simple)
    return " ".join(plain.split())


@dataclass
class ReadItem:
    text: str
    options: list[str]
    answer: int
    explanation: str
    option_feedback: list[str] = field(default_factory=list)


def read_canvas(path: Path) -> tuple[ET.Element, ET.Element, list[ReadItem]]:
    """The manifest, the assessment and its items, from a QTI 1.2 zip."""
    with zipfile.ZipFile(path) as package:
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        resource = next(r for r in manifest.iter(f"{MANIFEST}resource") if r.get("type") == "imsqti_xmlv1p2")
        assessment = ET.fromstring(package.read(resource.find(f"{MANIFEST}file").get("href")))
    items = []
    for item in assessment.iter(f"{QTI}item"):
        labels = [label.get("ident") for label in item.iter(f"{QTI}response_label")]
        options = [words(label.find(f".//{QTI}mattext").text) for label in item.iter(f"{QTI}response_label")]
        scored = [condition for condition in item.iter(f"{QTI}respcondition")
                  if condition.find(f"{QTI}setvar") is not None and condition.find(f"{QTI}setvar").text == "100"]
        right = scored[0].find(f".//{QTI}varequal").text
        feedback = {fb.get("ident"): words(fb.find(f".//{QTI}mattext").text) for fb in item.iter(f"{QTI}itemfeedback")}
        items.append(ReadItem(
            text=words(item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text),
            options=options, answer=labels.index(right) + 1, explanation=feedback["general_fb"],
            option_feedback=[feedback[f"{ident}_fb"] for ident in labels]))
    return manifest, assessment, items


def read_moodle(path: Path) -> list[ReadItem]:
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    items = []
    for question in root.findall("question[@type='multichoice']"):
        answers = question.findall("answer")
        items.append(ReadItem(
            text=words(question.findtext("questiontext/text")),
            options=[words(answer.findtext("text")) for answer in answers],
            answer=[answer.get("fraction") for answer in answers].index("100") + 1,
            explanation=words(question.findtext("generalfeedback/text")),
            option_feedback=[words(answer.findtext("feedback/text")) for answer in answers]))
    return items


_GIFT_ESCAPE = re.compile(r"\\(.)")


def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split ``text`` at unescaped characters of ``marks``: [(mark, piece), ...]."""
    pieces, current, mark, index = [], "", "", 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            current += text[index:index + 2]
            index += 2
            continue
        if char in marks:
            pieces.append((mark, current))
            current, mark = "", char
        else:
            current += char
        index += 1
    pieces.append((mark, current))
    return pieces


def read_gift(path: Path) -> list[ReadItem]:
    """A small GIFT reader for multiple-choice questions with per-answer and general feedback."""
    items = []
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("//") and not line.startswith("$CATEGORY"))
    for block in re.finditer(r"::(?:\\.|[^:\\])*::(?P<stem>(?:\\.|[^{\\])*)\{(?P<body>(?:\\.|[^}\\])*)\}", text):
        body = block["body"]
        general = ""
        if "####" in body:
            body, general = body.split("####", 1)
        options, feedback, answer = [], [], 0
        for mark, piece in _split_unescaped(body, "=~"):
            if not mark:
                continue
            parts = _split_unescaped(piece, "#")
            option, comment = parts[0][1], "#".join(part for _, part in parts[1:])
            options.append(words(_GIFT_ESCAPE.sub(r"\1", option)))
            feedback.append(words(_GIFT_ESCAPE.sub(r"\1", comment)))
            if mark == "=":
                answer = len(options)
        items.append(ReadItem(text=words(_GIFT_ESCAPE.sub(r"\1", block["stem"])), options=options, answer=answer,
                              explanation=words(_GIFT_ESCAPE.sub(r"\1", general)), option_feedback=feedback))
    return items


def read_printable(quiz: Path, key: Path) -> list[ReadItem]:
    """The printed quiz's questions and options, joined with the key's letter and explanation."""
    questions = BeautifulSoup(quiz.read_text(encoding="utf-8"), "html.parser").select("li.quiz-question")
    answers = BeautifulSoup(key.read_text(encoding="utf-8"), "html.parser").select("li.key-item")
    assert len(questions) == len(answers)
    items = []
    for question, answer in zip(questions, answers, strict=True):
        assert question["data-key"] == answer["data-key"]
        letter = answer.select_one(".key-answer").get_text().strip()[0]
        items.append(ReadItem(
            text=words(question.select_one(".quiz-text").decode_contents()),
            options=[words(option.decode_contents()) for option in question.select(".quiz-option-text")],
            answer="ABCDEFGH".index(letter) + 1,
            explanation=words(answer.select_one(".key-explanation").decode_contents()),
            option_feedback=[words(answer.select_one(".key-source").decode_contents())]))
    return items
