"""A source notebook's solutions, run in this process for a given variant, and judged.

The grader judges answers that left a kernel as plain data (:mod:`..grading.judging`). For
questions about the variants themselves (do the keys of two variants differ? does a classmate's
answer earn anything on mine?) no kernel is needed: the source notebook's own code, solutions
included, runs here with the variant pinned exactly as the grader pins it, each answer is read
as the kernel probe would send it (the same tagged plain data) and judged by the same
:class:`~..grading.judging.judge.Judge`. This is for the course's own trusted source notebooks,
never for a submission.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

from ...variants import Variant
from ...variants.identity import PIN_KEY, PIN_STUDENT
from ..grading.judging.checks import Check, hidden_checks
from ..grading.judging.judge import Judge
from ..grading.judging.keys import key_namespace
from ..grading.judging.wire import Rejected, decode, encode_inputs

Payloads = dict[str, dict]  # item ("q5-hidden#0") -> what the kernel probe would have sent


@dataclass(frozen=True)
class SourceNotebook:
    """The code cells a solution runs (every code cell but the checks) and the hidden checks."""

    code: tuple[str, ...]
    checks: dict[str, list[Check]]

    @classmethod
    def read(cls, path: Path) -> SourceNotebook:
        notebook = nbformat.read(Path(path), as_version=4)
        return cls(tuple(_runnable(notebook)), hidden_checks(notebook))

    def items(self) -> list[tuple[str, Check]]:
        """Every check, named as the grader names it: ``grade_id#number``."""
        return [(f"{cell}#{n}", check) for cell, checks in self.checks.items() for n, check in enumerate(checks)]


def _runnable(notebook: NotebookNode) -> list[str]:
    runnable = []
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and not meta.get("grade") and not meta.get("grade_id", "").endswith("-check"):
            runnable.append(cell.source)
    return runnable


@contextlib.contextmanager
def pinned(variant: Variant, key: bytes | None) -> Iterator[None]:
    """The environment the grader gives a kernel: the notebook computes ``variant``."""
    saved = {name: os.environ.get(name) for name in (PIN_STUDENT, PIN_KEY)}
    os.environ[PIN_STUDENT], os.environ[PIN_KEY] = variant.student, key.hex() if key else ""
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_solutions(source: SourceNotebook, variant: Variant, key: bytes | None) -> dict[str, Any]:
    """The namespace the source notebook leaves when run for ``variant`` (its output discarded).

    The notebook draws its variant from the pinned id, as in grading; ``variant`` then takes its
    place, so a variant made by hand (one question changed, :mod:`.coincidence`) is the one solved.
    """
    namespace: dict[str, Any] = {"__name__": "__main__"}
    with pinned(variant, key), contextlib.redirect_stdout(io.StringIO()):
        for code in source.code:
            exec(compile(code, "<source notebook>", "exec"), namespace)  # noqa: S102 - the course's own source
            if isinstance(namespace.get("variant"), Variant):
                namespace["variant"] = variant
    return namespace


def read_answers(source: SourceNotebook, namespace: dict[str, Any], variant: Variant) -> Payloads:
    """Each check's answer as the kernel probe would send it (functions called on the inputs)."""
    judge = Judge(key_namespace(variant))
    payloads: Payloads = {}
    for item, check in source.items():
        if check.function:
            function = namespace.get(check.function)
            results = [_call(function, args) for args in judge.inputs(check)]
            payloads[item] = {"results": results} if callable(function) else {"missing": [check.function]}
        else:
            missing = [name for name in check.answers if name not in namespace]
            payloads[item] = {"missing": missing, "answers": {
                name: {"value": encode_inputs(namespace[name])} for name in check.answers if name in namespace}}
    return payloads


def _call(function: Any, args: list[Any]) -> dict:
    try:
        return {"value": encode_inputs(function(*args))}
    except Exception as error:  # noqa: BLE001 - a failing call is an answer, as in the kernel
        return {"error": f"{type(error).__name__}: {error}"[:300]}


def judge_answers(source: SourceNotebook, payloads: Payloads, variant: Variant) -> dict[str, str | None]:
    """The verdict on each item for ``variant``'s keys: None when right, else the reason."""
    judge = Judge(key_namespace(variant))
    return {item: judge.verdict(check, payloads.get(item), judge.inputs(check) if check.function else None)
            for item, check in source.items()}


class ClassJudge:
    """Many students' answers judged under many variants, each verdict computed once.

    A check reads only its own question's parameters (``variant.q5...``), so the verdict on an
    answer depends on the answer and on that question's variant alone: a class of any size needs
    at most one verdict per answer and variant of the question, however many students share it.
    """

    def __init__(self, source: SourceNotebook) -> None:
        self.source = source
        self._judges: dict[str, Judge] = {}
        self._verdicts: dict[tuple[str, str, str], str | None] = {}

    def verdicts(self, payloads: Payloads, variant: Variant) -> dict[str, str | None]:
        """As :func:`judge_answers`, from the cache where the same answer met the same question variant."""
        found = {}
        for item, check in self.source.items():
            question = variant.questions.get(question_of(item))
            params = json.dumps(question.params if question else None, sort_keys=True, default=str)
            answer = json.dumps(payloads.get(item), sort_keys=True, default=str)
            if (item, params, answer) not in self._verdicts:
                judge = self._judges.setdefault(variant.code, Judge(key_namespace(variant)))
                inputs = judge.inputs(check) if check.function else None
                try:
                    self._verdicts[item, params, answer] = judge.verdict(check, payloads.get(item), inputs)
                except Exception as error:  # noqa: BLE001 - a forged answer the judge refuses is a wrong one
                    self._verdicts[item, params, answer] = f"could not be judged ({type(error).__name__})"
            found[item] = self._verdicts[item, params, answer]
        return found


def question_of(item: str) -> str:
    """``q5-hidden#0`` -> ``q5``: the bank's question an item belongs to."""
    return item.split("-", 1)[0].split("#", 1)[0]


def comparable(payload: dict | None) -> str:
    """An answer as text to compare: the same set sent in another order is the same answer."""
    if not payload:
        return "null"
    values = [*payload.get("answers", {}).values(), *payload.get("results", [])]
    try:
        return repr([_canonical(decode(value["value"])) if "value" in value else value for value in values])
    except (Rejected, TypeError, KeyError):
        return json.dumps(payload, sort_keys=True, default=str)


def _canonical(value: object) -> object:
    if isinstance(value, set):
        return ("set", sorted(repr(_canonical(item)) for item in value))
    if isinstance(value, dict):
        return ("dict", sorted((repr(_canonical(k)), repr(_canonical(v))) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_canonical(item) for item in value])
    return value
