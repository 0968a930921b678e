"""The type an answer must have, written in a hidden check as in a type hint: ``"set[str]"``.

Names: ``str``, ``int``, ``float`` (an ``int`` is accepted too), ``bool``, ``None``, ``any``, and
``letter``: a ``str`` compared without surrounding spaces and case (``" B"`` is ``"b"``).
Containers: ``list[T]``, ``tuple[T]`` (any length), ``set[T]``, ``dict[K, V]``.

:meth:`AnswerType.accept` checks a decoded value *exactly* (a ``bool`` is not an ``int``, a
``list`` not a ``set``) and returns it normalised, or raises :class:`WrongType` with a message
for the student: "q5_left must be a set[str]; got list".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

SCALAR_NAMES = {"str": str, "int": int, "bool": bool, "None": type(None), "letter": str, "float": float}
CONTAINER_NAMES = {"list": list, "tuple": tuple, "set": set, "dict": dict}


class WrongType(ValueError):
    """The answer has another type than the check asks for."""


class BadTypeSpec(ValueError):
    """The hidden check's type is not written in the form above (an authoring error)."""


@dataclass(frozen=True)
class AnswerType:
    """One node of a parsed type: a name, and the types of its items for a container."""

    name: str
    items: tuple[AnswerType, ...] = ()

    def __str__(self) -> str:
        return self.name if not self.items else f"{self.name}[{', '.join(map(str, self.items))}]"

    def accept(self, value: Any) -> Any:
        """``value`` normalised if it has this type exactly; otherwise :class:`WrongType`."""
        if self.name == "any":
            return value
        if self.name in SCALAR_NAMES:
            return self._scalar(value)
        if type(value) is not CONTAINER_NAMES[self.name]:
            raise WrongType(f"got {_kind(value)}")
        if self.name == "dict":
            key_type, value_type = self.items
            return {key_type.accept(k): value_type.accept(v) for k, v in value.items()}
        (item_type,) = self.items
        return type(value)(item_type.accept(item) for item in value)

    def _scalar(self, value: Any) -> Any:
        if self.name == "float" and type(value) is int:
            return float(value)
        if type(value) is not SCALAR_NAMES[self.name]:
            raise WrongType(f"got {_kind(value)}")
        return value.strip().lower() if self.name == "letter" else value


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def parse_type(text: str) -> AnswerType:
    """Parse ``"dict[int, str]"`` and the like; :class:`BadTypeSpec` names what is wrong."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as error:
        raise BadTypeSpec(f"type {text!r} is not written like a type hint") from error
    return _node(tree, text)


def _node(node: ast.expr, text: str) -> AnswerType:
    if isinstance(node, ast.Name) and (node.id in SCALAR_NAMES or node.id == "any"):
        return AnswerType(node.id)
    if isinstance(node, ast.Constant) and node.value is None:
        return AnswerType("None")
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in CONTAINER_NAMES:
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        wanted = 2 if node.value.id == "dict" else 1
        if len(args) != wanted:
            raise BadTypeSpec(f"type {text!r}: {node.value.id}[...] takes {wanted} type(s)")
        return AnswerType(node.value.id, tuple(_node(arg, text) for arg in args))
    known = ", ".join([*SCALAR_NAMES, "any", *(f"{name}[...]" for name in CONTAINER_NAMES)])
    raise BadTypeSpec(f"type {text!r}: unknown; use {known}")
