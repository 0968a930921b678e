"""The sandbox itself, without nbgrader: what a command run in it can see, write and use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from nbgrader.converters.base import NbGraderException

from jcpoa_course.instructor.grading.kernel_death import likely_cause
from jcpoa_course.instructor.grading.pool import ParallelGrader
from jcpoa_course.instructor.grading.sandbox import (
    KernelSandbox,
    MiB,
    ResourceLimits,
    closed_ancestors,
    find_bwrap,
    remove_non_regular,
)

pytestmark = [pytest.mark.grading, pytest.mark.skipif(os.geteuid() != 0, reason="per-slot uids need root")]

PROBE = """
import os, resource, socket, sys
hidden, workdir = sys.argv[1], sys.argv[2]
print("uid", os.getuid())
print("hidden", os.listdir(hidden))
print("env", sorted(k for k in os.environ if k.startswith("GRADER_")))
open(os.path.join(workdir, "answer.txt"), "w").write("ok")
try:
    open(os.path.join(hidden, "planted.txt"), "w")
    print("wrote hidden")
except OSError as error:
    print("write hidden blocked", type(error).__name__)
try:
    socket.create_connection(("127.0.0.1", 9), timeout=2)
except OSError as error:
    print("network blocked", type(error).__name__)
print("nproc", resource.getrlimit(resource.RLIMIT_NPROC)[0])
print("python", sys.base_prefix, sys.version)
"""


def run_probe(tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path, Path]:
    course = tmp_path / "course"
    (course / "submitted" / "other").mkdir(parents=True)
    (course / "gradebook.db").write_text("secret")
    workdir = course / "autograded" / "me" / "quiz"
    workdir.mkdir(parents=True)
    private = tmp_path / "private"
    private.mkdir()
    sandbox = KernelSandbox(hidden=(course,), uid=61007, limits=ResourceLimits(processes=33), bwrap=find_bwrap())
    sandbox.admit(workdir, private)
    command = sandbox.wrap([sys.executable, "-c", PROBE, str(course), str(workdir)], workdir, private)
    done = subprocess.run(command, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "GRADER_TOKEN": "do-not-leak"})
    return done, course, workdir


def test_the_sandbox_hides_the_course_and_keeps_the_network_out(tmp_path: Path) -> None:
    done, course, workdir = run_probe(tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "uid 61007" in lines
    assert "hidden ['autograded']" in lines  # only the mount point of its own working copy
    assert "env []" in lines  # the grader's environment does not reach student code
    assert "write hidden blocked PermissionError" in lines
    assert any(line.startswith("network blocked") for line in lines)
    assert "nproc 33" in lines
    # The kernel runs the grader's own Python, even when it lives in a closed folder (pyenv in /root).
    assert f"python {sys.base_prefix} {sys.version}".splitlines()[0] in lines
    assert (workdir / "answer.txt").read_text() == "ok"
    assert not (course / "planted.txt").exists()


def test_an_interpreter_under_tmp_is_mounted_back(tmp_path: Path) -> None:
    """A checkout (and its .venv) under /tmp must survive the sandbox's own small /tmp."""
    checkout = Path(tempfile.mkdtemp(dir="/tmp"))
    checkout.chmod(0o755)  # an ordinary checkout: open to other users, so not replaced as a closed folder
    venv = checkout / ".venv"
    sandbox = KernelSandbox(hidden=(tmp_path / "course",), uid=61007, reveal=(venv,))
    mounts = sandbox.wrap(["python"], tmp_path / "work", tmp_path / "private")
    tmpfs = mounts.index("/tmp")
    rebound = [i for i in range(len(mounts) - 2) if mounts[i : i + 3] == ["--ro-bind", str(venv), str(venv)]]
    assert rebound and rebound[0] > tmpfs
    shutil.rmtree(checkout)


def test_reclaim_removes_links_and_returns_the_working_copy(tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    (workdir / "sub").mkdir(parents=True)
    (workdir / "kept.txt").write_text("x")
    (workdir / "sub" / "link").symlink_to("/etc/passwd")
    os.mkfifo(workdir / "pipe")
    sandbox = KernelSandbox(hidden=(), uid=61008)
    sandbox.admit(workdir, tmp_path / "private")
    assert (workdir / "kept.txt").stat().st_uid == 61008
    assert sandbox.reclaim(workdir) == ["pipe", "sub/link"]
    assert remove_non_regular(workdir) == []
    assert (workdir / "kept.txt").stat().st_uid == os.geteuid()


def test_a_gradebook_outside_the_course_is_hidden_too(tmp_path: Path) -> None:
    course, elsewhere = tmp_path / "course", tmp_path / "grades"
    (course / "source" / "quiz").mkdir(parents=True)
    elsewhere.mkdir()
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///{elsewhere}/gradebook.db'\n")
    grader = ParallelGrader(course, "quiz", sandboxed=False)
    assert grader._hidden_paths()[:2] == (course.resolve(), elsewhere.resolve())


def test_limits_and_causes_are_named() -> None:
    assert ResourceLimits(memory_bytes=512 * MiB).prlimit_args()[0] == f"--as={512 * MiB}"
    assert likely_cause(128 + 9) == "killed: memory or wall-time limit"
    assert likely_cause(-24) == "CPU time limit reached"
    assert likely_cause(None) == "stopped responding"


def test_a_pipeline_without_an_execute_step_is_refused(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "source" / "quiz").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.Autograde.autograde_preprocessors = ['nbgrader.preprocessors.LimitOutput']\n")
    with pytest.raises(NbGraderException, match="no nbgrader Execute step"):
        ParallelGrader(course, "quiz", sandboxed=False)


def test_unknown_assignment_and_student_are_named(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "source" / "quiz").mkdir(parents=True)
    (course / "submitted" / "ana" / "quiz").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    with pytest.raises(NbGraderException, match="unknown assignment 'quizz'; expected one of: quiz"):
        ParallelGrader(course, "quizz", sandboxed=False)
    with pytest.raises(NbGraderException, match="no submission of 'quiz' for student 'bob'.*submitted: ana"):
        ParallelGrader(course, "quiz", sandboxed=False, students=["bob"])



def run_in_sandbox(sandbox: KernelSandbox, probe: str, folder: Path) -> subprocess.CompletedProcess:
    """Run Debian's python3 on ``probe`` in the sandbox, with a working copy and private folder
    of its own under ``folder``."""
    workdir, private = folder / "work", folder / "private"
    workdir.mkdir()
    sandbox.admit(workdir, private)
    return subprocess.run(sandbox.wrap(["/usr/bin/python3", "-c", probe], workdir, private),
                          capture_output=True, text=True, timeout=60)


def test_a_closed_folder_on_the_way_to_python_is_replaced_by_an_empty_one(open_folder: Path) -> None:
    tmp_path = open_folder
    closed = tmp_path / "home"
    (closed / "python" / "lib").mkdir(parents=True)
    (closed / "secret.txt").write_text("private")
    closed.chmod(0o700)
    sandbox = KernelSandbox(hidden=(), uid=61009, reveal=(closed / "python",))
    assert closed_ancestors(sandbox.reveal) == (closed,)
    probe = f"import os; print(sorted(os.listdir('{closed}')), os.listdir('{closed}/python'))"
    done = run_in_sandbox(sandbox, probe, tmp_path)
    assert done.stdout.split("\n")[0] == "['python'] ['lib']", done.stderr


def test_what_is_hidden_stays_hidden_inside_a_revealed_folder(open_folder: Path) -> None:
    closed = open_folder / "home"
    course = closed / "python" / "course"
    course.mkdir(parents=True)
    (course / "gradebook.db").write_text("secret")
    closed.chmod(0o700)
    sandbox = KernelSandbox(hidden=(course,), uid=61010, reveal=(closed / "python",))
    probe = f"import os; print(os.listdir('{closed}/python'), os.listdir('{course}'))"
    done = run_in_sandbox(sandbox, probe, open_folder)
    assert done.stdout.split("\n")[0] == "['course'] []", done.stderr
