"""The class report's figures and flags on a synthetic class with planted answers (no kernels).

The class is written straight into the answer store (``tests/synthetic_class.py``), so the
test reads it back the way the report does, and every figure is known in advance.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from synthetic_class import ASSIGNMENT, PLANTED_FLAGS, plant_class, planted_answers, planted_sheet

from jcpoa_course.instructor.class_report.flags import flags
from jcpoa_course.instructor.class_report.item_analysis import (
    ClassAnswers,
    ClassFigures,
    QuestionFigures,
    analyse,
    merge_sheets,
)
from jcpoa_course.instructor.class_report.store import (
    AnswerSheet,
    JudgedCell,
    JudgedCheck,
    JudgedStore,
    StoreError,
    read_sheet,
)
from jcpoa_course.instructor.class_report.tables import write_tables
from jcpoa_course.instructor.export import FORMULA_STARTS, PLAIN_NUMBER


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> ClassFigures:
    store = JudgedStore(tmp_path_factory.mktemp("store") / "judged")
    plant_class(store)
    return analyse(planted_answers(store))


def question(figures: ClassFigures, cell: str) -> QuestionFigures:
    return next(q for q in figures.questions if q.cell == cell)


def pearson(xs: list[float], ys: list[float]) -> float:
    """The textbook formula, written out, to check the report's own computation."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / n
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) / n * sum((y - my) ** 2 for y in ys) / n)


def test_shares_and_counts_equal_the_planted_ones(figures: ClassFigures) -> None:
    assert figures.students == 100
    q1 = question(figures, "q1-hidden")
    assert (q1.correct, q1.share_correct, q1.mean_points) == (60, 0.6, 0.6)
    assert [(a.answer, a.count, a.share, a.right) for a in q1.checks[0].answers] == [
        ("b", 60, 0.6, True), ("c", 25, 0.25, False), ("a", 15, 0.15, False)]
    q4 = question(figures, "q4-hidden")
    assert (q4.correct, q4.mean_points) == (30, 0.6)
    assert [(a.answer, a.count) for a in q4.checks[0].wrong_answers] == [("a", 45), ("d", 25)]


def test_set_answers_count_the_values_added_and_missed(figures: ClassFigures) -> None:
    q5 = question(figures, "q5-hidden")
    assert q5.share_correct == 0.7
    assert [(v.value, v.how, v.count, v.share) for v in q5.checks[0].wrong_values] == [
        ("'z'", "missed", 20, 0.2), ("'w'", "added", 10, 0.1)]


def test_function_answers_count_the_hidden_inputs_failed(figures: ClassFigures) -> None:
    q3 = question(figures, "q3-hidden")
    assert (q3.correct, q3.share_correct) == (5, 0.05)
    failed = {f.input: (f.wrong, f.errors, f.failed) for f in q3.checks[0].failed_inputs}
    assert failed == {"'nioc'": (45, 50, 95), "'irgc'": (45, 0, 45), "'bank-mellat'": (0, 0, 0)}
    assert [f.input for f in q3.checks[0].failed_inputs][0] == "'nioc'"


def test_a_cell_with_two_checks_counts_each(figures: ClassFigures) -> None:
    q6 = question(figures, "q6-hidden")
    assert q6.correct == 80
    assert [c.right for c in q6.checks] == [100, 80]
    assert [(a.answer, a.count) for a in q6.checks[1].answers] == [("2024", 80), ("2023", 20)]


def test_discrimination_is_the_point_biserial_against_the_rest_of_the_test(figures: ClassFigures) -> None:
    sheets = [planted_sheet(rank) for rank in range(100)]
    written = [float(rank % 6) if rank < 90 else 0.0 for rank in range(100)]
    totals = [sum(c.points for c in s.cells if c.passed) + w for s, w in zip(sheets, written, strict=True)]
    for q in figures.questions:
        item = [next(c.points if c.passed else 0.0 for c in s.cells if c.cell == q.cell) for s in sheets]
        rest = [total - mine for total, mine in zip(totals, item, strict=True)]
        assert q.discrimination == pytest.approx(pearson(item, rest), abs=1e-12), q.cell
    assert question(figures, "q2-hidden").discrimination < 0
    assert all(q.discrimination > 0 for q in figures.questions if q.cell != "q2-hidden")


def test_variants_totals_and_written_scores(figures: ClassFigures) -> None:
    q7 = question(figures, "q7-hidden")
    assert [(v.variant, v.students, v.share_correct) for v in q7.variants] == [("A", 50, 0.9), ("B", 50, 0.5)]
    assert len(figures.totals) == 100 and figures.totals == tuple(sorted(figures.totals))
    assert figures.max_total == 15.0
    (written,) = figures.written
    assert (written.cell, written.points, len(written.scores), written.pending) == ("q10-answer", 5.0, 90, 10)
    assert written.mean == pytest.approx(sum(rank % 6 for rank in range(90)) / 90)


def test_flags_fire_on_the_planted_questions_and_no_other(figures: ClassFigures) -> None:
    assert {(flag.cell, flag.kind) for flag in flags(figures)} == PLANTED_FLAGS


def test_a_regrade_replaces_the_sheet_and_a_broken_sheet_is_named(tmp_path: Path) -> None:
    store = JudgedStore(tmp_path / "judged")
    first = store.save(planted_sheet(0))
    again = store.save(planted_sheet(99).__class__(ASSIGNMENT, "student-000", ASSIGNMENT,
                                                   planted_sheet(99).cells, "B"))
    assert first == again and read_sheet(again).cells == planted_sheet(99).cells
    assert len(store.sheets(ASSIGNMENT)) == 1 and not list(first.parent.glob(".sheet-*"))
    first.write_text("{not json")
    with pytest.raises(StoreError, match="student-000"):
        store.sheets(ASSIGNMENT)
    with pytest.raises(StoreError, match="cannot name a folder"):
        store.path(ASSIGNMENT, "../escape", ASSIGNMENT)


def test_the_tables_quote_answers_a_spreadsheet_would_run(tmp_path: Path) -> None:
    store = JudgedStore(tmp_path / "judged")
    plant_class(store, size=10)
    formula = "=HYPERLINK(\"http://example.invalid\",\"x\")"
    sheet = planted_sheet(0)
    cells = (_replaced_answer(sheet.cells[0], formula), *sheet.cells[1:])
    store.save(AnswerSheet(ASSIGNMENT, "@evil", ASSIGNMENT, cells, "A"))
    answers = planted_answers(store, size=10)
    figures = analyse(answers)
    written = write_tables(tmp_path / "out", figures, flags(figures), {}, answers)
    assert {path.name for path in written} == {"questions.csv", "answers.csv", "totals.csv", "written.csv",
                                               "students.csv"}
    answers_csv = (tmp_path / "out" / "answers.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in answers_csv and ",=HYPERLINK" not in answers_csv
    with open(tmp_path / "out" / "students.csv", newline="", encoding="utf-8") as handle:
        students = [row[0] for row in csv.reader(handle)]
    assert "'@evil" in students and "@evil" not in students
    for path in written:
        with open(path, newline="", encoding="utf-8") as handle:
            cells_read = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells_read if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(cell)]


def _replaced_answer(cell: JudgedCell, answer: str) -> JudgedCell:
    (check,) = cell.checks
    return JudgedCell(cell.cell, cell.points, False, checks=(JudgedCheck(check.subject, check.kind, check.type,
                                                                         answer, False, "wrong"),))


def test_every_graded_cell_names_a_chapter_that_exists() -> None:
    """assignment_items.yaml lists each graded cell of the course once, with a real chapter."""
    import nbformat
    from conftest import ROOT

    from jcpoa_course.data.assignment_items import load_assignment_items

    listed = {(item.assignment, item.cell): item for item in load_assignment_items()}
    graded = set()
    for notebook_path in sorted((ROOT / "assignments" / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(notebook_path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                graded.add((notebook_path.parent.name, meta["grade_id"]))
    assert set(listed) == graded
    for item in listed.values():
        chapter = ROOT / "book" / f"{item.chapter}.md"
        assert f"\n({item.chapter})=\n" in "\n" + chapter.read_text(encoding="utf-8"), item.key


def test_the_command_names_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import ROOT

    from jcpoa_course.instructor import cli

    (tmp_path / "source" / "sanctions-wall").mkdir(parents=True)
    (tmp_path / "nbgrader_config.py").write_text((ROOT / "assignments" / "nbgrader_config.py").read_text())
    assert cli.main(["report", "sanctions-wal", "--course-root", str(tmp_path)]) == 2
    assert "unknown assignment 'sanctions-wal'; expected one of: sanctions-wall" in capsys.readouterr().err
    assert cli.main(["report", "sanctions-wall", "--course-root", str(tmp_path)]) == 2
    assert "grade it first with `jcpoa-course autograde sanctions-wall`" in capsys.readouterr().err


def test_letters_of_different_variants_count_as_the_option_they_show(tmp_path: Path) -> None:
    """Students who saw an option under different letters count together, under the option's text."""
    from synthetic_class import VARIED, VARIED_KEY, varied_sheet

    from jcpoa_course.instructor.class_report.variant_answers import in_canonical_terms
    from jcpoa_course.variants import draw_variant

    store = JudgedStore(tmp_path / "judged")
    for rank in range(100):
        store.save(varied_sheet(rank))
    raw = ClassAnswers(VARIED, merge_sheets(store.sheets(VARIED)))
    assert len({sheet.cells[0].checks[0].answer for sheet in raw.sheets if sheet.cells[0].passed}) > 1
    figures = analyse(in_canonical_terms(raw, VARIED_KEY))
    options = draw_variant(VARIED, None).q1.texts
    q1 = question(figures, "q1-hidden")
    assert [(a.answer, a.count, a.share, a.right) for a in q1.checks[0].answers] == [
        (f"b. {options['b']}", 60, 0.6, True), (f"c. {options['c']}", 25, 0.25, False),
        (f"a. {options['a']}", 15, 0.15, False)]
    q3_texts = draw_variant(VARIED, None).q3.texts
    q3 = question(figures, "q3-hidden")
    assert [(v.value, v.how, v.count, v.share) for v in q3.checks[0].wrong_values] == [
        (f"d. {q3_texts['d']}", "missed", 20, 0.2), (f"a. {q3_texts['a']}", "added", 10, 0.1)]
    q5 = question(figures, "q5-hidden").checks[0].wrong_values
    # Members are compared within a parameter set: only sets some student answered right count.
    params = [draw_variant(VARIED, f"student-{rank:03d}", VARIED_KEY).q5.params for rank in range(100)]
    answered_right = [p for rank, p in enumerate(params) if rank >= 30]
    expected = sum(1 for rank, p in enumerate(params) if rank < 30 and p in answered_right)
    assert {v.value for v in q5} == {"'w'"} and sum(v.count for v in q5) == expected > 0
    assert all(v.group and "entity=" in v.group for v in q5) and len({v.group for v in q5}) > 1
    assert not [f for f in flags(figures) if f.kind == "popular-wrong-answer"]


def test_a_matching_answer_is_keyed_by_option_whatever_the_numbers() -> None:
    """communique Q5 numbers its situations per student: the same matches read the same."""
    from jcpoa_course.instructor.class_report.variant_answers import in_canonical_terms
    from jcpoa_course.variants import draw_variant

    tracks = dict(zip("abcdef", ("economic-ties", "border-incidents", "fortifying-the-jcpoa", "civilian-diplomacy",
                                 "gulf-security", "prisoner-exchange"), strict=True))
    sheets = []
    for student in ("ana", "ben", "cy", "dee"):
        q5 = draw_variant("communique", student).q5
        given = "{" + ", ".join(f"{n}: {t!r}" for n, t in sorted((q5.number(s), t) for s, t in tracks.items())) + "}"
        check = JudgedCheck("q5_matches", "answer", "dict[int, str]", given, True)
        cell = JudgedCell("q5-hidden", 2, True, checks=(check,))
        sheets.append(AnswerSheet("communique", student, "communique", (cell,)))
    assert len({sheet.cells[0].checks[0].answer for sheet in sheets}) > 1
    figures = analyse(in_canonical_terms(ClassAnswers("communique", tuple(sheets)), None))
    (answer,) = figures.questions[0].checks[0].answers
    assert answer.count == 4 and answer.answer.startswith("{a: 'economic-ties', b: 'border-incidents'")
