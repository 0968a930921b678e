"""The hub's spawner: each user's server runs as that user's Unix account, inside its limits.

:class:`CourseSpawner` is JupyterHub's ``LocalProcessSpawner`` (the one The Littlest JupyterHub
builds on) with three additions, all read from :class:`~.settings.HubSettings`:

- the server gets the Jupyter settings of the user's role (``JUPYTER_CONFIG_PATH``) and, for the
  instructor, ``JCPOA_COURSE_ROOT`` so ``jcpoa-course`` in a terminal finds the course; it opens
  on the role's home page (:mod:`.homes`);
- the server starts in a cgroup of its own with ``mem_limit`` and ``cpu_limit`` enforced by the
  kernel (see :mod:`.limits`), when cgroups can be written here;
- the cgroup is removed when the server stops;
- a server that cannot start says why: ``start`` returns only once the server listens, and
  fails with the reason (the error starting it, or the last lines it wrote before it exited).
  JupyterHub passes that message on to the API, the user's spawn page and the hub's log, which
  ``jcpoa-course hub up`` prints, instead of a bare "error". The server's output still goes to
  the hub's log, line by line.
"""

from __future__ import annotations

import asyncio
import collections
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from jupyterhub.spawner import LocalProcessSpawner
from tornado import web
from traitlets import Unicode

from .homes import home_page
from .limits import UserCgroup, cgroup_support, make_user_cgroup
from .settings import SETTINGS_ENV, HubSettings

TAIL_LINES = 20  # what a server wrote last, kept to say why it stopped


class CourseSpawner(LocalProcessSpawner):
    """LocalProcessSpawner + role settings + kernel-enforced memory/CPU ceilings."""

    settings_file = Unicode(help="the hub settings JSON written by `jcpoa-course hub up`").tag(config=True)

    _cgroup: UserCgroup | None = None

    def _default_settings_file(self) -> str:
        return os.environ.get(SETTINGS_ENV, "")

    @property
    def hub_settings(self) -> HubSettings:
        return HubSettings.load(Path(self.settings_file or os.environ[SETTINGS_ENV]))

    def get_env(self) -> dict[str, str]:
        env = super().get_env()
        extra = self.hub_settings.server_environment(self.user.name)
        env["PATH"] = f"{extra.pop('PATH_PREFIX')}{os.pathsep}{env.get('PATH', os.defpath)}"
        return {**env, **extra}

    async def start(self):  # noqa: ANN201 (JupyterHub's signature)
        self._cgroup = None
        if cgroup_support() and (self.mem_limit or self.cpu_limit):
            self._cgroup = make_user_cgroup(self.hub_settings.cgroup, self.user.name,
                                            int(self.mem_limit or 0) or 2**62, float(self.cpu_limit or 64))
        self.popen_kwargs = {**self.popen_kwargs, "stderr": subprocess.PIPE}
        self.default_url = f"/lab/tree/{home_page(self.hub_settings.role_of(self.user.name))}"
        try:
            address = await super().start()
        except OSError as error:  # the server's program could not even be run as the user
            raise _failure(f"{self.user.name}'s server could not start: "
                           f"{(error.strerror or str(error)).lower()}: {error.filename or self.cmd[0]}") from None
        tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        threading.Thread(target=_relay, args=(self.proc.stderr, tail), daemon=True).start()
        await self._listening_or_reason(address, tail)
        return address

    async def _listening_or_reason(self, address: tuple[str, int], tail: collections.deque[str]) -> None:
        """Return once the server accepts connections; if it exits first, fail with its last words."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.start_timeout
        while loop.time() < deadline:
            if self.proc.poll() is not None:
                await asyncio.sleep(0.2)  # let the relay read the last lines
                said = " | ".join(line.strip() for line in list(tail)[-3:] if line.strip()) or "no message"
                raise _failure(f"{self.user.name}'s server stopped while starting (exit code {self.proc.returncode}): "
                               f"{said}")
            if await loop.run_in_executor(None, _accepts, address):
                return
            await asyncio.sleep(0.3)

    def make_preexec_fn(self, name: str):  # noqa: ANN201
        drop_to_user = super().make_preexec_fn(name)
        cgroup = self._cgroup

        def preexec() -> None:
            if cgroup is not None:
                cgroup.join(os.getpid())  # while still root; the user cannot leave it afterwards
            drop_to_user()

        return preexec

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        if self._cgroup is not None:
            self._cgroup.remove()


def _failure(reason: str) -> web.HTTPError:
    """The error JupyterHub shows as it is: in the API's answer, and (``jupyterhub_message``) on
    the user's own spawn page, which otherwise shows only that the start failed."""
    error = web.HTTPError(500, reason)
    error.jupyterhub_message = reason
    return error


def _relay(stream: IO[bytes], tail: collections.deque[str]) -> None:
    """Copy the server's output to the hub's log, keeping its last lines."""
    for raw in iter(stream.readline, b""):
        sys.stderr.buffer.write(raw)
        sys.stderr.flush()
        tail.append(raw.decode(errors="replace"))
    stream.close()


def _accepts(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False
