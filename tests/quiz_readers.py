"""Independent readers for the exported quiz files, so the tests check what an LMS would read back.

Each reader returns :class:`ReadItem` values: the texts as plain words (tags dropped, entities
decoded, typography normalised), the 1-based right option, and the feedback attached to it.
They use the standard library, BeautifulSoup and, for GIFT, the npm parser ``gift-pegjs``
(``make vendor`` installs it), never the package's own writers. :func:`canvas_plain_text` is
the rule Canvas's QTI importer uses for an answer's plain-text copy.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
# text2qti runs Markdown's typography (smart quotes, dashes, ellipses); compare modulo that.
_TYPOGRAPHY = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2026": "...",
               "\u2013": "--", "\u2014": "---", "\u00a0": " "}


def words(text: str) -> str:
    """Plain, comparable words from text or an HTML fragment."""
    return plain(unescape(re.sub(r"<[^>]+>", " ", text)))


def plain(text: str) -> str:
    """Text with its typography normalised and its spaces collapsed (nothing else is touched)."""
    for fancy, simple in _TYPOGRAPHY.items():
        text = text.replace(fancy, simple)
    return " ".join(text.split())


@dataclass
class ReadItem:
    text: str
    options: list[str]
    answer: int
    explanation: str
    option_feedback: list[str] = field(default_factory=list)
    formats: set[str] = field(default_factory=set)
    idnumber: str | None = None


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


# gift-pegjs, the GIFT parser behind the GIFT editors (npm), reads the file and prints what it found.
_GIFT_PEGJS = """
const {parse} = require("gift-pegjs");
const text = require("fs").readFileSync(process.argv[1], "utf8");
process.stdout.write(JSON.stringify(parse(text)));
"""


def parse_gift(path: Path) -> list[dict]:
    """The questions and categories of a GIFT file as gift-pegjs parses it (a syntax error fails here)."""
    if not (ROOT / "node_modules" / "gift-pegjs").is_dir():
        raise AssertionError("node_modules/gift-pegjs is missing: run `make vendor` (npm ci)")
    run = subprocess.run(["node", "-e", _GIFT_PEGJS, str(path)], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, f"gift-pegjs could not parse {path.name}: {run.stderr.strip()[-600:]}"
    return json.loads(run.stdout)


def read_gift(path: Path) -> list[ReadItem]:
    """The multiple-choice questions of a GIFT file, as gift-pegjs reads them."""
    items = []
    for question in parse_gift(path):
        if question["type"] == "Category":
            continue
        assert question["type"] == "MC", question
        choices = question["choices"]
        texts = [question["stem"], question["globalFeedback"], *(c["text"] for c in choices),
                 *(c["feedback"] for c in choices)]
        items.append(ReadItem(
            text=words(question["stem"]["text"]), options=[words(c["text"]["text"]) for c in choices],
            answer=[c["isCorrect"] for c in choices].index(True) + 1,
            explanation=words(question["globalFeedback"]["text"]),
            option_feedback=[words(c["feedback"]["text"]) for c in choices],
            formats={text["format"] for text in texts}, idnumber=question["id"]))
    return items


def canvas_plain_text(html: str) -> str:
    """What Canvas keeps as an answer's plain text: ``clear_html`` of its QTI converter
    (``gems/plugins/qti_exporter/lib/qti/html_helper.rb``): tags removed, numeric references
    decoded, named references (``&rsquo;``) dropped with their characters; spaces collapsed."""
    text = re.sub(r"</?[^>\n]*>", "", html)
    text = re.sub(r"&#(\d+);", lambda ref: chr(int(ref[1])), text)
    text = re.sub(r"&\w+;", "", text)
    return " ".join(text.split())


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
