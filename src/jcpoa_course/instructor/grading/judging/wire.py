"""Plain data across the kernel boundary, in the grader's process.

The kernel probe (:mod:`.kernel_probe`) publishes values in a small tagged JSON form:
scalars as themselves, containers as ``{"list": [...]}``, ``{"tuple": [...]}``,
``{"set": [...]}``, ``{"dict": [[key, value], ...]}``, and anything else as
``{"rejected": "<type name>"}``. :func:`decode` rebuilds fresh built-in values from it and
refuses everything else, so no object of the student's ever reaches the judge.
:func:`encode_inputs` goes the other way, for the inputs a function answer is called with.

Before any of that, :func:`payload_problem` holds a whole payload to the shape the probe sends
(:mod:`.kernel_probe`), within a depth and a size, without recursing: whatever else arrives was
made by the student's code, and is refused with a reason instead of reaching the judge.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from ....kernel_replies import nesting_depth

SCALARS = (type(None), bool, int, float, str)
CONTAINERS = {"list": list, "tuple": tuple, "set": set}
# The probe sends values at most 20 containers deep (a dict level is 3 levels of tagged form)
# and 1,000,000 characters of text: anything beyond these is not the probe's.
MAX_DEPTH = 100
MAX_PAYLOAD_CHARS = 10_000_000
PAYLOAD_KEYS = {"nonce", "item", "missing", "answers", "results"}
SENT_KEYS = {"value", "rejected", "error"}


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


def read_payload(raw: Any) -> dict:
    """``raw`` as plain dicts and lists, if shaped as the probe sends an answer; else :class:`Rejected`
    naming what is wrong (for the grader's notes). Depth is measured before anything recurses."""
    if nesting_depth(raw, MAX_DEPTH) > MAX_DEPTH:
        raise Rejected(f"nested more than {MAX_DEPTH} levels deep")
    text = json.dumps(raw)
    if len(text) > MAX_PAYLOAD_CHARS:
        raise Rejected(f"more than the {MAX_PAYLOAD_CHARS:,} characters an answer may take")
    payload = json.loads(text)  # plain dicts and lists, not nbformat's nodes
    if type(payload) is not dict or not set(payload) <= PAYLOAD_KEYS:
        raise Rejected("not shaped as the grader's probe sends an answer")
    missing, answers, results = payload.get("missing", []), payload.get("answers", {}), payload.get("results", [])
    if type(missing) is not list or not all(type(name) is str for name in missing):
        raise Rejected("its list of missing names is malformed")
    if type(answers) is not dict or not all(_is_sent(sent) for sent in answers.values()):
        raise Rejected("its answers are malformed")
    if type(results) is not list or not all(_is_sent(sent) for sent in results):
        raise Rejected("its results are malformed")
    return payload


def _is_sent(sent: Any) -> bool:
    """One value as the probe sends it: ``{"value": ...}``, ``{"rejected": "..."}`` or ``{"error": "..."}``."""
    if type(sent) is not dict or len(sent) != 1 or not set(sent) <= SENT_KEYS:
        return False
    ((key, item),) = sent.items()
    return key == "value" or type(item) is str


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
