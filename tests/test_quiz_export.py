"""`jcpoa-course quiz export`: every self-check survives each format, read back as an LMS would.

The files are written by the real command (in-process, through ``main``) and read back by the
independent readers of ``quiz_readers.py``: same question, options, right answer and feedback.
The versions of one export are then held to what the LMSs' importers do with them (Moodle's
``qformat_xml``/``qformat_gift`` and Canvas's QTI converter, whose rules are quoted where they
are checked): three versions import side by side, none replacing or dropping another.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from quiz_readers import (
    MANIFEST,
    QTI,
    ReadItem,
    canvas_plain_text,
    parse_gift,
    plain,
    read_canvas,
    read_gift,
    read_moodle,
    read_printable,
    words,
)

from jcpoa_course.data import load_catalog
from jcpoa_course.instructor.cli import main
from jcpoa_course.quizbank import read_bank
from jcpoa_course.quizbank.formats import CORRECT, NOT_QUITE
from jcpoa_course.quizbank.markup import ROLE, to_plain

BANK = read_bank(ROOT)
CATALOG = load_catalog()
LETTERS = "ABC"
TEXTS_IN_BOOK_ORDER = [words(to_plain(q.text, CATALOG)) for q in BANK.questions]


def export(tmp_path: Path, *args: str) -> list[Path]:
    before = set(tmp_path.iterdir())
    assert main(["quiz", "export", *args, "--book", str(ROOT)]) == 0
    return sorted(set(tmp_path.iterdir()) - before)


def expected_items() -> list[ReadItem]:
    return [ReadItem(text=words(to_plain(q.text, CATALOG)), options=[words(to_plain(o, CATALOG)) for o in q.options],
                     answer=q.answer, explanation=words(to_plain(q.explanation, CATALOG)),
                     option_feedback=[CORRECT if n == q.answer else NOT_QUITE for n in range(1, len(q.options) + 1)])
            for q in BANK.questions]


def assert_same_items(read: list[ReadItem], feedback: bool = True, book_order: bool = False) -> None:
    """Each question in book order, with its options (in the book's order, or shuffled), right answer and feedback."""
    expected = expected_items()
    assert len(read) == len(expected) == len(BANK.questions)
    for got, want in zip(read, expected, strict=True):
        assert (got.text, got.explanation) == (want.text, want.explanation)
        if book_order:
            assert (got.options, got.answer) == (want.options, want.answer), want.text
        else:
            assert sorted(got.options) == sorted(want.options), want.text
            assert got.options[got.answer - 1] == want.options[want.answer - 1], want.text
        if feedback:
            assert got.option_feedback == [CORRECT if n == got.answer else NOT_QUITE
                                           for n in range(1, len(got.options) + 1)], want.text


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
    assert assessment.find(f"{QTI}assessment").get("title") == "JCPOA course quiz", "a single quiz is no version"
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
    assert root.findtext("question[@type='category']/category/text") == "$course$/top/JCPOA course quiz"
    questions = root.findall("question[@type='multichoice']")
    assert len(questions) == len(BANK.questions)
    for question in questions:
        fractions = [answer.get("fraction") for answer in question.findall("answer")]
        assert fractions.count("100") == 1 and set(fractions) <= {"100", "0"}
        assert question.findtext("single") == "true"


def test_the_book_order_is_kept_on_request(tmp_path: Path) -> None:
    [path] = export(tmp_path, str(tmp_path / "bank.xml"), "--format", "moodle", "--keep-option-order")
    assert_same_items(read_moodle(path), book_order=True)


def test_every_self_check_round_trips_through_gift(tmp_path: Path) -> None:
    [path] = export(tmp_path, str(tmp_path / "bank.gift"), "--format", "gift")
    items = read_gift(path)
    assert_same_items(items)
    assert all(item.formats == {"html"} for item in items), "every GIFT text declares its format"


def test_every_self_check_round_trips_through_the_printable_quiz_and_key(tmp_path: Path) -> None:
    quiz, key = sorted(export(tmp_path, str(tmp_path / "bank.html"), "--format", "html"), key=lambda p: "key" in p.name)
    assert key.name == "bank-key.html"
    items = read_printable(quiz, key)
    assert_same_items(items, feedback=False)
    quiz_html = quiz.read_text(encoding="utf-8")
    assert 'class="key' not in quiz_html and "<script" not in quiz_html and "<link" not in quiz_html
    assert "<h1>JCPOA course quiz</h1>" in quiz_html
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
                       "--questions", "12")
        runs.append({path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files})
    assert runs[0] == runs[1], "the same seed must give the same files"
    versions = [digest for name, digest in runs[0].items() if "key" not in name]
    assert len(versions) == 3 and len(set(versions)) == 3, "the three versions must differ"


def test_a_version_keeps_each_right_answer_after_shuffling(tmp_path: Path) -> None:
    files = export(tmp_path, str(tmp_path / "quiz.xml"), "--format", "moodle", "--versions", "2", "--seed", "5",
                   "--chapter", "sanctions-trap", "--chapter", "sequencing")
    by_text = {words(to_plain(q.text, CATALOG)): q for q in BANK.select(["sanctions-trap", "sequencing"])}
    orders = []
    for path in files:
        items = read_moodle(path)
        assert {item.text for item in items} == set(by_text)
        for item in items:
            assert item.options[item.answer - 1] == words(to_plain(by_text[item.text].right_option, CATALOG))
        orders.append([item.text for item in items])
    assert orders[0] != orders[1]


# --- Three versions side by side: `jcpoa-course quiz export --versions 3 --seed 7`, as the issue asks.

@pytest.fixture(scope="module")
def three_versions(tmp_path_factory) -> dict[str, list[Path]]:
    """The whole bank in three versions, in every format: {format: [A, B, C] (html: quiz and key pairs)}."""
    written = {}
    for fmt in ("canvas", "moodle", "gift", "html"):
        folder = tmp_path_factory.mktemp(fmt)
        files = export(folder, str(folder / "quiz"), "--format", fmt, "--versions", "3", "--seed", "7")
        written[fmt] = files
    return written


def read_versions(fmt: str, files: list[Path]) -> list[list[ReadItem]]:
    if fmt == "canvas":
        return [read_canvas(path)[2] for path in files]
    if fmt == "moodle":
        return [read_moodle(path) for path in files]
    if fmt == "gift":
        return [read_gift(path) for path in files]
    quizzes = [path for path in files if "key" not in path.name]
    return [read_printable(quiz, quiz.with_name(f"{quiz.stem}-key.html")) for quiz in quizzes]


def cited_pages(text: str) -> list[str]:
    """The book's words for each page citation in a chapter's text: "(p. 7)", "(pp. 15-17)"."""
    return [to_plain(role[0], CATALOG) for role in ROLE.finditer(text) if role["name"] in ("p", "pp")]


@pytest.mark.parametrize("fmt", ["canvas", "moodle", "gift", "html"])
def test_three_versions_change_the_right_letters_and_cite_as_the_book(three_versions, fmt: str) -> None:
    versions = read_versions(fmt, three_versions[fmt])
    assert len(versions) == 3
    by_text = dict(zip(TEXTS_IN_BOOK_ORDER, BANK.questions, strict=True))
    answers = []
    for items in versions:
        assert_same_items(sorted(items, key=lambda item: TEXTS_IN_BOOK_ORDER.index(item.text)),
                          feedback=fmt != "html")
        answers.append({item.text: item.answer for item in items})
        for item in items:
            for citation in cited_pages(by_text[item.text].explanation):
                assert citation in item.explanation, f"{citation} as the book prints it: {item.explanation}"
    for first, second in itertools.combinations(answers, 2):
        moved = sum(first[text] != second[text] for text in first)
        assert moved >= len(first) / 2, f"only {moved} of {len(first)} right letters differ between two versions"
    fewest_options = min(len(question.options) for question in BANK.questions)
    for items in versions:
        counts = [sum(item.answer == place for item in items) for place in range(1, fewest_options + 1)]
        assert max(counts) - min(counts) <= max(3, len(items) // 10), f"right letters bunch up: {counts}"


# Moodle's importer (question/format/xml/format.php, question/format.php): trans_format() knows these
# five format names and reads any other as html, with only a debugging notice; a fraction not in
# question_bank::fraction_options_full() is an import error; a second question with the same idnumber
# in a category loses its idnumber without a word.
MOODLE_FORMATS = {"moodle_auto_format", "html", "plain_text", "wiki_like", "markdown"}
MOODLE_FRACTIONS = {0.0, 100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
                    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0}


def test_moodle_imports_three_versions_side_by_side(three_versions) -> None:
    categories, idnumbers, names = [], [], {}
    for letter, path in zip(LETTERS, three_versions["moodle"], strict=True):
        assert path.name == f"quiz-{letter}.xml"
        root = ET.parse(path).getroot()
        category = root.findall("question[@type='category']")
        assert len(category) == 1 and root[0] is category[0], "one category, before the questions"
        categories.append(category[0].findtext("category/text"))
        in_category = [question.findtext("idnumber") for question in root.findall("question[@type='multichoice']")]
        assert len(set(in_category)) == len(in_category) == len(BANK.questions), "idnumbers unique in the category"
        idnumbers += in_category
        for element in root.iter():
            if "format" in element.attrib:
                assert element.get("format") in MOODLE_FORMATS, element.tag
        for answer in root.iter("answer"):
            assert any(abs(float(answer.get("fraction")) - allowed) < 1e-4 or
                       abs(float(answer.get("fraction")) + allowed) < 1e-4 for allowed in MOODLE_FRACTIONS)
        for question in root.findall("question[@type='multichoice']"):
            text = words(question.findtext("questiontext/text"))
            names.setdefault(question.findtext("name/text"), set()).add(text)
            assert question.find("questiontext").get("format") == "html"
    assert categories == [f"$course$/top/JCPOA course quiz, version {letter}" for letter in LETTERS]
    assert len(set(idnumbers)) == len(idnumbers), "idnumbers unique across versions, even in one category"
    assert len(names) == len(BANK.questions) and all(len(texts) == 1 for texts in names.values()), \
        "each question keeps one name in every version, and no name is given to two questions"


# Canvas's converter: an assessment or item whose identifier the course already holds is imported
# over it; an answer's plain-text copy is clear_html of its HTML (quiz_readers.canvas_plain_text).
def test_canvas_imports_three_versions_side_by_side(three_versions) -> None:
    identifiers: dict[str, list[str]] = {"assessment": [], "item": [], "label": [], "manifest": []}
    expected = {want.text: want for want in expected_items()}
    for letter, path in zip(LETTERS, three_versions["canvas"], strict=True):
        assert path.name == f"quiz-{letter}.zip"
        manifest, assessment, items = read_canvas(path)
        identifiers["manifest"].append(manifest.get("identifier"))
        quiz = assessment.find(f"{QTI}assessment")
        assert quiz.get("title") == f"JCPOA course quiz, version {letter}"
        identifiers["assessment"].append(quiz.get("ident"))
        with zipfile.ZipFile(path) as package:
            meta = next(name for name in package.namelist() if name.endswith("assessment_meta.xml"))
            assert f"<title>JCPOA course quiz, version {letter}</title>" in package.read(meta).decode("utf-8")
        for element, item in zip(assessment.iter(f"{QTI}item"), items, strict=True):
            identifiers["item"].append(element.get("ident"))
            identifiers["label"] += [label.get("ident") for label in element.iter(f"{QTI}response_label")]
            want = expected[item.text]
            mattexts = [mattext.text for mattext in element.iter(f"{QTI}mattext")]
            assert not [text for text in mattexts if re.search(r"&[A-Za-z]\w*;", text)], "no named references"
            question = element.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text
            options = [label.find(f".//{QTI}mattext").text for label in element.iter(f"{QTI}response_label")]
            assert plain(canvas_plain_text(question)) == want.text
            assert sorted(plain(canvas_plain_text(option)) for option in options) == sorted(want.options)
    for kind, values in identifiers.items():
        assert len(set(values)) == len(values), f"{kind} identifiers repeat across versions"


def test_gift_pegjs_reads_three_versions_as_three_categories(three_versions) -> None:
    categories, idnumbers = [], []
    code = {words(to_plain(q.text, CATALOG)) for q in BANK.questions if re.search(r"(?<!})`[^`]+`", q.text)}
    for letter, path in zip(LETTERS, three_versions["gift"], strict=True):
        assert path.name == f"quiz-{letter}.gift"
        parsed = parse_gift(path)
        categories += [entry["title"] for entry in parsed if entry["type"] == "Category"]
        questions = [entry for entry in parsed if entry["type"] == "MC"]
        assert len(questions) == len(BANK.questions)
        idnumbers += [question["id"] for question in questions]
        for question in questions:
            assert question["stem"]["format"] == "html"
            if words(question["stem"]["text"]) in code:
                assert "<code>" in question["stem"]["text"], "inline code survives in GIFT"
    assert categories == [f"$course$/top/JCPOA course quiz, version {letter}" for letter in LETTERS]
    assert None not in idnumbers and len(set(idnumbers)) == len(idnumbers)


def test_printed_versions_are_titled_and_keep_each_item_on_one_page(three_versions, page) -> None:
    files = {path.name: path for path in three_versions["html"]}
    assert set(files) == {f"quiz-{letter}{key}.html" for letter in LETTERS for key in ("", "-key")}
    page.emulate_media(media="print")
    # US Letter less the browser's default print margins: each item must fit one page to stay whole.
    page.set_viewport_size({"width": 720, "height": 960})
    for name in ("quiz-A.html", "quiz-A-key.html"):
        page.set_content(files[name].read_text(encoding="utf-8"))
        title = "JCPOA course quiz, version A"
        assert page.locator("h1").inner_text() in (title, f"Answer key: {title}")
        items = page.locator("li.quiz-question, li.key-item")
        assert items.count() == len(BANK.questions)
        layout = items.evaluate_all("items => items.map(item => [getComputedStyle(item).breakInside,"
                                    " item.getBoundingClientRect().height])")
        assert all(breaks == "avoid" and height < 960 for breaks, height in layout), layout[:3]


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
