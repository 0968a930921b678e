"""The Jupyter settings of each role on the hub: what the server and JupyterLab offer.

Each user server reads one extra config folder (``JUPYTER_CONFIG_PATH``), by role:

- **student**: nbgrader's *Assignments* tab (fetch, submit, fetch feedback) and *Validate*;
  Formgrader, course management and *Create assignment* are switched off in the server (their
  web handlers do not exist) and in JupyterLab (their menus and panels do not load).
- **instructor**: everything nbgrader offers, with the course root in the instructor's home.

Both share the exchange folder and course id, never ask about (or fetch) Jupyter's news, and open
a ``.md`` file as a notebook (Jupytext):
the book's chapters are MyST text notebooks, and its JupyterHub launch button opens one of them
by its ``.md`` path, which JupyterLab would otherwise show as plain Markdown.

Hiding Formgrader is convenience, not security:
a student who switched it back on would run it with their own rights, and the course root
(source notebooks, gradebook) is closed to them by file permissions.
"""

from __future__ import annotations

import json
from pathlib import Path

from .accounts import COURSE_ID

PRIVATE_SUBMIT = "jcpoa_course.instructor.hub.exchange.PrivateSubmit"
INSTRUCTOR_ONLY_SERVER = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
# JupyterLab's defaults on the hub (and in `make lab`): a .md chapter opens as a notebook (Jupytext),
# and no server asks "Would you like to get notified about official Jupyter news?" or fetches news or
# updates: the hub works with no outside network.
TEXT_NOTEBOOKS = {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook"}}}
NO_NEWS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
LAB_DEFAULTS = {**TEXT_NOTEBOOKS, **NO_NEWS}
INSTRUCTOR_ONLY_LAB = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
                       "@jupyter/nbgrader:create-assignment")


def write_config_dirs(target: Path, exchange_root: Path, course_root: Path) -> None:
    """Write ``target/student`` and ``target/instructor`` (readable by all, nothing secret in them).

    The local hub writes them into its state folder; the cluster image (hub/kubernetes/Dockerfile)
    bakes them in with `jcpoa-course hub jupyter-config`.
    """
    exchange = (f"c.Exchange.root = {str(exchange_root)!r}\n"
                f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
                f"c.ExchangeFactory.submit = {PRIVATE_SUBMIT!r}\n")
    student = target / "student"
    _write(student / "nbgrader_config.py", "c = get_config()  # noqa: F821\n" + exchange)
    _write(student / "jupyter_server_config.json", json.dumps(
        {"ServerApp": {"jpserver_extensions": {name: False for name in INSTRUCTOR_ONLY_SERVER}}}, indent=2))
    _write(student / "labconfig" / "page_config.json", json.dumps(
        {"disabledExtensions": {name: True for name in INSTRUCTOR_ONLY_LAB}}, indent=2))
    for role in ("student", "instructor"):
        _write(target / role / "labconfig" / "default_setting_overrides.json", json.dumps(LAB_DEFAULTS, indent=2))
    course_config = course_root / "nbgrader_config.py"
    _write(target / "instructor" / "nbgrader_config.py",
           "c = get_config()  # noqa: F821\n"
           f"load_subconfig({str(course_config)!r})  # noqa: F821 (the course's own settings)\n" + exchange)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)
