"""Judging one check from the plain data the kernel probe sent: right, or why not.

Runs in the grader's process. The answer arrives as fresh built-in values (:mod:`.wire`), is
checked for its exact type (:mod:`.answer_types`), then compared with the key or tested against
the property, both computed here over the clean package (:mod:`.keys`). Messages are for the
student's feedback: they say what was wrong with the answer, never what the key is.
"""

from __future__ import annotations

from typing import Any

from .answer_types import WrongType
from .checks import Check
from .wire import Rejected, decode


class Judge:
    """Evaluates checks' expressions in one key namespace (one per notebook)."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace

    def inputs(self, check: Check) -> list[list[Any]]:
        """The argument lists a function answer is called with (computed here, sent to the kernel)."""
        calls = eval(check.calls, {**self.namespace}) if isinstance(check.calls, str) else check.calls  # noqa: S307
        return [list(args) for args in calls]

    def verdict(self, check: Check, payload: dict | None, inputs: list[list[Any]] | None = None) -> str | None:
        """None when the answer is right, otherwise the reason it earns nothing."""
        if payload is None:
            return f"{check.subject}: the answer could not be read from the notebook (see the grader's notes)"
        if payload.get("missing"):
            what = "a function" if check.function else "a value"
            return f"{', '.join(payload['missing'])} is not defined as {what}: run its answer cell"
        if check.function:
            return self._function_verdict(check, payload.get("results", []), inputs or [])
        for name in check.answers:
            problem = self._answer_verdict(check, name, payload.get("answers", {}).get(name, {}))
            if problem:
                return problem
        return None

    def _answer_verdict(self, check: Check, name: str, sent: dict) -> str | None:
        try:
            answer = self._typed(check, sent)
        except (Rejected, WrongType) as error:
            return f"{name} must be a {check.type}; {_got(error)}"
        try:
            right = self._holds(check, {"answer": answer})
        except Exception as error:  # noqa: BLE001 - e.g. an unknown id in the student's answer
            return f"{name}: not accepted ({type(error).__name__}: {str(error)[:200]})"
        return None if right else f"{name}: not the right answer"

    def _function_verdict(self, check: Check, results: list[dict], inputs: list[list[Any]]) -> str | None:
        if len(results) != len(inputs):
            return f"{check.function}: the answer could not be read from the notebook"
        errors, wrong = [], 0
        for args, sent in zip(inputs, results, strict=True):
            if "error" in sent:
                errors.append(str(sent["error"])[:200])
                continue
            try:
                result = self._typed(check, sent)
            except (Rejected, WrongType) as error:
                return f"{check.function} must return a {check.type}; {_got(error)}"
            try:
                wrong += not self._holds(check, {"result": result, "answer": result, "args": args})
            except Exception:  # noqa: BLE001 - a result the property cannot even examine is wrong
                wrong += 1
        total = len(inputs)
        if errors:
            return f"{check.function} failed on {len(errors)} of {total} hidden input(s), e.g. {errors[0]}"
        return f"{check.function}: wrong result on {wrong} of {total} hidden input(s)" if wrong else None

    def input_outcomes(self, check: Check, results: list[dict], inputs: list[list[Any]]) -> list[str]:
        """For the class report: ``right``, ``wrong`` or ``error`` per hidden input of a function
        answer, judged as :meth:`verdict` judges them (a result of the wrong type is wrong)."""
        outcomes = []
        for args, sent in zip(inputs, results, strict=False):
            if "error" in sent:
                outcomes.append("error")
                continue
            try:
                result = self._typed(check, sent)
                right = self._holds(check, {"result": result, "answer": result, "args": args})
            except Exception:  # noqa: BLE001 - wrong type, or a result the property cannot examine
                right = False
            outcomes.append("right" if right else "wrong")
        return outcomes

    def _typed(self, check: Check, sent: dict) -> Any:
        if "rejected" in sent:
            raise Rejected(sent["rejected"])
        if "value" not in sent:
            raise Rejected("nothing readable")
        return check.type.accept(decode(sent["value"]))

    def _holds(self, check: Check, bound: dict[str, Any]) -> bool:
        if check.verdict == "equals":
            return bound["answer"] == check.rule
        if check.verdict == "expect":
            return bound["answer"] == self._evaluate(check.rule, check, bound)
        return bool(self._evaluate(check.rule, check, bound))

    def _evaluate(self, expression: str, check: Check, bound: dict[str, Any]) -> Any:
        """The expression's value with the answer bound, after the check's ``where`` names."""
        scope = {**self.namespace, **bound}
        for name, text in check.where.items():
            scope[name] = eval(text, scope)  # noqa: S307 - the instructor's check, from the gradebook
        return eval(expression, scope)  # noqa: S307 - idem; evaluated over plain data only


def _got(error: Exception) -> str:
    text = str(error)
    return text if text.startswith("got ") else f"got {text}"
