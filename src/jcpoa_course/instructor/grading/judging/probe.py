"""The probe cell: what the kernel runs in place of a hidden check, and reading back what it sent.

:func:`probe_cell_source` writes the cell: the source of :func:`.kernel_probe.run_probe`, one
call per check, then the function's name deleted. Each call publishes one display output of
:data:`MIME` carrying the grader's *nonce*, a random token made after the student's code ran
(:func:`new_nonce`): :func:`read_payloads` takes only outputs that carry it, and a check with no
such output, or with more than one, counts as unreadable. A payload that carries the nonce but
not the probe's shape (too deep, too large, malformed: the student's code replaced it) is refused
with the reason (:func:`.wire.read_payload`), and so is every answer of a cell in which the kernel
client refused a message (:data:`~jcpoa_course.kernel_replies.REFUSED_MIME`).
"""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from nbformat.notebooknode import NotebookNode

from ....kernel_replies import REFUSED_MIME
from . import kernel_probe
from .checks import Check
from .wire import Rejected, encode_inputs, read_payload

MIME = "application/vnd.jcpoa.answer+json"
PER_CALL_SECONDS = 2.0


def new_nonce() -> str:
    return secrets.token_hex(16)


def probe_request(check: Check, item: str, nonce: str, inputs: list[list[Any]] | None, budget: float) -> dict:
    """What one check asks of the kernel: names to read, or a function and its inputs."""
    request: dict[str, Any] = {"nonce": nonce, "item": item, "mime": MIME}
    if check.function:
        request |= {"function": check.function, "calls": [[encode_inputs(a) for a in args] for args in inputs or []],
                    "limit": PER_CALL_SECONDS, "budget": budget}
    else:
        request["answers"] = list(check.answers)
    return request


@cache
def _probe_function_source() -> str:
    return inspect.getsource(kernel_probe.run_probe)


def probe_cell_source(requests: list[dict]) -> str:
    """The code of a probe cell (sent as text: the kernel imports nothing of the grader's)."""
    calls = "\n".join(f"run_probe({request!r}, globals())" for request in requests)
    return f"{_probe_function_source()}\n{calls}\ndel run_probe\n"


@dataclass
class Received:
    """What one probe cell sent: readable payloads by item, and why the others cannot be read."""

    payloads: dict[str, dict] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)  # item -> what was wrong with its payload
    refused_messages: list[str] = field(default_factory=list)  # messages of the cell the client refused

    def unreadable(self, item: str) -> str:
        """The grader's note for an item with no readable payload."""
        if item in self.refused:
            return f"the answer sent from the kernel was refused as tampered: {self.refused[item]} (scored 0)"
        if self.refused_messages:
            return (f"the answer could not be read from the kernel: it sent {self.refused_messages[0]}, refused as "
                    "tampered (scored 0)")
        return "the answer could not be read from the kernel (scored 0)"


def read_payloads(cell: NotebookNode, nonce: str) -> Received:
    """The payloads in a probe cell's outputs, by item; an item sent twice is dropped as forged."""
    found: dict[str, list[dict]] = {}
    received = Received()
    for output in cell.get("outputs", []):
        data = output.get("data", {}) if output.get("output_type") == "display_data" else {}
        if isinstance(data.get(REFUSED_MIME), Mapping):
            received.refused_messages.append(str(data[REFUSED_MIME].get("refused", "a message it could not read")))
        raw = data.get(MIME)
        if not isinstance(raw, Mapping) or raw.get("nonce") != nonce or not isinstance(raw.get("item"), str):
            continue
        try:
            found.setdefault(raw["item"], []).append(read_payload(raw))
        except Rejected as reason:
            received.refused[raw["item"]] = str(reason)
    received.payloads = {item: payloads[0] for item, payloads in found.items()
                         if len(payloads) == 1 and item not in received.refused}
    return received
