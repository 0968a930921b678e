"""The judge's parts without a kernel: types, checks as written, the wire format, verdicts."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from jcpoa_course.instructor.course import CourseError, locate_course
from jcpoa_course.instructor.grading.judging.answer_types import BadTypeSpec, WrongType, parse_type
from jcpoa_course.instructor.grading.judging.checks import BadCheck, hidden_region, is_declarative, parse_checks
from jcpoa_course.instructor.grading.judging.judge import Judge
from jcpoa_course.instructor.grading.judging.kernel_probe import run_probe
from jcpoa_course.instructor.grading.judging.keys import key_namespace
from jcpoa_course.instructor.grading.judging.probe import MIME
from jcpoa_course.instructor.grading.judging.wire import Rejected, decode, encode_inputs
from jcpoa_course.instructor.nbgrader_steps import generate_assignment
from jcpoa_course.instructor.rehearsal import scratch_course


def hidden(literal: str) -> str:
    return f"# Hidden check\n### BEGIN HIDDEN TESTS\n{literal}\n### END HIDDEN TESTS"


@pytest.mark.parametrize(("spec", "value", "accepted"), [
    ("letter", " B ", "b"),
    ("int", 2024, 2024),
    ("float", 2, 2.0),
    ("set[str]", {"a"}, {"a"}),
    ("dict[int, str]", {1: "x"}, {1: "x"}),
    ("list[letter]", ["A", "b "], ["a", "b"]),
])
def test_a_value_of_exactly_the_type_is_accepted_and_normalised(spec: str, value: object, accepted: object) -> None:
    assert parse_type(spec).accept(value) == accepted


@pytest.mark.parametrize(("spec", "value"), [
    ("int", True), ("int", 2024.0), ("bool", 0), ("set[str]", ["a"]), ("list[str]", ["a", 1]),
    ("dict[int, str]", {"1": "x"}), ("str", None),
])
def test_a_value_of_another_type_is_refused(spec: str, value: object) -> None:
    with pytest.raises(WrongType):
        parse_type(spec).accept(value)


@pytest.mark.parametrize("spec", ["sett[str]", "dict[str]", "list[", "object"])
def test_a_malformed_type_names_itself(spec: str) -> None:
    with pytest.raises(BadTypeSpec, match="type"):
        parse_type(spec)


def test_decode_rebuilds_plain_values_and_refuses_anything_else() -> None:
    wire = {"dict": [[1, {"set": ["a", "b"]}], [2, {"list": [None, True, 1.5]}]]}
    assert decode(wire) == {1: {"a", "b"}, 2: [None, True, 1.5]}
    with pytest.raises(Rejected, match="_AnySet"):
        decode({"list": [{"rejected": "_AnySet"}]})
    for forged in ({"object": {}}, {"list": "abc"}, {"dict": [[1]]}, {"set": [{"list": []}]}, ["raw list"]):
        with pytest.raises(Rejected):
            decode(forged)


def test_inputs_for_the_kernel_are_tagged_plain_data() -> None:
    track = SimpleNamespace(id="t1", order=1, tractability="x")
    assert encode_inputs([[track], ()]) == {"list": [{"list": [{"object": {"id": "t1", "order": 1,
                                                                             "tractability": "x"}}]}, {"tuple": []}]}
    with pytest.raises(TypeError, match="plain data"):
        encode_inputs(object())


@pytest.mark.parametrize(("literal", "message"), [
    ('{"answer": "x", "function": "f", "calls": [], "equals": 1}', "exactly one of 'answer' and 'function'"),
    ('{"answer": "x"}', "exactly one of equals, expect, holds"),
    ('{"answer": "x", "equals": 1, "expect": "1"}', "exactly one of equals, expect, holds"),
    ('{"answer": "x", "equals": 1, "points": 5}', "unknown field"),
    ('{"function": "f", "equals": 1}', "'calls' goes with 'function'"),
    ('{"answer": "x", "holds": "answer =="}', "'holds' is not a valid expression"),
    ('{"answer": "x", "holds": 3}', "must be an expression"),
    ('{"answer": "x", "type": "sett[str]", "equals": 1}', "unknown"),
    ('[]', "non-empty list"),
])
def test_a_malformed_check_is_refused_naming_the_cell(literal: str, message: str) -> None:
    with pytest.raises(BadCheck, match="q9-hidden") as error:
        parse_checks("q9-hidden", hidden(literal))
    assert message in str(error.value)


def test_assert_statements_are_not_a_declarative_check() -> None:
    assert not is_declarative(hidden("assert q1_answer == 'b'"))
    assert is_declarative(hidden('{"answer": "q1_answer", "equals": "b"}'))


def _verdict(literal: str, payload: dict, inputs: list | None = None) -> str | None:
    (check,) = parse_checks("q-hidden", hidden(literal))
    judge = Judge(key_namespace())
    return judge.verdict(check, payload, inputs if inputs is not None else (judge.inputs(check) if check.function
                                                                               else None))


def test_a_right_answer_passes_and_a_wrong_one_says_why_without_the_key() -> None:
    check = '{"answer": "q1_answer", "type": "letter", "equals": "b"}'
    assert _verdict(check, {"answers": {"q1_answer": {"value": " B"}}}) is None
    message = _verdict(check, {"answers": {"q1_answer": {"value": "c"}}})
    assert message == "q1_answer: not the right answer"
    assert _verdict(check, {"answers": {"q1_answer": {"rejected": "AlwaysEqual"}}}) == (
        "q1_answer must be a letter; got AlwaysEqual")
    assert "not defined" in _verdict(check, {"missing": ["q1_answer"]})
    assert "could not be read" in _verdict(check, None)


def test_keys_come_from_the_course_package() -> None:
    check = ('{"answer": "q5_left", "type": "set[str]", "expect": "{layer.id for layer in '
             "remaining_layers('bank-mellat', ['revoke-orders', 'delist-since-2018'])}\"}")
    namespace = key_namespace()
    right = {layer.id for layer in namespace["remaining_layers"]("bank-mellat", ["revoke-orders", "delist-since-2018"])}
    assert _verdict(check, {"answers": {"q5_left": {"value": {"set": sorted(right)}}}}) is None
    assert _verdict(check, {"answers": {"q5_left": {"value": {"list": sorted(right)}}}}) == (
        "q5_left must be a set[str]; got list")


def test_a_function_answer_is_judged_on_every_input() -> None:
    check = '{"function": "double", "calls": [[1], [2], [3]], "type": "int", "expect": "2 * args[0]"}'
    results = [{"value": 2}, {"value": 4}, {"value": 7}]
    assert _verdict(check, {"results": results}) == "double: wrong result on 1 of 3 hidden input(s)"
    results[2] = {"error": "ValueError: no"}
    assert _verdict(check, {"results": results}).startswith("double failed on 1 of 3 hidden input(s)")
    assert _verdict(check, {"results": results[:2]}) == "double: the answer could not be read from the notebook"


def test_a_check_that_does_not_parse_is_an_error_not_code() -> None:
    broken = hidden('{"answer": "q1_answer", "equals": "b"')
    assert is_declarative(broken)
    with pytest.raises(BadCheck, match="not a Python literal"):
        parse_checks("q1-hidden", broken)


def test_release_refuses_a_malformed_check_naming_notebook_and_cell(tmp_path: Path) -> None:
    course = scratch_course(locate_course(), tmp_path / "assignments")
    source = course.notebooks("communique")[0]
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q4-hidden":
            cell.source = hidden('{"answer": "q4_answer", "equals": "c", "point": 1}')
    nbformat.write(notebook, source)
    with pytest.raises(CourseError, match=r"communique.ipynb: q4-hidden: unknown field\(s\) \['point'\]"):
        generate_assignment(course, "communique")


@pytest.mark.parametrize("assignment", ["sanctions-wall", "communique"])
def test_every_graded_code_cell_of_the_course_is_a_declarative_check(assignment: str) -> None:
    """No hidden test of the course runs as code in the student's kernel."""
    notebook = nbformat.read(locate_course().notebooks(assignment)[0], as_version=4)
    graded = [cell for cell in notebook.cells
              if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")]
    assert graded
    for cell in graded:
        grade_id = cell.metadata.nbgrader["grade_id"]
        assert is_declarative(cell.source), grade_id
        assert parse_checks(grade_id, cell.source)
        assert "assert" not in hidden_region(cell.source), grade_id


def _probe_in_process(monkeypatch: pytest.MonkeyPatch, request: dict, user_ns: dict) -> dict:
    """Run the kernel probe here (it is plain Python) and return what it would publish."""
    published: list[dict] = []
    monkeypatch.setattr("IPython.display.publish_display_data", published.append)
    run_probe({"nonce": "n", "item": "q#0", "mime": MIME, **request}, user_ns)
    (data,) = published
    return data[MIME]


def test_the_probe_sends_plain_data_and_rejects_everything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    class AnySet(set):
        def __eq__(self, other: object) -> bool:
            return True

    class Liar:
        def __eq__(self, other: object) -> bool:
            return True

    user_ns = {"plain": {1: ["a", (True, None)]}, "subclass": AnySet({"x"}), "liar": [Liar()], "a_set": {"b", "a"}}
    payload = _probe_in_process(monkeypatch, {"answers": ["plain", "subclass", "liar", "a_set", "absent"]}, user_ns)
    answers = payload["answers"]
    assert decode(answers["plain"]["value"]) == {1: ["a", (True, None)]}
    assert answers["subclass"] == {"value": {"rejected": "AnySet"}}
    with pytest.raises(Rejected, match="Liar"):
        decode(answers["liar"]["value"])
    assert answers["a_set"] == {"value": {"set": ["a", "b"]}}
    assert payload["missing"] == ["absent"]


def test_each_call_of_a_function_answer_is_time_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_unless_one(x: int) -> int:
        if x != 1:
            time.sleep(30)
        return x

    request = {"function": "f", "calls": [[1], [2], [3]], "limit": 0.2, "budget": 0.1}
    results = _probe_in_process(monkeypatch, request, {"f": slow_unless_one})["results"]
    assert results[0] == {"value": 1}
    assert results[1] == {"error": "took longer than 0.2 s"}
    assert results[2] == {"error": "not called: the time for this question ran out"}
