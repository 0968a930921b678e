"""What was judged, as plain text the class report can count: the answer, the verdict, the inputs.

:class:`~.steps.JudgeAnswers` calls :func:`judged_check` for every check it judges, with the same
payload and verdict; the result goes to the answer store (:mod:`...class_report.store`). An
answer is kept as *canonical text* (a set's members sorted, a ``letter`` already normalised),
so two students who gave the same answer give the same text whatever order they typed it in.
Nothing of the student's but plain data reaches this module, and it never changes a verdict.
"""

from __future__ import annotations

from typing import Any

from ...class_report.store import InputOutcome, JudgedCheck
from .answer_types import WrongType
from .checks import Check
from .judge import Judge
from .wire import Rejected, decode

INPUT_CHARS = 160
NOT_RECORDED = "(not recorded)"


def judged_check(judge: Judge, check: Check, payload: dict | None, inputs: list[list[Any]] | None,
                 problem: str | None) -> JudgedCheck:
    """The record of one judged check; ``problem`` is the judge's verdict on it (None: right).

    Recording never changes grading: a payload this module cannot read (a forged one, say) is
    recorded as ``(not recorded)`` with the judge's verdict, and grading goes on."""
    base = {"subject": check.subject, "type": str(check.type), "right": problem is None, "reason": problem}
    try:
        return _record(judge, check, payload, inputs, base)
    except Exception:  # noqa: BLE001 - the verdict stands; only the record of the answer is lost
        return JudgedCheck(kind="function" if check.function else "answer", answer=NOT_RECORDED, **base)


def _record(judge: Judge, check: Check, payload: dict | None, inputs: list[list[Any]] | None,
            base: dict[str, Any]) -> JudgedCheck:
    if check.function:
        readable = payload is not None and not payload.get("missing")
        outcomes = judge.input_outcomes(check, payload.get("results", []), inputs or []) if readable else []
        recorded = tuple(InputOutcome(_call(args), outcome)
                         for args, outcome in zip(inputs or [], outcomes, strict=False))
        return JudgedCheck(kind="function", answer=_unreadable(payload), inputs=recorded, **base)
    if payload is None or payload.get("missing"):
        return JudgedCheck(kind="answer", answer=_unreadable(payload), **base)
    values = [_read(check, payload.get("answers", {}).get(name, {})) for name in check.answers]
    if len(values) == 1:
        value = values[0]
        elements = _elements(value)
        return JudgedCheck(kind="answer", answer=_text(value, check), elements=elements, **base)
    answer = ", ".join(f"{name}={_text(value, check)}" for name, value in zip(check.answers, values, strict=True))
    return JudgedCheck(kind="answer", answer=answer, **base)


def _call(args: list[Any]) -> str:
    """A hidden input as the arguments of the call, cut short if long (many nested objects)."""
    text = ", ".join(shown(arg) for arg in args)
    return text if len(text) <= INPUT_CHARS else text[: INPUT_CHARS - 1] + "…"


def _elements(value: Any) -> tuple[str, ...] | None:
    """The members of a container answer, for counting the wrong values students chose."""
    if isinstance(value, set):
        return tuple(sorted(shown(item) for item in value))
    if isinstance(value, (list, tuple)):
        return tuple(shown(item) for item in value)
    return None


def _unreadable(payload: dict | None) -> str | None:
    if payload is None:
        return "(not read)"
    if payload.get("missing"):
        return "(not defined)"
    return None


class _Refused:
    """An answer that is not of the check's type: counted by what it was instead."""

    def __init__(self, why: str) -> None:
        self.why = why


def _read(check: Check, sent: dict) -> Any:
    try:
        if "rejected" in sent:
            raise Rejected(sent["rejected"])
        if "value" not in sent:
            raise Rejected("nothing readable")
        return check.type.accept(decode(sent["value"]))
    except (Rejected, WrongType) as error:
        return _Refused(str(error).removeprefix("got "))


def _text(value: Any, check: Check) -> str:
    if isinstance(value, _Refused):
        return f"(wrong type: {value.why}, expected {check.type})"
    if isinstance(value, str) and check.type.name in ("letter", "str"):
        return value
    return shown(value)


def shown(value: Any) -> str:
    """Canonical text of plain data: like ``repr``, with set members and dict items sorted."""
    if isinstance(value, set):
        return "{" + ", ".join(sorted(shown(item) for item in value)) + "}" if value else "set()"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{shown(k)}: {shown(v)}" for k, v in value.items())) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(shown(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)
