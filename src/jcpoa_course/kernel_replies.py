"""A kernel client that never sleeps through a reply, and never chokes on a message.

nbclient waits for each cell's ``execute_reply`` with one long poll of the kernel's shell socket
(as long as the cell timeout, 120 s in the book). With the asyncio zmq sockets nbclient uses, that
poll now and then misses the wake-up of a reply that is already waiting: seen here after cells
that send many widget messages (the sanctions-wall explorer), in about one run of three. The
reply is then read only when the poll times out, so a cell that took 0.1 s is reported after
120 s, and nothing fails (nbclient issue #312 describes the same symptom).

Polling in short slices bounds such a miss to one slice. Everything the course runs notebooks with
(the self-check, the grader, the tests, the benchmarks) starts its kernels through
:class:`PromptKernelManager`. The book build cannot: myst-nb starts its own kernel manager and takes
none from its configuration, so a miss there would cost one cell timeout; its pages display each
widget once, and no build here has shown it.

The kernel runs a student's code, which may send anything down the channel: content nested
thousands of levels deep (after raising the kernel's recursion limit) makes the reader's
``json.loads`` raise ``RecursionError``, which would end the whole run. :class:`GuardedSession`
decodes each message part under a depth and size limit; a part it refuses becomes a stand-in
message of the same type that carries :data:`REFUSED_MIME` with the reason, so the notebook
runs on and the grader can say what it refused.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session
from traitlets import DottedObjectName, Type, default

POLL_SLICE = 0.25  # seconds: the most a missed wake-up can cost
REFUSED_MIME = "application/vnd.jcpoa.refused+json"
MAX_PART_BYTES = 64 * 1024 * 1024  # one message part; a cell's real outputs are far smaller
# Reading a message recurses once per level, and so do nbformat and the notebook writer after it:
# 200 levels stay well inside Python's recursion limit. Real outputs (charts, widgets) nest ~20.
MAX_PART_DEPTH = 200


class SlicedPollChannel(AsyncZMQSocketChannel):
    """A channel whose ``get_msg`` polls in slices of :data:`POLL_SLICE` up to the timeout."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SLICE if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(timeout=min(POLL_SLICE, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class RefusedPart(dict):
    """An empty stand-in for a message part that was not decoded; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def guarded(unpack: Any) -> Any:
    """``unpack`` that returns a :class:`RefusedPart` for a part too large or nested too deeply."""

    def unpack_guarded(part: bytes | str) -> Any:
        if len(part) > MAX_PART_BYTES:
            return RefusedPart(f"a message of {len(part) / 2**20:.0f} MiB, over the limit of "
                               f"{MAX_PART_BYTES / 2**20:.0f} MiB")
        opening = (b"[", b"{") if isinstance(part, bytes) else ("[", "{")
        if sum(part.count(bracket) for bracket in opening) <= MAX_PART_DEPTH:
            return unpack(part)  # cannot nest deeper than it has brackets: the usual, quick case
        try:
            value = unpack(part)
        except RecursionError:
            value = None
        else:
            if nesting_depth(value, MAX_PART_DEPTH) <= MAX_PART_DEPTH:
                return value
        return RefusedPart("a message nested too deeply to read")

    return unpack_guarded


def nesting_depth(value: Any, stop_after: int) -> int:
    """How deeply ``value`` nests lists and dicts, counted without recursion (it may be very deep);
    the count stops a level past ``stop_after``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            if level > stop_after:
                break
            stack += [(child, level + 1) for child in (item.values() if isinstance(item, dict) else item)]
    return deepest


def stand_in_content(reason: str) -> dict[str, Any]:
    """Content any reader of any message type can take: an output that names the refusal, no state."""
    note = f"[the grader refused a message from the kernel: {reason}]"
    return {"data": {REFUSED_MIME: {"refused": reason}, "text/plain": note}, "metadata": {}, "transient": {},
            "execution_count": None, "name": "stderr", "text": note + "\n", "ename": "RefusedMessage",
            "evalue": reason, "traceback": [note], "status": "error", "execution_state": "busy"}


class GuardedSession(Session):
    """A :class:`~jupyter_client.session.Session` whose reading side refuses what it cannot decode safely."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unpack = guarded(self.unpack)

    def deserialize(self, msg_list: list, content: bool = True, copy: bool = True) -> dict[str, Any]:
        message = super().deserialize(msg_list, content=content, copy=copy)
        if isinstance(message.get("content"), RefusedPart):
            message["content"] = stand_in_content(message["content"].reason)
        return message


class PromptKernelClient(AsyncKernelClient):
    """An async kernel client that reads shell, iopub and control messages in slices."""

    shell_channel_class = Type(SlicedPollChannel)
    iopub_channel_class = Type(SlicedPollChannel)
    control_channel_class = Type(SlicedPollChannel)


class PromptKernelManager(AsyncKernelManager):
    """An async kernel manager whose clients are :class:`PromptKernelClient`."""

    client_class = DottedObjectName(f"{__name__}.PromptKernelClient")
    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient)

    @default("session")
    def _guarded_session(self) -> GuardedSession:
        return GuardedSession(parent=self)
