"""Starting and stopping the class hub: accounts, folders, settings, then JupyterHub itself.

:func:`prepare_hub` does everything that needs root before the hub starts (accounts from the
roster, the instructor's course, the exchange, the per-role Jupyter settings) and returns the
:class:`~.settings.HubSettings` and the logins. :class:`HubProcess` runs JupyterHub (which
starts configurable-http-proxy and, on demand, the user servers) and stops all of it.
`jcpoa-course hub up`, the tests and the load benchmark all go through these two.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError
from .accounts import create_accounts, install_course, prepare_exchange, read_logins, write_logins
from .class_roster import read_roster
from .homes import write_homes
from .jupyter_config import write_config_dirs
from .limits import remove_group
from .reach import check_reach, check_user_env, default_user_env
from .settings import SETTINGS_ENV, HubSettings

REPO = Path(__file__).resolve().parents[4]
USER_ENV = default_user_env(REPO)  # `make hub-env`: the lock file installed where every account can read it
BOOK_PATH = "/services/book"  # where the hub serves the built book (hub/jupyterhub_config.py)


@dataclass(frozen=True)
class HubOptions:
    """What an instructor may choose when starting the hub (`jcpoa-course hub up --help`)."""

    roster: Path
    state: Path = Path("/srv/jcpoa-hub")
    home_base: Path = Path("/home")
    port: int = 8800
    memory_mib: int = 1024
    cpus: float = 1.0
    cull_idle_seconds: int = 3600
    checkout: Path = REPO  # the hub's config, the proxy (node_modules) and the course (assignments/): root reads them
    user_env: Path = USER_ENV

    @property
    def hub_config(self) -> Path:
        return self.checkout / "hub" / "jupyterhub_config.py"

    @property
    def proxy(self) -> Path:
        return self.checkout / "node_modules" / ".bin" / "configurable-http-proxy"

    @property
    def assignments(self) -> Path:
        return self.checkout / "assignments"


def prepare_hub(options: HubOptions) -> tuple[HubSettings, dict[str, str]]:
    """Accounts, course, exchange and settings for the roster; returns the settings and the logins.

    Every folder the users' servers will read is checked first (:mod:`.reach`): a closed one
    stops the start with its name and the fix, before any account is made.
    """
    if os.geteuid() != 0:
        raise CourseError("the hub makes one Unix account per user and starts servers as them: run it as root")
    if not options.proxy.exists():
        raise CourseError(f"{options.proxy} is missing: install the npm packages first (make hub does: npm ci)")
    roster = read_roster(options.roster)
    state = options.state.resolve()
    check_user_env(options.user_env)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    (state / "hub").mkdir(exist_ok=True)
    (state / "hub").chmod(0o700)
    check_reach({state / "jupyter": ("the users' Jupyter settings", "--state"),
                 state / "exchange": ("nbgrader's exchange", "--state"),
                 options.home_base.resolve(): ("the users' homes (the instructor's holds the course)", "--home-base")})
    logins = state / "hub" / "logins.csv"
    passwords = create_accounts(roster, options.home_base.resolve(), read_logins(logins))
    write_logins(passwords, logins)
    course = install_course(roster.instructor, options.assignments)
    exchange = state / "exchange"
    prepare_exchange(exchange, roster.instructor)
    hub_api, proxy_api, book_port = _free_ports(3)
    book = serve_book(options.checkout / "_build" / "html", state / "book")
    settings = HubSettings(
        state=state, port=options.port, hub_api_port=hub_api, proxy_api_port=proxy_api,
        proxy_command=str(options.proxy),
        instructor=roster.instructor.username, students=tuple(m.username for m in roster.students),
        course_root=course, exchange=exchange, venv_bin=options.user_env / "bin", hub_config=options.hub_config,
        cgroup=f"jcpoa-hub-{options.port}", memory_mib=options.memory_mib, cpus=options.cpus,
        cull_idle_seconds=options.cull_idle_seconds, book_port=book_port if book else 0,
    )
    settings.save(settings_path(settings))
    write_config_dirs(state / "jupyter", exchange, course)
    write_homes(roster, options.checkout, course, exchange, f"{settings.url}{BOOK_PATH}" if book else None)
    return settings, passwords


def serve_book(html: Path, root: Path) -> bool:
    """Link the built book (``make book``) where the hub's book service serves it; False if not built.

    The hub serves its own copy of the book at :data:`BOOK_PATH`, so a class needs no outside network.
    """
    link = root / "services" / "book"
    if link.is_symlink():
        link.unlink()
    if not (html / "index.html").is_file():
        return False
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(html.resolve(), target_is_directory=True)
    return True


def settings_path(settings: HubSettings) -> Path:
    return settings.state / "hub" / "settings.json"


class HubProcess:
    """JupyterHub running with the course's config; :meth:`stop` ends it and everything it started."""

    def __init__(self, settings: HubSettings, log: Path | None = None) -> None:
        self.settings = settings
        env = {**os.environ, SETTINGS_ENV: str(settings_path(settings))}
        env["PATH"] = f"{settings.venv_bin}{os.pathsep}{env.get('PATH', os.defpath)}"
        self._log = open(log, "ab") if log else None  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(settings.venv_bin / "jupyterhub"), "-f", str(settings.hub_config)], cwd=settings.state / "hub",
            env=env,
            stdout=self._log, stderr=subprocess.STDOUT if self._log else None, start_new_session=log is not None,
            preexec_fn=_default_sigint,
        )

    def wait_ready(self, timeout: float = 90) -> None:
        """Return once the hub answers through the proxy; fail with the reason if it died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CourseError(f"JupyterHub exited with code {self.process.returncode} while starting")
            try:
                with urllib.request.urlopen(f"{self.settings.url}/hub/api", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CourseError(f"JupyterHub did not answer on {self.settings.url} within {timeout:.0f} s")

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM (JupyterHub then stops every user server and the proxy), then SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        remove_group(self.settings.cgroup)
        if self._log:
            self._log.close()


def _default_sigint() -> None:
    """A hub started from a background shell inherits SIGINT ignored, and passes that on to every
    server it starts, which then ignore JupyterHub's polite stop: give them the default back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports
