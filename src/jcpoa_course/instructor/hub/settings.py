"""What the launcher decides and the hub's config file reads: one JSON file in the state folder.

``jcpoa-course hub up`` writes it; ``hub/jupyterhub_config.py`` reads it (the path comes in
``JCPOA_HUB_SETTINGS``), so the two never disagree about ports, folders or limits.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

SETTINGS_ENV = "JCPOA_HUB_SETTINGS"
MiB = 1024 * 1024


@dataclass(frozen=True)
class HubSettings:
    state: Path  # holds hub/ (root-only: database, cookie secret, logins), jupyter/ and exchange/
    port: int  # the public port (the proxy)
    hub_api_port: int
    proxy_api_port: int
    proxy_command: str  # configurable-http-proxy from node_modules
    instructor: str
    students: tuple[str, ...]
    course_root: Path
    exchange: Path
    venv_bin: Path  # the users' environment (`make hub-env`), outside the checkout
    hub_config: Path  # hub/jupyterhub_config.py of the checkout the hub was started from
    cgroup: str  # the hub's cgroup name; one child per user server
    memory_mib: int = 1024
    cpus: float = 1.0
    cull_idle_seconds: int = 3600
    book_port: int = 0  # the built book, served by the hub at /services/book/ (0: no built book)

    @property
    def book_root(self) -> Path:
        """What the book service serves: ``services/book`` in it is the built book (a link)."""
        return self.state / "book"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config_dir(self, role: str) -> Path:
        """The Jupyter config folder a user server of ``role`` reads (written by :mod:`.jupyter_config`)."""
        return self.state / "jupyter" / role

    def role_of(self, username: str) -> str:
        return "instructor" if username == self.instructor else "student"

    def server_environment(self, username: str) -> dict[str, str]:
        """What a user's server (and so its terminals and kernels) gets on top of JupyterHub's own."""
        role = self.role_of(username)
        env = {"JUPYTER_CONFIG_PATH": str(self.config_dir(role)), "PATH_PREFIX": str(self.venv_bin)}
        if role == "instructor":
            env["JCPOA_COURSE_ROOT"] = str(self.course_root)
        return env

    def save(self, path: Path) -> None:
        data = {key: (str(value) if isinstance(value, Path) else value) for key, value in asdict(self).items()}
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for key in ("state", "course_root", "exchange", "venv_bin", "hub_config"):
            data[key] = Path(data[key])
        data["students"] = tuple(data["students"])
        return cls(**data)
