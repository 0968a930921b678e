"""The class report after real grading runs: `autograde`, then a regrade through `grade`, then `report`.

A copy of the course's ``sanctions-wall`` with four submissions: the solution, the blank
release, a student with known mistakes, and one whose kernel dies at question 5. The judge's
answers must reach the store through both graders (same sheets for unchanged notebooks), a
regrade must replace a changed one, and the report must count what the students answered.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import grading_course
import pytest
from grading_course import nbgrader
from nbgrader.api import Gradebook

from jcpoa_course.instructor import cli
from jcpoa_course.instructor.class_report.store import JudgedStore
from jcpoa_course.instructor.class_report.variant_answers import option_label
from jcpoa_course.variants import draw_variant

pytestmark = [pytest.mark.grading, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "sanctions-wall"
# Each student has their own variant (a practice one here: the course has no key), so a letter is
# written as the letter their notebook shows for an option.
MISTAKES = {
    "q1-answer": 'q1_answer = variant.q1.letter("c")',
    "q4-answer": 'q4_answer = " " + variant.q4.letter("c").upper() + " "',  # spaces and case do not matter: right
    "q5-answer": 'q5_left = {"sdgt-2018"}',
    "q6-answer": "def layers_to_lift(entity_id):\n    return []",
}


def shown(student: str, question: str, option: str) -> str:
    """The letter ``student``'s notebook shows for canonical ``option`` of ``question``."""
    return getattr(draw_variant(ASSIGNMENT, student), question).letter(option)


def submit(course: Path, student: str, answers: dict[str, str]) -> None:
    grading_course.submit(course, student, answers, assignment=ASSIGNMENT)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class") / "course"
    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", root)
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    assert nbgrader(root, "generate_assignment", ASSIGNMENT, "--force").returncode == 0
    shutil.copytree(root / "source" / ASSIGNMENT, root / "submitted" / "sol" / ASSIGNMENT)
    (root / "submitted" / "sol" / ASSIGNMENT / "timestamp.txt").write_text("2026-11-20 10:00:00 UTC")
    submit(root, "blank", {})
    submit(root, "mixed", MISTAKES)
    submit(root, "crash", {"q1-answer": 'q1_answer = variant.q1.letter("b")', "q5-answer": "import os\nos._exit(3)"})
    return root


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def report(course: Path, out: Path) -> dict[str, dict[str, str]]:
    assert cli.main(["report", ASSIGNMENT, "--course-root", str(course), "--out", str(out), "--static",
                     "--per-student"]) == 0
    return {row["question"]: row for row in read_csv(out / "questions.csv")}


def test_autograde_grade_and_a_regrade_reach_the_report(course: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JCPOA_COURSE_ROOT", str(course))
    store = JudgedStore(course / "judged")
    # nbgrader's own Execute fails a notebook whose kernel dies: no scores, and no sheet either.
    assert cli.main(["autograde", ASSIGNMENT]) == 1
    after_autograde = {s.student: s for s in store.sheets(ASSIGNMENT)}
    assert sorted(after_autograde) == ["blank", "mixed", "sol"]
    assert all(cell.passed for cell in after_autograde["sol"].cells)
    assert not any(cell.passed for cell in after_autograde["blank"].cells)

    questions = report(course, tmp_path / "first")
    assert (questions["q1-hidden"]["correct"], questions["q4-hidden"]["correct"]) == ("1", "2")
    assert questions["q1-hidden"]["chapter"] == "sanctions-trap" and questions["q1-hidden"]["pages"] == "p. 13"
    answers = read_csv(tmp_path / "first" / "answers.csv")
    given = Counter()
    for row in answers:
        given[row["question"], row["what"], row["value"]] += int(row["count"])
    # Counted by option, whatever letter each student's variant shows it under.
    q1, q4 = draw_variant(ASSIGNMENT, None).q1, draw_variant(ASSIGNMENT, None).q4
    assert shown("mixed", "q4", "c") != shown("sol", "q4", "c") or shown("mixed", "q1", "b") != shown("sol", "q1", "b")
    assert given[("q1-hidden", "answer", option_label(q1, "c"))] == 1
    assert given[("q1-hidden", "answer", option_label(q1, "b"))] == 1
    assert given[("q1-hidden", "answer", "(not defined)")] == 1
    assert given[("q4-hidden", "answer", option_label(q4, "c"))] == 2
    # Members of a pick question are compared only with right answers of the same parameter set.
    q5_rows = [row for row in answers if row["question"] == "q5-hidden" and row["what"].startswith("member")]
    same_q5 = draw_variant(ASSIGNMENT, "mixed").q5.params == draw_variant(ASSIGNMENT, "sol").q5.params
    assert bool(q5_rows) == same_q5 and all(row["values"].startswith("entity=") for row in q5_rows)
    assert not same_q5 or given[("q5-hidden", "member added", "'sdgt-2018'")] >= 1
    failed = {row["value"]: row["count"] for row in answers if row["question"] == "q6-hidden"
              and row["what"] == "hidden input failed"}
    # Only "mixed" ran a wrong function (blank defined none); returning [] is right for some entities.
    assert set(failed.values()) == {"0", "1"}

    # The "mixed" student's q1 is corrected; a regrade through the parallel grader replaces the sheet.
    submit(course, "mixed", {**MISTAKES, "q1-answer": 'q1_answer = variant.q1.letter("b")'})
    assert cli.main(["grade", ASSIGNMENT, "--course-root", str(course), "--force", "--no-progress"]) == 0
    after_grade = {s.student: s for s in store.sheets(ASSIGNMENT)}
    assert after_grade["sol"] == after_autograde["sol"] and after_grade["blank"] == after_autograde["blank"]
    assert after_grade["mixed"] != after_autograde["mixed"]
    # The sandboxed grader scores a dead kernel's later cells 0, and the sheet says they did not run.
    status = {cell.cell: (cell.status, cell.passed) for cell in after_grade["crash"].cells}
    assert status["q1-hidden"] == ("judged", True) and status["q9-hidden"] == ("died", False)

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade("q10-answer", ASSIGNMENT, ASSIGNMENT, "sol")
        grade.manual_score = 4
        gradebook.db.commit()
    questions = report(course, tmp_path / "second")
    assert questions["q1-hidden"]["correct"] == "3"
    assert (questions["q9-hidden"]["not_run"], questions["q1-hidden"]["not_run"]) == ("1", "0")
    written = read_csv(tmp_path / "second" / "written.csv")
    assert {(row["score"], row["students"]) for row in written} == {("4.0", "1"), ("not graded yet", "3")}
    students = {row["student"]: row for row in read_csv(tmp_path / "second" / "students.csv")}
    assert float(students["sol"]["total"]) == 19.0 and float(students["blank"]["total"]) == 0.0  # 15 autograded + 4
    html = (tmp_path / "second" / "index.html").read_text(encoding="utf-8")
    assert "mixed" not in html and "blank" not in html.replace("blank release", "")
    assert "sanctions trap" in html and "report p. 13" in html  # the chapter, by its title
    assert json.loads(json.dumps(questions))  # the tables parsed as CSV
