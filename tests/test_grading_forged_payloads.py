"""No submission can make its own grading fail: forged answer payloads are data the grader refuses.

A student's code runs in the kernel before the probes do, so it can replace what a probe
publishes: with data nested thousands of levels deep (after raising the kernel's recursion
limit, which once ended the grading run with ``RecursionError``), with tens of megabytes, or
with something not shaped like an answer at all. Each is refused where it arrives (the kernel
client, :mod:`jcpoa_course.kernel_replies`; the payload reader, :func:`wire.read_payload`): that
question scores 0, the grader's notes say why, and the rest of the notebook is graded. The same
for `jcpoa-course grade` and `jcpoa-course autograde`.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from jupyter_client.session import Session
from nbformat.v4 import new_code_cell, new_output
from nbgrader.api import Gradebook

from jcpoa_course.instructor.course import locate_course
from jcpoa_course.instructor.grading.judging.probe import MIME, read_payloads
from jcpoa_course.instructor.grading.judging.wire import MAX_DEPTH, Rejected, read_payload
from jcpoa_course.instructor.grading.pool import ParallelGrader
from jcpoa_course.instructor.nbgrader_steps import autograde, generate_assignment
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission
from jcpoa_course.instructor.workflow_commands import grader_notes
from jcpoa_course.kernel_replies import REFUSED_MIME, GuardedSession

pytestmark = pytest.mark.grading

ASSIGNMENT = "sanctions-wall"
FORGED_POINTS = 4  # q1-q4, one point each
NONCE = "f" * 32

# Put after the right answers: replaces what four probes publish, leaves the others alone.
FORGERY = '''
import sys
import IPython.display as display_module
sys.setrecursionlimit(100_000)
real_publish = display_module.publish_display_data

def nested(levels):
    value = "b"
    for _ in range(levels):
        value = {"list": [value]}
    return value

def forged(data, *args, **kwargs):
    for payload in data.values():
        item = payload.get("item") if isinstance(payload, dict) else None
        if item == "q1-hidden#0":    # deeper than the grader's JSON reader can go
            payload["answers"] = {name: {"value": nested(20_000)} for name in payload["answers"]}
        elif item == "q2-hidden#0":  # larger than any answer
            payload["answers"] = {name: {"value": "x" * 11_000_000} for name in payload["answers"]}
        elif item == "q3-hidden#0":  # not shaped as an answer
            payload["answers"] = ["not", "an", "answer"]
        elif item == "q4-hidden#0":  # readable JSON, deeper than any answer
            payload["answers"] = {name: {"value": nested(60)} for name in payload["answers"]}
    real_publish(data, *args, **kwargs)

display_module.publish_display_data = forged
'''
EXPECTED_NOTES = {
    "q1-hidden": "it sent a message nested too deeply to read, refused as tampered (scored 0)",
    "q2-hidden": "refused as tampered: more than the 10,000,000 characters an answer may take (scored 0)",
    "q3-hidden": "refused as tampered: its answers are malformed (scored 0)",
    "q4-hidden": f"refused as tampered: nested more than {MAX_DEPTH} levels deep (scored 0)",
}


def nested(levels: int) -> object:
    value: object = "b"
    for _ in range(levels):
        value = {"list": [value]}
    return value


def probe_output(payload: dict) -> dict:
    return new_output("display_data", data={MIME: payload})


@pytest.mark.parametrize(("answers", "reason"), [
    ({"q1_answer": {"value": nested(MAX_DEPTH + 5)}}, "nested more than"),
    ({"q1_answer": {"value": "x" * 10_000_001}}, "characters an answer may take"),
    (["q1_answer"], "answers are malformed"),
    ({"q1_answer": "b"}, "answers are malformed"),
    ({"q1_answer": {"value": "b", "error": "x"}}, "answers are malformed"),
])
def test_the_payload_reader_refuses_what_the_probe_never_sends(answers: object, reason: str) -> None:
    payload = {"nonce": NONCE, "item": "q1-hidden#0", "answers": answers}
    with pytest.raises(Rejected, match=reason):
        read_payload(payload)
    received = read_payloads(new_code_cell(outputs=[probe_output(payload)]), NONCE)
    assert received.payloads == {} and reason in received.unreadable("q1-hidden#0")


def test_the_payload_reader_takes_what_the_probe_sends() -> None:
    payload = {"nonce": NONCE, "item": "q5-hidden#0", "missing": [],
               "answers": {"q5_left": {"value": {"set": ["a", "b"]}}, "q5_other": {"rejected": "AnySet"}}}
    received = read_payloads(new_code_cell(outputs=[probe_output(payload)]), NONCE)
    assert received.payloads == {"q5-hidden#0": payload}


def test_the_kernel_client_refuses_a_message_too_deep_to_decode() -> None:
    """The message a tampered kernel sends, read by the grader's session: a stand-in, not a RecursionError."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)  # as the student's kernel did, to build and send it
    try:
        sender = Session(key=b"k")
        wire = sender.serialize(sender.msg("display_data", content={"data": {MIME: nested(20_000)}, "metadata": {}}))
    finally:
        sys.setrecursionlimit(limit)
    with pytest.raises(RecursionError):
        Session(key=b"k").deserialize(wire[1:])  # what stopped the grading run before
    message = GuardedSession(key=b"k").deserialize(wire[1:])
    assert message["msg_type"] == "display_data" and MIME not in message["content"]["data"]
    assert "nested too deeply" in message["content"]["data"][REFUSED_MIME]["refused"]
    json.dumps(message["content"])  # the stand-in is plain data


@pytest.fixture(scope="module")
def forged_submission(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One right notebook whose probes for q1-q4 are forged, graded by `grade` and then by `autograde`."""
    course = scratch_course(locate_course(), tmp_path_factory.mktemp("forged") / "assignments")
    assert generate_assignment(course, ASSIGNMENT).ok
    released = course.notebooks(ASSIGNMENT, "release")[0]
    answers = solution_answers(course.root / "source" / ASSIGNMENT / released.name)
    answers["q1-answer"] = FORGERY + "\n" + answers["q1-answer"]  # before every probe
    target = course.root / "submitted" / "forger" / ASSIGNMENT / released.name
    synthetic_submission(released, answers, target)
    (target.parent / "timestamp.txt").write_text("2026-11-20 10:00:00 UTC")
    report = ParallelGrader(course.root, ASSIGNMENT).run(progress=False)
    parallel = {"line": report.results[0].line(), "status": report.results[0].status,
                "score": _score(course.db_url)}
    with Gradebook(course.db_url, "jcpoa-course") as gradebook:
        gradebook.remove_submission(ASSIGNMENT, "forger")
    shutil.rmtree(course.root / "autograded")
    step = autograde(course, ASSIGNMENT)
    return {"grade": parallel, "autograde": {"step": step, "score": _score(course.db_url),
                                            "notes": grader_notes(course, ASSIGNMENT).get("forger", [])}}


def _score(db_url: str) -> tuple[float, float]:
    """The submission's score and the most its autograded cells can give."""
    with Gradebook(db_url, "jcpoa-course") as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, "forger")
        return submission.score, submission.max_code_score


def test_grade_scores_the_forged_questions_0_and_grades_the_rest(forged_submission: dict) -> None:
    run = forged_submission["grade"]
    assert run["status"] == "graded", run["line"]
    score, full_marks = run["score"]
    assert score == full_marks - FORGED_POINTS, run["line"]
    for cell, note in EXPECTED_NOTES.items():
        assert f"{cell}: the answer" in run["line"] and note in run["line"], run["line"]
    assert "Traceback" not in run["line"] and "RecursionError" not in run["line"]


def test_autograde_scores_the_forged_questions_0_and_grades_the_rest(forged_submission: dict) -> None:
    run = forged_submission["autograde"]
    assert run["step"].ok and not run["step"].failed_students, run["step"].log[-3000:]
    score, full_marks = run["score"]
    assert score == full_marks - FORGED_POINTS
    notes = " | ".join(run["notes"])
    for cell, note in EXPECTED_NOTES.items():
        assert any(line.startswith(cell) and note in line for line in run["notes"]), notes
    assert "RecursionError" not in run["step"].log
