"""The clean process that grading workers are forked from.

Workers are not forked from the grader itself: a process that already runs asyncio loops or
kernel connections (a test session, a notebook, a web app) cannot be forked safely, since the
child would share the parent's event-loop and ZeroMQ file descriptors. multiprocessing's
*forkserver* is a fresh interpreter started for the purpose; it imports the grading code
(nbgrader, about 2 s) and the judging steps once, and every worker is a cheap fork of it.

This module imports nothing heavy, so the command line can start the server before it
imports nbgrader itself: the two imports then run side by side on two cores.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

GRADING_MODULE = "jcpoa_course.instructor.grading.pool"
JUDGING_MODULE = "jcpoa_course.instructor.grading.judging.steps"  # named in the course config, not imported


def worker_context() -> BaseContext:
    """The forkserver context, with the grading code imported in the server (once)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([GRADING_MODULE, JUDGING_MODULE])
    return context


def start_worker_server() -> None:
    """Start the server now (it imports the grading code in the background); idempotent."""
    worker_context()
    forkserver.ensure_running()
