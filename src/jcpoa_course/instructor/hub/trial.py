"""A throwaway class hub: a made-up roster, a temporary folder, everything removed afterwards.

For the tests and the load benchmark, and for an instructor who wants to try the hub without
touching real accounts. Account names carry a random tag (``jt3fa2-s01``) so two trials on one
machine never meet; on exit the hub and every server stop, the accounts and their homes are
deleted and the folder is removed, whether the trial passed or failed.
"""

from __future__ import annotations

import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..course import CourseError
from .accounts import remove_accounts
from .hub_api import HubUser
from .launcher import HubOptions, HubProcess, prepare_hub
from .settings import HubSettings


@dataclass
class TrialHub:
    settings: HubSettings
    passwords: dict[str, str]
    process: HubProcess
    folder: Path

    @property
    def instructor(self) -> str:
        return self.settings.instructor

    @property
    def students(self) -> tuple[str, ...]:
        return self.settings.students

    def user(self, name: str) -> HubUser:
        return HubUser(self.settings.url, name, self.passwords[name])

    def run_as(self, name: str, command: Sequence[str], timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``command`` as ``name``, with the environment their server's terminals have."""
        account = pwd.getpwnam(name)
        env = {"HOME": account.pw_dir, "USER": name, "LOGNAME": name, "SHELL": "/bin/bash",
               "JUPYTERHUB_USER": name, **self.settings.server_environment(name)}
        env["PATH"] = f"{env.pop('PATH_PREFIX')}:/usr/local/bin:/usr/bin:/bin"
        return subprocess.run(["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--init-groups",
                               "--", *command], env=env, cwd=account.pw_dir, capture_output=True, text=True,
                              timeout=timeout)

    def log(self) -> str:
        return (self.folder / "hub.log").read_text(errors="replace")


@contextmanager
def trial_hub(students: int = 2, memory_mib: int = 1024, cpus: float = 1.0,
              checkout: Path | None = None) -> Iterator[TrialHub]:
    """Start a hub for an instructor and ``students`` students; tear everything down on exit.

    ``checkout`` is where the hub takes its config and the course from (this one by default).
    """
    tag = secrets.token_hex(2)
    names = [f"jt{tag}-teach", *(f"jt{tag}-s{number:02d}" for number in range(1, students + 1))]
    folder = Path(tempfile.mkdtemp(prefix=f"jcpoa-hub-{tag}-"))
    folder.chmod(0o755)
    roster = folder / "roster.csv"
    roster.write_text("username,role\n" + "".join(f"{name},{'instructor' if number == 0 else 'student'}\n"
                                                  for number, name in enumerate(names)), encoding="utf-8")
    process = None
    try:
        options = HubOptions(roster=roster, state=folder / "state", home_base=folder / "home", port=_free_port(),
                             memory_mib=memory_mib, cpus=cpus)
        settings, passwords = prepare_hub(replace(options, checkout=checkout) if checkout else options)
        process = HubProcess(settings, log=folder / "hub.log")
        try:
            process.wait_ready()
        except CourseError as error:
            raise CourseError(f"{error}; the hub's log ends:\n{(folder / 'hub.log').read_text()[-3000:]}") from None
        yield TrialHub(settings, passwords, process, folder)
    finally:
        if process is not None:
            process.stop()
        remove_accounts(names)
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answered_notebook(released: dict, source: dict) -> dict:
    """A released notebook with every answer cell filled in from the source's solutions: a
    simulated student who gets everything right (tests and the load benchmark)."""
    solutions = {cell["metadata"]["nbgrader"]["grade_id"]: _text(cell["source"]) for cell in source["cells"]
                 if cell["metadata"].get("nbgrader", {}).get("solution")}
    for cell in released["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell["source"] = "\n".join(line for line in solutions[grade_id].splitlines() if "SOLUTION" not in line)
    return released


def _text(source: str | list[str]) -> str:
    return "".join(source) if isinstance(source, list) else source
