"""`jcpoa-course grade` run by an ordinary user, not root: the mode of an instructor's laptop.

Without root there are no per-slot uids and no chown: bubblewrap makes an unprivileged user
namespace itself. The test drops to ``nobody`` (uid 65534) in a mount namespace of its own, where
the grader's Python, if it lives in a folder closed to other users (a pyenv under ``/root``), is
made reachable the way the sandbox does it for kernels. Then it grades a small class with a
reader of secrets and a caller on the network among them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from grading_course import ASSIGNMENT, SECRET, autograded_text, build_course, mixed_class, submit, totals
from test_grading_sandbox import LocalServer, cell_text, hostile_submissions

from jcpoa_course.instructor.grading.sandbox import closed_ancestors, interpreter_paths

NOBODY = 65534
TOOLS = ("unshare", "setpriv", "mount", "bwrap")

pytestmark = [
    pytest.mark.grading,
    pytest.mark.timeout(600),
    pytest.mark.skipif(os.geteuid() != 0, reason="switching to another user needs root"),
    pytest.mark.skipif(any(shutil.which(tool) is None for tool in TOOLS), reason=f"needs {', '.join(TOOLS)}"),
]



def as_nobody(command: list[str], stash: Path) -> str:
    """A shell script: reveal the grader's Python in a private mount namespace, then run
    ``command`` as nobody, with no capabilities."""
    reveal = interpreter_paths()
    closed = closed_ancestors(reveal)
    hidden_python = [path for path in reveal if any(path.is_relative_to(folder) for folder in closed)]
    lines = ["set -e"]
    for number, path in enumerate(hidden_python):
        lines += [f"mkdir -p {stash}/{number}", f"mount --bind {path} {stash}/{number}"]
    lines += [f"mount -t tmpfs -o mode=755 tmpfs {folder}" for folder in closed]
    for number, path in enumerate(hidden_python):
        lines += [f"mkdir -p {path}", f"mount --move {stash}/{number} {path}"]
    lines.append(f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups -- {' '.join(command)}")
    return "\n".join(lines)


def unprivileged_namespaces_work() -> bool:
    probe = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--",
             "bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def test_an_ordinary_user_grades_in_the_sandbox(open_folder: Path) -> None:
    if not unprivileged_namespaces_work():
        pytest.skip("this kernel does not give unprivileged users namespaces")
    root = build_course(open_folder / "course", timeout=3)
    expected = mixed_class(root, 3)
    server = LocalServer()
    try:
        for name in ("reader", "caller"):
            submit(root, name, hostile_submissions(root, server.port)[name])
        (open_folder / "home").mkdir()
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(open_folder)], check=True)
        grader = Path(sys.executable).with_name("jcpoa-course")
        command = [str(grader), "grade", ASSIGNMENT, "--course-root", str(root), "--no-progress"]
        env = {"PATH": f"{grader.parent}:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(open_folder / "home"),
               "LANG": "C.UTF-8"}
        run = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c",
             as_nobody(command, open_folder / "stash")],
            capture_output=True, text=True, env=env, timeout=500)
    finally:
        server.close()

    assert run.returncode == 0, run.stdout + run.stderr
    assert "5 graded, 0 failed" in run.stdout
    assert "Warning" not in run.stderr  # nbgrader's SQLAlchemy warnings would bury the progress bar
    assert totals(root) == {**expected, "reader": 4.0, "caller": 4.0}
    assert (root / "autograded" / "reader").stat().st_uid == NOBODY  # graded by nobody, not root
    assert SECRET not in autograded_text(root, "reader")
    assert "SQLite format" not in autograded_text(root, "reader")
    assert "blocked" in cell_text(root, "reader", "greeting")
    assert "blocked" in cell_text(root, "caller", "greeting")
    assert "CONNECTED" not in cell_text(root, "caller", "greeting") and server.accepted == 0
