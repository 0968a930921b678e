"""Asking the JupyterLab a notebook runs in to open or save a document, through ipylab.

A kernel cannot reach the lab's interface by itself; ipylab's widget carries JupyterLab
commands (``docmanager:open``, ``docmanager:save``) to the page that shows the notebook.
The lab names files by their path under its root folder, which the kernel learns from its
parent, the Jupyter server, in the server's runtime file. Outside a JupyterLab (a test
through nbclient, classic Notebook, VS Code) nothing answers: the commands are dropped, and the
home page's links still open the files.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

SAVE_WAIT_SECONDS = 2.0
READY_WAIT_SECONDS = 5.0
_LAB_READY = threading.Event()  # set when the lab says it has the front end's widget


@cache
def _front_end():
    """The one ipylab front end of this kernel (None outside a kernel, or where ipylab is not installed)."""
    from IPython import get_ipython

    if getattr(get_ipython(), "kernel", None) is None:
        return None
    try:
        from ipylab import JupyterFrontEnd
    except ImportError:
        return None
    front_end = JupyterFrontEnd()
    front_end.on_ready(_LAB_READY.set)
    return front_end


def when_ready(action: Callable[[], None]) -> None:
    """Run ``action`` once the lab has the front end's widget (a command sent before is lost), or
    after ``READY_WAIT_SECONDS`` where no lab answers (VS Code, classic Notebook), or now outside
    a kernel. ``action`` runs once. The widget is made here, when the cell runs, not on a click."""
    front_end = _front_end()
    if front_end is None or _LAB_READY.is_set():
        action()
        return
    first = threading.Lock()  # taken by whichever of the two comes first

    def once() -> None:
        if first.acquire(blocking=False):
            action()

    front_end.on_ready(once)
    timer = threading.Timer(READY_WAIT_SECONDS, once)
    timer.daemon = True
    timer.start()


def server_root() -> Path | None:
    """The root folder of the Jupyter server that started this kernel, if it is one."""
    from jupyter_server.serverapp import list_running_servers

    for info in list_running_servers():
        if info.get("pid") == os.getppid() and info.get("root_dir"):
            return Path(info["root_dir"]).resolve()
    return None


def lab_path(path: Path, root: Path | None = None) -> str | None:
    """``path`` as the lab names it (relative to its root, with /), or None outside the root."""
    root = root or server_root()
    if root is None:
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def open_in_lab(path: Path) -> bool:
    """Ask the lab to open ``path`` in a tab; False when there is no lab to ask."""
    front_end, where = _front_end(), lab_path(path)
    if front_end is None or where is None:
        return False
    front_end.commands.execute("docmanager:open", {"path": where})
    return True


def save_in_lab(path: Path) -> None:
    """Ask the lab to save the current document (the notebook whose button was clicked) and
    wait, at most ``SAVE_WAIT_SECONDS``, until ``path`` on disk has changed."""
    front_end = _front_end()
    if front_end is None or lab_path(path) is None:
        return
    before = Path(path).stat().st_mtime_ns
    front_end.commands.execute("docmanager:save")
    deadline = time.monotonic() + SAVE_WAIT_SECONDS
    while time.monotonic() < deadline and not _saved(Path(path), before):
        time.sleep(0.1)


def _saved(path: Path, before: int) -> bool:
    """Whether the lab has written ``path`` since ``before`` (its old mtime) and finished writing it.

    Jupyter's server writes a notebook in place (after keeping a backup), so the file is empty, then
    partly written, for a moment after its mtime changes: it is saved once it reads as JSON again."""
    try:
        if path.stat().st_mtime_ns == before:
            return False
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True
