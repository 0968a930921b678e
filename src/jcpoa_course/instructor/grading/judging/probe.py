"""The probe cell: what the kernel runs in place of a hidden check, and reading back what it sent.

:func:`probe_cell_source` writes the cell: the source of :func:`.kernel_probe.run_probe`, one
call per check, then the function's name deleted. Each call publishes one display output of
:data:`MIME` carrying the grader's *nonce*, a random token made after the student's code ran
(:func:`new_nonce`): :func:`read_payloads` takes only outputs that carry it, and a check with no
such output, or with more than one, counts as unreadable.
"""

from __future__ import annotations

import inspect
import json
import secrets
from functools import cache
from typing import Any

from nbformat.notebooknode import NotebookNode

from . import kernel_probe
from .checks import Check
from .wire import encode_inputs

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


def read_payloads(cell: NotebookNode, nonce: str) -> dict[str, dict]:
    """The payloads in a probe cell's outputs, by item; an item sent twice is dropped as forged."""
    found: dict[str, list[dict]] = {}
    for output in cell.get("outputs", []):
        payload = output.get("data", {}).get(MIME) if output.get("output_type") == "display_data" else None
        payload = json.loads(json.dumps(payload))  # plain dicts and lists again, not nbformat's nodes
        if isinstance(payload, dict) and payload.get("nonce") == nonce and isinstance(payload.get("item"), str):
            found.setdefault(payload["item"], []).append(payload)
    return {item: payloads[0] for item, payloads in found.items() if len(payloads) == 1}
