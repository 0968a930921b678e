"""The hub's spawner: each user's server runs as that user's Unix account, inside its limits.

:class:`CourseSpawner` is JupyterHub's ``LocalProcessSpawner`` (the one The Littlest JupyterHub
builds on) with three additions, all read from :class:`~.settings.HubSettings`:

- the server gets the Jupyter settings of the user's role (``JUPYTER_CONFIG_PATH``) and, for the
  instructor, ``JCPOA_COURSE_ROOT`` so ``jcpoa-course`` in a terminal finds the course;
- the server starts in a cgroup of its own with ``mem_limit`` and ``cpu_limit`` enforced by the
  kernel (see :mod:`.limits`), when cgroups can be written here;
- the cgroup is removed when the server stops.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

from .limits import UserCgroup, cgroup_support, make_user_cgroup
from .settings import SETTINGS_ENV, HubSettings


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
        return await super().start()

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
