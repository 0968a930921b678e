"""The sliced reply wait keeps the meaning of a timed wait: a message comes at once, none means Empty.

The missed wake-up itself is timing-dependent (see :mod:`jcpoa_course.kernel_replies`); the live
widget tests run through this client and show it in their durations, not in an assertion.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from queue import Empty
from typing import TypeVar

import pytest
import zmq
import zmq.asyncio
from jupyter_client.session import Session

from jcpoa_course.kernel_replies import POLL_SLICE, PromptKernelManager, SlicedPollChannel

T = TypeVar("T")


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    """Run a scenario in its own thread and event loop (the browser tests leave one running here)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(scenario())).result()


def channel_pair(name: str) -> tuple[zmq.Socket, SlicedPollChannel, Session]:
    """A sending socket and a sliced channel reading from it, over an in-process pair."""
    context = zmq.asyncio.Context.instance()
    sender = context.socket(zmq.PAIR)
    sender.bind(f"inproc://{name}")
    receiver = context.socket(zmq.PAIR)
    receiver.connect(f"inproc://{name}")
    session = Session(key=b"")
    return sender, SlicedPollChannel(receiver, session), session


def test_a_waiting_message_is_returned_with_its_type() -> None:
    async def scenario() -> dict:
        sender, channel, session = channel_pair("waiting")
        session.send(sender, "execute_reply", {"status": "ok"})
        return await channel.get_msg(timeout=30)

    reply = run(scenario)
    assert reply["msg_type"] == "execute_reply" and reply["content"] == {"status": "ok"}


def test_no_message_raises_empty_at_the_timeout_not_at_the_first_slice() -> None:
    async def scenario() -> float:
        _, channel, _ = channel_pair("silent")
        start = time.monotonic()
        with pytest.raises(Empty):
            await channel.get_msg(timeout=3 * POLL_SLICE)
        return time.monotonic() - start

    assert run(scenario) >= 3 * POLL_SLICE


def test_a_message_sent_during_the_wait_ends_it() -> None:
    async def scenario() -> dict:
        sender, channel, session = channel_pair("later")
        waiting = asyncio.ensure_future(channel.get_msg(timeout=30))
        await asyncio.sleep(2 * POLL_SLICE)
        assert not waiting.done()
        session.send(sender, "status", {"execution_state": "idle"})
        return await waiting

    assert run(scenario)["content"] == {"execution_state": "idle"}


def test_the_kernel_manager_hands_out_sliced_clients() -> None:
    client = PromptKernelManager(kernel_name="python3").client()
    assert client.shell_channel_class is SlicedPollChannel
    assert client.iopub_channel_class is SlicedPollChannel
