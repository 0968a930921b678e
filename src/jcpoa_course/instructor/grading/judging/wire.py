"""Plain data across the kernel boundary, in the grader's process.

The kernel probe (:mod:`.kernel_probe`) publishes values in a small tagged JSON form:
scalars as themselves, containers as ``{"list": [...]}``, ``{"tuple": [...]}``,
``{"set": [...]}``, ``{"dict": [[key, value], ...]}``, and anything else as
``{"rejected": "<type name>"}``. :func:`decode` rebuilds fresh built-in values from it and
refuses everything else, so no object of the student's ever reaches the judge.
:func:`encode_inputs` goes the other way, for the inputs a function answer is called with.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

SCALARS = (type(None), bool, int, float, str)
CONTAINERS = {"list": list, "tuple": tuple, "set": set}


class Rejected(ValueError):
    """A value the kernel could not send as plain data; the message names what it was."""


def decode(wire: Any) -> Any:
    """The built-in value ``wire`` stands for; :class:`Rejected` for anything not plain data."""
    if type(wire) in SCALARS:
        return wire
    if type(wire) is not dict or len(wire) != 1:
        raise Rejected(f"malformed value {str(wire)[:60]!r}")
    ((tag, items),) = wire.items()
    if tag == "rejected":
        raise Rejected(str(items)[:100])
    if tag == "dict" and type(items) is list:
        return {_key(decode(pair[0])): decode(pair[1]) for pair in _pairs(items)}
    if tag in CONTAINERS and type(items) is list:
        values = [decode(item) for item in items]
        return {_key(v) for v in values} if tag == "set" else CONTAINERS[tag](values)
    raise Rejected(f"malformed value tagged {tag!r}")


def _pairs(items: list) -> list[list]:
    if not all(type(pair) is list and len(pair) == 2 for pair in items):
        raise Rejected("malformed dict")
    return items


def _key(value: Any) -> Any:
    """A set member or dict key must be hashable; lists arrive as lists, so say so."""
    try:
        hash(value)
    except TypeError as error:
        raise Rejected("unhashable key") from error
    return value


def encode_inputs(value: Any) -> Any:
    """The tagged form of an input (plain data, or a SimpleNamespace of plain data) for the kernel."""
    if type(value) in SCALARS:
        return value
    if isinstance(value, SimpleNamespace):
        return {"object": {name: encode_inputs(item) for name, item in vars(value).items()}}
    if isinstance(value, dict):
        return {"dict": [[encode_inputs(k), encode_inputs(v)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        return {"set": [encode_inputs(item) for item in value]}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__ if type(value) in (list, tuple) else "list": [encode_inputs(i) for i in value]}
    raise TypeError(f"a hidden check's input must be plain data or a SimpleNamespace, not {type(value).__name__}")
