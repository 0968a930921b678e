"""The variable part of each varied question, one YAML file per assignment (``banks/``).

Two kinds, after PrairieLearn's ``generate(data)`` (parameters drawn from a seed; the key is
computed from them by the hidden check):

- ``choice``: the options of a multiple-choice or ordering question, in their canonical order
  (``a``, ``b``, ... as the source notebook's hidden check names them). A variant shows them in
  its own order under its own letters.
- ``pick``: a list of parameter sets (which entity, which instruments, which program ...),
  each a real question about the report of the same form; a variant gets one of them. A
  ``grid`` (values per parameter) stands for every combination of its values.

A choice question's options are labelled with one of :data:`LABEL_SETS` (four letters), or
numbered 1, 2, ... when ``numbered`` (a matching question of up to eight items).

The stem of the question stays in the notebook; only what varies lives here. Keys never do:
they are computed by the hidden checks, from the parameters, in the grader.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..data.loader import CourseDataError, load_items

BANKS = Path(str(resources.files(__package__))) / "banks"
# Label sets a choice question's letters come from: disjoint, without i, l and o (read as 1 and 0).
LABEL_SETS = ("abcd", "efgh", "jkmn", "pqrs", "tuvw")


class VariedQuestion(BaseModel):
    """One question's variable part."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^q\d+[a-z]?$")
    kind: Literal["choice", "pick"]
    options: tuple[str, ...] = ()
    numbered: bool = False
    choices: tuple[dict[str, Any], ...] = ()
    grid: dict[str, tuple[Any, ...]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> VariedQuestion:
        if self.kind == "choice":
            most = 8 if self.numbered else 4
            if not 2 <= len(self.options) <= most:
                raise ValueError(f"a choice question has 2 to {most} options")
            if len(set(self.options)) != len(self.options):
                raise ValueError("two options are the same")
            return self
        sets = self.parameter_sets
        if len(sets) < 2:
            raise ValueError("a pick question needs at least two parameter sets (choices or a grid) to vary")
        if len({repr(sorted(c.items())) for c in sets}) != len(sets):
            raise ValueError("two parameter sets are the same")
        return self

    @property
    def parameter_sets(self) -> tuple[dict[str, Any], ...]:
        """Every parameter set a pick question can draw: its choices, then its grid's combinations."""
        names = list(self.grid)
        combined = tuple(dict(zip(names, values, strict=True)) for values in product(*self.grid.values()))
        return self.choices + (combined if names else ())


@cache
def question_bank(assignment: str) -> dict[str, VariedQuestion]:
    """The varied questions of ``assignment`` by id; empty when it has no bank."""
    path = BANKS / f"{assignment}.yaml"
    if not path.is_file():
        return {}
    return {question.id: question for question in load_items(path, "questions", VariedQuestion)}


__all__ = ["BANKS", "LABEL_SETS", "CourseDataError", "VariedQuestion", "question_bank"]
