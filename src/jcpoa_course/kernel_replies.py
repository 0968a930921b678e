"""A kernel client that never sleeps through a reply that has already arrived.

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
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Type

POLL_SLICE = 0.25  # seconds: the most a missed wake-up can cost


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


class PromptKernelClient(AsyncKernelClient):
    """An async kernel client that reads shell, iopub and control messages in slices."""

    shell_channel_class = Type(SlicedPollChannel)
    iopub_channel_class = Type(SlicedPollChannel)
    control_channel_class = Type(SlicedPollChannel)


class PromptKernelManager(AsyncKernelManager):
    """An async kernel manager whose clients are :class:`PromptKernelClient`."""

    client_class = DottedObjectName(f"{__name__}.PromptKernelClient")
    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient)
