"""A hidden check, written declaratively in the hidden-test region of a test cell.

The region holds one Python literal: a dict, or a list of dicts that must all pass. Nothing in it
runs in the student's kernel; the grader reads it from the gradebook's copy of the source notebook
and judges the answer the kernel probe sends out. A check names *what* to read and *what is right*:

- ``"answer": "q5_left"`` (a name, or a list of names) or ``"function": "layers_to_lift"``
  with ``"calls"``: the argument lists to call it with (a literal, or an expression);
- ``"type"``: the type each answer (or each result) must have exactly (:mod:`.answer_types`);
- exactly one of ``"equals"`` (a literal), ``"expect"`` (an expression giving the right value)
  or ``"holds"`` (an expression that must be true of ``answer``, or of ``result`` and ``args``);
- optionally ``"where"``: names bound to expressions first (the answer already bound), for use
  in the verdict; ``calls`` sees the course package only.

Expressions are evaluated in the grader's own process, over the clean course package
(:mod:`.keys`), with the student's answer bound as fresh plain data.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from nbformat.notebooknode import NotebookNode

from .answer_types import AnswerType, BadTypeSpec, parse_type

HIDDEN_REGION = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n(.*?)^[ \t]*### END HIDDEN TESTS", re.S | re.M)
VERDICTS = ("equals", "expect", "holds")
KNOWN_FIELDS = {"answer", "function", "calls", "type", "where", *VERDICTS}


class BadCheck(ValueError):
    """A hidden check that cannot be judged as written: the message names the cell and the field."""


@dataclass(frozen=True)
class Check:
    """One declarative check of a graded cell."""

    cell: str
    answers: tuple[str, ...]
    function: str | None
    type: AnswerType
    verdict: str  # "equals", "expect" or "holds"
    rule: Any  # the literal (equals) or the expression's source text
    calls: Any = None  # a literal list of argument lists, or an expression's source text
    where: dict[str, str] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return self.function or ", ".join(self.answers)


def hidden_region(source: str) -> str | None:
    """The text between the hidden-test markers, or None when the cell has none."""
    match = HIDDEN_REGION.search(source)
    return match.group(1) if match else None


def is_declarative(source: str) -> bool:
    """True when the cell's hidden region is written as a check (it opens with ``{`` or ``[``),
    not as assert statements that run in the kernel. A check that then fails to parse is an
    error (:func:`parse_checks`), not quietly run as code."""
    region = hidden_region(source)
    if region is None:
        return False
    code = [line for line in region.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return bool(code) and code[0].lstrip().startswith(("{", "["))


def hidden_checks(notebook: NotebookNode) -> dict[str, list[Check]]:
    """Every declarative check of a source notebook, by grade id (:class:`BadCheck` if malformed)."""
    found = {}
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id and cell.cell_type == "code" and is_declarative(cell.source):
            found[grade_id] = parse_checks(grade_id, cell.source)
    return found


def parse_checks(cell: str, source: str) -> list[Check]:
    """The checks of graded cell ``cell``; :class:`BadCheck` if they are not written as above."""
    region = hidden_region(source)
    if region is None:
        raise BadCheck(f"{cell}: no hidden-test region")
    try:
        literal = ast.literal_eval(region.strip())
    except (ValueError, SyntaxError) as error:
        raise BadCheck(f"{cell}: the hidden check is not a Python literal ({error})") from error
    items = literal if isinstance(literal, list) else [literal]
    if not items or not all(isinstance(item, dict) for item in items):
        raise BadCheck(f"{cell}: a hidden check is a dict, or a non-empty list of dicts")
    return [_check(cell, item) for item in items]


def _check(cell: str, item: dict) -> Check:
    unknown = sorted(set(item) - KNOWN_FIELDS)
    if unknown:
        raise BadCheck(f"{cell}: unknown field(s) {unknown}; known: {sorted(KNOWN_FIELDS)}")
    if ("answer" in item) == ("function" in item):
        raise BadCheck(f"{cell}: give exactly one of 'answer' and 'function'")
    if ("function" in item) != ("calls" in item):
        raise BadCheck(f"{cell}: 'calls' goes with 'function', and a function needs it")
    verdicts = [name for name in VERDICTS if name in item]
    if len(verdicts) != 1:
        raise BadCheck(f"{cell}: give exactly one of {', '.join(VERDICTS)}")
    answers = item.get("answer", ())
    answers = (answers,) if isinstance(answers, str) else tuple(answers)
    where = item.get("where", {})
    for name, text in [*where.items(), *_expressions(item, verdicts[0])]:
        _compiles(cell, name, text)
    try:
        answer_type = parse_type(item.get("type", "any"))
    except BadTypeSpec as error:
        raise BadCheck(f"{cell}: {error}") from error
    return Check(cell, answers, item.get("function"), answer_type, verdicts[0], item[verdicts[0]],
                 item.get("calls"), dict(where))


def _expressions(item: dict, verdict: str) -> list[tuple[str, str]]:
    found = [(verdict, item[verdict])] if verdict != "equals" else []
    if isinstance(item.get("calls"), str):
        found.append(("calls", item["calls"]))
    return found


def _compiles(cell: str, name: str, text: Any) -> None:
    if not isinstance(text, str):
        raise BadCheck(f"{cell}: '{name}' must be an expression, written as a string")
    try:
        compile(text, f"<{cell}: {name}>", "eval")
    except SyntaxError as error:
        raise BadCheck(f"{cell}: '{name}' is not a valid expression ({error.msg})") from error
