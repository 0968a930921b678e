"""`jcpoa-course quiz export`: every self-check survives each format, read back as an LMS would.

The files are written by the real command (in-process, through ``main``) and read back by the
independent readers of ``quiz_readers.py``: same question, options, right answer and feedback.
"""

from __future__ import annotations

import hashlib
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT
from quiz_readers import MANIFEST, QTI, ReadItem, read_canvas, read_gift, read_moodle, read_printable, words

from jcpoa_course.data import load_catalog
from jcpoa_course.instructor.cli import main
from jcpoa_course.quizbank import read_bank
from jcpoa_course.quizbank.formats import CORRECT, NOT_QUITE
from jcpoa_course.quizbank.markup import to_plain

BANK = read_bank(ROOT)
CATALOG = load_catalog()


def export(tmp_path: Path, *args: str) -> list[Path]:
    before = set(tmp_path.iterdir())
    assert main(["quiz", "export", *args, "--book", str(ROOT)]) == 0
    return sorted(set(tmp_path.iterdir()) - before)


def expected_items() -> list[ReadItem]:
    return [ReadItem(text=words(to_plain(q.text, CATALOG)), options=[words(to_plain(o, CATALOG)) for o in q.options],
                     answer=q.answer, explanation=words(to_plain(q.explanation, CATALOG)),
                     option_feedback=[CORRECT if n == q.answer else NOT_QUITE for n in range(1, len(q.options) + 1)])
            for q in BANK.questions]


def assert_same_items(read: list[ReadItem], feedback: bool = True) -> None:
    expected = expected_items()
    assert len(read) == len(expected) == len(BANK.questions)
    for got, want in zip(read, expected, strict=True):
        assert (got.text, got.options, got.answer, got.explanation) == (
            want.text, want.options, want.answer, want.explanation)
        if feedback:
            assert got.option_feedback == want.option_feedback, want.text


def test_every_self_check_round_trips_through_canvas_qti(tmp_path: Path, capsys) -> None:
    [package] = export(tmp_path, str(tmp_path / "bank.zip"), "--format", "canvas")
    assert f"{len(BANK.questions)} questions" in capsys.readouterr().out
    manifest, assessment, items = read_canvas(package)
    assert_same_items(items)
    # The structure Canvas documents for QTI 1.2 imports: a manifest whose imsqti_xmlv1p2 resource
    # points at a questestinterop assessment; each item a multiple_choice_question with one
    # single-cardinality response, one label per option and one condition that scores 100.
    assert manifest.tag == f"{MANIFEST}manifest"
    assert assessment.tag == f"{QTI}questestinterop"
    assert len(assessment.findall(f"{QTI}assessment/{QTI}section/{QTI}item")) == len(BANK.questions)
    for item in assessment.iter(f"{QTI}item"):
        fields = {field.findtext(f"{QTI}fieldlabel"): field.findtext(f"{QTI}fieldentry")
                  for field in item.iter(f"{QTI}qtimetadatafield")}
        assert fields["question_type"] == "multiple_choice_question"
        response = item.find(f"{QTI}presentation/{QTI}response_lid")
        assert response.get("rcardinality") == "Single"
        labels = [label.get("ident") for label in response.iter(f"{QTI}response_label")]
        scoring = [c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None]
        assert len(scoring) == 1 and scoring[0].find(f".//{QTI}varequal").text in labels
        assert fields["original_answer_ids"].split(",") == labels


def test_every_self_check_round_trips_through_moodle_xml(tmp_path: Path) -> None:
    [path] = export(tmp_path, str(tmp_path / "bank.xml"), "--format", "moodle")
    assert_same_items(read_moodle(path))
    root = ET.parse(path).getroot()
    questions = root.findall("question[@type='multichoice']")
    assert len(questions) == len(BANK.questions)
    for question in questions:
        fractions = [answer.get("fraction") for answer in question.findall("answer")]
        assert fractions.count("100") == 1 and set(fractions) <= {"100", "0"}
        assert question.findtext("single") == "true"


def test_every_self_check_round_trips_through_gift(tmp_path: Path) -> None:
    [path] = export(tmp_path, str(tmp_path / "bank.gift"), "--format", "gift")
    assert_same_items(read_gift(path))


def test_every_self_check_round_trips_through_the_printable_quiz_and_key(tmp_path: Path) -> None:
    quiz, key = sorted(export(tmp_path, str(tmp_path / "bank.html"), "--format", "html"), key=lambda p: "key" in p.name)
    assert key.name == "bank-key.html"
    items = read_printable(quiz, key)
    assert_same_items(items, feedback=False)
    quiz_html = quiz.read_text(encoding="utf-8")
    assert 'class="key' not in quiz_html and "<script" not in quiz_html and "<link" not in quiz_html
    quiz_words = words(quiz_html)
    assert not [item.explanation for item in items if item.explanation in quiz_words], "the quiz gives nothing away"
    for item, question in zip(items, BANK.questions, strict=True):
        sources = item.option_feedback[0]
        if question.pages:
            assert "Report, p" in sources
        for document_id in question.documents:
            document = CATALOG.source(document_id)
            assert document.title in sources and document.issuer in sources, "the key names each document"
            if document.url is not None:
                assert str(document.url) in sources, "the key keeps each citation's address"


@pytest.mark.parametrize("fmt", ["canvas", "moodle", "gift", "html"])
def test_three_versions_are_reproducible_and_differ(tmp_path: Path, fmt: str) -> None:
    runs = []
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        files = export(folder, str(folder / "quiz"), "--format", fmt, "--versions", "3", "--seed", "1",
                       "--questions", "12", "--shuffle-options")
        runs.append({path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files})
    assert runs[0] == runs[1], "the same seed must give the same files"
    versions = [digest for name, digest in runs[0].items() if "key" not in name]
    assert len(versions) == 3 and len(set(versions)) == 3, "the three versions must differ"


def test_a_version_keeps_each_right_answer_after_shuffling(tmp_path: Path) -> None:
    files = export(tmp_path, str(tmp_path / "quiz.xml"), "--format", "moodle", "--versions", "2", "--seed", "5",
                   "--shuffle-options", "--chapter", "sanctions-trap", "--chapter", "sequencing")
    by_text = {words(to_plain(q.text, CATALOG)): q for q in BANK.select(["sanctions-trap", "sequencing"])}
    orders = []
    for path in files:
        items = read_moodle(path)
        assert {item.text for item in items} == set(by_text)
        for item in items:
            assert item.options[item.answer - 1] == words(to_plain(by_text[item.text].right_option, CATALOG))
        orders.append([item.text for item in items])
    assert orders[0] != orders[1]


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "unknown format 'pdf'; choose one of: canvas, moodle, gift, html"),
    (["--chapter", "no-such-chapter"], "unknown chapter 'no-such-chapter'"),
    (["--questions", "999"], "--questions 999 is out of range"),
])
def test_bad_requests_are_one_clear_line(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    assert main(["quiz", "export", str(tmp_path / "q"), "--book", str(ROOT), *args]) == 2
    error = capsys.readouterr().err
    assert error.startswith("jcpoa-course quiz export: ") and message in error
    assert not list(tmp_path.iterdir()), "nothing is written when the request is bad"


def test_a_bad_question_stops_the_export_naming_chapter_and_line(tmp_path: Path, capsys) -> None:
    book = tmp_path / "course"
    (book / "book").mkdir(parents=True)
    (book / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    (book / "book" / "intro.md").write_text(textwrap.dedent("""\
        # Intro

        ```{self-check} Which one?
        :answer: 5
        :explanation: This one {p}`3`.

        1. One
        2. Two
        ```
        """), encoding="utf-8")
    assert main(["quiz", "export", str(tmp_path / "q.gift"), "--format", "gift", "--book", str(book)]) == 2
    error = capsys.readouterr().err
    assert "book/intro.md, line 3: self-check 'Which one?': ':answer: 5' is out of range" in error
    assert not (tmp_path / "q.gift").exists()
