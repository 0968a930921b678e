"""Per-student variants (issue 21), judged in this process: no kernels, a class of 40 in seconds.

The source notebooks' own solutions are run for each student's variant (as the grader pins it)
and their answers judged by the grader's judge, so these tests hold the real hidden checks to:

- each student answering their own variant correctly earns every point;
- a classmate's answers earn nothing on a question unless the two variants share its right
  answer, which happens for at most 1 pair in 4 on a multiple-choice question and 1 in 8 on a
  code question;
- the copying report names every planted copying pair and no honest pair.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import replace
from itertools import permutations
from pathlib import Path

import pytest

from jcpoa_course.instructor.copying.records import Submission
from jcpoa_course.instructor.copying.report import summary, write_csv
from jcpoa_course.instructor.copying.signals import ClassJudgement, class_evidence
from jcpoa_course.instructor.course import locate_course
from jcpoa_course.instructor.grading.judging.wire import decode
from jcpoa_course.instructor.variation.coincidence import coincidence_rates, every_variant
from jcpoa_course.instructor.variation.solve import ClassJudge, SourceNotebook, question_of, read_answers, run_solutions
from jcpoa_course.variants import NotOnRoster, course_variant, draw_variant, i_am, question_bank, roster_token
from jcpoa_course.variants.identity import lms_token, mask

ASSIGNMENTS = ("sanctions-wall", "communique")
KEY = bytes(range(32))  # a course key of the test's own
CLASS = [f"s{n:02d}" for n in range(1, 41)]
MOST_SHARED = {"choice": 1 / 4, "pick": 1 / 8}


def source(assignment: str) -> SourceNotebook:
    (path,) = locate_course().notebooks(assignment)
    return SourceNotebook.read(path)


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded_class(request: pytest.FixtureRequest) -> dict:
    """Every student's variant and right answers, computed from the source notebook."""
    assignment = request.param
    notebook = source(assignment)
    variants = {s: draw_variant(assignment, s, KEY) for s in CLASS}
    right = {s: read_answers(notebook, run_solutions(notebook, variants[s], KEY), variants[s]) for s in CLASS}
    return {"assignment": assignment, "source": notebook, "variants": variants, "right": right,
            "judge": ClassJudge(notebook)}


def cells_passed(verdicts: dict[str, str | None]) -> dict[str, bool]:
    """Graded cell -> all its checks pass (a cell is all or nothing, as nbgrader scores it)."""
    cells: dict[str, bool] = defaultdict(lambda: True)
    for item, verdict in verdicts.items():
        cells[item.split("#")[0]] &= verdict is None
    return dict(cells)


def plain(payload: dict) -> object:
    """A payload's answers as Python values (a set sent in another order is the same set)."""
    values = [*payload.get("answers", {}).values(), *payload.get("results", [])]
    return [decode(value["value"]) if "value" in value else value for value in values]


# --- the variants themselves ---------------------------------------------------------------

def test_a_variant_depends_only_on_key_assignment_and_student() -> None:
    first, again = draw_variant("sanctions-wall", "alice", KEY), draw_variant("sanctions-wall", "alice", KEY)
    assert first == again and first.code == again.code
    assert draw_variant("sanctions-wall", "alice", bytes(32)).code != first.code  # another course's key
    assert draw_variant("sanctions-wall", "bob", KEY).code != first.code
    assert draw_variant("sanctions-wall", None).practice


def test_every_autograded_question_of_both_assignments_is_varied() -> None:
    for assignment in ASSIGNMENTS:
        graded = {question_of(item) for item, _ in source(assignment).items()}
        assert graded == set(question_bank(assignment)), assignment


def test_a_choice_shows_every_option_once_under_its_own_letters() -> None:
    variant = draw_variant("communique", "alice", KEY).q1
    assert sorted(variant.options.values()) == sorted(question_bank("communique")["q1"].options)
    assert [variant.canonical(variant.letter(c)) for c in "abcd"] == list("abcd")


def test_the_notebook_finds_its_student_hub_login_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JCPOA_STUDENT", "JCPOA_COURSE_KEY", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    assert course_variant("communique", tmp_path).practice  # a self-learner's copy
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    assert course_variant("communique", tmp_path).student == "alice"


def release_folder(tmp_path: Path, roster: dict[str, str]) -> Path:
    data = {"course_key": KEY.hex(), "roster": [roster_token(KEY, s) for s in roster],
            "lms": {lms_token(KEY, lms): mask(KEY, lms, s) for s, lms in roster.items() if lms}}
    (tmp_path / ".jcpoa-variants.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_i_am_refuses_an_id_off_the_roster_and_maps_an_lms_login(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    for name in ("JCPOA_STUDENT", "JCPOA_COURSE_KEY", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    folder = release_folder(tmp_path, {"alice": "", "bob": "98765"})
    assert course_variant("communique", folder).practice
    assert 'i_am("your course id")' in capsys.readouterr().out
    with pytest.raises(NotOnRoster, match="'mallory' is not on this course's roster"):
        i_am("mallory", folder=folder)
    assert "belongs to 'bob'" in i_am("98765", "communique", folder)  # the LMS login maps to the roster id
    assert course_variant("communique", folder) == draw_variant("communique", "bob", KEY)
    i_am("alice", folder=folder)
    assert course_variant("communique", folder) == draw_variant("communique", "alice", KEY)


# --- grading a class of 40 at the judge level ------------------------------------------------

def test_each_student_answering_their_own_variant_earns_every_point(graded_class: dict) -> None:
    for student in CLASS:
        verdicts = graded_class["judge"].verdicts(graded_class["right"][student], graded_class["variants"][student])
        assert all(cells_passed(verdicts).values()), (student, {i: v for i, v in verdicts.items() if v})


def test_a_classmates_answers_earn_nothing_unless_the_variants_coincide(graded_class: dict) -> None:
    """Each student submits each classmate's right answers: a varied question scores only where the
    two variants have the same right answer, and that is rare enough."""
    bank, judge = question_bank(graded_class["assignment"]), graded_class["judge"]
    variants, right = graded_class["variants"], graded_class["right"]
    shared: dict[str, int] = defaultdict(int)
    pairs = list(permutations(CLASS, 2))
    for copier, source_student in pairs:
        passed = cells_passed(judge.verdicts(right[source_student], variants[copier]))
        for cell, ok in passed.items():
            items = [item for item in right[copier] if item.startswith(cell + "#")]
            coincide = all(plain(right[copier][item]) == plain(right[source_student][item]) for item in items)
            assert ok == coincide, (cell, copier, source_student)
            shared[cell] += ok
    for cell, count in shared.items():
        kind = bank[question_of(cell)].kind
        assert count / len(pairs) <= MOST_SHARED[kind], (cell, kind, count / len(pairs))


# --- the copying report ----------------------------------------------------------------------

VOCABULARY = (  # noqa: SIM905 - a word list reads better as text
    "authors argue sanctions wall layers successor president waive revoke delist orders statute "
              "congress review terrorism listing bank mellat melli tejarat saderat nuclear deal compliance "
              "trap designations political cost return diplomacy treasury model entity instrument limit "
              "report pages uncertain record european partners commission relief pressure strategy").split()


def honest_text(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(60, 90)))


def mistake(payload: dict, rng: random.Random) -> dict:
    """An honest slip: a right answer changed a little (another letter, an item dropped or added)."""
    payload = json.loads(json.dumps(payload))
    slots = [value for value in payload.get("answers", {}).values()] + payload.get("results", [])[:3]
    for slot in slots:
        slot["value"] = _altered(slot.get("value"), rng)
    return payload


def _altered(value: object, rng: random.Random) -> object:
    if isinstance(value, str):
        return rng.choice([letter for letter in "abcdefghjkmnpqrstuvw" if letter != value])
    if isinstance(value, (bool, int, float)):
        return value + 1
    if isinstance(value, dict):
        ((tag, items),) = value.items()
        items = list(items)
        return {tag: items[:-1] if items and rng.random() < 0.5 else [*items, "extra"] if tag != "dict" else []}
    return value


def synthetic_class(graded: dict) -> tuple[list[Submission], set[frozenset[str]]]:
    """Honest students (a quarter of answers slightly wrong, written answers their own) and planted copiers."""
    rng = random.Random(21)
    right = graded["right"]
    submitted = {s: {item: mistake(p, rng) if rng.random() < 0.25 else p for item, p in right[s].items()}
                 for s in CLASS}
    written = {s: honest_text(rng) for s in CLASS}
    weak = {item: mistake(p, rng) if rng.random() < 0.6 else p for item, p in right["s26"].items()}
    submitted["s26"] = weak
    items = sorted(right["s01"])
    submitted["s05"] = dict(submitted["s12"])  # every answer copied
    most = items[: 2 * len(items) // 3]
    submitted["s20"] = {**submitted["s20"], **{i: submitted["s03"][i] for i in most}}  # two thirds copied
    words = written["s17"].split()
    words[5], words[20], words[40] = "however", "meanwhile", "therefore"
    written["s31"] = " ".join(words)  # the written answer copied, a few words changed
    submitted["s08"] = dict(weak)  # copied from a weak student: wrong answers travel too
    planted = {frozenset(pair) for pair in (("s05", "s12"), ("s20", "s03"), ("s31", "s17"), ("s08", "s26"))}
    return [Submission(s, submitted[s], {"written": written[s]}) for s in CLASS], planted


def test_the_copying_report_names_every_planted_pair_and_no_honest_one(graded_class: dict, tmp_path: Path) -> None:
    submissions, planted = synthetic_class(graded_class)
    judged = ClassJudgement(graded_class["source"], graded_class["variants"], submissions)
    evidence = class_evidence(judged)
    flagged = {frozenset((e.first, e.second)): e for e in evidence if e.flagged}
    assert set(flagged) == planted, {tuple(sorted(p)): flagged[p].reasons() for p in set(flagged) ^ planted
                                     if p in flagged}
    assert flagged[frozenset(("s05", "s12"))].first_fits_second or flagged[frozenset(("s05", "s12"))].second_fits_first
    assert flagged[frozenset(("s17", "s31"))].written >= 90
    write_csv(evidence, tmp_path / "copying.csv")
    rows = (tmp_path / "copying.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + len(planted)
    report = summary(graded_class["assignment"], evidence, len(submissions))
    assert "## s03 and s20" in report and "right for" in report and "written answers" in report


def test_the_copying_csv_is_safe_to_open_in_a_spreadsheet(graded_class: dict, tmp_path: Path) -> None:
    right, variants = graded_class["right"], graded_class["variants"]
    formula = "=HYPERLINK(\"http://example.com\")" + " word" * 40
    submissions = [Submission("=cmd", right["s01"], {"w": formula}), Submission("s02", right["s01"], {"w": formula})]
    judged = ClassJudgement(graded_class["source"], {"=cmd": variants["s01"], "s02": variants["s02"]}, submissions)
    write_csv(class_evidence(judged), tmp_path / "copying.csv")
    text = (tmp_path / "copying.csv").read_text(encoding="utf-8")
    assert "'=cmd" in text and "\n=" not in text and ",=" not in text


def test_the_coincidence_rates_of_the_instructors_chapter() -> None:
    """Every variant of every question of the sanctions wall, solved: a choice question's right letter
    is shared by 1 pair in 20 (same letters, 1 in 5; same position, 1 in 4), and no question is shared
    by more than 1 pair in 8."""
    (path,) = locate_course().notebooks("sanctions-wall")
    rates = {rate.question: rate for rate in coincidence_rates(path, "sanctions-wall", KEY)}
    assert rates["q1"].variants == 120 and rates["q1"].answers == 20 and rates["q1"].rate == pytest.approx(1 / 20)
    assert rates["q5"].answers == rates["q5"].variants == 27
    assert all(rate.rate <= MOST_SHARED[rate.kind] for rate in rates.values()), rates


def test_two_students_see_different_questions(tmp_path: Path) -> None:
    """What the hub's browser test looks for: each student's header and options, from outside the notebook."""
    from jcpoa_course.instructor.course import Course
    from jcpoa_course.instructor.variation.shown import shown_variant

    course = Course(tmp_path)
    (tmp_path / "variants.key").write_text(KEY.hex(), encoding="utf-8")
    alice, bob = (shown_variant(course, "communique", s) for s in ("alice", "bob"))
    assert "variant of alice" in alice.header and alice.code in alice.header
    assert alice.code == draw_variant("communique", "alice", KEY).code != bob.code
    assert sorted(alice.questions["q1"].values()) == sorted(bob.questions["q1"].values())
    assert any(alice.questions[q] != bob.questions[q] for q in alice.questions)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_variant_makes_an_empty_answer_right(assignment: str) -> None:
    """A variant whose right answer is empty for every input would give a blank function (or an empty
    set) the points: every variant of every code question asks for something."""
    notebook = source(assignment)
    base = draw_variant(assignment, None, KEY)
    for spec in question_bank(assignment).values():
        if spec.kind != "pick":
            continue
        for question in every_variant(spec):
            variant = replace(base, questions={**base.questions, question.question: question})
            answers = read_answers(notebook, run_solutions(notebook, variant, KEY), variant)
            values = [plain(p) for item, p in answers.items() if question_of(item) == spec.id]
            assert any(value not in ([], set(), {}, (), "") for found in values for value in found), (
                spec.id, question.params)
