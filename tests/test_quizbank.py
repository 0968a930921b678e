"""The quiz bank reads every self-check from the chapters, without a build, and rejects bad ones by line.

Checked against the chapters' own text (an independent count of the directives), and against
small chapters written here, one per kind of mistake.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from jcpoa_course.data import load_catalog
from jcpoa_course.quizbank import QuestionError, QuizBankError, make_versions, read_bank, read_chapter
from jcpoa_course.quizbank.markup import to_html, to_plain

FENCE = re.compile(r"^(```|:::)\{self-check\}", re.MULTILINE)


@pytest.fixture(scope="module")
def bank():
    return read_bank(ROOT)


def test_the_bank_holds_every_self_check_of_every_chapter(bank) -> None:
    for chapter in bank.chapters:
        written = len(FENCE.findall((ROOT / chapter.source).read_text(encoding="utf-8")))
        assert len(chapter.questions) == written, chapter.id
    assert len(bank.questions) >= 45
    assert len({question.key for question in bank.questions}) == len(bank.questions), "question keys must be unique"


def test_each_question_is_located_and_complete(bank) -> None:
    for question in bank.questions:
        line = (ROOT / question.source).read_text(encoding="utf-8").splitlines()[question.line - 1]
        assert "{self-check}" in line and question.text in line, (question.source, question.line)
        assert 1 <= question.answer <= len(question.options) and question.explanation


def test_chapters_carry_their_titles_and_learning_goals(bank) -> None:
    chapter = bank.chapter("sanctions-trap")
    assert chapter.title == "The 'sanctions trap' argument"
    assert len(chapter.goals) == 4 and chapter.goals[0].startswith("Explain what the report means")
    intro = bank.chapter("intro")
    assert intro.goals[0].endswith("explain why the date matters for how we read it."), "wrapped bullets join"


def test_markup_reads_as_the_book_prints_it() -> None:
    catalog = load_catalog()
    text = "See **this** {p}`16`, {pp}`15-17` and the {term}`JCPOA` {source}`designation-e05` < 3."
    plain = to_plain(text, catalog)
    assert plain.startswith("See this (p. 16), (pp. 15-17) and the JCPOA [") and plain.endswith("] < 3.")
    assert to_plain("{pp}`3,7`", catalog) == "(pp. 3, 7)", "a page list reads as the book prints it"
    assert "<strong>this</strong>" in to_html(text, catalog) and "&lt; 3." in to_html(text, catalog)
    with pytest.raises(QuizBankError, match="unknown source id 'nope'"):
        to_plain("{source}`nope`", catalog)


GOOD = ":answer: 2\n:explanation: Because {p}`3`.\n\n1. One\n2. Two\n"
BAD_QUESTIONS = {
    "no options": (":answer: 1\n:explanation: E {p}`3`.\n", "it has no options"),
    "answer out of range": (":answer: 3\n:explanation: E {p}`3`.\n\n1. One\n2. Two\n", "':answer: 3' is out of range"),
    "duplicate options": (":answer: 1\n:explanation: E {p}`3`.\n\n1. One\n2.  one \n", "options 1 and 2 are the same"),
    "empty explanation": (":answer: 1\n:explanation:\n\n1. One\n2. Two\n", "':explanation:' is missing or empty"),
    "no answer": (":explanation: E {p}`3`.\n\n1. One\n2. Two\n", "':answer:' option is missing"),
    "not a list": (":answer: 1\n:explanation: E {p}`3`.\n\nOne or two?\n", "exactly one numbered list"),
    "bad page": (":answer: 1\n:explanation: E {p}`40`.\n\n1. One\n2. Two\n", "page 40 is outside the report"),
    "goal out of range": (":answer: 1\n:goal: 3\n:explanation: E {p}`3`.\n\n1. One\n2. Two\n",
                          "':goal: 3' is out of range: the chapter has 2 learning goals"),
}


def write_chapter(folder: Path, body: str) -> Path:
    path = folder / "book" / "trial.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent("""\
        (trial)=
        # A trial chapter

        ## Learning goals

        - Explain one thing.
        - Compare two
          things.

        ## Check yourself

        """) + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(BAD_QUESTIONS))
def test_a_bad_question_fails_naming_chapter_and_line(tmp_path: Path, case: str) -> None:
    options, expected = BAD_QUESTIONS[case]
    path = write_chapter(tmp_path, f"```{{self-check}} Good?\n{GOOD}```\n\n```{{self-check}} Bad?\n{options}```\n")
    with pytest.raises(QuestionError) as caught:
        read_chapter(path, tmp_path)
    bad_line = 1 + path.read_text(encoding="utf-8").splitlines().index("```{self-check} Bad?")
    assert str(caught.value).startswith(f"book/trial.md, line {bad_line}: self-check 'Bad?': "), str(caught.value)
    assert expected in str(caught.value)


def test_the_same_question_twice_in_a_chapter_fails(tmp_path: Path) -> None:
    path = write_chapter(tmp_path, f"```{{self-check}} Twice?\n{GOOD}```\n\n```{{self-check}} Twice?\n{GOOD}```\n")
    with pytest.raises(QuestionError, match=r"book/trial.md, line 20: .*the same question as line 12"):
        read_chapter(path, tmp_path)


def test_colon_fences_yaml_options_goals_and_wrapped_options(tmp_path: Path) -> None:
    path = write_chapter(tmp_path, textwrap.dedent("""\
        :::{self-check} Which page {p}`4`?
        :answer: 2
        :goal: 2
        :explanation: This one {source}`designation-e05`.

        1. First
        2. Second, which runs
           onto a second line
        :::

        ```{self-check} Second?
        ---
        answer: 1
        explanation: Yes {pp}`5-6`.
        ---
        1. Yes
        2. No
        ```
        """))
    chapter = read_chapter(path, tmp_path)
    first, second = chapter.questions
    assert first.goal == 2 and first.options[1] == "Second, which runs onto a second line"
    assert first.pages == (4,) and first.documents == ("designation-e05",)
    assert second.answer == 1 and second.pages == (5, 6) and second.line == 22
    assert chapter.goals == ("Explain one thing.", "Compare two things.")
    assert chapter.goals_covered() == {2: 1}


def test_versions_are_reproducible_different_and_keep_the_right_answer(bank) -> None:
    questions = bank.select(["sanctions-trap", "sequencing"])
    first = make_versions(questions, count=5, versions=3, seed=1, shuffle_options=True)
    again = make_versions(questions, count=5, versions=3, seed=1, shuffle_options=True)
    assert [v.signature() for v in first] == [v.signature() for v in again]
    assert len({v.signature() for v in first}) == 3
    other_seed = make_versions(questions, count=5, versions=3, seed=2, shuffle_options=True)
    assert [v.signature() for v in first] != [v.signature() for v in other_seed]
    for version in first:
        assert len(version.items) == 5
        for item in version.items:
            assert item.options[item.answer - 1] == item.question.right_option
    with pytest.raises(QuizBankError, match="out of range"):
        make_versions(questions, count=99)
    with pytest.raises(QuizBankError, match="unknown chapter 'nope'"):
        bank.select(["nope"])


def test_versions_move_each_right_answer_and_are_lettered(bank) -> None:
    questions = bank.questions
    versions = make_versions(questions, versions=4, seed=3)
    assert [version.label for version in versions] == ["A", "B", "C", "D"]
    places = [{item.question.key: item.answer for item in version.items} for version in versions]
    for question in questions:
        seen = [version[question.key] for version in places]
        assert len(set(seen)) == min(4, len(question.options)), "a new letter in each version while options last"
    [single] = make_versions(questions, seed=3)
    assert single.label is None, "a quiz exported alone is not a version"
    assert any(item.answer != item.question.answer for item in single.items), "options are shuffled by default"
    [book] = make_versions(questions, seed=3, shuffle_options=False)
    assert all(item.order == tuple(range(1, len(item.question.options) + 1)) for item in book.items)
    with pytest.raises(QuizBankError, match="--versions 27 is out of range"):
        make_versions(questions, versions=27)


def test_a_small_pool_still_gives_different_versions(bank) -> None:
    questions = bank.select(["recommendations"])
    versions = make_versions(questions, versions=3, seed=7)
    assert len({v.signature() for v in versions}) == 3


@pytest.mark.build
def test_the_quiz_bank_page_counts_every_chapter(built_book, bank) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_book.html / "book" / "quiz-bank.html").read_text(encoding="utf-8"), "html.parser")
    rows = page.select("table.quiz-bank-coverage tbody tr")
    chapters = [chapter for chapter in bank.chapters if chapter.questions]
    assert len(rows) == len(chapters)
    for row, chapter in zip(rows, chapters, strict=True):
        cells = row.find_all("td")
        title = cells[0].get_text(strip=True).translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
        assert title == chapter.title and cells[0].find("a")["href"]  # the book's smart quotes, undone
        assert cells[1].get_text(strip=True) == str(len(chapter.questions))
        tested = cells[2].find_all("li")
        assert len(tested) == len(chapter.goals_covered()), chapter.id
    assert f"{len(bank.questions)} questions in {len(chapters)} chapters" in page.get_text()
