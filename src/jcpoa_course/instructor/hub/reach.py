"""Can every account reach what its server needs? Checked before the hub makes any account.

Each user's server runs as that user, so everything it reads must be open to every account: the
user environment (the Python, its packages), the per-role Jupyter settings, the exchange, the
homes. A clone in a home folder is the usual trap: Debian makes homes 0700 and ``/root`` is
0700, so nothing under them can be read by students. TLJH keeps its user environment under
``/opt/tljh/user`` for that reason; ``make hub-env`` installs this course's under
:data:`ENV_ROOT`, one per checkout (:func:`default_user_env`), so two clones never share or
break one environment.

:func:`check_reach` names the first closed folder on the way to each place, what needs it and the
option that moves it; :func:`check_user_env` also starts the environment's Python as ``nobody``
and finds and opens the packages a server imports, which catches what modes alone do not show (an editable
install pointing back into a closed checkout, a file written with a private umask).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

from ..course import CourseError

ENV_ROOT = Path("/opt/jcpoa-course")
ENV_VARIABLE = "JCPOA_HUB_ENV"  # the Makefile exports HUB_ENV under this name
NOBODY = 65534  # uid and gid of nobody / nogroup on Debian
# Find and read the first file of each package a server imports (quick: nothing is executed), and
# say where the course package is.
SERVER_PACKAGES = ("jupyterhub", "jupyter_server", "jupyterlab", "nbgrader", "ipykernel", "jcpoa_course")
FIND_PACKAGES = ("import importlib.util as u\n"
                 f"for name in {SERVER_PACKAGES!r}:\n"
                 "    spec = u.find_spec(name)\n"
                 "    assert spec and spec.origin, f'cannot find {name}'\n"
                 "    open(spec.origin, 'rb').close()\n"
                 "print(spec.origin)\n")


def default_user_env(checkout: Path) -> Path:
    """``$JCPOA_HUB_ENV``, else ``/opt/jcpoa-course/<checkout name>-<hash of its path>/user-env``.

    The Makefile computes the same path (``HUB_ENV``) with ``sha256sum``; a test holds them equal.
    """
    if os.environ.get(ENV_VARIABLE):
        return Path(os.environ[ENV_VARIABLE])
    key = hashlib.sha256(str(checkout).encode()).hexdigest()[:10]
    return ENV_ROOT / f"{checkout.name}-{key}" / "user-env"


def closed_folder(path: Path) -> Path | None:
    """The first folder on the way to ``path`` (itself included, if it exists) that other accounts
    cannot enter, or None. Folders not made yet are skipped: they will be made open."""
    for folder in (*reversed(path.parents), path):
        if folder.is_dir() and not folder.stat().st_mode & stat.S_IXOTH:
            return folder
    return None


def check_reach(places: dict[Path, tuple[str, str]]) -> None:
    """Refuse if a place the servers read is closed; ``places`` maps each to (what it holds, the fix)."""
    for path, (what, option) in places.items():
        folder = closed_folder(path)
        if folder is not None:
            raise CourseError(f"{what} would be in {path}, but {folder} (mode {_mode(folder)}) is closed to other "
                              f"accounts, so the users' servers could not read it: choose a place outside it "
                              f"with {option}")


def check_user_env(user_env: Path) -> None:
    """The users' servers run from ``user_env``: it must exist, be open to every account, and work as one."""
    python = user_env / "bin" / "python"
    if not python.exists():
        raise CourseError(f"no user environment at {user_env}: build it with 'make hub-env' "
                          f"(HUB_ENV=... or ${ENV_VARIABLE} to put it elsewhere)")
    fix = f"rebuild it in an open place: make hub-env HUB_ENV={ENV_ROOT}/<name>/user-env"
    for path in (user_env, Path(os.path.realpath(python))):
        folder = closed_folder(path)
        if folder is not None:
            raise CourseError(f"the user environment {user_env} needs {path}, but {folder} (mode {_mode(folder)}) "
                              f"is closed to other accounts: {fix}")
    _import_as_nobody(user_env, python, fix)


def _import_as_nobody(user_env: Path, python: Path, fix: str) -> None:
    """Start the environment's Python as ``nobody``; find and open the packages a server imports."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        return
    done = subprocess.run([setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", str(python), "-I",
                           "-c", FIND_PACKAGES], capture_output=True, text=True, cwd="/", timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"})
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise CourseError(f"the user environment {user_env} does not work for another account ({reason}): {fix}")
    package = Path(done.stdout.strip())
    if user_env.resolve() not in package.resolve().parents:
        raise CourseError(f"the user environment {user_env} takes the course package from {package.parent}, "
                          f"outside itself (an editable install): {fix} (the Makefile installs it --no-editable)")


def _mode(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):04o}"
