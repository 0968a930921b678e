"""`jcpoa-course lab` (what `make lab` runs): JupyterLab on the course, set up for a self-learner.

The lab's root is the repository, so the chapters (``book/*.md``, opened as notebooks by
Jupytext), the interactives and the learner's copies (``notebooks/work/``) are all inside it; it
opens on the course home (``notebooks/home.ipynb``, written again when out of date), with the file
browser in ``notebooks/``.

What a self-learner does not need is switched off for this launch only, through one extra
Jupyter config folder (``JUPYTER_CONFIG_PATH``), the way the class hub sets up a student's
server (:mod:`..hub.jupyter_config`, whose lists are reused here): nbgrader's instructor tools
(Formgrader, Course List, Create Assignment) and, since a self-learner has no exchange and checks
with the course's own button, its Assignments and Validate too; JupyterLab's "official Jupyter
news" question and its update check. Nothing is written into the environment, so the
instructor's own ``jupyter lab`` in ``assignments/`` keeps every nbgrader tool.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from jupyter_core.paths import jupyter_runtime_dir

from ..course import Course, locate_course, one_line_errors
from ..hub.jupyter_config import INSTRUCTOR_ONLY_LAB, INSTRUCTOR_ONLY_SERVER, NO_NEWS, TEXT_NOTEBOOKS
from .home_notebook import HOME_NAME, write_home

# A self-learner has no nbgrader exchange to list or submit to, and checks with "Check my answers".
NO_EXCHANGE_LAB = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment",
                   "@jupyter/nbgrader:menu")
NO_EXCHANGE_SERVER = ("nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.validate_assignment")


def learner_config() -> dict[str, dict]:
    """The files of the learner's config folder, by path inside it, as JSON values."""
    return {
        "jupyter_server_config.json": {"ServerApp": {"jpserver_extensions": {
            name: False for name in INSTRUCTOR_ONLY_SERVER + NO_EXCHANGE_SERVER}}},
        "labconfig/page_config.json": {"disabledExtensions": {
            name: True for name in INSTRUCTOR_ONLY_LAB + NO_EXCHANGE_LAB}},
        "labconfig/default_setting_overrides.json": {**TEXT_NOTEBOOKS, **NO_NEWS},
    }


def write_learner_config(parent: Path | None = None) -> Path:
    """Write the learner's config folder (named by its content, in Jupyter's runtime folder) and return it.

    Two labs started from different versions of the course never share one folder.
    """
    files = {name: json.dumps(value, indent=2, sort_keys=True) for name, value in learner_config().items()}
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]
    folder = Path(parent or jupyter_runtime_dir()) / f"jcpoa-course-lab-{digest}"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # a lab starting at the same moment never reads half a file
    return folder


def lab_command(course: Course, port: int | None = None, open_browser: bool = True) -> list[str]:
    """The `jupyter lab` command line for the self-learner's lab on ``course``."""
    repo = course.root.parent
    home = (course.learner_folder / HOME_NAME).relative_to(repo).as_posix()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={repo}",
               f"--FileContentsManager.preferred_dir={course.learner_folder.relative_to(repo).as_posix()}",
               f"--LabApp.default_url=/lab/tree/{home}"]
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    return command


def learner_environment(config: Path) -> dict[str, str]:
    """This process's environment with the learner's config folder first on JUPYTER_CONFIG_PATH."""
    paths = [str(config), *filter(None, os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    return {**os.environ, "JUPYTER_CONFIG_PATH": os.pathsep.join(paths)}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``lab`` to the CLI."""
    lab = subparsers.add_parser("lab", help="self-learners: JupyterLab on the course home (what `make lab` runs)",
                                description="JupyterLab on the course home, without nbgrader's instructor tools. "
                                "JUPYTER_TOKEN and JUPYTER_PORT are read from the environment as usual.")
    lab.add_argument("--port", type=int, help="port on localhost (default: JupyterLab's, 8888 or the next free)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.add_argument("--write-home", action="store_true",
                     help="only write notebooks/home.ipynb again from the book's outline (after a chapter changes)")
    lab.set_defaults(handler=one_line_errors(_lab))


def _lab(args: argparse.Namespace) -> int:
    course = locate_course()
    if write_home(course.root.parent, course.learner_folder / HOME_NAME):
        print(f"wrote the course home: {course.learner_folder / HOME_NAME}")
    elif args.write_home:
        print(f"the course home is up to date: {course.learner_folder / HOME_NAME}")
    if args.write_home:
        return 0
    config = write_learner_config()
    command = lab_command(course, args.port, open_browser=not args.no_browser)
    sys.stdout.flush()
    os.execve(command[0], command, learner_environment(config))  # Ctrl-C stops the lab as it always does
    return 0  # not reached
