"""What grading records for the class report, from the payloads the kernel probe sends (no kernel).

The record is canonical text: a letter normalised, a set's members sorted, a function's outcome
per hidden input. A payload the recorder cannot read (a forged one) is recorded as such, with
the judge's verdict unchanged: recording never breaks grading.
"""

from __future__ import annotations

import pytest

from jcpoa_course.instructor.grading.judging.checks import parse_checks
from jcpoa_course.instructor.grading.judging.judge import Judge
from jcpoa_course.instructor.grading.judging.keys import key_namespace
from jcpoa_course.instructor.grading.judging.record import NOT_RECORDED, judged_check


@pytest.fixture(scope="module")
def judge() -> Judge:
    return Judge(key_namespace())


def check(source: str):  # noqa: ANN201 - a Check
    (parsed,) = parse_checks("q", f"### BEGIN HIDDEN TESTS\n{source}\n### END HIDDEN TESTS")
    return parsed


def record(judge: Judge, source: str, payload: dict | None, inputs: list | None = None):  # noqa: ANN201
    the_check = check(source)
    return judged_check(judge, the_check, payload, inputs, judge.verdict(the_check, payload, inputs))


def test_a_letter_is_recorded_normalised(judge: Judge) -> None:
    recorded = record(judge, '{"answer": "a1", "type": "letter", "equals": "c"}', {"answers": {"a1": {"value": " C "}}})
    assert (recorded.answer, recorded.right, recorded.kind) == ("c", True, "answer")


def test_a_set_is_recorded_with_its_members_sorted(judge: Judge) -> None:
    payload = {"answers": {"s": {"value": {"set": ["z", "a"]}}}}
    recorded = record(judge, '{"answer": "s", "type": "set[str]", "equals": {"a"}}', payload)
    assert (recorded.answer, recorded.elements, recorded.right) == ("{'a', 'z'}", ("'a'", "'z'"), False)


def test_wrong_types_and_missing_answers_are_named(judge: Judge) -> None:
    wrong = record(judge, '{"answer": "n", "type": "int", "equals": 3}', {"answers": {"n": {"value": "3"}}})
    assert wrong.answer == "(wrong type: str, expected int)" and not wrong.right
    missing = record(judge, '{"answer": "n", "type": "int", "equals": 3}', {"missing": ["n"]})
    assert missing.answer == "(not defined)"
    unread = record(judge, '{"answer": "n", "type": "int", "equals": 3}', None)
    assert unread.answer == "(not read)" and unread.reason


def test_a_function_records_each_hidden_input(judge: Judge) -> None:
    source = '{"function": "f", "calls": [[1], [2], [3]], "type": "int", "expect": "args[0] * 2"}'
    payload = {"results": [{"value": 2}, {"value": 5}, {"error": "ValueError: no"}]}
    recorded = record(judge, source, payload, [[1], [2], [3]])
    assert [(o.input, o.outcome) for o in recorded.inputs] == [("1", "right"), ("2", "wrong"), ("3", "error")]
    assert not recorded.right


@pytest.mark.parametrize("payload", [
    {"answers": ["not", "a", "dict"]},
    {"answers": {"a1": ["value", 1]}},
    {"answers": {"a1": {"value": {"set": [[1]]}}}},
    {"missing": "a1", "answers": 5},
], ids=["answers-a-list", "answer-a-list", "unhashable-member", "missing-a-string"])
def test_a_forged_payload_never_breaks_grading(judge: Judge, payload: dict) -> None:
    the_check = check('{"answer": "a1", "type": "any", "equals": 1}')
    try:
        problem = judge.verdict(the_check, payload, None)
    except Exception:  # noqa: BLE001 - the judge's own hardening is another issue (h19); here: the recorder
        problem = "the judge refused it"
    recorded = judged_check(judge, the_check, payload, None, problem)
    assert recorded.right is (problem is None)
    assert recorded.answer is not None and (recorded.answer.startswith("(") or recorded.answer == NOT_RECORDED)
